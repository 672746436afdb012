"""Safe writes of the player's files: write beside, flush to disk, then rename over.

A crash at any moment leaves either the old file or the new one, never a torn one; a failed
write (a full disk) removes its temporary and leaves the old file as it was. Temporaries left
by a process killed mid-write are swept on later writes once they are old enough that no live
writer can still own them."""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import tempfile
import time
from pathlib import Path

# A write takes milliseconds; a temporary this old belongs to a process that died mid-write.
STALE_TEMPORARY_AGE_S = 60.0
# What tempfile.mkstemp(prefix=".<name>.", suffix=".tmp") makes: 8 of [a-z0-9_] between.
_TEMPORARY = re.compile(r"\.(?P<target>.+)\.[a-z0-9_]{8}\.tmp")


def temporaries(folder: Path, target: str | None = None) -> list[Path]:
    """Our own temporaries in `folder` (those of the file named `target` only, if given)."""
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        match = _TEMPORARY.fullmatch(entry.name)
        if match and (target is None or match["target"] == target):
            found.append(Path(entry.path))
    return found


def remove_temporaries(
    folder: Path, target: str | None = None, older_than_s: float = STALE_TEMPORARY_AGE_S
) -> int:
    """Delete our temporaries older than `older_than_s` (0: all of them, for a caller that
    holds the lock every writer of `target` holds); how many went."""
    removed = 0
    now = time.time()
    for path in temporaries(folder, target):
        with contextlib.suppress(OSError):
            if older_than_s > 0 and now - path.lstat().st_mtime < older_than_s:
                continue
            path.unlink()
            removed += 1
    return removed


def atomic_write_text(path: Path, text: str, overwrite: bool = True) -> None:
    """Write `text` to `path` whole or not at all. With overwrite=False an existing file is
    never replaced (FileExistsError), even by another process writing the same name.
    For the game's own folders only: stale temporaries of any file there are swept."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_temporaries(path.parent)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(temp_name, path)
        else:
            _move_without_overwriting(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise


def write_new_file(folder: Path, name: str, suffix: str, text: str) -> Path:
    """Write `text` as folder/<name><suffix>, or <name>-2<suffix>, -3... when that is taken:
    never over another file, even one another process writes under the same name at the same
    moment (a saved run is never lost to another)."""
    for number in itertools.count(1):
        path = folder / (f"{name}{suffix}" if number == 1 else f"{name}-{number}{suffix}")
        if path.exists():
            continue
        try:
            atomic_write_text(path, text, overwrite=False)
        except FileExistsError:
            continue
        return path
    raise AssertionError("unreachable")


def _move_without_overwriting(temp_name: str, path: Path) -> None:
    try:
        os.link(temp_name, path)  # atomic: fails if the name exists, whoever made it
    except FileExistsError:
        raise
    except OSError:
        # No hard links on this file system: check, then rename (a narrow race, as before).
        if path.exists():
            raise FileExistsError(f"{path} exists") from None
        os.replace(temp_name, path)
        return
    with contextlib.suppress(OSError):
        os.unlink(temp_name)  # the file is saved under its name; this is only the second link


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
