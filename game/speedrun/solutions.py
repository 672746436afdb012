"""Record the shipped solution replays: fly each level's route with the autopilot and save the
inputs as levels/solutions/<level-id>.replay; then write the shipped campaign as one full-game
run of those replays, levels/solutions/full-game.run (each mission completed at its first
attempt, in levels/pack.toml's order).

    python -m game.speedrun.solutions [LEVEL_ID ...]   record, then write the run file
    python -m game.speedrun.solutions --run-only       only the run file, from the replays

Run it after any change to the physics or to a level; CI verifies every shipped replay and
the run file."""

from __future__ import annotations

import sys
from pathlib import Path

from game.levels import Level, LevelError, load_level
from game.levels.catalog import scan_folder
from game.levels.packs import PACK_FILE, load_pack
from game.sim import RUNNING, TICK_RATE, build_world, step
from game.speedrun import replay as replay_file
from game.speedrun.autopilot import Autopilot, load_route
from game.speedrun.fullrun import FullRun, Mission
from game.speedrun.replay import Recorder, Replay, ReplayError, save
from game.speedrun.runfile import dumps as run_dumps
from game.storage import atomic_write_text

MAX_SECONDS = 30 * 60
RUN_FILE = "full-game.run"


def record_solution(level: Level, route_path: Path) -> Replay:
    world = build_world(level)
    pilot = Autopilot(load_route(route_path))
    recorder = Recorder(world)
    while world.status == RUNNING and world.tick < MAX_SECONDS * TICK_RATE:
        inp = pilot(world)
        step(world, inp)
        recorder.record(inp, world)
    return recorder.finish(world)


def campaign_run(levels_dir: Path) -> FullRun:
    """The shipped campaign as one run of its solution replays, in the pack's order; ValueError
    when a level has no solution replay for its present content."""
    pack = load_pack(levels_dir / PACK_FILE)
    solutions = levels_dir / "solutions"
    missions, replays = [], []
    for level_id in pack.order:
        try:
            level = load_level(levels_dir / f"{level_id}.toml")
            replay = replay_file.load(solutions / f"{level_id}.replay")
        except (LevelError, ReplayError) as exc:
            raise ValueError(f"{level_id}: {exc}") from None
        if replay.level_sha256 != level.sha256 or not replay.result.completed:
            raise ValueError(f"{level_id}: its solution replay is not a finished run of it")
        missions.append(Mission(level_id, level.sha256, level.info.name))
        replays.append(replay)
    run = FullRun(pack.title, missions)
    for replay in replays:
        run.record(replay)
    return run


def write_run_file(levels_dir: Path) -> bool:
    try:
        run = campaign_run(levels_dir)
    except ValueError as exc:
        print(f"{RUN_FILE}: not written ({exc})")
        return False
    atomic_write_text(levels_dir / "solutions" / RUN_FILE, run_dumps(run))
    print(f"{RUN_FILE}: {len(run.missions)} missions in {run.total_ticks / TICK_RATE:.3f} s")
    return True


def main(argv: list[str] | None = None) -> int:
    args = list(argv if argv is not None else sys.argv[1:])
    levels_dir = Path(__file__).resolve().parents[2] / "levels"
    if "--run-only" in args:
        return 0 if write_run_file(levels_dir) else 1
    wanted = set(args)
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
    if not write_run_file(levels_dir):
        failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
