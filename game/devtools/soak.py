"""Soak test: play every shipped level headless with seeded random input for a long stretch of
game time and check the promises that only show over time.

    python -m game.devtools.soak --minutes 60          # per level; figures in docs/RELIABILITY.md
    python -m game.devtools.soak --limits --minutes 60 # levels at the format's limits, in all

Checks: no exception; no NaN or inf anywhere in the state; no dynamic body's centre crossing a
wall (tunnelling) between two ticks; resident memory flat (under 5% growth after warm-up)."""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import json
import math
import os
import random
import sys
import time
from dataclasses import asdict, dataclass

import pymunk

from game.devtools.crush_levels import crush_level
from game.levels import Level
from game.levels.catalog import scan_folder
from game.paths import shipped_levels_dir
from game.sim import RUNNING, TICK_RATE, TickInput, World, build_world, step

MEMORY_GROWTH_LIMIT = 0.05
SAMPLE_TICKS = 60 * TICK_RATE


@dataclass
class SoakReport:
    level: str
    game_minutes: float
    ticks: int
    runs: int
    completed: int
    failed: dict
    wall_seconds: float
    nan_ticks: int
    tunnelling: int
    rss_after_warmup_mb: float
    rss_end_mb: float
    exception: str | None = None
    tunnelling_astronaut: int = 0  # of `tunnelling`: the astronaut's centre

    @property
    def memory_growth(self) -> float:
        if not self.rss_after_warmup_mb:
            return 0.0
        return self.rss_end_mb / self.rss_after_warmup_mb - 1.0

    @property
    def ok(self) -> bool:
        return (
            self.exception is None
            and self.nan_ticks == 0
            and self.tunnelling == 0
            and self.memory_growth < MEMORY_GROWTH_LIMIT
        )


def _trim_heap() -> None:
    """Ask the C allocator to give freed memory back (glibc keeps it otherwise), so what is
    measured is memory still in use, not the allocator's cache."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def rss_mb() -> float:
    """Resident memory in use now, after a full garbage collection and a heap trim: a leak is
    what survives both."""
    gc.collect()
    _trim_heap()
    try:
        with open("/proc/self/statm") as handle:
            pages = int(handle.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError, IndexError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def random_inputs(rng: random.Random):
    """Human-like input forever: keys held in bursts, grabs, throws, turns, idle moments."""
    while True:
        hold = rng.randint(5, 120)
        inp = TickInput(
            rng.choice((-100, -50, 0, 0, 50, 100)),
            rng.choice((-100, -50, 0, 0, 50, 100)),
            rng.choice((-100, 0, 0, 0, 100)),
            rng.choice((0, 0, 1, 1, 2, 4, 5)),
        )
        for _ in range(hold):
            yield inp


def _cross(o, a, b) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _segments_cross(p, q, a, b) -> bool:
    d1, d2 = _cross(a, b, p), _cross(a, b, q)
    d3, d4 = _cross(p, q, a), _cross(p, q, b)
    return (d1 > 0) != (d2 > 0) and (d3 > 0) != (d4 > 0)


_STATIC_ONLY = pymunk.ShapeFilter()


def tunnelled(world: World, before: tuple, after: tuple) -> bool:
    """Did the centre move through a wall's core line, or end inside a solid?"""
    if before == after:
        return False
    for info in world.space.segment_query(before, after, 0.0, _STATIC_ONLY):
        shape = info.shape
        if shape.body.body_type != pymunk.Body.STATIC:
            continue
        if isinstance(shape, pymunk.Segment):
            if _segments_cross(before, after, tuple(shape.a), tuple(shape.b)):
                return True
        elif shape.point_query(after).distance < -0.05:
            return True
    return False


def _state_is_finite(world: World) -> bool:
    for body in world.dynamic_bodies():
        x, y = body.position
        vx, vy = body.velocity
        values = (x, y, vx, vy, body.angle, body.angular_velocity)
        if not all(math.isfinite(v) for v in values):
            return False
    return math.isfinite(world.o2) and math.isfinite(world.astronaut.propellant)


def soak_level(level: Level, game_minutes: float, seed: int = 1) -> SoakReport:
    rng = random.Random(seed)
    inputs = random_inputs(rng)
    total = round(game_minutes * 60 * TICK_RATE)
    warmup = total // 10
    report = SoakReport(level.info.id, game_minutes, 0, 1, 0, {}, 0.0, 0, 0, 0.0, 0.0)
    world = build_world(level)
    started = time.perf_counter()
    try:
        for tick in range(total):
            if world.status != RUNNING:
                if world.status == "completed":
                    report.completed += 1
                else:
                    reason = world.fail_reason or "?"
                    report.failed[reason] = report.failed.get(reason, 0) + 1
                world = build_world(level)
                report.runs += 1
            bodies = [b for b in world.dynamic_bodies() if b.body_type == pymunk.Body.DYNAMIC]
            before = [tuple(b.position) for b in bodies]
            step(world, next(inputs))
            for body, old in zip(bodies, before, strict=True):
                if body.space is not None and tunnelled(world, old, tuple(body.position)):
                    report.tunnelling += 1
                    report.tunnelling_astronaut += body is world.astronaut.body
            if not _state_is_finite(world):
                report.nan_ticks += 1
            if tick % SAMPLE_TICKS == 0:
                # Sampled every game minute: each reading trims the heap, so the curve shows
                # memory in use rather than how fragmented glibc's cache has become.
                memory = rss_mb()
                if tick >= warmup and not report.rss_after_warmup_mb:
                    report.rss_after_warmup_mb = memory
            report.ticks += 1
    except Exception as exc:  # the soak's job is to catch any of them
        report.exception = f"{type(exc).__name__}: {exc}"
    report.wall_seconds = time.perf_counter() - started
    report.rss_end_mb = rss_mb()
    return report


def soak_limits(game_minutes: float, seed: int = 1, minutes_per_level: float = 1.0):
    """Generated levels at the format's limits (game.devtools.crush_levels), `minutes_per_level`
    of game time each, until `game_minutes` in all: one report per level."""
    count = max(1, round(game_minutes / minutes_per_level))
    each = game_minutes / count
    return [soak_level(crush_level(seed * 100_003 + n), each, seed=seed + n) for n in range(count)]


def total_report(reports: list[SoakReport], name: str) -> SoakReport:
    """The reports of a run of levels added up."""
    total = SoakReport(name, 0.0, 0, 0, 0, {}, 0.0, 0, 0, 0.0, 0.0)
    for r in reports:
        total.game_minutes += r.game_minutes
        total.ticks += r.ticks
        total.runs += r.runs
        total.completed += r.completed
        for reason, count in r.failed.items():
            total.failed[reason] = total.failed.get(reason, 0) + count
        total.wall_seconds += r.wall_seconds
        total.nan_ticks += r.nan_ticks
        total.tunnelling += r.tunnelling
        total.tunnelling_astronaut += r.tunnelling_astronaut
        total.exception = total.exception or r.exception
    if reports:
        # The first level is the warm-up: growth is from its end to the last one's.
        total.rss_after_warmup_mb = reports[0].rss_end_mb
        total.rss_end_mb = reports[-1].rss_end_mb
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m game.devtools.soak",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--minutes", type=float, default=10.0, help="game minutes per level")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--limits",
        action="store_true",
        help="instead of the shipped levels: generated levels at the format's limits (movers "
        "at top speed into walls, corners and hatch edges), --minutes in all, one per level",
    )
    parser.add_argument("levels", nargs="*", help="level ids (default: every shipped level)")
    args = parser.parse_args(argv)
    if args.limits:
        reports = soak_limits(args.minutes, args.seed)
        reports.append(total_report(reports, "all"))
    else:
        entries = [e for e in scan_folder(shipped_levels_dir()) if e.valid]
        if args.levels:
            entries = [e for e in entries if e.id in args.levels]
        reports = [soak_level(e.level, args.minutes, args.seed) for e in entries]
    if args.json:
        print(
            json.dumps(
                [asdict(r) | {"memory_growth": r.memory_growth, "ok": r.ok} for r in reports],
                indent=2,
            )
        )
    else:
        print(
            f"{'level':<14} {'game min':>8} {'runs':>6} {'wall s':>7} {'nan':>4} "
            f"{'tunnel':>6} {'astro':>5} {'rss MB':>13} {'growth':>7}  result"
        )
        for r in reports:
            print(
                f"{r.level:<14} {r.game_minutes:>8g} {r.runs:>6} {r.wall_seconds:>7.1f} "
                f"{r.nan_ticks:>4} {r.tunnelling:>6} {r.tunnelling_astronaut:>5} "
                f"{r.rss_after_warmup_mb:>6.1f}->{r.rss_end_mb:<6.1f} "
                f"{r.memory_growth * 100:>6.2f}%  {'ok' if r.ok else 'FAIL ' + str(r.exception)}"
            )
    return 0 if all(r.ok for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
