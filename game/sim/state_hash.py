"""A hash of the whole simulation state: equal hashes mean identical runs, bit for bit."""

from __future__ import annotations

import hashlib
import struct

from game.sim.world import World

_BODY = struct.Struct("<6d")
_HEAD = struct.Struct("<q2d")


def state_hash(world: World) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(_HEAD.pack(world.tick, world.o2, world.astronaut.propellant))
    digest.update(world.status.encode())
    for body in world.dynamic_bodies():
        x, y = body.position
        vx, vy = body.velocity
        digest.update(_BODY.pack(x, y, body.angle, vx, vy, body.angular_velocity))
    return digest.hexdigest()
