"""A full-game run, like Celeste's file timer: the missions of a pack in order and one time for
the whole run. Every attempt counts: a failed or restarted attempt's ticks are part of the
total, so retrying is never free; menus, results and pauses are not ticks, so they are not.

An attempt's time is its level timer (game.sim.World.run_ticks: first input to its end), so
the world waiting for a player who has not moved yet costs nothing, as in a level run. The
run's time is the sum of its attempts' times; a mission's split is that total when the mission
is completed.

The same model is filled live by the window (game.speedrun.campaign) and rebuilt from a run
file by verification, so both apply the same rules: attempts in mission order, each one's
ending agreeing with its replay's result, nothing after the last mission or a quit."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from game.speedrun.replay import Replay, RunResult

COMPLETED, FAILED, RESTARTED, QUIT = "completed", "failed", "restarted", "quit"
ENDINGS = (COMPLETED, FAILED, RESTARTED, QUIT)


class RunOrderError(ValueError):
    """An attempt that cannot come next in this run (its message says why)."""


@dataclass(frozen=True)
class Mission:
    level_id: str
    sha256: str  # the level's content: a run is of these exact files
    name: str


@dataclass(frozen=True)
class Attempt:
    mission: int  # 0-based index into the run's missions
    ended: str  # one of ENDINGS
    replay: Replay  # its inputs and result

    @property
    def ticks(self) -> int:
        return self.replay.result.ticks

    @property
    def assisted(self) -> bool:
        return self.replay.assist.assisted


def ending_of(result: RunResult, quit: bool = False) -> str:
    """How an attempt with this result ended (a run still going was restarted, or quit)."""
    if result.completed:
        return COMPLETED
    if result.fail_reason is not None:
        return FAILED
    return QUIT if quit else RESTARTED


def missions_key(missions: Sequence[Mission]) -> str:
    """A name for this exact list of levels: records of full runs are kept per key, so a
    changed level (or order) starts records of its own."""
    text = "\n".join(f"{m.level_id} {m.sha256}" for m in missions)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class FullRun:
    """The run so far: its missions and, in order, every attempt played."""

    def __init__(self, pack: str, missions: Sequence[Mission], attempts: Iterable[Attempt] = ()):
        if not missions:
            raise ValueError("a full run needs at least one mission")
        self.pack = pack  # the pack's title, for people
        self.missions = tuple(missions)
        self.attempts: list[Attempt] = []
        self.mission = 0  # the mission being played; len(missions) once the last is completed
        self.quit = False
        self._total = 0
        self._splits: list[int] = []
        for attempt in attempts:
            self.add(attempt)

    # -- the run as it stands ---------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        """The last mission's last objective was met."""
        return self.mission == len(self.missions)

    @property
    def over(self) -> bool:
        return self.finished or self.quit

    @property
    def total_ticks(self) -> int:
        """Every attempt's ticks so far."""
        return self._total

    def running_total(self, attempt_ticks: int) -> int:
        """The run's time with the attempt being played at `attempt_ticks` (the HUD's clock)."""
        return self._total + attempt_ticks

    @property
    def splits(self) -> list[int]:
        """The run's time at each mission completed, in order."""
        return list(self._splits)

    def mission_ticks(self) -> list[int]:
        """Each mission's share of the run (all its attempts), for the missions played."""
        out = [0] * len(self.missions)
        for attempt in self.attempts:
            out[attempt.mission] += attempt.ticks
        return out[: self.mission + (0 if self.finished else 1)]

    @property
    def assisted(self) -> bool:
        return any(attempt.assisted for attempt in self.attempts)

    @property
    def key(self) -> str:
        return missions_key(self.missions)

    def count(self, ending: str) -> int:
        return sum(1 for attempt in self.attempts if attempt.ended == ending)

    # -- adding attempts --------------------------------------------------------------------------

    def add(self, attempt: Attempt) -> None:
        """Append the next attempt; RunOrderError if it cannot come next."""
        number = len(self.attempts) + 1
        if self.over:
            why = "the run was quit" if self.quit else "the last mission was already completed"
            raise RunOrderError(f"attempt {number} comes after the run ended ({why})")
        if attempt.ended not in ENDINGS:
            raise RunOrderError(f"attempt {number} ended in an unknown way")
        if attempt.mission != self.mission:
            raise RunOrderError(
                f"attempt {number} is of mission {attempt.mission + 1}, but mission "
                f"{self.mission + 1} is the one being played"
            )
        mission = self.missions[self.mission]
        replay = attempt.replay
        if (replay.level_id, replay.level_sha256) != (mission.level_id, mission.sha256):
            raise RunOrderError(
                f"attempt {number} is a replay of '{replay.level_id}', not of mission "
                f"{self.mission + 1} ('{mission.level_id}' as this run has it)"
            )
        expected = ending_of(replay.result, quit=attempt.ended == QUIT)
        if attempt.ended != expected:
            raise RunOrderError(
                f"attempt {number} says it was {attempt.ended}, but its result is {expected}"
            )
        self.attempts.append(attempt)
        self._total += attempt.ticks
        if attempt.ended == COMPLETED:
            self._splits.append(self._total)
            self.mission += 1
        elif attempt.ended == QUIT:
            self.quit = True

    def record(self, replay: Replay, quit: bool = False) -> Attempt | None:
        """Add the attempt this replay is (its ending read from its result). A restart before
        the first input played nothing and is not kept (None); a quit always is."""
        ending = ending_of(replay.result, quit)
        if ending == RESTARTED and replay.result.ticks == 0:
            return None
        attempt = Attempt(self.mission, ending, replay)
        self.add(attempt)
        return attempt
