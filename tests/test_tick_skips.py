"""The step skips checks whose answer cannot have changed (the calm area around the astronaut,
the quiet input pass, movers coasting along a leg). Each skip must see what a full check
would, on the same tick: these drive small levels through the real step and check each tick
against the rule itself."""

from __future__ import annotations

import math

from levels_for_tests import play_step as step
from test_objectives import make_world
from test_triggers import mover_world, trigger

from game.sim import NEUTRAL, TICK_RATE, TickInput

# A drift to the right past an item, into an O2-draining zone (watched: it drains), out of it
# and into the goal, slowly enough that most ticks are calm ones.
DRIFT = """\
[[items]]
id = "tank"
at = [3.0, 0.4]
radius = 0.2
o2 = 1.0

[[zones]]
id = "smoke"
rect = [5.0, -1.0, 6.0, 1.0]
o2_drain = 2.0

[[zones]]
id = "goal"
rect = [8.0, -1.0, 9.0, 1.0]

[[objectives]]
kind = "collect"
item = "tank"

[[objectives]]
kind = "reach"
zone = "goal"
"""


def test_zones_items_and_objectives_are_seen_on_the_tick_a_full_check_would_see_them():
    world = make_world(DRIFT, player="thrust = 1.0\npropellant = 1.5\no2_seconds = 600.0")
    level = world.level
    smoke, goal = level.zone("smoke"), level.zone("goal")
    reach = world.astronaut.radius
    tank = level.items[0]
    inputs = [TickInput(100, 0)] * 90 + [NEUTRAL] * (30 * TICK_RATE)
    entered_smoke_at = collected_at = reached_at = None
    for inp in inputs:
        was_done = world.objectives[1].done
        step(world, inp)
        x, y = world.astronaut.body.position
        assert world.zones_inside == ({"smoke"} if smoke.contains(x, y) else set())
        if smoke.contains(x, y) and entered_smoke_at is None:
            entered_smoke_at = world.tick
        if collected_at is None and math.hypot(x - 3.0, y - 0.4) <= tank.radius + reach:
            collected_at = world.tick
            assert world.collected == ["tank"]
        if collected_at is None:
            assert world.collected == []
        if goal.contains(x, y) and not was_done:
            reached_at = world.tick
            break
    assert collected_at is not None and entered_smoke_at is not None
    assert reached_at is not None and world.objectives[1].done_tick == reached_at
    assert world.status == "completed"


def test_the_reaction_wheel_stops_a_spin_given_on_a_quiet_tick():
    world = make_world(DRIFT)
    step(world, NEUTRAL)
    step(world, NEUTRAL)  # a quiet tick: nothing pending
    world.astronaut.body.angular_velocity = 1.0  # as a glancing hit would leave it
    step(world, NEUTRAL)
    assert world.astronaut.body.angular_velocity < 1.0
    for _ in range(TICK_RATE):
        step(world, NEUTRAL)
    assert world.astronaut.body.angular_velocity == 0.0


def test_a_mover_coasting_along_a_long_leg_stops_and_restarts_on_the_tick_its_triggers_fire():
    extra = trigger("time", '{ do = "stop_path", target = "arm" }', seconds=1.0)
    extra += trigger("time", '{ do = "start_path", target = "arm" }', seconds=2.0)
    world, arm = mover_world("pingpong", extra=extra)
    mover = world.movers[0]
    trail = []
    while world.tick < 3 * TICK_RATE:
        step(world, NEUTRAL)
        trail.append((world.tick, mover.distance, tuple(arm.position)))
    stop, start = TICK_RATE, 2 * TICK_RATE
    stopped = [entry for entry in trail if stop < entry[0] <= start]
    assert len({(d, p) for _, d, p in stopped}) == 1  # not a step further while stopped
    moving_again = [d for tick, d, _ in trail if tick > start + 1]
    assert moving_again[-1] != stopped[0][1]
    # where it is always where its path says it is
    for _, distance, (x, y) in trail:
        px, py = mover.point_at(distance)
        assert math.hypot(px - x, py - y) < 1e-6
