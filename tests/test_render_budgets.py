"""Drawing within its budget without changing the picture: station tiles built ahead of the
camera a little each frame (never a blank on screen), sprite rotations made lazily and ahead
within a budget under a memory cap, bodies on screen found by a spatial query, poses read in
one batch."""

from __future__ import annotations

import pygame
import pytest

from game.levels import load_level_bytes
from game.render import poses as poses_module
from game.render import sprites as sprites_module
from game.render import station
from game.render.camera import Camera
from game.render.poses import PoseReader
from game.render.sprites import ANGLE_STEPS, SpriteCache, body_sprite
from game.render.world_view import WorldView
from game.sim import NEUTRAL, build_world, step

SENTINEL = (255, 0, 255)


@pytest.fixture(scope="module", autouse=True)
def display():
    pygame.init()
    pygame.display.set_mode((640, 360))
    yield
    pygame.quit()


def _level(extra: str = ""):
    """A long closed module: inside it, the station covers the whole screen."""
    text = f"""
[level]
id = "tiles-test"
name = "Tiles test"
format = 1

[world]
bounds = [-50.0, -20.0, 50.0, 20.0]

[player]
spawn = [0.0, 0.0]

[[walls]]
closed = true
style = "module"
thickness = 0.4
points = [[-40.0, -9.0], [40.0, -9.0], [40.0, 9.0], [-40.0, 9.0]]

[[zones]]
id = "far"
rect = [30.0, -2.0, 34.0, 2.0]

[[objectives]]
kind = "reach"
zone = "far"
{extra}
"""
    return load_level_bytes(text.encode(), "tiles-test.toml")


@pytest.fixture
def streamed(monkeypatch):
    """Tiles of 128 pixels, too many to keep whole: built near the screen, dropped far away."""
    monkeypatch.setattr(station, "TILE_PX", 128)
    monkeypatch.setattr(station, "SINGLE_MAX_PIXELS", 1000)
    monkeypatch.setattr(station, "ALL_TILES_MAX_PIXELS", 1000)
    monkeypatch.setattr(station, "SPARE_TILES", 40)
    layer = station.StationLayer(_level())
    camera = Camera((640, 360))
    camera.snap((-25.0, 0.0))
    return layer, camera


def _blank_pixels(layer, camera) -> int:
    screen = pygame.Surface((camera.width, camera.height))
    screen.fill(SENTINEL)
    layer.draw(screen, camera)
    return pygame.mask.from_threshold(screen, SENTINEL, (1, 1, 1, 255)).count()


def test_the_first_frame_has_every_tile_it_shows_and_the_ring_round_them(streamed):
    layer, camera = streamed
    layer.warm(camera)  # the level's start, before its first frame
    visible = set(layer._visible())
    assert visible <= set(layer.tiles) and visible <= layer.pinned
    assert set(layer._wanted(layer.tile_px)) <= set(layer.tiles)  # the ring too
    assert _blank_pixels(layer, camera) == 0
    assert layer.late_builds == 0  # nothing was left for the frame to build


def test_tiles_are_built_ahead_of_the_camera_a_few_a_frame(streamed, monkeypatch):
    layer, camera = streamed
    layer.warm(camera)
    monkeypatch.setattr(station, "PREFETCH_BUDGET_S", 0.0)  # one tile a frame, no more
    screen = pygame.Surface((camera.width, camera.height))
    x = -25.0
    for _ in range(240):  # flying right at 9 m/s, 60 frames a second
        x += 0.15
        camera.snap((x, 0.0))
        before = layer.builds
        layer.draw(screen, camera)
        assert layer.builds - before <= 1  # the budget holds: at most the one tile allowed
        limit = len(layer._visible()) + station.SPARE_TILES + len(layer.pinned)
        assert len(layer.tiles) <= limit  # memory stays bounded
    assert layer.late_builds == 0  # built ahead: the screen never waited for a tile
    assert _blank_pixels(layer, camera) == 0
    # Back at the start (a restart), its tiles are still there.
    camera.snap((-25.0, 0.0))
    layer.warm(camera)
    assert layer.late_builds == 0 and _blank_pixels(layer, camera) == 0


def test_a_tile_needed_at_once_is_built_at_once(streamed):
    layer, camera = streamed
    layer.warm(camera)
    camera.snap((25.0, 3.0))  # a jump far from everything built: nothing ahead can help
    assert _blank_pixels(layer, camera) == 0
    assert layer.late_builds > 0


def test_tiles_built_in_pieces_look_like_the_layer_built_whole(streamed):
    layer, camera = streamed
    layer.warm(camera)
    ox, oy = layer.origin
    whole = layer._render(ox, oy, 4 * 128, 3 * 128)
    for i in range(4):
        for j in range(3):
            tile = layer.tiles.get((i, j)) or layer._tile(i, j)
            part = whole.subsurface(pygame.Rect(i * 128, j * 128, 128, 128))
            worst = max(
                max(
                    abs(a - b)
                    for a, b in zip(tile.get_at((x, y))[:3], part.get_at((x, y))[:3], strict=True)
                )
                for x in range(4, 124, 12)
                for y in range(4, 124, 12)
            )
            assert worst <= 24


# -- sprites ------------------------------------------------------------------------------------


def _debris(seed: int):
    return lambda: body_sprite(
        seed % 5, "box", (0.4 + 0.01 * seed, 0.3), 0.25, 58.0, None, style="debris"
    )


def test_rotations_are_made_when_needed_then_ahead_within_a_budget(generous_render_budgets):
    cache = SpriteCache()
    cache.set_scale(58.0)
    cache.rotated("a", _debris(1), 0.3)
    assert len(cache._rotated) == 1  # only the angle needed: no frame makes all 180
    made = cache.prewarm(0.0)  # no time at all: a handful, then it stops
    assert 0 < made <= 8
    while cache.prewarm(0.0):
        pass
    assert len(cache._rotated) == ANGLE_STEPS
    # A (re)start: the sprites on screen get all their angles in that first frame.
    cache.rotated("b", _debris(2), 1.0)
    cache.warm()
    cache.prewarm(0.0)
    assert sum(1 for key, _ in cache._rotated if key == "b") == ANGLE_STEPS


def test_expected_sprites_are_made_before_they_are_seen():
    cache = SpriteCache()
    cache.set_scale(58.0)
    cache.expect("c", _debris(3), 0.3)
    cache.expect("huge", lambda: pytest.fail("a big sprite is not made ahead"), 5.0)
    cache.warm()
    cache.prewarm(0.0)
    assert "c" in cache._base and "huge" not in cache._base
    assert sum(1 for key, _ in cache._rotated if key == "c") == ANGLE_STEPS


def test_rotations_kept_stay_under_the_cap_whatever_their_size(monkeypatch):
    monkeypatch.setattr(sprites_module, "ROTATIONS_MAX_PIXELS", 60_000)
    cache = SpriteCache()
    cache.set_scale(58.0)
    for seed in range(40):  # forty different small pieces of debris, each at many angles
        for step_ in range(0, ANGLE_STEPS, 4):
            cache.rotated(f"d{seed}", _debris(seed), step_ * 0.035)
            assert cache._pixels <= 60_000 + 64 * 64
        while cache.prewarm(1.0):
            pass
    assert cache._pixels == sum(
        s.get_width() * s.get_height() for s, _, _ in cache._rotated.values()
    )
    assert cache._pixels <= 60_000


# -- bodies and poses ---------------------------------------------------------------------------


def _crowd():
    bodies = "".join(
        f'[[bodies]]\nid = "b{i}"\nat = [{-38 + (i % 40) * 1.9:.2f}, {-7 + (i // 40) * 1.3:.2f}]\n'
        f"size = [0.5, 0.3]\nmass = 3.0\nspin = {20 + i}.0\nvelocity = [0.4, 0.1]\n"
        f'style = "{"debris" if i % 2 else "panel-shard"}"\n'
        + ("spawned = false\n" if i == 5 else "")
        for i in range(400)
    )
    return _level(bodies)


def _frame(level, many: int, monkeypatch) -> bytes:
    monkeypatch.setattr(poses_module, "MANY_BODIES", many)
    world = build_world(level)
    for _ in range(20):
        step(world, NEUTRAL)
    view = WorldView(level, (640, 360))
    view.show_hud = False
    screen = pygame.Surface((640, 360))
    poses = PoseReader(world).read()
    view.draw(screen, world, poses, 1 / 60)
    view.draw(screen, world, poses, 1 / 60)
    return pygame.image.tobytes(screen, "RGB")


def test_bodies_found_by_a_spatial_query_draw_the_same_frame(monkeypatch):
    level = _crowd()
    assert _frame(level, 1, monkeypatch) == _frame(level, 10**9, monkeypatch)


def test_poses_read_in_one_batch_match_body_by_body_reads_as_bodies_come():
    level = _crowd()
    world = build_world(level)
    reader = PoseReader(world)
    for tick in range(40):
        step(world, NEUTRAL)
        if tick == 20:
            world.spawn(world.entities[5])  # a body joins the space: the order changes
        assert reader.read() == [(*b.position, b.angle) for b in world.dynamic_bodies()]


def test_a_level_played_again_reuses_its_interior_map():
    level = _level()
    camera = Camera((640, 360))
    camera.snap((0.0, 0.0))
    first, again = station.StationLayer(level), station.StationLayer(_level())
    first.warm(camera)
    again.warm(camera)
    assert again.interior is first.interior
