"""Objectives: what completes each kind, in sequence or in any order."""

from __future__ import annotations

from game.levels.model import ZoneSpec
from game.sim.events import SimEvent
from game.sim.outcomes import COMPLETED
from game.sim.tick_input import TickInput
from game.sim.world import ObjectiveState, World


def update_objectives(world: World, inp: TickInput, x: float, y: float) -> list[str] | tuple:
    """Check the active objectives; return the ids of those completed this tick."""
    active = world._active_objectives
    if active is None:
        active = world._active_objectives = _active(world)
    done = _NONE_DONE
    for objective, zone in active:
        # 'reach' is the commonest kind: checked here without a call.
        met = zone.contains(x, y) if zone is not None else _is_met(world, objective, inp, x, y)
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


def _active(world: World) -> list[tuple[ObjectiveState, ZoneSpec | None]]:
    """The objectives to check until one is completed, each with its zone if it is a 'reach'."""
    if world.level.info.order == "any":
        active = [o for o in world.objectives if not o.done]
    else:
        current = world.current_objective
        active = [current] if current is not None else []
    return [(o, world.level.zone(o.spec.zone) if o.spec.kind == "reach" else None) for o in active]


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
    index = world.objectives.index(objective)
    world.emit(SimEvent("objective", x, y, value=index, text=objective.label))
