"""Page gates (``page_when``/``page_unless``) and ``unless_raw``, shared by every span kind."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from medlint.documents import markdown
from medlint.engine import lint_document
from medlint.errors import RuleError
from medlint.plugins.builtin import medlint_check_kinds
from medlint.rules.loader import Ruleset, load_rule
from medlint.rules.model import Rule

RULE = """\
id: GAT001
name: gated
kind: {kind}
category: efficacy
message: "{{match}}"
params:
{params}
"""
CLAIM = "Our drips can help relieve symptoms of fatigue."
RISKS = "Side effects include bruising and infection at the needle site."
SALES = "Book your free consultation today."


def _rule(tmp_path: Path, params: str, kind: str = "existence") -> Rule:
    path = tmp_path / "GAT001.yml"
    path.write_text(RULE.format(kind=kind, params=params), encoding="utf-8")
    return load_rule(path, ruleset=Ruleset("t", tmp_path, origin="t"), kinds=medlint_check_kinds())


def _hits(rule: Rule, *paragraphs: str) -> int:
    return len(lint_document(markdown.parse("page.md", "\n\n".join(paragraphs) + "\n"), [rule]))


EXISTENCE = "  tokens: ['relieve symptoms']\n"
GATE = "  page_when: ['book your', 'our clinic']\n  page_unless: ['side effects include']\n"


def test_page_unless_silences_the_rule_on_balanced_pages(tmp_path: Path) -> None:
    rule = _rule(tmp_path, EXISTENCE + GATE)
    assert _hits(rule, CLAIM) == 1
    assert _hits(rule, CLAIM, RISKS) == 0


def test_page_when_overrides_page_unless_on_a_sales_page(tmp_path: Path) -> None:
    rule = _rule(tmp_path, EXISTENCE + GATE)
    assert _hits(rule, CLAIM, RISKS, SALES) == 1


def test_page_when_alone_limits_the_rule_to_matching_pages(tmp_path: Path) -> None:
    rule = _rule(tmp_path, EXISTENCE + "  page_when: ['book your']\n")
    assert _hits(rule, CLAIM) == 0
    assert _hits(rule, CLAIM, SALES) == 1


@pytest.mark.parametrize(
    ("kind", "params"),
    [
        ("cooccurrence", "  first: ['drips']\n  second: ['fatigue']\n"),
        ("substitution", "  swap: {'relieve symptoms': 'may ease symptoms'}\n"),
    ],
)
def test_every_span_kind_honours_the_gate(tmp_path: Path, kind: str, params: str) -> None:
    rule = _rule(tmp_path, params + GATE, kind)
    assert (_hits(rule, CLAIM), _hits(rule, CLAIM, RISKS), _hits(rule, CLAIM, RISKS, SALES)) == (1, 0, 1)


def test_gate_patterns_can_live_in_a_shared_yaml_file(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "sales.yml").write_text("- 'book your'\n- 'our clinic'\n", encoding="utf-8")
    rule = _rule(tmp_path, EXISTENCE + "  page_when: data/sales.yml\n")
    assert (_hits(rule, CLAIM), _hits(rule, CLAIM, SALES)) == (0, 1)


def test_a_missing_gate_file_is_a_rule_error_naming_the_key(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match=r"page_unless: pattern file 'data/none\.yml' not found"):
        _rule(tmp_path, EXISTENCE + "  page_unless: data/none.yml\n")


def test_a_gate_file_that_is_not_a_list_is_a_rule_error(tmp_path: Path) -> None:
    (tmp_path / "gate.yml").write_text("sales: book\n", encoding="utf-8")
    with pytest.raises(RuleError, match="must hold a non-empty YAML list"):
        _rule(tmp_path, EXISTENCE + "  page_when: gate.yml\n")


def test_unless_raw_sees_link_targets_that_masking_hides(tmp_path: Path) -> None:
    rule = _rule(tmp_path, "  tokens: ['studies show']\n  unless_raw: ['doi\\.org/']\n")
    assert _hits(rule, "Studies show it works ([Lee 2020](https://doi.org/10.1000/xyz)).") == 0
    assert _hits(rule, "Studies show it works ([book now](https://clinic.example/book)).") == 1


def test_a_list_entry_needs_all_of_its_patterns_on_the_page(tmp_path: Path) -> None:
    rule = _rule(tmp_path, EXISTENCE + "  page_unless: [['side effects include', 'not for everyone']]\n")
    assert _hits(rule, CLAIM, RISKS) == 1
    assert _hits(rule, CLAIM, RISKS, "It is not for everyone.") == 0


def test_a_page_entry_must_be_a_regex_or_a_list_of_regexes(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match=r"page_when\[0\]: expected a regex or a list of regexes"):
        _rule(tmp_path, EXISTENCE + "  page_when: [{a: b}]\n")


def _core_check(tmp_path: Path, **pages: str) -> str:
    paths = []
    for name, text in pages.items():
        path = tmp_path / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    result = subprocess.run(
        [sys.executable, "-m", "medlint", "check", "--select", "EFF002", *paths],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    return result.stdout


def test_core_rules_stay_quiet_on_patient_information_but_not_on_sales_pages(tmp_path: Path) -> None:
    """The built-in gate through the real CLI: the same claim on three pages."""
    claim = "IV drips can help relieve symptoms of fatigue."
    limit = "There is little good evidence that they work for healthy people."
    out = _core_check(
        tmp_path,
        balanced=f"{claim}\n\n{RISKS}\n\n{limit}\n",
        sales=f"{claim}\n\n{RISKS}\n\n{limit}\n\n{SALES}\n",
        risks_only=f"{claim}\n\n{RISKS}\n",
    )
    assert "sales.md:1:" in out
    assert "risks_only.md:1:" in out  # a line of side effects alone does not make a page balanced
    assert "balanced.md" not in out
