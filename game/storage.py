"""Safe writes of the player's files: write beside, flush to disk, then rename over.

A crash at any moment leaves either the old file or the new one, never a torn one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def atomic_write_text(path: Path, text: str) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise


def set_aside(path: Path) -> Path:
    """Move a corrupt file out of the way (kept, never deleted) and return where it went."""
    path = Path(path)
    number = 1
    while True:
        target = path.with_name(f"{path.name}.corrupt-{number}")
        if not target.exists():
            os.replace(path, target)
            return target
        number += 1


def set_aside_saying(path: Path, why, what: str) -> str:
    """Set a corrupt file aside and say so in a sentence for the player."""
    try:
        moved = set_aside(path)
    except OSError as exc:
        return f"{what} {path} is unreadable ({why}) and could not be moved: {exc}"
    return f"{what} {path.name} was corrupt ({why}); kept as {moved.name}, starting fresh."
