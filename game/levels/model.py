"""The typed model of a loaded, validated level. Built only by the loader."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

Vec2 = tuple[float, float]
Rect = tuple[float, float, float, float]
Polygon = tuple[Vec2, ...]


@dataclass(frozen=True)
class LevelInfo:
    id: str
    name: str
    format: int
    author: str
    description: str
    par_seconds: float
    order: str  # "sequence" or "any"
    time_limit: float | None


@dataclass(frozen=True)
class WorldSpec:
    bounds: Rect
    background: str
    backdrop: Path | None  # resolved, checked image file


@dataclass(frozen=True)
class OpeningSpec:
    seconds: float = 0.0
    skippable: bool = True


NO_OPENING = OpeningSpec()


@dataclass(frozen=True)
class PlayerSpec:
    spawn: Vec2
    angle: float  # degrees
    mode: str
    mass: float
    o2_seconds: float
    o2_drain: float
    propellant: float
    thrust: float
    push_speed: float
    throw_speed: float
    reach: float
    craft_size: Vec2
    turn_accel: float
    tether: Vec2 | None
    tether_length: float
    impact_limit: float | None
    impact_o2_loss: float


@dataclass(frozen=True)
class WallSpec:
    points: tuple[Vec2, ...]
    closed: bool
    thickness: float
    style: str

    def segments(self) -> list[tuple[Vec2, Vec2]]:
        pts = list(self.points)
        if self.closed:
            pts.append(pts[0])
        return list(zip(pts, pts[1:], strict=False))


@dataclass(frozen=True)
class SolidSpec:
    points: Polygon
    label: str
    style: str
    parts: tuple[Polygon, ...]  # convex pieces the physics uses


@dataclass(frozen=True)
class HandholdSpec:
    id: str
    start: Vec2
    end: Vec2  # equal to start for a single handhold
    label: str


@dataclass(frozen=True)
class BodySpec:
    id: str
    shape: str  # box, circle, polygon
    at: Vec2
    size: Vec2
    radius: float
    points: Polygon | None  # polygon outline relative to the centre
    parts: tuple[Polygon, ...]  # convex pieces of that outline
    mass: float
    angle: float  # degrees
    velocity: Vec2
    spin: float  # degrees/s
    carryable: bool
    grabbable: bool
    spawned: bool
    label: str
    style: str


@dataclass(frozen=True)
class MoverSpec:
    id: str
    shape: str
    size: Vec2
    radius: float
    points: Polygon | None
    parts: tuple[Polygon, ...]
    path: tuple[Vec2, ...]
    speed: float
    mode: str  # once, loop, pingpong
    moving: bool
    angle: float
    spin: float
    grabbable: bool
    label: str
    style: str


def shape_reach(spec: BodySpec | MoverSpec) -> float:
    """How far from its centre a body's shape reaches, whichever way it turns (a polygon's
    farthest corner: its convex parts have no corners of their own)."""
    if spec.shape == "circle":
        return spec.radius
    if spec.shape == "polygon" and spec.points:
        return max(math.hypot(x, y) for x, y in spec.points)
    return math.hypot(*spec.size) / 2


@dataclass(frozen=True)
class HatchSpec:
    id: str
    start: Vec2
    end: Vec2
    thickness: float
    open: bool
    label: str


@dataclass(frozen=True)
class ZoneSpec:
    id: str
    rect: Rect
    o2_drain: float
    label: str

    def contains(self, x: float, y: float) -> bool:
        x0, y0, x1, y1 = self.rect
        return x0 <= x <= x1 and y0 <= y <= y1


@dataclass(frozen=True)
class ItemSpec:
    id: str
    at: Vec2
    radius: float
    o2: float
    propellant: float
    label: str
    style: str


@dataclass(frozen=True)
class ObjectiveSpec:
    id: str
    kind: str
    zone: str
    item: str
    body: str
    target: str
    seconds: float
    label: str


@dataclass(frozen=True)
class ActionSpec:
    do: str
    text: str = ""
    who: str = ""
    seconds: float = 0.0
    target: str = ""
    value: float = 0.0
    strength: float = 0.0


@dataclass(frozen=True)
class TriggerSpec:
    id: str
    on: str
    seconds: float
    objective: str
    zone: str
    item: str
    once: bool
    delay: float
    actions: tuple[ActionSpec, ...]


@dataclass(frozen=True)
class Level:
    info: LevelInfo
    world: WorldSpec
    player: PlayerSpec
    walls: tuple[WallSpec, ...]
    solids: tuple[SolidSpec, ...]
    handholds: tuple[HandholdSpec, ...]
    bodies: tuple[BodySpec, ...]
    movers: tuple[MoverSpec, ...]
    hatches: tuple[HatchSpec, ...]
    zones: tuple[ZoneSpec, ...]
    items: tuple[ItemSpec, ...]
    objectives: tuple[ObjectiveSpec, ...]
    triggers: tuple[TriggerSpec, ...]
    source: str  # path or name it was read from
    sha256: str  # of the file's bytes: replays name the exact content they were run on
    opening: OpeningSpec = NO_OPENING

    def zone(self, zone_id: str) -> ZoneSpec:
        return self._zones_by_id[zone_id]  # KeyError for an unknown id

    @cached_property
    def _zones_by_id(self) -> dict[str, ZoneSpec]:
        # Objectives look zones up every tick. Built backwards so the first of an id wins.
        return {zone.id: zone for zone in reversed(self.zones)}
