"""Replays: the per-tick input of a run, run-length encoded, with a readable header, state
checksums every second of game time, and the result.

The file is JSON, read with the json module and checked field by field: nothing in a replay is
ever executed. Inputs only are stored, never what produced them (a player or the autopilot)."""

from __future__ import annotations

import json
import platform
import re
from dataclasses import dataclass, field
from pathlib import Path

import pymunk

from game import __version__
from game.sim import TICK_RATE, TickInput, World, build_world, state_hash
from game.sim.constants import AXIS_STEPS
from game.sim.pace import MIN_SPEED
from game.sim.physics_version import PHYSICS_VERSION
from game.speedrun import player_json

FORMAT_NAME = "last-orbit-replay"
# 2: the world waits for the player (no ticks before the first input after the opening) and
# kinder grabs; a version 1 replay was made with other physics and cannot be re-run.
# 3: the physics identity ("physics", the compatibility number, and "pymunk") is part of the
# file and checked by verification; a version 2 file is read as physics 1.
# 4: the slow-motion assist slows the simulated world (its speed is part of the simulation, so
# a run cannot be stripped of it); a version 2 or 3 file's assist speed slowed only the window's
# pacing, and it is re-simulated at full speed (still reported assisted).
FORMAT_VERSION = 4
SLOW_MOTION_SIMULATED_FROM = 4
PHYSICS_OF_FORMAT_2 = 1
MAX_PHYSICS_VERSION = 1_000_000  # far past any real number; keeps error messages short
CHECKSUM_EVERY = TICK_RATE  # ticks between state checksums
MAX_REPLAY_BYTES = 32 * 1024 * 1024
# Verification re-runs every tick a file declares, so the declared length is capped: two hours of
# game time (about 6 s to verify an idle run; every shipped level is meant to take minutes).
MAX_TICKS = 2 * 3600 * TICK_RATE
_LEVEL_ID = re.compile(r"[a-z0-9][a-z0-9_\-]{0,63}")  # the rule for a level file's id


class ReplayError(Exception):
    """An unreadable, truncated or corrupt replay file."""


@dataclass(frozen=True)
class RunResult:
    completed: bool
    ticks: int  # on the run timer: first input to last objective
    total_ticks: int  # simulated, from the level's start
    splits: tuple[int, ...]
    fail_reason: str | None

    @classmethod
    def of(cls, world: World) -> RunResult:
        return cls(
            completed=world.status == "completed",
            ticks=world.run_ticks,
            total_ticks=world.tick,
            splits=tuple(world.splits()),
            fail_reason=world.fail_reason,
        )

    @property
    def time_seconds(self) -> float:
        return round(self.ticks / TICK_RATE, 3)


@dataclass(frozen=True)
class Assist:
    speed: float = 1.0  # the world's speed (slow motion below 1.0): build_world's `speed`
    infinite_o2: bool = False

    @property
    def assisted(self) -> bool:
        return self.speed != 1.0 or self.infinite_o2


@dataclass(frozen=True)
class Replay:
    level_id: str
    level_sha256: str
    runs: tuple[tuple[int, TickInput], ...]  # (count, input), run-length encoded
    checksums: tuple[tuple[int, str], ...]  # (tick, state hash after that tick)
    result: RunResult
    assist: Assist = Assist()
    header: dict = field(default_factory=dict)  # versions and platform, for people to read
    physics: int = PHYSICS_VERSION  # the simulation it was recorded with (physics_version.py)
    format: int = FORMAT_VERSION  # of the file it was read from; written back the same

    @property
    def sim_speed(self) -> float:
        """The speed to re-simulate it at: its assist speed from format 4; 1.0 for a format 2
        or 3 file, whose slow motion only paced the window."""
        if self.format >= SLOW_MOTION_SIMULATED_FROM:
            return self.assist.speed
        return 1.0

    def inputs(self):
        for count, inp in self.runs:
            for _ in range(count):
                yield inp

    @property
    def tick_count(self) -> int:
        return sum(count for count, _ in self.runs)


def world_for(replay: Replay, level) -> World:
    """A fresh world of `level` with the replay's assists, as it was simulated: slow motion
    (from format 4) and infinite O2 change the world, so its inputs only replay in such a one.
    Verification, the ghost, practice and the bench all start from it."""
    return build_world(level, infinite_o2=replay.assist.infinite_o2, speed=replay.sim_speed)


class Recorder:
    """Collects a run as it is played: call record(input, world) after every step.

    The assists recorded are the world's own (its speed, its infinite O2): what its inputs
    need to replay."""

    def __init__(self, world: World):
        self.level = world.level
        self.assist = Assist(world.pace.speed, world.infinite_o2)
        self._runs: list[list] = []
        self._checksums: list[tuple[int, str]] = []
        self._tick = world.tick

    def record(self, inp: TickInput, world: World) -> None:
        if world.tick == self._tick:
            return  # the world waited for the player's first input: nothing happened to keep
        self._tick = world.tick
        if self._runs and self._runs[-1][1] == inp:
            self._runs[-1][0] += 1
        else:
            self._runs.append([1, inp])
        if world.tick % CHECKSUM_EVERY == 0:
            self._checksums.append((world.tick, state_hash(world)))

    def finish(self, world: World) -> Replay:
        return Replay(
            level_id=self.level.info.id,
            level_sha256=self.level.sha256,
            runs=tuple((count, inp) for count, inp in self._runs),
            checksums=tuple(self._checksums),
            result=RunResult.of(world),
            assist=self.assist,
            header=environment_header(),
        )


def environment_header() -> dict:
    return {
        "game_version": __version__,
        "python": platform.python_version(),
        "pymunk": pymunk.version,
        "platform": f"{platform.system()}-{platform.machine()}",
    }


def dumps(replay: Replay) -> str:
    """The replay as text: a readable header, then compact input runs and checksums."""
    result = replay.result
    document = {
        "format": FORMAT_NAME,
        "version": replay.format,  # its assist speed means what its format says
        **(replay.header or environment_header()),
        "physics": replay.physics,
        "level": replay.level_id,
        "level_sha256": replay.level_sha256,
        "tick_rate": TICK_RATE,
        "assisted": replay.assist.assisted,
        "assist": {"speed": replay.assist.speed, "infinite_o2": replay.assist.infinite_o2},
        "result": {
            "completed": result.completed,
            "ticks": result.ticks,
            "total_ticks": result.total_ticks,
            "time_seconds": result.time_seconds,
            "splits": list(result.splits),
            "fail_reason": result.fail_reason,
        },
        "checksum_every": CHECKSUM_EVERY,
    }
    head = json.dumps(document, indent=2)[: -len("\n}")]
    # One run or checksum per line keeps files diffable and easy to inspect by eye.
    runs = ",\n    ".join(json.dumps([count, *inp.to_tuple()]) for count, inp in replay.runs)
    sums = ",\n    ".join(json.dumps([tick, digest]) for tick, digest in replay.checksums)
    return f'{head},\n  "inputs": [\n    {runs}\n  ],\n  "checksums": [\n    {sums}\n  ]\n}}\n'


def save(replay: Replay, path: Path) -> None:
    from game.storage import atomic_write_text

    atomic_write_text(path, dumps(replay))


def _require(document: dict, key: str, kind, where: str = ""):
    if key not in document:
        raise ReplayError(f"missing '{where}{key}'")
    value = document[key]
    if kind is int and (type(value) is not int):
        raise ReplayError(f"'{where}{key}' must be a whole number")
    if kind is not int and not isinstance(value, kind):
        raise ReplayError(f"'{where}{key}' has the wrong type")
    return value


def loads(data: bytes) -> Replay:
    """Parse and check a replay; raise ReplayError for anything wrong with it."""
    if not data:
        raise ReplayError("the file is empty")
    if len(data) > MAX_REPLAY_BYTES:
        raise ReplayError(f"the file is larger than {MAX_REPLAY_BYTES // (1024 * 1024)} MiB")
    document = player_json.parse(data, "replay", ReplayError)
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ReplayError("not a Last Orbit replay")
    version = _require(document, "version", int)
    if version > FORMAT_VERSION:
        raise ReplayError(
            f"replay format {version} is newer than this game reads "
            f"({FORMAT_VERSION}); update Last Orbit"
        )
    if version == 1:
        raise ReplayError(
            "replay format 1, recorded by an earlier version of Last Orbit whose physics "
            "differ: it cannot be re-run by this one"
        )
    if version < 1:
        raise ReplayError(f"unknown replay format version {version}")
    physics = PHYSICS_OF_FORMAT_2
    if version >= 3:
        physics = _require(document, "physics", int)
        if not 1 <= physics <= MAX_PHYSICS_VERSION:
            raise ReplayError("'physics' is not a physics version number")
        _require(document, "pymunk", str)
    if _require(document, "tick_rate", int) != TICK_RATE:
        raise ReplayError(
            f"recorded at {document['tick_rate']} ticks/s; this game runs at {TICK_RATE}"
        )
    level_id = _require(document, "level", str)
    if not _LEVEL_ID.fullmatch(level_id):
        raise ReplayError("'level' is not a level id (lower-case letters, digits, '-', '_')")
    level_sha = _require(document, "level_sha256", str)
    if len(level_sha) != 64 or any(c not in "0123456789abcdef" for c in level_sha):
        raise ReplayError("'level_sha256' is not a SHA-256 hex digest")
    assist_doc = _require(document, "assist", dict)
    speed = assist_doc.get("speed", 1.0)
    infinite = assist_doc.get("infinite_o2", False)
    if (
        type(speed) not in (int, float)
        or not MIN_SPEED <= speed <= 1.0
        or type(infinite) is not bool
    ):
        raise ReplayError("'assist' is corrupt")
    assist = Assist(float(speed), infinite)
    if _require(document, "assisted", bool) != assist.assisted:
        raise ReplayError("'assisted' does not match the assist settings")
    runs = _parse_runs(_require(document, "inputs", list))
    checksums = _parse_checksums(_require(document, "checksums", list))
    result = _parse_result(_require(document, "result", dict))
    replay = Replay(
        level_id,
        level_sha,
        runs,
        checksums,
        result,
        assist,
        {
            k: document.get(k)
            for k in ("game_version", "python", "pymunk", "platform")
            if isinstance(document.get(k), str)
        },
        physics,
        version,
    )
    if replay.tick_count != result.total_ticks:
        raise ReplayError(
            f"truncated: {replay.tick_count} ticks of input for a run of {result.total_ticks}"
        )
    return replay


def _parse_runs(raw: list) -> tuple[tuple[int, TickInput], ...]:
    runs = []
    total = 0
    for number, item in enumerate(raw):
        if not isinstance(item, list) or len(item) != 5 or any(type(v) is not int for v in item):
            raise ReplayError(f"input run {number} is corrupt")
        count = item[0]
        if count < 1:
            raise ReplayError(f"input run {number} has a count below 1")
        total += count
        if total > MAX_TICKS:
            raise ReplayError("the input stream is longer than two hours of game time")
        move_x, move_y, turn, buttons = item[1:]
        if max(abs(move_x), abs(move_y), abs(turn)) > AXIS_STEPS or not 0 <= buttons <= 7:
            raise ReplayError(f"input run {number} is out of range")
        runs.append((count, TickInput(move_x, move_y, turn, buttons)))
    return tuple(runs)


def _parse_checksums(raw: list) -> tuple[tuple[int, str], ...]:
    checksums = []
    previous = 0
    for number, item in enumerate(raw):
        if (
            not isinstance(item, list)
            or len(item) != 2
            or type(item[0]) is not int
            or not isinstance(item[1], str)
            or len(item[1]) != 32
        ):
            raise ReplayError(f"checksum {number} is corrupt")
        if item[0] <= previous or item[0] % CHECKSUM_EVERY:
            raise ReplayError(f"checksum {number} is at an impossible tick ({item[0]})")
        previous = item[0]
        checksums.append((item[0], item[1]))
    return tuple(checksums)


def _parse_result(raw: dict) -> RunResult:
    completed = _require(raw, "completed", bool, "result.")
    ticks = _require(raw, "ticks", int, "result.")
    total = _require(raw, "total_ticks", int, "result.")
    splits = _require(raw, "splits", list, "result.")
    reason = raw.get("fail_reason")
    if not 0 <= ticks <= total <= MAX_TICKS:
        raise ReplayError("'result' ticks are out of range")
    if any(type(s) is not int or not 0 <= s <= ticks for s in splits):
        raise ReplayError("'result.splits' is corrupt")
    if reason is not None and not isinstance(reason, str):
        raise ReplayError("'result.fail_reason' is corrupt")
    return RunResult(completed, ticks, total, tuple(splits), reason)


def load(path: Path) -> Replay:
    from game.player_files import UnreadableFile, read_player_file

    try:
        data = read_player_file(path, MAX_REPLAY_BYTES)
    except UnreadableFile as exc:
        raise ReplayError(str(exc)) from None
    except OSError as exc:
        raise ReplayError(f"cannot read it: {exc.strerror or exc}") from None
    return loads(data)
