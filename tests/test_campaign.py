"""The campaign as a whole: the seven missions in story order, each failing the way its story
says when the player does nothing, and each finished by its shipped solution within par."""

import json

import pytest

from game.cli import main
from game.levels import load_level
from game.paths import shipped_levels_dir
from game.sim import COMPLETED, RUNNING, TICK_RATE, USE, TickInput, build_world, step
from game.speedrun.verify import verify_file

CAMPAIGN = ["arrival", "antenna", "cut-loose", "vault", "diversion", "life-support", "free-fall"]

# level id -> (why the idle run fails, the latest level time in seconds it may fail by)
IDLE_FAILURES = {
    "arrival": ("o2", 601.0),  # ten gentle minutes of air: the tutorial waits, but not forever
    "antenna": ("o2", 181.0),  # three minutes of suit O2 run out at the airlock
    "cut-loose": ("lost", 25.0),  # knocked off by the arm, drifts out of bounds
    "vault": ("time", 91.0),  # Alexey is back from the cupola after 90 s
    "diversion": ("time", 81.0),  # the sensors reset after 80 s
    "life-support": ("o2", 51.0),  # 100 s of air, falling twice as fast
    "free-fall": ("time", 121.0),  # the Soyuz sits at the port until the window closes
}


def _level(level_id):
    return load_level(shipped_levels_dir() / f"{level_id}.toml")


def test_the_seven_missions_are_listed_valid_in_story_order(capsys):
    assert main(["levels", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    campaign = [e for e in listed if e["pack"] == listed[0]["pack"]]
    assert [e["id"] for e in campaign] == CAMPAIGN
    assert all(e["valid"] and e["error"] is None for e in campaign)


@pytest.mark.parametrize("level_id", CAMPAIGN)
def test_idle_run_fails_for_the_intended_reason(level_id):
    reason, by_seconds = IDLE_FAILURES[level_id]
    world = build_world(_level(level_id))
    idle = TickInput()
    limit = round(by_seconds * TICK_RATE)
    for _ in range(limit):  # the opening, if any, then the world waits for a first input
        step(world, idle)
    assert world.status == RUNNING and world.start_tick is None
    step(world, TickInput(buttons=USE))  # one press that does nothing: the world starts
    while world.status == RUNNING and world.tick < limit:
        step(world, idle)
    assert world.status != COMPLETED
    assert not any(objective.done for objective in world.objectives)
    assert world.status != RUNNING, f"{level_id}: still running after {by_seconds} s idle"
    assert world.fail_reason == reason


@pytest.mark.parametrize("level_id", CAMPAIGN)
def test_solution_replay_completes_within_par(level_id):
    verdict = verify_file(shipped_levels_dir() / "solutions" / f"{level_id}.replay")
    assert verdict.verified, verdict.message
    assert verdict.replayed.completed
    assert verdict.replayed.ticks / TICK_RATE <= _level(level_id).info.par_seconds
