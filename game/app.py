"""The game window: events -> input -> fixed ticks -> drawing with interpolation.

    run()                           # the title screen and the menus (`last-orbit`)
    run(level)                      # play a level (a Level, or the path of a level file)
    run(path, speedrun=SpeedrunOptions())  # ... keeping replays, PBs, the ghost, LiveSplit
    run(campaign=[level, ...])      # every level in order, times summed
    watch_replay(replay)            # watch a replay: pause, step, speed

One FixedStepClock owns time: each frame the wall time since the last one becomes a whole
number of 1/120 s ticks (at most 8 at normal speed; a longer stall is dropped, not caught up),
the scene runs them, and the frame is drawn between the last two ticks' states.

A level played from a file is watched (game.hot_reload): F5 reloads it, a save is picked up
within half a second and on R; a broken edit lists its problems over the game and never
stops it. F3 shows the debug overlay, H the PB ghost, F11 switches fullscreen anywhere.

The scenes form a small state machine (game/scenes/): each names its successor with a typed
hand-off (StartLevel(entry), RunFinished(summary), LeavePlay(), ...) and the App resolves it.
Settings changed in the menus are used at once and saved when the settings screen is left."""

from __future__ import annotations

import math
import os
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
if sys.platform.startswith("linux"):
    # Present the window through X11/Wayland shared memory, not an OpenGL texture: loading the
    # GL driver costs about 100 MB of memory and, measured under Xvfb, makes a 1280x720 flip
    # 2.6 ms instead of 0.3 ms. A player can still set SDL_FRAMEBUFFER_ACCELERATION=1.
    os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
import pygame  # noqa: E402

from game.audio import Audio  # noqa: E402
from game.bindings import Bindings, ControlNames  # noqa: E402
from game.clock import FixedStepClock  # noqa: E402
from game.held_keys import HELD_OVER, REPEAT, HeldKeys  # noqa: E402
from game.hot_reload import LevelWatch, Reload  # noqa: E402
from game.input import (  # noqa: E402
    DEBUG,
    GHOST,
    NAV_DOWN,
    NAV_LEFT,
    NAV_RIGHT,
    NAV_UP,
    RELOAD,
    RESTART,
    DeviceInput,
    InputSource,
    MenuNavigator,
    menu_action,
)
from game.levels import Level, LevelError, Problem, load_level  # noqa: E402
from game.levels.catalog import CatalogEntry, scan_all  # noqa: E402
from game.paths import shipped_levels_dir, user_levels_dir  # noqa: E402
from game.render import overlay, palette, text  # noqa: E402
from game.render.world_view import WorldView  # noqa: E402
from game.run_stats import RunStats  # noqa: E402
from game.run_summary import RunSummary  # noqa: E402
from game.scenes.backdrop import (  # noqa: E402
    DEMO_LEVEL,
    AttractBackdrop,
    FrozenBackdrop,
    SpaceBackdrop,
)
from game.scenes.base import (  # noqa: E402
    QUIT,
    GoLevelSelect,
    GoTitle,
    LeavePlay,
    NextLevel,
    OpenControls,
    OpenSettings,
    Quit,
    RunFinished,
    Scene,
    StartCampaign,
    StartLevel,
)
from game.scenes.controls import ControlsScene  # noqa: E402
from game.scenes.level_error import LevelErrorScene  # noqa: E402
from game.scenes.level_select import LevelSelectScene, rows_for  # noqa: E402
from game.scenes.notice import NoticeScene  # noqa: E402
from game.scenes.pause import PauseScene  # noqa: E402
from game.scenes.play import NO_ASSIST, PauseGame, PlayScene  # noqa: E402
from game.scenes.results import LEAVE, NEXT_LEVEL, RETRY, ResultChoices, ResultsScene  # noqa: E402
from game.scenes.settings_menu import SettingsScene  # noqa: E402
from game.scenes.title import TitleScene  # noqa: E402
from game.scenes.watch import WatchScene  # noqa: E402
from game.settings import Settings, save_settings  # noqa: E402
from game.sim import state_hash  # noqa: E402
from game.speedrun.campaign import Campaign  # noqa: E402
from game.speedrun.livesplit import parse_address  # noqa: E402
from game.speedrun.records import load_records  # noqa: E402
from game.speedrun.replay import Assist, Replay  # noqa: E402
from game.speedrun.session import SpeedrunOptions, SpeedrunSession  # noqa: E402
from game.window import Window  # noqa: E402

TITLE = "Last Orbit"
WINDOW_SIZE = (1280, 720)
MAX_TICKS_PER_FRAME = 8
KEY_REPEAT_DELAY_MS, KEY_REPEAT_MS = 320, 55  # held keys in menus
MAX_FRAME_DT = 0.1  # seconds of animation (camera, particles) a single frame may advance
FALLBACK_FPS = 60


class App:
    """The open window and its scenes: the state machine that turns each scene's hand-off
    (game.scenes.base) into the next scene. `run()` is the way in; tests may drive it too.

    With `menus` the game starts on the title (or, the very first time, the photosensitivity
    notice) and every way out of a level leads back to the menus; without, it plays the level
    (or campaign, or replay) it was given and leaving it ends the program."""

    def __init__(
        self,
        level: Level | None,
        *,
        input_source: InputSource | None = None,
        window_size: tuple[int, int] | None = None,
        frame_dt: float | None = None,
        max_fps: float | None = None,
        stats: RunStats | None = None,
        assist: Assist = NO_ASSIST,
        watch: LevelWatch | None = None,
        session: SpeedrunSession | None = None,
        campaign: Campaign | None = None,
        replay: Replay | None = None,
        menus: bool = False,
        settings: Settings | None = None,
        persist_settings: bool = False,
        sound: bool = True,
        speedrun: SpeedrunOptions | None = None,
    ):
        self.stats = stats if stats is not None else RunStats()
        self.frame_dt = frame_dt
        self.assist = assist
        self.watch = watch
        self.session = session
        self.campaign = campaign
        self.menus = menus
        self.settings = settings if settings is not None else Settings()
        self.persist_settings = persist_settings
        self._settings_dirty = False
        self.notices = overlay.Notices()
        pygame.display.init()
        pygame.font.init()
        text.forget()  # fonts of an earlier window may belong to a font module since shut down
        fullscreen = self.settings.fullscreen and window_size is None
        self.window = Window(window_size or self.settings.window_size, fullscreen)
        self.screen = self.window.canvas()
        pygame.display.set_caption(TITLE)
        _window_icon()
        self.bindings, messages = Bindings.from_settings(
            self.settings.keys, self.settings.pad_buttons
        )
        for message in messages:
            self.notices.add(message, palette.WARN, 10.0)
        self.device = DeviceInput(self.bindings.keys, self.bindings.pad)
        self.navigator = MenuNavigator(self.device.keys, self.device.pad_buttons)
        self.held = HeldKeys(button_down=self.device.button_down)
        self.input_source = input_source
        self.scripted = input_source is not None
        self.problems = watch.problems if watch is not None else ()
        self.view: WorldView | None = None
        self.play: PlayScene | None = None
        self.entry: CatalogEntry | None = None  # the catalogue entry being played (menus)
        self._entries: list[CatalogEntry] | None = None
        if session is not None:
            self.speedrun = session.options
        elif menus:
            self.speedrun = speedrun or self._options_from(self.settings)
        else:
            self.speedrun = None
        self.audio: Audio | None = None
        self._want_sound = sound
        apply_reduced_flashing(self.settings.reduced_flashing)
        self.backdrop = AttractBackdrop(_demo_level()) if menus else SpaceBackdrop()
        if campaign is not None:
            level = campaign.level
            for message in campaign.messages:
                self.notices.add(message, palette.WARN)
            campaign.messages.clear()
        if replay is not None:
            assert level is not None
            self.view = self._world_view(level)
            self.play = WatchScene(level, replay, self.view)
        elif level is not None:
            self._make_play(level)
        if persist_settings and not menus and not self.settings.seen_photosensitivity_notice:
            # Straight into a level on the very first start: the notice the title would show,
            # as a message (the title still shows it in full, once).
            self.notices.add(
                "Photosensitivity: the burning Earth below flashes. Pause (Esc) > Settings > "
                "Reduce flashing softens every flash.",
                palette.WARN,
                12.0,
            )
        if menus:
            first: Scene = (
                self._title()
                if self.settings.seen_photosensitivity_notice
                else NoticeScene(self.backdrop, self._photosensitivity)
            )
        else:
            first = self.play if self.play is not None else LevelErrorScene()
        self.scene: Scene = first
        self.clock = FixedStepClock(max_ticks_per_frame=MAX_TICKS_PER_FRAME)
        if max_fps is None:
            max_fps = 0.0 if frame_dt is not None else _display_fps()
        self.max_fps = max_fps
        self.frames = 0
        self.running = True
        self._repeat = False
        self._set_key_repeat()

    @property
    def level(self) -> Level | None:
        return self.play.level if self.play is not None else None

    # -- scenes -----------------------------------------------------------------------------------

    def _world_view(self, level: Level) -> WorldView:
        view = WorldView(level, self.screen.get_size(), self.device.keys)
        # Prompts name the bindings, and the gamepad's buttons when it was used last.
        view.hud.names = ControlNames.of(self.device)
        return view

    def _make_play(self, level: Level) -> None:
        if self.menus:
            self._ensure_session()
        self.view = self._world_view(level)
        self.play = PlayScene(
            level,
            self.input_source or self.device,
            self.view,
            self.assist,
            self.session,
            self.campaign,
        )

    def _switch(self) -> None:
        """Hand over to the next scene, if the current one named one."""
        while self.scene.next is not None:
            successor = self.scene.next
            self.scene.next = None
            if not isinstance(successor, Scene):
                successor = self._resolve(successor)
            if successor is self.scene:
                continue
            self.scene.exit()
            if isinstance(successor, Quit):
                self.running = False
                return
            self.scene = successor
            self.scene.enter()
            self.clock.reset()  # no catch-up for the time spent in the other scene
            # A key still down from the screen before never acts on this one.
            self.device.hold_back(*self.held.hand_off())
        self._set_key_repeat()

    def _go_to(self, scene: Scene) -> None:
        if self.scene is not scene:
            self.scene.next = scene
            self._switch()

    def _resolve(self, handoff) -> Scene | Quit:
        """The scene a hand-off leads to (starting a level, opening a menu...)."""
        if isinstance(handoff, Quit):
            return handoff
        if isinstance(handoff, GoTitle):
            return self._title()
        if isinstance(handoff, GoLevelSelect):
            return self._level_select(handoff.focus)
        if isinstance(handoff, (StartLevel, StartCampaign)):
            try:
                if isinstance(handoff, StartLevel):
                    return self._start_level(handoff.entry)
                return self._start_campaign()
            except Exception as exc:  # a level that loads but cannot be built: not a crash
                traceback.print_exc()
                name = handoff.entry.name if isinstance(handoff, StartLevel) else "the campaign"
                self.notices.add(f"{name} could not be started: {exc!r}", palette.BAD, 10.0)
                self.campaign = None
                self.watch = None
                self.problems = ()
                return self.scene
        if isinstance(handoff, OpenSettings):
            return SettingsScene(
                lambda: self.settings,
                self.change_settings,
                handoff.back,
                self._backdrop_behind(handoff.back),
                done=self.save_settings,
            )
        if isinstance(handoff, OpenControls):
            return ControlsScene(
                self.bindings,
                self.apply_bindings,
                handoff.back,
                self._backdrop_behind(handoff.back),
                pads=lambda: self.device.controller_count,
                done=self.save_settings,
            )
        if isinstance(handoff, PauseGame):
            assert self.play is not None
            return PauseScene(self.play, to_menus=self.menus)
        if isinstance(handoff, RunFinished):
            return ResultsScene(handoff.summary, self.play, self._result_choices(handoff.summary))
        if isinstance(handoff, NextLevel):
            return self._next_level()
        if isinstance(handoff, LeavePlay):
            return self._leave_play()
        raise TypeError(f"not a scene or a hand-off: {handoff!r}")

    def _title(self) -> Scene:
        return TitleScene(self.backdrop)

    def _backdrop_behind(self, back: Scene):
        if isinstance(back, PauseScene):
            return FrozenBackdrop(back.play)
        return getattr(back, "backdrop", None) or self.backdrop

    def catalog(self, rescan: bool = False) -> list[CatalogEntry]:
        if self._entries is None or rescan:
            self._entries = scan_all()
        return self._entries

    def _level_select(self, focus: str | None) -> Scene:
        rows, messages = rows_for(self.catalog(rescan=True), load_records)
        for message in messages:
            self.notices.add(message, palette.WARN)
        return LevelSelectScene(rows, self.backdrop, focus, user_levels_dir())

    def _start_level(self, entry: CatalogEntry) -> Scene:
        assert entry.level is not None
        self._leave_level()
        self.entry = entry
        self.campaign = None
        self.watch = LevelWatch(entry.path, entry.level)  # F5 and saved edits, as in `play`
        self.problems = ()
        self._make_play(entry.level)
        assert self.play is not None
        return self.play

    def _start_campaign(self) -> Scene:
        levels = [e.level for e in self.catalog() if e.valid and e.path.parent == _campaign_dir()]
        if not levels:
            self.notices.add("No campaign level could be loaded: see Level select.", palette.BAD)
            return self.scene
        self._leave_level()
        self.entry = None
        self.watch = None
        self.problems = ()
        keep = self.speedrun.keep_runs if self.speedrun is not None else False
        self.campaign = Campaign(levels, keep_records=keep)
        for message in self.campaign.messages:
            self.notices.add(message, palette.WARN)
        self.campaign.messages.clear()
        self._make_play(self.campaign.level)
        assert self.play is not None
        return self.play

    def _leave_level(self) -> None:
        if self.play is not None:
            self.play.leave()

    def _leave_play(self) -> Scene | Quit:
        if not self.menus:
            return QUIT
        focus = self.play.level.info.id if self.play is not None else None
        self._leave_level()
        self.watch = None
        self.problems = ()
        self.campaign = None
        return self._level_select(focus)

    def _entry_after(self) -> CatalogEntry | None:
        """The next playable level of the same pack as the one being played."""
        if self.entry is None:
            return None
        entries = self.catalog()
        paths = [e.path for e in entries]
        if self.entry.path not in paths:
            return None
        for entry in entries[paths.index(self.entry.path) + 1 :]:
            if entry.pack != self.entry.pack:
                return None
            if entry.valid:
                return entry
        return None

    def _has_next(self, summary: RunSummary) -> bool:
        if not summary.completed:
            return False
        if self.campaign is not None:
            return not self.campaign.is_last
        return self.menus and self._entry_after() is not None

    def _next_level(self) -> Scene | Quit:
        if self.campaign is not None:
            if self.play is not None and self.play.next_level():
                return self.play
            return self._leave_play()
        entry = self._entry_after()
        if entry is not None:
            return self._start_level(entry)
        return self._leave_play()

    def _result_choices(self, summary: RunSummary) -> ResultChoices:
        leave = (LEAVE, "Level select" if self.menus else "Quit")
        buttons = [(RETRY, "Retry"), leave]
        if self._has_next(summary):
            return ResultChoices(((NEXT_LEVEL, "Next level"), *buttons), NEXT_LEVEL)
        retry_first = not summary.completed and (self.menus or self.campaign is not None)
        return ResultChoices(tuple(buttons), RETRY if retry_first else LEAVE)

    def _photosensitivity(self, reduce: bool) -> None:
        self.change_settings(reduced_flashing=reduce, seen_photosensitivity_notice=True)
        self.save_settings()

    def _in_game(self) -> bool:
        """A level is on screen: playing, or its pause menu or results over it."""
        scene = self.scene
        play = self.play
        return play is not None and (scene is play or getattr(scene, "play", None) is play)

    # -- settings ---------------------------------------------------------------------------------

    def change_settings(self, **changes) -> None:
        """Change settings and use them at once (saved by `save_settings`)."""
        old = self.settings
        new = replace(old, **changes)
        if new == old:
            return
        self.settings = new
        self._settings_dirty = True
        volumes = ("master_volume", "effects_volume", "music_volume")
        if self.audio is not None and any(getattr(old, k) != getattr(new, k) for k in volumes):
            self.audio.set_volumes(new.master_volume, new.effects_volume, new.music_volume)
        if old.fullscreen != new.fullscreen and new.fullscreen != self.window.fullscreen:
            self.window.set_fullscreen(new.fullscreen)
            if self.window.fullscreen != new.fullscreen:
                self.settings = replace(self.settings, fullscreen=self.window.fullscreen)
        if old.reduced_flashing != new.reduced_flashing:
            apply_reduced_flashing(new.reduced_flashing)
            self._repaint()
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

    def apply_bindings(self, bindings: Bindings) -> None:
        self.bindings = bindings
        keys, pad = bindings.to_settings()
        self.device.rebind(bindings.keys, bindings.pad)
        self.change_settings(keys=keys, pad_buttons=pad)
        self._repaint()

    def save_settings(self) -> None:
        """Write the settings file if anything changed (and this game keeps its settings)."""
        if not self.persist_settings or not self._settings_dirty:
            return
        try:
            save_settings(self.settings)
        except OSError as exc:
            self.notices.add(f"Could not save the settings: {exc.strerror or exc}", palette.BAD)
            return
        self._settings_dirty = False

    def toggle_fullscreen(self) -> None:
        self.window.toggle_fullscreen()
        self.change_settings(fullscreen=self.window.fullscreen)
        self._repaint()

    def _repaint(self) -> None:
        """Pictures painted once (the frozen game under a menu) are painted again."""
        for scene in (self.scene, getattr(self.scene, "back", None)):
            for holder in (scene, getattr(scene, "backdrop", None)):
                still = getattr(holder, "still", None)
                if still is not None:
                    still.invalidate()

    def _options_from(self, settings: Settings) -> SpeedrunOptions:
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
            self.notices.add(f"LiveSplit is off: {exc}", palette.WARN)
            return None

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
            for message in old.notices():
                self.notices.add(message, palette.WARN)
            old.close()
        self.session = session

    # -- events ---------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> None:
        kind = event.type
        if kind == pygame.QUIT:
            self.running = False
            return
        if kind == pygame.VIDEORESIZE:
            size = self.window.resized()
            if size is not None and size != self.settings.window_size:
                self.change_settings(window_size=size)
        event = self._in_game_area(event)
        press = self.held.see(event)
        if press == HELD_OVER:
            return  # down since the screen before: ignored until released
        if press != REPEAT:
            self.device.handle_event(event)
        scene = self.scene
        if scene.captures_keys:  # a key being bound, an address being typed
            scene.handle(event, [])
            self._switch()
            return
        if kind == pygame.KEYDOWN and event.key == pygame.K_F11:
            if press != REPEAT:
                self.toggle_fullscreen()
            return
        actions = menu_action(event, self.device.keys, self.device.pad_buttons)
        intent = self.navigator.intent(event)
        if intent is not None:
            actions.append(intent)
        if press == REPEAT:
            # A held key moves a menu's selection on, and does nothing else twice.
            actions = [a for a in actions if a in (NAV_UP, NAV_DOWN, NAV_LEFT, NAV_RIGHT)]
            if not actions:
                return
        in_game = self._in_game()
        if kind == pygame.WINDOWFOCUSLOST and not self.scripted and scene is self.play:
            if not isinstance(self.play, WatchScene):
                self.play.next = PauseGame()
        elif DEBUG in actions and (in_game or self.play is None and not self.menus):
            self.toggle_debug()
        elif RELOAD in actions and self.watch is not None:
            self.apply(self.watch.reload())
        elif GHOST in actions and in_game and self.play.session is not None:
            self.play.show_ghost = not self.play.show_ghost
            state = "shown" if self.play.show_ghost else "hidden"
            if self.play.ghost is None and self.play.show_ghost:
                state += " (no PB replay of this version of the level yet)"
            self.notices.add(f"Ghost {state}", palette.TEXT, 2.5)
        else:
            if RESTART in actions and self.watch is not None and in_game:
                # R also picks up a saved edit at once, without waiting for the next poll.
                change = self.watch.check()
                if change is not None:
                    self.apply(change)
                    if change.ok:
                        return  # already restarted, on the new version
            scene.handle(event, actions)
        self._switch()

    def _in_game_area(self, event: pygame.event.Event) -> pygame.event.Event:
        """Mouse events in the coordinates of the (letterboxed) game area."""
        kind = event.type
        if kind in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            return pygame.event.Event(kind, {**event.dict, "pos": self.window.to_game(event.pos)})
        if kind == pygame.MOUSEWHEEL:
            pointer = self.window.to_game(pygame.mouse.get_pos())
            return pygame.event.Event(kind, {**event.dict, "pos": pointer})
        return event

    def _set_key_repeat(self) -> None:
        """Held arrows move through menus; in play a held key is one press (R restarts once)."""
        want = self.scene.is_menu and not self.scene.captures_keys
        if want != self._repeat:
            self._repeat = want
            if want:
                pygame.key.set_repeat(KEY_REPEAT_DELAY_MS, KEY_REPEAT_MS)
            else:
                pygame.key.set_repeat()

    def toggle_debug(self) -> None:
        if self.view is None:
            return
        self.view.debug = not self.view.debug
        still = getattr(self.scene, "still", None)
        if still is not None:
            still.invalidate()

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
                self._make_play(change.level)
            else:
                self.play.use_level(change.level)
        except Exception as exc:  # a level that loads must not end the game
            self.problems = (Problem(name, f"the game could not start this version: {exc!r}"),)
            print(f"last-orbit: {name}: {self.problems[0].message}", file=sys.stderr)
            if self.play is not None and previous is not None:
                self.play.use_level(previous)
            return
        self.problems = ()
        self.stats.reloads += 1
        self.notices.add(f"Reloaded {name}", palette.GOOD, 2.5)
        assert self.play is not None
        self._go_to(self.play)

    # -- frames ---------------------------------------------------------------------------------

    def frame(self, elapsed: float) -> None:
        """One frame: events, the ticks due, sound, drawing; not the flip."""
        for event in pygame.event.get():
            self.handle(event)
            if not self.running:
                return
        if self.watch is not None:
            change = self.watch.poll(elapsed)
            if change is not None:
                self.apply(change)
        scale = self.scene.time_scale
        # Fast-forwarding a replay may run more ticks a frame than normal play.
        self.clock.max_ticks_per_frame = max(
            MAX_TICKS_PER_FRAME, math.ceil(MAX_TICKS_PER_FRAME * scale)
        )
        ticks = self.clock.advance(elapsed * scale)
        if self.scene is self.play:
            self.stats.ticks += ticks
        self.scene.update(ticks)
        self._switch()
        if not self.running:
            return
        self._sound()
        if self.session is not None:
            for message in self.session.notices():
                self.notices.add(message, palette.WARN)
        if self.campaign is not None and self.campaign.messages:
            for message in self.campaign.messages:
                self.notices.add(message, palette.WARN)
            self.campaign.messages.clear()
        self.screen = self.window.canvas()
        draw_start = time.perf_counter()
        dt = min(elapsed, MAX_FRAME_DT)
        self.scene.draw(self.screen, self.clock.alpha, dt)
        if self.problems and (self._in_game() or self.play is None):
            name = self.watch.name if self.watch is not None else "level"
            overlay.draw_problems(
                self.screen, name, self.problems, self.play is not None, self.device.keys
            )
        self.notices.update(dt)
        self.notices.draw(self.screen, in_game=self._in_game())
        self.stats.draw_seconds.append(time.perf_counter() - draw_start)

    def _sound(self) -> None:
        """This frame's sim events, thrust and O2 to the speakers; loops stop off the game."""
        play = self.play
        events = play.take_sound_events() if play is not None else []
        audio = self.audio
        if audio is None:
            return
        if play is not None and self.scene is play:
            world = play.world
            tx, ty = getattr(world.astronaut, "thrust_vector", (0.0, 0.0))
            full = play.level.player.o2_seconds
            o2 = 1.0 if world.infinite_o2 or not full else max(0.0, world.o2) / full
            audio.update(events, min(1.0, math.hypot(tx, ty)), o2)
        else:
            audio.silence()
        for message in audio.notices():
            self.notices.add(message, palette.WARN, 8.0)

    def open_audio(self) -> None:
        """Start the sound (after the first frame is on screen: the mixer takes a moment)."""
        if self.audio is not None or not self._want_sound:
            return
        s = self.settings
        self.audio = Audio(s.master_volume, s.effects_volume, s.music_volume)
        self.audio.ambient(True)
        for message in self.audio.notices():
            self.notices.add(message, palette.WARN, 8.0)

    def loop(
        self,
        started: float,
        max_frames: int | None = None,
        on_frame: Callable[[App], None] | None = None,
        report_first_frame: bool = False,
    ) -> None:
        stats = self.stats
        limiter = pygame.time.Clock()
        last = time.perf_counter()
        last_flip = None
        while self.running:
            now = time.perf_counter()
            elapsed = self.frame_dt if self.frame_dt is not None else now - last
            last = now
            work_start = time.perf_counter()
            self.frame(elapsed)
            if not self.running:
                break
            stats.work_seconds.append(time.perf_counter() - work_start)
            pygame.display.flip()
            flipped = time.perf_counter()
            if last_flip is not None:
                stats.frame_seconds.append(flipped - last_flip)
            last_flip = flipped
            self.frames += 1
            stats.frames = self.frames
            if stats.first_frame_seconds is None:
                stats.first_frame_seconds = flipped - started
                if report_first_frame:
                    print(f"first-frame {time.time():.6f}", flush=True)
                self.open_audio()
            if on_frame is not None:
                on_frame(self)
            if max_frames is not None and self.frames >= max_frames:
                break
            if self.max_fps:
                limiter.tick(self.max_fps)
        self._finish_stats()

    def _finish_stats(self) -> None:
        stats = self.stats
        stats.dropped_ticks = self.clock.dropped
        stats.scene = self.scene.name
        if self.play is None:
            return
        world = self.play.world
        stats.restarts = self.play.restarts
        stats.world_tick = world.tick
        stats.world_status = world.status
        stats.run_ticks = world.run_ticks
        stats.state_hash = state_hash(world)

    def close(self) -> None:
        self.save_settings()
        if self.audio is not None:
            self.audio.close()
        if self.session is not None:
            self.session.close()


def run(
    level: Level | str | Path | None = None,
    *,
    max_frames: int | None = None,
    screenshot: str | Path | None = None,
    input_source: InputSource | None = None,
    window_size: tuple[int, int] | None = None,
    frame_dt: float | None = None,
    max_fps: float | None = None,
    report_first_frame: bool = False,
    stats: RunStats | None = None,
    on_frame: Callable[[App], None] | None = None,
    assist: Assist = NO_ASSIST,
    watch: bool | None = None,
    speedrun: SpeedrunOptions | None = None,
    campaign: list[Level] | None = None,
    replay: Replay | None = None,
    notices: list[str] | None = None,
    menus: bool | None = None,
    settings: Settings | None = None,
    persist_settings: bool = False,
    sound: bool | None = None,
) -> int:
    """Open the window and play until the player quits; return the exit code.

    level: a loaded Level or the path of a level file. A path is watched for edits (F5, or
        automatically on save); a broken file opens the window on its problems, printed on
        stderr too, and waits for a fix.
    max_frames: quit after this many frames (tests, benchmarks, screenshots).
    screenshot: save the last frame drawn (the whole window) to this PNG.
    input_source: a function tick -> TickInput used instead of the keyboard and gamepads
        (menu keys still work); it is called with the world's tick, which a restart resets.
    window_size: the window's size; None for the settings' (and their fullscreen).
    frame_dt: advance the game by exactly this many seconds per frame instead of by the wall
        clock, for runs that must be the same every time; frames are then not rate-limited.
    max_fps: frame-rate cap; None for the display's refresh rate, 0 for none.
    report_first_frame: print "first-frame <unix time>" after the first frame is on screen
        and "peak-rss-mb <MB>" at the end (read by `last-orbit bench`).
    stats: a RunStats to fill in (first frame time, per-frame draw times, final state).
    on_frame: called with the App after every frame (tests post events or inspect state).
    assist: slower game speed and/or infinite O2; results then say the run was assisted.
    watch: watch the level's file for edits (default: when `level` is a path).
    speedrun: keep replays and records, race the PB ghost, talk to LiveSplit; None keeps
        nothing (benchmarks, screenshots). From the menus, None means: as the settings say.
    campaign: play these levels in order (instead of `level`), times summed.
    replay: watch this replay (of `level`) instead of playing.
    notices: messages to show once at the start (e.g. settings that had to be reset).
    menus: open on the title screen, and return to the menus from a level (default: when no
        level, campaign or replay is given).
    settings: the player's settings (bindings, volumes, window, assists...); None: defaults.
    persist_settings: save changes to the settings file (the player's game, not a test).
    sound: play sound (it falls silent by itself, with a notice, when there is no device);
        None: when it is a player's game (the menus, saved settings, a replay watched), not
        for benchmarks and scripted runs, which measure frames without a mixer thread.

    Returns 0, or 1 when the level file was still broken when the window closed and no
    version of it was ever played.
    """
    started = time.perf_counter()
    if menus is None:
        menus = level is None and campaign is None and replay is None
    if sound is None:
        sound = menus or persist_settings or replay is not None
    level_watch = None
    if campaign is None and replay is None and level is not None:
        if not isinstance(level, Level):
            if watch is False:
                level = load_level(level)  # a broken file raises LevelError
            else:
                level_watch = LevelWatch.open(level)
                level = level_watch.level
                if level_watch.problems:
                    print(f"last-orbit: {level_watch.name} has problems:", file=sys.stderr)
                    for problem in level_watch.problems:
                        print(problem, file=sys.stderr)
        elif watch and Path(level.source).is_file():
            level_watch = LevelWatch(level.source, level)
    keep = speedrun is not None and speedrun.keep_runs
    session = None
    if speedrun is not None and replay is None and not menus:
        session = SpeedrunSession(speedrun)
    run_campaign = Campaign(campaign, keep_records=keep) if campaign else None
    app = App(
        level if isinstance(level, Level) else None,
        input_source=input_source,
        window_size=window_size,
        frame_dt=frame_dt,
        max_fps=max_fps,
        stats=stats,
        assist=assist,
        watch=level_watch,
        session=session,
        campaign=run_campaign,
        replay=replay,
        menus=menus,
        settings=settings,
        persist_settings=persist_settings,
        sound=sound,
        speedrun=speedrun,
    )
    for message in notices or ():
        app.notices.add(message, palette.WARN, 10.0)
    try:
        app.loop(started, max_frames, on_frame, report_first_frame)
        if screenshot is not None:
            path = Path(screenshot)
            path.parent.mkdir(parents=True, exist_ok=True)
            pygame.image.save(app.window.display, str(path))
    finally:
        app.close()
        pygame.key.set_repeat()
        pygame.display.quit()
    if report_first_frame:
        print(f"peak-rss-mb {_peak_rss_mb():.1f}", flush=True)
    return 1 if app.problems and app.play is None and not app.menus else 0


def watch_replay(replay: Replay, level_path: Path | None = None, **options) -> int:
    """Watch a replay in the window (`last-orbit replay FILE`): Space pause, . or Right step,
    [ ] speed, R from the start, Esc quit.

    The level is the one the replay names (shipped or in the user folder), or `level_path`;
    a missing or changed level is reported on stderr with exit code 2."""
    from game.levels import LevelError
    from game.speedrun.verify import find_level_for

    try:
        level = find_level_for(replay, level_path)
    except (LookupError, LevelError) as exc:
        print(f"last-orbit: {exc}", file=sys.stderr)
        return 2
    return run(level, replay=replay, **options)


def _display_fps() -> float:
    try:
        rates = pygame.display.get_desktop_refresh_rates()
    except (pygame.error, AttributeError):
        rates = []
    rate = rates[0] if rates else 0
    return float(rate) if rate and rate >= 30 else float(FALLBACK_FPS)


def _window_icon() -> None:
    """The astronaut as the window's icon; best effort (not every driver shows one)."""
    try:
        from game.render.sprites import astronaut_sprite

        icon = pygame.Surface((64, 64), pygame.SRCALPHA)
        sprite = pygame.transform.rotozoom(astronaut_sprite(0.35, 64, False), 90, 1.0)
        icon.blit(sprite, sprite.get_rect(center=(32, 32)))
        pygame.display.set_icon(icon)
    except pygame.error:
        pass


def apply_reduced_flashing(on: bool) -> None:
    """Tell the renderer to soften the burning Earth's flashes (game.render.earth, drawn by
    the art side; until that module exists there is nothing to soften)."""
    try:
        from game.render.earth import set_reduced_flashing
    except ModuleNotFoundError as exc:
        if exc.name != "game.render.earth":
            raise
        return
    set_reduced_flashing(on)


def _demo_level() -> Level | None:
    """The level flown behind the title, or None if it cannot be loaded."""
    try:
        return load_level(shipped_levels_dir() / f"{DEMO_LEVEL}.toml")
    except (LevelError, OSError) as exc:
        print(f"last-orbit: no title backdrop: {exc}", file=sys.stderr)
        return None


def _campaign_dir() -> Path:
    return shipped_levels_dir()


def _peak_rss_mb() -> float:
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
