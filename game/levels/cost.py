"""What a level asks of the machine, counted before it is played.

A small file can ask for minutes of work a tick: thousands of bodies stacked on one point make
pymunk's first step collide every one with every other. So a level is refused when it holds
more than a machine can simulate in real time, counted from the file alone: collision shapes,
station pieces, movers, the things the game checks every tick in Python (items, zones,
handholds, objectives, triggers), the pairs of shapes that touch where they start or as the
bodies drift through the first 10 s, and the bodies a mover could sweep into one pile.

The limits were chosen by measurement (game/devtools/limits_level.py builds levels at all of
them at once and times their first 10 s): such a level runs at least 3x faster than real time on
the machine they were chosen on, so anything that passes runs in real time on one half as fast.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pymunk

from game.levels.model import BodySpec, Level, MoverSpec, shape_reach

REAL_TIME = "a level must run in real time"

MAX_BODY_SHAPES = 2000  # collision shapes of free bodies: a box or circle is one, a polygon
# one per convex part
MAX_STATIC_SHAPES = 4000  # wall segments, solid polygons' convex parts, hatches
MAX_MOVER_SHAPES = 32  # a mover's contacts run Python code every tick
MAX_ITEMS = 64  # items, zones, handholds and objectives are checked in Python every tick
MAX_ZONES = 64
MAX_HANDHOLDS = 256
MAX_OBJECTIVES = 16  # each is a split, too
MAX_TRIGGERS = 256
# Pairs of shapes that touch (a free body with another, with the station or with a mover), at
# any moment of the first 10 s with the bodies drifting in straight lines: pymunk
# works on each such pair every step, and overlapping ones push apart with a burst of work.
MAX_PAIRS = 800
# Free bodies within reach of a mover's path: nothing stops a mover, so it can sweep all of them
# into one pile, and each body it touches runs Python code every tick.
MAX_SWEPT_BODIES = 50
CROWDING_SECONDS = 10.0
CROWDING_STEP = 0.05  # s between two looks


@dataclass(frozen=True)
class CostProblem:
    section: str
    index: int  # the entry that went over the limit (the section's first, for a total)
    message: str


def body_shape_count(spec: BodySpec | MoverSpec) -> int:
    return len(spec.parts) if spec.shape == "polygon" else 1


def static_shape_count(level: Level) -> int:
    return (
        sum(len(wall.segments()) for wall in level.walls)
        + sum(len(solid.parts) for solid in level.solids)
        + len(level.hatches)
    )


def cost_problems(level: Level) -> list[CostProblem]:
    """Everything in `level` over a limit. The sweeps and pairs are counted only when the counts
    pass: their cost to count grows with the counts."""
    problems = []
    body_shapes = [body_shape_count(spec) for spec in level.bodies]
    total = sum(body_shapes)
    if total > MAX_BODY_SHAPES:
        bodies = len(level.bodies)
        what = (
            f"{bodies:,} dynamic bodies"
            if total == bodies
            else f"{bodies:,} dynamic bodies of {total:,} collision shapes (each convex part of "
            "a polygon is one)"
        )
        problems.append(
            CostProblem(
                "bodies",
                _index_over(body_shapes, MAX_BODY_SHAPES),
                f"{what}; the limit is {MAX_BODY_SHAPES:,}{' shapes' if total != bodies else ''}"
                f" ({REAL_TIME})",
            )
        )
    statics = static_shape_count(level)
    if statics > MAX_STATIC_SHAPES:
        section = next(name for name in ("walls", "solids", "hatches") if getattr(level, name))
        problems.append(
            CostProblem(
                section,
                0,
                f"{statics:,} pieces of station (wall segments, convex parts of solids, "
                f"hatches); the limit is {MAX_STATIC_SHAPES:,} ({REAL_TIME})",
            )
        )
    mover_shapes = [body_shape_count(spec) for spec in level.movers]
    if sum(mover_shapes) > MAX_MOVER_SHAPES:
        problems.append(
            CostProblem(
                "movers",
                _index_over(mover_shapes, MAX_MOVER_SHAPES),
                f"{len(level.movers):,} movers of {sum(mover_shapes):,} collision shapes; "
                f"the limit is {MAX_MOVER_SHAPES} shapes ({REAL_TIME})",
            )
        )
    for section, count, limit, what in (
        ("items", len(level.items), MAX_ITEMS, "items"),
        ("zones", len(level.zones), MAX_ZONES, "zones"),
        ("handholds", len(level.handholds), MAX_HANDHOLDS, "handholds"),
        ("objectives", len(level.objectives), MAX_OBJECTIVES, "objectives"),
        ("triggers", len(level.triggers), MAX_TRIGGERS, "triggers"),
    ):
        if count > limit:
            problems.append(
                CostProblem(
                    section, limit, f"{count:,} {what}; the limit is {limit:,} ({REAL_TIME})"
                )
            )
    if not problems:
        swept = swept_bodies(level)
        if sum(swept) > MAX_SWEPT_BODIES:
            problems.append(
                CostProblem(
                    "movers",
                    _index_over(swept, MAX_SWEPT_BODIES),
                    f"the movers' paths reach {sum(swept):,} free bodies (within a mover's "
                    f"size of its path, or drifting there in the first {CROWDING_SECONDS:g} s; "
                    f"counted once for each mover); the limit is {MAX_SWEPT_BODIES} "
                    f"({REAL_TIME})",
                )
            )
    if not problems:
        crowd = crowding_over(level, MAX_PAIRS)
        if crowd is not None:
            when = (
                "where they start"
                if crowd.seconds == 0
                else f"{crowd.seconds:g} s in, as the bodies drift in straight lines from how they "
                "start"
            )
            problems.append(
                CostProblem(
                    "bodies",
                    crowd.index,
                    f"more than {crowd.pairs - 1:,} pairs of shapes touch or overlap {when} "
                    "(bodies that spawn later count from where they appear); "
                    f"the limit is {MAX_PAIRS:,} at any moment of the first "
                    f"{CROWDING_SECONDS:g} s ({REAL_TIME})",
                )
            )
    return problems


def _index_over(counts: list[int], limit: int) -> int:
    """The first entry whose count takes the running total over `limit`."""
    running = 0
    for index, count in enumerate(counts):
        running += count
        if running > limit:
            return index
    return len(counts) - 1


def swept_bodies(level: Level) -> list[int]:
    """For each mover, how many free bodies lie within its reach of its path (the boxes around
    each leg, grown by the mover's size), or can drift there in CROWDING_SECONDS."""
    if not level.movers or not level.bodies:
        return [0] * len(level.movers)
    space = pymunk.Space()
    for spec in level.bodies:
        # A circle around everywhere the body can be: its size, and how far it can drift.
        body = pymunk.Body(body_type=pymunk.Body.KINEMATIC)
        body.position = spec.at
        travel = math.hypot(*spec.velocity) * CROWDING_SECONDS
        space.add(body, pymunk.Circle(body, shape_reach(spec) + travel))
    counts = []
    everything = pymunk.ShapeFilter()
    for spec in level.movers:
        reach = shape_reach(spec)
        found: set[pymunk.Body] = set()
        legs = list(zip(spec.path, spec.path[1:], strict=False)) or [(spec.path[0], spec.path[0])]
        for (ax, ay), (bx, by) in legs:
            box = pymunk.BB(
                min(ax, bx) - reach, min(ay, by) - reach, max(ax, bx) + reach, max(ay, by) + reach
            )
            found.update(hit.body for hit in space.bb_query(box, everything))
        counts.append(len(found))
    return counts


@dataclass(frozen=True)
class Crowding:
    seconds: float  # when, counted from the start
    index: int  # the body whose pairs took the count over the limit
    pairs: int  # pairs counted at that moment (the count stops once over the limit)


def crowding_over(level: Level, limit: int) -> Crowding | None:
    """The first moment of the first CROWDING_SECONDS at which more than `limit` pairs of shapes
    touch, every free body moving in a straight line at its start velocity (and spin); or None.

    A pair is two shapes that touch or overlap, one of them a free body's: pymunk works on each
    such pair every step. Thousands of bodies stacked on one point make its first step collide
    each with every other; thousands aimed at one point make a pile that costs as much a tick.
    Straight lines ignore collisions, which only spread bodies out sooner, and walls, which may
    stop a convergence but are not counted on to. The bodies are moved by pymunk itself with
    every collision switched off, so only the pairs found cost Python time, and once more than
    `limit` are found the count stops."""
    space = pymunk.Space()
    for wall in level.walls:
        for a, b in wall.segments():
            space.add(pymunk.Segment(space.static_body, a, b, wall.thickness / 2.0))
    for solid in level.solids:
        for part in solid.parts:
            space.add(pymunk.Poly(space.static_body, part))
    for hatch in level.hatches:  # a closed hatch, or one a trigger may close
        space.add(pymunk.Segment(space.static_body, hatch.start, hatch.end, hatch.thickness / 2))
    for spec in level.movers:
        _add_body(space, spec, spec.path[0], pymunk.Body(body_type=pymunk.Body.KINEMATIC))
    index_of: dict[pymunk.Body, int] = {}
    for index, spec in enumerate(level.bodies):
        body = _add_body(space, spec, spec.at, pymunk.Body(1.0, 1.0))
        body.velocity = spec.velocity
        body.angular_velocity = math.radians(spec.spin)
        index_of[body] = index
    found = {"pairs": 0, "index": None}

    def count(arbiter: pymunk.Arbiter, space, data) -> None:
        arbiter.process_collision = False  # nothing pushes: the bodies keep their lines
        found["pairs"] += 1
        if found["pairs"] == limit + 1:
            a, b = (shape.body for shape in arbiter.shapes)
            found["index"] = max(index_of.get(a, -1), index_of.get(b, -1))

    space.on_collision(None, None, pre_solve=count)
    moving = any(spec.velocity != (0.0, 0.0) or spec.spin for spec in level.bodies)
    looks = round(CROWDING_SECONDS / CROWDING_STEP) if moving else 0
    for look in range(looks + 1):
        found["pairs"] = 0
        # pymunk finds contacts after moving the bodies: the first look moves them by nothing.
        space.step(CROWDING_STEP if look else 1e-9)
        if found["pairs"] > limit:
            return Crowding(round(look * CROWDING_STEP, 6), found["index"], found["pairs"])
    return None


def most_pairs(level: Level) -> int:
    """The most pairs at any look (for measurements): the limit found by bisection."""
    low, high = 0, 1
    while crowding_over(level, high) is not None:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        if crowding_over(level, middle) is None:
            high = middle
        else:
            low = middle
    return high


def _add_body(space: pymunk.Space, spec, at, body: pymunk.Body) -> pymunk.Body:
    """`body` with the spec's shapes where it starts, as the simulation makes them."""
    body.position = at
    body.angle = math.radians(spec.angle)
    if spec.shape == "circle":
        shapes = [pymunk.Circle(body, spec.radius)]
    elif spec.shape == "polygon":
        shapes = [pymunk.Poly(body, part) for part in spec.parts]
    else:
        shapes = [pymunk.Poly.create_box(body, spec.size, radius=0.01)]
    space.add(body, *shapes)
    return body
