"""The results of a run over the frozen game: time, splits, par; retry or quit."""

from __future__ import annotations

from game.input import CONFIRM, PAUSE, RESTART
from game.render import overlay
from game.scenes.base import QUIT as QUIT_GAME
from game.scenes.base import RunSummary, Scene, Still


class ResultsScene(Scene):
    name = "results"

    def __init__(self, result: RunSummary, play):
        super().__init__()
        self.result = result
        self.play = play
        self.still = Still()

    def handle(self, event, actions: list[str]) -> None:
        if RESTART in actions:
            self.play.restart()
            self.next = self.play
        elif CONFIRM in actions or PAUSE in actions:
            self.next = QUIT_GAME

    def draw(self, surface, alpha: float, dt: float) -> None:
        def paint(target):
            self.play.draw(target, 1.0, 0.0)
            overlay.dim(target)
            overlay.draw_results(target, self.result)

        self.still.draw(surface, paint)
