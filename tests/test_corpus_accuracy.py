"""The built-in rules, scored against annotated pages with the shared scorer.

Two corpora: the project's own pages (tests/fixtures/corpus: eleven
promotional pages across verticals plus four balanced pages, written for
medlint) and the shared seeds (real ketamine-clinic posts). Both are scored by
``../shared/tools/evaluate.py``, the tool reviewers use, through the real CLI,
so a rule change that costs recall or adds noise fails here. The seed
thresholds also depend on the indication, crisis and document rules.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from scoring import ROOT, evaluate, needs_shared

SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
OWN_CORPUS = ROOT / "tests" / "fixtures" / "corpus"
SPAN_CATEGORIES = ("efficacy", "speed", "safety", "evidence", "testimonial", "hype", "comparative")
ROW = re.compile(r"^(?P<category>[a-z-]+)\s+(?P<found>\d+)\s+(?P<missed>\d+)\s+(?P<recall>[\d.]+|nan)$", re.MULTILINE)


def recall_by_category(output: str) -> dict[str, float]:
    return {m["category"]: float(m["recall"]) for m in ROW.finditer(output)}


@needs_shared
def test_own_corpus_meets_its_thresholds(tmp_path: Path) -> None:
    result = evaluate(
        OWN_CORPUS,
        tmp_path,
        "--min-recall", "0.85",
        "--min-precision", "0.9",
        "--min-document-recall", "0.9",
        "--max-noise", "3.0",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


@needs_shared
def test_own_corpus_recall_per_span_category(tmp_path: Path) -> None:
    result = evaluate(OWN_CORPUS, tmp_path)
    recall = recall_by_category(result.stdout)
    low = {category: recall.get(category) for category in SPAN_CATEGORIES if recall.get(category, 0.0) < 0.8}
    assert low == {}, result.stdout


def test_balanced_pages_draw_no_span_findings_from_claim_rules(tmp_path: Path) -> None:
    """Hedged, sourced pages with risks and disclaimers: none of the seven claim categories fires."""
    pages = sorted(OWN_CORPUS.glob("balanced_*"))
    assert len(pages) >= 3
    result = subprocess.run(
        [sys.executable, "-m", "medlint", "check", "--format", "json", "--select", "EFF,SPD,SAF,EVI,TST,HYP,CMP"]
        + [str(page) for page in pages],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "MEDLINT_DISABLE_PLUGIN_AUTOLOAD": "1"},
        check=False,
    )
    findings = [f"{f['path']}:{f['line']} {f['rule']} {f['message']}" for f in json.loads(result.stdout)["findings"]]
    assert findings == []


@needs_shared
def test_seeds_meet_the_release_thresholds(tmp_path: Path) -> None:
    result = evaluate(
        SEEDS,
        tmp_path,
        "--min-recall", "0.9",
        "--min-precision", "0.9",
        "--min-document-recall", "1.0",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


@needs_shared
def test_seed_recall_per_span_category(tmp_path: Path) -> None:
    recall = recall_by_category(evaluate(SEEDS, tmp_path).stdout)
    assert {category: recall[category] >= 0.9 for category in SPAN_CATEGORIES} == dict.fromkeys(SPAN_CATEGORIES, True)
