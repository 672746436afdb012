"""The results of a run over the frozen game: time, splits against the PB, par and medal; then
a row of choices: the next level, retry, or leave (the level select, or the shell when the
game was started straight into a level).

R retries (when a retry is offered: not after a completed mission of a full run, which is
done) and Esc leaves at once; Enter takes the chosen button (the app chooses the likely one:
the next level after a completed run, retry after a failed one)."""

from __future__ import annotations

from dataclasses import dataclass

from game.input import PAUSE, RESTART
from game.menu_model import Activate, Back, Item, Menu
from game.render import overlay
from game.run_summary import RunSummary
from game.scenes.base import LeavePlay, NextLevel, ResultChosen, Still
from game.scenes.menu import MenuScene

NEXT_LEVEL, RETRY, LEAVE = "next", "retry", "leave"


@dataclass(frozen=True)
class ResultChoices:
    """What the results offer: (id, label) buttons in order, and the one chosen at first."""

    buttons: tuple[tuple[str, str], ...] = ((RETRY, "Retry"), (LEAVE, "Quit"))
    default: str = LEAVE


class ResultsScene(MenuScene):
    name = "results"

    def __init__(self, result: RunSummary, play, choices: ResultChoices = ResultChoices()):
        super().__init__(None)
        self.result = result
        self.play = play
        self.choices = choices
        self.still = Still()
        self.menu = Menu(
            [Item(key, label) for key, label in choices.buttons],
            selected=choices.default,
            horizontal=True,
        )

    @property
    def can_retry(self) -> bool:
        return any(key == RETRY for key, _ in self.choices.buttons)

    @property
    def confirm(self) -> str:
        """The choice Enter takes now."""
        return self.menu.selected_id or LEAVE

    def update(self, ticks: int) -> None:
        pass

    def handle(self, event, actions: list[str]) -> None:
        if RESTART in actions:
            if self.can_retry:
                self._retry()
        elif PAUSE in actions:
            self.next = LeavePlay()
        else:
            super().handle(event, actions)

    def _retry(self) -> None:
        self.play.restart()
        self.next = self.play

    def choose(self, choice) -> None:
        if isinstance(choice, Back):
            self.next = LeavePlay()
        elif isinstance(choice, Activate):
            if choice.id == RETRY:
                self._retry()
            elif choice.id == NEXT_LEVEL:
                self.next = NextLevel()
            elif choice.id == LEAVE:
                self.next = LeavePlay()
            else:
                self.next = ResultChosen(choice.id)

    def draw(self, surface, alpha: float, dt: float) -> None:
        def paint(target):
            view = self.play.view
            shown, view.show_hud = view.show_hud, False  # the results say it all
            self.play.draw(target, 1.0, 0.0)
            view.show_hud = shown
            overlay.dim(target)

        self.still.draw(surface, paint)
        view = self.play.view
        overlay.draw_results(surface, self.result, self.menu, view.keys, view.hud.names)
