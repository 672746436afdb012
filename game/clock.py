"""The fixed-step clock: turns the wall time between frames into a whole number of ticks.

Time is accumulated as an integer (billionths of a tick), so ticks are counted
exactly and never drift the way summed float seconds do. Catch-up is capped: after a long
stall (a dragged window, a breakpoint) at most `max_ticks_per_frame` ticks run and the rest of
the backlog is dropped, so the game slows down instead of spiralling. `alpha` is the fraction
of a tick left over, for drawing between the last two simulated states.

    clock = FixedStepClock()
    for _ in range(clock.advance(frame_seconds)):
        step(world, input)
    draw(alpha=clock.alpha)
"""

from __future__ import annotations

from game.sim.constants import TICK_RATE

_NS = 1_000_000_000


class FixedStepClock:
    def __init__(self, tick_rate: int = TICK_RATE, max_ticks_per_frame: int = 8):
        if tick_rate <= 0 or max_ticks_per_frame <= 0:
            raise ValueError("tick_rate and max_ticks_per_frame must be positive")
        self.tick_rate = int(tick_rate)
        self.max_ticks_per_frame = int(max_ticks_per_frame)
        self._acc = 0  # in billionths of a tick (nanoseconds x tick_rate)
        self.ticks = 0  # ticks handed out since creation
        self.dropped = 0  # ticks skipped by the catch-up cap since creation

    def advance(self, elapsed_seconds: float) -> int:
        """Add the time since the last frame; return how many ticks to run now."""
        # Rounded in billionths of a tick (not of a second), so a frame of exactly 1/120 s is
        # exactly one tick, though 1/120 s is no whole number of nanoseconds.
        return self._add(round(max(0.0, elapsed_seconds) * self.tick_rate * _NS))

    def advance_ns(self, elapsed_ns: int) -> int:
        """The same for a whole number of nanoseconds (exact: no rounding at all)."""
        return self._add(max(0, int(elapsed_ns)) * self.tick_rate)

    def _add(self, units: int) -> int:
        self._acc += units
        due, self._acc = divmod(self._acc, _NS)
        if due > self.max_ticks_per_frame:
            self.dropped += due - self.max_ticks_per_frame
            due = self.max_ticks_per_frame
        self.ticks += due
        return due

    @property
    def alpha(self) -> float:
        """How far the display is between the previous tick and the last one, in [0, 1)."""
        return self._acc / _NS

    def reset(self) -> None:
        """Forget the backlog (after a pause or a restart): the next frame starts fresh."""
        self._acc = 0
