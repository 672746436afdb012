"""`last-orbit play --campaign` (or `--pack DIR`): a full run of the levels given, in order,
one time for the whole run (game.speedrun.campaign); leaving it ends the run and the program."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.levels import Level
from game.modes.play_level import warn_of_flashes_once
from game.navigation import StraightNavigation
from game.scenes.play import NO_ASSIST
from game.speedrun.replay import Assist
from game.speedrun.session import SpeedrunOptions

if TYPE_CHECKING:
    from game.app import App
    from game.scenes.base import Scene


class PlayCampaign:
    wants_sound = False  # unless it is a player's game (saved settings)

    def __init__(
        self,
        levels: list[Level],
        *,
        speedrun: SpeedrunOptions | None = None,
        assist: Assist = NO_ASSIST,
        pack: str | None = None,  # the pack's title (None: said by the levels)
    ):
        self.levels = levels
        self.pack = pack
        self.speedrun = speedrun
        self.assist = assist

    def begin(self, app: App) -> Scene:
        now = app.now
        now.assist = self.assist
        now.keep_records(self.speedrun, now=True)
        app.navigation = StraightNavigation(app)
        keep = self.speedrun is not None and self.speedrun.keep_runs
        first = now.start_campaign(self.levels, keep_records=keep, pack=self.pack)
        warn_of_flashes_once(app)
        return first

    def exit_code(self, app: App) -> int:
        return 0
