"""The built-in rules on an eleventh round of held-out pages: clinic posts as a scraper saves them.

``tests/fixtures/holdout_round11`` is plain text, the shape the project's
seed pages have: headings on their own lines, list items as short lines,
bylines and leftovers ("Share this post", "Book Now"). Eight clinic posts
(ketamine for veterans' PTSD, an IV lounge's "immune season", tirzepatide,
perimenopause pellets, stem cells for back pain, TMS for OCD, psychedelic
microdosing, chiropractic for children's headaches) and three balanced pages
(VA, MedlinePlus, NHS style). Written and annotated before any rule was
changed for it and before its author read the rules. First run: recall 0.50,
precision 0.94, every page-level finding right, no noise; thresholds in
``tests/test_holdout_rounds.py``.

Fixed first: insurance coverage sentences, what an infusion "is described
as", "most clients barely feel the needle", "so many women get dismissed",
"help you feel full sooner". Then: "the relief years of pills never did",
"did more than six years of talk therapy", "replaced their SSRIs", "unlike
semaglutide", "loosen their grip", "erase the emotional charge", "drop 30,
40, even 50 pounds", "got their lives back", "fears put to rest", "doesn't
cause weight gain", "we see stories like Ella's every week", "dark thoughts"
with "reach out to our team", microdosing as psilocybin, and spine disorders
in the indication table. Recall 0.65, precision 0.96.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import SALES, needs_shared, rules_on_sales_page, rules_on_text

pytestmark = needs_shared


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("# Cost\n\nKetamine infusions for PTSD are not covered by Medicare or most insurers.", "IND001"),
        ("# During the infusion\n\nMost people describe it as dreamy.", "TST001"),
        ("# The needle\n\nMost clients barely feel the needle going in.", "TST001"),
        ("# How it works\n\nThe medicine helps you feel full sooner after meals.", "EFF002"),
    ],
)
def test_round11_false_alarms_stay_quiet(tmp_path: Path, text: str, rule: str) -> None:
    assert rule not in rules_on_text(tmp_path, f"{text}{SALES}")


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Our drips gave her the energy that years of pills never did.", "CMP001"),
        ("Unlike semaglutide, our compounded blend comes without the nausea.", "CMP001"),
        ("Within weeks the cravings loosen their grip.", "EFF002"),
        ("Our members drop 20, 30, even 40 pounds.", "EFF002"),
        ("We hear versions of Maria's story every month.", "TST001"),
        ("Old fears about hormone pellets have been laid to rest.", "SAF003"),
        ("Microdosing heals anxiety at the root.", "IND001"),
    ],
)
def test_new_classes_of_wording_fire(tmp_path: Path, sentence: str, rule: str) -> None:
    assert rule in rules_on_sales_page(tmp_path, sentence)


def test_dark_thoughts_beside_a_soft_call_to_action_is_a_crisis_finding(tmp_path: Path) -> None:
    text = (
        "# Feeling low\n\nSome of our clients have thought about suicide.\n\n"
        "Our sessions can make those dark thoughts disappear, so reach out to our team today.\n"
    )
    assert "CRS002" in rules_on_text(tmp_path, text)
