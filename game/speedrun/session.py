"""The speedrun side of playing levels in the window: records and PB deltas, every attempt
saved as a replay (game.speedrun.attempts: failed and reset ones too, within bounds), the PB
ghost, and the LiveSplit connection. Records (and so the PB, medal
and ghost) are those of the level's exact content: a modified shipped level has its own.

The play scene tells the session what happens to each run (`new_ghost` when one starts,
`after_tick` after every step, `finished` or `abandoned` when it ends); the session never
draws and never blocks (LiveSplit commands go through the client's own thread)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.levels.model import Level
from game.sim import RUNNING, World
from game.speedrun import records
from game.speedrun.attempts import keep_attempt, pb_replay_path, replays_key
from game.speedrun.attempts import replay_file_name as replay_file_name  # moved; still here
from game.speedrun.attempts import replays_dir as replays_dir
from game.speedrun.attempts import save_run as save_run
from game.speedrun.ghost import Ghost, GhostSource
from game.speedrun.livesplit import LiveSplitClient
from game.speedrun.official import is_modified_level
from game.speedrun.records import LevelRecords, RunOutcome
from game.speedrun.replay import Replay

# Failed and reset runs are kept too unless the player turns it off (settings.save_failed_runs).
SAVE_FAILED_RUNS = True
GAME_TIME_EVERY = 12  # ticks between LiveSplit game-time updates: 10 a second


@dataclass(frozen=True)
class SpeedrunOptions:
    keep_runs: bool = True  # save each finished run as a replay and fold it into the records
    save_failed: bool | None = None  # also save failed and reset runs (None: SAVE_FAILED_RUNS)
    ghost: bool = True  # race the PB's ghost
    livesplit: tuple[str, int] | None = None  # (host, port) of LiveSplit's server, or None

    @property
    def saves_failed(self) -> bool:
        return SAVE_FAILED_RUNS if self.save_failed is None else self.save_failed


@dataclass(frozen=True)
class SplitDelta:
    """A split just made, against the PB: for the HUD."""

    index: int  # 0-based split number
    ticks: int  # run time at the split
    delta: int | None  # ticks ahead (negative) or behind (positive) the PB's split; None: no PB
    gold: bool  # the segment beat the best one ever


class SpeedrunSession:
    def __init__(self, options: SpeedrunOptions | None = None):
        self.options = options or SpeedrunOptions()
        self.level: Level | None = None
        self.records: LevelRecords | None = None
        self.ghosts: GhostSource | None = None
        self.livesplit: LiveSplitClient | None = None
        if self.options.livesplit is not None:
            self.livesplit = LiveSplitClient(*self.options.livesplit)
        self.last_saved: Path | None = None
        self._messages: list[str] = []
        self._started = False  # the current run has had its first input
        # A full run (game.speedrun.campaign.Campaign) being played, and the one LiveSplit's
        # timer was started for: its restarts and missions go on in one LiveSplit run.
        self.full_run = None
        self._timer_run = None
        self._splits_seen = 0
        self._time_sent = -1

    # -- levels and runs --------------------------------------------------------------------------

    def use_level(self, level: Level) -> None:
        """A level (or a new version of it) is about to be played: read its records and ghost."""
        self.level = level
        self.records = None
        self.ghosts = None
        if not self.options.keep_runs:
            return
        self.records, message = records.load_records(level.info.id, records.level_content(level))
        if message:
            self._messages.append(message)
        self._load_ghost()

    def _load_ghost(self) -> None:
        self.ghosts = None
        if self.level is None or self.records is None or not self.records.pb_replay:
            return
        path = pb_replay_path(self.level, self.records.pb_replay)
        self.ghosts = GhostSource.from_file(self.level, path)

    def new_ghost(self) -> Ghost | None:
        """A ghost for the run about to start (None without a usable PB replay)."""
        self.run_begins()
        if not self.options.ghost or self.ghosts is None:
            return None
        return self.ghosts.new_ghost()

    def run_begins(self) -> None:
        self._started = False
        self._splits_seen = 0
        if self._timer_run is None:  # (a full run's LiveSplit timer goes on across attempts)
            self._time_sent = -1

    @property
    def level_modified(self) -> bool:
        """The level has a shipped level's id but not its content (its records are its own)."""
        return self.level is not None and is_modified_level(self.level)

    @property
    def pb_ticks(self) -> int | None:
        return self.records.pb_ticks if self.records is not None else None

    def after_tick(self, world: World) -> SplitDelta | None:
        """Follow the run: its start, its splits and its time (LiveSplit); a new split's delta.
        In a full run (`full_run`) LiveSplit follows the whole run instead: started at its
        first input, its time the run's total, one split per mission completed."""
        client = self.livesplit
        full = self.full_run
        if not self._started:
            if world.start_tick is None:
                return None
            self._started = True
            if client is not None and (full is None or self._timer_run is not full):
                client.run_started()
                self._timer_run = full
        delta = None
        if world.events and any(event.kind == "objective" for event in world.events):
            splits = world.splits()
            for index in range(self._splits_seen, len(splits)):
                delta = self._delta(index, splits)
                if client is not None and full is None:
                    client.split(splits[index])
            self._splits_seen = len(splits)
            if full is None:
                self._time_sent = world.run_ticks
        if client is None:
            return delta
        ticks = world.run_ticks if full is None else full.running_total(world.run_ticks)
        if world.status == RUNNING:
            if ticks - self._time_sent >= GAME_TIME_EVERY:
                client.game_time(ticks)
                self._time_sent = ticks
        elif full is not None:
            # The attempt ended: LiveSplit holds the run's exact time while nothing ticks.
            if world.status == "completed":
                client.split(ticks)  # the mission's split: the run's time at its last objective
            else:
                client.game_time(ticks)
            self._time_sent = ticks
        return delta

    def take_full_run_from(self, old: SpeedrunSession) -> None:
        """This session replaces `old` mid-game (a setting changed): if LiveSplit is the same
        one, its timer is already running for the full run (which the caller hands over)."""
        if old.options.livesplit == self.options.livesplit:
            self._timer_run = old._timer_run
            self._time_sent = old._time_sent

    def full_run_quit(self) -> None:
        """The full run being followed was quit: LiveSplit's run is reset."""
        if self._timer_run is not None and self.livesplit is not None:
            self.livesplit.reset()
        self._timer_run = None

    def _delta(self, index: int, splits: list[int]) -> SplitDelta:
        ticks = splits[index]
        rec = self.records
        delta = None
        gold = False
        if rec is not None:
            if index < len(rec.pb_splits):
                delta = ticks - rec.pb_splits[index]
            best = rec.best_segments
            count = len(self.level.objectives) if self.level is not None else len(best)
            if len(best) == count and index < len(best):
                segment = ticks - (splits[index - 1] if index else 0)
                gold = segment < best[index]
        return SplitDelta(index, ticks, delta, gold)

    def finished(self, world: World, replay: Replay, assisted: bool) -> RunOutcome | None:
        """The run is over: save its replay (failed ones only if asked) and submit it."""
        self.last_saved = None
        if not self.options.keep_runs or self.level is None:
            return None
        completed = world.status == "completed"
        name = None
        replay_failed = None
        if completed or self.options.saves_failed:
            try:
                self.last_saved, prune_message = keep_attempt(replay, key=replays_key(self.level))
                name = self.last_saved.name
                if prune_message:
                    self._messages.append(prune_message)
            except OSError as exc:
                replay_failed = exc.strerror or str(exc)
        try:
            outcome, message = records.submit_run(
                self.level.info.id,
                replay.result,
                assisted,
                name,
                records.level_content(self.level),
            )
        except OSError as exc:
            reason = exc.strerror or str(exc)
            if reason == replay_failed:  # one cause (a full disk): said once
                self._messages.append(f"Could not save the replay or your records: {reason}")
            else:
                if replay_failed:
                    self._messages.append(f"Could not save the replay: {replay_failed}")
                self._messages.append(f"Could not save your records: {reason}")
            return None
        if replay_failed:
            self._messages.append(f"Could not save the replay: {replay_failed}")
        if message:
            self._messages.append(message)
        self.records = outcome.records
        if outcome.new_pb:
            self._load_ghost()  # the new PB races you from now on
        return outcome

    def thrown_away(self, world: World, replay: Replay) -> None:
        """A run restarted or left before its end: kept as a reset attempt if it had its
        first input (and failed runs are kept); never counted in the records."""
        if not self.options.keep_runs or not self.options.saves_failed:
            return
        if world.start_tick is None or world.status != RUNNING:
            return
        try:
            _, prune_message = keep_attempt(replay, key=replays_key(self.level))
        except OSError as exc:
            self._messages.append(f"Could not save the replay: {exc.strerror or exc}")
            return
        if prune_message:
            self._messages.append(prune_message)

    def abandoned(self) -> None:
        """The run was thrown away (a restart, a reload, the next level)."""
        client, full = self.livesplit, self.full_run
        if self._started and client is not None and full is None:
            client.reset()
        following = client is not None and full is not None and self._timer_run is full
        if following and full.total > self._time_sent:  # a restart: the run's time, exactly
            client.game_time(full.total)
            self._time_sent = full.total
        self.run_begins()

    # -- messages and the end ---------------------------------------------------------------------

    def notices(self) -> list[str]:
        """Messages for the player, each handed out once."""
        out, self._messages = self._messages, []
        if self.livesplit is not None:
            out += self.livesplit.notices()
        return out

    def close(self) -> None:
        if self.livesplit is not None:
            self.livesplit.close()
            self.livesplit = None
