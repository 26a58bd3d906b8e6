"""Read files as text, refusing binary and oversized files and naming decode errors.

BOMs (UTF-8, UTF-16, UTF-32) are honoured; anything else must be UTF-8. An
undecodable file is reported with its byte offset and the run goes on.
"""

from __future__ import annotations

import codecs
import errno
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

# (BOM, the encoding that writes it back (see ``encode``), the codec for the bytes after it)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le+bom", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be+bom", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le+bom", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be+bom", "utf-16-be"),
)
_BOM_SUFFIX = "+bom"


def encode(text: str, encoding: str) -> bytes:
    """``text`` in the encoding a file was read in, its BOM and byte order included.

    Python's ``utf-16``/``utf-32`` codecs write a BOM in the machine's byte
    order, so a big-endian file written back with them would flip to
    little-endian; ``utf-16-be+bom`` keeps both the BOM and the order.
    """
    if encoding.endswith(_BOM_SUFFIX):
        codec = encoding.removesuffix(_BOM_SUFFIX)
        return "\ufeff".encode(codec) + text.encode(codec)
    return text.encode(encoding)


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
    for bom, encoding, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Source(data[len(bom) :].decode(codec), encoding)
            except UnicodeDecodeError as exc:
                where = _where(data, exc.start + len(bom))
                message = f"starts with a {codec} BOM but is not {codec} at {where}; re-save as UTF-8"
                raise SourceError(message) from None
    if b"\x00" in data[:8192]:
        raise SourceError("binary file (contains NUL bytes); not linted", binary=True)
    try:
        return Source(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"not valid UTF-8 at {_where(data, exc.start)} (0x{data[exc.start]:02x}); "
            "re-save the file as UTF-8 (is it Latin-1 or Windows-1252?)"
        ) from None


def _where(data: bytes, offset: int) -> str:
    """``line 3, byte 120``: the byte offset in the file, and its line for editors."""
    line = data.count(b"\n", 0, offset) + 1
    return f"line {line}, byte {offset}"


def read_source(path: Path, max_size: int) -> Source:
    """Read and decode ``path``; errors become :class:`SourceError` with what to do."""
    try:
        size = path.stat().st_size
        if size > max_size:
            raise too_large(size, max_size)
        data = path.read_bytes()
    except IsADirectoryError:
        raise SourceError("is a folder, not a file") from None
    except PermissionError:
        raise SourceError("permission denied; check the file's permissions") from None
    except FileNotFoundError:
        if path.is_symlink():
            raise SourceError("broken symbolic link (its target does not exist); fix or remove the link") from None
        raise SourceError("no such file (was it removed during the run?)") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SourceError("symbolic link loop; fix or remove the link") from None
        raise SourceError(f"cannot read: {exc.strerror or exc}") from None
    return decode(data)


def read_stream(stream: BinaryIO, max_size: int) -> Source:
    """Read and decode standard input, stopping one byte past ``max_size`` instead of reading it all."""
    data = stream.read(max_size + 1)
    if len(data) > max_size:
        raise SourceError(f"input is larger than max-file-size ({_megabytes(max_size)}); raise max-file-size")
    return decode(data)


def too_large(size: int, max_size: int) -> SourceError:
    """The error for a file over ``max-file-size`` (checked before reading, so 100 MB costs nothing)."""
    return SourceError(
        f"file is {_megabytes(size)}, over max-file-size ({_megabytes(max_size)}); "
        "raise max-file-size in the config or exclude the file"
    )


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB"
