"""The level catalogue through the command line: user levels (in $LAST_ORBIT_HOME/levels, which
conftest points at a fresh tmp folder) appear next to the shipped ones, broken ones with their
first problem and without stopping the rest, in pack order; `play` of an unknown id says what it
might have meant."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from levels_for_tests import small_level_text

from game.cli import main
from game.levels.catalog import find_level

level_text = small_level_text


@pytest.fixture
def user_levels(_user_home) -> Path:
    assert os.environ["LAST_ORBIT_HOME"] == str(_user_home)
    folder = _user_home / "levels"
    folder.mkdir(parents=True)
    return folder


def listing(capsys) -> list[dict]:
    assert main(["levels", "--json"]) == 0
    out = capsys.readouterr().out
    return json.loads(out)


def by_id(entries: list[dict]) -> dict[str, dict]:
    return {entry["id"]: entry for entry in entries}


def test_shipped_levels_are_listed_and_valid(capsys, user_levels):
    entries = listing(capsys)
    assert entries, "no levels at all"
    assert entries[0]["id"] == "arrival"
    assert all(entry["valid"] for entry in entries)


def test_user_level_and_broken_user_level_are_listed(capsys, user_levels):
    (user_levels / "my-level.toml").write_text(level_text("my-level", "My level", 33.0))
    broken = user_levels / "oops.toml"
    broken.write_text(level_text("oops").replace('zone = "airlock"\n', 'zone = "airlok"\n'))
    entries = by_id(listing(capsys))

    mine = entries["my-level"]
    assert mine["valid"] is True and mine["error"] is None
    assert mine["name"] == "My level"
    assert mine["par_seconds"] == 33.0
    assert Path(mine["path"]) == user_levels / "my-level.toml"

    oops = entries["oops"]  # a broken level is named after its file
    assert oops["valid"] is False
    assert oops["par_seconds"] is None
    assert Path(oops["path"]) == broken
    assert oops["error"].startswith(f"{broken}:")
    assert "no zone 'airlok' (did you mean 'airlock'?)" in oops["error"]


def test_error_is_the_first_problem(capsys, user_levels):
    text = level_text("two-problems").replace("format = 1", "format = 1\ncolour = 1")
    text = text.replace("spawn = [0.0, 0.0]", "spawn = [0.0, 0.0]\nspwan = 1")
    (user_levels / "two.toml").write_text(text)
    (entry,) = [e for e in listing(capsys) if not e["valid"]]
    assert "unknown key 'colour'" in entry["error"]
    assert "spwan" not in entry["error"]
    assert "\n" not in entry["error"]


def test_broken_levels_do_not_stop_the_others(capsys, user_levels):
    (user_levels / "a-binary.toml").write_bytes(bytes(range(256)))
    (user_levels / "b-empty.toml").write_text("")
    (user_levels / "c-syntax.toml").write_text("[level\n")
    (user_levels / "d-good.toml").write_text(level_text("d-good"))
    (user_levels / "e-newer.toml").write_text(
        level_text("e-newer").replace("format = 1", "format = 9")
    )
    entries = listing(capsys)
    valid = {e["id"]: e["valid"] for e in entries}
    assert valid["arrival"] is True
    assert valid["d-good"] is True
    for stem in ("a-binary", "b-empty", "c-syntax", "e-newer"):
        assert valid[stem] is False
    errors = {e["id"]: e["error"] for e in entries}
    assert "not a text file" in errors["a-binary"]
    assert "TOML syntax error" in errors["c-syntax"]
    assert "newer" in errors["e-newer"]


def test_level_whose_checking_fails_unexpectedly_does_not_stop_the_others(capsys, user_levels):
    """A backdrop name longer than the file system allows (an OSError today, not a LevelError)
    must be listed as broken like any other problem, not end the listing."""
    text = level_text("long-name").replace(
        "[world]\n", '[world]\nbackdrop = "' + "a" * 300 + '.png"\n'
    )
    (user_levels / "long-name.toml").write_text(text)
    (user_levels / "fine.toml").write_text(level_text("fine"))
    entries = by_id(listing(capsys))
    assert entries["fine"]["valid"] is True
    assert entries["long-name"]["valid"] is False
    assert "world.backdrop" in entries["long-name"]["error"]


def test_text_listing_shows_broken_levels(capsys, user_levels):
    (user_levels / "oops.toml").write_text("[level\n")
    assert main(["levels"]) == 0
    out = capsys.readouterr().out
    assert "arrival" in out
    assert "oops" in out and "BROKEN" in out and "TOML syntax error" in out


def test_pack_order_is_respected(capsys, user_levels):
    pack = user_levels / "my-pack"
    pack.mkdir()
    (pack / "pack.toml").write_text('title = "My pack"\norder = ["zeta", "alpha"]\n')
    for stem, level_id in [("a", "alpha"), ("b", "beta"), ("c", "gamma"), ("z", "zeta")]:
        (pack / f"{stem}.toml").write_text(level_text(level_id))
    entries = [e for e in listing(capsys) if e["pack"] == "My pack"]
    # listed ids first, in pack order; the rest after, by file name; each under the pack's
    # folder name (a pack level never takes a shipped level's or another pack's id)
    assert [e["id"] for e in entries] == [
        "my-pack/zeta",
        "my-pack/alpha",
        "my-pack/beta",
        "my-pack/gamma",
    ]


def test_order_in_the_user_folder_itself(capsys, user_levels):
    (user_levels / "pack.toml").write_text('title = "Mine"\norder = ["second", "first"]\n')
    (user_levels / "1.toml").write_text(level_text("first"))
    (user_levels / "2.toml").write_text(level_text("second"))
    entries = [e for e in listing(capsys) if e["pack"] == "Mine"]
    assert [e["id"] for e in entries] == ["second", "first"]


def test_shipped_pack_comes_first_in_its_order(capsys, user_levels):
    (user_levels / "aaa.toml").write_text(level_text("aaa"))
    entries = listing(capsys)
    shipped = [e for e in entries if e["pack"] == entries[0]["pack"]]
    assert shipped[0]["id"] == "arrival"
    assert entries.index(by_id(entries)["aaa"]) > entries.index(shipped[-1])


def test_broken_pack_toml_falls_back_to_file_names(capsys, user_levels):
    pack = user_levels / "odd-pack"
    pack.mkdir()
    (pack / "pack.toml").write_text("title = \n")
    (pack / "b.toml").write_text(level_text("bee"))
    (pack / "a.toml").write_text(level_text("ay"))
    entries = [e for e in listing(capsys) if e["pack"] == "odd-pack"]
    # The broken pack file is an entry of its own, naming its problem with its line; its
    # folder's levels are all there, in file-name order.
    assert [e["id"] for e in entries] == ["odd-pack/pack.toml", "odd-pack/ay", "odd-pack/bee"]
    assert entries[0]["valid"] is False
    assert f"{pack / 'pack.toml'}:1:" in entries[0]["error"]
    assert "TOML syntax error" in entries[0]["error"]


def test_a_pack_toml_with_wrong_values_is_listed_with_its_line(capsys, user_levels):
    (user_levels / "pack.toml").write_text('title = "Mine"\n\norder = "first"\n')
    (user_levels / "1.toml").write_text(level_text("first"))
    assert main(["levels"]) == 0
    out = capsys.readouterr().out
    assert f"BROKEN: {user_levels / 'pack.toml'}:3:1: order: must be an array of level ids" in out
    assert "first" in out and "arrival" in out  # nothing else hidden
    assert main(["play", "pack.toml"]) == 2  # the entry is no level: play does not pick it


def test_pack_order_naming_a_missing_level_is_harmless(capsys, user_levels):
    (user_levels / "pack.toml").write_text('order = ["ghost", 42, "real"]\n')
    (user_levels / "x.toml").write_text(level_text("real"))
    assert by_id(listing(capsys))["real"]["valid"] is True


def test_play_unknown_id_exits_2_with_a_suggestion(capsys, user_levels):
    assert main(["play", "arival"]) == 2
    err = capsys.readouterr().err
    assert "no level 'arival' (did you mean 'arrival'?)" in err
    assert "last-orbit levels" in err


def test_play_unknown_id_suggests_user_levels_too(capsys, user_levels):
    (user_levels / "x.toml").write_text(level_text("spacewalk"))
    assert main(["play", "spacewalks"]) == 2
    assert "(did you mean 'spacewalk'?)" in capsys.readouterr().err


def test_play_unknown_id_without_near_miss(capsys, user_levels):
    assert main(["play", "qqqqqqqq"]) == 2
    err = capsys.readouterr().err
    assert "no level 'qqqqqqqq'" in err and "did you mean" not in err


def test_find_level_by_id_and_by_path(user_levels, tmp_path):
    (user_levels / "mine.toml").write_text(level_text("mine"))
    assert find_level("mine") == user_levels / "mine.toml"
    loose = tmp_path / "loose.toml"
    loose.write_text(level_text("loose"))
    assert find_level(str(loose)) == loose
    assert find_level("loose") is None  # a file elsewhere is only found by path
    assert find_level("arrival").name == "arrival.toml"


def test_benchmark_levels_are_listed_only_with_bench(capsys, user_levels):
    assert "stress-debris" not in by_id(listing(capsys))
    assert main(["levels"]) == 0
    assert "stress-debris" not in capsys.readouterr().out
    assert main(["levels", "--json", "--bench"]) == 0
    with_bench = by_id(json.loads(capsys.readouterr().out))
    assert with_bench["stress-debris"]["valid"] is True
    assert with_bench["stress-debris"]["pack"] == "Benchmarks"


def test_benchmark_level_is_still_found_by_id_and_by_path(user_levels):
    path = find_level("stress-debris")
    assert path is not None and path.parent.name == "bench"
    assert find_level(str(path)) == path


def test_player_pack_named_bench_is_not_hidden(capsys, user_levels):
    pack = user_levels / "bench"
    pack.mkdir()
    (pack / "mine.toml").write_text(level_text("my-bench-room"))
    assert "bench/my-bench-room" in by_id(listing(capsys))
