"""Reading the text files govdeadline loads: layers, catalogues, tables."""

from __future__ import annotations

import os
from typing import BinaryIO

from .errors import _r

__all__ = ["MAX_BYTES", "path_text", "read_bytes", "read_text"]

MAX_BYTES = 16 * 1024 * 1024
"""The largest file govdeadline reads (16 MiB); its files are a few dozen kilobytes."""


def path_text(path: object, name: str, expected: str = "a str or os.PathLike") -> str:
    """Return *path* as text, or raise TypeError naming the argument *name*.

    Bytes paths are refused, so that every message quotes a file name as text.
    """
    if isinstance(path, (str, os.PathLike)):
        text = os.fspath(path)
        if isinstance(text, str):
            return text
    raise TypeError(f"{name} must be {expected}, not {type(path).__name__} ({_r(path)})")


def _read_capped(f: BinaryIO, size: int) -> bytes:
    """Read *f* to its end, or to one byte past :data:`MAX_BYTES`, in pieces.

    A regular file is read in one piece of its size; a device or a pipe, which reports
    no size, in 64 KiB pieces, so no 16 MiB buffer is set aside for a small file.
    """
    limit = MAX_BYTES + 1
    parts: list[bytes] = []
    got = 0
    want = size + 1 if size else 1 << 16
    while got < limit:
        chunk = f.read(min(want, limit - got))
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
        want = 1 << 16
    return b"".join(parts)


def read_bytes(
    path: str | os.PathLike[str],
    what: str,
    error: type[Exception],
    origin: str | None = None,
) -> bytes:
    """Return the bytes of *path*, or raise *error* naming the file and the problem.

    *what* names the kind of file in messages ("layer file", "catalogue file").
    A file larger than :data:`MAX_BYTES` is refused before it is read, and no
    more than that is ever read (a device or a pipe reports no size).
    """
    where = origin or os.fspath(path)
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            data = _read_capped(f, size) if size <= MAX_BYTES else b""
    except FileNotFoundError:
        raise error(f"{where}: no such {what}") from None
    except OSError as exc:
        raise error(f"{where}: cannot be read ({exc.strerror})") from None
    except ValueError as exc:  # a NUL or a lone surrogate in the name
        raise error(f"{_r(where)} is not a usable file name ({exc})") from None
    if size > MAX_BYTES:
        raise error(f"{where}: {size:,} bytes is too large for a {what} (at most {MAX_BYTES:,})")
    if len(data) > MAX_BYTES:
        raise error(f"{where}: too large for a {what} (more than {MAX_BYTES:,} bytes)")
    return data


def read_text(
    path: str | os.PathLike[str],
    what: str,
    error: type[Exception],
    origin: str | None = None,
    encoding: str = "utf-8",
) -> str:
    """Return the text of *path*, or raise *error* naming the file and the problem.

    The file is read as :func:`read_bytes` reads it. Line ends are read as in text
    mode: CR LF and a lone CR become LF.
    """
    where = origin or os.fspath(path)
    data = read_bytes(path, what, error, origin)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise error(f"{where}: not UTF-8 text ({exc.reason})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
