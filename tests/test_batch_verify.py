"""Verification at scale: `last-orbit replay --verify FILE...` over many files and folders, one
JSON line each in the order given, the worst exit code, `--jobs`; and every replay's physics
identity checked (a mismatch is its own verdict, exit 2, not a desync)."""

import json
import multiprocessing
import os

import pytest

from game.cli import main
from game.sim.physics_version import PHYSICS_VERSION
from game.speedrun import batch
from game.speedrun.batch import replay_files, verification_throughput
from game.speedrun.replay import FORMAT_VERSION
from tests.recorded_runs import desync, edit_json, save_run


def verify(capsys, *args) -> tuple[int, list[dict], str]:
    code = main(["replay", "--verify", *map(str, args)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, [json.loads(line) for line in out.strip().splitlines()], err


@pytest.fixture
def good(tmp_path):
    return save_run(tmp_path / "good.replay")


def test_many_files_and_a_folder_with_two_jobs_give_one_line_each_in_order(tmp_path, capsys):
    folder = tmp_path / "submissions"
    nested = [save_run(folder / "a.replay"), save_run(folder / "deeper" / "b.replay")]
    (folder / "notes.txt").write_text("not a replay")
    single = save_run(tmp_path / "single.replay")
    code, lines, _ = verify(capsys, single, folder, "--jobs", "2")
    assert code == 0
    assert [line["file"] for line in lines] == [str(p) for p in [single, *nested]]
    assert all(line["verified"] and line["official"] for line in lines)


def test_the_exit_code_is_the_worst_of_the_files(tmp_path, capsys):
    good = save_run(tmp_path / "good.replay")
    bad = desync(save_run(tmp_path / "desync.replay"))
    assert verify(capsys, good, good)[0] == 0
    code, lines, err = verify(capsys, good, bad, good)
    assert code == 1 and [line["verified"] for line in lines] == [True, False, True]
    assert "first_bad_tick" in lines[1] and "desync" in err
    broken = tmp_path / "broken.replay"
    broken.write_text('{"format": "last-orbit-replay", "vers')
    code, lines, _ = verify(capsys, bad, broken, good, "--jobs", "2")
    assert code == 2 and [line["verified"] for line in lines] == [False, False, True]


def test_a_damaged_file_among_good_ones_does_not_stop_the_others(tmp_path, capsys):
    files = [save_run(tmp_path / f"{n}.replay") for n in range(3)]
    files[1].write_bytes(b"\x00\xff" * 100)
    missing = tmp_path / "gone.replay"
    code, lines, err = verify(capsys, files[0], files[1], missing, files[2])
    assert code == 2
    assert [line["verified"] for line in lines] == [True, False, False, True]
    assert "not UTF-8" in lines[1]["error"] and "cannot read" in lines[2]["error"]
    assert len(err.strip().splitlines()) == 2  # one stderr line per bad file


def test_a_folder_without_replays_is_reported_not_skipped(tmp_path, good, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    code, lines, _ = verify(capsys, good, empty)
    assert code == 2
    error = "no .replay or .run files in it"
    assert lines[1] == {"file": str(empty), "verified": False, "error": error}


def test_jobs_0_uses_every_core_and_watching_takes_one_file(tmp_path, good, capsys):
    assert verify(capsys, good, good, "--jobs", "0")[0] == 0
    assert main(["replay", str(good), str(good)]) == 2  # watching two at once: refused
    assert "one replay" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["replay", "--verify", str(good), "--jobs", "-1"])


def test_a_replay_of_other_physics_is_a_physics_mismatch_not_a_desync(good, capsys):
    def newer_physics(document):
        document["physics"] = PHYSICS_VERSION + 1

    edit_json(good, newer_physics)
    code, [line], err = verify(capsys, good)
    assert code == 2
    assert f"recorded with physics {PHYSICS_VERSION + 1}, this game has physics " in err
    assert line["physics"] == PHYSICS_VERSION + 1 and "first_bad_tick" not in line
    assert "desync" not in line["error"]


def test_a_format_2_replay_is_read_as_physics_1(good, capsys):
    def as_format_2(document):
        document["version"] = 2
        del document["physics"]

    edit_json(good, as_format_2)
    code, [line], _ = verify(capsys, good)
    assert line["physics"] == 1
    if PHYSICS_VERSION == 1:
        assert code == 0 and line["verified"]
    else:  # the physics moved on since format 2: refused as such
        assert code == 2 and "recorded with physics 1" in line["error"]


def test_a_format_3_replay_must_say_its_physics(good, capsys):
    edit_json(good, lambda document: document.pop("physics"))
    code, [line], _ = verify(capsys, good)
    assert FORMAT_VERSION >= 3 and code == 2 and "'physics'" in line["error"]


def test_another_pymunk_that_replays_identically_verifies(good, capsys):
    edit_json(good, lambda document: document.update(pymunk="7.0.0"))
    code, [line], _ = verify(capsys, good)
    assert code == 0 and line["pymunk"] == "7.0.0" and line["game_version"]


def test_a_difference_under_another_pymunk_is_a_physics_mismatch(good, capsys):
    edit_json(desync(good), lambda document: document.update(pymunk="7.0.0"))
    code, [line], err = verify(capsys, good)
    assert code == 2 and "first_bad_tick" in line
    assert "physics mismatch: recorded with pymunk 7.0.0, this game has pymunk" in err


def test_replay_files_finds_replays_under_folders_in_order(tmp_path):
    save_run(tmp_path / "b" / "2.replay")
    save_run(tmp_path / "a" / "1.replay")
    (tmp_path / "a" / "1.replay.bak").write_text("")
    assert replay_files([tmp_path]) == [tmp_path / "a" / "1.replay", tmp_path / "b" / "2.replay"]


def test_verification_throughput_counts_replays_per_second_per_core(tmp_path):
    for n in range(4):
        save_run(tmp_path / f"{n}.replay")
    figures = verification_throughput([tmp_path], jobs=2)
    assert figures["replays"] == 4 and figures["jobs"] == 2 and figures["all_verified"]
    assert figures["replays_per_s"] == pytest.approx(4 / figures["seconds"])
    assert figures["replays_per_s_per_core"] == pytest.approx(figures["replays_per_s"] / 2)


def test_a_verifying_process_that_dies_costs_only_its_own_file(tmp_path, monkeypatch):
    # A crash in the engine (an abort) or a kill takes its process down; the batch goes on.
    files = [save_run(tmp_path / f"{n}.replay") for n in range(5)]
    crash = files[2].with_name("crash.replay")
    files[2].rename(crash)
    files[2] = crash
    real_call = batch._Verifier.__call__

    def dies_on_crash(self, path):
        if path.name == "crash.replay":
            os._exit(70)
        return real_call(self, path)

    monkeypatch.setattr(batch._Verifier, "__call__", dies_on_crash)
    fork = multiprocessing.get_context("fork")  # the workers get the patched verifier
    outcomes = list(batch.verify_many(files, jobs=2, context=fork))
    assert [line["file"] for _, line, _ in outcomes] == [str(p) for p in files]
    assert [code for code, _, _ in outcomes] == [0, 0, 2, 0, 0]
    assert "process verifying it stopped" in outcomes[2][1]["error"]
