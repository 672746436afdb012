"""Rebinding the controls (keyboard and gamepad) in the window, conflicts, restoring the
defaults, and bindings that last from one start of the game to the next."""

from __future__ import annotations

import pygame
import pytest

from game.bindings import Bindings, key_text
from game.input import (
    DEFAULT_KEYS,
    DEFAULT_PAD_BUTTONS,
    GRAB,
    MOVE_UP,
    PAUSE,
    QUIT,
    THROW,
    TURN_CCW,
    USE,
)
from game.settings import Settings, load_settings, save_settings
from tests.test_scenes import button, choose, drive, key, pick_level, until, user_level


@pytest.fixture
def display():
    pygame.display.init()
    pygame.display.set_mode((64, 64))
    yield
    pygame.display.quit()


def to_controls(app):
    """Title -> Settings -> Controls, with the keyboard."""
    yield from until(app, "title")
    yield from choose(app, "settings")
    key(pygame.K_RETURN)
    yield from until(app, "settings")
    yield from choose(app, "controls")
    key(pygame.K_RETURN)
    yield from until(app, "controls")


def test_a_rebinding_lasts_across_a_restart_of_the_game():
    room = user_level()  # the astronaut starts within reach of its handrail:
    text = room.read_text(encoding="utf-8")
    room.write_text(text.replace("spawn = [0.0, 0.0]", "spawn = [0.0, -1.9]"), encoding="utf-8")
    save_settings(Settings(seen_photosensitivity_notice=True))

    def rebind(app, log):
        yield from to_controls(app)
        yield from choose(app, GRAB)
        assert app.scene.column == 0
        key(pygame.K_RETURN)  # rebind the first key
        yield
        assert app.scene.captures_keys
        key(pygame.K_j, "j")
        yield
        assert app.device.keys[GRAB] == (pygame.K_j,)  # used at once
        key(pygame.K_ESCAPE)
        yield from until(app, "settings")
        key(pygame.K_ESCAPE)
        yield from until(app, "title")
        log["done"] = True

    drive(rebind, settings=load_settings()[0], persist_settings=True)
    saved, messages = load_settings()
    assert not messages
    assert saved.keys == {GRAB: ["j"]}

    def play_with_j(app, log):
        assert app.device.keys[GRAB] == (pygame.K_j,)
        yield from pick_level(app, "win-test")
        key(pygame.K_RETURN)
        yield from until(app, "play")
        yield
        key(pygame.K_SPACE)  # the old key does nothing now
        for _ in range(3):
            yield
        log["space"] = [f.text for f in app.view.hud.flashes]
        key(pygame.K_j, "j")
        for _ in range(3):
            yield
        log["j"] = [f.text for f in app.view.hud.flashes]
        log["done"] = True

    log, _ = drive(play_with_j, settings=saved, persist_settings=True)
    assert "grab" not in log["space"]
    assert "grab" in log["j"]  # J grabbed the handrail


def test_a_conflict_is_shown_and_restore_defaults_clears_it():
    def flow(app, log):
        yield from to_controls(app)
        yield from choose(app, GRAB)
        key(pygame.K_RETURN)
        key(pygame.K_q, "q")  # Q turns counter-clockwise in flight
        yield
        scene = app.scene
        log["message"] = scene.message
        log["conflicted"] = scene.bindings.conflicted()
        yield from choose(app, "restore")
        key(pygame.K_RETURN)
        yield
        log["restored"] = (dict(app.device.keys), app.settings.keys, scene.bindings.conflicted())
        log["done"] = True

    log, _ = drive(flow)
    assert "Turn counter-clockwise" in log["message"] and "flying" in log["message"]
    assert log["conflicted"] == {("key", GRAB, pygame.K_q), ("key", TURN_CCW, pygame.K_q)}
    keys, saved, conflicts = log["restored"]
    assert keys == DEFAULT_KEYS and saved == {} and conflicts == set()


def test_gamepad_buttons_are_rebound_from_the_gamepad():
    def flow(app, log):
        yield from to_controls(app)
        yield from choose(app, USE)
        key(pygame.K_RIGHT)
        key(pygame.K_RIGHT)  # the gamepad column
        yield
        assert app.scene.column == 2
        button(pygame.CONTROLLER_BUTTON_A)  # A starts the capture...
        yield
        assert app.scene.captures_keys
        button(pygame.CONTROLLER_BUTTON_Y)  # ...and Y is bound
        yield
        log["pad"] = app.device.pad_buttons[USE]
        log["saved"] = app.settings.pad_buttons
        # A key in the gamepad column, or Esc, changes nothing.
        button(pygame.CONTROLLER_BUTTON_A)
        yield
        key(pygame.K_ESCAPE)
        yield
        log["after"] = app.device.pad_buttons[USE]
        log["done"] = True

    log, _ = drive(flow)
    assert log["pad"] == (pygame.CONTROLLER_BUTTON_Y,) == log["after"]
    assert log["saved"] == {USE: [pygame.CONTROLLER_BUTTON_Y]}


def test_cells_are_chosen_and_rebound_with_the_mouse_and_cleared_with_delete():
    def flow(app, log):
        yield from to_controls(app)
        yield
        scene = app.scene
        index = [i.id for i in scene.menu.items].index(THROW)
        cell = scene.cells[(index, 1)]  # the alternative key
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=cell.center, button=1))
        yield
        assert scene.capture is not None and scene.capture.column == 1
        key(pygame.K_t, "t")
        yield
        log["two"] = app.device.keys[THROW]
        key(pygame.K_DELETE)  # the chosen cell (the alternative) is cleared
        yield
        log["one"] = app.device.keys[THROW]
        key(pygame.K_RETURN)
        key(pygame.K_F11)  # kept for fullscreen: asks again
        yield
        log["f11"] = (scene.capture is not None, scene.message)
        key(pygame.K_ESCAPE)
        yield
        log["done"] = True

    log, _ = drive(flow)
    assert log["two"] == (pygame.K_f, pygame.K_t)
    assert log["one"] == (pygame.K_f,)
    waiting, message = log["f11"]
    assert waiting and "fullscreen" in message


def test_escape_can_be_bound_to_pause_but_cancels_elsewhere():
    def flow(app, log):
        yield from to_controls(app)
        yield from choose(app, PAUSE)
        key(pygame.K_RETURN)
        key(pygame.K_p, "p")
        yield
        key(pygame.K_RETURN)
        key(pygame.K_ESCAPE)  # for Pause, Esc is a key like any other
        yield
        log["pause"] = app.device.keys[PAUSE]
        yield from choose(app, QUIT)
        key(pygame.K_RETURN)
        key(pygame.K_ESCAPE)
        yield
        log["quit"] = app.device.keys[QUIT]
        log["done"] = True

    log, _ = drive(flow)
    assert log["pause"] == (pygame.K_ESCAPE,)
    assert log["quit"] == DEFAULT_KEYS[QUIT]


# -- the bindings themselves ----------------------------------------------------------------------


def test_bindings_round_trip_through_the_settings_file(display):
    bindings = (
        Bindings.defaults()
        .with_key(GRAB, 0, pygame.K_j)
        .with_key(MOVE_UP, 1, pygame.K_KP8)
        .with_button(THROW, 0, pygame.CONTROLLER_BUTTON_Y)
    )
    keys, pad = bindings.to_settings()
    assert keys == {GRAB: ["j"], MOVE_UP: ["w", "[8]"]}
    assert pad == {THROW: [pygame.CONTROLLER_BUTTON_Y]}
    save_settings(Settings(keys=keys, pad_buttons=pad))
    saved, messages = load_settings()
    assert not messages
    again, notes = Bindings.from_settings(saved.keys, saved.pad_buttons)
    assert not notes
    assert again.keys == bindings.keys and again.pad == bindings.pad
    assert Bindings.from_settings({}, {})[0] == Bindings.defaults()


def test_unknown_names_in_the_file_fall_back_with_a_message(display):
    bindings, messages = Bindings.from_settings(
        {GRAB: ["nosuchkey", "k"], "fly": ["x"], USE: ["f11"]}, {THROW: [99]}
    )
    assert bindings.keys[GRAB] == (pygame.K_k,)
    assert bindings.keys[USE] == ()  # F11 stays fullscreen
    assert bindings.pad[THROW] == ()
    (message,) = messages
    assert "nosuchkey" in message and "'fly'" in message and "f11" in message


def test_the_defaults_have_no_conflicts_and_shared_keys_are_per_context(display):
    defaults = Bindings.defaults()
    assert defaults.conflicted() == set()
    # Q is turn in flight and quit in the pause menu: never asked for together.
    assert defaults.keys[TURN_CCW] == defaults.keys[QUIT]
    assert defaults.pad == DEFAULT_PAD_BUTTONS
    assert key_text(pygame.K_ESCAPE) == "ESC" and key_text(pygame.K_RETURN) == "ENTER"
