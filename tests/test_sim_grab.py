"""Grabbing: catching a rail within reach, being held in place, letting go, carrying."""

import math

import pytest
from levels_for_tests import CAMERA, make_world, run

from game.sim import GRAB, NEUTRAL, TickInput, step

REACH = 0.9  # the default [player] reach


def test_grab_catches_a_rail_within_reach():
    world = make_world(handholds=[{"id": "floor-rail", "from": [-2.0, -0.85], "to": [2.0, -0.85]}])
    step(world, TickInput(buttons=GRAB))
    hold = world.astronaut.hold
    assert hold is not None
    assert hold.point == pytest.approx((0.0, -0.85))
    assert "grab" in [event.kind for event in world.events]


@pytest.mark.parametrize(
    "rail",
    [
        # A rail just out of reach below the astronaut.
        {"from": [-2.0, -(REACH + 0.05)], "to": [2.0, -(REACH + 0.05)]},
        # A rail whose line passes 0.3 m away, but whose nearest end is 1.04 m away.
        {"from": [1.0, -0.3], "to": [3.0, -0.3]},
        # A single handhold just out of reach.
        {"at": [0.0, REACH + 0.02]},
    ],
)
def test_grab_misses_what_is_out_of_reach(rail):
    world = make_world(handholds=[rail])
    run(world, TickInput(buttons=GRAB), ticks=5)
    assert world.astronaut.hold is None
    assert "grab" not in [event.kind for event in world.events]


def test_holding_pins_the_astronaut_and_spends_nothing():
    world = make_world(handholds=[{"from": [-3.0, -0.8], "to": [3.0, -0.8]}])
    body = world.astronaut.body
    body.velocity = (1.0, 0.3)  # catch the rail while drifting past it
    step(world, TickInput(buttons=GRAB))
    assert world.astronaut.hold is not None
    caught_at = body.position
    propellant = world.astronaut.propellant
    # Keep holding while aiming hard: the aim must not fire the thruster.
    for _ in range(120):
        step(world, TickInput(100, 40, 0, GRAB))
        assert (body.position - caught_at).length < 0.02
    assert body.velocity.length < 1e-3
    assert world.astronaut.propellant == propellant
    length = math.hypot(100, 40)
    assert world.astronaut.aim == pytest.approx((100 / length, 40 / length))  # shown, not used


@pytest.mark.parametrize("aim", [(0, 0), (10, -10)])  # neutral, and inside the dead zone
def test_release_without_aim_pushes_nothing(aim):
    world = make_world(player={"propellant": 0.0}, handholds=[{"at": [0.0, -0.8]}])
    body = world.astronaut.body
    step(world, TickInput(buttons=GRAB))
    run(world, TickInput(*aim, 0, GRAB), ticks=60)
    before = body.velocity
    step(world, TickInput(*aim))
    assert world.astronaut.hold is None
    assert (body.velocity - before).length < 1e-9
    kinds = [event.kind for event in world.events]
    assert "release" in kinds and "push" not in kinds


def test_grabbing_a_carryable_picks_it_up_and_it_follows():
    camera = CAMERA
    world = make_world(bodies=[camera])
    astronaut = world.astronaut
    item = world.entity("camera").body
    step(world, TickInput(buttons=GRAB))
    assert astronaut.carried is item
    assert astronaut.hold is None  # carrying is not holding on: the thruster still works
    # Fly off, turning, then coast: the camera stays in the hand the whole way.
    for tick in range(480):
        step(world, TickInput(100, 30, 50) if tick < 120 else NEUTRAL)
        hand = astronaut.body.local_to_world((astronaut.radius + 0.15, 0.0))
        if tick >= 60:  # once it has been drawn into the hand
            assert (item.position - hand).length < 0.05, f"tick {tick}"
    assert astronaut.body.position.x > 2.0  # it really travelled
    assert (item.velocity - astronaut.body.velocity).length < 1e-3
    assert astronaut.carried is item


def test_carried_item_is_not_grabbed_again_and_a_second_is_not_picked_up():
    camera = {"id": "camera", "shape": "circle", "at": [0.8, 0.0], "radius": 0.15, "mass": 2.5}
    wrench = dict(camera, id="wrench", at=[-0.8, 0.0])
    world = make_world(bodies=[dict(camera, carryable=True), dict(wrench, carryable=True)])
    step(world, TickInput(buttons=GRAB))
    first = world.astronaut.carried
    assert first is not None
    run(world, NEUTRAL, ticks=5)
    run(world, TickInput(buttons=GRAB), ticks=5)
    assert world.astronaut.carried is first
    assert world.astronaut.hold is None
