"""The exterior missions (Antenna, Cut Loose, Free Fall): each fails the way its story says when
the player does nothing, and its shipped solution replay finishes it within par."""

import math

from game.levels import load_level
from game.paths import shipped_levels_dir
from game.sim import COMPLETED, GRAB, RUNNING, TICK_RATE, USE, TickInput, build_world, step


def _level(level_id):
    return load_level(shipped_levels_dir() / f"{level_id}.toml")


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


def _burn_then_reach(level, degrees: float) -> tuple[bool, float]:
    """After the knock, burn the whole jetpack in one direction, then coast, reaching for the
    arm's end when it is near. Whether that catches it, and the closest it came (m)."""
    world = build_world(level)
    while world.in_opening:
        step(world, TickInput())
    end = next(m for m in world.movers if m.id == "arm-end")
    ux, uy = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    scale = 100 / max(abs(ux), abs(uy))
    burn = TickInput(round(ux * scale), round(uy * scale))
    closest = math.inf
    while world.status == RUNNING and world.run_ticks < 40 * TICK_RATE:
        distance = (end.body.position - world.astronaut.body.position).length
        closest = min(closest, distance)
        if distance < 2.0:
            inp = TickInput(buttons=GRAB)  # reach for it (no tool is this far out)
        elif world.astronaut.propellant > 0.0:
            inp = burn
        else:
            inp = TickInput(buttons=USE)  # coasting (USE does nothing out here)
        step(world, inp)
    return world.status == COMPLETED, closest


def test_cut_loose_no_single_burn_gets_back_without_throwing():
    """Not only thrusting at the arm's end: no direction of burning the whole jetpack at once
    (every 4 degrees round the way back) brings Gordon within reach of it. The throws are the
    way home."""
    level = _level("cut-loose")
    results = {d: _burn_then_reach(level, d) for d in range(140, 264, 4)}
    assert not any(caught for caught, _ in results.values())
    assert min(closest for _, closest in results.values()) > 2.5  # not a near miss
