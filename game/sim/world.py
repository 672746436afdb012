"""The world of a run: the pymunk space, the astronaut, bodies, movers, hatches, items,
objectives, triggers and life support, and the changes triggers make to it. (build.py makes
one from a level.)"""

from __future__ import annotations

from dataclasses import dataclass, field

import pymunk

from game.levels.model import HatchSpec, Level, ObjectiveSpec, TriggerSpec, ZoneSpec
from game.sim.astronaut import Astronaut
from game.sim.constants import TICK_RATE
from game.sim.entities import Entity, Mover
from game.sim.events import SimEvent
from game.sim.outcomes import FAIL_MESSAGES, FAILED, RUNNING
from game.sim.pace import NORMAL, Pace


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
    pace: Pace = NORMAL  # the world's: the spec's seconds are world seconds

    @property
    def done(self) -> bool:
        return self.done_tick is not None

    @property
    def needed_ticks(self) -> int:
        return self.pace.ticks(self.spec.seconds)

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
    pace: Pace = NORMAL  # world time per tick: slower under the slow-motion assist
    finish_tick: int | None = None
    collected: list[str] = field(default_factory=list)  # item ids, in the order taken
    zones_inside: set[str] = field(default_factory=set)
    pending: list = field(default_factory=list)  # (tick, trigger spec) of delayed triggers
    # Triggers by when they can fire: at a known tick (start, time), or on an event.
    triggers_at_tick: dict[int, list[TriggerState]] = field(default_factory=dict)
    triggers_on_events: list[TriggerState] = field(default_factory=list)
    events: list[SimEvent] = field(default_factory=list)
    _by_body: dict[int, Entity | Mover] = field(default_factory=dict)
    # Movers against the station (squeeze.py): the bodies a mover touched this step (with the
    # mover), those it slides past on the next, and those whose moves the next step checks.
    _mover_contacts: dict = field(default_factory=dict)
    _squeezed: set = field(default_factory=set)
    _guarded: set = field(default_factory=set)
    _astronaut_squeezed: bool = False
    _astronaut_touched_body: bool = False  # this step (impacts.py notes it for squeeze.py)
    # step.py's calm area: the open box x0 < x < x1, y0 < y < y1 in which no watched zone is
    # entered or left, no item comes within reach and the bounds are not crossed (nor, as
    # objectives.py says, objectives met); and the zones' O2 drain inside it.
    _calm_x0: float = 0.0
    _calm_x1: float = 0.0  # empty: the first tick checks in full
    _calm_y0: float = 0.0
    _calm_y1: float = 0.0
    _zone_drain: float = 0.0
    # The objectives update_objectives looks at (None: to be worked out again).
    _active_objectives: list | None = None
    _objectives_wake: int = 1  # ...and what can get them met in the calm area (objectives.py)
    # step.py's steady stretch of movers: ticks left in which every mover coasts along a leg
    # (those in `_coasting`) or rests.
    _movers_steady: int = 0
    _coasting: list = field(default_factory=list)
    _next_timed_tick: int = 0  # the next tick a trigger may fire at without an event

    def __post_init__(self) -> None:
        self._bounds = self.level.world.bounds

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
        """World seconds since the level's start."""
        return self.tick / TICK_RATE * self.pace.speed

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

    def set_calm_area(self, x0=0.0, x1=0.0, y0=0.0, y1=0.0) -> None:
        """step.py's calm area (by default none: the next tick checks everything)."""
        self._calm_x0, self._calm_x1, self._calm_y0, self._calm_y1 = x0, x1, y0, y1

    def movers_changed(self) -> None:
        """A mover was started or stopped: the steady stretch ends, and each coasting mover
        gets back the ticks of it it had paid for and not yet used."""
        left = self._movers_steady
        if left:
            for mover in self._coasting:
                mover._coast += left
            self._movers_steady = 0

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
