"""Each way into the game is a starter of its own (game/modes/), and the window loop
(game.app) takes one instead of mode flags: the CLI's commands start the starter named after
them, each starter opens on its first scene, and the scripted run the benches use is the same
every time."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

import game.app
from game.app import App, LoopOptions, open_window
from game.cli import main
from game.levels import load_level
from game.settings import Settings
from game.speedrun.replay import load as load_replay
from game.speedrun.session import SpeedrunOptions
from tests.window_levels import FRAME, room_text, thrust, write_level

REPO = Path(__file__).resolve().parent.parent
ARRIVAL_REPLAY = REPO / "levels" / "solutions" / "arrival.replay"


@pytest.fixture
def started(monkeypatch):
    """The starters the CLI hands to the window (which is not opened)."""
    seen: list = []

    def no_window(starter, **options):
        seen.append(starter)
        return 0

    monkeypatch.setattr(game.app, "open_window", no_window)
    return seen


@pytest.mark.parametrize(
    ("argv", "module", "starter"),
    [
        ([], "game.modes.title", "Title"),
        (["play", "arrival"], "game.modes.play_level", "PlayLevel"),
        (["play", "--campaign"], "game.modes.campaign", "PlayCampaign"),
        (["replay", str(ARRIVAL_REPLAY)], "game.modes.watch_replay", "WatchReplay"),
    ],
)
def test_each_command_starts_the_starter_named_after_it(started, argv, module, starter):
    assert main(argv) == 0
    assert [(type(s).__module__, type(s).__name__) for s in started] == [(module, starter)]


def test_the_play_options_reach_the_starter(started):
    assert main(["play", "arrival", "--assist-speed", "0.5", "--no-ghost", "--save-failed"]) == 0
    (starter,) = started
    assert starter.assist.speed == 0.5
    assert starter.speedrun == SpeedrunOptions(keep_runs=True, save_failed=True, ghost=False)


def first_scene(starter, **options) -> tuple[str, int, App]:
    """The scene a starter opens on, after a couple of frames, and the exit code."""
    seen: dict = {}

    def on_frame(app: App) -> None:
        seen.setdefault("scene", app.scene.name)
        seen["app"] = app

    loop = LoopOptions(frame_dt=FRAME, window_size=(640, 360), sound=False)
    code = open_window(starter, loop=loop, max_frames=2, on_frame=on_frame, **options)
    return seen["scene"], code, seen["app"]


def test_each_starter_opens_on_its_first_scene(tmp_path):
    from game.modes.campaign import PlayCampaign
    from game.modes.play_level import PlayLevel
    from game.modes.title import Title
    from game.modes.watch_replay import WatchReplay

    arrival = load_level(REPO / "levels" / "arrival.toml")
    assert first_scene(Title())[:2] == ("notice", 0)  # the very first start
    seen = Settings(seen_photosensitivity_notice=True)
    assert first_scene(Title(), settings=seen)[:2] == ("title", 0)
    scene, code, app = first_scene(PlayLevel(write_level(tmp_path / "room.toml", room_text())))
    assert (scene, code, app.navigation.returns_to_menus) == ("play", 0, False)
    assert app.now.watch is not None  # a level file is watched for edits
    scene, code, app = first_scene(PlayCampaign([arrival, arrival]))
    assert (scene, code, len(app.now.campaign.levels)) == ("play", 0, 2)
    replay = load_replay(ARRIVAL_REPLAY)
    assert first_scene(WatchReplay(arrival, replay))[:2] == ("replay", 0)


def test_a_broken_level_file_opens_on_its_problems_and_exits_1(tmp_path, capsys):
    from game.modes.play_level import PlayLevel

    broken = tmp_path / "broken.toml"
    broken.write_text("[level]\nid = 'x'\n", encoding="utf-8")
    scene, code, app = first_scene(PlayLevel(broken))
    assert (scene, code) == ("level-error", 1)
    assert app.now.problems
    assert "has problems" in capsys.readouterr().err


def test_the_loop_takes_a_starter_not_mode_flags():
    """The window loop is the same for every way in: what is played comes from the starter,
    how the window runs from LoopOptions, and nothing else."""
    parameters = list(inspect.signature(App).parameters)
    assert parameters == ["starter", "loop", "settings", "persist_settings"]


def test_a_scripted_run_is_the_same_every_time(tmp_path):
    from game.modes.scripted import run_script

    path = write_level(tmp_path / "room.toml", room_text())
    first = run_script(path, thrust(), frames=30, window_size=(320, 180))
    second = run_script(load_level(path), thrust(), frames=30, window_size=(320, 180))
    assert first.frames == second.frames == 30
    assert first.world_tick == second.world_tick > 0
    assert first.state_hash == second.state_hash
    assert first.scene == "play"
