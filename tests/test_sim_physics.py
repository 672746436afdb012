"""Physics of moving in zero g (DESIGN §2): throws and push-offs conserve momentum, thrust spends
a delta-v budget, speed is capped, and nothing passes through a wall."""

import math

import pytest
from levels_for_tests import CAMERA, make_world, momentum, run

from game.sim import GRAB, MAX_SPEED, NEUTRAL, THROW, TICK, TickInput, step

CRATE = {"id": "crate", "at": [0.9, 0.0], "size": [0.6, 0.6], "mass": 30.0}


def norm(x: float, y: float) -> float:
    return math.hypot(x, y)


def assert_momentum_conserved(before, after, scale):
    dx, dy = after[0] - before[0], after[1] - before[1]
    assert norm(dx, dy) <= 1e-9 * scale, f"momentum changed by ({dx:.3g}, {dy:.3g})"


def magnitudes(*bodies) -> float:
    return sum(b.mass * b.velocity.length for b in bodies)


def assert_along(vector, direction, message=""):
    """vector points along the unit `direction` (no sideways part, positive length)."""
    along = vector[0] * direction[0] + vector[1] * direction[1]
    across = vector[0] * direction[1] - vector[1] * direction[0]
    assert along > 0, f"{message}: {vector} does not point along {direction}"
    assert abs(across) <= 1e-9 * along, f"{message}: {vector} is not parallel to {direction}"


# -- throwing -------------------------------------------------------------------------------


def carrying_world(propellant: float = 0.6):
    """The astronaut holding the camera, both drifting (the thrust budget is spent on the way, so
    the throw tick fires no thruster)."""
    world = make_world(player={"propellant": propellant}, bodies=[CAMERA])
    step(world, TickInput(buttons=GRAB))
    camera = world.entity("camera").body
    assert world.astronaut.carried is camera
    run(world, TickInput(60, 80), ticks=120)  # thrust until the budget is gone
    assert world.astronaut.propellant == 0.0
    run(world, NEUTRAL, ticks=60)  # let the camera settle in the hand
    return world, camera


def test_throw_conserves_momentum_and_splits_along_the_aim():
    world, camera = carrying_world()
    astronaut = world.astronaut.body
    step(world, TickInput(100, 0, 0, THROW))  # hold throw and aim: nothing leaves the hand yet
    assert world.astronaut.carried is camera
    before = momentum(astronaut, camera)
    assert norm(*before) > 1.0  # the pair is moving, so "conserved" is not just "zero"
    v_astronaut, v_camera = astronaut.velocity, camera.velocity
    scale = magnitudes(astronaut, camera)

    step(world, NEUTRAL)  # let go of throw (and of the aim on the same frame): the throw

    assert world.astronaut.carried is None
    assert "throw" in [event.kind for event in world.events]
    after = momentum(astronaut, camera)
    assert_momentum_conserved(before, after, max(scale, magnitudes(astronaut, camera)))
    camera_dv = camera.velocity - v_camera
    astronaut_dv = astronaut.velocity - v_astronaut
    assert_along(camera_dv, (1.0, 0.0), "camera")
    assert_along(astronaut_dv, (-1.0, 0.0), "astronaut")
    # The two separate at the throw speed.
    throw_speed = world.level.player.throw_speed
    assert (camera_dv - astronaut_dv).length == pytest.approx(throw_speed, rel=1e-9)


def test_throw_with_no_aim_goes_where_the_astronaut_faces():
    world = make_world(player={"propellant": 0.0, "angle": 90.0}, bodies=[CAMERA])
    step(world, TickInput(buttons=GRAB))
    run(world, NEUTRAL, ticks=60)
    camera = world.entity("camera").body
    step(world, TickInput(buttons=THROW))  # hold throw with no aim
    before = camera.velocity
    angle = world.astronaut.body.angle  # the pick-up turned it a little from 90 degrees
    assert abs(angle - math.pi / 2) < 1.0
    step(world, NEUTRAL)  # let go: the throw
    assert world.astronaut.carried is None
    assert_along(camera.velocity - before, (math.cos(angle), math.sin(angle)), "camera")


def test_aiming_a_throw_fires_no_thruster():
    world = make_world(player={"propellant": 3.0}, bodies=[CAMERA])
    step(world, TickInput(buttons=GRAB))
    run(world, NEUTRAL, ticks=60)
    full = world.astronaut.propellant
    run(world, TickInput(-100, 50, 0, THROW), ticks=90)
    assert world.astronaut.propellant == full
    assert world.astronaut.carried is not None
    step(world, NEUTRAL)
    assert world.astronaut.carried is None
    assert world.astronaut.propellant == full


# -- pushing off ----------------------------------------------------------------------------


def test_push_off_a_free_crate_moves_both_apart_and_conserves_momentum():
    # The crate drifts in at 0.3 m/s; the astronaut is at rest and has no propellant, so every
    # change of momentum comes from the grab, the hold and the push.
    crate_spec = dict(CRATE, velocity=[0.0, 0.3])
    world = make_world(player={"propellant": 0.0}, bodies=[crate_spec])
    astronaut = world.astronaut.body
    crate = world.entity("crate").body
    start = momentum(astronaut, crate)
    scale = magnitudes(astronaut, crate)

    step(world, TickInput(buttons=GRAB))
    assert world.astronaut.hold is not None and world.astronaut.hold.target is crate
    run(world, TickInput(-100, 0, 0, GRAB), ticks=30)  # hold on, aim away from the crate
    assert_momentum_conserved(start, momentum(astronaut, crate), scale)  # holding: one body

    before = momentum(astronaut, crate)
    v_astronaut, v_crate = astronaut.velocity, crate.velocity
    step(world, TickInput(-100, 0))  # let go with the aim held: push

    assert world.astronaut.hold is None
    assert "push" in [event.kind for event in world.events]
    assert_momentum_conserved(before, momentum(astronaut, crate), scale)
    astronaut_dv = astronaut.velocity - v_astronaut
    crate_dv = crate.velocity - v_crate
    assert_along(astronaut_dv, (-1.0, 0.0), "astronaut")
    assert_along(crate_dv, (1.0, 0.0), "crate")
    push_speed = world.level.player.push_speed
    assert (astronaut_dv - crate_dv).length == pytest.approx(push_speed, rel=1e-9)
    # The heavier body gets the smaller share.
    assert astronaut_dv.length < crate_dv.length


def push_off_handhold(propellant: float | None):
    player = {} if propellant is None else {"propellant": propellant}
    world = make_world(player=player, handholds=[{"at": [0.0, -0.8]}])
    step(world, TickInput(buttons=GRAB))
    assert world.astronaut.hold is not None
    run(world, TickInput(60, 80, 0, GRAB), ticks=10)
    before = world.astronaut.propellant
    step(world, TickInput(60, 80))  # let go with the aim held
    return world, before


def test_push_off_a_handhold_gives_push_speed_along_the_aim():
    world, _ = push_off_handhold(propellant=0.0)
    velocity = world.astronaut.body.velocity
    push_speed = world.level.player.push_speed
    assert velocity.x == pytest.approx(0.6 * push_speed, rel=1e-9)
    assert velocity.y == pytest.approx(0.8 * push_speed, rel=1e-9)


def test_push_off_costs_no_propellant_and_adds_no_thrust():
    """A push-off is the free way to move: with propellant in the tank, letting go with the aim
    held must still give exactly push_speed and leave the tank as it was."""
    world, before = push_off_handhold(propellant=None)  # the default budget
    assert before > 0.0
    push_speed = world.level.player.push_speed
    assert world.astronaut.body.velocity.length == pytest.approx(push_speed, rel=1e-9)
    assert world.astronaut.propellant == before


# -- thrust and its budget ------------------------------------------------------------------


def test_thrust_spends_exactly_the_propellant_budget():
    budget = 1.5
    world = make_world(walls=[], player={"propellant": budget})
    body = world.astronaut.body
    # Change direction now and then: delta-v adds up as the length of each tick's change.
    pattern = [(100, 0)] * 70 + [(0, -100)] * 50 + [(-70, 70)] * 60 + [(30, 100)] * 120
    gained = 0.0
    empty_at = None
    velocity_when_empty = None
    for tick, (mx, my) in enumerate(pattern):
        before = body.velocity
        step(world, TickInput(mx, my))
        gained += (body.velocity - before).length
        assert world.astronaut.propellant >= 0.0
        if world.astronaut.propellant == 0.0 and empty_at is None:
            empty_at, velocity_when_empty = tick, body.velocity
        elif empty_at is not None:
            # Out of propellant: thrust input no longer changes the velocity at all.
            assert body.velocity == velocity_when_empty, f"velocity changed at tick {tick}"
    assert empty_at is not None, "the pattern should run the tank dry"
    assert empty_at < len(pattern) - 30
    assert gained == pytest.approx(budget, rel=1e-9)


def test_speed_is_capped_under_continuous_thrust():
    world = make_world(walls=[], player={"propellant": 1000.0, "thrust": 20.0})
    body = world.astronaut.body
    top = 0.0
    for _ in range(240):  # 2 s at 20 m/s^2 would be 40 m/s uncapped
        before = body.position
        step(world, TickInput(100, 100))
        top = max(top, body.velocity.length)
        assert body.velocity.length <= MAX_SPEED * (1 + 1e-12)
        # Also no faster than the cap between ticks (what tunnelling depends on).
        assert (body.position - before).length <= MAX_SPEED * TICK * (1 + 1e-9)
    assert top == pytest.approx(MAX_SPEED, rel=1e-9)
    assert world.astronaut.propellant > 900.0  # it was the cap that stopped it, not the tank


# -- walls ----------------------------------------------------------------------------------

THIN = 0.1  # the thinnest wall a level may have
WALL_X = 2.0
ANGLES = range(-80, 81, 10)  # degrees from the wall's normal
OFFSETS = (0.0, 0.013, 0.029, 0.041, 0.067)  # start positions, to vary the sub-tick phase


def launch(kind: str, walls, start, velocity):
    """A world with one fast body (the astronaut, or a 0.1 m radius ball) at `start`."""
    if kind == "astronaut":
        world = make_world(walls=walls, player={"spawn": list(start)})
        body = world.astronaut.body
    else:
        ball = {"id": "ball", "shape": "circle", "radius": 0.1, "mass": 0.1, "at": list(start)}
        world = make_world(walls=walls, player={"spawn": [-8.0, -8.0]}, bodies=[ball])
        body = world.entity("ball").body
    body.velocity = velocity
    return world, body


@pytest.mark.parametrize("kind", ["astronaut", "ball"])
def test_max_speed_impact_never_passes_through_the_thinnest_wall(kind):
    walls = [{"points": [[WALL_X, -30.0], [WALL_X, 30.0]], "thickness": THIN}]
    radius = 0.35 if kind == "astronaut" else 0.1
    escaped = []
    for degrees in ANGLES:
        direction = (math.cos(math.radians(degrees)), math.sin(math.radians(degrees)))
        velocity = (MAX_SPEED * direction[0], MAX_SPEED * direction[1])
        for offset in OFFSETS:
            start = (WALL_X - THIN / 2 - radius - 0.2 - offset, 0.0)
            world, body = launch(kind, walls, start, velocity)
            for _ in range(40):  # long enough to reach the wall and bounce off
                step(world, NEUTRAL)
                if body.position.x > WALL_X:
                    escaped.append((degrees, offset, tuple(body.position)))
                    break
    assert not escaped, f"{kind} went through the wall: {escaped}"


@pytest.mark.parametrize("kind", ["astronaut", "ball"])
def test_max_speed_body_stays_in_a_thin_walled_box_corners_included(kind):
    half = 1.2
    box = [
        {
            "points": [[-half, -half], [half, -half], [half, half], [-half, half]],
            "closed": True,
            "thickness": THIN,
        }
    ]
    escaped = []
    for degrees in range(0, 360, 15):
        direction = (math.cos(math.radians(degrees + 0.3)), math.sin(math.radians(degrees + 0.3)))
        velocity = (MAX_SPEED * direction[0], MAX_SPEED * direction[1])
        world, body = launch(kind, box, (0.1, -0.05), velocity)
        for _ in range(240):  # two seconds of bouncing, into the corners too
            step(world, NEUTRAL)
            x, y = body.position
            if not (abs(x) < half and abs(y) < half):
                escaped.append((degrees, (x, y)))
                break
    assert not escaped, f"{kind} left the box: {escaped}"
