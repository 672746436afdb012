"""World metres to screen pixels (y flipped), following the astronaut smoothly.

The view keeps about VIEW_WIDTH_M metres across a 1280x720 window and scales uniformly with
the window (no stretched pixels): a larger window shows the same scene, bigger. The screen
offset is rounded to whole pixels so the cached station layer and everything drawn on top of it
move together, without shimmering against each other."""

from __future__ import annotations

import math

REFERENCE_SIZE = (1280, 720)
VIEW_WIDTH_M = 22.0
CRAFT_VIEW_WIDTH_M = 64.0
SMOOTHING_S = 0.22  # time constant of the follow: about 63% of the way in this long
LOOK_AHEAD_S = 0.45  # lead the astronaut by where it will be this much later
LOOK_AHEAD_MAX_M = 3.0
LEAN_FRACTION = 0.3  # lean towards the current objective by this share of the distance
LEAN_MAX_M = 3.5
SHAKE_DECAY_S = 0.25  # a shake fades out over its last this long


def view_width_for(level) -> float:
    """Metres across the screen for a level: a craft (the 7 m Soyuz, flying at several m/s
    among debris) needs to see much further than an astronaut among handrails."""
    return CRAFT_VIEW_WIDTH_M if level.player.mode == "craft" else VIEW_WIDTH_M


class Camera:
    def __init__(self, size: tuple[int, int], view_width_m: float = VIEW_WIDTH_M):
        self.x = 0.0
        self.y = 0.0
        self.view_width_m = view_width_m
        self.shake_left = 0.0  # seconds
        self.shake_strength = 0.0  # metres
        self._shake_phase = 0.0
        self.resize(size)

    def resize(self, size: tuple[int, int]) -> None:
        width, height = max(1, int(size[0])), max(1, int(size[1]))
        self.width, self.height = width, height
        fit = min(width / REFERENCE_SIZE[0], height / REFERENCE_SIZE[1])
        self.scale = REFERENCE_SIZE[0] / self.view_width_m * fit  # pixels per metre
        self._update_offset()

    def _update_offset(self) -> None:
        self.offset_x = round(self.width / 2 - self.x * self.scale)
        self.offset_y = round(self.height / 2 + self.y * self.scale)

    # -- following ----------------------------------------------------------------------------

    @staticmethod
    def target_for(position, velocity, lean_to=None) -> tuple[float, float]:
        """Where the camera wants to be: ahead of the astronaut, leaning towards the goal."""
        px, py = position
        vx, vy = velocity
        ax, ay = vx * LOOK_AHEAD_S, vy * LOOK_AHEAD_S
        lead = math.hypot(ax, ay)
        if lead > LOOK_AHEAD_MAX_M:
            ax, ay = ax * LOOK_AHEAD_MAX_M / lead, ay * LOOK_AHEAD_MAX_M / lead
        tx, ty = px + ax, py + ay
        if lean_to is not None:
            lx, ly = (lean_to[0] - px) * LEAN_FRACTION, (lean_to[1] - py) * LEAN_FRACTION
            lean = math.hypot(lx, ly)
            if lean > LEAN_MAX_M:
                lx, ly = lx * LEAN_MAX_M / lean, ly * LEAN_MAX_M / lean
            tx, ty = tx + lx, ty + ly
        return tx, ty

    def follow(self, target: tuple[float, float], dt: float) -> None:
        """Ease towards target; frame-rate independent (exponential smoothing over dt)."""
        k = 1.0 - math.exp(-max(0.0, dt) / SMOOTHING_S)
        self.x += (target[0] - self.x) * k
        self.y += (target[1] - self.y) * k
        self._update_offset()

    def snap(self, target: tuple[float, float]) -> None:
        self.x, self.y = target
        self._update_offset()

    # -- shaking ------------------------------------------------------------------------------

    def shake(self, seconds: float, metres: float) -> None:
        """Shake for this long at this strength; a weaker shake never cuts a stronger one short."""
        if seconds > 0 and metres > 0:
            current = self.shake_strength if self.shake_left > 0 else 0.0
            self.shake_strength = max(current, metres)
            self.shake_left = max(self.shake_left, seconds)

    def stop_shaking(self) -> None:
        self.shake_left = 0.0

    def shake_offset(self) -> tuple[int, int]:
        """The shake's pixel offset now: full strength, fading over the last SHAKE_DECAY_S."""
        if self.shake_left <= 0.0:
            return 0, 0
        amount = min(1.0, self.shake_left / SHAKE_DECAY_S) * self.shake_strength * self.scale
        t = self._shake_phase
        return round(math.sin(t * 71.0) * amount), round(math.cos(t * 57.0) * amount)

    def apply_shake(self, dt: float) -> None:
        """After follow/snap each frame: move the view by the shake and let it run down."""
        if self.shake_left <= 0.0:
            return
        self._shake_phase += max(0.0, dt)
        dx, dy = self.shake_offset()
        self.offset_x += dx
        self.offset_y += dy
        self.shake_left = max(0.0, self.shake_left - max(0.0, dt))

    # -- transforms ---------------------------------------------------------------------------

    def to_screen(self, x: float, y: float) -> tuple[float, float]:
        return x * self.scale + self.offset_x, -y * self.scale + self.offset_y

    def to_world(self, sx: float, sy: float) -> tuple[float, float]:
        return (sx - self.offset_x) / self.scale, -(sy - self.offset_y) / self.scale

    def visible(self, x: float, y: float, margin_m: float = 0.0) -> bool:
        sx, sy = self.to_screen(x, y)
        m = margin_m * self.scale
        return -m <= sx <= self.width + m and -m <= sy <= self.height + m
