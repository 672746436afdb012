"""Verifying a run file: every attempt re-simulated on its level, in order, each checked as a
replay is (game.speedrun.verify: checksums, result, physics identity), the order rules checked
by the run model as the file is read. A verified run's total and splits are then the re-run's,
since each attempt's result is.

One JSON document per run, as a replay's line: the run's time, its splits as run times, per
mission the attempts and time spent, official, assisted and the physics identity; on a desync,
which attempt (1-based) and its first bad tick."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from game.levels import Level, LevelError, load_level
from game.levels.catalog import CatalogEntry
from game.sim import TICK_RATE
from game.speedrun.fullrun import COMPLETED, FullRun
from game.speedrun.official import is_official, official_sha256
from game.speedrun.runfile import FORMAT_NAME as RUN_FORMAT
from game.speedrun.runfile import SUFFIX as RUN_SUFFIX
from game.speedrun.runfile import RunFile, RunFileError, declared_format, load_file
from game.speedrun.verify import (
    EXIT_UNUSABLE,
    EXIT_VERIFIED,
    find_level_for,
    physics_mismatch,
    verify,
)
from game.terminal_text import safe

KIND = "full-run"
_HEAD_BYTES = 4096


@dataclass(frozen=True)
class RunVerdict:
    exit_code: int
    message: str
    run_file: RunFile | None = None
    bad_attempt: int | None = None  # 1-based
    first_bad_tick: int | None = None
    levels_official: dict[int, bool] = field(default_factory=dict)  # per mission index

    @property
    def verified(self) -> bool:
        return self.exit_code == EXIT_VERIFIED

    def as_json(self) -> dict:
        out: dict = {"kind": KIND}
        if self.run_file is not None:
            out.update(run_fields(self.run_file))
        out["verified"] = self.verified
        if self.bad_attempt is not None:
            out["attempt"] = self.bad_attempt
        if self.first_bad_tick is not None:
            out["first_bad_tick"] = self.first_bad_tick
        if not self.verified:
            out["error"] = self.message
        return out


def seconds(ticks: int) -> float:
    return round(ticks / TICK_RATE, 3)


def run_fields(run_file: RunFile) -> dict:
    """What a run file's JSON line says about the run (true of the file as read; verified
    only when "verified" says so)."""
    run = run_file.run
    spent = run.mission_ticks()
    missions = []
    for index, mission in enumerate(run.missions):
        attempts = [a for a in run.attempts if a.mission == index]
        missions.append(
            {
                "level": mission.level_id,
                "name": safe(mission.name),
                "official": is_official(mission.level_id, mission.sha256),
                "attempts": len(attempts),
                "completions": sum(1 for a in attempts if a.ended == COMPLETED),
                "ticks": spent[index] if index < len(spent) else 0,
            }
        )
    done = run.mission  # missions completed
    out = {
        "pack": safe(run.pack),
        "shipped_campaign": is_shipped_campaign(run),
        "finished": run.finished,
        "quit": run.quit,
        # A bool, as in a replay's line, so one filter on "completed" never takes a quit run.
        "completed": run.finished,
        "last_completed": run.missions[done - 1].level_id if done else None,
        "ticks": run.total_ticks,
        "time_seconds": seconds(run.total_ticks),
        "splits": [seconds(s) for s in run.splits],
        "missions": missions,
        "attempts": len(run.attempts),
        "assisted": run.assisted,
        "official": all(m["official"] for m in missions),
        "physics": run_file.physics,
    }
    for recorded_with in ("pymunk", "game_version"):  # the physics identity, for people
        if isinstance(run_file.header.get(recorded_with), str):
            out[recorded_with] = safe(run_file.header[recorded_with], 40)
    return out


def is_shipped_campaign(run: FullRun) -> bool:
    """Are the run's missions the shipped campaign's levels, in its order, each official?"""
    from game.levels.packs import PACK_FILE, load_pack
    from game.paths import shipped_levels_dir

    try:
        order = load_pack(shipped_levels_dir() / PACK_FILE).order
    except LevelError:
        return False
    shipped = [(level_id, official_sha256(level_id)) for level_id in order]
    return [(m.level_id, m.sha256) for m in run.missions] == shipped


def is_run_file(path: Path) -> bool:
    """Is this a run file rather than a replay? Judged by the "format" its content declares
    near its start (where both formats write it), else by its suffix."""
    head = _head(path)
    declared = declared_format(head) if head is not None else None
    if declared is not None:
        return declared == RUN_FORMAT.encode()
    return path.suffix == RUN_SUFFIX


def _head(path: Path) -> bytes | None:
    """The first bytes of a regular file (never blocking on a pipe or device), or None."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return os.read(fd, _HEAD_BYTES)
    except OSError:
        return None
    finally:
        os.close(fd)


def find_levels(
    run: FullRun, level_path: Path | None, catalog: list[CatalogEntry] | None
) -> dict[int, Level]:
    """The level of every mission played, each found once (by id and SHA-256, as a replay's
    is; `level_path` stands in for the mission with its id). LookupError naming the mission."""
    given = None
    if level_path is not None:
        given = load_level(level_path)
    levels: dict[int, Level] = {}
    for attempt in run.attempts:
        if attempt.mission in levels:
            continue
        use_given = given is not None and given.info.id == attempt.replay.level_id
        try:
            levels[attempt.mission] = find_level_for(
                attempt.replay, level_path if use_given else None, catalog
            )
        except LookupError as exc:
            raise LookupError(f"mission {attempt.mission + 1}: {exc.args[0]}") from None
    return levels


def verify_run(run_file: RunFile, levels: dict[int, Level]) -> RunVerdict:
    """Re-simulate every attempt in order; the first that does not verify decides."""
    for number, attempt in enumerate(run_file.run.attempts, start=1):
        verdict = verify(attempt.replay, levels[attempt.mission])
        if not verdict.verified:
            return RunVerdict(
                verdict.exit_code,
                f"attempt {number} (mission {attempt.mission + 1}, "
                f"'{attempt.replay.level_id}'): {verdict.message}",
                run_file,
                number,
                verdict.first_bad_tick,
            )
    return RunVerdict(EXIT_VERIFIED, "verified", run_file)


def verify_run_file(
    path: Path, level_path: Path | None = None, catalog: list[CatalogEntry] | None = None
) -> RunVerdict:
    try:
        run_file = load_file(path)
    except RunFileError as exc:
        return RunVerdict(EXIT_UNUSABLE, f"unreadable run file: {exc}")
    for attempt in run_file.run.attempts[:1]:  # the file checked that all have its physics
        mismatch = physics_mismatch(attempt.replay)
        if mismatch is not None:
            return RunVerdict(EXIT_UNUSABLE, mismatch, run_file)
    try:
        if catalog is None:
            from game.levels.catalog import scan_all

            catalog = scan_all(bench=True)
        levels = find_levels(run_file.run, level_path, catalog)
    except LookupError as exc:
        return RunVerdict(EXIT_UNUSABLE, str(exc.args[0]), run_file)
    except LevelError as exc:
        return RunVerdict(EXIT_UNUSABLE, f"the level is broken: {exc.problems[0]}", run_file)
    return verify_run(run_file, levels)


def splits_table(line: dict) -> str:
    """A verified run's missions for people: attempts, time spent and the run time at each
    completion (from the run's JSON line)."""
    from game.speedrun.timefmt import format_ticks

    rows = [f"{'mission':<24} {'attempts':>8} {'time':>10} {'split':>10}"]
    splits = iter(line.get("splits", []))
    for mission in line.get("missions", []):
        split = next(splits, None) if mission["completions"] else None
        rows.append(
            f"{safe(mission['level'], 24):<24} {mission['attempts']:>8} "
            f"{format_ticks(mission['ticks']):>10} "
            f"{format_ticks(round(split * TICK_RATE)) if split is not None else '-':>10}"
        )
    rows.append(f"{'total':<24} {line.get('attempts', 0):>8} {format_ticks(line['ticks']):>10}")
    return "\n".join(rows)
