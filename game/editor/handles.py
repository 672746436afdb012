"""Handles of the one selected thing: its points (a wall's corners, a solid's outline, a mover's
waypoints, a rail's or hatch's ends), dragged one at a time, and the corners of its box (a
zone, a body, an item, a mover's shape), dragged to resize it with the opposite corner fixed."""

from __future__ import annotations

from dataclasses import dataclass

from game.editor import shapes

Ref = tuple[str, int | None]
Point = tuple[float, float]

POINT_LISTS = {"walls": "points", "solids": "points", "movers": "path"}
POINT_KEYS = {"handholds": ("at", "from", "to"), "hatches": ("from", "to")}
RESIZABLE = ("zones", "bodies", "movers", "items")


@dataclass(frozen=True)
class Handle:
    ref: Ref
    kind: str  # "point": one coordinate of the thing; "corner": a corner of its box
    key: str  # the field ("points", "path", "from"...); "" for a corner
    index: int | None  # the point's place in its list, or the corner (0..3, counter-clockwise)
    at: Point


def handles_for(ref: Ref, entry: dict, extent) -> list[Handle]:
    section = ref[0]
    found: list[Handle] = []
    if section in POINT_LISTS:
        key = POINT_LISTS[section]
        for i, p in enumerate(shapes.vecs(entry.get(key))):
            found.append(Handle(ref, "point", key, i, p))
    for key in POINT_KEYS.get(section, ()):
        p = shapes.vec(entry.get(key))
        if p is not None:
            found.append(Handle(ref, "point", key, None, p))
    if section in RESIZABLE and extent is not None:
        x0, y0, x1, y1 = extent
        for i, corner in enumerate(((x0, y0), (x1, y0), (x1, y1), (x0, y1))):
            found.append(Handle(ref, "corner", "", i, corner))
    return found


def nearest(handles: list[Handle], point: Point, tolerance: float) -> Handle | None:
    best = None
    for handle in handles:
        d = max(abs(handle.at[0] - point[0]), abs(handle.at[1] - point[1]))
        if d <= tolerance and (best is None or d < best[0]):
            best = (d, handle)
    return best[1] if best else None


def point_change(handle: Handle, entry: dict, to: Point) -> tuple[str, object]:
    """(field, new value) for a point handle dragged to `to`."""
    value = [to[0], to[1]]
    if handle.index is None:
        return handle.key, value
    points = [list(p) for p in shapes.vecs(entry.get(handle.key))]
    if 0 <= handle.index < len(points):
        points[handle.index] = value
    return handle.key, points


def resized(handle: Handle, extent, to: Point) -> tuple[float, float, float, float]:
    """The box with the dragged corner at `to` and the opposite one where it was."""
    x0, y0, x1, y1 = extent
    corners = ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
    fixed = corners[(handle.index + 2) % 4]
    return fixed[0], fixed[1], to[0], to[1]
