"""The interior missions (The Vault, Diversion, Life Support): each fails the way its story says
when the player does nothing, its shipped solution replay finishes it within par, and the
solution shows the mission's own rule at work (the key opens the vault, the panels go in any
order, the research is carried into the Soyuz as the air runs out)."""

from game.levels import load_level
from game.paths import shipped_levels_dir
from game.sim import COMPLETED, TICK_RATE, TickInput, build_world, step
from game.speedrun.replay import load


def _level(level_id):
    return load_level(shipped_levels_dir() / f"{level_id}.toml")


def _solution_run(level_id):
    """Replay the shipped solution; return the world at the end and its events by tick."""
    replay = load(shipped_levels_dir() / "solutions" / f"{level_id}.replay")
    world = build_world(_level(level_id))
    events = []
    for inp in replay.inputs():
        step(world, inp)
        events.extend((world.tick, event) for event in world.events)
    return world, events


def test_vault_opens_only_with_the_key():
    world, events = _solution_run("vault")
    assert world.status == COMPLETED
    collected = {event.text: tick for tick, event in events if event.kind == "collect"}
    (hatch_tick,) = [tick for tick, event in events if event.kind == "hatch"]
    assert hatch_tick == collected["Weronika's key"]  # the key opens the vault, at once
    assert collected["Weronika's key"] < collected["Research drive"]
    assert world.hatch("vault-hatch").open
    # Christian only starts across Node 1 once the drive is taken.
    assert world.mover("christian").moving


def test_vault_hatch_blocks_the_way_without_the_key():
    level = _level("vault")
    world = build_world(level)
    assert not world.hatch("vault-hatch").open
    # Put Kira in Zvezda right before the hatch, flying aft at push-off speed.
    world.astronaut.body.position = (29.5, 0.0)
    world.astronaut.body.velocity = (2.2, 0.0)
    for _ in range(3 * TICK_RATE):
        step(world, TickInput())
    x, _ = world.astronaut.body.position
    assert x < 31.4  # stopped by the closed hatch
    assert "drive" not in world.collected


def test_diversion_panels_in_any_order():
    world, _ = _solution_run("diversion")
    assert world.status == COMPLETED
    assert world.level.info.order == "any"
    done = sorted(world.objectives, key=lambda objective: objective.done_tick)
    # The solution trips Node 3 first and the Lab second, not in the file's order.
    assert [objective.spec.id for objective in done] == ["node3", "lab", "zvezda"]


def test_diversion_locker_bursts_when_kira_enters_zvezda():
    world, events = _solution_run("diversion")
    spawned = [event.text for _, event in events if event.kind == "spawn"]
    assert sorted(spawned) == ["burst-1", "burst-2", "burst-3"]
    assert all(world.entity(body_id).present for body_id in spawned)


def test_life_support_air_falls_fast_and_the_case_is_carried_in():
    world, events = _solution_run("life-support")
    assert world.status == COMPLETED
    assert world.o2_drain == 2.0  # set by the start trigger
    case = world.entity("research")
    assert case.spec.mass >= 40.0
    assert world.astronaut.carried is case.body  # carried all the way into the Soyuz
    canisters = [event for _, event in events if event.kind == "collect"]
    assert canisters  # the route refills on the way
