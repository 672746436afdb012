"""Slow motion slows the simulated world, so an assisted run cannot be passed off as unassisted:
its inputs only make sense at its speed (docs/REPLAYS.md, "Assists").

At speed 0.5 a tick is half as much world time: every rate uses the world's tick and every
duration keeps its world length (twice the ticks), while the window still runs 120 ticks a real
second and the run timer counts them (the real time played)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from game.app import RunStats, run
from game.cli import main
from game.levels import load_level, load_level_bytes
from game.sim import NEUTRAL, USE, TickInput, build_world, step
from game.sim.outcomes import FAIL_TIME
from game.speedrun.replay import Assist, Recorder, load, save
from game.speedrun.session import SpeedrunOptions, replays_dir
from game.speedrun.verify import verify_file
from tests.levels_for_tests import level_text
from tests.recorded_runs import arrival, edit_json, short_inputs
from tests.window_levels import FRAME, room_text, thrust, write_level

SLOW = 0.5

# A bench 0.1-0.4 m to the right, whose repair needs USE held there for a second. Full thrust
# for 120 ticks then full braking for 120 stops the astronaut 0.2 m along at half speed (on
# the bench), 0.8 m along at full speed (past it): the same inputs, another run.
BENCH_LEVEL = level_text(
    zones=[{"id": "bench", "rect": [0.1, -0.5, 0.4, 0.5]}],
    objectives=[{"kind": "repair", "zone": "bench", "seconds": 1.0}],
)
BENCH_INPUTS = [TickInput(100, 0)] * 120 + [TickInput(-100, 0)] * 120
BENCH_INPUTS += [TickInput(buttons=USE)] * 300


def record(level, inputs, speed=1.0, infinite_o2=False):
    world = build_world(level, infinite_o2=infinite_o2, speed=speed)
    recorder = Recorder(world)
    for inp in inputs:
        step(world, inp)
        recorder.record(inp, world)
    return recorder.finish(world), world


def strip_assist(document: dict) -> None:
    document["assisted"] = False
    document["assist"] = {"speed": 1.0, "infinite_o2": False}


def verify_cli(capsys, path, *options) -> tuple[int, dict]:
    code = main(["replay", str(path), "--verify", *options])
    return code, json.loads(capsys.readouterr().out.splitlines()[0])


# -- the file: a slowed run verifies as assisted, and only as that --------------------------------


def test_a_slow_motion_run_verifies_as_assisted(tmp_path, capsys):
    replay, _ = record(arrival(), short_inputs(), speed=SLOW)
    path = tmp_path / "slow.replay"
    save(replay, path)
    document = json.loads(path.read_text())
    assert document["version"] == 4 and document["assist"]["speed"] == SLOW
    code, line = verify_cli(capsys, path)
    assert code == 0 and line["verified"] and line["assisted"] is True


def test_a_slow_motion_run_stripped_of_its_assist_is_a_desync(tmp_path, capsys):
    replay, _ = record(arrival(), short_inputs(), speed=SLOW)
    path = tmp_path / "stripped.replay"
    save(replay, path)
    edit_json(path, strip_assist)
    code, line = verify_cli(capsys, path)
    assert code == 1 and not line["verified"]
    assert line["error"].startswith("desync") and line["first_bad_tick"] == 120


def test_infinite_o2_stripped_is_a_desync(tmp_path, capsys):
    # O2 is part of the hashed state: with infinite O2 it never drains, so the first checksum
    # of the same inputs without it differs.
    replay, _ = record(arrival(), short_inputs(), infinite_o2=True)
    path = tmp_path / "o2.replay"
    save(replay, path)
    assert verify_cli(capsys, path)[0] == 0
    edit_json(path, strip_assist)
    code, line = verify_cli(capsys, path)
    assert code == 1 and line["first_bad_tick"] == 120


def test_re_simulating_a_stripped_run_at_full_speed_makes_another_run(tmp_path, capsys):
    level_path = tmp_path / "bench.toml"
    level_path.write_text(BENCH_LEVEL)
    level = load_level(level_path)
    slow, slow_world = record(level, BENCH_INPUTS, speed=SLOW)
    assert slow.result.completed
    assert 0.1 < slow_world.astronaut.body.position.x < 0.4  # stopped on the bench
    path = tmp_path / "slow.replay"
    save(slow, path)
    assert verify_cli(capsys, path, "--level", str(level_path))[0] == 0

    edit_json(path, strip_assist)
    code, line = verify_cli(capsys, path, "--level", str(level_path))
    assert code == 1 and not line["verified"]

    # Checksums and result rewritten by re-running the inputs at full speed: that verifies, as
    # what those inputs do there, which is not the run played: past the bench, not repaired.
    full, full_world = record(level, list(slow.inputs()))
    assert full_world.astronaut.body.position.x > 0.6
    assert not full.result.completed
    save(full, path)
    code, line = verify_cli(capsys, path, "--level", str(level_path))
    assert code == 0 and line["completed"] is False and line["assisted"] is False


def test_a_format_3_assisted_file_still_verifies_at_full_speed(tmp_path, capsys):
    # Format 3's slow motion paced only the window: its world ran at full speed.
    replay, _ = record(arrival(), short_inputs())
    old = replace(replay, assist=Assist(speed=SLOW), format=3)
    assert old.sim_speed == 1.0
    path = tmp_path / "old.replay"
    save(old, path)
    assert json.loads(path.read_text())["version"] == 3  # re-saved in its own format
    code, line = verify_cli(capsys, path)
    assert code == 0 and line["verified"] and line["assisted"] is True
    # The same file read as format 4 would be a run in a slowed world: not this one.
    edit_json(path, lambda document: document.update(version=4))
    assert verify_cli(capsys, path)[0] == 1


def test_the_recorder_records_the_worlds_own_assists():
    replay, _ = record(arrival(), short_inputs()[:10], speed=SLOW, infinite_o2=True)
    assert replay.assist == Assist(SLOW, True) and replay.sim_speed == SLOW


# -- the sim: durations keep their world length, rates their world rate --------------------------

TIMED_LEVEL = b"""
[level]
id = "timed"
name = "Timed"
format = 1
time_limit = 4.0
[world]
bounds = [-20, -20, 20, 20]
[opening]
seconds = 0.5
[player]
spawn = [0, 0]
o2_drain = 2.0
[[movers]]
id = "door"
size = [0.5, 0.5]
path = [[5.0, 5.0], [6.0, 5.0]]
speed = 0.5
mode = "once"
[[zones]]
id = "far"
rect = [15, 15, 16, 16]
[[objectives]]
kind = "reach"
zone = "far"
[[triggers]]
on = "time"
seconds = 1.0
delay = 0.5
actions = [{ do = "message", text = "late", seconds = 2.0 }]
"""


def timed_run(speed: float) -> dict:
    """Ticks at which the level's timed things happen, idling after one input at the opening's
    end; and the state after the first second of world time."""
    world = build_world(load_level_bytes(TIMED_LEVEL, "timed"), speed=speed)
    seen: dict = {"opening": world.opening_ticks}
    while world.in_opening:
        step(world, NEUTRAL)
    step(world, TickInput(turn=1))  # the first input: the run begins, the world stops waiting
    mover = world.mover("door")
    while world.status == "running":
        step(world, NEUTRAL)
        for event in world.events:
            if event.kind == "message":
                seen["message"] = (world.tick, event.value)
        if not mover.moving and "mover stopped" not in seen:
            seen["mover stopped"] = world.tick
        if world.tick == round(2.0 * 120 / speed):  # two world seconds
            seen["o2 at 2 s"] = world.o2
            seen["door at 2 s"] = mover.body.position.x
    seen["failed"] = (world.tick, world.fail_reason)
    return seen


def test_slow_motion_durations_keep_their_world_length():
    full, slow = timed_run(1.0), timed_run(SLOW)
    assert full["opening"] == 60 and slow["opening"] == 120
    assert full["failed"] == (480, FAIL_TIME) and slow["failed"] == (960, FAIL_TIME)
    # The time trigger at 1 s with its 0.5 s delay; its message shows for 2 world seconds.
    assert full["message"] == (180, 2.0) and slow["message"] == (360, 4.0)
    # The mover's 1 m at 0.5 m/s from the level's start: two world seconds.
    assert full["mover stopped"] == pytest.approx(240, abs=2)
    assert slow["mover stopped"] == pytest.approx(480, abs=2)
    # O2 at 2 s/s for two world seconds (from tick 0: the drain waits for the first input).
    assert slow["o2 at 2 s"] == pytest.approx(full["o2 at 2 s"], abs=1e-6)
    assert slow["door at 2 s"] == pytest.approx(full["door at 2 s"], abs=1e-6)


def test_slow_motion_thrust_takes_twice_the_ticks_for_the_same_flight():
    def flight(speed: float, ticks: int):
        world = build_world(load_level_bytes(level_text().encode(), "t"), speed=speed)
        for _ in range(ticks):
            step(world, TickInput(100, 0))
        return world.astronaut.body.position.x, world.astronaut.body.velocity.x

    x_full, v_full = flight(1.0, 60)
    x_slow, v_slow = flight(SLOW, 120)
    # Half a second of full thrust (0.8 m/s^2): 0.4 m/s, and 0.1 m less a step's rounding.
    assert v_full == pytest.approx(0.4) and v_slow == pytest.approx(0.4)
    assert x_full == pytest.approx(0.1, rel=0.02) and x_slow == pytest.approx(0.1, rel=0.02)


def test_a_repair_hold_takes_its_world_seconds():
    level = load_level_bytes(BENCH_LEVEL.encode(), "t")
    assert build_world(level).objectives[0].needed_ticks == 120
    assert build_world(level, speed=SLOW).objectives[0].needed_ticks == 240


def test_a_speed_out_of_range_is_refused():
    level = load_level_bytes(level_text().encode(), "t")
    for speed in (0.0, 1.5, float("nan")):
        with pytest.raises(ValueError):
            build_world(level, speed=speed)


# -- the window: 120 ticks a real second whatever the assist ---------------------------------------


@pytest.mark.parametrize("speed", [1.0, SLOW])
def test_the_window_steps_two_ticks_a_frame_whatever_the_assist(tmp_path, speed):
    path = write_level(tmp_path / "room.toml", room_text())
    stats = RunStats()
    run(
        path,
        max_frames=20,
        frame_dt=FRAME,
        input_source=thrust(),
        stats=stats,
        assist=Assist(speed=speed),
    )
    assert stats.world_tick == 40


def test_a_slow_motion_run_in_the_window_is_saved_slowed_and_verifies(tmp_path):
    path = write_level(tmp_path / "room.toml", room_text())
    times = {}
    for speed in (1.0, SLOW):
        stats = RunStats()
        run(
            path,
            max_frames=400,
            frame_dt=FRAME,
            input_source=thrust(),
            stats=stats,
            assist=Assist(speed=speed),
            speedrun=SpeedrunOptions(),
        )
        assert stats.world_status == "completed"
        times[speed] = stats.run_ticks
    # The same flight through the gate takes twice the ticks: the real time it took to play.
    assert times[SLOW] == pytest.approx(2 * times[1.0], abs=3)
    saved = sorted(replays_dir("win-test").glob("*.replay"))
    slowed = [p for p in saved if load(p).assist.speed == SLOW]
    assert len(slowed) == 1 and load(slowed[0]).sim_speed == SLOW
    verdict = verify_file(slowed[0], path)
    assert verdict.verified and verdict.replayed.ticks == times[SLOW]


def test_watching_a_slow_motion_run_replays_it_at_the_pace_it_was_played(tmp_path):
    path = write_level(tmp_path / "room.toml", room_text())
    level = load_level(path)
    inputs = [TickInput(100, 0)] * 600
    slow, slow_world = record(level, inputs, speed=SLOW)
    old, old_world = record(level, inputs)  # format 3 slow motion: a full-speed world
    old = replace(old, assist=Assist(speed=SLOW), format=3)
    assert slow_world.status == old_world.status == "completed"
    for replay, world in ((slow, slow_world), (old, old_world)):
        save(replay, tmp_path / "watched.replay")
        stats = RunStats()
        frames = world.tick // 2 + 10
        run(
            level,
            replay=load(tmp_path / "watched.replay"),
            max_frames=frames,
            frame_dt=FRAME,
            stats=stats,
        )
        assert stats.scene == "replay" and stats.world_status == "completed"
        assert stats.run_ticks == world.run_ticks == replay.result.ticks
        # 1x: 120 ticks a real second, two a frame (a slowed run: the pace it was played at).
        stats = RunStats()
        run(level, replay=replay, max_frames=50, frame_dt=FRAME, stats=stats)
        assert stats.world_tick == 100
