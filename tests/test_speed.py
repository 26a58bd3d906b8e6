"""Speed work that must not change a result: the rule memo, lazy patterns, the requirement-tree prefilter."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import pickle
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
import regex
from click.testing import CliRunner

from medlint.api import Linter
from medlint.checks.lazy import LazyPattern
from medlint.checks.prefilter import candidate_spans, fold, required_literals, requirement_tree
from medlint.checks.requirements import Plan, words_of
from medlint.cli import cli
from medlint.config import load_config
from medlint.signing import sign

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "scale"
PAGES = {
    "claim.md": "# Drips\n\nOur drip cures tiredness in one visit.\n\nWe guarantee results.\n",
    "hedged.md": "# Drips\n\nSome people feel less tired after a drip; results vary.\n",
    "clean.md": "# Drips\n\nParking is free after six. This is not medical advice.\n",
}


@pytest.fixture
def project(scale_project: Callable[[Mapping[str, str]], Path]) -> Path:
    """The scale fixture ruleset, a config and three pages; the working folder."""
    return scale_project(PAGES)


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "-f", "json", *args], catch_exceptions=False)
    return result.exit_code, result.stdout + result.stderr


def memos(project: Path) -> list[Path]:
    return sorted((project / ".medlint_cache" / "rules").glob("*.memo"))


def drop_results(project: Path) -> None:
    """Delete the cached findings but keep the rule memo: the next run lints afresh with trusted rules."""
    for folder in (project / ".medlint_cache").glob("v*"):
        shutil.rmtree(folder)


def test_a_run_with_the_rule_memo_reports_what_a_run_without_it_does(project: Path) -> None:
    fresh = check("--no-cache", "content")
    assert memos(project) == []
    assert check("content") == fresh  # writes the memo
    assert len(memos(project)) == 1
    drop_results(project)
    assert check("content") == fresh  # loads the rules through the memo, lints every page again
    assert json.loads(fresh[1])["findings"]


def test_a_rule_edited_after_the_memo_is_validated_again(project: Path) -> None:
    check("content")
    assert len(memos(project)) == 1
    rule = project / "rules" / "SCL001.yml"
    rule.write_text(rule.read_text().replace("'eliminates?'", "'eliminat(es?'"), encoding="utf-8")
    code, output = check("content")
    assert code == 2
    assert "SCL001.yml:9" in output and "eliminat(es?" in output


def test_a_changed_data_file_is_a_new_memo(project: Path) -> None:
    check("content")
    (project / "rules" / "data").mkdir()
    (project / "rules" / "data" / "extra.yml").write_text("- one\n", encoding="utf-8")
    check("content")
    assert len(memos(project)) == 2


def test_a_corrupt_memo_is_ignored_and_rewritten(project: Path) -> None:
    fresh = check("--no-cache", "content")
    check("content")
    [memo] = memos(project)
    memo.write_text("{not json", encoding="utf-8")
    drop_results(project)
    assert check("content") == fresh
    assert memo.read_bytes().startswith(b"medlint-signed-1\n")


def test_a_memo_signed_with_another_key_is_not_trusted(project: Path) -> None:
    """A memo planted in the checkout (say, by a pull request) is rebuilt, not read: its signature fails."""
    fresh = check("--no-cache", "content")
    check("content")
    [memo] = memos(project)
    payload = memo.read_bytes().split(b"\n", 2)[2]
    forged = hmac.new(b"someone else's key", payload, hashlib.sha256).hexdigest().encode()
    memo.write_bytes(b"medlint-signed-1\n" + forged + b"\n" + payload)
    drop_results(project)
    assert check("content") == fresh
    assert memo.read_bytes() != b"medlint-signed-1\n" + forged + b"\n" + payload  # rebuilt and signed again


class _Planted:
    """Pickles as a call to ``os.system``: what a hostile memo would hold."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, (f"touch {self.marker}",)


def test_even_a_validly_signed_memo_cannot_call_a_function(project: Path) -> None:
    """Defence in depth: the memo's unpickler rebuilds rule classes only, so a planted call never runs."""
    fresh = check("--no-cache", "content")
    check("content")
    [memo] = memos(project)
    marker = project / "pwned"
    signed = sign(pickle.dumps(_Planted(marker)))
    assert signed is not None
    memo.write_bytes(signed)
    drop_results(project)
    assert check("content") == fresh
    assert not marker.exists()


def test_a_lazy_pattern_matches_compares_and_pickles_like_the_compiled_one() -> None:
    compiled = regex.compile(r"(?<![\w-])cures?\b", regex.IGNORECASE)
    lazy = LazyPattern(compiled.pattern, regex.IGNORECASE)
    text = "It Cures. It cured. Nothing cures all."
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.search(text, 1, 20).span() == compiled.search(text, 1, 20).span() == (3, 8)  # type: ignore[union-attr]
    assert lazy == compiled and compiled == lazy
    assert pickle.loads(pickle.dumps(lazy)) == lazy
    assert LazyPattern("x", 0).groups == 0


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"\G(?:feel|sleep) better", {" better"}),
        (r"(?:a|b)\Gcure", {"cure"}),
        (r"\\Gcure", {"\\gcure"}),
    ],
)
def test_a_search_anchor_does_not_hide_the_words_a_match_needs(source: str, expected: set[str] | None) -> None:
    found = required_literals(regex.compile(source))
    assert (set(found) if found is not None else None) == expected


def test_the_requirement_tree_keeps_every_part_of_a_concatenation() -> None:
    tree = requirement_tree(regex.compile(r"(?:helps?|helping) (?:people|adults) (?:struggling|coping)"))
    assert tree is not None
    assert words_of(tree) == {"help", "people", "adults", "struggling", "coping"}
    assert pickle.loads(pickle.dumps(tree)) == tree  # as the rule memo stores it
    text = "It helps people.\nAdults struggling with sleep.\nIt helps adults coping with pain.\n"
    starts, ends = [0, 17, 47], [16, 46, len(text)]
    assert candidate_spans(regex.compile(r"(?:helps?|helping) (?:people|adults) (?:struggling|coping)"),
                           fold(text), starts, ends) == [2]  # fmt: skip


def builtin_patterns(linter: Linter) -> list[tuple[str, regex.Pattern[str]]]:
    found: list[tuple[str, regex.Pattern[str]]] = []
    for rule in linter.rules:
        check_ = rule.check
        for name in ("pattern", "first", "second"):
            if hasattr(check_, name):
                found.append((rule.id, getattr(check_, name)))
        found += [(rule.id, pattern) for pattern, _rewrite in getattr(check_, "swaps", ())]
    return found


def test_every_match_of_a_built_in_rule_holds_its_requirement_tree() -> None:
    """The tree rules sentences out; a match in a sentence it rules out would be lost."""
    linter = Linter.create(load_config(ROOT / "pyproject.toml"))
    texts = [example for rule in linter.rules for example in (*rule.tests.fail, *rule.tests.passing, rule.docs.example)]
    texts += [text.upper() for text in texts]
    checked = 0
    for rule_id, pattern in builtin_patterns(linter):
        tree = requirement_tree(pattern)
        if tree is None:
            continue
        plan = Plan(tree)
        for text in texts:
            for match in pattern.finditer(text):
                folded = match.group().casefold()
                assert plan.spans(folded, [0], [len(folded)]) == 1, (rule_id, match.group())
                checked += 1
    assert checked > 20
