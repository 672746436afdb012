"""A simple autopilot: reads the world each tick and returns the TickInput a player would give.

It follows a route of waypoints. At a `grab` waypoint it catches the nearest handhold at the
moment of closest approach (which pins the astronaut there), optionally waits or holds USE
(a repair), aims at the next waypoint for a few ticks and lets go with the aim held: a push-off,
which costs no propellant. A `pickup` waypoint picks up a carryable object in reach; a `throw`
waypoint throws what is carried in a given direction (to change course). Between waypoints it
coasts, and fires the thruster only to start moving or to correct its heading. Flying a craft
(the Soyuz), it turns the nose along the needed change of velocity and burns the main engine.

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
from dataclasses import dataclass, fields
from pathlib import Path

from game.sim import GRAB, NEUTRAL, RUNNING, THROW, TICK, TICK_RATE, USE, TickInput, World, step
from game.sim.craft import Craft

AXIS = 100  # full deflection of a TickInput axis
# The pilot's first input when it would otherwise wait: USE does nothing outside a repair zone,
# and the world does not start until some input comes.
START = TickInput(buttons=USE)
SETTLED_SPEED = 0.1  # m/s: a carried object moving slower than this relative to the hand


class RouteError(Exception):
    pass


@dataclass(frozen=True)
class Waypoint:
    x: float
    y: float
    grab: bool = False  # stop here on a handhold and push off towards the next waypoint
    radius: float = 0.3  # a pass-through waypoint counts as reached this close
    hold_seconds: float = 0.0  # after grabbing: wait this long (a hatch opening, an arm passing)
    use_seconds: float = 0.0  # after grabbing: hold USE this long (a repair)
    pickup: bool = False  # pick up the carryable object in reach here
    throw: tuple[float, float] | None = None  # throw what is carried this way, here
    cruise: float | None = None  # m/s to aim for on the way here (else the pilot's cruise)


_ROUTE_KEYS = {f.name for f in fields(Waypoint)} - {"x", "y"} | {"at"}


def load_route(path: Path) -> tuple[Waypoint, ...]:
    """A route file: [[waypoints]] tables with at = [x, y] and the optional Waypoint fields."""
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
            unknown = set(item) - _ROUTE_KEYS
            if unknown:
                raise RouteError(f"{path}: waypoint {number}: unknown {sorted(unknown)}")
            x, y = item["at"]
            throw = item.get("throw")
            route.append(
                Waypoint(
                    float(x),
                    float(y),
                    bool(item.get("grab", False)),
                    float(item.get("radius", 0.3)),
                    float(item.get("hold_seconds", 0.0)),
                    float(item.get("use_seconds", 0.0)),
                    bool(item.get("pickup", False)),
                    (float(throw[0]), float(throw[1])) if throw is not None else None,
                    float(item["cruise"]) if "cruise" in item else None,
                )
            )
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


def _settled_in_hand(astronaut) -> bool:
    """A picked-up object is still being drawn into the hand: a throw now would waste most of
    its push fighting that pull."""
    item = astronaut.carried
    rvx, rvy = item.velocity - astronaut.body.velocity
    return math.hypot(rvx, rvy) < SETTLED_SPEED


def _angle_diff(a: float, b: float) -> float:
    return (a - b + math.pi) % (2.0 * math.pi) - math.pi


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
        self._holding_at: Waypoint | None = None  # the grab waypoint being held at
        self._throwing = 0  # ticks spent aiming a throw
        self._threw = False  # the last tick was a throw

    @property
    def target(self) -> Waypoint:
        return self.route[min(self.index, len(self.route) - 1)]

    def __call__(self, world: World) -> TickInput:
        if world.in_opening:
            return NEUTRAL  # the level's opening plays without control: nothing to decide
        inp = self._decide(world)
        if inp.is_neutral and world.waiting:
            return START  # the world waits for a first input; a pilot that waits must say so
        return inp

    def _decide(self, world: World) -> TickInput:
        astronaut = world.astronaut
        if isinstance(astronaut, Craft):
            return self._fly_craft(world)
        px, py = astronaut.body.position
        vx, vy = astronaut.body.velocity
        target = self.target

        if astronaut.hold is not None:
            return self._while_holding(world, px, py)
        if self._held_for or self._threw:
            # Just pushed off or threw: the aim keys come up first, as a hand's do (held on,
            # they would not thrust until they had been back to neutral).
            self._held_for = 0
            self._threw = False
            return NEUTRAL

        dx, dy = target.x - px, target.y - py
        distance = math.hypot(dx, dy)
        speed = math.hypot(vx, vy)
        throwing = target.throw is not None and distance <= target.radius and astronaut.carried
        if throwing and (self._throwing or _settled_in_hand(astronaut)):
            return self._throw(target)
        if target.pickup and astronaut.carried is None:
            reach = astronaut.reachable(world)
            if reach is not None and reach.carryable:
                self.index += 1
                return TickInput(buttons=GRAB)
        elif target.grab and distance <= self.catch_tolerance:
            # Closest approach: next tick would be farther (or we are crawling at the point).
            closest = dx * vx + dy * vy <= speed * speed * TICK / 2.0
            if closest and self._handhold_in_reach(world):
                self.index += 1
                self._holding_at = target
                return TickInput(buttons=GRAB)
        elif (
            not target.grab
            and not target.pickup
            and target.throw is None
            and distance <= target.radius
            and self.index < len(self.route) - 1
        ):
            self.index += 1
            return self._decide(world)
        return self._steer(world, dx, dy, distance, speed, target.cruise or self.cruise)

    def _while_holding(self, world: World, px: float, py: float) -> TickInput:
        # Wait and/or repair, then aim at the next waypoint for a few ticks, then let go.
        self._held_for += 1
        plan = self._holding_at
        wait = round(plan.hold_seconds * TICK_RATE) if plan else 0
        use = round(plan.use_seconds * TICK_RATE) if plan else 0
        if self._held_for <= wait + use:
            buttons = GRAB | (USE if self._held_for > wait else 0)
            return TickInput(buttons=buttons)
        target = self.target
        mx, my = _axes(*_unit(target.x - px, target.y - py))
        buttons = GRAB if self._held_for <= wait + use + self.aim_ticks else 0
        return TickInput(mx, my, 0, buttons)

    def _throw(self, target: Waypoint) -> TickInput:
        self._throwing += 1
        mx, my = _axes(*_unit(*target.throw))
        if self._throwing <= 2:
            return TickInput(mx, my, 0, THROW)
        self._throwing = 0
        self._threw = True
        self.index += 1
        return TickInput(mx, my)  # letting go of THROW throws

    def _handhold_in_reach(self, world: World) -> bool:
        reach = world.astronaut.reachable(world)
        return reach is not None and not reach.carryable

    def _steer(self, world, dx, dy, distance, speed, cruise) -> TickInput:
        astronaut = world.astronaut
        if astronaut.propellant <= 0.0:
            return NEUTRAL
        if distance < self.steer_beyond and speed > 0.5 * cruise:
            return NEUTRAL  # close: coast in rather than chase the point with the thruster
        ux, uy = _unit(dx, dy)
        wanted = max(speed, cruise)
        vx, vy = astronaut.body.velocity
        ex, ey = ux * wanted - vx, uy * wanted - vy
        error = math.hypot(ex, ey)
        if error <= self.deadband:
            return NEUTRAL
        per_tick = astronaut.spec.thrust * TICK
        scale = error / per_tick if per_tick > 0 else 1.0
        mx, my = _axes(*_unit(ex, ey), scale)
        return TickInput(mx, my)

    # -- a craft: point the nose along the velocity change needed, then burn ------------------

    def craft_velocity_error(self, craft) -> tuple[float, float]:
        """The change of velocity the craft needs to head for the current waypoint at its
        cruise speed (what the pilot turns the nose along and burns)."""
        target = self.target
        px, py = craft.body.position
        dx, dy = target.x - px, target.y - py
        distance = math.hypot(dx, dy)
        cruise = target.cruise or self.cruise
        # Arrive slowly enough to stop at the last waypoint; pass through the others.
        if self.index >= len(self.route) - 1:
            cruise = min(cruise, math.sqrt(max(0.0, 2.0 * craft.spec.thrust * 0.5 * distance)))
        ux, uy = _unit(dx, dy)
        vx, vy = craft.body.velocity
        return ux * cruise - vx, uy * cruise - vy

    def _fly_craft(self, world: World) -> TickInput:
        craft = world.astronaut
        body = craft.body
        px, py = body.position
        target = self.target
        dx, dy = target.x - px, target.y - py
        distance = math.hypot(dx, dy)
        if distance <= target.radius and self.index < len(self.route) - 1:
            self.index += 1
            return self._fly_craft(world)
        ex, ey = self.craft_velocity_error(craft)
        error = math.hypot(ex, ey)
        wanted_angle = math.atan2(ey, ex) if error > self.deadband else body.angle
        off = _angle_diff(wanted_angle, body.angle)
        # PD on the heading: aim for a spin proportional to the angle still to turn.
        spin_wanted = max(-1.0, min(1.0, 1.5 * off))
        spin_error = spin_wanted - body.angular_velocity
        accel = math.radians(craft.spec.turn_accel) * TICK
        turn = 0
        if abs(spin_error) > accel / 2:
            turn = max(-AXIS, min(AXIS, round(spin_error / accel * AXIS)))
        burn = 0
        if error > self.deadband and abs(off) < math.radians(12):
            per_tick = craft.spec.thrust * TICK
            burn = max(1, min(AXIS, round(error / per_tick * AXIS)))
        if craft.propellant <= 0.0:
            return NEUTRAL
        return TickInput(0, burn, turn, 0)


def fly(world: World, route, max_ticks: int = 120 * 120, **options) -> list[TickInput]:
    """Fly `world` along `route` until the run ends or max_ticks; return the inputs given."""
    pilot = Autopilot(route, **options)
    inputs = []
    while world.status == RUNNING and world.tick < max_ticks:
        inp = pilot(world)
        inputs.append(inp)
        step(world, inp)
    return inputs
