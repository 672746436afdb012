"""`last-orbit splits LEVEL --lss FILE`: a level's objectives as LiveSplit segments, with the
PB's splits and the best segments from the player's records, as Game Time."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from game.cli import main
from game.levels import load_level
from game.paths import user_levels_dir
from game.speedrun.lss import livesplit_time, lss_text
from game.speedrun.records import level_content, submit_run
from game.speedrun.replay import RunResult
from tests.window_levels import room_text, write_level

NAME = "Dock <&> Bay"


def user_level(name: str = NAME):
    folder = user_levels_dir()
    folder.mkdir(parents=True, exist_ok=True)
    text = room_text("lss-test", name=name, two=True).replace("Second gate", "Gate <2> & out")
    return load_level(write_level(folder / "lss-test.toml", text))


def finish(level, ticks: int, splits: tuple[int, ...]) -> None:
    run = RunResult(True, ticks, ticks + 5, splits, None)
    submit_run(level.info.id, run, assisted=False, content=level_content(level))


def segments(root: ET.Element) -> list[tuple[str, str | None, str | None]]:
    """(name, PB split's game time, best segment's game time) of each segment."""
    return [
        (
            segment.findtext("Name"),
            segment.findtext("SplitTimes/SplitTime[@name='Personal Best']/GameTime"),
            segment.findtext("BestSegmentTime/GameTime"),
        )
        for segment in root.iterfind("Segments/Segment")
    ]


def test_a_levels_pb_splits_and_best_segments_are_exported(tmp_path, capsys):
    level = user_level()
    finish(level, 1000, (400, 1000))  # the PB
    finish(level, 1100, (350, 1100))  # slower, but a best first segment
    out = tmp_path / "room.lss"
    assert main(["splits", "lss-test", "--lss", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    text = out.read_text(encoding="utf-8")
    root = ET.fromstring(text)  # parses as XML
    assert root.tag == "Run" and root.get("version") == "1.7.0"
    assert root.findtext("GameName") == "Last Orbit"
    assert root.findtext("CategoryName") == NAME
    assert "Dock &lt;&amp;&gt; Bay" in text
    assert root.findtext("Offset") == "00:00:00"
    assert root.findtext("AttemptCount") == "2"
    assert root.find("AttemptHistory") is not None
    assert root.find("AutoSplitterSettings") is not None
    assert segments(root) == [
        ("First gate", "00:00:03.3330000", "00:00:02.9170000"),  # 400 and 350 ticks at 120 Hz
        ("Gate <2> & out", "00:00:08.3330000", "00:00:05"),  # 1000, and 600 ticks
    ]
    assert not list(tmp_path.glob(".*.tmp"))  # written whole, no temporary left


def test_dash_writes_the_same_to_stdout(tmp_path, capsys):
    level = user_level()
    finish(level, 1000, (400, 1000))
    assert main(["splits", "lss-test", "--lss", "-"]) == 0
    printed = capsys.readouterr().out
    out = tmp_path / "room.lss"
    assert main(["splits", "lss-test", "--lss", str(out)]) == 0
    assert printed == out.read_text(encoding="utf-8")


def test_a_shipped_level_with_no_records_has_segments_with_no_times(tmp_path, capsys):
    out = tmp_path / "antenna.lss"
    assert main(["splits", "antenna", "--lss", str(out)]) == 0
    assert "no finished run of Antenna" in capsys.readouterr().err
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    shipped = load_level("levels/antenna.toml")
    assert segments(root) == [(o.label, None, None) for o in shipped.objectives]
    assert root.findtext("AttemptCount") == "0"


def test_an_unknown_level_exits_2_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "x.lss"
    assert main(["splits", "antena", "--lss", str(out)]) == 2
    assert "did you mean 'antenna'" in capsys.readouterr().err
    assert not out.exists()


def test_never_over_a_folder_and_a_clear_error_for_a_path_that_cannot_be(tmp_path, capsys):
    folder = tmp_path / "splits"
    folder.mkdir()
    assert main(["splits", "antenna", "--lss", str(folder)]) == 1
    assert "is a folder" in capsys.readouterr().err
    assert folder.is_dir() and not any(folder.iterdir())

    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("keep me", encoding="utf-8")
    assert main(["splits", "antenna", "--lss", str(not_a_folder / "x.lss")]) == 1
    assert "cannot write" in capsys.readouterr().err
    assert not_a_folder.read_text(encoding="utf-8") == "keep me"


def test_times_are_written_as_livesplit_writes_a_timespan():
    assert livesplit_time(0) == "00:00:00"
    assert livesplit_time(120 * 83 + 55) == "00:01:23.4580000"
    assert livesplit_time(120 * 3600 * 25) == "1.01:00:00"


def test_a_full_game_export_needs_only_names_and_ticks():
    text = lss_text(
        "Last Orbit",
        'Campaign "any%"',
        [("Arrival", 1200, 1200), ("Antenna", None, 900), ("Control \x01 chars", 5000, None)],
        attempt_count=7,
    )
    root = ET.fromstring(text)
    assert root.findtext("CategoryName") == 'Campaign "any%"'
    assert segments(root) == [
        ("Arrival", "00:00:10", "00:00:10"),
        ("Antenna", None, "00:00:07.5000000"),
        ("Control  chars", "00:00:41.6670000", None),
    ]


def test_a_full_runs_splits_have_a_segment_per_mission_from_its_own_records(tmp_path, capsys):
    from game.speedrun.campaign import (
        FullRunRecords,
        load_full_run_records,
        missions_of,
        save_full_run_records,
    )
    from game.speedrun.fullrun import missions_key

    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "pack.toml").write_text('title = "Tour <&>"\norder = ["tour-b", "tour-a"]\n')
    a = load_level(write_level(folder / "a.toml", room_text("tour-a", name="Alpha")))
    b = load_level(write_level(folder / "b.toml", room_text("tour-b", name="Bravo")))
    key = missions_key(missions_of([b, a]))  # the pack's order
    save_full_run_records(
        FullRunRecords(key, ["tour-b", "tour-a"], 900, [400, 900], [380, 480], 3, 1)
    )
    assert load_full_run_records(key)[0].pb_ticks == 900
    assert main(["splits", "--pack", str(folder), "--lss", "-"]) == 0
    root = ET.fromstring(capsys.readouterr().out)
    assert root.findtext("CategoryName") == "Tour <&> (full run)"
    assert root.findtext("AttemptCount") == "3"
    assert segments(root) == [
        ("Bravo", livesplit_time(400), livesplit_time(380)),
        ("Alpha", livesplit_time(900), livesplit_time(480)),
    ]
    # Another version of a mission is another run: its records are not these.
    write_level(folder / "a.toml", room_text("tour-a", name="Alpha changed"))
    assert main(["splits", "--pack", str(folder), "--lss", "-"]) == 0
    out = capsys.readouterr()
    assert segments(ET.fromstring(out.out))[1] == ("Alpha changed", None, None)
    assert "no finished run" in out.err


def test_splits_needs_one_level_or_one_run(capsys):
    assert main(["splits", "--lss", "-"]) == 2
    assert main(["splits", "arrival", "--campaign", "--lss", "-"]) == 2
    assert "give one of LEVEL, --campaign or --pack DIR" in capsys.readouterr().err
