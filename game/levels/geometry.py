"""Polygon checks for level files: area, self-intersection, convex decomposition."""

from __future__ import annotations

from game.levels.model import Polygon, Vec2

MIN_AREA = 0.01  # m^2: anything thinner is no solid polygon


def signed_area(points: Polygon) -> float:
    total = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        total += x0 * y1 - x1 * y0
    return total / 2.0


def _cross(o: Vec2, a: Vec2, b: Vec2) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _on_segment(p: Vec2, q: Vec2, r: Vec2) -> bool:
    """q, known to be collinear with p-r, lies on the segment p-r."""
    return min(p[0], r[0]) <= q[0] <= max(p[0], r[0]) and min(p[1], r[1]) <= q[1] <= max(p[1], r[1])


def _segments_touch(a: Vec2, b: Vec2, c: Vec2, d: Vec2) -> bool:
    """Segments a-b and c-d share a point: they cross, or an end lies on the other segment."""
    d1, d2 = _cross(c, d, a), _cross(c, d, b)
    d3, d4 = _cross(a, b, c), _cross(a, b, d)
    if ((d1 > 0 > d2) or (d1 < 0 < d2)) and ((d3 > 0 > d4) or (d3 < 0 < d4)):
        return True
    return (
        (d1 == 0 and _on_segment(c, a, d))
        or (d2 == 0 and _on_segment(c, b, d))
        or (d3 == 0 and _on_segment(a, c, b))
        or (d4 == 0 and _on_segment(a, d, b))
    )


def _folds_back(shared: Vec2, a: Vec2, b: Vec2) -> bool:
    """Edges shared-a and shared-b run over each other (collinear, same direction)."""
    ax, ay = a[0] - shared[0], a[1] - shared[1]
    bx, by = b[0] - shared[0], b[1] - shared[1]
    return ax * by - ay * bx == 0 and ax * bx + ay * by > 0


def first_crossing(points: Polygon) -> tuple[int, int, Vec2] | None:
    """The first two edges that meet other than neighbours at their shared corner, as (edge, other
    edge, a point where they meet); edge i runs from point i to point i + 1. None if none do."""
    edges = list(zip(points, points[1:] + points[:1], strict=True))
    count = len(edges)
    for i in range(count):
        for j in range(i + 1, count):
            if j == i + 1:
                if _folds_back(edges[i][1], edges[i][0], edges[j][1]):
                    return i, j, edges[i][1]
            elif i == 0 and j == count - 1:
                if _folds_back(edges[i][0], edges[i][1], edges[j][0]):
                    return i, j, edges[i][0]
            elif _segments_touch(*edges[i], *edges[j]):
                return i, j, _meeting_point(*edges[i], *edges[j])
    return None


def self_intersects(points: Polygon) -> bool:
    """Any two edges meet other than neighbours at their shared corner."""
    return first_crossing(points) is not None


def _meeting_point(a: Vec2, b: Vec2, c: Vec2, d: Vec2) -> Vec2:
    """A point shared by segments a-b and c-d, known to touch: where their lines cross, or for
    collinear segments an end of one that lies on the other."""
    denominator = (b[0] - a[0]) * (d[1] - c[1]) - (b[1] - a[1]) * (d[0] - c[0])
    if denominator:
        t = ((c[0] - a[0]) * (d[1] - c[1]) - (c[1] - a[1]) * (d[0] - c[0])) / denominator
        return (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))
    for p, (s, e) in ((c, (a, b)), (d, (a, b)), (a, (c, d)), (b, (c, d))):
        if _on_segment(s, p, e):
            return p
    return a


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
    # Crossing first: a symmetric figure eight has no area, and is better told where it crosses.
    crossing = first_crossing(points)
    if crossing is not None and not _in_a_line(points):
        edge, other, (x, y) = crossing
        count = len(points)
        return (
            f"the outline crosses itself: its edge from point {edge} to point "
            f"{(edge + 1) % count} meets the edge from point {other} to point "
            f"{(other + 1) % count} at ({x:.6g}, {y:.6g})"
        )
    if abs(signed_area(points)) < MIN_AREA:
        return f"polygon has almost no area (under {MIN_AREA:g} m²: are its points in a line?)"
    return None


def _in_a_line(points: Polygon) -> bool:
    """Every point within a micrometre of the line through the first point and the one farthest
    from it."""
    origin = points[0]
    far = max(points, key=lambda p: (p[0] - origin[0]) ** 2 + (p[1] - origin[1]) ** 2)
    length = ((far[0] - origin[0]) ** 2 + (far[1] - origin[1]) ** 2) ** 0.5
    return length == 0 or all(abs(_cross(origin, far, p)) / length < 1e-6 for p in points)


def _in_triangle(p: Vec2, a: Vec2, b: Vec2, c: Vec2) -> bool:
    """p inside or on the counter-clockwise triangle a, b, c."""
    return _cross(a, b, p) >= 0 and _cross(b, c, p) >= 0 and _cross(c, a, p) >= 0


def _triangulate(points: list[Vec2]) -> list[list[Vec2]]:
    """Ear clipping of a simple counter-clockwise outline."""
    ring = list(points)
    triangles = []
    while len(ring) > 3:
        count = len(ring)
        for k in range(count):
            a, b, c = ring[k - 1], ring[k], ring[(k + 1) % count]
            turn = _cross(a, b, c)
            if turn == 0:  # straight through: drop the corner, no area lost
                del ring[k]
                break
            if turn < 0:
                continue  # reflex
            if any(
                _in_triangle(p, a, b, c) for p in ring if p is not a and p is not b and p is not c
            ):
                continue
            triangles.append([a, b, c])
            del ring[k]
            break
        else:  # no ear: only possible for a non-simple outline, which is refused before this
            raise ValueError("no ear found: the outline is not simple")
    if abs(_cross(*ring)) > 0:
        triangles.append(ring)
    return triangles


def _merge(p: list[Vec2], q: list[Vec2], a: Vec2, b: Vec2) -> list[Vec2]:
    """p (with edge a->b) and q (with edge b->a) as one outline."""
    i = p.index(b)
    p = p[i:] + p[:i]  # b ... a
    j = q.index(a)
    q = q[j:] + q[:j]  # a ... b
    return p + q[1:-1]


def convex_parts(points: Polygon) -> tuple[Polygon, ...]:
    """The outline itself if convex, else convex pieces that cover it exactly: ear-clipped
    triangles, merged back while they stay convex (Hertel-Mehlhorn). Pure Python: pymunk's
    convex_decomposition crashes (SIGSEGV) on some simple outlines."""
    if signed_area(points) < 0:
        points = tuple(reversed(points))
    if is_convex(points):
        return (points,)
    pieces = dict(enumerate(_triangulate(list(points))))
    owner = {}
    for key, piece in pieces.items():
        for edge in zip(piece, piece[1:] + piece[:1], strict=True):
            owner[edge] = key
    merged_any = True
    while merged_any:
        merged_any = False
        for (a, b), key in list(owner.items()):
            other = owner.get((b, a))
            if other is None or other == key or key not in pieces or other not in pieces:
                continue
            candidate = _merge(pieces[key], pieces[other], a, b)
            if not is_convex(tuple(candidate)):
                continue
            for piece in (pieces[key], pieces[other]):
                for edge in zip(piece, piece[1:] + piece[:1], strict=True):
                    owner.pop(edge, None)
            del pieces[other]
            pieces[key] = candidate
            for edge in zip(candidate, candidate[1:] + candidate[:1], strict=True):
                owner[edge] = key
            merged_any = True
    return tuple(tuple(piece) for piece in pieces.values())
