"""The red edge of the screen when the suit or hull is damaged: a hit is seen as it happens.

The glow is a gradient along the window's edges, its strength set by the O2 the hit cost. With
full effects a hard hit also tints the whole screen for a blink; with reduced flashing (the
settings' option) the edge glow alone swells in gently, at a fraction of the brightness, and
nothing ever covers the whole screen."""

from __future__ import annotations

import pygame

from game.render import earth

HIT_RED = (235, 40, 30)
FADE_S = 0.7  # the glow fades out over this long
FULL_PEAK_ALPHA = 200  # the edge glow of the hardest hit, full effects
REDUCED_PEAK_ALPHA = 80  # ... and with reduced flashing
REDUCED_SWELL_S = 0.18  # with reduced flashing the glow rises over this long instead of at once
BLINK_S = 0.1  # full effects only: the whole screen tinted this long
BLINK_ALPHA = 60
HARD_HIT_O2_S = 8.0  # a hit costing this many seconds of O2 (or more) flashes at full strength
MIN_STRENGTH = 0.35  # the lightest damaging hit still shows clearly
EDGE_FRACTION = 0.14  # the glow reaches this share of the window's smaller side inwards


def hit_strength(o2_lost: float) -> float:
    """0..1 from the seconds of O2 a hit cost: every damaging hit shows, harder ones more."""
    if o2_lost <= 0.0:
        return 0.0
    return min(1.0, MIN_STRENGTH + (1.0 - MIN_STRENGTH) * o2_lost / HARD_HIT_O2_S)


class HitFlash:
    def __init__(self, reduced_flashing: bool | None = None):
        self._reduced = reduced_flashing  # None: follow the game-wide setting
        self.age = FADE_S
        self.strength = 0.0
        self._edge: pygame.Surface | None = None
        self._blink: pygame.Surface | None = None

    @property
    def reduced_flashing(self) -> bool:
        return earth.reduced_flashing() if self._reduced is None else self._reduced

    @property
    def active(self) -> bool:
        return self.strength > 0.0 and self.age < FADE_S

    def hit(self, o2_lost: float) -> None:
        strength = hit_strength(o2_lost)
        if strength <= 0.0:
            return
        current = self.strength * self._fade() if self.active else 0.0
        self.strength = max(strength, current)
        self.age = 0.0

    def clear(self) -> None:
        self.strength = 0.0
        self.age = FADE_S

    def update(self, dt: float) -> None:
        if self.active:
            self.age += max(0.0, dt)

    def _fade(self) -> float:
        return max(0.0, 1.0 - self.age / FADE_S)

    def edge_alpha(self) -> int:
        """How opaque the edge glow is now (0..255)."""
        if not self.active:
            return 0
        if self.reduced_flashing:
            swell = min(1.0, self.age / REDUCED_SWELL_S)
            return round(REDUCED_PEAK_ALPHA * self.strength * min(swell, self._fade()))
        return round(FULL_PEAK_ALPHA * self.strength * self._fade())

    def blink_alpha(self) -> int:
        """The whole-screen tint now: full effects only, and only for a blink."""
        if not self.active or self.reduced_flashing or self.age >= BLINK_S:
            return 0
        return round(BLINK_ALPHA * self.strength * (1.0 - self.age / BLINK_S))

    def draw(self, surface: pygame.Surface) -> None:
        edge = self.edge_alpha()
        if edge <= 0:
            return
        size = surface.get_size()
        if self._edge is None or self._edge.get_size() != size:
            self._edge = _edge_glow(size)
            self._blink = pygame.Surface(size)
            self._blink.fill(HIT_RED)
        blink = self.blink_alpha()
        if blink > 0:
            self._blink.set_alpha(blink)
            surface.blit(self._blink, (0, 0))
        self._edge.set_alpha(edge)
        surface.blit(self._edge, (0, 0))


def _edge_glow(size: tuple[int, int]) -> pygame.Surface:
    """Red at the window's edges fading to nothing inwards (per-pixel alpha)."""
    width, height = size
    glow = pygame.Surface(size, pygame.SRCALPHA)
    depth = max(2, round(min(width, height) * EDGE_FRACTION))
    for inset in range(depth):
        alpha = round(255 * (1.0 - inset / depth) ** 2)
        rect = pygame.Rect(inset, inset, width - 2 * inset, height - 2 * inset)
        if rect.width <= 0 or rect.height <= 0:
            break
        pygame.draw.rect(glow, (*HIT_RED, alpha), rect, 1)
    return glow
