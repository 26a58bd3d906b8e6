"""Huge files and very long lines: refused fast, or linted in linear time and bounded memory.

Three measurements, each through the real ``medlint`` command (time and peak
memory of the child process):

1. a 100 MB file with the default ``max-file-size`` (20 MB): refused from its
   size alone, before a byte is read;
2. files of growing size with the limit raised: seconds per MB should stay
   flat (linear time) and peak memory should grow in proportion;
3. single lines of pathological markup (unclosed brackets, braces, tags,
   backticks) of N and 4N characters: the ratio of times should be near 4.

    python benchmarks/large_file.py [--sizes 5,10,30] [--huge 100] [--rules core|fixture]

``--rules fixture`` uses the two tiny rules of ``tests/fixtures/bad_input``
instead of the built-in rulesets, to time the parsers more than the rules.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MEDLINT = Path(sys.executable).with_name("medlint")
FIXTURE_RULES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "bad_input" / "rules"
MB = 1024 * 1024

SENTENCES = (
    "The clinic opens at nine and closes at five on weekdays.",
    "Our nurses review every intake form before the first visit.",
    "Some patients notice a change after a few sessions; results vary.",
    "This miracle drip cures fatigue overnight.",
    "Ask your doctor whether the treatment suits you.",
    "Parking is free for the first hour.",
)


def article(target: int, seed: int = 7) -> str:
    """Markdown of about ``target`` characters: headings, paragraphs, lists, links."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    section = 0
    while size < target:
        if section % 8 == 0:
            parts.append(f"## Section {section}\n\n")
        sentences = " ".join(rng.choice(SENTENCES) for _ in range(5))
        parts.append(f"{sentences} See [the guide](https://example.org/{section}).\n\n- *one* point\n- two\n\n")
        size += len(parts[-1])
        section += 1
    return "".join(parts)


def run(folder: Path, *args: str) -> tuple[float, int, int]:
    """Seconds, peak memory (MB) and exit status of ``medlint check ARGS`` in ``folder``."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [str(MEDLINT), "check", "-q", "--no-cache", *args],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    if child.stderr is not None:
        child.stderr.close()
    return elapsed, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status)


def project(folder: Path, rules: str, settings: str = "") -> None:
    lines = ["cache: false"]
    if rules == "fixture":
        shutil.copytree(FIXTURE_RULES, folder / "rules")
        lines.append("rulesets: [./rules]")
    (folder / ".medlint.yml").write_text("\n".join(lines) + "\n" + settings, encoding="utf-8")


def huge_file_refused(huge_mb: int, rules: str) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        project(folder, rules)
        with (folder / "huge.md").open("wb") as stream:  # sparse: costs no disk
            stream.truncate(huge_mb * MB)
        seconds, memory, code = run(folder, "huge.md")
        print(f"{huge_mb} MB file, default max-file-size: exit {code} in {seconds:.2f}s, peak {memory} MB")


def linear_in_size(sizes: list[int], rules: str) -> None:
    print(f"\n{'size':>8} {'seconds':>8} {'s/MB':>6} {'peak MB':>8}  (max-file-size raised, rules: {rules})")
    text = article(max(sizes) * MB)
    for size in sizes:
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            project(folder, rules, "max-file-size: 1GB\n")
            (folder / "big.md").write_text(text[: size * MB], encoding="utf-8")
            seconds, memory, code = run(folder, "big.md")
            print(f"{size:>6}MB {seconds:>8.2f} {seconds / size:>6.2f} {memory:>8}  exit {code}")


PATHOLOGICAL = {
    "unclosed brackets": ("[a ", ".md"),
    "image openers": ("![", ".md"),
    "unbalanced braces": ("{", ".mdx"),
    "unclosed tags": ("<a ", ".html"),
    "backticks": ("`a ", ".md"),
    "emphasis": ("*a _b ", ".md"),
    "sentences": ("Dr. a. ", ".txt"),
}


def long_lines(length: int, rules: str) -> None:
    print(f"\n{'one line of':<20} {'N s':>7} {'4N s':>7} {'ratio':>6}  (N = {length} characters)")
    for label, (unit, suffix) in PATHOLOGICAL.items():
        timings = []
        for scale in (1, 4):
            with tempfile.TemporaryDirectory() as name:
                folder = Path(name)
                project(folder, rules)
                page = folder / f"line{suffix}"
                page.write_text(unit * (scale * length // len(unit)) + "\n", encoding="utf-8")
                timings.append(run(folder, page.name)[0])
        print(f"{label:<20} {timings[0]:>7.2f} {timings[1]:>7.2f} {timings[1] / timings[0]:>6.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5,10,30", help="file sizes in MB to lint with the limit raised")
    parser.add_argument("--huge", type=int, default=100, help="size in MB of the file that must be refused")
    parser.add_argument("--line", type=int, default=1_000_000, help="characters in the pathological lines")
    parser.add_argument("--rules", choices=("core", "fixture"), default="core")
    options = parser.parse_args()
    huge_file_refused(options.huge, options.rules)
    linear_in_size([int(item) for item in options.sizes.split(",")], options.rules)
    long_lines(options.line, options.rules)


if __name__ == "__main__":
    main()
