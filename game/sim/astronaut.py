"""The astronaut: grab and push off, thrust on a delta-v budget, turn, carry and throw.

Every action is an impulse between two bodies (or a joint), so momentum is conserved exactly:
a push or throw applies +J to one body and -J to the other, and a fixed anchor (the station)
simply absorbs its share."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pymunk

from game.levels.model import PlayerSpec
from game.sim.constants import (
    CAT_STATION,
    COYOTE_PULL_SPEED,
    COYOTE_TICKS,
    CT_ASTRONAUT,
    GRAB_BUFFER_TICKS,
    GRAB_PULL_ACCEL,
    GRAB_PULL_MARGIN,
    GRAB_PULL_SPEED,
    RELEASE_AIM_TICKS,
)
from game.sim.events import SimEvent
from game.sim.pace import NORMAL, Pace
from game.sim.physics import (
    add_velocity,
    c_angular_velocity,
    impulse_scale,
    nearest_point_on_segment,
    reduced_mass,
)
from game.sim.tick_input import TickInput

RADIUS = {"iva": 0.35, "eva": 0.45}
MAX_SPIN = 2.5  # rad/s at full turn input
SPIN_ACCEL = 10.0  # rad/s^2 the reaction wheel can give
AIM_DEADZONE = 0.2  # below this the release is a plain let-go, not a push
PLAYER_GROUP = 1  # shape filter group: the astronaut never collides with what it carries
_IN_THE_WAY = pymunk.ShapeFilter(group=PLAYER_GROUP, mask=CAT_STATION)  # station, and bodies
SEPARATE_TICKS = 30  # after a throw, ticks before the object collides with its thrower again
CARRY_PULL_SPEED = 3.0  # m/s at which a picked-up object is drawn into the hand
CARRY_MAX_FORCE = 4000.0  # N
_NEVER = -(10**9)  # a tick long gone
_STILL = (0.0, 0.0)  # no thrust, no aim: compared by identity on the quiet tick's check


@dataclass
class Hold:
    """The astronaut holding on to something: a handhold (static) or a free body."""

    target: pymunk.Body
    joint: pymunk.Constraint
    point: tuple[float, float]  # world point grabbed, at the moment of grabbing
    label: str
    target_id: str  # id of the handhold, body or mover ('' if it has none)
    # Whether GRAB has been held since the catch: a buffered tap that catches after the button
    # went up stops the astronaut at the handhold, and the let-go after it is never a push.
    pressed: bool = True
    handhold: object = None  # the level's handhold, if it is one


@dataclass
class Reachable:
    distance: float
    point: tuple[float, float]
    body: pymunk.Body
    label: str
    carryable: bool
    target_id: str
    handhold: object = None  # the level's handhold, if it is one


class Astronaut:
    def __init__(self, space: pymunk.Space, spec: PlayerSpec, pace: Pace = NORMAL):
        self.spec = spec
        # The world's tick, and the forgiveness windows as ticks of the same world duration
        # at its speed (slow motion stretches them with everything else).
        self._dt = pace.dt
        self._grab_buffer_ticks = pace.window(GRAB_BUFFER_TICKS)
        self._coyote_ticks = pace.window(COYOTE_TICKS)
        self._release_aim_ticks = pace.window(RELEASE_AIM_TICKS)
        self._separate_ticks = pace.window(SEPARATE_TICKS)
        self.mass = spec.mass
        self.body, self.shape = self._make_body(spec)
        self.body.position = spec.spawn
        self.body.angle = math.radians(spec.angle)
        self.shape.elasticity = 0.25
        self.shape.friction = 0.7
        self.shape.collision_type = CT_ASTRONAUT
        self.shape.filter = pymunk.ShapeFilter(group=PLAYER_GROUP)
        space.add(self.body, self.shape)
        self.space = space
        self.propellant = spec.propellant
        self.hold: Hold | None = None
        self.carried: pymunk.Body | None = None
        self.carry_joint: pymunk.Constraint | None = None
        self.thrust_vector = (0.0, 0.0)  # this tick's thrust, for particles and sound
        self.aim = (0.0, 0.0)  # this tick's aim while holding, for the aim marker
        self.tether: pymunk.SlideJoint | None = None
        self._prev_throw = False
        self._grab_was_down = False
        self._grab_buffer_until = _NEVER  # last tick a tapped grab still tries to catch
        self._free_since = _NEVER  # tick of the last let-go: a late catch looks back no further
        self._left_handhold = None  # ...and the handhold let go of, which it never re-catches
        self._torn_from = None  # what the hold was torn from, not caught again while GRAB is held
        self._recent_aim = (0.0, 0.0)  # the last aim outside the dead zone...
        self._recent_aim_tick = _NEVER  # ...and its tick, for a release just after it
        # After a push or throw the move axes are still the aim: they thrust only once they
        # have come back to neutral (a key held a moment past the button is not a burn).
        self._thrust_locked = False
        self._separating: list[tuple[pymunk.Shape, pymunk.ShapeFilter, int]] = []
        # The last tick left nothing that a neutral input would change (see apply_input).
        self._quiet = False

    def _make_body(self, spec: PlayerSpec) -> tuple[pymunk.Body, pymunk.Shape]:
        self.radius = RADIUS[spec.mode]
        body = pymunk.Body(self.mass, pymunk.moment_for_circle(self.mass, 0.0, self.radius))
        return body, pymunk.Circle(body, self.radius)

    # -- per tick -----------------------------------------------------------------------------

    def apply_input(self, world, inp: TickInput) -> bool:
        """This tick's input; True if it was a quiet tick (then nothing changed at all)."""
        # Coasting with neutral input is most ticks: when the last tick left nothing pending
        # (`_quiet`: no grab held or buffered, no throw, no thrust lock, nothing separating,
        # no thrust or aim shown), nothing is held and the body does not spin, the full pass
        # below would change nothing, so it is skipped.
        if (
            self._quiet
            and not (inp.move_x or inp.move_y or inp.turn or inp.buttons)
            and self.hold is None
            and self._torn_from is None
            and not c_angular_velocity(self.body._body)
        ):
            return True
        tick = world.tick
        move = inp.move_vector()
        grab_pressed = inp.grab and not self._grab_was_down
        self._grab_was_down = inp.grab
        if not inp.grab:
            self._torn_from = None
        self.thrust_vector = _STILL
        self.aim = _STILL
        # Holding on (grab) or holding a throw turns the move axes into an aim: no thrust then,
        # nor on the tick the push or throw happens.
        aiming = False
        hold = self.hold
        if hold is not None:
            aiming = True
            if inp.grab:
                hold.pressed = True
                self._aim_with(move, tick)
            else:
                aim = self._release_aim(move, tick) if hold.pressed else (0.0, 0.0)
                self._release(world, aim)
        elif inp.grab or tick <= self._grab_buffer_until:
            self._reach_for(world, grab_pressed, inp.grab)
            aiming = self.hold is not None
        if self.carried is not None:
            if inp.throw:
                self._aim_with(move, tick)
                aiming = True
            elif self._prev_throw:
                self._throw(world, self._release_aim(move, tick))
                aiming = True
        if not aiming:
            if self._thrust_locked:
                if math.hypot(*move) >= AIM_DEADZONE:
                    move = (0.0, 0.0)
                else:
                    self._thrust_locked = False
            self._thrust(move)
        self._prev_throw = inp.throw
        self._turn(inp.turn / 100.0)
        self._restore_separated(tick)
        self._quiet = (
            self.hold is None
            and not inp.grab
            and not inp.throw
            and not self._thrust_locked
            and self.thrust_vector is _STILL
            and self.aim is _STILL
            and not self._separating
            and self._grab_buffer_until < tick + 1
        )
        return False

    def _aim_with(self, move: tuple[float, float], tick: int) -> None:
        self.aim = move
        if math.hypot(*move) >= AIM_DEADZONE:
            self._recent_aim = move
            self._recent_aim_tick = tick

    def _release_aim(self, move: tuple[float, float], tick: int) -> tuple[float, float]:
        """The aim of a push or throw: this tick's direction, or the last one aimed within
        RELEASE_AIM_TICKS if the player let go of the direction keys just before the button."""
        if math.hypot(*move) >= AIM_DEADZONE:
            return move
        if tick - self._recent_aim_tick <= self._release_aim_ticks:
            return self._recent_aim
        return (0.0, 0.0)

    def _thrust(self, move: tuple[float, float]) -> None:
        mx, my = move
        strength = math.hypot(mx, my)
        if strength == 0.0 or self.propellant <= 0.0:
            return
        dt = self._dt
        wanted = self.spec.thrust * dt * strength
        delta_v = min(wanted, self.propellant)
        self.propellant = max(0.0, self.propellant - delta_v)
        ux, uy = mx / strength, my / strength
        add_velocity(self.body, ux * delta_v, uy * delta_v)
        self.thrust_vector = (
            ux * delta_v / (self.spec.thrust * dt or 1.0),
            uy * delta_v / (self.spec.thrust * dt or 1.0),
        )

    def _turn(self, turn: float) -> None:
        # A reaction wheel: turn input sets a target spin and the wheel steers towards it, so
        # letting go of the key also stops the spin.
        target = turn * MAX_SPIN
        current = self.body.angular_velocity
        step = SPIN_ACCEL * self._dt
        change = max(-step, min(step, target - current))
        if change:
            self.body.angular_velocity = current + change

    # -- grabbing -----------------------------------------------------------------------------

    def reachable(self, world) -> Reachable | None:
        """The nearest thing a hand can reach right now, or None."""
        return self._scan(world)[0]

    def _scan(self, world) -> tuple[Reachable | None, tuple[float, float] | None]:
        """The nearest thing within reach, and the nearest handhold point just beyond it
        (within GRAB_PULL_MARGIN), found in one pass."""
        cx, cy = self.body.position
        reach = self.spec.reach
        near_limit = reach + GRAB_PULL_MARGIN
        best: Reachable | None = None
        near: tuple[float, float] | None = None
        for hold in world.level.handholds:
            px, py = nearest_point_on_segment(cx, cy, *hold.start, *hold.end)
            distance = math.hypot(px - cx, py - cy)
            if distance <= reach:
                if best is None or distance < best.distance:
                    best = self._handhold_in_reach(hold, distance, (px, py))
            elif distance <= near_limit:
                near_limit = distance
                near = (px, py)
        query_filter = pymunk.ShapeFilter(group=PLAYER_GROUP)
        for info in self.space.point_query((cx, cy), reach, query_filter):
            body = info.shape.body
            entity = world.entity_for(body)
            if entity is None or body is self.carried or not entity.grabbable:
                continue
            if body is self._torn_from:
                continue
            if entity.carryable and self.carried is not None:
                continue
            distance = max(0.0, info.distance)
            if best is None or distance < best.distance:
                best = Reachable(
                    distance, tuple(info.point), body, entity.label, entity.carryable, entity.id
                )
        return best, near

    def _handhold_in_reach(self, hold, distance: float, point) -> Reachable:
        label = hold.label or "handrail"
        static = self.space.static_body
        return Reachable(distance, point, static, label, False, hold.id, hold)

    def _reach_for(self, world, pressed: bool, held: bool) -> None:
        """GRAB is held, or was tapped within GRAB_BUFFER_TICKS: catch what is in reach; on the
        press, what left reach within COYOTE_TICKS; else draw towards a handhold just beyond
        reach, and keep a tap trying."""
        target, near = self._scan(world)
        if target is not None:
            self._grab_buffer_until = _NEVER
            self._take(world, target, held)
            return
        if pressed:
            late = self._coyote_catch(world)
            if late is not None:
                target, centre = late
                self._take(world, target, held, centre)
                return
            self._grab_buffer_until = world.tick + self._grab_buffer_ticks
        if near is not None:
            self._pull_towards(near)

    def _coyote_catch(self, world) -> tuple[Reachable, tuple[float, float]] | None:
        """The handhold that was in reach most recently within COYOTE_TICKS, with where the
        astronaut's centre was then. The way back is the straight line the velocity gives
        (handholds are static); a wall across it means a bounce, and no late catch. Worked
        out on the press alone, so coasting costs nothing."""
        reach = self.spec.reach
        cx, cy = self.body.position
        vx, vy = self.body.velocity
        looking_back = min(self._coyote_ticks, world.tick - self._free_since)
        dt = self._dt
        for ticks in range(1, looking_back + 1):
            bx, by = cx - vx * ticks * dt, cy - vy * ticks * dt
            best: Reachable | None = None
            for hold in world.level.handholds:
                if hold is self._left_handhold:
                    continue
                px, py = nearest_point_on_segment(bx, by, *hold.start, *hold.end)
                distance = math.hypot(px - bx, py - by)
                if distance <= reach and (best is None or distance < best.distance):
                    best = self._handhold_in_reach(hold, distance, (px, py))
            if best is not None:
                if self.space.segment_query_first((cx, cy), (bx, by), 0.0, _IN_THE_WAY):
                    return None
                return best, (bx, by)
        return None

    def _pull_towards(self, point: tuple[float, float]) -> None:
        """A hand reaching for a handhold just out of reach: a small velocity change towards
        it, capped in closing speed (no propellant: the station takes the reaction)."""
        cx, cy = self.body.position
        dx, dy = point[0] - cx, point[1] - cy
        distance = math.hypot(dx, dy)
        if distance == 0.0:
            return
        ux, uy = dx / distance, dy / distance
        vx, vy = self.body.velocity
        closing = vx * ux + vy * uy
        if closing >= GRAB_PULL_SPEED:
            return
        delta_v = min(GRAB_PULL_ACCEL * self._dt, GRAB_PULL_SPEED - closing)
        add_velocity(self.body, ux * delta_v, uy * delta_v)

    def _take(
        self,
        world,
        target: Reachable,
        held: bool,
        centre: tuple[float, float] | None = None,
    ) -> None:
        """Catch `target` (or pick it up). `centre`: where to hold the astronaut's centre, if
        not where it is now (a late catch draws it back there at COYOTE_PULL_SPEED)."""
        self._recent_aim_tick = _NEVER  # an aim from before this catch is not this push's
        if target.carryable:
            self._pick_up(world, target)
            return
        if centre is None:
            # Pin the astronaut's centre where it is relative to the target: catching a rail
            # stops you there, and you can still turn in place to line up a push.
            joint = pymunk.PivotJoint(self.body, target.body, tuple(self.body.position))
        else:
            anchor = tuple(target.body.world_to_local(centre))
            joint = pymunk.PivotJoint(self.body, target.body, (0.0, 0.0), anchor)
            joint.max_bias = COYOTE_PULL_SPEED
        joint.collide_bodies = False
        self.space.add(joint)
        self.hold = Hold(
            target.body,
            joint,
            target.point,
            target.label,
            target.target_id,
            pressed=held,
            handhold=target.handhold,
        )
        world.emit(SimEvent("grab", target.point[0], target.point[1], text=target.label))

    def _let_go(self, world) -> Hold:
        hold = self.hold
        assert hold is not None
        self.space.remove(hold.joint)
        self.hold = None
        self._free_since = world.tick
        self._left_handhold = hold.handhold
        return hold

    def tear_loose(self, world) -> None:
        """The hold gives (a mover dragging the astronaut against the station): no push, and
        no catching the same thing again until GRAB is pressed anew."""
        self._torn_from = self._let_go(world).target

    def _release(self, world, aim: tuple[float, float]) -> None:
        hold = self._let_go(world)
        ax, ay = aim
        strength = math.hypot(ax, ay)
        if strength < AIM_DEADZONE:
            world.emit(SimEvent("release", *hold.point))
            return
        delta_v = self.spec.push_speed * min(1.0, strength)
        mu = reduced_mass(self.mass, hold.target)
        jx, jy = ax / strength * mu * delta_v, ay / strength * mu * delta_v
        k = min(impulse_scale(self.body, (jx, jy)), impulse_scale(hold.target, (-jx, -jy)))
        jx, jy = jx * k, jy * k
        self.body.apply_impulse_at_world_point((jx, jy), self.body.position)
        if hold.target.body_type == pymunk.Body.DYNAMIC:
            # The reaction goes into what was held, at the point the hand was on it.
            contact = hold.target.local_to_world(hold.joint.anchor_b)
            hold.target.apply_impulse_at_world_point((-jx, -jy), contact)
        self._thrust_locked = True
        self._recent_aim_tick = _NEVER
        world.emit(SimEvent("push", *hold.point, value=delta_v))

    def _pick_up(self, world, target: Reachable) -> None:
        item = target.body
        hand = (self.radius + 0.15, 0.0)
        joint = pymunk.PivotJoint(self.body, item, hand, (0.0, 0.0))
        joint.max_bias = CARRY_PULL_SPEED
        joint.max_force = CARRY_MAX_FORCE
        self.space.add(joint)
        self.carried = item
        self.carry_joint = joint
        for shape in item.shapes:
            shape.filter = pymunk.ShapeFilter(group=PLAYER_GROUP)
        world.emit(SimEvent("pickup", *item.position, text=target.label))

    def _throw(self, world, aim: tuple[float, float]) -> None:
        item = self.carried
        assert item is not None and self.carry_joint is not None
        ax, ay = aim
        strength = math.hypot(ax, ay)
        if strength < AIM_DEADZONE:
            ax, ay = math.cos(self.body.angle), math.sin(self.body.angle)
            strength = 1.0
        self.space.remove(self.carry_joint)
        self.carry_joint = None
        self.carried = None
        mu = reduced_mass(self.mass, item)
        speed = self.spec.throw_speed * min(1.0, strength)
        jx, jy = ax / strength * mu * speed, ay / strength * mu * speed
        k = min(impulse_scale(item, (jx, jy)), impulse_scale(self.body, (-jx, -jy)))
        jx, jy = jx * k, jy * k
        item.apply_impulse_at_world_point((jx, jy), item.position)
        self.body.apply_impulse_at_world_point((-jx, -jy), self.body.position)
        for shape in item.shapes:
            self._separating.append(
                (shape, pymunk.ShapeFilter(), world.tick + self._separate_ticks)
            )
        self._thrust_locked = True
        self._recent_aim_tick = _NEVER
        world.emit(SimEvent("throw", *item.position, value=speed))

    def _restore_separated(self, tick: int) -> None:
        if not self._separating:
            return
        keep = []
        for shape, original, until in self._separating:
            if tick >= until:
                shape.filter = original
            else:
                keep.append((shape, original, until))
        self._separating = keep

    # -- tether -------------------------------------------------------------------------------

    def attach_tether(self, anchor: tuple[float, float], length: float) -> None:
        joint = pymunk.SlideJoint(
            self.body, self.space.static_body, (0.0, 0.0), anchor, 0.0, length
        )
        self.space.add(joint)
        self.tether = joint

    def cut_tether(self) -> bool:
        if self.tether is None:
            return False
        self.space.remove(self.tether)
        self.tether = None
        return True
