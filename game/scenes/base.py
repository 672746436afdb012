"""The scene protocol and the typed values scenes hand to each other.

A scene names its successor by setting `next`: either a scene object it already holds (the
pause menu going back to the game it froze), or a hand-off value below, which the navigation
of the game being played (game.navigation) turns into the next scene. Scenes never build each
other's neighbours: the title does not know how a level is loaded, the results do not know
whether "leave" means the level select or the shell."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.run_summary import RunSummary

if TYPE_CHECKING:
    from game.levels.catalog import CatalogEntry


@dataclass(frozen=True)
class Quit:
    """Hand-off: leave the game loop (and the program)."""


QUIT = Quit()


@dataclass(frozen=True)
class GoTitle:
    """Hand-off: the title screen."""


@dataclass(frozen=True)
class GoLevelSelect:
    """Hand-off: the level select, with this level (id) chosen if it is listed."""

    focus: str | None = None


@dataclass(frozen=True)
class StartLevel:
    """Hand-off: play this level from the catalogue (its pack gives the next level)."""

    entry: CatalogEntry


@dataclass(frozen=True)
class StartCampaign:
    """Hand-off: play the shipped campaign from its first level as one full run."""


@dataclass(frozen=True)
class OpenHistory:
    """Hand-off: the attempt history of this level, with the attempt (file name) `focus`
    chosen if it is listed."""

    entry: CatalogEntry
    focus: str | None = None


@dataclass(frozen=True)
class WatchAttempt:
    """Hand-off from the history: watch this attempt's replay (its file); Esc comes back."""

    entry: CatalogEntry
    path: Path


@dataclass(frozen=True)
class StartPractice:
    """Hand-off from the history: play the level from the end of split `index` (0-based) of
    its PB, re-simulated (game.speedrun.practice)."""

    entry: CatalogEntry
    index: int


@dataclass(frozen=True)
class OpenSettings:
    """Hand-off: the settings screen; its Back returns to `back`."""

    back: Scene


@dataclass(frozen=True)
class OpenControls:
    """Hand-off: the controls (rebinding) screen; its Back returns to `back`."""

    back: Scene


@dataclass(frozen=True)
class RunFinished:
    """Hand-off from the play scene: a run ended (completed or failed); show the results."""

    summary: RunSummary


@dataclass(frozen=True)
class NextLevel:
    """Hand-off from the results: go on to the next level (of the campaign, or of the pack)."""


@dataclass(frozen=True)
class ResultChosen:
    """Hand-off from the results: a button the navigation added (its id), for the navigation
    to carry out (the editor's "Keep as author replay")."""

    id: str


@dataclass(frozen=True)
class LeavePlay:
    """Hand-off from the pause menu or the results: stop playing. From the menus this goes
    back to them; a game started straight into a level (`last-orbit play`) quits."""


Handoff = (
    Quit
    | GoTitle
    | GoLevelSelect
    | StartLevel
    | StartCampaign
    | OpenHistory
    | WatchAttempt
    | StartPractice
    | OpenSettings
    | OpenControls
    | RunFinished
    | NextLevel
    | LeavePlay
)


class Scene:
    """One screen of the game. The app calls, each frame: `handle` for every event, `update`
    with the number of fixed ticks due, then `draw`. Setting `next` hands over to another scene (or
    QUIT); the app then calls `exit` on this one and `enter` on the next."""

    name = "scene"
    # True while the scene wants every key itself (waiting for a key to bind): the app's
    # window-wide keys (F3, F5, H, F11) are not taken then.
    captures_keys = False
    # Menus get key repeat (held arrows move on); play does not (a held R restarts once).
    is_menu = False

    def __init__(self) -> None:
        self.next: Scene | Handoff | None = None

    @property
    def time_scale(self) -> float:
        """Game seconds per wall-clock second while this scene is shown (0: frozen)."""
        return 1.0

    def enter(self) -> None:
        self.next = None

    def exit(self) -> None:
        pass

    def handle(self, event: pygame.event.Event, actions: list[str]) -> None:
        pass

    def update(self, ticks: int) -> None:
        pass

    def draw(self, surface: pygame.Surface, alpha: float, dt: float) -> None:
        pass


class Still:
    """A picture painted once per window size and blitted every frame: the frozen game under
    the pause menu or the results, which do not change while they are shown."""

    def __init__(self) -> None:
        self._picture: pygame.Surface | None = None

    def draw(self, surface: pygame.Surface, paint) -> None:
        if self._picture is None or self._picture.get_size() != surface.get_size():
            paint(surface)
            self._picture = surface.copy()
        else:
            surface.blit(self._picture, (0, 0))

    def invalidate(self) -> None:
        self._picture = None
