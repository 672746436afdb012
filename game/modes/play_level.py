"""`last-orbit play LEVEL`: one level, straight away; leaving it ends the program.

A level given as a path is watched (game.hot_reload): F5 reloads it, a save is picked up
within half a second and on R; a broken file opens the window on its problems (printed on
stderr too) and waits for a fix."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from game.hot_reload import LevelWatch
from game.levels import Level, load_level
from game.navigation import StraightNavigation
from game.render import palette
from game.scenes.level_error import LevelErrorScene
from game.scenes.play import NO_ASSIST
from game.speedrun.replay import Assist
from game.speedrun.session import SpeedrunOptions

if TYPE_CHECKING:
    from game.app import App
    from game.scenes.base import Scene

PHOTOSENSITIVITY_LINE = (
    "Photosensitivity: the burning Earth below flashes. Pause (Esc) > Settings > "
    "Reduce flashing softens every flash."
)


class PlayLevel:
    wants_sound = False  # unless it is a player's game (saved settings): benches measure frames

    def __init__(
        self,
        level: Level | str | Path | None,
        *,
        watch: bool | None = None,
        speedrun: SpeedrunOptions | None = None,
        assist: Assist = NO_ASSIST,
    ):
        """watch: follow the level file's edits (default: when `level` is a path). A path
        not watched is loaded now: a broken file raises LevelError before any window opens."""
        self.speedrun = speedrun
        self.assist = assist
        self.watch: LevelWatch | None = None
        if level is None or isinstance(level, Level):
            if watch and level is not None and Path(level.source).is_file():
                self.watch = LevelWatch(level.source, level)
        else:
            if watch is False:
                level = load_level(level)
            else:
                self.watch = LevelWatch.open(level)
                level = self.watch.level
                if self.watch.problems:
                    print(f"last-orbit: {self.watch.name} has problems:", file=sys.stderr)
                    for problem in self.watch.problems:
                        print(problem, file=sys.stderr)
        self.level: Level | None = level  # None: the file is broken (for now)

    def begin(self, app: App) -> Scene:
        now = app.now
        now.assist = self.assist
        now.keep_records(self.speedrun, now=True)
        app.navigation = StraightNavigation(app)
        now.watch_file(self.watch)
        first = now.make_play(self.level) if self.level is not None else LevelErrorScene()
        warn_of_flashes_once(app)
        return first

    def exit_code(self, app: App) -> int:
        """1 when the level file was still broken when the window closed and no version of
        it was ever played."""
        return 1 if app.now.problems and app.now.play is None else 0


def warn_of_flashes_once(app: App) -> None:
    """Straight into a level on the very first start: the notice the title would show, as a
    message (the title still shows it in full, once)."""
    if app.persist_settings and not app.settings.seen_photosensitivity_notice:
        app.notices.add(PHOTOSENSITIVITY_LINE, palette.WARN, 12.0)
