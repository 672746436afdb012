"""Movers against the station: the station always wins.

A mover is kinematic: it follows its path whatever is in its way, and pymunk would press a
body it pins against the station on through the wall (at a mover's top speed, 10 m/s, within
a few ticks). So after each step:

- Slide past. A body a mover pressed while it, or what it presses on, touched the station is
  squeezed: on the next step the mover's push on it is skipped and the mover slides past it.
  The astronaut squeezed is a 'squeezed' event, naming the mover.
- Torn loose. A hand on a mover that drags the astronaut against the station lets go (a
  'torn_loose' event, no push): no grip holds against the station.
- Never through. Every body a mover moved, directly or through what it touched, is watched
  over the next step: if its centre still went into the station, it is put back where it was
  and loses its speed into the station. And it leaves no faster than MAX_SPEED (a spinning
  mover's rim can go much faster), so one step never carries it far. What the astronaut
  presses on at speed is watched the same way: a suit is heavy next to a bolt.

Arbiters cannot be read while a step runs, so the checks are made between steps. Nothing here
depends on the order of a set's members: each body is checked and changed on its own."""

from __future__ import annotations

import pymunk

from game.sim.constants import CT_MOVER
from game.sim.events import SimEvent
from game.sim.physics import cap_speed
from game.sim.world import World

_DYNAMIC = pymunk.Body.DYNAMIC
_STATIC = pymunk.Body.STATIC
_KINEMATIC = pymunk.Body.KINEMATIC
_EVERYTHING = pymunk.ShapeFilter()
# Above this speed (m/s) what the astronaut presses on is watched like what a mover presses on:
# a 200 kg suit at 5 m/s can press 0.1 m debris through a 0.1 m wall; at this, none seen.
PRESSING_SPEED = 2.5
# How deep a mover may press the astronaut its hand holds into the station, or how much further
# than a tick's travel the astronaut may trail the hold, before the grip gives.
GRIP_SLIP = 0.05  # m


def watch_movers(world: World) -> None:
    """Note every body a mover touches during a step, and skip the push on squeezed ones."""

    def pre_solve(arbiter: pymunk.Arbiter, space, data) -> None:
        other = arbiter.shapes[1].body
        if other.body_type != _DYNAMIC:
            return
        world._mover_contacts[other] = arbiter.shapes[0].body
        if other in world._squeezed:
            arbiter.process_collision = False

    world.space.on_collision(CT_MOVER, None, pre_solve=pre_solve)


def positions_before(world: World) -> list[tuple[pymunk.Body, tuple[float, float]]]:
    """Where the bodies this step must watch are before it."""
    if not world._guarded:
        return []  # the usual tick: nothing near a mover
    return [(body, tuple(body.position)) for body in world._guarded if body.space is not None]


def after_step(world: World, before: list[tuple[pymunk.Body, tuple[float, float]]]) -> None:
    """Keep watched bodies out of the station, then find what movers (and the astronaut at
    speed) press on now."""
    for body, start in before:
        _keep_out(world.space, body, start)
    contacts = world._mover_contacts  # in the order pymunk met them: the same every run
    astronaut = world.astronaut
    hold = astronaut.hold
    held_mover = hold.target if hold is not None and hold.target.body_type == _KINEMATIC else None
    # Pressing on a free body: fast, or still touching what it pressed on at speed (a light
    # body it squeezed into a wall can creep on through it at any speed).
    pressing = world._astronaut_touched_body and (
        astronaut.body in world._guarded
        or astronaut.body.velocity.length_squared >= PRESSING_SPEED * PRESSING_SPEED
    )
    world._astronaut_touched_body = False
    if not contacts and held_mover is None and not pressing:
        if world._guarded:
            world._squeezed = set()
            world._guarded = set()
            world._astronaut_squeezed = False
        return
    roots = list(contacts)
    joints = _joints(astronaut)
    if held_mover is not None:
        roots.append(astronaut.body)  # dragged by the hand rather than pushed
    squeezed: set = set()
    guarded: set = set()
    against_station = False  # the astronaut, held between a mover and the station
    pressed_by = None  # the mover pressing the astronaut's group on the station
    for root in roots:
        if root in guarded:
            continue
        group, on_station = _pressed_group(root, joints)
        guarded |= group
        if on_station:
            squeezed |= group.intersection(contacts)
            if astronaut.body in group:
                against_station = True
                pressed_by = next((m for b, m in contacts.items() if b in group), pressed_by)
    for body in guarded:
        cap_speed(body)
    for body in squeezed:
        _stop_into_station(body)
    if pressing and astronaut.body not in guarded:
        # The astronaut is heavy next to debris: at speed it presses a light body into a thin
        # wall as a mover would. What it presses on is watched too (but not slowed).
        group, _ = _pressed_group(astronaut.body, _joints(astronaut))
        if len(group) > 1:
            guarded |= group
    world._mover_contacts = {}
    world._squeezed = squeezed
    world._guarded = guarded
    x, y = astronaut.body.position
    if held_mover is not None and against_station and _grip_gives(astronaut, world.pace.dt):
        astronaut.tear_loose(world)
        _stop_into_station(astronaut.body)
        world.emit(SimEvent("torn_loose", x, y, text=_label(world, held_mover)))
    if pressed_by is not None and not world._astronaut_squeezed:
        world.emit(SimEvent("squeezed", x, y, text=_label(world, pressed_by)))
    world._astronaut_squeezed = pressed_by is not None


def _pressed_group(root: pymunk.Body, joints: dict) -> tuple[set, bool]:
    """`root` and every free body it presses on, touches or is joined to (`joints`), through
    each other; and whether any of them touches the station."""
    group = {root}
    todo = [root]
    on_station = False
    while todo:
        body = todo.pop()
        touching: list[pymunk.Body] = []
        body.each_arbiter(_note_other_body, touching)
        for other in touching + joints.get(body, []):
            if other.body_type == _DYNAMIC and other not in group:
                group.add(other)
                todo.append(other)
        on_station = on_station or any(other.body_type == _STATIC for other in touching)
    return group, on_station


def _joints(astronaut) -> dict:
    """Free bodies joined to each other: the astronaut's hand and what it holds or carries
    (the only joints the game makes; reading a body's constraints from pymunk costs more)."""
    joints: dict = {}
    held = [astronaut.carried]
    if astronaut.hold is not None:
        held.append(astronaut.hold.target)
    for other in held:
        if other is not None and other.body_type == _DYNAMIC:
            joints.setdefault(astronaut.body, []).append(other)
            joints[other] = [astronaut.body]
    return joints


def _note_other_body(arbiter: pymunk.Arbiter, found: list) -> None:
    found.append(arbiter.shapes[1].body)  # each_arbiter gives the body's own shape first


def _grip_gives(astronaut, dt: float) -> bool:
    """The hand on a mover lets go: the mover is pressing the astronaut into the station
    (deeper than GRIP_SLIP), or the station holds the astronaut back while the mover pulls
    the point the hand holds away (by more than GRIP_SLIP beyond the tick's travel of that
    point, by which a hand trails its hold at any speed)."""
    body = astronaut.body
    depths: list[float] = []
    body.each_arbiter(_note_station_depth, depths)
    if depths and max(depths) > GRIP_SLIP:
        return True
    hold = astronaut.hold
    anchor = hold.target.local_to_world(hold.joint.anchor_b)
    centre = body.local_to_world(hold.joint.anchor_a)
    trail = hold.target.velocity_at_world_point(anchor).length * dt
    return (anchor - centre).length > trail + GRIP_SLIP


def _note_station_depth(arbiter: pymunk.Arbiter, found: list) -> None:
    if arbiter.shapes[1].body.body_type == _STATIC:
        found.extend(-point.distance for point in arbiter.contact_point_set.points)


def _stop_into_station(body: pymunk.Body) -> None:
    """Take away a squeezed body's speed into the station: the mover's push, which the
    station would have stopped had the mover not overpowered it."""
    normals: list = []
    body.each_arbiter(_note_station_normal, normals)
    for nx, ny in normals:
        vx, vy = body.velocity
        into = vx * nx + vy * ny
        if into > 0.0:
            body.velocity = (vx - into * nx, vy - into * ny)


def _note_station_normal(arbiter: pymunk.Arbiter, found: list) -> None:
    if arbiter.shapes[1].body.body_type == _STATIC:
        found.append(tuple(arbiter.normal))  # from the body into the station


def _label(world: World, mover_body: pymunk.Body) -> str:
    mover = world.entity_for(mover_body)
    return mover.label if mover is not None else ""


def _keep_out(space: pymunk.Space, body: pymunk.Body, start: tuple[float, float]) -> None:
    """If the centre's move this step ran into the station, undo it and take away the speed
    into the station. (A centre that starts inside the station is a level's doing: left be.)"""
    if body.space is None:
        return
    end = tuple(body.position)
    if end == start:
        return
    first = None
    for hit in space.segment_query(start, end, 0.0, _EVERYTHING):
        if hit.shape.body.body_type == _STATIC and (first is None or hit.alpha < first.alpha):
            first = hit
    if first is None or _inside_station(space, start):
        return
    body.position = start
    nx, ny = first.normal
    vx, vy = body.velocity
    into = vx * nx + vy * ny
    if into < 0.0:
        body.velocity = (vx - into * nx, vy - into * ny)


def _inside_station(space: pymunk.Space, point: tuple[float, float]) -> bool:
    return any(
        info.shape.body.body_type == _STATIC for info in space.point_query(point, 0.0, _EVERYTHING)
    )
