"""A damaging hit is seen and heard as it happens: the screen's edge flashes red, the view jolts,
the breach vents at the point of contact and a sound of its own plays. With reduced flashing the
flash is dimmer, swells in, never covers the whole screen, and the jolt is smaller."""

from __future__ import annotations

import pygame
import pytest

from game.audio import EVENT_SOUNDS, Audio
from game.render import earth
from game.render.hit_flash import BLINK_S, FADE_S, HitFlash, hit_strength
from game.render.poses import PoseReader
from game.render.world_view import WorldView
from game.sim import NEUTRAL, TickInput, build_world, step
from game.sim.events import SimEvent
from tests.levels_for_tests import make_level

SIZE = (640, 360)
RIGHT = TickInput(100, 0, 0, 0)
CRASHER = {
    "mode": "eva",
    "o2_seconds": 300.0,
    "thrust": 20.0,
    "propellant": 5.0,
    "impact_limit": 1.0,
    "impact_o2_loss": 10.0,
}


@pytest.fixture(scope="module", autouse=True)
def display():
    pygame.init()
    pygame.display.set_mode(SIZE)
    # No pygame.quit() after: fonts cached by the text module would die with it, for every
    # test module after this one.


@pytest.fixture
def level():
    return make_level(player=CRASHER)


def _view(level, reduced: bool) -> WorldView:
    view = WorldView(level, SIZE)
    view.hit_flash = HitFlash(reduced_flashing=reduced)
    return view


def _frame(view, world, dt=1 / 60) -> pygame.Surface:
    surface = pygame.Surface(SIZE)
    view.draw(surface, world, PoseReader(world).read(), dt)
    return surface


def _red_excess(surface, point) -> int:
    r, g, b, _ = surface.get_at(point)
    return r - (g + b) // 2


def _damage(world, o2_lost: float = 12.0):
    world.events[:] = [SimEvent("damage", 2.0, 0.0, value=o2_lost, text="Suit breached")]


# -- the flash itself ---------------------------------------------------------------------------


def test_every_damaging_hit_shows_and_harder_hits_show_more():
    assert hit_strength(0.0) == 0.0
    assert 0.3 <= hit_strength(0.1) < hit_strength(4.0) < hit_strength(8.0) == 1.0
    assert hit_strength(500.0) == 1.0


@pytest.mark.parametrize("reduced", [False, True])
def test_the_flash_fades_out_and_is_gone(reduced):
    flash = HitFlash(reduced_flashing=reduced)
    flash.hit(10.0)
    seen = []
    for _ in range(round(FADE_S * 60) + 2):
        flash.update(1 / 60)
        seen.append(flash.edge_alpha())
    assert max(seen) > 0
    assert seen[-1] == 0 and not flash.active


def test_reduced_flashing_is_dimmer_swells_in_and_never_covers_the_screen():
    full, reduced = HitFlash(reduced_flashing=False), HitFlash(reduced_flashing=True)
    full_edge, reduced_edge, reduced_blink = [], [], []
    full.hit(10.0)
    reduced.hit(10.0)
    assert full.blink_alpha() > 0  # full effects: the whole screen blinks at the hit
    for _ in range(60):
        full_edge.append(full.edge_alpha())
        reduced_edge.append(reduced.edge_alpha())
        reduced_blink.append(reduced.blink_alpha())
        full.update(1 / 120)
        reduced.update(1 / 120)
    assert max(reduced_edge) <= 0.5 * max(full_edge)
    assert reduced_edge[0] < reduced_edge[10]  # no sudden change of brightness
    assert max(reduced_blink) == 0


@pytest.mark.parametrize("reduced", [False, True])
def test_the_flash_reddens_the_edge_and_the_middle_only_in_a_full_effects_blink(reduced):
    flash = HitFlash(reduced_flashing=reduced)
    flash.hit(10.0)
    flash.update(0.15 if reduced else BLINK_S / 4)
    surface = pygame.Surface(SIZE)
    surface.fill((60, 60, 60))
    flash.draw(surface)
    assert _red_excess(surface, (2, SIZE[1] // 2)) > 40
    middle = _red_excess(surface, (SIZE[0] // 2, SIZE[1] // 2))
    assert middle == 0 if reduced else middle > 5


def test_the_game_wide_setting_reaches_a_flash_that_does_not_choose():
    try:
        earth.set_reduced_flashing(True)
        assert HitFlash().reduced_flashing
        assert not HitFlash(reduced_flashing=False).reduced_flashing
    finally:
        earth.set_reduced_flashing(False)


# -- in the view --------------------------------------------------------------------------------


@pytest.mark.parametrize("reduced", [False, True])
def test_a_damage_event_flashes_the_edge_jolts_the_view_and_vents(level, reduced):
    world = build_world(level)
    view = _view(level, reduced)
    before = _frame(view, world)
    _damage(world)
    view.feed(world)
    world.events.clear()
    after = _frame(view, world, dt=0.15 if reduced else BLINK_S / 4)
    edge = (3, SIZE[1] // 2)
    assert _red_excess(after, edge) > _red_excess(before, edge) + 20
    assert view.camera.shake_left > 0
    styles = {p[6] for p in view.hit_particles.items}
    assert {"ring", "breach", "vent"} <= styles
    breach = [p for p in view.hit_particles.items if p[6] == "breach"]
    assert all(abs(p[0] - 2.0) < 1.0 and abs(p[1]) < 1.0 for p in breach)  # at the hit point


def test_reduced_flashing_shakes_less(level):
    strengths = {}
    for reduced in (False, True):
        world = build_world(level)
        view = _view(level, reduced)
        _damage(world)
        view.feed(world)
        strengths[reduced] = view.camera.shake_strength
    assert 0 < strengths[True] <= 0.5 * strengths[False]


def test_a_restart_forgets_the_flash_and_the_shake(level):
    world = build_world(level)
    view = _view(level, False)
    _damage(world)
    view.feed(world)
    view.reset()
    assert not view.hit_flash.active and view.camera.shake_left == 0


def test_a_real_crash_in_the_sim_reaches_the_screen_and_the_speakers(level):
    """Thrust into a wall above the level's impact limit: the sim's damage event flashes the
    view and picks the breach sound."""
    world = build_world(level)
    view = _view(level, False)
    damage = []
    for tick in range(600):
        step(world, RIGHT if tick < 30 else NEUTRAL)
        view.feed(world)
        damage += [e for e in world.events if e.kind == "damage"]
        if damage:
            break
    assert damage, "the crash did no damage"
    assert view.hit_flash.active and view.camera.shake_left > 0
    assert EVENT_SOUNDS["damage"][0] == "breach"
    assert EVENT_SOUNDS.get("impact", ("impact",))[0] != "breach"


def test_the_damage_sound_plays(monkeypatch):
    pygame.mixer.quit()
    audio = Audio()
    assert audio.available, audio.notices()
    played = []
    monkeypatch.setattr(audio, "_play", lambda name, loudness: played.append(name))
    audio.update([SimEvent("impact", value=3.0), SimEvent("damage", value=5.0)], 0.0, 1.0)
    assert played == ["impact", "breach"]
    audio.close()
