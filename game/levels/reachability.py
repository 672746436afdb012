"""Where a round body of a given radius can go among a level's static geometry: a flood fill.

The plane is cut into horizontal strips `step` metres tall; each strip is represented by its
middle line, and on that line the free space is a list of exact x intervals ("runs") between the
blocked spans of the walls, solids and closed hatches inflated by the body's radius. Two runs of
neighbouring lines are connected when their x intervals overlap. Cost grows with the number of
lines times the shapes crossing them, never with the width of the level, and the line spacing
grows on huge levels so that cost stays bounded (`Reachability.work`).

The fill over-approximates where the body can be: shapes are inflated by the radius less half a
strip (a centre anywhere in the strip is at most that far from the line), so a run covers every
free centre of its strip, and any continuous path in the real free space crosses from one strip
to the next at an x that lies in both runs. So "not reached" is certain up to the shapes
themselves (movers and free bodies are not obstacles here); "reached" may be generous by up to a
strip's height in a gap's width, which the narrow-gap check covers."""

from __future__ import annotations

import bisect
import math
from collections import deque
from dataclasses import dataclass, field

from game.levels.model import Level, Rect, Vec2

MIN_STEP = 0.05  # m between lines: the precision of the fill on a level of ordinary size
MAX_LINES = 8_000

Spot = tuple[int, int, float]  # a line, a run on it, and an x in that run
WORK_BUDGET = 200_000  # span computations (one shape edge on one line) for one fill


@dataclass(frozen=True)
class Obstacle:
    """A piece of static geometry, as the simulation builds it (game/sim/build.py): a wall
    segment or a hatch is a capsule of half its thickness, a solid's convex part a polygon."""

    section: str  # walls, solids, hatches
    index: int
    points: tuple[Vec2, ...]  # 2 for a capsule, 3+ for a convex polygon
    radius: float  # capsule radius; 0 for a polygon

    @property
    def is_polygon(self) -> bool:
        return len(self.points) > 2

    def y_range(self) -> tuple[float, float]:
        ys = [p[1] for p in self.points]
        return min(ys) - self.radius, max(ys) + self.radius


def static_obstacles(
    level: Level, passable_hatches: frozenset[str] = frozenset()
) -> list[Obstacle]:
    """The level's walls, solids and the hatches not in `passable_hatches`."""
    out = []
    for index, wall in enumerate(level.walls):
        for a, b in wall.segments():
            out.append(Obstacle("walls", index, (a, b), wall.thickness / 2.0))
    for index, solid in enumerate(level.solids):
        for part in solid.parts:
            out.append(Obstacle("solids", index, tuple(part), 0.0))
    for index, hatch in enumerate(level.hatches):
        if hatch.id not in passable_hatches:
            out.append(Obstacle("hatches", index, (hatch.start, hatch.end), hatch.thickness / 2.0))
    return out


# -- distances ------------------------------------------------------------------------------


def segment_distance(px: float, py: float, a: Vec2, b: Vec2) -> float:
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    length_sq = dx * dx + dy * dy
    t = 0.0 if length_sq == 0.0 else ((px - ax) * dx + (py - ay) * dy) / length_sq
    t = 0.0 if t < 0.0 else 1.0 if t > 1.0 else t
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def obstacle_distance(obstacle: Obstacle, px: float, py: float) -> float:
    """Distance from a point to the obstacle's surface; negative inside."""
    points = obstacle.points
    if not obstacle.is_polygon:
        return segment_distance(px, py, points[0], points[1]) - obstacle.radius
    edge = min(
        segment_distance(px, py, a, b) for a, b in zip(points, points[1:] + points[:1], strict=True)
    )
    return -edge if _inside_convex(points, px, py) else edge


def _inside_convex(points: tuple[Vec2, ...], px: float, py: float) -> bool:
    signs = set()
    for (ax, ay), (bx, by) in zip(points, points[1:] + points[:1], strict=True):
        cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax)
        if cross:
            signs.add(cross > 0)
    return len(signs) <= 1


# -- spans of inflated shapes on a horizontal line -------------------------------------------


def _clip(lo: float, hi: float, a: float, b: float, low: float, high: float):
    """Narrow [lo, hi] to the x where low <= a*x + b <= high."""
    if a == 0.0:
        return (lo, hi) if low <= b <= high else (1.0, 0.0)
    x0, x1 = (low - b) / a, (high - b) / a
    if x0 > x1:
        x0, x1 = x1, x0
    return max(lo, x0), min(hi, x1)


def capsule_span(a: Vec2, b: Vec2, radius: float, y: float) -> tuple[float, float] | None:
    """The x interval where the line at height y lies within `radius` of segment a-b."""
    lo, hi = math.inf, -math.inf
    for px, py in (a, b):
        dy = y - py
        if -radius <= dy <= radius:
            half = math.sqrt(radius * radius - dy * dy)
            lo, hi = min(lo, px - half), max(hi, px + half)
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    length = math.hypot(dx, dy)
    if length > 0.0:
        ux, uy = dx / length, dy / length
        # Along the segment: 0 <= (x - ax) ux + (y - ay) uy <= length;
        # across it: -radius <= (y - ay) ux - (x - ax) uy <= radius.
        s0, s1 = _clip(-math.inf, math.inf, ux, -ax * ux + (y - ay) * uy, 0.0, length)
        s0, s1 = _clip(s0, s1, -uy, ax * uy + (y - ay) * ux, -radius, radius)
        if s0 <= s1:
            lo, hi = min(lo, s0), max(hi, s1)
    return (lo, hi) if lo <= hi else None


def obstacle_span(obstacle: Obstacle, inflate: float, y: float) -> tuple[float, float] | None:
    """Where the line at height y is within `inflate` of the obstacle (inside counts)."""
    points = obstacle.points
    if not obstacle.is_polygon:
        radius = obstacle.radius + inflate
        return capsule_span(points[0], points[1], radius, y) if radius > 0.0 else None
    if inflate <= 0.0:
        return None  # (an inward offset: leaving it free only makes the fill more generous)
    # A convex polygon grown by a disc is convex: its span is the hull of its edges' spans
    # (a line through the interior crosses two edges).
    lo, hi = math.inf, -math.inf
    for a, b in zip(points, points[1:] + points[:1], strict=True):
        span = capsule_span(a, b, inflate, y)
        if span is not None:
            lo, hi = min(lo, span[0]), max(hi, span[1])
    return (lo, hi) if lo <= hi else None


# -- the fill -------------------------------------------------------------------------------


@dataclass
class Reachability:
    """The runs of free space for a body of `radius` and which of them the spawn reaches."""

    bounds: Rect
    radius: float
    y0: float  # the first strip's bottom edge
    step: float
    runs: list[list[tuple[float, float]]]  # per line, sorted
    reached: list[list[bool]] = field(default_factory=list)
    parent: dict[tuple[int, int], tuple[int, int] | None] = field(default_factory=dict)
    work: int = 0  # span computations made
    start: Vec2 = (0.0, 0.0)

    def line_y(self, line: int) -> float:
        return self.y0 + (line + 0.5) * self.step

    def lines_between(self, low: float, high: float) -> range:
        """Lines whose strips meet the y range [low, high]."""
        first = max(0, math.floor((low - self.y0) / self.step))
        last = min(len(self.runs) - 1, math.floor((high - self.y0) / self.step))
        return range(first, last + 1)

    def reached_rect(self, rect: Rect) -> Spot | None:
        """A reached run whose strip meets `rect` (a position of the centre inside it)."""
        x0, y0, x1, y1 = rect
        for line in self.lines_between(y0, y1):
            for number, (lo, hi) in enumerate(self.runs[line]):
                if self.reached[line][number] and lo <= x1 and hi >= x0:
                    return line, number, (max(lo, x0) + min(hi, x1)) / 2.0
        return None

    def reached_near(self, a: Vec2, b: Vec2, distance: float) -> Spot | None:
        """A reached run with a centre within `distance` of segment a-b."""
        grown = distance + self.step / 2.0  # a centre anywhere in the strip
        low = min(a[1], b[1]) - grown
        high = max(a[1], b[1]) + grown
        for line in self.lines_between(low, high):
            span = capsule_span(a, b, grown, self.line_y(line))
            if span is None:
                continue
            for number, (lo, hi) in enumerate(self.runs[line]):
                if self.reached[line][number] and lo <= span[1] and hi >= span[0]:
                    return line, number, (max(lo, span[0]) + min(hi, span[1])) / 2.0
        return None

    def path_to(self, spot: Spot) -> list[tuple[float, float, float]]:
        """A way from the start to `spot` along the runs: (y, x from, x to) for each run on it,
        the start's first; each leg crosses to the next line where the runs overlap."""
        runs = []
        node: tuple[int, int] | None = (spot[0], spot[1])
        while node is not None:
            runs.append(node)
            node = self.parent.get(node)
        runs.reverse()
        legs = []
        x = self.start[0]
        for k, (line, number) in enumerate(runs):
            lo, hi = self.runs[line][number]
            if k + 1 < len(runs):
                nlo, nhi = self.runs[runs[k + 1][0]][runs[k + 1][1]]
                leave = (max(lo, nlo) + min(hi, nhi)) / 2.0
            else:
                leave = spot[2]
            x = min(max(x, lo), hi)
            legs.append((self.line_y(line), x, leave))
            x = leave
        return legs

    def first_unreached(self, y: float, start: float, end: float) -> float | None:
        """The first x going from `start` to `end` at height y that no reached run holds
        (beyond the lines, the nearest line stands for the open space there), or None."""
        line = min(len(self.runs) - 1, max(0, math.floor((y - self.y0) / self.step)))
        runs = self.runs[line]
        number = bisect.bisect_right(runs, (start, math.inf)) - 1
        if number < 0 or runs[number][1] < start or not self.reached[line][number]:
            return start
        lo, hi = runs[number]
        if end > hi:
            return hi
        if end < lo:
            return lo
        return None


def fill(
    obstacles: list[Obstacle],
    bounds: Rect,
    radius: float,
    start: Vec2,
    interest: list[Rect],
) -> Reachability:
    """Flood the free space of a body of `radius` from `start`. `interest` are rectangles that
    must lie within the lines (goals); outside the geometry's reach everything is free and
    connected, so only the y range of the geometry, the start and these is cut into lines."""
    bx0, by0, bx1, by1 = bounds
    ranges = [o.y_range() for o in obstacles]
    grow = radius  # a shape blocks at most this far beyond its own extent
    low = min([start[1]] + [r[0] - grow for r in ranges] + [r[1] for r in interest])
    high = max([start[1]] + [r[1] + grow for r in ranges] + [r[3] for r in interest])
    low, high = max(by0, low), min(by1, high)
    if high < low:
        low = high = min(max(start[1], by0), by1)
    # The spacing: fine on an ordinary level, coarser when the lines or the spans they cost
    # would be too many (a huge level stays bounded; the fill only gets more generous).
    height = (high - low) + 2.0 * MIN_STEP
    edge_height = sum(
        (r[1] - r[0] + 2.0 * grow) * max(1, len(o.points) - 1)
        for o, r in zip(obstacles, ranges, strict=True)
    )
    step = max(MIN_STEP, height / MAX_LINES, edge_height / WORK_BUDGET)
    # A margin of one strip beyond the range: the first and last lines are free from side to
    # side when the bounds go further, and stand for all the open space beyond them.
    y0 = max(by0, low - step)
    count = max(1, math.ceil((min(by1, high + step) - y0) / step))
    inflate = radius - step / 2.0
    blocked: list[list[tuple[float, float]]] = [[] for _ in range(count)]
    work = 0
    for obstacle, (ylo, yhi) in zip(obstacles, ranges, strict=True):
        first = max(0, math.floor((ylo - inflate - y0) / step - 0.5))
        last = min(count - 1, math.ceil((yhi + inflate - y0) / step - 0.5))
        for line in range(first, last + 1):
            work += max(1, len(obstacle.points) - 1) if obstacle.is_polygon else 1
            span = obstacle_span(obstacle, inflate, y0 + (line + 0.5) * step)
            if span is not None and span[1] > bx0 and span[0] < bx1:
                blocked[line].append(span)
    runs = [_free_runs(spans, bx0, bx1) for spans in blocked]
    space = Reachability(bounds, radius, y0, step, runs, work=work, start=start)
    _flood(space, start)
    return space


def _free_runs(spans: list[tuple[float, float]], x0: float, x1: float) -> list[tuple[float, float]]:
    runs = []
    cursor = x0
    for lo, hi in sorted(spans):
        if lo > cursor:
            runs.append((cursor, min(lo, x1)))
        cursor = max(cursor, hi)
        if cursor >= x1:
            break
    if cursor < x1:
        runs.append((cursor, x1))
    return runs


def _start_runs(space: Reachability, start: Vec2) -> list[tuple[int, int]]:
    """The run holding the start, or, where the start overlaps the geometry (the physics pushes
    the body out to some side), every run within the body's radius of it."""
    sx, sy = start
    line = min(len(space.runs) - 1, max(0, math.floor((sy - space.y0) / space.step)))
    for number, (lo, hi) in enumerate(space.runs[line]):
        if lo <= sx <= hi:
            return [(line, number)]
    near = []
    reach = space.radius + space.step / 2.0
    for other in space.lines_between(sy - reach, sy + reach):
        for number, (lo, hi) in enumerate(space.runs[other]):
            if lo <= sx + space.radius and hi >= sx - space.radius:
                near.append((other, number))
    return near


def _flood(space: Reachability, start: Vec2) -> None:
    runs = space.runs
    reached = [[False] * len(line) for line in runs]
    space.reached = reached
    queue = deque()
    for line, number in _start_runs(space, start):
        reached[line][number] = True
        space.parent[(line, number)] = None
        queue.append((line, number))
    while queue:
        line, number = queue.popleft()
        lo, hi = runs[line][number]
        for other in (line - 1, line + 1):
            if not 0 <= other < len(runs):
                continue
            row = runs[other]
            # The first run that could overlap, then on while they do.
            k = max(0, bisect.bisect_left(row, (lo, -math.inf)) - 1)
            while k < len(row) and row[k][0] <= hi:
                if row[k][1] >= lo and not reached[other][k]:
                    reached[other][k] = True
                    space.parent[(other, k)] = (line, number)
                    queue.append((other, k))
                k += 1
