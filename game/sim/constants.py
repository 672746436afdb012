"""Fixed numbers of the simulation: the tick and the hard physical limits."""

TICK_RATE = 120
TICK = 1.0 / TICK_RATE

# The fastest any player-moved body may go (m/s). Walls are at least 0.1 m thick and bodies at
# least 0.1 m in radius, so one tick at this speed (0.083 m) can never carry a body through one.
MAX_SPEED = 10.0

# Quantization of analog axes in the per-tick input: -AXIS_STEPS..AXIS_STEPS.
AXIS_STEPS = 100

# Collision types.
CT_ASTRONAUT = 1
CT_WALL = 2
CT_BODY = 3
