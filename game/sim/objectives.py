"""Objectives: what completes each kind, in sequence or in any order."""

from __future__ import annotations

from game.levels.model import ZoneSpec
from game.sim.events import SimEvent
from game.sim.outcomes import COMPLETED
from game.sim.tick_input import USE, TickInput
from game.sim.world import ObjectiveState, World


def update_objectives(world: World, inp: TickInput, x: float, y: float) -> list[str] | tuple:
    """Check the active objectives; return the ids of those completed this tick."""
    active = world._active_objectives
    if active is None:
        active = active_objectives(world)
    done = _NONE_DONE
    for objective, kind, zone, needed in active:
        # The kinds checked every tick of a level are checked here without a call.
        if kind == "reach":
            met = zone.contains(x, y)
        elif kind == "collect":
            met = objective.spec.item in world.collected
        elif kind == "repair":
            if inp.buttons & USE and zone.contains(x, y):
                objective.progress_ticks += 1
            met = objective.progress_ticks >= needed
        elif kind == "grab":
            astronaut = world.astronaut
            hold = astronaut.hold
            if hold is not None and hold.target_id == objective.spec.target:
                met = True
            else:
                carried = astronaut.carried
                met = carried is not None and _is_met(world, objective, inp, x, y)
        else:
            met = _is_met(world, objective, inp, x, y)
        if met:
            _complete(world, objective, x, y)
            if not done:
                done = []
            done.append(objective.spec.id)
    if not done:
        return done
    if world.current_objective is None:
        world.status = COMPLETED
        world.finish_tick = world.tick
        if world.start_tick is None:
            world.start_tick = 0
        world.emit(SimEvent("completed", x, y))
    return done


_NONE_DONE: tuple = ()
# What can get an active objective met inside step.py's calm area, where the astronaut's
# zones and items do not change (bits; none: nothing). A 'reach' or 'collect' is met only by
# a change of those; a 'repair' progresses with USE held; a 'grab' is met only by the hand
# (the astronaut's input pass: a quiet tick leaves hold and carry as they were).
WAKE_ALWAYS = 1  # deliver, survive: checked every tick
WAKE_ON_USE = 2
WAKE_ON_HANDS = 4
_WAKES = {"reach": 0, "collect": 0, "repair": WAKE_ON_USE, "grab": WAKE_ON_HANDS}


def active_objectives(world: World) -> list[tuple[ObjectiveState, str, ZoneSpec | None, int]]:
    """The objectives to check until one is completed, each with its kind, its zone (if it
    is a reach or repair) and the ticks it needs (repair, survive). Kept on the world, with
    what can get them met in step.py's calm area (`_objectives_wake`: step.py skips them on a
    calm tick where none of that happens; they were checked on the tick that made them active,
    which is never calm)."""
    active = world._active_objectives
    if active is not None:
        return active
    if world.level.info.order == "any":
        objectives = [o for o in world.objectives if not o.done]
    else:
        current = world.current_objective
        objectives = [current] if current is not None else []
    active = [(o, o.spec.kind, _zone(world, o.spec), o.needed_ticks) for o in objectives]
    world._active_objectives = active
    wake = 0
    for _, kind, _, _ in active:
        wake |= _WAKES.get(kind, WAKE_ALWAYS)
    world._objectives_wake = wake
    return active


def _zone(world: World, spec) -> ZoneSpec | None:
    return world.level.zone(spec.zone) if spec.kind in ("reach", "repair") else None


def _is_met(world: World, objective: ObjectiveState, inp: TickInput, x: float, y: float) -> bool:
    spec = objective.spec
    kind = spec.kind
    if kind == "reach":
        return world.level.zone(spec.zone).contains(x, y)
    if kind == "repair":
        if inp.use and world.level.zone(spec.zone).contains(x, y):
            objective.progress_ticks += 1
        return objective.progress_ticks >= objective.needed_ticks
    if kind == "collect":
        return spec.item in world.collected
    if kind == "deliver":
        zone = world.level.zone(spec.zone)
        if spec.item:
            return spec.item in world.collected and zone.contains(x, y)
        entity = world.entity(spec.body)
        return entity.present and zone.contains(*entity.body.position)
    if kind == "grab":
        astronaut = world.astronaut
        if astronaut.hold is not None and astronaut.hold.target_id == spec.target:
            return True
        carried = world.entity_for(astronaut.carried) if astronaut.carried is not None else None
        return carried is not None and carried.id == spec.target
    if kind == "survive":
        objective.progress_ticks += 1
        return objective.progress_ticks >= objective.needed_ticks
    raise AssertionError(f"unknown objective kind {kind}")


def _complete(world: World, objective: ObjectiveState, x: float, y: float) -> None:
    objective.done_tick = world.tick
    world._active_objectives = None
    world._objectives_wake = WAKE_ALWAYS
    world.set_calm_area()  # none: its zones were this objective's
    index = world.objectives.index(objective)
    world.emit(SimEvent("objective", x, y, value=index, text=objective.label))
