"""Small pymunk helpers shared by the simulation."""

from __future__ import annotations

import math

import pymunk

from game.sim.constants import MAX_SPEED

_MAX_SPEED_SQ = MAX_SPEED * MAX_SPEED


def cap_speed(body: pymunk.Body) -> None:
    """Clamp a body's speed to MAX_SPEED. Called where the game adds speed (thrust, push,
    throw) rather than as a per-body velocity_func: a Python callback on every body every
    tick would cost more than the physics step itself."""
    vx, vy = body.velocity
    speed_sq = vx * vx + vy * vy
    if speed_sq > _MAX_SPEED_SQ:
        scale = MAX_SPEED / math.sqrt(speed_sq)
        body.velocity = (vx * scale, vy * scale)


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
