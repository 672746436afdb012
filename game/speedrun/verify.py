"""Headless replay verification: re-run the inputs on a fresh world from the level's start and
check every state checksum and the result. Far faster than real time: no window, no waiting.

A replay recorded with other physics (its physics number, or a pymunk whose results differ) is
not a desync: it cannot be judged by this game, and says so (exit 2) instead."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pymunk

from game.levels import Level, LevelError, load_level
from game.levels.catalog import CatalogEntry, scan_all
from game.sim import state_hash, step
from game.sim.physics_version import PHYSICS_VERSION
from game.speedrun.official import is_official
from game.speedrun.replay import Replay, ReplayError, RunResult, load, world_for
from game.terminal_text import safe

EXIT_VERIFIED = 0
EXIT_MISMATCH = 1
EXIT_UNUSABLE = 2


@dataclass(frozen=True)
class Verdict:
    exit_code: int
    message: str
    replay: Replay | None = None
    replayed: RunResult | None = None
    first_bad_tick: int | None = None

    @property
    def verified(self) -> bool:
        return self.exit_code == EXIT_VERIFIED

    def as_json(self) -> dict:
        out: dict = {"verified": self.verified}
        replay = self.replay
        if replay is not None:
            result = self.replayed or replay.result
            out = {
                "level": replay.level_id,
                "level_sha256": replay.level_sha256,
                "completed": result.completed,
                "ticks": result.ticks,
                "time_seconds": result.time_seconds,
                "splits": [round(s / 120, 3) for s in result.splits],
                "assisted": replay.assist.assisted,
                "official": is_official(replay.level_id, replay.level_sha256),
                "physics": replay.physics,
            }
            for recorded_with in ("pymunk", "game_version"):  # the physics identity, for people
                if isinstance(replay.header.get(recorded_with), str):
                    out[recorded_with] = safe(replay.header[recorded_with], 40)
            out["verified"] = self.verified
        if self.first_bad_tick is not None:
            out["first_bad_tick"] = self.first_bad_tick
        if not self.verified:
            out["error"] = self.message
        return out


def find_level_for(
    replay: Replay, level_path: Path | None, catalog: list[CatalogEntry] | None = None
) -> Level:
    """The level a replay was recorded on, checked to be the same content; `catalog` is the
    levels found (scanned now when None; a batch scans once)."""
    if level_path is not None:
        level = load_level(level_path)
    else:
        found = scan_all(bench=True) if catalog is None else catalog
        # A pack level is listed as `pack/id`; its replays name the file's own id.
        entries = [
            e
            for e in found
            if e.id == replay.level_id or (e.valid and e.level.info.id == replay.level_id)
        ]
        if not entries:
            raise LookupError(
                f"unknown level '{replay.level_id}' (not shipped, not in your "
                "levels folder); pass --level FILE"
            )
        matching = [e for e in entries if e.valid and e.level.sha256 == replay.level_sha256]
        if matching:
            return matching[0].level
        if not any(e.valid for e in entries):
            raise LookupError(f"level '{replay.level_id}' is broken: {entries[0].error}")
        level = next(e.level for e in entries if e.valid)
    if level.info.id != replay.level_id:
        raise LookupError(f"the replay is of level '{replay.level_id}', not '{level.info.id}'")
    if level.sha256 != replay.level_sha256:
        raise LookupError(
            f"level changed: '{replay.level_id}' is not the file this run was "
            "recorded on (its SHA-256 differs)"
        )
    return level


def replay_run(replay: Replay, level: Level) -> tuple[RunResult, int | None]:
    """Run the replay's inputs; (result, first tick whose checksum differs or None)."""
    world = world_for(replay, level)
    expected = dict(replay.checksums)
    for inp in replay.inputs():
        if world.status != "running":
            # The recorded run went on after this world ended: a desync.
            return RunResult.of(world), world.tick
        step(world, inp)
        digest = expected.get(world.tick)
        if digest is not None and digest != state_hash(world):
            return RunResult.of(world), world.tick
    return RunResult.of(world), None


def physics_mismatch(replay: Replay) -> str | None:
    """Why this game cannot re-run the replay's physics, or None if it can."""
    if replay.physics != PHYSICS_VERSION:
        return (
            f"physics mismatch: recorded with physics {replay.physics}, this game has "
            f"physics {PHYSICS_VERSION}; verify it with a release of that physics"
        )
    return None


def pymunk_differs(replay: Replay) -> str | None:
    """The replay's pymunk version if it is not this game's (None when the same or unknown)."""
    recorded = replay.header.get("pymunk")
    if isinstance(recorded, str) and recorded != pymunk.version:
        return recorded
    return None


def verify(replay: Replay, level: Level) -> Verdict:
    mismatch = physics_mismatch(replay)
    if mismatch is not None:
        return Verdict(EXIT_UNUSABLE, mismatch, replay)
    result, bad_tick = replay_run(replay, level)
    failure = None
    if bad_tick is not None:
        failure = f"desync: the state first differs at tick {bad_tick}"
    elif result != replay.result:
        failure = f"result mismatch: the file says {replay.result}, replaying gives {result}"
    if failure is None:
        return Verdict(EXIT_VERIFIED, "verified", replay, result)
    other_pymunk = pymunk_differs(replay)
    if other_pymunk is not None:
        # Another pymunk may step differently: a difference here proves nothing against the run.
        return Verdict(
            EXIT_UNUSABLE,
            f"physics mismatch: recorded with pymunk {safe(other_pymunk)}, this game has "
            f"pymunk {pymunk.version}, and re-running it here differs ({failure}); verify it "
            "with that pymunk",
            replay,
            result,
            bad_tick,
        )
    return Verdict(EXIT_MISMATCH, failure, replay, result, bad_tick)


def verify_file(
    path: Path, level_path: Path | None = None, catalog: list[CatalogEntry] | None = None
) -> Verdict:
    try:
        replay = load(path)
    except ReplayError as exc:
        return Verdict(EXIT_UNUSABLE, f"unreadable replay: {exc}")
    mismatch = physics_mismatch(replay)
    if mismatch is not None:
        return Verdict(EXIT_UNUSABLE, mismatch, replay)
    try:
        level = find_level_for(replay, level_path, catalog)
    except LookupError as exc:
        return Verdict(EXIT_UNUSABLE, str(exc.args[0]), replay)
    except LevelError as exc:
        return Verdict(EXIT_UNUSABLE, f"the level is broken: {exc.problems[0]}", replay)
    return verify(replay, level)
