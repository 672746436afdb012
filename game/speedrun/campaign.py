"""A campaign run: every level of the shipped pack in order; its time is the sum of the level
times. The campaign PB lives in user_data_dir()/records/campaign.json (written atomically; a
corrupt file is set aside with a message, like the level records)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from game.file_lock import LockBusy
from game.levels.model import Level
from game.speedrun.records import records_dir, records_lock
from game.storage import atomic_write_text, set_aside_saying

CAMPAIGN_VERSION = 1


@dataclass
class CampaignRecords:
    levels: list[str] = field(default_factory=list)  # the level ids the PB was run over
    pb_ticks: int | None = None
    pb_level_ticks: list[int] = field(default_factory=list)  # each level's time in the PB
    attempts: int = 0  # campaigns finished


@dataclass(frozen=True)
class CampaignLine:
    """What a level's results screen says about the campaign run."""

    number: int  # 1-based, of `count`
    count: int
    level_ticks: int  # this level's time (its split)
    total_ticks: int  # the running total, this level included
    pb_running: int | None  # the campaign PB's total at this level, for a delta
    pb_total: int | None  # the campaign PB (before this run, or this run when new)
    last: bool
    new_pb: bool = False  # only on the last level


def campaign_path() -> Path:
    return records_dir() / "campaign.json"


def _ticks_list(value) -> list[int]:
    if not isinstance(value, list) or any(type(v) is not int or v < 0 for v in value):
        raise ValueError("not a list of tick counts")
    return value


def load_campaign_records() -> tuple[CampaignRecords, str | None]:
    path = campaign_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return CampaignRecords(), None
    except (OSError, UnicodeDecodeError) as exc:
        return CampaignRecords(), set_aside_saying(path, exc, "Campaign records file")
    try:
        document = json.loads(text)
        if not isinstance(document, dict) or document.get("version") != CAMPAIGN_VERSION:
            raise ValueError("unknown version")
        levels = document.get("levels", [])
        if not isinstance(levels, list) or any(not isinstance(i, str) for i in levels):
            raise ValueError("bad levels")
        pb = document.get("pb_ticks")
        if pb is not None and (type(pb) is not int or pb < 0):
            raise ValueError("bad pb_ticks")
        attempts = document.get("attempts", 0)
        if type(attempts) is not int or attempts < 0:
            raise ValueError("bad attempts")
        per_level = _ticks_list(document.get("pb_level_ticks", []))
        return CampaignRecords(levels, pb, per_level, attempts), None
    except (ValueError, RecursionError) as exc:
        return CampaignRecords(), set_aside_saying(path, exc, "Campaign records file")


def save_campaign_records(rec: CampaignRecords) -> None:
    document = {
        "version": CAMPAIGN_VERSION,
        "levels": rec.levels,
        "pb_ticks": rec.pb_ticks,
        "pb_level_ticks": rec.pb_level_ticks,
        "attempts": rec.attempts,
    }
    atomic_write_text(campaign_path(), json.dumps(document, indent=2) + "\n")


class Campaign:
    """The levels in order and the times of those finished so far."""

    def __init__(self, levels: list[Level], keep_records: bool = True):
        if not levels:
            raise ValueError("a campaign needs at least one level")
        self.levels = list(levels)
        self.index = 0
        self.times: list[int] = []
        self.keep_records = keep_records
        self.messages: list[str] = []
        self.records = CampaignRecords()
        if keep_records:
            self.records, message = load_campaign_records()
            if message:
                self.messages.append(message)
        self._ids = [level.info.id for level in self.levels]
        if self.records.levels != self._ids:
            # Another set of levels (the pack changed): its PB does not compare with this one.
            self.records = CampaignRecords(attempts=self.records.attempts)

    @property
    def level(self) -> Level:
        return self.levels[self.index]

    @property
    def is_last(self) -> bool:
        return self.index == len(self.levels) - 1

    @property
    def total(self) -> int:
        return sum(self.times)

    def line(self, run_ticks: int) -> CampaignLine:
        """The campaign as it stands if this level is left with a run of `run_ticks`."""
        total = self.total + run_ticks
        pb_levels = self.records.pb_level_ticks
        running = None
        if self.records.pb_ticks is not None and len(pb_levels) == len(self.levels):
            running = sum(pb_levels[: self.index + 1])
        return CampaignLine(
            self.index + 1,
            len(self.levels),
            run_ticks,
            total,
            running,
            self.records.pb_ticks,
            self.is_last,
        )

    def finish(self, run_ticks: int, assisted: bool) -> CampaignLine:
        """The last level is done: the campaign total, kept as the PB if it is one."""
        line = self.line(run_ticks)
        if not self.keep_records:
            return line
        new_pb = False
        try:
            try:
                with records_lock():
                    new_pb = self._fold_in(line, assisted)
            except LockBusy:
                new_pb = self._fold_in(line, assisted)  # another game is stuck mid-save
        except OSError as exc:
            self.messages.append(f"Could not save the campaign records: {exc.strerror or exc}")
        if new_pb:
            line = replace(line, new_pb=True, pb_total=line.total_ticks)
        return line

    def _fold_in(self, line: CampaignLine, assisted: bool) -> bool:
        """Add this campaign to the records as they are on disk now (another game may have
        finished one since this began) and save them; whether it is the PB."""
        rec, message = load_campaign_records()
        if message:
            self.messages.append(message)
        if rec.levels != self._ids:
            rec = CampaignRecords(attempts=rec.attempts)
        rec.attempts += 1
        new_pb = not assisted and (rec.pb_ticks is None or line.total_ticks < rec.pb_ticks)
        if new_pb:
            rec.levels = list(self._ids)
            rec.pb_ticks = line.total_ticks
            rec.pb_level_ticks = [*self.times, line.level_ticks]
        save_campaign_records(rec)
        self.records = rec
        return new_pb

    def advance(self, run_ticks: int) -> Level | None:
        """Leave this level with a run of `run_ticks`; the next level, or None at the end."""
        self.times.append(run_ticks)
        if self.is_last:
            return None
        self.index += 1
        return self.level
