"""The README's two commands (the ones .ci/run runs as written) on a system like a fresh Debian or
Ubuntu: its pip refuses to install outside a virtual environment (PEP 668) and it has no
`python`, only `python3`. Stand-ins for python3 and the venv's tools log what ran, so the shell
semantics of the commands as written are tested in a second, without installing anything.
The real install runs in .ci/run."""

from __future__ import annotations

import importlib.util
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import EXIT_AFTER_FRAMES_ENV, _exit_after_frames

REPO = Path(__file__).resolve().parents[1]
BASH = shutil.which("bash")


def _readme_commands() -> list[str]:
    spec = importlib.util.spec_from_file_location(
        "readme_commands", REPO / ".ci" / "readme_commands.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.readme_commands((REPO / "README.md").read_text(encoding="utf-8"))


def _script(path: Path, body: str) -> None:
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


REFUSE = 'echo "error: externally-managed-environment" >&2; exit 1\n'
SYSTEM_PYTHON3 = (
    """\
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
    venv="$(cd "$(dirname "$3")" && pwd)/$(basename "$3")"
    mkdir -p "$venv/bin"
    printf 'VIRTUAL_ENV="%s"; export VIRTUAL_ENV\\nPATH="%s/bin:$PATH"; export PATH\\n' \\
        "$venv" "$venv" > "$venv/bin/activate"
    for tool in pip python last-orbit; do
        printf '#!/bin/sh\\necho "venv %s $*" >> "$LOG"\\n' "$tool" > "$venv/bin/$tool"
        chmod +x "$venv/bin/$tool"
    done
    echo "system python3 $*" >> "$LOG"
    exit 0
fi
if [ "$1" = "-m" ] && [ "$2" = "pip" ]; then
"""
    + REFUSE
    + """fi
echo "system python3 $*" >> "$LOG"
"""
)


@pytest.fixture
def fresh_debian(tmp_path) -> tuple[dict, Path, Path]:
    """(environment, repo folder, log): a PATH whose python3 makes venvs and whose pip refuses."""
    system = tmp_path / "system-bin"
    system.mkdir()
    _script(system / "python3", SYSTEM_PYTHON3)
    for tool in ("pip", "pip3"):
        _script(system / tool, REFUSE)
    for missing in ("python", "last-orbit", "pytest"):
        _script(system / missing, f'echo "{missing}: command not found" >&2; exit 127\n')
    repo = tmp_path / "last-orbit"
    repo.mkdir()
    log = tmp_path / "log"
    log.write_text("")
    path = f"{system}{os.pathsep}{os.path.dirname(BASH)}{os.pathsep}/bin{os.pathsep}/usr/bin"
    env = {"PATH": path, "LOG": str(log), "HOME": str(tmp_path), "PIP_REQUIRE_VIRTUALENV": "1"}
    return env, repo, log


def _run(commands: list[str], env: dict, cwd: Path) -> subprocess.CompletedProcess:
    script = "set -e\n" + "".join(f"{command}\n" for command in commands)
    return subprocess.run(
        [BASH, "-c", script], env=env, cwd=cwd, capture_output=True, text=True, timeout=30
    )


def test_the_readme_has_two_commands_install_and_play_then_test():
    first, second = _readme_commands()
    assert "last-orbit" in first and "pip install ." in first
    assert "pytest" in second and "pip install '.[test]'" in second


@pytest.mark.skipif(BASH is None, reason="needs bash")
def test_both_commands_work_in_one_shell_where_pip_refuses_outside_a_venv(fresh_debian):
    env, repo, log = fresh_debian
    done = _run(_readme_commands(), env, repo)
    assert done.returncode == 0, done.stderr
    ran = [line.strip() for line in log.read_text().splitlines()]
    assert ran[0].startswith("system python3 -m venv")
    assert "venv pip install ." in ran
    assert "venv last-orbit" in ran
    assert "venv pip install .[test]" in ran
    assert ran[-1] == "venv python -m pytest"
    assert (repo / ".venv" / "bin" / "activate").is_file()


@pytest.mark.skipif(BASH is None, reason="needs bash")
def test_the_test_command_also_works_alone_in_a_new_shell(fresh_debian):
    env, repo, log = fresh_debian
    first, second = _readme_commands()
    assert _run([first], env, repo).returncode == 0
    log.write_text("")
    done = _run([second], env, repo)  # a new shell: nothing activated
    assert done.returncode == 0, done.stderr
    assert log.read_text().splitlines()[-1] == "venv python -m pytest"


@pytest.mark.skipif(BASH is None, reason="needs bash")
def test_the_old_command_is_refused_on_such_a_system(fresh_debian):
    """The emulation refuses what Debian 12 refuses, so the tests above could fail."""
    env, repo, _ = fresh_debian
    done = _run(["pip install . && last-orbit"], env, repo)
    assert done.returncode != 0
    assert "externally-managed-environment" in done.stderr


def _title(extra_env: dict) -> subprocess.CompletedProcess:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", **extra_env)
    return subprocess.run(
        [sys.executable, "-m", "game"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_exit_after_frames_makes_the_title_screen_quit(tmp_path):
    done = _title({"LAST_ORBIT_HOME": str(tmp_path), "LAST_ORBIT_EXIT_AFTER_FRAMES": "5"})
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("text", ["soon", "0", "-3", "1.5"])
def test_a_bad_exit_after_frames_is_said_and_ignored(text, monkeypatch, capsys):
    monkeypatch.setenv(EXIT_AFTER_FRAMES_ENV, text)
    assert _exit_after_frames() is None
    assert f"ignoring {EXIT_AFTER_FRAMES_ENV}" in capsys.readouterr().err
