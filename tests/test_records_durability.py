"""Records are never lost: not to two game processes saving at once, not to kill -9 in the
middle of a save, not to a full disk; settings written by Windows Notepad still load."""

import errno
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from game import file_lock, storage
from game.cli import main
from game.levels import load_level
from game.paths import shipped_levels_dir
from game.settings import Settings, load_settings, save_settings, settings_path
from game.sim import TickInput
from game.speedrun import records
from game.speedrun.campaign import legacy_campaign_path
from game.speedrun.records import load_records, submit_run
from game.speedrun.replay import Replay, RunResult
from game.speedrun.session import SpeedrunSession

ROOT = Path(__file__).resolve().parent.parent

# A child game process saving runs through the records API the game uses. Each run's ticks come
# from its number, so the parent knows every PB and best segment the children submitted.
SAVER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from game.speedrun.records import submit_run
    from game.speedrun.replay import RunResult

    first, count, go, slow_disk = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
    if slow_disk == "1":
        real_fsync = os.fsync
        def fsync(fd):
            time.sleep(0.02)  # a slow disk: most of a save is spent with its temporary on disk
            real_fsync(fd)
        os.fsync = fsync
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.005)
    for number in range(first, first + count):
        ticks = 10_000 + (number * 7919) % 5000
        split = ticks // 2 + (number * 31) % 100
        submit_run("arrival", RunResult(number % 3 != 0, ticks, ticks, (split, ticks), None), False)
        print(number, flush=True)
    """
)


def expected_run(number):
    ticks = 10_000 + (number * 7919) % 5000
    split = ticks // 2 + (number * 31) % 100
    return number % 3 != 0, ticks, (split, ticks)


def start_saver(home, first, count, go, slow_disk=False):
    env = {**os.environ, "LAST_ORBIT_HOME": str(home)}
    args = [str(first), str(count), str(go), "1" if slow_disk else "0"]
    child = subprocess.Popen(
        [sys.executable, "-c", SAVER, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline().strip() == "ready"
    return child


def run(ticks, splits, completed=True):
    return RunResult(completed, ticks, ticks, tuple(splits), None if completed else "o2")


def test_game_processes_saving_at_once_lose_no_attempt_pb_or_best_segment(_user_home, tmp_path):
    go = tmp_path / "go"
    processes, each = 2, 500
    children = [start_saver(_user_home, n * each, each, go) for n in range(processes)]
    go.touch()
    for child in children:
        child.stdout.read()
        assert child.wait(timeout=60) == 0

    saved, message = load_records("arrival")
    assert message is None
    runs = [expected_run(number) for number in range(processes * each)]
    finished = [(ticks, splits) for completed, ticks, splits in runs if completed]
    assert saved.attempts == processes * each
    assert saved.completions == len(finished)
    pb_ticks, pb_splits = min(finished)
    assert (saved.pb_ticks, saved.pb_splits) == (pb_ticks, list(pb_splits))
    best = [min(s[0] for _, s in finished), min(s[1] - s[0] for _, s in finished)]
    assert saved.best_segments == best


def test_kill_9_in_the_middle_of_saves_keeps_every_saved_run_and_no_temporaries(
    _user_home, tmp_path
):
    rng = random.Random(11)
    acknowledged = 0  # saves whose submit_run returned in a child
    kills_that_left_a_temporary = 0
    folder = records.records_dir()
    for round_number in range(5):
        go = tmp_path / f"go-{round_number}"
        child = start_saver(_user_home, acknowledged, 10_000, go, slow_disk=True)
        go.touch()
        time.sleep(rng.uniform(0.1, 0.35))
        child.send_signal(signal.SIGKILL)
        output = child.stdout.read().split()
        child.wait(timeout=10)
        acknowledged += len(output)
        kills_that_left_a_temporary += bool(storage.temporaries(folder))

        saved, message = load_records("arrival")  # the next start reads the records
        assert message is None  # a whole, loadable file
        assert acknowledged <= saved.attempts <= acknowledged + 1  # +1: saved, not yet said
        acknowledged = saved.attempts
        assert storage.temporaries(folder) == []
    # The kills did land mid-save (a slow disk makes that the likely moment).
    assert kills_that_left_a_temporary >= 1


class FullDisk:
    """A file whose writes fail as a full disk does: part of the data, then ENOSPC."""

    def __init__(self, handle):
        self.handle = handle

    def write(self, text):
        self.handle.write(text[: len(text) // 2])
        self.handle.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name):
        return getattr(self.handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()


def fill_the_disk(monkeypatch):
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: FullDisk(real_fdopen(*a, **k)))


def test_a_full_disk_keeps_the_old_records_and_tells_the_player_once(monkeypatch):
    level = load_level(shipped_levels_dir() / "arrival.toml")
    session = SpeedrunSession()
    session.use_level(level)
    world = SimpleNamespace(status="completed")

    def finish(ticks):
        result = run(ticks, [ticks // 2, ticks])
        replay = Replay("arrival", level.sha256, ((ticks, TickInput()),), (), result)
        return session.finished(world, replay, assisted=False)

    assert finish(1000).new_pb
    path = records.records_dir() / "arrival.json"
    before = path.read_bytes()
    assert session.notices() == []

    with monkeypatch.context() as patch:
        fill_the_disk(patch)
        assert finish(900) is None  # no crash, no outcome
    notices = session.notices()
    assert len(notices) == 1 and "No space left on device" in notices[0]
    assert path.read_bytes() == before
    assert load_records("arrival")[0].pb_ticks == 1000
    assert storage.temporaries(path.parent) == []
    assert session.notices() == []  # said once


def test_a_full_disk_keeps_the_old_settings(monkeypatch):
    save_settings(Settings(master_volume=0.3))
    before = settings_path().read_bytes()
    with monkeypatch.context() as patch:
        fill_the_disk(patch)
        with pytest.raises(OSError, match="No space left"):
            save_settings(Settings(master_volume=0.9))
    assert settings_path().read_bytes() == before
    assert storage.temporaries(settings_path().parent) == []


def test_settings_saved_by_notepad_with_a_byte_order_mark_load_at_game_start(monkeypatch):
    document = {"version": 1, "master_volume": 0.25, "keys": {"grab": ["j"]}}
    path = settings_path()
    path.parent.mkdir(parents=True)
    content = b"\xef\xbb\xbf" + json.dumps(document).encode()
    path.write_bytes(content)
    monkeypatch.setenv("LAST_ORBIT_EXIT_AFTER_FRAMES", "2")
    assert main([]) == 0  # `last-orbit`: the title screen, reading the player's settings
    # Read as it is, not judged corrupt: left in place, no copy set aside, values kept.
    assert path.read_bytes() == content
    assert not list(path.parent.glob("settings.json.corrupt-*"))
    settings, messages = load_settings()
    assert messages == [] and settings.master_volume == 0.25
    assert settings.keys == {"grab": ["j"]}


def test_runs_saved_while_another_process_holds_the_records_count_once(monkeypatch):
    submit_run("arrival", run(1000, [400, 1000]), assisted=False)
    monkeypatch.setattr(records, "LOCK_WAIT_S", 0.05)
    lock = records.records_dir() / records.LOCK_NAME
    with file_lock.held(lock, wait_s=1):  # another game, stuck mid-save
        outcome, _ = submit_run("arrival", run(900, [300, 900]), assisted=False)
        assert outcome.new_pb and outcome.previous_pb == 1000
        submit_run("arrival", run(1200, [500, 1200], completed=False), assisted=False)
        waiting, _ = load_records("arrival")
        assert (waiting.attempts, waiting.completions, waiting.pb_ticks) == (3, 2, 900)
        assert waiting.best_segments == [300, 600]

    # The next save holds the lock: it folds both waiting runs in, once, even if it dies
    # before deleting their files.
    with monkeypatch.context() as patch:
        patch.setattr(records, "_remove", lambda path: None)
        submit_run("arrival", run(2000, [1000, 2000]), assisted=False)
    saved, _ = load_records("arrival")
    assert (saved.attempts, saved.completions, saved.pb_ticks) == (4, 3, 900)
    submit_run("arrival", run(2000, [1000, 2000]), assisted=False)
    saved, _ = load_records("arrival")
    assert (saved.attempts, saved.completions, saved.pb_ticks) == (5, 4, 900)
    assert saved.pb_splits == [300, 900] and saved.best_segments == [300, 600]
    assert sorted(p.name for p in records.records_dir().iterdir()) == [
        records.LOCK_NAME,
        "arrival.json",
    ]


def test_records_of_a_level_with_the_most_objectives_save_and_load_back():
    many = 5000  # the most objectives a level may have (one section's item limit)
    splits = [10**9 + i * 10**6 for i in range(1, many + 1)]
    outcome, message = submit_run("arrival", run(splits[-1], splits), assisted=False)
    assert outcome.new_pb and message is None
    size = (records.records_dir() / "arrival.json").stat().st_size
    assert size < records.MAX_RECORDS_BYTES / 4
    saved, message = load_records("arrival")
    assert message is None and saved.pb_splits == splits


def test_records_over_the_cap_are_refused_and_the_old_file_kept():
    submit_run("arrival", run(10**13, [10**13]), assisted=False)
    path = records.records_dir() / "arrival.json"
    before = path.read_bytes()
    splits = list(range(10**12, 10**12 + 200_000))  # far beyond any level
    with pytest.raises(OSError, match="limit is"):
        submit_run("arrival", run(splits[-1], splits), assisted=False)
    assert path.read_bytes() == before
    saved, message = load_records("arrival")
    assert message is None and saved.pb_ticks == 10**13


def test_stale_temporaries_of_the_settings_go_at_the_next_start_and_save():
    save_settings(Settings())
    folder = settings_path().parent
    stale = folder / ".settings.json.abcd1234.tmp"
    fresh = folder / ".settings.json.efgh5678.tmp"  # a live writer's, maybe: kept
    old = time.time() - storage.STALE_TEMPORARY_AGE_S - 5
    for start_or_save in (load_settings, lambda: save_settings(Settings(master_volume=0.2))):
        stale.write_text("half")
        fresh.write_text("half")
        os.utime(stale, (old, old))
        start_or_save()
        assert not stale.exists() and fresh.exists()


def test_a_new_file_never_replaces_one_of_the_same_name():
    path = records.records_dir() / "mine.replay"
    storage.atomic_write_text(path, "first", overwrite=False)
    with pytest.raises(FileExistsError):
        storage.atomic_write_text(path, "second", overwrite=False)
    assert path.read_text() == "first"
    assert storage.temporaries(path.parent) == []


def test_a_level_called_campaign_keeps_its_records_apart_from_the_old_campaign_file():
    old = legacy_campaign_path()  # earlier versions' campaign PB: kept as it is
    old.parent.mkdir(parents=True)
    old.write_text('{"version": 1, "levels": ["arrival"], "pb_ticks": 5000}\n')
    submit_run("campaign", run(700, [700]), assisted=False)
    assert load_records("campaign")[0].pb_ticks == 700
    assert json.loads(old.read_text())["pb_ticks"] == 5000
