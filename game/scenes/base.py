"""The scene protocol and the typed values scenes hand to each other."""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from game.speedrun.campaign import CampaignLine


@dataclass(frozen=True)
class Quit:
    """Hand-off meaning: leave the game loop."""


QUIT = Quit()


class Scene:
    """One screen of the game. The app calls, each frame: `handle` for every event, `update`
    with the number of fixed ticks due, then `draw`. Setting `next` hands over to another scene (or
    QUIT); the app then calls `exit` on this one and `enter` on the next."""

    name = "scene"

    def __init__(self) -> None:
        self.next: Scene | Quit | None = None

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


@dataclass(frozen=True)
class RunSummary:
    """What a finished run hands to the results screen."""

    level_name: str
    completed: bool
    fail_reason: str | None  # a human message, for a failed run
    run_ticks: int
    splits: list[tuple[str, int]] = field(default_factory=list)  # (objective label, ticks)
    par_seconds: float = 0.0
    assisted: bool = False  # slower game speed or infinite O2: never a PB
    medal: str | None = None  # gold, silver, bronze (game.speedrun.medals) or None
    # Against the records (all empty when records are not kept, e.g. a replay being watched):
    records_kept: bool = False
    new_pb: bool = False
    pb_ticks: int | None = None  # the PB before this run
    split_deltas: tuple[int | None, ...] = ()  # each split against the PB's
    gold: tuple[bool, ...] = ()  # each segment: a best segment ever?
    sum_of_best: int | None = None
    replay_name: str | None = None  # the file the run was saved as
    campaign: CampaignLine | None = None


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
