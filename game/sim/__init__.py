"""The pure, deterministic simulation. Never imports pygame, never reads the clock.

world = build_world(level)
step(world, TickInput(...))   # exactly one tick: 1/120 s of the world
build_world(level, speed=0.5)  # slow motion: each tick is 1/240 s of the world (pace.py)
"""

from game.sim.build import build_world
from game.sim.constants import MAX_SPEED, TICK, TICK_RATE
from game.sim.events import SimEvent
from game.sim.outcomes import COMPLETED, FAIL_MESSAGES, FAILED, RUNNING
from game.sim.state_hash import state_hash
from game.sim.step import step
from game.sim.tick_input import GRAB, NEUTRAL, THROW, USE, TickInput
from game.sim.world import World

__all__ = [
    "COMPLETED",
    "FAILED",
    "FAIL_MESSAGES",
    "GRAB",
    "MAX_SPEED",
    "NEUTRAL",
    "RUNNING",
    "SimEvent",
    "THROW",
    "TICK",
    "TICK_RATE",
    "TickInput",
    "USE",
    "World",
    "build_world",
    "state_hash",
    "step",
]
