"""Hostile files through the real CLI: whatever a downloaded level or replay holds, what the
command prints is safe for a terminal (no raw ESC, C1 or bidi characters; long text cut), and
a replay with a malformed number or an overlong declared run is refused as unusable (exit 2)
with a one-line reason, never a traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from levels_for_tests import small_level_text

from game.cli import main
from game.paths import shipped_levels_dir
from game.speedrun.replay import MAX_TICKS, ReplayError, loads
from game.terminal_text import LINE_LIMIT, safe

# Characters that can act on a terminal or disguise text: ESC (CSI clear screen), a C1 CSI,
# a bell, and a right-to-left override.
HOSTILE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def assert_terminal_safe(text: str) -> None:
    found = HOSTILE.search(text)
    assert found is None, f"raw {found.group()!r} printed: {text[:300]!r}"


@pytest.fixture
def user_levels(_user_home) -> Path:
    folder = _user_home / "levels"
    folder.mkdir(parents=True)
    return folder


def shipped_replay() -> dict:
    return json.loads((shipped_levels_dir() / "solutions" / "arrival.replay").read_text())


def run_verify(capsys, path: Path) -> tuple[int, dict, str]:
    code = main(["replay", str(path), "--verify"])
    out, err = capsys.readouterr()
    assert_terminal_safe(out + err)
    lines = out.strip().splitlines()
    assert len(lines) == 1, out
    assert len(err.strip().splitlines()) == 1, err  # one clear line, no traceback
    return code, json.loads(lines[0]), err


# Terminal escapes


def test_safe_escapes_controls_and_keeps_printable_text():
    assert safe("A\x1b[2J\x9b\u202eB — é") == "A\\x1b[2J\\x9b\\u202eB — é"
    cut = safe("x" * 5000)
    assert cut.startswith("x" * 200) and "5000 characters" in cut and len(cut) < 300


def test_levels_table_escapes_a_hostile_level_name(user_levels, capsys):
    (user_levels / "evil.toml").write_text(
        small_level_text("evil", name="Evil\\u001b[2J\\u009b1m\\u202eexe.txt")
    )
    assert main(["levels"]) == 0
    out = capsys.readouterr().out
    assert_terminal_safe(out)
    assert "Evil\\x1b[2J\\x9b1m\\u202eexe.txt" in out


def test_levels_table_cuts_a_very_long_name(user_levels, capsys):
    (user_levels / "long.toml").write_text(small_level_text("long", name="N" * 1500))
    assert main(["levels"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("long "))
    assert len(line) < 400 and "1500 characters" in line


def test_levels_json_stays_valid_with_the_name_escaped(user_levels, capsys):
    (user_levels / "evil.toml").write_text(small_level_text("evil", name="Evil\\u001b[2J"))
    assert main(["levels", "--json"]) == 0
    out = capsys.readouterr().out
    assert_terminal_safe(out)
    entries = {entry["id"]: entry for entry in json.loads(out)}
    assert entries["evil"]["name"] == "Evil\x1b[2J"  # the data itself is intact


def test_validate_cuts_a_huge_echoed_value_to_one_bounded_line(tmp_path, capsys):
    path = tmp_path / "huge.toml"
    path.write_text(small_level_text("\\u001b[2J" + "a" * 1900, name="Huge"))
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert_terminal_safe(out)
    lines = out.strip().splitlines()
    assert lines and all(len(line) <= LINE_LIMIT + 40 for line in lines), len(max(lines, key=len))
    assert "level.id" in lines[0]


def test_replay_with_an_escape_in_its_level_id_is_refused_safely(tmp_path, capsys):
    document = shipped_replay()
    document["level"] = "arrival\x1b[2J\x1b]0;owned\x07"
    path = tmp_path / "evil.replay"
    path.write_text(json.dumps(document))
    code, line, err = run_verify(capsys, path)
    assert code == 2 and line["verified"] is False
    assert "not a level id" in err


def test_replay_error_names_a_hostile_file_name_safely(tmp_path, capsys):
    path = tmp_path / "run\x1b[2J\u202e.replay"  # missing: the message names the path
    code, line, err = run_verify(capsys, path)
    assert code == 2
    assert "run\\x1b[2J\\u202e.replay" in err


# Malformed numbers: exit 2 with one clear line


def numbers_replay(tmp_path: Path, old: str, new: str) -> Path:
    text = (shipped_levels_dir() / "solutions" / "arrival.replay").read_text()
    assert old in text
    path = tmp_path / "bad.replay"
    path.write_text(text.replace(old, new, 1))
    return path


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        # Every number is read before any field is checked: a second "version" is enough.
        ('"level": "arrival"', '"version": ' + "9" * 5000 + ', "level": "arrival"', "digits"),
        ('"inputs": [\n    [', '"inputs": [\n    [' + "1" * 5000 + ", 0, 0, 0, 0], [", "digits"),
        ('"speed": 1.0', '"speed": 1e999', "too large"),
        ('"speed": 1.0', '"speed": NaN', "NaN"),
        ('"speed": 1.0', '"speed": -Infinity', "Infinity"),
        ('"time_seconds"', '"note": Infinity, "time_seconds"', "Infinity"),
        ('"inputs": [\n    [', '"inputs": [\n    [-5, 0, 0, 0, 0], [', "count below 1"),
    ],
    ids=["huge-version", "huge-count", "1e999", "nan", "-infinity", "unknown-key-inf", "neg"],
)
def test_malformed_number_is_unusable_not_a_traceback(tmp_path, capsys, old, new, reason):
    path = numbers_replay(tmp_path, old, new)
    code, line, err = run_verify(capsys, path)
    assert code == 2, err
    assert line == {"file": str(path), "verified": False, "error": line["error"]}
    assert reason in err and "Traceback" not in err


# Bounded verification work


def idle_replay(total_ticks: int) -> dict:
    """One push, then idle with infinite O2 for the rest of total_ticks (never ends)."""
    document = shipped_replay()
    document["assisted"] = True
    document["assist"] = {"speed": 1.0, "infinite_o2": True}
    document["inputs"] = [[1, 100, 0, 0, 0], [total_ticks - 1, 0, 0, 0, 0]]
    document["checksums"] = []
    document["result"].update(
        completed=False, ticks=total_ticks, total_ticks=total_ticks, splits=[], fail_reason=None
    )
    return document


def test_a_run_longer_than_the_cap_is_refused_before_any_replaying(tmp_path, capsys):
    path = tmp_path / "long.replay"
    path.write_text(json.dumps(idle_replay(MAX_TICKS + 1)))
    code, line, err = run_verify(capsys, path)
    assert code == 2
    assert "two hours" in err


def test_the_cap_is_two_hours_of_game_time_and_a_run_at_it_parses():
    assert MAX_TICKS == 2 * 3600 * 120
    replay = loads(json.dumps(idle_replay(MAX_TICKS)).encode())
    assert replay.tick_count == MAX_TICKS
    with pytest.raises(ReplayError, match="two hours"):
        loads(json.dumps(idle_replay(MAX_TICKS + 1)).encode())
