"""Run files: a whole full-game run (game.speedrun.fullrun) in one JSON file, `.run`.

A readable header (versions, physics, platform, the pack and its missions, and a summary: the
total, the splits, how the run ended), then every attempt in order with how it ended and its
replay embedded as a replay document (game.speedrun.replay's format, unchanged), so an attempt
is read and checked by exactly the code that reads a replay file.

Reading is bounded (file size, attempts, total ticks) and every claim of the header is checked
against the attempts: the summary is for people, but a summary that disagrees is refused."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from game.sim import TICK_RATE
from game.speedrun import player_json
from game.speedrun import replay as replay_format
from game.speedrun.fullrun import ENDINGS, Attempt, FullRun, Mission, RunOrderError
from game.speedrun.replay import ReplayError, environment_header
from game.speedrun.timefmt import format_ticks

FORMAT_NAME = "last-orbit-run"
FORMAT_VERSION = 1
SUFFIX = ".run"
MAX_RUN_BYTES = 64 * 1024 * 1024
MAX_ATTEMPTS = 5_000
MAX_MISSIONS = 500
# Verification re-runs every tick of every attempt: ten hours of game time at most (about 30 s
# to verify headless on one core).
MAX_RUN_TICKS = 10 * 3600 * TICK_RATE
MAX_TEXT = 2000  # characters of a pack title or mission name (a level's strings' limit)
_LEVEL_ID = re.compile(r"[a-z0-9][a-z0-9_\-]{0,63}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


class RunFileError(Exception):
    """An unreadable, corrupt or inconsistent run file (the message says what and where)."""


@dataclass(frozen=True)
class RunFile:
    """A run file as read: the run rebuilt from its attempts, and the header's fields."""

    run: FullRun
    header: dict = field(default_factory=dict)  # game_version, python, pymunk, platform
    physics: int | None = None  # the physics number the header declares


# -- writing ---------------------------------------------------------------------------------


def summary_of(run: FullRun) -> dict:
    return {
        "finished": run.finished,
        "quit": run.quit,
        "attempts": len(run.attempts),
        "ticks": run.total_ticks,
        "time_seconds": round(run.total_ticks / TICK_RATE, 3),
        "splits": run.splits,
        "assisted": run.assisted,
    }


def dumps(run: FullRun) -> str:
    """The run as text: an indented header, then one attempt after another, each replay in
    the replay file's own layout (one input run or checksum per line: diffable)."""
    physics = run.attempts[0].replay.physics if run.attempts else replay_format.PHYSICS_VERSION
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        **environment_header(),
        "physics": physics,
        "tick_rate": TICK_RATE,
        # Titles and names are for people: cut to what a reader accepts (a pack title has no
        # limit of its own).
        "pack": run.pack[:MAX_TEXT],
        "missions": [
            {"level": m.level_id, "level_sha256": m.sha256, "name": m.name[:MAX_TEXT]}
            for m in run.missions
        ],
        "summary": summary_of(run),
    }
    head = json.dumps(document, indent=2)[: -len("\n}")]
    attempts = []
    for attempt in run.attempts:
        # The replay's own text is a JSON object: embedded as it is, indented to sit in place.
        text = replay_format.dumps(attempt.replay).rstrip("\n").replace("\n", "\n      ")
        attempts.append(
            f'{{\n      "mission": {attempt.mission},\n      "ended": {json.dumps(attempt.ended)},'
            f'\n      "replay": {text}\n    }}'
        )
    if not attempts:
        return f'{head},\n  "attempts": []\n}}\n'
    body = ",\n    ".join(attempts)
    return f'{head},\n  "attempts": [\n    {body}\n  ]\n}}\n'


def runs_dir() -> Path:
    from game.paths import user_data_dir

    return user_data_dir() / "runs"


def slug(text: str) -> str:
    """A file-name-safe form of a title: lower-case ASCII letters and digits joined by '-'."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:48].strip("-")


def pack_folder(run: FullRun) -> Path:
    """The run's folder: the pack's title made safe, and the first digits of its missions key,
    so two packs of one title (a mod and the original) never share a folder."""
    name = slug(run.pack) or "pack"
    return runs_dir() / f"{name}-{run.key[:12]}"


def run_file_name(run: FullRun, when: float | None = None) -> str:
    """<YYYYmmdd-HHMMSS>-<m.ss.mmm>.run (local time); a quit run ends in -quit, one neither
    finished nor quit in -unfinished."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(when))
    name = f"{stamp}-{format_ticks(run.total_ticks).replace(':', '.')}"
    if not run.finished:
        name += "-quit" if run.quit else "-unfinished"
    return name + SUFFIX


def save_new(run: FullRun, when: float | None = None) -> Path:
    """Write the run into its pack's folder under runs_dir(), whole or not at all, never over
    another file (even one another game process writes under the same name at that moment)."""
    from game.storage import write_new_file

    stem = run_file_name(run, when).removesuffix(SUFFIX)
    return write_new_file(pack_folder(run), stem, SUFFIX, dumps(run))


# -- reading ---------------------------------------------------------------------------------


def declared_format(head: bytes) -> bytes | None:
    """The "format" a replay or run file declares near its start (where both write it), or
    None: files are judged by their content, whatever their names."""
    match = re.search(rb'"format"\s*:\s*"([^"]{0,40})"', head[:4096])
    return match.group(1) if match is not None else None


def loads(data: bytes) -> FullRun:
    """The run a run file holds; RunFileError for anything wrong with it."""
    return read(data).run


def read(data: bytes) -> RunFile:
    """The run and its header; RunFileError for anything wrong with the file."""
    if not data:
        raise RunFileError("the file is empty")
    if len(data) > MAX_RUN_BYTES:
        raise RunFileError(f"the file is larger than {MAX_RUN_BYTES // (1024 * 1024)} MiB")
    document = _parse_json(data)
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise RunFileError("not a Last Orbit run file")
    version = _whole(document, "version")
    if version > FORMAT_VERSION:
        raise RunFileError(
            f"run file format {version} is newer than this game reads ({FORMAT_VERSION}); "
            "update Last Orbit"
        )
    if version < 1:
        raise RunFileError(f"unknown run file format version {version}")
    if _whole(document, "tick_rate") != TICK_RATE:
        raise RunFileError(
            f"recorded at {document['tick_rate']} ticks/s; this game runs at {TICK_RATE}"
        )
    physics = _whole(document, "physics")
    pack = _text(document, "pack")
    missions = _missions(document.get("missions"))
    summary = document.get("summary")
    if not isinstance(summary, dict):
        raise RunFileError("missing 'summary'")
    declared = _whole(summary, "attempts", "summary.")
    if not 0 <= declared <= MAX_ATTEMPTS:
        raise RunFileError(
            f"the run declares {declared:,} attempts; a run file holds at most {MAX_ATTEMPTS:,}"
        )
    if not 0 <= _whole(summary, "ticks", "summary.") <= MAX_RUN_TICKS:
        raise RunFileError("'summary.ticks' is longer than ten hours of game time")
    raw_attempts = document.get("attempts")
    if not isinstance(raw_attempts, list):
        raise RunFileError("missing 'attempts'")
    if len(raw_attempts) > MAX_ATTEMPTS:
        raise RunFileError(
            f"the file holds {len(raw_attempts):,} attempts; a run file holds at most "
            f"{MAX_ATTEMPTS:,}"
        )
    run = FullRun(pack, missions)
    simulated = 0
    for number, raw in enumerate(raw_attempts, start=1):
        attempt = _attempt(number, raw, len(missions))
        if attempt.replay.physics != physics:
            raise RunFileError(
                f"attempt {number}: its replay says physics {attempt.replay.physics}, the run "
                f"file physics {physics}"
            )
        simulated += attempt.replay.tick_count
        if simulated > MAX_RUN_TICKS:
            raise RunFileError(
                f"attempt {number}: the run's inputs pass ten hours of game time (the limit)"
            )
        try:
            run.add(attempt)
        except RunOrderError as exc:
            raise RunFileError(f"out of order: {exc}") from None
    _check_summary(summary, run)
    header = {
        k: document[k]
        for k in ("game_version", "python", "pymunk", "platform")
        if isinstance(document.get(k), str)
    }
    return RunFile(run, header, physics)


def load(path: Path) -> FullRun:
    return load_file(path).run


def load_file(path: Path) -> RunFile:
    """A run file from disk: regular files only, at most MAX_RUN_BYTES read."""
    from game.player_files import UnreadableFile, read_player_file

    try:
        data = read_player_file(path, MAX_RUN_BYTES)
    except UnreadableFile as exc:
        raise RunFileError(str(exc)) from None
    except OSError as exc:
        raise RunFileError(f"cannot read it: {exc.strerror or exc}") from None
    return read(data)


def _parse_json(data: bytes):
    return player_json.parse(data, "run file", RunFileError)


def _whole(document: dict, key: str, where: str = "") -> int:
    if key not in document:
        raise RunFileError(f"missing '{where}{key}'")
    if type(document[key]) is not int:
        raise RunFileError(f"'{where}{key}' must be a whole number")
    return document[key]


def _text(document: dict, key: str, where: str = "") -> str:
    value = document.get(key)
    if not isinstance(value, str):
        raise RunFileError(f"missing '{where}{key}' (text)")
    if len(value) > MAX_TEXT:
        raise RunFileError(f"'{where}{key}' is longer than {MAX_TEXT} characters")
    return value


def _missions(raw) -> list[Mission]:
    if not isinstance(raw, list) or not raw:
        raise RunFileError("missing 'missions' (a list of at least one)")
    if len(raw) > MAX_MISSIONS:
        raise RunFileError(f"more than {MAX_MISSIONS} missions")
    missions = []
    for number, item in enumerate(raw, start=1):
        where = f"missions[{number}]."
        if not isinstance(item, dict):
            raise RunFileError(f"mission {number} is corrupt")
        level_id = _text(item, "level", where)
        if not _LEVEL_ID.fullmatch(level_id):
            raise RunFileError(f"mission {number}: 'level' is not a level id")
        sha = _text(item, "level_sha256", where)
        if not _SHA256.fullmatch(sha):
            raise RunFileError(f"mission {number}: 'level_sha256' is not a SHA-256 hex digest")
        missions.append(Mission(level_id, sha, _text(item, "name", where)))
    return missions


def _attempt(number: int, raw, mission_count: int) -> Attempt:
    if not isinstance(raw, dict):
        raise RunFileError(f"attempt {number} is corrupt")
    mission = raw.get("mission")
    if type(mission) is not int or not 0 <= mission < mission_count:
        raise RunFileError(f"attempt {number}: 'mission' is not one of the run's missions")
    ended = raw.get("ended")
    if ended not in ENDINGS:
        raise RunFileError(f"attempt {number}: 'ended' is not one of {', '.join(ENDINGS)}")
    embedded = raw.get("replay")
    if not isinstance(embedded, dict):
        raise RunFileError(f"attempt {number}: missing its 'replay'")
    try:
        # The replay reader checks every field as it would a replay file's.
        replay = replay_format.loads(json.dumps(embedded).encode("utf-8"))
    except ReplayError as exc:
        raise RunFileError(f"attempt {number}: its replay is unreadable: {exc}") from None
    return Attempt(mission, ended, replay)


def _check_summary(summary: dict, run: FullRun) -> None:
    actual = summary_of(run)
    for key, value in actual.items():
        claimed = summary.get(key)
        if type(claimed) is not type(value) or claimed != value:
            raise RunFileError(
                f"the summary does not match the attempts: 'summary.{key}' is "
                f"{_short(claimed)}, the attempts give {_short(value)}"
            )


def _short(value) -> str:
    text = json.dumps(value)
    return text if len(text) <= 80 else text[:77] + "..."
