"""The built-in rules on a seventh round of held-out pages, scored by the shared scorer.

``tests/fixtures/holdout_round7`` was written and annotated before any rule
was changed for it (and before its author read the rule patterns): a LASIK
centre, ED shockwave and the P-Shot, infrared-sauna podcast notes, a sea-moss
Shopify page, ADHD gummy ads, a pelvic-floor chair SMS and email campaign,
berberine as "nature's Ozempic" in MDX, a UK low-mood app, spinal
decompression and a sleep-apnoea mouthguard, plus four balanced pages (NHS,
Healthdirect, Cleveland Clinic, CDC). First run: recall 0.30, precision 0.89
and five findings on the balanced pages, which were the first to fix: a
denial ("no single treatment that cures"), a device's physical energy, a
balanced contrast ("others noticed no change"), "aren't safe for everyone",
and a "Proven treatment options" heading.

Then the rules learnt: "instead of masking it", "say goodbye to that CPAP",
"skip the Ritalin", "a gentler option for", "works as well as", "far higher
than"; virtually painless, "not a single customer has reported a side
effect"; onset told as a story ("two weeks in", "from the very first night",
"the 28-minute fix"); science "now confirming" and "used for centuries";
clinician-formulated products; crowd and individual proof ("men are
reporting", "my A1C went from", "his teacher asked what changed"); renewal
metaphors; six more products in the indication table (berberine, sea moss,
supplement gummies, saunas, shockwave, the Emsella chair) with their
conditions. Recall 0.49, precision 0.94, no noise, earlier rounds unchanged.

Still missed: conditions in bare list items and ad headlines, benefits told
as scenes ("Wake up and see the alarm clock"), and success percentages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import SALES, needs_shared, rules_on_sales_page, rules_on_text

pytestmark = needs_shared


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("There is no single medicine that cures psoriasis.", "EFF001"),
        ("The probe delivers short pulses of ultrasound energy to the tissue.", "EFF002"),
        ("Some people improved, while others noticed no change.", "TST001"),
        ("These painkillers aren't safe for everyone.", "SAF001"),
        ("Proven treatment options", "EVI001"),
    ],
)
def test_balanced_wording_stays_quiet(tmp_path: Path, sentence: str, rule: str) -> None:
    """The first run's false alarms on patient information, reworded."""
    assert rule not in rules_on_text(tmp_path, f"# About this treatment\n\n{sentence}\n")


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Our laser treats the cause instead of masking it.", "CMP001"),
        ("Say goodbye to your reading glasses and contacts for good.", "CMP001"),
        ("The procedure is virtually painless.", "SAF003"),
        ("Three weeks in, the ringing was gone.", "SPD002"),
        ("Modern science is finally catching up with what healers knew.", "EVI002"),
        ("Women are raving about our new recovery drip.", "TST001"),
        ("My cholesterol went from 7.1 to 5.2 in a season.", "TST002"),
        ("Sea moss gel clears eczema and calms psoriasis.", "IND001"),
        ("The Emsella chair restores sexual function after childbirth.", "IND001"),
    ],
)
def test_new_classes_of_wording_fire(tmp_path: Path, sentence: str, rule: str) -> None:
    """Each class the round taught, in words of its own, on a page that sells."""
    assert rule in rules_on_sales_page(tmp_path, sentence)


def test_the_emsella_chair_for_incontinence_is_its_cleared_use(tmp_path: Path) -> None:
    assert "IND001" not in rules_on_text(
        tmp_path, f"# Emsella\n\nThe Emsella chair treats urinary incontinence in women.{SALES}"
    )
