"""A simple autopilot: reads the world each tick and returns the TickInput a player would give.

It follows a route of waypoints. At a `grab` waypoint it catches the nearest handhold at the
moment of closest approach (which pins the astronaut there), aims at the next waypoint for a
few ticks and lets go with the aim held: a push-off, which costs no propellant. Between
waypoints it coasts, and fires the thruster only to start moving or to correct its heading.

Routes are data (levels/solutions/<level-id>.route.toml), so a change to the physics re-records
every solution with one command (`python -m game.speedrun.solutions`) instead of by hand.

It only reads the world (position, velocity, what is within reach) and never changes it, so the
inputs it produces can be recorded and replayed: this is how solution replays are made.

    pilot = Autopilot(load_route(path))
    while world.status == RUNNING:
        step(world, pilot(world))
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from pathlib import Path

from game.sim import GRAB, NEUTRAL, RUNNING, TICK, TickInput, World, step

AXIS = 100  # full deflection of a TickInput axis


class RouteError(Exception):
    pass


@dataclass(frozen=True)
class Waypoint:
    x: float
    y: float
    grab: bool = False  # stop here on a handhold and push off towards the next waypoint
    radius: float = 0.3  # a pass-through waypoint counts as reached this close


def load_route(path: Path) -> tuple[Waypoint, ...]:
    """A route file: [[waypoints]] tables with at = [x, y], and optional grab and radius."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RouteError(f"{path}: {exc}") from None
    raw = data.get("waypoints")
    if not isinstance(raw, list) or not raw:
        raise RouteError(f"{path}: needs [[waypoints]]")
    route = []
    for number, item in enumerate(raw):
        try:
            (x, y), grab = item["at"], item.get("grab", False)
            radius = item.get("radius", 0.3)
            route.append(Waypoint(float(x), float(y), bool(grab), float(radius)))
        except (KeyError, TypeError, ValueError):
            raise RouteError(f"{path}: waypoint {number} needs at = [x, y]") from None
    return tuple(route)


def _unit(dx: float, dy: float) -> tuple[float, float]:
    length = math.hypot(dx, dy)
    return (0.0, 0.0) if length == 0.0 else (dx / length, dy / length)


def _axes(ux: float, uy: float, scale: float = 1.0) -> tuple[int, int]:
    """A direction as integer axes. Full deflection on the larger axis keeps the angle precise."""
    biggest = max(abs(ux), abs(uy))
    if biggest == 0.0:
        return 0, 0
    k = AXIS * min(1.0, scale) / biggest
    return round(ux * k), round(uy * k)


class Autopilot:
    def __init__(
        self,
        route,
        *,
        cruise: float = 0.6,  # m/s the thruster aims for when it has to get moving
        aim_ticks: int = 3,  # ticks spent holding on and aiming before letting go
        steer_beyond: float = 1.0,  # m: closer than this to a waypoint it stops correcting
        deadband: float = 0.05,  # m/s of velocity error it tolerates without thrusting
        catch_tolerance: float = 0.25,  # m: how far off a grab waypoint it still grabs
    ):
        self.route = list(route)
        self.index = 0
        self.cruise = cruise
        self.aim_ticks = aim_ticks
        self.steer_beyond = steer_beyond
        self.deadband = deadband
        self.catch_tolerance = catch_tolerance
        self._held_for = 0

    @property
    def target(self) -> Waypoint:
        return self.route[min(self.index, len(self.route) - 1)]

    def __call__(self, world: World) -> TickInput:
        astronaut = world.astronaut
        px, py = astronaut.body.position
        vx, vy = astronaut.body.velocity
        target = self.target

        if astronaut.hold is not None:
            # Aim at the next waypoint for a few ticks, then let go with the aim held.
            self._held_for += 1
            mx, my = _axes(*_unit(target.x - px, target.y - py))
            buttons = GRAB if self._held_for <= self.aim_ticks else 0
            return TickInput(mx, my, 0, buttons)
        self._held_for = 0

        dx, dy = target.x - px, target.y - py
        distance = math.hypot(dx, dy)
        speed = math.hypot(vx, vy)
        if target.grab and distance <= self.catch_tolerance:
            # Closest approach: next tick would be farther (or we are crawling at the point).
            closest = dx * vx + dy * vy <= speed * speed * TICK / 2.0
            if closest and self._handhold_in_reach(world):
                self.index += 1
                return TickInput(buttons=GRAB)
        elif not target.grab and distance <= target.radius and self.index < len(self.route) - 1:
            self.index += 1
            return self(world)
        return self._steer(world, dx, dy, distance, speed)

    def _handhold_in_reach(self, world: World) -> bool:
        reach = world.astronaut.reachable(world)
        return reach is not None and not reach.carryable

    def _steer(self, world: World, dx: float, dy: float, distance: float, speed: float):
        astronaut = world.astronaut
        if astronaut.propellant <= 0.0:
            return NEUTRAL
        if distance < self.steer_beyond and speed > 0.5 * self.cruise:
            return NEUTRAL  # close: coast in rather than chase the point with the thruster
        ux, uy = _unit(dx, dy)
        wanted = max(speed, self.cruise)
        vx, vy = astronaut.body.velocity
        ex, ey = ux * wanted - vx, uy * wanted - vy
        error = math.hypot(ex, ey)
        if error <= self.deadband:
            return NEUTRAL
        per_tick = astronaut.spec.thrust * TICK
        scale = error / per_tick if per_tick > 0 else 1.0
        mx, my = _axes(*_unit(ex, ey), scale)
        return TickInput(mx, my)


def fly(world: World, route, max_ticks: int = 120 * 120, **options) -> list[TickInput]:
    """Fly `world` along `route` until the run ends or max_ticks; return the inputs given."""
    pilot = Autopilot(route, **options)
    inputs = []
    while world.status == RUNNING and world.tick < max_ticks:
        inp = pilot(world)
        inputs.append(inp)
        step(world, inp)
    return inputs
