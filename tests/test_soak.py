"""The soak's short version: every shipped level under random input stays sane."""

import pytest

from game.devtools.crush_levels import crush_level, crush_level_text
from game.devtools.soak import soak_level, soak_limits, tunnelled
from game.levels import load_level_bytes
from game.levels.catalog import scan_folder
from game.paths import shipped_levels_dir
from game.sim import MAX_SPEED, build_world

SHIPPED = [e for e in scan_folder(shipped_levels_dir()) if e.valid]


@pytest.mark.parametrize("entry", SHIPPED, ids=[e.id for e in SHIPPED])
def test_short_soak_has_no_exception_nan_or_tunnelling(entry):
    report = soak_level(entry.level, game_minutes=0.5, seed=3)
    assert report.exception is None
    assert report.ticks == 0.5 * 60 * 120
    assert report.nan_ticks == 0
    assert report.tunnelling == 0


ROOM = b"""
[level]
id = "room"
name = "Room"
format = 1
[world]
bounds = [-10, -10, 10, 10]
[player]
spawn = [0, 0]
[[walls]]
points = [[-5, -5], [5, -5], [5, 5], [-5, 5]]
closed = true
[[solids]]
points = [[1, 1], [3, 1], [3, 3], [1, 3]]
[[objectives]]
kind = "survive"
seconds = 100
"""


def test_tunnelling_check_sees_a_centre_cross_a_wall_or_end_inside_a_solid():
    world = build_world(load_level_bytes(ROOM, "room"))
    assert tunnelled(world, (4.0, 0.0), (6.0, 0.0))  # through the right wall
    assert tunnelled(world, (0.0, 0.0), (2.0, 2.0))  # into the solid block
    assert not tunnelled(world, (0.0, 0.0), (0.5, 0.0))
    assert not tunnelled(world, (4.5, 0.0), (4.6, 0.0))  # touching a wall is not crossing it


def test_short_soak_at_the_format_limits_has_no_crossing():
    """Movers at top speed into walls, corners and hatch edges, with the astronaut, a crate
    and debris in the way (game.devtools.crush_levels), under random input: nothing a mover
    presses crosses the station. Before game/sim/squeeze.py this found about 26 crossings a
    game minute."""
    reports = soak_limits(game_minutes=0.6, seed=1, minutes_per_level=0.1)
    assert len(reports) == 6
    for report in reports:
        assert report.exception is None, report.level
        assert report.nan_ticks == 0, report.level
        assert report.tunnelling == 0, report.level


def test_crush_levels_are_valid_and_the_same_for_a_seed():
    assert crush_level_text(7) == crush_level_text(7)
    assert crush_level_text(7) != crush_level_text(8)
    for seed in range(40):
        level = crush_level(seed)  # raises LevelError if the loader refuses it
        assert level.movers and all(m.speed == MAX_SPEED for m in level.movers)
