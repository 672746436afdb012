"""Make the world of a run from a level: the space and its station, the astronaut, bodies,
movers, hatches, and the triggers indexed by when they can fire."""

from __future__ import annotations

import pymunk

from game.levels.model import Level
from game.sim.astronaut import Astronaut
from game.sim.constants import CAT_STATION, CT_WALL
from game.sim.craft import Craft
from game.sim.entities import make_entity, make_mover
from game.sim.impacts import watch_impacts
from game.sim.pace import Pace
from game.sim.squeeze import watch_movers
from game.sim.triggers import next_timed_tick, trigger_tick
from game.sim.world import Hatch, ObjectiveState, TriggerState, World


def build_world(level: Level, infinite_o2: bool = False, speed: float = 1.0) -> World:
    """The world at the start of `level`. `speed` below 1.0 is the slow-motion assist: the
    world itself runs slower (pace.py), so the run's inputs only make sense at that speed."""
    pace = Pace(speed)
    space = pymunk.Space()
    space.gravity = (0.0, 0.0)
    space.damping = 1.0  # no air: nothing slows down by itself
    space.iterations = 12
    space.collision_slop = 0.005
    for wall in level.walls:
        for a, b in wall.segments():
            _add_static(space, pymunk.Segment(space.static_body, a, b, wall.thickness / 2.0))
    for solid in level.solids:
        for part in solid.parts:
            _add_static(space, pymunk.Poly(space.static_body, part))
    hatches = []
    for spec in level.hatches:
        shape = pymunk.Segment(space.static_body, spec.start, spec.end, spec.thickness / 2.0)
        _style_static(shape)
        if not spec.open:
            space.add(shape)
        hatches.append(Hatch(spec, shape, spec.open))
    pilot_class = Craft if level.player.mode == "craft" else Astronaut
    astronaut = pilot_class(space, level.player, pace)
    if level.player.tether is not None:
        astronaut.attach_tether(level.player.tether, level.player.tether_length)
    entities = [make_entity(spec) for spec in level.bodies]
    for entity in entities:
        if entity.spec.spawned:
            entity.present = True
            space.add(entity.body, *entity.shapes)
    movers = [make_mover(spec, pace) for spec in level.movers]
    for mover in movers:
        space.add(mover.body, *mover.shapes)
    world = World(
        level=level,
        space=space,
        astronaut=astronaut,
        entities=entities,
        movers=movers,
        hatches=hatches,
        objectives=[ObjectiveState(spec, pace=pace) for spec in level.objectives],
        triggers=[TriggerState(spec, order=n) for n, spec in enumerate(level.triggers)],
        o2=level.player.o2_seconds,
        o2_drain=level.player.o2_drain,
        infinite_o2=infinite_o2,
        opening_ticks=pace.ticks(level.opening.seconds),
        pace=pace,
    )
    world._by_body = {id(e.body): e for e in entities} | {id(m.body): m for m in movers}
    entered_zones = {t.zone for t in level.triggers if t.on == "enter"}
    world.watched_zones = tuple(z for z in level.zones if z.o2_drain or z.id in entered_zones)
    for trigger in world.triggers:
        when = trigger_tick(world, trigger.spec)
        if when is None:
            world.triggers_on_events.append(trigger)
        else:
            world.triggers_at_tick.setdefault(when, []).append(trigger)
    world._next_timed_tick = next_timed_tick(world, world.tick)
    if level.info.time_limit is not None:
        world.time_limit_ticks = pace.ticks(level.info.time_limit)
    watch_impacts(world)
    if movers:
        watch_movers(world)
    return world


def _style_static(shape: pymunk.Shape) -> None:
    shape.elasticity = 0.3
    shape.friction = 0.8
    shape.collision_type = CT_WALL
    shape.filter = pymunk.ShapeFilter(categories=CAT_STATION)


def _add_static(space: pymunk.Space, shape: pymunk.Shape) -> None:
    _style_static(shape)
    space.add(shape)
