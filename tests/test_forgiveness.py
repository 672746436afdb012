"""Kind precision (DESIGN §2, as Celeste does it): a grab a few ticks early or late still catches,
a handhold just out of reach draws the hand in, a release keeps the aim of the last few ticks,
and the aim keys held past a push or throw never turn into a burst of thrust."""

import math

import pytest
from levels_for_tests import CAMERA, make_world, run

from game.sim import GRAB, THROW, TICK_RATE, USE, TickInput, step
from game.sim.constants import (
    COYOTE_PULL_SPEED,
    COYOTE_TICKS,
    GRAB_BUFFER_TICKS,
    GRAB_PULL_MARGIN,
    GRAB_PULL_SPEED,
    RELEASE_AIM_TICKS,
)

REACH = 0.9  # the default [player] reach
# Input that does nothing here but is not neutral (the world waits for a first input, and
# USE only acts inside a repair zone).
DRIFT = TickInput(buttons=USE)
TAP = TickInput(buttons=GRAB | USE)


def kinds(world) -> list[str]:
    return [event.kind for event in world.events]


def step_collecting(world, inputs) -> list[str]:
    """Step through `inputs`; every event kind seen, in order."""
    seen = []
    for inp in inputs:
        step(world, inp)
        seen += kinds(world)
    return seen


# -- grab buffer ------------------------------------------------------------------------------

# Drifting straight down at 1 m/s towards a floor rail 2 m below: the rail comes into reach
# after (2 - REACH) s.
FALL_SPEED = 1.0
FLOOR_RAIL = {"id": "floor", "from": [-3.0, -2.0], "to": [3.0, -2.0]}
IN_REACH_TICK = math.ceil((2.0 - REACH) / FALL_SPEED * TICK_RATE - 1e-9)


def falling_world():
    world = make_world(player={"propellant": 0.0}, handholds=[FLOOR_RAIL])
    world.astronaut.body.velocity = (0.0, -FALL_SPEED)
    return world


@pytest.mark.parametrize("early", [1, GRAB_BUFFER_TICKS // 2, GRAB_BUFFER_TICKS - 1])
def test_a_grab_tapped_a_few_ticks_early_catches_the_rail(early):
    world = falling_world()
    run(world, DRIFT, ticks=IN_REACH_TICK - early)
    seen = step_collecting(world, [TAP] + [DRIFT] * (early + 2))
    assert "grab" in seen
    # Caught: the fall stopped at the rail (and the let-go after a tap is no push).
    assert "push" not in seen
    assert world.astronaut.body.velocity.length < 0.1
    assert world.astronaut.body.position.y > -2.0 + 0.3


def test_a_grab_tapped_long_before_the_rail_is_no_catch():
    world = falling_world()
    run(world, DRIFT, ticks=IN_REACH_TICK - GRAB_BUFFER_TICKS - 30)
    seen = step_collecting(world, [TAP] + [DRIFT] * 60)
    assert "grab" not in seen
    assert world.astronaut.body.velocity.y == pytest.approx(-FALL_SPEED)


def test_a_buffered_catch_after_the_button_is_up_never_pushes():
    # The aim keys held while the tap's catch comes: the hand lets go, it does not push.
    world = falling_world()
    run(world, DRIFT, ticks=IN_REACH_TICK - 6)
    seen = step_collecting(world, [TAP] + [TickInput(0, -100)] * 12)
    assert "grab" in seen and "release" in seen and "push" not in seen
    assert world.astronaut.body.velocity.length < 0.1


# -- coyote grab ------------------------------------------------------------------------------

# Gliding right at 3 m/s past a single handhold 0.8 m below the start: it is in reach while
# |x| <= sqrt(REACH^2 - 0.8^2).
GLIDE_SPEED = 3.0
PEG = {"id": "peg", "at": [0.0, -0.8]}
LEFT_REACH_TICK = math.floor(math.sqrt(REACH**2 - 0.8**2) / GLIDE_SPEED * TICK_RATE) + 1


def gliding_world():
    world = make_world(player={"propellant": 0.0}, handholds=[PEG])
    world.astronaut.body.velocity = (GLIDE_SPEED, 0.0)
    return world


def distance_to_peg(world) -> float:
    x, y = world.astronaut.body.position
    return math.hypot(x - PEG["at"][0], y - PEG["at"][1])


def test_a_grab_pressed_just_after_passing_a_handhold_still_catches_it():
    world = gliding_world()
    run(world, DRIFT, ticks=LEFT_REACH_TICK + COYOTE_TICKS // 2)
    assert distance_to_peg(world) > REACH
    step(world, TickInput(buttons=GRAB))
    assert "grab" in kinds(world)
    assert world.astronaut.hold is not None
    # Drawn back into reach gently: never faster than COYOTE_PULL_SPEED, never a jump.
    body = world.astronaut.body
    for _ in range(60):
        before = body.position
        step(world, TickInput(buttons=GRAB))
        assert (body.position - before).length <= COYOTE_PULL_SPEED / TICK_RATE + 1e-3
        assert body.velocity.length <= COYOTE_PULL_SPEED + 1e-3
    assert distance_to_peg(world) <= REACH + 0.01
    assert body.velocity.length < 0.1


def test_a_grab_pressed_long_after_passing_a_handhold_misses_it():
    world = gliding_world()
    run(world, DRIFT, ticks=LEFT_REACH_TICK + COYOTE_TICKS + 10)
    seen = step_collecting(world, [TickInput(buttons=GRAB)] * 30)
    assert "grab" not in seen
    assert world.astronaut.body.velocity.x == pytest.approx(GLIDE_SPEED)


def test_a_late_grab_never_catches_the_handhold_just_pushed_off_from():
    world = make_world(player={"propellant": 0.0}, handholds=[PEG])
    step(world, TickInput(buttons=GRAB))
    run(world, TickInput(100, 0, 0, GRAB), ticks=10)
    step(world, DRIFT)  # push off to the right
    while distance_to_peg(world) <= REACH:
        step(world, DRIFT)
    seen = step_collecting(world, [TickInput(buttons=GRAB)] * 5)
    assert "grab" not in seen


# -- gentle pull into reach -------------------------------------------------------------------


def test_holding_grab_near_a_rail_just_out_of_reach_draws_the_hand_in():
    gap = GRAB_PULL_MARGIN * 0.7
    rail = {"id": "wall-rail", "from": [-3.0, -(REACH + gap)], "to": [3.0, -(REACH + gap)]}
    world = make_world(player={"propellant": 0.5}, handholds=[rail])
    body = world.astronaut.body
    seen = []
    for _ in range(TICK_RATE):
        step(world, TickInput(buttons=GRAB))
        seen += kinds(world)
        assert body.velocity.length <= GRAB_PULL_SPEED + 1e-9
        if world.astronaut.hold is not None:
            break
    assert "grab" in seen
    assert world.astronaut.propellant == 0.5  # the hand pulled, not the thruster
    assert body.position.x == pytest.approx(0.0, abs=1e-9)  # straight towards the rail


def test_a_rail_beyond_the_pull_margin_does_not_draw_the_hand():
    gap = GRAB_PULL_MARGIN + 0.05
    rail = {"from": [-3.0, -(REACH + gap)], "to": [3.0, -(REACH + gap)]}
    world = make_world(handholds=[rail])
    run(world, TickInput(buttons=GRAB), ticks=TICK_RATE)
    assert world.astronaut.hold is None
    assert world.astronaut.body.velocity.length == 0.0


# -- a release keeps the recent aim ----------------------------------------------------------


def holding_world(**player):
    world = make_world(player={"propellant": 0.5, **player}, handholds=[{"at": [0.0, -0.8]}])
    step(world, TickInput(buttons=GRAB))
    assert world.astronaut.hold is not None
    return world


@pytest.mark.parametrize("let_go_early", [1, RELEASE_AIM_TICKS // 2, RELEASE_AIM_TICKS - 1])
def test_a_release_just_after_letting_go_of_the_aim_keeps_the_aim(let_go_early):
    world = holding_world()
    run(world, TickInput(0, 100, 0, GRAB), ticks=30)  # aim up
    run(world, TickInput(buttons=GRAB), ticks=let_go_early)  # aim keys up first...
    seen = step_collecting(world, [DRIFT])  # ...then the button
    assert "push" in seen
    vx, vy = world.astronaut.body.velocity
    assert vy == pytest.approx(world.level.player.push_speed) and vx == pytest.approx(0.0, abs=1e-9)


def test_a_release_long_after_letting_go_of_the_aim_is_a_plain_let_go():
    world = holding_world()
    run(world, TickInput(0, 100, 0, GRAB), ticks=30)
    run(world, TickInput(buttons=GRAB), ticks=RELEASE_AIM_TICKS + 5)
    seen = step_collecting(world, [DRIFT])
    assert "release" in seen and "push" not in seen
    assert world.astronaut.body.velocity.length < 1e-6


def test_an_aim_from_an_earlier_hold_is_not_kept_for_the_next():
    world = holding_world()
    run(world, TickInput(0, 100, 0, GRAB), ticks=30)
    run(world, TickInput(buttons=GRAB), ticks=RELEASE_AIM_TICKS + 5)
    step(world, DRIFT)  # let go
    step(world, TickInput(buttons=GRAB))  # catch again at once...
    seen = step_collecting(world, [DRIFT])  # ...and let go with no aim
    assert "push" not in seen


def carrying_world():
    world = make_world(player={"propellant": 0.5}, bodies=[CAMERA])
    step(world, TickInput(buttons=GRAB))
    assert world.astronaut.carried is not None
    run(world, DRIFT, ticks=90)  # let the camera settle in the hand
    return world, world.entity("camera").body


def test_a_throw_just_after_letting_go_of_the_aim_keeps_the_aim():
    world, camera = carrying_world()
    run(world, TickInput(0, 100, 0, THROW), ticks=20)  # aim up (the astronaut faces right)
    run(world, TickInput(buttons=THROW), ticks=RELEASE_AIM_TICKS // 2)
    seen = step_collecting(world, [DRIFT])
    assert "throw" in seen
    vx, vy = camera.velocity
    assert vy > 5.0 * abs(vx)  # thrown up, not the way the astronaut faces


# -- no burst of thrust after a push or throw -------------------------------------------------


def test_aim_keys_held_past_the_release_do_not_thrust():
    world = holding_world()
    run(world, TickInput(100, 0, 0, GRAB), ticks=30)
    seen = step_collecting(world, [TickInput(100, 0)] * 20)  # button up first, key held on
    assert "push" in seen
    assert world.astronaut.propellant == 0.5
    assert world.astronaut.thrust_vector == (0.0, 0.0)
    assert world.astronaut.body.velocity.x == pytest.approx(world.level.player.push_speed)


def test_aim_keys_released_and_pressed_again_thrust():
    world = holding_world()
    run(world, TickInput(100, 0, 0, GRAB), ticks=30)
    run(world, TickInput(100, 0), ticks=20)
    step(world, DRIFT)  # the keys back to neutral...
    run(world, TickInput(100, 0), ticks=10)  # ...and pressed again: a burn
    assert world.astronaut.propellant < 0.5
    assert world.astronaut.body.velocity.x > world.level.player.push_speed


def test_aim_keys_held_past_a_throw_do_not_thrust():
    world, camera = carrying_world()
    run(world, TickInput(0, 100, 0, THROW), ticks=20)
    seen = step_collecting(world, [TickInput(0, 100)] * 20)
    assert "throw" in seen
    assert world.astronaut.propellant == 0.5
    run(world, DRIFT, ticks=1)
    run(world, TickInput(0, 100), ticks=5)
    assert world.astronaut.propellant < 0.5
