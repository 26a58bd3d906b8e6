"""The built-in rules on a ninth round of held-out pages: long clinic blog posts, as clinics write them.

``tests/fixtures/holdout_round9`` holds eight long-form clinic posts (a
ketamine clinic in Dublin, a London menopause clinic, a Melbourne semaglutide
clinic, a Florida NAD+ and IV clinic in HTML, regenerative orthopaedics in
Houston, a functional-medicine practice, a sports chiropractor and a men's
health clinic) and three balanced pages in the style of the HSE, the NHS and
Healthdirect. Written and annotated before any rule was changed for it and
before its author read the rules. First run: recall 0.52, precision 0.89,
no noise on the balanced pages; the thresholds are in
``tests/test_holdout_rounds.py``.

The false alarms fixed first: what an infusion feels like and how soon that
passes, "so many women feel let down", "many people regain some of the
weight", "many of our clients have been told", and a risk list worded "many
people feel sore or stiff ... linked in rare cases to a stroke". Then: the
rival's slowness or burden as the contrast ("where tablets can take six
weeks", "had enough of antidepressants", "something that actually works",
"why have your knee replaced when you can"), benefit bullets ("sharper focus
and memory", "protection against Alzheimer's"), "works in every man",
"permanently resets your metabolism", "feel ten years younger", "wish they
had come in years ago", "the safest, most natural way", "many in the field
describe it as", and "prescribe ... for" / "use ... for" as treatment cues.
Recall 0.69, precision 0.94.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import SALES, fair_balance_missing, needs_shared, rules_on_sales_page, rules_on_text

pytestmark = needs_shared


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (
            "# Infusions\n\nMost people feel a sense of floating during the infusion. It usually fades within an hour.",
            "SPD002",
        ),
        ("# Infusions\n\nMost people feel a sense of floating during the infusion.", "TST001"),
        ("# Weight\n\nMany people regain some of the weight after stopping.", "TST001"),
        ("# Thyroid\n\nMany of our clients have been told their results are normal.", "TST001"),
    ],
)
def test_round9_false_alarms_stay_quiet(tmp_path: Path, text: str, rule: str) -> None:
    """The first run's false alarms, reworded, on a page that sells."""
    assert rule not in rules_on_text(tmp_path, f"{text}{SALES}")


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Where pills can take a month to help, our drip works on a different timescale.", "CMP001"),
        ("If you have had enough of painkillers, try our shockwave sessions.", "CMP001"),
        ("Conventional doctors just hand out prescriptions for your symptoms.", "CMP001"),
        ("Our peptide gives you sharper focus and all-day energy.", "EFF002"),
        ("Our program permanently resets your metabolism.", "EFF003"),
        ("Most clients wish they had come in years ago.", "TST001"),
        ("Acupuncture is the safest, most natural way to ease back pain.", "SAF003"),
        ("We also prescribe ketamine lozenges for chronic fatigue.", "IND001"),
    ],
)
def test_new_classes_of_wording_fire(tmp_path: Path, sentence: str, rule: str) -> None:
    assert rule in rules_on_sales_page(tmp_path, sentence)


def test_a_risk_list_in_plain_words_counts_as_fair_balance(tmp_path: Path) -> None:
    claims = "Our adjustments cure migraines. They end back pain for good. Patients feel better within days."
    risks = "Many people feel sore or stiff for a day afterwards. In rare cases neck manipulation can lead to a stroke."
    assert fair_balance_missing(tmp_path, claims, risks) == (True, False)
