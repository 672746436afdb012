"""The simulated player and `last-orbit difficulty` (game/devtools): a run is a pure function of
its seed, a player is a person (delays and errors in range), a perfect one is the autopilot,
and more error measurably makes a level harder."""

import json
import random

import pytest

from game.cli import main
from game.devtools.difficulty import route_path, run_player, solution_seconds
from game.devtools.simulated_player import (
    PERFECT,
    REACTION_TICKS,
    HumanProfile,
    SimulatedPlayer,
    rotate_axes,
)
from game.levels import load_level
from game.paths import shipped_levels_dir
from game.sim import NEUTRAL, RUNNING, build_world, step
from game.speedrun.autopilot import Autopilot, load_route

LEVEL = "arrival"  # the shortest level: a run takes a few hundredths of a second


@pytest.fixture(scope="module")
def arrival():
    path = shipped_levels_dir() / f"{LEVEL}.toml"
    return load_level(path), load_route(route_path(path, LEVEL))


def _inputs(level, route, profile, seed):
    world = build_world(level)
    player = SimulatedPlayer(route, profile, random.Random(seed))
    inputs = []
    while world.status == RUNNING and len(inputs) < 120 * 60:
        inp = player(world)
        inputs.append(inp)
        step(world, inp)
    return inputs


def test_a_run_is_a_pure_function_of_its_seed(arrival):
    level, route = arrival
    assert run_player(level, route, 7) == run_player(level, route, 7)
    first = _inputs(level, route, HumanProfile.draw(random.Random(7)), 7)
    again = _inputs(level, route, HumanProfile.draw(random.Random(7)), 7)
    assert first == again
    other = _inputs(level, route, HumanProfile.draw(random.Random(8)), 8)
    assert first != other


def test_drawn_reaction_delays_stay_within_150_to_300_ms():
    delays = {HumanProfile.draw(random.Random(seed)).reaction_ticks for seed in range(300)}
    assert min(delays) >= REACTION_TICKS[0] == 18  # 150 ms at 120 Hz
    assert max(delays) <= REACTION_TICKS[1] == 36  # 300 ms
    assert len(delays) > 10  # drawn, not one value


def test_no_press_is_frame_perfect(arrival):
    # Each key (grab, use, throw, a direction) stays down at least the shortest press.
    level, route = arrival
    profile = HumanProfile.draw(random.Random(3))
    inputs = _inputs(level, route, profile, 3)
    channels = {
        "grab": [inp.grab for inp in inputs],
        "use": [inp.use for inp in inputs],
        "throw": [inp.throw for inp in inputs],
        "direction": [(inp.move_x, inp.move_y) != (0, 0) for inp in inputs],
    }
    presses = []
    for down in channels.values():
        length = 0
        for pressed in down[:-1] + [False]:  # the last press may be cut off by the finish
            if pressed:
                length += 1
            elif length:
                presses.append(length)
                length = 0
    assert presses and min(presses) >= profile.min_press_ticks


def test_aim_error_turns_the_axes_and_keeps_them_integers_in_range():
    assert rotate_axes(100, 0, 0.0) == (100, 0)
    x, y = rotate_axes(100, 0, 5.0)
    assert x == 100 and 8 <= y <= 9  # tan(5 deg) of full deflection
    for degrees in (-170.0, -45.0, 30.0, 90.0, 179.0):
        x, y = rotate_axes(-70, 100, degrees)
        assert isinstance(x, int) and isinstance(y, int)
        assert -100 <= x <= 100 and -100 <= y <= 100


# push-offs; pickups and throws; a craft
@pytest.mark.parametrize("level_id", ["arrival", "cut-loose", "free-fall"])
def test_a_perfect_player_gives_the_autopilots_inputs_and_result(level_id):
    path = shipped_levels_dir() / f"{level_id}.toml"
    level, route = load_level(path), load_route(route_path(path, level_id))
    perfect = _inputs(level, route, PERFECT, 0)
    world = build_world(level)
    pilot = Autopilot(route)
    autopilot = []
    while world.status == RUNNING and len(autopilot) < 120 * 60:
        autopilot.append(pilot(world))
        step(world, autopilot[-1])
    assert perfect == autopilot
    run = run_player(level, route, 0, PERFECT)
    assert run.completed
    assert run.seconds == pytest.approx(solution_seconds(level, route))


def test_larger_errors_fail_more_often(arrival):
    # The tool measures something: the same people with four times the delays and errors
    # finish the tutorial less often than with a quarter of them.
    level, route = arrival
    players = range(12)

    def finished(factor):
        count = 0
        for seed in players:
            profile = HumanProfile.draw(random.Random(seed)).scaled(factor)
            count += run_player(level, route, seed, profile).completed
        return count

    assert finished(4.0) < finished(0.25)


def test_a_person_flying_a_craft_is_slower_or_fails_where_the_perfect_pilot_does_not():
    # The craft model's own errors (heading by eye, over- and under-steer, burns let go early
    # or late, a reaction time before each correction) cost every person something.
    path = shipped_levels_dir() / "free-fall.toml"
    level, route = load_level(path), load_route(route_path(path, "free-fall"))
    perfect = run_player(level, route, 0, PERFECT)
    assert perfect.completed
    people = [run_player(level, route, seed) for seed in range(8)]
    assert all(not run.completed or run.seconds > perfect.seconds for run in people)
    finished = sorted(run.seconds for run in people if run.completed)
    assert finished and finished[len(finished) // 2] > perfect.seconds + 1.0


def test_a_craft_pilot_presses_keys_for_at_least_the_shortest_press():
    path = shipped_levels_dir() / "free-fall.toml"
    level, route = load_level(path), load_route(route_path(path, "free-fall"))
    profile = HumanProfile.draw(random.Random(5))
    inputs = _inputs(level, route, profile, 5)
    # Keys, not a stick: full turn or none, full engine or none.
    assert {inp.turn for inp in inputs} <= {-100, 0, 100}
    assert {inp.move_y for inp in inputs} <= {0, 100}
    presses = []
    for channel in ("turn", "move_y"):
        length, last = 0, 0
        for inp in inputs[:-1] + [NEUTRAL]:
            value = getattr(inp, channel)
            if value == last and value:
                length += 1
            else:
                if last:
                    presses.append(length)
                length, last = (1 if value else 0), value
    assert presses and min(presses) >= profile.min_press_ticks


def test_the_command_prints_a_row_per_level(capsys):
    assert main(["difficulty", "arrival", "--players", "3", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith("arrival ")]
    assert len(rows) == 1 and "%" in rows[0]
    assert "arrival finished by" in out

    assert main(["difficulty", "arrival", "--players", "2", "--jobs", "1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (row,) = data["levels"]
    assert row["level"] == "arrival" and row["players"] == 2
    assert 0.0 <= row["finish_share"] <= 1.0

    assert main(["difficulty", "arrival", "--players", "2", "--jobs", "1", "--markdown"]) == 0
    assert capsys.readouterr().out.startswith("| level | players |")


def test_an_unknown_level_is_refused(capsys):
    assert main(["difficulty", "no-such-level", "--players", "1"]) == 2
    assert "no level 'no-such-level'" in capsys.readouterr().err
