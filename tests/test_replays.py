"""Replays: record, save, verify; and every way a replay file can be wrong."""

import json
import shutil

import pytest

from game.cli import main
from game.levels import load_level
from game.levels.catalog import scan_folder
from game.paths import shipped_levels_dir
from game.sim import GRAB, TickInput, build_world, state_hash, step
from game.speedrun.replay import (
    FORMAT_VERSION,
    Recorder,
    ReplayError,
    dumps,
    load,
    loads,
    save,
)
from game.speedrun.verify import replay_run


def scripted_inputs():
    inputs = [TickInput()] * 7  # idle first: the world waits, the timer must not start here
    inputs += [TickInput(100, -20)] * 150 + [TickInput(0, 0, 50)] * 40
    inputs += [TickInput(0, 100, 0, GRAB)] * 30 + [TickInput(100, 0)] * 200
    return inputs


@pytest.fixture
def recorded(tmp_path):
    level = load_level(shipped_levels_dir() / "arrival.toml")
    world = build_world(level)
    recorder = Recorder(world)
    for inp in scripted_inputs():
        step(world, inp)
        recorder.record(inp, world)
    path = tmp_path / "run.replay"
    save(recorder.finish(world), path)
    return path, world


def verify(capsys, *args):
    code = main(["replay", *map(str, args), "--verify"])
    out, err = capsys.readouterr()
    lines = out.strip().splitlines()
    assert len(lines) == 1, out  # exactly one JSON line
    return code, json.loads(lines[0]), err


def test_recorded_run_verifies_with_same_ticks_and_state(recorded, capsys):
    path, world = recorded
    replay = load(path)
    # The 7 idle ticks first: the world waited, so they are not part of the run or the file.
    assert replay.tick_count == world.tick == len(scripted_inputs()) - 7
    assert replay.result.ticks == world.tick  # timer from the first input
    result, bad_tick = replay_run(replay, load_level(shipped_levels_dir() / "arrival.toml"))
    assert bad_tick is None and result == replay.result
    code, line, _ = verify(capsys, path)
    assert code == 0
    assert line["verified"] is True and line["level"] == "arrival"
    assert line["ticks"] == world.run_ticks
    assert set(line) >= {
        "level",
        "level_sha256",
        "completed",
        "ticks",
        "time_seconds",
        "splits",
        "assisted",
        "verified",
    }
    # Recording and saving do not disturb the world: its hash matches the last checksum's tick.
    assert replay.checksums[-1][0] == world.tick // 120 * 120
    assert state_hash(world)


def test_one_changed_input_is_a_desync_naming_the_first_bad_tick(recorded, capsys):
    path, _ = recorded
    document = json.loads(path.read_text())
    # The first run of inputs (the idle ticks before it were never kept); nudge its thrust.
    assert document["inputs"][0][1] == 100
    document["inputs"][0][1] = 99
    path.write_text(json.dumps(document))
    code, line, err = verify(capsys, path)
    assert code == 1
    assert line["verified"] is False
    assert line["first_bad_tick"] == 120  # the first checksum after the change
    assert "desync" in err and "120" in err


def test_wrong_result_is_a_mismatch(recorded, capsys):
    path, _ = recorded
    document = json.loads(path.read_text())
    document["result"]["ticks"] -= 1
    path.write_text(json.dumps(document))
    code, line, err = verify(capsys, path)
    assert code == 1 and "result mismatch" in err


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: "",
        lambda text: text[: len(text) // 2],
        lambda text: text[:-3],
        lambda text: text.replace('"inputs": [', '"inputs": [[0, 1, 2, 3, 4],', 1),
        lambda text: text.replace('"checksums": [', '"checksums": [[5, "x"],', 1),
        lambda text: text.replace("last-orbit-replay", "other-game"),
        lambda text: text.replace(f'"version": {FORMAT_VERSION}', '"version": 99'),
        lambda text: text.replace('"tick_rate": 120', '"tick_rate": 60'),
        lambda text: "\x00\xff garbage",
        lambda text: "[" * 100000,
    ],
    ids=[
        "empty",
        "half",
        "tail-cut",
        "zero-count",
        "bad-checksum",
        "not-ours",
        "newer",
        "tick-rate",
        "binary",
        "deep",
    ],
)
def test_damaged_files_exit_2_with_a_message(recorded, capsys, damage):
    path, _ = recorded
    path.write_text(damage(path.read_text()), encoding="utf-8", errors="surrogateescape")
    code, line, err = verify(capsys, path)
    assert code == 2
    assert line["verified"] is False and line["error"]
    assert "Traceback" not in err


def test_dropped_input_runs_are_truncation(recorded):
    path, _ = recorded
    document = json.loads(path.read_text())
    document["inputs"].pop()
    with pytest.raises(ReplayError, match="truncated"):
        loads(json.dumps(document).encode())


def test_missing_file_exits_2(tmp_path, capsys):
    code, line, err = verify(capsys, tmp_path / "nope.replay")
    assert code == 2 and "cannot read" in err


def test_level_edited_after_recording_exits_2_level_changed(recorded, tmp_path, capsys):
    path, _ = recorded
    level_copy = tmp_path / "arrival.toml"
    shutil.copy(shipped_levels_dir() / "arrival.toml", level_copy)
    code, _, _ = verify(capsys, path, "--level", level_copy)
    assert code == 0  # the same content, elsewhere, is fine
    level_copy.write_text(level_copy.read_text() + "\n# one comment more is another file\n")
    code, line, err = verify(capsys, path, "--level", level_copy)
    assert code == 2 and "level changed" in err


def test_unknown_level_exits_2(recorded, capsys):
    path, _ = recorded
    document = json.loads(path.read_text())
    document["level"] = "no-such-level"
    path.write_text(json.dumps(document))
    code, _, err = verify(capsys, path)
    assert code == 2 and "unknown level" in err


def test_replay_text_round_trips(recorded):
    path, _ = recorded
    replay = load(path)
    assert loads(dumps(replay).encode()) == replay


SHIPPED = [entry for entry in scan_folder(shipped_levels_dir())]


@pytest.mark.parametrize("entry", SHIPPED, ids=[e.id for e in SHIPPED])
def test_every_shipped_level_has_a_solution_that_verifies_within_par(entry, capsys):
    assert entry.valid, entry.error
    path = shipped_levels_dir() / "solutions" / f"{entry.id}.replay"
    assert path.exists(), f"no solution replay for {entry.id}"
    code, line, err = verify(capsys, path)
    assert code == 0, err
    assert line["completed"] is True and line["official"] is True  # the level as shipped
    assert line["time_seconds"] <= entry.level.info.par_seconds


def test_a_replay_from_before_the_world_waited_is_refused_as_such(recorded, capsys):
    path, _ = recorded
    path.write_text(path.read_text().replace(f'"version": {FORMAT_VERSION}', '"version": 1'))
    code, line, err = verify(capsys, path)
    assert code == 2 and "earlier version" in line["error"]
