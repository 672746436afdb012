"""Small pymunk helpers shared by the simulation."""

from __future__ import annotations

import math

import pymunk
from pymunk._chipmunk import lib as _chipmunk

from game.sim.constants import MAX_SPEED

# Reads straight from pymunk's C bindings: the same doubles as Body.position/.velocity, without
# building a Vec2d (which costs more than a small level's whole physics step, read every tick).
c_position = _chipmunk.cpBodyGetPosition  # c_position(body._body).x, .y
c_velocity = _chipmunk.cpBodyGetVelocity
c_angular_velocity = _chipmunk.cpBodyGetAngularVelocity

_MAX_SPEED_SQ = MAX_SPEED * MAX_SPEED
_cp_space_step = _chipmunk.cpSpaceStep


def step_space(space: pymunk.Space, dt: float) -> None:
    """space.step(dt): the same C step, with the bookkeeping of pymunk's Python wrapper (about
    as costly as a small level's whole physics) done only when there is some. It has work when
    bodies were added or shapes removed since the last step, or when a collision callback
    queued an add, a remove or a post-step callback during this one (the game's never do)."""
    if space._bodies_to_check or space._removed_shapes or space.threaded:
        space.step(dt)
        return
    space._locked = True  # as the wrapper does: adds and removes meanwhile wait for the end
    try:
        _cp_space_step(space._space, dt)
    finally:
        space._locked = False
    if space._add_later or space._remove_later or space._post_step_callbacks:
        _after_step(space)


def _plain_step_space(space: pymunk.Space, dt: float) -> None:
    space.step(dt)


_WRAPPER_STATE = ("_bodies_to_check", "_removed_shapes", "threaded", "_locked", "_space")
_WRAPPER_STATE += ("_add_later", "_remove_later", "_post_step_callbacks", "_remove")
if not all(hasattr(pymunk.Space(), name) for name in _WRAPPER_STATE):
    step_space = _plain_step_space  # a pymunk whose wrapper is not the one read above


def _after_step(space: pymunk.Space) -> None:
    """The end of pymunk 7's Space.step: what callbacks queued during the step."""
    space.add(*space._add_later)
    space._add_later.clear()
    removed = set()
    while space._remove_later:
        to_remove, _ = space._remove_later.popitem()
        if to_remove not in removed:
            removed.add(to_remove)
            space._remove(to_remove)
    for key in space._post_step_callbacks:
        space._post_step_callbacks[key](space)
    space._post_step_callbacks.clear()


def cap_speed(body: pymunk.Body) -> None:
    """Clamp a body's speed to MAX_SPEED. Called where the game adds speed (thrust, push,
    throw) rather than as a per-body velocity_func: a Python callback on every body every
    tick would cost more than the physics step itself."""
    velocity = c_velocity(body._body)
    vx = velocity.x
    vy = velocity.y
    speed_sq = vx * vx + vy * vy
    if speed_sq > _MAX_SPEED_SQ:
        scale = MAX_SPEED / math.sqrt(speed_sq)
        body.velocity = (vx * scale, vy * scale)


def add_velocity(body: pymunk.Body, dvx: float, dvy: float) -> None:
    """Change a body's velocity by (dvx, dvy), limited to MAX_SPEED: a thrust at the centre of
    mass, with one read and one write of the velocity (this runs every tick of a burn)."""
    vx, vy = body.velocity
    vx += dvx
    vy += dvy
    speed_sq = vx * vx + vy * vy
    if speed_sq > _MAX_SPEED_SQ:
        scale = MAX_SPEED / math.sqrt(speed_sq)
        vx, vy = vx * scale, vy * scale
    body.velocity = (vx, vy)


def nearest_point_on_segment(px, py, ax, ay, bx, by) -> tuple[float, float]:
    dx, dy = bx - ax, by - ay
    length_sq = dx * dx + dy * dy
    if length_sq == 0.0:
        return ax, ay
    t = ((px - ax) * dx + (py - ay) * dy) / length_sq
    t = 0.0 if t < 0.0 else 1.0 if t > 1.0 else t
    return ax + t * dx, ay + t * dy


def reduced_mass(mass_a: float, body_b: pymunk.Body) -> float:
    """Effective mass for an impulse between a and b; b fixed (static/kinematic) gives mass_a."""
    if body_b.body_type != pymunk.Body.DYNAMIC:
        return mass_a
    return mass_a * body_b.mass / (mass_a + body_b.mass)


def impulse_scale(body: pymunk.Body, impulse: tuple[float, float]) -> float:
    """The largest k in [0, 1] such that body.velocity + k * impulse / mass stays within
    MAX_SPEED. Pushes and throws scale their equal-and-opposite impulse pair by the smaller
    k of the two bodies, so momentum stays exactly conserved under the speed limit."""
    if body.body_type != pymunk.Body.DYNAMIC:
        return 1.0
    vx, vy = body.velocity
    dx, dy = impulse[0] / body.mass, impulse[1] / body.mass
    a = dx * dx + dy * dy
    if a == 0.0:
        return 1.0
    b = 2.0 * (vx * dx + vy * dy)
    c = vx * vx + vy * vy - _MAX_SPEED_SQ
    if c <= 0.0 and a + b + c <= 0.0:
        return 1.0  # the full impulse stays within the limit
    disc = b * b - 4.0 * a * c
    if disc < 0.0:
        return 0.0
    k = (-b + math.sqrt(disc)) / (2.0 * a)
    return max(0.0, min(1.0, k))
