"""The built-in rules on a sixth round of held-out pages, scored by the shared scorer.

``tests/fixtures/holdout_round6`` was written and annotated before any rule
was changed for it (and before its author read the rule patterns): an IVF
add-ons clinic, a CBD oil listing, a kratom and kava shop, compounded
bioidentical hormones by telehealth, a cold-plunge studio's video notes, a
hair-transplant clinic's email, a PRP press release, a UK aesthetic clinic,
an Australian compounding pharmacy and a teen-anxiety app, plus four
balanced pages (MedlinePlus, NHS inform, Mayo Clinic, a pharmacy
association). It was the first round written after round 5 widened the
rules, so its first run says how far that generalised: recall 0.49 (round
5's first run: 0.20), precision 0.92, no noise on the balanced pages.

The rules then learnt: eleven products sold for conditions they are not
approved for (kratom, kava, botulinum toxin, compounded bioidentical
hormones, PRP, ozone, chelation, glutathione, methylene blue, rapamycin,
low-dose naltrexone, B12 and lipotropic shots, Intralipid) in the
indication table; the alternative's drawback as the contrast ("without the
hangover of sleeping pills", "swapped their ibuprofen for"); the crowd as
proof ("thousands of Queenslanders have"); tradition as proof ("for 3,000
years, so you know it works"); permanence; Australian disclaimers and
passing effects ("you may notice some redness") as fair balance. Recall
0.68, precision 0.95, document precision 1.00.

Still missed: backstory sentences of a quoted review ("My doctor wanted to
put me on Prozac."), and a product offered as a companion in a suicidal
crisis without sales words near it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import SALES, needs_shared, rules_on, rules_on_sales_page, rules_on_text

pytestmark = needs_shared


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Our kava tea treats panic disorder and insomnia.", "IND001"),
        ("Jaw Botox is the answer to teeth grinding.", "IND001"),
        ("EDTA chelation clears plaque and reverses heart disease.", "IND001"),
        ("Rest deeply without the grogginess of sleeping pills.", "CMP001"),
        ("Hundreds of couples have swapped their fertility drugs for our tea.", "TST001"),
        ("Healers have used this root for centuries, so you know it works.", "EVI002"),
        ("The results are permanent.", "EFF003"),
        ("Turn back the clock with our collagen shots.", "HYP001"),
        ("After my second laser session I could walk again.", "SPD002"),
    ],
)
def test_new_classes_of_wording_fire(tmp_path: Path, sentence: str, rule: str) -> None:
    """Each class the round taught, in words of its own, on a page that sells."""
    assert rule in rules_on_sales_page(tmp_path, sentence)


def test_an_australian_disclaimer_counts(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    claims = "Our shots melt fat fast. They cure bloating for good. Results in just days."
    page.write_text(f"# Shots\n\n{claims}{SALES}", encoding="utf-8")
    assert "DOC001" in rules_on(page)
    disclaimer = "This information is general in nature and does not replace the advice of your doctor."
    page.write_text(f"# Shots\n\n{claims}{SALES}\n{disclaimer}\n", encoding="utf-8")
    assert "DOC001" not in rules_on(page)


def test_testosterone_pellets_are_not_called_unapproved(tmp_path: Path) -> None:
    """Testosterone pellets (Testopel) are approved for hypogonadism: only compounded hormones are unapproved."""
    assert "IND001" not in rules_on_text(tmp_path, f"# Pellets\n\nOur testosterone pellets treat hypogonadism.{SALES}")


def test_an_upsell_or_a_chatbot_beside_suicidal_thoughts_is_a_crisis_finding(tmp_path: Path) -> None:
    """An app page that answers suicidal thoughts with a paid tier or an AI companion, and no crisis line."""
    page = tmp_path / "app.md"
    page.write_text(
        "# Calm app\n\nIf your son has suicidal thoughts at night, upgrading to Calm Pro gives him more tools.\n\n"
        "Our AI coach talks him through the worst moments, any time of night.\n",
        encoding="utf-8",
    )
    assert {"CRS001", "CRS002"} <= rules_on(page)
