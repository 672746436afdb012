"""Official levels: the game knows the SHA-256 of every shipped level from a table in the
package, verification says whether a run was on official content, and the table must be
regenerated whenever a shipped level changes."""

import json
import shutil

from game.cli import main
from game.levels import load_level
from game.paths import shipped_levels_dir
from game.speedrun import official
from game.speedrun.official_levels import OFFICIAL_LEVELS
from tests.recorded_runs import arrival, record, save_run


def verify_line(capsys, *args) -> tuple[int, dict]:
    code = main(["replay", "--verify", *map(str, args)])
    [line] = capsys.readouterr().out.strip().splitlines()
    return code, json.loads(line)


def edited_arrival(folder):
    """arrival.toml with one comment added: the same level to play, other content."""
    path = folder / "arrival.toml"
    path.write_bytes((shipped_levels_dir() / "arrival.toml").read_bytes() + b"\n# edited\n")
    return path


def test_the_table_matches_the_shipped_levels():
    # Fails when a shipped level changes without `python -m game.speedrun.official`.
    assert official.shipped_table() == OFFICIAL_LEVELS, "run: python -m game.speedrun.official"
    assert official.main(["--check"]) == 0
    assert {"arrival", "vault", "stress-debris"} <= set(OFFICIAL_LEVELS)


def test_a_run_on_the_shipped_level_is_official(tmp_path, capsys):
    code, line = verify_line(capsys, save_run(tmp_path / "run.replay"))
    assert code == 0 and line["official"] is True


def test_a_run_on_an_edited_level_verifies_but_is_not_official(tmp_path, capsys):
    level_path = edited_arrival(tmp_path)
    level = load_level(level_path)
    assert level.info.id == "arrival" and level.sha256 != arrival().sha256
    run = save_run(tmp_path / "run.replay", level)
    code, line = verify_line(capsys, run, "--level", level_path)
    assert code == 0 and line["verified"] is True and line["official"] is False


def test_a_modified_install_cannot_make_its_edited_level_official(tmp_path, monkeypatch, capsys):
    # The installed levels folder is edited in place: the game finds the edited arrival as
    # "shipped", plays and verifies it, yet the table in the package still says not official.
    shipped = arrival()
    install = tmp_path / "install"
    shutil.copytree(shipped_levels_dir(), install)
    edited_arrival(install)
    monkeypatch.setattr("game.paths._shipped", lambda name: install)
    level = load_level(install / "arrival.toml")
    run = tmp_path / "run.replay"
    from game.speedrun.replay import save

    save(record(level), run)
    code, line = verify_line(capsys, run)
    assert code == 0 and line["official"] is False
    assert not official.is_official_level(level) and official.is_official_level(shipped)


def test_a_changed_shipped_level_makes_the_check_fail(tmp_path):
    levels = tmp_path / "levels"
    shutil.copytree(shipped_levels_dir(), levels)
    edited_arrival(levels)
    table = official.shipped_table(levels)
    assert table != OFFICIAL_LEVELS and table["arrival"] != OFFICIAL_LEVELS["arrival"]
    assert official.table_source(table) != official.TABLE_FILE.read_text()
