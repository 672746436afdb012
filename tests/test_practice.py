"""Practice from any split: the world re-simulated to a split of the PB is the PB run's own
state there; a replay that no longer runs the same, or a changed level, is said, not crashed
on; and a practice run played in the window never touches the records nor the replays."""

from __future__ import annotations

import dataclasses

import pygame
import pytest

from game.app import run
from game.levels import load_level
from game.scenes.base import GoLevelSelect
from game.settings import Settings
from game.sim import NEUTRAL, TickInput, build_world, state_hash, step
from game.speedrun import records
from game.speedrun.attempts import replays_dir
from game.speedrun.practice import PracticeError, practice_splits, practice_start
from game.speedrun.replay import Recorder
from game.speedrun.session import SpeedrunOptions
from tests.window_levels import FRAME, press, room_text, thrust, write_level

FULL_THRUST = TickInput.from_analog(1.0, 0.0)


def pb_run(path):
    """A completed run of the two-gate room, and the state hash after every tick of it."""
    level = load_level(path)
    world = build_world(level)
    recorder = Recorder(world)
    hashes = {}
    # A wobble in the middle makes the path depend on more than one input.
    while world.status == "running" and world.tick < 3000:
        inp = TickInput.from_analog(1.0, 0.3 if 40 <= world.tick < 60 else 0.0)
        step(world, inp)
        recorder.record(inp, world)
        hashes[world.tick] = state_hash(world)
    assert world.status == "completed" and len(world.splits()) == 2
    return level, recorder.finish(world), hashes


def test_a_practice_world_is_the_pb_runs_state_at_the_split(tmp_path):
    level, replay, hashes = pb_run(write_level(tmp_path / "two.toml", room_text(two=True)))
    assert practice_splits(replay) == 1  # the last split ends the run
    start = practice_start(level, replay, 0)
    assert start.label == "First gate" and start.split_ticks == replay.result.splits[0]
    world = start.world()
    assert world.status == "running" and world.splits() == [replay.result.splits[0]]
    assert state_hash(world) == hashes[world.tick] == hashes[start.tick]
    # Re-running the replay's inputs to the same tick gives the same state too.
    again = build_world(level)
    for inp in list(replay.inputs())[: start.tick]:
        step(again, inp)
    assert state_hash(again) == state_hash(world)
    # Each (re)start is the same world again, and it goes on as the PB did.
    second = start.world()
    assert state_hash(second) == state_hash(world)
    inputs = list(replay.inputs())
    for inp in inputs[start.tick : start.tick + 30]:
        step(second, inp)
    assert state_hash(second) == hashes[start.tick + 30]
    ghost = start.ghost()
    assert ghost.tick == start.tick and state_hash(ghost.world) == state_hash(world)


def test_a_changed_level_a_desync_or_a_missing_split_is_said(tmp_path):
    level, replay, _ = pb_run(write_level(tmp_path / "two.toml", room_text(two=True)))
    edited = load_level(write_level(tmp_path / "edited.toml", room_text(two=True, par=9.0)))
    with pytest.raises(PracticeError, match="level changed"):
        practice_start(edited, replay, 0)
    with pytest.raises(PracticeError, match="no split 2"):
        practice_start(level, replay, 1)  # the last split: nothing after it
    nudged = ((replay.runs[0][0], TickInput.from_analog(0.2, 0.9)), *replay.runs[1:])
    desynced = dataclasses.replace(replay, runs=nudged)
    with pytest.raises(PracticeError, match="no longer runs the same|does not reach"):
        practice_start(level, desynced, 0)


def test_a_practice_run_played_from_the_history_keeps_nothing(tmp_path):
    """Through the menus: the level select, Tab to the history, the practice split, Enter;
    the run completes and the results say practice, not a PB; records and replays unchanged."""
    from game.paths import user_levels_dir

    user_levels_dir().mkdir(parents=True)
    path = write_level(user_levels_dir() / "two.toml", room_text(two=True))
    run(path, max_frames=200, frame_dt=FRAME, input_source=thrust(), speedrun=SpeedrunOptions())
    level = load_level(path)
    records_path = records.records_file(level)
    before = records_path.read_bytes()
    replays_before = sorted(replays_dir("win-test").iterdir())
    rec, _ = records.load_records("win-test", records.level_content(level))
    assert rec.pb_ticks is not None
    seen: dict = {"scenes": []}
    keys = {3: pygame.K_TAB, 6: pygame.K_UP, 8: pygame.K_RETURN}

    def on_frame(app) -> None:
        name = app.scene.name
        if not seen["scenes"] or seen["scenes"][-1] != name:
            seen["scenes"].append(name)
        if app.frames == 1:
            app.scene.next = GoLevelSelect("win-test")
        if app.frames in keys:
            press(keys[app.frames])
        if name == "play":
            seen["play_frames"] = seen.get("play_frames", 0) + 1
            if "hud" not in seen:
                seen["hud"] = app.play.view.hud.practice
                seen["start_tick"] = app.play.world.tick
            if seen["play_frames"] == 10:  # the world waited at the split for an input
                seen["waited_to"] = app.play.world.tick
                seen["go"] = True
        if name == "results" and "result" not in seen:
            seen["result"] = app.scene.result
            app.running = False

    run(
        menus=True,
        max_frames=400,
        frame_dt=FRAME,
        input_source=lambda tick: FULL_THRUST if "go" in seen else NEUTRAL,
        speedrun=SpeedrunOptions(),
        settings=Settings(seen_photosensitivity_notice=True),
        on_frame=on_frame,
    )
    assert seen["scenes"][:4] == ["title", "level-select", "history", "play"], seen["scenes"]
    assert seen["hud"] == "from split 1: First gate" and seen["start_tick"] > 0
    assert seen["waited_to"] == seen["start_tick"]
    result = seen["result"]
    assert result.completed and result.practice and not result.new_pb
    assert result.medal is None and result.replay_name is None
    assert records_path.read_bytes() == before
    assert sorted(replays_dir("win-test").iterdir()) == replays_before
