"""Fingerprints without line numbers, and the baseline file that records accepted findings.

A fingerprint is ``sha256(rule, path, normalised matched text, occurrence)``:
editing text above an old finding moves its line but not its fingerprint, so a
baselined finding stays quiet, while a new claim (or one more copy of an old
one) gets a fingerprint the baseline does not hold. The same fingerprint is
the SARIF ``partialFingerprints`` value and the GitLab Code Quality
``fingerprint``, so CI systems track findings the way the baseline does.
Document-scope findings (a missing disclaimer) are one per rule and page, so
their matched text is left out.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from medlint.errors import ConfigError, MedlintError
from medlint.models import Finding
from medlint.report import Report

BASELINE_VERSION = 1
FINGERPRINT_KEY = "medlintFingerprint/v1"


def normalise_path(path: str) -> str:
    """The path as fingerprints see it: relative to the working folder when inside it, ``/``-separated."""
    candidate = Path(path)
    if candidate.is_absolute():
        with contextlib.suppress(ValueError):
            candidate = candidate.relative_to(Path.cwd())
    text = candidate.as_posix() if str(candidate) not in ("", ".") else path
    return str(PurePosixPath(text.replace("\\", "/")))


def normalise_match(finding: Finding) -> str:
    """The matched text, case-folded with runs of whitespace folded to one space ('' for page findings)."""
    if finding.scope == "document":
        return ""
    return " ".join(finding.match.casefold().split())


def _digest(rule: str, path: str, text: str, occurrence: int) -> str:
    payload = "\0".join((rule, path, text, str(occurrence)))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """One fingerprint per finding, in the same order.

    The occurrence index counts earlier findings (in file order) with the same
    rule, path and text, so two identical claims on one page differ.
    """
    seen: Counter[tuple[str, str, str]] = Counter()
    result = [""] * len(findings)
    for index in sorted(range(len(findings)), key=lambda position: findings[position].sort_key()):
        finding = findings[index]
        key = (finding.rule, normalise_path(finding.path), normalise_match(finding))
        result[index] = _digest(*key, seen[key])
        seen[key] += 1
    return result


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    """One accepted finding: its fingerprint plus what a reviewer needs to recognise it."""

    fingerprint: str
    rule: str
    path: str
    match: str

    def to_dict(self) -> dict[str, str]:
        """The JSON form stored in the baseline file."""
        return {"fingerprint": self.fingerprint, "rule": self.rule, "path": self.path, "match": self.match}


def entries_for(findings: Sequence[Finding]) -> list[BaselineEntry]:
    """Baseline entries for ``findings``, sorted so the file diffs cleanly."""
    entries = [
        BaselineEntry(fingerprint, finding.rule, normalise_path(finding.path), normalise_match(finding))
        for finding, fingerprint in zip(findings, fingerprints(findings), strict=True)
    ]
    return sorted(entries, key=lambda entry: (entry.path, entry.rule, entry.match, entry.fingerprint))


def write_baseline(path: Path, findings: Sequence[Finding]) -> int:
    """Record ``findings`` in ``path`` (atomically); return how many entries were written."""
    entries = entries_for(findings)
    payload = {"version": BASELINE_VERSION, "tool": "medlint", "entries": [entry.to_dict() for entry in entries]}
    text = json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    temporary = path.with_name(f".{path.name}.medlint-tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise MedlintError(f"cannot write baseline: {exc.strerror or exc}", path=path) from None
    return len(entries)


def read_baseline(path: Path) -> list[BaselineEntry]:
    """Read a baseline file; a missing or malformed one is a usage error that says what to do."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("baseline file not found; create it with --write-baseline", path=path) from None
    except OSError as exc:
        raise ConfigError(f"cannot read baseline: {exc.strerror or exc}", path=path) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise ConfigError(
            "baseline is not valid JSON; regenerate it with --write-baseline", path=path, line=line
        ) from None
    return _parse_entries(data, path)


def _parse_entries(data: Any, path: Path) -> list[BaselineEntry]:
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list) or data.get("version") != BASELINE_VERSION:
        raise ConfigError(
            f"not a medlint baseline (version {BASELINE_VERSION} with 'entries'); regenerate it with --write-baseline",
            path=path,
        )
    result: list[BaselineEntry] = []
    for item in entries:
        if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str):
            raise ConfigError("baseline entry without a 'fingerprint'; regenerate it with --write-baseline", path=path)
        result.append(
            BaselineEntry(
                item["fingerprint"], str(item.get("rule", "")), str(item.get("path", "")), str(item.get("match", ""))
            )
        )
    return result


def apply_baseline(report: Report, entries: Iterable[BaselineEntry]) -> Report:
    """Drop findings the baseline holds; count matched entries and stale ones (for the linted files only)."""
    known = {entry.fingerprint: entry for entry in entries}
    kept: list[Finding] = []
    matched: set[str] = set()
    for finding, fingerprint in zip(report.findings, fingerprints(report.findings), strict=True):
        if fingerprint in known:
            matched.add(fingerprint)
        else:
            kept.append(finding)
    linted = {normalise_path(path) for path in report.files}
    stale = sum(1 for entry in known.values() if entry.fingerprint not in matched and entry.path in linted)
    return replace(report, findings=tuple(kept), baseline_matched=len(matched), baseline_stale=stale)


def baseline_step(report: Report, path: Path, *, write: bool) -> tuple[Report, str]:
    """Write (``write``) or apply the baseline at ``path``; return the filtered report and a note for stderr."""
    if write:
        count = write_baseline(path, report.findings)
        return apply_baseline(report, entries_for(report.findings)), f"wrote {count} entries to baseline {path}"
    return apply_baseline(report, read_baseline(path)), ""
