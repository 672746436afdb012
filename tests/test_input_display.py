"""The input display: off by default, drawn in the bottom-right corner when the setting is on,
lighting what the tick's input holds, in play and when watching a replay; the setting is
chosen on the settings screen and kept in the settings file."""

from __future__ import annotations

import json

import pygame
import pytest

from game.app import run
from game.levels import load_level
from game.modes.watch_replay import watch_replay
from game.render import input_display
from game.render.input_display import BUTTON_COLORS, BUTTONS, STICK_COLOR, TURN_COLOR
from game.settings import Settings, load_settings, save_settings, settings_path
from game.sim import tick_input
from game.sim.tick_input import GRAB, THROW, USE, TickInput
from game.speedrun.replay import Replay, RunResult
from tests.test_scenes import choose, drive, key, until
from tests.window_levels import FRAME, room_text, write_level

SIZE = (1280, 720)


def count(surface: pygame.Surface, rect: pygame.Rect, color) -> int:
    """How many pixels of `rect` are exactly `color`."""
    area = surface.subsurface(rect.clip(surface.get_rect()))
    return pygame.mask.from_threshold(area, (*color, 255), (1, 1, 1, 255)).count()


def lit(surface: pygame.Surface, display) -> dict:
    """What the display shows lit on `surface`: each button, each turn arrow (+1
    counter-clockwise, -1 clockwise), and the stick's dot right or left of the centre."""
    shown = {}
    for name, _ in BUTTONS:
        pill = display.button_rects[name]
        shown[name] = count(surface, pill, BUTTON_COLORS[name]) > pill.width * pill.height // 4
    for sign in (1, -1):
        shown[sign] = count(surface, display.turn_rects[sign], TURN_COLOR) > 20
    cx, cy = display._stick_centre
    reach = round(display._reach) + 10
    right = pygame.Rect(cx + 4, cy - reach, reach, 2 * reach)
    left = pygame.Rect(cx - reach, cy - reach, reach - 4, 2 * reach)
    shown["right"] = count(surface, right, STICK_COLOR) > 20
    shown["left"] = count(surface, left, STICK_COLOR) > 20
    return shown


def play_room(tmp_path, script, settings: Settings, frames: int = 30):
    """Play a small room with `script`; (the last frame, the app's input display, the view's
    last input)."""
    level = write_level(tmp_path / "room.toml", room_text())
    seen = {}

    def on_frame(app) -> None:
        seen["frame"] = app.screen.copy()
        seen["display"] = app.now.view.input_display
        seen["input"] = app.now.view.last_input

    run(
        level,
        input_source=script,
        settings=settings,
        max_frames=frames,
        frame_dt=FRAME,
        window_size=SIZE,
        watch=False,
        on_frame=on_frame,
    )
    return seen["frame"], seen["display"], seen["input"]


def test_off_by_default_and_drawn_in_the_corner_only_when_the_setting_is_on(tmp_path):
    assert Settings().input_display is False
    held = TickInput(100, 0, 0, USE)

    def script(tick: int) -> TickInput:
        return held

    off_frame, off, _ = play_room(tmp_path, script, Settings(seen_photosensitivity_notice=True))
    on_settings = Settings(seen_photosensitivity_notice=True, input_display=True)
    on_frame, on, last = play_room(tmp_path, script, on_settings)
    assert off is None and on is not None and last == held
    # Bottom right, clear of the timer, objective and O2 at the top.
    assert on.rect.right > SIZE[0] * 0.9 and on.rect.bottom > SIZE[1] * 0.9
    assert on.rect.top > SIZE[1] * 0.75 and on.rect.left > SIZE[0] * 0.85 - 20
    shown_on, shown_off = lit(on_frame, on), lit(off_frame, on)
    assert shown_on["USE"] and shown_on["right"]
    assert not any(shown_off.values())


def test_the_held_buttons_turn_and_stick_light_up(tmp_path):
    settings = Settings(seen_photosensitivity_notice=True, input_display=True)
    first = TickInput(100, 0, 100, USE)
    second = TickInput(-100, 0, -100, GRAB | THROW)
    frame_a, display, _ = play_room(tmp_path, lambda tick: first, settings)
    frame_b, _, _ = play_room(tmp_path, lambda tick: second, settings)
    a, b = lit(frame_a, display), lit(frame_b, display)
    assert (a["GRAB"], a["USE"], a["THROW"]) == (False, True, False)
    assert (b["GRAB"], b["USE"], b["THROW"]) == (True, False, True)
    assert (a[1], a[-1]) == (True, False)  # counter-clockwise
    assert (b[1], b[-1]) == (False, True)
    assert a["right"] and not a["left"]
    assert b["left"] and not b["right"]


@pytest.mark.usefixtures("small_display")
def test_every_button_bit_of_a_tick_input_has_its_own_light():
    bits = [1 << n for n in range(16) if tick_input._ALL_BUTTONS & (1 << n)]
    assert sorted(bit for _, bit in BUTTONS) == bits
    display = input_display.InputDisplay()
    for bit in bits:
        surface = pygame.Surface(SIZE)
        display.draw(surface, TickInput(buttons=bit))
        shown = lit(surface, display)
        assert [name for name, b in BUTTONS if shown[name]] == [
            name for name, b in BUTTONS if b == bit
        ]


def test_watching_a_replay_shows_the_input_it_feeds(tmp_path):
    level = load_level(write_level(tmp_path / "room.toml", room_text()))
    first, second = TickInput(0, 100, 0, USE), TickInput(-100, 0, -100, GRAB | THROW)
    replay = Replay(
        level.info.id,
        level.sha256,
        runs=((80, first), (400, second)),
        checksums=(),
        result=RunResult(False, 0, 0, (), None),
    )
    seen = []

    def on_frame(app) -> None:
        view = app.now.view
        seen.append((app.now.play.world.tick, view.last_input, lit(app.screen, view.input_display)))

    run(
        level,
        replay=replay,
        settings=Settings(seen_photosensitivity_notice=True, input_display=True),
        max_frames=70,
        frame_dt=FRAME,
        window_size=SIZE,
        on_frame=on_frame,
    )
    inputs = list(replay.inputs())
    shown = {}
    for tick, last, lights in seen:
        if 10 < tick < 70 or 100 < tick < 130:
            assert last == inputs[tick - 1]
            shown[last] = lights
    assert set(shown) == {first, second}
    assert [shown[first][name] for name, _ in BUTTONS] == [False, True, False]
    assert [shown[second][name] for name, _ in BUTTONS] == [True, False, True]
    assert shown[second][-1] and shown[second]["left"]


def test_last_orbit_replay_shows_it_when_the_players_settings_say_so(tmp_path):
    path = write_level(tmp_path / "room.toml", room_text())
    level = load_level(path)
    held = TickInput(0, 0, 0, GRAB)
    replay = Replay(
        level.info.id, level.sha256, ((200, held),), (), RunResult(False, 0, 0, (), None)
    )
    shown = []

    def on_frame(app) -> None:
        display = app.now.view.input_display
        shown.append(display is not None and lit(app.screen, display)["GRAB"])

    for on in (False, True):
        save_settings(Settings(seen_photosensitivity_notice=True, input_display=on))
        shown.clear()
        assert watch_replay(replay, path, max_frames=20, on_frame=on_frame) == 0
        assert shown[-1] is on


def test_the_setting_is_chosen_on_the_settings_screen_with_the_keyboard():
    def flow(app, log):
        yield from until(app, "title")
        yield from choose(app, "settings")
        key(pygame.K_RETURN)
        yield from until(app, "settings")
        yield from choose(app, "input_display")
        assert app.scene.menu.item.value == "Off"
        key(pygame.K_RETURN)
        yield
        log["on"] = app.settings.input_display
        log["shown"] = app.scene.menu.item.value
        key(pygame.K_ESCAPE)
        yield from until(app, "title")
        log["done"] = True

    log, _ = drive(flow, persist_settings=True)
    assert log["on"] is True and log["shown"] == "On"
    saved, messages = load_settings()
    assert saved.input_display is True and messages == []


def test_the_setting_round_trips_and_a_bad_value_falls_back_to_off():
    save_settings(Settings(input_display=True))
    loaded, messages = load_settings()
    assert loaded.input_display is True and messages == []

    path = settings_path()
    document = json.loads(path.read_text(encoding="utf-8"))
    document["input_display"] = "yes"
    document["ghost"] = False
    path.write_text(json.dumps(document), encoding="utf-8")
    loaded, messages = load_settings()
    assert loaded.input_display is False and loaded.ghost is False  # the rest is kept
    assert len(messages) == 1 and "input_display (not true/false)" in messages[0]
