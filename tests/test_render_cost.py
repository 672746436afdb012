"""Drawing does no work it does not need each frame: a station tile with nothing in it is
neither kept as a picture nor blitted, and a radio line is wrapped once, not every frame."""

from __future__ import annotations

import pygame
import pytest
from levels_for_tests import REPO

from game.levels import load_level
from game.render import station, text
from game.render.camera import Camera


@pytest.fixture(scope="module", autouse=True)
def display():
    pygame.init()
    pygame.display.set_mode((1280, 720))
    yield
    pygame.quit()


def test_empty_station_tiles_are_one_shared_marker_and_never_blitted():
    level = load_level(REPO / "levels" / "cut-loose.toml")  # a station floating in space
    camera = Camera((1280, 720))
    camera.snap(level.player.spawn)
    layer = station.StationLayer(level)
    layer.warm(camera)
    assert layer.tiled
    empty = [key for key, tile in layer.tiles.items() if tile is station.EMPTY_TILE]
    assert empty, "an exterior level has tiles of empty space"
    for tile in layer.tiles.values():  # no other tile is blank
        assert tile is station.EMPTY_TILE or tile.get_bounding_rect()

    blitted = []

    class Target:
        def get_size(self):
            return (1280, 720)

        def fblits(self, pairs):
            blitted.extend(surface for surface, _ in pairs)

        def blit(self, surface, *_):
            blitted.append(surface)

    layer.draw(Target(), camera)
    assert blitted and station.EMPTY_TILE not in blitted


def test_a_line_is_measured_once_however_many_frames_show_it(monkeypatch):
    text.forget()
    line = "Gordon: the arm's end is above you, aim for the foot restraint and keep it slow"
    first = text.wrap(line, 28, 300)
    assert len(first) > 1
    measured = []
    face = text.font(28)

    class Counting:
        def size(self, words):
            measured.append(words)
            return face.size(words)

    monkeypatch.setattr(text, "font", lambda size: Counting())
    for _ in range(5):
        assert text.wrap(line, 28, 300) == first
    assert measured == []
    assert text.wrap(line, 28, 200) != first  # another width is wrapped anew
    assert measured
