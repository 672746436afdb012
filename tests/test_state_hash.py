"""The state checksum reads thousands of bodies in one batch, yet hashes exactly the bytes it
always did: for each moving body in the world's order, x, y, angle, vx, vy and spin as
little-endian doubles (the same on every platform, so shipped replays verify everywhere)."""

from __future__ import annotations

import hashlib
import importlib
import struct

import pymunk
import pytest
from levels_for_tests import REPO

from game.levels import load_level
from game.sim import USE, TickInput, build_world, state_hash, step

# The package exports the function under the module's name.
state_hash_module = importlib.import_module("game.sim.state_hash")

STRESS = REPO / "levels" / "bench" / "stress-debris.toml"


def reference_hash(world) -> str:
    """The checksum's definition, one body at a time."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(struct.pack("<q2d", world.tick, world.o2, world.astronaut.propellant))
    digest.update(world.status.encode())
    for body in world.dynamic_bodies():
        x, y = body.position
        vx, vy = body.velocity
        digest.update(struct.pack("<6d", x, y, body.angle, vx, vy, body.angular_velocity))
    return digest.hexdigest()


@pytest.fixture(scope="module")
def stress_level():
    return load_level(STRESS)


def _running(level, ticks: int = 30):
    world = build_world(level)
    step(world, TickInput(buttons=USE))
    for _ in range(ticks):
        step(world, TickInput(100, 0, 0, 0))
    return world


def test_the_batch_hash_is_the_reference_hash(stress_level):
    world = _running(stress_level)
    assert len(world.dynamic_bodies()) > 1000
    assert state_hash(world) == reference_hash(world)
    step(world, TickInput(0, 100, 0, 0))  # the reader kept from the last call still agrees
    assert state_hash(world) == reference_hash(world)


def test_bodies_out_of_the_space_or_out_of_order_are_hashed_in_the_worlds_order(stress_level):
    world = _running(stress_level)
    moved = world.entities[5].body
    world.space.remove(moved, *moved.shapes)
    assert state_hash(world) == reference_hash(world)  # one body read one by one
    world.space.add(moved, *moved.shapes)  # back in, now last in the space's own order
    assert state_hash(world) == reference_hash(world)
    reader = state_hash_module._readers[world.space]
    assert reader.take is not None and reader.take[6] == len(reader.take) - 1  # it was reordered


def test_a_different_state_has_a_different_hash(stress_level):
    world = _running(stress_level)
    before = state_hash(world)
    world.entities[1234].body.angular_velocity += 1e-9
    assert state_hash(world) != before


def test_thousands_of_bodies_are_not_read_one_by_one(stress_level, monkeypatch):
    """About 4 ms through pymunk's wrapper on 2,001 bodies; one batch read is 0.2 ms."""
    world = _running(stress_level)
    reads = []
    position = pymunk.Body.position

    def counted(body):
        reads.append(body)
        return position.fget(body)

    monkeypatch.setattr(pymunk.Body, "position", property(counted, position.fset))
    state_hash(world)
    assert len(reads) < 10
