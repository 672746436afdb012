"""A level is refused when it asks for more work than a machine can do in real time: counts over
their limits, shapes crowded together at the start or on the way, and images too big to decode.
Through the real entry points: `last-orbit validate` and the game start (`last-orbit play`)."""

from __future__ import annotations

import math
import struct
import zlib
from pathlib import Path

import pygame
import pytest
from levels_for_tests import level_text

from game.cli import main
from game.devtools import limits_level
from game.levels import cost as C
from game.levels.assets import MAX_IMAGE_PIXELS

REAL_TIME = "(a level must run in real time)"


def _write(tmp_path: Path, text: str, name: str = "heavy.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _validate(path: Path, capsys) -> tuple[int, str]:
    code = main(["validate", str(path)])
    return code, capsys.readouterr().out


def _spread(count: int, spacing: float = 2.0) -> list[tuple[float, float]]:
    """Points of a square grid around the origin, clear of the spawn point."""
    side = math.ceil(math.sqrt(count + 1))
    points = []
    for n in range(side * side):
        x, y = (n % side - side / 2) * spacing + 3.0, (n // side - side / 2) * spacing + 3.0
        points.append((x, y))
    return points[:count]


def _bodies(count: int, **extra) -> list[dict]:
    return [{"at": list(p), "size": [0.5, 0.5], **extra} for p in _spread(count)]


BIG = (-400.0, -400.0, 400.0, 400.0)


def _over(limit_name: str) -> str:
    """Level text with one count just over its limit, everything else small."""
    limit = getattr(C, limit_name)
    over = limit + 1
    if limit_name == "MAX_BODY_SHAPES":
        return level_text(bounds=BIG, walls=[], bodies=_bodies(over))
    if limit_name == "MAX_STATIC_SHAPES":
        rings = []
        for ring in range(math.ceil(over / 250)):
            r = 20.0 + ring
            rings.append(
                {
                    "points": [
                        [r * math.cos(2 * math.pi * k / 250), r * math.sin(2 * math.pi * k / 250)]
                        for k in range(250)
                    ],
                    "closed": True,
                    "thickness": 0.1,
                }
            )
        return level_text(bounds=BIG, walls=rings)
    if limit_name == "MAX_HANDHOLDS":
        holds = [{"at": [x, y]} for x, y in _spread(over, 0.5)]
        return level_text(bounds=BIG, handholds=holds)
    zones = [{"id": f"z{n}", "rect": [40.0, 40.0, 45.0, 45.0]} for n in range(over)]
    if limit_name == "MAX_ZONES":
        return level_text(zones=zones)
    if limit_name == "MAX_OBJECTIVES":
        return level_text(zones=zones[:1], objectives=[{"kind": "reach", "zone": "z0"}] * over)
    text = level_text()
    if limit_name == "MAX_ITEMS":
        return text + "".join(f'[[items]]\nid = "i{n}"\nat = [5.0, 5.0]\n' for n in range(over))
    if limit_name == "MAX_TRIGGERS":
        return (
            text
            + "".join('[[triggers]]\non = "start"\nactions = [{ do = "message", text = "hi" }]\n')
            * over
        )
    if limit_name == "MAX_MOVER_SHAPES":
        return text + "".join(
            f'[[movers]]\nid = "m{n}"\npath = [[{n}.0, 5.0], [{n}.0, 6.0]]\n' for n in range(over)
        )
    raise AssertionError(limit_name)


COUNT_LIMITS = {
    "MAX_BODY_SHAPES": ("bodies[2000]", "2,001 dynamic bodies; the limit is 2,000"),
    "MAX_STATIC_SHAPES": ("walls[0]", "pieces of station"),
    "MAX_MOVER_SHAPES": ("movers[32]", "33 movers of 33 collision shapes; the limit is 32"),
    "MAX_ITEMS": ("items[64]", "65 items; the limit is 64"),
    "MAX_ZONES": ("zones[64]", "65 zones; the limit is 64"),
    "MAX_HANDHOLDS": ("handholds[256]", "257 handholds; the limit is 256"),
    "MAX_OBJECTIVES": ("objectives[16]", "17 objectives; the limit is 16"),
    "MAX_TRIGGERS": ("triggers[256]", "257 triggers; the limit is 256"),
}


@pytest.mark.parametrize("limit_name", list(COUNT_LIMITS))
def test_a_count_over_its_limit_fails_validate_naming_the_limit(tmp_path, capsys, limit_name):
    code, out = _validate(_write(tmp_path, _over(limit_name)), capsys)
    field, message = COUNT_LIMITS[limit_name]
    assert code == 1
    assert f" {field}: " in out and message in out and REAL_TIME in out, out
    assert out.startswith(f"{tmp_path / 'heavy.toml'}:")  # with the entry's line and column
    line, col = out.split(":")[1:3]
    assert int(line) > 1 and int(col) >= 1


def test_polygons_count_one_shape_per_convex_part(tmp_path, capsys):
    l_shape = [[0, 0], [0.6, 0], [0.6, 0.2], [0.2, 0.2], [0.2, 0.6], [0, 0.6]]  # two parts
    bodies = _bodies(C.MAX_BODY_SHAPES // 2 + 1, shape="polygon", points=l_shape)
    code, out = _validate(_write(tmp_path, level_text(bounds=BIG, bodies=bodies)), capsys)
    assert code == 1
    assert "1,001 dynamic bodies of 2,002 collision shapes" in out
    assert "the limit is 2,000 shapes" in out


def test_the_issues_level_of_5000_bodies_on_one_point_is_refused(tmp_path, capsys):
    bodies = [{"at": [3.0, 3.0], "size": [0.5, 0.5]}] * 5000
    code, out = _validate(_write(tmp_path, level_text(bodies=bodies)), capsys)
    assert code == 1
    assert "bodies[2000]: 5,000 dynamic bodies; the limit is 2,000" in out


def test_bodies_stacked_on_one_point_are_refused_for_their_pairs(tmp_path, capsys):
    # 41 bodies on one point: 820 pairs, each of which pymunk's first step must push apart.
    stacked = [{"at": [3.0, 3.0], "size": [0.5, 0.5]}] * 41
    code, out = _validate(_write(tmp_path, level_text(bodies=stacked)), capsys)
    assert code == 1
    assert "pairs of shapes touch or overlap where they start" in out
    assert f"the limit is {C.MAX_PAIRS}" in out and REAL_TIME in out


def test_a_stack_within_the_pair_limit_passes(tmp_path, capsys):
    stacked = [{"at": [3.0, 3.0], "size": [0.5, 0.5]}] * 40  # 780 pairs
    code, out = _validate(_write(tmp_path, level_text(bodies=stacked)), capsys)
    assert code == 0, out


def test_bodies_aimed_at_one_point_are_refused_before_they_pile_up(tmp_path, capsys):
    # Spread out at the start (no pair at all), all meeting in the middle 3 s later.
    ring = []
    for n in range(300):
        angle = 2 * math.pi * n / 300
        ring.append(
            {
                "at": [30 * math.cos(angle), 30 * math.sin(angle)],
                "size": [0.4, 0.4],
                "velocity": [-9.9 * math.cos(angle), -9.9 * math.sin(angle)],
            }
        )
    text = level_text(bounds=(-100.0, -100.0, 100.0, 100.0), walls=[], bodies=ring)
    code, out = _validate(_write(tmp_path, text), capsys)
    assert code == 1
    assert "s in, as the bodies drift in straight lines" in out and REAL_TIME in out


def test_a_mover_that_could_sweep_the_debris_field_into_a_pile_is_refused(tmp_path, capsys):
    # The stress level (passes) with a bulldozer across its field: played, 29 ticks/s.
    from game.paths import shipped_levels_dir

    text = (shipped_levels_dir() / "bench" / "stress-debris.toml").read_text(encoding="utf-8")
    text += (
        '[[movers]]\nid = "dozer"\npath = [[-59.0, 0.0], [58.0, 0.0]]\nsize = [1.0, 79.0]\n'
        'speed = 10.0\nmode = "once"\n'
    )
    code, out = _validate(_write(tmp_path, text), capsys)
    assert code == 1
    assert "movers[0]: the movers' paths reach 2,000 free bodies" in out
    assert f"the limit is {C.MAX_SWEPT_BODIES}" in out and REAL_TIME in out


def test_a_level_with_every_count_at_its_limit_passes_validate(tmp_path, capsys):
    path = _write(tmp_path, limits_level.limits_level_text("clump", crowd=10))
    code, out = _validate(path, capsys)
    assert code == 0, out


def test_the_shipped_stress_level_passes():
    from game.levels import load_level
    from game.paths import shipped_levels_dir

    level = load_level(shipped_levels_dir() / "bench" / "stress-debris.toml")
    assert len(level.bodies) == C.MAX_BODY_SHAPES  # the benchmark is the largest level allowed


def test_the_game_start_refuses_an_over_limit_level_instead_of_hanging(tmp_path, capsys):
    bodies = [{"at": [3.0, 3.0], "size": [0.5, 0.5]}] * 5000  # a minute a tick, if played
    path = _write(tmp_path, level_text(bodies=bodies))
    code = main(["play", str(path), "--frames", "3"])
    assert code == 1  # the level was never played: the error screen showed its problems
    assert "5,000 dynamic bodies; the limit is 2,000" in capsys.readouterr().err


# -- images ----------------------------------------------------------------------------------


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims width x height pixels, with one tiny IDAT: a few hundred bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def no_decoding(monkeypatch):
    """Fails the test if anything decodes an image."""

    def refuse(*args, **kwargs):
        raise AssertionError("an image was decoded")

    monkeypatch.setattr(pygame.image, "load", refuse)


def _level_with_backdrop(tmp_path: Path, image: bytes) -> Path:
    (tmp_path / "sky.png").write_bytes(image)
    text = level_text().replace("[world]\n", '[world]\nbackdrop = "sky.png"\n')
    return _write(tmp_path, text)


def test_an_image_bomb_is_refused_from_its_header_before_decoding(tmp_path, capsys, no_decoding):
    path = _level_with_backdrop(tmp_path, _png_header(40_000, 40_000))
    code, out = _validate(path, capsys)
    assert code == 1
    assert "world.backdrop: 'sky.png' is 40,000×40,000 pixels" in out
    assert f"the limit is {MAX_IMAGE_PIXELS:,} pixels" in out


def test_the_game_start_refuses_an_image_bomb_without_decoding_it(tmp_path, capsys, no_decoding):
    path = _level_with_backdrop(tmp_path, _png_header(65_000, 65_000))
    assert main(["play", str(path), "--frames", "3"]) == 1
    assert "65,000×65,000 pixels" in capsys.readouterr().err


@pytest.mark.parametrize(
    "image, message",
    [
        (b"BM" + b"\x00" * 60, "is not a PNG image"),  # a BMP named .png: decoders would read it
        (b"\xff\xd8\xff\xe0" + b"\x00" * 60, "is not a PNG image"),  # a JPEG
        (_png_header(4096, 1), "at most 4 times as long as it is wide"),
    ],
    ids=["bmp", "jpeg", "strip"],
)
def test_backdrops_that_are_not_a_modest_png_are_refused(tmp_path, capsys, image, message):
    code, out = _validate(_level_with_backdrop(tmp_path, image), capsys)
    assert code == 1 and message in out


def test_a_backdrop_at_the_pixel_limit_passes(tmp_path, capsys):
    limits_level.write_backdrop(tmp_path / "sky.png")
    text = level_text().replace("[world]\n", '[world]\nbackdrop = "sky.png"\n')
    code, out = _validate(_write(tmp_path, text), capsys)
    assert code == 0, out


# -- messages ---------------------------------------------------------------------------------


def test_a_velocity_out_of_range_is_reported_as_a_speed(tmp_path, capsys):
    bodies = [{"at": [3.0, 3.0], "velocity": [200_000.0, 0.0]}]
    code, out = _validate(_write(tmp_path, level_text(bodies=bodies)), capsys)
    assert code == 1
    assert "bodies[0].velocity: speed must be at most 10 m/s (this is 200000 m/s)" in out
    assert "coordinates" not in out


def test_huge_values_are_shortened_in_messages(tmp_path, capsys):
    text = level_text().replace('id = "test-room"', f'id = "{"x" * 1500}"')
    text = text.replace("format = 1", f"format = {'9' * 3000}")
    code, out = _validate(_write(tmp_path, text), capsys)
    assert code == 1
    assert "level.id: 'xxxxxxxx" in out and "…(1,500 characters)' is not a valid id" in out
    assert "9999999…(3,000 digits)" in out
    assert max(len(line) for line in out.splitlines()) < 400


def test_a_backdrop_swapped_for_a_bomb_after_loading_is_never_decoded(tmp_path, monkeypatch):
    """The level was checked with a modest picture; the file is replaced before the first frame
    draws it. The game decodes the bytes it checked, never the file by name."""
    from game.levels import load_level
    from game.render.world_view import WorldView

    path = _level_with_backdrop(tmp_path, _png_header(64, 32))
    level = load_level(path)
    (tmp_path / "sky.png").write_bytes(_png_header(65_000, 65_000))
    decoded = []
    monkeypatch.setattr(pygame.image, "load", lambda *a, **k: decoded.append(a) or None)
    view = WorldView(level, (320, 180))
    assert view.background._backdrop_image() is None
    assert decoded == []
