"""The art, headless: every draw style draws at several sizes and angles, module interiors land
in the right rooms, the war on Earth is the same for the same tick and dimmer with reduced
flashing, the craft's jets show, and drawing never changes the simulation."""

from __future__ import annotations

import math
from pathlib import Path

import pygame
import pytest
from levels_for_tests import play_step

from game.levels import load_level, load_level_bytes
from game.levels.fields import BODY_STYLES, ITEM_STYLES, MOVER_STYLES, SOLID_STYLES, WALL_STYLES
from game.render import earth
from game.render.art.items import draw_item
from game.render.background import Background
from game.render.camera import Camera
from game.render.craft import craft_sprite, draw_craft
from game.render.earth import EarthGeometry, EarthWar
from game.render.poses import PoseReader
from game.render.sprites import SpriteCache, body_sprite, pilot_sprite
from game.render.station import InteriorMap, StationLayer
from game.render.world_view import WorldView
from game.sim import NEUTRAL, TickInput, build_world, state_hash, step

STYLES_LEVEL = Path(__file__).resolve().parent / "data" / "art_styles.toml"
SIZE = (1280, 720)


@pytest.fixture(scope="module", autouse=True)
def display():
    pygame.init()
    pygame.display.set_mode(SIZE)
    yield
    pygame.quit()


def _level(body: str, background: str = "earth"):
    if "[player]" not in body:
        body = "[player]\nspawn = [0.0, 0.0]\n" + body
    text = f"""
[level]
id = "art-test"
name = "Art test"
format = 1

[world]
bounds = [-60.0, -60.0, 60.0, 60.0]
background = "{background}"

{body}

[[zones]]
id = "far"
rect = [50.0, 50.0, 55.0, 55.0]

[[objectives]]
kind = "reach"
zone = "far"
"""
    return load_level_bytes(text.encode(), "art-test.toml")


def _opaque(surface: pygame.Surface, point) -> bool:
    return surface.get_at((round(point[0]), round(point[1]))).a > 0


def _render_all(layer: StationLayer, scale: float) -> pygame.Surface:
    """The whole station layer at a zoom, in one surface."""
    layer._rescale(scale)
    return layer._render(*layer.origin, *layer.size)


def _layer_px(layer: StationLayer, x: float, y: float) -> tuple[float, float]:
    ox, oy = layer.origin
    return x * layer.scale - ox, -y * layer.scale - oy


# -- walls ------------------------------------------------------------------------------------


@pytest.mark.parametrize("style", WALL_STYLES)
def test_every_wall_style_paints_a_closed_module(style):
    level = _level(
        f"""
[[walls]]
closed = true
style = "{style}"
thickness = 0.3
points = [[0.0, -1.5], [8.0, -1.5], [8.0, 1.5], [0.0, 1.5]]
"""
    )
    layer = StationLayer(level)
    for scale in (20.0, 58.0, 110.0):
        surface = _render_all(layer, scale)
        for x, y in ((4.0, 0.0), (1.0, 1.0), (7.0, -1.0)):
            assert _opaque(surface, _layer_px(layer, x, y)), (style, scale, x, y)
        # Outside the module, space shows through.
        assert not _opaque(surface, _layer_px(layer, 4.0, 2.35))
    assert layer.interior.style_at(4.0, 0.0) == style


def test_module_styles_look_different():
    """Each wall style has its own interior: the average colours of a room differ."""
    averages = {}
    for style in WALL_STYLES:
        level = _level(
            f"""
[[walls]]
closed = true
style = "{style}"
points = [[0.0, -2.0], [8.0, -2.0], [8.0, 2.0], [0.0, 2.0]]
"""
        )
        layer = StationLayer(level)
        surface = _render_all(layer, 40.0)
        x0, y0 = _layer_px(layer, 1.0, 1.5)
        x1, y1 = _layer_px(layer, 7.0, -1.5)
        room = surface.subsurface(pygame.Rect(round(x0), round(y0), round(x1 - x0), round(y1 - y0)))
        averages[style] = tuple(pygame.transform.average_color(room))[:3]
    assert len(set(averages.values())) == len(WALL_STYLES), averages


def test_open_walls_make_rooms_each_in_its_own_style():
    """A station of open wall chains: every module's inside takes its own walls' style, and
    the line between two modules runs through the doorway between them."""
    level = load_level(STYLES_LEVEL)
    interior = InteriorMap(level, StationLayer(level).box)
    expected = {
        (3.0, 0.0): "us",
        (9.7, 0.0): "us",
        (12.0, 0.0): "node",
        (12.0, 1.6): "node",
        (12.0, -1.6): "node",
        (13.8, 0.0): "node",
        (14.3, 0.0): "russian",
        (20.0, 0.0): "russian",
        (12.0, -3.0): "cupola",
        (12.0, 3.5): "airlock",
        (25.5, 0.0): "soyuz",
        (12.0, 8.0): None,  # space
        (-8.0, 0.0): None,  # a solid's place outside: not a room
    }
    found = {point: interior.style_at(*point) for point in expected}
    assert found == expected


def test_the_layer_is_the_same_in_tiles_and_whole():
    """A tiled layer (a big zoom) draws the same station as one surface would."""
    level = load_level(STYLES_LEVEL)
    layer = StationLayer(level)
    whole = _render_all(layer, 30.0)
    ox, oy = layer.origin
    tile = layer._render(ox + 300, oy + 100, 256, 256)
    part = whole.subsurface(pygame.Rect(300, 100, 256, 256))
    diff = [
        max(abs(a - b) for a, b in zip(tile.get_at((x, y)), part.get_at((x, y)), strict=True))
        for x in range(8, 248, 16)
        for y in range(8, 248, 16)
    ]
    assert max(diff) <= 24  # smoothing at a tile's edge may differ a little, nothing more


# -- solids -----------------------------------------------------------------------------------


def _rect(cx, cy, length, width, degrees):
    a = math.radians(degrees)
    ux, uy = math.cos(a), math.sin(a)
    vx, vy = -uy, ux
    return [
        [
            cx + ux * sa * length / 2 + vx * sb * width / 2,
            cy + uy * sa * length / 2 + vy * sb * width / 2,
        ]
        for sa, sb in ((-1, -1), (1, -1), (1, 1), (-1, 1))
    ]


@pytest.mark.parametrize("style", SOLID_STYLES)
def test_every_solid_style_draws_at_sizes_and_angles(style):
    shapes = [
        _rect(0.0, 0.0, 6.0, 1.2, 0.0),
        _rect(12.0, 0.0, 3.0, 0.4, 30.0),
        _rect(0.0, 10.0, 2.0, 2.0, 90.0),
        _rect(20.0, 10.0, 20.0, 4.0, -15.0),
        [[-10.0, -10.0], [-6.0, -10.0], [-6.0, -6.0], [-8.0, -8.0], [-10.0, -6.0]],  # concave
    ]
    body = "\n".join(
        f'[[solids]]\nstyle = "{style}"\npoints = {[[round(x, 4), round(y, 4)] for x, y in pts]}\n'
        for pts in shapes
    )
    level = _level(body + '\n[[walls]]\nstyle = "us"\npoints = [[30.0, -20.0], [40.0, -20.0]]\n')
    layer = StationLayer(level)
    for scale in (15.0, 58.0):
        surface = _render_all(layer, scale)
        for pts in shapes[:4]:
            cx = sum(p[0] for p in pts) / len(pts)
            cy = sum(p[1] for p in pts) / len(pts)
            assert _opaque(surface, _layer_px(layer, cx, cy)), (style, scale, pts)


# -- bodies, movers, items ---------------------------------------------------------------------


@pytest.mark.parametrize("style", BODY_STYLES + MOVER_STYLES)
def test_every_body_and_mover_style_draws_at_sizes_and_angles(style):
    shapes = [
        ("box", (0.2, 0.2), 0.25, None),
        ("box", (0.6, 0.4), 0.25, None),
        ("box", (3.0, 0.5), 0.25, None),
        ("box", (0.3, 1.2), 0.25, None),
        ("circle", (0.5, 0.5), 0.1, None),
        ("circle", (0.5, 0.5), 0.6, None),
        ("polygon", (0.5, 0.5), 0.25, ((-0.4, -0.2), (0.3, -0.3), (0.4, 0.25), (-0.1, 0.35))),
    ]
    cache = SpriteCache()
    for scale in (12.0, 58.0, 130.0):
        cache.set_scale(scale)
        for shape, size, radius, points in shapes:
            for seed in (0, 3):
                sprite = body_sprite(seed, shape, size, radius, scale, points, style=style)
                w, h = sprite.get_size()
                if shape == "circle":
                    extent = radius
                elif points:
                    extent = max(math.hypot(x, y) for x, y in points)
                else:
                    extent = math.hypot(*size) / 2
                assert max(w, h) <= extent * 2 * scale + 8
                alpha = pygame.mask.from_surface(sprite).count()
                assert alpha > (0.01 * w * h if min(w, h) >= 16 else 0), (style, shape, size, scale)
                key = f"{style}:{shape}:{size}:{radius}:{seed}"
                for angle in (0.0, 0.4, math.pi / 2, -2.5, 7.0):
                    turned, half_w, half_h = cache.rotated(
                        key,
                        lambda s=shape, z=size, r=radius, p=points, e=seed, sc=scale: body_sprite(
                            e, s, z, r, sc, p, style=style
                        ),
                        angle,
                    )
                    assert turned.get_width() >= 1 and half_w > 0 and half_h > 0


@pytest.mark.parametrize("style", ITEM_STYLES)
def test_every_item_style_draws_and_glows(style):
    class Item:
        id = f"item-{style}"

    Item.style = style
    for r in (4, 17, 40):
        surface = pygame.Surface((200, 200))
        surface.fill((0, 0, 0))
        draw_item(surface, Item(), (100, 100), r, 1.25)
        lit = pygame.mask.from_threshold(surface, (0, 0, 0), (8, 8, 8, 255))
        lit.invert()
        assert lit.count() > r * r, (style, r)


# -- the craft ---------------------------------------------------------------------------------

CRAFT = """
[player]
spawn = [0.0, 0.0]
angle = 0.0
mode = "craft"
propellant = 40.0
"""


def test_the_craft_sprite_is_its_length_along_the_nose():
    sprite = craft_sprite((7.0, 2.7), 40.0)
    w, h = sprite.get_size()
    assert 7.0 * 40 <= w <= 7.0 * 40 + 16 and 2.7 * 40 <= h <= 2.7 * 40 + 16
    level = _level(CRAFT)
    ghost = pilot_sprite(level.player, 3.5, 40.0)
    ghost.fill((10, 10, 10, 255), special_flags=pygame.BLEND_RGBA_MULT)
    assert craft_sprite((7.0, 2.7), 40.0).get_at((w // 2, h // 2)) != (0, 0, 0, 255)


def _brightness_behind(world, thrust, at) -> tuple[int, pygame.Surface]:
    camera = Camera(SIZE)
    camera.snap((0.0, 0.0))
    surface = pygame.Surface(SIZE)
    surface.fill((0, 0, 0))
    world.astronaut.thrust_vector = thrust
    draw_craft(surface, camera, world, (0.0, 0.0, 0.0), 0.5)
    x, y = camera.to_screen(*at)
    patch = surface.subsurface(pygame.Rect(round(x) - 20, round(y) - 20, 40, 40))
    return sum(pygame.transform.average_color(patch)[:3]), surface


def test_the_engine_flame_shows_behind_the_craft_only_when_thrusting_forward():
    world = build_world(_level(CRAFT))
    behind = (-3.5 - 1.5, 0.0)  # past the tail
    off, _ = _brightness_behind(world, (0.0, 0.0), behind)
    burn, _ = _brightness_behind(world, (1.0, 0.0), behind)
    brake, _ = _brightness_behind(world, (-0.25, 0.0), behind)
    assert off == 0 and brake == 0
    assert burn > 60
    # Braking: RCS puffs at the nose instead.
    nose_off, _ = _brightness_behind(world, (0.0, 0.0), (3.3, 0.65))
    nose_brake, _ = _brightness_behind(world, (-0.25, 0.0), (3.3, 0.65))
    assert nose_brake > nose_off


# -- the war on Earth ---------------------------------------------------------------------------


def _backdrop(tick: int, reduced=None, war_seed=None) -> bytes:
    background = Background("earth", (-20.0, -20.0, 20.0, 20.0), reduced_flashing=reduced)
    if war_seed is not None:
        background.war = EarthWar(seed=war_seed, reduced_flashing=reduced)
    camera = Camera(SIZE)
    surface = pygame.Surface(SIZE)
    background.draw(surface, camera, tick)
    return pygame.image.tobytes(surface, "RGB")


def test_the_war_is_the_same_for_the_same_tick():
    tick = 120 * 75
    assert _backdrop(tick) == _backdrop(tick)
    # Whatever frames came before: going forward, then back to the start (a restart).
    background = Background("earth", (-20.0, -20.0, 20.0, 20.0))
    camera = Camera(SIZE)
    surface = pygame.Surface(SIZE)
    for t in (0, 600, tick, 120 * 200, 5, tick):
        background.draw(surface, camera, t)
    assert pygame.image.tobytes(surface, "RGB") == _backdrop(tick)
    # And the plan of the war itself never depends on the order it is asked for.
    one, two = EarthWar(), EarthWar()
    one.strikes_until(120 * 300)
    asked = two.strikes_until(10)
    assert asked == one.strikes[: len(asked)]


def test_the_war_spreads_as_the_level_goes_on():
    war = EarthWar()
    early = war.strikes_until(120 * 20)
    count_early = len([s for s in early if s.tick <= 120 * 20])
    late = [s for s in war.strikes_until(120 * 180) if s.tick <= 120 * 180]
    assert 3 <= count_early < len(late) / 4
    spread = max(s.u for s in late) - min(s.u for s in late)
    assert spread > 0.6
    assert _backdrop(0) != _backdrop(120 * 60)


def _flash_peak(reduced: bool) -> int:
    """The brightest pixel (luminance) the war draws on a black picture over a strike's flash
    and the start of its fire."""
    war = EarthWar(reduced_flashing=reduced)
    war.layout(EarthGeometry(1600, 1000, 800.0, 800.0 + 3000.0, 3000.0, 1.4))
    strike = war.strikes_until(120 * 40)[5]
    brightest = 0
    for age in range(0, 160, 2):
        layer = pygame.Surface((1600, 1000))
        layer.fill((0, 0, 0))
        war.draw(layer, (0, 0), strike.tick + age)
        grey = pygame.transform.grayscale(layer)
        brightest = max(brightest, max(pygame.image.tobytes(grey, "RGB")))
    return brightest


def test_reduced_flashing_dims_the_flashes():
    full = _flash_peak(False)
    reduced = _flash_peak(True)
    assert full >= 230
    assert reduced < full * 0.7


def test_the_game_wide_setting_reaches_backdrops_that_do_not_choose():
    try:
        earth.set_reduced_flashing(True)
        assert Background("earth", (0, 0, 1, 1)).reduced_flashing
        assert not Background("earth", (0, 0, 1, 1), reduced_flashing=False).reduced_flashing
        earth.set_reduced_flashing(False)
        background = Background("earth", (0, 0, 1, 1))
        assert not background.reduced_flashing
        background.reduced_flashing = True
        assert background.reduced_flashing
    finally:
        earth.set_reduced_flashing(False)


# -- drawing reads the world, never changes it ---------------------------------------------------


@pytest.mark.parametrize("which", ["styles", "craft"])
def test_drawing_never_changes_the_simulation(which):
    level = load_level(STYLES_LEVEL) if which == "styles" else _level(CRAFT + _CRAFT_DEBRIS)
    drawn, alone = build_world(level), build_world(level)
    view = WorldView(level, SIZE)
    surface = pygame.display.get_surface()
    reader = PoseReader(drawn)
    inputs = [TickInput(0, 100, 0, 0)] * 60 + [TickInput(60, -100, 80, 0)] * 60 + [NEUTRAL] * 30
    for k, inp in enumerate(inputs):
        step(drawn, inp)
        step(alone, inp)
        if k % 2:
            before = state_hash(drawn)
            view.feed(drawn)
            view.draw(surface, drawn, reader.read(), 1 / 60)
            assert state_hash(drawn) == before
    assert state_hash(drawn) == state_hash(alone)


_CRAFT_DEBRIS = """
[[bodies]]
style = "debris"
shape = "polygon"
points = [[-0.5, -0.3], [0.4, -0.4], [0.5, 0.2], [-0.2, 0.5]]
at = [12.0, 1.0]
spin = 40.0

[[bodies]]
style = "panel-shard"
at = [9.0, -3.0]
size = [1.2, 0.6]
spin = -30.0

[[solids]]
style = "soyuz"
points = [[-30.0, -2.0], [-23.0, -2.0], [-23.0, 0.7], [-30.0, 0.7]]
"""


FLASH_TRIGGER = """
[[triggers]]
on = "time"
seconds = 2.0
actions = [{ do = "flash", strength = 0.8 }]
"""


def test_a_levels_flash_trigger_strikes_earth_and_a_restart_forgets_it():
    level = _level("[player]\nspawn = [0.0, 0.0]\n" + FLASH_TRIGGER)
    view = WorldView(level, SIZE)
    surface = pygame.display.get_surface()
    camera = Camera(SIZE)
    world = build_world(level)
    reader = PoseReader(world)
    frames = {}
    for _ in range(120 * 3):
        play_step(world, NEUTRAL)
        view.feed(world)
        if world.tick % 4 == 0:
            view.draw(surface, world, reader.read(), 1 / 60)
        if world.tick in (120 * 2 + 2, 120 * 2 + 40):
            view.background.draw(surface, camera, world.tick)
            frames[world.tick] = pygame.image.tobytes(surface, "RGB")
    war = view.background.war
    assert [strike.tick for strike in war.triggered] == [240]
    assert war.triggered[0].strength == pytest.approx(0.8)
    # The same run again (a restart, drawn at other frames) gives the same Earth at the
    # same ticks.
    world = build_world(level)
    reader = PoseReader(world)
    view.reset()
    for _ in range(120 * 3):
        play_step(world, NEUTRAL)
        view.feed(world)
        if world.tick % 6 == 0:
            view.draw(surface, world, reader.read(), 1 / 60)
        if world.tick in frames:
            view.background.draw(surface, camera, world.tick)
            assert pygame.image.tobytes(surface, "RGB") == frames[world.tick]
    assert [strike.tick for strike in war.triggered] == [240]
