"""Personal bests and best segments: kept, compared, never silently lost."""

import json
import os

import pytest

from game.speedrun import records
from game.speedrun.records import load_records, submit_run
from game.speedrun.replay import RunResult


def run(ticks, splits, completed=True):
    return RunResult(completed, ticks, ticks + 5, tuple(splits), None if completed else "o2")


def test_first_completion_is_a_pb_and_sets_best_segments():
    outcome, message = submit_run("arrival", run(1000, [400, 1000]), assisted=False)
    assert message is None
    assert outcome.new_pb and outcome.previous_pb is None
    assert outcome.gold == [False, False]  # nothing to beat yet
    saved, _ = load_records("arrival")
    assert saved.pb_ticks == 1000 and saved.pb_splits == [400, 1000]
    assert saved.best_segments == [400, 600]
    assert saved.sum_of_best() == 1000


def test_slower_run_keeps_pb_but_can_set_a_gold_segment():
    submit_run("arrival", run(1000, [400, 1000]), assisted=False)
    outcome, _ = submit_run("arrival", run(1100, [350, 1100]), assisted=False)
    assert not outcome.new_pb
    assert outcome.split_deltas == [-50, 100]
    assert outcome.gold == [True, False]
    saved, _ = load_records("arrival")
    assert saved.pb_ticks == 1000
    assert saved.best_segments == [350, 600]
    assert saved.sum_of_best() == 950
    assert saved.attempts == 2 and saved.completions == 2


def test_assisted_run_never_becomes_a_pb():
    submit_run("arrival", run(1000, [1000]), assisted=False)
    outcome, _ = submit_run("arrival", run(500, [500]), assisted=True)
    assert not outcome.new_pb and outcome.gold == [False]
    saved, _ = load_records("arrival")
    assert saved.pb_ticks == 1000 and saved.best_segments == [1000]


def test_failed_run_counts_an_attempt_only():
    submit_run("arrival", run(1000, [1000]), assisted=False)
    outcome, _ = submit_run("arrival", run(200, [], completed=False), assisted=False)
    assert not outcome.new_pb
    saved, _ = load_records("arrival")
    assert saved.pb_ticks == 1000 and saved.attempts == 2 and saved.completions == 1


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"",
        b"\xff\xfe\x00garbage",
        json.dumps({"version": 1, "level": "other"}).encode(),
        json.dumps({"version": 1, "level": "arrival", "pb_ticks": -5}).encode(),
        json.dumps({"version": 1, "level": "arrival", "pb_splits": ["x"]}).encode(),
        json.dumps({"version": 1, "level": "arrival", "pb_replay": "../../etc/passwd"}).encode(),
        json.dumps({"version": 99, "level": "arrival"}).encode(),
        b"[" * 100_000,
    ],
    ids=[
        "syntax",
        "empty",
        "binary",
        "other-level",
        "negative",
        "bad-split",
        "path",
        "newer",
        "deep",
    ],
)
def test_corrupt_file_is_set_aside_with_a_message_and_kept(content):
    path = records.records_dir() / "arrival.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    loaded, message = load_records("arrival")
    assert loaded.pb_ticks is None
    assert message and "corrupt" in message
    assert not path.exists()
    kept = list(path.parent.glob("arrival.json.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == content
    # Playing on works: the next run makes a fresh, valid file; the corrupt copy stays.
    outcome, message = submit_run("arrival", run(900, [900]), assisted=False)
    assert outcome.new_pb and message is None
    assert load_records("arrival")[0].pb_ticks == 900
    assert kept[0].exists()


def test_a_second_corrupt_file_does_not_overwrite_the_first_copy():
    path = records.records_dir() / "arrival.json"
    path.parent.mkdir(parents=True)
    for content in (b"first", b"second"):
        path.write_bytes(content)
        load_records("arrival")
    kept = sorted(p.read_bytes() for p in path.parent.glob("arrival.json.corrupt-*"))
    assert kept == [b"first", b"second"]


def test_crash_between_write_and_rename_keeps_the_old_pb(monkeypatch):
    submit_run("arrival", run(1000, [1000]), assisted=False)
    path = records.records_dir() / "arrival.json"
    before = path.read_bytes()

    def crash(src, dst):
        raise OSError("power cut")

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", crash)
        with pytest.raises(OSError, match="power cut"):
            submit_run("arrival", run(800, [800]), assisted=False)
    assert path.read_bytes() == before  # the old PB, whole
    assert load_records("arrival")[0].pb_ticks == 1000
    leftovers = [
        p.name for p in path.parent.iterdir() if p.name not in ("arrival.json", records.LOCK_NAME)
    ]
    assert leftovers == []  # the half-written temporary file is cleaned up


def test_records_are_written_in_the_home_folder(tmp_path):
    submit_run("arrival", run(1000, [1000]), assisted=False)
    assert (tmp_path / "last-orbit-home" / "records" / "arrival.json").exists()


def test_level_ids_cannot_escape_the_records_folder():
    with pytest.raises(ValueError):
        load_records("../secrets")
