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


@pytest.fixture
def generous_render_budgets(monkeypatch):
    """The renderer makes sprites ahead within wall-clock budgets; a test of *what* it makes
    ahead (not how fast) gets 10x the time, so a loaded machine doesn't change the plan."""
    from game.render import sprites, world_view

    for module, name in (
        (world_view, "SPRITE_PREWARM_BUDGET_S"),
        (sprites, "WARM_BUDGET_S"),
        (sprites, "SWEEP_BUDGET_S"),
        (sprites, "BASES_BUDGET_S"),
    ):
        monkeypatch.setattr(module, name, getattr(module, name) * 10)
