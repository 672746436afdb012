"""Advance the world by exactly one fixed tick. The one entry point of the simulation."""

from __future__ import annotations

import math

from game.sim.constants import TICK
from game.sim.events import SimEvent
from game.sim.tick_input import TickInput
from game.sim.world import COMPLETED, FAIL_LOST, FAIL_O2, FAILED, RUNNING, World


def step(world: World, inp: TickInput) -> None:
    """Apply one tick of input and advance physics, life support and objectives by TICK."""
    if world.status != RUNNING:
        return
    world.events.clear()
    if world.start_tick is None and not inp.is_neutral:
        world.start_tick = world.tick
    world.astronaut.apply_input(world, inp)
    world.space.step(TICK)
    world.tick += 1
    _life_support(world)
    _bounds(world)
    if world.status == RUNNING:
        _objectives(world)


def _fail(world: World, reason: str) -> None:
    world.status = FAILED
    world.fail_reason = reason
    world.finish_tick = world.tick
    x, y = world.astronaut.body.position
    world.emit(SimEvent("failed", x, y, text=reason))


def _life_support(world: World) -> None:
    world.o2 = max(0.0, world.o2 - world.o2_drain * TICK)
    if world.o2 <= 0.0:
        _fail(world, FAIL_O2)


def _bounds(world: World) -> None:
    if world.status != RUNNING:
        return
    x, y = world.astronaut.body.position
    x0, y0, x1, y1 = world.level.world.bounds
    if not (math.isfinite(x) and math.isfinite(y)) or not (x0 <= x <= x1 and y0 <= y <= y1):
        _fail(world, FAIL_LOST)


def _objectives(world: World) -> None:
    objective = world.current_objective
    if objective is None:
        return
    x, y = world.astronaut.body.position
    if objective.spec.kind == "reach" and world.level.zone(objective.spec.zone).contains(x, y):
        objective.done_tick = world.tick
        index = world.objectives.index(objective)
        world.emit(SimEvent("objective", x, y, value=index, text=objective.label))
        if world.current_objective is None:
            world.status = COMPLETED
            world.finish_tick = world.tick
            if world.start_tick is None:
                world.start_tick = 0
            world.emit(SimEvent("completed", x, y))
