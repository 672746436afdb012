"""Benchmarks, screenshots and tests: a level played by a script of inputs (a function
tick -> TickInput, called with the world's tick, which a restart resets) instead of the
keyboard and gamepads, at a fixed frame step so every run is the same, with no sound, no
records and no file watching unless asked for.

    run_script(level, script, frames=600)   # returns the RunStats of the run

For anything else (menus driven by a script, records kept, a watched file) game.app.run
takes the same `input_source` with any way in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from game.input import InputSource
from game.levels import Level
from game.modes.play_level import PlayLevel
from game.run_stats import RunStats

if TYPE_CHECKING:
    from game.app import App

FRAME_DT = 1 / 60  # game seconds a frame advances: the same run every time


def run_script(
    level: Level | str | Path,
    script: InputSource,
    *,
    frames: int,
    frame_dt: float = FRAME_DT,
    window_size: tuple[int, int] | None = (1280, 720),
    screenshot: str | Path | None = None,
    stats: RunStats | None = None,
    on_frame: Callable[[App], None] | None = None,
) -> RunStats:
    """Play `level` with `script` for `frames` frames, as fast as they can be drawn."""
    from game.app import LoopOptions, open_window

    stats = stats if stats is not None else RunStats()
    open_window(
        PlayLevel(level, watch=False),
        loop=LoopOptions(
            input_source=script,
            window_size=window_size,
            frame_dt=frame_dt,
            max_fps=0.0,
            stats=stats,
            sound=False,
        ),
        max_frames=frames,
        screenshot=screenshot,
        on_frame=on_frame,
    )
    return stats
