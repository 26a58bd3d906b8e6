"""Benchmark medlint against proselint and textlint (write-good), and break down its own time.

    python benchmarks/run.py            # everything (installs the peers on first use)
    python benchmarks/run.py --quick    # 1,000 instead of 5,000 files for the large corpus
    python benchmarks/run.py --no-peers # medlint only

It prints figures, it does not assert: whole processes are timed side by side
in one run (best of ``--rounds``), on a deterministic corpus written by
``corpus.py``. Everything it installs or writes lives in ``benchmarks/.work/``:
proselint from PyPI in a venv, textlint with textlint-rule-write-good from npm,
the corpora, and the cache folders. medlint runs from the interpreter that runs
this script, with its full built-in rulesets (the work folder has an empty
``.medlint.yml`` so no other config is picked up).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
sys.path.insert(0, str(HERE))

from corpus import write_corpus  # noqa: E402

PYTHON = sys.executable


@dataclass
class Timing:
    label: str
    seconds: float | None
    note: str = ""


CPU: dict[str, float] = {"last": 0.0}
"""CPU seconds (user + system) of the last process timed, children included: steadier than wall time."""


def run(command: list[str], cwd: Path = WORK, env: dict[str, str] | None = None) -> float:
    """Wall time of one whole process (its output discarded); its CPU time goes to ``CPU``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        check=False,
    )  # fmt: skip
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU["last"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall


def best(command: list[str], rounds: int, **kwargs: object) -> float:
    """The best wall time of ``rounds`` runs (``CPU['last']`` is that run's CPU time)."""
    results = []
    for _ in range(rounds):
        wall = run(command, **kwargs)  # type: ignore[arg-type]
        results.append((wall, CPU["last"]))
    wall, CPU["last"] = min(results)
    return wall


def corpus_bytes(folder: Path) -> int:
    return sum(item.stat().st_size for item in folder.glob("*.md"))


# -- peers --------------------------------------------------------------------------------------


def proselint_command() -> list[str] | None:
    venv = WORK / "venv"
    exe = venv / "bin" / "proselint"
    if not exe.exists():
        print("installing proselint into benchmarks/.work/venv ...", flush=True)
        subprocess.run([PYTHON, "-m", "venv", str(venv)], check=False)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "proselint"], check=False)
    return [str(exe), "check"] if exe.exists() else None


def textlint_command() -> list[str] | None:
    node = WORK / "node"
    exe = node / "node_modules" / ".bin" / "textlint"
    if not exe.exists() and shutil.which("npm"):
        print("installing textlint + textlint-rule-write-good into benchmarks/.work/node ...", flush=True)
        node.mkdir(parents=True, exist_ok=True)
        if not (node / "package.json").exists():
            (node / "package.json").write_text('{"name": "medlint-bench", "private": true}\n')
        subprocess.run(["npm", "install", "--silent", "textlint", "textlint-rule-write-good"], cwd=node, check=False)
    if not exe.exists():
        return None
    return [str(exe), "--rules-base-directory", str(node / "node_modules"), "--rule", "write-good"]


def medlint(*args: str) -> list[str]:
    return [PYTHON, "-m", "medlint", "check", "-q", *args]


# -- sections -----------------------------------------------------------------------------------


def ratio(slow: float | None, fast: float | None) -> str:
    if slow is None or fast is None or fast <= 0:
        return "n/a"
    return f"{slow / fast:.1f}x"


def line(label: str, seconds: float | None, extra: str = "", cpu: float | None = None) -> None:
    shown = "unavailable" if seconds is None else f"{seconds:8.3f} s"
    used = f"cpu {cpu:7.3f} s" if cpu is not None else ""
    print(f"  {label:<40} {shown:>12} {used:>15}  {extra}")


def compare_peers(files: list[str], rounds: int, peers: bool) -> dict[str, tuple[float, float] | None]:
    """(wall, cpu) seconds of each tool on ``files``; None when the tool is not installed."""
    prose = proselint_command() if peers else None
    text = textlint_command() if peers else None
    times: dict[str, tuple[float, float] | None] = {}
    for name, command, tries in (
        ("medlint", medlint("--no-cache", *files), rounds),
        ("proselint", [*prose, *files] if prose else None, 1),
        ("textlint", [*text, *files] if text else None, 1),
    ):
        times[name] = (best(command, tries), CPU["last"]) if command else None
    return times


def print_peers(times: dict[str, tuple[float, float] | None]) -> None:
    ours = times["medlint"]
    for name, measured in times.items():
        wall, cpu = measured if measured else (None, None)
        speed = ""
        if name != "medlint" and measured and ours:
            speed = f"medlint is {ratio(measured[0], ours[0])} faster (cpu: {ratio(measured[1], ours[1])})"
        line(name, wall, speed, cpu)


def section_peers(args: argparse.Namespace, small: Path) -> dict[str, object]:
    print(f"\n== 200 files ({corpus_bytes(small) / 1e6:.2f} MB), whole processes, medlint --no-cache ==")
    times = compare_peers([small.name], args.rounds, not args.no_peers)
    print_peers(times)
    warm_rules = with_rule_memo(small, args.rounds)
    line("medlint, cache on (memo + accelerator kept)", warm_rules[0], "no page's findings cached", warm_rules[1])
    one = small / "article-00007.md"
    print(f"\n== one file ({one.stat().st_size} bytes): the pre-commit case ==")
    singles = compare_peers([str(one.relative_to(WORK))], args.rounds, not args.no_peers)
    print_peers(singles)
    memo = with_rule_memo(one, args.rounds)
    line("medlint, cache on (rules memo warm)", memo[0], "the file itself not cached", memo[1])
    return {"files200": times, "files200_memo": warm_rules, "one_file": singles, "one_file_memo": memo}


def with_rule_memo(target: Path, rounds: int) -> tuple[float, float]:
    """(wall, cpu) of a run with the cache on: rules known from an earlier run, the pages' results not.

    What a pre-commit hook or a CI job with a kept cache folder pays when the
    pages changed but the rules did not.
    """
    results: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory(dir=WORK) as folder:
        command, env = medlint(str(target.relative_to(WORK))), {"MEDLINT_CACHE_DIR": folder}
        run(command, env=env)  # writes the rules memo
        for _ in range(rounds):
            for results_folder in Path(folder).glob("v*"):
                shutil.rmtree(results_folder)  # forget the file's findings, keep the rules memo
            results.append((run(command, env=env), CPU["last"]))
    return min(results)


def section_throughput(large: Path, part: Path) -> dict[str, object]:
    size, part_size = corpus_bytes(large), corpus_bytes(part)
    count = len(list(large.glob("*.md")))
    print(f"\n== throughput: {count} files ({size / 1e6:.1f} MB), --no-cache ==")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    all_cores = best(medlint("--no-cache", large.name), 1)
    line(f"all cores ({cores})", all_cores, f"{size / all_cores / 1e6:.2f} MB/s", CPU["last"])
    one_core = best(medlint("--no-cache", "--jobs", "1", large.name), 1)
    one_cpu = CPU["last"]
    line("--jobs 1", one_core, f"{size / one_core / 1e6:.2f} MB/s wall, {size / one_cpu / 1e6:.2f} MB/s cpu", one_cpu)
    part_time = best(medlint("--no-cache", "--jobs", "1", part.name), 1)
    part_cpu = CPU["last"]
    line(f"first {count // 5} files, --jobs 1", part_time, f"{part_cpu / part_size * 1e6:.3f} cpu s/MB", part_cpu)
    linearity = (one_cpu / size) / (part_cpu / part_size)
    print(f"  cost per MB, {count} files vs {count // 5}: {linearity:.2f} (1.00 = linear)")
    return {"mb_s_all": size / all_cores / 1e6, "mb_s_core": size / one_cpu / 1e6, "linearity": linearity}


def section_cache(corpus: Path) -> dict[str, object]:
    """Cold then warm runs on a fresh cache; measured again if the warm run missed (code edited meanwhile)."""
    print(f"\n== result cache on {corpus.name} (fresh MEDLINT_CACHE_DIR) ==")
    for _attempt in range(3):
        with tempfile.TemporaryDirectory(dir=WORK) as folder:
            env = {"MEDLINT_CACHE_DIR": folder}
            cold = run(medlint(corpus.name), env=env)
            cold_cpu = CPU["last"]
            entries = len(list(Path(folder).rglob("*.json")))
            warm = best(medlint(corpus.name), 2, env=env)
            missed = len(list(Path(folder).rglob("*.json"))) - entries
        if not missed:
            break
        print(f"  (warm run missed {missed} entries: medlint's code or rules changed meanwhile; measuring again)")
    line("cold (empty cache)", cold, f"{entries} entries written", cold_cpu)
    line("warm (unchanged corpus)", warm, f"{warm / cold:.1%} of cold", CPU["last"])
    return {"cold": cold, "warm": warm}


BREAKDOWN = r"""
import json, sys, time
start = time.perf_counter()
import medlint.cli, medlint.api, medlint.runner
from pathlib import Path
imported = time.perf_counter()
from medlint.config import load_config
from medlint.api import Linter
linter = Linter.create(load_config())
loaded = time.perf_counter()
files = sorted(Path(sys.argv[1]).glob("*.md"))
texts = [(str(p), p.read_text(encoding="utf-8")) for p in files]
read = time.perf_counter()
docs = [linter.parse(text, path) for path, text in texts]
parsed = time.perf_counter()
from medlint.engine import lint_document
from medlint.suppress import apply_suppressions
rules = linter.selection.rules
region, timeout = linter.config.region, linter.config.rule_timeout
found = [apply_suppressions(lint_document(d, rules, region=region, timeout=timeout), d, linter.known_ids) for d in docs]
matched = time.perf_counter()
from medlint.api import FileResult
from medlint.runner import formatter_class
report = linter.report([FileResult(path, tuple(f)) for (path, _), f in zip(texts, found)], [])
for name in ("text", "json"):
    formatter_class(linter, name)(color=False, show_summary=True).render(report)
output = time.perf_counter()
from medlint.checks import accelerator
patterns = [p for rule in rules for p in rule.check.scanned_patterns()]
built = accelerator.build(patterns)
compiled = time.perf_counter()
accelerator.activate(built)
for d in docs:
    lint_document(d, rules, region=region, timeout=timeout)
accelerated = time.perf_counter()
accelerator.activate(None)
per_rule = {}
for rule in rules:
    began = time.perf_counter()
    for d in docs:
        lint_document(d, [rule], region=region, timeout=timeout)
    per_rule[f"{rule.id} ({rule.kind})"] = time.perf_counter() - began
slowest = dict(sorted(per_rule.items(), key=lambda item: -item[1])[:8])
print(json.dumps({"imports": imported - start, "config and rules": loaded - imported, "read files": read - loaded,
                  "parse": parsed - read, "match": matched - parsed, "output (text + json)": output - matched,
                  "accelerator build (once; kept with the cache)": compiled - output if built else None,
                  "match, accelerated": accelerated - compiled if built else None,
                  "rules": len(rules), "findings": sum(len(f) for f in found), "slowest": slowest}))
"""


def section_breakdown(small: Path) -> dict[str, object]:
    print(f"\n== where medlint's time goes: {small.name}, one process, one core ==")
    started = time.perf_counter()
    subprocess.run([PYTHON, "-c", "pass"], check=True)
    interpreter = time.perf_counter() - started
    result = subprocess.run([PYTHON, "-c", BREAKDOWN, small.name], cwd=WORK, capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stderr)
        return {}
    phases = json.loads(result.stdout)
    line("interpreter start-up", interpreter)
    total = interpreter
    slowest = phases.pop("slowest")
    extras = {name: phases.pop(name) for name in list(phases) if "accelerat" in name}
    for name, seconds in phases.items():
        if name not in ("rules", "findings"):
            line(name, seconds)
            total += seconds
    line("total", total, f"{phases['rules']} rules, {phases['findings']} findings")
    for name, seconds in extras.items():
        line(name, seconds, "" if seconds is not None else "hyperscan not installed (the 'fast' extra)")
    print("  slowest rules (matching alone, same files):")
    for name, seconds in slowest.items():
        line(f"  {name}", seconds, f"{seconds / phases['match']:.0%} of matching")
    return {"interpreter": interpreter, **phases}


def targets(results: dict[str, Any]) -> None:
    print("\n== targets (wall-time ratios; cpu in brackets) ==")
    peers, single = results.get("files200", {}), results.get("one_file", {})
    checks = []
    for label, ours in (("--no-cache", peers.get("medlint")), ("rules memo", results.get("files200_memo"))):
        for peer in ("proselint", "textlint"):
            if peers.get(peer) and ours:
                figure = f"{ratio(peers[peer][0], ours[0])} ({ratio(peers[peer][1], ours[1])})"
                met = peers[peer][0] / ours[0] >= 10
                checks.append((f"200 files ({label}): >= 10x faster than {peer}", met, figure))
    if single.get("proselint") and single.get("medlint"):
        theirs = single["proselint"]
        for label, mine in (("--no-cache", single["medlint"]), ("rules memo", results.get("one_file_memo"))):
            if mine:
                figure = f"{ratio(theirs[0], mine[0])} ({ratio(theirs[1], mine[1])})"
                checks.append((f"one file ({label}): no slower than proselint", mine[0] <= theirs[0], figure))
    if "mb_s_core" in results:
        checks.append(
            ("large corpus: >= 5 MB/s per core", results["mb_s_core"] >= 5, f"{results['mb_s_core']:.2f} MB/s")
        )
        checks.append(
            ("cost linear in corpus size (<= 1.15)", results["linearity"] <= 1.15, f"{results['linearity']:.2f}")
        )
    if "warm" in results:
        share = results["warm"] / results["cold"]
        checks.append(("warm cache < 10% of cold", share < 0.10, f"{share:.1%}"))
    for label, met, figure in checks:
        print(f"  [{'met' if met else 'MISSED'}] {label:<52} {figure}")


def precompile() -> None:
    """Write medlint's bytecode as ``pip install`` does: an editable checkout may have none."""
    import compileall

    import medlint

    compileall.compile_dir(Path(medlint.__file__).parent, quiet=1)


def accelerator_state() -> str:
    from medlint.checks.accelerator import available

    return "hyperscan accelerator available" if available() else "no accelerator (pip install '.[fast]')"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="1,000 files for the large corpus instead of 5,000")
    parser.add_argument("--no-peers", action="store_true", help="time medlint only")
    parser.add_argument("--rounds", type=int, default=3, help="best of this many runs for short timings")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / ".medlint.yml").write_text("# empty: the built-in rulesets, defaults\n")
    large_count = 1000 if args.quick else 5000
    print("writing corpora ...", flush=True)
    small = write_corpus(WORK / "corpus-200", 200)
    large = write_corpus(WORK / f"corpus-{large_count}", large_count)
    part = write_corpus(WORK / f"corpus-{large_count // 5}", large_count // 5)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {accelerator_state()}")
    precompile()
    results: dict[str, object] = {}
    results.update(section_peers(args, small))
    results.update(section_throughput(large, part))
    results.update(section_cache(part))
    results.update(section_breakdown(small))
    targets(results)


if __name__ == "__main__":
    main()
