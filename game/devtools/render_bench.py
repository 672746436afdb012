"""Measure the drawing work per frame (DESIGN.md §8) by playing a level in the real window code.

The level is flown with its shipped solution replay when there is one (real play: push-offs,
the aim preview, thrust particles, the camera moving), else with busy scripted input, at a fixed
two ticks per frame, and restarted whenever a run ends, so every frame measured is gameplay.
With the dummy video driver nothing reaches a screen: what is timed is the drawing alone, by
the wall clock and by the drawing's own CPU time (which other processes cannot inflate)."""

from __future__ import annotations

import os
import random
import time

from game.run_stats import percentile
from game.sim import NEUTRAL, TickInput
from game.speedrun.shipped_solutions import solution_inputs

FRAME_DT = 1 / 60


def busy_inputs(seed: int, count: int) -> list[TickInput]:
    """Human-like input: held keys in bursts, grabs and releases, turns."""
    rng = random.Random(seed)
    script: list[TickInput] = []
    while len(script) < count:
        hold = rng.randint(10, 90)
        inp = TickInput(
            rng.choice((-100, 0, 100)),
            rng.choice((-100, 0, 100)),
            rng.choice((-100, 0, 0, 100)),
            rng.choice((0, 0, 1, 4)),
        )
        script.extend([inp] * hold)
    return script[:count]


# Restart this many ticks before the script ends: the run never reaches its results screen,
# whose first frame (building its picture) is a menu's cost, not gameplay's.
RESTART_MARGIN_TICKS = 8


def restart_before_the_end(inputs: list[TickInput]):
    """An on_frame hook that restarts the level (R) just before its script runs out, so every
    frame measured is gameplay."""
    import pygame

    def on_frame(app) -> None:
        world = app.play.world if app.play is not None else None
        if (
            app.scene is not app.play
            or world is None
            or world.status != "running"
            or world.tick >= len(inputs) - RESTART_MARGIN_TICKS
        ):
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_r, mod=0))

    return on_frame


def measure_draw(
    level,
    frames: int = 900,
    size: tuple[int, int] = (1280, 720),
    driver: str | None = "dummy",
) -> dict:
    """Play `frames` frames and return drawing times (ms) and the time to the first frame."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

    from game.modes.scripted import run_script
    from game.run_stats import RunStats

    inputs = solution_inputs(level)
    source_name = "solution replay"
    if inputs is None:
        inputs = busy_inputs(7, frames * 2 + 2)
        source_name = "scripted input"

    def source(tick: int) -> TickInput:
        return inputs[tick] if tick < len(inputs) else NEUTRAL

    on_frame = restart_before_the_end(inputs)

    # The drawing's own CPU time as well as the wall clock: on a shared machine the wall clock
    # of a frame also counts the time other processes had the CPU.
    from game.scenes.play import PlayScene

    cpu_seconds: list[float] = []
    scene_draw = PlayScene.draw

    def timed_draw(scene, *args, **kwargs):
        start = time.thread_time()
        scene_draw(scene, *args, **kwargs)
        cpu_seconds.append(time.thread_time() - start)

    saved = os.environ.get("SDL_VIDEODRIVER")
    if driver is not None:
        os.environ["SDL_VIDEODRIVER"] = driver
    PlayScene.draw = timed_draw
    try:
        stats = RunStats()
        run_script(
            level,
            source,
            frames=frames,
            window_size=size,
            frame_dt=FRAME_DT,
            stats=stats,
            on_frame=on_frame,
        )
    finally:
        PlayScene.draw = scene_draw
        if driver is not None:
            if saved is None:
                os.environ.pop("SDL_VIDEODRIVER", None)
            else:
                os.environ["SDL_VIDEODRIVER"] = saved
    draws = list(stats.draw_seconds)
    steady = draws[1:] or draws  # the first frame builds the cached layers
    return {
        "level": level.info.id,
        "input": source_name,
        "video_driver": driver or os.environ.get("SDL_VIDEODRIVER", ""),
        "size": list(size),
        "frames": stats.frames,
        "restarts": stats.restarts,
        "first_frame_seconds": stats.first_frame_seconds,
        "first_frame_draw_ms": draws[0] * 1000.0 if draws else 0.0,
        "draw_median_ms": percentile(steady, 50) * 1000.0,
        "draw_p99_ms": percentile(steady, 99) * 1000.0,
        "draw_max_ms": max(steady, default=0.0) * 1000.0,
        "draw_cpu_median_ms": percentile(cpu_seconds[1:], 50) * 1000.0,
        "draw_cpu_p99_ms": percentile(cpu_seconds[1:], 99) * 1000.0,
        "work_p99_ms": percentile(list(stats.work_seconds)[1:], 99) * 1000.0,
    }
