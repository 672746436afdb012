"""Bodies made from level specs: free bodies (dynamic) and movers (kinematic, on a path)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pymunk

from game.levels.model import BodySpec, MoverSpec
from game.sim.constants import CT_BODY, CT_WALL, TICK


def make_shapes(body: pymunk.Body, spec: BodySpec | MoverSpec) -> list[pymunk.Shape]:
    if spec.shape == "circle":
        return [pymunk.Circle(body, spec.radius)]
    if spec.shape == "polygon":
        return [pymunk.Poly(body, part) for part in spec.parts]
    return [pymunk.Poly.create_box(body, spec.size, radius=0.01)]


def _moment(spec: BodySpec) -> float:
    if spec.shape == "circle":
        return pymunk.moment_for_circle(spec.mass, 0.0, spec.radius)
    if spec.shape == "polygon":
        # Split the mass over the convex parts by area, each about the body's centre.
        areas = [abs(pymunk.Poly(None, part).area) for part in spec.parts]
        total = sum(areas)
        return sum(
            pymunk.moment_for_poly(spec.mass * a / total, part)
            for a, part in zip(areas, spec.parts, strict=True)
        )
    return pymunk.moment_for_box(spec.mass, spec.size)


@dataclass
class Entity:
    """A free body from the level file, with what the game needs to know about it."""

    spec: BodySpec
    body: pymunk.Body
    shapes: list[pymunk.Shape]
    present: bool

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def label(self) -> str:
        return self.spec.label or self.spec.id.replace("-", " ") or "object"

    @property
    def carryable(self) -> bool:
        return self.spec.carryable

    @property
    def grabbable(self) -> bool:
        return self.spec.grabbable


def make_entity(spec: BodySpec) -> Entity:
    body = pymunk.Body(spec.mass, _moment(spec))
    body.position = spec.at
    body.angle = math.radians(spec.angle)
    body.velocity = spec.velocity
    body.angular_velocity = math.radians(spec.spin)
    shapes = make_shapes(body, spec)
    for shape in shapes:
        shape.elasticity = 0.4
        shape.friction = 0.6
        shape.collision_type = CT_BODY
    return Entity(spec, body, shapes, present=False)


@dataclass
class Mover:
    """A kinematic body that follows its path at its speed, whatever runs into it."""

    spec: MoverSpec
    body: pymunk.Body
    shapes: list[pymunk.Shape]
    moving: bool
    distance: float = 0.0  # along the path (or the circuit, for 'loop')
    direction: int = 1
    points: list[tuple[float, float]] = field(default_factory=list)
    lengths: list[float] = field(default_factory=list)  # of each path segment

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def label(self) -> str:
        return self.spec.label or self.spec.id.replace("-", " ")

    @property
    def carryable(self) -> bool:
        return False

    @property
    def grabbable(self) -> bool:
        return self.spec.grabbable

    @property
    def present(self) -> bool:
        return True

    @property
    def total_length(self) -> float:
        return sum(self.lengths)

    def point_at(self, distance: float) -> tuple[float, float]:
        for (ax, ay), (bx, by), length in zip(
            self.points, self.points[1:], self.lengths, strict=False
        ):
            if distance <= length and length > 0.0:
                t = distance / length
                return ax + (bx - ax) * t, ay + (by - ay) * t
            distance -= length
        return self.points[-1]

    def advance(self) -> None:
        """Set this tick's velocity so the body reaches its next point on the path."""
        body = self.body
        if not self.moving or self.total_length == 0.0:
            body.velocity = (0.0, 0.0)
            body.angular_velocity = 0.0
            return
        total = self.total_length
        self.distance += self.spec.speed * TICK * self.direction
        mode = self.spec.mode
        if mode == "loop":
            self.distance %= total
        elif mode == "pingpong":
            if self.distance >= total:
                self.distance = 2 * total - self.distance
                self.direction = -1
            elif self.distance <= 0.0:
                self.distance = -self.distance
                self.direction = 1
        elif self.distance >= total:
            self.distance = total
            self.moving = False
        tx, ty = self.point_at(self.distance)
        x, y = body.position
        body.velocity = ((tx - x) / TICK, (ty - y) / TICK)
        body.angular_velocity = math.radians(self.spec.spin)


def make_mover(spec: MoverSpec) -> Mover:
    body = pymunk.Body(body_type=pymunk.Body.KINEMATIC)
    body.position = spec.path[0]
    body.angle = math.radians(spec.angle)
    shapes = make_shapes(body, spec)
    for shape in shapes:
        shape.elasticity = 0.3
        shape.friction = 0.8
        shape.collision_type = CT_WALL
    points = list(spec.path)
    if spec.mode == "loop" and points[0] != points[-1]:
        points.append(points[0])  # a loop is a circuit back to its start
    lengths = [math.dist(a, b) for a, b in zip(points, points[1:], strict=False)]
    return Mover(spec, body, shapes, spec.moving, points=points, lengths=lengths)
