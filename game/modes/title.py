"""`last-orbit`: the title screen and the menus, as a player starts the game. The very first
time the photosensitivity notice comes before the title. Records are kept as the settings say
(or as `speedrun` says, until the player changes that setting)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.navigation import MenuNavigation
from game.scenes.play import NO_ASSIST
from game.speedrun.replay import Assist
from game.speedrun.session import SpeedrunOptions

if TYPE_CHECKING:
    from game.app import App
    from game.scenes.base import Scene


class Title:
    wants_sound = True

    def __init__(self, speedrun: SpeedrunOptions | None = None, assist: Assist = NO_ASSIST):
        self.speedrun = speedrun
        self.assist = assist

    def begin(self, app: App) -> Scene:
        now = app.now
        now.assist = self.assist
        now.keep_records(self.speedrun or now.options_from(app.settings))
        navigation = MenuNavigation(app)
        app.navigation = navigation
        return navigation.first_scene()

    def exit_code(self, app: App) -> int:
        return 0
