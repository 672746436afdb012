"""The astronaut: grab and push off, thrust on a delta-v budget, turn, carry and throw.

Every action is an impulse between two bodies (or a joint), so momentum is conserved exactly:
a push or throw applies +J to one body and -J to the other, and a fixed anchor (the station)
simply absorbs its share."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pymunk

from game.levels.model import PlayerSpec
from game.sim.constants import CT_ASTRONAUT, TICK
from game.sim.events import SimEvent
from game.sim.physics import add_velocity, impulse_scale, nearest_point_on_segment, reduced_mass
from game.sim.tick_input import TickInput

RADIUS = {"iva": 0.35, "eva": 0.45}
MAX_SPIN = 2.5  # rad/s at full turn input
SPIN_ACCEL = 10.0  # rad/s^2 the reaction wheel can give
AIM_DEADZONE = 0.2  # below this the release is a plain let-go, not a push
PLAYER_GROUP = 1  # shape filter group: the astronaut never collides with what it carries
SEPARATE_TICKS = 30  # after a throw, ticks before the object collides with its thrower again
CARRY_PULL_SPEED = 3.0  # m/s at which a picked-up object is drawn into the hand
CARRY_MAX_FORCE = 4000.0  # N


def _release_aim(move: tuple[float, float], last_aim: tuple[float, float]):
    """The aim of a push or throw: this tick's direction, or the last tick's if the player let
    go of the direction keys on the same frame as the button."""
    if math.hypot(*move) >= AIM_DEADZONE:
        return move
    return last_aim


@dataclass
class Hold:
    """The astronaut holding on to something: a handhold (static) or a free body."""

    target: pymunk.Body
    joint: pymunk.Constraint
    point: tuple[float, float]  # world point grabbed, at the moment of grabbing
    label: str
    target_id: str  # id of the handhold, body or mover ('' if it has none)


@dataclass
class Reachable:
    distance: float
    point: tuple[float, float]
    body: pymunk.Body
    label: str
    carryable: bool
    target_id: str


class Astronaut:
    def __init__(self, space: pymunk.Space, spec: PlayerSpec):
        self.spec = spec
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
        self._separating: list[tuple[pymunk.Shape, pymunk.ShapeFilter, int]] = []

    def _make_body(self, spec: PlayerSpec) -> tuple[pymunk.Body, pymunk.Shape]:
        self.radius = RADIUS[spec.mode]
        body = pymunk.Body(self.mass, pymunk.moment_for_circle(self.mass, 0.0, self.radius))
        return body, pymunk.Circle(body, self.radius)

    # -- per tick -----------------------------------------------------------------------------

    def apply_input(self, world, inp: TickInput) -> None:
        move = inp.move_vector()
        last_aim = self.aim
        self.thrust_vector = (0.0, 0.0)
        self.aim = (0.0, 0.0)
        # Holding on (grab) or holding a throw turns the move axes into an aim: no thrust then,
        # nor on the tick the push or throw happens.
        aiming = False
        if self.hold is not None:
            aiming = True
            if inp.grab:
                self.aim = move
            else:
                self._release(world, _release_aim(move, last_aim))
        elif inp.grab:
            self._try_grab(world)
            aiming = self.hold is not None
        if self.carried is not None:
            if inp.throw:
                self.aim = move
                aiming = True
            elif self._prev_throw:
                self._throw(world, _release_aim(move, last_aim))
                aiming = True
        if not aiming:
            self._thrust(move)
        self._prev_throw = inp.throw
        self._turn(inp.turn / 100.0)
        self._restore_separated(world.tick)

    def _thrust(self, move: tuple[float, float]) -> None:
        mx, my = move
        strength = math.hypot(mx, my)
        if strength == 0.0 or self.propellant <= 0.0:
            return
        wanted = self.spec.thrust * TICK * strength
        delta_v = min(wanted, self.propellant)
        self.propellant = max(0.0, self.propellant - delta_v)
        ux, uy = mx / strength, my / strength
        add_velocity(self.body, ux * delta_v, uy * delta_v)
        self.thrust_vector = (
            ux * delta_v / (self.spec.thrust * TICK or 1.0),
            uy * delta_v / (self.spec.thrust * TICK or 1.0),
        )

    def _turn(self, turn: float) -> None:
        # A reaction wheel: turn input sets a target spin and the wheel steers towards it, so
        # letting go of the key also stops the spin.
        target = turn * MAX_SPIN
        current = self.body.angular_velocity
        step = SPIN_ACCEL * TICK
        change = max(-step, min(step, target - current))
        if change:
            self.body.angular_velocity = current + change

    # -- grabbing -----------------------------------------------------------------------------

    def reachable(self, world) -> Reachable | None:
        """The nearest thing a hand can reach right now, or None."""
        cx, cy = self.body.position
        reach = self.spec.reach
        best: Reachable | None = None
        for hold in world.level.handholds:
            px, py = nearest_point_on_segment(cx, cy, *hold.start, *hold.end)
            distance = math.hypot(px - cx, py - cy)
            if distance <= reach and (best is None or distance < best.distance):
                label = hold.label or "handrail"
                best = Reachable(distance, (px, py), self.space.static_body, label, False, hold.id)
        query_filter = pymunk.ShapeFilter(group=PLAYER_GROUP)
        for info in self.space.point_query((cx, cy), reach, query_filter):
            body = info.shape.body
            entity = world.entity_for(body)
            if entity is None or body is self.carried or not entity.grabbable:
                continue
            if entity.carryable and self.carried is not None:
                continue
            distance = max(0.0, info.distance)
            if best is None or distance < best.distance:
                best = Reachable(
                    distance, tuple(info.point), body, entity.label, entity.carryable, entity.id
                )
        return best

    def _try_grab(self, world) -> None:
        target = self.reachable(world)
        if target is None:
            return
        if target.carryable:
            self._pick_up(world, target)
            return
        center = tuple(self.body.position)
        # Pin the astronaut's centre where it is relative to the target: catching a rail
        # stops you there, and you can still turn in place to line up a push.
        joint = pymunk.PivotJoint(self.body, target.body, center)
        joint.collide_bodies = False
        self.space.add(joint)
        self.hold = Hold(target.body, joint, target.point, target.label, target.target_id)
        world.emit(SimEvent("grab", target.point[0], target.point[1], text=target.label))

    def _release(self, world, aim: tuple[float, float]) -> None:
        hold = self.hold
        assert hold is not None
        self.space.remove(hold.joint)
        self.hold = None
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
            self._separating.append((shape, pymunk.ShapeFilter(), world.tick + SEPARATE_TICKS))
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
