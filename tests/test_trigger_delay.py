"""Delayed triggers and the Earth flash action."""

from levels_for_tests import play_step as step

from game.levels import load_level_bytes
from game.sim import TICK_RATE, TickInput, build_world

LEVEL = b"""
[level]
id = "delay"
name = "Delay"
format = 1
[world]
bounds = [-10, -10, 10, 10]
[player]
spawn = [0, 0]
[[objectives]]
kind = "survive"
seconds = 10
[[triggers]]
on = "start"
delay = 1.5
actions = [
    { do = "message", text = "later", from = "Kira" },
    { do = "flash", strength = 0.6 },
]
[[triggers]]
on = "time"
seconds = 2
actions = [{ do = "flash" }]
"""


def events_by_tick(ticks):
    world = build_world(load_level_bytes(LEVEL, "delay"))
    seen = {}
    for _ in range(ticks):
        step(world, TickInput())
        for event in world.events:
            seen.setdefault(event.kind, []).append((world.tick, event))
    return seen


def test_delayed_actions_run_after_their_delay_in_order():
    seen = events_by_tick(3 * TICK_RATE)
    ((message_tick, message),) = seen["message"]
    assert message_tick == 1 + round(1.5 * TICK_RATE)  # 'start' is tick 1
    assert message.text == "later" and message.who == "Kira"
    flashes = seen["flash"]
    assert [(t, e.value) for t, e in flashes] == [(message_tick, 0.6), (2 * TICK_RATE, 1.0)]


def test_nothing_runs_before_the_delay():
    seen = events_by_tick(round(1.5 * TICK_RATE))
    assert "message" not in seen and "flash" not in seen
