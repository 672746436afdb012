"""Advance the world by exactly one fixed tick. The one entry point of the simulation."""

from __future__ import annotations

import math

from game.sim import squeeze
from game.sim.constants import TICK
from game.sim.events import SimEvent
from game.sim.objectives import update_objectives
from game.sim.outcomes import FAIL_LOST, FAIL_O2, FAIL_TIME, RUNNING
from game.sim.physics import cap_speed
from game.sim.tick_input import NEUTRAL, TickInput
from game.sim.triggers import fire_triggers
from game.sim.world import World


def step(world: World, inp: TickInput) -> None:
    """Apply one tick of input and advance physics, life support, objectives and triggers.

    The world waits for the player: after the level's opening (if any), a neutral input before
    the first real one changes nothing at all, not even the tick count, so however long a
    player hesitates, the run from their first input is the same (`World.waiting`)."""
    world.events.clear()
    if world.status != RUNNING:
        return
    if world.tick < world.opening_ticks:
        inp = NEUTRAL  # the scripted opening plays without the player's control
    elif world.start_tick is None:
        if inp.is_neutral:
            return  # the world waits for the player: nothing moves, drains or fires
        world.start_tick = world.tick
    world.astronaut.apply_input(world, inp)
    for mover in world.movers:
        mover.advance()
    watched = squeeze.positions_before(world)
    world.space.step(TICK)
    squeeze.after_step(world, watched)
    if world.movers:
        # A mover can squeeze the astronaut against a wall faster than the player can go.
        cap_speed(world.astronaut.body)
    world.tick += 1

    x, y = world.astronaut.body.position
    entered = _zones(world, x, y) if world.watched_zones else _NOTHING
    taken = _items(world, x, y) if world.level.items else _NOTHING
    _life_support(world)
    _limits(world, x, y)
    if world.status != RUNNING:
        return
    done = update_objectives(world, inp, x, y)
    if world.triggers:
        fire_triggers(world, entered, taken, done)


_NOTHING: tuple = ()


def _zones(world: World, x: float, y: float) -> set[str]:
    """Zones the astronaut entered this tick; also applies zone O2 drain."""
    inside = set()
    drain = 0.0
    for zone in world.watched_zones:
        if zone.contains(x, y):
            inside.add(zone.id)
            drain += zone.o2_drain
    entered = inside - world.zones_inside
    world.zones_inside = inside
    if drain and not world.infinite_o2:
        world.o2 = max(0.0, world.o2 - drain * TICK)
    return entered


def _items(world: World, x: float, y: float) -> list[str]:
    """Items touched this tick: collected, with their O2 and propellant given."""
    taken = []
    reach = world.astronaut.radius
    player = world.level.player
    for item in world.level.items:
        if item.id in world.collected:
            continue
        ix, iy = item.at
        if math.hypot(ix - x, iy - y) <= item.radius + reach:
            world.collected.append(item.id)
            taken.append(item.id)
            if item.o2:
                world.o2 = min(player.o2_seconds, world.o2 + item.o2)
            if item.propellant:
                astronaut = world.astronaut
                astronaut.propellant = min(
                    player.propellant, astronaut.propellant + item.propellant
                )
            world.emit(SimEvent("collect", ix, iy, text=item.label or item.id))
    return taken


def _life_support(world: World) -> None:
    if world.infinite_o2:
        return
    world.o2 = max(0.0, world.o2 - world.o2_drain * TICK)
    if world.o2 <= 0.0:
        lost = world.impact_o2_lost
        # The true cause: when hits took a good share of the air, say so.
        share = lost / world.level.player.o2_seconds if world.level.player.o2_seconds else 0.0
        text = f"Out of oxygen: hits cost {lost:.0f} s of it" if share >= 0.2 else ""
        world.fail(FAIL_O2, text)


def _limits(world: World, x: float, y: float) -> None:
    x0, y0, x1, y1 = world.level.world.bounds
    # Written so that NaN (which compares false) counts as outside.
    if not (x0 <= x <= x1 and y0 <= y <= y1):
        world.fail(FAIL_LOST)
    if world.time_limit_ticks is not None and world.tick >= world.time_limit_ticks:
        world.fail(FAIL_TIME)
