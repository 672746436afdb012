"""What a game session measured (frames, ticks, drawing and frame times): read by the tests
and by `last-orbit bench`."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field


def percentile(values, q: float) -> float:
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
        return percentile(self.draw_seconds, q) * 1000.0

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
            "work_median_ms": percentile(self.work_seconds, 50) * 1000.0,
            "work_p99_ms": percentile(self.work_seconds, 99) * 1000.0,
            "frame_median_ms": percentile(self.frame_seconds, 50) * 1000.0,
            "frame_p99_ms": percentile(self.frame_seconds, 99) * 1000.0,
        }
