"""`last-orbit replay FILE`: watch a replay in the window. Space pauses, . or Right steps,
[ ] change the speed, R starts it again, Esc quits (game.scenes.watch). Nothing is saved:
watching is not playing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from game.levels import Level
from game.modes.play_level import warn_of_flashes_once
from game.navigation import StraightNavigation
from game.speedrun.replay import Replay

if TYPE_CHECKING:
    from game.app import App
    from game.scenes.base import Scene


class WatchReplay:
    wants_sound = True  # a player watching

    def __init__(self, level: Level, replay: Replay):
        self.level = level
        self.replay = replay

    def begin(self, app: App) -> Scene:
        app.navigation = StraightNavigation(app)
        scene = app.now.watch_replay(self.level, self.replay)
        warn_of_flashes_once(app)
        return scene

    def exit_code(self, app: App) -> int:
        return 0


def watch_replay(replay: Replay, level_path: Path | None = None, **options) -> int:
    """Watch a replay in the window (`last-orbit replay FILE`); `options` as for
    game.app.open_window.

    The level is the one the replay names (shipped or in the user folder), or `level_path`;
    a missing or changed level is reported on stderr with exit code 2."""
    from game.app import open_window
    from game.levels import LevelError
    from game.settings import load_settings
    from game.speedrun.verify import find_level_for

    try:
        level = find_level_for(replay, level_path)
    except (LookupError, LevelError) as exc:
        print(f"last-orbit: {exc}", file=sys.stderr)
        return 2
    if "settings" not in options:
        # The player's bindings and input display (read, never saved: watching is not playing).
        options["settings"], messages = load_settings()
        options.setdefault("notices", messages)
    return open_window(WatchReplay(level, replay), **options)
