"""A command whose reader stops early (`last-orbit replay --verify DIR | head -1`) ends quietly."""

import subprocess
import sys

from game.paths import shipped_levels_dir


def test_verifying_into_a_closed_pipe_ends_without_a_traceback():
    solutions = shipped_levels_dir() / "solutions"
    command = [sys.executable, "-m", "game", "replay", "--verify", str(solutions)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = process.stdout.readline()
    process.stdout.close()  # like `head -1`: the reader goes after one line
    _, err = process.communicate(timeout=120)
    assert first.startswith(b'{"file"')
    assert b"Traceback" not in err and b"BrokenPipeError" not in err, err.decode()
    assert process.returncode == 141
