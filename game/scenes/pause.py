"""The pause menu over the frozen game: resume, restart, quit."""

from __future__ import annotations

from game.input import CONFIRM, PAUSE, QUIT, RESTART
from game.render import overlay
from game.scenes.base import QUIT as QUIT_GAME
from game.scenes.base import Scene, Still


class PauseScene(Scene):
    name = "paused"

    def __init__(self, play):
        super().__init__()
        self.play = play
        self.still = Still()

    def handle(self, event, actions: list[str]) -> None:
        if PAUSE in actions or CONFIRM in actions:
            self.next = self.play
        elif RESTART in actions:
            self.play.restart()
            self.next = self.play
        elif QUIT in actions:
            self.next = QUIT_GAME

    def draw(self, surface, alpha: float, dt: float) -> None:
        def paint(target):
            self.play.draw(target, alpha, 0.0)
            overlay.dim(target)
            overlay.draw_pause(target, self.play.level.info.name)

        self.still.draw(surface, paint)
