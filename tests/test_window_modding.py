"""The modding loop in the window (headless): F5 and automatic reloads of the level file, broken
edits shown on screen without stopping the game, recovery, a broken file given to
`last-orbit play`, and the F3 debug overlay."""

from __future__ import annotations

import pygame
import pytest

from game.app import RunStats, run
from game.cli import main
from game.hot_reload import POLL_SECONDS, LevelWatch
from game.render.overlay import problem_line
from tests.window_levels import FRAME, press, room_text, thrust, write_level

BROKEN = room_text().replace('zone = "goal"', 'zone = "gaol"')  # a typo in a reference


def test_f5_reloads_an_edited_level_in_place(tmp_path):
    path = write_level(tmp_path / "room.toml", room_text(par=5.0, right=5.0))
    seen = {}

    def on_frame(app) -> None:
        play = app.play
        if app.frames == 10:
            seen["before"] = (play.level.info.par_seconds, play.world.tick)
            write_level(path, room_text(par=7.5, right=4.0))  # par and a wall moved
            press(pygame.K_F5)
        if app.frames == 11:
            seen["after"] = play.level.info.par_seconds
            seen["walls"] = play.world.level.walls[0].points
            seen["tick"] = play.world.tick
            seen["same_world_level"] = play.world.level is play.level
            seen["view_level"] = app.view.level is play.level
            seen["notices"] = list(app.notices.history)

    stats = RunStats()
    run(path, max_frames=12, frame_dt=FRAME, input_source=thrust(), stats=stats, on_frame=on_frame)
    assert seen["before"] == (5.0, 20)
    assert seen["after"] == 7.5
    assert (4.0, -3.0) in seen["walls"]
    assert seen["tick"] == 2  # restarted on the new content: a fresh run from tick 0
    assert seen["same_world_level"] and seen["view_level"]
    assert stats.reloads == 1
    assert "Reloaded room.toml" in seen["notices"]


def test_a_saved_edit_is_picked_up_by_polling_and_on_restart(tmp_path):
    path = write_level(tmp_path / "room.toml", room_text(par=5.0))
    seen = {}

    def on_frame(app) -> None:
        if app.frames == 5:
            seen["polls_at_5"] = app.watch.polls
            write_level(path, room_text(par=6.0))
        # Polled twice a second: picked up within half a second of the save.
        if app.frames == 5 + round(POLL_SECONDS / FRAME) + 1:
            seen["polled"] = app.play.level.info.par_seconds
            seen["polls"] = app.watch.polls - seen["polls_at_5"]
            write_level(path, room_text(par=8.0))
            press(pygame.K_r)  # R picks up a change at once
        if app.frames == 5 + round(POLL_SECONDS / FRAME) + 2:
            seen["restarted"] = app.play.level.info.par_seconds

    stats = RunStats()
    run(path, max_frames=40, frame_dt=FRAME, input_source=thrust(), stats=stats, on_frame=on_frame)
    assert seen["polled"] == 6.0
    assert seen["polls"] <= 2  # cheap: a stat() every half second, not every frame
    assert seen["restarted"] == 8.0
    assert stats.reloads == 2


def test_a_broken_edit_shows_its_problems_and_the_game_plays_on_until_fixed(tmp_path, capsys):
    path = write_level(tmp_path / "room.toml", room_text(par=5.0))
    seen = {}

    def on_frame(app) -> None:
        play = app.play
        if app.frames == 5:
            write_level(path, BROKEN)
            press(pygame.K_F5)
        if app.frames == 6:
            seen["problems"] = [problem_line(p) for p in app.problems]
            seen["tick_6"] = play.world.tick
            seen["par"] = play.level.info.par_seconds
            seen["screen"] = app.screen.copy()
        if app.frames == 12:
            seen["tick_12"] = play.world.tick
            write_level(path, room_text(par=9.0))  # fixed: picked up by the next poll
        if app.frames == 50:
            seen["fixed"] = (len(app.problems), app.play.level.info.par_seconds, app.running)

    stats = RunStats()
    code = run(
        path, max_frames=50, frame_dt=FRAME, input_source=thrust(), stats=stats, on_frame=on_frame
    )
    assert code == 0
    assert seen["problems"] and any("objectives[0].zone" in p for p in seen["problems"])
    assert all(line[0].isdigit() for line in seen["problems"])  # line:col: field: message
    assert seen["par"] == 5.0  # the last good version keeps running...
    assert seen["tick_12"] == seen["tick_6"] + 12  # ...and ticking
    assert seen["fixed"] == (0, 9.0, True)
    assert "objectives[0].zone" in capsys.readouterr().err
    # The problems are drawn over the game: the panel's red border is on screen.
    screen = seen["screen"]
    reds = sum(
        1
        for x in range(0, 1280, 8)
        for y in range(100, 400, 4)
        if (c := screen.get_at((x, y)))[0] > 200 and c[1] < 120 and c[2] < 110
    )
    assert reds > 50


def test_play_on_a_broken_file_opens_the_window_and_waits_for_a_fix(tmp_path, capsys):
    path = write_level(tmp_path / "room.toml", BROKEN)
    seen = {}

    def on_frame(app) -> None:
        if app.frames == 3:
            seen["scene"] = app.scene.name
            seen["problems"] = len(app.problems)
            write_level(path, room_text())
        if app.frames == 40:
            seen["after"] = (app.scene.name, len(app.problems), app.play.world.tick > 0)

    run(path, max_frames=40, frame_dt=FRAME, input_source=thrust(), on_frame=on_frame)
    assert seen["scene"] == "level-error" and seen["problems"] >= 1
    assert seen["after"] == ("play", 0, True)

    # The command line: the problems go to stderr too, the window still opens (frames run).
    write_level(path, BROKEN)
    capsys.readouterr()
    assert main(["play", str(path), "--frames", "5"]) == 1  # still broken at the end
    err = capsys.readouterr().err
    assert "objectives[0].zone" in err and "did you mean 'goal'" in err
    assert main(["play", "no-such-level", "--frames", "5"]) == 2  # an unknown id: as before


def test_f3_toggles_the_debug_overlay_and_it_draws(tmp_path):
    level = tmp_path / "debug.toml"
    text = room_text().replace(
        "propellant = 6.0", "propellant = 6.0\ntether = [-4.0, 0.0]\ntether_length = 6.0"
    )
    text += """
[[bodies]]
id = "crate"
at = [-2.0, 1.5]
size = [0.6, 0.4]
velocity = [0.2, 0.0]

[[bodies]]
id = "ball"
shape = "circle"
at = [-3.0, -1.5]
radius = 0.3
carryable = true

[[movers]]
id = "door"
path = [[3.0, 2.0], [3.0, -2.0]]
size = [0.4, 0.8]

[[hatches]]
id = "shut"
from = [4.5, -1.0]
to = [4.5, 1.0]

[[hatches]]
id = "ajar"
from = [-4.5, -1.0]
to = [-4.5, 1.0]
open = true
"""
    write_level(level, text)
    seen = {}

    def on_frame(app) -> None:
        if app.frames == 2:
            press(pygame.K_F3)
        if app.frames == 3:
            seen["on"] = app.view.debug
        if app.frames == 20:
            seen["shot"] = app.screen.copy()
            press(pygame.K_ESCAPE)  # the overlay over the pause menu too
        if app.frames == 22:
            press(pygame.K_F3)
        if app.frames == 23:
            seen["off"] = app.view.debug
            seen["scene"] = app.scene.name

    stats = RunStats()
    run(
        level,
        max_frames=24,
        frame_dt=FRAME,
        input_source=thrust(0.3),
        stats=stats,
        on_frame=on_frame,
    )
    assert seen["on"] is True and seen["off"] is False
    assert seen["scene"] == "paused"
    # Shape outlines in the overlay's colours are on screen (walls pink, bodies cyan).
    shot = seen["shot"]
    colours = {shot.get_at((x, y))[:3] for x in range(0, 1280, 3) for y in range(0, 720, 3)}
    assert (255, 110, 200) in colours  # walls
    assert (90, 220, 255) in colours  # bodies


def test_the_watch_reads_only_changed_files():
    # A watch on a file that never changes reads it never; polls cost one stat() each.
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = write_level(Path(folder) / "room.toml", room_text())
        watch = LevelWatch.open(path)
        assert watch.level is not None and not watch.problems
        for _ in range(240):  # four seconds of frames at 60 Hz
            assert watch.poll(FRAME) is None
        assert watch.reads == 0 and 7 <= watch.polls <= 10
        write_level(path, room_text())  # saved, but the same content: no reload
        assert watch.check() is None
        change = watch.reload()  # F5 always reloads
        assert change.ok and change.level.info.id == "win-test"


@pytest.mark.parametrize("size", [(1280, 720), (800, 600)])
def test_problem_panel_fits_many_problems(tmp_path, size):
    many = room_text() + "".join(
        f'\n[[objectives]]\nkind = "reach"\nzone = "nowhere-{i}"\n' for i in range(40)
    )
    path = write_level(tmp_path / "many.toml", many)
    shot = tmp_path / "many.png"
    run(path, max_frames=2, frame_dt=FRAME, window_size=size, screenshot=shot)
    assert pygame.image.load(str(shot)).get_size() == size


def test_a_version_the_game_cannot_build_is_a_problem_not_a_crash(tmp_path, monkeypatch):
    from game.scenes import play as play_module

    real = play_module.build_world

    def picky(level, **options):
        if level.info.par_seconds == 6.0:
            raise RuntimeError("boom")
        return real(level, **options)

    monkeypatch.setattr(play_module, "build_world", picky)
    path = write_level(tmp_path / "room.toml", room_text(par=5.0))
    seen = {}

    def on_frame(app) -> None:
        if app.frames == 3:
            write_level(path, room_text(par=6.0))
            press(pygame.K_F5)
        if app.frames == 4:
            seen["problems"] = [p.message for p in app.problems]
            seen["par"] = app.play.level.info.par_seconds
        if app.frames == 8:
            seen["ticking"] = app.play.world.tick

    run(path, max_frames=8, frame_dt=FRAME, input_source=thrust(), on_frame=on_frame)
    assert "could not start this version" in seen["problems"][0]
    assert seen["par"] == 5.0 and seen["ticking"] == 10


def test_debug_overlay_draws_hold_carry_and_tether_joints():
    from game.levels import load_level_bytes
    from game.render.camera import Camera
    from game.render.debug_overlay import JOINT, DebugOverlay
    from game.render.poses import PoseReader
    from game.sim import TickInput, build_world, step

    text = room_text().replace("propellant = 6.0", "propellant = 6.0\ntether = [-4.0, 0.0]")
    text += '\n[[bodies]]\nid = "ball"\nshape = "circle"\nat = [0.6, 0.0]\nradius = 0.2\n'
    text += "carryable = true\n"
    text = text.replace(
        "from = [-2.0, -2.5]\nto = [2.0, -2.5]", "from = [-2.0, -0.7]\nto = [2.0, -0.7]"
    )
    world = build_world(load_level_bytes(text.encode(), "joints.toml"))
    for inp in (TickInput(buttons=1), TickInput(), TickInput(buttons=1), TickInput(buttons=1)):
        step(world, inp)
    astronaut = world.astronaut
    assert astronaut.carried is not None and astronaut.hold is not None and astronaut.tether
    assert len(world.space.constraints) == 3
    pygame.display.init()
    try:
        surface = pygame.Surface((1280, 720))
        camera = Camera((1280, 720))
        camera.snap((0.0, 0.0))
        DebugOverlay().draw(surface, world, PoseReader(world).read(), camera)
        colours = {
            surface.get_at((x, y))[:3] for x in range(400, 880, 2) for y in range(200, 520, 2)
        }
        assert JOINT["hold"] in colours and JOINT["carry"] in colours
        assert JOINT["tether"] in colours
    finally:
        pygame.display.quit()
