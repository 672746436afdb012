"""Bodies made from level specs: free bodies (dynamic) and movers (kinematic, on a path)."""

from __future__ import annotations

import bisect
import itertools
import math
from dataclasses import dataclass, field

import pymunk

from game.levels.model import BodySpec, MoverSpec
from game.sim.constants import CAT_MOVER, CAT_STATION, CT_BODY, CT_MOVER, TICK
from game.sim.pace import NORMAL, Pace


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
    dt: float = TICK  # the world's tick (pace.py): its speed is in world time

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

    def __post_init__(self) -> None:
        self.total_length = sum(self.lengths)
        self._ends = list(itertools.accumulate(self.lengths))  # distance at each segment's end
        self._leg: tuple[int, int] | None = None  # (segment, direction) at the last tick's end
        self._steady = False  # the body's velocity is its leg's constant velocity
        self._at_rest = False
        self._coast = 0  # ticks still certain to stay inside the current steady leg
        self._stride = 0.0  # ...and the distance each of them adds

    def _segment(self, distance: float) -> int:
        return min(bisect.bisect_left(self._ends, distance), len(self._ends) - 1)

    def point_at(self, distance: float) -> tuple[float, float]:
        if not self.lengths:
            return self.points[0]
        index = self._segment(distance)
        length = self.lengths[index]
        (ax, ay), (bx, by) = self.points[index], self.points[index + 1]
        if length <= 0.0:
            return bx, by
        t = (distance - (self._ends[index] - length)) / length
        return ax + (bx - ax) * t, ay + (by - ay) * t

    def advance(self) -> None:
        """Set this tick's velocity so the body reaches its next point on the path.

        Along a straight leg the velocity is constant, so it is set once per leg (a pymunk
        call per mover per tick was the sim's largest cost); on a tick that turns a corner,
        bounces or starts, it is set from where the body is to where it must be."""
        if self._coast and self.moving:
            # Well inside a straight leg: only the distance changes (as below, to the bit).
            self._coast -= 1
            self.distance += self._stride
            return
        body = self.body
        if not self.moving or self.total_length == 0.0:
            self._coast = 0
            if not self._at_rest:
                body.velocity = (0.0, 0.0)
                body.angular_velocity = 0.0
                self._at_rest = True
                self._leg = None
                self._steady = False
            return
        if self._at_rest or self._leg is None:
            body.angular_velocity = math.radians(self.spec.spin)
            self._at_rest = False
        total = self.total_length
        self.distance += self.spec.speed * self.dt * self.direction
        mode = self.spec.mode
        turned = False
        if mode == "loop":
            if not 0.0 <= self.distance < total:
                self.distance %= total
                turned = True
        elif mode == "pingpong":
            if self.distance >= total:
                self.distance = 2 * total - self.distance
                self.direction = -1
                turned = True
            elif self.distance <= 0.0:
                self.distance = -self.distance
                self.direction = 1
                turned = True
        elif self.distance >= total:
            self.distance = total
            self.moving = False
            turned = True
        leg = (self._segment(self.distance), self.direction)
        if self._steady and not turned and leg == self._leg:
            self._coast = self._ticks_inside_leg()
            self._stride = self.spec.speed * self.dt * self.direction  # the same sum as above
            return
        tx, ty = self.point_at(self.distance)
        x, y = body.position
        body.velocity = ((tx - x) / self.dt, (ty - y) / self.dt)
        # The velocity set on a tick spent wholly inside one leg holds for the rest of it.
        self._steady = not turned and leg == self._leg
        self._leg = leg

    def _ticks_inside_leg(self) -> int:
        """Ticks from now that certainly end inside the current leg, away from its ends: the
        room left divided by the tick's travel, less two ticks, and less a margin far above
        the rounding that adding the travel up so many times can gather (hence the cap)."""
        stride = self.spec.speed * self.dt
        if not stride > 1e-6:
            return 0
        index, direction = self._leg
        end = self._ends[index]
        start = end - self.lengths[index]
        room = end - self.distance if direction > 0 else self.distance - start
        ticks = (room - 2.0 * stride - _COAST_MARGIN) / stride
        return min(_COAST_CAP, int(ticks)) if ticks >= 1.0 else 0


# Rounding over _COAST_CAP additions at the format's +-100 km stays below 1e-6 m.
_COAST_MARGIN = 1e-4  # m
_COAST_CAP = 100_000  # ticks


def make_mover(spec: MoverSpec, pace: Pace = NORMAL) -> Mover:
    body = pymunk.Body(body_type=pymunk.Body.KINEMATIC)
    body.position = spec.path[0]
    body.angle = math.radians(spec.angle)
    shapes = make_shapes(body, spec)
    for shape in shapes:
        shape.elasticity = 0.3
        shape.friction = 0.8
        shape.collision_type = CT_MOVER
        shape.filter = pymunk.ShapeFilter(
            categories=CAT_MOVER,
            mask=pymunk.ShapeFilter.ALL_MASKS() ^ (CAT_STATION | CAT_MOVER),
        )
    points = list(spec.path)
    if spec.mode == "loop" and points[0] != points[-1]:
        points.append(points[0])  # a loop is a circuit back to its start
    lengths = [math.dist(a, b) for a, b in zip(points, points[1:], strict=False)]
    return Mover(spec, body, shapes, spec.moving, points=points, lengths=lengths, dt=pace.dt)
