"""The built-in rules on a thirteenth round of held-out pages: plain-text clinic posts and patient pages.

``tests/fixtures/holdout_round13`` holds eight plain-text clinic posts
(ketamine for anxiety, TMS for teens, stem cells for knee arthritis, an IV
hangover drip, testosterone for women's libido, "oral semaglutide drops", a
heavy-metal detox, fillers for "Ozempic face") and three balanced pages
(NIMH, NHS, Arthritis Foundation style). Written and annotated before any
rule was changed for it and before its author read the rules. First run:
recall 0.51, precision 0.82 and thirteen findings on two balanced pages.

Both balanced pages had slipped past the page gate. The Arthritis Foundation
page reports what clinics charge ("from $3,000 to more than $10,000"), which
read as a price the page was asking; the NIMH page states its limitation as
"can take four to eight weeks to work" and "boxed warning", which the gate
did not know. With those two fixes the gate holds and every balanced-page
finding is gone. Then: "we do not treat people with...", "you will likely be
sore" as fair balance; "in hours, not the six to eight weeks"; "works better
than a whole day of"; "instead of just muting it"; "cheat code", "flipping a
switch", "a deep clean for your entire body", "changing orthopedics forever".
Recall 0.57, precision 0.91; thresholds in ``tests/test_holdout_rounds.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import fair_balance_missing, needs_shared, rules_on_sales_page, rules_on_text

pytestmark = needs_shared

PATIENT_PAGE = (
    "# Knee injections\n\nSide effects of the injection include pain, swelling and infection. "
    "The evidence is limited, and it does not work for everyone.\n\n"
)


def test_a_reported_price_range_is_not_sales_voice(tmp_path: Path) -> None:
    """A patient page that reports what clinics charge still reads as patient information."""
    hedged = "Injections can help ease pain for a few months."
    assert "EFF002" in rules_on_text(tmp_path, f"{PATIENT_PAGE}{hedged}\n\nPrices start from $300.\n")
    reported = "Clinics charge from $3,000 to more than $10,000 per knee."
    assert "EFF002" not in rules_on_text(tmp_path, f"{PATIENT_PAGE}{hedged}\n\n{reported}\n")


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("It starts working in hours, not the four to six weeks pills take.", "SPD002"),
        ("One drip works better than a whole week of sports drinks.", "CMP001"),
        ("Our tea is a cheat code for bloating.", "HYP001"),
        ("This therapy is changing sports medicine forever.", "HYP002"),
    ],
)
def test_new_classes_of_wording_fire(tmp_path: Path, sentence: str, rule: str) -> None:
    assert rule in rules_on_sales_page(tmp_path, sentence)


def test_who_is_not_treated_counts_as_fair_balance(tmp_path: Path) -> None:
    claims = "Our infusions end anxiety for good. They calm panic within the hour. Patients feel reborn."
    limits = "We do not treat people with uncontrolled high blood pressure or a history of psychosis."
    assert fair_balance_missing(tmp_path, claims, limits) == (True, False)
