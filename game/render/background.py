"""Deep space with stars and, for `background = "earth"`, the curve of Earth below with the war
spreading across it (game/render/earth.py); or the level's own backdrop image.

Drawn once per window size into one opaque surface a little larger than the window, then
blitted each frame through a window that shifts slowly with the camera (parallax). The war's
burnt-out strikes are baked into that surface as level time passes; only the strikes burning
now are drawn each frame. `reduced_flashing` (None: follow the game-wide setting in
game.render.earth) dims the flashes."""

from __future__ import annotations

import io
import math
import random
from pathlib import Path

import pygame

from game.levels.assets import read_image_bytes
from game.render import palette
from game.render.camera import Camera
from game.render.earth import EarthGeometry, EarthWar

PARALLAX = 0.05  # the background moves this fraction of the camera's motion
MARGIN_FRACTION = 0.18  # of the window height, kept on every side for the parallax to slide in


def _lerp(a, b, t: float) -> tuple[int, int, int]:
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))


class Background:
    def __init__(
        self,
        kind: str,
        bounds: tuple[float, float, float, float],
        backdrop: Path | None = None,
        seed: int = 7,
        reduced_flashing: bool | None = None,
    ):
        self.kind = kind
        self.bounds = bounds
        self.backdrop = backdrop
        self.seed = seed
        self.surface: pygame.Surface | None = None
        self.size = (0, 0)
        self.margin = 0
        self._image: pygame.Surface | None = None
        self._image_failed = False
        self.war = EarthWar(reduced_flashing=reduced_flashing) if kind == "earth" else None
        self._pristine: pygame.Surface | None = None

    @property
    def reduced_flashing(self) -> bool:
        return self.war is not None and self.war.reduced_flashing

    @reduced_flashing.setter
    def reduced_flashing(self, on: bool | None) -> None:
        if self.war is not None:
            self.war.reduced_flashing = on

    def flash(self, tick: int, strength: float = 1.0) -> None:
        """A strike on Earth that a level's trigger asked for, at level tick `tick`."""
        if self.war is not None:
            self.war.trigger(tick, strength)

    def _backdrop_image(self) -> pygame.Surface | None:
        if self.backdrop is None or self._image_failed:
            return None
        if self._image is None:
            data = read_image_bytes(self.backdrop)
            if isinstance(data, str):
                self._image_failed = True  # swapped for a bomb since the level was checked
                return None
            try:
                self._image = pygame.image.load(io.BytesIO(data), "backdrop.png")
            except (pygame.error, OSError, ValueError):
                self._image_failed = True  # a broken picture never stops the level
                return None
        return self._image

    def _build(self, size: tuple[int, int]) -> None:
        width, height = size
        margin = max(8, round(height * MARGIN_FRACTION))
        big_w, big_h = width + 2 * margin, height + 2 * margin
        surface = pygame.Surface((big_w, big_h))
        rng = random.Random(self.seed)
        image = self._backdrop_image()
        if image is not None:
            iw, ih = image.get_size()
            cover = max(big_w / max(1, iw), big_h / max(1, ih))
            scaled = pygame.transform.smoothscale(
                image.convert() if image.get_alpha() is None else image.convert_alpha(),
                (math.ceil(iw * cover), math.ceil(ih * cover)),
            )
            surface.blit(scaled, scaled.get_rect(center=(big_w // 2, big_h // 2)))
        else:
            _draw_space(surface, height, rng)
        geometry = None
        if self.kind == "earth":
            geometry = _draw_earth(surface, margin, width, height, rng)
        if pygame.display.get_init() and pygame.display.get_surface() is not None:
            surface = surface.convert()
        if self.war is not None and geometry is not None:
            self.war.layout(geometry)
            self._pristine = surface.copy()
        self.surface = surface
        self.size = size
        self.margin = margin

    def draw(self, target: pygame.Surface, camera: Camera, tick: int | None = None) -> None:
        """The backdrop for the camera; with the level's `tick`, the war on Earth at that
        moment (without, Earth as it was before the first strike)."""
        size = target.get_size()
        if self.surface is None or size != self.size:
            self._build(size)
        assert self.surface is not None
        war = self.war if tick is not None and self._pristine is not None else None
        if war is not None:
            war.bake(self.surface, self._pristine, tick)
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
        if war is not None:
            war.draw(target, (ox, oy), tick)


def _draw_space(surface: pygame.Surface, height: int, rng: random.Random) -> None:
    big_w, big_h = surface.get_size()
    for y in range(big_h):
        color = _lerp(palette.SPACE_TOP, palette.SPACE_BOTTOM, y / max(1, big_h - 1))
        pygame.draw.line(surface, color, (0, y), (big_w, y))
    unit = height / 720.0
    for _ in range(int(big_w * big_h / 4200)):
        x, y = rng.randrange(big_w), rng.randrange(big_h)
        brightness = rng.random() ** 2.2
        color = _lerp(palette.SPACE_TOP, palette.STAR, 0.25 + 0.75 * brightness)
        if brightness > 0.85 and unit >= 0.8:
            halo = _lerp(palette.SPACE_TOP, palette.STAR, 0.35)
            pygame.draw.circle(surface, halo, (x, y), max(2, round(2 * unit)))
            pygame.draw.circle(surface, color, (x, y), max(1, round(unit)))
        else:
            surface.set_at((x, y), color)


def _draw_earth(
    surface: pygame.Surface, margin: int, width: int, height: int, rng: random.Random
) -> EarthGeometry | None:
    """Earth's limb along the bottom: atmosphere glow, ocean, land, cloud bands. All the work
    happens in a strip under the horizon, so building it stays quick."""
    big_w, big_h = surface.get_size()
    radius = round(width * 2.4)
    glow_width = max(6, round(height * 0.05))
    horizon = margin + round(height * 0.80)
    strip_top = max(0, horizon - glow_width - 2)
    strip_h = big_h - strip_top
    if strip_h <= 0:
        return None
    cx = big_w // 2
    cy = horizon + radius - strip_top  # circle centre in strip coordinates
    strip = pygame.Surface((big_w, strip_h), pygame.SRCALPHA)
    for i in range(glow_width, 0, -1):
        alpha = round(90 * (1 - i / glow_width) ** 2)
        pygame.draw.circle(strip, (*palette.ATMOSPHERE, alpha), (cx, cy), radius + i)
    disc = pygame.Surface((big_w, strip_h), pygame.SRCALPHA)
    band = max(10, round(height * 0.16))
    steps = 24
    for i in range(steps + 1):
        t = i / steps
        color = _lerp(palette.ATMOSPHERE, palette.EARTH_SHALLOW, min(1.0, t * 3.0))
        color = _lerp(color, palette.EARTH_DEEP, t)
        pygame.draw.circle(disc, (*color, 255), (cx, cy), radius - round(band * t))
    detail = pygame.Surface((big_w, strip_h), pygame.SRCALPHA)
    top = cy - radius
    for _ in range(6):
        x = rng.uniform(0, big_w)
        y = rng.uniform(top + band * 0.5, strip_h + band)
        w = rng.uniform(0.10, 0.28) * width
        h = w * rng.uniform(0.10, 0.22)
        points = []
        for k in range(18):
            angle = k / 18 * math.tau
            wobble = rng.uniform(0.65, 1.2)
            points.append(
                (x + math.cos(angle) * w * wobble / 2, y + math.sin(angle) * h * wobble / 2)
            )
        pygame.draw.polygon(detail, (*palette.EARTH_LAND, 130), points)
    # Clouds: bands of small puffs, flattened by perspective near the horizon.
    for _ in range(16):
        x = rng.uniform(-0.1, 1.1) * big_w
        y = rng.uniform(top + 4, strip_h + band)
        depth = max(0.0, min(1.0, (y - top) / max(1.0, strip_h - top)))
        length = rng.uniform(0.08, 0.30) * width
        for _ in range(rng.randint(6, 14)):
            px = x + rng.uniform(-0.5, 0.5) * length
            py = y + rng.uniform(-0.3, 0.3) * length * 0.08 * (0.5 + depth)
            w = rng.uniform(0.015, 0.05) * width * (0.5 + depth)
            h = w * rng.uniform(0.25, 0.45) * (0.4 + depth)
            alpha = round(rng.uniform(70, 160) * (0.6 + 0.4 * depth))
            rect = pygame.Rect(
                round(px - w / 2), round(py - h / 2), max(1, round(w)), max(1, round(h))
            )
            pygame.draw.ellipse(detail, (*palette.EARTH_CLOUD, alpha), rect)
    mask = pygame.Surface((big_w, strip_h), pygame.SRCALPHA)
    pygame.draw.circle(mask, (255, 255, 255, 255), (cx, cy), radius - max(2, band // 8))
    detail.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
    disc.blit(detail, (0, 0))
    strip.blit(disc, (0, 0))
    rim = _lerp(palette.ATMOSPHERE, (255, 255, 255), 0.4)
    pygame.draw.circle(strip, rim, (cx, cy), radius, max(1, round(height / 360)))
    surface.blit(strip, (0, strip_top))
    return EarthGeometry(big_w, big_h, cx, cy + strip_top, radius, height / 720.0)
