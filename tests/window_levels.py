"""Small levels and helpers for the window tests (tests/test_window_*.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pygame

from game.sim import TickInput

FRAME = 1 / 60  # two ticks per frame

ROOM = """\
[level]
id = "{id}"
name = "{name}"
format = 1
par_seconds = {par}

[world]
bounds = [-20.0, -20.0, 20.0, 20.0]

[player]
spawn = [0.0, 0.0]
propellant = 6.0
o2_seconds = 300.0

[[walls]]
closed = true
thickness = 0.2
points = [[-5.0, -3.0], [{right}, -3.0], [{right}, 3.0], [-5.0, 3.0]]

[[handholds]]
id = "rail"
from = [-2.0, -2.5]
to = [2.0, -2.5]

[[zones]]
id = "goal"
rect = [1.0, -1.0, 1.6, 1.0]
label = "Goal"

[[zones]]
id = "far"
rect = [2.4, -1.0, 4.0, 1.0]
label = "Far"

[[objectives]]
id = "first"
kind = "reach"
zone = "goal"
label = "First gate"
"""

SECOND = """
[[objectives]]
id = "second"
kind = "reach"
zone = "far"
label = "Second gate"
"""


def room_text(
    level_id: str = "win-test",
    par: float = 5.0,
    right: float = 5.0,
    two: bool = False,
    name: str = "Window test",
) -> str:
    text = ROOM.format(id=level_id, name=name, par=par, right=right)
    return text + (SECOND if two else "")


def write_level(path: Path, text: str) -> Path:
    """Write a level file and move its modification time on, so a watcher sees a change even
    within the file system's timestamp granularity."""
    previous = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    stamp = max(path.stat().st_mtime_ns, previous + 10_000_000)
    os.utime(path, ns=(stamp, stamp))
    return path


def thrust(x: float = 1.0):
    def source(tick: int) -> TickInput:
        return TickInput.from_analog(x, 0.0)

    return source


def key_event(key: int, unicode: str = "") -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=unicode, scancode=0)


def press(key: int) -> None:
    pygame.event.post(key_event(key))
