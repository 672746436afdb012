"""Determinism is a test, not a hope (STYLE lesson 6): the same level and the same inputs give the
same state bit for bit, from a fresh world each time."""

import os
import random
import subprocess
import sys

import pytest
from levels_for_tests import ARRIVAL, REPO

from game.levels import load_level
from game.sim import GRAB, NEUTRAL, THROW, TickInput, build_world, state_hash, step

TICKS = 10_000
SAMPLE_EVERY = 500
# The run must really exercise what it claims to: thrusting, grabbing and pushing off, picking
# up and throwing the camera, and bumping into the station.
MUST_HAPPEN = {"grab", "push", "pickup", "throw", "impact"}


def scripted_inputs(count: int, seed: int = 1) -> list[TickInput]:
    """A fixed, varied input stream: stretches of thrust, turning, holding on with an aim and
    letting go, throwing, and doing nothing. Seeded, so it is the same list every time."""
    rng = random.Random(seed)
    inputs: list[TickInput] = []
    while len(inputs) < count:
        kind = rng.choice(["thrust", "turn", "grab", "grab", "throw", "idle"])
        length = rng.randint(5, 90)
        mx, my = rng.randint(-100, 100), rng.randint(-100, 100)
        if kind == "thrust":
            inputs += [TickInput(mx, my)] * length
        elif kind == "turn":
            inputs += [TickInput(0, 0, rng.choice([-100, -40, 60, 100]))] * length
        elif kind == "grab":  # hold on (or pick up) while aiming, then let go with the aim held
            inputs += [TickInput(mx, my, 0, GRAB)] * length + [TickInput(mx, my)]
        elif kind == "throw":
            inputs += [TickInput(mx, my, 0, THROW)] + [TickInput(mx, my)] * length
        else:
            inputs += [NEUTRAL] * length
    return inputs[:count]


def play(level, inputs):
    """Run a fresh world; return (hash after every SAMPLE_EVERY ticks, final hash, event kinds)."""
    world = build_world(level)
    samples = []
    kinds = set()
    for tick, inp in enumerate(inputs, start=1):
        step(world, inp)
        kinds.update(event.kind for event in world.events)
        if tick % SAMPLE_EVERY == 0:
            samples.append(state_hash(world))
    assert world.tick == len(inputs), "the run ended early; the script must keep it running"
    return samples, state_hash(world), kinds


@pytest.fixture(scope="module")
def arrival():
    return load_level(ARRIVAL)


@pytest.fixture(scope="module")
def inputs():
    return scripted_inputs(TICKS)


@pytest.fixture(scope="module")
def first_run(arrival, inputs):
    return play(arrival, inputs)


def test_the_script_exercises_every_action(first_run):
    _, _, kinds = first_run
    assert kinds >= MUST_HAPPEN, f"missing {MUST_HAPPEN - kinds}: pick another seed"


def test_same_inputs_give_identical_state(arrival, inputs, first_run):
    samples, final, _ = first_run
    again_samples, again_final, _ = play(arrival, inputs)
    assert len(samples) == TICKS // SAMPLE_EVERY
    assert again_samples == samples
    assert again_final == final
    assert len(set(samples)) == len(samples)  # the state really changes along the run


def test_one_changed_input_changes_the_outcome(arrival, inputs, first_run):
    samples, final, _ = first_run
    # The first tick of thrust (propellant is full then): nudge its x axis by one step.
    changed_tick = next(
        i for i, inp in enumerate(inputs) if (inp.move_x or inp.move_y) and not inp.buttons
    )
    original = inputs[changed_tick]
    nudged = TickInput(
        original.move_x + (1 if original.move_x < 100 else -1),
        original.move_y,
        original.turn,
        original.buttons,
    )
    changed = list(inputs)
    changed[changed_tick] = nudged
    changed_samples, changed_final, _ = play(arrival, changed)
    assert changed_final != final
    assert changed_tick < SAMPLE_EVERY
    assert changed_samples[0] != samples[0]


def test_hash_covers_every_moving_body(arrival):
    """Moving only the stowage bag (not the astronaut) must change the hash."""
    world = build_world(arrival)
    other = build_world(arrival)
    assert state_hash(world) == state_hash(other)
    bag = other.entity("stowage-bag").body
    bag.position = (bag.position.x + 1e-12, bag.position.y)
    assert state_hash(world) != state_hash(other)


FRESH_PROCESS = """
import sys
sys.path[:0] = ["tests", "."]
from test_sim_determinism import TICKS, play, scripted_inputs
from game.levels import load_level
from levels_for_tests import ARRIVAL
print(play(load_level(ARRIVAL), scripted_inputs(TICKS))[1])
"""


@pytest.mark.parametrize("hash_seed", ["1", "2"])
def test_same_result_in_a_fresh_process_with_another_hash_seed(first_run, hash_seed):
    """Nothing may depend on set or dict order under string hashing, or on this process."""
    _, final, _ = first_run
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    result = subprocess.run(
        [sys.executable, "-c", FRESH_PROCESS],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == final


# Movers squeezing things against the station (game/sim/squeeze.py) keep sets of bodies, whose
# order follows memory addresses: the result must not. A level at the format's limits where in
# 20 s top-speed movers squeeze the astronaut, tear a grip loose and put debris back.
CRUSH_SEED = 100_038
CRUSH_TICKS = 2400


def crush_run() -> tuple[str, set[str]]:
    from game.devtools.crush_levels import crush_level
    from game.devtools.soak import random_inputs

    world = build_world(crush_level(CRUSH_SEED))
    inputs = random_inputs(random.Random(CRUSH_SEED))
    kinds = set()
    for _ in range(CRUSH_TICKS):
        step(world, next(inputs))
        kinds.update(event.kind for event in world.events)
    assert world.tick == CRUSH_TICKS
    return state_hash(world), kinds


FRESH_CRUSH_PROCESS = """
import sys
sys.path[:0] = ["tests", "."]
clutter = [object() for _ in range(12345)]  # other addresses than the first process's
from test_sim_determinism import crush_run
print(crush_run()[0])
"""


def test_movers_squeezing_give_the_same_state_in_another_process():
    final, kinds = crush_run()
    assert {"squeezed", "torn_loose"} <= kinds
    assert crush_run()[0] == final
    result = subprocess.run(
        [sys.executable, "-c", FRESH_CRUSH_PROCESS],
        cwd=REPO,
        env={**os.environ, "PYTHONHASHSEED": "3"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == final
