"""The built-in rules on held-out pages, scored by the shared scorer through the real CLI.

``tests/fixtures/holdout`` was written and annotated before the rules were
tuned for verticals beyond ketamine (stem cells, PRP, hormone pellets,
hyperbaric oxygen, TMS, compounded GLP-1, peptides, chiropractic,
cryotherapy, detox) and holds nine balanced pages in the style of NHS, Mayo
Clinic, MedlinePlus, CDC and Cleveland Clinic patient information.
``tests/fixtures/holdout_fresh`` holds two later rounds, each written after
the previous rule changes and scored once before the rules were improved with
it in view (first-run recall 0.45 and 0.44; see its expected.yaml). On
balanced pages every span finding is noise, so both sets demand zero noise: a
rule change that fires on patient information fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import ROOT, balanced_extras, evaluate, needs_shared

HOLDOUT = ROOT / "tests" / "fixtures" / "holdout"
FRESH = ROOT / "tests" / "fixtures" / "holdout_fresh"

pytestmark = needs_shared


def test_holdout_meets_its_thresholds(tmp_path: Path) -> None:
    result = evaluate(
        HOLDOUT,
        tmp_path,
        "--min-recall", "0.9",
        "--min-precision", "0.95",
        "--min-document-recall", "0.9",
        "--max-noise", "0",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_fresh_holdout_meets_its_thresholds(tmp_path: Path) -> None:
    result = evaluate(
        FRESH,
        tmp_path,
        "--min-recall", "0.85",
        "--min-precision", "0.95",
        "--min-document-recall", "0.8",
        "--max-noise", "0",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("corpus", [HOLDOUT, FRESH], ids=["holdout", "fresh"])
def test_no_span_finding_on_any_balanced_page(tmp_path: Path, corpus: Path) -> None:
    pages = sorted(corpus.glob("balanced_*"))
    assert len(pages) >= 3
    assert balanced_extras(corpus, tmp_path) == []
