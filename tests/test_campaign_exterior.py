"""The exterior missions (Antenna, Cut Loose, Free Fall): each fails the way its story says when
the player does nothing, and its shipped solution replay finishes it within par."""

import pytest

from game.levels import load_level
from game.paths import shipped_levels_dir
from game.sim import COMPLETED, RUNNING, TICK_RATE, TickInput, build_world, step
from game.speedrun.verify import verify_file

# level id -> (why the idle run fails, the latest level time in seconds it may fail by)
IDLE_FAILURES = {
    "antenna": ("o2", 181.0),  # three minutes of suit O2 run out at the airlock
    "cut-loose": ("lost", 25.0),  # knocked off by the arm, drifts out of bounds
    "free-fall": ("time", 121.0),  # the Soyuz sits at the port until the window closes
}


def _level(level_id):
    return load_level(shipped_levels_dir() / f"{level_id}.toml")


@pytest.mark.parametrize("level_id", sorted(IDLE_FAILURES))
def test_idle_run_fails_for_the_intended_reason(level_id):
    reason, by_seconds = IDLE_FAILURES[level_id]
    world = build_world(_level(level_id))
    idle = TickInput()
    limit = round(by_seconds * TICK_RATE)
    while world.status == RUNNING and world.tick < limit:
        step(world, idle)
    assert world.status != COMPLETED
    assert not any(objective.done for objective in world.objectives)
    assert world.status != RUNNING, f"{level_id}: still running after {by_seconds} s idle"
    assert world.fail_reason == reason
    assert world.run_ticks == 0  # no input: the run timer never started


@pytest.mark.parametrize("level_id", sorted(IDLE_FAILURES))
def test_solution_replay_completes_within_par(level_id):
    path = shipped_levels_dir() / "solutions" / f"{level_id}.replay"
    verdict = verify_file(path)
    assert verdict.verified, verdict.message
    result = verdict.replayed
    assert result.completed
    par = _level(level_id).info.par_seconds
    assert result.ticks / TICK_RATE <= par


def test_cut_loose_jetpack_alone_cannot_get_back():
    """The knock is faster than the jetpack's whole budget: thrusting straight for the arm's end
    without throwing a tool still drifts out of bounds."""
    level = _level("cut-loose")
    world = build_world(level)
    end = next(m for m in world.movers if m.id == "arm-end")
    while world.status == RUNNING and world.tick < 60 * TICK_RATE:
        inp = TickInput()
        if world.tick > 2.1 * TICK_RATE:  # after the knock
            x, y = world.astronaut.body.position
            tx, ty = end.body.position
            dx, dy = tx - x, ty - y
            scale = 100 / max(abs(dx), abs(dy))
            inp = TickInput(round(dx * scale), round(dy * scale))
        step(world, inp)
    assert world.astronaut.propellant == 0.0
    assert world.fail_reason == "lost"
