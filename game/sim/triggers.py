"""Triggers and their actions: a fixed vocabulary. A level file never runs code; each action
name maps to one method here."""

from __future__ import annotations

from game.levels.model import ActionSpec
from game.sim.events import SimEvent
from game.sim.outcomes import FAIL_LEVEL
from game.sim.world import World


def fire_triggers(world: World, entered, taken, done) -> None:
    """Run the actions of every trigger whose event happened this tick (at once, or after its
    delay), and of delayed triggers whose time has come. Only triggers that could fire this
    tick are looked at: this runs every tick."""
    tick = world.tick
    candidates = world.triggers_at_tick.get(tick, ())
    if (entered or taken or done) and world.triggers_on_events:
        candidates = sorted([*candidates, *world.triggers_on_events], key=lambda t: t.order)
    for trigger in candidates:
        spec = trigger.spec
        if trigger.fired and spec.once:
            continue
        if _happened(world, spec.on, spec, entered, taken, done):
            trigger.fired = True
            if spec.delay > 0.0:
                world.pending.append((tick + world.pace.ticks(spec.delay), spec))
            else:
                _run(world, spec)
    if world.pending:
        due = [spec for when, spec in world.pending if when <= tick]
        if due:
            world.pending = [(when, spec) for when, spec in world.pending if when > tick]
            for spec in due:
                _run(world, spec)
    world._next_timed_tick = next_timed_tick(world, tick)


def next_timed_tick(world: World, tick: int) -> int:
    """The first tick after `tick` at which a 'start' or 'time' trigger or a delayed one is
    due: until then, a tick without events has no trigger to look at."""
    after = [when for when in world.triggers_at_tick if when > tick]
    after += [when for when, _ in world.pending]
    return min(after, default=_NEVER)


_NEVER = 2**62  # ticks: no timed trigger ahead


def trigger_tick(world: World, spec) -> int | None:
    """The level tick a 'start' or 'time' trigger fires at (its seconds are world seconds);
    None for event triggers."""
    if spec.on == "start":
        return 1
    if spec.on == "time":
        return max(1, world.pace.ticks(spec.seconds))
    return None


def _run(world: World, spec) -> None:
    for action in spec.actions:
        ACTIONS[action.do](world, action)


def _happened(world, on, spec, entered, taken, done) -> bool:
    if on in ("start", "time"):
        return world.tick == trigger_tick(world, spec)
    if on == "enter":
        return spec.zone in entered
    if on == "item":
        return spec.item in taken
    if on == "objective":
        return spec.objective in done
    raise AssertionError(f"unknown trigger event {on}")


def _message(world: World, action: ActionSpec) -> None:
    # Shown for its seconds of world time: longer in real time in slow motion.
    seconds = action.seconds / world.pace.speed
    world.emit(SimEvent("message", value=seconds, text=action.text, who=action.who))


def _cut_tether(world: World, action: ActionSpec) -> None:
    if world.astronaut.cut_tether():
        world.emit(SimEvent("tether_cut", *world.astronaut.body.position))


def _start_path(world: World, action: ActionSpec) -> None:
    world.mover(action.target).moving = True
    world.movers_changed()


def _stop_path(world: World, action: ActionSpec) -> None:
    world.mover(action.target).moving = False
    world.movers_changed()


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
    world.emit(SimEvent("shake", value=action.seconds / world.pace.speed, x=action.strength))


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
