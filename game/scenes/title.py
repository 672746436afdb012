"""The title screen: the game's name over the station and Earth, and where to go from here.

Play campaign, Level select, Settings, Quit. Esc goes to Quit (and a second Esc quits)."""

from __future__ import annotations

import pygame

from game import __version__
from game.menu_model import Activate, Back, Item, Menu
from game.render import menus, palette, text
from game.scenes.base import QUIT, GoLevelSelect, OpenSettings, StartCampaign
from game.scenes.menu import MenuScene

CAMPAIGN, LEVELS, SETTINGS, LEAVE = "campaign", "levels", "settings", "quit"
TAGLINE = "Six crew. Two orders. One station, 400 km above a burning Earth."


class TitleScene(MenuScene):
    name = "title"

    def __init__(self, backdrop, campaign_ready: bool = True):
        super().__init__(backdrop)
        self.menu = Menu(
            [
                Item(
                    CAMPAIGN,
                    "Play campaign",
                    enabled=campaign_ready,
                    detail="Every mission in story order as one full run: every attempt counts."
                    if campaign_ready
                    else "No campaign level could be loaded (see Level select).",
                ),
                Item(LEVELS, "Level select", detail="Any mission, your own levels, your PBs."),
                Item(SETTINGS, "Settings", detail="Sound, display, controls, assists, LiveSplit."),
                Item(LEAVE, "Quit"),
            ]
        )

    def choose(self, choice) -> None:
        if isinstance(choice, Back):
            if self.menu.selected_id == LEAVE:
                self.next = QUIT
            else:
                self.menu.select(LEAVE)
            return
        if not isinstance(choice, Activate):
            return
        item = self.menu.item
        if item is not None and not item.enabled:
            return
        if choice.id == CAMPAIGN:
            self.next = StartCampaign()
        elif choice.id == LEVELS:
            self.next = GoLevelSelect()
        elif choice.id == SETTINGS:
            self.next = OpenSettings(back=self)
        elif choice.id == LEAVE:
            self.next = QUIT

    def draw(self, surface, alpha: float, dt: float) -> None:
        self.draw_backdrop(surface, alpha, dt)
        menus.shade(surface, "left", reach=0.62, depth=245)
        menus.vignette(surface)
        w, h = surface.get_size()
        u = text.ui_scale((w, h))
        left = round(96 * u)
        top = round(h * 0.13)
        draw_logo(surface, (left, top), u)
        area = pygame.Rect(left - round(4 * u), round(h * 0.5), round(440 * u), round(4 * 54 * u))
        box = area.inflate(round(36 * u), round(36 * u))
        box.height += round(46 * u)
        menus.panel(surface, box, u, opacity=200)
        menus.draw_list(surface, self.menu, area, u, row_h=54, size=34)
        item = self.menu.item
        if item is not None and item.detail:
            line = text.fit(item.detail, round(20 * u), box.width - round(40 * u))
            text.blit(
                surface,
                line,
                round(20 * u),
                (area.left + round(14 * u), area.bottom + round(14 * u)),
                palette.TEXT_DIM,
            )
        text.blit(
            surface,
            f"v{__version__}",
            round(18 * u),
            (w - round(20 * u), h - round(14 * u)),
            palette.TEXT_DIM,
            "bottomright",
        )
        menus.hints(
            surface,
            "arrows / d-pad choose    Enter / A select    Esc / B back    F11 fullscreen",
            u,
        )


def draw_logo(surface, topleft, u: float) -> pygame.Rect:
    """LAST ORBIT in wide-spaced capitals, a cyan rule, the line under it and the tagline."""
    x, y = topleft
    size = round(118 * u)
    face = text.font(size)
    spacing = round(size * 0.07)
    left = x
    height = 0
    for letter in "LAST ORBIT":
        if letter == " ":
            left += face.size(" ")[0] + spacing
            continue
        rect = text.blit(surface, letter, size, (left, y), palette.TEXT)
        left = rect.left + face.size(letter)[0] + spacing
        height = max(height, rect.height)
    right = left - spacing
    rule_y = y + height + round(6 * u)
    rule = pygame.Rect(x + round(4 * u), rule_y, right - x - round(4 * u), max(2, round(3 * u)))
    pygame.draw.rect(surface, palette.ZONE, rule, border_radius=rule.height // 2)
    pygame.draw.circle(surface, palette.TEXT, (rule.right, rule.centery), max(3, round(5 * u)))
    text.blit(
        surface,
        "A ZERO-G ARCADE GAME OF THE MISSIONS OF I.S.S.",
        round(22 * u),
        (x + round(4 * u), rule.bottom + round(14 * u)),
        palette.ZONE,
    )
    text.blit(
        surface,
        TAGLINE,
        round(24 * u),
        (x + round(4 * u), rule.bottom + round(44 * u)),
        palette.TEXT_DIM,
    )
    return pygame.Rect(x, y, right - x, rule.bottom + round(68 * u) - y)
