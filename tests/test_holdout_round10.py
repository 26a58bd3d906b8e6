"""The built-in rules on a tenth round of held-out pages: publishers and brands, not clinics.

``tests/fixtures/holdout_round10`` holds a wellness-magazine listicle, a
weight-loss patch advertorial, an affiliate newsletter roundup, a Canadian
naturopath's blog, a UK online pharmacy's finasteride page, a biohacker's
Substack post, a Canadian anxiety telehealth page, an immune-drink press
release and three balanced pages (Health Canada, NHS, NCCIH). Written and
annotated before any rule was changed for it and before its author read the
rules. First run: recall 0.41, precision 0.89, and five findings on the
Health Canada page, whose warning list quotes the red-flag words ("claim to
cure", "promise guaranteed results", "100% natural and therefore free of side
effects"); thresholds in ``tests/test_holdout_rounds.py``.

Fixed first: the items of a warning list and "does not mean it will work for
everyone"; risk text worded "rare reports of liver injury", "can cause
serotonin syndrome", "should skip it"; a bare "for" after "used to check"
(finasteride and a PSA test for prostate cancer is no indication claim).
Then: readers and reviewers as witnesses, "the typical customer loses",
weight lost as a number, colds "kept away", substitution ("a complete
replacement for", "ditching the shots", "the only thing that ever worked",
"physical therapy couldn't touch"), "the research is overwhelming", specialists
who "agree", "safe to take alongside anything", and finasteride, propranolol
and calming supplements in the indication table. Recall 0.56, precision 0.94.

Two page-level expectations stay unmet by choice: this round's annotator does
not count the supplement footnote ("not intended to diagnose, treat, cure or
prevent any disease") or "results not typical" as a disclaimer, and medlint
does, as earlier rounds' annotators did.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import fair_balance_missing, needs_shared, rules_on_sales_page, rules_on_text

pytestmark = needs_shared


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("# Buying supplements\n\nBe careful with products that:\n\n- claim to cure arthritis\n", "EFF001"),
        ("# Buying supplements\n\n- say they are natural and therefore free of side effects\n", "SAF001"),
        ("# Licensing\n\nA licence does not mean the product will work for everyone.\n", "EFF001"),
        ("# Finasteride\n\nFinasteride lowers PSA, a blood test used to check for prostate cancer.\n", "IND001"),
    ],
)
def test_round10_false_alarms_stay_quiet(tmp_path: Path, text: str, rule: str) -> None:
    """Warnings that quote red-flag words, and a screening test, reworded from the first run's false alarms."""
    assert rule not in rules_on_text(tmp_path, text)


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Dozens of you wrote in to say the protocol changed your mornings.", "TST001"),
        ("The typical client loses 12 pounds in a month.", "TST001"),
        ("Our tea keeps colds and flu away all winter.", "EFF002"),
        ("It is a complete replacement for your sleeping pills.", "CMP001"),
        ("The research on this herb is overwhelming.", "EVI002"),
        ("Our tinctures are safe to take alongside any medication.", "SAF001"),
        ("We also prescribe propranolol for exam anxiety.", "IND001"),
    ],
)
def test_new_classes_of_wording_fire(tmp_path: Path, sentence: str, rule: str) -> None:
    assert rule in rules_on_sales_page(tmp_path, sentence)


def test_a_plainly_worded_risk_counts_as_fair_balance(tmp_path: Path) -> None:
    claims = "Our blend melts fat fast. It ends cravings for good. You lose weight within days."
    risk = "It can cause serotonin syndrome with some antidepressants, so people taking them should skip it."
    assert fair_balance_missing(tmp_path, claims, risk) == (True, False)
