"""The ``indication`` rule kind (IND001) and its approvals data file."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.api import Linter
from medlint.cli import cli
from medlint.config import Config
from medlint.errors import RuleError
from medlint.models import Finding
from medlint.plugins.builtin import medlint_check_kinds
from medlint.rules.loader import Ruleset, load_rule

RULE = """\
id: OFF001
name: off-label
kind: indication
category: indication
message: "{product} for {condition}: {note}"
params:
  data: data/approvals.yml
  cues: ['treat(?:s|ed|ing)?', 'help(?:s)?', 'relief']
  anaphora: ['(?:it|this therapy)']
  topic_min: 2
  unless: ['\\boff[- ]label\\b']
"""

DATA = """\
products:
  - id: fizz
    label: Fizzamine
    patterns: ['fizzamine']
    approved:
      - conditions: [gout]
        source: "Fizzamine label, 2020"
    note: "approved only for gout"
conditions:
  - {id: gout, label: gout, patterns: ['gout']}
  - {id: acne, label: acne, patterns: ['acne']}
"""


@cache
def _core() -> Linter:
    return Linter.create(Config())


def _ind(text: str, path: str = "page.md") -> list[Finding]:
    return [finding for finding in _core().lint_text(text, path) if finding.rule == "IND001"]


# --- what fires and what does not, with the built-in data --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ketamine infusions for depression, PTSD and chronic pain.",
        "Our IV ketamine therapy helps with anxiety.",
        "Compounded semaglutide is a safe option for weight loss.",
        "Ozempic for weight loss, delivered to your door.",
        "Mounjaro helps you lose weight fast.",
        "Stem cell therapy can heal knee arthritis.",
        "Try MDMA-assisted therapy for PTSD.",
        "NAD+ drips support addiction recovery and reduce cravings.",
        "Hyperbaric oxygen therapy treats autism and long COVID.",
        "TMS is a great treatment for PTSD and anxiety.",
        "CBD oil relieves anxiety and insomnia.",
        "Our Myers' cocktail IV drips boost your immune system and cure hangovers.",
        "Testosterone therapy is the most effective anti-aging treatment for men.",
        "Chiropractic adjustments help babies with colic and ear infections.",
        "TMS also eliminates anxiety within two weeks.",
    ],
)
def test_unapproved_uses_fire(text: str) -> None:
    assert len(_ind(text)) == 1, text


@pytest.mark.parametrize(
    "text",
    [
        "Spravato (esketamine) for treatment-resistant depression.",
        "Esketamine nasal spray is approved for depressive symptoms in adults with MDD with acute suicidal ideation.",
        "Wegovy helps adults with obesity with chronic weight management.",
        "Zepbound treats moderate to severe obstructive sleep apnea in adults with obesity.",
        "Ozempic improves blood sugar control in type 2 diabetes.",
        "Cord blood stem cells treat disorders of the blood-forming system such as leukemia.",
        "Hyperbaric oxygen therapy helps diabetic foot ulcers heal.",
        "TMS therapy is cleared to treat major depression and OCD, and to help people quit smoking.",
        "Epidiolex (cannabidiol) treats seizures of Lennox-Gastaut syndrome.",
        "Ketamine is not FDA-approved for depression; using it for depression is off-label.",
        "Researchers are still studying psilocybin for depression in clinical trials; it is investigational.",
        "Ketamine does not treat anxiety.",
        "High doses of ketamine can cause respiratory depression.",
        "Ketamine has been used as an anaesthetic in surgery since the 1970s.",
        "Depression is treatable, and many people find help.",
        "Chiropractic care can relieve low back pain.",
        "Testosterone therapy treats hypogonadism caused by a pituitary disorder.",
        "IV drip bars are often marketed for hangovers and immunity.",
        "Can ketamine help with PTSD?",
    ],
)
def test_approved_disclosed_or_unrelated_uses_do_not_fire(text: str) -> None:
    assert _ind(text) == [], text


def test_message_names_product_condition_and_what_is_approved() -> None:
    [finding] = _ind("Ketamine infusions help with PTSD.")
    assert "ketamine" in finding.message
    assert "PTSD" in finding.message
    assert "esketamine (Spravato)" in finding.message
    assert finding.category == "indication"


def test_brand_and_compounded_are_told_apart() -> None:
    assert _ind("Semaglutide injections help with weight loss.") == []
    [finding] = _ind("Compounded semaglutide injections help with weight loss.")
    assert "compounded" in finding.message


def test_finding_spans_the_whole_sentence() -> None:
    text = "We are open daily. Our ketamine infusions relieve chronic pain quickly."
    [finding] = _ind(text)
    assert text[finding.offset : finding.end_offset] == "Our ketamine infusions relieve chronic pain quickly."


# --- the page's topic product and "it" ---------------------------------------------------------


TOPIC_PAGE = """\
# Ketamine at our clinic

Ketamine is given as a slow infusion. Each ketamine session lasts about an hour.
Ketamine was first made in the 1960s.

It may offer relief from anxiety symptoms.

This therapy is often used for PTSD.
"""


def test_it_refers_to_the_page_topic_product() -> None:
    findings = _ind(TOPIC_PAGE)
    flagged = [TOPIC_PAGE[f.offset : f.end_offset] for f in findings]
    assert flagged == ["It may offer relief from anxiety symptoms.", "This therapy is often used for PTSD."]


def test_it_needs_a_dominant_product() -> None:
    page = "Ketamine and TMS are both offered here.\n\nIt may offer relief from anxiety symptoms.\n"
    assert _ind(page) == []


def test_it_only_counts_at_the_start_of_the_sentence() -> None:
    page = TOPIC_PAGE.replace(
        "It may offer relief from anxiety symptoms.", "Friends say it may offer relief from anxiety symptoms."
    )
    flagged = [page[f.offset : f.end_offset] for f in _ind(page)]
    assert flagged == ["This therapy is often used for PTSD."]


def test_a_colon_introduces_a_list_of_conditions() -> None:
    page = "Ketamine therapy can be used to treat:\n\n- Depression\n- PTSD\n\nCall us today.\n"
    [finding] = _ind(page)
    assert page[finding.offset : finding.end_offset] == "Ketamine therapy can be used to treat:"
    assert "depression and PTSD" in finding.message


# --- a user's own rule and data file -----------------------------------------------------------


def _write(folder: Path, rule: str = RULE, data: str = DATA) -> Path:
    (folder / "data").mkdir(exist_ok=True)
    (folder / "data" / "approvals.yml").write_text(data, encoding="utf-8")
    path = folder / "OFF001.yml"
    path.write_text(rule, encoding="utf-8")
    return path


def _load(path: Path) -> Linter:
    ruleset = Ruleset(name="house", path=path.parent, origin="house")
    rule = load_rule(path, ruleset=ruleset, kinds=medlint_check_kinds())
    core = _core()
    return Linter(
        core.config, core.manager, (rule,), core.selection.__class__.build((rule,), core.config), core.known_ids
    )


def test_own_data_file(tmp_path: Path) -> None:
    linter = _load(_write(tmp_path))
    assert linter.lint_text("Fizzamine treats gout.", "a.md") == []
    [finding] = linter.lint_text("Fizzamine treats acne.", "a.md")
    assert finding.message == "Fizzamine for acne: approved only for gout"
    assert linter.lint_text("Fizzamine treats acne, an off-label use.", "a.md") == []


@pytest.mark.parametrize(
    ("data", "line", "words"),
    [
        (DATA.replace("['fizzamine']", "['fizz(amine']"), 4, "invalid regex"),
        (DATA.replace("conditions: [gout]", "conditions: [gout, rosacea]"), 6, "unknown condition 'rosacea'"),
        (DATA.replace("    label: Fizzamine\n", "    label: Fizzamine\n    colour: red\n"), 4, "unknown key"),
        (DATA.replace("  - {id: acne, label: acne, patterns: ['acne']}\n", "  - {id: gout, patterns: ['x']}\n"), 11,
         "duplicate id 'gout'"),
        ("products: []\nconditions: []\n", 2, "conditions: expected a non-empty list"),
    ],
)  # fmt: skip
def test_data_file_errors_name_file_and_line(tmp_path: Path, data: str, line: int, words: str) -> None:
    path = _write(tmp_path, data=data)
    with pytest.raises(RuleError) as caught:
        _load(path)
    error = caught.value
    assert error.path is not None and error.path.endswith("approvals.yml")
    assert error.line == line
    assert words in str(error)


def test_missing_data_file_is_a_rule_error(tmp_path: Path) -> None:
    path = _write(tmp_path, rule=RULE.replace("data/approvals.yml", "data/nope.yml"))
    with pytest.raises(RuleError) as caught:
        _load(path)
    assert caught.value.path == str(path)
    assert "nope.yml" in str(caught.value)


def test_cli_reports_a_broken_data_file_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "house").mkdir()
    _write(tmp_path / "house", data=DATA.replace("gout]", "gut]"))
    (tmp_path / ".medlint.yml").write_text("rulesets: [./house]\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text("Fizzamine treats acne.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--config", str(tmp_path / ".medlint.yml"), str(page)])
    assert result.exit_code == 2
    message = result.output.strip().splitlines()
    assert len(message) == 1
    assert "approvals.yml:6: " in message[0]
    assert "unknown condition 'gut'" in message[0]
    assert "Traceback" not in result.output


HEADING_LIST_PAGE = """\
# Ketamine infusions at our clinic

Ketamine infusions are given in a calm room. Each ketamine session lasts about an hour.
Our team has offered ketamine since 2019.

## Conditions we treat

- PTSD
- Chronic pain and fibromyalgia
- Anaesthesia for minor procedures

## Parking

There is free parking behind the clinic.
"""


def test_each_item_listed_under_a_treats_heading_is_its_own_claim() -> None:
    flagged = [HEADING_LIST_PAGE[f.offset : f.end_offset] for f in _ind(HEADING_LIST_PAGE)]
    assert flagged == ["PTSD", "Chronic pain and fibromyalgia"]  # not the approved use, nor the next section


def test_a_plain_heading_over_a_list_of_conditions_is_not_a_claim() -> None:
    page = HEADING_LIST_PAGE.replace("## Conditions we treat", "## Conditions often mentioned online")
    assert _ind(page) == []


def test_a_lead_sentence_under_the_heading_speaks_for_its_list() -> None:
    page = HEADING_LIST_PAGE.replace("## Conditions we treat\n", "## Conditions we treat\n\nKetamine helps with:\n")
    flagged = [page[f.offset : f.end_offset] for f in _ind(page)]
    assert flagged == ["Ketamine helps with:"]


PLAIN_TEXT_LIST_PAGE = """\
Ketamine infusions at our clinic

Ketamine infusions are given in a calm room. Each ketamine session lasts about an hour.

Conditions we treat

PTSD
Chronic pain and fibromyalgia
Anaesthesia for minor procedures

Parking and directions

There is free parking behind the clinic.
"""


def test_bare_lines_under_a_treats_heading_in_plain_text_are_list_items() -> None:
    """A scraped page has no bullets: each short line naming a condition is one more item, not a new section."""
    flagged = [PLAIN_TEXT_LIST_PAGE[f.offset : f.end_offset] for f in _ind(PLAIN_TEXT_LIST_PAGE, "page.txt")]
    assert flagged == ["PTSD", "Chronic pain and fibromyalgia"]


def test_a_bare_line_that_names_no_condition_ends_the_list() -> None:
    page = PLAIN_TEXT_LIST_PAGE.replace("PTSD\n", "Why patients choose us\nPTSD\n")
    assert _ind(page, "page.txt") == []
