"""The world built from a level: the pymunk space, the astronaut, bodies, objectives, O2."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pymunk

from game.levels.model import BodySpec, Level, ObjectiveSpec
from game.sim.astronaut import Astronaut
from game.sim.constants import CT_ASTRONAUT, CT_BODY, CT_WALL
from game.sim.events import SimEvent

RUNNING = "running"
COMPLETED = "completed"
FAILED = "failed"

FAIL_O2 = "o2"
FAIL_LOST = "lost"
FAIL_MESSAGES = {
    FAIL_O2: "Out of oxygen",
    FAIL_LOST: "Lost in space",
}

IMPACT_EVENT_SPEED = 0.4  # m/s; softer touches make no sound


@dataclass
class Entity:
    """A free body from the level file, with what the game needs to know about it."""

    spec: BodySpec
    body: pymunk.Body
    shape: pymunk.Shape

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def label(self) -> str:
        return self.spec.label or self.spec.id.replace("-", " ") or "object"

    @property
    def carryable(self) -> bool:
        return self.spec.carryable


@dataclass
class ObjectiveState:
    spec: ObjectiveSpec
    done_tick: int | None = None

    @property
    def done(self) -> bool:
        return self.done_tick is not None

    @property
    def label(self) -> str:
        return self.spec.label or f"Reach {self.spec.zone}"


@dataclass
class World:
    level: Level
    space: pymunk.Space
    astronaut: Astronaut
    entities: list[Entity]
    objectives: list[ObjectiveState]
    o2: float
    o2_drain: float
    tick: int = 0
    status: str = RUNNING
    fail_reason: str | None = None
    start_tick: int | None = None  # first tick with non-neutral input: the timer starts here
    finish_tick: int | None = None
    events: list[SimEvent] = field(default_factory=list)
    _entity_by_body: dict[int, Entity] = field(default_factory=dict)

    def emit(self, event: SimEvent) -> None:
        self.events.append(event)

    def entity_for(self, body: pymunk.Body) -> Entity | None:
        return self._entity_by_body.get(id(body))

    def entity(self, entity_id: str) -> Entity:
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(entity_id)

    @property
    def current_objective(self) -> ObjectiveState | None:
        for objective in self.objectives:
            if not objective.done:
                return objective
        return None

    @property
    def run_ticks(self) -> int:
        """Ticks on the run timer: from the first input to the finish (or to now)."""
        if self.start_tick is None:
            return 0
        end = self.finish_tick if self.finish_tick is not None else self.tick
        return end - self.start_tick

    def splits(self) -> list[int]:
        """Run-timer ticks at which each objective was completed so far."""
        start = self.start_tick or 0
        return [o.done_tick - start for o in self.objectives if o.done_tick is not None]

    def dynamic_bodies(self) -> list[pymunk.Body]:
        """Every moving body, in a fixed order (astronaut first): for hashing and interpolation."""
        return [self.astronaut.body] + [e.body for e in self.entities]


def build_world(level: Level) -> World:
    space = pymunk.Space()
    space.gravity = (0.0, 0.0)
    space.damping = 1.0  # no air: nothing slows down by itself
    space.iterations = 12
    space.collision_slop = 0.005
    for wall in level.walls:
        for a, b in wall.segments():
            segment = pymunk.Segment(space.static_body, a, b, wall.thickness / 2.0)
            segment.elasticity = 0.3
            segment.friction = 0.8
            segment.collision_type = CT_WALL
            space.add(segment)
    astronaut = Astronaut(space, level.player)
    if level.player.tether is not None:
        astronaut.attach_tether(level.player.tether, level.player.tether_length)
    entities = [_make_entity(space, spec) for spec in level.bodies]
    world = World(
        level=level,
        space=space,
        astronaut=astronaut,
        entities=entities,
        objectives=[ObjectiveState(spec) for spec in level.objectives],
        o2=level.player.o2_seconds,
        o2_drain=level.player.o2_drain,
    )
    world._entity_by_body = {id(e.body): e for e in entities}
    _watch_impacts(world)
    return world


def _make_entity(space: pymunk.Space, spec: BodySpec) -> Entity:
    if spec.shape == "circle":
        moment = pymunk.moment_for_circle(spec.mass, 0.0, spec.radius)
        body = pymunk.Body(spec.mass, moment)
        shape: pymunk.Shape = pymunk.Circle(body, spec.radius)
    else:
        moment = pymunk.moment_for_box(spec.mass, spec.size)
        body = pymunk.Body(spec.mass, moment)
        shape = pymunk.Poly.create_box(body, spec.size, radius=0.01)
    body.position = spec.at
    body.angle = math.radians(spec.angle)
    body.velocity = spec.velocity
    body.angular_velocity = math.radians(spec.spin)
    shape.elasticity = 0.4
    shape.friction = 0.6
    shape.collision_type = CT_BODY
    space.add(body, shape)
    return Entity(spec, body, shape)


def _watch_impacts(world: World) -> None:
    astronaut_mass = world.astronaut.mass

    def post_solve(arbiter: pymunk.Arbiter, space, data) -> None:
        if not arbiter.is_first_contact:
            return
        speed = arbiter.total_impulse.length / astronaut_mass
        if speed >= IMPACT_EVENT_SPEED:
            point = arbiter.contact_point_set.points[0].point_a
            world.emit(SimEvent("impact", point.x, point.y, value=speed))

    world.space.on_collision(CT_ASTRONAUT, None, post_solve=post_solve)
