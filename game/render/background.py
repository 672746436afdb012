"""Deep space with stars and, for `background = "earth"`, the curve of Earth below.

Drawn once per window size into one opaque surface a little larger than the window, then
blitted each frame through a window that shifts slowly with the camera (parallax)."""

from __future__ import annotations

import math
import random

import pygame

from game.render import palette
from game.render.camera import Camera

PARALLAX = 0.05  # the background moves this fraction of the camera's motion
MARGIN_FRACTION = 0.18  # of the window height, kept on every side for the parallax to slide in


def _lerp(a, b, t: float) -> tuple[int, int, int]:
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))


class Background:
    def __init__(self, kind: str, bounds: tuple[float, float, float, float], seed: int = 7):
        self.kind = kind
        self.bounds = bounds
        self.seed = seed
        self.surface: pygame.Surface | None = None
        self.size = (0, 0)
        self.margin = 0

    def _build(self, size: tuple[int, int]) -> None:
        width, height = size
        margin = max(8, round(height * MARGIN_FRACTION))
        big_w, big_h = width + 2 * margin, height + 2 * margin
        surface = pygame.Surface((big_w, big_h))
        for y in range(big_h):
            color = _lerp(palette.SPACE_TOP, palette.SPACE_BOTTOM, y / max(1, big_h - 1))
            pygame.draw.line(surface, color, (0, y), (big_w, y))
        rng = random.Random(self.seed)
        unit = height / 720.0
        for _ in range(int(big_w * big_h / 4200)):
            x, y = rng.randrange(big_w), rng.randrange(big_h)
            brightness = rng.random() ** 2.2
            color = _lerp(palette.SPACE_TOP, palette.STAR, 0.25 + 0.75 * brightness)
            if brightness > 0.85 and unit >= 0.8:
                pygame.draw.circle(
                    surface,
                    _lerp(palette.SPACE_TOP, palette.STAR, 0.35),
                    (x, y),
                    max(2, round(2 * unit)),
                )
                pygame.draw.circle(surface, color, (x, y), max(1, round(unit)))
            else:
                surface.set_at((x, y), color)
        if self.kind == "earth":
            _draw_earth(surface, margin, width, height, rng)
        self.surface = (
            surface.convert()
            if pygame.display.get_init() and pygame.display.get_surface() is not None
            else surface
        )
        self.size = size
        self.margin = margin

    def draw(self, target: pygame.Surface, camera: Camera) -> None:
        size = target.get_size()
        if self.surface is None or size != self.size:
            self._build(size)
        assert self.surface is not None
        x0, y0, x1, y1 = self.bounds
        span = max(x1 - x0, y1 - y0, 1.0) / 2.0
        # Slide at most `margin` pixels across the whole level, at most PARALLAX of the motion.
        factor = min(PARALLAX * camera.scale, self.margin / span)
        dx = (camera.x - (x0 + x1) / 2.0) * factor
        dy = -(camera.y - (y0 + y1) / 2.0) * factor
        m = self.margin
        ox = m + max(-m, min(m, round(dx)))
        oy = m + max(-m, min(m, round(dy)))
        target.blit(self.surface, (0, 0), pygame.Rect(ox, oy, size[0], size[1]))


def _draw_earth(
    surface: pygame.Surface, margin: int, width: int, height: int, rng: random.Random
) -> None:
    big_w, big_h = surface.get_size()
    radius = round(width * 2.4)
    cx = big_w // 2
    top = margin + round(height * 0.80)
    cy = top + radius
    # Atmosphere glow: rings fading outwards.
    glow = pygame.Surface((big_w, big_h), pygame.SRCALPHA)
    glow_width = max(6, round(height * 0.05))
    for i in range(glow_width, 0, -1):
        alpha = round(90 * (1 - i / glow_width) ** 2)
        pygame.draw.circle(glow, (*palette.ATMOSPHERE, alpha), (cx, cy), radius + i)
    surface.blit(glow, (0, 0))
    # The disc, lighter towards the limb (haze), deep blue inside.
    disc = pygame.Surface((big_w, big_h), pygame.SRCALPHA)
    band = max(10, round(height * 0.16))
    steps = 24
    for i in range(steps + 1):
        t = i / steps
        color = _lerp(palette.ATMOSPHERE, palette.EARTH_SHALLOW, min(1.0, t * 3.0))
        color = _lerp(color, palette.EARTH_DEEP, t)
        pygame.draw.circle(disc, (*color, 255), (cx, cy), radius - round(band * t))
    # Land and clouds, clipped to the disc by drawing them only inside it afterwards.
    detail = pygame.Surface((big_w, big_h), pygame.SRCALPHA)
    for _ in range(7):
        x = rng.uniform(0, big_w)
        y = rng.uniform(top + band * 0.4, big_h + band)
        w = rng.uniform(0.08, 0.22) * width
        h = w * rng.uniform(0.12, 0.25)
        points = []
        for k in range(14):
            angle = k / 14 * math.tau
            wobble = rng.uniform(0.7, 1.15)
            points.append(
                (x + math.cos(angle) * w * wobble / 2, y + math.sin(angle) * h * wobble / 2)
            )
        pygame.draw.polygon(detail, (*palette.EARTH_LAND, 150), points)
    for _ in range(38):
        x = rng.uniform(-0.1, 1.1) * big_w
        y = rng.uniform(top, big_h + band)
        depth = (y - top) / max(1.0, big_h - top)
        w = rng.uniform(0.05, 0.18) * width * (0.5 + depth)
        h = w * rng.uniform(0.08, 0.16)
        alpha = round(rng.uniform(60, 150) * (0.6 + 0.4 * depth))
        pygame.draw.ellipse(
            detail,
            (*palette.EARTH_CLOUD, alpha),
            pygame.Rect(round(x - w / 2), round(y - h / 2), round(w), round(h)),
        )
    mask = pygame.Surface((big_w, big_h), pygame.SRCALPHA)
    pygame.draw.circle(mask, (255, 255, 255, 255), (cx, cy), radius - max(2, band // 6))
    detail.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
    disc.blit(detail, (0, 0))
    surface.blit(disc, (0, 0))
    # A thin bright rim where the atmosphere meets space.
    pygame.draw.circle(
        surface,
        _lerp(palette.ATMOSPHERE, (255, 255, 255), 0.4),
        (cx, cy),
        radius,
        max(1, round(height / 360)),
    )
