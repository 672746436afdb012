"""A run from start to end: the timer, objectives and splits, failing on O2 or bounds, and
Arrival flown to the cupola by the autopilot."""

import pytest
from levels_for_tests import ARRIVAL, begin, make_world, run

from game.levels import load_level
from game.paths import shipped_levels_dir
from game.sim import (
    COMPLETED,
    FAIL_MESSAGES,
    FAILED,
    NEUTRAL,
    RUNNING,
    TICK_RATE,
    TickInput,
    build_world,
    state_hash,
    step,
)
from game.speedrun.autopilot import Autopilot, fly, load_route

# -- failing --------------------------------------------------------------------------------


@pytest.mark.parametrize("o2_seconds, o2_drain", [(2.5, 1.5), (1.0, 1.0), (3.0, 0.25)])
def test_o2_at_zero_fails_the_run_on_time(o2_seconds, o2_drain):
    world = make_world(player={"o2_seconds": o2_seconds, "o2_drain": o2_drain})
    expected = o2_seconds * TICK_RATE / o2_drain
    begin(world)
    while world.status == RUNNING and world.tick < expected + 10:
        step(world, NEUTRAL)
    assert world.status == FAILED
    assert world.fail_reason == "o2"
    assert "o2" in FAIL_MESSAGES
    assert abs(world.tick - expected) <= 1
    assert world.o2 == 0.0


def test_no_drain_means_no_o2_failure():
    world = make_world(player={"o2_seconds": 1.0, "o2_drain": 0.0})
    begin(world)
    run(world, NEUTRAL, ticks=10 * TICK_RATE)
    assert world.tick > 10 * TICK_RATE
    assert world.status == RUNNING
    assert world.o2 == 1.0


def test_leaving_the_bounds_is_lost_in_space():
    world = make_world(walls=[], bounds=[-3.0, -3.0, 3.0, 3.0])
    x = world.astronaut.body.position.x
    while world.status == RUNNING and world.tick < 60 * TICK_RATE:
        x = world.astronaut.body.position.x
        step(world, TickInput(100, 0))
    assert world.status == FAILED
    assert world.fail_reason == "lost"
    assert "lost" in FAIL_MESSAGES
    assert x <= 3.0 < world.astronaut.body.position.x  # it failed on the tick it crossed
    assert world.finish_tick == world.tick

    # A failed run is over: further ticks change nothing (but last tick's events are cleared).
    step(world, TickInput(-100, 0))
    assert world.events == []
    frozen = state_hash(world)
    run(world, TickInput(-100, 0), ticks=30)
    assert world.tick == world.finish_tick
    assert world.status == FAILED
    assert state_hash(world) == frozen


# -- timer, objectives, splits --------------------------------------------------------------


def test_timer_starts_at_first_input_and_reaching_the_zone_completes():
    zone = {"id": "goal", "rect": [2.0, -1.0, 3.0, 1.0]}
    world = make_world(zones=[zone])
    run(world, NEUTRAL, ticks=30)
    assert world.start_tick is None and world.run_ticks == 0
    assert world.tick == 0  # the world waited: hesitation is not part of the level
    step(world, TickInput(0, 0, 100))  # only turning: still an input, the timer starts
    assert world.start_tick == 0
    while world.status == RUNNING and world.tick < 20 * TICK_RATE:
        before_x = world.astronaut.body.position.x
        step(world, TickInput(100, 0))
    assert world.status == COMPLETED
    assert before_x < 2.0 <= world.astronaut.body.position.x  # done on the tick it entered
    assert world.finish_tick == world.tick
    assert world.run_ticks == world.finish_tick
    assert world.splits() == [world.run_ticks]
    assert {"objective", "completed"} <= {event.kind for event in world.events}


def test_objectives_complete_in_order_with_a_split_each():
    zones = [
        {"id": "first", "rect": [3.0, -1.0, 4.0, 1.0]},
        {"id": "second", "rect": [1.5, -1.0, 2.5, 1.0]},
    ]
    objectives = [{"kind": "reach", "zone": "first"}, {"kind": "reach", "zone": "second"}]
    world = make_world(zones=zones, objectives=objectives, player={"propellant": 20.0})
    # Fly through "second" on the way to "first": out of order, it does not count yet.
    while world.status == RUNNING and world.astronaut.body.position.x < 3.5:
        step(world, TickInput(100, 0))
    assert world.status == RUNNING
    assert len(world.splits()) == 1
    # Back into "second".
    while world.status == RUNNING and world.tick < 30 * TICK_RATE:
        step(world, TickInput(-100, 0))
    assert world.status == COMPLETED
    first, second = world.splits()
    assert 0 < first < second == world.run_ticks


# -- Arrival, flown ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def arrival():
    return load_level(ARRIVAL)


@pytest.fixture(scope="module")
def arrival_route():
    return load_route(shipped_levels_dir() / "solutions" / "arrival.route.toml")


def test_arrival_is_finishable_within_par(arrival, arrival_route):
    world = build_world(arrival)
    inputs = fly(world, arrival_route, max_ticks=round(arrival.info.par_seconds * TICK_RATE) * 2)
    assert world.status == COMPLETED, (world.status, world.fail_reason, world.astronaut.body)
    seconds = world.run_ticks / TICK_RATE
    print(f"\narrival autopilot: {seconds:.3f} s (par {arrival.info.par_seconds:g} s)")
    assert seconds <= arrival.info.par_seconds
    assert world.astronaut.propellant > 0.0

    # The inputs alone are the solution: replayed into a fresh world they finish identically.
    replay = build_world(arrival)
    for inp in inputs:
        step(replay, inp)
    assert replay.status == COMPLETED
    assert replay.finish_tick == world.finish_tick
    assert state_hash(replay) == state_hash(world)


def test_autopilot_reads_the_world_without_changing_it(arrival, arrival_route):
    world = build_world(arrival)
    pilot = Autopilot(arrival_route)
    before = state_hash(world)
    pilot(world)
    assert state_hash(world) == before
    assert world.tick == 0
