"""The built-in rules on a twelfth round of held-out pages: plain-text clinic posts in the core verticals.

``tests/fixtures/holdout_round12`` is plain text like the seed pages: a
ketamine explainer, NAD+ for brain fog, compounded semaglutide as an
"Ozempic alternative", a Low-T clinic, a psilocybin retreat abroad (suicidal
thoughts with no crisis line), PRP for hair loss, hyperbaric oxygen for
"longevity" and a red-light spa, plus three balanced pages (Mayo Clinic, FDA,
Cleveland Clinic style). Written and annotated before any rule was changed
for it and before its author read the rules. First run: recall 0.46,
precision 0.89, no noise; thresholds in ``tests/test_holdout_rounds.py``.

Fixed first: the reader's own symptoms ("many women notice thinning"), what a
session feels like ("a series of small pinches", "a soothing warmth"),
sentences that cite a trial ("et al.") or say the evidence "has been mixed".
Then: group nouns as witnesses ("athletes tell us", "most of our guys"),
skin and hair bullets ("smoother, firmer skin", "regrows thick hair"),
"not a band-aid", "forget lasers and injections", "far less invasive than",
"the exact same semaglutide that's in Ozempic", "virtually no downside",
"won't mess with your hormones", "a time machine for your cells", "the gold
standard", "doctors agree", and other kinds of hair loss in the indication
table. Recall 0.60, precision 0.94.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import SALES, needs_shared, rules_on_sales_page, rules_on_text

pytestmark = needs_shared


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("# Hair loss\n\nMany women notice thinning after pregnancy.", "TST001"),
        ("# The session\n\nMost clients describe the injections as a series of small pinches.", "TST001"),
        ("# The session\n\nMost guests feel a soothing warmth.", "TST001"),
        (
            "# Evidence\n\nIn a 2022 trial (Smith et al.), psilocybin reduced depression scores in people with "
            "treatment-resistant depression.",
            "IND001",
        ),
    ],
)
def test_round12_false_alarms_stay_quiet(tmp_path: Path, text: str, rule: str) -> None:
    assert rule not in rules_on_text(tmp_path, f"{text}{SALES}")


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Athletes tell us they sleep deeper after every session.", "TST001"),
        ("Expect smoother, firmer skin after a month.", "EFF002"),
        ("Our serum regrows thick hair on bald patches.", "EFF002"),
        ("Forget painful injections: our cream does the job.", "CMP001"),
        ("It is the exact same semaglutide that's in Ozempic.", "CMP003"),
        ("The treatment has virtually no downside.", "SAF003"),
        ("Think of it as a time machine for your cells.", "HYP001"),
        ("Doctors agree that this is the smartest way to age.", "EVI003"),
    ],
)
def test_new_classes_of_wording_fire(tmp_path: Path, sentence: str, rule: str) -> None:
    assert rule in rules_on_sales_page(tmp_path, sentence)
