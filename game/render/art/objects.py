"""Free bodies and movers by style, drawn at angle 0 centred on the body.

`paint_body(style, pen, shape, size, radius, points, seed)` draws inside the collision shape
(a box of `size`, a circle of `radius`, or the polygon `points`) with the pen's origin at the
body's centre. Each style has a look for a box and one for a circle; a polygon gets the style's
material clipped to its outline. `seed` varies the details of look-alike bodies (debris)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pygame

from game.render.art import colors as C
from game.render.art.paint import Pen, Point, clip_to_polygon, hazard_stripes, mix, rng_for, shade

CLEAR = (0, 0, 0, 0)


def paint_body(
    style: str,
    pen: Pen,
    shape: str,
    size: tuple[float, float],
    radius: float,
    points: Sequence[Point] | None,
    seed: int = 0,
) -> None:
    look = LOOKS.get(style, LOOKS["crate"])
    if shape == "polygon" and points:
        _polygon(look, pen, points, seed)
    elif shape == "circle":
        look.round(pen, radius, seed)
    elif look.lengthwise and size[1] > size[0] * 1.15:
        # A long thing (a wrench, a bottle, a boom) lies along the box's longer side: draw it
        # along x on a canvas turned a quarter, then turn it back.
        w, h = pen.surface.get_size()
        lying = pygame.Surface((h, w), pygame.SRCALPHA)
        look.box(Pen(lying, pen.s, pen.oy, pen.ox), size[1] / 2, size[0] / 2, seed)
        pen.surface.blit(pygame.transform.rotate(lying, 90), (0, 0))
    else:
        look.box(pen, size[0] / 2, size[1] / 2, seed)


def _polygon(look, pen: Pen, points, seed: int) -> None:
    """The style's material over the outline's box, clipped to the outline, then its edge."""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    hw = max(abs(min(xs)), abs(max(xs)))
    hh = max(abs(min(ys)), abs(max(ys)))
    layer = pygame.Surface(pen.surface.get_size(), pygame.SRCALPHA)
    sub = Pen(layer, pen.s, pen.ox, pen.oy)
    look.material(sub, hw, hh, seed)
    outline = [pen.p(*q) for q in points]
    clip_to_polygon(layer, outline)
    pen.surface.blit(layer, (0, 0))
    pygame.draw.polygon(pen.surface, look.edge, outline, pen.w(0.025, 2))


def _jagged(seed: int, hw: float, hh: float, count: int = 11, rough: float = 0.32) -> list[Point]:
    """A torn outline inside the box (hw, hh): points round the centre at uneven radii."""
    rng = rng_for(seed, 7)
    points = []
    for k in range(count):
        a = (k + rng.uniform(-0.3, 0.3)) * math.tau / count
        r = rng.uniform(1.0 - rough, 1.0)
        x, y = math.cos(a), math.sin(a)
        m = max(abs(x), abs(y))  # reach the box's edge, not just the inscribed ellipse
        points.append((x / m * hw * r, y / m * hh * r))
    return points


class _Look:
    edge = C.CRATE_EDGE
    lengthwise = False  # drawn along the box's longer side, whichever that is

    def box(self, pen: Pen, hw: float, hh: float, seed: int) -> None:
        self.material(pen, hw, hh, seed)

    def round(self, pen: Pen, r: float, seed: int) -> None:
        pen.circle(self.edge, (0, 0), r)
        inner = pygame.Surface(pen.surface.get_size(), pygame.SRCALPHA)
        sub = Pen(inner, pen.s, pen.ox, pen.oy)
        self.material(sub, r, r, seed)
        mask = pygame.Surface(inner.get_size(), pygame.SRCALPHA)
        pygame.draw.circle(mask, (255, 255, 255, 255), pen.p(0, 0), r * pen.s - pen.w(0.02))
        inner.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
        pen.surface.blit(inner, (0, 0))

    def material(self, pen: Pen, hw: float, hh: float, seed: int) -> None:
        pen.box(C.CRATE, -hw, -hh, hw, hh)


class Crate(_Look):
    """A hard cargo container: white panels, dark corner brackets, a blue label, handles."""

    def box(self, pen, hw, hh, seed):
        m = min(hw, hh)
        pen.box(C.CRATE_EDGE, -hw, -hh, hw, hh, m * 0.12)
        pen.box(C.CRATE, -hw + 0.02, -hh + 0.02, hw - 0.02, hh - 0.02, m * 0.1)
        pen.box(shade(C.CRATE, 0.92), -hw + 0.06, -hh + 0.06, hw - 0.06, hh - 0.06, m * 0.06)
        c = m * 0.35
        for sx in (-1, 1):
            for sy in (-1, 1):
                x, y = sx * (hw - 0.015), sy * (hh - 0.015)
                pen.line(C.CRATE_EDGE, (x, y), (x - sx * c, y), 0.045)
                pen.line(C.CRATE_EDGE, (x, y), (x, y - sy * c), 0.045)
        pen.box(C.US_ACCENT, -hw * 0.5, hh * 0.1, hw * 0.5, hh * 0.42, 0.01)
        pen.box(C.CARD, -hw * 0.42, hh * 0.17, hw * 0.1, hh * 0.34)
        for sx in (-1, 1):
            pen.box(C.CRATE_EDGE, sx * hw * 0.7 - 0.05, -hh * 0.5, sx * hw * 0.7 + 0.05, -hh * 0.38)

    def round(self, pen, r, seed):
        pen.circle(C.CRATE_EDGE, (0, 0), r)
        pen.circle(C.CRATE, (0, 0), r - 0.025)
        pen.circle(shade(C.CRATE, 0.9), (0, 0), r * 0.72, 0.02)
        for k in range(6):
            a = k * math.tau / 6
            pen.circle(C.CRATE_EDGE, (math.cos(a) * r * 0.84, math.sin(a) * r * 0.84), r * 0.06)
        pen.box(C.US_ACCENT, -r * 0.45, -r * 0.16, r * 0.45, r * 0.16, 0.01)

    def material(self, pen, hw, hh, seed):
        pen.box(C.CRATE, -hw, -hh, hw, hh)
        pen.box(shade(C.CRATE, 0.9), -hw * 0.8, -hh * 0.8, hw * 0.8, hh * 0.8)


class Bag(_Look):
    """A soft stowage bag: beige fabric, zip round the lid, two straps, a white label."""

    edge = C.BAG_EDGE

    def box(self, pen, hw, hh, seed):
        m = min(hw, hh)
        pen.box(C.BAG_EDGE, -hw, -hh, hw, hh, m * 0.4)
        pen.box(C.BAG, -hw + 0.02, -hh + 0.02, hw - 0.02, hh - 0.02, m * 0.36)
        pen.box(shade(C.BAG, 1.06), -hw + 0.05, hh * 0.2, hw - 0.05, hh - 0.05, m * 0.3)
        zip_inset = 0.06
        x = -hw + zip_inset + 0.04
        while x < hw - zip_inset - 0.04:
            pen.line(C.BAG_EDGE, (x, -hh + zip_inset), (x + 0.025, -hh + zip_inset), 0.012)
            pen.line(C.BAG_EDGE, (x, hh - zip_inset), (x + 0.025, hh - zip_inset), 0.012)
            x += 0.05
        for sx in (-0.45, 0.45):
            pen.box(C.STRAP, sx * hw - 0.035, -hh, sx * hw + 0.035, hh)
        pen.box(C.CARD, -hw * 0.2, -hh * 0.3, hw * 0.2, hh * 0.12, 0.01)
        pen.line(C.US_ACCENT, (-hw * 0.14, -hh * 0.02), (hw * 0.12, -hh * 0.02), 0.015)
        pen.line(C.US_ACCENT, (-hw * 0.14, -hh * 0.17), (hw * 0.06, -hh * 0.17), 0.015)

    def round(self, pen, r, seed):
        pen.circle(C.BAG_EDGE, (0, 0), r)
        pen.circle(C.BAG, (0, 0), r - 0.02)
        for k in range(8):  # gathered at the drawstring
            a = k * math.tau / 8
            pen.line(C.BAG_EDGE, (0, 0), (math.cos(a) * r * 0.8, math.sin(a) * r * 0.8), 0.012)
        pen.circle(C.STRAP, (0, 0), r * 0.22)
        pen.circle(C.BAG_EDGE, (0, 0), r * 0.1)

    def material(self, pen, hw, hh, seed):
        pen.box(C.BAG, -hw, -hh, hw, hh)
        for sx in (-0.45, 0.45):
            pen.box(C.STRAP, sx * hw - 0.035, -hh, sx * hw + 0.035, hh)


class Tool(_Look):
    """A wrench: a chrome handle, an open jaw at the front, a ring at the back."""

    lengthwise = True

    edge = C.CHROME_DARK

    def box(self, pen, hw, hh, seed):
        head = min(hh, hw * 0.32)
        bar = max(0.025, head * 0.42)
        jaw_x, ring_x = hw - head, -hw + head
        pen.capsule(C.CHROME_DARK, (ring_x, 0), (jaw_x, 0), bar / 2 + 0.012)
        pen.capsule(C.CHROME, (ring_x, 0), (jaw_x, 0), bar / 2)
        pen.line(shade(C.CHROME, 1.25), (ring_x, bar * 0.18), (jaw_x, bar * 0.18), bar * 0.2)
        # Jaw: a disc with a slot cut towards +x.
        pen.circle(C.CHROME_DARK, (jaw_x, 0), head)
        pen.circle(C.CHROME, (jaw_x, 0), head - 0.012)
        pen.poly(
            CLEAR,
            [
                (jaw_x - head * 0.1, -head * 0.34),
                (hw + 0.05, -head * 0.5),
                (hw + 0.05, head * 0.5),
                (jaw_x - head * 0.1, head * 0.34),
            ],
        )
        # Ring end with its hole.
        pen.circle(C.CHROME_DARK, (ring_x, 0), head * 0.9)
        pen.circle(C.CHROME, (ring_x, 0), head * 0.9 - 0.012)
        pen.circle(CLEAR, (ring_x, 0), head * 0.45)

    def round(self, pen, r, seed):
        self.box(pen, r * 0.95, r * 0.42, seed)

    def material(self, pen, hw, hh, seed):
        pen.box(C.CHROME, -hw, -hh, hw, hh)
        pen.box(shade(C.CHROME, 1.2), -hw, hh * 0.2, hw, hh * 0.5)


class Camera(_Look):
    """A camera: a black body, its lens barrel towards +x, a red record light."""

    edge = C.METAL_DEEP

    def box(self, pen, hw, hh, seed):
        body_x1 = hw * 0.2
        pen.box(C.METAL_DEEP, -hw, -hh * 0.9, body_x1, hh * 0.9, min(hw, hh) * 0.2)
        pen.box(
            C.CAMERA_BODY, -hw + 0.015, -hh * 0.9 + 0.015, body_x1 - 0.015, hh * 0.9 - 0.015, 0.03
        )
        pen.box(shade(C.CAMERA_BODY, 1.5), -hw * 0.7, hh * 0.55, -hw * 0.1, hh * 0.9)  # viewfinder
        pen.box(C.METAL_DEEP, body_x1 - 0.02, -hh * 0.62, hw, hh * 0.62, 0.02)
        for k, x in enumerate(body_x1 + (hw - body_x1) * t for t in (0.2, 0.5, 0.8)):
            pen.line(C.CHROME_DARK if k != 1 else C.LED_RED, (x, -hh * 0.6), (x, hh * 0.6), 0.012)
        pen.box(C.LENS, hw - 0.03, -hh * 0.5, hw, hh * 0.5)
        pen.circle(C.LED_RED, (-hw * 0.65, -hh * 0.45), min(hw, hh) * 0.1)

    def round(self, pen, r, seed):
        pen.circle(C.METAL_DEEP, (0, 0), r)
        pen.circle(C.CAMERA_BODY, (0, 0), r * 0.92)
        pen.circle(C.CHROME_DARK, (0, 0), r * 0.68)
        pen.circle(C.METAL_DEEP, (0, 0), r * 0.6)
        pen.circle(C.LENS, (0, 0), r * 0.5)
        pen.circle(mix(C.LENS, C.SCREEN_GLOW, 0.5), (r * 0.05, 0), r * 0.3)
        pen.circle((210, 230, 255), (r * 0.18, r * 0.16), r * 0.1)
        pen.circle(C.LED_RED, (-r * 0.62, r * 0.5), r * 0.1)

    def material(self, pen, hw, hh, seed):
        pen.box(C.CAMERA_BODY, -hw, -hh, hw, hh)


class Canister(_Look):
    """An O2 bottle: a green cylinder, a white band, a chrome valve at the +x end."""

    lengthwise = True

    edge = C.O2_GREEN_DARK

    def box(self, pen, hw, hh, seed):
        r = hh * 0.92
        valve = min(hw * 0.25, r * 1.2)
        x0, x1 = -hw + r, hw - valve - r * 0.6
        pen.capsule(C.O2_GREEN_DARK, (x0, 0), (x1, 0), r)
        pen.capsule(C.O2_GREEN, (x0, 0), (x1, 0), r - 0.015)
        pen.line(shade(C.O2_GREEN, 1.35), (x0, r * 0.45), (x1, r * 0.45), r * 0.18)
        mid = (x0 + x1) / 2
        pen.box((236, 238, 232), mid - r * 0.5, -r + 0.015, mid + r * 0.5, r - 0.015)
        pen.line(C.O2_GREEN_DARK, (mid - r * 0.3, 0), (mid + r * 0.3, 0), r * 0.12)
        neck = x1 + r * 0.6
        pen.box(C.CHROME_DARK, x1 + r * 0.5, -r * 0.3, hw - valve * 0.4, r * 0.3, 0.01)
        pen.box(C.CHROME, neck, -r * 0.22, hw - valve * 0.4 - 0.01, r * 0.22)
        pen.box(C.CHROME_DARK, hw - valve * 0.45, -r * 0.62, hw, r * 0.62, 0.015)
        pen.box(C.LED_RED, hw - valve * 0.38, -r * 0.5, hw - 0.01, r * 0.5, 0.01)

    def round(self, pen, r, seed):
        pen.circle(C.O2_GREEN_DARK, (0, 0), r)
        pen.circle(C.O2_GREEN, (0, 0), r - 0.015)
        pen.circle(shade(C.O2_GREEN, 1.3), (-r * 0.3, r * 0.3), r * 0.25)
        pen.circle(C.CHROME_DARK, (0, 0), r * 0.42)
        pen.circle(C.CHROME, (0, 0), r * 0.32)
        pen.box(C.LED_RED, -r * 0.1, -r * 0.38, r * 0.1, r * 0.38)

    def material(self, pen, hw, hh, seed):
        pen.box(C.O2_GREEN, -hw, -hh, hw, hh)
        pen.box((236, 238, 232), -hw * 0.2, -hh, hw * 0.2, hh)


class Case(_Look):
    """A research case: ribbed aluminium, a handle on top, two latches, a sticker."""

    edge = C.CASE_EDGE

    def box(self, pen, hw, hh, seed):
        m = min(hw, hh)
        pen.box(C.CASE_EDGE, -hw, -hh, hw, hh, m * 0.14)
        pen.box(C.CASE_METAL, -hw + 0.02, -hh + 0.02, hw - 0.02, hh - 0.02, m * 0.12)
        pen.box(
            shade(C.CASE_METAL, 0.85), -hw + 0.05, -hh + 0.05, hw - 0.05, hh - 0.05, m * 0.08, 0.014
        )
        pen.box(shade(C.CASE_METAL, 1.12), -hw + 0.06, hh * 0.35, hw - 0.06, hh - 0.07, m * 0.05)
        pen.box(C.CASE_EDGE, -hw + 0.02, -0.012, hw - 0.02, 0.012)  # the lid's seam
        for sx in (-0.55, 0.55):
            pen.box(C.METAL_DEEP, sx * hw - 0.04, -0.05, sx * hw + 0.04, 0.03, 0.01)
        pen.box(C.METAL_DEEP, -hw * 0.25, hh - 0.02, hw * 0.25, hh + 0.0, 0.01)
        pen.box(C.CARD_STRIPE, -hw * 0.35, -hh * 0.75, hw * 0.05, -hh * 0.2, 0.01)
        pen.poly(
            C.HAZARD_YELLOW,
            [(-hw * 0.27, -hh * 0.68), (-hw * 0.03, -hh * 0.68), (-hw * 0.15, -hh * 0.3)],
        )

    def round(self, pen, r, seed):
        pen.circle(C.CASE_EDGE, (0, 0), r)
        pen.circle(C.CASE_METAL, (0, 0), r - 0.02)
        pen.circle(shade(C.CASE_METAL, 0.85), (0, 0), r * 0.75, 0.014)
        pen.box(C.METAL_DEEP, -r * 0.4, -r * 0.08, r * 0.4, r * 0.08, 0.02)
        pen.box(C.CARD_STRIPE, -r * 0.25, -r * 0.55, r * 0.25, -r * 0.25)

    def material(self, pen, hw, hh, seed):
        pen.box(C.CASE_METAL, -hw, -hh, hw, hh)
        pen.box(shade(C.CASE_METAL, 0.85), -hw, -hh * 0.05, hw, hh * 0.05)


class Debris(_Look):
    """Torn metal: a jagged outline, scorch marks, a scrap of gold foil, rivets."""

    edge = C.DEBRIS_DARK

    def box(self, pen, hw, hh, seed):
        outline = _jagged(seed, hw, hh)
        pen.poly(C.DEBRIS_DARK, outline)
        layer = pygame.Surface(pen.surface.get_size(), pygame.SRCALPHA)
        self.material(Pen(layer, pen.s, pen.ox, pen.oy), hw, hh, seed)
        shrunk = [pen.p(x * 0.92, y * 0.92) for x, y in outline]
        clip_to_polygon(layer, shrunk)
        pen.surface.blit(layer, (0, 0))

    def round(self, pen, r, seed):
        self.box(pen, r * 0.9, r * 0.9, seed)

    def material(self, pen, hw, hh, seed):
        rng = rng_for(seed, 3)
        pen.box(C.DEBRIS, -hw, -hh, hw, hh)
        # Lit on one side, a bent plate's shadow on the other.
        pen.poly(shade(C.DEBRIS, 1.14), [(-hw, hh), (hw * 0.5, hh), (-hw, -hh * 0.2)])
        pen.poly(shade(C.DEBRIS, 0.84), [(hw, -hh), (hw, hh * 0.1), (-hw * 0.3, -hh)])
        # Scorch: ragged smudges where it burned, darker at the heart.
        for _ in range(rng.randint(1, 2)):
            x, y = rng.uniform(-hw * 0.6, hw * 0.6), rng.uniform(-hh * 0.6, hh * 0.6)
            r = rng.uniform(0.25, 0.45) * min(hw, hh)
            ragged = [
                (
                    x + math.cos(k * math.tau / 9) * r * rng.uniform(0.6, 1.3),
                    y + math.sin(k * math.tau / 9) * r * rng.uniform(0.6, 1.3),
                )
                for k in range(9)
            ]
            pen.poly(mix(C.DEBRIS, C.SCORCH, 0.45), ragged)
            pen.poly(
                mix(C.DEBRIS, C.SCORCH, 0.8),
                [(x + (px - x) * 0.45, y + (py - y) * 0.45) for px, py in ragged],
            )
        # Panel seams with their rivets.
        for _ in range(2):
            y = rng.uniform(-hh * 0.7, hh * 0.7)
            tilt = rng.uniform(-0.15, 0.15) * hh
            pen.line(C.DEBRIS_DARK, (-hw, y - tilt), (hw, y + tilt), 0.018)
            x = -hw + 0.04
            while x < hw:
                t = (x + hw) / (2 * hw)
                pen.circle(shade(C.DEBRIS, 1.25), (x, y - tilt + 2 * tilt * t + 0.03), 0.012)
                x += 0.08
        # A scrap of gold insulation foil still stuck to it.
        fx, fy = rng.uniform(-hw * 0.7, 0), rng.uniform(0, hh * 0.7)
        foil = [(fx, fy), (fx + hw * 0.35, fy + hh * 0.1), (fx + hw * 0.15, fy - hh * 0.3)]
        pen.poly(C.KAPTON, foil)
        pen.line(shade(C.KAPTON, 1.3), foil[0], foil[1], 0.012)


class PanelShard(Debris):
    """A broken piece of solar array: blue cells, a gold edge, white cracks."""

    edge = shade(C.SOLAR_FRAME, 0.6)

    def box(self, pen, hw, hh, seed):
        outline = _jagged(seed, hw, hh, count=7, rough=0.22)
        outline = [(x, y) if k % 3 else (x * 1.0, y * 1.0) for k, (x, y) in enumerate(outline)]
        pen.poly(self.edge, outline)
        layer = pygame.Surface(pen.surface.get_size(), pygame.SRCALPHA)
        self.material(Pen(layer, pen.s, pen.ox, pen.oy), hw, hh, seed)
        clip_to_polygon(layer, [pen.p(x * 0.94, y * 0.94) for x, y in outline])
        pen.surface.blit(layer, (0, 0))

    def material(self, pen, hw, hh, seed):
        rng = rng_for(seed, 5)
        pen.box(C.SOLAR_FRAME, -hw, -hh, hw, hh)
        pen.box(C.SOLAR_CELL, -hw, -hh, hw - 0.05, hh - 0.05)
        cell = 0.11
        x = -hw
        while x < hw:
            pen.line(C.SOLAR_LINE, (x, -hh), (x, hh), 0.012)
            x += cell
        y = -hh
        while y < hh:
            pen.line(C.SOLAR_LINE, (-hw, y), (hw, y), 0.012)
            y += cell
        x, y = rng.uniform(-hw * 0.5, hw * 0.5), rng.uniform(-hh * 0.5, hh * 0.5)
        for _ in range(4):  # cracks from one point
            a = rng.uniform(0, math.tau)
            length = rng.uniform(0.4, 1.0) * max(hw, hh)
            pen.line(
                (210, 226, 250), (x, y), (x + math.cos(a) * length, y + math.sin(a) * length), 0.012
            )


# -- movers --------------------------------------------------------------------------------


class Arm(_Look):
    """A robotic arm boom: white, a joint at the back, the end effector at the +x end."""

    lengthwise = True

    edge = C.ARM_DARK

    def box(self, pen, hw, hh, seed):
        if hw < hh * 1.6:  # too short for a boom: a joint block
            self.round(pen, min(hw, hh), seed)
            return
        boom = hh * 0.62
        x0, x1 = -hw + hh, hw - hh * 1.1
        pen.box(C.ARM_DARK, x0, -boom, x1, boom, boom * 0.3)
        pen.box(C.ARM_WHITE, x0, -boom + 0.02, x1, boom - 0.02, boom * 0.3)
        pen.box(shade(C.ARM_WHITE, 1.1), x0, boom * 0.2, x1, boom * 0.6)
        pen.box(shade(C.ARM_WHITE, 0.82), x0, -boom + 0.02, x1, -boom * 0.6)
        for t in (0.18, 0.5, 0.82):  # bands
            x = x0 + (x1 - x0) * t
            pen.box(C.ARM_JOINT, x - 0.03, -boom, x + 0.03, boom)
        pen.box(C.US_ACCENT, x0 + hh * 0.4, -boom * 0.5, x0 + hh * 1.2, boom * 0.5, 0.02)
        # The joint at the back.
        pen.circle(C.ARM_DARK, (-hw + hh, 0), hh)
        pen.circle(C.ARM_JOINT, (-hw + hh, 0), hh - 0.03)
        pen.circle(shade(C.ARM_JOINT, 0.7), (-hw + hh, 0), hh * 0.45)
        # The end effector: a squat cylinder with its snare ring, at +x.
        pen.box(C.ARM_DARK, hw - hh * 1.3, -hh, hw, hh, hh * 0.2)
        pen.box(C.ARM_JOINT, hw - hh * 1.3 + 0.025, -hh + 0.025, hw - 0.025, hh - 0.025, hh * 0.16)
        pen.box(C.ARM_DARK, hw - hh * 0.5, -hh * 0.7, hw - hh * 0.36, hh * 0.7)
        pen.box(C.HAZARD_YELLOW, hw - hh * 1.0, -hh * 0.2, hw - hh * 0.7, hh * 0.2)

    def round(self, pen, r, seed):
        pen.circle(C.ARM_DARK, (0, 0), r)
        pen.circle(C.ARM_JOINT, (0, 0), r - 0.03)
        pen.circle(C.ARM_WHITE, (0, 0), r * 0.7)
        pen.circle(C.ARM_DARK, (0, 0), r * 0.3)
        pen.box(C.HAZARD_YELLOW, r * 0.45, -r * 0.12, r * 0.85, r * 0.12)

    def material(self, pen, hw, hh, seed):
        pen.box(C.ARM_WHITE, -hw, -hh, hw, hh)
        pen.box(C.ARM_JOINT, -hw, -hh * 0.15, hw, hh * 0.15)


class Crew(_Look):
    """A crew member from above, facing +x: a blue flight suit, bare head, no helmet."""

    edge = C.CREW_SUIT_DARK

    def box(self, pen, hw, hh, seed):
        # Facing +x: the shoulders span the box's height, the body its width.
        self.round(pen, min(hh, hw / 0.78), seed)

    def round(self, pen, r, seed):
        line = 0.02
        # Arms reaching forward.
        for side in (-1, 1):
            shoulder, hand = (0.0, side * 0.66 * r), (0.62 * r, side * 0.5 * r)
            pen.line(C.CREW_SUIT_DARK, shoulder, hand, r * 0.34)
            pen.line(C.CREW_SUIT, shoulder, hand, r * 0.24)
            pen.circle(C.SKIN_TONE, hand, r * 0.12)
        # Torso, with shoulder flag patches.
        torso = (-0.46 * r, -0.84 * r, 0.34 * r, 0.84 * r)
        pen.box(C.CREW_SUIT_DARK, *torso, r * 0.4)
        pen.box(
            C.CREW_SUIT,
            torso[0] + line,
            torso[1] + line,
            torso[2] - line,
            torso[3] - line,
            r * 0.36,
        )
        pen.box(C.CREW_SUIT_LIGHT, -0.3 * r, 0.3 * r, 0.2 * r, 0.5 * r, r * 0.06)
        pen.box((236, 236, 236), -0.2 * r, -0.7 * r, 0.0, -0.6 * r)
        pen.box((40, 90, 200), -0.2 * r, -0.6 * r, 0.0, -0.5 * r)
        pen.box((210, 50, 50), -0.2 * r, -0.5 * r, 0.0, -0.4 * r)
        # Head: hair at the back, face towards +x.
        pen.circle(C.CREW_SUIT_DARK, (0.06 * r, 0), r * 0.42)
        pen.circle(C.SKIN_TONE, (0.08 * r, 0), r * 0.37)
        pen.circle(C.HAIR, (-0.02 * r, 0), r * 0.33)
        pen.circle(C.SKIN_TONE, (0.2 * r, 0), r * 0.2)

    def material(self, pen, hw, hh, seed):
        pen.box(C.CREW_SUIT, -hw, -hh, hw, hh)


class Door(_Look):
    """A sliding door: a grey plate, hazard stripes at its ends, a small window, a handle."""

    edge = C.DOOR_DARK

    def box(self, pen, hw, hh, seed):
        pen.box(C.DOOR_DARK, -hw, -hh, hw, hh, min(hw, hh) * 0.2)
        pen.box(C.DOOR, -hw + 0.025, -hh + 0.025, hw - 0.025, hh - 0.025, min(hw, hh) * 0.15)
        tall = hh >= hw
        band = min(0.16, (hh if tall else hw) * 0.22)
        if tall:
            for y in (-hh + 0.025, hh - 0.025 - band):
                hazard_stripes(pen, -hw + 0.025, y, hw - 0.025, y + band, 0.06)
            pen.box(C.DOOR_DARK, -hw * 0.5, -hh * 0.25, hw * 0.5, hh * 0.25, 0.02)
            pen.box(C.CUPOLA_DEEP, -hw * 0.35, -hh * 0.2, hw * 0.35, hh * 0.2, 0.02)
        else:
            for x in (-hw + 0.025, hw - 0.025 - band):
                hazard_stripes(pen, x, -hh + 0.025, x + band, hh - 0.025, 0.06)
            pen.box(C.DOOR_DARK, -hw * 0.25, -hh * 0.5, hw * 0.25, hh * 0.5, 0.02)
            pen.box(C.CUPOLA_DEEP, -hw * 0.2, -hh * 0.35, hw * 0.2, hh * 0.35, 0.02)

    def round(self, pen, r, seed):
        pen.circle(C.DOOR_DARK, (0, 0), r)
        pen.circle(C.DOOR, (0, 0), r - 0.025)
        pen.circle(C.DOOR_DARK, (0, 0), r * 0.4)
        pen.circle(C.CUPOLA_DEEP, (0, 0), r * 0.32)

    def material(self, pen, hw, hh, seed):
        pen.box(C.DOOR, -hw, -hh, hw, hh)


class Block(_Look):
    """A heavy block: dark steel, a hazard-striped border, bolts, a cross brace."""

    edge = C.METAL_DEEP

    def box(self, pen, hw, hh, seed):
        pen.box(C.METAL_DEEP, -hw, -hh, hw, hh, min(hw, hh) * 0.08)
        band = min(hw, hh) * 0.16
        hazard_stripes(pen, -hw + 0.02, -hh + 0.02, hw - 0.02, hh - 0.02, 0.07)
        pen.box(C.BLOCK, -hw + band, -hh + band, hw - band, hh - band, 0.02)
        pen.line(shade(C.BLOCK, 0.75), (-hw + band, -hh + band), (hw - band, hh - band), band * 0.5)
        pen.line(shade(C.BLOCK, 0.75), (-hw + band, hh - band), (hw - band, -hh + band), band * 0.5)
        for sx in (-1, 1):
            for sy in (-1, 1):
                pen.circle(
                    shade(C.BLOCK, 1.3),
                    (sx * (hw - band * 1.6), sy * (hh - band * 1.6)),
                    band * 0.3,
                )

    def round(self, pen, r, seed):
        pen.circle(C.HAZARD_BLACK, (0, 0), r)
        pen.circle(C.HAZARD_YELLOW, (0, 0), r * 0.9, r * 0.12)
        pen.circle(C.BLOCK, (0, 0), r * 0.72)
        pen.circle(shade(C.BLOCK, 1.3), (0, 0), r * 0.2)

    def material(self, pen, hw, hh, seed):
        pen.box(C.BLOCK, -hw, -hh, hw, hh)


LOOKS = {
    "crate": Crate(),
    "bag": Bag(),
    "tool": Tool(),
    "camera": Camera(),
    "canister": Canister(),
    "case": Case(),
    "debris": Debris(),
    "panel-shard": PanelShard(),
    "arm": Arm(),
    "crew": Crew(),
    "door": Door(),
    "block": Block(),
}
