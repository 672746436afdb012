"""Frame times in a real window (DESIGN.md §8): the game's frame p99 against the bare
fill-and-flip floor of the same window, measured in the same process just before it.

    python -m game.devtools.window_bench [--frames N] [--repeats N] [LEVEL_ID ...]
    (needs a display: xvfb-run works)

`last-orbit bench` runs this under xvfb-run when there is no display. Prints one JSON line."""

from __future__ import annotations

import json
import os
import sys
import time

FRAMES = 600
SIZE = (1280, 720)


def floor_ms(frames: int = FRAMES) -> dict:
    """Fill the whole window and flip it: the display transfer the game cannot avoid."""
    import pygame

    from game.run_stats import percentile

    for attempt in range(3):  # a busy X server can refuse a connection for a moment
        try:
            pygame.display.init()
            break
        except pygame.error:
            if attempt == 2:
                raise
            time.sleep(0.5)
    screen = pygame.display.set_mode(SIZE, pygame.RESIZABLE)
    times = []
    last = time.perf_counter()
    for number in range(frames + 1):
        screen.fill((number % 255, 20, 40))
        pygame.display.flip()
        now = time.perf_counter()
        if number:
            times.append(now - last)
        last = now
    pygame.display.quit()
    return {"median_ms": percentile(times, 50) * 1000, "p99_ms": percentile(times, 99) * 1000}


def game_frames_ms(level, frames: int = FRAMES) -> dict:

    from game.devtools.render_bench import (
        FRAME_DT,
        busy_inputs,
        restart_before_the_end,
        solution_inputs,
    )
    from game.modes.scripted import run_script
    from game.run_stats import RunStats, percentile
    from game.sim import NEUTRAL

    inputs = solution_inputs(level) or busy_inputs(7, frames * 2 + 2)

    def source(tick: int):
        return inputs[tick] if tick < len(inputs) else NEUTRAL

    on_frame = restart_before_the_end(inputs)

    stats = RunStats()
    run_script(
        level,
        source,
        frames=frames + 1,
        window_size=SIZE,
        frame_dt=FRAME_DT,
        stats=stats,
        on_frame=on_frame,
    )
    times = list(stats.frame_seconds)[1:]  # the first frame builds the cached layers
    return {"median_ms": percentile(times, 50) * 1000, "p99_ms": percentile(times, 99) * 1000}


def main(argv: list[str] | None = None) -> int:
    import argparse
    import statistics

    import game.app  # noqa: F401  (sets the window options the game runs with)
    from game.levels import load_level
    from game.levels.catalog import find_level

    parser = argparse.ArgumentParser(prog="python -m game.devtools.window_bench")
    parser.add_argument("levels", nargs="*", default=["arrival"])
    parser.add_argument("--frames", type=int, default=FRAMES)
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args(argv)
    levels = {}
    for level_id in args.levels:
        path = find_level(level_id)
        if path is not None:
            levels[level_id] = load_level(path)
    runs: dict[str, list[tuple[dict, dict]]] = {level_id: [] for level_id in levels}
    # The machine is shared: each level's frames are held against a floor measured just
    # before them, and the rounds go through every level so a slow minute hits all alike.
    for _ in range(max(1, args.repeats)):
        for level_id, level in levels.items():
            floor = floor_ms(args.frames)
            runs[level_id].append((floor, game_frames_ms(level, args.frames)))
    result = {"video_driver": os.environ.get("SDL_VIDEODRIVER", ""), "levels": {}}
    for level_id, pairs in runs.items():
        result["levels"][level_id] = {
            "runs": len(pairs),
            "frames": args.frames,
            "floor_median_ms": statistics.median(floor["median_ms"] for floor, _ in pairs),
            "floor_p99_ms": statistics.median(floor["p99_ms"] for floor, _ in pairs),
            "median_ms": statistics.median(game["median_ms"] for _, game in pairs),
            "p99_ms": statistics.median(game["p99_ms"] for _, game in pairs),
        }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
