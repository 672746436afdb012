"""The player's key and gamepad bindings: read from and written to the settings, checked for
conflicts, restored to the defaults.

Settings keep only what differs from the defaults, as names a player can read and edit
(`{"grab": ["j"]}`, `{"grab": [1]}` for SDL controller buttons), so a later version's new
defaults still reach players who never rebound that action. An unknown key name in the file
is dropped with a message, never an error.

Two actions may share a key when they are never asked for at the same time (Q turns in flight
and quits from the pause menu); a conflict is two actions of one context on one key."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pygame

from game.input import (
    CONFIRM,
    DEBUG,
    DEFAULT_KEYS,
    DEFAULT_PAD_BUTTONS,
    GHOST,
    GRAB,
    MOVE_DOWN,
    MOVE_LEFT,
    MOVE_RIGHT,
    MOVE_UP,
    PAD_BUTTON_NAMES,
    PAUSE,
    QUIT,
    RELOAD,
    RESTART,
    THROW,
    TICK_ACTIONS,
    TURN_CCW,
    TURN_CW,
    USE,
    WATCH_ACTIONS,
    WATCH_FASTER,
    WATCH_PAUSE,
    WATCH_SLOWER,
    WATCH_STEP,
    key_label,
    move_keys_label,
)
from game.input import key_text as key_text  # how keys and buttons read: one definition
from game.input import pad_text as pad_text

KeyTable = dict[str, tuple[int, ...]]

KEY_SLOTS = 2  # keyboard keys shown (and bound one by one) per action
PAD_SLOTS = 1

# What the controls screen lists, in order: (section, [(action, label), ...]).
SECTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Flying",
        (
            (MOVE_UP, "Thrust up / aim up"),
            (MOVE_DOWN, "Thrust down / aim down"),
            (MOVE_LEFT, "Thrust left / aim left"),
            (MOVE_RIGHT, "Thrust right / aim right"),
            (TURN_CCW, "Turn counter-clockwise"),
            (TURN_CW, "Turn clockwise"),
            (GRAB, "Grab / push off"),
            (THROW, "Throw"),
            (USE, "Use (repair, panels)"),
        ),
    ),
    (
        "Game",
        (
            (PAUSE, "Pause / back"),
            (RESTART, "Restart instantly"),
            (GHOST, "Show / hide the PB ghost"),
            (DEBUG, "Debug overlay"),
            (RELOAD, "Reload the level file"),
        ),
    ),
    (
        "Menus",
        (
            (CONFIRM, "Confirm"),
            (QUIT, "Quit (pause menu)"),
        ),
    ),
    (
        "Watching replays",
        (
            (WATCH_PAUSE, "Pause the replay"),
            (WATCH_STEP, "Step one tick"),
            (WATCH_SLOWER, "Slower"),
            (WATCH_FASTER, "Faster"),
        ),
    ),
)
REBINDABLE: tuple[str, ...] = tuple(action for _, rows in SECTIONS for action, _ in rows)
LABELS: dict[str, str] = {action: label for _, rows in SECTIONS for action, label in rows}

# Actions asked for at the same time: one key may not mean two of them.
CONTEXTS: tuple[tuple[str, frozenset[str]], ...] = (
    ("flying", frozenset((*TICK_ACTIONS, PAUSE, RESTART, GHOST, DEBUG, RELOAD))),
    ("the pause menu", frozenset((PAUSE, CONFIRM, RESTART, QUIT))),
    ("the results", frozenset((PAUSE, CONFIRM, RESTART))),
    ("replays", frozenset((*WATCH_ACTIONS, PAUSE, QUIT, RESTART, DEBUG))),
)

# Keys the game keeps for itself: F11 is fullscreen everywhere.
RESERVED_KEYS = frozenset((pygame.K_F11,))


def key_name(key: int) -> str:
    """How the settings file names a key ("j", "space", "left shift")."""
    return pygame.key.name(key)


@dataclass(frozen=True)
class Bindings:
    """Keys and gamepad buttons per action: what DeviceInput and the menus read."""

    keys: Mapping[str, tuple[int, ...]]
    pad: Mapping[str, tuple[int, ...]]

    @classmethod
    def defaults(cls) -> Bindings:
        return cls(dict(DEFAULT_KEYS), dict(DEFAULT_PAD_BUTTONS))

    # -- to and from the settings -----------------------------------------------------------

    @classmethod
    def from_settings(
        cls, keys: Mapping[str, list[str]], pad: Mapping[str, list[int]]
    ) -> tuple[Bindings, list[str]]:
        """The defaults overridden by the saved tables; messages for what could not be used."""
        table = dict(DEFAULT_KEYS)
        buttons = dict(DEFAULT_PAD_BUTTONS)
        bad: list[str] = []
        for action, names in keys.items():
            if action not in REBINDABLE:
                bad.append(f"{action!r} (not an action)")
                continue
            codes = []
            for name in names:
                try:
                    code = pygame.key.key_code(name)
                except (ValueError, TypeError):
                    bad.append(f"{action}: {name!r} (not a key)")
                    continue
                if code in RESERVED_KEYS:
                    bad.append(f"{action}: {name!r} (kept for the game)")
                    continue
                codes.append(code)
            table[action] = tuple(codes)
        for action, numbers in pad.items():
            if action not in REBINDABLE:
                bad.append(f"{action!r} (not an action)")
                continue
            known = [n for n in numbers if n in PAD_BUTTON_NAMES]
            if len(known) != len(numbers):
                bad.append(f"{action}: gamepad buttons {numbers} (not all are buttons)")
            buttons[action] = tuple(known)
        messages = []
        if bad:
            messages.append(
                "Some bindings were not understood and use the default: " + ", ".join(bad)
            )
        return cls(table, buttons), messages

    def to_settings(self) -> tuple[dict[str, list[str]], dict[str, list[int]]]:
        """The tables to save: only the actions bound otherwise than by default."""
        keys = {
            action: [key_name(k) for k in self.keys.get(action, ())]
            for action in REBINDABLE
            if tuple(self.keys.get(action, ())) != DEFAULT_KEYS.get(action, ())
        }
        pad = {
            action: list(self.pad.get(action, ()))
            for action in REBINDABLE
            if tuple(self.pad.get(action, ())) != DEFAULT_PAD_BUTTONS.get(action, ())
        }
        return keys, pad

    # -- changing one binding -----------------------------------------------------------------

    def with_key(self, action: str, slot: int, key: int | None) -> Bindings:
        """Bind `key` in this slot of the action (None clears the slot and those after it)."""
        current = list(self.keys.get(action, ()))
        if key is None:
            current = current[:slot]
        elif slot < len(current):
            current = [*current[:slot], key]  # a slot replaced: extra defaults after it go
        else:
            current.append(key)
        current = list(dict.fromkeys(current))  # the same key twice in one action is once
        keys = dict(self.keys)
        keys[action] = tuple(current)
        return Bindings(keys, self.pad)

    def with_button(self, action: str, slot: int, button: int | None) -> Bindings:
        current = list(self.pad.get(action, ()))
        if button is None:
            current = current[:slot]
        elif slot < len(current):
            current = [*current[:slot], button]
        else:
            current.append(button)
        pad = dict(self.pad)
        pad[action] = tuple(dict.fromkeys(current))
        return Bindings(self.keys, pad)

    # -- conflicts ------------------------------------------------------------------------------

    def key_conflicts(self, action: str, key: int) -> list[str]:
        """Other actions asked for together with `action` that are bound to `key` too."""
        return _conflicts(self.keys, action, key)

    def button_conflicts(self, action: str, button: int) -> list[str]:
        return _conflicts(self.pad, action, button)

    def conflicted(self) -> set[tuple[str, str, int]]:
        """Every (device, action, code) in a conflict: device is "key" or "pad"."""
        out = set()
        for device, table in (("key", self.keys), ("pad", self.pad)):
            for action in REBINDABLE:
                for code in table.get(action, ()):
                    if _conflicts(table, action, code):
                        out.add((device, action, code))
        return out


def _conflicts(table: Mapping[str, tuple[int, ...]], action: str, code: int) -> list[str]:
    together: set[str] = set()
    for _, actions in CONTEXTS:
        if action in actions:
            together |= actions
    together.discard(action)
    return [other for other in REBINDABLE if other in together and code in table.get(other, ())]


def context_of(action: str, other: str) -> str:
    """Where two actions are asked for together (for the conflict message)."""
    for name, actions in CONTEXTS:
        if action in actions and other in actions:
            return name
    return "play"


# -- the bindings in words ------------------------------------------------------------------------

# Placeholders a level's text may use ({grab} in a radio line or a description), each replaced
# by the player's binding for it when shown; anything else in braces is left as written.
PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "grab": (GRAB,),
    "throw": (THROW,),
    "use": (USE,),
    "move": (MOVE_UP, MOVE_LEFT, MOVE_DOWN, MOVE_RIGHT),
    "turn": (TURN_CCW, TURN_CW),
    "restart": (RESTART,),
    "pause": (PAUSE,),
}
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class ControlNames:
    """The player's bindings as prompts say them: the keyboard's keys, or the gamepad's
    buttons when a gamepad gave the last input. Holds the live tables (a rebind shows at once)."""

    def __init__(
        self,
        keys: Mapping[str, tuple[int, ...]] = DEFAULT_KEYS,
        pad: Mapping[str, tuple[int, ...]] = DEFAULT_PAD_BUTTONS,
        gamepad: Callable[[], bool] = lambda: False,
    ):
        self.keys = keys
        self.pad = pad
        self._gamepad = gamepad

    @classmethod
    def of(cls, device) -> ControlNames:
        """The names of a DeviceInput's bindings, following the device last used."""
        return cls(device.keys, device.pad_buttons, lambda: device.gamepad_last)

    @property
    def gamepad(self) -> bool:
        return bool(self._gamepad())

    def label(self, action: str) -> str:
        """The key (or button) for an action: "SPACE", "K", "A"."""
        if self.gamepad and self.pad.get(action):
            return pad_text(self.pad[action][0])
        return key_label(action, self.keys)

    def move(self) -> str:
        return "the left stick" if self.gamepad else move_keys_label(self.keys)

    def turn(self) -> str:
        return f"{self.label(TURN_CCW)}/{self.label(TURN_CW)}"

    def fill(self, text: str) -> str:
        """A level's text with its placeholders ({grab}, {move}...) in the player's bindings;
        unknown names and stray braces stay as written."""
        if "{" not in text:
            return text

        def name(match: re.Match) -> str:
            word = match.group(1)
            if word == "move":
                return self.move()
            if word == "turn":
                return self.turn()
            actions = PLACEHOLDERS.get(word)
            return self.label(actions[0]) if actions else match.group(0)

        return _PLACEHOLDER.sub(name, text)

    def craft_controls(self) -> list[tuple[str, str]]:
        """(binding, what it does) for a craft (game/sim/craft.py): the main engine pushes
        along the nose, the RCS jets brake, slide sideways and spin it (nothing stops a spin
        but the other way)."""
        if self.gamepad:
            ahead, back, sides = "STICK UP", "STICK DOWN", "STICK LEFT/RIGHT"
        else:
            ahead, back = self.label(MOVE_UP), self.label(MOVE_DOWN)
            sides = f"{self.label(MOVE_LEFT)}/{self.label(MOVE_RIGHT)}"
        return [
            (ahead, "main engine"),
            (back, "brake"),
            (sides, "slide"),
            (self.turn(), "spin (the other way stops it)"),
        ]
