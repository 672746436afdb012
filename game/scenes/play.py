"""Playing a level: input to fixed ticks of the simulation, drawn with interpolation."""

from __future__ import annotations

from game.input import PAUSE, RESTART, InputSource
from game.render.world_view import Pose, WorldView
from game.scenes.base import RunResult, Scene
from game.scenes.pause import PauseScene
from game.scenes.results import ResultsScene
from game.sim import RUNNING, build_world, step
from game.sim.world import World


class PlayScene(Scene):
    name = "play"

    def __init__(self, level, input_source: InputSource, view: WorldView):
        super().__init__()
        self.level = level
        self.input_source = input_source
        self.view = view
        self.restarts = 0
        self.world: World = build_world(level)
        self._prev: list[Pose] = self._capture()

    # -- runs -----------------------------------------------------------------------------------

    def restart(self) -> None:
        """Throw the run away and start the level again from its file's state."""
        self.restarts += 1
        self.world = build_world(self.level)
        self._prev = self._capture()
        self.view.reset()
        self._reset_input()

    def result(self) -> RunResult:
        world = self.world
        done = [o for o in world.objectives if o.done]
        reason = world.fail_message or None
        return RunResult(
            level_name=self.level.info.name,
            completed=world.status == "completed",
            fail_reason=reason,
            run_ticks=world.run_ticks,
            splits=[(o.label, t) for o, t in zip(done, world.splits(), strict=False)],
            par_seconds=self.level.info.par_seconds,
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
                self._prev = self._capture()
            step(world, self.input_source(world.tick))
            if world.events:
                self.view.feed(world)
            if world.status != RUNNING:
                self._prev = self._capture()
                self.next = ResultsScene(self.result(), self)

    def draw(self, surface, alpha: float, dt: float) -> None:
        self.view.draw(surface, self.world, self.poses(alpha), dt)

    # -- interpolation --------------------------------------------------------------------------

    def _capture(self) -> list[Pose]:
        return [(b.position.x, b.position.y, b.angle) for b in self.world.dynamic_bodies()]

    def poses(self, alpha: float) -> list[Pose]:
        """Every dynamic body between its pose before the last tick and now."""
        current = self._capture()
        out = []
        for index, (x, y, a) in enumerate(current):
            if index < len(self._prev):
                px, py, pa = self._prev[index]
                out.append((px + (x - px) * alpha, py + (y - py) * alpha, pa + (a - pa) * alpha))
            else:
                out.append((x, y, a))
        return out

    def _reset_input(self) -> None:
        reset = getattr(self.input_source, "reset", None)
        if callable(reset):
            reset()
