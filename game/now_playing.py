"""The level on screen and what belongs to it: its play scene and world view, the file watched
for edits (F5, saves), the records session, the campaign it is part of, and the assists.

The window loop (game.app) owns one; the starters (game/modes/) give it its first level and
the navigation (game.navigation) starts, switches and leaves levels through it."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from game.bindings import ControlNames
from game.hot_reload import LevelWatch, Reload
from game.input import DEBUG, EDIT, GHOST, RELOAD, RESTART
from game.levels import Level, Problem
from game.levels.catalog import CatalogEntry
from game.render import palette
from game.render.input_display import InputDisplay
from game.render.world_view import WorldView
from game.scenes.play import NO_ASSIST, PlayScene
from game.scenes.watch import WatchScene
from game.settings import Settings
from game.sim import RUNNING, state_hash
from game.speedrun.campaign import Campaign
from game.speedrun.livesplit import parse_address
from game.speedrun.replay import Assist, Replay
from game.speedrun.session import SpeedrunOptions, SpeedrunSession

if TYPE_CHECKING:
    from game.app import App
    from game.run_stats import RunStats
    from game.scenes.base import Scene


class NowPlaying:
    """The level being played in the window, if any, and everything that goes with it."""

    def __init__(self, app: App, assist: Assist = NO_ASSIST):
        self.app = app
        self.assist = assist
        self.play: PlayScene | None = None
        self.view: WorldView | None = None
        self.watch: LevelWatch | None = None
        self.problems: tuple[Problem, ...] = ()
        self.campaign: Campaign | None = None
        self.entry: CatalogEntry | None = None  # the catalogue entry being played (menus)
        # Records, PBs, the ghost, LiveSplit: None keeps nothing (benchmarks, screenshots).
        self.speedrun: SpeedrunOptions | None = None
        self.session: SpeedrunSession | None = None

    @property
    def level(self) -> Level | None:
        return self.play.level if self.play is not None else None

    # -- levels -----------------------------------------------------------------------------------

    def watch_file(self, watch: LevelWatch | None) -> None:
        """Follow edits of this level file (its problems, if it is broken now, are shown)."""
        self.watch = watch
        self.problems = watch.problems if watch is not None else ()

    def world_view(self, level: Level) -> WorldView:
        app = self.app
        view = WorldView(level, app.screen.get_size(), app.device.keys)
        # Prompts name the bindings, and the gamepad's buttons when it was used last.
        view.hud.names = ControlNames.of(app.device)
        if app.settings.input_display:
            view.input_display = InputDisplay(app.screen.get_size())
        return view

    def make_play(self, level: Level) -> PlayScene:
        self._ensure_session()
        self.view = self.world_view(level)
        self.play = PlayScene(
            level,
            self.app.input_source or self.app.device,
            self.view,
            self.assist,
            self.session,
            self.campaign,
        )
        if self.session is not None:
            self.session.full_run = self.campaign  # LiveSplit follows the whole run
        return self.play

    def watch_replay(self, level: Level, replay: Replay) -> WatchScene:
        self.view = self.world_view(level)
        self.play = WatchScene(level, replay, self.view)
        return self.play

    def start_level(self, entry: CatalogEntry) -> PlayScene:
        """Play a level of the catalogue, watching its file (F5 and saved edits, as in `play`)."""
        assert entry.level is not None
        self.leave()
        self.entry = entry
        self.campaign = None
        self.watch_file(LevelWatch(entry.path, entry.level))
        return self.make_play(entry.level)

    def start_campaign(
        self, levels: list[Level], keep_records: bool, pack: str | None = None
    ) -> PlayScene:
        """A full run of these levels (a pack's, in order) from the first one's start."""
        self.leave()
        self.entry = None
        self.watch_file(None)
        self.campaign = Campaign(levels, keep_records=keep_records, pack=pack)
        self._campaign_messages()
        return self.make_play(self.campaign.level)

    def leave(self) -> None:
        """The player leaves the level: a run in progress is thrown away; a full run being
        played ends as quit (its attempt so far counts, and the run is kept)."""
        if self.play is not None:
            self.play.leave()
        self._quit_full_run()

    def _quit_full_run(self) -> None:
        campaign, play = self.campaign, self.play
        if campaign is None or play is None or campaign.over:
            return
        if play.world.status == RUNNING:
            campaign.attempt_ended(play.recorder.finish(play.world), quit=True)
        else:  # between attempts (a results screen)
            campaign.quit(play.assist)
        if self.session is not None:
            self.session.full_run_quit()
        self._campaign_messages()

    def stop(self) -> None:
        """Leave the level and forget its file and campaign (back to the menus)."""
        self.leave()
        self.watch_file(None)
        self.campaign = None

    def forget_failed_start(self) -> None:
        """A level that could not be started: nothing of it stays."""
        self.campaign = None
        self.watch_file(None)

    def apply(self, change: Reload) -> None:
        """A new version of the level file: play it from its start; or show its problems."""
        name = self.watch.name if self.watch is not None else "level"
        if not change.ok:
            self.problems = change.problems
            print(f"last-orbit: {name} has problems:", file=sys.stderr)
            for problem in change.problems:
                print(problem, file=sys.stderr)
            return
        assert change.level is not None
        previous = self.play.level if self.play is not None else None
        try:
            if self.play is None:
                self.make_play(change.level)
            else:
                self.play.use_level(change.level)
        except Exception as exc:  # a level that loads must not end the game
            self.problems = (Problem(name, f"the game could not start this version: {exc!r}"),)
            print(f"last-orbit: {name}: {self.problems[0].message}", file=sys.stderr)
            if self.play is not None and previous is not None:
                self.play.use_level(previous)
            return
        self.problems = ()
        self.app.stats.reloads += 1
        self.app.notices.add(f"Reloaded {name}", palette.GOOD, 2.5)
        assert self.play is not None
        self.app.go_to(self.play)

    def poll(self, elapsed: float) -> None:
        """Pick up a saved edit of the level file (checked twice a second)."""
        if self.watch is not None:
            change = self.watch.poll(elapsed)
            if change is not None:
                self.apply(change)

    def take_messages(self) -> None:
        """What the records session and the campaign have to say, as notices."""
        if self.session is not None:
            for message in self.session.notices():
                self.app.notices.add(message, palette.WARN)
        self._campaign_messages()

    def _campaign_messages(self) -> None:
        if self.campaign is not None and self.campaign.messages:
            for message in self.campaign.messages:
                self.app.notices.add(message, palette.WARN)
            self.campaign.messages.clear()

    def on_screen(self, scene: Scene) -> bool:
        """The level is on screen: played, or its pause menu or results over it."""
        play = self.play
        return play is not None and (scene is play or getattr(scene, "play", None) is play)

    # -- keys -------------------------------------------------------------------------------------

    def take_level_key(self, actions: list[str], scene: Scene) -> bool:
        """The level's keys that work over any of its screens: F3 the debug overlay, F5
        reloads the file, H the ghost, and R picks up a saved edit at once (without waiting
        for the next poll). True when the key was taken."""
        in_game = self.on_screen(scene)
        play = self.play
        # With no level yet (a broken file, waiting for a fix) F3 is taken too: not a
        # screen's key.
        if DEBUG in actions and (in_game or play is None and self.watch is not None):
            self.toggle_debug(scene)
        elif RELOAD in actions and self.watch is not None:
            self.apply(self.watch.reload())
        elif EDIT in actions and in_game and play is not None:
            self.open_editor(scene)
        elif GHOST in actions and in_game and play is not None and play.session is not None:
            self.toggle_ghost()
        elif RESTART in actions and in_game and self.watch is not None:
            change = self.watch.check()
            if change is None:
                return False
            self.apply(change)
            return change.ok  # restarted on the new version; else R restarts as usual
        else:
            return False
        return True

    def open_editor(self, scene: Scene) -> None:
        """F6: the level editor on the file of the level being played (the watched file, or
        the file a playtest came from)."""
        from game.editor.scene import OpenEditor

        play = self.play
        assert play is not None
        path = self.watch.path if self.watch is not None else Path(play.level.source)
        if not path.is_file():
            self.app.notices.add("This level has no file to edit", palette.WARN, 3.0)
            return
        scene.next = OpenEditor(path)

    def toggle_debug(self, scene: Scene) -> None:
        if self.view is None:
            return
        self.view.debug = not self.view.debug
        still = getattr(scene, "still", None)
        if still is not None:
            still.invalidate()

    def toggle_ghost(self) -> None:
        play = self.play
        assert play is not None
        play.show_ghost = not play.show_ghost
        state = "shown" if play.show_ghost else "hidden"
        if play.ghost is None and play.show_ghost:
            state += " (no PB replay of this version of the level yet)"
        self.app.notices.add(f"Ghost {state}", palette.TEXT, 2.5)

    # -- settings and records -------------------------------------------------------------------

    def settings_changed(self, old: Settings, new: Settings) -> None:
        """Assists apply from the next run; ghost, failed runs, LiveSplit and the input
        display at once."""
        if old.input_display != new.input_display and self.view is not None:
            shown = InputDisplay(self.view.size) if new.input_display else None
            self.view.input_display = shown
        if (old.assist_speed, old.infinite_o2) != (new.assist_speed, new.infinite_o2):
            self.assist = Assist(new.assist_speed, new.infinite_o2)
            if self.play is not None:
                self.play.set_assist(self.assist)
        if self.speedrun is not None:
            options = self._options_after(self.speedrun, old, new)
            if options != self.speedrun:
                self.speedrun = options
                if self.play is not None:
                    self.play.show_ghost = options.ghost
                if self.session is not None:
                    self._replace_session(options)

    def options_from(self, settings: Settings) -> SpeedrunOptions:
        """Records kept as the settings say (a game started from the menus)."""
        return SpeedrunOptions(
            keep_runs=True,
            save_failed=settings.save_failed_runs,
            ghost=settings.ghost,
            livesplit=self._livesplit(settings),
        )

    def _options_after(
        self, options: SpeedrunOptions, old: Settings, new: Settings
    ) -> SpeedrunOptions:
        """The options with the settings that changed (flags given on the command line hold
        until the player changes that setting)."""
        changes: dict = {}
        if old.ghost != new.ghost:
            changes["ghost"] = new.ghost
        if old.save_failed_runs != new.save_failed_runs:
            changes["save_failed"] = new.save_failed_runs
        if (old.livesplit, old.livesplit_address) != (new.livesplit, new.livesplit_address):
            changes["livesplit"] = self._livesplit(new)
        return replace(options, **changes) if changes else options

    def _livesplit(self, settings: Settings) -> tuple[str, int] | None:
        if not settings.livesplit:
            return None
        try:
            return parse_address(settings.livesplit_address)
        except ValueError as exc:
            self.app.notices.add(f"LiveSplit is off: {exc}", palette.WARN)
            return None

    def keep_records(self, options: SpeedrunOptions | None, *, now: bool = False) -> None:
        """Keep records with these options (None: keep none): from the first level started,
        or, `now`, from the start of the game (a game started straight into a level)."""
        self.speedrun = options
        if now and options is not None:
            self.session = SpeedrunSession(options)

    def _ensure_session(self) -> None:
        if self.speedrun is None:
            return
        if self.session is None:
            self.session = SpeedrunSession(self.speedrun)
        elif self.session.options != self.speedrun:
            self._replace_session(self.speedrun)

    def _replace_session(self, options: SpeedrunOptions) -> None:
        old = self.session
        session = SpeedrunSession(options)
        if self.play is not None and self.play.session is old:
            session.use_level(self.play.level)
            self.play.session = session
        if old is not None:
            session.take_full_run_from(old)
        session.full_run = self.campaign
        if old is not None:
            for message in old.notices():
                self.app.notices.add(message, palette.WARN)
            old.close()
        self.session = session

    def finish_stats(self, stats: RunStats) -> None:
        if self.play is None:
            return
        world = self.play.world
        stats.restarts = self.play.restarts
        stats.world_tick = world.tick
        stats.world_status = world.status
        stats.run_ticks = world.run_ticks
        stats.state_hash = state_hash(world)

    def close(self) -> None:
        """The window closes: a full run being played ends as quit; a run being played is
        kept as a reset attempt."""
        if self.play is not None:
            self.play.keep_thrown_away()
        self._quit_full_run()
        if self.session is not None:
            self.session.close()
