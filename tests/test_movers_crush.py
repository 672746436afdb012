"""A mover at the format's top speed never pushes or drags anything through the station
(game/sim/squeeze.py): the astronaut squeezed against a wall is slid past, a hand on the mover
is torn loose, debris in a corner stays in the room."""

import json

from game.cli import main
from game.devtools.soak import tunnelled
from game.levels import load_level
from game.levels.fields import MOVERS
from game.sim import GRAB, MAX_SPEED, RUNNING, TickInput, build_world, step
from game.speedrun.replay import Replay, RunResult, dumps

TOP_SPEED = MOVERS.field("speed").maximum
TICKS = 600  # 5 s: the mover crosses the room and back twice

# A room with walls of the thinnest kind; a box mover at top speed runs from the left of the
# room out through the right wall (movers ignore the station). The astronaut floats in its
# way, near that wall. Past the wall is a zone whose 'reach' objective can only complete if
# the astronaut goes through it.
ROOM = """
[level]
id = "crush-test"
name = "Crush test"
format = 1
[world]
bounds = [-20, -20, 20, 20]
[player]
spawn = [3.0, 0.0]
o2_seconds = 600
[[walls]]
points = [[-5, -3], [5, -3], [5, 3], [-5, 3]]
closed = true
thickness = 0.1
[[movers]]
id = "arm"
label = "arm"
size = [1.0, 1.0]
path = [[-3.0, 0.0], [7.0, 0.0]]
speed = {speed}
mode = "pingpong"
{extra}
[[zones]]
id = "outside"
rect = [5.06, -3, 20, 3]
[[objectives]]
kind = "reach"
zone = "outside"
"""

HOLD_GRAB = TickInput(0, 0, 0, GRAB)
TURN = TickInput(0, 0, 100, 0)  # a real input (the world waits for one) that moves nothing


def level_file(tmp_path, extra: str = ""):
    path = tmp_path / "crush-test.toml"
    path.write_text(ROOM.format(speed=TOP_SPEED, extra=extra))
    return path


def run(level, inp: TickInput, ticks: int = TICKS):
    """Step the level with one input held; (world, crossings of any free body's centre
    through the station, event kinds seen)."""
    world = build_world(level)
    crossings = 0
    kinds: list[str] = []
    for _ in range(ticks):
        bodies = [world.astronaut.body] + [e.body for e in world.entities if e.present]
        before = [tuple(b.position) for b in bodies]
        step(world, inp)
        crossings += sum(
            tunnelled(world, start, tuple(b.position))
            for b, start in zip(bodies, before, strict=True)
        )
        kinds += [event.kind for event in world.events]
    return world, crossings, kinds


def test_top_speed_is_the_speed_limit():
    assert TOP_SPEED == MAX_SPEED == 10.0


def test_cli_verify_a_run_holding_a_top_speed_mover_into_a_wall_never_gets_past_it(
    tmp_path, capsys
):
    """Through `last-orbit replay --verify`: five seconds of holding GRAB on the mover as it
    runs into the wall. The run says the astronaut never got past the wall (the objective
    there is not met and nothing failed); before the fix the hand dragged them through."""
    path = level_file(tmp_path)
    level = load_level(path)
    replay = Replay(
        level_id="crush-test",
        level_sha256=level.sha256,
        runs=((TICKS, HOLD_GRAB),),
        checksums=(),
        result=RunResult(
            completed=False, ticks=TICKS, total_ticks=TICKS, splits=(), fail_reason=None
        ),
    )
    replay_path = tmp_path / "hold-on.replay"
    replay_path.write_text(dumps(replay))
    code = main(["replay", str(replay_path), "--verify", "--level", str(path)])
    out = json.loads(capsys.readouterr().out)
    assert out["completed"] is False
    assert code == 0, out


def test_a_hand_on_a_top_speed_mover_is_torn_loose_at_the_wall(tmp_path):
    world, crossings, kinds = run(load_level(level_file(tmp_path)), HOLD_GRAB)
    assert crossings == 0
    assert world.status == RUNNING  # never reached the zone past the wall
    assert "grab" in kinds and "torn_loose" in kinds
    # Torn loose, it does not catch the same mover again while GRAB stays down.
    assert kinds.count("grab") == 1
    assert world.astronaut.hold is None
    torn = next(e for e in _events_of(load_level(level_file(tmp_path)), HOLD_GRAB, "torn_loose"))
    assert torn.text == "arm"


def test_the_astronaut_pinned_by_a_top_speed_mover_is_slid_past_not_pushed_through(tmp_path):
    world, crossings, kinds = run(load_level(level_file(tmp_path)), TURN)
    assert crossings == 0
    assert world.status == RUNNING
    assert "squeezed" in kinds
    x, _ = world.astronaut.body.position
    assert x < 5.0 - 0.05 - world.astronaut.radius + 0.05  # inside, against the wall at most


def test_debris_squeezed_into_a_corner_by_a_top_speed_mover_stays_in_the_room(tmp_path):
    """Small, light debris (the thinnest body) between the mover and the wall, and a crate:
    the mover slides past them all; none ends in the wall or past it."""
    debris = "".join(
        f'[[bodies]]\nid = "debris-{n}"\nshape = "circle"\nradius = 0.1\nmass = 0.2\n'
        f"at = [{4.0 + 0.25 * (n % 3):.2f}, {-0.4 + 0.4 * (n // 3):.2f}]\ngrabbable = false\n"
        for n in range(9)
    )
    crate = '[[bodies]]\nid = "crate"\nat = [2.0, 0.9]\nsize = [0.4, 0.4]\nmass = 8\n'
    level = load_level(level_file(tmp_path, debris + crate))
    world, crossings, _ = run(level, TURN)
    assert crossings == 0
    for entity in world.entities:
        x, y = entity.body.position
        assert -5.0 < x < 5.0 and -3.0 < y < 3.0, entity.id


def test_nothing_leaves_a_spinning_mover_faster_than_the_speed_limit(tmp_path):
    """A 4 m bar spinning at the format's top rate has a rim at 25 m/s: what it hits is
    capped to MAX_SPEED (and so cannot cross a wall in one tick)."""
    spinner = (
        '[[movers]]\nid = "bar"\nsize = [4.0, 0.3]\npath = [[-2.5, 0.0], [-2.5, 0.01]]\n'
        "speed = 0.01\nspin = 720\n"
        '[[bodies]]\nid = "bolt"\nshape = "circle"\nradius = 0.1\nmass = 0.2\nat = [-2.5, 1.5]\n'
        "velocity = [0, -1]\ngrabbable = false\n"
    )
    level = load_level(level_file(tmp_path, spinner))
    world = build_world(level)
    fastest = 0.0
    hit = False
    for _ in range(240):
        step(world, TURN)
        bolt = world.entity("bolt").body
        fastest = max(fastest, bolt.velocity.length)
        hit = hit or bolt.velocity.length > 1.5
    assert hit  # the bar did hit it
    assert fastest <= MAX_SPEED + 1e-9


def test_a_hand_on_a_mover_sliding_the_astronaut_along_a_wall_holds(tmp_path):
    """Holding a mover that slides the astronaut along the ceiling (not into it) is no
    crush: the grip holds all the way, and nothing is squeezed."""
    path = tmp_path / "ride.toml"
    path.write_text(
        ROOM.format(speed=2.0, extra="")
        .replace("spawn = [3.0, 0.0]", "spawn = [-1.0, 2.6]")  # touching the ceiling
        .replace("path = [[-3.0, 0.0], [7.0, 0.0]]", "path = [[-1.0, 1.75], [3.0, 1.75]]")
        .replace('mode = "pingpong"', 'mode = "once"')
    )
    world = build_world(load_level(path))
    kinds = []
    ceiling_touched = 0
    for _ in range(240):
        step(world, HOLD_GRAB)
        kinds += [event.kind for event in world.events]
        ceiling_touched += world.astronaut.body.position.y > 2.55
    assert "grab" in kinds
    assert ceiling_touched > 120  # it did ride along the ceiling
    assert "torn_loose" not in kinds and "squeezed" not in kinds
    assert world.astronaut.hold is not None
    assert world.astronaut.body.position.x > 2.0  # carried to the end of the path


def _events_of(level, inp, kind):
    world = build_world(level)
    for _ in range(TICKS):
        step(world, inp)
        yield from (e for e in world.events if e.kind == kind)


def test_the_astronaut_at_top_speed_never_presses_a_bolt_through_a_wall(tmp_path):
    """Not a mover but as heavy: a 200 kg suit flown at full thrust into a 0.1 kg bolt by the
    thinnest wall, head on and off centre. The bolt stays in the room."""
    bolt = (
        '[[bodies]]\nid = "bolt"\nshape = "circle"\nradius = 0.1\nmass = 0.1\nat = [4.7, 0.0]\n'
        "grabbable = false\n"
    )
    full_thrust = TickInput(100, 0, 0, 0)
    for offset in (0.0, 0.05, 0.1, 0.15):
        path = tmp_path / f"bolt-{offset}.toml"
        path.write_text(
            ROOM.format(speed=TOP_SPEED, extra=bolt)
            .replace("spawn = [3.0, 0.0]", f'spawn = [-4.0, {offset}]\nmode = "eva"\nthrust = 20')
            .replace("path = [[-3.0, 0.0], [7.0, 0.0]]", "path = [[-3.0, -2.5], [-2.0, -2.5]]")
        )
        world, crossings, _ = run(load_level(path), full_thrust, ticks=300)
        assert crossings == 0, offset
        x, _ = world.entity("bolt").body.position
        assert x <= 5.0 - 0.05, offset  # against the wall at most


def test_a_squeeze_and_a_torn_grip_are_shown_and_heard(tmp_path, monkeypatch):
    """The player learns why the arm let them go or slid past them: a HUD line and a sound."""
    import pygame

    from game.audio import Audio
    from game.render.hud import Hud

    level = load_level(level_file(tmp_path))
    pygame.mixer.quit()
    audio = Audio()
    played: list[str] = []
    monkeypatch.setattr(audio, "_play", lambda name, loudness: played.append(name))
    for inputs, kind, words in (
        (HOLD_GRAB, "torn_loose", "torn loose"),
        (TURN, "squeezed", "Squeezed"),
    ):
        event = next(_events_of(level, inputs, kind))
        hud = Hud()
        hud.feed(event)
        assert any(words in flash.text for flash in hud.flashes), [f.text for f in hud.flashes]
        played.clear()
        audio.update([event], 0.0, 1.0)
        assert played, f"no sound for {kind}"
    audio.close()


def test_a_squeeze_label_replaces_the_bump_labels_around_it_not_others():
    from game.render.hud import Hud
    from game.sim.events import SimEvent

    hud = Hud()
    hud.feed(SimEvent("impact", 4.9, 0.1, value=3.0))  # the suit hits the wall...
    hud.feed(SimEvent("grab", 2.0, 0.0))  # ...a grab label further off stays
    hud.feed(SimEvent("squeezed", 4.7, 0.0, text="arm"))  # ...because the arm squeezed it
    assert [f.text for f in hud.flashes] == ["grab", "Squeezed against the wall"]
