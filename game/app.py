"""The game window: events -> input -> fixed ticks -> drawing with interpolation.

    run(level)                      # play a level (a Level, or the path of a level file)
    run(path, speedrun=SpeedrunOptions())  # ... keeping replays, PBs, the ghost, LiveSplit
    run(campaign=[level, ...])      # every level in order, times summed
    watch_replay(replay)            # watch a replay: pause, step, speed

One FixedStepClock owns time: each frame the wall time since the last one becomes a whole
number of 1/120 s ticks (at most 8 at normal speed; a longer stall is dropped, not caught up),
the scene runs them, and the frame is drawn between the last two ticks' states.

A level played from a file is watched (game.hot_reload): F5 reloads it, a save is picked up
within half a second and on R; a broken edit lists its problems over the game and never
stops it. F3 shows the debug overlay, H the PB ghost."""

from __future__ import annotations

import math
import os
import sys
import time
import warnings
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
if sys.platform.startswith("linux"):
    # Present the window through X11/Wayland shared memory, not an OpenGL texture: loading the
    # GL driver costs about 100 MB of memory and, measured under Xvfb, makes a 1280x720 flip
    # 2.6 ms instead of 0.3 ms. A player can still set SDL_FRAMEBUFFER_ACCELERATION=1.
    os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
import pygame  # noqa: E402

from game.clock import FixedStepClock  # noqa: E402
from game.hot_reload import LevelWatch, Reload  # noqa: E402
from game.input import (  # noqa: E402
    DEBUG,
    GHOST,
    RELOAD,
    RESTART,
    DeviceInput,
    InputSource,
    menu_action,
)
from game.levels import Level, Problem, load_level  # noqa: E402
from game.render import overlay, palette  # noqa: E402
from game.render.world_view import WorldView  # noqa: E402
from game.scenes.base import Quit, Scene  # noqa: E402
from game.scenes.level_error import LevelErrorScene  # noqa: E402
from game.scenes.pause import PauseScene  # noqa: E402
from game.scenes.play import NO_ASSIST, PlayScene  # noqa: E402
from game.scenes.watch import WatchScene  # noqa: E402
from game.sim import state_hash  # noqa: E402
from game.speedrun.campaign import Campaign  # noqa: E402
from game.speedrun.replay import Assist, Replay  # noqa: E402
from game.speedrun.session import SpeedrunOptions, SpeedrunSession  # noqa: E402

TITLE = "Last Orbit"
WINDOW_SIZE = (1280, 720)
MIN_WINDOW_SIZE = (640, 360)
MAX_TICKS_PER_FRAME = 8
MAX_FRAME_DT = 0.1  # seconds of animation (camera, particles) a single frame may advance
FALLBACK_FPS = 60


def _percentile(values, q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a sequence, 0.0 if empty."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100.0 * len(ordered) + 0.5)))
    return ordered[rank - 1]


@dataclass
class RunStats:
    """What a session measured, for tests and `last-orbit bench`."""

    first_frame_seconds: float | None = None  # from the call of run() to the first flip
    frames: int = 0
    ticks: int = 0  # simulation ticks run (across restarts)
    dropped_ticks: int = 0  # ticks skipped by the catch-up cap
    restarts: int = 0
    reloads: int = 0  # level file versions picked up while playing
    draw_seconds: array = field(default_factory=lambda: array("d"))  # scene drawing per frame
    work_seconds: array = field(default_factory=lambda: array("d"))  # all but the flip
    frame_seconds: array = field(default_factory=lambda: array("d"))  # between flips
    scene: str = ""  # at the end: "play", "paused", "results", "replay" or "level-error"
    world_tick: int = 0  # of the world at the end
    world_status: str = ""
    run_ticks: int = 0
    state_hash: str = ""

    def draw_ms(self, q: float) -> float:
        return _percentile(self.draw_seconds, q) * 1000.0

    @property
    def draw_median_ms(self) -> float:
        return self.draw_ms(50)

    @property
    def draw_p99_ms(self) -> float:
        return self.draw_ms(99)

    def summary(self) -> dict:
        return {
            "first_frame_seconds": self.first_frame_seconds,
            "frames": self.frames,
            "ticks": self.ticks,
            "dropped_ticks": self.dropped_ticks,
            "draw_median_ms": self.draw_median_ms,
            "draw_p99_ms": self.draw_p99_ms,
            "work_median_ms": _percentile(self.work_seconds, 50) * 1000.0,
            "work_p99_ms": _percentile(self.work_seconds, 99) * 1000.0,
            "frame_median_ms": _percentile(self.frame_seconds, 50) * 1000.0,
            "frame_p99_ms": _percentile(self.frame_seconds, 99) * 1000.0,
        }


class App:
    """The open window and its scenes. `run()` is the way in; tests may drive it directly."""

    def __init__(
        self,
        level: Level | None,
        *,
        input_source: InputSource | None = None,
        window_size: tuple[int, int] = WINDOW_SIZE,
        frame_dt: float | None = None,
        max_fps: float | None = None,
        stats: RunStats | None = None,
        assist: Assist = NO_ASSIST,
        watch: LevelWatch | None = None,
        session: SpeedrunSession | None = None,
        campaign: Campaign | None = None,
        replay: Replay | None = None,
    ):
        self.stats = stats if stats is not None else RunStats()
        self.frame_dt = frame_dt
        self.assist = assist
        self.watch = watch
        self.session = session
        self.campaign = campaign
        pygame.display.init()
        pygame.font.init()
        self.screen = pygame.display.set_mode(window_size, pygame.RESIZABLE)
        pygame.display.set_caption(TITLE)
        _window_polish()
        self.device = DeviceInput()
        self.input_source = input_source
        self.scripted = input_source is not None
        self.notices = overlay.Notices()
        self.problems = watch.problems if watch is not None else ()
        self.view: WorldView | None = None
        self.play: PlayScene | None = None
        if campaign is not None:
            level = campaign.level
            for message in campaign.messages:
                self.notices.add(message, palette.WARN)
            campaign.messages.clear()
        if replay is not None:
            assert level is not None
            self.view = WorldView(level, self.screen.get_size(), self.device.keys)
            self.play = WatchScene(level, replay, self.view)
        elif level is not None:
            self._make_play(level)
        self.scene: Scene = self.play if self.play is not None else LevelErrorScene()
        self.clock = FixedStepClock(max_ticks_per_frame=MAX_TICKS_PER_FRAME)
        if max_fps is None:
            max_fps = 0.0 if frame_dt is not None else _display_fps()
        self.max_fps = max_fps
        self.frames = 0
        self.running = True

    @property
    def level(self) -> Level | None:
        return self.play.level if self.play is not None else None

    def _make_play(self, level: Level) -> None:
        self.view = WorldView(level, self.screen.get_size(), self.device.keys)
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
            self.scene.exit()
            if isinstance(successor, Quit):
                self.running = False
                return
            self.scene = successor
            self.scene.enter()
            self.clock.reset()  # no catch-up for the time spent in the other scene

    def _go_to(self, scene: Scene) -> None:
        if self.scene is not scene:
            self.scene.next = scene
            self._switch()

    # -- events ---------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        self.device.handle_event(event)
        actions = menu_action(event, self.device.keys)
        if event.type == pygame.WINDOWFOCUSLOST and not self.scripted and self.scene is self.play:
            if not isinstance(self.play, WatchScene):
                self.play.next = PauseScene(self.play)
        elif DEBUG in actions:
            self.toggle_debug()
        elif RELOAD in actions and self.watch is not None:
            self.apply(self.watch.reload())
        elif GHOST in actions and self.play is not None and self.play.session is not None:
            self.play.show_ghost = not self.play.show_ghost
            state = "shown" if self.play.show_ghost else "hidden"
            if self.play.ghost is None and self.play.show_ghost:
                state += " (no PB replay of this version of the level yet)"
            self.notices.add(f"Ghost {state}", palette.TEXT, 2.5)
        else:
            if RESTART in actions and self.watch is not None:
                # R also picks up a saved edit at once, without waiting for the next poll.
                change = self.watch.check()
                if change is not None:
                    self.apply(change)
                    if change.ok:
                        return  # already restarted, on the new version
            self.scene.handle(event, actions)
        self._switch()

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
        """One frame: events, the ticks due, drawing; not the flip."""
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
        self.stats.ticks += ticks
        self.scene.update(ticks)
        self._switch()
        if not self.running:
            return
        if self.session is not None:
            for message in self.session.notices():
                self.notices.add(message, palette.WARN)
        if self.campaign is not None and self.campaign.messages:
            for message in self.campaign.messages:
                self.notices.add(message, palette.WARN)
            self.campaign.messages.clear()
        surface = pygame.display.get_surface()
        if surface is not None:
            self.screen = surface
        draw_start = time.perf_counter()
        dt = min(elapsed, MAX_FRAME_DT)
        self.scene.draw(self.screen, self.clock.alpha, dt)
        if self.problems:
            name = self.watch.name if self.watch is not None else "level"
            overlay.draw_problems(self.screen, name, self.problems, self.play is not None)
        self.notices.update(dt)
        self.notices.draw(self.screen)
        self.stats.draw_seconds.append(time.perf_counter() - draw_start)

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
        if self.session is not None:
            self.session.close()


def run(
    level: Level | str | Path | None = None,
    *,
    max_frames: int | None = None,
    screenshot: str | Path | None = None,
    input_source: InputSource | None = None,
    window_size: tuple[int, int] = WINDOW_SIZE,
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
) -> int:
    """Open the window and play until the player quits; return the exit code.

    level: a loaded Level or the path of a level file. A path is watched for edits (F5, or
        automatically on save); a broken file opens the window on its problems, printed on
        stderr too, and waits for a fix.
    max_frames: quit after this many frames (tests, benchmarks, screenshots).
    screenshot: save the last frame drawn to this PNG.
    input_source: a function tick -> TickInput used instead of the keyboard and gamepads
        (menu keys still work); it is called with the world's tick, which a restart resets.
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
        nothing (benchmarks, screenshots).
    campaign: play these levels in order (instead of `level`), times summed.
    replay: watch this replay (of `level`) instead of playing.
    notices: messages to show once at the start (e.g. settings that had to be reset).

    Returns 0, or 1 when the level file was still broken when the window closed and no
    version of it was ever played.
    """
    started = time.perf_counter()
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
    session = SpeedrunSession(speedrun) if speedrun is not None and replay is None else None
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
    )
    for message in notices or ():
        app.notices.add(message, palette.WARN)
    try:
        app.loop(started, max_frames, on_frame, report_first_frame)
        if screenshot is not None:
            path = Path(screenshot)
            path.parent.mkdir(parents=True, exist_ok=True)
            pygame.image.save(app.screen, str(path))
    finally:
        app.close()
        pygame.display.quit()
    if report_first_frame:
        print(f"peak-rss-mb {_peak_rss_mb():.1f}", flush=True)
    return 1 if app.problems and app.play is None else 0


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


def _window_polish() -> None:
    """Minimum size and an icon; best effort (not every driver supports them)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            window = pygame.Window.from_display_module()
        window.minimum_size = MIN_WINDOW_SIZE
    except (AttributeError, pygame.error):
        pass
    try:
        from game.render.sprites import astronaut_sprite

        icon = pygame.Surface((64, 64), pygame.SRCALPHA)
        sprite = pygame.transform.rotozoom(astronaut_sprite(0.35, 64, False), 90, 1.0)
        icon.blit(sprite, sprite.get_rect(center=(32, 32)))
        pygame.display.set_icon(icon)
    except pygame.error:
        pass


def _peak_rss_mb() -> float:
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
