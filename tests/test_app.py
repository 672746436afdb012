"""The game window, headless (dummy SDL drivers): the fixed-step clock, scenes (play, pause,
restart, results), input mapping, the camera, and that drawing never changes the simulation."""

from __future__ import annotations

import math
from pathlib import Path

import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.app import RunStats, run
from game.clock import FixedStepClock
from game.input import (
    CONFIRM,
    PAUSE,
    QUIT,
    RESTART,
    DeviceInput,
    key_label,
    menu_action,
    radial_deadzone,
)
from game.levels import load_level, load_level_bytes
from game.render.camera import VIEW_WIDTH_M, Camera
from game.render.hud import format_time
from game.render.world_view import WorldView
from game.scenes.play import PlayScene
from game.sim import NEUTRAL, TickInput, build_world, state_hash, step

ARRIVAL = Path(__file__).resolve().parent.parent / "levels" / "arrival.toml"
FRAME = 1 / 60  # two ticks per frame

ROOM = """
[level]
id = "app-test"
name = "App test"
format = 1
par_seconds = 5.0

[world]
bounds = [-20.0, -20.0, 20.0, 20.0]

[player]
spawn = [0.0, 0.0]
propellant = 3.0
o2_seconds = {o2}

[[walls]]
closed = true
thickness = 0.2
points = [[-5.0, -3.0], [5.0, -3.0], [5.0, 3.0], [-5.0, 3.0]]

[[handholds]]
id = "rail"
from = [-2.0, -2.5]
to = [2.0, -2.5]

[[zones]]
id = "goal"
rect = [1.0, -1.0, 3.0, 1.0]
label = "Goal"

[[objectives]]
kind = "reach"
zone = "goal"
"""


def room(o2: float = 300.0):
    return load_level_bytes(ROOM.format(o2=o2).encode(), "app-test.toml")


def thrust_right(tick: int) -> TickInput:
    return TickInput.from_analog(1.0, 0.0)


def key_event(key: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)


def at_frames(actions: dict[int, int]):
    """An on_frame hook that presses a key after the given frames."""

    def on_frame(app) -> None:
        key = actions.get(app.frames)
        if key is not None:
            pygame.event.post(key_event(key))

    return on_frame


# -- the fixed-step clock --------------------------------------------------------------------------


def test_clock_counts_whole_ticks_without_drift():
    clock = FixedStepClock(tick_rate=120, max_ticks_per_frame=8)
    # 1/144 s frames: 1000 of them are 6.944 s, so exactly 833 ticks, never 832 or 834.
    total = sum(clock.advance(1 / 144) for _ in range(1000))
    assert total == 833
    assert clock.ticks == 833
    assert clock.dropped == 0
    # 60 Hz frames: exactly two ticks every frame, no frame with one or three.
    clock = FixedStepClock()
    assert {clock.advance(1 / 60) for _ in range(600)} == {2}


def test_clock_alpha_is_the_leftover_fraction_of_a_tick():
    clock = FixedStepClock(tick_rate=120)
    assert clock.advance(0.5 / 120) == 0
    assert clock.alpha == pytest.approx(0.5, abs=1e-6)
    assert clock.advance(0.75 / 120) == 1
    assert clock.alpha == pytest.approx(0.25, abs=1e-6)
    clock.reset()
    assert clock.alpha == 0.0
    assert clock.advance(0.0) == 0


def test_clock_caps_catch_up_and_drops_the_rest():
    clock = FixedStepClock(tick_rate=120, max_ticks_per_frame=8)
    assert clock.advance(1.0) == 8  # a one-second stall: 120 ticks due, 8 run
    assert clock.dropped == 112
    assert 0.0 <= clock.alpha < 1.0
    assert clock.advance(1 / 120) == 1  # and then it is back to normal at once
    assert clock.advance(-5.0) == 0  # a clock going backwards runs nothing


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=60_000_000), min_size=1, max_size=200))
def test_clock_ticks_equal_elapsed_time_when_never_capped(frame_ns):
    clock = FixedStepClock(tick_rate=120, max_ticks_per_frame=10_000)
    total = sum(clock.advance_ns(ns) for ns in frame_ns)
    assert total == sum(frame_ns) * 120 // 1_000_000_000
    assert 0.0 <= clock.alpha < 1.0


# -- the window ------------------------------------------------------------------------------------


def test_run_plays_scripted_input_for_max_frames_and_returns(tmp_path):
    seen: list[int] = []

    def source(tick: int) -> TickInput:
        seen.append(tick)
        return thrust_right(tick)

    stats = RunStats()
    shot = tmp_path / "shot.png"
    code = run(
        ARRIVAL, max_frames=30, frame_dt=FRAME, input_source=source, stats=stats, screenshot=shot
    )
    assert code == 0
    assert stats.frames == 30
    assert stats.ticks == 60 and stats.world_tick == 60
    assert seen == list(range(60))  # called once per tick, with the world's tick
    assert stats.run_ticks == 60  # the timer started on the first input
    assert stats.scene == "play"
    assert len(stats.draw_seconds) == 30 and all(t > 0 for t in stats.draw_seconds)
    assert stats.first_frame_seconds is not None and 0 < stats.first_frame_seconds < 10
    picture = pygame.image.load(str(shot))
    assert picture.get_size() == (1280, 720)


def test_drawing_never_changes_the_simulation():
    """The window (which queries reach, aims and draws every frame) ends bit-for-bit where a
    headless run of the same inputs does."""
    level = load_level(ARRIVAL)
    from game.speedrun.shipped_solutions import solution_inputs

    inputs = solution_inputs(level) or [thrust_right(t) for t in range(600)]
    frames = min(len(inputs), 900) // 2 - 5

    def source(tick: int) -> TickInput:
        return inputs[tick] if tick < len(inputs) else NEUTRAL

    stats = RunStats()
    run(level, max_frames=frames, frame_dt=FRAME, input_source=source, stats=stats)
    world = build_world(level)
    for tick in range(frames * 2):
        step(world, source(tick))
    assert stats.world_tick == world.tick == frames * 2
    assert stats.state_hash == state_hash(world)


def test_r_restarts_at_once():
    stats = RunStats()
    run(
        room(),
        max_frames=40,
        frame_dt=FRAME,
        input_source=thrust_right,
        stats=stats,
        on_frame=at_frames({25: pygame.K_r}),
    )
    assert stats.restarts == 1
    # 25 frames before the restart, 15 after it (2 ticks each) on a fresh world from tick 0.
    assert stats.ticks == 80
    assert stats.world_tick == 30
    assert stats.run_ticks == 30


def test_escape_pauses_the_simulation_and_enter_resumes():
    ticks_at: dict[int, int] = {}

    def on_frame(app) -> None:
        ticks_at[app.frames] = app.play.world.tick
        if app.frames == 10:
            pygame.event.post(key_event(pygame.K_ESCAPE))
        if app.frames == 12:
            assert app.scene.name == "paused"
        if app.frames == 20:
            pygame.event.post(key_event(pygame.K_RETURN))

    stats = RunStats()
    run(
        room(),
        max_frames=30,
        frame_dt=FRAME,
        input_source=thrust_right,
        stats=stats,
        on_frame=on_frame,
    )
    assert ticks_at[11] == ticks_at[20] == 20  # frozen while paused
    assert ticks_at[30] > ticks_at[21] > 20  # running again after Enter
    assert stats.scene == "play"


def test_q_in_the_pause_menu_quits_but_turns_in_play():
    stats = RunStats()
    run(
        room(),
        max_frames=100,
        frame_dt=FRAME,
        input_source=thrust_right,
        stats=stats,
        on_frame=at_frames({5: pygame.K_q, 10: pygame.K_ESCAPE, 12: pygame.K_q}),
    )
    assert stats.frames == 12  # quit from the pause menu, long before 100 frames
    assert stats.world_tick == 20


def test_a_completed_run_shows_results_and_r_retries():
    scenes: dict[int, str] = {}

    def on_frame(app) -> None:
        scenes[app.frames] = app.scene.name

    stats = RunStats()
    run(
        room(),
        max_frames=140,
        frame_dt=FRAME,
        input_source=thrust_right,
        stats=stats,
        on_frame=on_frame,
    )
    assert stats.scene == "results"
    assert stats.world_status == "completed"
    finished = min(f for f, name in scenes.items() if name == "results")
    # Thrusting at 0.8 m/s^2 from x=0 reaches the zone at x=1 after about 1.6 s (~190 ticks).
    assert 170 <= stats.run_ticks <= 200
    assert stats.world_tick == stats.run_ticks  # the world stops on the results screen
    assert finished * 2 >= stats.run_ticks

    stats = RunStats()
    run(
        room(),
        max_frames=140,
        frame_dt=FRAME,
        input_source=thrust_right,
        stats=stats,
        on_frame=at_frames({120: pygame.K_r}),
    )
    assert stats.restarts == 1
    assert stats.scene == "play"
    assert stats.world_tick == 40


def test_results_say_why_a_run_failed():
    stats = RunStats()
    results = []

    def on_frame(app) -> None:
        if app.scene.name == "results" and not results:
            results.append(app.scene.result)

    run(
        room(o2=0.5),
        max_frames=60,
        frame_dt=FRAME,
        input_source=thrust_right,
        stats=stats,
        on_frame=on_frame,
    )
    assert stats.world_status == "failed"
    (result,) = results
    assert not result.completed
    assert result.fail_reason == "Out of oxygen"
    assert result.run_ticks == 60
    # Escape on the results screen leaves the game.
    stats = RunStats()
    run(
        room(o2=0.5),
        max_frames=200,
        frame_dt=FRAME,
        input_source=thrust_right,
        stats=stats,
        on_frame=at_frames({40: pygame.K_ESCAPE}),
    )
    assert stats.frames == 40


def test_a_resized_window_is_drawn_at_its_new_size(tmp_path):
    def on_frame(app) -> None:
        if app.frames == 3:
            pygame.display.set_mode((800, 600), pygame.RESIZABLE)

    shot = tmp_path / "small.png"
    run(
        room(),
        max_frames=6,
        frame_dt=FRAME,
        input_source=thrust_right,
        on_frame=on_frame,
        screenshot=shot,
    )
    assert pygame.image.load(str(shot)).get_size() == (800, 600)


def test_the_screen_shows_station_astronaut_and_goal(tmp_path):
    shot = tmp_path / "room.png"

    def turn_a_little(tick: int) -> TickInput:  # starts the clock (the title card fades out)
        return TickInput(turn=50) if tick < 5 else NEUTRAL

    run(room(), max_frames=60, frame_dt=FRAME, input_source=turn_a_little, screenshot=shot)
    picture = pygame.image.load(str(shot))
    camera = Camera(picture.get_size())
    camera.snap(Camera.target_for((0.0, 0.0), (0.0, 0.0), (2.0, 0.0)))

    def color_at(x: float, y: float):
        return picture.get_at(tuple(round(v) for v in camera.to_screen(x, y)))[:3]

    suit = color_at(0.0, 0.0)  # the astronaut's suit, white
    assert min(suit) > 170 and max(suit) - min(suit) < 40
    rail = color_at(-1.0, -2.5)  # the handrail, yellow
    assert rail[0] > 180 and rail[1] > 140 and rail[2] < 120
    wall = color_at(-5.0, 0.0)  # the hull, light grey
    assert min(wall) > 120
    goal = color_at(2.0, 0.6)  # the objective zone, tinted green over the dark panels
    panel = color_at(-3.0, 1.5)
    assert goal[1] > panel[1] + 10


# -- scene pieces ----------------------------------------------------------------------------------


def test_drawing_interpolates_between_the_last_two_ticks():
    level = room()
    play = PlayScene(level, thrust_right, WorldView(level, (1280, 720)))
    play.update(30)
    before = play._prev[0]
    x_now = play.world.astronaut.body.position.x
    assert x_now > before[0]
    assert play.poses(0.0)[0][0] == pytest.approx(before[0])
    assert play.poses(1.0)[0][0] == pytest.approx(x_now)
    assert play.poses(0.5)[0][0] == pytest.approx((before[0] + x_now) / 2)
    play.restart()
    assert play.world.tick == 0
    assert play.poses(0.5)[0][:2] == pytest.approx((0.0, 0.0))


def test_a_tiled_station_looks_like_the_single_layer_and_stays_bounded(display, monkeypatch):
    from game.render import station

    level = load_level(ARRIVAL)
    camera = Camera((1280, 720))
    camera.snap((6.0, -2.0))
    whole = pygame.Surface((1280, 720))
    station.StationLayer(level).draw(whole, camera)
    monkeypatch.setattr(station, "SINGLE_MAX_PIXELS", 1000)
    monkeypatch.setattr(station, "TILE_PX", 200)
    layer = station.StationLayer(level)
    tiled = pygame.Surface((1280, 720))
    layer.draw(tiled, camera)
    assert layer.tiled and layer.surface is None
    assert len(layer.tiles) == 6 * 4  # small enough to build whole: no hitch while playing
    differing = sum(
        max(
            abs(a - b)
            for a, b in zip(whole.get_at((x, y))[:3], tiled.get_at((x, y))[:3], strict=True)
        )
        > 24
        for x in range(0, 1280, 4)
        for y in range(0, 720, 4)
    )
    assert differing < 0.005 * (320 * 180)  # the same picture, give or take a seam pixel
    # Too big to keep whole (zoomed right in, ~200 tiles): flying across it, only the tiles
    # near the screen are kept.
    monkeypatch.setattr(station, "ALL_TILES_MAX_PIXELS", 1000)
    layer = station.StationLayer(level)
    camera = Camera((400, 300))
    camera.scale = 200.0
    small = pygame.Surface((400, 300))
    most = 0
    for x in range(-2, 18):
        camera.snap((float(x), -4.0 + x / 4))
        layer.draw(small, camera)
        most = max(most, len(layer.tiles))
    assert most <= 3 * 3 + station.SPARE_TILES + 4


def test_pose_reader_matches_body_by_body_reads():
    from game.render.poses import PoseReader

    bodies = "".join(
        f'[[bodies]]\nid = "box{i}"\nat = [{-4 + i * 0.4:.1f}, 1.5]\nsize = [0.3, 0.2]\n'
        f"mass = 2.0\nspin = {10 * i}.0\nvelocity = [0.1, {0.05 * i:.2f}]\n"
        + ("spawned = false\n" if i == 7 else "")
        for i in range(20)
    )
    level = load_level_bytes((ROOM.format(o2=300.0) + bodies).encode(), "many.toml")
    world = build_world(level)
    reader = PoseReader(world)
    for _ in range(30):
        step(world, thrust_right(0))
    expected = [(*b.position, b.angle) for b in world.dynamic_bodies()]
    assert len(expected) == 21
    assert reader.read() == expected


def test_motion_is_even_on_a_144_hz_display():
    """At 144 frames per second a frame runs 0, 1 or 2 ticks; drawn with interpolation, a body
    coasting at constant speed still moves the same distance every frame."""
    level = room()
    push_then_coast = [TickInput.from_analog(1.0, 0.0)] * 60

    def source(tick: int) -> TickInput:
        return push_then_coast[tick] if tick < len(push_then_coast) else NEUTRAL

    xs: list[float] = []
    run(
        level,
        max_frames=200,
        frame_dt=1 / 144,
        input_source=source,
        on_frame=lambda app: xs.append(app.play.poses(app.clock.alpha)[0][0]),
    )
    steps = [b - a for a, b in zip(xs[100:], xs[101:], strict=False)]  # coasting
    speed = 0.8 * 60 / 120  # thrust 0.8 m/s^2 for half a second
    assert min(steps) == pytest.approx(max(steps), rel=1e-6)
    assert steps[0] == pytest.approx(speed / 144, rel=1e-3)


def test_camera_maps_22_metres_across_and_y_up():
    camera = Camera((1280, 720))
    camera.snap((3.0, -2.0))
    assert camera.to_screen(3.0, -2.0) == pytest.approx((640, 360), abs=1)
    left = camera.to_world(0, 360)[0]
    right = camera.to_world(1280, 360)[0]
    assert right - left == pytest.approx(VIEW_WIDTH_M)
    assert camera.to_screen(3.0, 0.0)[1] < camera.to_screen(3.0, -2.0)[1]  # up is up
    assert Camera((2560, 1440)).scale == pytest.approx(2 * camera.scale)  # same view, sharper
    assert Camera((1280, 1440)).scale == pytest.approx(camera.scale)  # a tall window sees more
    sx, sy = camera.to_screen(7.25, 1.5)
    assert camera.to_world(sx, sy) == pytest.approx((7.25, 1.5))


def test_camera_follow_is_smooth_and_frame_rate_independent():
    fast, slow = Camera((1280, 720)), Camera((1280, 720))
    for _ in range(120):
        fast.follow((10.0, 0.0), 1 / 120)
    for _ in range(30):
        slow.follow((10.0, 0.0), 1 / 30)
    assert fast.x == pytest.approx(slow.x, rel=1e-9)
    assert 9.0 < fast.x < 10.0
    steps = []
    camera = Camera((1280, 720))
    for _ in range(10):
        before = camera.x
        camera.follow((10.0, 0.0), 1 / 60)
        steps.append(camera.x - before)
    assert all(a > b > 0 for a, b in zip(steps, steps[1:], strict=False))  # eases, no jumps


# -- input -----------------------------------------------------------------------------------------


@pytest.fixture
def display():
    pygame.display.init()
    pygame.display.set_mode((64, 64))
    yield
    pygame.display.quit()


def test_menu_keys_map_to_actions(display):
    assert menu_action(key_event(pygame.K_r)) == [RESTART]
    assert menu_action(key_event(pygame.K_ESCAPE)) == [PAUSE]
    assert menu_action(key_event(pygame.K_RETURN)) == [CONFIRM]
    assert menu_action(key_event(pygame.K_q)) == [QUIT]
    assert menu_action(key_event(pygame.K_w)) == []
    assert key_label(RESTART) == "R" and key_label(PAUSE) == "ESC"


def test_a_tapped_button_reaches_the_simulation_for_one_tick(display):
    device = DeviceInput()
    assert device(0) == NEUTRAL  # nothing held, no gamepad: neutral, and no error
    device.handle_event(key_event(pygame.K_f))  # pressed and released within one frame
    first, second = device(1), device(2)
    assert first.throw and not first.grab
    assert not second.throw
    device.handle_event(key_event(pygame.K_SPACE))
    device.reset()  # e.g. back from the pause menu: an old tap is forgotten
    assert device(3) == NEUTRAL


class FakePad:
    """Stands in for an SDL game controller: axes in -32768..32767, buttons 0/1."""

    def __init__(self, axes=None, buttons=()):
        self.axes = axes or {}
        self.buttons = set(buttons)

    def get_axis(self, axis: int) -> int:
        return self.axes.get(axis, 0)

    def get_button(self, button: int) -> bool:
        return button in self.buttons


def test_gamepad_stick_triggers_and_buttons(display):
    device = DeviceInput()
    device._controllers = {
        1: FakePad(
            {
                pygame.CONTROLLER_AXIS_LEFTX: 32767,
                pygame.CONTROLLER_AXIS_LEFTY: -32767,  # pushed up: SDL's y points down
                pygame.CONTROLLER_AXIS_TRIGGERLEFT: 32767,
            },
            {pygame.CONTROLLER_BUTTON_A, pygame.CONTROLLER_BUTTON_B},
        )
    }
    inp = device(0)
    assert inp.move_x == inp.move_y == 71  # up and right: full deflection, 45 degrees
    assert inp.turn == 100  # left trigger: counter-clockwise
    assert inp.grab and inp.use and not inp.throw
    device._controllers = {1: FakePad({pygame.CONTROLLER_AXIS_LEFTX: 3000})}  # resting drift
    assert device(1) == NEUTRAL
    device._controllers = {1: FakePad(buttons={pygame.CONTROLLER_BUTTON_RIGHTSHOULDER})}
    assert device(2).turn == -100


def test_stick_deadzone_is_radial_and_reaches_full_deflection():
    assert radial_deadzone(0.1, 0.1) == (0.0, 0.0)
    x, y = radial_deadzone(1.0, 0.0)
    assert (x, y) == pytest.approx((1.0, 0.0))
    x, y = radial_deadzone(0.6, 0.6)
    assert math.atan2(y, x) == pytest.approx(math.pi / 4)  # the direction is kept
    assert math.hypot(x, y) <= 1.0


def test_faded_text_keeps_its_transparent_background(display):
    """Cached text drawn faded once (a flash) must still be see-through when drawn again."""
    from game.render import text

    target = pygame.Surface((400, 100))
    text.blit(target, "Houston: go", 30, (0, 0), (255, 255, 255), alpha=100)
    target.fill((0, 0, 255))
    rect = text.blit(target, "Houston: go", 30, (0, 0), (255, 255, 255))
    corner = target.get_at((rect.right - 1, rect.top))[:3]  # beside the last letter: empty
    assert corner == (0, 0, 255)


def test_timer_format():
    assert format_time(0) == "0:00.000"
    assert format_time(120 * 75 + 6) == "1:15.050"
    assert format_time(-5) == "0:00.000"
