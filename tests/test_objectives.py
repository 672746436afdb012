"""Each objective kind, the order of objectives and each way to fail, played through the real
simulation: small levels written inline, scripted TickInput sequences."""

from __future__ import annotations

import pytest
from levels_for_tests import play_step as step

from game.levels import load_level_bytes
from game.sim import (
    COMPLETED,
    FAILED,
    GRAB,
    NEUTRAL,
    RUNNING,
    TICK_RATE,
    USE,
    TickInput,
    World,
    build_world,
)

RIGHT = TickInput(100, 0, 0, 0)
LEFT = TickInput(-100, 0, 0, 0)
HOLD_USE = TickInput(0, 0, 0, USE)
HOLD_GRAB = TickInput(0, 0, 0, GRAB)

HEAD = """\
[level]
id = "sim-test"
name = "Sim test"
format = 1
{level}

[world]
bounds = [{bounds}]

[player]
spawn = [0.0, 0.0]
{player}

"""


def make_world(
    body: str, *, level: str = "", player: str = "", bounds: str = "-40.0, -40.0, 40.0, 40.0"
) -> World:
    """A world from TOML text: [level]/[world]/[player] written here, the rest is `body`."""
    text = HEAD.format(level=level, player=player, bounds=bounds) + body
    return build_world(load_level_bytes(text.encode(), "sim-test.toml"))


def run(world: World, inp: TickInput, ticks: int) -> None:
    for _ in range(ticks):
        step(world, inp)


def run_until(world: World, inp: TickInput, done, limit: int = 2400) -> int:
    """Step with `inp` until done(world); return the number of ticks it took."""
    for count in range(1, limit + 1):
        step(world, inp)
        if done(world):
            return count
    raise AssertionError(f"not done after {limit} ticks (status {world.status})")


def x_of(world: World) -> float:
    return world.astronaut.body.position.x


def event_kinds(world: World) -> list[str]:
    return [event.kind for event in world.events]


FAST = "thrust = 10.0\npropellant = 100.0"  # quick trips across a small test level


# -- reach --------------------------------------------------------------------------------------


def test_reach_completes_on_entering_the_zone_and_not_before():
    body = '[[zones]]\nid = "dock"\nrect = [4.0, -1.0, 5.0, 1.0]\n\n'
    body += '[[objectives]]\nkind = "reach"\nzone = "dock"\n'
    world = make_world(body, player=FAST)
    run(world, NEUTRAL, 240)
    assert world.status == RUNNING  # floating still gets nowhere
    run_until(world, RIGHT, lambda w: w.status != RUNNING)
    assert world.status == COMPLETED
    assert 4.0 <= x_of(world) <= 5.0
    assert world.objectives[0].done_tick == world.tick
    assert "objective" in event_kinds(world) and "completed" in event_kinds(world)


# -- repair -------------------------------------------------------------------------------------

REPAIR = """\
[[zones]]
id = "panel"
rect = [-1.0, -1.0, 1.0, 1.0]

[[zones]]
id = "elsewhere"
rect = [20.0, -1.0, 21.0, 1.0]

[[objectives]]
kind = "repair"
zone = "{zone}"
seconds = 1.0
"""


def test_repair_completes_after_holding_use_in_the_zone_for_its_seconds():
    world = make_world(REPAIR.format(zone="panel"))
    run(world, HOLD_USE, TICK_RATE - 1)
    assert world.status == RUNNING
    assert world.objectives[0].progress == pytest.approx((TICK_RATE - 1) / TICK_RATE)
    step(world, HOLD_USE)
    assert world.status == COMPLETED
    assert world.tick == TICK_RATE


def test_repair_progress_is_kept_when_use_is_released():
    world = make_world(REPAIR.format(zone="panel"))
    run(world, HOLD_USE, 60)
    run(world, NEUTRAL, 100)
    assert world.objectives[0].progress_ticks == 60
    run(world, HOLD_USE, 59)
    assert world.status == RUNNING
    step(world, HOLD_USE)
    assert world.status == COMPLETED


def test_repair_does_not_progress_outside_its_zone():
    world = make_world(REPAIR.format(zone="elsewhere"))
    run(world, HOLD_USE, 3 * TICK_RATE)
    assert world.status == RUNNING
    assert world.objectives[0].progress_ticks == 0


def test_repair_does_not_progress_in_the_zone_without_use():
    world = make_world(REPAIR.format(zone="panel"))
    step(world, TickInput(0, 0, 1))  # a first input that is not USE
    run(world, NEUTRAL, 3 * TICK_RATE)
    assert world.status == RUNNING and world.tick > 3 * TICK_RATE
    assert world.objectives[0].progress == 0.0


# -- collect ------------------------------------------------------------------------------------


def test_collect_completes_on_touching_the_item():
    body = '[[items]]\nid = "drive"\nat = [3.0, 0.0]\nlabel = "hard drive"\n\n'
    body += '[[objectives]]\nkind = "collect"\nitem = "drive"\n'
    world = make_world(body, player=FAST)
    run(world, NEUTRAL, 120)
    assert world.collected == [] and world.status == RUNNING
    run_until(world, RIGHT, lambda w: w.status != RUNNING)
    assert world.status == COMPLETED
    assert world.collected == ["drive"]
    collect = [e for e in world.events if e.kind == "collect"]
    assert collect and collect[0].text == "hard drive"
    # touched at the item's radius plus the astronaut's, not at its centre
    assert x_of(world) < 3.0


def test_collected_o2_and_propellant_are_capped_at_the_players_maximum():
    body = """\
[[items]]
id = "small-tank"
at = [0.5, 0.0]
o2 = 5.0
propellant = 0.5

[[items]]
id = "big-tank"
at = [6.0, 0.0]
o2 = 500.0
propellant = 50.0

[[zones]]
id = "far"
rect = [30.0, 30.0, 31.0, 31.0]

[[objectives]]
kind = "reach"
zone = "far"
"""
    player = "o2_seconds = 100.0\no2_drain = 10.0\npropellant = 4.0\nthrust = 5.0"
    world = make_world(body.replace("at = [0.5, 0.0]", "at = [30.0, 0.0]"), player=player)
    run(world, NEUTRAL, TICK_RATE)  # 1 s at 10 s/s: 10 s of O2 used
    assert world.o2 == pytest.approx(90.0, abs=0.2)

    world = make_world(body, player=player)
    step(world, NEUTRAL)  # the small tank is within reach at once: +5 s, capped at 100
    assert world.collected == ["small-tank"]
    assert world.o2 == pytest.approx(100.0 - 10.0 / TICK_RATE)  # then this tick's breath
    run(world, NEUTRAL, TICK_RATE)
    o2_before = world.o2
    assert o2_before == pytest.approx(90.0, abs=0.2)
    run_until(world, RIGHT, lambda w: "big-tank" in w.collected)
    assert world.o2 == pytest.approx(100.0 - 10.0 / TICK_RATE)  # not o2_before + 500
    assert world.astronaut.propellant == pytest.approx(4.0)  # not 4 - burnt + 50


def test_collected_o2_adds_up_below_the_cap():
    body = '[[items]]\nid = "tank"\nat = [3.0, 0.0]\no2 = 20.0\n\n'
    body += '[[zones]]\nid = "far"\nrect = [30.0, 30.0, 31.0, 31.0]\n\n'
    body += '[[objectives]]\nkind = "reach"\nzone = "far"\n'
    world = make_world(body, player="o2_seconds = 100.0\no2_drain = 50.0\n" + FAST)
    run(world, NEUTRAL, TICK_RATE)  # 50 s of O2 gone
    before = world.o2
    run_until(world, RIGHT, lambda w: w.collected)
    assert world.o2 == pytest.approx(before + 20.0 - 50.0 * (world.tick - TICK_RATE) / TICK_RATE)


# -- deliver ------------------------------------------------------------------------------------


def test_deliver_item_needs_the_item_and_the_zone():
    body = """\
[[items]]
id = "drive"
at = [{item_x}, 0.0]

[[zones]]
id = "lab"
rect = [6.0, -1.0, 7.0, 1.0]

[[objectives]]
kind = "deliver"
item = "drive"
zone = "lab"
"""
    # item behind the zone: flying into the zone first does not deliver it
    world = make_world(body.format(item_x="12.0"), player=FAST)
    run_until(world, RIGHT, lambda w: 6.2 < x_of(w) < 7.0)
    assert world.status == RUNNING and world.collected == []
    # item on the way: picked up, then carried into the zone
    world = make_world(body.format(item_x="3.0"), player=FAST)
    run_until(world, RIGHT, lambda w: w.status != RUNNING)
    assert world.status == COMPLETED
    assert world.collected == ["drive"]
    assert 6.0 <= x_of(world) <= 7.0


DELIVER_BODY = """\
[[bodies]]
id = "crate"
at = [{at}, 0.0]
size = [0.5, 0.5]
mass = 5.0
carryable = {carryable}

[[zones]]
id = "bay"
rect = [6.0, -2.0, 9.0, 2.0]

[[objectives]]
kind = "deliver"
body = "crate"
zone = "bay"
"""


def test_deliver_body_by_pushing_it_into_the_zone():
    world = make_world(DELIVER_BODY.format(at="2.0", carryable="false"), player=FAST)
    crate = world.entity("crate").body
    run(world, RIGHT, 40)  # fly into the crate and knock it on
    run_until(world, NEUTRAL, lambda w: w.status != RUNNING)
    assert world.status == COMPLETED
    assert 6.0 <= crate.position.x <= 9.0
    assert x_of(world) < 6.0  # the crate was delivered, not the astronaut


def test_deliver_body_by_carrying_it():
    world = make_world(DELIVER_BODY.format(at="0.8", carryable="true"), player=FAST)
    step(world, HOLD_GRAB)
    assert world.astronaut.carried is world.entity("crate").body
    run_until(world, RIGHT, lambda w: w.status != RUNNING)
    assert world.status == COMPLETED
    assert world.astronaut.carried is not None  # never thrown: carried in


def test_deliver_body_is_not_done_while_the_body_is_elsewhere():
    world = make_world(DELIVER_BODY.format(at="-3.0", carryable="false"), player=FAST)
    run(world, RIGHT, 200)  # the astronaut passes through the bay, the crate stays put
    assert world.status == RUNNING


# -- grab ---------------------------------------------------------------------------------------

GRABBABLE = {
    "rail": '[[handholds]]\nid = "{id}"\nat = [{x}, 0.0]\n\n',
    "strut": '[[bodies]]\nid = "{id}"\nat = [{x}, 0.0]\nsize = [0.4, 0.4]\nmass = 500.0\n\n',
    "arm": '[[movers]]\nid = "{id}"\nsize = [0.4, 0.4]\npath = [[{x}, 0.0], [{x}, 5.0]]\n'
    "moving = false\n\n",
    "camera": '[[bodies]]\nid = "{id}"\nshape = "circle"\nat = [{x}, 0.0]\nradius = 0.15\n'
    "mass = 2.0\ncarryable = true\n\n",
}


def grab_level(kind: str, target: str, near_id: str | None = None) -> World:
    """A `kind` of thing in reach (called near_id, default the target) and the target itself out
    of reach when they differ."""
    near_id = near_id or target
    body = GRABBABLE[kind].format(id=near_id, x=0.8 if kind != "rail" else 0.6)
    if near_id != target:
        body += GRABBABLE[kind].format(id=target, x=20.0)
    body += f'[[objectives]]\nkind = "grab"\ntarget = "{target}"\n'
    return make_world(body)


@pytest.mark.parametrize("kind", ["rail", "strut", "arm"])
def test_grab_the_named_thing_completes(kind):
    world = grab_level(kind, "thing")
    run(world, NEUTRAL, 10)
    assert world.status == RUNNING
    step(world, HOLD_GRAB)
    assert world.astronaut.hold is not None
    assert world.astronaut.hold.target_id == "thing"
    assert world.status == COMPLETED


@pytest.mark.parametrize("kind", ["rail", "strut", "arm"])
def test_grab_something_else_does_not_complete(kind):
    world = grab_level(kind, "thing", near_id="other-thing")
    run(world, HOLD_GRAB, 30)
    assert world.astronaut.hold is not None
    assert world.astronaut.hold.target_id == "other-thing"
    assert world.status == RUNNING


def test_grab_a_carryable_body_completes():
    """GRAB on a carryable body picks it up (astronaut.carried) rather than holding on
    (astronaut.hold); a grab objective naming it must still complete."""
    world = grab_level("camera", "camera")
    run(world, HOLD_GRAB, 5)
    assert world.astronaut.carried is world.entity("camera").body
    assert world.status == COMPLETED


# -- survive ------------------------------------------------------------------------------------


def test_survive_completes_after_its_seconds():
    body = '[[objectives]]\nkind = "survive"\nseconds = 2.0\n'
    world = make_world(body)
    run(world, NEUTRAL, 2 * TICK_RATE - 1)
    assert world.status == RUNNING
    step(world, NEUTRAL)
    assert world.status == COMPLETED


def test_survive_fails_if_o2_runs_out_first():
    body = '[[objectives]]\nkind = "survive"\nseconds = 5.0\n'
    world = make_world(body, player="o2_seconds = 2.0")
    run(world, NEUTRAL, 5 * TICK_RATE)
    assert world.status == FAILED
    assert world.fail_reason == "o2"


# -- order --------------------------------------------------------------------------------------

TWO_ZONES = """\
[[zones]]
id = "near"
rect = [3.0, -1.0, 4.0, 1.0]

[[zones]]
id = "far"
rect = [8.0, -1.0, 9.0, 1.0]

[[objectives]]
id = "go-far"
kind = "reach"
zone = "far"

[[objectives]]
id = "go-near"
kind = "reach"
zone = "near"
"""


def test_sequence_does_not_count_the_second_objective_done_first():
    world = make_world(TWO_ZONES, player=FAST)
    run_until(world, RIGHT, lambda w: 3.2 < x_of(w) < 4.0)  # through 'near': not its turn
    assert [o.done for o in world.objectives] == [False, False]
    run_until(world, RIGHT, lambda w: w.objectives[0].done)
    assert world.objectives[0].done and not world.objectives[1].done
    # now beyond 'near'; coming back to it is what completes the second objective
    run_until(world, LEFT, lambda w: w.status != RUNNING, limit=4000)
    assert world.status == COMPLETED
    assert 3.0 <= x_of(world) <= 4.0
    assert world.objectives[1].done_tick > world.objectives[0].done_tick


def test_any_order_counts_objectives_as_they_happen():
    world = make_world(TWO_ZONES, player=FAST, level='order = "any"')
    run_until(world, RIGHT, lambda w: any(o.done for o in w.objectives))
    assert world.objectives[1].done and not world.objectives[0].done
    run_until(world, RIGHT, lambda w: w.status != RUNNING)
    assert world.status == COMPLETED
    assert world.objectives[1].done_tick < world.objectives[0].done_tick
    assert world.splits() == sorted(world.splits())


def test_sequence_survive_counts_only_while_current():
    body = '[[objectives]]\nkind = "repair"\nzone = "here"\nseconds = 1.0\n\n'
    body += '[[objectives]]\nkind = "survive"\nseconds = 1.0\n\n'
    body += '[[zones]]\nid = "here"\nrect = [-1.0, -1.0, 1.0, 1.0]\n'
    world = make_world(body)
    run(world, NEUTRAL, 3 * TICK_RATE)  # survive is not current yet: no progress
    assert world.objectives[1].progress_ticks == 0
    run(world, HOLD_USE, TICK_RATE)
    assert world.objectives[0].done and world.status == RUNNING
    run(world, NEUTRAL, TICK_RATE)
    assert world.status == COMPLETED


# -- failing ------------------------------------------------------------------------------------

FAR_GOAL = '[[zones]]\nid = "goal"\nrect = [30.0, 30.0, 31.0, 31.0]\n\n'
FAR_GOAL += '[[objectives]]\nkind = "reach"\nzone = "goal"\n'


def test_time_limit_fails_with_reason_time():
    world = make_world(FAR_GOAL, level="time_limit = 1.5")
    run(world, NEUTRAL, round(1.5 * TICK_RATE) - 1)
    assert world.status == RUNNING
    step(world, NEUTRAL)
    assert world.status == FAILED
    assert world.fail_reason == "time"
    assert world.fail_message == "Out of time"
    tick = world.tick
    run(world, RIGHT, 10)  # nothing moves on after the end
    assert world.tick == tick


def test_running_out_of_o2_fails_with_reason_o2():
    world = make_world(FAR_GOAL, player="o2_seconds = 0.5")
    run(world, NEUTRAL, TICK_RATE // 2 - 1)
    assert world.status == RUNNING
    step(world, NEUTRAL)
    assert world.status == FAILED
    assert world.fail_reason == "o2"
    assert "failed" in event_kinds(world)


def test_leaving_the_bounds_fails_with_reason_lost():
    world = make_world(FAR_GOAL, player=FAST, bounds="-5.0, -5.0, 40.0, 5.0")
    run_until(world, TickInput(0, 100, 0, 0), lambda w: w.status != RUNNING)
    assert world.status == FAILED
    assert world.fail_reason == "lost"
    assert world.astronaut.body.position.y > 5.0
    assert world.fail_message == "Lost in space"


def test_zone_o2_drain_adds_to_the_players_drain():
    body = '[[zones]]\nid = "leak"\nrect = [-1.0, -1.0, 1.0, 1.0]\no2_drain = 9.0\n\n' + FAR_GOAL
    world = make_world(body, player="o2_seconds = 300.0")
    run(world, NEUTRAL, 2 * TICK_RATE)
    assert world.o2 == pytest.approx(300.0 - 2 * (1.0 + 9.0), abs=0.05)
    calm = make_world(FAR_GOAL, player="o2_seconds = 300.0")
    run(calm, NEUTRAL, 2 * TICK_RATE)
    assert calm.o2 == pytest.approx(298.0, abs=0.05)


def test_zone_o2_drain_can_fail_the_run():
    body = '[[zones]]\nid = "smoke"\nrect = [-1.0, -1.0, 1.0, 1.0]\no2_drain = 99.0\n\n' + FAR_GOAL
    world = make_world(body, player="o2_seconds = 10.0")
    run(world, NEUTRAL, 2 * TICK_RATE)
    assert world.status == FAILED and world.fail_reason == "o2"
    assert world.tick == pytest.approx(TICK_RATE / 10, abs=2)


WALL = "[[walls]]\npoints = [[4.0, -5.0], [4.0, 5.0]]\nthickness = 0.4\n\n"


def crash_into_wall(player: str) -> tuple[World, float, list]:
    """Thrust into a wall at 5 m/s; (world, speed before the hit, [(impact, damage)] events)."""
    world = make_world(WALL + FAR_GOAL, player='mode = "eva"\no2_seconds = 300.0\n' + player)
    speed = 0.0
    hits = []
    for tick in range(300):
        step(world, RIGHT if tick < 30 else NEUTRAL)
        speed = max(speed, world.astronaut.body.velocity.x)
        impacts = [e.value for e in world.events if e.kind == "impact"]
        damage = [e.value for e in world.events if e.kind == "damage"]
        if impacts or damage:
            hits.append((impacts, damage))
    assert x_of(world) < 4.0  # bounced off the wall
    return world, speed, hits


def test_fast_impact_costs_o2():
    fast = "thrust = 20.0\npropellant = 5.0"
    safe, speed, safe_hits = crash_into_wall(fast)
    hurt, _, hits = crash_into_wall(fast + "\nimpact_limit = 1.0\nimpact_o2_loss = 10.0")
    assert speed == pytest.approx(5.0, abs=0.01)
    assert len(safe_hits) == 1 and safe_hits[0][1] == []  # an impact, no damage without a limit
    assert len(hits) == 1
    (impact,), (damage,) = hits[0]
    # the impact speed is the change of velocity: the approach plus a little bounce
    assert speed <= impact <= 1.5 * speed
    assert damage == pytest.approx((impact - 1.0) * 10.0)  # O2 per m/s above the limit
    assert safe.o2 - hurt.o2 == pytest.approx(damage)
    assert hurt.status == RUNNING


def test_slow_impact_under_the_limit_costs_nothing():
    slow = "thrust = 1.0\npropellant = 0.5\nimpact_limit = 1.0\nimpact_o2_loss = 10.0"
    world = make_world(WALL + FAR_GOAL, player='mode = "eva"\n' + slow)
    events = []
    for _ in range(1200):
        step(world, RIGHT)
        events += event_kinds(world)
    assert x_of(world) > 3.0  # it did reach the wall
    assert "damage" not in events
    assert world.o2 == pytest.approx(300.0 - world.tick / TICK_RATE, abs=0.05)


def test_the_run_ends_when_completed():
    body = '[[objectives]]\nkind = "survive"\nseconds = 0.5\n'
    world = make_world(body, player="o2_seconds = 1.0")
    run(world, NEUTRAL, TICK_RATE // 2)
    assert world.status == COMPLETED
    run(world, NEUTRAL, 2 * TICK_RATE)  # O2 would run out now, but the run is over
    assert world.status == COMPLETED and world.fail_reason is None


def test_a_breach_names_what_hit():
    """O2 taken to zero by a hit ends the run as a breach by that thing, not 'out of oxygen'."""
    fast = "thrust = 20.0\npropellant = 5.0\nimpact_limit = 1.0\nimpact_o2_loss = 100.0"
    world, _, hits = crash_into_wall(fast)
    assert hits and world.status == FAILED
    assert world.fail_reason == "impact"
    assert world.fail_message == "Suit breached against the station"


def test_a_debris_hit_is_blamed_on_debris():
    debris = (
        '[[bodies]]\nid = "chunk"\nshape = "circle"\nradius = 0.4\nmass = 400.0\n'
        'style = "debris"\nat = [3.0, 0.0]\nvelocity = [-6.0, 0.0]\n\n'
    )
    world = make_world(
        debris + FAR_GOAL,
        player='mode = "eva"\no2_seconds = 30.0\nimpact_limit = 1.0\nimpact_o2_loss = 100.0',
    )
    step(world, TickInput(buttons=USE))  # the first input: the world waits until then
    damage = []
    for _ in range(240):
        step(world, NEUTRAL)
        damage += [e for e in world.events if e.kind == "damage"]
    assert damage and damage[0].text == "Suit breached by debris"
    assert world.fail_reason == "impact" and world.fail_message == "Suit breached by debris"


def test_running_out_of_air_after_hits_says_the_hits_cost_it():
    fast = "thrust = 20.0\npropellant = 5.0\nimpact_limit = 1.0\nimpact_o2_loss = 20.0"
    world, _, hits = crash_into_wall(fast + "\no2_drain = 20.0")
    assert hits and world.impact_o2_lost > 0.2 * 300.0 and world.status == RUNNING
    run(world, NEUTRAL, 120 * 30)
    assert world.fail_reason == "o2"
    assert world.fail_message == f"Out of oxygen: hits cost {world.impact_o2_lost:.0f} s of it"
