"""Hits on the astronaut: a sound and a mark for each, and O2 lost for the hard ones."""

from __future__ import annotations

import pymunk

from game.sim.constants import CT_ASTRONAUT
from game.sim.entities import Mover
from game.sim.events import SimEvent
from game.sim.outcomes import FAIL_IMPACT
from game.sim.world import World

IMPACT_EVENT_SPEED = 0.4  # m/s; softer touches make no sound
_DYNAMIC = pymunk.Body.DYNAMIC


def watch_impacts(world: World) -> None:
    astronaut_mass = world.astronaut.mass
    limit = world.level.player.impact_limit
    loss = world.level.player.impact_o2_loss

    def post_solve(arbiter: pymunk.Arbiter, space, data) -> None:
        if arbiter.shapes[1].body.body_type == _DYNAMIC:
            world._astronaut_touched_body = True  # for squeeze.py: it may be pressing on it
        if not arbiter.is_first_contact:
            return
        speed = arbiter.total_impulse.length / astronaut_mass
        if speed < IMPACT_EVENT_SPEED:
            return
        points = arbiter.contact_point_set.points
        point = points[0].point_a if points else world.astronaut.body.position
        world.emit(SimEvent("impact", point.x, point.y, value=speed))
        if limit is not None and speed > limit and not world.infinite_o2:
            damage = (speed - limit) * loss
            world.impact_o2_lost += min(damage, world.o2)
            world.o2 = max(0.0, world.o2 - damage)
            cause = _impact_cause(world, arbiter.shapes[1].body)
            world.emit(SimEvent("damage", point.x, point.y, value=damage, text=cause))
            if world.o2 <= 0.0:
                world.fail(FAIL_IMPACT, cause)

    world.space.on_collision(CT_ASTRONAUT, None, post_solve=post_solve)


def _impact_cause(world: World, other: pymunk.Body) -> str:
    """What a breach is blamed on, as the player saw it: the thing that hit, or the station."""
    hull = "Hull" if world.level.player.mode == "craft" else "Suit"
    entity = world.entity_for(other)
    if entity is None:
        return f"{hull} breached against the station"
    style = getattr(entity.spec, "style", "")
    if style in ("debris", "panel-shard"):
        return f"{hull} breached by debris"
    if isinstance(entity, Mover):
        return f"{hull} breached: struck by the {entity.label}"
    return f"{hull} breached: hit by the {entity.label}"
