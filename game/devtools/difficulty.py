"""`last-orbit difficulty`: fly every campaign level with a crowd of simulated players
(game/devtools/simulated_player.py) and print how many finish, how fast, against par.

The i-th simulated player is the same person (seed i) on every level, so levels are compared
on one population. A player still flying at GIVE_UP_PARS times par gives up; that counts as a
failure ("gave up") like the game's own ends (out of oxygen, lost in space...)."""

from __future__ import annotations

import json
import random
import statistics
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from game.devtools.simulated_player import HumanProfile, SimulatedPlayer
from game.levels import Level, load_level
from game.levels.problems import LevelError
from game.sim import RUNNING, TICK_RATE, build_world, step
from game.speedrun.autopilot import Autopilot, load_route

DEFAULT_PLAYERS = 50
GIVE_UP_PARS = 4.0  # a player still flying at four times par has given up
GAVE_UP = "gave up"
STRANDED_TICKS = 3 * TICK_RATE  # still, holding nothing, no propellant: no way on
STRANDED = "stranded"
STRANDED_SPEED = 0.05  # m/s
ARRIVAL_FINISH_SHARE = 0.9  # issue 10: the tutorial is finished by at least 90%


@dataclass(frozen=True)
class PlayerRun:
    seed: int
    completed: bool
    seconds: float  # on the run timer
    cause: str  # why it failed ("" if it finished)
    misses: int
    lost_pushes: int


def route_path(level_path: Path, level_id: str) -> Path:
    return Path(level_path).parent / "solutions" / f"{level_id}.route.toml"


def _max_ticks(level: Level) -> int:
    return round(GIVE_UP_PARS * level.info.par_seconds * TICK_RATE)


def run_player(level: Level, route, seed: int, profile: HumanProfile | None = None) -> PlayerRun:
    """One simulated person on one level: a pure function of (level, route, seed, profile)."""
    rng = random.Random(seed)
    if profile is None:
        profile = HumanProfile.draw(rng)
    player = SimulatedPlayer(route, profile, rng)
    world = build_world(level)
    limit = _max_ticks(level)
    # The run timer starts at the first input; counting calls also bounds a player who never
    # gives one (the world does not tick until then).
    still = 0
    for _ in range(4 * limit):
        if world.status != RUNNING or world.run_ticks >= limit or still > STRANDED_TICKS:
            break
        step(world, player(world))
        still = still + 1 if _stranded(world) else 0
    completed = world.status != RUNNING and world.fail_reason is None
    cause = ""
    if not completed:
        # The failure's headline: "Out of oxygen: hits cost 207 s of it" counts as "Out of
        # oxygen", so the same cause is tallied once whatever its details.
        cause = world.fail_message.split(":")[0] if world.fail_reason else GAVE_UP
        if still > STRANDED_TICKS:
            cause = STRANDED
    return PlayerRun(
        seed,
        completed,
        world.run_ticks / TICK_RATE,
        cause,
        player.misses,
        player.lost_pushes,
    )


def _stranded(world) -> bool:
    astronaut = world.astronaut
    return (
        astronaut.propellant <= 0.0
        and getattr(astronaut, "hold", None) is None
        and astronaut.body.velocity.length < STRANDED_SPEED
    )


def solution_seconds(level: Level, route) -> float | None:
    """The autopilot's own time on the route (None if it does not finish)."""
    world = build_world(level)
    pilot = Autopilot(route)
    limit = _max_ticks(level)
    for _ in range(4 * limit):
        if world.status != RUNNING:
            break
        step(world, pilot(world))
    completed = world.status != RUNNING and world.fail_reason is None
    return world.run_ticks / TICK_RATE if completed else None


@dataclass
class LevelDifficulty:
    level: str
    players: int
    finished: int
    par_seconds: float
    solution_seconds: float | None
    median_seconds: float | None  # of those who finished
    beat_par: int  # finished within par
    causes: dict[str, int] = field(default_factory=dict)  # failures, commonest first
    mean_misses: float = 0.0

    @property
    def finish_share(self) -> float:
        return self.finished / self.players if self.players else 0.0

    @property
    def median_over_par(self) -> float | None:
        return self.median_seconds / self.par_seconds if self.median_seconds else None

    def as_json(self) -> dict:
        data = asdict(self)
        data["finish_share"] = round(self.finish_share, 4)
        ratio = self.median_over_par
        data["median_over_par"] = None if ratio is None else round(ratio, 4)
        return data


def summarize(level: Level, route, runs: list[PlayerRun]) -> LevelDifficulty:
    times = [run.seconds for run in runs if run.completed]
    par = level.info.par_seconds
    causes = Counter(run.cause for run in runs if not run.completed)
    return LevelDifficulty(
        level=level.info.id,
        players=len(runs),
        finished=len(times),
        par_seconds=par,
        solution_seconds=solution_seconds(level, route),
        median_seconds=statistics.median(times) if times else None,
        beat_par=sum(1 for t in times if t <= par),
        causes=dict(causes.most_common()),
        mean_misses=statistics.fmean(run.misses for run in runs) if runs else 0.0,
    )


# -- many players, many levels, in parallel -----------------------------------------------------

_CACHE: dict[str, tuple[Level, tuple]] = {}


def _loaded(level_path: str) -> tuple[Level, tuple]:
    if level_path not in _CACHE:
        level = load_level(Path(level_path))
        _CACHE[level_path] = (level, load_route(route_path(Path(level_path), level.info.id)))
    return _CACHE[level_path]


def _run_task(task: tuple[str, int]) -> tuple[str, PlayerRun]:
    level_path, seed = task
    level, route = _loaded(level_path)
    return level_path, run_player(level, route, seed)


def measure(level_paths: list[Path], players: int, jobs: int = 1) -> list[LevelDifficulty]:
    """Every level flown by players 0..players-1; one summary per level, in the order given."""
    tasks = [(str(path), seed) for path in level_paths for seed in range(players)]
    if jobs > 1:
        import multiprocessing

        with multiprocessing.get_context("spawn").Pool(jobs) as pool:
            results = pool.map(_run_task, tasks, chunksize=max(1, players // 4))
    else:
        results = [_run_task(task) for task in tasks]
    runs: dict[str, list[PlayerRun]] = {str(path): [] for path in level_paths}
    for level_path, run in results:
        runs[level_path].append(run)
    return [summarize(*_loaded(str(path)), runs[str(path)]) for path in level_paths]


# -- the campaign's curve -----------------------------------------------------------------------


def curve_checks(rows: list[LevelDifficulty]) -> list[tuple[bool, str]]:
    """Issue 10's goals, each with whether the measured rows meet it (campaign order)."""
    checks = []
    first = rows[0] if rows else None
    if first is not None and first.level == "arrival":
        checks.append(
            (
                first.finish_share >= ARRIVAL_FINISH_SHARE,
                f"arrival finished by {first.finish_share:.0%} (goal: at least "
                f"{ARRIVAL_FINISH_SHARE:.0%})",
            )
        )
    for before, after in zip(rows, rows[1:], strict=False):
        ok = after.finish_share <= before.finish_share
        checks.append(
            (
                ok,
                f"{after.level} ({after.finish_share:.0%} finish) "
                f"{'no easier than' if ok else 'EASIER than'} {before.level} "
                f"({before.finish_share:.0%})",
            )
        )
    for row in rows:
        solution_ok = row.solution_seconds is not None and row.solution_seconds <= row.par_seconds
        median_ok = row.median_seconds is None or row.median_seconds > row.par_seconds
        checks.append(
            (
                solution_ok and median_ok,
                f"{row.level}: par {row.par_seconds:g} s, solution "
                f"{_seconds(row.solution_seconds)}, median player "
                f"{_seconds(row.median_seconds) if row.finished else '- (nobody finished)'}"
                " (goal: solution within par, median over it)",
            )
        )
    return checks


# -- output -------------------------------------------------------------------------------------

COLUMNS = (
    "level",
    "players",
    "finished",
    "median",
    "par",
    "solution",
    "median/par",
    "beat par",
    "commonest failures",
)


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} s"


def _cells(row: LevelDifficulty) -> list[str]:
    ratio = row.median_over_par
    causes = ", ".join(f"{cause} {count}" for cause, count in list(row.causes.items())[:3])
    return [
        row.level,
        str(row.players),
        f"{row.finish_share:.0%}",
        _seconds(row.median_seconds),
        _seconds(row.par_seconds),
        _seconds(row.solution_seconds),
        "-" if ratio is None else f"{ratio:.2f}",
        f"{row.beat_par / row.players:.0%}" if row.players else "-",
        causes or "-",
    ]


def format_table(rows: list[LevelDifficulty], markdown: bool = False) -> str:
    table = [list(COLUMNS)] + [_cells(row) for row in rows]
    if markdown:
        lines = ["| " + " | ".join(cells) + " |" for cells in table]
        lines.insert(1, "|" + "|".join(" --- " for _ in COLUMNS) + "|")
        return "\n".join(lines)
    widths = [max(len(cells[i]) for cells in table) for i in range(len(COLUMNS))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()
        for cells in table
    )


def format_checks(checks: list[tuple[bool, str]], markdown: bool = False) -> str:
    mark = "- " if markdown else ""
    return "\n".join(f"{mark}{'ok  ' if ok else 'MISS'}  {text}" for ok, text in checks)


def report(rows: list[LevelDifficulty], as_json: bool = False, markdown: bool = False) -> str:
    checks = curve_checks(rows)
    if as_json:
        return json.dumps(
            {
                "levels": [row.as_json() for row in rows],
                "checks": [{"ok": ok, "check": text} for ok, text in checks],
            },
            indent=2,
        )
    return format_table(rows, markdown) + "\n\n" + format_checks(checks, markdown)


def run_difficulty(
    level_ids: list[str],
    players: int | None = None,
    jobs: int | None = None,
    as_json: bool = False,
    markdown: bool = False,
) -> int:
    """`last-orbit difficulty`: exit 0 printed, 2 for an unknown level or one with no route."""
    import os
    import sys

    from game.levels.catalog import find_level, scan_folder
    from game.paths import shipped_levels_dir

    if not level_ids:
        level_ids = [entry.id for entry in scan_folder(shipped_levels_dir()) if entry.valid]
    paths = []
    for level_id in level_ids:
        path = find_level(level_id)
        if path is None:
            print(f"last-orbit: no level '{level_id}'", file=sys.stderr)
            return 2
        try:
            level_id = load_level(path).info.id
        except LevelError as exc:
            print(f"last-orbit: {path}: {exc}", file=sys.stderr)
            return 2
        if not route_path(path, level_id).exists():
            print(f"last-orbit: {level_id} has no solution route to fly", file=sys.stderr)
            return 2
        paths.append(path)
    jobs = jobs or os.cpu_count() or 1
    rows = measure(paths, players or DEFAULT_PLAYERS, min(jobs, len(paths) * (players or 1)))
    print(report(rows, as_json=as_json, markdown=markdown))
    return 0
