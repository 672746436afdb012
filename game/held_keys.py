"""Which key and button presses are fresh: a key pressed on one screen never acts on the next.

Enter held on the results screen must not also confirm on the level select that replaces it,
and Space held as a level is entered must not grab. So at every hand-off between scenes the
keys and buttons still down are held over: their presses are ignored until they are released.
And pygame's key repeat (on in menus, so held arrows move on) re-sends KEYDOWN while a key is
held: such a press is marked a repeat, and the app lets a repeat only move a selection.

Events alone cannot tell "still down": a test or a tool may post a KEYDOWN with no KEYUP, and
a KEYUP can be lost when the window loses focus. So a key counts as down only while both its
events and the device's own state (pygame.key.get_pressed, a pad's get_button) say so."""

from __future__ import annotations

from collections.abc import Callable

import pygame

PRESS, REPEAT, HELD_OVER, OTHER = "press", "repeat", "held-over", "other"


def _key_down(key: int) -> bool:
    try:
        return bool(pygame.key.get_pressed()[key])
    except (IndexError, pygame.error):
        return False


class HeldKeys:
    def __init__(
        self,
        key_down: Callable[[int], bool] = _key_down,
        button_down: Callable[[int], bool] = lambda button: False,
    ):
        self.key_down = key_down
        self.button_down = button_down
        self._keys: set[int] = set()  # down by their events
        self._buttons: set[int] = set()
        self._held_keys: set[int] = set()  # down when the scene was entered: ignored
        self._held_buttons: set[int] = set()

    def see(self, event: pygame.event.Event) -> str:
        """PRESS, REPEAT, HELD_OVER (to ignore) or OTHER (not a key or button press)."""
        kind = event.type
        if kind == pygame.KEYDOWN:
            return self._down(event.key, self._keys, self._held_keys, self.key_down)
        if kind == pygame.CONTROLLERBUTTONDOWN:
            return self._down(event.button, self._buttons, self._held_buttons, self.button_down)
        if kind == pygame.KEYUP:
            self._keys.discard(event.key)
            self._held_keys.discard(event.key)
        elif kind == pygame.CONTROLLERBUTTONUP:
            self._buttons.discard(event.button)
            self._held_buttons.discard(event.button)
        elif kind == pygame.WINDOWFOCUSLOST:
            self._keys.clear()
            self._buttons.clear()
        return OTHER

    @staticmethod
    def _down(code: int, down: set[int], held: set[int], really_down) -> str:
        still = really_down(code)
        if code in held:
            if still:
                return HELD_OVER
            held.discard(code)  # released since, its KEYUP lost: a new press
        if code in down and still:
            return REPEAT
        down.add(code)
        return PRESS

    def hand_off(self) -> tuple[frozenset[int], frozenset[int]]:
        """A new scene starts: every key and button still down is held over until released.
        Returns them (keys, buttons), for the device input to ignore as well."""
        self._held_keys = {k for k in self._keys if self.key_down(k)}
        self._held_buttons = {b for b in self._buttons if self.button_down(b)}
        return frozenset(self._held_keys), frozenset(self._held_buttons)
