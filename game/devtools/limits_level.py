"""Levels at the limits of game/levels/cost.py, and the time their first 10 s take.

The rule these limits keep: a level that passes `last-orbit validate` plays its first 10 s at
least in real time. Each level built here passes validation while holding as much as a level
may: every count at its limit at once (collision shapes, station pieces, movers, items, zones,
handholds, objectives, triggers), the pairs of shapes that meet at the start up to their limit,
arranged in the different ways that cost most (one dense clump, a packed grid, polygons of the
most vertices), and a backdrop of the most pixels. `first_seconds` steps one through its first
10 s (1,200 ticks) the way the game does, with the player thrusting and grabbing all along.

    python -m game.devtools.limits_level            # time every variant (a few seconds each)
"""

from __future__ import annotations

import functools
import math
import struct
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from game.levels import cost as C
from game.levels import fields as F
from game.levels.assets import MAX_IMAGE_PIXELS
from game.levels.loader import load_level, load_level_bytes
from game.levels.model import Level
from game.levels.problems import LevelError
from game.sim import GRAB, TICK_RATE, USE, TickInput, build_world, step

SECONDS = 10.0
TICKS = round(SECONDS * TICK_RATE)

FIELD = 90.0  # half the side of the square the bodies float in, m
RINGS = 16  # station walls: concentric rings through the field
MOVER_PATH = 2  # points
YARD_WALL = 4  # segments
STRESS_LEVEL = "stress-debris.toml"  # the shipped benchmark, timed beside them for scale
DRIFT = 1.0  # m/s: the speed of the bodies that are not in the crowd

VARIANTS = ("clump", "grid", "vertices", "converge")
# Every body aimed at one point across open space: validation refuses it (the pairs, counted
# along straight lines, pass the limit on the way); played anyway, its pile in the middle costs
# about 5 µs a body a tick, a few seconds at a quarter of real time.
OPEN_CONVERGE = "converge-open"


@dataclass(frozen=True)
class Timing:
    variant: str
    ticks: int
    seconds: float  # CPU time of those ticks (building the world not counted): on a shared
    # machine, wall-clock time would measure the other processes too
    first_tick_ms: float
    worst_second_ticks_per_s: float  # the slowest 120-tick stretch

    @property
    def ticks_per_second(self) -> float:
        return self.ticks / self.seconds

    @property
    def x_real_time(self) -> float:
        return self.ticks_per_second / TICK_RATE


def _header() -> list[str]:
    return [
        "[level]",
        'id = "limits"',
        'name = "Every limit at once"',
        "format = 1",
        'order = "any"',
        "",
        "[world]",
        f"bounds = [{-FIELD - 60}, {-FIELD - 60}, {FIELD + 60}, {FIELD + 60}]",
        "",
        "[player]",
        "spawn = [0.5, 0.5]",
        "o2_seconds = 86400.0",
        "propellant = 1000.0",
        "",
    ]


def _ring_radius(ring: int) -> float:
    return 6.0 + ring * (FIELD - 6.0) / RINGS


def _station(budget_points: int) -> tuple[list[str], int]:
    """Concentric closed rings of wall segments up to the static-shape limit."""
    per_ring = min(F.MAX_VERTICES, (C.MAX_STATIC_SHAPES - YARD_WALL) // RINGS)
    lines = []
    for ring in range(RINGS):
        r = _ring_radius(ring)
        points = ", ".join(
            f"[{r * math.cos(2 * math.pi * k / per_ring):.3f}, "
            f"{r * math.sin(2 * math.pi * k / per_ring):.3f}]"
            for k in range(per_ring)
        )
        lines += ["[[walls]]", f"points = [{points}]", "closed = true", "thickness = 0.1", ""]
    used = per_ring * RINGS
    assert used <= C.MAX_STATIC_SHAPES and used <= budget_points
    return lines, used


def _free_spots(count: int, spacing: float, avoid: float = 1.2, rings: bool = True):
    """Grid points across the field, clear of the rings (if any) and the player's spawn."""
    radii = [_ring_radius(ring) for ring in range(RINGS)] if rings else []
    side = int(2 * FIELD / spacing)
    found = 0
    for row in range(side):
        for col in range(side):
            x = -FIELD + (col + 0.5) * spacing
            y = -FIELD + (row + 0.5) * spacing
            r = math.hypot(x, y)
            if r < 4.0 or r > FIELD - 2 or any(abs(r - ring) < avoid for ring in radii):
                continue
            yield x, y
            found += 1
            if found == count:
                return
    raise ValueError(f"the field holds only {found} of {count} bodies at {spacing} m")


def _body(x: float, y: float, extra: str = "", velocity=(0.0, 0.0)) -> list[str]:
    return [
        "[[bodies]]",
        f"at = [{x:.3f}, {y:.3f}]",
        "size = [0.5, 0.5]",
        f"velocity = [{velocity[0]:.3f}, {velocity[1]:.3f}]",
        "spin = 30.0",
        *([extra] if extra else []),
        "",
    ]


def _polygon_body(x: float, y: float, points: int) -> list[str]:
    outline = ", ".join(
        f"[{0.6 * math.cos(2 * math.pi * k / points):.4f}, "
        f"{0.6 * math.sin(2 * math.pi * k / points):.4f}]"
        for k in range(points)
    )
    return [
        "[[bodies]]",
        'shape = "polygon"',
        f"at = [{x:.3f}, {y:.3f}]",
        f"points = [{outline}]",
        "",
    ]


def _bodies(variant: str, points_left: int, crowd: int) -> list[str]:
    """The free bodies: C.MAX_BODY_SHAPES shapes. `crowd` of them meet as the variant says (on
    one point, in a packed grid, aimed at one point); the rest drift apart slowly."""
    lines: list[str] = []
    shapes = C.MAX_BODY_SHAPES - C.MAX_SWEPT_BODIES  # those are in the yard
    aimed = 0
    if variant == "clump":
        for n in range(crowd):  # every one meets every other: crowd(crowd-1)/2 pairs
            lines += _body(-2.5 + 0.001 * n, -2.5)
        shapes -= crowd
    elif variant == "grid":
        side = math.ceil(math.sqrt(crowd))  # touching boxes: each meets the 8 around it
        for n in range(crowd):
            lines += _body(-FIELD + 3 + (n % side) * 0.5, FIELD - 3 - (n // side) * 0.5)
        shapes -= crowd
    elif variant == "vertices":
        # Polygons of the most points each, with every point the level has left, side by side,
        # and a clump of boxes.
        count = points_left // F.MAX_VERTICES
        for n in range(count):
            lines += _polygon_body(-3.0 + 1.1 * (n % 4), -3.0 + 1.1 * (n // 4), F.MAX_VERTICES)
        for n in range(crowd):
            lines += _body(3.0 + 0.001 * n, 3.0)
        shapes -= count + crowd
    elif variant == "converge":
        aimed = crowd
    elif variant == OPEN_CONVERGE:
        aimed = shapes
    else:
        raise ValueError(f"unknown variant {variant!r}")
    spots = _free_spots(shapes, 2.2, rings=variant != OPEN_CONVERGE)
    for n, (x, y) in enumerate(spots):
        if n < aimed:  # at top speed towards the centre
            inward = 9.99 / math.hypot(x, y)
            velocity = (-x * inward, -y * inward)
        else:
            angle = n * 2.399  # a golden-angle spread of drift directions
            velocity = (DRIFT * math.cos(angle), DRIFT * math.sin(angle))
        lines += _body(x, y, velocity=velocity)
    return lines


def _yard() -> list[str]:
    """Beside the field, a walled yard where the movers run: one bulldozer sweeps as many bodies
    as a level may put in a mover's reach into a pile against the wall, and the others run
    back and forth with nothing in reach."""
    x0, x1 = FIELD + 20, FIELD + 50
    lines = [
        "[[walls]]",
        f"points = [[{x0}, -30.0], [{x1}, -30.0], [{x1}, 30.0], [{x0}, 30.0]]",
        "closed = true",
        "thickness = 1.0",
        "",
        "[[movers]]",
        'id = "bulldozer"',
        f"path = [[{x0 + 2}, 0.0], [{x1 - 1.5}, 0.0]]",
        "size = [1.0, 18.0]",
        "speed = 10.0",
        'mode = "once"',
        "",
    ]
    side = math.ceil(math.sqrt(C.MAX_SWEPT_BODIES))
    for n in range(C.MAX_SWEPT_BODIES):
        lines += _body(x0 + 6 + (n // side) * 1.0, -6.0 + (n % side) * 1.2)
    for n in range(C.MAX_MOVER_SHAPES - 1):
        y = 14.0 + (n % 8) * 1.8
        x = x0 + 3 + (n // 8) * 6
        lines += [
            "[[movers]]",
            f'id = "mover-{n}"',
            f"path = [[{x}, {y}], [{x + 4}, {y}]]",
            "size = [1.0, 1.0]",
            "speed = 10.0",
            "spin = 90.0",
            "",
        ]
    return lines


def _bookkeeping() -> list[str]:
    """Items, zones, handholds, objectives and triggers at their limits, placed where they cost
    most: items on the spawn point (all taken at once, then checked every tick), every zone
    draining O2 around the spawn (so checked every tick), handholds beyond reach (so scanned for
    every tick GRAB is held), 'any'-order objectives naming the last zones, repeating triggers."""
    lines = []
    for n in range(C.MAX_ITEMS):
        lines += ["[[items]]", f'id = "item-{n}"', "at = [0.5, 0.5]", ""]
    goals = C.MAX_ZONES - C.MAX_OBJECTIVES  # the last zones are goals, out of the way
    for n in range(C.MAX_ZONES):
        size = 2.0 + 0.05 * n
        rect = (
            f"[{-size}, {-size}, {size}, {size}]"
            if n < goals
            else f"[{FIELD + 1}, {n - goals}, {FIELD + 2}, {n - goals + 0.5}]"
        )
        lines += ["[[zones]]", f'id = "zone-{n}"', f"rect = {rect}", "o2_drain = 0.001", ""]
    for n in range(C.MAX_HANDHOLDS):
        x = -FIELD + 2 + (n % 32) * 0.2
        y = -FIELD + 2 + (n // 32) * 0.2
        lines += [
            "[[handholds]]",
            f"from = [{x:.2f}, {y:.2f}]",
            f"to = [{x + 0.1:.2f}, {y:.2f}]",
            "",
        ]
    for n in range(C.MAX_OBJECTIVES):
        lines += ["[[objectives]]", 'kind = "reach"', f'zone = "zone-{C.MAX_ZONES - 1 - n}"', ""]
    for n in range(C.MAX_TRIGGERS):
        lines += [
            "[[triggers]]",
            'on = "enter"',
            f'zone = "zone-{n % (C.MAX_ZONES - C.MAX_OBJECTIVES)}"',
            "once = false",
            f'actions = [{{ do = "message", text = "trigger {n}" }}]',
            "",
        ]
    return lines


def limits_level_text(variant: str, backdrop: str | None = None, crowd: int | None = None) -> str:
    """A level at every limit at once; `backdrop` names a PNG beside it (see write_backdrop).
    `crowd` is how many bodies meet (see _bodies); by default the most that pass validation."""
    if crowd is None:
        crowd = fitted_crowd(variant)
    lines = _header()
    if backdrop:
        lines.insert(lines.index("[player]") - 1, f'backdrop = "{backdrop}"')
    station, used_points = _station(F.MAX_TOTAL_VERTICES) if variant != OPEN_CONVERGE else ([], 0)
    points_left = F.MAX_TOTAL_VERTICES - used_points - YARD_WALL - C.MAX_MOVER_SHAPES * MOVER_PATH
    lines += station
    lines += _bodies(variant, points_left, crowd)
    lines += _yard()
    lines += _bookkeeping()
    return "\n".join(lines) + "\n"


@functools.cache
def fitted_crowd(variant: str) -> int:
    """The largest crowd for which the variant's level passes validation, found by bisection
    (the pairs that crowd makes, with those of everything else, reach the limit)."""
    if variant == OPEN_CONVERGE:
        return 0  # everything is aimed already, and it does not pass
    low, high = 0, 128
    while high - low > 1:
        middle = (low + high) // 2
        try:
            load_level_bytes(limits_level_text(variant, crowd=middle).encode(), "limits.toml")
        except LevelError:
            high = middle
        else:
            low = middle
    return low


def write_backdrop(path: Path, width: int = 4096, height: int | None = None) -> Path:
    """A valid black PNG of width x height pixels (by default the most a backdrop may have).
    It is written row by row through zlib, so even a bomb of 40,000² costs little to make."""
    height = height if height is not None else MAX_IMAGE_PIXELS // width

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    squeeze = zlib.compressobj(9)
    row = b"\x00" * (1 + 3 * width)  # filter byte, then black pixels
    data = b"".join(squeeze.compress(row) for _ in range(height)) + squeeze.flush()
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )
    return path


def inputs(ticks: int = TICKS) -> list[TickInput]:
    """Thrusting one way then another each second, GRAB and USE held all along (the reach scan
    then runs every tick)."""
    out = []
    for tick in range(ticks):
        angle = (tick // TICK_RATE) * 2.1
        out.append(
            TickInput(round(100 * math.cos(angle)), round(100 * math.sin(angle)), 0, GRAB | USE)
        )
    return out


def first_seconds(level: Level, variant: str = "", ticks: int = TICKS) -> Timing:
    """Step `level` through its first `ticks` the way the game does; the world is built first."""
    world = build_world(level)
    script = inputs(ticks)
    start = time.process_time()
    stretch_start = start
    first = worst = None
    for tick, inp in enumerate(script):
        step(world, inp)
        if world.status != "running":
            raise RuntimeError(f"the {variant} level ended at tick {tick}: {world.status}")
        now = time.process_time()
        if first is None:
            first = now - start
        if (tick + 1) % TICK_RATE == 0:
            rate = TICK_RATE / (now - stretch_start)
            worst = rate if worst is None else min(worst, rate)
            stretch_start = now
    total = time.process_time() - start
    return Timing(variant, ticks, total, first * 1000, worst or ticks / total)


def time_variants(folder: Path | None = None, variants=VARIANTS) -> list[Timing]:
    """Write, validate (each must load) and time every variant."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = folder or Path(scratch)
        results = []
        for variant in variants:
            path = folder / f"limits-{variant}.toml"
            path.write_text(limits_level_text(variant), encoding="utf-8")
            results.append(first_seconds(load_level(path), variant))
        return results


def time_backdrop(folder: Path) -> float:
    """Seconds pygame takes to decode a backdrop of the most pixels allowed."""
    import pygame

    path = write_backdrop(folder / "limits-backdrop.png")
    start = time.process_time()
    pygame.image.load(str(path))
    return time.process_time() - start


def main() -> int:
    from game.paths import shipped_levels_dir

    stress = first_seconds(load_level(shipped_levels_dir() / "bench" / STRESS_LEVEL), "stress")
    print(f"CPU time of the first {SECONDS:g} s ({TICKS:,} ticks) of levels at every limit:")
    for timing in [stress, *time_variants()]:
        print(
            f"{timing.variant:>13}: {timing.seconds:.2f} s "
            f"({timing.ticks_per_second:,.0f} ticks/s, {timing.x_real_time:.1f}x real time; "
            f"first tick {timing.first_tick_ms:.1f} ms, slowest second "
            f"{timing.worst_second_ticks_per_s:,.0f} ticks/s)"
        )
    with tempfile.TemporaryDirectory() as scratch:
        decode = time_backdrop(Path(scratch))
    print(f"{'backdrop':>13}: {MAX_IMAGE_PIXELS:,} pixels decode in {decode:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
