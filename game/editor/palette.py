"""What the editor can place: one kind per thing the level format has, each with defaults
that validate as they are (a rail an astronaut can reach, a hatchway wider than one), placed
centred on the point clicked. Ids are made unique among the level's own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Point = tuple[float, float]


@dataclass(frozen=True)
class Kind:
    key: str  # shortcut in the palette: 1..9, 0
    name: str
    section: str  # where it goes ("player" sets the spawn)
    make: Callable[[Point, Callable[[str], str]], dict]  # (point, unique id maker) -> table
    hint: str


def _p(x: float) -> float:
    return round(x, 4) + 0.0


def _wall(at, unique):
    x, y = at
    return {"thickness": 0.2, "points": [[_p(x - 2), _p(y)], [_p(x + 2), _p(y)]]}


def _module(at, unique):
    # A room 6 m by 2.4 m: 2.2 m clear inside walls 0.2 m thick (the astronaut is 0.7 m).
    x, y = at
    return {
        "closed": True,
        "thickness": 0.2,
        "style": "module",
        "points": [
            [_p(x - 3), _p(y - 1.2)],
            [_p(x + 3), _p(y - 1.2)],
            [_p(x + 3), _p(y + 1.2)],
            [_p(x - 3), _p(y + 1.2)],
        ],
    }


def _solid(at, unique):
    x, y = at
    return {
        "style": "hull",
        "points": [
            [_p(x - 0.5), _p(y - 0.5)],
            [_p(x + 0.5), _p(y - 0.5)],
            [_p(x + 0.5), _p(y + 0.5)],
            [_p(x - 0.5), _p(y + 0.5)],
        ],
    }


def _handhold(at, unique):
    x, y = at
    return {"id": unique("rail"), "from": [_p(x - 1), _p(y)], "to": [_p(x + 1), _p(y)]}


def _body(at, unique):
    return {"id": unique("crate"), "at": [_p(at[0]), _p(at[1])], "size": [0.5, 0.5], "mass": 10.0}


def _item(at, unique):
    return {"id": unique("item"), "at": [_p(at[0]), _p(at[1])], "label": "item"}


def _zone(at, unique):
    x, y = at
    zone_id = unique("zone")
    return {"id": zone_id, "rect": [_p(x - 1), _p(y - 1), _p(x + 1), _p(y + 1)], "label": zone_id}


def _hatch(at, unique):
    # 1.7 m across: the hatchway a 0.7 m astronaut still passes a few degrees off its axis.
    x, y = at
    return {"id": unique("hatch"), "from": [_p(x), _p(y - 0.85)], "to": [_p(x), _p(y + 0.85)]}


def _mover(at, unique):
    x, y = at
    return {
        "id": unique("mover"),
        "shape": "box",
        "size": [1.0, 0.4],
        "path": [[_p(x), _p(y)], [_p(x + 3), _p(y)]],
        "speed": 0.5,
    }


def _spawn(at, unique):
    return {"spawn": [_p(at[0]), _p(at[1])]}


KINDS: tuple[Kind, ...] = (
    Kind("1", "Wall", "walls", _wall, "a straight wall 4 m long"),
    Kind("2", "Module", "walls", _module, "a closed room 6 x 2.4 m"),
    Kind("3", "Solid", "solids", _solid, "a 1 m solid block"),
    Kind("4", "Handhold", "handholds", _handhold, "a rail 2 m long"),
    Kind("5", "Body", "bodies", _body, "a 10 kg crate"),
    Kind("6", "Item", "items", _item, "something to collect"),
    Kind("7", "Zone", "zones", _zone, "a 2 m zone (for objectives)"),
    Kind("8", "Hatch", "hatches", _hatch, "a closed hatch 1.7 m wide"),
    Kind("9", "Mover", "movers", _mover, "a block on a 3 m path"),
    Kind("0", "Spawn", "player", _spawn, "where the astronaut starts"),
)


def unique_id(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
