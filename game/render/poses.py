"""Read the pose (x, y, angle) of every moving body of a world, fast; find the bodies that
may be on screen without looking at every one.

Reading `body.position` through pymunk's Python wrapper costs about a microsecond a body; with
thousands of debris that is most of a frame. pymunk's batch API copies every body's id,
position and angle out of the space in one call instead; this maps them back to the order of
`world.dynamic_bodies()`. Bodies not in the space (not yet spawned) are read one by one."""

from __future__ import annotations

import struct

import pymunk

try:
    from pymunk import batch as _batch
except ImportError:  # an older pymunk: read body by body
    _batch = None

Pose = tuple[float, float, float]
_POSE = struct.Struct("3d")


class PoseReader:
    def __init__(self, world):
        self.world = world
        self.bodies = world.dynamic_bodies()
        self._index = {body.id: i for i, body in enumerate(self.bodies)}
        self._buffer = _batch.Buffer() if _batch is not None else None
        if _batch is not None:
            fields = _batch.BodyFields
            self._fields = fields.BODY_ID | fields.POSITION | fields.ANGLE
        self._order: bytes | None = None  # the space's body ids, as last read
        self._take: list[int] = []  # for each body, its place in what the space gives
        self._absent: list = []  # bodies not in the space (read one by one)
        self._identity = False  # the space gives them in our order, all of them

    def _stale(self) -> bool:
        world = self.world
        return len(self.bodies) != 1 + len(world.entities) + len(getattr(world, "movers", ()))

    def read(self) -> list[Pose]:
        if self._stale():
            self.__init__(self.world)
        bodies = self.bodies
        if self._buffer is None or len(bodies) < 16:
            return [(*b.position, b.angle) for b in bodies]
        buffer = self._buffer
        buffer.clear()
        _batch.get_space_bodies(self.world.space, self._fields, buffer)
        poses = list(_POSE.iter_unpack(buffer.float_buf()))  # (x, y, angle) of each, in C
        raw_ids = buffer.int_buf()
        if raw_ids != self._order:  # bodies came or went: work out where each one is again
            self._map(raw_ids, len(poses))
        if self._identity:
            return poses
        poses.extend((*body.position, body.angle) for body in self._absent)
        return list(map(poses.__getitem__, self._take))

    def _map(self, raw_ids, count: int) -> None:
        """Where each body's pose is in what the space gives (bodies not in the space are
        read one by one, after it)."""
        self._order = bytes(raw_ids)
        width = len(self._order) // count if count else 8
        ids = memoryview(self._order).cast("Q" if width == 8 else "I").tolist()
        place = {body_id: k for k, body_id in enumerate(ids)}
        take: list[int] = []
        absent = []
        for body in self.bodies:
            k = place.get(body.id)
            if k is None:
                k = count + len(absent)
                absent.append(body)
            take.append(k)
        self._take = take
        self._absent = absent
        self._identity = not absent and take == list(range(count))


MANY_BODIES = 200  # from this many bodies on, the ones on screen are found by a spatial query
QUERY_MARGIN_M = 1.0  # bodies are drawn between two ticks' poses: the query looks this far out
_ALL = pymunk.ShapeFilter()


class BodiesOnScreen:
    """The rows of a view's body table (thing, pose index, ...) whose bodies may be on screen,
    in table order (the order they are drawn in). With many bodies, the space's spatial index
    is asked for the shapes in the visible rectangle: thousands of debris cost a query and a
    few dozen lookups, not a loop over all of them. With few, it is the whole table."""

    def __init__(self):
        self._table: list | None = None
        self._row_of: dict = {}  # shape -> its body's row in the table

    def near(self, world, table: list, camera) -> list:
        if len(table) < MANY_BODIES:
            return table
        if table is not self._table:
            self._table = table
            self._row_of = {shape: k for k, row in enumerate(table) for shape in row[0].shapes}
        x0, y1 = camera.to_world(0, 0)
        x1, y0 = camera.to_world(camera.width, camera.height)
        m = QUERY_MARGIN_M
        row_of = self._row_of
        found = {
            row_of.get(shape)
            for shape in world.space.bb_query(pymunk.BB(x0 - m, y0 - m, x1 + m, y1 + m), _ALL)
        }
        found.discard(None)
        return [table[k] for k in sorted(found)]
