"""The simulation and the level loader never pull in pygame (DESIGN §6): they run headless in the
verifier, the tests and the benchmarks. Checked in a fresh interpreter, because other tests in
this process may already have imported pygame."""

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

CHECK = """
import sys
import {module}
loaded = sorted(name for name in sys.modules if name == "pygame" or name.startswith("pygame."))
if loaded:
    raise SystemExit("importing {module} loaded " + ", ".join(loaded))
"""


@pytest.mark.parametrize("module", ["game.sim", "game.levels"])
def test_import_leaves_pygame_out(module):
    result = subprocess.run(
        [sys.executable, "-c", CHECK.format(module=module)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr + result.stdout
