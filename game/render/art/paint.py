"""Drawing helpers shared by the painters: the Pen (metres to pixels), oriented frames,
deterministic per-cell randomness, masks and a few primitives."""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence

import pygame

from game.render.art import colors

Point = tuple[float, float]
Color = tuple[int, int, int] | tuple[int, int, int, int]


def mix(a, b, t: float) -> tuple[int, int, int]:
    t = max(0.0, min(1.0, t))
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def shade(color, factor: float) -> tuple[int, int, int]:
    """Darker (factor < 1) or lighter (factor > 1, towards white) version of a colour."""
    if factor <= 1.0:
        return tuple(max(0, round(c * factor)) for c in color[:3])
    return mix(color, (255, 255, 255), factor - 1.0)


def rng_for(*keys: int) -> random.Random:
    """A random source fixed by integer keys (a grid cell, a salt): the same every run."""
    h = 0xCBF29CE484222325
    for key in keys:
        h ^= key & 0xFFFFFFFF
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
        h ^= h >> 29
    return random.Random(h)


def points_key(points: Iterable[Point]) -> int:
    """A stable integer from an outline, to seed a solid's details."""
    h = 17
    for x, y in points:
        h = (h * 1_000_003 + round(x * 1000)) & 0xFFFFFFFF
        h = (h * 1_000_003 + round(y * 1000)) & 0xFFFFFFFF
    return h


class Pen:
    """Maps metres (y up) to pixels of one surface: px = (x * s - ox, -y * s - oy)."""

    def __init__(self, surface: pygame.Surface, s: float, ox: float, oy: float):
        self.surface = surface
        self.s = s
        self.ox = ox
        self.oy = oy

    def p(self, x: float, y: float) -> Point:
        return x * self.s - self.ox, -y * self.s - self.oy

    def w(self, metres: float, least: int = 1) -> int:
        """A line width in pixels for a width in metres."""
        return max(least, round(metres * self.s))

    def rect(self, x0: float, y0: float, x1: float, y1: float) -> pygame.Rect:
        ax, ay = self.p(x0, y1)
        bx, by = self.p(x1, y0)
        return pygame.Rect(round(ax), round(ay), max(1, round(bx - ax)), max(1, round(by - ay)))

    def world_box(self) -> tuple[float, float, float, float]:
        """The world rectangle (x0, y0, x1, y1) the surface covers."""
        w, h = self.surface.get_size()
        s = self.s
        return self.ox / s, -(self.oy + h) / s, (self.ox + w) / s, -self.oy / s

    # -- primitives in metres -------------------------------------------------------------

    def poly(self, color, points: Sequence[Point], width: int = 0) -> None:
        if len(points) >= 3:
            pygame.draw.polygon(self.surface, color, [self.p(*q) for q in points], width)

    def line(self, color, a: Point, b: Point, width_m: float) -> None:
        pygame.draw.line(self.surface, color, self.p(*a), self.p(*b), self.w(width_m))

    def circle(self, color, c: Point, r_m: float, width_m: float = 0.0) -> None:
        r = r_m * self.s
        if r < 0.5:
            return
        width = 0 if width_m <= 0 else min(round(r), self.w(width_m))
        pygame.draw.circle(self.surface, color, self.p(*c), r, width)

    def box(self, color, x0, y0, x1, y1, radius_m: float = 0.0, width_m: float = 0.0) -> None:
        rect = self.rect(x0, y0, x1, y1)
        width = 0 if width_m <= 0 else self.w(width_m)
        pygame.draw.rect(self.surface, color, rect, width, border_radius=round(radius_m * self.s))

    def capsule(self, color, a: Point, b: Point, r_m: float) -> None:
        capsule(self.surface, color, self.p(*a), self.p(*b), r_m * self.s)


class Frame:
    """An oriented frame in the world: `a` along the axis u, `b` across it (v = u turned +90°)."""

    def __init__(self, origin: Point, u: Point):
        self.ox, self.oy = origin
        self.ux, self.uy = u

    def at(self, a: float, b: float) -> Point:
        return self.ox + a * self.ux - b * self.uy, self.oy + a * self.uy + b * self.ux

    def local(self, x: float, y: float) -> Point:
        dx, dy = x - self.ox, y - self.oy
        return dx * self.ux + dy * self.uy, -dx * self.uy + dy * self.ux

    def quad(self, a0: float, b0: float, a1: float, b1: float) -> list[Point]:
        return [self.at(a0, b0), self.at(a1, b0), self.at(a1, b1), self.at(a0, b1)]

    def extent(self, points: Iterable[Point]) -> tuple[float, float, float, float]:
        local = [self.local(x, y) for x, y in points]
        a = [p[0] for p in local]
        b = [p[1] for p in local]
        return min(a), min(b), max(a), max(b)


def frame_for(points: Sequence[Point]) -> tuple[Frame, tuple[float, float, float, float]]:
    """The frame along a polygon's longest edge, centred on its box, and the (a0, b0, a1, b1)
    extent of the polygon in it."""
    best, u = -1.0, (1.0, 0.0)
    count = len(points)
    for i in range(count):
        ax, ay = points[i]
        bx, by = points[(i + 1) % count]
        length = math.hypot(bx - ax, by - ay)
        if length > best + 1e-9:
            best, u = length, ((bx - ax) / length, (by - ay) / length) if length else (1.0, 0.0)
    # Prefer an axis pointing right (or up) so patterns do not flip between similar solids.
    if u[0] < -1e-9 or (abs(u[0]) <= 1e-9 and u[1] < 0):
        u = (-u[0], -u[1])
    frame = Frame((0.0, 0.0), u)
    a0, b0, a1, b1 = frame.extent(points)
    centre = frame.at((a0 + a1) / 2, (b0 + b1) / 2)
    frame = Frame(centre, u)
    return frame, frame.extent(points)


def capsule(surface: pygame.Surface, color, a: Point, b: Point, radius: float) -> None:
    """A filled capsule (a pymunk segment with a radius) in pixels."""
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    length = math.hypot(dx, dy)
    if length > 0:
        nx, ny = -dy / length * radius, dx / length * radius
        pygame.draw.polygon(
            surface,
            color,
            [(ax + nx, ay + ny), (bx + nx, by + ny), (bx - nx, by - ny), (ax - nx, ay - ny)],
        )
    if radius >= 0.5:
        pygame.draw.circle(surface, color, a, radius)
        pygame.draw.circle(surface, color, b, radius)


def clip_to_polygon(surface: pygame.Surface, outline: Sequence[Point]) -> None:
    """Keep only the pixels of `surface` inside the outline (pixel coordinates)."""
    mask = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    pygame.draw.polygon(mask, (255, 255, 255, 255), outline)
    surface.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)


def hazard_stripes(pen: Pen, x0, y0, x1, y1, stripe_m: float) -> None:
    """Yellow and black diagonal stripes filling a world rectangle."""
    pen.box(colors.HAZARD_YELLOW, x0, y0, x1, y1)
    height = y1 - y0
    x = math.floor((x0 - height) / (2 * stripe_m)) * 2 * stripe_m
    clip = pen.surface.get_clip()
    pen.surface.set_clip(pen.rect(x0, y0, x1, y1).clip(clip))
    while x < x1:
        pen.poly(
            colors.HAZARD_BLACK,
            [(x, y0), (x + stripe_m, y0), (x + stripe_m + height, y1), (x + height, y1)],
        )
        x += 2 * stripe_m
    pen.surface.set_clip(clip)


def soft_disc(radius: int, color, peak: int = 255, power: float = 1.6) -> pygame.Surface:
    """A round glow: `color` with alpha falling from `peak` at the centre to 0 at `radius`."""
    size = radius * 2 + 2
    surf = pygame.Surface((size, size), pygame.SRCALPHA)
    c = size / 2
    steps = max(2, min(radius, 24))
    for k in range(steps, 0, -1):
        t = k / steps
        alpha = round(peak * (1.0 - t) ** power) if k < steps else 0
        pygame.draw.circle(surf, (*color[:3], max(0, alpha)), (c, c), max(1.0, radius * t))
    return surf
