"""A hash of the whole simulation state: equal hashes mean identical runs, bit for bit.

The bytes hashed are the tick, O2, propellant and status, then for every moving body in
`world.dynamic_bodies()` order its x, y, angle, vx, vy and angular velocity as little-endian
IEEE doubles: the same bytes on every platform. Reading 2,000 bodies one by one through
pymunk's Python wrapper costs milliseconds; pymunk's batch API copies them all out of the
space in one call, in the space's own order, which is mapped back to ours by body id (an id
only finds a body within this process: it is never hashed)."""

from __future__ import annotations

import hashlib
import struct
import sys
import weakref
from array import array

from game.sim.world import World

try:
    from pymunk import batch as _batch
except ImportError:  # an older pymunk: read body by body
    _batch = None

_BODY = struct.Struct("<6d")
_HEAD = struct.Struct("<q2d")
_BODY_BYTES = _BODY.size
_BATCH_FROM = 16  # under this many bodies, reading them one by one is as quick
_LITTLE_ENDIAN = sys.byteorder == "little"


def state_hash(world: World) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(_HEAD.pack(world.tick, world.o2, world.astronaut.propellant))
    digest.update(world.status.encode())
    bodies = world.dynamic_bodies()
    if _batch is None or len(bodies) < _BATCH_FROM:
        digest.update(_bodies_one_by_one(bodies))
    else:
        digest.update(_bodies_in_batch(world, bodies))
    return digest.hexdigest()


def _bodies_one_by_one(bodies) -> bytes:
    parts = []
    for body in bodies:
        x, y = body.position
        vx, vy = body.velocity
        parts.append(_BODY.pack(x, y, body.angle, vx, vy, body.angular_velocity))
    return b"".join(parts)


class _BatchReader:
    """One world's batch buffer and the map from the space's body order to ours, kept while
    the space gives the same ids in the same order (bodies rarely come or go)."""

    def __init__(self):
        fields = _batch.BodyFields
        # The batch writes each body's floats in this order: x, y, angle, vx, vy, spin.
        self.fields = (
            fields.BODY_ID
            | fields.POSITION
            | fields.ANGLE
            | fields.VELOCITY
            | fields.ANGULAR_VELOCITY
        )
        self.buffer = _batch.Buffer()
        self.ids = b""  # the space's body ids, as last read
        self.bodies: list = []  # ours, as last mapped
        self.take: list[int] | None = None  # each of ours' place in the space's order (None:
        # the same place as in ours)
        self.absent: list = []  # ours that the space does not hold, read one by one

    def read(self, space, bodies: list) -> bytes:
        buffer = self.buffer
        buffer.clear()
        _batch.get_space_bodies(space, self.fields, buffer)
        floats = bytes(buffer.float_buf())
        if not _LITTLE_ENDIAN:
            swapped = array("d", floats)
            swapped.byteswap()
            floats = swapped.tobytes()
        ids = bytes(buffer.int_buf())
        if ids != self.ids or bodies != self.bodies:
            self._map(ids, bodies, len(floats) // _BODY_BYTES)
        if self.take is None:
            return floats[: len(self.bodies) * _BODY_BYTES]
        # Ours in our order; bodies the space does not hold (yet) are read one by one.
        view = memoryview(floats)
        absent = _bodies_one_by_one(self.absent)
        parts = []
        next_absent = 0
        for k in self.take:
            if k >= 0:
                parts.append(view[k * _BODY_BYTES : (k + 1) * _BODY_BYTES])
            else:
                parts.append(absent[next_absent : next_absent + _BODY_BYTES])
                next_absent += _BODY_BYTES
        return b"".join(parts)

    def _map(self, ids: bytes, bodies: list, count: int) -> None:
        self.ids = ids
        self.bodies = list(bodies)
        width = len(ids) // count if count else 8
        space_ids = memoryview(ids).cast("Q" if width == 8 else "I").tolist()
        place = {body_id: k for k, body_id in enumerate(space_ids)}
        take = []
        absent = []
        for body in bodies:
            k = place.get(body.id)
            if k is None:
                absent.append(body)
                k = -1
            take.append(k)
        self.absent = absent
        # The usual case: the space gives ours first, in our order (then its static body): the
        # hash's bytes are a prefix of what it gives.
        self.take = None if take == list(range(len(take))) else take


_readers: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # space -> its reader


def _bodies_in_batch(world: World, bodies: list) -> bytes:
    space = world.space
    reader = _readers.get(space)
    if reader is None:
        reader = _readers[space] = _BatchReader()
    return reader.read(space, bodies)
