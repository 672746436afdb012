"""Short runs recorded on a level and saved as replays, for the verification tests (they do not
depend on the shipped solutions, which are re-recorded whenever the physics change)."""

from __future__ import annotations

import json
from pathlib import Path

from game.levels import Level, load_level
from game.paths import shipped_levels_dir
from game.sim import GRAB, TickInput, build_world, step
from game.speedrun.replay import Recorder, Replay, save


def short_inputs() -> list[TickInput]:
    inputs = [TickInput(100, -20)] * 150 + [TickInput(0, 0, 50)] * 40
    return inputs + [TickInput(0, 100, 0, GRAB)] * 30 + [TickInput(100, 0)] * 100


def record(level: Level, inputs: list[TickInput] | None = None) -> Replay:
    world = build_world(level)
    recorder = Recorder(world)
    for inp in inputs or short_inputs():
        step(world, inp)
        recorder.record(inp, world)
    return recorder.finish(world)


def arrival() -> Level:
    return load_level(shipped_levels_dir() / "arrival.toml")


def save_run(path: Path, level: Level | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    save(record(level or arrival()), path)
    return path


def edit_json(path: Path, change) -> Path:
    """Rewrite a replay's JSON document through change(document)."""
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document))
    return path


def desync(path: Path) -> Path:
    """One input changed: re-running it differs."""

    def nudge(document):
        document["inputs"][0][1] -= 1

    return edit_json(path, nudge)
