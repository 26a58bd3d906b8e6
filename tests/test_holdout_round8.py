"""The built-in rules on an eighth round of held-out pages, scored by the shared scorer.

``tests/fixtures/holdout_round8`` returns to the project's core verticals
with new authors: a long ketamine explainer, a Spravato clinic FAQ, an IV
therapy city page, a GLP-1 telehealth "our approach" page in MDX, a TRT
patient story, a ketamine vs. TMS vs. antidepressants comparison, a stem-cell
and chiropractic newsletter, a liver-detox supplement's "science" page and a
psilocybin service centre, plus three balanced pages (NIMH, NHS, Mayo
Clinic). Written and annotated before any rule was changed for it. First
run: recall 0.48, precision 0.85, one finding on a balanced page (an FDA
approval for "acute suicidal thoughts" read as a product offered in a
crisis).

The rules then stopped firing on review headings ("What our patients tell
us", "Customer reviews"), questions, "X vs. Y" titles, what a session feels
like, lab turnaround times, driving advice, billing sentences and approval
statements; and learnt onsets told as landmarks ("by the drive home", "45
minutes later", "with just one injection"), "the obvious choice", "isn't a
last resort", "doesn't just treat symptoms", understated safety ("barely
notice anything", "serious problems simply don't happen", "worries have been
debunked"), risk lists introduced as "effects include", and disclaimers that
say "not medical treatment". Recall 0.58, precision 0.95, no noise.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import needs_shared, rules_on_sales_page, rules_on_text

pytestmark = needs_shared


@pytest.mark.parametrize(
    ("page", "rule"),
    [
        ("# Reviews\n\n## What our clients say\n\nWe open at nine.", "TST001"),
        ("# Reviews\n\n## Client reviews\n\nWe open at nine.", "TST002"),
        ("# Ozempic vs. Mounjaro\n\nBoth are weekly injections.", "CMP001"),
        ("# After the session\n\nDo not drive until the next day, after a good night's sleep.", "SPD002"),
        ("# Labs\n\nMost patients get their results within 48 hours.", "TST001"),
        (
            "# About ketamine\n\nIn 2019 the FDA approved an esketamine nasal spray for adults with depression, "
            "including those with acute suicidal thoughts or behaviour.\n\n"
            "Ketamine has been used for decades as an anaesthetic.",
            "CRS001",
        ),
    ],
)
def test_round8_false_alarms_stay_quiet(tmp_path: Path, page: str, rule: str) -> None:
    """Headings, titles, practical advice and approval statements, reworded from the first run's false alarms."""
    assert rule not in rules_on_text(tmp_path, f"{page}\n")


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Most guests feel calmer by the drive home.", "SPD002"),
        ("For stubborn back pain, our laser is the obvious choice.", "CMP001"),
        ("Our patients barely notice anything during the procedure.", "SAF003"),
        ("The old fears about hormone therapy have been debunked.", "SAF003"),
        ("This is the ultimate recovery drip.", "HYP001"),
    ],
)
def test_new_classes_of_wording_fire(tmp_path: Path, sentence: str, rule: str) -> None:
    assert rule in rules_on_sales_page(tmp_path, sentence)
