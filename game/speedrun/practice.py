"""Practice from any split: the level started from the state its PB run had at one of its
splits, by re-simulating the PB replay's inputs up to that tick.

Re-simulation is the only exact way: pymunk keeps hidden solver state (contact caches, warm
starting) that no snapshot of positions and velocities restores. Every state checksum the
replay holds on the way is checked, so a replay that no longer runs the same (another level
version, other physics) gives a clear message instead of a wrong start. Nothing here draws or
reads the clock; a practice run is never recorded, never a PB (game.scenes.play)."""

from __future__ import annotations

from dataclasses import dataclass

from game.levels.model import Level
from game.sim import RUNNING, TickInput, World, state_hash, step
from game.speedrun.ghost import Ghost
from game.speedrun.replay import Replay, world_for


class PracticeError(Exception):
    """This split cannot be practised from (the message says why, for the player)."""


@dataclass(frozen=True)
class PracticeStart:
    """Where a practice run starts: the PB's inputs up to the end of split `index` (0-based),
    which `world()` re-simulates every time a practice run (re)starts."""

    level: Level
    replay: Replay
    index: int
    label: str  # the objective completed at that split
    inputs: tuple[TickInput, ...]  # every tick of input before the practice starts
    split_ticks: int  # the run timer at the split

    @property
    def tick(self) -> int:
        """The world tick the practice starts at."""
        return len(self.inputs)

    @property
    def title(self) -> str:
        return f"from split {self.index + 1}: {self.label}"

    def world(self) -> World:
        """A fresh world standing at the split."""
        world = world_for(self.replay, self.level)
        for inp in self.inputs:
            step(world, inp)
        world.events.clear()  # the way there is not news to the player
        return world

    def ghost(self) -> Ghost:
        """The PB's ghost standing at the split, to race from there."""
        ghost = Ghost(self.level, self.replay)
        while ghost.tick < self.tick and not ghost.finished:
            ghost.step()
        return ghost


def practice_splits(replay: Replay) -> int:
    """How many splits of the run can be practised from: all but the last (which ends it)."""
    return max(0, len(replay.result.splits) - 1) if replay.result.completed else 0


def practice_start(level: Level, replay: Replay, index: int) -> PracticeStart:
    """Re-simulate `replay` (a completed run of exactly `level`) up to the end of its split
    `index`; PracticeError when that cannot be done exactly."""
    if replay.level_id != level.info.id:
        raise PracticeError(f"the PB replay is of level '{replay.level_id}', not this one")
    if replay.level_sha256 != level.sha256:
        raise PracticeError(
            "the level changed since the PB was run (its file differs): set a new PB first"
        )
    if not 0 <= index < practice_splits(replay):
        raise PracticeError(f"the PB has no split {index + 1} to practise from")
    wanted = replay.result.splits[index]
    expected = dict(replay.checksums)
    world = world_for(replay, level)
    inputs: list[TickInput] = []
    for inp in replay.inputs():
        if world.status != RUNNING:
            break
        step(world, inp)
        inputs.append(inp)
        digest = expected.get(world.tick)
        if digest is not None and digest != state_hash(world):
            raise PracticeError(
                f"the PB replay no longer runs the same here (it differs at tick {world.tick}): "
                "recorded with other physics or another version of the level"
            )
        splits = world.splits()
        if len(splits) > index:
            if splits[index] != wanted:
                break
            if world.status != RUNNING:
                raise PracticeError("the run ends at that split: nothing left to practise")
            done = sorted(
                (o for o in world.objectives if o.done_tick is not None),
                key=lambda o: o.done_tick,
            )
            return PracticeStart(level, replay, index, done[index].label, tuple(inputs), wanted)
    raise PracticeError(
        "the PB replay does not reach that split when re-run: recorded with other physics "
        "or another version of the level"
    )
