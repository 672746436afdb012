"""The pause menu over the frozen game: resume, restart, settings, quit.

Esc (or Start) resumes, R restarts and Q quits at once; the menu does the same by arrows,
mouse or d-pad. "Quit" hands off LeavePlay: to the level select when the game was started
from the menus, to the shell when it was started straight into a level."""

from __future__ import annotations

import pygame

from game.input import PAUSE, QUIT, RESTART, key_label
from game.menu_model import Activate, Back, Item, Menu
from game.render import menus, overlay, palette, text
from game.scenes.base import LeavePlay, OpenSettings, Still
from game.scenes.menu import MenuScene

RESUME, RESTART_ITEM, SETTINGS, LEAVE = "resume", "restart", "settings", "leave"


class PauseScene(MenuScene):
    name = "paused"

    def __init__(self, play, to_menus: bool = False):
        super().__init__(None)
        self.play = play
        self.to_menus = to_menus
        self.still = Still()
        # In a full run a restart costs time and leaving ends the run: the labels say so.
        self.full_run = getattr(play, "campaign", None) is not None
        self.quit_label = "quit to menu" if to_menus else "quit"
        restart = "Restart"
        if self.full_run:
            self.quit_label = "quit run"
            restart = "Restart (the time counts)"
        self.menu = Menu(
            [
                Item(RESUME, "Resume"),
                Item(RESTART_ITEM, restart),
                Item(SETTINGS, "Settings"),
                Item(LEAVE, self.quit_label.capitalize()),
            ]
        )

    def enter(self) -> None:
        super().enter()
        self.still.invalidate()  # settings (keys, flashing) may have changed what is drawn

    def update(self, ticks: int) -> None:
        pass

    def handle(self, event, actions: list[str]) -> None:
        if PAUSE in actions:
            self.next = self.play
        elif RESTART in actions:
            self._restart()
        elif QUIT in actions:
            self.next = LeavePlay()
        else:
            super().handle(event, actions)

    def _restart(self) -> None:
        self.play.restart()
        self.next = self.play

    def choose(self, choice) -> None:
        if isinstance(choice, Back):
            self.next = self.play
        elif isinstance(choice, Activate):
            if choice.id == RESUME:
                self.next = self.play
            elif choice.id == RESTART_ITEM:
                self._restart()
            elif choice.id == SETTINGS:
                self.next = OpenSettings(back=self)
            elif choice.id == LEAVE:
                self.next = LeavePlay()

    def draw(self, surface, alpha: float, dt: float) -> None:
        def paint(target):
            self.play.draw(target, alpha, 0.0)
            overlay.dim(target)

        self.still.draw(surface, paint)
        w, h = surface.get_size()
        u = text.ui_scale((w, h))
        box = pygame.Rect(0, 0, round(460 * u), round(350 * u))
        box.center = (w // 2, h // 2)
        menus.panel(surface, box, u)
        cx = box.centerx
        y = box.top + round(30 * u)
        text.blit(surface, "PAUSED", round(60 * u), (cx, y), palette.TEXT, "midtop")
        y += round(58 * u)
        title = self.play.level.info.name
        campaign = getattr(self.play, "campaign", None)
        if campaign is not None:
            title = f"Full run · mission {campaign.run.mission + 1}/{len(campaign.levels)}: {title}"
        name = text.fit(title, round(26 * u), box.width - round(40 * u))
        text.blit(surface, name, round(26 * u), (cx, y), palette.TEXT_DIM, "midtop")
        y += round(44 * u)
        area = box.copy()
        area.top = y
        area.height = box.bottom - y - round(22 * u)
        area.inflate_ip(-round(48 * u), 0)
        menus.draw_list(surface, self.menu, area, u, row_h=48, size=30)
        keys = self.play.view.keys
        menus.hints(
            surface,
            f"{key_label(PAUSE, keys)} resume    {key_label(RESTART, keys)} restart    "
            f"{key_label(QUIT, keys)} {self.quit_label}    "
            "gamepad: d-pad, A choose, B resume",
            u,
        )
