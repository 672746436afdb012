"""Short-lived visual particles (thruster puffs, bump dust, a breach venting). Render-side only:
they live in world metres, move by the frame time, and never touch the simulation. `size` scales
every particle, so a view that shows more metres (a craft's) still shows them."""

from __future__ import annotations

import math
import random

import pygame

from game.render.camera import Camera

MAX_PARTICLES = 600
_FRAMES = 8  # pre-rendered fade steps per style
_OUTLINED = {"ring"}  # drawn as a circle's outline, not a soft dot


class Particles:
    def __init__(self, seed: int = 1, size: float = 1.0):
        self.rng = random.Random(seed)
        self.size = size
        # Each particle: [x, y, vx, vy, age, life, style]
        self.items: list[list] = []
        self._sprites: dict[str, list[pygame.Surface]] = {}
        self._scale = 0.0
        self._styles = {
            # colour, start radius (m), end radius (m), peak alpha
            "gas": ((190, 225, 255), 0.05, 0.16, 190),
            "flame": ((255, 190, 110), 0.06, 0.14, 230),
            "dust": ((200, 206, 220), 0.03, 0.08, 200),
            "spark": ((255, 236, 150), 0.025, 0.05, 255),
            # A damaging hit: hot fragments, the air venting from the breach, and a ring that
            # marks where it struck.
            "breach": ((255, 110, 60), 0.1, 0.05, 255),
            "vent": ((236, 240, 250), 0.08, 0.4, 190),
            "ring": ((255, 86, 60), 0.15, 1.1, 255),
        }

    def clear(self) -> None:
        self.items.clear()

    def emit(self, x, y, vx, vy, life: float, style: str) -> None:
        if len(self.items) < MAX_PARTICLES:
            self.items.append([x, y, vx, vy, 0.0, life, style])

    def burst(
        self, x, y, count: int, speed: float, life: float, style: str, base=(0.0, 0.0)
    ) -> None:
        for _ in range(count):
            angle = self.rng.uniform(0.0, math.tau)
            v = speed * self.rng.uniform(0.3, 1.0)
            self.emit(
                x,
                y,
                base[0] + math.cos(angle) * v,
                base[1] + math.sin(angle) * v,
                life * self.rng.uniform(0.6, 1.0),
                style,
            )

    def update(self, dt: float) -> None:
        if not self.items:
            return
        alive = []
        for p in self.items:
            p[4] += dt
            if p[4] < p[5]:
                p[0] += p[2] * dt
                p[1] += p[3] * dt
                alive.append(p)
        self.items = alive

    def _sprites_for(self, style: str, scale: float) -> list[pygame.Surface]:
        scale *= self.size
        if scale != self._scale:
            self._scale = scale
            self._sprites.clear()
        sprites = self._sprites.get(style)
        if sprites is None:
            color, r0, r1, alpha = self._styles[style]
            sprites = []
            for i in range(_FRAMES):
                t = i / (_FRAMES - 1)
                radius = max(1.0, (r0 + (r1 - r0) * t) * scale)
                size = math.ceil(radius * 2) + 2
                surf = pygame.Surface((size, size), pygame.SRCALPHA)
                a = round(alpha * (1.0 - t) ** 1.3)
                c = size / 2
                if style in _OUTLINED:
                    width = max(2, round(radius * 0.18))
                    pygame.draw.circle(surf, (*color, a), (c, c), radius, width)
                else:
                    pygame.draw.circle(surf, (*color, a // 2), (c, c), radius)
                    pygame.draw.circle(surf, (*color, a), (c, c), radius * 0.6)
                sprites.append(surf)
            self._sprites[style] = sprites
        return sprites

    def draw(self, target: pygame.Surface, camera: Camera) -> None:
        if not self.items:
            return
        scale = camera.scale
        ox, oy = camera.offset_x, camera.offset_y
        width, height = camera.width, camera.height
        blits = []
        for x, y, _vx, _vy, age, life, style in self.items:
            sx, sy = x * scale + ox, -y * scale + oy
            if not (-20 <= sx <= width + 20 and -20 <= sy <= height + 20):
                continue
            sprites = self._sprites_for(style, scale)
            surf = sprites[min(_FRAMES - 1, int(age / life * _FRAMES))]
            half = surf.get_width() / 2
            blits.append((surf, (sx - half, sy - half)))
        target.fblits(blits)
