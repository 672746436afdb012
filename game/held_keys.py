"""Which key and button presses are fresh: a key pressed on one screen never acts on the next.

Enter held on the results screen must not also confirm on the level select that replaces it,
and Space held as a level is entered must not grab. So at every hand-off between scenes the
keys and buttons still down are held over: their presses are ignored until they are released.
And pygame's key repeat (on in menus, so held arrows move on) re-sends KEYDOWN while a key is
held: such a press is marked a repeat, and the app lets a repeat only move a selection.

Events alone cannot tell "still down": a test or a tool may post a KEYDOWN with no KEYUP, and
a KEYUP can be lost when the window loses focus. So a key counts as down only while both its
events and the device's own state (pygame.key.get_pressed, a pad's get_button) say so. The
device's state is read when events are fetched, so it is already "up" for key-repeat presses
queued behind a slow frame: a key whose KEYUP is still ahead in the batch being handled is down
(`look_ahead`), else those queued repeats would read as fresh presses on the next screen."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

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
        self._keys_up_ahead: Counter[int] = Counter()  # KEYUPs later in the batch being handled
        self._buttons_up_ahead: Counter[int] = Counter()

    def look_ahead(self, events: Sequence[pygame.event.Event]) -> None:
        """The batch of events about to be seen, in order: a key released later in it is still
        down until its KEYUP is seen."""
        self._keys_up_ahead = Counter(e.key for e in events if e.type == pygame.KEYUP)
        self._buttons_up_ahead = Counter(
            e.button for e in events if e.type == pygame.CONTROLLERBUTTONUP
        )
        # Down by its events alone, up on the device, and not released first thing in this
        # batch: its KEYUP was lost (a posted event, the focus gone), so its next KEYDOWN is new.
        released_first = _released_first(events, pygame.KEYDOWN, pygame.KEYUP, "key")
        self._keys = {k for k in self._keys if self.key_down(k) or k in released_first}
        released_first = _released_first(
            events, pygame.CONTROLLERBUTTONDOWN, pygame.CONTROLLERBUTTONUP, "button"
        )
        self._buttons = {b for b in self._buttons if self.button_down(b) or b in released_first}

    def _key_is_down(self, key: int) -> bool:
        return self._keys_up_ahead[key] > 0 or self.key_down(key)

    def _button_is_down(self, button: int) -> bool:
        return self._buttons_up_ahead[button] > 0 or self.button_down(button)

    def see(self, event: pygame.event.Event) -> str:
        """PRESS, REPEAT, HELD_OVER (to ignore) or OTHER (not a key or button press)."""
        kind = event.type
        if kind == pygame.KEYDOWN:
            return self._down(event.key, self._keys, self._held_keys, self._key_is_down)
        if kind == pygame.CONTROLLERBUTTONDOWN:
            return self._down(event.button, self._buttons, self._held_buttons, self._button_is_down)
        if kind == pygame.KEYUP:
            self._keys_up_ahead[event.key] -= 1
            self._keys.discard(event.key)
            self._held_keys.discard(event.key)
        elif kind == pygame.CONTROLLERBUTTONUP:
            self._buttons_up_ahead[event.button] -= 1
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
        self._held_keys = {k for k in self._keys if self._key_is_down(k)}
        self._held_buttons = {b for b in self._buttons if self._button_is_down(b)}
        return frozenset(self._held_keys), frozenset(self._held_buttons)


def _released_first(events, down_type: int, up_type: int, field: str) -> set[int]:
    """The codes whose first event in the batch is a release."""
    seen: set[int] = set()
    released: set[int] = set()
    for event in events:
        if event.type in (down_type, up_type):
            code = getattr(event, field)
            if code not in seen:
                seen.add(code)
                if event.type == up_type:
                    released.add(code)
    return released
