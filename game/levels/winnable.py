"""Can a loaded level be won? Checks `last-orbit validate` (and the editor) make on a level
once it has loaded.

What is certain is an error: a goal outside the world's bounds, an objective on a body that
never appears, a spawn inside the station. What is likely is a warning (`--strict` fails on
them): a goal, item or handhold the player cannot get to from the spawn (a flood fill over the
static geometry, reachability.py), a hatchway or gap narrower than the astronaut with its
clearance. The game still loads and plays such a level (a sandbox, a test room): these judge
whether it can be won, not whether it can be played. `winnable_problems` is a pure function of
a loaded level and its text (for the positions)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from game.levels.loader import load_level_bytes, read_level_file
from game.levels.locate import locate
from game.levels.model import Level, Rect, Vec2, shape_reach
from game.levels.problems import Problem
from game.levels.reachability import (
    Obstacle,
    Reachability,
    fill,
    obstacle_distance,
    segment_distance,
    static_obstacles,
)
from game.sim.astronaut import RADIUS

# Room to spare a hatchway or corridor should give beyond the body's width: below it the
# astronaut fits only by flying dead centre, which keyboard aim and push-offs rarely do.
CLEARANCE = 0.1  # m
# How deep the player's body may start in the station's geometry (pymunk's collision slop is
# 0.005 m): deeper, the physics shoves it out at the first input, or through a thin wall.
SPAWN_OVERLAP = 0.01  # m
HATCH_BUDGET = 500_000  # distance evaluations for all hatchways: bounded on any level
GOAL_KINDS = ("reach", "repair")  # the player's centre must get into the zone


@dataclass(frozen=True)
class CannotWin(Problem):
    """A certain fault: the level can be played, never won."""

    warning: ClassVar[bool] = False


@dataclass(frozen=True)
class LevelWarning(Problem):
    """A likely fault: `file:line:col: warning: field.path: message`."""

    warning: ClassVar[bool] = True
    tag: ClassVar[str] = " warning:"


def body_radius(level: Level) -> float:
    """Half the narrowest width of the player's body: the astronaut's radius, or half a craft's
    width (it can turn its nose down a corridor)."""
    if level.player.mode == "craft":
        return min(level.player.craft_size) / 2.0
    return RADIUS[level.player.mode]


def winnable_problems(level: Level, text: str) -> list[Problem]:
    """Everything that keeps `level` from being won: errors (CannotWin) for what is certain,
    or else warnings (LevelWarning) for what is likely; each has `.warning`. `text` is the
    level file's text, for the line and column of each ("" for none)."""
    checks = _Checks(level, text)
    errors = checks.errors()
    if errors:
        return errors  # warnings about a level that cannot be won would only be noise
    return checks.warnings()


def winnable_problems_of_file(path: Path) -> list[Problem]:
    """Load the level file at `path` (LevelError for its problems) and judge it: one read of
    the file serves the loader and the positions of what is found (never a changed file)."""
    data = read_level_file(path)
    level = load_level_bytes(data, str(path), level_dir=path.parent)
    return winnable_problems(level, data.decode("utf-8").removeprefix("\ufeff"))


def _who(level: Level) -> str:
    return "the craft" if level.player.mode == "craft" else "the astronaut"


def _m(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") + " m"


def _xy(point: Vec2) -> str:
    return ", ".join(f"{round(v, 1) + 0.0:.1f}" for v in point)  # (no "-0.0")


def _rect_outside(rect: Rect, bounds: Rect) -> bool:
    """No part of rect is strictly inside bounds."""
    return (
        rect[2] <= bounds[0] or rect[0] >= bounds[2] or rect[3] <= bounds[1] or rect[1] >= bounds[3]
    )


def _doorway_width(near: list[Obstacle], a: Vec2, b: Vec2, samples: int) -> tuple[float, float]:
    """The widest body centred on the segment a-b clear of `near`: as measured at `samples`
    points (refined round the best), and the most it can be between them (the distance changes
    no faster than the point moves, so this never calls a wide hatchway narrow)."""

    def clear(t: float) -> float:
        t = min(1.0, max(0.0, t))
        px, py = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
        return min(obstacle_distance(o, px, py) for o in near)

    best = max(range(samples + 1), key=lambda k: clear(k / samples))
    widest = max(clear((best + k / 10.0) / samples) for k in range(-10, 11))
    return 2.0 * widest, 2.0 * widest + math.dist(a, b) / samples


def _box(obstacle: Obstacle) -> Rect:
    xs = [p[0] for p in obstacle.points]
    ys = [p[1] for p in obstacle.points]
    r = obstacle.radius
    return (min(xs) - r, min(ys) - r, max(xs) + r, max(ys) + r)


def _point_rect_distance(point: Vec2, rect: Rect) -> float:
    dx = max(rect[0] - point[0], 0.0, point[0] - rect[2])
    dy = max(rect[1] - point[1], 0.0, point[1] - rect[3])
    return math.hypot(dx, dy)


@dataclass(frozen=True)
class _Goal:
    """Somewhere the player's centre must get: into `rect`, or within near[2] of the segment
    near[0]-near[1]."""

    where: tuple[str, int, str]  # section, index, key: the field it is reported at
    name: str
    rect: Rect | None = None
    near: tuple[Vec2, Vec2, float] | None = None
    inside: str = ""  # what it is inside, if it is inside the geometry

    def find(self, space: Reachability, grow: float = 0.0):
        """A reached run at the goal (grown by `grow` on every side), or None."""
        if self.rect is not None:
            x0, y0, x1, y1 = self.rect
            return space.reached_rect((x0 - grow, y0 - grow, x1 + grow, y1 + grow))
        a, b, distance = self.near
        return space.reached_near(a, b, distance + grow)

    def distance_from(self, point: Vec2) -> float:
        """How much further than the goal's own allowance `point` is from it."""
        if self.rect is not None:
            return _point_rect_distance(point, self.rect)
        a, b, allowance = self.near
        return max(0.0, segment_distance(*point, a, b) - allowance)


class _Checks:
    def __init__(self, level: Level, text: str):
        self.level = level
        self.text = text
        self.found: list[Problem] = []
        self.radius = body_radius(level)
        self.width = 2.0 * self.radius
        # Items are touched within the body's radius (a craft's: half its length).
        craft = level.player.mode == "craft"
        self.toucher = level.player.craft_size[0] / 2.0 if craft else self.radius
        self.opened = frozenset(
            hatch.id
            for hatch in level.hatches
            if hatch.open
            or any(
                action.do == "open_hatch" and action.target == hatch.id
                for trigger in level.triggers
                for action in trigger.actions
            )
        )
        self.obstacles = static_obstacles(level, self.opened)
        self._strict: Reachability | None = None
        self._roomy: Reachability | None = None
        self._unlocked: Reachability | None = None  # every hatch open
        self.narrow_hatches: list[tuple[Obstacle, float]] = []  # with the hatchway's width

    def report(
        self, section: str, index: int | None, key: str | None, message: str, warning=False
    ) -> None:
        path = section if index is None else f"{section}[{index}]"
        if key:
            path += f".{key}"
        position = locate(self.text, section, index, key) if self.text else None
        line, col = position if position else (None, None)
        kind = LevelWarning if warning else CannotWin
        self.found.append(kind(self.level.source, message, path, line, col))

    def errors(self) -> list[Problem]:
        self.check_goals_in_bounds()
        self.check_bodies_appear()
        self.check_spawn()
        return [p for p in self.found if not isinstance(p, LevelWarning)]

    def warnings(self) -> list[LevelWarning]:
        """(After errors(), which found the warnings of the bounds check.)"""
        self.check_hatchways()
        self.check_reachable()
        return [p for p in self.found if isinstance(p, LevelWarning)]

    # -- errors ---------------------------------------------------------------------------

    def check_goals_in_bounds(self) -> None:
        level = self.level
        bounds = level.world.bounds
        zones = {zone.id: (index, zone) for index, zone in reversed(list(enumerate(level.zones)))}
        items = {item.id: (index, item) for index, item in reversed(list(enumerate(level.items)))}
        needs: dict[str, list[str]] = {}
        item_needs: dict[str, list[str]] = {}
        for number, objective in enumerate(level.objectives):
            if objective.kind in GOAL_KINDS or (objective.kind == "deliver" and objective.item):
                needs.setdefault(objective.zone, []).append(f"objectives[{number}]")
            if objective.item:
                item_needs.setdefault(objective.item, []).append(f"objectives[{number}]")
        for zone_id, objectives in needs.items():
            index, zone = zones[zone_id]
            if _rect_outside(zone.rect, bounds):
                self.report(
                    "zones",
                    index,
                    "rect",
                    f"zone '{zone_id}' lies outside world.bounds, so {', '.join(objectives)} can "
                    f"never be done: {_who(level)} is lost in space on leaving the bounds",
                )
        for item_id, objectives in item_needs.items():
            index, item = items[item_id]
            if _point_rect_distance(item.at, bounds) > item.radius + self.toucher:
                self.report(
                    "items",
                    index,
                    "at",
                    f"item '{item_id}' is out of touch from inside world.bounds, so "
                    f"{', '.join(objectives)} can never be done",
                )
        for index, trigger in enumerate(level.triggers):
            if trigger.on == "enter" and _rect_outside(zones[trigger.zone][1].rect, bounds):
                self.report(
                    "triggers",
                    index,
                    "zone",
                    f"zone '{trigger.zone}' lies outside world.bounds: this trigger can never fire",
                    warning=True,
                )

    def check_bodies_appear(self) -> None:
        level = self.level
        spawned_later = {
            action.target
            for trigger in level.triggers
            for action in trigger.actions
            if action.do == "spawn"
        }
        never = {
            body.id
            for body in level.bodies
            if body.id and not body.spawned and body.id not in spawned_later
        }
        for index, objective in enumerate(level.objectives):
            for key in ("body", "target"):
                name = getattr(objective, key)
                if name in never and (key == "body" or name not in self._other_targets()):
                    self.report(
                        "objectives",
                        index,
                        key,
                        f"body '{name}' never appears: it has spawned = false and no trigger "
                        "spawns it",
                    )

    def _other_targets(self) -> set[str]:
        """Movers and handholds a grab target may name instead of a body."""
        return {m.id for m in self.level.movers} | {h.id for h in self.level.handholds if h.id}

    def check_spawn(self) -> None:
        """The player's body at the spawn, against the shapes the simulation builds (closed
        hatches included: they are there at the start). A craft is judged by the disc its hull
        surely covers (half its width round its centre)."""
        level = self.level
        player = level.player
        deepest, where = SPAWN_OVERLAP, None
        for obstacle in static_obstacles(level, frozenset(h.id for h in level.hatches if h.open)):
            depth = self.radius - obstacle_distance(obstacle, *player.spawn)
            if depth > deepest:
                deepest, where = depth, obstacle
        if where is None:
            return
        what = f"{where.section}[{where.index}]"
        if where.section == "hatches":
            what += f" (hatch '{level.hatches[where.index].id}', closed at the start)"
        size = (
            f"{_m(player.craft_size[0])} by {_m(player.craft_size[1])}"
            if player.mode == "craft"
            else f"{_m(self.width)} across"
        )
        how = "with its centre in it" if deepest >= self.radius else f"{_m(deepest)} deep in it"
        self.report(
            "player",
            None,
            "spawn",
            f"the spawn is inside {what}: {_who(level)} ({size}) starts {how}",
        )

    # -- warnings -------------------------------------------------------------------------

    def check_hatchways(self) -> None:
        """A hatchway's width is the widest body that fits on the door's line between the
        geometry on either side (walls and solids: the door itself is open)."""
        walls = [(o, _box(o)) for o in self.obstacles if o.section != "hatches"]
        need = self.width + CLEARANCE
        budget = HATCH_BUDGET
        for index, hatch in enumerate(self.level.hatches):
            (ax, ay), (bx, by) = hatch.start, hatch.end
            length = math.hypot(bx - ax, by - ay)
            # Only geometry within the width that matters of the door's line can narrow it.
            x0, y0 = min(ax, bx) - need, min(ay, by) - need
            x1, y1 = max(ax, bx) + need, max(ay, by) + need
            near = [o for o, b in walls if b[0] <= x1 and b[2] >= x0 and b[1] <= y1 and b[3] >= y0]
            budget -= len(walls) // 10 + 1
            if not near:
                continue
            if budget < 30 * len(near):
                break  # thousands of hatches among thousands of walls: the cost stays bounded
            samples = max(2, min(int(length / 0.01), budget // (3 * len(near)) - 1, 400))
            budget -= (samples + 22) * len(near)
            width, most = _doorway_width(near, hatch.start, hatch.end, samples)
            if most >= need:
                continue
            self.narrow_hatches.append(
                (Obstacle("hatches", index, (hatch.start, hatch.end), hatch.thickness / 2.0), most)
            )
            who = _who(self.level)
            if most < self.width:
                message = (
                    f"the hatchway is {_m(width)} wide, narrower than {who} "
                    f"({_m(self.width)} across): it cannot pass"
                )
            else:
                message = (
                    f"the hatchway is {_m(width)} wide; {who} ({_m(self.width)} across) needs "
                    f"{_m(need)} ({_m(CLEARANCE)} to spare)"
                )
            self.report("hatches", index, "from", message, warning=True)

    def strict(self) -> Reachability:
        if self._strict is None:
            self._strict = self._fill(self.radius)
        return self._strict

    def roomy(self) -> Reachability:
        if self._roomy is None:
            self._roomy = self._fill(self.radius + CLEARANCE / 2.0)
        return self._roomy

    def _fill(self, radius: float, obstacles: list[Obstacle] | None = None) -> Reachability:
        level = self.level
        interest = [zone.rect for zone in level.zones]
        interest += [(i.at[0], i.at[1], i.at[0], i.at[1]) for i in level.items]
        for hold in level.handholds:
            interest.append((hold.start[0], hold.start[1], hold.end[0], hold.end[1]))
        interest = [
            (min(r[0], r[2]), min(r[1], r[3]), max(r[0], r[2]), max(r[1], r[3])) for r in interest
        ]
        obstacles = self.obstacles if obstacles is None else obstacles
        return fill(obstacles, level.world.bounds, radius, level.player.spawn, interest)

    def goals(self) -> list[_Goal]:
        """What the player must get to: every item, and the zones, handholds and bodies at rest
        that objectives name."""
        level = self.level
        craft = level.player.mode == "craft"
        reach = level.player.reach
        handholds = {h.id: h for h in level.handholds if h.id}
        bodies = {b.id: b for b in level.bodies if b.id and b.velocity == (0.0, 0.0) and not b.spin}
        goals = []
        for index, item in enumerate(level.items):
            inside = next(
                (o for o in self.obstacles if obstacle_distance(o, *item.at) < -item.radius), None
            )
            goals.append(
                _Goal(
                    ("items", index, "at"),
                    f"item '{item.id}'",
                    near=(item.at, item.at, item.radius + self.toucher),
                    inside=f"inside {inside.section}[{inside.index}]" if inside else "",
                )
            )
        for index, objective in enumerate(level.objectives):
            if objective.kind in GOAL_KINDS or (objective.kind == "deliver" and objective.item):
                zone = level.zone(objective.zone)
                where = ("objectives", index, "zone")
                goals.append(_Goal(where, f"zone '{zone.id}'", rect=zone.rect))
                continue
            if craft:
                continue  # no hands
            key = "body" if objective.kind == "deliver" else "target"
            name = getattr(objective, key)
            if objective.kind == "grab" and name in handholds:
                hold = handholds[name]
                near = (hold.start, hold.end, reach)
                goals.append(_Goal(("objectives", index, key), f"handhold '{name}'", near=near))
            elif objective.kind in ("grab", "deliver") and name in bodies:
                body = bodies[name]
                near = (body.at, body.at, reach + shape_reach(body))
                goals.append(_Goal(("objectives", index, key), f"body '{name}'", near=near))
        return goals

    def check_reachable(self) -> None:
        level = self.level
        tether = level.player.tether
        cut = any(a.do == "cut_tether" for t in level.triggers for a in t.actions)
        for goal in self.goals():
            if tether is not None and not cut:
                length = level.player.tether_length
                away = goal.distance_from(tether)
                if away > length:
                    self.report(
                        *goal.where,
                        f"{goal.name} is out of the tether's reach: it needs {_who(level)} "
                        f"{_m(away)} from the anchor, tether_length is {_m(length)} and no "
                        "trigger cuts the tether",
                        warning=True,
                    )
                    continue
            self.check_goal(goal)

    def check_goal(self, goal: _Goal) -> None:
        who = _who(self.level)
        strict = self.strict()
        run = goal.find(strict)
        if run is None:
            self.report(
                *goal.where,
                f"{goal.name} cannot be reached from the spawn by {who} ({_m(self.width)} "
                f"across): {self.why_unreached(goal)}",
                warning=True,
            )
            return
        roomy = self.roomy()
        # The roomier body is kept further from the walls round the goal too: by as much as
        # it is fatter, which is no gap on the way.
        if goal.find(roomy, grow=CLEARANCE / 2.0) is not None:
            return
        gap = self.narrow_point(strict, roomy, run)
        if any(
            segment_distance(*gap, *o.points) < self.width + CLEARANCE
            for o, _ in self.narrow_hatches
        ):
            return  # that hatchway was reported
        self.report(
            *goal.where,
            f"{goal.name} is reached from the spawn only through a gap narrower than "
            f"{_m(self.width + CLEARANCE)} near ({_xy(gap)}): {who} is "
            f"{_m(self.width)} across and needs {_m(CLEARANCE)} to spare",
            warning=True,
        )

    def why_unreached(self, goal: _Goal) -> str:
        if goal.inside:
            return f"it is {goal.inside}"
        if goal.find(self.strict(), grow=self.radius) is not None:
            return (
                f"it is too close to the walls or solids round it (the centre keeps "
                f"{_m(self.radius)} from them)"
            )
        closed = [h for h in self.level.hatches if h.id not in self.opened]
        if closed:
            if self._unlocked is None:
                walls = [o for o in self.obstacles if o.section != "hatches"]
                self._unlocked = self._fill(self.radius, walls)
            if goal.find(self._unlocked) is not None:
                names = ", ".join(f"'{h.id}'" for h in closed)
                return (
                    f"a hatch that never opens is in the way ({names}: no open_hatch action "
                    "names it)"
                )
        narrow = [f"hatches[{o.index}]" for o, width in self.narrow_hatches if width < self.width]
        if narrow:
            return f"walls and solids shut it off ({', '.join(narrow)} too narrow to pass)"
        return "walls and solids shut it off"

    def narrow_point(self, strict: Reachability, roomy: Reachability, spot) -> Vec2:
        """Where the way to `spot` first leaves the room a body with clearance has."""
        for y, start, end in strict.path_to(spot):
            x = roomy.first_unreached(y, start, end)
            if x is not None:
                return (x, y)
        return (spot[2], strict.line_y(spot[0]))
