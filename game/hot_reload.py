"""A level file being played, watched for edits (the modding loop, DESIGN.md §3).

    watch = LevelWatch.open(path)     # the level, or the problems of a broken file
    change = watch.poll(frame_seconds)  # about twice a second: one stat() of the file
    change = watch.check()            # now (on R restart)
    change = watch.reload()           # F5: read it again even if it looks unchanged

A change is a `Reload`: the new level, or the problems of a broken edit, in which case the last
good version (`watch.level`) stays the one played. Polling costs one stat() per half second; the
file is read only when its size, time or inode changed, and a save that leaves the content as
it was is no change."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from game.levels import Level, LevelError, Problem, load_level, load_level_bytes
from game.levels.fields import MAX_FILE_BYTES

POLL_SECONDS = 0.5


@dataclass(frozen=True)
class Reload:
    level: Level | None  # the new version, or None: the file is broken (see problems)
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.level is not None


class LevelWatch:
    def __init__(self, path: str | Path, level: Level | None, problems=()):
        self.path = Path(path)
        self.level = level  # the last good version
        self.problems: tuple[Problem, ...] = tuple(problems)  # of the file as it is now
        self.polls = 0  # stat() calls, for tests
        self.reads = 0  # times the file was read
        self._since = 0.0
        self._signature = self._stat()
        self._seen_sha = level.sha256 if level is not None else None

    @classmethod
    def open(cls, path: str | Path) -> LevelWatch:
        try:
            return cls(path, load_level(path))
        except LevelError as exc:
            watch = cls(path, None, exc.problems)
            return watch

    @property
    def name(self) -> str:
        return self.path.name

    def _stat(self):
        self.polls += 1
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size, st.st_ino

    def poll(self, elapsed: float) -> Reload | None:
        """Call every frame with the seconds since the last; looks at the file twice a second."""
        self._since += max(0.0, elapsed)
        if self._since < POLL_SECONDS:
            return None
        self._since = 0.0
        return self.check()

    def check(self) -> Reload | None:
        """The file's new content if it changed since last seen, else None."""
        signature = self._stat()
        if signature == self._signature:
            return None
        self._signature = signature
        return self._load(force=False)

    def reload(self) -> Reload:
        """Read the file again whatever it looks like (F5)."""
        self._signature = self._stat()
        self._since = 0.0
        change = self._load(force=True)
        assert change is not None
        return change

    def _load(self, force: bool) -> Reload | None:
        self.reads += 1
        data = None
        try:
            if self.path.stat().st_size <= MAX_FILE_BYTES:
                data = self.path.read_bytes()
        except OSError:
            pass
        try:
            if data is None:
                level = load_level(self.path)  # too big or unreadable: it says which
            else:
                sha = hashlib.sha256(data).hexdigest()
                if sha == self._seen_sha and not force:
                    return None
                self._seen_sha = sha
                level = load_level_bytes(data, str(self.path), level_dir=self.path.parent)
        except LevelError as exc:
            self.problems = tuple(exc.problems)
            return Reload(None, self.problems)
        except Exception as exc:  # an edit must never take the window down
            self.problems = (Problem(str(self.path), f"could not be loaded ({exc!r})"),)
            return Reload(None, self.problems)
        self.level = level
        self._seen_sha = level.sha256
        self.problems = ()
        return Reload(level)
