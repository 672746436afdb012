"""No frame of a level in play makes something big and new: after the first second of a
shipped level's solution replay, played through the game's own start (game.app.run), no frame
rotates a big sprite (Cut Loose's 13 m boom had cost 1-3 ms a new angle while it swung) or
draws many glyphs for the first time (a radio line or a banner in a font size not yet used had
cost 1-3 ms). Counted, not timed: a count holds on any machine."""

from __future__ import annotations

import pygame
import pytest
from levels_for_tests import REPO

from game.app import run
from game.levels import load_level
from game.render import text
from game.scenes.play import PlayScene
from game.sim import NEUTRAL
from game.speedrun.shipped_solutions import solution_inputs

FIRST_SECOND = 60  # frames at 60 Hz: the level's first frame builds what it shows
# Per frame after that: the biggest sprite rotated, in pixels (the astronaut, 51x51 px, turns
# every frame; a small body is at most 64x64; the boom is 761x34 = 25,874). The biggest, not
# the sum: small bodies' rotations are made ahead within a time budget, more on a fast machine.
MAX_ROTATED_PIXELS = 8_000
# ... and glyphs drawn for the first time at their size (the timer's digits are drawn at the
# start; a two-line radio message in a new size was about 150).
MAX_NEW_GLYPHS = 12


def play_counting(level_id: str, monkeypatch) -> tuple[list[int], list[int]]:
    """Play the level's shipped solution; per frame drawn, (the biggest sprite rotated, in
    pixels, and the glyphs drawn for the first time)."""
    level = load_level(REPO / "levels" / f"{level_id}.toml")
    inputs = solution_inputs(level)
    assert inputs is not None
    rotated: list[int] = [0]
    glyphs: list[int] = [0]
    seen: set[tuple[int, str]] = set()

    rotozoom = pygame.transform.rotozoom

    def counting_rotozoom(surface, angle, scale):
        rotated[-1] = max(rotated[-1], surface.get_width() * surface.get_height())
        return rotozoom(surface, angle, scale)

    class CountingFont(pygame.font.Font):
        def __init__(self, name, size):
            super().__init__(name, size)
            self.points = size

        def render(self, line, *args, **kwargs):
            for character in str(line):
                if (self.points, character) not in seen:
                    seen.add((self.points, character))
                    glyphs[-1] += 1
            return super().render(line, *args, **kwargs)

    draw = PlayScene.draw

    def counting_draw(scene, *args, **kwargs):
        draw(scene, *args, **kwargs)
        rotated.append(0)
        glyphs.append(0)

    text.forget()  # fonts made before this test drew glyphs it cannot see
    monkeypatch.setattr(pygame.transform, "rotozoom", counting_rotozoom)
    monkeypatch.setattr(pygame.font, "Font", CountingFont)
    monkeypatch.setattr(PlayScene, "draw", counting_draw)
    frames = len(inputs) // 2  # two ticks a frame: the whole solution
    run(
        level,
        max_frames=frames,
        input_source=lambda tick: inputs[tick] if tick < len(inputs) else NEUTRAL,
        window_size=(1280, 720),
        frame_dt=1 / 60,
        max_fps=0,
    )
    text.forget()
    return rotated[:-1], glyphs[:-1]


@pytest.mark.parametrize("level_id", ["arrival", "cut-loose", "vault", "diversion"])
def test_no_frame_in_play_rotates_a_big_sprite_or_draws_many_new_glyphs(
    level_id, monkeypatch, generous_render_budgets
):
    rotated, glyphs = play_counting(level_id, monkeypatch)
    assert len(rotated) > FIRST_SECOND * 3
    late_rotations = rotated[FIRST_SECOND:]
    late_glyphs = glyphs[FIRST_SECOND:]
    worst = max(range(len(late_rotations)), key=late_rotations.__getitem__)
    assert late_rotations[worst] <= MAX_ROTATED_PIXELS, (
        f"frame {worst + FIRST_SECOND} rotated a sprite of {late_rotations[worst]} px"
    )
    worst = max(range(len(late_glyphs)), key=late_glyphs.__getitem__)
    assert late_glyphs[worst] <= MAX_NEW_GLYPHS, (
        f"frame {worst + FIRST_SECOND} drew {late_glyphs[worst]} glyphs for the first time"
    )
