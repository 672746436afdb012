"""PBs, medals and ghosts are kept by level content: the official level keeps `<id>.json` (PBs
from before survive), a modified shipped level and each version of a player's level have their
own records, and the game played through its real entry point keeps them apart."""

import json

from game.app import RunStats, run
from game.levels import load_level
from game.paths import shipped_levels_dir
from game.speedrun import records
from game.speedrun.official import is_modified_level
from game.speedrun.replay import RunResult
from game.speedrun.session import SpeedrunOptions, SpeedrunSession
from tests.window_levels import FRAME, room_text, thrust, write_level


def official_arrival():
    return load_level(shipped_levels_dir() / "arrival.toml")


def modified_arrival(tmp_path):
    path = tmp_path / "arrival.toml"
    path.write_bytes((shipped_levels_dir() / "arrival.toml").read_bytes() + b"\n# easier\n")
    return load_level(path)


def test_official_content_keeps_todays_file_so_existing_pbs_survive():
    # A records file written before records were kept by content: no level_sha256 in it.
    folder = records.records_dir()
    folder.mkdir(parents=True)
    old = {
        "version": 1,
        "level": "arrival",
        "pb_ticks": 1500,
        "pb_splits": [1500],
        "pb_replay": None,
        "best_segments": [1500],
        "attempts": 4,
        "completions": 2,
    }
    (folder / "arrival.json").write_text(json.dumps(old))
    session = SpeedrunSession()
    session.use_level(official_arrival())
    assert session.pb_ticks == 1500 and not session.level_modified
    assert records.records_file(official_arrival()) == folder / "arrival.json"


def test_a_modified_shipped_level_has_records_of_its_own(tmp_path):
    official = official_arrival()
    records.submit_run("arrival", RunResult(True, 1500, 1500, (1500,), None), False)
    modified = modified_arrival(tmp_path)
    assert is_modified_level(modified) and not is_modified_level(official)
    session = SpeedrunSession()
    session.use_level(modified)
    assert session.pb_ticks is None and session.level_modified  # not the official PB
    content = records.level_content(modified)
    outcome, _ = records.submit_run(
        "arrival", RunResult(True, 900, 900, (900,), None), False, None, content
    )
    assert outcome.new_pb and outcome.previous_pb is None
    assert records.load_records("arrival")[0].pb_ticks == 1500  # the official PB untouched
    assert records.load_records("arrival", content)[0].pb_ticks == 900
    assert records.records_file(modified) != records.records_file(official)
    assert records.records_file(modified).name == f"arrival.{content[:16]}.json"


def test_a_records_file_of_other_content_is_not_read_as_this_contents(tmp_path):
    content = records.level_content(modified_arrival(tmp_path))
    records.submit_run("arrival", RunResult(True, 900, 900, (900,), None), False, None, content)
    path = records.records_dir() / f"arrival.{content[:16]}.json"
    document = json.loads(path.read_text())
    document["level_sha256"] = "0" * 64  # a file of another content under this name
    path.write_text(json.dumps(document))
    rec, message = records.load_records("arrival", content)
    assert rec.pb_ticks is None and "content" in message and "kept as" in message


def play(level_path):
    summaries = []

    def on_frame(app):
        if app.scene.name == "results" and not summaries:
            summaries.append(app.scene.result)

    run(
        level_path,
        max_frames=150,
        frame_dt=FRAME,
        input_source=thrust(),
        stats=RunStats(),
        on_frame=on_frame,
        speedrun=SpeedrunOptions(),
    )
    return summaries[0]


def test_playing_an_edited_official_level_never_takes_the_official_pb(tmp_path, monkeypatch):
    # The room stands in for a shipped level: its content is the official one.
    official = write_level(tmp_path / "room.toml", room_text())
    monkeypatch.setattr(
        "game.speedrun.official.OFFICIAL_LEVELS", {"win-test": load_level(official).sha256}
    )
    first = play(official)
    assert first.completed and first.new_pb and not first.modified
    assert (records.records_dir() / "win-test.json").exists()

    # The same id, other content (a longer par: an "easier" edit).
    edited_dir = tmp_path / "edited"
    edited_dir.mkdir()
    edited = write_level(edited_dir / "room.toml", room_text(par=60.0))
    second = play(edited)
    assert second.completed and second.modified
    assert second.new_pb and second.pb_ticks is None  # a PB of its own, not over the official
    official_records, _ = records.load_records("win-test")
    assert official_records.attempts == 1 and official_records.pb_ticks == first.run_ticks
    again = play(official)
    assert not again.new_pb and again.pb_ticks == first.run_ticks and not again.modified


def test_a_players_level_keeps_its_pb_from_before_records_were_kept_by_content(tmp_path):
    # Records of a player's level used to be kept by id: they are still its records for the
    # content its PB replay was recorded on, and for no other.
    from game.speedrun.replay import save
    from game.speedrun.session import replays_dir
    from tests.recorded_runs import record

    level = load_level(write_level(tmp_path / "room.toml", room_text()))
    pb_run = record(level)
    replays_dir("win-test").mkdir(parents=True)
    save(pb_run, replays_dir("win-test") / "pb.replay")
    records.save_records(
        records.LevelRecords("win-test", pb_ticks=700, pb_splits=[700], pb_replay="pb.replay")
    )
    rec, message = records.load_records("win-test", records.level_content(level))
    assert message is None and rec.pb_ticks == 700 and rec.pb_replay == "pb.replay"
    outcome, _ = records.submit_run(
        "win-test", RunResult(True, 800, 800, (800,), None), False, None, rec.content
    )
    assert not outcome.new_pb and outcome.records.attempts == 1
    assert records.load_records("win-test", rec.content)[0].pb_ticks == 700  # now its own file
    assert records.records_file(level).exists()

    other = load_level(write_level(tmp_path / "other.toml", room_text(par=7.0)))
    assert records.load_records("win-test", records.level_content(other))[0].pb_ticks is None


def test_a_modified_shipped_level_never_takes_the_records_kept_by_id(tmp_path):
    records.submit_run("arrival", RunResult(True, 1500, 1500, (1500,), None), False)
    content = records.level_content(modified_arrival(tmp_path))
    assert records.load_records("arrival", content)[0].pb_ticks is None
