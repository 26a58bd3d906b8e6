"""Read files as text, refusing binary and oversized files and naming decode errors.

BOMs (UTF-8, UTF-16, UTF-32) are honoured; anything else must be UTF-8. An
undecodable file is reported with its byte offset and the run goes on.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class SourceError(Exception):
    """A file that cannot be linted; ``binary`` ones are skipped quietly in folder walks."""

    def __init__(self, message: str, *, binary: bool = False):
        super().__init__(message)
        self.binary = binary


@dataclass(frozen=True, slots=True)
class Source:
    """Decoded text with the encoding it was read in."""

    text: str
    encoding: str


def decode(data: bytes) -> Source:
    """Decode bytes, raising :class:`SourceError` for binary or non-UTF-8 content."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Source(data.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise SourceError(
                    f"cannot decode as {encoding} at byte {exc.start}; re-save the file as UTF-8"
                ) from None
    if b"\x00" in data[:8192]:
        raise SourceError("binary file (contains NUL bytes); not linted", binary=True)
    try:
        return Source(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"not valid UTF-8 at byte {exc.start} (0x{data[exc.start]:02x}); re-save the file as UTF-8"
        ) from None


def read_source(path: Path, max_size: int) -> Source:
    """Read and decode ``path``; errors become :class:`SourceError` with what to do."""
    try:
        size = path.stat().st_size
        if size > max_size:
            raise SourceError(
                f"file is {size / 1_048_576:.1f} MB, over max-file-size ({max_size / 1_048_576:.1f} MB); "
                "raise max-file-size or exclude the file"
            )
        data = path.read_bytes()
    except IsADirectoryError:
        raise SourceError("is a folder, not a file") from None
    except PermissionError:
        raise SourceError("permission denied; check the file's permissions") from None
    except FileNotFoundError:
        raise SourceError("no such file (was it removed during the run?)") from None
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}") from None
    return decode(data)
