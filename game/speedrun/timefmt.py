"""Times as speedrunners read them: m:ss.mmm from integer ticks."""

from __future__ import annotations

from game.sim.constants import TICK_RATE


def ticks_to_ms(ticks: int) -> int:
    # Integer arithmetic, rounded to the nearest millisecond, so 120 ticks is exactly 1.000 s.
    return (ticks * 1000 * 2 + TICK_RATE) // (2 * TICK_RATE)


def format_ticks(ticks: int, sign: bool = False) -> str:
    """'1:05.250' (or '+0:01.500' / '-0:00.250' with sign=True, for deltas)."""
    negative = ticks < 0
    ms = ticks_to_ms(abs(ticks))
    minutes, ms = divmod(ms, 60_000)
    seconds, ms = divmod(ms, 1000)
    text = f"{minutes}:{seconds:02d}.{ms:03d}"
    if sign:
        return ("-" if negative else "+") + text
    return ("-" if negative else "") + text


def format_livesplit(ticks: int) -> str:
    """H:MM:SS.mmm, the form LiveSplit's setgametime takes."""
    ms = ticks_to_ms(max(0, ticks))
    hours, ms = divmod(ms, 3_600_000)
    minutes, ms = divmod(ms, 60_000)
    seconds, ms = divmod(ms, 1000)
    return f"{hours}:{minutes:02d}:{seconds:02d}.{ms:03d}"
