"""The typed model of a loaded, validated level. Built only by the loader."""

from __future__ import annotations

from dataclasses import dataclass

Vec2 = tuple[float, float]
Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class LevelInfo:
    id: str
    name: str
    format: int
    author: str
    description: str
    par_seconds: float


@dataclass(frozen=True)
class WorldSpec:
    bounds: Rect
    background: str


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
    tether: Vec2 | None
    tether_length: float


@dataclass(frozen=True)
class WallSpec:
    points: tuple[Vec2, ...]
    closed: bool
    thickness: float

    def segments(self) -> list[tuple[Vec2, Vec2]]:
        pts = list(self.points)
        if self.closed:
            pts.append(pts[0])
        return list(zip(pts, pts[1:], strict=False))


@dataclass(frozen=True)
class HandholdSpec:
    id: str
    start: Vec2
    end: Vec2  # equal to start for a single handhold


@dataclass(frozen=True)
class BodySpec:
    id: str
    shape: str
    at: Vec2
    size: Vec2
    radius: float
    mass: float
    angle: float  # degrees
    velocity: Vec2
    spin: float  # degrees/s
    carryable: bool
    label: str


@dataclass(frozen=True)
class ZoneSpec:
    id: str
    rect: Rect
    label: str

    def contains(self, x: float, y: float) -> bool:
        x0, y0, x1, y1 = self.rect
        return x0 <= x <= x1 and y0 <= y <= y1


@dataclass(frozen=True)
class ObjectiveSpec:
    kind: str
    zone: str
    label: str


@dataclass(frozen=True)
class Level:
    info: LevelInfo
    world: WorldSpec
    player: PlayerSpec
    walls: tuple[WallSpec, ...]
    handholds: tuple[HandholdSpec, ...]
    bodies: tuple[BodySpec, ...]
    zones: tuple[ZoneSpec, ...]
    objectives: tuple[ObjectiveSpec, ...]
    source: str  # path or name it was read from
    sha256: str  # of the file's bytes: replays name the exact content they were run on

    def zone(self, zone_id: str) -> ZoneSpec:
        for zone in self.zones:
            if zone.id == zone_id:
                return zone
        raise KeyError(zone_id)
