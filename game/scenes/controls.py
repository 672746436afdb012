"""The controls screen: every action with its two keys and its gamepad button, rebound by
choosing a cell and pressing the new key or button.

A key already used by another action of the same context (both asked for in flight, say) is
bound anyway and shown: both cells turn red and a message names the other action. Esc cancels a
capture (for Pause it binds Esc), Delete clears the cell, F11 stays fullscreen. "Restore
defaults" puts every binding back. Each change is handed to the app at once (`apply`), which
uses it and saves it when the screen is left."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.bindings import (
    KEY_SLOTS,
    LABELS,
    RESERVED_KEYS,
    SECTIONS,
    Bindings,
    context_of,
    key_text,
    pad_text,
)
from game.input import NAV_CONFIRM, NAV_LEFT, NAV_RIGHT, PAUSE
from game.menu_model import BUTTON, HEADER, Activate, Back, Item, Menu
from game.render import menus, palette, text
from game.scenes.menu import MenuScene

BINDING = "binding"
COLUMNS = KEY_SLOTS + 1  # two keys, then the gamepad
CAPTURE_SECONDS = 8.0
RESTORE, BACK = "restore", "back"


@dataclass(frozen=True)
class Capture:
    """Waiting for the key (or button) to bind in one cell."""

    action: str
    column: int  # 0..KEY_SLOTS-1 a key, KEY_SLOTS the gamepad

    @property
    def pad(self) -> bool:
        return self.column >= KEY_SLOTS


class ControlsScene(MenuScene):
    name = "controls"

    def __init__(
        self,
        bindings: Bindings,
        apply: Callable[[Bindings], None],
        back,
        backdrop,
        pads: Callable[[], int] = lambda: 0,
        done: Callable[[], None] | None = None,
    ):
        super().__init__(backdrop)
        self.bindings = bindings
        self.apply = apply
        self.back = back
        self.pads = pads
        self.done = done
        self.column = 0
        self.capture: Capture | None = None
        self.waited = 0.0
        self.message = ""
        self.message_color = palette.TEXT_DIM
        self.cells: dict[tuple[int, int], pygame.Rect] = {}
        items: list[Item] = []
        for section, rows in SECTIONS:
            items.append(Item(f"h:{section}", section, HEADER))
            for action, label in rows:
                items.append(Item(action, label, BINDING))
        items.append(Item("h:end", "", HEADER))
        items.append(Item(RESTORE, "Restore defaults", BUTTON))
        items.append(Item(BACK, "Back", BUTTON))
        self.menu = Menu(items)

    @property
    def captures_keys(self) -> bool:
        return self.capture is not None

    # -- events -----------------------------------------------------------------------------------

    def handle(self, event, actions: list[str]) -> None:
        if self.capture is not None:
            self._captured(event)
            return
        if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN):
            cell = self._cell_at(event.pos)
            if cell is not None:
                self.menu.index, self.column = cell
                if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
                    self._start(cell)
                return
        item = self.menu.item
        on_binding = item is not None and item.kind == BINDING
        if on_binding and NAV_LEFT in actions:
            self.column = (self.column - 1) % COLUMNS
            return
        if on_binding and NAV_RIGHT in actions:
            self.column = (self.column + 1) % COLUMNS
            return
        if on_binding and event.type == pygame.KEYDOWN and event.key == pygame.K_DELETE:
            self._bind(Capture(item.id, self.column), None)
            return
        if on_binding and NAV_CONFIRM in actions:
            self._start((self.menu.index, self.column))
            return
        before = self.menu.index
        super().handle(event, actions)
        if self.menu.index != before and self.message and self.message_color != palette.BAD:
            self.message = ""

    def choose(self, choice) -> None:
        if isinstance(choice, Back):
            self._leave()
        elif isinstance(choice, Activate):
            if choice.id == RESTORE:
                self.bindings = Bindings.defaults()
                self.apply(self.bindings)
                self._say("Every control is back to its default.", palette.GOOD)
            elif choice.id == BACK:
                self._leave()

    def _leave(self) -> None:
        if self.done is not None:
            self.done()
        self.next = self.back

    def _start(self, cell: tuple[int, int]) -> None:
        index, column = cell
        item = self.menu.items[index]
        if item.kind != BINDING:
            return
        self.capture = Capture(item.id, column)
        self.waited = 0.0
        device = "a gamepad button" if self.capture.pad else "a key"
        self._say(f"Press {device} for {item.label}.", palette.ZONE)

    def _captured(self, event) -> None:
        capture = self.capture
        assert capture is not None
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE and not (capture.action == PAUSE and not capture.pad):
                self._cancel("Nothing changed.")
            elif event.key == pygame.K_DELETE:
                self._bind(capture, None)
            elif capture.pad:
                self._cancel("Nothing changed: this column is for a gamepad button.")
            elif event.key in RESERVED_KEYS:
                self._say(
                    f"{key_text(event.key)} is kept for fullscreen; press another key.",
                    palette.WARN,
                )
            else:
                self._bind(capture, event.key)
        elif event.type == pygame.CONTROLLERBUTTONDOWN:
            if capture.pad:
                self._bind(capture, event.button)
            else:
                self._cancel("Nothing changed: this column is for a key.")
        elif event.type == pygame.MOUSEBUTTONDOWN:
            self._cancel("Nothing changed.")

    def _cancel(self, why: str) -> None:
        self.capture = None
        self._say(why, palette.TEXT_DIM)

    def _bind(self, capture: Capture, code: int | None) -> None:
        self.capture = None
        action = capture.action
        if capture.pad:
            self.bindings = self.bindings.with_button(action, 0, code)
            others = self.bindings.button_conflicts(action, code) if code is not None else []
            shown = pad_text(code) if code is not None else ""
        else:
            self.bindings = self.bindings.with_key(action, capture.column, code)
            others = self.bindings.key_conflicts(action, code) if code is not None else []
            shown = key_text(code) if code is not None else ""
        self.apply(self.bindings)
        label = LABELS[action]
        if code is None:
            self._say(f"Cleared: {label}.", palette.TEXT_DIM)
        elif others:
            names = ", ".join(f"{LABELS[o]} (in {context_of(action, o)})" for o in others)
            self._say(f"{shown} is also bound to {names}: change one of them.", palette.BAD)
        else:
            self._say(f"{label}: {shown}", palette.GOOD)

    def _say(self, message: str, color) -> None:
        self.message = message
        self.message_color = color

    def _cell_at(self, pos) -> tuple[int, int] | None:
        for cell, rect in self.cells.items():
            if rect.collidepoint(pos):
                return cell
        return None

    def update(self, ticks: int) -> None:
        super().update(ticks)

    # -- drawing ----------------------------------------------------------------------------------

    def draw(self, surface, alpha: float, dt: float) -> None:
        if self.capture is not None:
            self.waited += dt
            if self.waited > CAPTURE_SECONDS:
                self._cancel("Nothing changed (no key was pressed).")
        self.draw_backdrop(surface, alpha, dt)
        menus.shade(surface, "full", depth=150)
        w, h = surface.get_size()
        u = text.ui_scale((w, h))
        box = pygame.Rect(0, 0, round(1000 * u), h - round(150 * u))
        box.midtop = (w // 2, round(104 * u))
        menus.heading(surface, "Controls", (box.left, round(30 * u)), u, size=50)
        pads = self.pads()
        status = (
            f"{pads} gamepad{'s' if pads != 1 else ''} connected"
            if pads
            else "no gamepad connected"
        )
        text.blit(
            surface, status, round(21 * u), (box.right, round(56 * u)), palette.TEXT_DIM, "midright"
        )
        menus.panel(surface, box, u)
        area = box.inflate(-round(40 * u), -round(24 * u))
        area.top += round(30 * u)
        area.height -= round(30 * u) + round(56 * u)
        columns = self._columns(area, u)
        size = round(21 * u)
        for column, (left, width) in enumerate(columns):
            head = ("Key", "Alternative key", "Gamepad")[column]
            text.blit(
                surface,
                head,
                size,
                (left + width // 2, area.top - round(28 * u)),
                palette.TEXT_DIM,
                "midtop",
            )
        self._draw_rows(surface, area, columns, u)
        if self.message:
            menus.message_line(
                surface,
                self.message,
                (box.centerx, box.bottom - round(52 * u)),
                u,
                self.message_color,
                22,
            )
        if self.capture is not None:
            hint = "press the key or button    Esc cancel    Delete clear"
        else:
            hint = "arrows / d-pad choose    Enter / A rebind    Delete clear    Esc / B back"
        menus.hints(surface, hint, u)

    def _columns(self, area: pygame.Rect, u: float) -> list[tuple[int, int]]:
        first = area.left + round(400 * u)
        width = round(176 * u)
        gap = round(12 * u)
        return [(first + i * (width + gap), width) for i in range(COLUMNS)]

    def _draw_rows(self, surface, area: pygame.Rect, columns, u: float) -> None:
        menu = self.menu
        # Rows are laid out (and scrolled) by the list drawer; the cells go on top of them.
        menus.draw_list(surface, menu, area, u, row_h=34, size=24, value_x=columns[0][0])
        self.cells.clear()
        conflicted = self.bindings.conflicted()
        size = round(21 * u)
        for index, rect in menu.rects.items():
            item = menu.items[index]
            if item.kind != BINDING:
                continue
            keys = self.bindings.keys.get(item.id, ())
            pad = self.bindings.pad.get(item.id, ())
            for column, (left, width) in enumerate(columns):
                cell = pygame.Rect(left, rect.top + round(3 * u), width, rect.height - round(6 * u))
                self.cells[(index, column)] = cell
                if column < KEY_SLOTS:
                    code = keys[column] if column < len(keys) else None
                    label = key_cell_text(keys, column)
                    clash = code is not None and ("key", item.id, code) in conflicted
                else:
                    code = pad[0] if pad else None
                    label = pad_text(code) if code is not None else ""
                    clash = code is not None and ("pad", item.id, code) in conflicted
                chosen = index == menu.index and column == self.column
                waiting = (
                    self.capture is not None
                    and self.capture.action == item.id
                    and self.capture.column == column
                )
                _cell(surface, cell, label, size, u, chosen, waiting, clash)


def key_cell_text(keys: tuple[int, ...], column: int) -> str:
    """What a key cell says: its key; the last cell also names any further default keys
    ("- / NUM -"), never a bare count a player cannot read."""
    if column >= len(keys):
        return ""
    shown = keys[column:] if column == KEY_SLOTS - 1 else keys[column : column + 1]
    return " / ".join(key_text(code) for code in shown)


def _cell(surface, rect, label: str, size: int, u: float, chosen, waiting, clash) -> None:
    radius = max(3, round(6 * u))
    fill = (22, 30, 46) if not chosen else (26, 58, 74)
    pygame.draw.rect(surface, fill, rect, border_radius=radius)
    edge = palette.BAD if clash else menus.ACCENT if chosen or waiting else menus.PANEL_EDGE
    pygame.draw.rect(
        surface, edge, rect, max(1, round(2 * u if chosen or clash else u)), border_radius=radius
    )
    if waiting:
        label, color = "press\u2026", palette.ZONE
    else:
        color = palette.BAD if clash else palette.TEXT if label else palette.TEXT_DIM
        label = label or "\u2014"
    text.blit(surface, text.fit(label, size, rect.width - 8), size, rect.center, color, "center")
