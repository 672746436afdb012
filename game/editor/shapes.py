"""Where the things of a level are, read from the file's plain values (which may be half
typed or wrong: every function here copes with a missing or bad value by ignoring the thing).

A thing is addressed by (section, index): ("walls", 2), or ("player", None) for the spawn."""

from __future__ import annotations

import math

from game.levels import fields as F

Ref = tuple[str, int | None]
Point = tuple[float, float]

# The sections the editor shows on the map, drawn and picked in this order (the last on top).
PLACED = ("zones", "walls", "solids", "hatches", "handholds", "movers", "bodies", "items")
SPAWN: Ref = ("player", None)
ASTRONAUT_RADIUS = 0.35  # m: half the astronaut's 0.7 m (levels/README.md)

# Fields that are positions in the world: moving a thing moves these (a body's polygon is
# relative to its centre, so only `at` moves).
POSITION_FIELDS: dict[str, tuple[str, ...]] = {
    "player": ("spawn",),
    "walls": ("points",),
    "solids": ("points",),
    "handholds": ("at", "from", "to"),
    "bodies": ("at",),
    "movers": ("path",),
    "hatches": ("from", "to"),
    "zones": ("rect",),
    "items": ("at",),
}


def vec(value) -> Point | None:
    if (
        isinstance(value, (list, tuple))
        and len(value) == 2
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
        and all(math.isfinite(v) for v in value)
    ):
        return float(value[0]), float(value[1])
    return None


def vecs(value) -> list[Point]:
    if not isinstance(value, (list, tuple)):
        return []
    found = [vec(v) for v in value]
    return [p for p in found if p is not None]


def rect(value) -> tuple[float, float, float, float] | None:
    if (
        isinstance(value, (list, tuple))
        and len(value) == 4
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
    ):
        x0, y0, x1, y1 = (float(v) for v in value)
        return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)
    return None


def number(value, default: float) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return default


def outline(section: str, entry: dict) -> tuple[list[Point], bool]:
    """The thing's outline in world coordinates, and whether it is closed."""
    if section == "player":
        p = vec(entry.get("spawn"))
        return (_circle(p, ASTRONAUT_RADIUS) if p else []), True
    if section == "walls":
        return vecs(entry.get("points")), bool(entry.get("closed", False))
    if section == "solids":
        return vecs(entry.get("points")), True
    if section in ("handholds",):
        at = vec(entry.get("at"))
        if at is not None:
            return _circle(at, 0.12), True
        ends = [vec(entry.get("from")), vec(entry.get("to"))]
        return [p for p in ends if p], False
    if section == "hatches":
        ends = [vec(entry.get("from")), vec(entry.get("to"))]
        return [p for p in ends if p], False
    if section == "zones":
        r = rect(entry.get("rect"))
        if r is None:
            return [], True
        x0, y0, x1, y1 = r
        return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)], True
    if section == "items":
        at = vec(entry.get("at"))
        return (_circle(at, number(entry.get("radius"), 0.3)) if at else []), True
    if section in ("bodies", "movers"):
        if section == "bodies":
            centre = vec(entry.get("at"))
        else:
            path = vecs(entry.get("path"))
            centre = path[0] if path else None
        if centre is None:
            return [], True
        return body_outline(section, entry, centre), True
    return [], False


def body_outline(section: str, entry: dict, centre: Point) -> list[Point]:
    cx, cy = centre
    shape = entry.get("shape", "box")
    angle = math.radians(number(entry.get("angle"), 0.0))
    if shape == "circle":
        return _circle(centre, number(entry.get("radius"), 0.25))
    if shape == "polygon":
        local = vecs(entry.get("points"))
    else:
        size = vec(entry.get("size")) or (0.5, 0.5)
        w, h = abs(size[0]) / 2, abs(size[1]) / 2
        local = [(-w, -h), (w, -h), (w, h), (-w, h)]
    c, s = math.cos(angle), math.sin(angle)
    return [(cx + x * c - y * s, cy + x * s + y * c) for x, y in local]


def path_of(entry: dict) -> list[Point]:
    """A mover's waypoints."""
    return vecs(entry.get("path"))


def _circle(centre: Point, radius: float, steps: int = 16) -> list[Point]:
    cx, cy = centre
    return [
        (cx + radius * math.cos(math.tau * i / steps), cy + radius * math.sin(math.tau * i / steps))
        for i in range(steps)
    ]


def bounds_of(points: list[Point]) -> tuple[float, float, float, float] | None:
    if not points:
        return None
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def distance_to(section: str, entry: dict, point: Point) -> float | None:
    """How far the point is from the thing (0 inside a closed outline); None: it has no
    position the editor can read."""
    points, closed = outline(section, entry)
    if not points:
        return None
    if closed and len(points) >= 3 and _inside(points, point):
        return 0.0
    if len(points) == 1:
        return math.dist(points[0], point)
    pairs = list(zip(points, points[1:], strict=False))
    if closed:
        pairs.append((points[-1], points[0]))
    d = min(_segment_distance(a, b, point) for a, b in pairs)
    if section == "walls":
        d = max(0.0, d - number(entry.get("thickness"), 0.2) / 2)
    return d


def _segment_distance(a: Point, b: Point, p: Point) -> float:
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / length2))
    return math.dist((ax + t * dx, ay + t * dy), p)


def _inside(points: list[Point], p: Point) -> bool:
    x, y = p
    inside = False
    j = len(points) - 1
    for i in range(len(points)):
        xi, yi = points[i]
        xj, yj = points[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def anchor(section: str, entry: dict) -> Point | None:
    """The point a move snaps: the first position of the thing."""
    for key in POSITION_FIELDS.get(section, ()):
        value = entry.get(key)
        if key == "rect":
            r = rect(value)
            if r is not None:
                return r[0], r[1]
            continue
        p = vec(value)
        if p is not None:
            return p
        ps = vecs(value)
        if ps:
            return ps[0]
    return None


def _r(value: float) -> float:
    """Coordinates written as a person would: 1.5, not 1.5000000000000002."""
    return round(value, 4) + 0.0


def snap(value: float, grid: float) -> float:
    return _r(round(value / grid) * grid)


def describe(section: str, index: int | None, entry: dict) -> str:
    if section == "player":
        return "spawn"
    name = entry.get("id") or entry.get("label")
    singular = F.singular(section)
    return f"{singular} '{name}'" if name else f"{singular} #{(index or 0) + 1}"


def pick(entries_of, point: Point, tolerance: float) -> Ref | None:
    """The thing under the point: the nearest within `tolerance` metres, things drawn on top
    first. `entries_of(section)` gives a section's plain tables."""
    best: tuple[float, int, Ref] | None = None
    order = [*PLACED, "player"]
    for layer, section in enumerate(order):
        items = [(None, entries_of("player"))] if section == "player" else []
        if section != "player":
            items = list(enumerate(entries_of(section)))
        for index, entry in items:
            d = distance_to(section, entry, point)
            if d is None or d > tolerance:
                continue
            # Zones are big: anything else near the point wins over the zone it is in.
            rank = d + (tolerance if section == "zones" else 0.0)
            key = (rank, -layer, (section, index))
            if best is None or key[:2] < best[:2]:
                best = key
    return best[2] if best else None


def in_box(entries_of, box: tuple[float, float, float, float]) -> list[Ref]:
    """Every thing whose outline lies wholly inside the box."""
    x0, y0, x1, y1 = box
    found: list[Ref] = []
    for section in PLACED:
        for index, entry in enumerate(entries_of(section)):
            b = bounds_of(outline(section, entry)[0])
            if b and x0 <= b[0] and y0 <= b[1] and b[2] <= x1 and b[3] <= y1:
                found.append((section, index))
    b = bounds_of(outline("player", entries_of("player"))[0])
    if b and x0 <= b[0] and y0 <= b[1] and b[2] <= x1 and b[3] <= y1:
        found.append(SPAWN)
    return found
