"""Small levels written as TOML text, so each physics test controls exactly what is in the room.

    level = make_level(player={"propellant": 0.0}, bodies=[{"id": "crate", "at": [2.0, 0.0]}])
    world = build_world(level)

The default is an empty square room (walls at +-ROOM metres) with the astronaut at the centre,
bounds well outside the walls, and one objective whose zone is outside the room (so a test never
completes the level by accident unless it brings its own zone).
"""

from __future__ import annotations

import math
from pathlib import Path

from game.levels import Level, load_level_bytes
from game.sim import World, build_world

REPO = Path(__file__).resolve().parent.parent
ARRIVAL = REPO / "levels" / "arrival.toml"

ROOM = 10.0
# A small loose object within arm's reach of the spawn: for picking up, carrying and throwing.
CAMERA = {
    "id": "camera",
    "shape": "circle",
    "at": [0.8, 0.0],
    "radius": 0.15,
    "mass": 2.5,
    "carryable": True,
}
FAR_ZONE = {"id": "far", "rect": [40.0, 40.0, 45.0, 45.0]}


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return {math.inf: "inf", -math.inf: "-inf"}.get(value, "nan")
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def _table(header: str, values: dict) -> str:
    lines = [header]
    lines += [f"{key} = {toml_value(value)}" for key, value in values.items()]
    return "\n".join(lines) + "\n"


def room_walls(half: float = ROOM, thickness: float = 0.2) -> list[dict]:
    corners = [[-half, -half], [half, -half], [half, half], [-half, half]]
    return [{"points": corners, "closed": True, "thickness": thickness}]


def level_text(
    *,
    player: dict | None = None,
    walls: list[dict] | None = None,
    handholds: list[dict] = (),
    bodies: list[dict] = (),
    zones: list[dict] | None = None,
    objectives: list[dict] | None = None,
    bounds: list[float] = (-50.0, -50.0, 50.0, 50.0),
    par_seconds: float = 60.0,
) -> str:
    """TOML text of a level. `player` entries override the defaults (spawn at the origin)."""
    parts = [
        _table(
            "[level]",
            {"id": "test-room", "name": "Test room", "format": 1, "par_seconds": par_seconds},
        ),
        _table("[world]", {"bounds": list(bounds)}),
        _table("[player]", {"spawn": [0.0, 0.0], **(player or {})}),
    ]
    for wall in room_walls() if walls is None else walls:
        parts.append(_table("[[walls]]", wall))
    for hold in handholds:
        parts.append(_table("[[handholds]]", hold))
    for body in bodies:
        parts.append(_table("[[bodies]]", body))
    for zone in [FAR_ZONE] if zones is None else zones:
        parts.append(_table("[[zones]]", zone))
    if objectives is None:
        objectives = [{"kind": "reach", "zone": (zones or [FAR_ZONE])[0]["id"]}]
    for objective in objectives:
        parts.append(_table("[[objectives]]", objective))
    return "\n".join(parts)


def make_level(**kwargs) -> Level:
    return load_level_bytes(level_text(**kwargs).encode(), "test-room.toml")


def make_world(**kwargs) -> World:
    return build_world(make_level(**kwargs))


def arrival_bytes() -> bytes:
    return ARRIVAL.read_bytes()


def momentum(*bodies) -> tuple[float, float]:
    """Total linear momentum of pymunk bodies."""
    px = sum(b.mass * b.velocity.x for b in bodies)
    py = sum(b.mass * b.velocity.y for b in bodies)
    return px, py


def run(world: World, inputs, ticks: int | None = None) -> None:
    """Step `world` with each input of `inputs` (or the same input `ticks` times)."""
    from game.sim import step

    if ticks is not None:
        inputs = [inputs] * ticks
    for inp in inputs:
        step(world, inp)


def begin(world: World) -> None:
    """Play the level's opening, then give the one harmless first input the world waits for, so
    a test of idle time (O2 running out, drifting) can then step with neutral input."""
    from game.sim import NEUTRAL, USE, TickInput, step

    while world.in_opening:
        step(world, NEUTRAL)
    step(world, TickInput(buttons=USE))


def play_step(world: World, inp) -> None:
    """`step` for tests of a level in play (objectives, triggers, O2): an idle tick while the
    world still waits for the player stands for their first input, a press of USE (which does
    nothing outside a repair zone). The waiting itself is tested in test_world_waits.py."""
    from game.sim import USE, TickInput, step

    if world.waiting and inp.is_neutral:
        inp = TickInput(buttons=USE)
    step(world, inp)


SMALL_LEVEL = """\
[level]
id = "{id}"
name = "{name}"
format = 1
par_seconds = {par}

[world]
bounds = [-20.0, -20.0, 20.0, 20.0]

[player]
spawn = [0.0, 0.0]

[[zones]]
id = "airlock"
rect = [5.0, -1.0, 7.0, 1.0]

[[objectives]]
kind = "reach"
zone = "airlock"
"""


def small_level_text(level_id: str, name: str | None = None, par: float = 42.0) -> str:
    """A valid one-objective level file's text, for catalogue and CLI tests."""
    return SMALL_LEVEL.format(id=level_id, name=name or level_id.title(), par=par)
