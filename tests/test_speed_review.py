"""Adversarial review of the speed work: anchored matching, prefilter, rules memo, plugin and YAML shortcuts.

Every fast path here promises the result of the plain one: ``anchored.finditer``
that of ``pattern.finditer``, the prefilter never skipping a text a pattern
matches, a run on the rules memo that of a ``--no-cache`` run, the entry-point
shortcut that of ``importlib.metadata``, the all-comment YAML shortcut that of
PyYAML. The tests compare each fast path with the plain one it replaces.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import os
import pickle
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest
import regex
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.checks import anchored
from medlint.checks.prefilter import LiteralIndex, candidate_indexes, candidate_spans, fold, may_match
from medlint.checks.requirements import VOCABULARY, WordIndex
from medlint.documents.base import Document, Segment
from medlint.errors import MedlintError
from medlint.signing import MAGIC
from medlint.yamlsource import load_yaml

MEDLINT = [sys.executable, "-m", "medlint"]


def spans(matches: object) -> list[tuple[int, int]]:
    return [match.span() for match in matches]  # type: ignore[attr-defined]


def assert_same_as_a_scan(pattern: regex.Pattern[str], text: str) -> None:
    """Anchored matching and the prefilters agree with a plain scan of ``text``."""
    size = len(text)
    for start, end in ((0, size), (1, size), (0, max(0, size - 1)), (size // 2, size)):
        assert spans(anchored.finditer(pattern, text, start, end)) == spans(pattern.finditer(text, start, end))
    if pattern.search(text):
        assert may_match(pattern, fold(text))
        assert list(LiteralIndex([pattern]).candidates(fold(text))) == [0]


# --- anchored matching and the prefilter: bugs found -------------------------------------------------


def test_digits_the_regex_module_knows_but_the_stdlib_does_not_still_start_matches() -> None:
    """``regex`` has a newer Unicode table than ``re``: Kawi digits (Unicode 15) are ``\\d`` to it."""
    kawi_five = "\U00011f55"
    pattern = regex.compile(r"\d+\s?mg", regex.IGNORECASE)
    text = f"Take {kawi_five}{kawi_five} mg a day, or 5 mg."
    assert len(spans(pattern.finditer(text))) == 2
    assert_same_as_a_scan(pattern, text)


@pytest.mark.parametrize("text", ["ilaç her derdi çözer", "Bu İLAÇ çözer", "bu ilaç"])
def test_a_dotted_capital_i_in_a_pattern_matches_like_a_scan(text: str) -> None:
    """``"İ".casefold()`` is two characters, yet ``regex`` matches it with a plain ``i``: no literal from it."""
    pattern = regex.compile(r"(?<![\w-])İlaç", regex.IGNORECASE)
    assert pattern.search(text)
    assert_same_as_a_scan(pattern, text)


@pytest.mark.parametrize("constraint", ["{1<=e<=2}", "{2i+2d+1s<=4}", "{1s<=1}", "{0<e<3}"])
def test_fuzzy_constraints_starting_with_a_digit_are_not_read_as_literal_text(constraint: str) -> None:
    """The stdlib reads ``{1<=e<=2}`` as text; for ``regex`` it is a fuzzy constraint."""
    pattern = regex.compile(f"(?:cures){constraint}", regex.IGNORECASE)
    text = "This tonic curez fatigue."
    assert pattern.search(text)
    assert_same_as_a_scan(pattern, text)


# --- anchored matching: equivalence on random patterns -----------------------------------------------

ATOMS = [
    *("cure", "Cure", "cures", "no", "in", "ab", "abc", "ſt", "K", "x", "é", "É", "ß", "ss", "İ", "ı", "i"),
    *(r"\d", r"\d+", r"\w", ".", "[a-c]", r"\s", r"\b", r"\B", "^", "$", r"\A", r"\Z"),
    *("(?<=a)", "(?<!c)", r"(?<![\w-])", "(?=u)", "(?!r)"),
]
TEXT_PARTS = [
    *("cure", "CURE", "Cures", "no", "NO", "in", "ab", "abc", "st", "ſt", "K", "\u212a", "x", " ", "\n", "-"),
    *("1", "22", "\u0663", "\U00011f50", "é", "É", "ß", "SS", "ss", "İ", "ı", "i", "I", "u", "r", "a", "c"),
]
QUANTIFIERS = ["?", "*", "+", "??", "*?", "++", "{1,2}", "{0,2}", "{2}"]


def _pattern_source(draw: st.DrawFn, depth: int = 0) -> str:
    choice = draw(st.integers(0, 9)) if depth < 3 else 0

    def inner() -> str:
        return _pattern_source(draw, depth + 1)

    if choice <= 3:
        return draw(st.sampled_from(ATOMS))
    if choice == 4:
        return inner() + inner()
    if choice == 5:
        return f"(?:{inner()}|{inner()})"
    if choice == 6:
        return f"(?:{inner()}){draw(st.sampled_from(QUANTIFIERS))}"
    if choice == 7:
        return f"({inner()})\\1" if draw(st.booleans()) else f"(?>{inner()})"
    if choice == 8:
        return f"{draw(st.sampled_from(['(?i:', '(?-i:', '(?m:', '(?s:']))}{inner()})"
    return draw(st.sampled_from(["(?i)", ""])) + inner() + inner()


@st.composite
def sources(draw: st.DrawFn) -> tuple[str, int]:
    flags = draw(st.sampled_from([0, regex.I, regex.M, regex.S, regex.I | regex.M, regex.I | regex.X]))
    return _pattern_source(draw), int(flags)


def compiled(source: tuple[str, int]) -> regex.Pattern[str]:
    """The drawn pattern (compiled in the test: ``regex`` may touch global state a strategy must not)."""
    try:
        return regex.compile(*source)
    except regex.error:
        return regex.compile("cure", source[1])


@settings(max_examples=600, deadline=None)
@given(sources(), st.lists(st.sampled_from(TEXT_PARTS), max_size=16))
def test_random_patterns_match_anchored_exactly_as_a_scan(source: tuple[str, int], parts: list[str]) -> None:
    assert_same_as_a_scan(compiled(source), "".join(parts))


@settings(max_examples=400, deadline=None)
@given(sources(), st.lists(st.sampled_from(TEXT_PARTS), max_size=16), st.lists(st.integers(0, 40), max_size=4))
def test_the_sentence_prefilter_never_skips_a_sentence_a_pattern_matches(
    source: tuple[str, int], parts: list[str], cuts: list[int]
) -> None:
    pattern, text = compiled(source), "".join(parts)
    bounds = sorted({0, len(text), *(cut for cut in cuts if cut < len(text))})
    sentences = [(start, max(end - 1, start)) for start, end in itertools.pairwise(bounds)] or [(0, 0)]
    chosen = candidate_spans(pattern, fold(text), [start for start, _ in sentences], [end for _, end in sentences])
    matching = {index for index, (start, end) in enumerate(sentences) if pattern.search(text, start, end)}
    assert chosen is None or matching <= set(chosen)


def test_threads_sharing_a_page_index_all_see_every_occurrence() -> None:
    """The language server lints on several threads; the same page text shares one word index."""
    text = "this cure works. " * 40_000
    VOCABULARY.ensure(frozenset({"cure", "works"}))
    expected = [match.start() for match in regex.finditer("cure", text)]
    for _attempt in range(3):
        index = WordIndex(text)
        gate = threading.Barrier(6)
        results: list[list[int]] = []

        def look(index: WordIndex = index, gate: threading.Barrier = gate, results: list[list[int]] = results) -> None:
            gate.wait()
            results.append(list(index.starts_of(frozenset({"cure"}))))
            results.append(list(index.positions("cure")))

        threads = [threading.Thread(target=look) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert all(found == expected for found in results)


def test_documents_sharing_their_segment_starts_keep_their_own_segment_ends() -> None:
    """``dataclasses.replace(document, segments=...)`` keeps the starts tuple: ends must still be the new ones."""
    text = "One calm sentence here. This tonic cures fatigue."
    first = Document("a.md", text, text, "markdown", (Segment(0, 12), Segment(24, len(text))), segment_starts=(0, 24))
    wider = replace(first, segments=(Segment(0, 24), Segment(24, len(text))))
    pattern = regex.compile("calm sentence")
    assert list(candidate_indexes(pattern, first)) == []
    assert list(candidate_indexes(pattern, wider)) == [0]


# --- the rules memo -----------------------------------------------------------------------------------

RULE = """\
id: EXT001
name: sure-outcome
kind: existence
category: efficacy
severity: error
scope: sentence
message: "'{match}' promises an outcome."
params:
  page_when: GATE
  tokens: ['cures?']
"""


def make_project(root: Path, gate: str = "data/gate.yml") -> Path:
    """A project whose one rule fires on pages that sell ("buy now"), the gate read from ``gate``."""
    (root / "rules" / "data").mkdir(parents=True)
    (root / "rules" / "EXT001.yml").write_text(RULE.replace("GATE", gate), encoding="utf-8")
    (root / "rules" / "data" / "gate.yml").write_text("- 'buy now'\n", encoding="utf-8")
    (root / "shared").mkdir()
    (root / "shared" / "gate.yml").write_text("- 'buy now'\n", encoding="utf-8")
    (root / "rules" / "linked").symlink_to(root / "shared", target_is_directory=True)
    (root / ".medlint.yml").write_text("rulesets: [./rules]\n", encoding="utf-8")
    (root / "content").mkdir()
    return root


Outcome = tuple[int, list[tuple[object, ...]], str]


def run(root: Path, *args: str, home: Path | None = None) -> Outcome:
    """The real CLI in a fresh process (the memo is read at start-up), with its own user cache folder."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("MEDLINT_")}
    env["XDG_CACHE_HOME"] = str(home if home is not None else root / "user-cache")
    env["MEDLINT_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    result = subprocess.run(
        [*MEDLINT, "check", "-f", "json", *args], cwd=root, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, found(json.loads(result.stdout)["findings"]), result.stderr


def found(findings: list[dict[str, object]]) -> list[tuple[object, ...]]:
    """What a finding says, leaving out its file (each run lints a new page)."""
    return [(item["rule"], item["line"], item["column"], item["match"], item["message"]) for item in findings]


def page(root: Path, name: str) -> str:
    """A new page each time, so the result cache never answers and the rules alone decide."""
    (root / "content" / name).write_text("Buy now. This tonic cures fatigue.\n", encoding="utf-8")
    return f"content/{name}"


def rules_of(findings: list[tuple[object, ...]]) -> list[object]:
    return [item[0] for item in findings]


@pytest.mark.parametrize("gate", ["data/gate.yml", "../shared/gate.yml", "linked/gate.yml"])
def test_a_data_file_edited_after_the_memo_was_written_is_read_again(tmp_path: Path, gate: str) -> None:
    root = make_project(tmp_path, gate)
    assert rules_of(run(root, page(root, "one.md"))[1]) == ["EXT001"]
    assert list((root / ".medlint_cache" / "rules").glob("*.memo"))
    data = root / ("rules/data/gate.yml" if gate.startswith("data/") else "shared/gate.yml")
    data.write_text("- 'order today'\n", encoding="utf-8")
    fresh = run(root, "--no-cache", page(root, "two.md"))
    assert rules_of(fresh[1]) == []
    assert run(root, page(root, "three.md"))[:2] == fresh[:2]


def test_the_result_cache_sees_a_data_file_outside_the_ruleset_folder(tmp_path: Path) -> None:
    root = make_project(tmp_path, "../shared/gate.yml")
    same_page = page(root, "one.md")
    assert rules_of(run(root, same_page)[1]) == ["EXT001"]
    (root / "shared" / "gate.yml").write_text("- 'order today'\n", encoding="utf-8")
    assert run(root, same_page)[:2] == run(root, "--no-cache", same_page)[:2] == (0, [])


PLAIN_KIND = """\
from pathlib import Path

import regex

from medlint import hookimpl
from medlint.checks.base import Check, Hit


class Listed(Check):
    \"\"\"A rule kind kept in a plain class (no dataclass): the memo cannot store it.\"\"\"

    def __init__(self, pattern):
        self.pattern = pattern

    @classmethod
    def from_params(cls, params):
        words = (params.base_dir / params.string("words")).read_text(encoding="utf-8").split()
        return cls(regex.compile("|".join(map(regex.escape, words)), regex.IGNORECASE))

    def run(self, document, scope, context):
        for match in self.pattern.finditer(document.masked):
            yield Hit(match.start(), match.end(), {"match": match.group()})


@hookimpl
def medlint_check_kinds():
    return {"listed": Listed}
"""

LISTED_RULE = """\
id: LST001
name: listed-word
kind: listed
category: hype
severity: warning
message: "'{match}' is on the list."
params:
  words: words.txt
"""


def test_a_plugin_kind_the_memo_cannot_store_still_sees_its_edited_files(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / "kindplug.py").write_text(PLAIN_KIND, encoding="utf-8")
    (root / "rules" / "LST001.yml").write_text(LISTED_RULE, encoding="utf-8")
    (root / "rules" / "words.txt").write_text("miracle\n", encoding="utf-8")
    (root / ".medlint.yml").write_text("rulesets: [./rules]\nplugins: [./kindplug.py]\n", encoding="utf-8")
    (root / "content" / "one.md").write_text("A miracle tonic. A wonder tonic.\n", encoding="utf-8")
    cold = run(root, "content/one.md")
    assert [item[3] for item in cold[1]] == ["miracle"]
    assert run(root, "--no-cache", "content/one.md")[:2] == cold[:2]
    (root / "rules" / "words.txt").write_text("wonder\n", encoding="utf-8")
    warm = run(root, "content/one.md")
    assert warm[:2] == run(root, "--no-cache", "content/one.md")[:2]
    assert [item[3] for item in warm[1]] == ["wonder"]


def _memo(root: Path) -> Path:
    found = list((root / ".medlint_cache" / "rules").glob("*.memo"))
    assert len(found) == 1
    return found[0]


class _Planted:
    """A pickle that would create a file if anything unpickled it unrestricted."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


@pytest.mark.parametrize("signed_by", ["nobody", "another key", "the user's key"])
def test_a_planted_memo_is_never_unpickled_freely_and_changes_nothing(tmp_path: Path, signed_by: str) -> None:
    root = make_project(tmp_path)
    expected = run(root, "--no-cache", page(root, "one.md"))
    assert run(root, page(root, "two.md"))[:2] == expected[:2]
    marker = tmp_path / "planted-code-ran"
    payload = pickle.dumps(_Planted(marker))
    keys = {"another key": b"k" * 32, "the user's key": (root / "user-cache" / "medlint" / "memo.key").read_bytes()}
    if signed_by in keys:
        signature = hmac.new(keys[signed_by], payload, hashlib.sha256).hexdigest().encode()
        payload = MAGIC + signature + b"\n" + payload
    _memo(root).write_bytes(payload)
    code, findings, errors = run(root, page(root, "three.md"))
    assert not marker.exists()
    assert (code, findings) == expected[:2] and "Traceback" not in errors


def test_a_memo_signed_in_another_home_is_rebuilt_not_trusted(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    expected = run(root, "--no-cache", page(root, "one.md"))
    run(root, page(root, "two.md"), home=tmp_path / "home-a")
    written = _memo(root).read_bytes()
    assert run(root, page(root, "three.md"), home=tmp_path / "home-b")[:2] == expected[:2]
    assert _memo(root).read_bytes() != written  # re-signed under home-b's key


def test_an_unusable_user_cache_folder_costs_the_memo_only(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    not_a_folder = tmp_path / "home-file"
    not_a_folder.write_text("a file where the cache folder should be\n", encoding="utf-8")
    expected = run(root, "--no-cache", page(root, "one.md"))
    code, findings, errors = run(root, page(root, "two.md"), home=not_a_folder)
    assert (code, findings) == expected[:2] and errors == ""
    assert not list((root / ".medlint_cache").glob("rules/*.memo"))


def test_no_cache_neither_reads_nor_writes_the_memo(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    run(root, "--no-cache", page(root, "one.md"))
    assert not (root / ".medlint_cache").exists()
    run(root, page(root, "two.md"))
    _memo(root).write_bytes(b"garbage")
    assert rules_of(run(root, "--no-cache", page(root, "three.md"))[1]) == ["EXT001"]
    assert _memo(root).read_bytes() == b"garbage"


def test_two_processes_writing_key_and_memo_at_once_agree(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    pages = [page(root, f"p{index}.md") for index in range(4)]
    env = {key: value for key, value in os.environ.items() if not key.startswith("MEDLINT_")}
    env.update(XDG_CACHE_HOME=str(root / "user-cache"), MEDLINT_DISABLE_PLUGIN_AUTOLOAD="1")
    running = [
        subprocess.Popen([*MEDLINT, "check", "-f", "json", item], cwd=root, env=env, stdout=subprocess.PIPE, text=True)
        for item in pages
    ]
    outputs = [process.communicate()[0] for process in running]
    assert [rules_of(found(json.loads(output)["findings"])) for output in outputs] == [["EXT001"]] * 4
    assert rules_of(run(root, page(root, "after.md"))[1]) == ["EXT001"]


# --- entry points: the shortcut agrees with importlib.metadata ----------------------------------------


def test_a_plugin_installed_as_an_egg_folder_is_still_loaded(tmp_path: Path) -> None:
    """``importlib.metadata`` finds ``*.egg/EGG-INFO`` folders on ``sys.path`` (easy_install, old setups)."""
    egg = tmp_path / "eggplug-1.0-py3.11.egg"
    (egg / "EGG-INFO").mkdir(parents=True)
    (egg / "EGG-INFO" / "PKG-INFO").write_text("Metadata-Version: 2.1\nName: eggplug\nVersion: 1.0\n")
    (egg / "EGG-INFO" / "entry_points.txt").write_text("[medlint]\neggplug = eggplugmod\n")
    (egg / "eggplugmod.py").write_text('"""A plugin without hooks."""\n')
    env = {key: value for key, value in os.environ.items() if not key.startswith("MEDLINT_")}
    env["PYTHONPATH"] = str(egg)
    result = subprocess.run([*MEDLINT, "--version"], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "eggplug" in result.stdout


# --- YAML: the all-comment shortcut agrees with PyYAML ------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([" ", "\t", "# note", "#", "\n", "  # note", "\r", "\x85", "\u2028"]), max_size=8))
def test_blank_and_comment_only_yaml_reads_as_pyyaml_reads_it(parts: list[str]) -> None:
    text = "".join(parts)
    try:
        expected: object = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        with pytest.raises(MedlintError):
            load_yaml(text, "rule.yml")
        return
    assert expected is None
    assert load_yaml(text, "rule.yml").data is None


@pytest.mark.parametrize("line_end", ["\r", "\x85", "\u2028", "\u2029"])
def test_a_comment_ended_by_another_line_break_does_not_hide_the_yaml_after_it(line_end: str) -> None:
    text = f"# medlint settings{line_end}rulesets: [./rules]\n"
    assert yaml.safe_load(text) == {"rulesets": ["./rules"]}
    assert load_yaml(text, ".medlint.yml").data == {"rulesets": ["./rules"]}
