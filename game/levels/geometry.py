"""Polygon checks for level files: area, self-intersection, convex decomposition."""

from __future__ import annotations

import pymunk.autogeometry

from game.levels.model import Polygon, Vec2

MIN_AREA = 0.01  # m^2: anything thinner is a degenerate polygon


def signed_area(points: Polygon) -> float:
    total = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        total += x0 * y1 - x1 * y0
    return total / 2.0


def _cross(o: Vec2, a: Vec2, b: Vec2) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _segments_cross(a: Vec2, b: Vec2, c: Vec2, d: Vec2) -> bool:
    d1, d2 = _cross(c, d, a), _cross(c, d, b)
    d3, d4 = _cross(a, b, c), _cross(a, b, d)
    return ((d1 > 0) != (d2 > 0)) and ((d3 > 0) != (d4 > 0)) and 0 not in (d1, d2, d3, d4)


def self_intersects(points: Polygon) -> bool:
    edges = list(zip(points, points[1:] + points[:1], strict=True))
    count = len(edges)
    for i in range(count):
        for j in range(i + 2, count):
            if i == 0 and j == count - 1:
                continue  # neighbours through the closing edge
            if _segments_cross(*edges[i], *edges[j]):
                return True
    return False


def is_convex(points: Polygon) -> bool:
    signs = set()
    count = len(points)
    for i in range(count):
        cross = _cross(points[i], points[(i + 1) % count], points[(i + 2) % count])
        if cross:
            signs.add(cross > 0)
    return len(signs) <= 1


def polygon_problem(points: Polygon) -> str | None:
    """Why this outline cannot be a solid polygon, or None."""
    if len(points) < 3:
        return "a polygon needs at least 3 points"
    if len(set(points)) != len(points):
        return "a polygon cannot repeat a point"
    if abs(signed_area(points)) < MIN_AREA:
        return f"polygon is degenerate (area under {MIN_AREA:g} m²: points in a line?)"
    if self_intersects(points):
        return "polygon edges cross each other"
    return None


def convex_parts(points: Polygon) -> tuple[Polygon, ...]:
    """The outline itself if convex, else convex pieces that cover it exactly."""
    if signed_area(points) < 0:
        points = tuple(reversed(points))
    if is_convex(points):
        return (points,)
    closed = list(points) + [points[0]]
    parts = pymunk.autogeometry.convex_decomposition(closed, 0.0)
    return tuple(tuple((p.x, p.y) for p in part[:-1]) for part in parts)
