"""`last-orbit validate` on a corpus of broken levels (tests/broken_levels, one intended defect
per file, expectations in tests/broken_levels/expected.toml): exit 1, the expected message at the
expected line, never a traceback. Plus the cases too big or too unportable to commit, several files
at once, and the shipped levels and the README example, which must stay valid."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from game.cli import main

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "broken_levels"
EXPECTED: dict[str, dict] = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))
SHIPPED = sorted(p for p in (REPO / "levels").glob("*.toml") if p.name != "pack.toml")

MINIMAL = """\
[level]
id = "minimal"
name = "Minimal"
format = 1

[world]
bounds = [-20.0, -20.0, 20.0, 20.0]
{world}
[player]
spawn = [0.0, 0.0]
{extra}
[[zones]]
id = "airlock"
rect = [5.0, -1.0, 7.0, 1.0]

[[objectives]]
kind = "reach"
zone = "airlock"
"""


def minimal(world: str = "", extra: str = "") -> str:
    return MINIMAL.format(world=world, extra=extra)


def validate(capsys, *paths) -> tuple[int, str, str]:
    code = main(["validate", *(str(p) for p in paths)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out, captured.err


def problem_lines(out: str, path: Path) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(f"{path}:")]


def position(line: str, path: Path) -> tuple[int, int] | None:
    """(line, col) from `file:line:col: ...`, or None for `file: ...`."""
    match = re.match(re.escape(str(path)) + r":(\d+):(\d+): ", line)
    if match:
        return int(match.group(1)), int(match.group(2))
    assert line.startswith(f"{path}: "), line
    return None


# -- the corpus ---------------------------------------------------------------------------------


def test_every_corpus_file_has_an_expectation():
    files = {p.name for p in CORPUS.glob("*.toml") if p.name != "expected.toml"}
    assert files == set(EXPECTED)
    assert len(files) >= 30


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_level_is_reported(capsys, name):
    expected = EXPECTED[name]
    path = CORPUS / name
    code, out, err = validate(capsys, path)
    assert code == 1, out
    assert "0 of 1 level file valid" in err
    lines = problem_lines(out, path)
    assert len(lines) == expected.get("problems", 1), out
    matching = [line for line in lines if expected["message"] in line]
    assert matching, f"expected {expected['message']!r} in:\n{out}"
    line = matching[0]
    where = position(line, path)
    if "line" in expected:
        assert where is not None, f"no line number in {line!r}"
        assert where[0] == expected["line"], line
        assert where[1] >= 1
    else:
        assert where is None, line
    if "field" in expected:
        assert f" {expected['field']}: " in line, line


def test_broken_levels_through_the_real_command():
    """The installed entry point in a fresh interpreter, every broken file at once: exit 1, every
    file reported, no traceback and no crash of the interpreter itself (a segfault is 139/-11)."""
    files = sorted(CORPUS / name for name in EXPECTED)
    result = subprocess.run(
        [sys.executable, "-m", "game", "validate", *map(str, files)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    for path in files:
        assert f"{path}:" in result.stdout
    assert f"0 of {len(files)} level files valid" in result.stderr


# -- several files at once ----------------------------------------------------------------------


def test_several_files_are_all_reported(capsys):
    names = ["syntax_unclosed_header.toml", "near_miss_reference.toml", "empty.toml", "binary.toml"]
    paths = [CORPUS / name for name in names]
    code, out, err = validate(capsys, *paths)
    assert code == 1
    for path, name in zip(paths, names, strict=True):
        lines = problem_lines(out, path)
        assert lines, f"{name} not reported"
        assert any(EXPECTED[name]["message"] in line for line in lines)
    assert "0 of 4 level files valid" in err


def test_one_valid_and_one_broken_file_exit_1(capsys, tmp_path):
    good = tmp_path / "good.toml"
    good.write_text(minimal(), encoding="utf-8")
    bad = CORPUS / "dangling_objective_zone.toml"
    code, out, err = validate(capsys, good, bad)
    assert code == 1
    assert problem_lines(out, bad)
    assert not problem_lines(out, good)
    assert "1 of 2 level files valid" in err


def test_each_problem_is_one_line_of_output(capsys, tmp_path):
    """Scripts read one problem per line: a value quoted in a message must not break the line."""
    path = tmp_path / "level.toml"
    text = minimal().replace('kind = "reach"', 'kind = "reach\\nnow"')
    text = text.replace("[player]\n", '[player]\nmode = "eva\\r\\u0000"\n')
    path.write_text(text, encoding="utf-8")
    code, out, _ = validate(capsys, path)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 2, out
    assert all(line.startswith(f"{path}:") for line in lines), out
    assert "\x00" not in out


def test_missing_file_is_a_problem_not_a_crash(capsys, tmp_path):
    code, out, _ = validate(capsys, tmp_path / "nowhere.toml", tmp_path)
    assert code == 1
    assert "cannot read the file" in out


# -- what must stay valid -----------------------------------------------------------------------


def test_shipped_levels_validate(capsys):
    assert SHIPPED, "no shipped levels found"
    code, out, err = validate(capsys, *SHIPPED)
    assert code == 0, out
    assert out == ""
    assert f"{len(SHIPPED)} of {len(SHIPPED)}" in err


def readme_example() -> str:
    text = (REPO / "levels" / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", text, flags=re.S)
    levels = [block for block in blocks if "[level]" in block]
    assert len(levels) == 1, "expected exactly one example level in levels/README.md"
    return levels[0]


def test_readme_example_validates(capsys, tmp_path):
    path = tmp_path / "example.toml"
    path.write_text(readme_example(), encoding="utf-8")
    code, out, _ = validate(capsys, path)
    assert code == 0, out


def test_minimal_level_used_here_is_valid(capsys, tmp_path):
    """The base of the tmp_path cases below is valid, so their failures are their defect's."""
    path = tmp_path / "minimal.toml"
    path.write_text(minimal(), encoding="utf-8")
    assert validate(capsys, path)[0] == 0


# -- cases written by the tests -----------------------------------------------------------------


@pytest.mark.parametrize("section", ["zones", "handholds", "triggers"])
def test_section_over_the_entry_cap(capsys, tmp_path, section):
    from game.levels.fields import MAX_ITEMS_PER_SECTION

    count = MAX_ITEMS_PER_SECTION + 1 - (1 if section == "zones" else 0)  # minimal() has a zone
    entry = {
        "zones": '[[zones]]\nid = "z{i}"\nrect = [8.0, 8.0, 9.0, 9.0]\n',
        "handholds": "[[handholds]]\nat = [1.0, 1.0]\n",
        "triggers": '[[triggers]]\non = "start"\nactions = [{{ do = "shake" }}]\n',
    }[section]
    path = tmp_path / "crowded.toml"
    path.write_text(minimal() + "".join(entry.format(i=i) for i in range(count)), encoding="utf-8")
    code, out, _ = validate(capsys, path)
    assert code == 1
    assert f"{section}: 5,001 entries; the limit is 5,000" in out


def test_ten_megabyte_file_is_refused_by_size(capsys, tmp_path, monkeypatch):
    path = tmp_path / "huge.toml"
    line = "# " + "x" * 1021 + "\n"
    with path.open("w", encoding="utf-8") as f:
        f.write(minimal())
        for _ in range(10 * 1024):
            f.write(line)
    assert path.stat().st_size > 10 * 1024 * 1024

    def parse(*_args, **_kwargs):
        raise AssertionError("the size check should come before any parsing")

    monkeypatch.setattr(tomllib, "loads", parse)
    code, out, _ = validate(capsys, path)
    assert code == 1
    assert "bytes; the limit is 4,194,304" in out


def test_nul_inside_an_escaped_string_is_not_a_crash(capsys, tmp_path):
    path = tmp_path / "nul.toml"
    path.write_text(minimal(world='backdrop = "sky\\u0000.png"\n'), encoding="utf-8")
    code, out, _ = validate(capsys, path)
    assert code == 1
    assert "world.backdrop" in out


def test_backdrop_inside_the_level_folder_is_accepted(tmp_path):
    """The positive control for the path refusals: a plain relative PNG next to the level."""
    from game.devtools.limits_level import write_backdrop
    from game.levels import load_level

    (tmp_path / "art").mkdir()
    write_backdrop(tmp_path / "art" / "sky.png", 4, 4)  # a real PNG: its header is read
    path = tmp_path / "level.toml"
    path.write_text(minimal(world='backdrop = "art/sky.png"\n'), encoding="utf-8")
    level = load_level(path)
    assert level.world.backdrop == (tmp_path / "art" / "sky.png").resolve()


def test_backdrop_symlink_leading_out_of_the_folder_is_refused(capsys, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    folder = tmp_path / "level"
    folder.mkdir()
    try:
        (folder / "sky.png").symlink_to(outside / "secret.png")
    except (OSError, NotImplementedError):
        pytest.skip("symlinks not available here")
    path = folder / "level.toml"
    path.write_text(minimal(world='backdrop = "sky.png"\n'), encoding="utf-8")
    code, out, _ = validate(capsys, path)
    assert code == 1
    assert "world.backdrop" in out
    assert "outside" in out


def test_reference_problems_name_the_kind_in_the_singular(capsys, tmp_path):
    """'no bodie 'crate'' (from 'bodies'.rstrip('s')) is how the loader words it today."""
    path = tmp_path / "level.toml"
    text = minimal().replace(
        'kind = "reach"\nzone = "airlock"', 'kind = "deliver"\nzone = "airlock"\nbody = "crate"'
    )
    text += '\n[[objectives]]\nkind = "grab"\ntarget = "rail"\n'
    path.write_text(text, encoding="utf-8")
    code, out, _ = validate(capsys, path)
    assert code == 1
    assert "no body 'crate'" in out
    assert "no body or mover or handhold 'rail'" in out
    assert "bodie" not in out


def test_level_with_thousands_of_problems_is_checked_quickly(capsys, tmp_path):
    """A 200 KB file is nowhere near the size cap, but each problem's line is found by scanning
    the text from the top, so checking grows with problems x lines: the menu scans user levels at
    startup, so a hostile file must not freeze it."""
    entry = '[[handholds]]\nat = [1.0, 1.0]\nlabl = "rail"\n'

    def check(count: int) -> float:
        """The fastest of three checks of a file with `count` problems (seconds)."""
        path = tmp_path / f"noisy-{count}.toml"
        path.write_text(minimal() + entry * count, encoding="utf-8")
        fastest = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            code, out, _ = validate(capsys, path)
            fastest = min(fastest, time.perf_counter() - started)
            assert code == 1
            assert len(problem_lines(out, path)) == count
            assert "(did you mean 'label'?)" in out
        return fastest

    # A ratio in the same run, not a wall-clock limit (machines differ 2x and are shared):
    # 10x the problems costs about 10x when linear, 100x when each one scans the file.
    small, large = check(300), check(3000)
    assert large / small < 35, f"300 problems {small:.3f} s, 3,000 problems {large:.3f} s"


def test_simple_concave_polygon_does_not_crash_the_validator(tmp_path):
    """A simple (non-crossing) concave outline that pymunk's convex_decomposition segfaults on.
    Run in a child process: the crash takes the interpreter down with it."""
    path = tmp_path / "concave.toml"
    path.write_text(
        minimal(
            extra="\n[[solids]]\npoints = [[-1.0, -2.75], [-0.25, 1.75], [-1.75, 1.0], "
            "[0.0, 2.75], [2.5, 0.75], [0.0, 1.5]]\n"
        ).replace("spawn = [0.0, 0.0]", "spawn = [-8.0, 0.0]"),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "game", "validate", str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 0, (
        f"exit {result.returncode} (negative or 139: killed by a signal)\n{result.stdout}"
        f"{result.stderr[-1000:]}"
    )
