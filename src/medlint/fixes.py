"""``--fix`` and ``--diff``: apply the safe rewrites of substitution rules.

Only fixes marked ``safe`` (a rule's ``safe: true``) are applied; they replace
``[Fix.start, Fix.end)``, code-point offsets into the file text. A file is
fixed in rounds (lint, apply non-overlapping fixes, lint again) until no safe
fix is left, so a second ``--fix`` changes nothing. Writing is atomic (a
temporary file in the same folder, then ``os.replace``), keeps the file's
mode and encoding (BOM included), and is skipped when the file's bytes
changed since medlint read them, so an editor's unsaved-then-saved work is
never overwritten.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from medlint.errors import ConfigError
from medlint.models import Finding, Fix
from medlint.report import PathError, Report
from medlint.sources import SourceError, decode, encode

if TYPE_CHECKING:
    from medlint.api import Linter

MAX_ROUNDS = 10


@dataclass(frozen=True, slots=True)
class FilePlan:
    """The fixed text of one file, with what is needed to write it back safely."""

    path: Path
    original_bytes: bytes
    original: str
    fixed: str
    encoding: str
    applied: int

    def diff(self) -> str:
        """A unified diff from the file on disk to the fixed text."""
        name = self.path.as_posix()
        lines = difflib.unified_diff(
            self.original.splitlines(keepends=True),
            self.fixed.splitlines(keepends=True),
            fromfile=f"a/{name}",
            tofile=f"b/{name}",
        )
        return "".join(
            line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines
        )


def safe_fixes(findings: Iterable[Finding]) -> list[Fix]:
    """The safe fixes among ``findings``, in file order."""
    return sorted((finding.fix for finding in findings if finding.fix is not None and finding.fix.safe),
                  key=lambda fix: (fix.start, fix.end))  # fmt: skip


def apply_fixes(text: str, fixes: Sequence[Fix]) -> tuple[str, int]:
    """Apply non-overlapping fixes (the first one wins); return the new text and how many applied."""
    chosen: list[Fix] = []
    for fix in sorted(fixes, key=lambda item: (item.start, item.end)):
        if chosen and fix.start < chosen[-1].end:
            continue
        if text[fix.start : fix.end] == fix.text:
            continue
        chosen.append(fix)
    for fix in reversed(chosen):
        text = text[: fix.start] + fix.text + text[fix.end :]
    return text, len(chosen)


def fix_text(linter: Linter, text: str, path: str) -> tuple[str, int]:
    """Lint and fix ``text`` in rounds until no safe fix applies; return the text and the count."""
    applied = 0
    seen = {text}
    for _ in range(MAX_ROUNDS):
        text, count = apply_fixes(text, safe_fixes(linter.lint_text(text, path)))
        if count == 0 or text in seen:
            applied += count
            break
        applied += count
        seen.add(text)
    return text, applied


def plan_file(linter: Linter, path: Path) -> FilePlan | None:
    """Read ``path`` and compute its fixed text; None when nothing changes."""
    try:
        data = path.read_bytes()
        source = decode(data)
    except (OSError, SourceError):
        return None
    fixed, applied = fix_text(linter, source.text, str(path))
    if fixed == source.text:
        return None
    return FilePlan(path, data, source.text, fixed, source.encoding, applied)


def write_plan(plan: FilePlan) -> PathError | None:
    """Write the fixed text atomically; refuse (with the reason) when the file changed since it was read."""
    target = plan.path.resolve()
    try:
        if target.read_bytes() != plan.original_bytes:
            return PathError(str(plan.path), "changed since medlint read it; not fixed (run --fix again)")
        mode = stat.S_IMODE(target.stat().st_mode)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".medlint-fix", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(encode(plan.fixed, plan.encoding))
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, mode)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        return PathError(str(plan.path), f"cannot write the fix: {exc.strerror or exc}")
    return None


def fixable_paths(report: Report) -> list[Path]:
    """Files with at least one safe fix."""
    return sorted({Path(finding.path) for finding in report.findings if finding.fix is not None and finding.fix.safe})


def plans_for(linter: Linter, report: Report, paths: Sequence[str]) -> list[FilePlan]:
    """The fix plans of every fixable file of ``report`` (stdin cannot be fixed)."""
    if "-" in paths:
        raise ConfigError("--fix and --diff change files; they cannot be used with '-' (stdin)")
    return [plan for plan in (plan_file(linter, path) for path in fixable_paths(report)) if plan is not None]


def fix_report(linter: Linter, report: Report, paths: Sequence[str], relint: Callable[[], Report]) -> Report:
    """Apply the safe fixes, then lint again (``relint``); the new report counts the fixes and refused files."""
    applied = 0
    refused: list[PathError] = []
    for plan in plans_for(linter, report, paths):
        error = write_plan(plan)
        if error is None:
            applied += plan.applied
        else:
            refused.append(error)
    fresh = relint() if applied else report
    return replace(fresh, fixes_applied=applied, errors=(*fresh.errors, *refused))


def diff_text(linter: Linter, report: Report, paths: Sequence[str]) -> tuple[str, int]:
    """The unified diff of every fixable file and the number of fixes it holds; nothing is written."""
    plans = plans_for(linter, report, paths)
    return "".join(plan.diff() for plan in plans), sum(plan.applied for plan in plans)
