"""No good version of the level file to play yet: wait for the player to fix it.

The app draws the file's problems over this scene and reloads the file when it changes;
Esc or Q quits."""

from __future__ import annotations

import pygame

from game.input import PAUSE, QUIT
from game.render import palette
from game.scenes.base import QUIT as QUIT_GAME
from game.scenes.base import Scene


class LevelErrorScene(Scene):
    name = "level-error"

    def __init__(self):
        super().__init__()
        self._backdrop: pygame.Surface | None = None

    @property
    def time_scale(self) -> float:
        return 0.0

    def handle(self, event, actions: list[str]) -> None:
        if PAUSE in actions or QUIT in actions:
            self.next = QUIT_GAME

    def draw(self, surface, alpha: float, dt: float) -> None:
        size = surface.get_size()
        if self._backdrop is None or self._backdrop.get_size() != size:
            # A plain gradient of space: nothing to show but the problems.
            w, h = size
            small = pygame.Surface((1, 2))
            small.set_at((0, 0), palette.SPACE_TOP)
            small.set_at((0, 1), palette.SPACE_BOTTOM)
            self._backdrop = pygame.transform.smoothscale(small, (w, h))
        surface.blit(self._backdrop, (0, 0))
