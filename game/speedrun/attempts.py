"""Every attempt kept: each run that had its first input is saved as a replay in the player's
replays folder when it ends (completed, failed, or reset / left mid-run), and the folder is
kept within bounds; and the attempt history of a level, read back from those files.

Files are `replays/<level id>/<YYYYmmdd-HHMMSS>-<m.ss.mmm>[-failed|-reset][-<n>].replay`
(local time; `-<n>` when two runs end in the same second); a level of a pack in the player's
levels folder (`pack-name/level-id`) has `replays/<pack-name>+<level id>/`, so its runs are
never in a shipped level's folder ('/' never becomes a folder; level ids have no '+').
Pruning, after each save, drops the oldest attempts first, down to MAX_ATTEMPTS_PER_LEVEL per
level and MAX_REPLAYS_BYTES for the whole folder. It never removes:
    - the run just saved;
    - a replay any records file of the level names as its PB (`pb_replay`, every content key:
      the official level's and each modified version's), or that a run still waiting in a
      records run file names (it may become the PB when folded);
    - a file whose name is not an attempt's (the player's own files, the game's temporaries);
    - anything through a symbolic link (a linked file is not an attempt; a linked folder is
      not looked into).
A level whose records cannot be read is not pruned at all: its PB could not be told apart.

The history (`attempt_history`) is read from the files' headers only (the result, the assist,
the level content), never their inputs, and from the newest HISTORY_LIMIT files: a corrupt
file is listed as unreadable, never raised."""

from __future__ import annotations

import json
import os
import re
import stat
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from game.levels.loader import ID_RE
from game.paths import user_data_dir
from game.player_files import UnreadableFile, read_player_file
from game.sim.outcomes import FAIL_MESSAGES
from game.speedrun.replay import (
    FORMAT_NAME,
    Replay,
    ReplayError,
    _parse_result,
    dumps,
    load,
    loads,
)
from game.speedrun.timefmt import format_ticks
from game.storage import write_new_file

MAX_ATTEMPTS_PER_LEVEL = 300
MAX_REPLAYS_BYTES = 100 * 1024 * 1024
HISTORY_LIMIT = 300  # attempts the history reads (newest first); the pruning keeps no more
HEADER_READ_BYTES = 1024 * 1024  # a longer file is read whole (load) to list it
MAX_RECORDS_READ = 1024 * 1024  # records files are a few KB (records.MAX_RECORDS_BYTES)

COMPLETED, FAILED, RESET, UNREADABLE = "completed", "failed", "reset", "unreadable"
_SUFFIX = {COMPLETED: "", FAILED: "-failed", RESET: "-reset"}
ATTEMPT_NAME = re.compile(
    r"(?P<stamp>[0-9]{8}-[0-9]{6})-[0-9]{1,6}\.[0-9]{2}\.[0-9]{3}"
    r"(?P<outcome>-failed|-reset)?(?:-[0-9]{1,6})?\.replay"
)
# A pack level's replays folder: the pack's folder name, '+', the level's id.
_PACK_LEVEL_FOLDER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._\-]{0,63}\+(?P<id>" + ID_RE.pattern + ")")


def replays_root() -> Path:
    return user_data_dir() / "replays"


def replays_dir(level_id: str) -> Path:
    return replays_root() / level_id


def replays_key(level) -> str:
    """The name of a loaded level's replays folder: its id, or `<pack>+<id>` for a level of a
    pack in the player's levels folder."""
    from game.levels.catalog import pack_folder_of

    pack = pack_folder_of(Path(level.source))
    key = f"{pack}+{level.info.id}" if pack else level.info.id
    return key if _level_id_of(key) == level.info.id else level.info.id


def _level_id_of(folder_name: str) -> str | None:
    """The level id a replays folder's name is of, or None for a folder not the game's."""
    if ID_RE.fullmatch(folder_name):
        return folder_name
    match = _PACK_LEVEL_FOLDER.fullmatch(folder_name)
    return match["id"] if match else None


def is_attempt_name(name: str) -> bool:
    """A replay file name the game writes for an attempt (what pruning may remove)."""
    return ATTEMPT_NAME.fullmatch(name) is not None


def outcome_of(replay: Replay) -> str:
    result = replay.result
    if result.completed:
        return COMPLETED
    return FAILED if result.fail_reason else RESET


def replay_file_name(
    ticks: int, completed: bool = True, when: float | None = None, outcome: str | None = None
) -> str:
    """<YYYYmmdd-HHMMSS>-<m.ss.mmm>.replay (local time); a failed run ends in -failed, a
    reset one in -reset (`outcome`; without it, completed or failed by `completed`)."""
    if outcome is None:
        outcome = COMPLETED if completed else FAILED
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(when))
    return f"{stamp}-{format_ticks(ticks).replace(':', '.')}{_SUFFIX[outcome]}.replay"


def save_run(replay: Replay, when: float | None = None, key: str | None = None) -> Path:
    """Write an attempt's replay into the replays folder (`key`: its name, from replays_key;
    default the level id), named by how it ended; never over another one, even one another
    game process writes under the same name at the same moment."""
    name = replay_file_name(replay.result.ticks, when=when, outcome=outcome_of(replay))
    stem = name.removesuffix(".replay")
    return write_new_file(replays_dir(key or replay.level_id), stem, ".replay", dumps(replay))


def keep_attempt(
    replay: Replay, when: float | None = None, key: str | None = None
) -> tuple[Path, str | None]:
    """Save the attempt, then prune the folder; (the saved file, a message if pruning failed).
    OSError only when the save itself fails: a failed prune never costs the run just saved."""
    path = save_run(replay, when, key)
    try:
        prune(keep=path)
    except Exception as exc:  # noqa: BLE001 - any pruning trouble is a message, never a lost run
        return path, f"Old replays could not be pruned: {exc}"
    return path, None


# -- pruning --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Attempt:
    level_id: str
    name: str
    path: Path
    size: int
    order: tuple  # oldest first


@dataclass(frozen=True)
class PruneReport:
    removed: tuple[Path, ...]
    kept_files: int
    kept_bytes: int


def prune(
    keep: Path | None = None, per_level: int | None = None, max_bytes: int | None = None
) -> PruneReport:
    """Drop the oldest attempt replays beyond `per_level` in a level's folder and beyond
    `max_bytes` in the whole replays folder (see the module's docstring for what stays)."""
    per_level = MAX_ATTEMPTS_PER_LEVEL if per_level is None else per_level
    max_bytes = MAX_REPLAYS_BYTES if max_bytes is None else max_bytes
    root = replays_root()
    if not _is_real_dir(root):
        return PruneReport((), 0, 0)
    levels: dict[str, list[_Attempt]] = {}
    for entry in _scan(root):
        if _level_id_of(entry.name) and entry.is_dir(follow_symlinks=False):
            levels[entry.name] = _attempts_in(entry.name, Path(entry.path))
    from game.speedrun.records import records_dir

    removed: list[Path] = []
    kept: list[_Attempt] = []
    # What may go: attempt replays that are not the one just saved nor any PB.
    candidates: list[_Attempt] = []
    # Which files the records protect is read only for the levels that need pruning: a save
    # under both bounds (the usual case) reads no records file at all.
    records_entries: list[os.DirEntry] | None = None

    def split(level_id: str, attempts: list[_Attempt]) -> list[_Attempt]:
        """Keep the level's protected attempts (all of them when its records could not be
        read) and the one just saved; the others, oldest first."""
        nonlocal records_entries
        if records_entries is None:
            records_entries = _scan(records_dir())  # listed once for every level
        protected = _protected(_level_id_of(level_id), records_entries)
        prunable = []
        for attempt in attempts:
            if protected is None or attempt.name in protected or attempt.path == keep:
                kept.append(attempt)
            else:
                prunable.append(attempt)
        prunable.sort(key=lambda a: a.order)
        return prunable

    unsplit: list[tuple[str, list[_Attempt]]] = []  # levels within their count
    for level_id, attempts in levels.items():
        over = len(attempts) - per_level
        if over <= 0:
            unsplit.append((level_id, attempts))
            continue
        for attempt in split(level_id, attempts):
            if over > 0 and _remove(attempt.path):
                removed.append(attempt.path)
                over -= 1
            else:
                candidates.append(attempt)
    unsplit_bytes = sum(a.size for _, attempts in unsplit for a in attempts)
    if sum(a.size for a in kept) + sum(a.size for a in candidates) + unsplit_bytes > max_bytes:
        for level_id, attempts in unsplit:
            candidates += split(level_id, attempts)
    else:
        kept += [a for _, attempts in unsplit for a in attempts]  # nothing of them can go
    total = sum(a.size for a in kept) + sum(a.size for a in candidates)
    candidates.sort(key=lambda a: a.order)
    survivors = []
    for attempt in candidates:
        if total > max_bytes and _remove(attempt.path):
            removed.append(attempt.path)
            total -= attempt.size
        else:
            survivors.append(attempt)
    return PruneReport(tuple(removed), len(kept) + len(survivors), total)


def _scan(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:
        return []


def _is_real_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _attempts_in(level_id: str, folder: Path) -> list[_Attempt]:
    found = []
    for entry in _scan(folder):
        match = ATTEMPT_NAME.fullmatch(entry.name)
        if match is None:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        order = (match["stamp"], info.st_mtime_ns, entry.name)
        found.append(_Attempt(level_id, entry.name, Path(entry.path), info.st_size, order))
    return found


def _remove(path: Path) -> bool:
    try:
        path.unlink()  # unlink never follows a link; is_file(follow_symlinks=False) chose a file
    except FileNotFoundError:
        return True  # gone already (another game process pruned it)
    except OSError:
        return False
    return True


def _protected(level_id: str, records_entries: list[os.DirEntry]) -> set[str] | None:
    from game.speedrun.records import CONTENT_NAME_DIGITS, RESERVED_NAMES

    own = re.compile(re.escape(level_id) + rf"(?:\.[0-9a-f]{{{CONTENT_NAME_DIGITS}}})?\.json")
    reserved = RESERVED_NAMES.get(level_id)
    names: set[str] = set()
    for entry in records_entries:
        base, _, run = entry.name.partition(".json.run-")
        records_name = f"{base}.json" if run else entry.name
        if reserved is not None:
            mine = records_name == reserved
        else:
            mine = own.fullmatch(records_name) is not None
        if not mine:
            continue
        try:
            document = json.loads(
                read_player_file(entry.path, MAX_RECORDS_READ).decode("utf-8-sig")
            )
        except FileNotFoundError:
            continue  # folded and removed meanwhile
        except (OSError, UnicodeDecodeError, ValueError, RecursionError):
            if run:
                continue  # a damaged run file is set aside by the records, never counted
            return None
        if not isinstance(document, dict):
            if run:
                continue
            return None
        name = document.get("replay" if run else "pb_replay")
        if isinstance(name, str):
            names.add(name)
    return names


# -- history --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttemptEntry:
    """One attempt as the history lists it."""

    name: str
    path: Path
    when: datetime | None  # from the name (local time)
    outcome: str  # COMPLETED, FAILED, RESET or UNREADABLE
    ticks: int = 0
    fail_reason: str | None = None
    assisted: bool = False
    level_sha256: str | None = None
    is_pb: bool = False
    error: str = ""  # why it is unreadable

    @property
    def readable(self) -> bool:
        return self.outcome != UNREADABLE

    @property
    def outcome_text(self) -> str:
        if self.outcome == FAILED and self.fail_reason:
            why = FAIL_MESSAGES.get(self.fail_reason, self.fail_reason)
            return f"failed: {why[:1].lower()}{why[1:]}"
        if self.outcome == UNREADABLE:
            return f"unreadable: {self.error}" if self.error else "unreadable"
        return self.outcome

    @property
    def when_text(self) -> str:
        return self.when.strftime("%Y-%m-%d %H:%M:%S") if self.when is not None else "?"


@dataclass(frozen=True)
class AttemptHistory:
    level_id: str
    entries: tuple[AttemptEntry, ...]  # newest first
    total_files: int  # attempt files in the folder (more than entries when past the limit)

    @property
    def attempts(self) -> int:
        return len(self.entries)

    @property
    def completions(self) -> int:
        return sum(1 for e in self.entries if e.outcome == COMPLETED)

    @property
    def pb(self) -> AttemptEntry | None:
        return next((e for e in self.entries if e.is_pb), None)


def attempt_history(
    level_id: str, pb_replay: str | None = None, limit: int = HISTORY_LIMIT, key: str | None = None
) -> AttemptHistory:
    """The level's attempts, newest first (at most `limit`, read from their headers); the
    one named `pb_replay` (the records' PB of the level's content) is marked. `key`: the
    replays folder's name (replays_key), default the level id."""
    folder = replays_dir(key or level_id)
    if _level_id_of(key or level_id) != level_id or not _is_real_dir(folder):
        return AttemptHistory(level_id, (), 0)
    attempts = _attempts_in(level_id, folder)
    attempts.sort(key=lambda a: a.order, reverse=True)
    entries = tuple(_entry(a, level_id, pb_replay) for a in attempts[:limit])
    return AttemptHistory(level_id, entries, len(attempts))


def _entry(attempt: _Attempt, level_id: str, pb_replay: str | None) -> AttemptEntry:
    stamp = ATTEMPT_NAME.fullmatch(attempt.name)["stamp"]
    try:
        when = datetime.strptime(stamp, "%Y%m%d-%H%M%S")
    except ValueError:
        when = None
    base = {"name": attempt.name, "path": attempt.path, "when": when}
    try:
        header = read_header(attempt.path)
    except ReplayError as exc:
        return AttemptEntry(**base, outcome=UNREADABLE, error=str(exc))
    if header["level"] != level_id:
        return AttemptEntry(**base, outcome=UNREADABLE, error="a replay of another level")
    result = header["result"]
    outcome = COMPLETED if result.completed else FAILED if result.fail_reason else RESET
    return AttemptEntry(
        **base,
        outcome=outcome,
        ticks=result.ticks,
        fail_reason=result.fail_reason,
        assisted=header["assisted"],
        level_sha256=header["level_sha256"],
        is_pb=pb_replay is not None and attempt.name == pb_replay,
    )


def read_header(path: Path) -> dict:
    """{"level", "level_sha256", "assisted", "result"} of a replay file, from its header only
    (the text dumps() writes before the inputs); a file in any other layout is read whole.
    ReplayError for anything unreadable, corrupt or truncated."""
    try:
        data = read_player_file(path, HEADER_READ_BYTES)
    except UnreadableFile:
        return _header_of(load(path))  # a long run, or not a file: load says which
    except FileNotFoundError:
        raise ReplayError("the file is gone") from None
    except OSError as exc:
        raise ReplayError(f"cannot read it: {exc.strerror or exc}") from None
    head, found, _ = data.partition(b',\n  "inputs": [')
    # A file cut short has no closing brace: listed as unreadable, not as a run.
    if not found or not data.rstrip().endswith(b"}"):
        return _header_of(loads(data))
    try:
        document = json.loads(head.decode("utf-8") + "\n}")
        if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
            raise ValueError
        level, sha = document["level"], document["level_sha256"]
        assisted = document["assisted"]
        if not isinstance(level, str) or not isinstance(sha, str) or type(assisted) is not bool:
            raise ValueError
        result = _parse_result(document["result"]) if isinstance(document["result"], dict) else None
        if result is None:
            raise ValueError
    except (UnicodeDecodeError, ValueError, KeyError, RecursionError, ReplayError):
        return _header_of(loads(data))
    return {"level": level, "level_sha256": sha, "assisted": assisted, "result": result}


def _header_of(replay: Replay) -> dict:
    return {
        "level": replay.level_id,
        "level_sha256": replay.level_sha256,
        "assisted": replay.assist.assisted,
        "result": replay.result,
    }


def load_pb_replay(level, rec=None) -> tuple[Replay | None, str | None]:
    """The PB replay of the loaded level's content and, when there is none to use, why (`rec`:
    the level's records when the caller has read them already)."""
    from game.speedrun.records import level_content, load_records

    if rec is None:
        rec, _ = load_records(level.info.id, level_content(level))
    if rec.pb_replay is None:
        return None, "No personal best yet: finish the level once to practise its splits."
    try:
        replay = load(pb_replay_path(level, rec.pb_replay))
    except ReplayError as exc:
        return None, f"The PB replay ({rec.pb_replay}) cannot be read: {exc}"
    if replay.level_sha256 != level.sha256:
        return None, "The PB replay is of another version of this level."
    return replay, None


def pb_replay_path(level, name: str) -> Path:
    """Where the PB replay `name` of a loaded level is: in its own replays folder, or in its
    id's (a pack level's runs saved before pack levels had folders of their own)."""
    own = replays_dir(replays_key(level)) / name
    if own.exists() or replays_key(level) == level.info.id:
        return own
    return replays_dir(level.info.id) / name
