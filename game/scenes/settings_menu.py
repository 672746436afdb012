"""The settings screen: sound, display, speedrunning, assists, and the way to the controls.

Every change is handed to the app at once (`change`), which uses it (volumes are heard as the
slider moves, F11's fullscreen and reduced flashing show at once) and saves the settings when
this screen is left. Assists change the runs started after the change, never the run being
played (a slower game must never slip into a PB)."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.menu_model import (
    BUTTON,
    CHOICE,
    HEADER,
    SLIDER,
    TEXT,
    TOGGLE,
    Activate,
    Adjust,
    Back,
    Item,
    Menu,
    SetFraction,
)
from game.render import menus, palette, text
from game.scenes.base import OpenControls
from game.scenes.menu import MenuScene
from game.settings import Settings
from game.speedrun.livesplit import parse_address

VOLUME_STEP = 0.1
ASSIST_SPEEDS = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)  # 1.0: off
TOGGLES = (
    "fullscreen",
    "reduced_flashing",
    "ghost",
    "livesplit",
    "save_failed_runs",
    "input_display",
    "infinite_o2",
)
VOLUMES = ("master_volume", "effects_volume", "music_volume")


class SettingsScene(MenuScene):
    name = "settings"

    def __init__(
        self,
        get_settings: Callable[[], Settings],
        change: Callable[..., None],
        back,
        backdrop,
        done: Callable[[], None] | None = None,
    ):
        super().__init__(backdrop)
        self.get_settings = get_settings  # the app's settings as they are now
        self.change = change  # change(name=value, ...): used at once by the app
        self.back = back
        self.done = done
        self.editing: str | None = None  # the LiveSplit address being typed
        self.message = ""
        self.menu = Menu(self._items())

    @property
    def captures_keys(self) -> bool:  # while typing, every key is text
        return self.editing is not None

    @property
    def settings(self) -> Settings:
        return self.get_settings()

    # -- rows -------------------------------------------------------------------------------------

    def _items(self) -> list[Item]:
        s = self.settings

        def toggle(key: str, label: str, detail: str) -> Item:
            return Item(key, label, TOGGLE, "On" if getattr(s, key) else "Off", detail=detail)

        def volume(key: str, label: str) -> Item:
            value = getattr(s, key)
            return Item(key, label, SLIDER, f"{round(value * 100)}%", fraction=value)

        speed = "Off" if s.assist_speed >= 1.0 else f"{round(s.assist_speed * 100)}% speed"
        address = s.livesplit_address if self.editing is None else self.editing + "\u2502"
        return [
            Item("h-sound", "Sound", HEADER),
            volume("master_volume", "Master volume"),
            volume("effects_volume", "Effects"),
            volume("music_volume", "Ambience"),
            Item("h-display", "Display", HEADER),
            toggle(
                "fullscreen",
                "Fullscreen",
                "F11 switches at any time. The window's size is remembered.",
            ),
            toggle(
                "reduced_flashing",
                "Reduce flashing",
                "Earth below flashes with explosions: this softens every flash to a slow glow.",
            ),
            Item("h-speedrun", "Speedrunning", HEADER),
            toggle("ghost", "PB ghost", "Race your personal best, drawn see-through beside you."),
            toggle(
                "livesplit",
                "LiveSplit",
                "Drive LiveSplit's server (start its TCP server first) with the in-game time.",
            ),
            Item(
                "livesplit_address",
                "LiveSplit address",
                TEXT,
                address,
                color=palette.ZONE if self.editing is not None else None,
                detail="Enter to edit, type host:port, Enter to keep, Esc to cancel.",
            ),
            toggle(
                "save_failed_runs",
                "Keep every attempt",
                "Also keep the replays of failed and restarted runs (oldest dropped first).",
            ),
            toggle(
                "input_display",
                "Input display",
                "Show each tick's input in the corner, in play and in replays (for videos).",
            ),
            Item("h-assist", "Assists (an assisted run is never a PB)", HEADER),
            Item(
                "assist_speed",
                "Game speed",
                CHOICE,
                speed,
                detail="Slow motion: the world runs slower; the timer counts real time. "
                "Applies from the next run.",
            ),
            toggle(
                "infinite_o2", "Infinite oxygen", "Never run out of O2. Applies from the next run."
            ),
            Item("h-end", "", HEADER),
            Item(
                "controls",
                "Controls\u2026",
                BUTTON,
                detail="Rebind every action, keyboard and gamepad.",
            ),
            Item("back", "Back", BUTTON),
        ]

    def _refresh(self) -> None:
        self.menu.set_items(self._items())

    def _change(self, **values) -> None:
        self.change(**values)
        self._refresh()

    # -- events -----------------------------------------------------------------------------------

    def handle(self, event, actions: list[str]) -> None:
        if self.editing is not None:
            self._type(event)
            return
        before = self.menu.index
        super().handle(event, actions)
        if self.menu.index != before:
            self.message = ""

    def choose(self, choice) -> None:
        s = self.settings
        if isinstance(choice, Back):
            self._leave()
            return
        key = choice.id
        if isinstance(choice, SetFraction) and key in VOLUMES:
            self._change(**{key: round(choice.fraction * 20) / 20})
        elif isinstance(choice, Adjust):
            if key in VOLUMES:
                value = round(getattr(s, key) / VOLUME_STEP + choice.step) * VOLUME_STEP
                self._change(**{key: round(min(1.0, max(0.0, value)), 2)})
            elif key == "assist_speed":
                self._change(assist_speed=_next_speed(s.assist_speed, choice.step))
            elif key in TOGGLES:
                self._change(**{key: choice.step > 0})
        elif isinstance(choice, Activate):
            if key in TOGGLES:
                self._change(**{key: not getattr(s, key)})
            elif key == "assist_speed":
                self._change(assist_speed=_next_speed(s.assist_speed, 1, wrap=True))
            elif key in VOLUMES:
                value = getattr(s, key)
                self._change(**{key: 0.0 if value >= 1.0 else round(min(1.0, value + 0.1), 2)})
            elif key == "livesplit_address":
                self.editing = s.livesplit_address
                pygame.key.start_text_input()
                self._refresh()
            elif key == "controls":
                self.next = OpenControls(back=self)
            elif key == "back":
                self._leave()

    def _leave(self) -> None:
        if self.done is not None:
            self.done()
        self.next = self.back

    def _type(self, event) -> None:
        if event.type == pygame.TEXTINPUT:
            if len(self.editing) < 120:
                self.editing += "".join(ch for ch in event.text if ch.isprintable())
        elif event.type == pygame.KEYDOWN:
            if event.key == pygame.K_BACKSPACE:
                self.editing = self.editing[:-1]
            elif event.key == pygame.K_ESCAPE:
                self._stop_typing()
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                typed = self.editing.strip()
                try:
                    host, port = parse_address(typed)
                except ValueError as exc:
                    self.message = str(exc)
                    return
                self._stop_typing()
                self._change(livesplit_address=f"{host}:{port}")
                self.message = f"LiveSplit address set to {host}:{port}"
        elif event.type in (pygame.MOUSEBUTTONDOWN, pygame.CONTROLLERBUTTONDOWN):
            self._stop_typing()
        self._refresh()

    def _stop_typing(self) -> None:
        self.editing = None
        pygame.key.stop_text_input()

    def exit(self) -> None:
        if self.editing is not None:
            self._stop_typing()

    # -- drawing ----------------------------------------------------------------------------------

    def draw(self, surface, alpha: float, dt: float) -> None:
        self._refresh()  # the app may have changed a setting too (F11)
        self.draw_backdrop(surface, alpha, dt)
        menus.shade(surface, "full", depth=170)
        w, h = surface.get_size()
        u = text.ui_scale((w, h))
        box = pygame.Rect(0, 0, round(820 * u), h - round(166 * u))
        box.midtop = (w // 2, round(96 * u))
        menus.heading(surface, "Settings", (box.left, round(26 * u)), u, size=50)
        menus.panel(surface, box, u)
        area = box.inflate(-round(40 * u), -round(24 * u))
        menus.draw_list(
            surface,
            self.menu,
            area,
            u,
            row_h=29,  # every row in view at 1280x720, no scrolling
            size=25,
            value_x=area.left + round(430 * u),
            header_h=0.85,
        )
        item = self.menu.item
        line = self.message or (item.detail if item is not None else "")
        color = palette.WARN if self.message else palette.TEXT_DIM
        if line:
            menus.message_line(surface, line, (w // 2, box.bottom + round(10 * u)), u, color, 21)
        hint = (
            "type the address    Enter keep    Esc cancel"
            if self.editing is not None
            else "arrows / d-pad choose    left / right change    Enter / A toggle    Esc / B back"
        )
        menus.hints(surface, hint, u)


def _next_speed(current: float, step: int, wrap: bool = False) -> float:
    speeds = ASSIST_SPEEDS
    index = min(range(len(speeds)), key=lambda i: abs(speeds[i] - current))
    index += step
    if wrap:
        index %= len(speeds)
    return speeds[max(0, min(len(speeds) - 1, index))]
