"""The photosensitivity notice, shown once, on the first start from the menus: the burning Earth
below the station flashes. The player can turn on reduced flashing right here; either way the
notice is not shown again (settings.seen_photosensitivity_notice)."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.menu_model import Activate, Back, Item, Menu
from game.render import menus, palette, text
from game.scenes.base import GoTitle
from game.scenes.menu import MenuScene

REDUCE, KEEP = "reduce", "keep"
NOTICE = (
    "Below the station, Earth is at war: explosions flash and fires spread across it, "
    "and some flashes are bright and quick. If flashing lights can affect you, "
    "play with reduced flashing: every flash becomes a slow, dim glow."
)


class NoticeScene(MenuScene):
    name = "notice"

    def __init__(self, backdrop, decide: Callable[[bool], None]):
        super().__init__(backdrop)
        self.decide = decide  # called with True for reduced flashing
        self.menu = Menu(
            [Item(REDUCE, "Reduce flashing"), Item(KEEP, "Play with full effects")],
            horizontal=True,
        )

    def choose(self, choice) -> None:
        if isinstance(choice, Activate) and choice.id in (REDUCE, KEEP):
            self.decide(choice.id == REDUCE)
            self.next = GoTitle()
        elif isinstance(choice, Back):
            self.menu.select(REDUCE)  # nothing is decided by backing out

    def draw(self, surface, alpha: float, dt: float) -> None:
        menus.space(surface)
        w, h = surface.get_size()
        u = text.ui_scale((w, h))
        box = pygame.Rect(0, 0, round(820 * u), round(400 * u))
        box.center = (w // 2, h // 2)
        menus.panel(surface, box, u, edge=(150, 110, 60))
        x = box.left + round(48 * u)
        y = box.top + round(40 * u)
        _warning(surface, (x + round(20 * u), y + round(20 * u)), 22 * u)
        text.blit(
            surface,
            "Photosensitivity notice",
            round(42 * u),
            (x + round(58 * u), y + round(2 * u)),
            palette.WARN,
        )
        y += round(74 * u)
        for line in text.wrap(NOTICE, round(27 * u), box.width - round(96 * u)):
            y = text.blit(surface, line, round(27 * u), (x, y), palette.TEXT).bottom + round(2 * u)
        y += round(14 * u)
        text.blit(
            surface,
            "You can change this at any time in Settings.",
            round(22 * u),
            (x, y),
            palette.TEXT_DIM,
        )
        menus.draw_buttons(
            surface, self.menu, (box.centerx, box.bottom - round(52 * u)), u, size=28
        )
        menus.hints(surface, "left / right choose    Enter / A confirm    or click", u)


def _warning(surface, center, r: float) -> None:
    cx, cy = center
    points = [(cx, cy - r), (cx + r * 1.1, cy + r * 0.85), (cx - r * 1.1, cy + r * 0.85)]
    pygame.draw.polygon(surface, palette.WARN, points)
    pygame.draw.line(
        surface, palette.SPACE_TOP, (cx, cy - r * 0.4), (cx, cy + r * 0.3), max(2, round(r * 0.2))
    )
    pygame.draw.circle(surface, palette.SPACE_TOP, (cx, cy + r * 0.58), max(2, r * 0.12))
