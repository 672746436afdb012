"""The ghost: the personal-best run replayed in a world of its own, tick for tick beside the
player's (the same `build_world` and `step`, fed the PB replay's recorded inputs).

No ghost is ever an error: a PB replay that is missing, unreadable, of another level or of
different level content (its SHA-256) simply gives none."""

from __future__ import annotations

from pathlib import Path

from game.levels.model import Level
from game.sim import RUNNING, step
from game.speedrun.replay import Replay, ReplayError, load, world_for

Pose = tuple[float, float, float]


class Ghost:
    """One run of the PB replay from the level's start. Call `step()` once per player tick."""

    def __init__(self, level: Level, replay: Replay, inputs: list | None = None):
        self.inputs = inputs if inputs is not None else list(replay.inputs())
        self.world = world_for(replay, level)  # slowed if it was a slow-motion run
        self._current = self._read()
        self._prev = self._current

    def _read(self) -> Pose:
        body = self.world.astronaut.body
        x, y = body.position
        return x, y, body.angle

    @property
    def tick(self) -> int:
        return self.world.tick

    @property
    def finished(self) -> bool:
        """The PB run is over (its last objective, or the end of its inputs)."""
        return self.world.status != RUNNING or self.world.tick >= len(self.inputs)

    def step(self) -> None:
        if self.finished:
            self._prev = self._current
            return
        step(self.world, self.inputs[self.world.tick])
        self._prev, self._current = self._current, self._read()

    def pose(self, alpha: float = 1.0) -> Pose:
        """The ghost astronaut between its last two ticks' poses."""
        (px, py, pa), (x, y, a) = self._prev, self._current
        if alpha >= 1.0:
            return x, y, a
        return px + (x - px) * alpha, py + (y - py) * alpha, pa + (a - pa) * alpha


class GhostSource:
    """The PB replay of one level, read once; a fresh Ghost for every run."""

    def __init__(self, level: Level, replay: Replay):
        self.level = level
        self.replay = replay
        self._inputs = list(replay.inputs())

    @classmethod
    def from_file(cls, level: Level, path: Path | None) -> GhostSource | None:
        """The ghost of `path` if it is a readable replay of exactly this level, else None."""
        if path is None:
            return None
        try:
            replay = load(Path(path))
        except (ReplayError, OSError, ValueError):
            return None
        if replay.level_id != level.info.id or replay.level_sha256 != level.sha256:
            return None
        if not replay.result.completed:
            return None
        return cls(level, replay)

    @property
    def ticks(self) -> int:
        return self.replay.result.ticks

    def new_ghost(self) -> Ghost:
        return Ghost(self.level, self.replay, self._inputs)
