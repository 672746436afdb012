"""The results of a run over the frozen game: time, splits against the PB, par and medal;
retry, go on (the next level of a campaign) or quit."""

from __future__ import annotations

from game.input import CONFIRM, PAUSE, RESTART
from game.render import overlay
from game.scenes.base import QUIT as QUIT_GAME
from game.scenes.base import RunSummary, Scene, Still

NEXT_LEVEL, RETRY, LEAVE = "next level", "retry", "quit"


class ResultsScene(Scene):
    name = "results"

    def __init__(self, result: RunSummary, play):
        super().__init__()
        self.result = result
        self.play = play
        self.still = Still()
        campaign = getattr(play, "campaign", None)
        self.confirm = LEAVE
        if campaign is not None:
            if not result.completed:
                self.confirm = RETRY
            elif not campaign.is_last:
                self.confirm = NEXT_LEVEL

    def handle(self, event, actions: list[str]) -> None:
        if RESTART in actions or (CONFIRM in actions and self.confirm == RETRY):
            self.play.restart()
            self.next = self.play
        elif CONFIRM in actions and self.confirm == NEXT_LEVEL:
            if self.play.next_level():
                self.next = self.play
            else:
                self.next = QUIT_GAME
        elif CONFIRM in actions or PAUSE in actions:
            self.next = QUIT_GAME

    def draw(self, surface, alpha: float, dt: float) -> None:
        def paint(target):
            view = self.play.view
            shown, view.show_hud = view.show_hud, False  # the results say it all
            self.play.draw(target, 1.0, 0.0)
            view.show_hud = shown
            overlay.dim(target)
            overlay.draw_results(target, self.result, self.confirm)

        self.still.draw(surface, paint)
