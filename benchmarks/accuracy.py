"""Per-category recall and precision of the built-in rules on the annotated corpora.

Runs ``medlint check --format json`` once per corpus, hands the report to the
shared scorer (``../shared/tools/evaluate.py --report``) for its summary line,
and computes what the scorer does not print: precision per category. A
finding of category C is *right* when it overlaps an annotated quote that
lists C; *on a quote* when it overlaps any annotated quote (the scorer's
overall precision counts these).

    python benchmarks/accuracy.py [CORPUS ...] [--cmd "medlint check --format json"]

With no CORPUS it scores ../shared/corpus/seeds and tests/fixtures/corpus.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shlex
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
EVALUATE = ROOT.parent / "shared" / "tools" / "evaluate.py"
DEFAULT_CORPORA = (ROOT.parent / "shared" / "corpus" / "seeds", ROOT / "tests" / "fixtures" / "corpus")


@dataclass
class Tally:
    """Counts per category for one corpus."""

    found: Counter[str] = field(default_factory=Counter)
    missed: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    on_quote: Counter[str] = field(default_factory=Counter)
    fired: Counter[str] = field(default_factory=Counter)


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("medlint_shared_evaluate", EVALUATE)
    if spec is None or spec.loader is None:
        sys.exit(f"cannot load {EVALUATE}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_medlint(cmd: str, files: list[Path]) -> dict[str, Any]:
    proc = subprocess.run([*shlex.split(cmd), *map(str, files)], capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):
        sys.exit(f"`{cmd}` exited {proc.returncode}: {proc.stderr[-2000:]}")
    report: dict[str, Any] = json.loads(proc.stdout)
    return report


def tally(corpus: Path, report: dict[str, Any], scorer: ModuleType) -> Tally:
    expected = yaml.safe_load((corpus / "expected.yaml").read_text(encoding="utf-8"))["documents"]
    by_file: dict[str, list[dict[str, Any]]] = {}
    for finding in report["findings"]:
        by_file.setdefault(Path(finding["path"]).name, []).append(finding)
    counts = Tally()
    for name, annotation in expected.items():
        text = (corpus / name).read_text(encoding="utf-8")
        starts = scorer.line_starts(text)
        spans = [
            (scorer.find_quote(text, item["quote"]), set(item["categories"]))
            for item in (annotation or {}).get("spans", [])
        ]
        findings = []
        for f in by_file.get(name, []):
            if f.get("scope") == "document":
                continue
            a = scorer.to_offset(starts, f["line"], f["column"])
            b = max(scorer.to_offset(starts, f["end_line"], f["end_column"]), a + 1)
            findings.append((a, b, f["category"]))
        for where, categories in spans:
            hits = {c for a, b, c in findings if a < where[1] and where[0] < b}
            for category in categories:
                (counts.found if category in hits else counts.missed)[category] += 1
        for a, b, category in findings:
            counts.fired[category] += 1
            matched = [cats for where, cats in spans if a < where[1] and where[0] < b]
            counts.on_quote[category] += bool(matched)
            counts.right[category] += any(category in cats for cats in matched)
    return counts


def ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "  - "


def print_table(corpus: Path, counts: Tally) -> None:
    print(f"\n{corpus}")
    print(f"{'category':<18}{'recall':>8}{'precision':>11}{'on a quote':>12}{'findings':>10}")
    for category in sorted(set(counts.found) | set(counts.missed) | set(counts.fired)):
        found, missed = counts.found[category], counts.missed[category]
        print(
            f"{category:<18}{ratio(found, found + missed):>8}"
            f"{ratio(counts.right[category], counts.fired[category]):>11}"
            f"{ratio(counts.on_quote[category], counts.fired[category]):>12}{counts.fired[category]:>10}"
        )


def summary_line(corpus: Path, report: dict[str, Any], cmd: str) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(report, handle)
    proc = subprocess.run(
        [sys.executable, str(EVALUATE), str(corpus), "--report", handle.name, "--cmd", cmd],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    Path(handle.name).unlink()
    return proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="*", type=Path, default=list(DEFAULT_CORPORA))
    parser.add_argument("--cmd", default=f"{sys.executable} -m medlint check --format json")
    args = parser.parse_args()
    if not EVALUATE.is_file():
        print(f"the shared scorer {EVALUATE} is missing", file=sys.stderr)
        return 2
    scorer = load_scorer()
    for corpus in args.corpora:
        names = yaml.safe_load((corpus / "expected.yaml").read_text(encoding="utf-8"))["documents"]
        report = run_medlint(args.cmd, [corpus / name for name in names])
        print_table(corpus, tally(corpus, report, scorer))
        print("evaluate.py: " + summary_line(corpus, report, args.cmd))
    return 0


if __name__ == "__main__":
    sys.exit(main())
