"""The world built from a level: the pymunk space, the astronaut, bodies, movers, hatches,
items, objectives, triggers and life support."""

from __future__ import annotations

from dataclasses import dataclass, field

import pymunk

from game.levels.model import HatchSpec, Level, ObjectiveSpec, TriggerSpec, ZoneSpec
from game.sim.astronaut import Astronaut
from game.sim.constants import CAT_STATION, CT_ASTRONAUT, CT_MOVER, CT_WALL, TICK_RATE
from game.sim.craft import Craft
from game.sim.entities import Entity, Mover, make_entity, make_mover
from game.sim.events import SimEvent

RUNNING = "running"
COMPLETED = "completed"
FAILED = "failed"

FAIL_O2 = "o2"
FAIL_LOST = "lost"
FAIL_TIME = "time"
FAIL_LEVEL = "level"  # a level's own condition: a 'fail' action, with its text
FAIL_IMPACT = "impact"  # a hit took the last of the O2: the text names what hit
FAIL_MESSAGES = {
    FAIL_O2: "Out of oxygen",
    FAIL_IMPACT: "Breached by an impact",
    FAIL_LOST: "Lost in space",
    FAIL_TIME: "Out of time",
    FAIL_LEVEL: "Mission failed",
}

IMPACT_EVENT_SPEED = 0.4  # m/s; softer touches make no sound


@dataclass
class Hatch:
    spec: HatchSpec
    shape: pymunk.Segment
    open: bool


@dataclass
class ObjectiveState:
    spec: ObjectiveSpec
    done_tick: int | None = None
    progress_ticks: int = 0  # repair: ticks of USE held in the zone; survive: ticks active

    @property
    def done(self) -> bool:
        return self.done_tick is not None

    @property
    def needed_ticks(self) -> int:
        return round(self.spec.seconds * TICK_RATE)

    @property
    def progress(self) -> float:
        """0..1 for timed objectives (repair, survive), else 0 or 1."""
        if self.done:
            return 1.0
        if self.spec.kind in ("repair", "survive") and self.needed_ticks:
            return min(1.0, self.progress_ticks / self.needed_ticks)
        return 0.0

    @property
    def label(self) -> str:
        if self.spec.label:
            return self.spec.label
        spec = self.spec
        return {
            "reach": f"Reach {spec.zone}",
            "repair": f"Hold USE in {spec.zone} for {spec.seconds:g} s",
            "collect": f"Collect {spec.item}",
            "deliver": f"Bring {spec.item or spec.body} to {spec.zone}",
            "grab": f"Grab {spec.target}",
            "survive": f"Survive {spec.seconds:g} s",
        }[spec.kind]


@dataclass
class TriggerState:
    spec: TriggerSpec
    fired: bool = False
    order: int = 0  # position in the level file: triggers of one tick fire in file order


@dataclass
class World:
    level: Level
    space: pymunk.Space
    astronaut: Astronaut
    entities: list[Entity]
    movers: list[Mover]
    hatches: list[Hatch]
    objectives: list[ObjectiveState]
    triggers: list[TriggerState]
    o2: float
    o2_drain: float
    tick: int = 0
    status: str = RUNNING
    fail_reason: str | None = None
    fail_text: str = ""
    infinite_o2: bool = False  # an assist: such a run is marked assisted and never a PB
    impact_o2_lost: float = 0.0  # O2 seconds that hits have taken: named when the O2 runs out
    # Zones the step must check each tick: those that drain O2 or that 'enter' triggers name.
    watched_zones: tuple[ZoneSpec, ...] = ()
    time_limit_ticks: int | None = None
    start_tick: int | None = None  # first tick with non-neutral input: the timer starts here
    opening_ticks: int = 0  # the level's scripted opening: played without control or clock
    finish_tick: int | None = None
    collected: list[str] = field(default_factory=list)  # item ids, in the order taken
    zones_inside: set[str] = field(default_factory=set)
    pending: list = field(default_factory=list)  # (tick, trigger spec) of delayed triggers
    # Triggers by when they can fire: at a known tick (start, time), or on an event.
    triggers_at_tick: dict[int, list[TriggerState]] = field(default_factory=dict)
    triggers_on_events: list[TriggerState] = field(default_factory=list)
    events: list[SimEvent] = field(default_factory=list)
    _by_body: dict[int, Entity | Mover] = field(default_factory=dict)
    _mover_contacts: set = field(default_factory=set)  # bodies a mover touched this step
    _pinned: set = field(default_factory=set)  # ...that were also against the station

    def emit(self, event: SimEvent) -> None:
        self.events.append(event)

    def entity_for(self, body: pymunk.Body) -> Entity | Mover | None:
        return self._by_body.get(id(body))

    def entity(self, entity_id: str) -> Entity:
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(entity_id)

    def mover(self, mover_id: str) -> Mover:
        for mover in self.movers:
            if mover.id == mover_id:
                return mover
        raise KeyError(mover_id)

    def hatch(self, hatch_id: str) -> Hatch:
        for hatch in self.hatches:
            if hatch.spec.id == hatch_id:
                return hatch
        raise KeyError(hatch_id)

    @property
    def current_objective(self) -> ObjectiveState | None:
        for objective in self.objectives:
            if not objective.done:
                return objective
        return None

    @property
    def in_opening(self) -> bool:
        """The level's scripted opening is playing: input is ignored, the timer has not begun."""
        return self.status == RUNNING and self.tick < self.opening_ticks

    @property
    def waiting(self) -> bool:
        """Waiting for the player's first input (after the opening): a neutral tick is a no-op."""
        return self.status == RUNNING and self.start_tick is None and not self.in_opening

    @property
    def level_seconds(self) -> float:
        return self.tick / TICK_RATE

    @property
    def run_ticks(self) -> int:
        """Ticks on the run timer: from the first input to the finish (or to now)."""
        if self.start_tick is None:
            return 0
        end = self.finish_tick if self.finish_tick is not None else self.tick
        return end - self.start_tick

    @property
    def fail_message(self) -> str:
        if self.fail_reason is None:
            return ""
        return self.fail_text or FAIL_MESSAGES[self.fail_reason]

    def splits(self) -> list[int]:
        """Run-timer ticks at which each objective was completed so far, in completion order."""
        start = self.start_tick or 0
        return sorted(o.done_tick - start for o in self.objectives if o.done_tick is not None)

    def dynamic_bodies(self) -> list[pymunk.Body]:
        """Every moving body, in a fixed order (astronaut, bodies, movers): for hashing and
        interpolation."""
        return (
            [self.astronaut.body] + [e.body for e in self.entities] + [m.body for m in self.movers]
        )

    # -- changes that triggers make ------------------------------------------------------------

    def fail(self, reason: str, text: str = "") -> None:
        if self.status != RUNNING:
            return
        self.status = FAILED
        self.fail_reason = reason
        self.fail_text = text
        self.finish_tick = self.tick
        x, y = self.astronaut.body.position
        self.emit(SimEvent("failed", x, y, text=reason))

    def set_hatch(self, hatch: Hatch, open_: bool) -> None:
        if hatch.open == open_:
            return
        hatch.open = open_
        if open_:
            self.space.remove(hatch.shape)
        else:
            self.space.add(hatch.shape)
        x, y = hatch.shape.a
        self.emit(SimEvent("hatch", x, y, value=1.0 if open_ else 0.0, text=hatch.spec.id))

    def spawn(self, entity: Entity) -> None:
        if entity.present:
            return
        entity.present = True
        self.space.add(entity.body, *entity.shapes)
        self.emit(SimEvent("spawn", *entity.body.position, text=entity.id))


def build_world(level: Level, infinite_o2: bool = False) -> World:
    space = pymunk.Space()
    space.gravity = (0.0, 0.0)
    space.damping = 1.0  # no air: nothing slows down by itself
    space.iterations = 12
    space.collision_slop = 0.005
    for wall in level.walls:
        for a, b in wall.segments():
            _add_static(space, pymunk.Segment(space.static_body, a, b, wall.thickness / 2.0))
    for solid in level.solids:
        for part in solid.parts:
            _add_static(space, pymunk.Poly(space.static_body, part))
    hatches = []
    for spec in level.hatches:
        shape = pymunk.Segment(space.static_body, spec.start, spec.end, spec.thickness / 2.0)
        _style_static(shape)
        if not spec.open:
            space.add(shape)
        hatches.append(Hatch(spec, shape, spec.open))
    pilot_class = Craft if level.player.mode == "craft" else Astronaut
    astronaut = pilot_class(space, level.player)
    if level.player.tether is not None:
        astronaut.attach_tether(level.player.tether, level.player.tether_length)
    entities = [make_entity(spec) for spec in level.bodies]
    for entity in entities:
        if entity.spec.spawned:
            entity.present = True
            space.add(entity.body, *entity.shapes)
    movers = [make_mover(spec) for spec in level.movers]
    for mover in movers:
        space.add(mover.body, *mover.shapes)
    world = World(
        level=level,
        space=space,
        astronaut=astronaut,
        entities=entities,
        movers=movers,
        hatches=hatches,
        objectives=[ObjectiveState(spec) for spec in level.objectives],
        triggers=[TriggerState(spec, order=n) for n, spec in enumerate(level.triggers)],
        o2=level.player.o2_seconds,
        o2_drain=level.player.o2_drain,
        infinite_o2=infinite_o2,
        opening_ticks=round(level.opening.seconds * TICK_RATE),
    )
    world._by_body = {id(e.body): e for e in entities} | {id(m.body): m for m in movers}
    entered_zones = {t.zone for t in level.triggers if t.on == "enter"}
    world.watched_zones = tuple(z for z in level.zones if z.o2_drain or z.id in entered_zones)
    from game.sim.triggers import trigger_tick

    for trigger in world.triggers:
        when = trigger_tick(trigger.spec)
        if when is None:
            world.triggers_on_events.append(trigger)
        else:
            world.triggers_at_tick.setdefault(when, []).append(trigger)
    if level.info.time_limit is not None:
        world.time_limit_ticks = round(level.info.time_limit * TICK_RATE)
    _watch_impacts(world)
    if movers:
        _soften_movers(world)
    return world


def _style_static(shape: pymunk.Shape) -> None:
    shape.elasticity = 0.3
    shape.friction = 0.8
    shape.collision_type = CT_WALL
    shape.filter = pymunk.ShapeFilter(categories=CAT_STATION)


def _add_static(space: pymunk.Space, shape: pymunk.Shape) -> None:
    _style_static(shape)
    space.add(shape)


def _soften_movers(world: World) -> None:
    """A mover (kinematic: nothing stops it) would crush whatever it pins against a wall right
    through that wall. So a body found touching both a mover and the station after a step is
    'pinned', and on the next step the mover's push on it is skipped: the crew member or the
    arm slides past instead of through. (Arbiters cannot be read while the step runs, so the
    check is made between steps, by update_pinned.)"""

    def pre_solve(arbiter: pymunk.Arbiter, space, data) -> None:
        other = arbiter.shapes[1].body
        if other.body_type != pymunk.Body.DYNAMIC:
            return
        world._mover_contacts.add(other)
        if other in world._pinned:
            arbiter.process_collision = False

    world.space.on_collision(CT_MOVER, None, pre_solve=pre_solve)


def _touches_station(body: pymunk.Body) -> bool:
    found = []
    body.each_arbiter(
        lambda arbiter: found.append(
            any(shape.body.body_type == pymunk.Body.STATIC for shape in arbiter.shapes)
        )
    )
    return any(found)


def update_pinned(world: World) -> None:
    """After a step: which bodies a mover pressed while they touched the station."""
    if world._mover_contacts or world._pinned:
        world._pinned = {b for b in world._mover_contacts if _touches_station(b)}
        world._mover_contacts = set()


def _watch_impacts(world: World) -> None:
    astronaut_mass = world.astronaut.mass
    limit = world.level.player.impact_limit
    loss = world.level.player.impact_o2_loss

    def post_solve(arbiter: pymunk.Arbiter, space, data) -> None:
        if not arbiter.is_first_contact:
            return
        speed = arbiter.total_impulse.length / astronaut_mass
        if speed < IMPACT_EVENT_SPEED:
            return
        points = arbiter.contact_point_set.points
        point = points[0].point_a if points else world.astronaut.body.position
        world.emit(SimEvent("impact", point.x, point.y, value=speed))
        if limit is not None and speed > limit and not world.infinite_o2:
            damage = (speed - limit) * loss
            world.impact_o2_lost += min(damage, world.o2)
            world.o2 = max(0.0, world.o2 - damage)
            cause = _impact_cause(world, arbiter.shapes[1].body)
            world.emit(SimEvent("damage", point.x, point.y, value=damage, text=cause))
            if world.o2 <= 0.0:
                world.fail(FAIL_IMPACT, cause)

    world.space.on_collision(CT_ASTRONAUT, None, post_solve=post_solve)


def _impact_cause(world: World, other: pymunk.Body) -> str:
    """What a breach is blamed on, as the player saw it: the thing that hit, or the station."""
    hull = "Hull" if world.level.player.mode == "craft" else "Suit"
    entity = world.entity_for(other)
    if entity is None:
        return f"{hull} breached against the station"
    style = getattr(entity.spec, "style", "")
    if style in ("debris", "panel-shard"):
        return f"{hull} breached by debris"
    if isinstance(entity, Mover):
        return f"{hull} breached: struck by the {entity.label}"
    return f"{hull} breached: hit by the {entity.label}"
