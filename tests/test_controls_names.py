"""The Controls screen names keys as a player reads them: no "- +1" for a third key, Enter and
the keypad's Enter told apart, keypad keys as "NUM -"; every cell's text fits its cell."""

from __future__ import annotations

import pygame
import pytest

from game.bindings import REBINDABLE, Bindings
from game.input import (
    CONFIRM,
    GRAB,
    WATCH_FASTER,
    WATCH_SLOWER,
    key_label,
    key_text,
    pad_text,
)
from game.render import text
from game.scenes.backdrop import SpaceBackdrop
from game.scenes.controls import KEY_SLOTS, ControlsScene, key_cell_text

pytestmark = pytest.mark.usefixtures("small_display")


def test_keys_read_as_a_player_says_them():
    assert key_text(pygame.K_RETURN) == "ENTER"
    assert key_text(pygame.K_KP_ENTER) == "NUM ENTER"
    assert key_text(pygame.K_KP_MINUS) == "NUM -"
    assert key_text(pygame.K_KP_PLUS) == "NUM +"
    assert key_text(pygame.K_KP5) == "NUM 5"
    assert key_text(pygame.K_LEFTBRACKET) == "["
    assert key_text(pygame.K_ESCAPE) == "ESC"
    assert key_text(pygame.K_SPACE) == "SPACE"
    assert pad_text(pygame.CONTROLLER_BUTTON_LEFTSHOULDER) == "LB"
    assert pad_text(pygame.CONTROLLER_BUTTON_START) == "START"
    assert key_label(GRAB, Bindings.defaults().with_key(GRAB, 0, pygame.K_k).keys) == "K"


def test_a_third_default_key_is_named_not_counted():
    keys = Bindings.defaults().keys
    assert key_cell_text(keys[WATCH_SLOWER], 0) == "["
    assert key_cell_text(keys[WATCH_SLOWER], 1) == "- / NUM -"
    assert key_cell_text(keys[WATCH_FASTER], 1) == "+ / = / NUM +"
    assert key_cell_text(keys[CONFIRM], 0) == "ENTER"
    assert key_cell_text(keys[CONFIRM], 1) == "NUM ENTER"
    assert key_cell_text((pygame.K_SPACE,), 1) == ""


def test_no_row_names_one_key_twice_and_every_cell_fits():
    """Drawn at 1280x720: each row's cells say different things, none is cut short."""
    scene = ControlsScene(Bindings.defaults(), lambda b: None, None, SpaceBackdrop())
    surface = pygame.Surface((1280, 720))
    shown: dict[str, list[str]] = {}
    size = round(21 * text.ui_scale(surface.get_size()))
    # Scroll through the whole list so every row is laid out once.
    for index, item in enumerate(scene.menu.items):
        scene.menu.index = index
        scene.draw(surface, 0.0, 0.0)
        if item.id not in REBINDABLE or item.id in shown:
            continue
        keys = scene.bindings.keys.get(item.id, ())
        cells = [key_cell_text(keys, column) for column in range(KEY_SLOTS)]
        rect = scene.cells[(index, 0)]
        for label in cells:
            assert text.font(size).size(label)[0] <= rect.width - 8, (item.id, label)
        shown[item.id] = [c for c in cells if c]
    assert set(shown) == set(REBINDABLE)
    for action, labels in shown.items():
        assert len(labels) == len(set(labels)), (action, labels)
        assert not any("+1" in label or "+2" in label for label in labels), (action, labels)
