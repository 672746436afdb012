"""Two games ending full runs of the same levels at once: both runs are counted and the better
PB is kept (each folds its run into the records as they are on disk when it ends)."""

from game.levels import load_level
from game.paths import shipped_levels_dir
from game.sim import USE, TickInput, build_world, step
from game.speedrun.campaign import Campaign, load_full_run_records
from game.speedrun.replay import Recorder, load


def restarted_attempt(level, ticks: int):
    world = build_world(level)
    recorder = Recorder(world)
    while world.run_ticks < ticks:
        step(world, TickInput(buttons=USE))
        recorder.record(TickInput(buttons=USE), world)
    return recorder.finish(world)


def test_two_games_finishing_full_runs_keep_both_runs_and_the_better_pb():
    level = load_level(shipped_levels_dir() / "arrival.toml")
    solution = load(shipped_levels_dir() / "solutions" / "arrival.replay")
    first, second = Campaign([level]), Campaign([level])  # both started before either ended
    first.attempt_ended(restarted_attempt(level, 50))  # a restart: 50 ticks more
    assert second.attempt_ended(solution).new_pb
    line = first.attempt_ended(solution)
    assert line.finished and not line.new_pb
    assert line.total_ticks == solution.result.ticks + 50
    saved, message = load_full_run_records(first.run.key)
    assert message is None
    assert (saved.started, saved.finished, saved.pb_ticks) == (2, 2, solution.result.ticks)
