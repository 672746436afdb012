"""A simulated player: the solution route flown the way a person plays it.

The autopilot (game/speedrun/autopilot.py) is a perfect player: it reads the world every tick,
grabs at the exact tick of closest approach and lets go after three ticks of aim. A person
cannot. `SimulatedPlayer` keeps the autopilot as the player's intent (where to go, when to
grab, which way to push) and puts a person between that intent and the game:

- Reaction delay (150-300 ms, drawn per player). Reaction time is a delay of the whole
  see-decide-press loop, and where it sits in the loop does not change the loop, so it is
  modelled where it shows: after a catch the push comes no sooner than a reaction time plus
  the line-up; after every push, throw or thrust burst the player watches its result that
  long before correcting; a missed grab or a push that went nowhere is noticed that late.
  Motion a person can see coming (their own drift towards a handhold, a crew member floating
  on their path) is anticipated instead: a grab is not delayed by the reaction time, only
  made imprecise by the timing error below, and a push waits until the movers on its way
  will be clear (`_push_clear`), as a person watching them would.
- Aim error: each push, throw and thrust burst goes a few degrees off (gaussian, sigma drawn
  per player) and stays off for the whole press (a bias, not jitter).
- Timing error: a grab or pickup is pressed late by the positive half of a gaussian (an early
  press is held until the hand reaches, and the game grabs the moment something is in reach,
  so it counts as on time); a thrust burst and a repair's USE are let go late by the same; a
  wait for a crew member ends early or late; the direction key is let go a few ticks after
  the grab key, and sometimes before it (then how much aim the push keeps is the game's rule).
- No frame-perfect input: every press lasts at least a few ticks, and lining up a push takes
  0.1-0.3 s instead of the autopilot's three ticks.
- Hesitation: now and then a pause before a push-off.
- A craft (the Soyuz) is flown with keys by `CraftPilot`: the nose pointed by eye, turns
  stopped short or overshot, burns let go early or late, a reaction time after each.

Everything random comes from `random.Random(seed)`; the wall clock is never read, so a run is
a pure function of (level, route, seed). With `PERFECT` (no delay, no error, not watching
movers) the player gives the autopilot's inputs tick for tick.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from game.sim import GRAB, NEUTRAL, THROW, TICK, TICK_RATE, USE, TickInput, World
from game.sim.craft import Craft
from game.speedrun.autopilot import AXIS, Autopilot

REACTION_TICKS = (18, 36)  # 150-300 ms at 120 Hz
AIM_SIGMA_DEGREES = (2.0, 5.0)
TIMING_SIGMA_TICKS = (2.0, 6.0)  # 17-50 ms
MIN_PRESS_TICKS = (4, 8)  # the shortest press a person makes: 33-67 ms
LINE_UP_TICKS = (12, 36)  # holding on and aiming before letting go: 0.1-0.3 s
RELEASE_SKEW_MEAN_TICKS = 3.0  # the direction key is usually let go after the grab key
HESITATION_CHANCE = 0.1  # per push-off
HESITATION_MEAN_TICKS = 60  # 0.5 s
WAIT_TIMING_FACTOR = 2.0  # judging when a moving crew member is clear: twice the press error
THROW_TICKS = 2  # the autopilot's own THROW hold before it lets go
GATE_GIVE_UP_TICKS = 10 * TICK_RATE  # waiting longer than this for a clear way, go anyway
GATE_MARGIN = 0.15  # m kept between the astronaut and a mover's box
GATE_STEP_TICKS = 4  # the predicted flight is checked this often
LOST_PUSH_SPEED = 0.25  # of the push speed: slower than this after a push-off, it went nowhere
# Flying a craft (CraftPilot): the person's own aim, timing and reaction, applied to keys.
CRAFT_DEADBAND = 0.2  # m/s: a smaller error in the velocity is not seen as one
LINE_UP_DEGREES = 4.0  # the nose looks on the heading this close: burn
SPIN_SEEN = 2.0  # degrees/s: a slower spin of the nose is not noticed
SPIN_CAP = 50.0  # degrees/s: the fastest spin a person starts a turn up to
STEER_ERROR_PER_AIM_DEGREE = 0.05  # misjudged stopping angle, a fraction, per degree of aim sigma
BURN_TIMING_FACTOR = 4.0  # judging a burn's end by the speed: four times the press error


@dataclass(frozen=True)
class HumanProfile:
    """One simulated person: the size of their delays and errors."""

    reaction_ticks: int
    aim_sigma_degrees: float
    timing_sigma_ticks: float
    min_press_ticks: int
    line_up_ticks: int  # 0: as long as the autopilot
    release_skew_mean_ticks: float
    hesitation_chance: float
    hesitation_mean_ticks: float
    watches_movers: bool = True  # holds a push until moving crew and arms will be clear

    @classmethod
    def draw(cls, rng: random.Random) -> HumanProfile:
        return cls(
            reaction_ticks=rng.randint(*REACTION_TICKS),
            aim_sigma_degrees=rng.uniform(*AIM_SIGMA_DEGREES),
            timing_sigma_ticks=rng.uniform(*TIMING_SIGMA_TICKS),
            min_press_ticks=rng.randint(*MIN_PRESS_TICKS),
            line_up_ticks=rng.randint(*LINE_UP_TICKS),
            release_skew_mean_ticks=RELEASE_SKEW_MEAN_TICKS,
            hesitation_chance=HESITATION_CHANCE,
            hesitation_mean_ticks=HESITATION_MEAN_TICKS,
        )

    def scaled(self, factor: float) -> HumanProfile:
        """The same person with delays and errors multiplied by `factor` (for comparisons)."""
        return HumanProfile(
            reaction_ticks=round(self.reaction_ticks * factor),
            aim_sigma_degrees=self.aim_sigma_degrees * factor,
            timing_sigma_ticks=self.timing_sigma_ticks * factor,
            min_press_ticks=max(1, round(self.min_press_ticks * factor)),
            line_up_ticks=round(self.line_up_ticks * factor),
            release_skew_mean_ticks=self.release_skew_mean_ticks * factor,
            hesitation_chance=min(1.0, self.hesitation_chance * factor),
            hesitation_mean_ticks=self.hesitation_mean_ticks * factor,
            watches_movers=self.watches_movers,
        )

    @property
    def is_perfect(self) -> bool:
        """No delay, no error, no shortest press: the autopilot's own inputs."""
        return (
            self.reaction_ticks == 0
            and self.aim_sigma_degrees == 0.0
            and self.timing_sigma_ticks == 0.0
            and self.min_press_ticks <= 1
        )


PERFECT = HumanProfile(0, 0.0, 0.0, 1, 0, 0.0, 0.0, 0.0, watches_movers=False)


def rotate_axes(move_x: int, move_y: int, degrees: float) -> tuple[int, int]:
    """Integer axes turned by `degrees`, keeping their strength; unchanged for 0 or no input."""
    if degrees == 0.0 or (move_x == 0 and move_y == 0):
        return move_x, move_y
    strength = min(1.0, math.hypot(move_x, move_y) / AXIS)
    angle = math.atan2(move_y, move_x) + math.radians(degrees)
    ux, uy = math.cos(angle), math.sin(angle)
    k = AXIS * strength / max(abs(ux), abs(uy))  # full deflection on the larger axis
    clamp = lambda v: max(-AXIS, min(AXIS, round(v)))  # noqa: E731
    return clamp(ux * k), clamp(uy * k)


class SimulatedPlayer:
    """Call it once per tick like the autopilot: player(world) -> TickInput.

    It reads and sets two of the autopilot's private fields (`_holding_at`, `_held_for`) to
    take over an aim-and-release and hand the route back after it; the autopilot itself is
    unchanged, so solution recording is unchanged."""

    def __init__(self, route, profile: HumanProfile, rng: random.Random):
        self.pilot = Autopilot(route)
        self.profile = profile
        self.rng = rng
        self.plan: list[TickInput] = []  # inputs already decided, given before anything else
        self.refractory = 0  # ticks left watching a result before the next correction
        self.burst: TickInput | None = None  # the thrust being held
        self.burst_intent: TickInput | None = None  # what the autopilot asked for at its start
        self.burst_bias = 0.0  # its aim error, degrees
        self.burst_ticks = 0
        self.burst_tail: int | None = None  # ticks it goes on after the intent stopped
        self.press: str | None = None  # "grab" or "pickup" while pressing for one
        self.press_index = 0  # the route index to go back to if the press misses
        self.press_delay = 0
        self.press_ticks = 0
        self.release_tail: list[TickInput] = []  # the push, once the way is clear
        self.gate_aim = (0, 0)
        self.gate_waited = 0
        self.pushed_at: int | None = None  # the route index to go back to if a push fails
        self.misses = 0  # grabs and pickups that caught nothing
        self.lost_pushes = 0  # releases that lost their aim
        self.throwing = False  # THROW is down
        self.throw_bias = 0.0
        # A perfect pilot is the autopilot itself; anyone else flies a craft with the keys.
        self.craft = None if profile.is_perfect else CraftPilot(profile, rng)

    # -- errors -------------------------------------------------------------------------------

    def _aim_error(self) -> float:
        sigma = self.profile.aim_sigma_degrees
        return self.rng.gauss(0.0, sigma) if sigma else 0.0

    def _lateness(self) -> int:
        sigma = self.profile.timing_sigma_ticks
        return max(0, round(self.rng.gauss(0.0, sigma))) if sigma else 0

    def _hesitation(self) -> int:
        p = self.profile
        if p.hesitation_chance and self.rng.random() < p.hesitation_chance:
            return round(self.rng.expovariate(1.0 / p.hesitation_mean_ticks))
        return 0

    # -- per tick -----------------------------------------------------------------------------

    def __call__(self, world: World) -> TickInput:
        astronaut = world.astronaut
        if isinstance(astronaut, Craft):
            return self._fly_craft(world)
        if self.plan:
            return self.plan.pop(0)
        if self.release_tail:
            return self._at_gate(world)
        if self.pushed_at is not None:
            return self._after_push(world)
        if astronaut.hold is not None:
            self.press = None
            return self._while_holding(world)
        if self.press is not None:
            return self._pressing(world)
        return self._flying(world)

    def _flying(self, world: World) -> TickInput:
        before, waypoint = self.pilot.index, self.pilot.target
        intent = self.pilot(world)  # called every tick: it keeps the route's progress
        if intent.buttons & GRAB:
            # The autopilot chose this tick to grab or pick up: press, a little late perhaps.
            self.burst = None
            self.press = "pickup" if waypoint.pickup else "grab"
            self.press_index = before
            self.press_delay = self._lateness()
            self.press_ticks = 0
            return self._pressing(world)
        if intent.buttons & THROW:
            self.burst = None
            return self._throw(intent)
        if self.throwing:
            return self._thrown(intent)
        if intent.buttons and not (intent.move_x or intent.move_y):
            return intent  # USE to start the level, or anything else with no aim in it
        if self.burst is not None:
            return self._bursting(intent)
        if self.refractory > 0:
            self.refractory -= 1
            return NEUTRAL
        return self._start_burst(intent)

    def _start_burst(self, intent: TickInput) -> TickInput:
        if intent.is_neutral:
            return NEUTRAL
        self.burst_bias = self._aim_error()
        self.burst_intent = intent
        self.burst_ticks = 0
        self.burst_tail = None
        return self._bursting(intent)

    def _bursting(self, intent: TickInput) -> TickInput:
        # Hold the thrust while the intent asks for it in about the direction it began with;
        # let go late, and never before the shortest press is over.
        if self.burst_tail is None:
            if intent.is_neutral or _turned(intent, self.burst_intent, 45.0):
                self.burst_tail = self._lateness()
            else:
                self.burst = TickInput(*rotate_axes(intent.move_x, intent.move_y, self.burst_bias))
        if self.burst_tail is not None:
            if self.burst_tail <= 0 and self.burst_ticks >= self.profile.min_press_ticks:
                self.burst = None
                self.refractory = self.profile.reaction_ticks
                if self.refractory:
                    self.refractory -= 1
                    return NEUTRAL
                return self._start_burst(intent)
            self.burst_tail -= 1
        self.burst_ticks += 1
        return self.burst

    def _pressing(self, world: World) -> TickInput:
        astronaut = world.astronaut
        if self.press_delay > 0:
            self.press_delay -= 1
            return NEUTRAL  # coasting on, about to press
        caught = astronaut.hold is not None or (
            self.press == "pickup" and astronaut.carried is not None
        )
        if caught and self.press_ticks >= self.profile.min_press_ticks:
            self.press = None
            return self(world)
        # Press for the shortest press at least, and until it is plain that it missed.
        limit = max(self.profile.min_press_ticks, self.profile.reaction_ticks, 1)
        if not caught and self.press_ticks >= limit:
            self.press = None
            self.misses += 1
            self.pilot.index = self.press_index  # go back for it
            return self._flying(world)
        self.press_ticks += 1
        return TickInput(buttons=GRAB)

    def _while_holding(self, world: World) -> TickInput:
        # Caught: plan the whole hold at once. A person sees the catch (a reaction time), waits
        # for what the route waits for (a crew member floating clear: anticipated, so early or
        # late by a little; a repair bar filling: let go a little after it is full), lines up
        # the push while waiting, may hesitate, aims off, and lets go of the two keys at
        # slightly different times.
        p = self.profile
        waypoint = self.pilot._holding_at
        wait = round(waypoint.hold_seconds * TICK_RATE) if waypoint else 0
        use = round(waypoint.use_seconds * TICK_RATE) if waypoint else 0
        self.pilot._held_for = wait + use  # the autopilot's next answer is its aim
        intent = self.pilot(world)
        self.pilot._held_for = 10**9  # and the one after, once the hand is free, a reset
        if not (intent.move_x or intent.move_y):
            return intent  # nowhere to push to (the end of the route)
        late = 0
        if use:
            late = self._lateness()
        elif wait and p.timing_sigma_ticks:
            late = round(self.rng.gauss(0.0, WAIT_TIMING_FACTOR * p.timing_sigma_ticks))
        line_up = max(self.pilot.aim_ticks, p.line_up_ticks)
        # A push is lined up while waiting for a crew member, but only after a repair (USE and
        # the aim are both the hand on the handhold).
        ready = wait + use + late + (line_up if use else self.pilot.aim_ticks)
        go = max(p.reaction_ticks + line_up, ready)
        go += self._hesitation()
        keep = [TickInput(buttons=GRAB)] * (go - line_up)
        for tick in range(wait, min(wait + use + late, len(keep))):
            keep[tick] = TickInput(buttons=GRAB | USE)
        aim = rotate_axes(intent.move_x, intent.move_y, self._aim_error())
        aiming = [TickInput(*aim, 0, GRAB)] * line_up
        release = TickInput(*aim)
        skew = round(p.release_skew_mean_ticks)
        if p.timing_sigma_ticks:
            skew = round(self.rng.gauss(p.release_skew_mean_ticks, p.timing_sigma_ticks))
        if skew < 0:  # the direction key let go first: how much aim the game keeps is its rule
            early = min(-skew, line_up)
            aiming[line_up - early + 1 :] = [TickInput(buttons=GRAB)] * (early - 1)
            release = NEUTRAL
        self.pushed_at = self.pilot.index - 1
        self.plan = keep + aiming[:-1]
        self.release_tail = aiming[-1:] + [release] + [TickInput(*aim)] * max(0, skew)
        self.gate_aim = aim
        self.gate_waited = 0
        self.refractory = p.reaction_ticks
        return self.plan.pop(0)

    def _at_gate(self, world: World) -> TickInput:
        # Lined up: go, unless a mover will be in the way of the push (as a person watching
        # it would see); then keep aiming until the way will be clear, and go a little late.
        tail, self.release_tail = self.release_tail, []
        if (
            self.profile.watches_movers
            and self.gate_waited < GATE_GIVE_UP_TICKS
            and not _push_clear(world, self.gate_aim, self.pilot.target)
        ):
            # Keep aiming and look again a moment later.
            self.gate_waited += GATE_STEP_TICKS
            self.release_tail = tail
            self.plan = [TickInput(*self.gate_aim, 0, GRAB)] * GATE_STEP_TICKS
            return self.plan.pop(0)
        if self.gate_waited:
            self.gate_waited = 0
            tail = [tail[0]] * self._lateness() + tail
        self.plan = tail
        return self.plan.pop(0)

    def _after_push(self, world: World) -> TickInput:
        # A push that went nowhere (the aim was lost on release) is seen a reaction time later:
        # go back to the handhold and push again.
        grab_index, self.pushed_at = self.pushed_at, None
        speed = world.astronaut.body.velocity.length
        if speed < LOST_PUSH_SPEED * world.astronaut.spec.push_speed:
            self.lost_pushes += 1
            self.pilot.index = max(0, grab_index)
            self.burst = None
            self.plan = [NEUTRAL] * self.profile.reaction_ticks
        return self(world)

    def _throw(self, intent: TickInput) -> TickInput:
        # The autopilot holds THROW a couple of ticks and lets go: a person lines the throw up
        # for longer (extra ticks of the first THROW, the autopilot not asked meanwhile) and
        # a little off (its THROW ticks and its release turned by one aim error).
        if not self.throwing:
            self.throwing = True
            self.throw_bias = self._aim_error()
            extra = max(0, self.profile.line_up_ticks - THROW_TICKS)
            held = TickInput(*rotate_axes(intent.move_x, intent.move_y, self.throw_bias), 0, THROW)
            self.plan = [held] * extra
            return held
        return TickInput(*rotate_axes(intent.move_x, intent.move_y, self.throw_bias), 0, THROW)

    def _thrown(self, intent: TickInput) -> TickInput:
        # The autopilot's release of THROW (the throw itself), with the same aim error.
        self.throwing = False
        self.refractory = self.profile.reaction_ticks
        return TickInput(*rotate_axes(intent.move_x, intent.move_y, self.throw_bias))

    # -- a craft ------------------------------------------------------------------------------

    def _fly_craft(self, world: World) -> TickInput:
        # The autopilot is asked every tick (it keeps the route's progress, and it is the whole
        # answer for a perfect pilot); a person flies its intent (the change of velocity it
        # wants) with keys: turn the nose by eye, burn, let go, watch, correct.
        intent = self.pilot(world)
        if self.craft is None or world.in_opening:
            return intent
        return self.craft.keys(self.craft.decide(world, self.pilot))


class CraftPilot:
    """A person flying a craft with the keys: turn keys that start and stop a spin, a main
    engine that is on or off. The autopilot's intent (the velocity change it wants) is what
    they mean to do; how they do it is a person's:

    - Heading error: the nose is lined up by eye on the direction of the change, a few degrees
      off (the person's aim error, drawn once per manoeuvre and kept: a bias).
    - Over- and under-steer: a turn is stopped by a counter-press started where the person
      judges the spin will stop on the heading; that judgement is off by a fraction of the
      stopping angle (drawn per turn), and the counter-press is held until the spin stops, so
      the nose stops short or overshoots and another, smaller turn follows.
    - Burn timing: the engine is let go when the speed looks right, early or late by a
      gaussian (the person's timing error, times BURN_TIMING_FACTOR).
    - Reaction delay: after each burn and each turn the person watches the result a reaction
      time before the next correction.
    - No frame-perfect taps: a key stays down at least the shortest press.
    - A velocity error smaller than CRAFT_DEADBAND is not seen as one."""

    def __init__(self, profile: HumanProfile, rng: random.Random):
        self.profile = profile
        self.rng = rng
        self.mode = "watch"  # "watch", "turn" (lining up the nose), "burn"
        self.refractory = 0
        self.heading = 0.0  # radians: where this manoeuvre points the nose (a little off)
        self.steer_error = 0.0  # this turn's misjudgement of the stopping angle (a fraction)
        self.braking = False  # the counter-press of this turn is on
        self.braking_sign = 1.0  # which way the spin being stopped goes
        self.burn_early = 0  # ticks the burn is let go before (-: after) the right moment
        self.late_left: int | None = None
        self.keys_down = NEUTRAL
        self.keys_for = 0

    # -- what the person wants pressed --------------------------------------------------------

    def decide(self, world: World, pilot: Autopilot) -> TickInput:
        craft = world.astronaut
        if craft.propellant <= 0.0:
            return NEUTRAL
        if self.refractory > 0:
            self.refractory -= 1
            return NEUTRAL
        ex, ey = pilot.craft_velocity_error(craft)
        if self.mode == "burn":
            return self._burn(craft, ex, ey)
        if self.mode == "watch":
            if math.hypot(ex, ey) <= CRAFT_DEADBAND:
                return self._stop_spin(craft)
            # Pick the heading by eye once (a little off) and turn to it: the person does not
            # chase the change as it shifts during the turn, the next look corrects it.
            self.mode = "turn"
            bias = math.radians(self._gauss(self.profile.aim_sigma_degrees))
            self.heading = math.atan2(ey, ex) + bias
            self._new_turn()
        return self._turn(craft, ex, ey)

    def _gauss(self, sigma: float) -> float:
        return self.rng.gauss(0.0, sigma) if sigma else 0.0

    def _new_turn(self) -> None:
        self.braking = False
        self.steer_error = self._gauss(STEER_ERROR_PER_AIM_DEGREE * self.profile.aim_sigma_degrees)

    def _turn(self, craft, ex: float, ey: float) -> TickInput:
        body = craft.body
        off = _angle_diff(self.heading, body.angle)
        spin = body.angular_velocity
        accel = math.radians(craft.spec.turn_accel)
        if self.braking:
            if spin * self.braking_sign > accel * TICK:
                return TickInput(turn=-round(self.braking_sign) * AXIS)
            # The spin is stopped (as near as a press can): look where the nose ended up.
            self.braking = False
            self.refractory = self.profile.reaction_ticks
            if abs(off) > math.radians(LINE_UP_DEGREES):
                self._new_turn()
            return NEUTRAL
        if abs(off) <= math.radians(LINE_UP_DEGREES) and abs(spin) < math.radians(SPIN_SEEN):
            self.mode = "burn"
            self.late_left = None
            self.burn_early = round(
                self._gauss(BURN_TIMING_FACTOR * self.profile.timing_sigma_ticks)
            )
            return self._burn(craft, ex, ey)
        stopping = spin * abs(spin) / (2.0 * accel)  # the angle a counter-press stops it in
        if spin * off > 0.0 and abs(stopping) * (1.0 + self.steer_error) >= abs(off):
            self.braking = True
            self.braking_sign = 1.0 if spin > 0.0 else -1.0
            return TickInput(turn=-round(self.braking_sign) * AXIS)
        if spin * off < 0.0 or abs(spin) < math.radians(SPIN_CAP):
            return TickInput(turn=AXIS if off > 0.0 else -AXIS)
        return NEUTRAL

    def _burn(self, craft, ex: float, ey: float) -> TickInput:
        nose = (math.cos(craft.body.angle), math.sin(craft.body.angle))
        along = ex * nose[0] + ey * nose[1]
        remaining = along / (craft.spec.thrust * TICK)  # ticks of burn the person judges left
        if self.late_left is None and remaining <= max(0, self.burn_early):
            self.late_left = max(0, -self.burn_early)
        if self.late_left is not None:
            if self.late_left <= 0:
                self.mode = "watch"
                self.refractory = self.profile.reaction_ticks
                return NEUTRAL
            self.late_left -= 1
        return TickInput(0, AXIS)

    def _stop_spin(self, craft) -> TickInput:
        spin = craft.body.angular_velocity
        if abs(spin) < math.radians(SPIN_SEEN):
            return NEUTRAL
        return TickInput(turn=-AXIS if spin > 0.0 else AXIS)

    # -- the keys -----------------------------------------------------------------------------

    def keys(self, wanted: TickInput) -> TickInput:
        """What is pressed: a key once down stays down for the shortest press."""
        if wanted != self.keys_down and (
            self.keys_down.is_neutral or self.keys_for >= self.profile.min_press_ticks
        ):
            self.keys_down = wanted
            self.keys_for = 0
        self.keys_for += 1
        return self.keys_down


def _angle_diff(a: float, b: float) -> float:
    return (a - b + math.pi) % (2.0 * math.pi) - math.pi


def _mover_ahead(mover, ticks: int) -> tuple[float, float]:
    """Where a moving mover will be `ticks` from now (movers are kinematic: they follow their
    path whatever happens, so a watching person can tell)."""
    if not mover.moving or mover.total_length == 0.0:
        return tuple(mover.body.position)
    total = mover.total_length
    distance = mover.distance + mover.spec.speed * TICK * mover.direction * ticks
    mode = mover.spec.mode
    if mode == "loop":
        distance %= total
    elif mode == "pingpong":
        distance %= 2.0 * total
        if distance > total:
            distance = 2.0 * total - distance
    else:
        distance = max(0.0, min(total, distance))
    return mover.point_at(distance)


def _push_clear(world: World, aim: tuple[int, int], target) -> bool:
    """Whether a push along `aim` now reaches `target` without meeting a moving mover."""
    movers = [m for m in world.movers if m.moving]
    if not movers:
        return True
    astronaut = world.astronaut
    px, py = astronaut.body.position
    strength = math.hypot(*aim)
    if strength == 0.0:
        return True
    ux, uy = aim[0] / strength, aim[1] / strength
    speed = astronaut.spec.push_speed
    flight = math.hypot(target.x - px, target.y - py) / speed if speed > 0 else 0.0
    ticks = min(round(flight * TICK_RATE), 4 * TICK_RATE)
    reach = astronaut.radius + GATE_MARGIN
    for tick in range(0, ticks + 1, GATE_STEP_TICKS):
        ax = px + ux * speed * tick * TICK
        ay = py + uy * speed * tick * TICK
        for mover in movers:
            mx, my = _mover_ahead(mover, tick)
            if mover.spec.shape == "box":
                half_w, half_h = mover.spec.size[0] / 2, mover.spec.size[1] / 2
            else:
                half_w = half_h = mover.spec.radius
            if abs(ax - mx) < half_w + reach and abs(ay - my) < half_h + reach:
                return False
    return True


def _turned(a: TickInput, b: TickInput, degrees: float) -> bool:
    angle_a = math.atan2(a.move_y, a.move_x)
    angle_b = math.atan2(b.move_y, b.move_x)
    diff = abs((angle_a - angle_b + math.pi) % (2.0 * math.pi) - math.pi)
    return diff > math.radians(degrees)
