"""Where each hand-off leads: the scenes name their successor with a typed value
(game.scenes.base: StartLevel, RunFinished, NextLevel, LeavePlay, GoTitle...) and the
navigation of the game being played turns it into the next scene.

Two games, two navigations:
    StraightNavigation  started straight into a level, a campaign or a replay
                        (`last-orbit play`, `replay`): leaving it ends the program.
    MenuNavigation      started on the title (`last-orbit`): every way out of a level leads
                        back to the menus, and the menus start levels and the campaign.
Both know the screens reachable from anywhere: settings, controls, pause and results."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from game.bindings import ControlNames
from game.levels import Level, LevelError, load_level
from game.levels.catalog import CatalogEntry, scan_all
from game.paths import shipped_levels_dir, user_levels_dir
from game.render import palette
from game.run_summary import RunSummary
from game.scenes.backdrop import DEMO_LEVEL, AttractBackdrop, FrozenBackdrop, SpaceBackdrop
from game.scenes.base import (
    QUIT,
    GoLevelSelect,
    GoTitle,
    LeavePlay,
    NextLevel,
    OpenControls,
    OpenHistory,
    OpenSettings,
    Quit,
    RunFinished,
    Scene,
    StartCampaign,
    StartLevel,
    StartPractice,
    WatchAttempt,
)
from game.scenes.controls import ControlsScene
from game.scenes.level_select import LevelSelectScene, StartFullRun, rows_for
from game.scenes.notice import NoticeScene
from game.scenes.pause import PauseScene
from game.scenes.play import PauseGame
from game.scenes.results import LEAVE, NEXT_LEVEL, RETRY, ResultChoices, ResultsScene
from game.scenes.settings_menu import SettingsScene
from game.scenes.title import TitleScene
from game.speedrun.campaign import pack_full_runs
from game.speedrun.records import level_content, load_records

if TYPE_CHECKING:
    from game.app import App


class StraightNavigation:
    """A game started straight into a level (or campaign, or replay): pause, results,
    settings and controls; leaving the level quits."""

    returns_to_menus = False  # the pause menu and the results say "Quit"
    leave_label = "Quit"

    def __init__(self, app: App):
        self.app = app
        self.now = app.now
        self.backdrop = self._backdrop()

    def _backdrop(self):
        return SpaceBackdrop()

    def resolve(self, handoff) -> Scene | Quit:
        """The scene a hand-off leads to."""
        if isinstance(handoff, Quit):
            return handoff
        if isinstance(handoff, OpenSettings):
            app = self.app
            return SettingsScene(
                lambda: app.settings,
                app.change_settings,
                handoff.back,
                self._backdrop_behind(handoff.back),
                done=app.save_settings,
            )
        if isinstance(handoff, OpenControls):
            app = self.app
            return ControlsScene(
                app.bindings,
                app.apply_bindings,
                handoff.back,
                self._backdrop_behind(handoff.back),
                pads=lambda: app.device.controller_count,
                done=app.save_settings,
            )
        if isinstance(handoff, PauseGame):
            assert self.now.play is not None
            return PauseScene(self.now.play, to_menus=self.returns_to_menus)
        if isinstance(handoff, RunFinished):
            summary = handoff.summary
            return ResultsScene(summary, self.now.play, self.result_choices(summary))
        if isinstance(handoff, NextLevel):
            return self.next_level()
        if isinstance(handoff, LeavePlay):
            return self.leave_play()
        from game.editor.scene import OpenEditor  # F6; the editor loads only when asked

        if isinstance(handoff, OpenEditor):
            from game.editor.navigation import editor_from_play

            return editor_from_play(self.app, handoff)
        raise TypeError(f"not a scene or a hand-off: {handoff!r}")

    def _backdrop_behind(self, back: Scene):
        if isinstance(back, PauseScene):
            return FrozenBackdrop(back.play)
        return getattr(back, "backdrop", None) or self.backdrop

    # -- after a run ------------------------------------------------------------------------------

    def leave_play(self) -> Scene | Quit:
        return QUIT

    def entry_after(self) -> CatalogEntry | None:
        """The level the results' "Next level" starts, outside a campaign (none here)."""
        return None

    def has_next(self, summary: RunSummary) -> bool:
        if not summary.completed or summary.practice:
            return False
        if self.now.campaign is not None:
            return not self.now.campaign.over
        return self.entry_after() is not None

    def next_level(self) -> Scene | Quit:
        now = self.now
        if now.campaign is not None:
            if now.play is not None and now.play.next_level():
                return now.play
            return self.leave_play()
        entry = self.entry_after()
        if entry is not None:
            return now.start_level(entry)
        return self.leave_play()

    def result_choices(self, summary: RunSummary) -> ResultChoices:
        campaign = self.now.campaign
        if campaign is not None and summary.campaign is not None:
            # A full run: a mission done is never retried; a failed one is (and it counts).
            if campaign.over:
                return ResultChoices(((LEAVE, self.leave_label),), LEAVE)
            if summary.completed:
                buttons = ((NEXT_LEVEL, "Next mission"), (LEAVE, "Quit run"))
                return ResultChoices(buttons, NEXT_LEVEL)
            return ResultChoices(((RETRY, "Retry"), (LEAVE, "Quit run")), RETRY)
        buttons = [(RETRY, "Retry"), (LEAVE, self.leave_label)]
        if self.has_next(summary):
            return ResultChoices(((NEXT_LEVEL, "Next level"), *buttons), NEXT_LEVEL)
        retry_first = not summary.completed and (
            self.returns_to_menus or self.now.campaign is not None
        )
        return ResultChoices(tuple(buttons), RETRY if retry_first else LEAVE)


class MenuNavigation(StraightNavigation):
    """The game started on the title: the menus start levels and the campaign, and leaving a
    level goes back to the level select."""

    returns_to_menus = True
    leave_label = "Level select"

    def __init__(self, app: App):
        super().__init__(app)
        self._entries: list[CatalogEntry] | None = None

    def _backdrop(self):
        return AttractBackdrop(_demo_level())

    def first_scene(self) -> Scene:
        """The title; the very first time, the photosensitivity notice before it."""
        if self.app.settings.seen_photosensitivity_notice:
            return self.title()
        return NoticeScene(self.backdrop, self._photosensitivity)

    def resolve(self, handoff) -> Scene | Quit:
        if isinstance(handoff, GoTitle):
            return self.title()
        if isinstance(handoff, GoLevelSelect):
            return self.level_select(handoff.focus)
        if isinstance(handoff, (OpenHistory, WatchAttempt, StartPractice)):
            return self._history_way(handoff)
        if isinstance(handoff, (StartLevel, StartCampaign, StartFullRun)):
            try:
                if isinstance(handoff, StartLevel):
                    return self.now.start_level(handoff.entry)
                if isinstance(handoff, StartFullRun):
                    return self.start_full_run(handoff.entries, handoff.pack)
                return self.start_campaign()
            except Exception as exc:  # a level that loads but cannot be built: not a crash
                traceback.print_exc()
                name = handoff.entry.name if isinstance(handoff, StartLevel) else "the full run"
                self.app.notices.add(f"{name} could not be started: {exc!r}", palette.BAD, 10.0)
                self.now.forget_failed_start()
                return self.app.scene
        return super().resolve(handoff)

    def title(self) -> Scene:
        return TitleScene(self.backdrop)

    def catalog(self, rescan: bool = False) -> list[CatalogEntry]:
        if self._entries is None or rescan:
            self._entries = scan_all()
        return self._entries

    def level_select(self, focus: str | None) -> Scene:
        entries = self.catalog(rescan=True)
        rows, messages = rows_for(entries, load_records)
        full_runs, more = pack_full_runs(entries)
        for message in messages + more:
            self.app.notices.add(message, palette.WARN)
        return LevelSelectScene(
            rows,
            self.backdrop,
            focus,
            user_levels_dir(),
            full_runs,
            ControlNames.of(self.app.device),
        )

    def _history_way(self, handoff) -> Scene:
        """The attempt history, an attempt watched from it, or a practice started from it;
        anything that cannot be done is said, and the screen stays."""
        from game.scenes.history import HistoryScene, practice_choices
        from game.speedrun.attempts import attempt_history, load_pb_replay, replays_key
        from game.speedrun.practice import PracticeError, practice_start
        from game.speedrun.replay import ReplayError, load

        entry = handoff.entry
        level = entry.level
        if level is None:
            return self.app.scene
        if isinstance(handoff, OpenHistory):
            self.now.stop()  # an attempt watched from here is over
            rec, _ = load_records(level.info.id, level_content(level))
            pb, note = load_pb_replay(level, rec)
            history = attempt_history(level.info.id, rec.pb_replay, key=replays_key(level))
            choices = practice_choices(level, pb)
            return HistoryScene(entry, history, self.backdrop, choices, note, handoff.focus)
        if isinstance(handoff, WatchAttempt):
            try:
                replay = load(handoff.path)
            except ReplayError as exc:
                self.app.notices.add(f"That replay cannot be watched: {exc}", palette.BAD)
                return self.app.scene
            if replay.level_sha256 != level.sha256:
                self.app.notices.add(
                    "That attempt was on another version of this level: it cannot be watched "
                    "on this one.",
                    palette.WARN,
                )
                return self.app.scene
            scene = self.now.watch_replay(level, replay)
            scene.back = OpenHistory(entry, handoff.path.name)
            return scene
        pb, note = load_pb_replay(level)
        try:
            if pb is None:
                raise PracticeError(note or "no PB replay")
            start = practice_start(level, pb, handoff.index)
        except PracticeError as exc:
            self.app.notices.add(f"Cannot practise from that split: {exc}", palette.WARN, 8.0)
            return self.app.scene
        play = self.now.start_level(entry)
        play.practise(start)
        return play

    def start_campaign(self) -> Scene:
        """The title's Campaign: a full run of the shipped pack."""
        entries = [e for e in self.catalog() if e.path.parent == _campaign_dir()]
        if not any(e.valid for e in entries):
            self.app.notices.add(
                "No campaign level could be loaded: see Level select.", palette.BAD
            )
            return self.app.scene
        return self.start_full_run(tuple(entries), entries[0].pack)

    def start_full_run(self, entries: tuple[CatalogEntry, ...], pack: str) -> Scene:
        """A full run of a pack's levels in order (a broken level is left out, and said)."""
        levels = [e.level for e in entries if e.valid]
        for entry in entries:
            if not entry.valid and not entry.is_pack_file:
                self.app.notices.add(
                    f"{entry.name} is broken: left out of the full run", palette.WARN
                )
        if not levels:
            self.app.notices.add(f"No level of {pack} could be loaded.", palette.BAD)
            return self.app.scene
        speedrun = self.now.speedrun
        keep = speedrun.keep_runs if speedrun else False
        return self.now.start_campaign(levels, keep, pack=pack)

    def leave_play(self) -> Scene | Quit:
        now = self.now
        focus = now.play.level.info.id if now.play is not None else None
        if now.entry is not None and now.play is not None:
            focus = now.entry.id  # a pack level's `pack/id`, which the list shows
        now.stop()
        return self.level_select(focus)

    def entry_after(self) -> CatalogEntry | None:
        """The next playable level of the same pack as the one being played."""
        current = self.now.entry
        if current is None:
            return None
        entries = self.catalog()
        paths = [e.path for e in entries]
        if current.path not in paths:
            return None
        for entry in entries[paths.index(current.path) + 1 :]:
            if entry.pack != current.pack:
                return None
            if entry.valid:
                return entry
        return None

    def _photosensitivity(self, reduce: bool) -> None:
        self.app.change_settings(reduced_flashing=reduce, seen_photosensitivity_notice=True)
        self.app.save_settings()


def _demo_level() -> Level | None:
    """The level flown behind the title, or None if it cannot be loaded."""
    try:
        return load_level(shipped_levels_dir() / f"{DEMO_LEVEL}.toml")
    except (LevelError, OSError) as exc:
        print(f"last-orbit: no title backdrop: {exc}", file=sys.stderr)
        return None


def _campaign_dir() -> Path:
    return shipped_levels_dir()
