"""Every test runs headless and keeps the player's real data folder out of reach."""

import os

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


@pytest.fixture(autouse=True)
def _user_home(tmp_path, monkeypatch):
    home = tmp_path / "last-orbit-home"
    monkeypatch.setenv("LAST_ORBIT_HOME", str(home))
    return home
