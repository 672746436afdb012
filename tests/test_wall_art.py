"""What looks like a wall is a wall: in the station's art of every shipped level, a long line of
strong contrast (what a wall's edge looks like) only runs where there is something to collide
with. A player once saw a node's hatch, drawn room-sized in the walls' colours, as a wall across
the passage; the F3 overlay showed nothing there."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.levels import load_level
from game.paths import shipped_levels_dir
from game.render.art import colors
from game.render.station import SKIN_M, StationLayer
from tests.levels_for_tests import make_level, room_walls

SCALE = 40.0  # pixels per metre
EDGE_CONTRAST = 60  # a wall's dark edge against its light hull is about twice this
LONGEST_DECORATION_LINE_M = 1.5
CLEARANCE_M = 0.3  # beyond the drawn wall and skin, where a wall's shading may still reach
STYLES_LEVEL = Path(__file__).resolve().parent / "data" / "art_styles.toml"
LEVELS = [p for p in sorted(shipped_levels_dir().glob("*.toml")) if p.name != "pack.toml"]
LEVELS.append(STYLES_LEVEL)
WHITE = (255, 255, 255)


@pytest.fixture(scope="module", autouse=True)
def display():
    pygame.init()
    pygame.display.set_mode((64, 64))
    # No pygame.quit() after: fonts cached by the text module would die with it, for every
    # test module after this one.


def _collision_area(level, size, to_px) -> pygame.mask.Mask:
    """Pixels of the collision shapes (walls, solids, handholds) and a margin round them."""
    area = pygame.Surface(size)
    area.fill((0, 0, 0))
    for wall in level.walls:
        r = (wall.thickness / 2 + SKIN_M + CLEARANCE_M) * SCALE
        for a, b in wall.segments():
            pygame.draw.line(area, WHITE, to_px(a), to_px(b), max(1, round(2 * r)))
            for end in (a, b):
                pygame.draw.circle(area, WHITE, to_px(end), r)
    for solid in level.solids:
        outline = [to_px(p) for p in solid.points]
        pygame.draw.polygon(area, WHITE, outline)
        pygame.draw.polygon(area, WHITE, outline, round(2 * CLEARANCE_M * SCALE))
    for hold in level.handholds:
        pygame.draw.line(area, WHITE, to_px(hold.start), to_px(hold.end), round(SCALE / 2))
        for end in (hold.start, hold.end):
            pygame.draw.circle(area, WHITE, to_px(end), CLEARANCE_M * SCALE)
    return pygame.mask.from_threshold(area, WHITE, (1, 1, 1, 255))


def _art(level) -> tuple[pygame.Surface, tuple[int, int]]:
    layer = StationLayer(level)
    layer._rescale(SCALE)
    return layer._render(*layer.origin, *layer.size), layer.origin


def wall_like_lines(level, art: pygame.Surface, origin: tuple[int, int]) -> list[float]:
    """Lengths in metres of the strong-contrast lines drawn away from any collision shape."""
    ox, oy = origin

    def to_px(point):
        return point[0] * SCALE - ox, -point[1] * SCALE - oy

    flat = pygame.Surface(art.get_size())
    flat.blit(art, (0, 0))
    edges = pygame.transform.laplacian(pygame.transform.grayscale(flat))
    low = 256 - EDGE_CONTRAST
    strong = pygame.mask.from_threshold(edges, WHITE, (low, low, low, 255))
    strong.erase(_collision_area(level, art.get_size(), to_px), (0, 0))
    # The station's outline against space is not a line inside it.
    space = pygame.mask.from_surface(art, 254)
    space.invert()
    strong.erase(space.convolve(pygame.mask.Mask((7, 7), fill=True), None, (-3, -3)), (0, 0))
    lengths = []
    for part in strong.connected_components(3):
        box = part.get_bounding_rects()[0]
        lengths.append(max(box.width, box.height) / SCALE)
    return sorted(lengths, reverse=True)


@pytest.mark.parametrize("path", LEVELS, ids=lambda p: p.stem)
def test_decoration_is_never_drawn_like_a_wall(path):
    level = load_level(path)
    lines = wall_like_lines(level, *_art(level))
    assert not lines or lines[0] < LONGEST_DECORATION_LINE_M, (
        f"{path.name}: a {lines[0]:.1f} m line drawn like a wall's edge where nothing collides"
    )


def test_the_check_finds_a_wall_drawn_where_nothing_collides():
    """The check can fail: a wall painted across an open room, with no collision shape there."""
    level = make_level(walls=[{**wall, "style": "node"} for wall in room_walls()])
    art, origin = _art(level)
    assert max(wall_like_lines(level, art, origin), default=0.0) < LONGEST_DECORATION_LINE_M
    hull, dark, _light = colors.WALL["node"]
    y = art.get_height() // 2
    left, right = art.get_width() * 0.3, art.get_width() * 0.7
    pygame.draw.line(art, dark, (left, y), (right, y), 16)
    pygame.draw.line(art, hull, (left, y), (right, y), 12)
    lines = wall_like_lines(level, art, origin)
    assert lines and lines[0] >= LONGEST_DECORATION_LINE_M
