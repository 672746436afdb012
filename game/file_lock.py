"""An exclusive lock between game processes on one file, with a bounded wait.

POSIX uses flock, Windows msvcrt.locking on the file's first byte. Either way the operating
system releases the lock when its holder dies, even by kill -9, so a lock can never be left
stale. The lock file itself is never deleted (deleting it would let two holders lock two
different files of the same name)."""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
    import msvcrt

_BUSY_ERRNOS = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, getattr(errno, "EDEADLOCK", -1)}
_FIRST_POLL_S = 0.001
_LONGEST_POLL_S = 0.02


class LockBusy(Exception):
    """Another process held the lock for the whole wait."""


def _try_lock(fd: int) -> bool:
    """True when locked; False when another holder has it. Raises OSError when this file
    system cannot lock at all."""
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError as exc:
        if exc.errno in _BUSY_ERRNOS:
            return False
        raise
    return True


def _unlock(fd: int) -> None:
    with contextlib.suppress(OSError):
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
        else:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def _wait_for(fd: int, path: Path, wait_s: float) -> None:
    deadline = time.monotonic() + wait_s
    pause = _FIRST_POLL_S
    while not _try_lock(fd):
        if time.monotonic() >= deadline:
            raise LockBusy(f"{path.name} is held by another process")
        time.sleep(pause)
        pause = min(pause * 2, _LONGEST_POLL_S)


@contextlib.contextmanager
def held(path: Path, wait_s: float) -> Iterator[bool]:
    """Hold the lock on `path` (created if missing) for the block; raise LockBusy if another
    process keeps it longer than `wait_s`. Yields False, unlocked, where the file system has
    no locks at all (some network shares): the caller then runs as a lone process would."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        try:
            _wait_for(fd, path, wait_s)
            locked = True
        except OSError:
            locked = False
        try:
            yield locked
        finally:
            if locked:
                _unlock(fd)
    finally:
        os.close(fd)
