"""The full-game run model: every attempt's ticks count, missions in order, endings that agree
with the replays' results (the same rules live in the window and in verification)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from game.speedrun import replay as replay_file
from game.speedrun.fullrun import (
    COMPLETED,
    FAILED,
    QUIT,
    RESTARTED,
    Attempt,
    FullRun,
    Mission,
    RunOrderError,
    ending_of,
    missions_key,
)
from game.speedrun.replay import Assist, RunResult

SOLUTIONS = Path(__file__).resolve().parent.parent / "levels" / "solutions"


def solution(level_id: str):
    return replay_file.load(SOLUTIONS / f"{level_id}.replay")


def mission_of(replay) -> Mission:
    return Mission(replay.level_id, replay.level_sha256, replay.level_id.title())


def cut_short(replay, ticks: int, fail_reason: str | None = None):
    """The same level's replay, ended early (a restart, or a failure)."""
    result = RunResult(False, ticks, ticks + 10, (), fail_reason)
    return replace(replay, result=result)


@pytest.fixture(scope="module")
def two():
    return solution("arrival"), solution("antenna")


def test_every_attempt_counts_and_splits_are_run_totals(two):
    arrival, antenna = two
    run = FullRun("Test pack", [mission_of(arrival), mission_of(antenna)])
    assert run.record(cut_short(arrival, 300)).ended == RESTARTED
    assert run.record(cut_short(arrival, 200, "Out of oxygen")).ended == FAILED
    assert run.running_total(50) == 550
    run.record(arrival)
    assert run.mission == 1 and not run.finished
    run.record(antenna)
    first = 500 + arrival.result.ticks
    assert run.splits == [first, first + antenna.result.ticks]
    assert run.total_ticks == first + antenna.result.ticks
    assert run.mission_ticks() == [first, antenna.result.ticks]
    assert run.finished and run.over
    assert (run.count(RESTARTED), run.count(FAILED), run.count(COMPLETED)) == (1, 1, 2)


def test_a_restart_before_the_first_input_is_not_an_attempt(two):
    arrival, _ = two
    run = FullRun("p", [mission_of(arrival)])
    assert run.record(cut_short(arrival, 0)) is None
    assert run.attempts == []


def test_quit_ends_the_run_and_nothing_comes_after(two):
    arrival, antenna = two
    run = FullRun("p", [mission_of(arrival), mission_of(antenna)])
    run.record(arrival)
    run.record(cut_short(antenna, 90), quit=True)
    assert run.quit and run.over and not run.finished
    assert run.total_ticks == arrival.result.ticks + 90
    with pytest.raises(RunOrderError, match="quit"):
        run.record(antenna)


def test_attempts_out_of_order_or_of_another_level_are_refused(two):
    arrival, antenna = two
    missions = [mission_of(arrival), mission_of(antenna)]
    with pytest.raises(RunOrderError, match="mission 2"):
        FullRun("p", missions, [Attempt(1, COMPLETED, antenna)])
    with pytest.raises(RunOrderError, match="not of mission 1"):
        FullRun("p", missions, [Attempt(0, COMPLETED, antenna)])
    changed = replace(arrival, level_sha256="0" * 64)
    with pytest.raises(RunOrderError, match="not of mission 1"):
        FullRun("p", missions, [Attempt(0, COMPLETED, changed)])
    finished = FullRun("p", missions[:1], [Attempt(0, COMPLETED, arrival)])
    with pytest.raises(RunOrderError, match="already completed"):
        finished.add(Attempt(0, RESTARTED, cut_short(arrival, 5)))


def test_an_ending_must_agree_with_the_result(two):
    arrival, _ = two
    run = FullRun("p", [mission_of(arrival)])
    with pytest.raises(RunOrderError, match="says it was completed"):
        run.add(Attempt(0, COMPLETED, cut_short(arrival, 40)))
    with pytest.raises(RunOrderError, match="says it was restarted"):
        run.add(Attempt(0, RESTARTED, cut_short(arrival, 40, "Lost in space")))
    with pytest.raises(RunOrderError, match="unknown"):
        run.add(Attempt(0, "paused", arrival))
    assert run.attempts == [] and run.total_ticks == 0


def test_ending_of_results():
    assert ending_of(RunResult(True, 5, 9, (5,), None)) == COMPLETED
    assert ending_of(RunResult(False, 5, 9, (), "Out of oxygen")) == FAILED
    assert ending_of(RunResult(False, 5, 9, (), None)) == RESTARTED
    assert ending_of(RunResult(False, 5, 9, (), None), quit=True) == QUIT


def test_assisted_if_any_attempt_was(two):
    arrival, antenna = two
    run = FullRun("p", [mission_of(arrival), mission_of(antenna)])
    run.record(replace(cut_short(arrival, 30), assist=Assist(infinite_o2=True)))
    assert run.assisted
    assert not FullRun("p", [mission_of(arrival)]).assisted


def test_the_key_names_the_exact_levels_in_order(two):
    a, b = (mission_of(r) for r in two)
    assert missions_key([a, b]) == FullRun("x", [a, b]).key
    assert missions_key([a, b]) != missions_key([b, a])
    assert missions_key([a, b]) != missions_key([a, replace(b, sha256="1" * 64)])
