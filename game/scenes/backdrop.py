"""What is seen behind a menu.

- `AttractBackdrop`: behind the title, the level select and the settings: a shipped level
  flown by its solution replay, without the HUD, looping (Gordon adrift by the robotic arm,
  over the burning Earth).
  It runs on the app's fixed ticks like any game, so it moves the same at any frame rate.
- `FrozenBackdrop`: behind the settings opened from the pause menu: the frozen game, dimmed.
- `SpaceBackdrop`: a plain gradient, when there is nothing else to show.

A backdrop that fails to build (a broken level, art that cannot be drawn) falls back to the
plain gradient: the menus never depend on it."""

from __future__ import annotations

import sys

import pygame

from game.render import menus, overlay
from game.scenes.base import Still

DEMO_LEVEL = "cut-loose"  # the level flown behind the title: Gordon adrift by the arm


class SpaceBackdrop:
    def update(self, ticks: int) -> None:
        pass

    def draw(self, surface, alpha: float, dt: float) -> None:
        menus.space(surface)


class AttractBackdrop:
    """`shift`: the picture is moved this share of the width to the right, so the astronaut
    flies beside the menus rather than behind them (drawn wider, then cut)."""

    def __init__(self, level=None, shift: float = 0.24, skip_ticks: int = 900):
        self.level = level
        self.shift = shift
        self.skip_ticks = skip_ticks
        self.play = None
        self._inputs: list = []
        self._failed = level is None
        self._fallback = SpaceBackdrop()
        self._wide: pygame.Surface | None = None

    def _build(self, size) -> None:
        from game.render.world_view import WorldView
        from game.scenes.play import PlayScene
        from game.sim import NEUTRAL
        from game.speedrun.shipped_solutions import solution_inputs

        inputs = solution_inputs(self.level) or []
        self._inputs = inputs

        def source(tick: int):
            return inputs[tick] if tick < len(inputs) else NEUTRAL

        view = WorldView(self.level, self._wide_size(size))
        view.show_hud = False
        self.play = PlayScene(self.level, source, view)
        self._skip()

    def _skip(self) -> None:
        """Into the level's most telling part (out in space), without drawing the way there."""
        assert self.play is not None
        if len(self._inputs) > self.skip_ticks * 2:
            self.play.update(self.skip_ticks)
            self.play.view.reset()

    def _wide_size(self, size) -> tuple[int, int]:
        return size[0] + 2 * round(size[0] * self.shift), size[1]

    def _fail(self, exc: Exception) -> None:
        print(f"last-orbit: the title's backdrop cannot be shown: {exc!r}", file=sys.stderr)
        self._failed = True
        self.play = None

    def update(self, ticks: int) -> None:
        play = self.play
        if play is None or ticks <= 0:
            return
        try:
            play.update(ticks)
            world = play.world
            ended = world.status != "running" or (self._inputs and world.tick >= len(self._inputs))
            if play.next is not None or ended or world.tick > 120 * 600:
                play.next = None
                play.restart()  # round again
                self._skip()
        except Exception as exc:  # the backdrop must never take the menus down
            self._fail(exc)

    def draw(self, surface, alpha: float, dt: float) -> None:
        if self._failed:
            self._fallback.draw(surface, alpha, dt)
            return
        try:
            size = surface.get_size()
            if self.play is None:
                self._build(size)
            wide = self._wide_size(size)
            if self._wide is None or self._wide.get_size() != wide:
                self._wide = pygame.Surface(wide).convert(surface)
            self.play.draw(self._wide, alpha, dt)
            surface.blit(self._wide, (0, 0), pygame.Rect(0, 0, *size))
        except Exception as exc:
            self._fail(exc)
            self._fallback.draw(surface, alpha, dt)


class FrozenBackdrop:
    """The game as it was when paused, dimmed, painted once per window size."""

    def __init__(self, play):
        self.play = play
        self.still = Still()

    def update(self, ticks: int) -> None:
        pass

    def draw(self, surface, alpha: float, dt: float) -> None:
        def paint(target) -> None:
            view = self.play.view
            shown, view.show_hud = view.show_hud, False
            try:
                self.play.draw(target, 1.0, 0.0)
            finally:
                view.show_hud = shown
            overlay.dim(target)

        self.still.draw(surface, paint)
