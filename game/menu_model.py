"""What a menu is, apart from the screen that shows it and how it is drawn: the kinds of item,
the items, the choices a player makes, and the Menu that turns navigation intents and the
mouse into a choice.

The scenes (game/scenes/) build menus and act on the choices; drawing (game.render.menus)
lays the rows out and records where each one is, so a click finds its item. Both import this
module, neither imports the other."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from game.input import NAV_BACK, NAV_CONFIRM, NAV_DOWN, NAV_LEFT, NAV_RIGHT, NAV_UP

BUTTON, TOGGLE, SLIDER, CHOICE, HEADER, TEXT, NOTE = (
    "button",
    "toggle",
    "slider",
    "choice",
    "header",  # a section title (its value, if any, titles the value column)
    "text",
    "note",  # a line of help among the rows, not chosen
)


@dataclass
class Item:
    id: str
    label: str
    kind: str = BUTTON
    value: str = ""  # shown on the right: "On", "80%", a time
    fraction: float | None = None  # a slider's fill, 0..1
    enabled: bool = True  # a disabled item can be looked at (its detail says why), not used
    detail: str = ""  # help for the chosen item, under the menu
    color: tuple | None = None  # the label's colour, when it says something (broken, gold)
    badge: str | None = None  # a medal name drawn beside the value

    @property
    def selectable(self) -> bool:
        return self.kind not in (HEADER, NOTE)


@dataclass(frozen=True)
class Activate:
    id: str


@dataclass(frozen=True)
class Adjust:
    id: str
    step: int  # -1 or +1


@dataclass(frozen=True)
class SetFraction:
    """A click on a slider's bar: the value at that point (0..1)."""

    id: str
    fraction: float


@dataclass(frozen=True)
class Back:
    pass


Choice = Activate | Adjust | SetFraction | Back


class Menu:
    def __init__(self, items: Sequence[Item], selected: str | None = None, horizontal=False):
        self.items: list[Item] = list(items)
        self.horizontal = horizontal
        self.index = 0
        self.scroll = 0  # first row shown, when they do not all fit (set by drawing)
        self.rects: dict[int, pygame.Rect] = {}  # item index -> row on screen (set by drawing)
        self.bar_rects: dict[int, pygame.Rect] = {}  # slider index -> its bar
        self.list_rect: pygame.Rect | None = None  # where the rows are (for the wheel)
        if not self.select(selected):
            self.index = self._first()

    # -- selection ------------------------------------------------------------------------------

    @property
    def item(self) -> Item | None:
        if 0 <= self.index < len(self.items):
            return self.items[self.index]
        return None

    @property
    def selected_id(self) -> str | None:
        item = self.item
        return item.id if item is not None else None

    def select(self, item_id: str | None) -> bool:
        for index, item in enumerate(self.items):
            if item.id == item_id and item.selectable:
                self.index = index
                return True
        return False

    def _first(self) -> int:
        for index, item in enumerate(self.items):
            if item.selectable:
                return index
        return 0

    def move(self, step: int) -> None:
        """The next selectable item up or down, wrapping round."""
        count = len(self.items)
        if not count:
            return
        index = self.index
        for _ in range(count):
            index = (index + step) % count
            if self.items[index].selectable:
                self.index = index
                return

    def set_items(self, items: Sequence[Item]) -> None:
        """New rows (a value changed): the same item stays selected."""
        chosen = self.selected_id
        self.items = list(items)
        if not self.select(chosen):
            self.index = min(self.index, max(0, len(self.items) - 1))

    def item_at(self, pos) -> int | None:
        for index, rect in self.rects.items():
            if rect.collidepoint(pos) and self.items[index].selectable:
                return index
        return None

    # -- events ---------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event, actions: Sequence[str]) -> Choice | None:
        back, forward = (NAV_LEFT, NAV_RIGHT) if self.horizontal else (NAV_UP, NAV_DOWN)
        if back in actions:
            self.move(-1)
            return None
        if forward in actions:
            self.move(1)
            return None
        item = self.item
        if NAV_CONFIRM in actions:
            return Activate(item.id) if item is not None else None
        if NAV_BACK in actions:
            return Back()
        if not self.horizontal and item is not None and item.kind in (SLIDER, CHOICE, TOGGLE):
            if NAV_LEFT in actions:
                return Adjust(item.id, -1)
            if NAV_RIGHT in actions:
                return Adjust(item.id, 1)
        return self._mouse(event)

    def _mouse(self, event: pygame.event.Event) -> Choice | None:
        if event.type == pygame.MOUSEMOTION:
            index = self.item_at(event.pos)
            if index is not None:
                self.index = index
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            index = self.item_at(event.pos)
            if index is None:
                return None
            self.index = index
            item = self.items[index]
            bar = self.bar_rects.get(index)
            if (
                item.kind == SLIDER
                and bar is not None
                and bar.inflate(8, 12).collidepoint(event.pos)
            ):
                fraction = (event.pos[0] - bar.left) / max(1, bar.width)
                return SetFraction(item.id, max(0.0, min(1.0, fraction)))
            return Activate(item.id)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 3:
            return Back()
        elif event.type == pygame.MOUSEWHEEL:
            item = self.item
            pointer = getattr(event, "pos", None)  # the app adds it, in game-area coordinates
            over = self.item_at(pointer) if pointer is not None else None
            if item is not None and item.kind == SLIDER and over == self.index:
                return Adjust(item.id, 1 if event.y > 0 else -1)
            if event.y:
                self.move(-1 if event.y > 0 else 1)  # the list scrolls with the selection
        return None
