"""Every held-out round meets the thresholds it was fixed at, and its balanced pages stay quiet.

Each round's own module (``test_holdout_roundN.py``) tells its story: what
it was written to test, its first-run figures, what the rules learnt, and the
wording it taught, reworded. The thresholds live here, one row per round,
a little under what the round reached, so that a later rule change that
loses ground on any earlier round fails.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from scoring import FIXTURES, balanced_extras, evaluate, needs_shared

pytestmark = needs_shared


class Round(NamedTuple):
    folder: str
    recall: float
    precision: float
    document_recall: float
    document_precision: float
    balanced_pages: int


ROUNDS = [
    Round("holdout_round3", 0.9, 0.95, 1.0, 0.0, 5),
    Round("holdout_round4", 0.9, 0.95, 1.0, 0.0, 4),
    Round("holdout_round5", 0.45, 0.9, 1.0, 0.0, 4),
    Round("holdout_round6", 0.65, 0.92, 0.9, 0.95, 4),
    Round("holdout_round7", 0.45, 0.92, 0.85, 0.0, 4),
    Round("holdout_round8", 0.55, 0.92, 0.9, 0.95, 3),
    Round("holdout_round9", 0.65, 0.92, 1.0, 0.95, 3),
    Round("holdout_round10", 0.52, 0.92, 0.7, 0.95, 3),
    Round("holdout_round11", 0.6, 0.93, 1.0, 0.95, 3),
    Round("holdout_round12", 0.55, 0.92, 1.0, 0.85, 3),
    Round("holdout_round13", 0.53, 0.88, 1.0, 0.95, 3),
    Round("holdout_round14", 0.72, 0.93, 1.0, 0.95, 2),
    Round("holdout_round15", 0.83, 0.95, 1.0, 0.95, 2),
    Round("holdout_round16", 0.92, 0.96, 0.7, 0.95, 2),
]


@pytest.mark.parametrize("round_", ROUNDS, ids=[round_.folder for round_ in ROUNDS])
def test_round_meets_its_thresholds(round_: Round, tmp_path: Path) -> None:
    result = evaluate(
        FIXTURES / round_.folder,
        tmp_path,
        "--min-recall", str(round_.recall),
        "--min-precision", str(round_.precision),
        "--min-document-recall", str(round_.document_recall),
        "--min-document-precision", str(round_.document_precision),
        "--max-noise", "0",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("round_", ROUNDS, ids=[round_.folder for round_ in ROUNDS])
def test_no_span_finding_on_any_balanced_page(round_: Round, tmp_path: Path) -> None:
    folder = FIXTURES / round_.folder
    assert len(sorted(folder.glob("balanced_*"))) >= round_.balanced_pages
    assert balanced_extras(folder, tmp_path) == []
