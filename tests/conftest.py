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


@pytest.fixture(autouse=True)
def _no_frame_limit_from_outside(monkeypatch):
    """.ci/run exports LAST_ORBIT_EXIT_AFTER_FRAMES for the README's `last-orbit`; tests choose
    their own frame counts."""
    monkeypatch.delenv("LAST_ORBIT_EXIT_AFTER_FRAMES", raising=False)


@pytest.fixture(scope="module")
def small_display():
    """A pygame session with a small display for a module's drawing tests; fonts cached by an
    earlier module's session are gone, so they are forgotten first."""
    import pygame

    from game.render import text

    pygame.init()
    pygame.display.set_mode((64, 64))
    text.forget()
    yield
    pygame.quit()
