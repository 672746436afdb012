"""The world waits for the player (DESIGN.md §2): before the first input nothing changes that
could hurt or help them, a level's opening plays the same every time without control, and
however long a player hesitates, the run from their first input is the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from levels_for_tests import level_text, make_world

from game.levels import load_level, load_level_bytes
from game.levels.catalog import scan_folder
from game.sim import GRAB, NEUTRAL, TickInput, build_world, state_hash, step
from game.speedrun.replay import Recorder, load
from game.speedrun.verify import verify

REPO = Path(__file__).resolve().parent.parent
SHIPPED = [entry for entry in scan_folder(REPO / "levels") if entry.valid]
HASH_EVERY = 20  # ticks between compared state hashes (every tick would be slow, not stricter)

inputs_during_opening = st.lists(
    st.tuples(
        st.integers(-100, 100), st.integers(-100, 100), st.integers(-100, 100), st.integers(0, 7)
    ),
    max_size=40,
)


def solution_inputs(level_id: str) -> list[TickInput]:
    return list(load(REPO / "levels" / "solutions" / f"{level_id}.replay").inputs())


def run_trace(level, inputs) -> tuple[list[tuple[int, str]], tuple]:
    """(tick, state hash) every HASH_EVERY ticks of play from the first input, and the end."""
    world = build_world(level)
    trace = []
    for inp in inputs:
        if world.status != "running":
            break
        before = world.tick
        step(world, inp)
        advanced = world.tick != before
        if advanced and world.start_tick is not None and world.tick % HASH_EVERY == 0:
            trace.append((world.tick - world.start_tick, state_hash(world)))
    end = (world.status, world.fail_reason, world.run_ticks, tuple(world.splits()))
    return trace, end


def test_every_shipped_level_is_checked():
    assert {entry.id for entry in SHIPPED} >= {
        "arrival",
        "antenna",
        "cut-loose",
        "vault",
        "diversion",
        "life-support",
        "free-fall",
    }


@pytest.mark.parametrize("entry", SHIPPED, ids=lambda entry: entry.id)
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wait=st.integers(0, 3000), noise=inputs_during_opening)
def test_waiting_before_the_first_input_gives_the_identical_run(entry, wait, noise):
    level = load_level(entry.path)
    solution = solution_inputs(entry.id)
    opening = build_world(level).opening_ticks
    assert not solution[opening].is_neutral, "a solution's first input after the opening"
    # A hesitating player: presses keys that do nothing while the opening plays, then waits
    # `wait` ticks before the same first input.
    played = [TickInput(*values) for values in noise[:opening]]
    hesitant = played + solution[len(played) : opening] + [NEUTRAL] * wait + solution[opening:]
    assert run_trace(level, hesitant) == run_trace(level, solution)


@pytest.mark.parametrize("entry", SHIPPED, ids=lambda entry: entry.id)
def test_nothing_changes_before_the_first_input(entry):
    level = load_level(entry.path)
    world = build_world(level)
    while world.in_opening:
        step(world, NEUTRAL)
    frozen = (state_hash(world), world.o2, world.tick, len(world.pending))
    fired = [t.fired for t in world.triggers]
    for _ in range(120 * 60):  # a minute of hesitation
        step(world, NEUTRAL)
        assert not world.events
    assert (state_hash(world), world.o2, world.tick, len(world.pending)) == frozen
    assert [t.fired for t in world.triggers] == fired
    assert world.start_tick is None and world.status == "running"


def test_the_clock_and_control_start_together_at_the_first_input():
    world = make_world(player={"propellant": 5.0})
    for _ in range(500):
        step(world, NEUTRAL)
    assert world.tick == 0 and world.run_ticks == 0
    step(world, TickInput(100, 0))
    assert world.start_tick == 0 and world.tick == 1
    assert world.astronaut.body.velocity.x > 0.0


def opening_level(seconds: float = 1.0, skippable: bool = True) -> str:
    text = level_text(player={"propellant": 5.0, "o2_seconds": 100.0})
    extra = f"\n[opening]\nseconds = {seconds}\nskippable = {str(skippable).lower()}\n"
    extra += '\n[[triggers]]\non = "time"\nseconds = 0.5\nactions = [{ do = "set_o2_drain", '
    extra += "value = 10.0 }]\n"
    return text + extra


def test_an_opening_plays_without_control_then_waits():
    level = load_level_bytes(opening_level(1.0).encode(), "opening.toml")
    world = build_world(level)
    assert world.opening_ticks == 120 and world.in_opening
    for _ in range(120):
        step(world, TickInput(100, 0, 0, GRAB))  # ignored: the opening has no control
    assert world.tick == 120 and not world.in_opening and world.waiting
    assert world.astronaut.body.velocity.x == 0.0
    assert world.o2 < 100.0 - 5.0  # the opening's own script ran (its time trigger)
    assert world.start_tick is None and world.run_ticks == 0
    o2 = world.o2
    for _ in range(1000):
        step(world, NEUTRAL)
    assert world.o2 == o2 and world.tick == 120
    step(world, TickInput(100, 0))
    assert world.start_tick == 120 and world.astronaut.body.velocity.x > 0.0


def test_a_key_held_through_the_opening_starts_the_run_where_it_ends():
    level = load_level_bytes(opening_level(1.0).encode(), "opening.toml")
    world = build_world(level)
    for _ in range(121):
        step(world, TickInput(100, 0))
    assert world.start_tick == 120 and world.tick == 121


def test_a_replay_keeps_no_waiting_ticks():
    """Recorded with a minute of hesitation or none, the replay holds the same inputs, and it
    verifies."""
    level = load_level_bytes(opening_level(0.5).encode(), "opening.toml")

    def record(wait: int):
        world = build_world(level)
        recorder = Recorder(world)
        script = [NEUTRAL] * (60 + wait) + [TickInput(100, 0)] * 30 + [NEUTRAL] * 200
        for inp in script:
            step(world, inp)
            recorder.record(inp, world)
        return recorder.finish(world)

    quick, slow = record(0), record(120 * 60)
    assert quick.runs == slow.runs and quick.checksums == slow.checksums
    assert quick.result == slow.result and quick.result.total_ticks == 60 + 30 + 200
    assert verify(slow, level).verified


def test_cut_loose_opens_with_the_knock():
    level = load_level(REPO / "levels" / "cut-loose.toml")
    world = build_world(level)
    assert world.opening_ticks > 0
    cut = False
    while world.in_opening:
        step(world, NEUTRAL)
        cut = cut or any(event.kind == "tether_cut" for event in world.events)
    assert cut, "the tether is cut during the opening, not after the player starts"
    assert world.astronaut.body.velocity.length > 1.0  # knocked loose and drifting
    assert world.start_tick is None
