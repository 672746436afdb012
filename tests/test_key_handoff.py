"""A key or button pressed on one screen never acts on the next, and a held key (pygame's key
repeat in menus) confirms once: driven through the app with synthetic events and a stand-in
for the device state (what pygame.key.get_pressed and a pad's get_button report)."""

from __future__ import annotations

import pygame
import pytest

from game.held_keys import HELD_OVER, OTHER, PRESS, REPEAT, HeldKeys
from tests.fake_keyboard import FakeKeyboard
from tests.test_scenes import choose, drive, pick_level, until, user_level
from tests.window_levels import thrust


class Keyboard(FakeKeyboard):
    """The keys physically down, and the events pressing them sends."""

    def press(self, code: int) -> None:
        self.down.add(code)
        pygame.event.post(
            pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0)
        )

    def repeat(self, code: int) -> None:
        """What pygame's key repeat sends while a key stays down: the same KEYDOWN again."""
        assert code in self.down
        pygame.event.post(
            pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0)
        )

    def release(self, code: int) -> None:
        self.down.discard(code)
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, mod=0, unicode="", scancode=0))


class Pad:
    """A gamepad's buttons as SDL reports them, and their events."""

    def __init__(self):
        self.buttons: set[int] = set()

    def get_axis(self, axis: int) -> int:
        return 0

    def get_button(self, button: int) -> bool:
        return button in self.buttons

    def press(self, button: int) -> None:
        self.buttons.add(button)
        pygame.event.post(
            pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, button=button, instance_id=0)
        )

    def release(self, button: int) -> None:
        self.buttons.discard(button)
        pygame.event.post(
            pygame.event.Event(pygame.CONTROLLERBUTTONUP, button=button, instance_id=0)
        )


@pytest.fixture
def keyboard(monkeypatch):
    board = Keyboard()
    monkeypatch.setattr(pygame.key, "get_pressed", board.get_pressed)
    return board


def frames(count: int):
    for _ in range(count):
        yield


def test_enter_held_on_the_results_does_not_also_confirm_on_the_level_select(keyboard):
    user_level()

    def flow(app, log):
        yield from pick_level(app, "win-test")
        keyboard.press(pygame.K_RETURN)
        keyboard.release(pygame.K_RETURN)
        yield from until(app, "play")
        yield from until(app, "results", frames=400)
        assert app.scene.confirm == "leave"
        keyboard.press(pygame.K_RETURN)  # held: leaves the results...
        yield from until(app, "level-select")
        for _ in range(20):  # ...and its key repeat reaches the level select
            keyboard.repeat(pygame.K_RETURN)
            yield
        log["after repeats"] = app.scene.name
        keyboard.release(pygame.K_RETURN)
        yield
        keyboard.press(pygame.K_RETURN)  # a new press does confirm
        yield from until(app, "play")
        log["done"] = True

    log, _ = drive(flow, input_source=thrust())
    assert log["after repeats"] == "level-select"


def test_key_repeats_queued_behind_a_slow_frame_do_not_confirm_on_the_next_screen(keyboard):
    """Enter on the photosensitivity notice, held while the title's first frame is slow: its
    key repeats and its release arrive in one batch, after the device already reads the key
    as up. The repeats must not start the campaign from the title (seen under Xvfb)."""
    from game.settings import Settings

    def flow(app, log):
        yield from until(app, "notice")
        keyboard.press(pygame.K_RETURN)
        for _ in range(3):
            keyboard.repeat(pygame.K_RETURN)
        keyboard.release(pygame.K_RETURN)  # the device says "up" before the batch is handled
        yield
        yield
        log["scene"] = app.scene.name
        log["done"] = True

    log, _ = drive(flow, settings=Settings(seen_photosensitivity_notice=False))
    assert log["scene"] == "title"


def test_a_held_arrow_moves_on_through_a_menu(keyboard):
    def flow(app, log):
        yield from until(app, "title")
        keyboard.press(pygame.K_DOWN)
        yield
        for _ in range(2):
            keyboard.repeat(pygame.K_DOWN)  # one row per repeat, as before
            yield
        log["row"] = app.scene.menu.index
        log["done"] = True

    log, _ = drive(flow)
    assert log["row"] == 3


def test_enter_held_on_a_toggle_flips_it_once(keyboard):
    def flow(app, log):
        yield from until(app, "title")
        yield from choose(app, "settings")
        keyboard.press(pygame.K_RETURN)
        keyboard.release(pygame.K_RETURN)
        yield from until(app, "settings")
        yield from choose(app, "ghost")
        assert app.settings.ghost
        keyboard.press(pygame.K_RETURN)
        yield
        log["ghost"] = [app.settings.ghost]
        for _ in range(5):
            keyboard.repeat(pygame.K_RETURN)
            yield
            log["ghost"].append(app.settings.ghost)
        log["done"] = True

    log, _ = drive(flow)
    assert log["ghost"] == [False] * 6  # flipped by the press, never back by the repeats


def test_space_held_into_a_level_does_not_grab_until_pressed_again(keyboard):
    user_level()

    def flow(app, log):
        yield from pick_level(app, "win-test")
        keyboard.press(pygame.K_SPACE)  # Space confirms in menus and grabs in flight
        yield from until(app, "play")
        assert app.play.input_source is app.device
        yield from frames(3)
        log["held over"] = app.device(0).grab
        keyboard.release(pygame.K_SPACE)
        yield
        keyboard.press(pygame.K_SPACE)
        yield
        log["pressed again"] = app.device(0).grab
        log["done"] = True

    log, _ = drive(flow)
    assert log["held over"] is False
    assert log["pressed again"] is True


def test_a_gamepad_button_held_into_a_level_does_not_grab_until_pressed_again():
    user_level()
    pad = Pad()

    def flow(app, log):
        app.device._controllers = {0: pad}
        yield from pick_level(app, "win-test")
        pad.press(pygame.CONTROLLER_BUTTON_A)  # A confirms in menus and grabs in flight
        yield from until(app, "play")
        yield from frames(3)
        log["held over"] = app.device(0).grab
        pad.press(pygame.CONTROLLER_BUTTON_A)  # an event for a button still held: ignored
        yield
        log["event while held"] = app.device(0).grab
        pad.release(pygame.CONTROLLER_BUTTON_A)
        yield
        pad.press(pygame.CONTROLLER_BUTTON_A)
        yield
        log["pressed again"] = app.device(0).grab
        log["done"] = True

    log, _ = drive(flow)
    assert log["held over"] is False
    assert log["event while held"] is False
    assert log["pressed again"] is True


# -- the rule itself ------------------------------------------------------------------------------


def _down(code):
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0)


def _up(code):
    return pygame.event.Event(pygame.KEYUP, key=code, mod=0, unicode="", scancode=0)


def test_held_keys_tell_presses_repeats_and_keys_held_over():
    physically_down: set[int] = set()
    held = HeldKeys(key_down=lambda key: key in physically_down)
    physically_down.add(pygame.K_RETURN)
    assert held.see(_down(pygame.K_RETURN)) == PRESS
    assert held.see(_down(pygame.K_RETURN)) == REPEAT
    assert held.hand_off() == (frozenset({pygame.K_RETURN}), frozenset())
    assert held.see(_down(pygame.K_RETURN)) == HELD_OVER  # a repeat on the new screen
    physically_down.discard(pygame.K_RETURN)
    assert held.see(_up(pygame.K_RETURN)) == OTHER
    physically_down.add(pygame.K_RETURN)
    assert held.see(_down(pygame.K_RETURN)) == PRESS


def test_a_key_released_later_in_the_batch_is_down_until_its_keyup():
    held = HeldKeys(key_down=lambda key: False)  # the device already reads it as released
    batch = [_down(pygame.K_RETURN), _down(pygame.K_RETURN), _up(pygame.K_RETURN)]
    held.look_ahead(batch)
    assert held.see(batch[0]) == PRESS
    assert held.hand_off() == (frozenset({pygame.K_RETURN}), frozenset())
    assert held.see(batch[1]) == HELD_OVER
    assert held.see(batch[2]) == OTHER
    held.look_ahead([_down(pygame.K_RETURN)])
    assert held.see(_down(pygame.K_RETURN)) == PRESS


def test_a_keydown_without_its_keyup_never_blocks_the_next_press():
    """Posted events (tests, tools) and a KEYUP lost with the focus: the device's state says
    the key is up, so the next KEYDOWN is a press."""
    held = HeldKeys(key_down=lambda key: False)
    assert held.see(_down(pygame.K_RETURN)) == PRESS
    assert held.hand_off() == (frozenset(), frozenset())
    assert held.see(_down(pygame.K_RETURN)) == PRESS
