"""Advance the world by exactly one fixed tick. The one entry point of the simulation.

This runs 120 times a second, and on a small level the physics step itself takes a few
microseconds, so the game's own work per tick is kept to reading what changed: checks whose
answer cannot have changed since they were last made are skipped, never approximated."""

from __future__ import annotations

import math

from game.sim import squeeze
from game.sim.constants import MAX_SPEED
from game.sim.events import SimEvent
from game.sim.objectives import (
    WAKE_ALWAYS,
    WAKE_ON_HANDS,
    WAKE_ON_USE,
    active_objectives,
    update_objectives,
)
from game.sim.outcomes import FAIL_LOST, FAIL_O2, FAIL_TIME, RUNNING
from game.sim.physics import c_position, c_velocity, cap_speed, step_space
from game.sim.tick_input import NEUTRAL, USE, TickInput
from game.sim.triggers import fire_triggers
from game.sim.world import World

_MAX_SPEED_SQ = MAX_SPEED * MAX_SPEED  # as physics.cap_speed compares
# An item's reach is a circle and the calm area's test a square: a move that stays inside the
# square moves at most this times the square's half-side (1/sqrt(2) = 0.7071...).
_CIRCLE_IN_SQUARE = 0.7
# Taken off the calm area's half-side: far above the rounding of coordinates up to the
# format's +-100 km, so a point the full check would find inside or in reach is never skipped.
_CALM_SLACK = 1e-6  # m


def step(world: World, inp: TickInput) -> None:
    """Apply one tick of input and advance physics, life support, objectives and triggers.

    The world waits for the player: after the level's opening (if any), a neutral input before
    the first real one changes nothing at all, not even the tick count, so however long a
    player hesitates, the run from their first input is the same (`World.waiting`)."""
    if world.events:
        world.events.clear()
    if world.status != RUNNING:
        return
    tick = world.tick
    if world.start_tick is None:  # (set only after the opening: then both checks are done)
        if tick < world.opening_ticks:
            inp = NEUTRAL  # the scripted opening plays without the player's control
        elif inp.is_neutral:
            return  # the world waits for the player: nothing moves, drains or fires
        else:
            world.start_tick = tick
    astronaut = world.astronaut
    quiet = astronaut.apply_input(world, inp)  # True: a quiet tick, hands as they were
    movers = world.movers
    if world._movers_steady:
        # Every mover coasts along a leg or rests, and has paid for these ticks in advance.
        world._movers_steady -= 1
        for mover in world._coasting:
            mover.distance += mover._stride
    elif movers:
        for mover in movers:
            # Mover.advance's two commonest cases without the call: coasting, at rest.
            if mover.moving:
                if mover._coast:
                    mover._coast -= 1
                    mover.distance += mover._stride
                    continue
            elif mover._at_rest:
                continue
            mover.advance()
        _plan_steady_movers(world)
    # squeeze.py has work only near a mover, a body the astronaut touched, or a hand on
    # something: otherwise both of its calls would return at once.
    dt = world.pace.dt  # a tick of world time: shorter in slow motion
    if world._guarded:
        watched = squeeze.positions_before(world)
        step_space(world.space, dt)
        squeeze.after_step(world, watched)
    else:
        step_space(world.space, dt)
        if world._mover_contacts or world._astronaut_touched_body or astronaut.hold is not None:
            squeeze.after_step(world, _NOTHING)
    body = astronaut.body
    if movers:
        # A mover can squeeze the astronaut against a wall faster than the player can go.
        velocity = c_velocity(body._body)
        vx = velocity.x
        vy = velocity.y
        if vx * vx + vy * vy > _MAX_SPEED_SQ:
            cap_speed(body)
    tick += 1
    world.tick = tick

    position = c_position(body._body)
    x = position.x
    y = position.y
    # The calm area (_settle_calm_area): a square about where the astronaut was last checked
    # in full, inside which no zone is entered or left, no item comes within reach, the
    # world's bounds are not crossed, and (see `_objectives_wake`) no objective is met.
    calm = world._calm_x0 < x < world._calm_x1 and world._calm_y0 < y < world._calm_y1
    if calm:
        entered = taken = _NOTHING
        drain = world._zone_drain
        if drain and not world.infinite_o2:
            world.o2 = max(0.0, world.o2 - drain * dt)
    else:
        entered = _zones(world, x, y) if world.watched_zones else _NOTHING
        taken = _items(world, x, y) if world.level.items else _NOTHING
    if not world.infinite_o2:
        # max(0.0, o2), written out: the same value for every o2, NaN included (0.0).
        o2 = world.o2 - world.o2_drain * dt
        if o2 > 0.0:
            world.o2 = o2
        else:
            world.o2 = 0.0
            _out_of_o2(world)
    if not calm:
        x0, y0, x1, y1 = world._bounds
        # Written so that NaN (which compares false) counts as outside.
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            world.fail(FAIL_LOST)
        _settle_calm_area(world, x, y)
    if world.time_limit_ticks is not None and tick >= world.time_limit_ticks:
        world.fail(FAIL_TIME)
    if world.status != RUNNING:
        return
    wake = world._objectives_wake
    if calm and not (
        wake & WAKE_ALWAYS
        or (wake & WAKE_ON_USE and inp.buttons & USE)
        or (wake & WAKE_ON_HANDS and not quiet)
    ):
        done = _NOTHING  # unchanged since they were last checked, and not met then
    else:
        done = update_objectives(world, inp, x, y)
    # Triggers can fire only on an event, at their tick, or when a delay runs out.
    if (entered or taken or done or tick >= world._next_timed_tick) and world.triggers:
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
    world._zone_drain = drain  # the same sum, in the same order, while inside the same zones
    if drain and not world.infinite_o2:
        world.o2 = max(0.0, world.o2 - drain * world.pace.dt)
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


def _settle_calm_area(world: World, x: float, y: float) -> None:
    """Centre the calm area on (x, y). Its half-side is the distance (along either axis) to
    the nearest edge of a watched zone, of the world's bounds and of the zone of an active
    reach or repair objective, and 0.7 of the room left to the nearest item not yet collected.
    Zones and bounds never move, and items only go; completing an objective does away with
    the calm area (objectives.py), as it can make another active."""
    margin = math.inf
    for zone in (*world.watched_zones, *_objective_zones(world)):
        x0, y0, x1, y1 = zone.rect
        if zone.contains(x, y):
            room = min(x - x0, x1 - x, y - y0, y1 - y)
        else:
            room = max(x0 - x, x - x1, y0 - y, y - y1)
        margin = min(margin, room)
    x0, y0, x1, y1 = world._bounds
    margin = min(margin, x - x0, x1 - x, y - y0, y1 - y)
    reach = world.astronaut.radius
    for item in world.level.items:
        if item.id not in world.collected:
            ix, iy = item.at
            room = math.hypot(ix - x, iy - y) - (item.radius + reach)
            margin = min(margin, room * _CIRCLE_IN_SQUARE)
    # NaN (a lost body) leaves no calm area: the next tick checks in full.
    margin = margin - _CALM_SLACK if margin > _CALM_SLACK else 0.0
    world.set_calm_area(x - margin, x + margin, y - margin, y + margin)


def _objective_zones(world: World) -> list:
    return [zone for _, kind, zone, _ in active_objectives(world) if zone is not None]


def _plan_steady_movers(world: World) -> None:
    """If every mover is coasting along a leg or at rest, the ticks for which all of them
    stay so (the fewest any has left), paid for now out of each coasting mover's countdown;
    a trigger starting or stopping one hands back what is left (World.movers_changed)."""
    coasting = []
    steady = _FOREVER
    for mover in world.movers:
        if mover.moving:
            if not mover._coast:
                return
            coasting.append(mover)
            steady = min(steady, mover._coast)
        elif not mover._at_rest:
            return  # just stopped: its next advance brings it to rest
    for mover in coasting:
        mover._coast -= steady
    world._coasting = coasting
    world._movers_steady = steady


_FOREVER = 2**62  # ticks


def _out_of_o2(world: World) -> None:
    lost = world.impact_o2_lost
    # The true cause: when hits took a good share of the air, say so.
    share = lost / world.level.player.o2_seconds if world.level.player.o2_seconds else 0.0
    text = f"Out of oxygen: hits cost {lost:.0f} s of it" if share >= 0.2 else ""
    world.fail(FAIL_O2, text)
