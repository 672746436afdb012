"""Watching a replay in the window: the recorded inputs drive the play scene.

Space pauses, . or Right steps one tick while paused, [ and ] (or - and +) change the speed
(0.25x to 8x), R starts it again, Esc quits. Nothing is saved: watching is not playing."""

from __future__ import annotations

from game.input import (
    PAUSE,
    QUIT,
    RESTART,
    WATCH_FASTER,
    WATCH_PAUSE,
    WATCH_SLOWER,
    WATCH_STEP,
    watch_action,
)
from game.render import overlay
from game.render.world_view import WorldView
from game.scenes.base import QUIT as QUIT_GAME
from game.scenes.play import PlayScene
from game.sim import NEUTRAL, RUNNING, TickInput
from game.speedrun.replay import Assist, Replay

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)


class WatchScene(PlayScene):
    name = "replay"
    pauses_when_unfocused = False  # watching goes on in the background

    def __init__(self, level, replay: Replay, view: WorldView):
        self.replay = replay
        self.inputs = list(replay.inputs())
        self.speed_index = SPEEDS.index(1.0)
        self.paused = False
        self._steps = 0
        self.back = None  # the hand-off Esc leads to (the attempt history); None: quit
        # The world as the run was simulated: a format 3 file's slow motion paced only the
        # window, and its world ran at full speed.
        simulated = Assist(replay.sim_speed, replay.assist.infinite_o2)
        super().__init__(level, self._source, view, simulated)

    def _source(self, tick: int) -> TickInput:
        return self.inputs[tick] if tick < len(self.inputs) else NEUTRAL

    @property
    def speed(self) -> float:
        return SPEEDS[self.speed_index]

    @property
    def time_scale(self) -> float:
        # Ticks at 120 a second at 1x: as it was played (a slow-motion run's world ran slower
        # at that pace), except a format 3 file's slow motion, which only paced the window.
        return 0.0 if self.paused else self.speed

    @property
    def ended(self) -> bool:
        return self.world.status != RUNNING or self.world.tick >= len(self.inputs)

    def _finish(self) -> None:
        self.last_replay = self.recorder.finish(self.world)  # stays on screen; no results

    def handle(self, event, actions: list[str]) -> None:
        watch = watch_action(event, self.view.keys)
        if PAUSE in actions or QUIT in actions:
            self.next = self.back if self.back is not None else QUIT_GAME
        elif RESTART in actions:
            self.restart()
        elif WATCH_PAUSE in watch:
            self.paused = not self.paused
        elif WATCH_STEP in watch:
            if self.paused:
                self._steps += 1
        elif WATCH_SLOWER in watch:
            self.speed_index = max(0, self.speed_index - 1)
        elif WATCH_FASTER in watch:
            self.speed_index = min(len(SPEEDS) - 1, self.speed_index + 1)

    def update(self, ticks: int) -> None:
        if self.paused:
            ticks, self._steps = self._steps, 0
        super().update(ticks)

    def draw(self, surface, alpha: float, dt: float) -> None:
        super().draw(surface, 1.0 if self.paused or self.ended else alpha, dt)
        overlay.draw_replay_badge(
            surface,
            self.speed,
            self.paused,
            self.ended,
            self.replay.assist.assisted,
            self.view.keys,
            "quit" if self.back is None else "back",
        )
