"""The compiled accelerator only narrows where rules look: findings are the same with it and without it.

Two promises are checked. The widening (``medlint.checks.superset``) never
loses a match: wherever a ``regex`` pattern matches, one of its widened
expressions ends inside that match (after its first character, at its end at
the latest) in the page's ASCII image, so the sentence holding the match is
searched. And a whole
run gives identical findings either way, on every fixture corpus, the shared
seeds and generated pages, through the API and through the real CLI with
its kept, signed database.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.api import Linter
from medlint.checks import accelerator
from medlint.checks.base import Check
from medlint.checks.prefilter import pattern_identity
from medlint.checks.superset import FOLDS, PLACEHOLDER, ascii_image, image, widened
from medlint.config import Config
from medlint.models import Finding

hyperscan = pytest.importorskip("hyperscan", reason="the accelerator needs the 'fast' extra (hyperscan)")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
PAGE_SUFFIXES = (".md", ".mdx", ".txt", ".html", ".htm", ".markdown")

TRICKY = [
    *(r"[^a]b", r"\W+b", r"(?<=a )b", r"a\w", r"[^\d]%", r"\bK\w", r"a[^b]{0,30}c", r"(?-i:K)\s+s"),
    *(r"[\u0100-\u017f]s", r"\u00e9b", r"(?>ab|a)c", r"\s\S\s", r"[^\s]{2}\d", r"\Ga", r"b[’']s", r"a++b"),
    *(r"\d+\s", r"[^k]s", r"(?i:k)b", r"[^\W]{2}", r"[a-c]+\D", r"i\w", r"(?:ab|c){2,}", r"[^’]+s"),
]
ALPHABET = "abcksiKSI\u00e9\u00c9\u212a\u017f\u0130\u0131%3\u0663 \u00a0\n\t’'-"
"""ASCII letters and their non-ASCII case twins, accents, curly quotes, odd spaces and digits."""

EDGES = [
    (r"a\w", "a\u00e9"),
    (r"[^a]b", "\u00e9b"),
    (r"[^k]s", "\u212as"),
    (r"\W+b", "’b"),
    (r"[\u0100-\u017f]s", "\u017fs"),
    (r"\s\S\s", "\u00a0\u00e9\u00a0"),
    (r"\d\d", "3\u0663"),
    (r"(?i)ks", "\u212a\u017f"),
    (r"(?i)\u0131", "I"),
    (r"[^\s]{2}\d", "\u00e9\u00e93"),
]


@pytest.fixture(autouse=True)
def no_accelerator_left_on() -> Iterator[None]:
    """Each test starts and ends on the plain path (the accelerator is process-wide)."""
    accelerator.activate(None)
    yield
    accelerator.activate(None)


def widened_ends(pattern: regex.Pattern[str], text: str) -> set[int]:
    """Where the widened expressions of ``pattern`` end in ``text``, run by hyperscan."""
    built = accelerator.build([pattern])
    assert built is not None, f"no widening for {pattern.pattern!r}"
    return set(built.ends(text).get(0, []))


def test_images_match_what_regex_equates_with_ascii_when_ignoring_case() -> None:
    """Every non-ASCII character that ``regex`` matches against an ASCII one is read as that one (case aside)."""
    everything = "".join(chr(code) for code in range(0x80, 0x110000) if not 0xD800 <= code < 0xE000)
    twins = {found.group() for found in regex.finditer(r"(?i)[\x00-\x7f]", everything)}
    assert twins == set(FOLDS)
    for char in twins:
        partners = {chr(code) for code in range(128) if regex.fullmatch(regex.escape(chr(code)), char, regex.I)}
        assert {partner.lower() for partner in partners} == {image(char)}, repr(char)


def test_the_ascii_image_keeps_offsets_and_ascii() -> None:
    text = "Café’s \u212aelvin cure\u00a0now"
    shown = ascii_image(text)
    assert len(shown) == len(text) and shown.isascii()
    assert shown == f"Caf{PLACEHOLDER}{PLACEHOLDER}s kelvin cure{PLACEHOLDER}now"
    assert ascii_image("plain text") == "plain text"


def reported_inside(match: regex.Match[str], ends: Iterable[int]) -> bool:
    """True when one of ``ends`` falls in ``(start, end]`` of ``match``: the sentence holding it is searched."""
    return any(match.start() < end <= match.end() for end in ends)


def assert_widened_ends_cover(pattern: regex.Pattern[str], text: str) -> None:
    ends = widened_ends(pattern, text)
    for match in pattern.finditer(text, overlapped=True):
        assert reported_inside(match, ends), (pattern.pattern, text, match.span())


@pytest.mark.parametrize(("source", "text"), EDGES)
def test_a_widened_pattern_ends_where_a_non_ascii_character_completes_a_match(source: str, text: str) -> None:
    pattern = regex.compile(source)
    assert pattern.search(text) is not None
    assert_widened_ends_cover(pattern, text)


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=16), st.sampled_from(TRICKY), st.booleans())
def test_a_widened_pattern_ends_wherever_the_pattern_matches(text: str, source: str, ignorecase: bool) -> None:
    assert_widened_ends_cover(regex.compile(source, regex.IGNORECASE if ignorecase else 0), text)


def test_patterns_the_widening_cannot_vouch_for_keep_the_plain_path() -> None:
    assert widened(regex.compile(r"(a)\1")) is None  # backreference
    assert widened(regex.compile(r"x*")) is None  # matches the empty string
    assert widened(regex.compile(r"ss", regex.IGNORECASE | regex.FULLCASE)) is None  # "ß" is one character
    assert widened(regex.compile(r"\p{L}+cure")) is None  # syntax of the regex module only
    assert widened(regex.compile(r"cure|heal")) is not None


def test_every_builtin_pattern_ends_where_it_matches_on_the_fixture_pages() -> None:
    linter = Linter.create(Config(cache=False))
    patterns = list(dict.fromkeys(p for rule in linter.rules for p in all_patterns(rule.check)))
    built = accelerator.build(patterns)
    assert built is not None and len(built.keys) == len(patterns)
    compared = matched = 0
    for page in pages(FIXTURES / "corpus"):
        masked = linter.parse(page.read_text(encoding="utf-8"), page.name).masked
        ends = built.ends(masked)
        for pattern in patterns:
            number = built.number(pattern)
            for match in pattern.finditer(masked):
                assert reported_inside(match, ends.get(number, [])), (pattern.pattern[:80], page.name, match.group())
                matched += 1
            compared += 1
    assert compared > 1000 and matched > 300


def all_patterns(check: Check) -> tuple[regex.Pattern[str], ...]:
    return (*check.scanned_patterns(), *check.page_patterns())


def pages(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.suffix in PAGE_SUFFIXES)


def findings_for(linter: Linter, files: list[Path]) -> list[Finding]:
    return [finding for path in files for finding in linter.lint_text(path.read_text(encoding="utf-8"), str(path))]


def test_a_run_finds_the_same_with_and_without_the_accelerator() -> None:
    linter = Linter.create(Config(cache=False))
    files = pages(FIXTURES) + (pages(SEEDS) if SEEDS.is_dir() else [])
    plain = findings_for(linter, files)
    checks = [rule.check for rule in linter.rules]
    sentences = [pattern for check in checks for pattern in check.scanned_patterns()]
    built = accelerator.build(sentences, [pattern for check in checks for pattern in check.page_patterns()])
    assert built is not None and built.first_only  # both kinds of question are answered by the database
    accelerator.activate(built)
    fast = findings_for(linter, files)
    assert len(plain) > 1000
    assert fast == plain


def write_pages(folder: Path, count: int) -> None:
    """``count`` pages made from the fixture corpus, each a little different."""
    sources = pages(FIXTURES / "corpus")
    folder.mkdir()
    for number in range(count):
        text = sources[number % len(sources)].read_text(encoding="utf-8")
        (folder / f"page-{number:03}.md").write_text(f"{text}\n\nPage {number} of the archive.\n", encoding="utf-8")


def run_cli(*args: str, cache: Path, cwd: Path) -> dict[str, object]:
    env = {**os.environ, "MEDLINT_CACHE_DIR": str(cache), "MEDLINT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    command = [sys.executable, "-m", "medlint", "check", "--format", "json", *args]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, check=False)
    assert result.returncode in (0, 1), result.stderr
    report: dict[str, object] = json.loads(result.stdout)
    return report


@pytest.mark.slow
def test_a_large_run_keeps_a_signed_database_that_later_runs_use(tmp_path: Path) -> None:
    """With a kept cache, a run of many files builds the database beside the memo; the next run reads it.

    A cache made afresh by the run itself (a CI job's) gets no database for
    a run this size: building would cost more than it saves within the run.
    """
    (tmp_path / ".medlint.yml").write_text("{}\n", encoding="utf-8")
    write_pages(tmp_path / "archive", accelerator.BUILD_CACHED)
    cache = tmp_path / "cache"
    plain = run_cli("--no-cache", "archive", cache=cache, cwd=tmp_path)
    fresh = run_cli("archive", cache=cache, cwd=tmp_path)
    assert not list(cache.glob("*/*.hs")) and fresh["findings"] == plain["findings"]
    shutil.rmtree(next(cache.glob("v*")))  # forget the findings: the next run lints every page, memo kept
    built = run_cli("archive", cache=cache, cwd=tmp_path)
    stores = list(cache.glob("*/*.hs"))
    assert len(stores) == 1 and stores[0].with_suffix(".memo").is_file()
    for results in cache.glob("v*"):
        shutil.rmtree(results)  # forget the pages' findings, keep the rules memo and the database
    reused = run_cli("archive", cache=cache, cwd=tmp_path)
    assert plain["findings"] and built["findings"] == plain["findings"] == reused["findings"]


def test_a_kept_database_is_read_only_when_signed_and_built_for_these_rules(tmp_path: Path) -> None:
    linter = Linter.create(Config(cache=False))
    patterns = [p for rule in linter.rules for p in all_patterns(rule.check)]
    some = patterns[:3]
    built = accelerator.build(some)
    assert built is not None
    store = tmp_path / "rules.hs"
    accelerator.save(built, store)
    assert accelerator.load(store, patterns) is not None  # built for a subset: still right for those
    others = [pattern for pattern in patterns if pattern_identity(pattern) != pattern_identity(some[0])]
    assert accelerator.load(store, others) is None  # built for a pattern these rules no longer have
    data = bytearray(store.read_bytes())
    data[-10] ^= 0xFF
    store.write_bytes(bytes(data))
    assert accelerator.load(store, patterns) is None  # tampered: the signature no longer holds


def test_a_database_that_fails_to_scan_leaves_the_plain_path() -> None:
    """A scan error (here: a loaded database given no scratch space) costs speed, never findings."""
    linter = Linter.create(Config(cache=False))
    files = pages(FIXTURES / "corpus")[:5]
    plain = findings_for(linter, files)
    built = accelerator.build(p for rule in linter.rules for p in all_patterns(rule.check))
    assert built is not None
    broken = accelerator.Accelerator(
        hyperscan.loadb(hyperscan.dumpb(built.database), hyperscan.HS_MODE_BLOCK), built.keys
    )
    with pytest.raises(hyperscan.error):
        broken.ends("any page")
    accelerator.activate(broken)
    assert findings_for(linter, files) == plain


RESTORE = """
import pickle, sys
from medlint.checks.prefilter import ORACLES
linter = pickle.loads(sys.stdin.buffer.read())  # what a spawned worker or a Dask task does
print(len(ORACLES))
"""


def test_a_worker_started_afresh_uses_the_kept_database(tmp_path: Path) -> None:
    """Spawned workers (macOS, Windows) and Dask tasks rebuild the linter from its config; the kept database too."""
    env = {**os.environ, "MEDLINT_CACHE_DIR": str(tmp_path / "cache"), "MEDLINT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    config = Config(root=tmp_path, cache_dir=str(tmp_path / "cache"))
    linter = Linter.create(config)
    assert linter.accelerator_store is not None
    payload = pickle.dumps(linter)

    def oracles_in_a_fresh_process() -> str:
        command = [sys.executable, "-c", RESTORE]
        result = subprocess.run(command, input=payload, capture_output=True, env=env, check=True)
        return result.stdout.decode().strip()

    assert oracles_in_a_fresh_process() == "0"  # nothing kept yet
    built = accelerator.build(p for rule in linter.rules for p in all_patterns(rule.check))
    assert built is not None
    accelerator.save(built, linter.accelerator_store)
    assert oracles_in_a_fresh_process() == "1"
