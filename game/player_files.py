"""Reading a file the player supplied (a level, a pack, settings, records, a replay) at a bounded
cost: only a regular file is read, and never more than its cap.

`stat` alone cannot be trusted: a named pipe or /dev/zero reports 0 bytes, then blocks or never
ends. So the file is opened without blocking, checked on the open handle, and read only up to
one byte past the cap."""

from __future__ import annotations

import os
import stat
from pathlib import Path

_CHUNK = 1 << 20
# O_NONBLOCK: opening a named pipe that has no writer would otherwise wait forever.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class UnreadableFile(OSError):
    """A player file refused before parsing: not a regular file, or larger than its cap.
    The message is for the player, so it is the whole str() of the exception."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a plain file"


def _too_large(size_text: str, max_bytes: int) -> UnreadableFile:
    return UnreadableFile(f"file is {size_text} bytes; the limit is {max_bytes:,}")


def read_player_file(path: str | Path, max_bytes: int) -> bytes:
    """The file's bytes; raises UnreadableFile for anything but a regular file within
    `max_bytes`, and OSError (FileNotFoundError included) when it cannot be opened or read."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(f"not a regular file ({_kind(info.st_mode)})")
        if info.st_size > max_bytes:
            raise _too_large(f"{info.st_size:,}", max_bytes)
        # The size may change after fstat (or be wrong, as in /proc), so the read is bounded too.
        chunks = []
        remaining = max_bytes + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, _CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise _too_large(f"more than {max_bytes:,}", max_bytes)
    return data
