"""`last-orbit validate --upgrade FILE`: a level written for an older format is rewritten in
place through the migrations (format N -> N + 1), keeping its comments and every untouched line
byte for byte; a current one is left alone and says so; a newer or broken one is refused and
left untouched; the write is atomic.

There has been one format so far: the tests register a migration from format 1 to a format 2
of their own (monkeypatched), as the next format change will."""

from __future__ import annotations

import os

import pytest

from game.cli import main
from game.levels import fields as F
from game.levels import upgrade

FORMAT_1 = """\
#:schema ./schema.json
# Written by hand, with comments everywhere.
[level]
id = "old"   # keep me
name = "Old level"
format = 1  # the format it was written for

[world]
bounds = [-20.0, -20.0, 20.0, 20.0]

[player]
spawn = [0.0, 0.0]
o2_drain = 60.0  # per minute, as format 1 counted it
propellant = 3.0   # odd   spacing kept

[[zones]]
id = "airlock"   # the way out
rect = [5.0, -1.0, 7.0, 1.0]

[[objectives]]
kind = "reach"
zone = "airlock"
"""


def per_second_o2(document) -> None:
    """The test's format 2: o2_drain counted per second instead of per minute."""
    player = document["player"]
    if "o2_drain" in player:
        upgrade.set_keeping_comment(player, "o2_drain", float(player["o2_drain"]) / 60.0)


@pytest.fixture
def format_2(monkeypatch):
    monkeypatch.setattr(F, "FORMAT_VERSION", 2)
    monkeypatch.setattr(upgrade, "MIGRATIONS", {})
    upgrade.migration(1)(per_second_o2)


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["validate", *map(str, args)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_an_older_format_is_rewritten_keeping_comments_and_untouched_lines(
    capsys, tmp_path, format_2
):
    path = tmp_path / "old.toml"
    path.write_bytes(FORMAT_1.encode())
    code, out, err = run(capsys, "--upgrade", path)
    assert code == 0, out
    assert f"{path}: upgraded from format 1 to 2" in err
    assert "1 of 1 level file valid" in err
    before, after = FORMAT_1.splitlines(keepends=True), path.read_text().splitlines(keepends=True)
    assert len(after) == len(before)
    changed = {i: line for i, line in enumerate(after) if line != before[i]}
    assert changed == {
        5: "format = 2  # the format it was written for\n",
        12: "o2_drain = 1.0  # per minute, as format 1 counted it\n",
    }
    # The upgraded file is a format-2 level the game plays, and a second upgrade does nothing.
    code, out, err = run(capsys, "--upgrade", path)
    assert code == 0 and f"{path}: already format 2; nothing changed" in err


def test_the_current_format_is_left_alone_and_says_so(capsys, tmp_path):
    path = tmp_path / "current.toml"
    path.write_bytes(FORMAT_1.encode())
    stamp = path.stat().st_mtime_ns
    code, out, err = run(capsys, "--upgrade", path)
    assert code == 0, out
    assert f"{path}: already format {F.FORMAT_VERSION}; nothing changed" in err
    assert path.read_bytes() == FORMAT_1.encode()
    assert path.stat().st_mtime_ns == stamp


def test_a_newer_format_is_refused_and_left_untouched(capsys, tmp_path):
    path = tmp_path / "new.toml"
    text = FORMAT_1.replace("format = 1", f"format = {F.FORMAT_VERSION + 1}")
    path.write_text(text)
    code, out, err = run(capsys, "--upgrade", path)
    assert code == 1
    assert (
        f"{path}: not upgraded: this level is written for format {F.FORMAT_VERSION + 1}, newer "
        f"than this game reads ({F.FORMAT_VERSION}); update Last Orbit instead"
    ) in out
    assert out.count(f"{path}:") == 1  # said once, not again by the check that follows
    assert path.read_text() == text


def test_a_broken_file_is_refused_with_its_position_and_left_untouched(capsys, tmp_path, format_2):
    path = tmp_path / "syntax.toml"
    text = FORMAT_1.replace('name = "Old level"', 'name = "Old level')
    path.write_text(text)
    code, out, _ = run(capsys, "--upgrade", path)
    assert code == 1
    assert f"{path}:5:" in out and "TOML syntax error" in out
    assert path.read_text() == text


def test_a_file_broken_once_upgraded_is_left_untouched(capsys, tmp_path, format_2):
    path = tmp_path / "typo.toml"
    text = FORMAT_1.replace("propellant = 3.0", "propelant = 3.0")
    path.write_text(text)
    code, out, _ = run(capsys, "--upgrade", path)
    assert code == 1
    assert "not upgraded: once upgraded it would not be valid" in out
    assert "unknown key 'propelant' (did you mean 'propellant'?)" in out
    assert path.read_text() == text


def test_a_missing_step_is_refused(capsys, tmp_path, format_2, monkeypatch):
    monkeypatch.setattr(F, "FORMAT_VERSION", 3)
    path = tmp_path / "old.toml"
    path.write_text(FORMAT_1)
    code, out, _ = run(capsys, "--upgrade", path)
    assert code == 1
    assert "not upgraded: no migration from format 2 to 3" in out
    assert path.read_text() == FORMAT_1


def test_the_write_is_atomic(capsys, tmp_path, format_2, monkeypatch):
    """A write that fails at the last step (the rename over the file) leaves the old file whole
    and no temporary beside it."""
    path = tmp_path / "old.toml"
    path.write_text(FORMAT_1)

    def no_rename(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_rename)
    code, out, _ = run(capsys, "--upgrade", path)
    assert code == 1
    assert "not upgraded: cannot write the file: No space left on device" in out
    assert path.read_text() == FORMAT_1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.toml"]


def test_two_migrations_from_one_format_are_refused(monkeypatch):
    monkeypatch.setattr(upgrade, "MIGRATIONS", {})
    upgrade.migration(1)(per_second_o2)
    with pytest.raises(ValueError, match="two migrations from format 1"):
        upgrade.migration(1)(per_second_o2)


def test_the_shipped_levels_are_current():
    """Nothing to migrate today: every shipped level is written for the current format."""
    from game.paths import shipped_levels_dir

    levels = [*shipped_levels_dir().glob("*.toml"), *shipped_levels_dir().glob("bench/*.toml")]
    for path in sorted(levels):
        if path.name == "pack.toml":
            continue
        text, written_for = upgrade.upgraded_text(path.read_text(encoding="utf-8"), str(path))
        assert written_for == F.FORMAT_VERSION, path
