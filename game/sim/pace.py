"""The world's pace: how much world time one tick stands for.

At speed 1.0 a tick is 1/120 s of the world. The slow-motion assist runs the world slower: at
0.5 a tick is 1/240 s, so the window's 120 ticks a second show half a second of the world and
the run timer (which counts ticks) counts the real time played. Every per-tick rate of the
simulation uses `dt`, and every duration given in seconds or as a window in ticks keeps the same
world duration (`ticks`, `window`). The inputs of a slowed run only make sense at its speed:
re-run at another one, they are another run."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.sim.constants import TICK, TICK_RATE

MIN_SPEED = 0.1  # the slowest a replay may declare (the assist offers 0.5 and up)


@dataclass(frozen=True)
class Pace:
    speed: float = 1.0
    dt: float = field(init=False)  # world seconds in one tick

    def __post_init__(self) -> None:
        speed = self.speed
        if type(speed) not in (int, float) or not MIN_SPEED <= speed <= 1.0:
            # (never faster: a longer tick could carry a body through a wall)
            raise ValueError(f"the world's speed is {MIN_SPEED:g} to 1, not {speed!r}")
        object.__setattr__(self, "speed", float(speed))
        # TICK itself at speed 1.0 (x * 1.0 is exact): an unassisted run is bit for bit the same.
        object.__setattr__(self, "dt", TICK * self.speed)

    def ticks(self, seconds: float) -> int:
        """World seconds as ticks: round(seconds * TICK_RATE) at speed 1.0."""
        return round(seconds * TICK_RATE / self.speed)

    def window(self, ticks: int) -> int:
        """A window of `ticks` at speed 1.0, as the ticks of the same world duration."""
        return round(ticks / self.speed)


NORMAL = Pace()
