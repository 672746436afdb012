"""Triggers and their actions: a fixed vocabulary. A level file never runs code; each action
name maps to one method here."""

from __future__ import annotations

from game.levels.model import ActionSpec
from game.sim.constants import TICK_RATE
from game.sim.events import SimEvent
from game.sim.world import FAIL_LEVEL, World


def fire_triggers(world: World, entered, taken, done) -> None:
    """Run the actions of every trigger whose event happened this tick (at once, or after its
    delay), and of delayed triggers whose time has come."""
    for trigger in world.triggers:
        spec = trigger.spec
        if trigger.fired and spec.once:
            continue
        if _happened(world, spec.on, spec, entered, taken, done):
            trigger.fired = True
            if spec.delay > 0.0:
                world.pending.append((world.tick + round(spec.delay * TICK_RATE), spec))
            else:
                _run(world, spec)
    if world.pending:
        due = [spec for tick, spec in world.pending if tick <= world.tick]
        if due:
            world.pending = [(t, spec) for t, spec in world.pending if t > world.tick]
            for spec in due:
                _run(world, spec)


def _run(world: World, spec) -> None:
    for action in spec.actions:
        ACTIONS[action.do](world, action)


def _happened(world, on, spec, entered, taken, done) -> bool:
    if on == "start":
        return world.tick == 1
    if on == "time":
        return world.tick == max(1, round(spec.seconds * TICK_RATE))
    if on == "enter":
        return spec.zone in entered
    if on == "item":
        return spec.item in taken
    if on == "objective":
        return spec.objective in done
    raise AssertionError(f"unknown trigger event {on}")


def _message(world: World, action: ActionSpec) -> None:
    world.emit(SimEvent("message", value=action.seconds, text=action.text, who=action.who))


def _cut_tether(world: World, action: ActionSpec) -> None:
    if world.astronaut.cut_tether():
        world.emit(SimEvent("tether_cut", *world.astronaut.body.position))


def _start_path(world: World, action: ActionSpec) -> None:
    world.mover(action.target).moving = True


def _stop_path(world: World, action: ActionSpec) -> None:
    world.mover(action.target).moving = False


def _open_hatch(world: World, action: ActionSpec) -> None:
    world.set_hatch(world.hatch(action.target), True)


def _close_hatch(world: World, action: ActionSpec) -> None:
    world.set_hatch(world.hatch(action.target), False)


def _set_o2_drain(world: World, action: ActionSpec) -> None:
    world.o2_drain = action.value
    world.emit(SimEvent("o2_drain", value=action.value))


def _spawn(world: World, action: ActionSpec) -> None:
    world.spawn(world.entity(action.target))


def _shake(world: World, action: ActionSpec) -> None:
    world.emit(SimEvent("shake", value=action.seconds, x=action.strength))


def _fail(world: World, action: ActionSpec) -> None:
    world.fail(FAIL_LEVEL, action.text)


def _flash(world: World, action: ActionSpec) -> None:
    world.emit(SimEvent("flash", value=action.strength))


ACTIONS = {
    "message": _message,
    "cut_tether": _cut_tether,
    "start_path": _start_path,
    "stop_path": _stop_path,
    "open_hatch": _open_hatch,
    "close_hatch": _close_hatch,
    "set_o2_drain": _set_o2_drain,
    "spawn": _spawn,
    "shake": _shake,
    "fail": _fail,
    "flash": _flash,
}
