"""Fixed numbers of the simulation: the tick and the hard physical limits."""

TICK_RATE = 120
TICK = 1.0 / TICK_RATE

# The fastest the player can make anything go (m/s): thrust, pushes and throws are clamped to it,
# and level files cannot start a body faster. Walls are at least 0.1 m thick and bodies at least
# 0.1 m in radius, so a body's centre moves less than the 0.15 m it would need to cross a wall's
# midline in one tick even at 1.5x this speed (0.125 m), which a collision can briefly give.
MAX_SPEED = 10.0

# Quantization of analog axes in the per-tick input: -AXIS_STEPS..AXIS_STEPS.
AXIS_STEPS = 100

# Collision types.
CT_ASTRONAUT = 1
CT_WALL = 2
CT_BODY = 3
CT_MOVER = 4

# Shape filter categories of the station's static geometry and of movers. Movers (kinematic)
# leave both out of their mask: two bodies that nothing can move never need colliding, and an
# arm's boom overlapping its end effector or the hull would otherwise cost more than all the
# rest of the physics.
CAT_STATION = 0b10
CAT_MOVER = 0b100

# Forgiveness (DESIGN.md §2: kind precision). Windows are in ticks, so a replay and the window
# see exactly the same rule.
GRAB_BUFFER_TICKS = 12  # a grab pressed with nothing in reach keeps trying this long (0.1 s)
COYOTE_TICKS = 12  # a grab pressed this soon after a handhold left reach still catches it
RELEASE_AIM_TICKS = 8  # a release keeps the aim held this recently (keys let go just before)
# A handhold this far beyond reach draws a hand that wants to grab towards it: no propellant,
# the station takes the reaction, as it does a grab's.
GRAB_PULL_MARGIN = 0.3  # m beyond reach
GRAB_PULL_ACCEL = 3.0  # m/s^2 towards the handhold
GRAB_PULL_SPEED = 0.8  # m/s: the pull adds no approach speed beyond this
COYOTE_PULL_SPEED = 1.0  # m/s at which a late catch draws the astronaut back into reach
