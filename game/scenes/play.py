"""Playing a level: input to fixed ticks of the simulation, drawn with interpolation."""

from __future__ import annotations

from game.input import PAUSE, RESTART, InputSource
from game.render.poses import PoseReader
from game.render.world_view import Pose, WorldView
from game.scenes.base import RunSummary, Scene
from game.scenes.pause import PauseScene
from game.scenes.results import ResultsScene
from game.sim import RUNNING, build_world, step
from game.sim.world import World
from game.speedrun.replay import Assist, Recorder, Replay

NO_ASSIST = Assist()


class PlayScene(Scene):
    """One run of a level at a time; R throws it away and starts again at once.

    Every tick's input is recorded (run-length encoded), so a finished run is available as a
    replay in `last_replay`."""

    name = "play"

    def __init__(
        self, level, input_source: InputSource, view: WorldView, assist: Assist = NO_ASSIST
    ):
        super().__init__()
        self.level = level
        self.input_source = input_source
        self.view = view
        self.assist = assist
        self.restarts = 0
        self.last_replay: Replay | None = None
        self._start()

    # -- runs -----------------------------------------------------------------------------------

    def _start(self) -> None:
        self.world: World = build_world(self.level, infinite_o2=self.assist.infinite_o2)
        self.recorder = Recorder(self.world, self.assist)
        self._reader = PoseReader(self.world)
        self._current: list[Pose] = self._reader.read()
        self._prev: list[Pose] = self._current

    def restart(self) -> None:
        """Throw the run away and start the level again from its file's state."""
        self.restarts += 1
        self._start()
        self.view.reset()
        self._reset_input()

    def result(self) -> RunSummary:
        world = self.world
        done = sorted((o for o in world.objectives if o.done), key=lambda o: o.done_tick)
        return RunSummary(
            level_name=self.level.info.name,
            completed=world.status == "completed",
            fail_reason=world.fail_message or None,
            run_ticks=world.run_ticks,
            splits=[(o.label, t) for o, t in zip(done, world.splits(), strict=False)],
            par_seconds=self.level.info.par_seconds,
            assisted=self.assist.assisted,
        )

    # -- scene ----------------------------------------------------------------------------------

    def enter(self) -> None:
        super().enter()
        self._reset_input()

    def handle(self, event, actions: list[str]) -> None:
        if RESTART in actions:
            self.restart()
        elif PAUSE in actions:
            self.next = PauseScene(self)

    def update(self, ticks: int) -> None:
        world = self.world
        for index in range(ticks):
            if world.status != RUNNING or self.next is not None:
                return
            if index == ticks - 1:
                # Only the state before the last tick is needed to draw between the two.
                self._prev = self._current if index == 0 else self._reader.read()
            inp = self.input_source(world.tick)
            step(world, inp)
            self.recorder.record(inp, world)
            if world.events:
                self.view.feed(world)
            if world.status != RUNNING:
                self._current = self._prev = self._reader.read()
                self.last_replay = self.recorder.finish(world)
                self.next = ResultsScene(self.result(), self)
                return
        if ticks > 0:
            self._current = self._reader.read()

    def draw(self, surface, alpha: float, dt: float) -> None:
        self.view.draw(surface, self.world, self.poses(alpha), dt)

    # -- interpolation --------------------------------------------------------------------------

    def poses(self, alpha: float) -> list[Pose]:
        """Every dynamic body between its pose before the last tick and after it."""
        current, prev = self._current, self._prev
        if alpha <= 0.0:
            return prev
        if alpha >= 1.0 or prev is current:
            return current
        return [
            (px + (x - px) * alpha, py + (y - py) * alpha, pa + (a - pa) * alpha)
            for (x, y, a), (px, py, pa) in zip(current, prev, strict=True)
        ]

    def _reset_input(self) -> None:
        reset = getattr(self.input_source, "reset", None)
        if callable(reset):
            reset()
