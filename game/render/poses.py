"""Read the pose (x, y, angle) of every moving body of a world, fast.

Reading `body.position` through pymunk's Python wrapper costs about a microsecond a body; with
thousands of debris that is most of a frame. pymunk's batch API copies every body's id,
position and angle out of the space in one call instead; this maps them back to the order of
`world.dynamic_bodies()`. Bodies not in the space (not yet spawned) are read one by one."""

from __future__ import annotations

try:
    from pymunk import batch as _batch
except ImportError:  # an older pymunk: read body by body
    _batch = None

Pose = tuple[float, float, float]


class PoseReader:
    def __init__(self, world):
        self.world = world
        self.bodies = world.dynamic_bodies()
        self._index = {body.id: i for i, body in enumerate(self.bodies)}
        self._buffer = _batch.Buffer() if _batch is not None else None
        if _batch is not None:
            fields = _batch.BodyFields
            self._fields = fields.BODY_ID | fields.POSITION | fields.ANGLE

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
        values = memoryview(buffer.float_buf()).cast("d").tolist()
        raw_ids = memoryview(buffer.int_buf())
        count = len(values) // 3
        width = len(raw_ids) // count if count else 8
        ids = raw_ids.cast("Q" if width == 8 else "I").tolist()
        poses: list = [None] * len(bodies)
        index = self._index
        for k, body_id in enumerate(ids):
            i = index.get(body_id)
            if i is not None:
                j = 3 * k
                poses[i] = (values[j], values[j + 1], values[j + 2])
        for i, pose in enumerate(poses):
            if pose is None:
                body = bodies[i]
                poses[i] = (*body.position, body.angle)
        return poses
