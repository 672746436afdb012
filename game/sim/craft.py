"""A spacecraft the player flies (the Soyuz): a main engine along its nose, weak RCS jets to
translate and to turn, and real rotational inertia: nothing stops a spin but a counter-burn.
Declared by a level with `[player] mode = "craft"`; it has no hands, so no grabbing."""

from __future__ import annotations

import math

import pymunk

from game.levels.model import PlayerSpec
from game.sim.astronaut import Astronaut
from game.sim.physics import add_velocity
from game.sim.tick_input import TickInput

RCS_FRACTION = 0.25  # RCS translation thrust as a share of the main engine's
MAX_SPIN = math.radians(90.0)  # rad/s: the RCS stops adding spin beyond this


class Craft(Astronaut):
    def _make_body(self, spec: PlayerSpec) -> tuple[pymunk.Body, pymunk.Shape]:
        length, width = spec.craft_size
        self.radius = length / 2.0  # for the camera and the HUD: how big it is
        body = pymunk.Body(self.mass, pymunk.moment_for_box(self.mass, (length, width)))
        return body, pymunk.Poly.create_box(body, (length, width), radius=0.05)

    def reachable(self, world):
        return None  # no hands

    def apply_input(self, world, inp: TickInput) -> bool:
        self.aim = (0.0, 0.0)
        self.thrust_vector = (0.0, 0.0)
        if not (inp.move_x or inp.move_y or inp.turn):
            return False  # coasting: nothing fires, and nothing needs reading
        angle = self.body.angle
        nose = (math.cos(angle), math.sin(angle))
        left = (-nose[1], nose[0])
        move_x, move_y = inp.move_vector()
        # Main engine forward; RCS for braking and sideways.
        forward = move_y if move_y > 0.0 else move_y * RCS_FRACTION
        sideways = -move_x * RCS_FRACTION
        ax = (nose[0] * forward + left[0] * sideways) * self.spec.thrust
        ay = (nose[1] * forward + left[1] * sideways) * self.spec.thrust
        dt = self._dt
        wanted = math.hypot(ax, ay) * dt
        if wanted > 0.0 and self.propellant > 0.0:
            delta_v = min(wanted, self.propellant)
            self.propellant = max(0.0, self.propellant - delta_v)
            scale = delta_v / wanted
            add_velocity(self.body, ax * dt * scale, ay * dt * scale)
            self.thrust_vector = (ax * scale / self.spec.thrust, ay * scale / self.spec.thrust)
        self._rcs_turn(inp.turn / 100.0)
        return False  # (no hands: what step.py asks of a quiet tick is of no use here)

    def _rcs_turn(self, turn: float) -> None:
        if turn == 0.0 or self.propellant <= 0.0:
            return
        omega = self.body.angular_velocity
        change = math.radians(self.spec.turn_accel) * turn * self._dt
        if abs(omega + change) > MAX_SPIN and abs(omega + change) > abs(omega):
            return
        # The jets sit at the hull's ends: a spin change costs the delta-v those jets give.
        cost = abs(change) * self.radius
        if cost > self.propellant:
            change *= self.propellant / cost
            cost = self.propellant
        self.propellant = max(0.0, self.propellant - cost)
        self.body.angular_velocity = omega + change
