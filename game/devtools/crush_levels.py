"""Levels at the format's limits for the soak: movers at top speed sweeping into walls, corners
and hatch edges with the astronaut, a carryable crate and debris in their way.

Each level is written as level-file text and read by the real loader, so it is a level a
player could make: every figure is within what validation allows. The same seed always makes
the same level."""

from __future__ import annotations

import math
import random

from game.levels import Level, load_level_bytes
from game.levels.fields import MOVERS
from game.sim.constants import MAX_SPEED

TOP_SPEED = MOVERS.field("speed").maximum  # m/s: the fastest a mover can be written to go
TOP_SPIN = MOVERS.field("spin").maximum  # degrees/s
THINNEST_WALL = 0.1  # m: the format's minimum wall thickness

assert TOP_SPEED == MAX_SPEED, "the soak's top speed is the format's"


def _num(value: float) -> str:
    return f"{value:.3f}"


def _point(x: float, y: float) -> str:
    return f"[{_num(x)}, {_num(y)}]"


def crush_level_text(seed: int) -> str:
    """A room with a partition (a corner and a closed hatch in it), a solid block, a rail, and
    one to three movers at top speed whose paths run into the station, the astronaut between
    the first one and the wall it heads for."""
    rng = random.Random(seed)
    half_w = rng.uniform(3.0, 7.0)
    half_h = rng.uniform(2.0, 4.0)
    thickness = rng.choice((THINNEST_WALL, THINNEST_WALL, 0.2, 0.5))
    split_x = rng.uniform(-half_w * 0.3, half_w * 0.3)  # the partition, and its hatch
    gap_low, gap_high = -0.8, 0.8
    mode = rng.choice(("iva", "iva", "eva"))
    # Where the station is, for the movers to head for: walls, corners, the hatch's edges,
    # the partition's end and the solid block.
    targets = [
        (half_w, rng.uniform(-half_h, half_h)),
        (-half_w, rng.uniform(-half_h, half_h)),
        (rng.uniform(-half_w, half_w), half_h),
        (rng.uniform(-half_w, half_w), -half_h),
        (half_w, half_h),
        (-half_w, -half_h),
        (split_x, gap_low),
        (split_x, gap_high),
        (split_x, rng.uniform(-half_h, gap_low)),
        (half_w - 1.0, -half_h + 1.0),  # the solid block's corner
    ]
    lines = [
        "[level]",
        f'id = "crush-{seed}"',
        f'name = "Crush {seed}"',
        "format = 1",
        "[world]",
        f"bounds = [{_num(-half_w - 3)}, {_num(-half_h - 3)}, {_num(half_w + 3)}, "
        f"{_num(half_h + 3)}]",
        "[player]",
    ]
    # The astronaut, a crate and debris go between a mover and the station it heads for.
    movers = []
    for index in range(rng.randint(1, 3)):
        tx, ty = rng.choice(targets)
        start = (rng.uniform(-half_w + 0.5, half_w - 0.5), rng.uniform(-half_h + 0.5, half_h - 0.5))
        # On past the target, into or through the station: movers ignore it.
        overshoot = rng.uniform(0.0, 1.5)
        dx, dy = tx - start[0], ty - start[1]
        length = max(0.1, (dx * dx + dy * dy) ** 0.5)
        end = (tx + dx / length * overshoot, ty + dy / length * overshoot)
        movers.append((index, start, end, (tx, ty)))
    _, (sx, sy), _, (tx, ty) = movers[0]

    station = [
        ((-half_w, -half_h), (half_w, -half_h)),
        ((half_w, -half_h), (half_w, half_h)),
        ((half_w, half_h), (-half_w, half_h)),
        ((-half_w, half_h), (-half_w, -half_h)),
        ((split_x, -half_h), (split_x, half_h - 1.2)),  # the partition and its hatch
        ((half_w - 1.0, -half_h + 1.0), (half_w, -half_h + 1.0)),  # the block's top...
        ((half_w - 1.0, -half_h), (half_w - 1.0, -half_h + 1.0)),  # ...and side
    ]

    def clear_of_station(x: float, y: float, radius: float) -> bool:
        """Started clear of the station: whatever crosses a wall later, a mover did it."""
        if not (-half_w < x < half_w and -half_h < y < half_h):
            return False
        if x > half_w - 1.0 and y < -half_h + 1.0:
            return False  # inside the block
        room = radius + thickness / 2.0 + 0.02
        return all(_distance_to_segment(x, y, a, b) > room for a, b in station)

    def between(fraction: float, jitter: float, radius: float) -> tuple[float, float] | None:
        """A point near `fraction` of the way from the first mover to its target, clear of
        the station; None if none is found."""
        for _ in range(20):
            x = sx + (tx - sx) * fraction + rng.uniform(-jitter, jitter)
            y = sy + (ty - sy) * fraction + rng.uniform(-jitter, jitter)
            if clear_of_station(x, y, radius):
                return x, y
            fraction *= 0.9  # back from the wall, towards the mover
        return None

    spawn = between(0.8, 0.1, 0.45) or (split_x - 1.0, 0.0)
    lines += [
        f"spawn = {_point(*spawn)}",
        f'mode = "{mode}"',
        "o2_seconds = 86400",
        "propellant = 1000",
        f"thrust = {_num(rng.uniform(0.8, 20.0))}",
        "[[walls]]",
        f"points = [{_point(-half_w, -half_h)}, {_point(half_w, -half_h)}, "
        f"{_point(half_w, half_h)}, {_point(-half_w, half_h)}]",
        "closed = true",
        f"thickness = {thickness}",
        "[[walls]]",  # the partition, from the floor to the hatch and from the hatch up
        f"points = [{_point(split_x, -half_h)}, {_point(split_x, gap_low)}]",
        f"thickness = {thickness}",
        "[[walls]]",
        f"points = [{_point(split_x, gap_high)}, {_point(split_x, half_h - 1.2)}]",
        f"thickness = {thickness}",
        "[[hatches]]",
        'id = "door"',
        f"from = {_point(split_x, gap_low)}",
        f"to = {_point(split_x, gap_high)}",
        "thickness = 0.1",
        "[[solids]]",
        f"points = [{_point(half_w - 1.0, -half_h)}, {_point(half_w, -half_h)}, "
        f"{_point(half_w, -half_h + 1.0)}, {_point(half_w - 1.0, -half_h + 1.0)}]",
        "[[handholds]]",
        f"from = {_point(-half_w + 0.5, half_h - 0.3)}",
        f"to = {_point(half_w - 0.5, half_h - 0.3)}",
    ]
    for index, start, end, _ in movers:
        shape = rng.choice(("box", "box", "circle", "polygon"))
        lines += [
            "[[movers]]",
            f'id = "ram-{index}"',
            f'shape = "{shape}"',
            f"path = [{_point(*start)}, {_point(*end)}]",
            f"speed = {TOP_SPEED:g}",
            f'mode = "{rng.choice(("pingpong", "pingpong", "loop", "once"))}"',
            f"spin = {_num(rng.choice((0.0, 0.0, rng.uniform(-TOP_SPIN, TOP_SPIN))))}",
            f"angle = {_num(rng.uniform(-180.0, 180.0))}",
        ]
        if shape == "box":
            lines.append(f"size = [{_num(rng.uniform(0.2, 2.5))}, {_num(rng.uniform(0.2, 2.5))}]")
        elif shape == "circle":
            lines.append(f"radius = {_num(rng.uniform(0.1, 1.5))}")
        else:
            size = rng.uniform(0.3, 1.5)
            lines.append(f"points = [[0, 0], {_point(size, 0.0)}, {_point(0.0, size)}]")
    crate = between(0.6, 0.2, 0.3)
    if crate is not None:
        lines += [
            "[[bodies]]",
            'id = "crate"',
            f"at = {_point(*crate)}",
            "size = [0.4, 0.4]",
            "mass = 8",
            "carryable = true",
        ]
    for index in range(rng.randint(1, 4)):
        at = between(0.9, 0.6, 0.1)
        if at is None:
            continue
        lines += [
            "[[bodies]]",
            f'id = "debris-{index}"',
            'shape = "circle"',
            f"at = {_point(*at)}",
            "radius = 0.1",
            f"mass = {_num(rng.uniform(0.1, 5.0))}",
            "grabbable = false",
            'style = "debris"',
        ]
    for index in range(2):
        lines += [
            "[[items]]",
            f'id = "item-{index}"',
            f"at = {_point(*(between(0.7 + 0.2 * index, 0.4, 0.0) or (sx, sy)))}",
            "o2 = 1",
        ]
    lines += ["[[objectives]]", 'kind = "survive"', "seconds = 86400"]
    return "\n".join(lines) + "\n"


def _distance_to_segment(x: float, y: float, a, b) -> float:
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - ax - t * dx, y - ay - t * dy)


def crush_level(seed: int) -> Level:
    """The level of `seed`, read by the real loader."""
    return load_level_bytes(crush_level_text(seed).encode(), f"crush-{seed}")
