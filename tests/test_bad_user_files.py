"""One bad entry in the player's levels folder (a device, a named pipe, a parser bomb) never takes
down `levels`, `play` or `replay --verify`: it is refused as a clear per-file message and every
other level, shipped or not, works as usual.

Each command runs in a child process with a timeout and a memory ceiling, so a regression fails
(a hang, a MemoryError) instead of hanging the suite or filling the machine's memory."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from levels_for_tests import small_level_text

from game.paths import shipped_levels_dir
from game.player_files import UnreadableFile, read_player_file
from game.settings import Settings, load_settings
from game.speedrun.records import load_records, records_dir

TIMEOUT_S = 30
MEMORY_CEILING = 3 * 1024**3  # far above what the game needs; far below "read /dev/zero whole"
SHIPPED_IDS = {
    "arrival",
    "antenna",
    "cut-loose",
    "diversion",
    "free-fall",
    "life-support",
    "vault",
}


def _zero_device(levels: Path, outside: Path) -> str | None:
    (levels / "zero.toml").symlink_to("/dev/zero")
    return "zero"


def _named_pipe(levels: Path, outside: Path) -> str | None:
    os.mkfifo(levels / "pipe.toml")
    return "pipe"


def _deeply_nested_pack(levels: Path, outside: Path) -> str | None:
    (levels / "pack.toml").write_text("a = " + "[" * 100_000)
    return None


def _huge_integer_pack(levels: Path, outside: Path) -> str | None:
    (levels / "pack.toml").write_text(f'title = "Mine"\nsize = {"9" * 5000}\n')
    return None


def _symlink_pointing_outside(levels: Path, outside: Path) -> str | None:
    # A regular level elsewhere is fine to link to; a device elsewhere is not.
    (outside / "linked.toml").write_text(small_level_text("linked-level"))
    (levels / "linked.toml").symlink_to(outside / "linked.toml")
    (levels / "random.toml").symlink_to("/dev/urandom")
    return "random"


BAD_ENTRIES = {
    "symlink to /dev/zero": _zero_device,
    "named pipe": _named_pipe,
    "deeply nested pack.toml": _deeply_nested_pack,
    "pack.toml with a 5,000-digit integer": _huge_integer_pack,
    "symlink pointing outside": _symlink_pointing_outside,
}


@pytest.fixture(params=list(BAD_ENTRIES), ids=list(BAD_ENTRIES))
def bad_home(request, tmp_path):
    """A player data folder whose levels folder holds one good level and one bad entry;
    yields (home, id of the broken level file or None for a pack.toml)."""
    home = tmp_path / "home"
    levels = home / "levels"
    levels.mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (levels / "good.toml").write_text(small_level_text("good-level"))
    broken_id = BAD_ENTRIES[request.param](levels, outside)
    return home, broken_id


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CEILING, MEMORY_CEILING))


def run_cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, LAST_ORBIT_HOME=str(home))
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    env.pop("LAST_ORBIT_EXIT_AFTER_FRAMES", None)
    code = "import sys\nfrom game.cli import main\nsys.exit(main(sys.argv[1:]))"
    try:
        return subprocess.run(
            [sys.executable, "-c", code, *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            preexec_fn=_limit_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"`last-orbit {' '.join(args)}` hung for {TIMEOUT_S} s")


def test_levels_lists_every_level_and_the_broken_entry_with_its_problem(bad_home):
    home, broken_id = bad_home
    result = run_cli(home, "levels", "--json")
    assert result.returncode == 0, result.stderr
    entries = {entry["id"]: entry for entry in json.loads(result.stdout)}
    for level_id in SHIPPED_IDS | {"good-level"}:
        assert entries[level_id]["valid"] is True, level_id
    if broken_id is not None:
        assert entries[broken_id]["valid"] is False
        assert "not a regular file" in entries[broken_id]["error"]
    else:  # a broken pack.toml is reported itself, with what is wrong with it
        assert entries["pack.toml"]["valid"] is False
        assert "TOML" in entries["pack.toml"]["error"]
    if (home / "levels" / "linked.toml").exists():
        assert entries["linked-level"]["valid"] is True


def test_play_a_shipped_level_still_works(bad_home):
    home, _ = bad_home
    result = run_cli(home, "play", "arrival", "--frames", "3")
    assert result.returncode == 0, result.stderr


def test_replay_verify_of_a_shipped_solution_runs(bad_home):
    home, _ = bad_home
    solution = shipped_levels_dir() / "solutions" / "arrival.replay"
    result = run_cli(home, "replay", str(solution), "--verify")
    # 0 verified, 1 a desync (the shipped solutions are re-recorded after physics changes);
    # an uncaught error also exits 1, so its traceback is what must not appear.
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda folder: os.mkfifo(folder / "pipe"), "not a regular file (a named pipe)"),
        (lambda folder: (folder / "pipe").mkdir(), "not a regular file (a folder)"),
        (lambda folder: (folder / "pipe").write_bytes(b"x" * 11), "the limit is 10"),
    ],
)
def test_read_player_file_refuses_what_is_not_a_small_regular_file(tmp_path, make, message):
    make(tmp_path)
    with pytest.raises(UnreadableFile, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_player_file(tmp_path / "pipe", 10)


def test_read_player_file_reads_a_file_at_its_cap(tmp_path):
    (tmp_path / "ok").write_bytes(b"x" * 10)
    assert read_player_file(tmp_path / "ok", 10) == b"x" * 10


def _within_timeout(call):
    """call()'s result, failing (not hanging) when it blocks, as a read of a named pipe would."""
    results = []
    worker = threading.Thread(target=lambda: results.append(call()), daemon=True)
    worker.start()
    worker.join(TIMEOUT_S)
    if not results:
        pytest.fail(f"still reading after {TIMEOUT_S} s")
    return results[0]


def test_settings_that_are_a_named_pipe_fall_back_to_defaults(tmp_path):
    os.mkfifo(tmp_path / "settings.json")
    settings, messages = _within_timeout(lambda: load_settings(tmp_path / "settings.json"))
    assert settings == Settings()
    assert "not a regular file (a named pipe)" in messages[0]


def test_records_that_are_a_named_pipe_start_fresh():
    path = records_dir() / "arrival.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    records, message = _within_timeout(lambda: load_records("arrival"))
    assert records.pb_ticks is None
    assert "not a regular file (a named pipe)" in message
