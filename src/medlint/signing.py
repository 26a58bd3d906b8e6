r"""Sign files medlint writes for itself and must not take from anyone else.

The rules memo (:mod:`medlint.rules.memo`) holds compiled ``regex`` programs,
which its C engine runs without checking them. The memo lives in the cache
folder, usually inside the checkout, where a pull request could plant one.
So it is signed with HMAC-SHA256 under a random key kept in the user's own
cache folder (``$XDG_CACHE_HOME/medlint/memo.key``, ``~/.cache/medlint`` by
default, ``%LOCALAPPDATA%\medlint`` on Windows), created on first use, readable
by the user only. A file signed elsewhere (another machine, a fresh CI home)
fails the check and is rebuilt: slower once, never trusted.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import tempfile
from functools import lru_cache
from pathlib import Path

MAGIC = b"medlint-signed-1\n"
KEY_BYTES = 32


def key_folder() -> Path | None:
    """Where the signing key lives: the user's cache folder, never the project's (None: no home folder)."""
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "medlint"
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no HOME and no passwd entry: no key, so no memo
            return None
    return Path(base) / "medlint"


@lru_cache(maxsize=1)
def signing_key() -> bytes | None:
    """The user's key, created on first use; None when it can be neither read nor made."""
    folder = key_folder()
    if folder is None:
        return None
    path = folder / "memo.key"
    try:
        key = path.read_bytes()
        if len(key) == KEY_BYTES:
            return key
    except FileNotFoundError:
        pass
    except OSError:
        return None
    return _new_key(path)


def _new_key(path: Path) -> bytes | None:
    key = secrets.token_bytes(KEY_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".key-")
        with os.fdopen(handle, "wb") as stream:  # mkstemp creates it readable by the user only
            stream.write(key)
        try:
            os.link(temporary, path)  # never replaces a key another process made meanwhile
        except FileExistsError:
            key = path.read_bytes()
        finally:
            os.unlink(temporary)
    except OSError:
        return None
    return key if len(key) == KEY_BYTES else None


def sign(payload: bytes) -> bytes | None:
    """``payload`` with its signature in front; None when there is no key to sign with."""
    key = signing_key()
    if key is None:
        return None
    return MAGIC + hmac.new(key, payload, hashlib.sha256).hexdigest().encode() + b"\n" + payload


def verified(data: bytes) -> bytes | None:
    """The payload of signed ``data`` when the signature is this user's, else None."""
    key = signing_key()
    if key is None or not data.startswith(MAGIC):
        return None
    signature, newline, payload = data[len(MAGIC) :].partition(b"\n")
    if not newline:
        return None
    expected = hmac.new(key, payload, hashlib.sha256).hexdigest().encode()
    return payload if hmac.compare_digest(signature, expected) else None
