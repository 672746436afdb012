"""Par medals: gold at or under par, silver within 1.25x par, bronze within 1.5x par.

One rule for the results screen and the level select. Compared in whole ticks (no float
rounding at the edges: a run of exactly 1.25x par is silver)."""

from __future__ import annotations

from game.sim.constants import TICK_RATE

GOLD, SILVER, BRONZE = "gold", "silver", "bronze"
MEDALS = (GOLD, SILVER, BRONZE)


def medal_for(ticks: int | None, par_seconds: float) -> str | None:
    """The medal a completed run of `ticks` earns on a level with this par, or None."""
    if ticks is None or ticks < 0 or not par_seconds or par_seconds <= 0:
        return None
    par = round(par_seconds * TICK_RATE)
    if ticks <= par:
        return GOLD
    if ticks * 4 <= par * 5:
        return SILVER
    if ticks * 2 <= par * 3:
        return BRONZE
    return None
