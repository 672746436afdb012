"""Run files: a whole full-game run in one file (game.speedrun.runfile), verified through
`last-orbit replay FILE.run --verify` (game.speedrun.verify_run) and the batch; tampering of
any kind is caught; the shipped full-game solution run verifies as official.

The runs here are real play: attempts recorded on shipped levels in the simulation (a restart
is a replay of a world still running, a failure one flown out of bounds, a completion the
level's solution route flown by the autopilot), so they do not depend on the shipped replays."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.levels import load_level
from game.paths import shipped_levels_dir
from game.sim import RUNNING, TICK_RATE, TickInput, build_world, step
from game.sim.physics_version import PHYSICS_VERSION
from game.speedrun import runfile
from game.speedrun.fullrun import COMPLETED, FAILED, QUIT, RESTARTED, FullRun, Mission
from game.speedrun.replay import Recorder
from game.speedrun.replay import dumps as replay_dumps
from game.speedrun.solutions import record_solution
from tests.recorded_runs import short_inputs

SOLUTIONS = shipped_levels_dir() / "solutions"


def level(level_id: str):
    return load_level(shipped_levels_dir() / f"{level_id}.toml")


def played(level_id: str, inputs: list[TickInput]):
    """A replay of these inputs on the level, cut where the world ends."""
    world = build_world(level(level_id))
    recorder = Recorder(world)
    for inp in inputs:
        if world.status != RUNNING:
            break
        step(world, inp)
        recorder.record(inp, world)
    return recorder.finish(world)


def completed(level_id: str):
    return record_solution(level(level_id), SOLUTIONS / f"{level_id}.route.toml")


@pytest.fixture(scope="module")
def attempts():
    """Cut Loose restarted, failed (flown out of bounds), completed; Arrival restarted,
    completed."""
    restart_cut = played("cut-loose", [TickInput(0, 100)] * 600)
    failed_cut = played("cut-loose", [TickInput(0, 100)] * 3000)
    restart_arrival = played("arrival", short_inputs())
    assert restart_cut.result.ticks > 0 and restart_cut.result.fail_reason is None
    assert failed_cut.result.fail_reason is not None
    done_cut, done_arrival = completed("cut-loose"), completed("arrival")
    assert done_cut.result.completed and done_arrival.result.completed
    return [restart_cut, failed_cut, done_cut, restart_arrival, done_arrival]


def missions() -> list[Mission]:
    return [
        Mission("cut-loose", level("cut-loose").sha256, "Cut Loose"),
        Mission("arrival", level("arrival").sha256, "Arrival"),
    ]


@pytest.fixture
def run(attempts) -> FullRun:
    run = FullRun("Test pack", missions())
    for replay in attempts:
        run.record(replay)
    return run


@pytest.fixture
def run_path(run, tmp_path) -> Path:
    path = tmp_path / "run.run"
    path.write_text(runfile.dumps(run))
    return path


def verify(capsys, *paths) -> tuple[int, list[dict], str]:
    code = main(["replay", *map(str, paths), "--verify"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, [json.loads(line) for line in out.strip().splitlines()], err


def edit(path: Path, change) -> Path:
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document))
    return path


def test_a_run_file_round_trips(run):
    text = runfile.dumps(run)
    back = runfile.loads(text.encode())
    assert back.pack == run.pack and back.missions == run.missions
    assert [(a.mission, a.ended, a.replay) for a in back.attempts] == [
        (a.mission, a.ended, a.replay) for a in run.attempts
    ]
    assert (back.total_ticks, back.splits, back.finished) == (
        run.total_ticks,
        run.splits,
        run.finished,
    )
    assert runfile.dumps(back) == text
    assert json.loads(text)["summary"]["attempts"] == 5


def test_a_run_with_restarts_and_failures_verifies_with_every_tick_counted(
    run_path, attempts, capsys
):
    code, [line], err = verify(capsys, run_path)
    assert code == 0, err
    ticks = [replay.result.ticks for replay in attempts]
    assert line["kind"] == "full-run" and line["verified"] and line["finished"]
    assert line["ticks"] == sum(ticks)
    assert line["splits"] == [round(sum(ticks[:3]) / TICK_RATE, 3), line["time_seconds"]]
    assert line["time_seconds"] == round(sum(ticks) / TICK_RATE, 3)
    assert line["completed"] is True and line["last_completed"] == "arrival"
    assert line["attempts"] == 5
    assert [
        (m["level"], m["attempts"], m["completions"], m["ticks"]) for m in line["missions"]
    ] == [
        ("cut-loose", 3, 1, sum(ticks[:3])),
        ("arrival", 2, 1, sum(ticks[3:])),
    ]
    assert line["official"] and not line["assisted"] and not line["shipped_campaign"]
    assert line["physics"] == PHYSICS_VERSION and line["pymunk"] and line["game_version"]
    endings = [a["ended"] for a in json.loads(run_path.read_text())["attempts"]]
    assert endings == [RESTARTED, FAILED, COMPLETED, RESTARTED, COMPLETED]


def test_a_removed_attempt_is_caught(run_path, capsys):
    original = run_path.read_text()
    edit(run_path, lambda d: d["attempts"].pop(1))  # the failure: the summary disagrees
    code, [line], _ = verify(capsys, run_path)
    assert code == 2 and not line["verified"]
    assert "summary does not match" in line["error"] and "'summary.attempts'" in line["error"]

    def drop_completion(document):
        document["attempts"].pop(2)  # Cut Loose never completed: Arrival cannot come next
        document["summary"]["attempts"] = 4

    run_path.write_text(original)
    code, [line], _ = verify(capsys, edit(run_path, drop_completion))
    assert code == 2 and "out of order: attempt 3 is of mission 2" in line["error"]


def test_edited_inputs_are_a_desync_naming_the_attempt_and_tick(run_path, capsys):
    def nudge(document):
        inputs = document["attempts"][3]["replay"]["inputs"]
        inputs[0][1] -= 1

    code, [line], err = verify(capsys, edit(run_path, nudge))
    assert code == 1 and not line["verified"]
    assert line["attempt"] == 4 and line["first_bad_tick"] > 0
    assert "attempt 4 (mission 2, 'arrival'): desync" in err


def test_an_edited_summary_total_is_refused(run_path, capsys):
    edit(run_path, lambda d: d["summary"].update(ticks=d["summary"]["ticks"] - 120))
    code, [line], _ = verify(capsys, run_path)
    assert code == 2 and "'summary.ticks'" in line["error"]


def test_a_time_shaved_off_an_attempt_and_the_summary_is_a_result_mismatch(run_path, capsys):
    def shave(document):
        result = document["attempts"][4]["replay"]["result"]
        result["ticks"] -= 60
        result["time_seconds"] = round(result["ticks"] / TICK_RATE, 3)
        result["splits"] = [min(s, result["ticks"]) for s in result["splits"]]
        summary = document["summary"]
        summary["ticks"] -= 60
        summary["time_seconds"] = round(summary["ticks"] / TICK_RATE, 3)
        summary["splits"][-1] = summary["ticks"]

    code, [line], err = verify(capsys, edit(run_path, shave))
    assert code == 1 and line["attempt"] == 5
    assert "attempt 5 (mission 2, 'arrival'): result mismatch" in err


def test_two_attempts_swapped_are_out_of_order(run_path, capsys):
    def swap(document):
        attempts = document["attempts"]
        attempts[2], attempts[3] = attempts[3], attempts[2]  # Arrival before Cut Loose is done

    code, [line], _ = verify(capsys, edit(run_path, swap))
    assert code == 2 and "out of order: attempt 3" in line["error"]


def test_a_mission_on_changed_level_content_is_refused(run_path, capsys):
    other = "0" * 64

    def change_arrival(document):
        document["missions"][1]["level_sha256"] = other
        for attempt in document["attempts"][3:]:
            attempt["replay"]["level_sha256"] = other

    code, [line], err = verify(capsys, edit(run_path, change_arrival))
    assert code == 2 and not line["verified"]
    assert "mission 2: level changed: 'arrival'" in err
    assert line["official"] is False


def test_other_physics_is_a_physics_mismatch_not_a_desync(run_path, capsys):
    def newer(document):
        document["physics"] = PHYSICS_VERSION + 1
        for attempt in document["attempts"]:
            attempt["replay"]["physics"] = PHYSICS_VERSION + 1

    code, [line], _ = verify(capsys, edit(run_path, newer))
    assert code == 2 and "physics mismatch" in line["error"] and "desync" not in line["error"]
    edit(run_path, lambda d: d["attempts"][0]["replay"].update(physics=PHYSICS_VERSION))
    code, [line], _ = verify(capsys, run_path)  # one attempt of other physics than the run's
    assert code == 2 and "attempt 1: its replay says physics" in line["error"]


def test_huge_declarations_big_files_and_non_files_are_refused(run_path, tmp_path, capsys):
    edit(run_path, lambda d: d["summary"].update(attempts=10**9))
    code, [line], _ = verify(capsys, run_path)
    assert code == 2 and "declares 1,000,000,000 attempts" in line["error"]

    big = tmp_path / "big.run"
    with open(big, "wb") as handle:
        handle.truncate(runfile.MAX_RUN_BYTES + 1)  # sparse: no disk used
    code, [line], _ = verify(capsys, big)
    assert code == 2 and "the limit is 67,108,864" in line["error"]

    if hasattr(os, "mkfifo"):
        pipe = tmp_path / "pipe.run"
        os.mkfifo(pipe)
        code, [line], _ = verify(capsys, pipe)  # never blocks waiting for a writer
        assert code == 2 and "not a regular file (a named pipe)" in line["error"]


def test_inputs_past_ten_hours_are_refused_before_any_simulation(attempts, tmp_path, capsys):
    idle = json.loads(runfile.dumps(FullRun("p", missions()[:1], [])))
    restart = json.loads(replay_dumps(attempts[0]))
    two_hours = 2 * 3600 * TICK_RATE
    restart["inputs"] = [[two_hours, 0, 0, 0, 0]]
    restart["checksums"] = []
    restart["result"].update(ticks=two_hours, total_ticks=two_hours, splits=[])
    restart["result"]["time_seconds"] = two_hours / TICK_RATE
    idle["attempts"] = [{"mission": 0, "ended": RESTARTED, "replay": restart}] * 6
    path = tmp_path / "long.run"
    path.write_text(json.dumps(idle))
    code, [line], _ = verify(capsys, path)
    assert code == 2 and "attempt 6: the run's inputs pass ten hours" in line["error"]


def test_the_batch_takes_replays_and_runs_in_a_folder_and_exits_with_the_worst(
    run_path, attempts, tmp_path, capsys
):
    from game.speedrun.replay import save

    folder = tmp_path / "submissions"
    folder.mkdir()
    save(attempts[2], folder / "a.replay")
    good_run = folder / "b.run"
    good_run.write_text(run_path.read_text())
    misnamed = folder / "c.replay"  # a run file by content: verified as a run
    misnamed.write_text(run_path.read_text())
    save(attempts[4], folder / "c2.run")  # a replay by content: verified as a replay
    (folder / "notes.txt").write_text("not a submission")
    code, lines, _ = verify(capsys, folder, "--jobs", "2")
    assert code == 0
    names = [Path(line["file"]).name for line in lines]
    assert names == ["a.replay", "b.run", "c.replay", "c2.run"]
    assert [line.get("kind") for line in lines] == [None, "full-run", "full-run", None]

    bad = folder / "d.run"
    bad.write_text(run_path.read_text())
    edit(bad, lambda d: d["attempts"][0]["replay"]["inputs"][0].__setitem__(1, 3))
    code, lines, _ = verify(capsys, folder)
    assert code == 1 and [line["verified"] for line in lines] == [True, True, True, True, False]
    (folder / "e.run").write_text('{"format": "last-orbit-run", "vers')
    code, lines, _ = verify(capsys, folder)
    assert code == 2 and "unreadable run file" in lines[-1]["error"]


def test_watching_a_run_file_is_refused_with_a_clear_message(run_path, capsys):
    assert main(["replay", str(run_path)]) == 2
    assert "full-game run" in capsys.readouterr().err


def test_a_single_run_verified_in_a_terminal_shows_its_splits_table(run_path, monkeypatch, capsys):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, [line], err = verify(capsys, run_path)
    assert code == 0
    rows = err.strip().splitlines()
    assert rows[1].split()[:2] == ["cut-loose", "3"] and rows[2].split()[:2] == ["arrival", "2"]
    assert rows[-1].split()[:2] == ["total", "5"]


def test_save_new_never_overwrites_and_marks_quit_runs(attempts):
    run = FullRun("I.S.S. — the campaign", missions())
    run.record(attempts[0])
    run.record(attempts[1], quit=False)
    quit_run = FullRun("I.S.S. — the campaign", missions())
    quit_run.record(attempts[0], quit=True)
    first = runfile.save_new(quit_run, when=0)
    second = runfile.save_new(quit_run, when=0)
    assert first != second and first.parent == second.parent
    assert first.name.endswith("-quit.run") and second.name.endswith("-quit-2.run")
    assert first.parent.parent == runfile.runs_dir()
    assert first.parent.name.startswith("i-s-s-the-campaign-")
    back = runfile.load(first)
    assert back.quit and back.attempts[0].ended == QUIT and back.total_ticks == quit_run.total_ticks
    unfinished = runfile.save_new(run, when=0)
    assert unfinished.name.endswith("-unfinished.run") and unfinished.parent == first.parent


def test_a_pack_title_of_any_length_saves_a_run_that_reads_back(attempts):
    run = FullRun("A modder's pack " * 1000, missions())  # pack.toml titles have no limit
    run.record(attempts[0], quit=True)
    back = runfile.load(runfile.save_new(run))
    assert back.pack == run.pack[: runfile.MAX_TEXT] and back.quit


def test_the_shipped_full_game_run_verifies_as_the_official_campaign(capsys):
    from game.levels.packs import load_pack
    from game.speedrun.replay import load

    path = SOLUTIONS / "full-game.run"
    code, [line], err = verify(capsys, path)
    assert code == 0, err
    assert line["official"] is True and line["shipped_campaign"] and line["finished"]
    assert not line["assisted"]
    order = load_pack(shipped_levels_dir() / "pack.toml").order
    assert [m["level"] for m in line["missions"]] == list(order)
    shipped = [load(SOLUTIONS / f"{level_id}.replay").result.ticks for level_id in order]
    assert line["ticks"] == sum(shipped)  # the same runs as the shipped solution replays
