"""``medlint check --input-format jsonl``: lint records, stream findings as JSON Lines.

For CMS exports too large to write out as files: each input line is one JSON
object ``{"id": ..., "text": "...", "path": "..."}`` (``path`` optional; it
picks the document type and is what per-file-ignores match; without it a
record is linted as Markdown named ``<id>.md``). Each output line is one
finding, the JSON report's finding object with the record's ``id`` first.
Records are read lazily and linted in order on ``jobs`` processes, so memory
stays bounded whatever the size of the export. A malformed line is reported
on stderr as ``file:line: problem`` and the stream goes on (exit status 2).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from medlint.models import Severity
from medlint.report import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, PathError

if TYPE_CHECKING:
    from medlint.api import Linter

STDIN = "-"
RECORD_HELP = 'each line must be one JSON object {"id": ..., "text": "...", "path": "..." (optional)}'


@dataclass(frozen=True, slots=True)
class Record:
    """One document of an export: its id (as given), text, and the path it is linted as."""

    id: str | int
    text: str
    path: str


@dataclass(frozen=True, slots=True)
class RecordLint:
    """Lint one record into JSON lines; a picklable task for worker processes."""

    linter: Linter

    def __call__(self, record: Record) -> tuple[list[str], int]:
        """The record's finding lines, and how many reach ``fail-on``."""
        findings = self.linter.lint_text(record.text, record.path)
        lines = [json.dumps({"id": record.id, **finding.to_dict()}, ensure_ascii=False) for finding in findings]
        return lines, sum(1 for finding in findings if _fails(finding.severity, self.linter.config.fail_on))


@dataclass
class RecordReader:
    """Reads records from JSONL files or stdin, collecting the lines it cannot use."""

    sources: Sequence[str]
    errors: list[PathError] = field(default_factory=list)

    def __iter__(self) -> Iterator[Record]:
        for source in self.sources:
            name = "<stdin>" if source == STDIN else source
            try:
                stream = sys.stdin if source == STDIN else open(source, encoding="utf-8")  # noqa: SIM115
            except OSError as exc:
                self.errors.append(PathError(name, f"cannot read: {exc.strerror or exc}"))
                continue
            try:
                yield from self._records(name, stream)
            except UnicodeDecodeError as exc:
                self.errors.append(PathError(name, f"not valid UTF-8 at byte {exc.start}; re-save it as UTF-8"))
            finally:
                if stream is not sys.stdin:
                    stream.close()

    def _records(self, name: str, stream: IO[str]) -> Iterator[Record]:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            record = parse_record(line)
            if isinstance(record, str):
                self.errors.append(PathError(f"{name}:{number}", f"{record}; {RECORD_HELP}"))
            else:
                yield record


def parse_record(line: str) -> Record | str:
    """The record on ``line``, or what is wrong with it."""
    try:
        data: Any = json.loads(line)
    except ValueError as exc:
        return f"not valid JSON ({exc})"
    if not isinstance(data, dict):
        return f"expected a JSON object, got {type(data).__name__}"
    record_id, text, path = data.get("id"), data.get("text"), data.get("path")
    if isinstance(record_id, bool) or not isinstance(record_id, (str, int)) or record_id == "":
        return "'id' is missing or not a string or number"
    if not isinstance(text, str):
        return "'text' is missing or not a string"
    if path is not None and (not isinstance(path, str) or not path):
        return "'path' must be a non-empty string when given"
    return Record(record_id, text, path or f"{record_id}.md")


def run_jsonl(linter: Linter, sources: Sequence[str], out: IO[str], *, jobs: int | None = None) -> int:
    """Lint every record of ``sources`` to ``out``; return the exit status."""
    from medlint.parallel import parallel_imap

    reader = RecordReader(sources)
    failing = 0
    for lines, fails in parallel_imap(RecordLint(linter), reader, jobs):
        for line in lines:
            out.write(line + "\n")
        failing += fails
    out.flush()
    for error in reader.errors:
        print(f"medlint: error: {error}", file=sys.stderr)
    if reader.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _fails(severity: Severity, fail_on: str) -> bool:
    return fail_on != "none" and severity.rank >= Severity.parse(fail_on).rank
