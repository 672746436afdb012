"""The per-tick input value: everything the player can do in one tick, and all a replay stores."""

from __future__ import annotations

from dataclasses import dataclass

from game.sim.constants import AXIS_STEPS

GRAB = 1
USE = 2
THROW = 4
_ALL_BUTTONS = GRAB | USE | THROW


def _quantize(value: float) -> int:
    # Round half away from zero so +x and -x quantize symmetrically.
    scaled = max(-1.0, min(1.0, float(value))) * AXIS_STEPS
    return int(scaled + 0.5) if scaled >= 0 else -int(-scaled + 0.5)


@dataclass(frozen=True, slots=True)
class TickInput:
    """One tick of input. Axes are integers in -100..100 so the value serializes exactly.

    move_x/move_y: thrust direction, or the aim while holding on (y is up, as in the world).
    turn: rotation, positive is counter-clockwise.
    buttons: bit flags GRAB, USE, THROW.
    """

    move_x: int = 0
    move_y: int = 0
    turn: int = 0
    buttons: int = 0

    def __post_init__(self) -> None:
        for name in ("move_x", "move_y", "turn"):
            value = getattr(self, name)
            if type(value) is not int or not -AXIS_STEPS <= value <= AXIS_STEPS:
                raise ValueError(f"{name} must be an integer in -{AXIS_STEPS}..{AXIS_STEPS}")
        if type(self.buttons) is not int or self.buttons & ~_ALL_BUTTONS:
            raise ValueError("buttons must be a combination of GRAB, USE and THROW")

    @classmethod
    def from_analog(
        cls,
        move_x: float = 0.0,
        move_y: float = 0.0,
        turn: float = 0.0,
        *,
        grab: bool = False,
        use: bool = False,
        throw: bool = False,
    ) -> TickInput:
        buttons = (GRAB if grab else 0) | (USE if use else 0) | (THROW if throw else 0)
        return cls(_quantize(move_x), _quantize(move_y), _quantize(turn), buttons)

    @property
    def grab(self) -> bool:
        return bool(self.buttons & GRAB)

    @property
    def use(self) -> bool:
        return bool(self.buttons & USE)

    @property
    def throw(self) -> bool:
        return bool(self.buttons & THROW)

    @property
    def is_neutral(self) -> bool:
        return not (self.move_x or self.move_y or self.turn or self.buttons)

    def move_vector(self) -> tuple[float, float]:
        """The move axes as a vector of length at most 1 (a keyboard diagonal is not faster)."""
        x = self.move_x / AXIS_STEPS
        y = self.move_y / AXIS_STEPS
        length_sq = x * x + y * y
        if length_sq > 1.0:
            length = length_sq**0.5
            return x / length, y / length
        return x, y

    def to_tuple(self) -> tuple[int, int, int, int]:
        return (self.move_x, self.move_y, self.turn, self.buttons)

    @classmethod
    def from_tuple(cls, values: tuple[int, int, int, int] | list[int]) -> TickInput:
        move_x, move_y, turn, buttons = values
        return cls(move_x, move_y, turn, buttons)


NEUTRAL = TickInput()
