"""Each trigger event and each action, played through the real simulation."""

from __future__ import annotations

import math

import pytest
from levels_for_tests import play_step as step
from test_objectives import LEFT, RIGHT, make_world, run, run_until, x_of

from game.sim import COMPLETED, FAILED, NEUTRAL, RUNNING, TICK_RATE, World

GOAL = '[[zones]]\nid = "goal"\nrect = [30.0, 30.0, 31.0, 31.0]\n\n'
GOAL += '[[objectives]]\nid = "goal"\nkind = "reach"\nzone = "goal"\n\n'
FAST = "thrust = 10.0\npropellant = 100.0"


def trigger(on: str, actions: str, **keys) -> str:
    lines = ["[[triggers]]", f'on = "{on}"']
    for key, value in keys.items():
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, str):
            value = f'"{value}"'
        lines.append(f"{key} = {value}")
    lines.append(f"actions = [{actions}]")
    return "\n".join(lines) + "\n\n"


def say(text: str) -> str:
    return f'{{ do = "message", text = "{text}", from = "Houston" }}'


def messages(world: World) -> list[str]:
    return [e.text for e in world.events if e.kind == "message"]


def ticks_with_message(world: World, inputs, text: str) -> list[int]:
    """Step through `inputs`; the ticks on which `text` was said."""
    said = []
    for inp in inputs:
        step(world, inp)
        if text in messages(world):
            said.append(world.tick)
    return said


# -- events -------------------------------------------------------------------------------------


def test_on_start_fires_on_the_first_tick_only():
    world = make_world(GOAL + trigger("start", say("Go")))
    assert ticks_with_message(world, [NEUTRAL] * 300, "Go") == [1]


def test_on_time_fires_at_its_second():
    world = make_world(GOAL + trigger("time", say("Half"), seconds=0.5))
    assert ticks_with_message(world, [NEUTRAL] * 300, "Half") == [TICK_RATE // 2]


def test_start_and_time_happen_once_even_when_triggers_may_repeat():
    body = GOAL + trigger("start", say("Go"), once=False)
    body += trigger("time", say("Half"), seconds=0.5, once=False)
    world = make_world(body)
    said = []
    for _ in range(300):
        step(world, NEUTRAL)
        said += [(world.tick, text) for text in messages(world)]
    assert said == [(1, "Go"), (TICK_RATE // 2, "Half")]


def test_on_objective_fires_when_that_objective_is_done():
    body = '[[objectives]]\nid = "first"\nkind = "survive"\nseconds = 0.25\n\n'
    body += '[[objectives]]\nid = "second"\nkind = "survive"\nseconds = 5.0\n\n'
    body += trigger("objective", say("One down"), objective="first")
    world = make_world(body)
    said = ticks_with_message(world, [NEUTRAL] * 300, "One down")
    assert said == [world.objectives[0].done_tick] == [TICK_RATE // 4]


def test_on_objective_fires_for_the_last_objective_too():
    body = '[[objectives]]\nid = "only"\nkind = "survive"\nseconds = 0.25\n\n'
    body += trigger("objective", say("Well done"), objective="only")
    world = make_world(body)
    said = ticks_with_message(world, [NEUTRAL] * 60, "Well done")
    assert world.status == COMPLETED
    assert said == [world.finish_tick]


ZONE = '[[zones]]\nid = "corridor"\nrect = [2.0, -1.0, 3.0, 1.0]\n\n'


# right through the corridor zone, then back left through it
THERE_AND_BACK = [RIGHT] * 50 + [NEUTRAL] * 100 + [LEFT] * 100 + [NEUTRAL] * 200


@pytest.mark.parametrize(("once", "expected"), [(True, 1), (False, 2)])
def test_on_enter_once_or_each_time(once, expected):
    body = GOAL + ZONE + trigger("enter", say("Inside"), zone="corridor", once=once)
    world = make_world(body, player=FAST)
    said = ticks_with_message(world, THERE_AND_BACK, "Inside")
    assert x_of(world) < 2.0  # it did leave the zone on the far side both ways
    assert len(said) == expected
    if len(said) == 2:
        assert said[1] - said[0] > 50  # a fresh entry, not two ticks in a row


def test_on_enter_does_not_repeat_while_inside():
    body = GOAL + '[[zones]]\nid = "room"\nrect = [-2.0, -2.0, 2.0, 2.0]\n\n'
    body += trigger("enter", say("Inside"), zone="room", once=False)
    world = make_world(body)
    assert ticks_with_message(world, [NEUTRAL] * 300, "Inside") == [1]


def test_on_item_fires_when_the_item_is_taken():
    body = GOAL + '[[items]]\nid = "key"\nat = [3.0, 0.0]\n\n'
    body += trigger("item", say("Got it"), item="key")
    world = make_world(body, player=FAST)
    said = ticks_with_message(world, [NEUTRAL] * 100 + [RIGHT] * 100, "Got it")
    assert len(said) == 1 and said[0] > 100
    assert world.collected == ["key"]


def test_actions_run_in_order_on_the_same_tick():
    body = GOAL + trigger("start", f'{say("First")}, {say("Second")}, {{ do = "shake" }}')
    world = make_world(body)
    step(world, NEUTRAL)
    kinds = [(e.kind, e.text) for e in world.events]
    assert kinds == [("message", "First"), ("message", "Second"), ("shake", "")]


# -- actions ------------------------------------------------------------------------------------


def test_message_event_carries_text_speaker_and_duration():
    body = GOAL + trigger(
        "start",
        '{ do = "message", text = "Antenna is back.", from = "Houston", seconds = 6.0 }, '
        '{ do = "message", text = "Plain" }',
    )
    world = make_world(body)
    step(world, NEUTRAL)
    first, second = [e for e in world.events if e.kind == "message"]
    assert (first.text, first.who, first.value) == ("Antenna is back.", "Houston", 6.0)
    assert (second.text, second.who, second.value) == ("Plain", "", 4.0)


TETHER = "tether = [0.0, 0.0]\ntether_length = 2.0\n" + FAST


def test_tether_holds_the_astronaut_within_its_length():
    world = make_world(GOAL, player=TETHER)
    run(world, RIGHT, 3 * TICK_RATE)
    assert world.astronaut.tether is not None
    assert world.astronaut.body.position.length <= 2.0 + 0.05


def test_cut_tether_lets_the_astronaut_drift_beyond_its_length():
    world = make_world(GOAL + trigger("time", '{ do = "cut_tether" }', seconds=0.5), player=TETHER)
    run(world, NEUTRAL, TICK_RATE // 2 - 1)
    assert world.astronaut.tether is not None
    step(world, NEUTRAL)
    assert world.astronaut.tether is None
    assert "tether_cut" in [e.kind for e in world.events]
    run(world, RIGHT, 3 * TICK_RATE)
    assert world.astronaut.body.position.length > 5.0
    assert world.status == RUNNING


MOVER = """\
[[movers]]
id = "arm"
shape = "box"
size = [0.4, 0.4]
path = {path}
speed = 2.0
mode = "{mode}"
moving = {moving}

"""
LINE = "[[0.0, 5.0], [4.0, 5.0]]"
ELL = "[[0.0, 5.0], [4.0, 5.0], [4.0, 9.0]]"


def mover_world(mode: str = "once", moving: bool = True, path: str = LINE, extra: str = ""):
    text = MOVER.format(path=path, mode=mode, moving="true" if moving else "false")
    world = make_world(GOAL + text + extra)
    return world, world.mover("arm").body


def at(world: World, seconds: float) -> tuple[float, float]:
    """Run until `seconds` of level time; the arm's position then."""
    run(world, NEUTRAL, round(seconds * TICK_RATE) - world.tick)
    x, y = world.mover("arm").body.position
    return round(x, 3), round(y, 3)


def test_mover_once_stops_at_the_end():
    world, _ = mover_world("once")
    assert at(world, 1.0) == pytest.approx((2.0, 5.0), abs=0.02)
    assert at(world, 2.5) == pytest.approx((4.0, 5.0), abs=0.02)
    assert at(world, 6.0) == pytest.approx((4.0, 5.0), abs=0.02)
    assert world.mover("arm").body.velocity.length == 0.0
    assert world.mover("arm").moving is False


def test_mover_pingpong_comes_back():
    world, arm = mover_world("pingpong")
    assert at(world, 1.0) == pytest.approx((2.0, 5.0), abs=0.02)
    assert at(world, 3.0) == pytest.approx((2.0, 5.0), abs=0.02)
    assert arm.velocity.x < 0  # on its way back
    assert at(world, 4.0) == pytest.approx((0.0, 5.0), abs=0.02)
    assert at(world, 5.0) == pytest.approx((2.0, 5.0), abs=0.02)
    assert arm.velocity.x > 0


def test_mover_loop_returns_to_the_start_the_short_way():
    loop, _ = mover_world("loop", path=ELL)
    pingpong, _ = mover_world("pingpong", path=ELL)
    # 10 m along: the loop is on its closing diagonal, the pingpong back on the upright
    diagonal = 4.0 - 2.0 / math.sqrt(2.0)
    assert at(loop, 5.0) == pytest.approx((diagonal, 9.0 - 2.0 / math.sqrt(2.0)), abs=0.02)
    assert at(pingpong, 5.0) == pytest.approx((4.0, 7.0), abs=0.02)
    circuit = 8.0 + math.sqrt(32.0)
    assert at(loop, circuit / 2.0 + 0.5) == pytest.approx((1.0, 5.0), abs=0.02)


def test_mover_not_moving_waits_for_start_path_and_stop_path_stops_it():
    extra = trigger("time", '{ do = "start_path", target = "arm" }', seconds=1.0)
    extra += trigger("time", '{ do = "stop_path", target = "arm" }', seconds=1.5)
    world, arm = mover_world("once", moving=False, extra=extra)
    assert at(world, 0.99) == (0.0, 5.0)
    assert at(world, 1.5) == pytest.approx((1.0, 5.0), abs=0.03)
    stopped = at(world, 1.6)
    assert at(world, 3.0) == stopped
    assert arm.velocity.length == 0.0


def test_stop_path_on_a_moving_mover():
    extra = trigger("time", '{ do = "stop_path", target = "arm" }', seconds=0.5)
    world, _ = mover_world("pingpong", extra=extra)
    stopped = at(world, 0.6)
    assert stopped[0] == pytest.approx(1.0, abs=0.03)
    assert at(world, 4.0) == stopped


HATCH = """\
[[hatches]]
id = "door"
from = [3.0, -5.0]
to = [3.0, 5.0]
open = {open}

"""


def fly_at_the_hatch(open_: bool, actions: str = "", seconds: float = 0.0) -> World:
    body = GOAL + HATCH.format(open="true" if open_ else "false")
    if actions:
        body += trigger("time", actions, seconds=seconds)
    world = make_world(body, player="thrust = 3.0\npropellant = 100.0")
    run(world, RIGHT, 4 * TICK_RATE)
    return world


def test_closed_hatch_blocks_the_astronaut():
    world = fly_at_the_hatch(open_=False)
    assert x_of(world) < 3.0


def test_open_hatch_lets_the_astronaut_through():
    world = fly_at_the_hatch(open_=True)
    assert x_of(world) > 4.0


def test_open_hatch_action_opens_it():
    events = []
    world = make_world(
        GOAL
        + HATCH.format(open="false")
        + trigger("time", '{ do = "open_hatch", target = "door" }', seconds=2.5),
        player="thrust = 3.0\npropellant = 100.0",
    )
    for _ in range(5 * TICK_RATE):
        step(world, RIGHT)
        events += [(world.tick, e.kind, e.value) for e in world.events if e.kind == "hatch"]
        if world.tick == round(2.5 * TICK_RATE) - 1:
            assert x_of(world) < 3.0  # pressed against the closed door
    assert events == [(round(2.5 * TICK_RATE), "hatch", 1.0)]
    assert x_of(world) > 4.0


def test_close_hatch_action_closes_it():
    world = fly_at_the_hatch(open_=True, actions='{ do = "close_hatch", target = "door" }')
    assert x_of(world) < 3.0


def test_set_o2_drain_changes_the_drain():
    body = GOAL + trigger("time", '{ do = "set_o2_drain", value = 0.0 }', seconds=1.0)
    body += trigger("time", '{ do = "set_o2_drain", value = 10.0 }', seconds=3.0)
    world = make_world(body, player="o2_seconds = 100.0")
    run(world, NEUTRAL, TICK_RATE)
    assert world.o2 == pytest.approx(99.0, abs=0.02)
    assert [(e.kind, e.value) for e in world.events] == [("o2_drain", 0.0)]
    run(world, NEUTRAL, 2 * TICK_RATE - 1)
    assert world.o2 == pytest.approx(99.0, abs=0.02)  # no drain at all
    run(world, NEUTRAL, TICK_RATE + 1)
    assert world.o2 == pytest.approx(89.0, abs=0.2)


def test_spawn_adds_the_body_to_the_space():
    body = GOAL + '[[bodies]]\nid = "crate"\nat = [3.0, 3.0]\nspawned = false\n\n'
    body += trigger("time", '{ do = "spawn", target = "crate" }', seconds=0.5)
    world = make_world(body)
    crate = world.entity("crate")
    run(world, NEUTRAL, TICK_RATE // 2 - 1)
    assert not crate.present
    assert crate.body not in world.space.bodies
    assert not world.space.point_query((3.0, 3.0), 0.0, _all())
    step(world, NEUTRAL)
    assert crate.present
    assert crate.body in world.space.bodies
    assert world.space.point_query((3.0, 3.0), 0.0, _all())
    assert [(e.kind, e.text) for e in world.events] == [("spawn", "crate")]


def _all():
    import pymunk

    return pymunk.ShapeFilter()


def test_spawned_body_can_be_delivered_only_after_it_appears():
    body = '[[bodies]]\nid = "crate"\nat = [5.0, 0.0]\nspawned = false\n\n'
    body += '[[zones]]\nid = "bay"\nrect = [4.0, -1.0, 6.0, 1.0]\n\n'
    body += '[[objectives]]\nkind = "deliver"\nbody = "crate"\nzone = "bay"\n\n'
    body += trigger("time", '{ do = "spawn", target = "crate" }', seconds=1.0)
    world = make_world(body)
    run(world, NEUTRAL, TICK_RATE - 1)
    assert world.status == RUNNING  # the crate's start position is in the bay, but absent
    step(world, NEUTRAL)  # spawned now, after this tick's objectives were checked
    assert world.entity("crate").present
    step(world, NEUTRAL)
    assert world.status == COMPLETED
    assert world.objectives[0].done_tick == TICK_RATE + 1


def test_shake_emits_an_event_with_duration_and_strength():
    body = GOAL + trigger("start", '{ do = "shake", seconds = 0.5, strength = 0.2 }')
    body += trigger("time", '{ do = "shake" }', seconds=1.0)
    world = make_world(body)
    step(world, NEUTRAL)
    (shake,) = [e for e in world.events if e.kind == "shake"]
    assert (shake.value, shake.x) == (0.5, 0.2)
    run(world, NEUTRAL, TICK_RATE - 1)
    (shake,) = [e for e in world.events if e.kind == "shake"]
    assert (shake.value, shake.x) == (1.0, 0.3)  # the defaults


def test_fail_action_fails_the_run_with_its_text():
    body = GOAL + trigger(
        "time", '{ do = "fail", text = "The station broke apart." }, { do = "shake" }', seconds=1.0
    )
    world = make_world(body)
    run(world, NEUTRAL, TICK_RATE - 1)
    assert world.status == RUNNING
    step(world, NEUTRAL)
    assert world.status == FAILED
    assert world.fail_reason == "level"
    assert world.fail_message == "The station broke apart."
    assert world.finish_tick == TICK_RATE
    assert "failed" in [e.kind for e in world.events]


def test_fail_on_entering_a_zone():
    body = GOAL + ZONE + trigger("enter", '{ do = "fail", text = "Wrong way" }', zone="corridor")
    world = make_world(body, player=FAST)
    run_until(world, RIGHT, lambda w: w.status != RUNNING)
    assert world.status == FAILED and world.fail_message == "Wrong way"
    assert 2.0 <= x_of(world) <= 3.0
