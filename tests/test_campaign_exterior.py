"""The exterior missions (Antenna, Cut Loose, Free Fall): each fails the way its story says when
the player does nothing, and its shipped solution replay finishes it within par."""

from game.levels import load_level
from game.paths import shipped_levels_dir
from game.sim import RUNNING, TICK_RATE, TickInput, build_world, step


def _level(level_id):
    return load_level(shipped_levels_dir() / f"{level_id}.toml")


def test_cut_loose_jetpack_alone_cannot_get_back():
    """The knock is faster than the jetpack's whole budget: thrusting straight for the arm's end
    without throwing a tool still drifts out of bounds."""
    level = _level("cut-loose")
    world = build_world(level)
    end = next(m for m in world.movers if m.id == "arm-end")
    while world.status == RUNNING and world.tick < 60 * TICK_RATE:
        inp = TickInput()
        if world.tick > 2.1 * TICK_RATE:  # after the knock
            x, y = world.astronaut.body.position
            tx, ty = end.body.position
            dx, dy = tx - x, ty - y
            scale = 100 / max(abs(dx), abs(dy))
            inp = TickInput(round(dx * scale), round(dy * scale))
        step(world, inp)
    assert world.astronaut.propellant == 0.0
    assert world.fail_reason == "lost"
