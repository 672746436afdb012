"""Record the shipped solution replays: fly each level's route with the autopilot and save the
inputs as levels/solutions/<level-id>.replay.

    python -m game.speedrun.solutions [LEVEL_ID ...]

Run it after any change to the physics or to a level; CI verifies every shipped replay."""

from __future__ import annotations

import sys
from pathlib import Path

from game.levels import Level, load_level
from game.levels.catalog import scan_folder
from game.sim import RUNNING, TICK_RATE, build_world, step
from game.speedrun.autopilot import Autopilot, load_route
from game.speedrun.replay import Recorder, Replay, save

MAX_SECONDS = 30 * 60


def record_solution(level: Level, route_path: Path) -> Replay:
    world = build_world(level)
    pilot = Autopilot(load_route(route_path))
    recorder = Recorder(world)
    while world.status == RUNNING and world.tick < MAX_SECONDS * TICK_RATE:
        inp = pilot(world)
        step(world, inp)
        recorder.record(inp, world)
    return recorder.finish(world)


def main(argv: list[str] | None = None) -> int:
    wanted = set(argv if argv is not None else sys.argv[1:])
    levels_dir = Path(__file__).resolve().parents[2] / "levels"
    solutions = levels_dir / "solutions"
    failures = 0
    for entry in scan_folder(levels_dir):
        if wanted and entry.id not in wanted:
            continue
        route = solutions / f"{entry.id}.route.toml"
        if not entry.valid or not route.exists():
            print(f"{entry.id}: skipped ({entry.error or 'no route file'})")
            continue
        replay = record_solution(load_level(entry.path), route)
        result = replay.result
        par = entry.level.info.par_seconds
        verdict = "completed" if result.completed else f"FAILED ({result.fail_reason})"
        print(f"{entry.id}: {verdict} in {result.time_seconds:.3f} s (par {par:g} s)")
        if not result.completed:
            failures += 1
            continue
        save(replay, solutions / f"{entry.id}.replay")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
