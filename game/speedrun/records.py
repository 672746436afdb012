"""Personal bests and best segments, one small JSON file per level content in the user data
folder.

Records are kept by level content: an official level (the exact file the game shipped,
game/speedrun/official.py) keeps them in `<id>.json`, as always; any other content (an edited
"arrival", a player's own level) in `<id>.<first 16 hex digits of its SHA-256>.json`, so a
modified level never takes the official one's PB, medal or ghost, and each version of a level
under edit has its own.

Writes are atomic; a corrupt file is set aside (kept, renamed) with a message, never silently
replaced; assisted runs never become a PB.

Several game processes may finish runs at once. Each submit reads, changes and writes the file
holding one lock for the records folder, so no save overwrites another's run. If the lock stays
busy past a short wait, the run is written to a file of its own (`<level>.json.run-<id>`),
counted by every load and folded into the records file by the next submit that holds the lock;
the ids folded are kept in the file until their run files are gone, so no run counts twice.

A records file does not grow with play: attempts are counters, and the split lists are as long
as the level has objectives (5,000 at most, about 160 KB), far under MAX_RECORDS_BYTES. A save
that would still pass the cap is refused (the old file stays), never written unreadable."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from game import file_lock
from game.paths import user_data_dir
from game.player_files import read_player_file
from game.speedrun.official import is_official, official_sha256
from game.speedrun.replay import RunResult
from game.storage import atomic_write_text, remove_temporaries, set_aside, set_aside_saying

RECORDS_VERSION = 1
MAX_RECORDS_BYTES = 1024 * 1024  # a few numbers and split lists; real files are a few KB
_SAFE_ID = re.compile(r"[a-z0-9][a-z0-9_\-]{0,63}")
LOCK_NAME = ".records.lock"
# Writers hold the lock for one read and one fsync'd write (milliseconds); past this wait the
# run goes to a run file of its own instead, so the game never stalls long at the results.
LOCK_WAIT_S = 1.0
_RUN_ID = re.compile(r"[0-9]{20}-[0-9]{1,10}-[0-9a-f]{8}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
FOLD_AT_ONCE = 1000  # run files folded by one submit (the rest by the next ones)
CONTENT_NAME_DIGITS = 16  # of the SHA-256 in a file name; the file holds all 64 and is checked


@dataclass
class LevelRecords:
    level_id: str
    pb_ticks: int | None = None
    pb_splits: list[int] = field(default_factory=list)
    pb_replay: str | None = None  # file name in the replays folder, for the ghost
    best_segments: list[int] = field(default_factory=list)
    attempts: int = 0
    completions: int = 0
    # Ids of run files already counted here, kept until those files are deleted.
    folded_runs: list[str] = field(default_factory=list)
    # The level content's SHA-256 these records are of; None for the official level.
    content: str | None = None

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


# campaign.json holds the campaign's records; a level may still be called "campaign", so its
# file takes a name no level id can make (ids have no dots).
RESERVED_NAMES = {"campaign": "campaign.level.json"}


def content_key(level_id: str, sha256: str) -> str | None:
    """What a level's records are kept under besides its id: None for the official content
    (`<id>.json`), else the content's SHA-256."""
    return None if is_official(level_id, sha256) else sha256


def level_content(level) -> str | None:
    """content_key of a loaded level."""
    return content_key(level.info.id, level.sha256)


def records_file(level) -> Path:
    """Where a loaded level's records are kept."""
    return _path(level.info.id, level_content(level))


def _path(level_id: str, content: str | None = None) -> Path:
    if not _SAFE_ID.fullmatch(level_id):
        raise ValueError(f"not a level id: {level_id!r}")
    if content is not None:
        if not _SHA256.fullmatch(content):
            raise ValueError(f"not a SHA-256: {content!r}")
        # Ids have no dots, so no level's own name can be one of these.
        return records_dir() / f"{level_id}.{content[:CONTENT_NAME_DIGITS]}.json"
    return records_dir() / RESERVED_NAMES.get(level_id, f"{level_id}.json")


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
_OPTIONAL_KEYS = {"folded_runs", "level_sha256"}


def _parse(level_id: str, document, content: str | None = None) -> LevelRecords:
    if not isinstance(document, dict) or document.get("level") != level_id:
        raise ValueError("not a records file for this level")
    if document.get("level_sha256") != content:
        raise ValueError("not a records file for this level's content")
    # Strict: a damaged key would otherwise read as "no PB" and the next save would lose it.
    if not _KEYS <= set(document) <= _KEYS | _OPTIONAL_KEYS:
        missing, unknown = _KEYS - set(document), set(document) - _KEYS - _OPTIONAL_KEYS
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
    folded = document.get("folded_runs", [])
    if not isinstance(folded, list) or not all(
        isinstance(run_id, str) and _RUN_ID.fullmatch(run_id) for run_id in folded
    ):
        raise ValueError("bad folded_runs")
    return LevelRecords(
        level_id,
        pb,
        _int_list(document.get("pb_splits", [])),
        replay,
        _int_list(document.get("best_segments", [])),
        *counts,
        folded,
        content,
    )


def load_records(level_id: str, content: str | None = None) -> tuple[LevelRecords, str | None]:
    """The records of the level's content (`content`: see content_key; None, the official
    level's), runs still waiting in run files included, and a message when a corrupt file had
    to be set aside. Also removes temporaries of writers killed mid-save."""
    path = _path(level_id, content)
    _sweep_if_free(path)
    records, message = _read_records(level_id, path, content)
    for run_id, run_path in _run_files(path):
        if run_id not in records.folded_runs and (run := _read_run(level_id, run_path)):
            _apply_run(records, *run)
    return records, message


@contextlib.contextmanager
def records_lock(wait_s: float = LOCK_WAIT_S) -> Iterator[bool]:
    """Hold the records folder's lock (what every records save holds) for a read-change-write
    of another file there, such as the campaign's; LockBusy past `wait_s`."""
    folder = records_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with file_lock.held(folder / LOCK_NAME, wait_s) as locked:
        yield locked


def _sweep_if_free(path: Path) -> None:
    """Every writer of the records file holds the lock, so while we hold it any temporary of
    that file is a dead writer's and can go, whatever its age."""
    folder = path.parent
    if not folder.is_dir():
        return
    try:
        with file_lock.held(folder / LOCK_NAME, wait_s=0) as locked:
            if locked:
                remove_temporaries(folder, path.name, older_than_s=0)
    except (file_lock.LockBusy, OSError):
        pass  # a writer is at work; the next load or save sweeps


def _read_records(
    level_id: str, path: Path, content: str | None = None
) -> tuple[LevelRecords, str | None]:
    empty = LevelRecords(level_id, content=content)
    try:
        text = read_player_file(path, MAX_RECORDS_BYTES).decode("utf-8-sig")  # Notepad BOM
    except FileNotFoundError:
        return _kept_by_id_before(level_id, content) or empty, None
    except (OSError, UnicodeDecodeError) as exc:
        return empty, set_aside_saying(path, exc, "Records file")
    try:
        return _parse(level_id, json.loads(text), content), None
    except (ValueError, RecursionError, MemoryError) as exc:
        return empty, set_aside_saying(path, exc, "Records file")


def _kept_by_id_before(level_id: str, content: str | None) -> LevelRecords | None:
    """A player's level's records from before records were kept by content (in `<id>.json`),
    if their PB run was of exactly this content (its replay says so); else None. Never for a
    shipped level's id: `<id>.json` is the official level's."""
    if content is None or official_sha256(level_id) is not None:
        return None
    from game.speedrun.attempts import replays_dir
    from game.speedrun.replay import ReplayError, load

    try:
        text = read_player_file(_path(level_id), MAX_RECORDS_BYTES).decode("utf-8-sig")
        earlier = _parse(level_id, json.loads(text))
        if earlier.pb_replay is None:
            return None
        pb_run = load(replays_dir(level_id) / earlier.pb_replay)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError, MemoryError, ReplayError):
        return None
    if pb_run.level_sha256 != content:
        return None
    earlier.content = content
    earlier.folded_runs = []  # run files beside <id>.json are that file's
    return earlier


def save_records(records: LevelRecords) -> None:
    """Write the records file; OSError (the old file kept) if it cannot be written, or would
    be larger than its own loader accepts."""
    document = {
        "version": RECORDS_VERSION,
        "level": records.level_id,
        **({"level_sha256": records.content} if records.content is not None else {}),
        "pb_ticks": records.pb_ticks,
        "pb_splits": records.pb_splits,
        "pb_replay": records.pb_replay,
        "best_segments": records.best_segments,
        "attempts": records.attempts,
        "completions": records.completions,
    }
    if records.folded_runs:
        document["folded_runs"] = records.folded_runs
    text = json.dumps(document, indent=2) + "\n"
    if len(text.encode("utf-8")) > MAX_RECORDS_BYTES:
        text = json.dumps(document, separators=(",", ":")) + "\n"
    size = len(text.encode("utf-8"))
    if size > MAX_RECORDS_BYTES:
        raise OSError(
            errno.EFBIG, f"records would be {size:,} bytes; the limit is {MAX_RECORDS_BYTES:,}"
        )
    atomic_write_text(_path(records.level_id, records.content), text)


def submit_run(
    level_id: str,
    result: RunResult,
    assisted: bool,
    replay_name: str | None = None,
    content: str | None = None,
) -> tuple[RunOutcome, str | None]:
    """Fold a finished run into the records of the level's content (see load_records) and save
    them (or, when another process keeps the records busy, into a run file of its own that
    later loads and saves count)."""
    folder = records_dir()
    path = _path(level_id, content)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with file_lock.held(folder / LOCK_NAME, LOCK_WAIT_S) as locked:
            if locked:
                remove_temporaries(folder, path.name, older_than_s=0)
            records, message = _read_records(level_id, path, content)
            waiting = _run_files(path)
            counted = [(i, p) for i, p in waiting if i in records.folded_runs]
            folding = [(i, p) for i, p in waiting if i not in records.folded_runs][:FOLD_AT_ONCE]
            for _, run_path in folding:
                if run := _read_run(level_id, run_path, set_aside_if_bad=True):
                    _apply_run(records, *run)
            outcome = _apply_run(records, result, assisted, replay_name)
            # Kept in the file until the run files are gone: a kill between the save and the
            # deletes below must not count them twice.
            records.folded_runs = [run_id for run_id, _ in counted + folding]
            save_records(records)
            for _, run_path in counted + folding:
                _remove(run_path)
            return outcome, message
    except file_lock.LockBusy:
        records, message = load_records(level_id, content)
        outcome = _apply_run(records, result, assisted, replay_name)
        _write_run(path, level_id, result, assisted, replay_name)
        return outcome, message


def _remove(path: Path) -> None:
    # If it stays, it is still listed in folded_runs, so never counted twice; the next
    # submit tries again.
    with contextlib.suppress(OSError):
        path.unlink()


def _run_files(path: Path) -> list[tuple[str, Path]]:
    """Runs waiting in run files beside the records file `path`, oldest first, as (id, path)."""
    prefix = f"{path.name}.run-"
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return []
    found = []
    for entry in entries:
        if entry.name.startswith(prefix) and _RUN_ID.fullmatch(entry.name[len(prefix) :]):
            found.append((entry.name[len(prefix) :], Path(entry.path)))
    return sorted(found)


def _write_run(
    records_path: Path, level_id: str, result: RunResult, assisted: bool, replay_name: str | None
) -> None:
    run_id = f"{time.time_ns():020d}-{os.getpid()}-{secrets.token_hex(4)}"
    document = {
        "version": RECORDS_VERSION,
        "level": level_id,
        "completed": result.completed,
        "ticks": result.ticks,
        "splits": list(result.splits),
        "assisted": assisted,
        "replay": replay_name,
    }
    path = records_path.with_name(f"{records_path.name}.run-{run_id}")
    atomic_write_text(path, json.dumps(document) + "\n", overwrite=False)


def _read_run(
    level_id: str, path: Path, set_aside_if_bad: bool = False
) -> tuple[RunResult, bool, str | None] | None:
    """(result, assisted, replay name) from a run file; None if it is gone or damaged."""
    try:
        document = json.loads(read_player_file(path, MAX_RECORDS_BYTES).decode("utf-8"))
        if not isinstance(document, dict) or document.get("level") != level_id:
            raise ValueError("not a run of this level")
        if document.get("version") != RECORDS_VERSION:
            raise ValueError("unknown version")
        completed, ticks, assisted = (document.get(k) for k in ("completed", "ticks", "assisted"))
        if type(completed) is not bool or type(assisted) is not bool:
            raise ValueError("bad flags")
        if type(ticks) is not int or ticks < 0:
            raise ValueError("bad ticks")
        splits = tuple(_int_list(document.get("splits")))
        if any(b < a for a, b in zip(splits, splits[1:], strict=False)):
            raise ValueError("splits out of order")  # would save a negative best segment
        replay = document.get("replay")
        if replay is not None and (
            not isinstance(replay, str) or "/" in replay or "\\" in replay or replay[:1] == "."
        ):
            raise ValueError("bad replay")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError, MemoryError):
        if set_aside_if_bad:
            with contextlib.suppress(OSError):
                set_aside(path)  # kept for the curious, never counted
        return None
    return RunResult(completed, ticks, ticks, splits, None), assisted, replay


def _apply_run(
    records: LevelRecords, result: RunResult, assisted: bool, replay_name: str | None
) -> RunOutcome:
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
    return RunOutcome(new_pb, previous_pb, deltas, gold, records)
