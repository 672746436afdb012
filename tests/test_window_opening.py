"""The world waits in the window too: a level's opening plays by itself and Enter skips it, and
the PB ghost waits with the player however long they hesitate."""

from __future__ import annotations

import pygame

from game.app import run
from game.sim import NEUTRAL
from game.speedrun.session import SpeedrunOptions
from tests.window_levels import FRAME, press, room_text, thrust, write_level

OPENING = """
[opening]
seconds = 3.0

[[triggers]]
on = "time"
seconds = 1.0
actions = [{ do = "message", from = "Houston", text = "Stand by.", seconds = 5.0 }]
"""


def hesitant(calls: int):
    """Neutral for the first `calls` ticks asked for, then full thrust. (Counted in calls: while
    the world waits, its tick does not move on.)"""
    asked = [0]
    go = thrust()

    def source(tick: int):
        asked[0] += 1
        return NEUTRAL if asked[0] <= calls else go(tick)

    return source


def test_enter_skips_the_opening_to_its_end_and_the_world_then_waits(tmp_path):
    path = write_level(tmp_path / "opening.toml", room_text() + OPENING)
    seen = {}

    def on_frame(app) -> None:
        world = app.play.world
        if app.frames == 2:
            seen["during"] = (world.in_opening, world.tick)
            press(pygame.K_RETURN)
        if app.frames == 10:
            seen["after"] = (world.in_opening, world.tick, world.start_tick)
            seen["said"] = [m.text for m in app.play.view.hud.messages]

    run(path, max_frames=11, frame_dt=FRAME, input_source=hesitant(10_000), on_frame=on_frame)
    in_opening, tick = seen["during"]
    assert in_opening and 0 < tick < 360
    assert seen["after"] == (False, 360, None)  # all 3 s played at once; then it waits
    assert "Stand by." in seen["said"]  # the opening's radio line is still heard


def test_the_ghost_waits_with_a_hesitating_player(tmp_path):
    path = write_level(tmp_path / "room.toml", room_text())
    run(path, max_frames=140, frame_dt=FRAME, input_source=thrust(), speedrun=SpeedrunOptions())
    pairs = []

    def on_frame(app) -> None:
        ghost = app.play.ghost
        if app.scene is app.play and ghost is not None and not ghost.finished:
            pairs.append((ghost.tick, app.play.world.tick))

    run(
        path,
        max_frames=120,
        frame_dt=FRAME,
        input_source=hesitant(100),  # 50 frames of hesitation, then the same run as the PB
        speedrun=SpeedrunOptions(),
        on_frame=on_frame,
    )
    assert pairs[:40] == [(0, 0)] * 40  # neither moves while the player waits
    assert pairs[-1][0] > 50
    assert all(ghost == player for ghost, player in pairs)
