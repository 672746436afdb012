"""The scene base for screens made of one menu (game.menu_model.Menu) over a backdrop.

The app turns each event into navigation intents (game.input.MenuNavigator: up, down, left,
right, confirm, back) and passes them in with the event's actions; the menu turns those, and
the mouse, into a `Choice` (Activate an item, Adjust it, or go Back), which the scene answers."""

from __future__ import annotations

from game.menu_model import Choice, Menu
from game.scenes.base import Scene


class MenuScene(Scene):
    """A screen whose job is one menu, over a backdrop: subclasses build `self.menu` and
    answer `choose(choice)`."""

    is_menu = True

    def __init__(self, backdrop) -> None:
        super().__init__()
        self.backdrop = backdrop
        self.menu = Menu([])

    def handle(self, event, actions: list[str]) -> None:
        choice = self.menu.handle(event, actions)
        if choice is not None:
            self.choose(choice)

    def choose(self, choice: Choice) -> None:
        pass

    def update(self, ticks: int) -> None:
        self.backdrop.update(ticks)

    def draw_backdrop(self, surface, alpha: float, dt: float) -> None:
        self.backdrop.draw(surface, alpha, dt)
