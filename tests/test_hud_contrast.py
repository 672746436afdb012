"""Legible over anything: every line of HUD text (timer, O2, objective, radio, prompts, the
level's card) reaches the WCAG 2.x contrast ratio of 4.5:1 against what is drawn behind it,
in frames of every shipped level; and the level's card never covers the astronaut.

How it measures: the HUD keeps each line it drew (`Hud.drawn`: rect, colour, opacity). The
frame is drawn a second time with every glyph made invisible (text.render patched to return
a transparent image of the same size), so what is left under each line's rect is exactly what
the text sits on: its plate and whatever shows through it. The line's contrast is its colour
against the worst pixel there (the one of the closest luminance). Fading text (opacity below
255: a line coming or going) is not measured."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.levels import load_level
from game.render import hud as hud_module
from game.render import text
from game.render.hud import Hud
from game.render.poses import PoseReader
from game.render.world_view import WorldView
from game.sim import NEUTRAL, SimEvent, TickInput, build_world, step
from game.speedrun.replay import ReplayError, load

ROOT = Path(__file__).resolve().parent.parent
LEVELS = sorted(p for p in (ROOT / "levels").glob("*.toml") if p.name != "pack.toml")
SIZE = (1280, 720)
WCAG_AA = 4.5
MOMENTS = (0, 240, 480, 720)  # ticks: the card before the first input, then 2, 4 and 6 s in
DRAW_EVERY = 6  # ticks between frames drawn on the way (the HUD's fades follow them)


pytestmark = pytest.mark.usefixtures("small_display")


# -- WCAG 2.x -------------------------------------------------------------------------------------


def luminance(rgb) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb[:3]
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a, b) -> float:
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def test_the_contrast_ratio_is_wcags():
    assert contrast((255, 255, 255), (0, 0, 0)) == pytest.approx(21.0)
    assert contrast((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    assert contrast((10, 10, 10), (10, 10, 10)) == 1.0


# -- measuring a frame ----------------------------------------------------------------------------


def worst_contrast(behind: pygame.Surface, drawn) -> tuple[float, tuple]:
    """The text's colour against the worst pixel under its rect: (ratio, that pixel)."""
    rect = drawn.rect.clip(behind.get_rect())
    if rect.width == 0 or rect.height == 0:
        return float("inf"), ()
    raw = pygame.image.tobytes(behind.subsurface(rect), "RGB")
    colors = set(zip(raw[0::3], raw[1::3], raw[2::3], strict=True))
    return min((contrast(drawn.color, c), c) for c in colors)


def without_glyphs(monkeypatch, draw) -> None:
    """Draw with every piece of text transparent (same sizes, so the same layout)."""
    real = text.render

    def blank(line, size, color=(0, 0, 0), shadow=True):
        image = pygame.Surface(real(line, size, color, shadow).get_size(), pygame.SRCALPHA)
        image.fill((0, 0, 0, 0))
        return image

    with monkeypatch.context() as patch:
        patch.setattr(text, "render", blank)
        draw()


def measure(monkeypatch, hud: Hud, draw) -> list[tuple[float, object, tuple]]:
    """Draw a frame, then again without glyphs; each opaque line's worst contrast."""
    frame = pygame.Surface(SIZE)
    draw(frame)
    lines = [d for d in hud.drawn if d.alpha >= 255]
    behind = pygame.Surface(SIZE)
    hud._rows.clear()  # rows of several colours are kept whole: made again, invisible
    without_glyphs(monkeypatch, lambda: draw(behind))
    hud._rows.clear()
    assert [d.rect for d in hud.drawn if d.alpha >= 255] == [d.rect for d in lines]
    return [(*worst_contrast(behind, d), d) for d in lines]


# -- the measurement measures ---------------------------------------------------------------------

ROOM = """
[level]
id = "contrast-test"
name = "Contrast test"
format = 1
description = "Hold {grab} near a rail. A white wall behind every line of the HUD."

[world]
bounds = [-20.0, -20.0, 20.0, 20.0]

[player]
spawn = [0.0, 0.0]
o2_seconds = 60.0

[[zones]]
id = "goal"
rect = [6.0, -1.0, 8.0, 1.0]

[[objectives]]
kind = "reach"
zone = "goal"
label = "Reach the goal"
"""


def _white_room_frame(monkeypatch):
    from game.levels import load_level_bytes

    level = load_level_bytes(ROOM.encode(), "contrast-test.toml")
    world = build_world(level)
    hud = Hud()
    hud.feed(SimEvent("message", value=5.0, text="Three radio lines", who="Houston"))
    hud.feed(SimEvent("message", value=5.0, text="over the bright Earth", who="Houston"))
    hud.feed(SimEvent("message", value=5.0, text="with no backing", who="Houston"))
    hud.update(0.5)
    view = WorldView(level, SIZE)
    view.hud = hud
    camera = view.camera

    def draw(surface):
        surface.fill((255, 255, 255))  # a sunlit solar panel the size of the screen
        hud.new_frame()
        hud.draw(surface, world, camera, (SIZE[0] / 2, SIZE[1] / 2))
        hud.prompt(surface, "SPACE: grab the rail", 24, (640, 320), (246, 196, 58), "midbottom")

    return measure(monkeypatch, hud, draw)


def test_every_line_reads_over_a_white_panel(monkeypatch):
    measured = _white_room_frame(monkeypatch)
    assert len(measured) >= 8  # name, objective, timer, O2, thrust, radio, card, prompt
    worst = min(measured, key=lambda m: m[0])
    assert worst[0] >= WCAG_AA, worst


def test_without_the_plates_the_same_frame_fails(monkeypatch):
    monkeypatch.setattr(hud_module, "PLATE_ALPHA", 0)
    measured = _white_room_frame(monkeypatch)
    failing = [m for m in measured if m[0] < WCAG_AA]
    assert len(failing) >= len(measured) - 1  # only the yellow-on-white prompt... fails too
    assert min(m[0] for m in measured) < 1.5


# -- every shipped level --------------------------------------------------------------------------


def _inputs(level):
    """The level's solution replay's inputs (even if the level changed since: they still
    fly somewhere), or a push to the right."""
    try:
        return list(load(ROOT / "levels" / "solutions" / f"{level.info.id}.replay").inputs())
    except (OSError, ReplayError):
        return [TickInput.from_analog(1.0, 0.0)] * 120


@pytest.mark.parametrize("path", LEVELS, ids=lambda p: p.stem)
def test_hud_text_reads_in_every_shipped_level(path, monkeypatch):
    level = load_level(path)
    world = build_world(level)
    inputs = _inputs(level)
    view = WorldView(level, SIZE)
    reader = PoseReader(world)
    frame = pygame.Surface(SIZE)
    report = []
    measured_lines = 0
    for tick in range(max(MOMENTS) + 1):
        if tick in MOMENTS:
            poses = reader.read()

            def draw(surface, poses=poses):
                view.draw(surface, world, poses, 0.0)

            results = measure(monkeypatch, view.hud, draw)
            measured_lines += len(results)
            report += [(tick, round(r, 2), d.text, pixel) for r, pixel, d in results if r < 4.5]
            if tick == 0:
                _card_clear_of_astronaut(view, world, poses)
        if world.status != "running":
            break
        step(world, inputs[tick] if tick < len(inputs) else NEUTRAL)
        view.feed(world)
        if tick % DRAW_EVERY == 0:
            view.draw(frame, world, reader.read(), DRAW_EVERY / 120)
    assert measured_lines >= 4 * 3
    assert not report, f"lines below 4.5:1 (tick, ratio, text, behind): {report}"


def _card_clear_of_astronaut(view, world, poses) -> None:
    card = view.hud.card_rect
    assert card is not None, "the level's card is shown before the first input"
    cam = view.camera
    x, y = cam.to_screen(*poses[0][:2])
    r = world.astronaut.radius * cam.scale
    astronaut = pygame.Rect(round(x - r), round(y - r), round(2 * r), round(2 * r))
    assert not card.colliderect(astronaut), (card, astronaut)
