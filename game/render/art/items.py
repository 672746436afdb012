"""Items (collected by touching them) by style: Weronika's key, the research drive, an O2
canister, a key card, a thruster cartridge (fuel). Each floats in a pulsing glow with a glint,
so it reads as something to pick up. Sprites and glows are cached per style and pixel size; a
frame costs two blits and two short lines an item."""

from __future__ import annotations

import math
import zlib

import pygame

from game.render.art import colors as C
from game.render.art.paint import Pen, shade, soft_disc

SUPERSAMPLE = 4
FUEL = (236, 140, 48)
GLOW = {
    "key": (255, 210, 90),
    "drive": (90, 230, 255),
    "canister": (110, 240, 170),
    "card": (150, 200, 255),
    "fuel": (255, 170, 70),  # the thrust bar's orange: it refills propellant, not air
}
_cache: dict[tuple[str, int], tuple[pygame.Surface, pygame.Surface]] = {}


def item_sprite(style: str, r_px: int) -> pygame.Surface:
    """The item drawn to fit a circle of r_px pixels."""
    size = math.ceil(r_px * 2.2) * SUPERSAMPLE
    surf = pygame.Surface((size, size), pygame.SRCALPHA)
    unit = r_px * SUPERSAMPLE
    pen = Pen(surf, unit, -size / 2, -size / 2)
    PAINTERS.get(style, _key)(pen)
    w, h = surf.get_size()
    return pygame.transform.smoothscale(surf, (w // SUPERSAMPLE, h // SUPERSAMPLE))


def _sprites(style: str, r_px: int) -> tuple[pygame.Surface, pygame.Surface]:
    key = (style, r_px)
    found = _cache.get(key)
    if found is None:
        if len(_cache) > 64:
            _cache.clear()
        sprite = item_sprite(style, r_px)
        glow = soft_disc(round(r_px * 1.7), GLOW.get(style, GLOW["key"]), 200, 1.4)
        if pygame.display.get_surface() is not None:
            sprite, glow = sprite.convert_alpha(), glow.convert_alpha()
        found = _cache[key] = (sprite, glow)
    return found


def draw_item(surface: pygame.Surface, item, centre, r_px: int, time: float) -> None:
    """One item at `centre` (pixels): glow, sprite bobbing gently, a turning glint."""
    style = getattr(item, "style", "key") or "key"
    sprite, glow = _sprites(style, max(4, int(r_px)))
    x, y = centre
    phase = (zlib.crc32(str(getattr(item, "id", "")).encode()) % 628) / 100.0
    pulse = 0.5 + 0.5 * math.sin(time * math.tau * 1.1 + phase)
    glow.set_alpha(round(120 + 110 * pulse))
    surface.blit(glow, (round(x - glow.get_width() / 2), round(y - glow.get_height() / 2)))
    bob = math.sin(time * 2.1 + phase) * r_px * 0.08
    surface.blit(
        sprite, (round(x - sprite.get_width() / 2), round(y + bob - sprite.get_height() / 2))
    )
    # A glint that turns round the item.
    a = time * 1.7 + phase
    gx = x + math.cos(a) * r_px * 0.8
    gy = y + bob + math.sin(a) * r_px * 0.8
    g = max(2, round(r_px * 0.28 * (0.4 + 0.6 * pulse)))
    color = shade(GLOW.get(style, GLOW["key"]), 1.6)
    pygame.draw.line(surface, color, (gx - g, gy), (gx + g, gy), 1)
    pygame.draw.line(surface, color, (gx, gy - g), (gx, gy + g), 1)


# -- the items, in units of the touch radius, centred ---------------------------------------


def _key(pen: Pen) -> None:
    dark, gold = C.KEY_DARK, C.KEY_GOLD
    pen.circle(dark, (-0.5, 0.0), 0.42)
    pen.circle(gold, (-0.5, 0.0), 0.36)
    pen.circle(shade(gold, 1.25), (-0.58, 0.1), 0.16)
    pen.circle((0, 0, 0, 0), (-0.55, 0.0), 0.14)
    pen.box(dark, -0.16, -0.12, 0.92, 0.12, 0.04)
    pen.box(gold, -0.14, -0.07, 0.88, 0.07, 0.03)
    for x0, depth in ((0.42, 0.34), (0.62, 0.24), (0.78, 0.36)):
        pen.box(dark, x0, -depth - 0.04, x0 + 0.15, -0.05)
        pen.box(gold, x0 + 0.03, -depth, x0 + 0.12, -0.06)
    pen.line(shade(gold, 1.3), (-0.1, 0.03), (0.8, 0.03), 0.03)


def _drive(pen: Pen) -> None:
    pen.box(C.METAL_DEEP, -0.82, -0.5, 0.56, 0.5, 0.12)
    pen.box(C.DRIVE, -0.77, -0.45, 0.51, 0.45, 0.1)
    pen.box(C.CHROME_DARK, 0.5, -0.26, 0.86, 0.26, 0.03)
    pen.box(C.CHROME, 0.55, -0.2, 0.84, 0.2)
    pen.box(C.METAL_DEEP, 0.62, -0.12, 0.8, 0.12)
    pen.box(C.DRIVE_LED, -0.64, 0.2, 0.3, 0.3, 0.04)
    pen.box(C.CARD, -0.64, -0.3, -0.05, -0.05, 0.02)
    pen.line(C.CARD_STRIPE, (-0.58, -0.16), (-0.12, -0.16), 0.04)
    pen.circle(C.LED_GREEN, (0.3, -0.25), 0.07)


def _canister(pen: Pen) -> None:
    pen.capsule(C.O2_GREEN_DARK, (0.0, -0.52), (0.0, 0.3), 0.38)
    pen.capsule(C.O2_GREEN, (0.0, -0.52), (0.0, 0.3), 0.33)
    pen.line(shade(C.O2_GREEN, 1.35), (-0.16, -0.6), (-0.16, 0.36), 0.08)
    pen.box((236, 238, 232), -0.33, -0.28, 0.33, -0.02)
    pen.box(C.CHROME_DARK, -0.16, 0.6, 0.16, 0.82, 0.03)
    pen.box(C.CHROME, -0.11, 0.62, 0.11, 0.8)
    pen.box(C.LED_RED, -0.3, 0.8, 0.3, 0.9, 0.03)


def _fuel(pen: Pen) -> None:
    """A squat thruster cartridge: orange body with a hazard band and a nozzle, unlike the tall
    green O2 bottle."""
    pen.box(shade(FUEL, 0.55), -0.46, -0.5, 0.46, 0.42, 0.12)
    pen.box(FUEL, -0.4, -0.44, 0.4, 0.36, 0.1)
    pen.line(shade(FUEL, 1.3), (-0.24, -0.4), (-0.24, 0.32), 0.08)
    for x in (-0.3, -0.06, 0.18):
        pen.line(C.HAZARD_BLACK, (x, -0.18), (x + 0.16, 0.0), 0.07)
    pen.box(C.CHROME_DARK, -0.2, 0.42, 0.2, 0.58, 0.03)
    pen.poly(C.CHROME, [(-0.14, 0.58), (0.14, 0.58), (0.24, 0.82), (-0.24, 0.82)])


def _card(pen: Pen) -> None:
    pen.box(C.CHROME_DARK, -0.84, -0.56, 0.84, 0.56, 0.12)
    pen.box(C.CARD, -0.8, -0.52, 0.8, 0.52, 0.1)
    pen.box(C.CARD_STRIPE, -0.8, 0.22, 0.8, 0.4)
    pen.box(C.CHIP, -0.62, -0.22, -0.2, 0.08, 0.05)
    pen.line(shade(C.CHIP, 0.7), (-0.62, -0.07), (-0.2, -0.07), 0.03)
    pen.line(shade(C.CHIP, 0.7), (-0.41, -0.22), (-0.41, 0.08), 0.03)
    pen.box((150, 170, 200), 0.2, -0.36, 0.62, 0.1, 0.04)
    pen.circle((110, 130, 170), (0.41, -0.04), 0.1)
    pen.line(C.CHROME_DARK, (-0.62, -0.38), (0.0, -0.38), 0.04)


PAINTERS = {"key": _key, "drive": _drive, "canister": _canister, "card": _card, "fuel": _fuel}
