"""A full-game run played in the window (the shipped campaign or any pack), like Celeste's
file timer: every attempt is recorded into a FullRun (game.speedrun.fullrun) as it ends, so
failed, restarted and quit attempts all count in one total; menus, results and pauses are not
ticks, so they do not.

Records of full runs are kept per exact list of levels (FullRun.key: a modified level or another
order starts records of its own) in user_data_dir()/records/full-runs/<key>.json: the PB total
and its splits, the best segment of each mission, runs started and finished. They are written
like the level records (game.speedrun.records): under the records lock, atomically, a corrupt
file set aside with a message. Assisted runs never set a PB or a best segment.

The campaign PB of earlier versions (records/campaign.json, the sum of each level's chosen
attempt, keyed by level ids) does not compare with a full run's time; it is left on disk as it
is and not read."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from game.file_lock import LockBusy
from game.levels.model import Level
from game.sim import build_world
from game.speedrun.fullrun import COMPLETED, FullRun, Mission, missions_key
from game.speedrun.official import is_official_level
from game.speedrun.records import records_dir, records_lock
from game.speedrun.replay import Assist, Recorder, Replay
from game.storage import atomic_write_text, set_aside_saying

FULL_RUNS_VERSION = 1
SHIPPED_PACK = "I.S.S. \u2014 the campaign"  # the shipped pack's title (levels/pack.toml)
OTHER_PACK = "Full run"  # the title of levels given without a pack


def full_runs_dir() -> Path:
    return records_dir() / "full-runs"


def legacy_campaign_path() -> Path:
    """The campaign PB of earlier versions: kept, never read or written again."""
    return records_dir() / "campaign.json"


def full_run_records_path(key: str) -> Path:
    return full_runs_dir() / f"{key}.json"


@dataclass
class FullRunRecords:
    """The records of full runs of one exact list of levels."""

    key: str
    missions: list[str] = field(default_factory=list)  # level ids, for people reading the file
    pb_ticks: int | None = None
    pb_splits: list[int] = field(default_factory=list)  # the PB's run time at each mission
    best_segments: list[int | None] = field(default_factory=list)  # each mission's best share
    started: int = 0  # runs that had a first input
    finished: int = 0  # runs that met the last mission's last objective

    def pb_split(self, index: int) -> int | None:
        return self.pb_splits[index] if index < len(self.pb_splits) else None

    def best_segment(self, index: int) -> int | None:
        return self.best_segments[index] if index < len(self.best_segments) else None


def _ticks(value, where: str, nullable: bool = False):
    if value is None and nullable:
        return None
    if type(value) is not int or value < 0:
        raise ValueError(f"bad {where}")
    return value


def load_full_run_records(key: str) -> tuple[FullRunRecords, str | None]:
    """The records of this key (empty when none), and a message if the file was set aside."""
    path = full_run_records_path(key)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return FullRunRecords(key), None
    except (OSError, UnicodeDecodeError) as exc:
        return FullRunRecords(key), set_aside_saying(path, exc, "Full-run records file")
    try:
        document = json.loads(text)
        if not isinstance(document, dict) or document.get("version") != FULL_RUNS_VERSION:
            raise ValueError("unknown version")
        if document.get("key") != key:
            raise ValueError("the file is of other levels")
        missions = document.get("missions", [])
        if not isinstance(missions, list) or any(not isinstance(m, str) for m in missions):
            raise ValueError("bad missions")
        splits = document.get("pb_splits", [])
        best = document.get("best_segments", [])
        if not isinstance(splits, list) or not isinstance(best, list):
            raise ValueError("bad split lists")
        return (
            FullRunRecords(
                key,
                missions,
                _ticks(document.get("pb_ticks"), "pb_ticks", nullable=True),
                [_ticks(v, "pb_splits") for v in splits],
                [_ticks(v, "best_segments", nullable=True) for v in best],
                _ticks(document.get("started", 0), "started"),
                _ticks(document.get("finished", 0), "finished"),
            ),
            None,
        )
    except (ValueError, RecursionError) as exc:
        return FullRunRecords(key), set_aside_saying(path, exc, "Full-run records file")


def save_full_run_records(rec: FullRunRecords) -> None:
    document = {
        "version": FULL_RUNS_VERSION,
        "key": rec.key,
        "missions": rec.missions,
        "pb_ticks": rec.pb_ticks,
        "pb_splits": rec.pb_splits,
        "best_segments": rec.best_segments,
        "started": rec.started,
        "finished": rec.finished,
    }
    atomic_write_text(full_run_records_path(rec.key), json.dumps(document, indent=2) + "\n")


@dataclass(frozen=True)
class MissionSplit:
    """A mission completed in the run, for the last results screen."""

    name: str
    segment: int  # the mission's share of the run: every attempt at it
    ticks: int  # the run's time when it was completed
    delta: int | None  # against the PB's split there (negative: ahead)
    gold: bool  # the best segment of this mission ever


@dataclass(frozen=True)
class CampaignLine:
    """What a results screen says about the full run, after one of its attempts ended."""

    pack: str
    number: int  # of the mission just played, 1-based, of `count`
    count: int
    mission_ticks: int  # that mission's share so far (every attempt at it)
    total_ticks: int  # the run's time so far
    pb_split: int | None  # the PB's time at this mission, for a delta (completed missions)
    pb_total: int | None  # the full-run PB this run raced (before it)
    completed: bool  # the mission
    finished: bool  # the run: its last mission completed
    attempts: int  # played in the run so far
    new_pb: bool = False
    splits: tuple[MissionSplit, ...] = ()  # the missions completed so far
    run_file: str | None = None  # the run file's name, once the run ended
    assisted: bool = False  # some attempt was: never a PB
    records_kept: bool = True

    @property
    def last(self) -> bool:
        return self.finished


@dataclass(frozen=True)
class RunClock:
    """What the HUD needs to show the run's time over an attempt: total = base + its ticks."""

    base_ticks: int  # every earlier attempt
    mission: int  # 1-based
    count: int
    pb_ticks: int | None  # the full-run PB
    last_split_delta: int | None = None  # the last mission split against the PB's
    last_split_gold: bool = False


def missions_of(levels: list[Level]) -> list[Mission]:
    return [Mission(lv.info.id, lv.sha256, lv.info.name) for lv in levels]


def pack_full_runs(entries) -> tuple[dict[Path, FullRunRecords], list[str]]:
    """The full-run records of each pack folder among these catalogue entries (its playable
    levels in order, as a full run of it has them), and messages about files set aside."""
    folders: dict[Path, list[Level]] = {}
    for entry in entries:
        if entry.valid:
            folders.setdefault(entry.path.parent, []).append(entry.level)
    out, messages = {}, []
    for folder, levels in folders.items():
        rec, message = load_full_run_records(missions_key(missions_of(levels)))
        out[folder] = rec
        if message:
            messages.append(message)
    return out, messages


class Campaign:
    """A full run being played: its levels in order, the FullRun so far and its records."""

    def __init__(
        self,
        levels: list[Level],
        keep_records: bool = True,
        pack: str | None = None,
    ):
        if not levels:
            raise ValueError("a full run needs at least one level")
        self.levels = list(levels)
        if pack is None:  # levels given without their pack's title
            pack = SHIPPED_PACK if all(is_official_level(lv) for lv in levels) else OTHER_PACK
        self.run = FullRun(pack, missions_of(self.levels))
        self.keep_records = keep_records
        self.messages: list[str] = []
        self.records = FullRunRecords(self.run.key)
        self.run_file: Path | None = None
        self.new_pb = False
        self.saved_records: FullRunRecords | None = None  # as written at the run's end
        if keep_records:
            self.records, message = load_full_run_records(self.run.key)
            if message:
                self.messages.append(message)
        self._golds: list[bool] = []

    # -- the run as it stands ---------------------------------------------------------------------

    @property
    def pack(self) -> str:
        return self.run.pack

    @property
    def index(self) -> int:
        """The mission being played (0-based); the last one once the run is finished."""
        return min(self.run.mission, len(self.levels) - 1)

    @property
    def level(self) -> Level:
        return self.levels[self.index]

    @property
    def is_last(self) -> bool:
        return self.run.mission >= len(self.levels) - 1

    @property
    def over(self) -> bool:
        return self.run.over

    @property
    def total(self) -> int:
        return self.run.total_ticks

    def running_total(self, attempt_ticks: int) -> int:
        return self.run.running_total(attempt_ticks)

    @property
    def pb_complete(self) -> bool:
        rec = self.records
        return rec.pb_ticks is not None and len(rec.pb_splits) == len(self.levels)

    def clock(self) -> RunClock:
        """The HUD's run clock for the attempt about to start."""
        splits = self.run.splits
        delta = None
        if splits and self.pb_complete:
            delta = splits[-1] - self.records.pb_splits[len(splits) - 1]
        gold = bool(self._golds) and self._golds[-1]
        pb = self.records.pb_ticks if self.pb_complete else None
        return RunClock(self.total, self.index + 1, len(self.levels), pb, delta, gold)

    # -- attempts ---------------------------------------------------------------------------------

    def attempt_ended(self, replay: Replay, quit: bool = False) -> CampaignLine | None:
        """An attempt of the mission being played ended (completed, failed, restarted, or the
        run was quit): add it to the run; at the run's end keep it. The results' line about
        the run (None for a restart before the first input, which is not kept)."""
        if self.run.over:
            return None
        mission = self.run.mission
        before = self.run.splits[-1] if self.run.splits else 0
        attempt = self.run.record(replay, quit)
        if attempt is None:
            return None
        if attempt.ended == COMPLETED:
            best = self.records.best_segment(mission)
            segment = self.run.splits[-1] - before
            self._golds.append(best is not None and segment < best)
        if self.run.over:
            self._end()
        return self.line(mission, attempt.ended == COMPLETED)

    def quit(self, assist: Assist) -> None:
        """The player left the run (the menus, the window closed) between attempts: it ends
        as quit with an empty attempt of the mission it stood at."""
        if self.run.over:
            return
        world = build_world(self.level, infinite_o2=assist.infinite_o2, speed=assist.speed)
        self.attempt_ended(Recorder(world).finish(world), quit=True)

    def line(self, mission: int, completed: bool) -> CampaignLine:
        run = self.run
        shares = run.mission_ticks()
        share = shares[mission] if mission < len(shares) else 0
        splits = []
        previous = 0
        for number, ticks in enumerate(run.splits):
            pb_split = self.records.pb_split(number) if self.pb_complete else None
            splits.append(
                MissionSplit(
                    run.missions[number].name,
                    ticks - previous,
                    ticks,
                    ticks - pb_split if pb_split is not None else None,
                    number < len(self._golds) and self._golds[number],
                )
            )
            previous = ticks
        return CampaignLine(
            pack=run.pack,
            number=mission + 1,
            count=len(run.missions),
            mission_ticks=share,
            total_ticks=run.total_ticks,
            pb_split=self.records.pb_split(mission) if completed and self.pb_complete else None,
            pb_total=self.records.pb_ticks if self.pb_complete else None,
            completed=completed,
            finished=run.finished,
            attempts=len(run.attempts),
            new_pb=self.new_pb,
            splits=tuple(splits),
            run_file=self.run_file.name if self.run_file is not None else None,
            assisted=run.assisted,
            records_kept=self.keep_records,
        )

    # -- the end of the run -----------------------------------------------------------------------

    def _end(self) -> None:
        """The run ended (finished or quit): save its run file and fold it into the records,
        if it had its first input."""
        if not self.keep_records or self.run.total_ticks == 0:
            return
        from game.speedrun.runfile import save_new

        try:
            self.run_file = save_new(self.run)
        except OSError as exc:
            self.messages.append(f"Could not save the run file: {exc.strerror or exc}")
        try:
            try:
                with records_lock():
                    self._fold_in()
            except LockBusy:
                self._fold_in()  # another game is stuck mid-save
        except OSError as exc:
            self.messages.append(f"Could not save the full-run records: {exc.strerror or exc}")

    def _fold_in(self) -> None:
        """Add this run to the records as they are on disk now (another game may have ended a
        run since this one began) and save them."""
        rec, message = load_full_run_records(self.run.key)
        if message:
            self.messages.append(message)
        run = self.run
        count = len(run.missions)
        rec.missions = [m.level_id for m in run.missions]
        rec.started += 1
        if run.finished:
            rec.finished += 1
        if not run.assisted:
            best = list(rec.best_segments[:count]) + [None] * (count - len(rec.best_segments))
            previous = 0
            for index, ticks in enumerate(run.splits):
                segment = ticks - previous
                previous = ticks
                if best[index] is None or segment < best[index]:
                    best[index] = segment
            rec.best_segments = best
            if run.finished and (rec.pb_ticks is None or run.total_ticks < rec.pb_ticks):
                self.new_pb = True
                rec.pb_ticks = run.total_ticks
                rec.pb_splits = run.splits
        save_full_run_records(rec)
        # self.records stays as the run began: the results compare with the PB it raced.
        self.saved_records = rec
