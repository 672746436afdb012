"""Personal bests and best segments, one small JSON file per level in the user data folder.

Writes are atomic; a corrupt file is set aside (kept, renamed) with a message, never silently
replaced; assisted runs never become a PB."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from game.paths import user_data_dir
from game.player_files import read_player_file
from game.speedrun.replay import RunResult
from game.storage import atomic_write_text, set_aside_saying

RECORDS_VERSION = 1
MAX_RECORDS_BYTES = 1024 * 1024  # a few numbers and split lists; real files are a few KB
_SAFE_ID = re.compile(r"[a-z0-9][a-z0-9_\-]{0,63}")


@dataclass
class LevelRecords:
    level_id: str
    pb_ticks: int | None = None
    pb_splits: list[int] = field(default_factory=list)
    pb_replay: str | None = None  # file name in the replays folder, for the ghost
    best_segments: list[int] = field(default_factory=list)
    attempts: int = 0
    completions: int = 0

    def sum_of_best(self) -> int | None:
        if not self.best_segments or not self.pb_splits:
            return None
        if len(self.best_segments) != len(self.pb_splits):
            return None
        return sum(self.best_segments)


@dataclass(frozen=True)
class RunOutcome:
    new_pb: bool
    previous_pb: int | None
    split_deltas: list[int | None]  # against the previous PB's splits
    gold: list[bool]  # segment beat the best segment
    records: LevelRecords


def records_dir() -> Path:
    return user_data_dir() / "records"


def _path(level_id: str) -> Path:
    if not _SAFE_ID.fullmatch(level_id):
        raise ValueError(f"not a level id: {level_id!r}")
    return records_dir() / f"{level_id}.json"


def segments(splits: list[int] | tuple[int, ...]) -> list[int]:
    out, previous = [], 0
    for split in splits:
        out.append(split - previous)
        previous = split
    return out


def _int_list(value) -> list[int]:
    if not isinstance(value, list) or any(type(v) is not int or v < 0 for v in value):
        raise ValueError("not a list of tick counts")
    return value


_KEYS = {
    "version",
    "level",
    "pb_ticks",
    "pb_splits",
    "pb_replay",
    "best_segments",
    "attempts",
    "completions",
}


def _parse(level_id: str, document) -> LevelRecords:
    if not isinstance(document, dict) or document.get("level") != level_id:
        raise ValueError("not a records file for this level")
    # Strict: a damaged key would otherwise read as "no PB" and the next save would lose it.
    if set(document) != _KEYS:
        missing, unknown = _KEYS - set(document), set(document) - _KEYS
        raise ValueError(f"missing {sorted(missing)}, unknown {sorted(unknown)}")
    if document.get("version") != RECORDS_VERSION:
        raise ValueError(f"unknown version {document.get('version')!r}")
    pb = document.get("pb_ticks")
    if pb is not None and (type(pb) is not int or pb < 0):
        raise ValueError("bad pb_ticks")
    replay = document.get("pb_replay")
    if replay is not None and (
        not isinstance(replay, str) or "/" in replay or "\\" in replay or replay.startswith(".")
    ):
        raise ValueError("bad pb_replay")
    counts = [document.get("attempts", 0), document.get("completions", 0)]
    if any(type(c) is not int or c < 0 for c in counts):
        raise ValueError("bad counters")
    return LevelRecords(
        level_id,
        pb,
        _int_list(document.get("pb_splits", [])),
        replay,
        _int_list(document.get("best_segments", [])),
        *counts,
    )


def load_records(level_id: str) -> tuple[LevelRecords, str | None]:
    """The level's records, and a message when a corrupt file had to be set aside."""
    path = _path(level_id)
    try:
        text = read_player_file(path, MAX_RECORDS_BYTES).decode("utf-8")
    except FileNotFoundError:
        return LevelRecords(level_id), None
    except (OSError, UnicodeDecodeError) as exc:
        return LevelRecords(level_id), set_aside_saying(path, exc, "Records file")
    try:
        return _parse(level_id, json.loads(text)), None
    except (ValueError, RecursionError, MemoryError) as exc:
        return LevelRecords(level_id), set_aside_saying(path, exc, "Records file")


def save_records(records: LevelRecords) -> None:
    document = {
        "version": RECORDS_VERSION,
        "level": records.level_id,
        "pb_ticks": records.pb_ticks,
        "pb_splits": records.pb_splits,
        "pb_replay": records.pb_replay,
        "best_segments": records.best_segments,
        "attempts": records.attempts,
        "completions": records.completions,
    }
    atomic_write_text(_path(records.level_id), json.dumps(document, indent=2) + "\n")


def submit_run(
    level_id: str, result: RunResult, assisted: bool, replay_name: str | None = None
) -> tuple[RunOutcome, str | None]:
    """Fold a finished run into the level's records and save them."""
    records, message = load_records(level_id)
    records.attempts += 1
    previous_pb = records.pb_ticks
    old_splits = list(records.pb_splits)
    deltas: list[int | None] = [
        split - old_splits[i] if i < len(old_splits) else None
        for i, split in enumerate(result.splits)
    ]
    gold = []
    new_pb = False
    if result.completed:
        records.completions += 1
        run_segments = segments(result.splits)
        if not assisted:
            best = records.best_segments
            if len(best) != len(run_segments):
                best = []  # the level's objectives changed: old segments don't compare
            had_best = bool(best)
            for i, seg in enumerate(run_segments):
                gold.append(had_best and seg < best[i])
                if not had_best:
                    best.append(seg)
                elif seg < best[i]:
                    best[i] = seg
            records.best_segments = best
            if previous_pb is None or result.ticks < previous_pb:
                new_pb = True
                records.pb_ticks = result.ticks
                records.pb_splits = list(result.splits)
                records.pb_replay = replay_name
        else:
            gold = [False] * len(run_segments)
    save_records(records)
    return RunOutcome(new_pb, previous_pb, deltas, gold, records), message
