"""Exterior solids by style: the station seen from outside.

Each painter fills its pen's surface with the look of one solid (the caller clips it to the
outline) and returns the colour of the outline to draw round it, or None. Patterns are laid in
the solid's own frame (along its longest edge), so a tilted truss has tilted bays, and seeded
from the outline, so every tile of the cached layer draws the same solid the same way.

`towards` is a point the solid faces: the middle of the station, where a docked Soyuz's
docking probe points and away from which an antenna's dish sits."""

from __future__ import annotations

import math
from collections.abc import Sequence

from game.render.art import colors as C
from game.render.art.paint import Frame, Pen, Point, frame_for, mix, points_key, rng_for, shade
from game.render.art.soyuz import paint_soyuz


def paint_solid(style: str, pen: Pen, points: Sequence[Point], towards: Point):
    painter = PAINTERS.get(style, _hull)
    return painter(pen, points, towards)


def _hull(pen: Pen, points, towards):
    """A module from outside: a white cylinder in quilted MLI blankets, lit from above, with
    ring frames, handrails and the odd gold Kapton patch."""
    frame, (a0, b0, a1, b1) = frame_for(points)
    width = b1 - b0
    seed = points_key(points)
    # The cylinder's shading, across it: bright towards the top, dark at the bottom.
    bands = max(6, min(24, round(width * pen.s / 6)))
    for k in range(bands):
        t = (k + 0.5) / bands
        light = 0.7 + 0.36 * math.cos((t - 0.7) * math.pi * 0.9)
        pen.poly(
            shade(C.MLI, min(1.12, light)),
            frame.quad(a0 - 0.1, b0 + width * k / bands, a1 + 0.1, b0 + width * (k + 1.05) / bands),
        )
    # Blanket seams across and along, quilting stitches.
    cell = 1.3
    count = max(1, round((a1 - a0) / cell))
    cell = (a1 - a0) / count
    seam = shade(C.MLI_SEAM, 1.05)
    for k in range(1, count):
        a = a0 + k * cell
        pen.line(seam, frame.at(a, b0), frame.at(a, b1), 0.018)
    rows = max(1, round(width / 0.9))
    for k in range(1, rows):
        b = b0 + width * k / rows
        pen.line(seam, frame.at(a0, b), frame.at(a1, b), 0.014)
    rng = rng_for(seed, 1)
    for i in range(count):
        for j in range(rows):
            if rng.random() < 0.07:
                qa = a0 + (i + rng.uniform(0.15, 0.55)) * cell
                qb = b0 + width * (j + rng.uniform(0.15, 0.5)) / rows
                pen.poly(
                    shade(C.KAPTON, 0.9),
                    frame.quad(qa, qb, qa + cell * 0.3, qb + width / rows * 0.35),
                )
    # Ring frames where the module's segments join.
    ring = 2.6
    rings = max(0, int((a1 - a0) / ring))
    for k in range(1, rings + 1):
        a = a0 + (a1 - a0) * k / (rings + 1)
        pen.poly(C.MLI_SEAM, frame.quad(a - 0.05, b0, a + 0.05, b1))
        pen.line(shade(C.MLI, 1.1), frame.at(a - 0.03, b0), frame.at(a - 0.03, b1), 0.015)
    # Handrails along the top, gold like the ones inside.
    rail_b = b1 - min(0.35, width * 0.18)
    a = a0 + 0.5
    while a + 0.7 < a1 - 0.3:
        pen.line((112, 82, 18), frame.at(a, rail_b - 0.02), frame.at(a + 0.7, rail_b - 0.02), 0.07)
        pen.line((246, 196, 58), frame.at(a, rail_b), frame.at(a + 0.7, rail_b), 0.045)
        a += 1.6
    return C.MLI_SEAM


def _truss(pen: Pen, points, towards):
    """An open lattice beam: two longerons, bays of ribs and diagonals, a cable tray."""
    frame, (a0, b0, a1, b1) = frame_for(points)
    width = b1 - b0
    pen.surface.fill((*C.METAL_DEEP, 170))
    bar = max(0.05, min(0.2, width * 0.07))
    bay = max(0.8, min(3.0, width))
    inset = bar * 0.9
    lo, hi = b0 + inset, b1 - inset
    members: list[tuple[Point, Point, float]] = []
    count = max(1, round((a1 - a0) / bay))
    step = (a1 - a0) / count
    for k in range(count + 1):
        a = a0 + k * step
        members.append(((a, lo), (a, hi), bar * 0.8))
        if k < count:
            if k % 2:
                members.append(((a, lo), (a + step, hi), bar * 0.6))
            else:
                members.append(((a, hi), (a + step, lo), bar * 0.6))
    members.append(((a0, lo), (a1, lo), bar))
    members.append(((a0, hi), (a1, hi), bar))
    offset = bar * 0.5
    for (pa, pb), (qa, qb), w in members:  # shadows first, down and to the right
        pen.line(
            C.METAL_DEEP, frame.at(pa + offset, pb - offset), frame.at(qa + offset, qb - offset), w
        )
    for (pa, pb), (qa, qb), w in members:
        pen.line(C.METAL, frame.at(pa, pb), frame.at(qa, qb), w)
    for (pa, pb), (qa, qb), w in members[-2:]:
        pen.line(
            shade(C.METAL, 1.2), frame.at(pa, pb + w * 0.25), frame.at(qa, qb + w * 0.25), w * 0.3
        )
    tray = lo + (hi - lo) * 0.62
    pen.line(C.CABLE, frame.at(a0, tray), frame.at(a1, tray), max(0.025, bar * 0.35))
    for k in range(count + 1):  # nodes where the members meet
        a = a0 + k * step
        for b in (lo, hi):
            pen.circle(C.METAL_DARK, frame.at(a, b), bar * 0.7)
            pen.circle(C.METAL, frame.at(a, b), bar * 0.45)
    return None


def _panel(pen: Pen, points, towards):
    """A solar array: a gold frame round blue cells, with a sheen across them."""
    frame, (a0, b0, a1, b1) = frame_for(points)
    pen.surface.fill(C.SOLAR_FRAME)
    inset = min(0.08, (b1 - b0) * 0.1)
    ca0, cb0, ca1, cb1 = a0 + inset, b0 + inset, a1 - inset, b1 - inset
    pen.poly(C.SOLAR_CELL, frame.quad(ca0, cb0, ca1, cb1))
    cell = 0.32
    na = max(1, round((ca1 - ca0) / cell))
    nb = max(1, round((cb1 - cb0) / cell))
    da, db = (ca1 - ca0) / na, (cb1 - cb0) / nb
    for i in range(na):
        for j in range(nb):
            t = 0.5 + 0.5 * math.sin((i * da - j * db) * 0.9)
            color = mix(C.SOLAR_CELL, C.SOLAR_LINE, 0.12 + 0.3 * t * t)
            pen.poly(
                color,
                frame.quad(
                    ca0 + i * da + 0.015,
                    cb0 + j * db + 0.015,
                    ca0 + (i + 1) * da - 0.015,
                    cb0 + (j + 1) * db - 0.015,
                ),
            )
    for i in range(0, na + 1, 4):
        a = ca0 + i * da
        pen.line(C.SOLAR_FRAME, frame.at(a, cb0), frame.at(a, cb1), 0.03)
    if b1 - b0 > 1.6:  # a spine along the middle of a wide array
        mid = (b0 + b1) / 2
        pen.poly(C.METAL_DARK, frame.quad(a0, mid - 0.06, a1, mid + 0.06))
        pen.line(C.METAL, frame.at(a0, mid + 0.02), frame.at(a1, mid + 0.02), 0.03)
    return shade(C.SOLAR_FRAME, 0.6)


def _radiator(pen: Pen, points, towards):
    """A white radiator panel, ribbed across its length."""
    frame, (a0, b0, a1, b1) = frame_for(points)
    pen.surface.fill(C.RADIATOR)
    rib = 0.28
    count = max(1, int((a1 - a0) / rib))
    for k in range(1, count + 1):
        a = a0 + k * (a1 - a0) / (count + 1)
        pen.line(C.RADIATOR_RIB, frame.at(a, b0), frame.at(a, b1), 0.035)
        pen.line((248, 250, 252), frame.at(a + 0.04, b0), frame.at(a + 0.04, b1), 0.015)
    pen.poly(shade(C.RADIATOR, 0.86), frame.quad(a0, b0, a1, b0 + (b1 - b0) * 0.1))
    pen.poly(C.RADIATOR_RIB, frame.quad(a0, (b0 + b1) / 2 - 0.02, a1, (b0 + b1) / 2 + 0.02))
    return C.RADIATOR_RIB


def _antenna(pen: Pen, points, towards):
    """Antenna hardware by shape: a thin outline is a lattice mast; a squat one a dish seen
    from the front; anything else a dish (or a horn) seen edge-on: white, ribbed, shaded."""
    frame, (a0, b0, a1, b1) = frame_for(points)
    length, width = a1 - a0, b1 - b0
    mid_b = (b0 + b1) / 2
    if width <= 0.7 and length > 3 * width:
        pen.surface.fill(C.METAL_DARK)
        half = width / 2
        pen.poly(
            shade(C.METAL_DARK, 0.7), frame.quad(a0, mid_b - half * 0.25, a1, mid_b + half * 0.25)
        )
        step = max(0.2, width * 1.2)
        a, k = a0, 0
        while a < a1:
            sign = 1 if k % 2 else -1
            pen.line(
                C.METAL,
                frame.at(a, mid_b - sign * half * 0.8),
                frame.at(min(a1, a + step), mid_b + sign * half * 0.8),
                max(0.025, width * 0.08),
            )
            a += step
            k += 1
        for b in (mid_b - half * 0.82, mid_b + half * 0.82):
            pen.line(C.METAL, frame.at(a0, b), frame.at(a1, b), max(0.03, width * 0.12))
        pen.line(C.CABLE, frame.at(a0, mid_b), frame.at(a1, mid_b), max(0.02, width * 0.06))
        return C.METAL_DEEP
    if length < 1.6 * width:
        pen.surface.fill((*C.METAL_DEEP, 0))
        _dish(pen, frame, (a0 + a1) / 2, mid_b, length / 2, width / 2)
        return None
    # Edge-on: lit across, ribs across its length, a gold-foil band on a small horn.
    bands = 8
    for k in range(bands):
        t = (k + 0.5) / bands
        light = 0.78 + 0.3 * math.sin(t * math.pi)
        pen.poly(
            shade((232, 234, 238), min(1.08, light)),
            frame.quad(a0 - 0.1, b0 + width * k / bands, a1 + 0.1, b0 + width * (k + 1.1) / bands),
        )
    count = max(2, round(length / 0.45))
    for k in range(1, count):
        a = a0 + length * k / count
        pen.line((178, 184, 194), frame.at(a, b0), frame.at(a, b1), 0.025)
    if length < 2.0:
        pen.poly(C.KAPTON, frame.quad(a0 + length * 0.55, b0, a0 + length * 0.7, b1))
    return C.METAL_DARK


def _dish(pen: Pen, frame: Frame, ca: float, cb: float, ra: float, rb: float) -> None:
    def ring(scale: float, n: int = 36) -> list[Point]:
        return [
            frame.at(ca + math.cos(t) * ra * scale, cb + math.sin(t) * rb * scale)
            for t in (k * math.tau / n for k in range(n))
        ]

    pen.poly(C.METAL_DARK, ring(1.0))
    pen.poly((236, 238, 240), ring(0.93))
    pen.poly((214, 218, 224), ring(0.7))
    pen.poly((228, 230, 234), ring(0.45))
    for k in range(8):  # ribs
        t = k * math.tau / 8
        pen.line(
            (190, 196, 204),
            frame.at(ca + math.cos(t) * ra * 0.12, cb + math.sin(t) * rb * 0.12),
            frame.at(ca + math.cos(t) * ra * 0.92, cb + math.sin(t) * rb * 0.92),
            0.02,
        )
    for k in range(3):  # feed struts to the horn in the middle
        t = k * math.tau / 3 + 0.5
        pen.line(
            C.METAL_DARK,
            frame.at(ca + math.cos(t) * ra * 0.9, cb + math.sin(t) * rb * 0.9),
            frame.at(ca, cb),
            0.025,
        )
    pen.circle(C.METAL_DARK, frame.at(ca, cb), min(ra, rb) * 0.14)
    pen.circle(C.CABLE, frame.at(ca, cb), min(ra, rb) * 0.07)


def _soyuz(pen: Pen, points, towards):
    """The docked Soyuz: its orbital module (the docking end) towards the station."""
    frame, (a0, b0, a1, b1) = frame_for(points)
    ta, _ = frame.local(*towards)
    if ta < (a0 + a1) / 2:
        frame = Frame(frame.at(0, 0), (-frame.ux, -frame.uy))
        a0, a1, b0, b1 = -a1, -a0, -b1, -b0
    pen.surface.fill((0, 0, 0, 0))
    centre = frame.at((a0 + a1) / 2, (b0 + b1) / 2)
    paint_soyuz(pen, Frame(centre, (frame.ux, frame.uy)), a1 - a0, b1 - b0)
    return None


def _rock(pen: Pen, points, towards):
    """A rough lump: facets lit from the upper left, pitted with craters."""
    pen.surface.fill(C.ROCK)
    count = len(points)
    cx = sum(p[0] for p in points) / count
    cy = sum(p[1] for p in points) / count
    light = (-0.6, 0.8)
    for i in range(count):
        (ax, ay), (bx, by) = points[i], points[(i + 1) % count]
        nx, ny = by - ay, -(bx - ax)
        length = math.hypot(nx, ny) or 1.0
        facing = (nx * light[0] + ny * light[1]) / length
        color = mix(C.ROCK_DARK, C.ROCK_LIGHT, 0.5 + 0.45 * facing)
        pen.poly(color, [(cx, cy), (ax, ay), (bx, by)])
    seed = points_key(points)
    rng = rng_for(seed, 99)
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    area = (max(xs) - min(xs)) * (max(ys) - min(ys))
    for _ in range(min(40, 2 + int(area * 1.5))):
        x = rng.uniform(min(xs), max(xs))
        y = rng.uniform(min(ys), max(ys))
        r = rng.uniform(0.06, 0.28)
        pen.circle(C.ROCK_LIGHT, (x + r * 0.15, y - r * 0.15), r)
        pen.circle(C.ROCK_DARK, (x, y), r * 0.9)
    return C.ROCK_DARK


PAINTERS = {
    "hull": _hull,
    "truss": _truss,
    "panel": _panel,
    "radiator": _radiator,
    "antenna": _antenna,
    "soyuz": _soyuz,
    "rock": _rock,
}
