"""The game window: events -> input -> fixed ticks -> drawing with interpolation, for whichever
scene is current. How a game begins is a starter's business (game/modes/: the title, a level,
the campaign, a replay, a script); where each scene leads, the navigation's (game.navigation);
the level being played and its file, records and campaign, game.now_playing's.

    open_window(Title())                    # what `last-orbit` does
    open_window(PlayLevel(path, speedrun=SpeedrunOptions()))
    run(level, input_source=script, max_frames=600)   # every way in, by keywords

One FixedStepClock owns time: each frame the wall time since the last one becomes a whole
number of 1/120 s ticks (at most 8 at normal speed; a longer stall is dropped, not caught up),
the scene runs them, and the frame is drawn between the last two ticks' states.

Window-wide keys: F11 switches fullscreen anywhere; over a level F3 shows the debug overlay,
H the PB ghost, F5 reloads a watched level file. Settings changed in the menus are used at
once and saved when the settings screen is left."""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
if sys.platform.startswith("linux"):
    # Present the window through X11/Wayland shared memory, not an OpenGL texture: loading the
    # GL driver costs about 100 MB of memory and, measured under Xvfb, makes a 1280x720 flip
    # 2.6 ms instead of 0.3 ms. A player can still set SDL_FRAMEBUFFER_ACCELERATION=1.
    os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
import pygame  # noqa: E402

from game.audio import Audio  # noqa: E402
from game.bindings import Bindings  # noqa: E402
from game.clock import FixedStepClock  # noqa: E402
from game.held_keys import HELD_OVER, REPEAT, HeldKeys  # noqa: E402
from game.input import (  # noqa: E402
    NAV_DOWN,
    NAV_LEFT,
    NAV_RIGHT,
    NAV_UP,
    DeviceInput,
    InputSource,
    MenuNavigator,
    menu_action,
)
from game.levels import Level  # noqa: E402
from game.modes.campaign import PlayCampaign  # noqa: E402
from game.modes.play_level import PlayLevel  # noqa: E402
from game.modes.title import Title  # noqa: E402
from game.modes.watch_replay import WatchReplay  # noqa: E402
from game.navigation import StraightNavigation  # noqa: E402
from game.now_playing import NowPlaying  # noqa: E402
from game.render import overlay, palette, text  # noqa: E402
from game.run_stats import RunStats  # noqa: E402
from game.scenes.base import Quit, Scene  # noqa: E402
from game.scenes.play import NO_ASSIST, PauseGame  # noqa: E402
from game.settings import Settings, save_settings  # noqa: E402
from game.speedrun.replay import Assist, Replay  # noqa: E402
from game.speedrun.session import SpeedrunOptions  # noqa: E402
from game.window import Window  # noqa: E402

TITLE = "Last Orbit"
WINDOW_SIZE = (1280, 720)
MAX_TICKS_PER_FRAME = 8
KEY_REPEAT_DELAY_MS, KEY_REPEAT_MS = 320, 55  # held keys in menus
MAX_FRAME_DT = 0.1  # seconds of animation (camera, particles) a single frame may advance
FALLBACK_FPS = 60


class Starter(Protocol):
    """A way into the game (game/modes/)."""

    wants_sound: bool

    def begin(self, app: App) -> Scene:
        """Set app.navigation and return the first scene."""
        ...

    def exit_code(self, app: App) -> int: ...


@dataclass
class LoopOptions:
    """How the window runs, whatever is played in it; a player's game takes the defaults.

    input_source: a function tick -> TickInput used instead of the keyboard and gamepads
        (menu keys still work); it is called with the world's tick, which a restart resets.
    window_size: the window's size; None for the settings' (and their fullscreen).
    frame_dt: advance the game by exactly this many seconds per frame instead of by the wall
        clock, for runs that must be the same every time; frames are then not rate-limited.
    max_fps: frame-rate cap; None for the display's refresh rate, 0 for none.
    stats: a RunStats to fill in (first frame time, per-frame draw times, final state).
    sound: play sound (it falls silent by itself, with a notice, when there is no device);
        None: when it is a player's game (the starter's wish, or saved settings), not for
        benchmarks and scripted runs, which measure frames without a mixer thread."""

    input_source: InputSource | None = None
    window_size: tuple[int, int] | None = None
    frame_dt: float | None = None
    max_fps: float | None = None
    stats: RunStats | None = None
    sound: bool | None = None


class App:
    """The open window: it owns the display, the clock, the input devices and the current
    scene, runs the frames and hands over from scene to scene through the navigation the
    starter chose. Tests drive it through `on_frame` (see open_window)."""

    def __init__(
        self,
        starter: Starter,
        loop: LoopOptions | None = None,
        *,
        settings: Settings | None = None,
        persist_settings: bool = False,
    ):
        loop = loop if loop is not None else LoopOptions()
        self.stats = loop.stats if loop.stats is not None else RunStats()
        self.frame_dt = loop.frame_dt
        self.settings = settings if settings is not None else Settings()
        self.persist_settings = persist_settings
        self._settings_dirty = False
        self.notices = overlay.Notices()
        pygame.display.init()
        pygame.font.init()
        text.forget()  # fonts of an earlier window may belong to a font module since shut down
        fullscreen = self.settings.fullscreen and loop.window_size is None
        self.window = Window(loop.window_size or self.settings.window_size, fullscreen)
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
        self.input_source = loop.input_source  # a script instead of the player (no pausing)
        self.audio: Audio | None = None
        sound = loop.sound
        self._want_sound = (starter.wants_sound or persist_settings) if sound is None else sound
        apply_reduced_flashing(self.settings.reduced_flashing)
        self.clock = FixedStepClock(max_ticks_per_frame=MAX_TICKS_PER_FRAME)
        max_fps = loop.max_fps
        if max_fps is None:
            max_fps = 0.0 if loop.frame_dt is not None else _display_fps()
        self.max_fps = max_fps
        self.frames = 0
        self.running = True
        self._repeat = False
        self.now = NowPlaying(self)
        self.navigation: StraightNavigation  # the starter chooses it
        self.starter = starter
        self.scene: Scene = starter.begin(self)
        self._set_key_repeat()

    # What tests and tools look at and do: the level being played, through self.now.
    @property
    def play(self):
        return self.now.play

    @property
    def view(self):
        return self.now.view

    @property
    def watch(self):
        return self.now.watch

    @property
    def problems(self):
        return self.now.problems

    @property
    def campaign(self):
        return self.now.campaign

    @property
    def assist(self) -> Assist:
        return self.now.assist

    @property
    def level(self) -> Level | None:
        return self.now.level

    def apply(self, change) -> None:
        """A new version of the watched level file (game.now_playing.NowPlaying.apply)."""
        self.now.apply(change)

    # -- scenes -----------------------------------------------------------------------------------

    def _switch(self) -> None:
        """Hand over to the next scene, if the current one named one."""
        while self.scene.next is not None:
            successor = self.scene.next
            self.scene.next = None
            if not isinstance(successor, Scene):
                successor = self.navigation.resolve(successor)
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

    def go_to(self, scene: Scene) -> None:
        if self.scene is not scene:
            self.scene.next = scene
            self._switch()

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
        self.now.settings_changed(old, new)

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
        now = self.now
        if kind == pygame.WINDOWFOCUSLOST and self.input_source is None and scene is now.play:
            if now.play.pauses_when_unfocused:
                now.play.next = PauseGame()
        elif not now.take_level_key(actions, scene):
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

    # -- frames ---------------------------------------------------------------------------------

    def frame(self, elapsed: float) -> None:
        """One frame: events, the ticks due, sound, drawing; not the flip."""
        events = pygame.event.get()
        self.held.look_ahead(events)
        for event in events:
            self.handle(event)
            if not self.running:
                return
        now = self.now
        now.poll(elapsed)
        scale = self.scene.time_scale
        # Fast-forwarding a replay may run more ticks a frame than normal play.
        self.clock.max_ticks_per_frame = max(
            MAX_TICKS_PER_FRAME, math.ceil(MAX_TICKS_PER_FRAME * scale)
        )
        ticks = self.clock.advance(elapsed * scale)
        if self.scene is now.play:
            self.stats.ticks += ticks
        self.scene.update(ticks)
        self._switch()
        if not self.running:
            return
        self._sound()
        now.take_messages()
        self.screen = self.window.canvas()
        draw_start = time.perf_counter()
        dt = min(elapsed, MAX_FRAME_DT)
        self.scene.draw(self.screen, self.clock.alpha, dt)
        in_game = now.on_screen(self.scene)
        if now.problems and (in_game or now.play is None):
            name = now.watch.name if now.watch is not None else "level"
            overlay.draw_problems(
                self.screen, name, now.problems, now.play is not None, self.device.keys
            )
        self.notices.update(dt)
        self.notices.draw(self.screen, in_game=in_game)
        self.stats.draw_seconds.append(time.perf_counter() - draw_start)

    def _sound(self) -> None:
        """This frame's sim events, thrust and O2 to the speakers; loops stop off the game."""
        play = self.now.play
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
        stats.dropped_ticks = self.clock.dropped
        stats.scene = self.scene.name
        self.now.finish_stats(stats)

    def close(self) -> None:
        self.save_settings()
        if self.audio is not None:
            self.audio.close()
        self.now.close()


def open_window(
    starter: Starter,
    *,
    loop: LoopOptions | None = None,
    settings: Settings | None = None,
    persist_settings: bool = False,
    notices: list[str] | None = None,
    max_frames: int | None = None,
    screenshot: str | Path | None = None,
    on_frame: Callable[[App], None] | None = None,
    report_first_frame: bool = False,
) -> int:
    """Open the window on the starter's first scene and run until the player quits; return
    the exit code (the starter's).

    loop: how the window runs (LoopOptions: scripted input, size, fixed frame step...).
    settings: the player's settings (bindings, volumes, window, assists...); None: defaults.
    persist_settings: save changes to the settings file (the player's game, not a test).
    notices: messages to show once at the start (e.g. settings that had to be reset).
    max_frames: quit after this many frames (tests, benchmarks, screenshots).
    screenshot: save the last frame drawn (the whole window) to this PNG.
    on_frame: called with the App after every frame (tests post events or inspect state).
    report_first_frame: print "first-frame <unix time>" after the first frame is on screen
        and "peak-rss-mb <MB>" at the end (read by `last-orbit bench`)."""
    started = time.perf_counter()
    app = App(starter, loop, settings=settings, persist_settings=persist_settings)
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
    return starter.exit_code(app)


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
    """Every way in by keywords (tests, benchmarks, tools): picks the starter and opens the
    window (open_window, LoopOptions and game/modes/ say what each keyword does).

    level: a Level or a level file's path (game.modes.play_level; watched unless watch=False).
    campaign: play these levels in order instead (game.modes.campaign).
    replay: watch this replay of `level` instead (game.modes.watch_replay).
    menus: the title and the menus (game.modes.title); default: when no level, campaign or
        replay is given.
    speedrun: keep replays and records, race the PB ghost, talk to LiveSplit; None keeps
        nothing (benchmarks, screenshots). From the menus, None means: as the settings say.
    assist: slower game speed and/or infinite O2; results then say the run was assisted."""
    if menus is None:
        menus = level is None and campaign is None and replay is None
    starter: Starter
    if menus:
        starter = Title(speedrun, assist)
    elif replay is not None:
        assert isinstance(level, Level)
        starter = WatchReplay(level, replay)
    elif campaign:
        starter = PlayCampaign(campaign, speedrun=speedrun, assist=assist)
    else:
        starter = PlayLevel(level, watch=watch, speedrun=speedrun, assist=assist)
    return open_window(
        starter,
        loop=LoopOptions(
            input_source=input_source,
            window_size=window_size,
            frame_dt=frame_dt,
            max_fps=max_fps,
            stats=stats,
            sound=sound,
        ),
        settings=settings,
        persist_settings=persist_settings,
        notices=notices,
        max_frames=max_frames,
        screenshot=screenshot,
        on_frame=on_frame,
        report_first_frame=report_first_frame,
    )


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


def _peak_rss_mb() -> float:
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
