"""Every attempt kept (completed, failed, reset) and the replays folder kept within bounds:
oldest first, never a PB, never a file the game did not write as an attempt, never through a
link; and the attempt history read back from the files."""

from __future__ import annotations

import os
import time

import pygame

from game.app import run
from game.speedrun import attempts
from game.speedrun.attempts import (
    COMPLETED,
    FAILED,
    RESET,
    UNREADABLE,
    attempt_history,
    keep_attempt,
    prune,
    replay_file_name,
    replays_dir,
)
from game.speedrun.records import LevelRecords, save_records
from game.speedrun.replay import load
from game.speedrun.session import SpeedrunOptions
from game.speedrun.verify import verify_file
from tests.window_levels import FRAME, press, room_text, thrust, write_level

DAY = 24 * 3600.0
START = time.mktime((2026, 11, 1, 12, 0, 0, 0, 0, -1))


def play(path, source, frames, on_frame=None, **options):
    run(
        path,
        max_frames=frames,
        frame_dt=FRAME,
        input_source=source,
        on_frame=on_frame,
        speedrun=options.pop("speedrun", SpeedrunOptions()),
        **options,
    )


def names(level_id="win-test"):
    return sorted(p.name for p in replays_dir(level_id).glob("*.replay"))


# -- every attempt kept ---------------------------------------------------------------------------


def test_failed_and_reset_attempts_are_saved_by_default_and_verify(tmp_path):
    short = room_text().replace("o2_seconds = 300.0", "o2_seconds = 0.5")
    play(write_level(tmp_path / "short.toml", short), thrust(), 40)
    (failed,) = names()
    assert failed.endswith("-failed.replay")

    path = write_level(tmp_path / "room.toml", room_text())

    def restart_once(app) -> None:
        if app.frames == 10:
            press(pygame.K_r)  # mid-run: the run so far is kept as a reset attempt

    play(path, thrust(), 160, restart_once)
    saved = [n for n in names() if n != failed]
    reset = [n for n in saved if n.endswith("-reset.replay")]
    assert len(reset) == 1 and len(saved) == 2
    (completed,) = [n for n in saved if n not in reset]
    assert load(replays_dir("win-test") / completed).result.completed
    kept = load(replays_dir("win-test") / reset[0])
    assert not kept.result.completed and kept.result.fail_reason is None
    assert 0 < kept.result.ticks < 30  # ten frames of two ticks, from the first input
    assert verify_file(replays_dir("win-test") / reset[0], path).verified


def test_leaving_mid_run_keeps_one_reset_attempt_and_the_setting_turns_it_off(tmp_path):
    path = write_level(tmp_path / "room.toml", room_text())
    play(path, thrust(), 10)  # the window closes mid-run: the run so far is an attempt
    (closed,) = names()
    assert closed.endswith("-reset.replay")
    short = room_text().replace("o2_seconds = 300.0", "o2_seconds = 0.5")
    failing = write_level(tmp_path / "short.toml", short)

    def restart_once(app) -> None:
        if app.frames == 5:
            press(pygame.K_r)

    play(failing, thrust(), 40, restart_once, speedrun=SpeedrunOptions(save_failed=False))
    assert names() == [closed]  # neither the reset nor the failed run: the player said no


def test_a_reset_attempt_is_kept_once_when_the_level_is_left_twice(tmp_path):
    """The menus leave a level when the player goes back and again when the next one
    starts: the run thrown away is one attempt."""
    from game.scenes.play import PlayScene

    path = write_level(tmp_path / "room.toml", room_text())
    left = {}

    def leave_twice(app) -> None:
        if app.frames == 8:
            play_scene: PlayScene = app.play
            play_scene.leave()
            play_scene.leave()
            left["done"] = True

    play(path, thrust(), 9, leave_twice)
    assert left and len([n for n in names() if n.endswith("-reset.replay")]) == 1


# -- pruning --------------------------------------------------------------------------------------


def fake_attempts(level_id: str, count: int, start: float = START, size: int = 100):
    """`count` attempt files a day apart, oldest first (their content is never read)."""
    folder = replays_dir(level_id)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        when = start + number * DAY
        outcome = (COMPLETED, FAILED, RESET)[number % 3]
        path = folder / replay_file_name(600 + number, when=when, outcome=outcome)
        path.write_bytes(b"x" * size)
        os.utime(path, (when, when))
        paths.append(path)
    return paths


def test_pruning_drops_the_oldest_never_a_pb_of_any_version_nor_a_foreign_file(tmp_path):
    files = fake_attempts("win-test", 10)
    save_records(LevelRecords("win-test", pb_ticks=600, pb_replay=files[0].name))
    # A modified version of the level keeps its own records, and its own PB.
    save_records(LevelRecords("win-test", 601, pb_replay=files[1].name, content="ab" * 32))
    folder = replays_dir("win-test")
    foreign = [folder / "notes.txt", folder / "my-best.replay", folder / "20261101-120000.replay"]
    for path in foreign:
        path.write_text("the player's own", encoding="utf-8")
        os.utime(path, (0, 0))  # older than everything
    outside = tmp_path / "elsewhere.replay"
    outside.write_text("not the game's", encoding="utf-8")
    link = folder / replay_file_name(1, when=START - DAY)  # an attempt's name, but a link
    link.symlink_to(outside)

    report = prune(per_level=5)
    left = set(names())
    # 11 attempt-named entries, the link not among them; 10 files; 5 kept: both PBs, 3 newest.
    assert {files[0].name, files[1].name} <= left
    assert {p.name for p in files[7:]} <= left
    assert not {p.name for p in files[2:7]} & left
    assert sorted(report.removed) == sorted(files[2:7])
    assert all(path.exists() for path in foreign)
    assert link.is_symlink() and outside.read_text(encoding="utf-8") == "not the game's"


def test_pruning_bounds_the_whole_folder_oldest_first_across_levels():
    old = fake_attempts("level-a", 4, START, size=1000)
    new = fake_attempts("level-b", 4, START + 0.5 * DAY, size=1000)
    report = prune(max_bytes=5000)
    gone = set(report.removed)
    # Interleaved by date: a0 b0 a1 b1 a2 b2 a3 b3; three go to get under 5,000 bytes.
    assert gone == {old[0], new[0], old[1]}
    assert report.kept_bytes == 5000 and not any(p.exists() for p in gone)


def test_a_level_whose_records_cannot_be_read_is_not_pruned():
    from game.speedrun.records import records_dir

    fake_attempts("win-test", 6)
    records_dir().mkdir(parents=True, exist_ok=True)
    (records_dir() / "win-test.json").write_text("{ torn", encoding="utf-8")
    assert prune(per_level=2).removed == ()
    assert len(names()) == 6


def finished_run(tmp_path, two: bool = False):
    """A completed run of the window test room, recorded headless (full thrust)."""
    from game.levels import load_level
    from game.sim import TickInput, build_world, step
    from game.speedrun.replay import Recorder

    level = load_level(write_level(tmp_path / "room.toml", room_text(two=two)))
    world = build_world(level)
    recorder = Recorder(world)
    while world.status == "running" and world.tick < 2000:
        inp = TickInput.from_analog(1.0, 0.0)
        step(world, inp)
        recorder.record(inp, world)
    assert world.status == "completed"
    return level, recorder.finish(world)


def test_the_run_just_saved_is_kept_and_a_failed_prune_never_loses_it(tmp_path, monkeypatch):
    fake_attempts("win-test", 3)
    _, replay = finished_run(tmp_path)
    monkeypatch.setattr(attempts, "MAX_ATTEMPTS_PER_LEVEL", 2)
    path, message = keep_attempt(replay, when=START - 10 * DAY)  # the oldest name of all
    assert message is None and path.exists() and len(names()) == 2

    def broken(**_):
        raise PermissionError("read-only folder")

    monkeypatch.setattr(attempts, "prune", broken)
    path, message = keep_attempt(replay)
    assert path.exists() and "could not be pruned" in message


def test_pruning_a_thousand_files_is_cheap():
    fake_attempts("win-test", 1000)
    started = time.perf_counter()
    report = prune(per_level=300)
    took = time.perf_counter() - started
    assert len(report.removed) == 700 and len(names()) == 300
    started = time.perf_counter()
    prune(per_level=1000)  # a save's usual prune: nothing to remove
    listing = time.perf_counter() - started
    print(f"prune of 1,000 files: {took * 1000:.1f} ms removing 700, {listing * 1000:.1f} ms")
    assert listing < 0.5  # one listing; measured 2-4 ms on the shared 2-core machine


# -- history --------------------------------------------------------------------------------------


def test_history_lists_attempts_newest_first_with_outcomes_pb_and_unreadable(tmp_path):
    _, done = finished_run(tmp_path)
    keep_attempt(done, when=START)
    short = room_text().replace("o2_seconds = 300.0", "o2_seconds = 0.5")
    play(write_level(tmp_path / "short.toml", short), thrust(), 40)  # failed, saved now
    pb_name = replay_file_name(done.result.ticks, when=START)
    history = attempt_history("win-test", pb_replay=pb_name)
    assert [e.outcome for e in history.entries] == [FAILED, COMPLETED]
    failed, completed = history.entries
    assert completed.is_pb and completed.ticks == done.result.ticks and not failed.is_pb
    assert failed.fail_reason == "o2" and failed.outcome_text == "failed: out of oxygen"
    assert completed.when_text.endswith("12:00:00")

    folder = replays_dir("win-test")
    corrupt = folder / replay_file_name(10, when=START + DAY, outcome=FAILED)
    corrupt.write_text('{"format": "last-orbit-replay", "version": 3, "inputs": [', "utf-8")
    cut = folder / replay_file_name(20, when=START + 2 * DAY, outcome=RESET)
    text = (folder / pb_name).read_text(encoding="utf-8")
    cut.write_text(text[: text.index('"inputs"') + 40], encoding="utf-8")  # header whole
    history = attempt_history("win-test", pb_replay=pb_name)
    outcomes = [e.outcome for e in history.entries]
    assert outcomes == [FAILED, UNREADABLE, UNREADABLE, COMPLETED]  # today's failed first
    assert all(e.error for e in history.entries[1:3])
    assert history.attempts == 4 and history.completions == 1


def test_history_reads_at_most_its_limit():
    fake_attempts("win-test", 12)
    history = attempt_history("win-test", limit=5)
    assert history.attempts == 5 and history.total_files == 12
    assert [e.when.day for e in history.entries] == [12, 11, 10, 9, 8]  # newest first
    assert all(e.outcome == UNREADABLE for e in history.entries)  # "xxx": never a crash
