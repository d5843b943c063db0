"""Read an input file only when it is a regular file of a bounded size.

Every file a user, a scored checkout or a record names is read through here before it is
parsed, so a FIFO never blocks the run, a device such as ``/dev/zero`` never fills the memory,
a directory, an unreadable file or a name the OS refuses is one line, and a huge file is refused
from its size alone. The error class is the caller's (each is one line with exit code 2).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import OpennessError, UsageError

KiB = 1024
MiB = 1024 * KiB

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))
_SHOWN_CHARS = 300
_CONTROL = {code: f"\\x{code:02x}" for code in (*range(32), *range(0x7F, 0xA0))}


def shown(path: Path | str) -> str:
    """A path as one printable line: control characters and undecodable bytes escaped, long names cut."""
    text = str(path).encode("utf-8", "backslashreplace").decode("utf-8").translate(_CONTROL)
    return text if len(text) <= _SHOWN_CHARS else f"{text[:_SHOWN_CHARS]}…"


def _size(count: int) -> str:
    return f"{count / MiB:.1f} MiB" if count >= MiB else f"{count / KiB:.0f} KiB" if count >= KiB else f"{count} bytes"


def read_regular_bytes(path: Path, limit: int, what: str, error: type[OpennessError] = UsageError) -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes; anything else raises ``error``.

    ``what`` names the file in messages ("criteria file", "MOT record"…). The type is checked
    before opening (opening a FIFO blocks, opening a device can have effects) and again on the
    open descriptor, which is opened non-blocking, so a file swapped in between changes nothing.
    """
    try:
        _require_regular(os.stat(path), path, limit, what, error)
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(descriptor, "rb") as handle:
            _require_regular(os.fstat(handle.fileno()), path, limit, what, error)
            data = handle.read(limit + 1)
    except OSError as failure:
        raise error(f"cannot read {shown(path)}: {failure.strerror or failure}") from None
    except ValueError as failure:  # a NUL byte in the name
        raise error(f"cannot read {shown(path)}: {failure}") from None
    if len(data) > limit:  # it grew after the size was checked
        raise error(f"{shown(path)}: the {what} is larger than the limit of {_size(limit)}")
    return data


def read_regular_text(path: Path, limit: int, what: str, error: type[OpennessError] = UsageError) -> str:
    """:func:`read_regular_bytes` decoded as UTF-8 (a byte-order mark is kept, as YAML and TOML expect)."""
    try:
        return read_regular_bytes(path, limit, what, error).decode("utf-8")
    except UnicodeDecodeError:
        raise error(f"{shown(path)}: not a UTF-8 text file") from None


def _require_regular(info: os.stat_result, path: Path, limit: int, what: str, error: type[OpennessError]) -> None:
    for test, kind in _KINDS:
        if test(info.st_mode):
            raise error(f"{shown(path)}: the {what} is {kind}, not a regular file")
    if not stat.S_ISREG(info.st_mode):
        raise error(f"{shown(path)}: the {what} is not a regular file")
    if info.st_size > limit:
        raise error(f"{shown(path)}: the {what} is {_size(info.st_size)}, over the limit of {_size(limit)}")
