"""Module interiors by wall style: the back wall seen through a cut-away module.

Each painter fills the whole surface of its pen with the style's pattern, laid on the world
grid (so neighbouring tiles of the cached layer meet seamlessly), and adds the features of each
room of that style (a hatch in a node, the windows of the cupola) centred on the room's box.
The caller masks the result to the rooms' shape."""

from __future__ import annotations

import math

import pygame

from game.render.art import colors as C
from game.render.art.paint import Pen, hazard_stripes, mix, rng_for, shade

Room = tuple[float, float, float, float]  # world box of one connected region of a style


def paint_interior(style: str, pen: Pen, rooms: list[Room]) -> None:
    PAINTERS.get(style, _module)(pen, rooms)


def _cells(pen: Pen, width: float, height: float, shift_x: float = 0.0):
    """Grid cells (i, j, x0, y0) of the given size that touch the pen's surface."""
    x0, y0, x1, y1 = pen.world_box()
    for j in range(math.floor(y0 / height) - 1, math.ceil(y1 / height) + 1):
        offset = shift_x * (j % 2)
        for i in range(math.floor((x0 - offset) / width) - 1, math.ceil((x1 - offset) / width) + 1):
            yield i, j, i * width + offset, j * height


def _near(pen: Pen, room: Room, margin: float = 0.5) -> bool:
    x0, y0, x1, y1 = pen.world_box()
    return not (
        room[2] < x0 - margin
        or room[0] > x1 + margin
        or room[3] < y0 - margin
        or room[1] > y1 + margin
    )


# -- US segment: white racks in rows, blue-grey labels, laptops, lockers, stowage -------------

RACK_W = 1.06
RACK_H = 1.0


def _us(pen: Pen, rooms: list[Room]) -> None:
    pen.surface.fill(C.US_BACK)
    gap = 0.035
    for i, j, x, y in _cells(pen, RACK_W, RACK_H):
        rng = rng_for(i, j, 11)
        x0, y0, x1, y1 = x + gap, y + gap, x + RACK_W - gap, y + RACK_H - gap
        face = C.US_RACK if rng.random() < 0.6 else C.US_RACK_ALT
        pen.box(C.US_RACK_EDGE, x0, y0, x1, y1, 0.05)
        pen.box(face, x0 + 0.02, y0 + 0.02, x1 - 0.02, y1 - 0.02, 0.04)
        pen.box(shade(face, 0.93), x0 + 0.02, y0 + 0.02, x1 - 0.02, y0 + 0.09, 0.03)
        _us_detail(pen, rng, x0 + 0.08, y0 + 0.1, x1 - 0.08, y1 - 0.16)
        # Label band and handles: the blue-grey accents.
        pen.box(C.US_ACCENT, x0 + 0.08, y1 - 0.12, x0 + 0.42, y1 - 0.06, 0.01)
        pen.box(shade(C.US_ACCENT, 0.7), x1 - 0.2, y1 - 0.12, x1 - 0.08, y1 - 0.06, 0.01)


def _us_detail(pen: Pen, rng, x0, y0, x1, y1) -> None:
    kind = rng.randrange(7)
    w, h = x1 - x0, y1 - y0
    if kind == 0:  # lockers, two by two, each with a latch
        for a in range(2):
            for b in range(2):
                lx0 = x0 + a * w / 2 + 0.02
                ly0 = y0 + b * h / 2 + 0.02
                lx1, ly1 = lx0 + w / 2 - 0.04, ly0 + h / 2 - 0.04
                pen.box(C.US_RACK_EDGE, lx0, ly0, lx1, ly1, 0.02, 0.012)
                pen.box(C.US_ACCENT, lx1 - 0.09, ly0 + h / 4 - 0.06, lx1 - 0.05, ly0 + h / 4, 0.01)
    elif kind == 1:  # a laptop on its bracket
        sx0, sy0 = x0 + w * 0.18, y0 + h * 0.3
        sx1, sy1 = x1 - w * 0.18, y1 - h * 0.08
        pen.box(C.US_RACK_EDGE, sx0 - 0.03, sy0 - 0.03, sx1 + 0.03, sy1 + 0.03, 0.02)
        pen.box(C.SCREEN, sx0, sy0, sx1, sy1)
        for k in range(4):
            ly = sy1 - 0.06 - k * 0.07
            if ly < sy0 + 0.04:
                break
            length = (sx1 - sx0 - 0.1) * rng.uniform(0.35, 0.95)
            pen.box(
                mix(C.SCREEN, C.SCREEN_GLOW, 0.7), sx0 + 0.05, ly - 0.02, sx0 + 0.05 + length, ly
            )
        pen.box(C.US_RACK_EDGE, x0 + w * 0.4, y0, x1 - w * 0.4, sy0 - 0.03)
    elif kind == 2:  # a fan grille
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        r = min(w, h) * 0.36
        pen.circle(C.US_RACK_EDGE, (cx, cy), r)
        pen.circle(shade(C.US_BACK, 0.6), (cx, cy), r - 0.03)
        for k in range(5):
            a = k * math.tau / 5 + rng.random()
            pen.line(C.US_RACK_EDGE, (cx, cy), (cx + math.cos(a) * r, cy + math.sin(a) * r), 0.03)
        pen.circle(C.US_RACK, (cx, cy), r * 0.25)
    elif kind == 3:  # an experiment: buttons and lights
        pen.box(shade(C.US_RACK, 0.82), x0, y0 + h * 0.2, x1, y1 - h * 0.1, 0.03)
        for k in range(rng.randint(3, 6)):
            lx = x0 + 0.1 + k * 0.13
            if lx > x1 - 0.08:
                break
            color = rng.choice((C.LED_GREEN, C.LED_AMBER, C.LED_GREEN, C.US_ACCENT))
            pen.circle(color, (lx, y1 - h * 0.25), 0.028)
        pen.box(C.SCREEN, x0 + 0.08, y0 + h * 0.3, x0 + w * 0.55, y0 + h * 0.55)
    elif kind == 4:  # stowage bags strapped in
        for k in range(2):
            by0 = y0 + k * h / 2 + 0.02
            pen.box(shade(C.US_FABRIC, 0.75), x0, by0, x1, by0 + h / 2 - 0.04, 0.07)
            pen.box(C.US_FABRIC, x0 + 0.02, by0 + 0.02, x1 - 0.02, by0 + h / 2 - 0.06, 0.06)
            pen.box(C.CARD, x0 + w * 0.38, by0 + h * 0.14, x0 + w * 0.62, by0 + h * 0.3)
        pen.box(C.US_ACCENT, x0 + w * 0.2, y0, x0 + w * 0.25, y1)
        pen.box(C.US_ACCENT, x1 - w * 0.25, y0, x1 - w * 0.2, y1)
    elif kind == 5:  # a closed panel with its fasteners
        for fx in (x0 + 0.04, x1 - 0.04):
            for fy in (y0 + 0.04, y1 - 0.04):
                pen.circle(C.US_RACK_EDGE, (fx, fy), 0.022)
    else:  # cable bundles
        for k, color in enumerate((C.US_ACCENT, (70, 70, 74), (160, 60, 50))):
            lx = x0 + w * (0.3 + 0.15 * k)
            pen.line(color, (lx, y0), (lx + 0.08 * (k - 1), y1), 0.025)


# -- Russian segment: olive and beige panels in staggered rows, gauges, vents, switches -------

RU_W = 0.9
RU_H = 0.5


def _russian(pen: Pen, rooms: list[Room]) -> None:
    pen.surface.fill(C.RU_BACK)
    for i, j, x, y in _cells(pen, RU_W, RU_H, RU_W / 2):
        rng = rng_for(i, j, 23)
        x0, y0, x1, y1 = x + 0.03, y + 0.03, x + RU_W - 0.03, y + RU_H - 0.03
        face = C.RU_PANEL if (i + j) % 3 else C.RU_PANEL_ALT
        face = shade(face, rng.uniform(0.94, 1.04))
        pen.box(C.RU_EDGE, x0, y0, x1, y1, 0.08)
        pen.box(face, x0 + 0.02, y0 + 0.025, x1 - 0.02, y1 - 0.015, 0.07)
        pen.box(shade(face, 1.08), x0 + 0.06, y1 - 0.07, x1 - 0.06, y1 - 0.045, 0.01)
        for bx in (x0 + 0.07, x1 - 0.07):  # cushion buttons
            pen.circle(C.RU_EDGE, (bx, (y0 + y1) / 2), 0.018)
        kind = rng.randrange(8)
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        if kind == 0:  # a round vent
            pen.circle(C.RU_EDGE, (cx, cy), 0.16)
            pen.circle(shade(C.RU_BACK, 0.55), (cx, cy), 0.13)
            for k in range(4):
                pen.line(
                    C.RU_EDGE,
                    (cx - 0.13, cy - 0.09 + k * 0.06),
                    (cx + 0.13, cy - 0.09 + k * 0.06),
                    0.015,
                )
        elif kind == 1:  # a gauge
            pen.circle(C.RU_EDGE, (cx, cy), 0.13)
            pen.circle((228, 224, 204), (cx, cy), 0.11)
            a = rng.uniform(0.3, 2.8)
            pen.line(
                (160, 40, 30), (cx, cy), (cx + math.cos(a) * 0.09, cy + math.sin(a) * 0.09), 0.015
            )
        elif kind == 2:  # a green control box with toggle switches
            pen.box(C.RU_TRIM, x0 + 0.12, y0 + 0.08, x1 - 0.12, y1 - 0.08, 0.02)
            for k in range(5):
                sx = x0 + 0.2 + k * 0.1
                pen.box((210, 210, 200), sx - 0.012, cy - 0.06, sx + 0.012, cy + 0.04)
                color = C.LED_RED if k == 2 else C.LED_AMBER if rng.random() < 0.4 else C.LED_GREEN
                pen.circle(color, (sx, cy + 0.09), 0.018)
        elif kind == 3:  # a strap across
            pen.box(C.RU_TRIM, x0, cy - 0.035, x1, cy + 0.035)


# -- Nodes: plain light panels, a square-ish hatch with its ring of bolts in each node -------


def _node(pen: Pen, rooms: list[Room]) -> None:
    pen.surface.fill(C.NODE_BACK)
    for i, j, x, y in _cells(pen, 0.7, 0.7):
        pen.box(C.NODE_PANEL, x + 0.02, y + 0.02, x + 0.68, y + 0.68, 0.03)
        if (i * 7 + j * 3) % 5 == 0:
            pen.box(shade(C.NODE_PANEL, 0.9), x + 0.12, y + 0.12, x + 0.58, y + 0.3, 0.02)
    for room in rooms:
        if _near(pen, room, 2.0):
            _hatch(pen, room, C.NODE_RING, C.NODE_RING_EDGE, square=True)


# A hatch on the back wall is decoration, seen through the cut-away: real-sized, and drawn in
# soft tones close to its panels, so it never reads as a wall across the room (the walls are the
# light capsules with dark edges that match the collision shapes).
HATCH_MAX_R = 0.55  # metres: a real hatch is about 1.1 m across, whatever the room's size


def _hatch(pen: Pen, room: Room, ring, edge, square: bool) -> None:
    x0, y0, x1, y1 = room
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    r = min(HATCH_MAX_R, max(0.25, min(x1 - x0, y1 - y0) * 0.3))
    corner = r * (0.35 if square else 1.0)
    pen.box(edge, cx - r - 0.07, cy - r - 0.07, cx + r + 0.07, cy + r + 0.07, corner + 0.07)
    pen.box(ring, cx - r - 0.04, cy - r - 0.04, cx + r + 0.04, cy + r + 0.04, corner + 0.04)
    pen.box(
        shade(ring, 0.95), cx - r + 0.07, cy - r + 0.07, cx + r - 0.07, cy + r - 0.07, corner - 0.05
    )
    for k in range(16):  # bolts round the frame
        a = k * math.tau / 16
        bx = cx + math.cos(a) * r * 1.0
        by = cy + math.sin(a) * r * 1.0
        if square:
            m = max(abs(math.cos(a)), abs(math.sin(a)))
            bx = cx + math.cos(a) / m * r
            by = cy + math.sin(a) / m * r
        pen.circle(edge, (bx, by), 0.025)
    # The hatch's handle and its small window.
    pen.box(edge, cx - r * 0.5, cy - 0.05, cx + r * 0.5, cy + 0.05, 0.05)
    pen.box(C.US_ACCENT, cx - r * 0.45, cy - 0.03, cx + r * 0.45, cy + 0.03, 0.03)
    pen.circle(edge, (cx, cy + r * 0.5), r * 0.18)
    pen.circle(C.CUPOLA_DEEP, (cx, cy + r * 0.5), r * 0.14)
    pen.circle(shade(C.CUPOLA_SKY, 1.3), (cx - r * 0.05, cy + r * 0.55), r * 0.04)


# -- Cupola: the bright view of Earth through a round centre window and six panes round it ---


def _cupola(pen: Pen, rooms: list[Room]) -> None:
    surface = pen.surface
    surface.fill(C.CUPOLA_FRAME)
    for room in rooms:
        if not _near(pen, room, 2.0):
            continue
        x0, y0, x1, y1 = room
        # The view: the day side of Earth, brighter to the top, with cloud streaks.
        top = pen.p(x0, y1)
        bottom = pen.p(x1, y0)
        w = max(1, round(bottom[0] - top[0]))
        h = max(1, round(bottom[1] - top[1]))
        strip = pygame.Surface((1, 8))
        for k in range(8):
            strip.set_at((0, k), mix(C.CUPOLA_SKY, C.CUPOLA_DEEP, k / 7))
        surface.blit(pygame.transform.smoothscale(strip, (w, h)), (round(top[0]), round(top[1])))
        rng = rng_for(round(x0 * 10), round(y0 * 10), 31)
        for _ in range(int((x1 - x0) * (y1 - y0) * 3) + 3):
            cx = rng.uniform(x0, x1)
            cy = rng.uniform(y0, y1)
            length = rng.uniform(0.3, 0.9)
            for k in range(5):
                px = cx + (k - 2) * length / 5
                pen.circle(
                    (236, 242, 250), (px, cy + rng.uniform(-0.03, 0.03)), rng.uniform(0.04, 0.09)
                )
        # Frame: the round top window and the panes' mullions, window glints.
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        r = min(HATCH_MAX_R, max(0.2, min(x1 - x0, y1 - y0) * 0.28))  # a window, not a wall
        far = max(x1 - x0, y1 - y0)
        for k in range(6):
            a = k * math.tau / 6 + math.pi / 6
            a_pt = (cx + math.cos(a) * r, cy + math.sin(a) * r)
            b_pt = (cx + math.cos(a) * far, cy + math.sin(a) * far)
            pen.line(C.CUPOLA_FRAME, a_pt, b_pt, 0.12)
            pen.line(C.CUPOLA_FRAME_LIGHT, a_pt, b_pt, 0.03)
        pen.circle(C.CUPOLA_FRAME, (cx, cy), r + 0.06, 0.12)
        pen.circle(C.CUPOLA_FRAME_LIGHT, (cx, cy), r + 0.02, 0.03)
        for k in range(6):
            a = k * math.tau / 6 + math.pi / 6 + math.pi / 6
            gx, gy = cx + math.cos(a) * (r + far) / 2.4, cy + math.sin(a) * (r + far) / 2.4
            pen.line((200, 230, 255), (gx - 0.12, gy - 0.06), (gx + 0.06, gy + 0.12), 0.025)
        pen.line((220, 240, 255), (cx - r * 0.5, cy - r * 0.1), (cx - r * 0.1, cy + r * 0.5), 0.03)


# -- Airlock: steel panels, hazard stripes, the round EVA hatch ------------------------------


def _airlock(pen: Pen, rooms: list[Room]) -> None:
    pen.surface.fill(C.AIRLOCK_BACK)
    for _i, _j, x, y in _cells(pen, 0.6, 0.6):
        pen.box(C.AIRLOCK_PANEL, x + 0.025, y + 0.025, x + 0.575, y + 0.575, 0.02)
        for fx in (x + 0.07, x + 0.53):
            for fy in (y + 0.07, y + 0.53):
                pen.circle(shade(C.AIRLOCK_BACK, 0.8), (fx, fy), 0.018)
    for room in rooms:
        if not _near(pen, room, 2.0):
            continue
        x0, y0, x1, y1 = room
        band = 0.16
        for by in (y0 + 0.3, y1 - 0.3 - band):
            hazard_stripes(pen, x0, by, x1, by + band, 0.14)
        _hatch(pen, room, C.AIRLOCK_HATCH, C.AIRLOCK_HATCH_EDGE, square=False)


# -- Soyuz cabin: warm padded walls, a porthole, the control panel ---------------------------


def _soyuz(pen: Pen, rooms: list[Room]) -> None:
    surface = pen.surface
    surface.fill(C.SOYUZ_PAD)
    size = 0.34
    x0, y0, x1, y1 = pen.world_box()
    # Quilted diamonds: two families of diagonal seams, buttons where they cross.
    start = math.floor((x0 - (y1 - y0)) / size) * size
    x = start
    while x < x1 + (y1 - y0):
        pen.line(C.SOYUZ_SEAM, (x, y0), (x + (y1 - y0), y1), 0.014)
        pen.line(C.SOYUZ_SEAM, (x, y1), (x + (y1 - y0), y0), 0.014)
        x += size
    for i, j, cx, cy in _cells(pen, size, size):
        if (i + j) % 2 == 0:
            pen.circle(C.SOYUZ_SEAM, (cx, cy), 0.02)
    for room in rooms:
        if not _near(pen, room, 2.0):
            continue
        rx0, ry0, rx1, ry1 = room
        cx, cy = (rx0 + rx1) / 2, (ry0 + ry1) / 2
        # Control panel, amber lamps.
        pw = min(1.2, (rx1 - rx0) * 0.4)
        ph = min(0.5, (ry1 - ry0) * 0.25)
        px0, py0 = cx - pw / 2, ry0 + 0.25
        pen.box(C.SOYUZ_SEAM, px0 - 0.04, py0 - 0.04, px0 + pw + 0.04, py0 + ph + 0.04, 0.05)
        pen.box((58, 56, 52), px0, py0, px0 + pw, py0 + ph, 0.03)
        rng = rng_for(round(rx0 * 10), round(ry0 * 10), 41)
        for k in range(int(pw / 0.1)):
            color = rng.choice((C.LED_AMBER, C.LED_AMBER, C.LED_GREEN, C.LED_RED))
            pen.circle(color, (px0 + 0.06 + k * 0.1, py0 + ph * 0.7), 0.02)
        pen.box(C.SCREEN, px0 + 0.06, py0 + 0.06, px0 + pw * 0.5, py0 + ph * 0.45)
        # Porthole.
        r = max(0.12, min(rx1 - rx0, ry1 - ry0) * 0.14)
        hx, hy = cx + (rx1 - rx0) * 0.22, cy + (ry1 - ry0) * 0.15
        pen.circle(C.SOYUZ_SEAM, (hx, hy), r + 0.06)
        pen.circle((70, 72, 70), (hx, hy), r + 0.02)
        pen.circle(C.CUPOLA_DEEP, (hx, hy), r)
        pen.circle(C.CUPOLA_SKY, (hx - r * 0.2, hy - r * 0.2), r * 0.55)
        pen.line((230, 240, 255), (hx - r * 0.5, hy + r * 0.1), (hx - r * 0.1, hy + r * 0.5), 0.02)


# -- A generic module: slate panels with seams and an occasional locker ----------------------


def _module(pen: Pen, rooms: list[Room]) -> None:
    pen.surface.fill(C.MODULE_BACK)
    for i, j, x, y in _cells(pen, 1.2, 1.2):
        pen.box(C.MODULE_PANEL, x + 0.03, y + 0.03, x + 1.17, y + 1.17, 0.04)
        rng = rng_for(i, j, 53)
        kind = rng.randrange(6)
        if kind == 0:
            pen.box(C.MODULE_LINE, x + 0.2, y + 0.2, x + 1.0, y + 1.0, 0.03, 0.015)
            pen.box(C.US_ACCENT, x + 0.85, y + 0.55, x + 0.9, y + 0.7)
        elif kind == 1:
            pen.box(C.SCREEN, x + 0.3, y + 0.45, x + 0.9, y + 0.85, 0.02)
            pen.box(mix(C.SCREEN, C.SCREEN_GLOW, 0.5), x + 0.36, y + 0.72, x + 0.7, y + 0.76)
            pen.box(mix(C.SCREEN, C.SCREEN_GLOW, 0.5), x + 0.36, y + 0.63, x + 0.6, y + 0.67)
        elif kind == 2:
            for k in range(3):
                pen.circle(C.LED_GREEN if k else C.LED_AMBER, (x + 0.3 + k * 0.12, y + 0.3), 0.025)


PAINTERS = {
    "us": _us,
    "russian": _russian,
    "node": _node,
    "cupola": _cupola,
    "airlock": _airlock,
    "soyuz": _soyuz,
    "module": _module,
}
