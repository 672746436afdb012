"""Prompts, radio lines and the level's card name the player's bindings (a rebound key, the
gamepad's buttons once a gamepad was used); level text placeholders; a craft's controls on the
card and the HUD; the chunk of O2 a hit took, marked on the bar."""

from __future__ import annotations

import pygame
import pytest

from game.app import run
from game.bindings import Bindings, ControlNames
from game.levels import load_level_bytes
from game.render.hud import O2_LOSS_FADE_S, Hud
from game.render.poses import PoseReader
from game.render.world_view import WorldView
from game.settings import Settings
from game.sim import NEUTRAL, SimEvent, build_world, step
from tests.window_levels import FRAME

SIZE = (1280, 720)

RAIL_ROOM = """
[level]
id = "prompt-test"
name = "Prompt test"
format = 1
description = '''Hold {grab} by a rail, aim with {move}, {turn} turns, {restart} restarts,
{pause} pauses; {throw} throws, {use} repairs. {nothing} and a lone { brace stay.'''

[world]
bounds = [-20.0, -20.0, 20.0, 20.0]

[player]
spawn = [0.0, -1.9]
o2_seconds = 100.0
{player}

[[walls]]
closed = true
thickness = 0.2
points = [[-5.0, -3.0], [5.0, -3.0], [5.0, 3.0], [-5.0, 3.0]]

[[handholds]]
id = "rail"
from = [-2.0, -2.5]
to = [2.0, -2.5]

[[zones]]
id = "goal"
rect = [3.0, -1.0, 4.0, 1.0]

[[objectives]]
kind = "reach"
zone = "goal"
label = "Reach the goal with {move}"
"""


pytestmark = pytest.mark.usefixtures("small_display")


def rail_room(player: str = ""):
    return load_level_bytes(RAIL_ROOM.replace("{player}", player).encode(), "prompt-test.toml")


def texts(hud: Hud) -> list[str]:
    return [d.text for d in hud.drawn]


def draw_once(level, names: ControlNames, ticks: int = 2) -> WorldView:
    world = build_world(level)
    view = WorldView(level, SIZE)
    view.hud.names = names
    for _ in range(ticks):
        step(world, NEUTRAL)
        view.feed(world)
    said = "Press {grab} to hold on. {odd} { stays"
    view.hud.feed(SimEvent("message", value=20.0, text=said, who="Houston"))
    view.draw(pygame.Surface(SIZE), world, PoseReader(world).read(), 0.1)
    return view


def rebound_grab() -> Bindings:
    return Bindings.defaults().with_key("grab", 0, pygame.K_k)


# -- names ----------------------------------------------------------------------------------------


def test_placeholders_become_the_bindings_and_anything_else_stays():
    keys = rebound_grab()
    names = ControlNames(keys.keys, keys.pad)
    assert names.fill("Hold {grab}, aim with {move}, {turn} to turn") == (
        "Hold K, aim with WASD/arrows, Q/E to turn"
    )
    assert names.fill("{restart} {pause} {throw} {use}") == "R ESC F G"
    for odd in ("{nothing}", "{", "}", "{grab", "{{grab}}", "{ grab }", "{0}", "{}"):
        names.fill(odd)  # never raises
    assert names.fill("{nothing} {grab") == "{nothing} {grab"
    assert names.fill("{{grab}}") == "{K}"
    pad = ControlNames(keys.keys, keys.pad, lambda: True)
    assert pad.fill("{grab} {throw} {use} {pause} {turn} {move}") == (
        "A X B START LB/RB the left stick"
    )


def test_the_grab_prompt_radio_and_card_name_a_rebound_key():
    keys = rebound_grab()
    view = draw_once(rail_room(), ControlNames(keys.keys, keys.pad))
    shown = texts(view.hud)
    assert "K: grab handrail" in shown
    assert "SPACE: grab handrail" not in shown
    assert "Houston: Press K to hold on. {odd} { stays" in shown
    card = " ".join(shown)
    assert "Hold K by a rail, aim with WASD/arrows, Q/E turns" in card
    assert "{nothing} and a lone { brace stay." in card
    assert "Reach the goal with WASD/arrows" in shown


def test_with_a_gamepad_last_used_the_prompts_name_its_buttons():
    keys = rebound_grab()
    view = draw_once(rail_room(), ControlNames(keys.keys, keys.pad, lambda: True))
    shown = texts(view.hud)
    assert "A: grab handrail" in shown
    assert "Houston: Press A to hold on. {odd} { stays" in shown


def test_the_window_prompt_follows_the_settings_and_the_last_device():
    """Through the app: grab saved as K in the settings; then a gamepad button is pressed."""
    level = rail_room()
    seen: dict[str, list[str]] = {}

    def on_frame(app) -> None:
        if app.frames == 5:
            seen["keyboard"] = texts(app.view.hud)
            pygame.event.post(
                pygame.event.Event(
                    pygame.CONTROLLERBUTTONDOWN, button=pygame.CONTROLLER_BUTTON_Y, instance_id=0
                )
            )
        if app.frames == 8:
            seen["gamepad"] = texts(app.view.hud)
            pygame.event.post(
                pygame.event.Event(pygame.KEYDOWN, key=pygame.K_x, mod=0, unicode="", scancode=0)
            )
        if app.frames == 11:
            seen["keyboard again"] = texts(app.view.hud)

    settings = Settings(seen_photosensitivity_notice=True, keys={"grab": ["k"]})
    run(level, max_frames=12, frame_dt=FRAME, on_frame=on_frame, settings=settings, sound=False)
    assert "K: grab handrail" in seen["keyboard"]
    assert "A: grab handrail" in seen["gamepad"]
    assert "K: grab handrail" in seen["keyboard again"]


# -- a craft --------------------------------------------------------------------------------------


def test_a_craft_level_teaches_its_controls_on_the_card_and_the_hud():
    level = rail_room('mode = "craft"')
    keys = Bindings.defaults().with_key("move_up", 0, pygame.K_i)
    view = draw_once(level, ControlNames(keys.keys, keys.pad), ticks=0)
    shown = texts(view.hud)
    strip = "I main engine   S brake   A/D slide   Q/E spin (the other way stops it)"
    assert strip in shown  # the strip under the objective, for the whole flight
    assert "I main engine   S brake" in shown  # and the card, in two rows
    assert "A/D slide   Q/E spin (the other way stops it)" in shown
    assert not any(t.endswith("grab handrail") for t in shown)  # a craft has no hands
    eva = draw_once(rail_room(), ControlNames(keys.keys, keys.pad), ticks=0)
    assert not any("main engine" in t for t in texts(eva.hud))


# -- the O2 a hit took ----------------------------------------------------------------------------


def _red_pixels(surface, rect: pygame.Rect) -> int:
    count = 0
    for x in range(rect.left, rect.right):
        r, g, b, *_ = surface.get_at((x, rect.centery))
        if r - max(g, b) > 40:
            count += 1
    return count


def test_the_o2_a_hit_took_is_marked_on_the_bar_and_fades():
    level = rail_room()
    world = build_world(level)
    view = WorldView(level, SIZE)
    poses = PoseReader(world).read()
    surface = pygame.Surface(SIZE)

    def bar_reds() -> int:
        view.draw(surface, world, poses, 0.0)
        bar = view.hud.o2_bar
        assert bar is not None
        return _red_pixels(surface, bar)

    assert bar_reds() == 0
    world.o2 -= 25.0  # what a hit does in the sim, with its event
    view.hud.feed(SimEvent("damage", 1.0, -2.0, value=25.0, text="Suit breached by debris"))
    marked = bar_reds()
    bar = view.hud.o2_bar
    assert marked == pytest.approx(bar.width * 0.25, abs=4)  # 25 of 100 s: a quarter
    # Where it was lost: just after what is left (75 %), not at the empty end.
    left = bar.left + round(bar.width * 0.75)
    assert _red_pixels(surface, pygame.Rect(left + 2, bar.top, 10, bar.height)) == 10
    view.hud.update(O2_LOSS_FADE_S / 2)
    assert bar_reds() > 0
    view.hud.update(O2_LOSS_FADE_S / 2 + 0.01)
    assert bar_reds() == 0


def test_radio_lines_give_way_as_whole_messages_never_a_wrapped_tail():
    level = rail_room()
    world = build_world(level)
    view = WorldView(level, SIZE)
    long = "This first line is long enough to wrap onto a second line on the plate. " * 2
    for said in (long, "Second.", "Third.", "Fourth."):
        view.hud.feed(SimEvent("message", value=20.0, text=said, who="Houston"))
    view.draw(pygame.Surface(SIZE), world, PoseReader(world).read(), 0.1)
    shown = texts(view.hud)
    assert "Houston: Fourth." in shown and "Houston: Second." in shown
    # The long message no longer fits within the 4 lines: none of it shows, not its tail.
    pieces = ("This first", "wrap", "second line", "plate")
    assert not any(piece in line for line in shown for piece in pieces)


def test_a_damaging_hit_is_labelled_with_what_hit_and_its_cost_not_a_bump():
    level = rail_room()
    world = build_world(level)
    view = WorldView(level, SIZE)
    view.hud.feed(SimEvent("impact", 1.0, 0.5, value=1.0))
    view.hud.feed(SimEvent("damage", 1.0, 0.5, value=12.4, text="Suit breached by debris"))
    view.draw(pygame.Surface(SIZE), world, PoseReader(world).read(), 0.05)
    shown = texts(view.hud)
    assert "Suit breached by debris  -12 s O2" in shown
    assert "bump" not in shown


def test_notices_in_a_game_sit_under_the_bars_clear_of_the_radio_and_hud():
    from game.render.overlay import Notices

    level = rail_room()
    world = build_world(level)
    view = WorldView(level, SIZE)
    for said in ("Kira: a long radio line that runs across most of the bottom of the screen.",):
        view.hud.feed(SimEvent("message", value=20.0, text=said, who="Kira"))
    screen = pygame.Surface(SIZE)
    view.draw(screen, world, PoseReader(world).read(), 0.1)
    notices = Notices()
    notices.add("Photosensitivity: the burning Earth below flashes. Pause > Settings.")
    notices.add("No sound (ALSA: could not open the audio device); playing silently.")
    notices.draw(screen, in_game=True)
    assert len(notices.boxes) == 2
    # Clear of the radio line, the bars and every other HUD line (the level's card, shown only
    # until the first input, may still pass under them).
    card = view.hud.card_rect
    lines = [line.rect for line in view.hud.drawn if card is None or not card.contains(line.rect)]
    assert any("long radio line" in line.text for line in view.hud.drawn)
    for box in notices.boxes:
        assert box.right <= SIZE[0] and box.bottom < SIZE[1] / 2
        assert not any(box.colliderect(rect) for rect in lines), box
    notices.draw(screen)  # over the menus: bottom right, as before
    assert all(box.bottom > SIZE[1] / 2 for box in notices.boxes)
