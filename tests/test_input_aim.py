"""Aiming a push or throw finer than eight directions: the keyboard sweeps the aim, the mouse
points it, and the mouse buttons grab and throw (point and release)."""

import math

import pygame
import pytest

from game.input import (
    AIM_SWEEP_DEGREES_PER_TICK,
    MOUSE_AIM_DEADZONE,
    DeviceInput,
)
from tests.fake_keyboard import FakeKeyboard

ORIGIN = (400.0, 300.0)  # the astronaut on the game area


@pytest.fixture
def keys(monkeypatch):
    board = FakeKeyboard()
    monkeypatch.setattr(pygame.key, "get_pressed", board.get_pressed)
    return board


@pytest.fixture
def device(keys):
    pygame.display.init()
    pygame.display.set_mode((64, 64))
    source = DeviceInput()
    source.set_aim_origin(ORIGIN)  # holding on to something
    yield source
    pygame.display.quit()


def angle_of(inp) -> float:
    assert (inp.move_x, inp.move_y) != (0, 0), "no aim"
    return math.degrees(math.atan2(inp.move_y, inp.move_x))


def sample(device, ticks: int):
    return [device(t) for t in range(ticks)][-1]


def mouse(kind, **fields):
    return pygame.event.Event(kind, fields)


def test_tapping_a_neighbouring_key_while_aiming_stops_between_the_eight(device, keys):
    keys.down |= {pygame.K_SPACE, pygame.K_RIGHT}
    assert angle_of(device(0)) == pytest.approx(0.0, abs=0.5)  # the first direction snaps
    keys.down.add(pygame.K_UP)  # a short tap of UP...
    taps = 10
    sample(device, taps)
    keys.down.discard(pygame.K_UP)
    # ...leaves the aim where the sweep got to, however long RIGHT stays held.
    expected = taps * AIM_SWEEP_DEGREES_PER_TICK
    for _ in range(30):
        aim = device(0)
        assert aim.grab
        assert angle_of(aim) == pytest.approx(expected, abs=1.0)
    assert expected % 45 > 5  # truly between two of the eight directions


def test_a_diagonal_pressed_at_once_snaps(device, keys):
    keys.down |= {pygame.K_SPACE, pygame.K_UP, pygame.K_LEFT}
    assert angle_of(device(0)) == pytest.approx(135.0, abs=0.5)


def test_rolling_from_one_key_to_the_next_sweeps_all_the_way(device, keys):
    keys.down |= {pygame.K_SPACE, pygame.K_RIGHT}
    device(0)
    keys.down.add(pygame.K_UP)
    device(1)
    keys.down.discard(pygame.K_RIGHT)  # the older key let go: on towards UP
    ticks = math.ceil(90 / AIM_SWEEP_DEGREES_PER_TICK) + 2
    angles = [angle_of(device(t)) for t in range(ticks)]
    assert angles == sorted(angles)  # a sweep, not a jump
    assert angles[0] < 10.0
    assert angles[-1] == pytest.approx(90.0, abs=0.5)


def test_the_tick_the_button_comes_up_carries_the_swept_aim(device, keys):
    keys.down |= {pygame.K_SPACE, pygame.K_RIGHT}
    device(0)
    keys.down.add(pygame.K_UP)
    sample(device, 12)
    keys.down.discard(pygame.K_UP)
    held = device(0)
    keys.down.discard(pygame.K_SPACE)
    released = device(1)
    assert not released.grab
    assert angle_of(released) == pytest.approx(angle_of(held), abs=0.5)
    after = device(2)  # no longer aiming: the keys are the thruster again
    assert (after.move_x, after.move_y) == (100, 0)


def test_keys_snap_when_there_is_nothing_to_aim(device, keys):
    device.set_aim_origin(None)  # not holding on, not carrying: GRAB held is just reaching
    keys.down |= {pygame.K_SPACE, pygame.K_RIGHT}
    device(0)
    keys.down.add(pygame.K_UP)
    inp = device(1)
    assert (inp.move_x, inp.move_y) == (100, 100)


def test_moving_the_mouse_while_aiming_points_the_aim_at_the_pointer(device, keys):
    device.handle_event(mouse(pygame.MOUSEMOTION, pos=(410, 300), rel=(0, 0), buttons=(0, 0, 0)))
    keys.down.add(pygame.K_SPACE)
    assert (device(0).move_x, device(0).move_y) == (0, 0)  # keys up, mouse not moved yet
    device.handle_event(mouse(pygame.MOUSEMOTION, pos=(500, 400), rel=(90, 100), buttons=(0,) * 3))
    assert angle_of(device(1)) == pytest.approx(-45.0, abs=0.6)  # down-right on screen
    keys.down.add(pygame.K_UP)  # a key takes the aim back
    assert angle_of(device(2)) == pytest.approx(90.0, abs=0.5)


def test_point_and_release_with_the_mouse_alone(device, keys):
    pointer = (ORIGIN[0] - 30.0, ORIGIN[1] - 100.0)  # up and a little left
    device.handle_event(mouse(pygame.MOUSEBUTTONDOWN, pos=pointer, button=1))
    holding = [device(t) for t in range(5)]
    assert all(inp.grab and not inp.throw for inp in holding)
    expected = math.degrees(math.atan2(100.0, -30.0))
    assert angle_of(holding[-1]) == pytest.approx(expected, abs=0.6)
    device.handle_event(mouse(pygame.MOUSEBUTTONUP, pos=pointer, button=1))
    released = device(5)
    assert not released.grab
    assert angle_of(released) == pytest.approx(expected, abs=0.6)
    # The right button throws, aimed the same way.
    device.handle_event(mouse(pygame.MOUSEBUTTONDOWN, pos=pointer, button=3))
    throw = device(6)
    assert throw.throw and not throw.grab
    assert angle_of(throw) == pytest.approx(expected, abs=0.6)


def test_a_pointer_on_the_astronaut_aims_nowhere(device, keys):
    near = (ORIGIN[0] + MOUSE_AIM_DEADZONE / 2, ORIGIN[1])
    device.handle_event(mouse(pygame.MOUSEBUTTONDOWN, pos=near, button=1))
    inp = device(0)
    assert inp.grab and (inp.move_x, inp.move_y) == (0, 0)


def test_a_mouse_button_held_over_from_the_screen_before_is_not_a_grab(device, keys):
    device.handle_event(mouse(pygame.MOUSEBUTTONDOWN, pos=(10, 10), button=1))  # a menu click
    device.reset()  # the play scene starts
    assert not device(0).grab
