"""Winnable-level checks in `last-orbit validate` (game/levels/winnable.py, reachability.py):
certain faults are errors (exit 1), likely ones `warning:` lines that fail only with --strict;
every message points at its field with line and column. Each crafted level below has a control
beside it, the same level without the defect, which must pass --strict."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from game.cli import main
from game.levels import load_level, load_level_bytes
from game.levels import reachability as R
from game.levels.winnable import CLEARANCE, LevelWarning, winnable_problems
from game.sim.astronaut import RADIUS
from tests.levels_for_tests import toml_value

REPO = Path(__file__).resolve().parent.parent
SHIPPED = sorted(p for p in (REPO / "levels").glob("*.toml") if p.name != "pack.toml")
BENCH = sorted(p for p in (REPO / "levels" / "bench").glob("*.toml") if p.name != "pack.toml")


def value(v) -> str:
    """toml_value, with inline tables (trigger actions) and lists of them."""
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {value(x)}" for k, x in v.items()) + " }"
    if isinstance(v, list | tuple) and any(isinstance(x, dict) for x in v):
        return "[" + ", ".join(value(x) for x in v) + "]"
    return toml_value(v)


def table(header: str, values: dict) -> str:
    return header + "\n" + "".join(f"{k} = {value(v)}\n" for k, v in values.items()) + "\n"


def level(
    *,
    bounds=(-20.0, -20.0, 30.0, 20.0),
    player: dict | None = None,
    goal=(8.0, -1.0, 9.0, 1.0),
    objectives: list[dict] | None = None,
    **sections: list[dict],
) -> str:
    """A level's text: [level], [world], [player] (spawn at the origin), the given sections, a
    zone 'goal' and (by default) one objective to reach it."""
    text = table("[level]", {"id": "crafted", "name": "Crafted", "format": 1})
    text += table("[world]", {"bounds": list(bounds)})
    text += table("[player]", {"spawn": [0.0, 0.0], **(player or {})})
    for name, entries in sections.items():
        for entry in entries:
            text += table(f"[[{name}]]", entry)
    text += table("[[zones]]", {"id": "goal", "rect": list(goal)})
    for objective in objectives or [{"kind": "reach", "zone": "goal"}]:
        text += table("[[objectives]]", objective)
    return text


def two_rooms(gap: float, angle: float = 0.0) -> list[dict]:
    """A room round the origin and one round x = 8, joined by a corridor `gap` wide inside
    (walls 0.2 thick) from x = 2 to 6; the whole turned by `angle` degrees about the origin."""
    w = gap / 2 + 0.1
    points = [
        [2.0, w], [2.0, 3.0], [-3.0, 3.0], [-3.0, -3.0], [2.0, -3.0], [2.0, -w], [6.0, -w],
        [6.0, -3.0], [10.0, -3.0], [10.0, 3.0], [6.0, 3.0], [6.0, w], [2.0, w],
    ]  # fmt: skip
    return [{"points": [turn(p, angle) for p in points]}]


def turn(point, angle: float) -> list[float]:
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    return [round(point[0] * c - point[1] * s, 9), round(point[0] * s + point[1] * c, 9)]


def goal_at(x: float, y: float, half: float = 0.4) -> tuple:
    return (x - half, y - half, x + half, y + half)


def validate(capsys, path: Path, strict: bool = False) -> tuple[int, list[str]]:
    code = main(["validate", *(["--strict"] if strict else []), str(path)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, [line for line in captured.out.splitlines() if line]


def write(tmp_path: Path, text: str, name: str = "crafted.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str, after: str | None = None) -> int:
    """The 1-based line of the first line starting with `needle` (after the line `after`)."""
    lines = text.splitlines()
    start = lines.index(after) if after else 0
    for number in range(start, len(lines)):
        if lines[number].startswith(needle):
            return number + 1
    raise AssertionError(f"{needle!r} not in the text")


def assert_clean(capsys, tmp_path: Path, text: str) -> None:
    """The control: valid with --strict, nothing said."""
    path = write(tmp_path, text, "control.toml")
    assert validate(capsys, path, strict=True) == (0, [])


def assert_error(capsys, tmp_path, text, field: str, line: int, message: str) -> str:
    """Exit 1 with and without --strict; one line `file:line:col: field: ...message...`."""
    path = write(tmp_path, text)
    for strict in (False, True):
        code, out = validate(capsys, path, strict)
        assert code == 1, out
        assert len(out) == 1, out
        match = re.match(re.escape(str(path)) + r":(\d+):(\d+): (\S+): (.*)", out[0])
        assert match, out[0]
        assert (int(match.group(1)), match.group(3)) == (line, field), out[0]
        assert int(match.group(2)) >= 1
        assert message in match.group(4), out[0]
    return out[0]


def assert_warning(capsys, tmp_path, text, field: str, line: int, message: str) -> str:
    """Exit 0 without --strict and 1 with it; the line `file:line:col: warning: field: ...`."""
    path = write(tmp_path, text)
    code, out = validate(capsys, path)
    assert code == 0, out
    assert validate(capsys, path, strict=True)[0] == 1
    lines = [x for x in out if f" {field}: " in x]
    assert len(lines) == 1, out
    match = re.match(re.escape(str(path)) + r":(\d+):(\d+): warning: (\S+): (.*)", lines[0])
    assert match, lines[0]
    assert (int(match.group(1)), match.group(3)) == (line, field), lines[0]
    assert message in match.group(4), lines[0]
    return lines[0]


# -- errors -------------------------------------------------------------------------------------


def test_a_goal_zone_outside_the_bounds_is_an_error(capsys, tmp_path):
    text = level(goal=(35.0, -1.0, 37.0, 1.0))
    assert_error(
        capsys,
        tmp_path,
        text,
        "zones[0].rect",
        line_of(text, "rect ="),
        "zone 'goal' lies outside world.bounds, so objectives[0] can never be done",
    )
    assert_clean(capsys, tmp_path, level(goal=(25.0, -1.0, 37.0, 1.0)))  # partly inside


def test_a_deliver_zone_for_a_body_may_lie_outside_the_bounds(capsys, tmp_path):
    """Only the player is lost in space: a thrown body can be delivered beyond the bounds."""
    crate = {"id": "crate", "at": [1.0, 0.0], "carryable": True}
    objective = {"kind": "deliver", "zone": "goal", "body": "crate"}
    text = level(goal=(35.0, -1.0, 37.0, 1.0), bodies=[crate], objectives=[objective])
    assert_clean(capsys, tmp_path, text)


def test_an_item_out_of_touch_from_the_bounds_is_an_error(capsys, tmp_path):
    key = {"id": "key", "at": [31.0, 0.0], "radius": 0.3}
    objectives = [{"kind": "collect", "item": "key"}, {"kind": "reach", "zone": "goal"}]
    text = level(items=[key], objectives=objectives)
    assert_error(
        capsys,
        tmp_path,
        text,
        "items[0].at",
        line_of(text, "at =", "[[items]]"),
        "item 'key' is out of touch from inside world.bounds, so objectives[0] can never be done",
    )
    key["at"] = [30.5, 0.0]  # 0.5 beyond the edge: within 0.3 + 0.35 of a centre inside
    assert_clean(capsys, tmp_path, level(items=[key], objectives=objectives))


@pytest.mark.parametrize("kind", ["deliver", "grab"])
def test_an_objective_on_a_body_that_never_appears_is_an_error(capsys, tmp_path, kind):
    crate = {"id": "crate", "at": [1.5, 0.0], "carryable": True, "spawned": False}
    key = "body" if kind == "deliver" else "target"
    objective = {"kind": kind, key: "crate", **({"zone": "goal"} if kind == "deliver" else {})}
    text = level(bodies=[crate], objectives=[objective])
    assert_error(
        capsys,
        tmp_path,
        text,
        f"objectives[0].{key}",
        line_of(text, f"{key} =", "[[objectives]]"),
        "body 'crate' never appears: it has spawned = false and no trigger spawns it",
    )
    spawn = {"on": "start", "actions": [{"do": "spawn", "target": "crate"}]}
    assert_clean(capsys, tmp_path, level(bodies=[crate], objectives=[objective], triggers=[spawn]))


def test_a_solid_on_top_of_the_spawn_is_an_error(capsys, tmp_path):
    solid = {"points": [[-1.0, -1.0], [1.0, -1.0], [1.0, 1.0], [-1.0, 1.0]]}
    text = level(solids=[solid])
    assert_error(
        capsys,
        tmp_path,
        text,
        "player.spawn",
        line_of(text, "spawn ="),
        "the spawn is inside solids[0]: the astronaut (0.7 m across) starts with its centre in it",
    )
    solid = {"points": [[0.36, -1.0], [2.0, -1.0], [2.0, 1.0], [0.36, 1.0]]}  # 1 cm clear
    assert_clean(capsys, tmp_path, level(solids=[solid]))


def test_a_spawn_overlapping_a_wall_is_an_error_with_its_depth(capsys, tmp_path):
    wall = {"points": [[0.4, -3.0], [0.4, 3.0]], "thickness": 0.2}  # surface 0.3 from the spawn
    text = level(walls=[wall])
    assert_error(
        capsys,
        tmp_path,
        text,
        "player.spawn",
        line_of(text, "spawn ="),
        "the spawn is inside walls[0]: the astronaut (0.7 m across) starts 0.05 m deep in it",
    )


def test_a_closed_hatch_across_the_spawn_is_an_error_an_open_one_is_not(capsys, tmp_path):
    hatch = {"id": "door", "from": [0.0, -2.0], "to": [0.0, 2.0]}
    text = level(hatches=[hatch])
    assert_error(
        capsys,
        tmp_path,
        text,
        "player.spawn",
        line_of(text, "spawn ="),
        "inside hatches[0] (hatch 'door', closed at the start)",
    )
    assert_clean(capsys, tmp_path, level(hatches=[{**hatch, "open": True}]))


def test_the_spawn_check_uses_the_suit_radius(capsys, tmp_path):
    wall = {"points": [[0.5, -3.0], [0.5, 3.0]], "thickness": 0.2}  # surface 0.4 from the spawn
    assert_clean(capsys, tmp_path, level(walls=[wall]))  # inside: 0.35
    text = level(walls=[wall], player={"mode": "eva", "spawn": [0.0, 0.0]})
    assert_error(capsys, tmp_path, text, "player.spawn", line_of(text, "spawn ="), "0.9 m across")


# -- warnings: reachability ---------------------------------------------------------------------


def test_a_goal_walled_off_from_the_spawn_is_a_warning(capsys, tmp_path):
    text = level(walls=two_rooms(0.6))
    assert_warning(
        capsys,
        tmp_path,
        text,
        "objectives[0].zone",
        line_of(text, "zone =", "[[objectives]]"),
        "zone 'goal' cannot be reached from the spawn by the astronaut (0.7 m across): walls "
        "and solids shut it off",
    )
    assert_clean(capsys, tmp_path, level(walls=two_rooms(1.0)))


@pytest.mark.parametrize("angle", [0.0, 17.0, 45.0, 90.0, 133.0, 200.0])
def test_corridors_at_any_angle(capsys, tmp_path, angle):
    """Narrower than the astronaut: unreachable; a little wider: reached, but only through a
    gap narrower than it needs with its clearance (never called unreachable: the fill leans
    towards passing); wide enough: nothing said. The fill's lines are horizontal, so turned
    corridors cross many of them."""
    goal = goal_at(*turn([8.0, 0.0], angle))
    closed = level(walls=two_rooms(0.6, angle), goal=goal)
    path = write(tmp_path, closed)
    code, out = validate(capsys, path)
    assert code == 0 and len(out) == 1 and "cannot be reached" in out[0], out
    tight = level(walls=two_rooms(0.72, angle), goal=goal)
    code, out = validate(capsys, write(tmp_path, tight))
    assert code == 0 and len(out) == 1, out
    assert "is reached from the spawn only through a gap narrower than 0.8 m near (" in out[0]
    x, y = map(float, re.search(r"near \((\S+), (\S+)\)", out[0]).groups())
    # The narrow place is in the corridor or at its mouths (x from 2 to 6 before the turn).
    along = x * math.cos(math.radians(angle)) + y * math.sin(math.radians(angle))
    assert 1.4 <= along <= 6.6, out[0]
    assert_clean(capsys, tmp_path, level(walls=two_rooms(0.82, angle), goal=goal))


def test_the_suit_is_wider_than_the_astronaut_inside(capsys, tmp_path):
    eva = {"mode": "eva"}
    assert_clean(capsys, tmp_path, level(walls=two_rooms(0.85)))
    code, out = validate(capsys, write(tmp_path, level(walls=two_rooms(0.85), player=eva)))
    assert (
        code == 0 and "cannot be reached from the spawn by the astronaut (0.9 m across)" in (out[0])
    ), out


def test_the_craft_needs_its_width(capsys, tmp_path):
    """A Soyuz 7 by 2.7 m can fly a corridor nose first, so its width is what counts."""
    walls = [{"points": [[-10.0, y], [30.0, y]], "thickness": 0.2} for y in (-6.0, 6.0)]
    walls += [{"points": [[12.0, -5.9], [12.0, -1.2]]}, {"points": [[12.0, 1.2], [12.0, 5.9]]}]
    craft = {"mode": "craft", "spawn": [0.0, 0.0]}
    text = level(walls=walls, player=craft, goal=(20.0, -2.0, 22.0, 2.0))
    code, out = validate(capsys, write(tmp_path, text))  # 2.4 - 0.2 = 2.2 m clear
    assert code == 0 and "cannot be reached from the spawn by the craft (2.7 m across)" in out[0]
    walls[2:] = [{"points": [[12.0, -5.9], [12.0, -1.6]]}, {"points": [[12.0, 1.6], [12.0, 5.9]]}]
    assert_clean(capsys, tmp_path, level(walls=walls, player=craft, goal=(20.0, -2, 22.0, 2)))


def test_a_craft_touches_items_with_half_its_length(capsys, tmp_path):
    """The simulation collects an item within its radius plus half the craft's length (3.5 m):
    an item 3.6 m beyond the bounds is still touched from inside them; 4 m is not."""
    craft = {"mode": "craft", "spawn": [0.0, 0.0]}
    objectives = [{"kind": "collect", "item": "fuel"}]
    fuel = {"id": "fuel", "at": [33.6, 0.0], "radius": 0.3}
    assert_clean(capsys, tmp_path, level(player=craft, items=[fuel], objectives=objectives))
    fuel["at"] = [34.0, 0.0]
    text = level(player=craft, items=[fuel], objectives=objectives)
    assert_error(
        capsys,
        tmp_path,
        text,
        "items[0].at",
        line_of(text, "at =", "[[items]]"),
        "out of touch from inside world.bounds",
    )


def test_a_hatch_that_never_opens_is_named(capsys, tmp_path):
    hatch = {"id": "door", "from": [4.0, -1.0], "to": [4.0, 1.0]}
    text = level(walls=two_rooms(1.8), hatches=[hatch])
    assert_warning(
        capsys,
        tmp_path,
        text,
        "objectives[0].zone",
        line_of(text, "zone =", "[[objectives]]"),
        "a hatch that never opens is in the way ('door': no open_hatch action names it)",
    )
    opens = {"on": "start", "actions": [{"do": "open_hatch", "target": "door"}]}
    assert_clean(capsys, tmp_path, level(walls=two_rooms(1.8), hatches=[hatch], triggers=[opens]))


def test_an_item_inside_a_solid_is_a_warning(capsys, tmp_path):
    solid = {"points": [[4.0, -2.0], [6.0, -2.0], [6.0, 2.0], [4.0, 2.0]]}
    key = {"id": "key", "at": [5.0, 0.0], "radius": 0.2}
    text = level(solids=[solid], items=[key])
    assert_warning(
        capsys,
        tmp_path,
        text,
        "items[0].at",
        line_of(text, "at =", "[[items]]"),
        "item 'key' cannot be reached from the spawn by the astronaut (0.7 m across): it is "
        "inside solids[0]",
    )
    key["at"] = [3.4, 0.0]  # 0.6 from the solid: touched from 0.5 + 0.35 away
    assert_clean(capsys, tmp_path, level(solids=[solid], items=[key]))


def test_an_item_in_a_sealed_pocket_is_a_warning(capsys, tmp_path):
    pocket = {"points": [[-8.0, -8.0], [-6.0, -8.0], [-6.0, -6.0], [-8.0, -6.0]], "closed": True}
    key = {"id": "key", "at": [-7.0, -7.0]}
    text = level(walls=[pocket], items=[key])
    assert_warning(
        capsys,
        tmp_path,
        text,
        "items[0].at",
        line_of(text, "at =", "[[items]]"),
        "item 'key' cannot be reached from the spawn",
    )


def test_an_item_in_a_corner_out_of_touch_is_a_warning(capsys, tmp_path):
    """The centre keeps 0.35 m from both walls, so it gets no nearer than 0.42 m to an item
    5 cm from each, and touches within 0.05 + 0.35."""
    room = [{"points": [[-3.0, -3.0], [3.0, -3.0], [3.0, 3.0], [-3.0, 3.0]], "closed": True}]
    key = {"id": "key", "at": [2.85, 2.85], "radius": 0.05}
    text = level(walls=room, items=[key], goal=(-1.0, -1.0, 1.0, 1.0))
    assert_warning(
        capsys,
        tmp_path,
        text,
        "items[0].at",
        line_of(text, "at =", "[[items]]"),
        "item 'key' cannot be reached from the spawn by the astronaut (0.7 m across): it is too "
        "close to the walls or solids round it (the centre keeps 0.35 m from them)",
    )
    key["radius"] = 0.1  # 0.45: touched
    assert_clean(capsys, tmp_path, level(walls=room, items=[key], goal=(-1.0, -1.0, 1.0, 1.0)))


def test_a_zone_in_a_corner_is_no_narrow_gap(capsys, tmp_path):
    """Only the astronaut's centre has to get into a zone: one tucked in a corner, that a body
    with clearance could not enter, is no gap on the way."""
    room = [{"points": [[-3.0, -3.0], [3.0, -3.0], [3.0, 3.0], [-3.0, 3.0]], "closed": True}]
    assert_clean(capsys, tmp_path, level(walls=room, goal=(2.54, 2.54, 2.9, 2.9)))


def test_a_handhold_to_grab_out_of_reach_is_a_warning(capsys, tmp_path):
    box = {"points": [[-8.0, -8.0], [-5.0, -8.0], [-5.0, -5.0], [-8.0, -5.0]], "closed": True}
    hold = {"id": "rail", "at": [-6.5, -6.5]}
    objectives = [{"kind": "grab", "target": "rail"}]
    text = level(walls=[box], handholds=[hold], objectives=objectives)
    assert_warning(
        capsys,
        tmp_path,
        text,
        "objectives[0].target",
        line_of(text, "target ="),
        "handhold 'rail' cannot be reached from the spawn",
    )
    hold["at"] = [-4.2, -6.5]  # outside the box, 0.7 from its wall: within reach
    assert_clean(capsys, tmp_path, level(walls=[box], handholds=[hold], objectives=objectives))


def test_a_goal_beyond_the_tether_is_a_warning_unless_it_is_cut(capsys, tmp_path):
    tethered = {"mode": "eva", "tether": [0.0, 1.0], "tether_length": 5.0}
    text = level(player=tethered)
    assert_warning(
        capsys,
        tmp_path,
        text,
        "objectives[0].zone",
        line_of(text, "zone =", "[[objectives]]"),
        "zone 'goal' is out of the tether's reach: it needs the astronaut 8 m from the anchor, "
        "tether_length is 5 m and no trigger cuts the tether",
    )
    cut = {"on": "time", "seconds": 3.0, "actions": [{"do": "cut_tether"}]}
    assert_clean(capsys, tmp_path, level(player=tethered, triggers=[cut]))


def test_an_enter_trigger_on_a_zone_outside_the_bounds_is_a_warning(capsys, tmp_path):
    zone = {"id": "void", "rect": [40.0, 0.0, 41.0, 1.0]}
    trigger = {"on": "enter", "zone": "void", "actions": [{"do": "shake"}]}
    text = level(zones=[zone], triggers=[trigger])
    assert_warning(
        capsys,
        tmp_path,
        text,
        "triggers[0].zone",
        line_of(text, "zone =", "[[triggers]]"),
        "zone 'void' lies outside world.bounds: this trigger can never fire",
    )


# -- warnings: hatchways ------------------------------------------------------------------------


def hatch_rooms(door: float) -> dict:
    """Two rooms sharing the wall x = 3, with a doorway `door` long between the wall ends
    (walls 0.2 thick: `door` - 0.2 clear), an open hatch across it."""
    h = door / 2
    side = [[3.0, h], [3.0, 3.0], [-3.0, 3.0], [-3.0, -3.0], [3.0, -3.0], [3.0, -h]]
    other = [[3.0, h], [3.0, 3.0], [9.0, 3.0], [9.0, -3.0], [3.0, -3.0], [3.0, -h]]
    hatch = {"id": "door", "from": [3.0, -h], "to": [3.0, h], "open": True}
    return {
        "walls": [{"points": side}, {"points": other}],
        "hatches": [hatch],
        "goal": (6.0, -1.0, 7.0, 1.0),
    }


def test_a_hatchway_narrower_than_the_astronaut_is_a_warning(capsys, tmp_path):
    text = level(**hatch_rooms(0.8))
    line = assert_warning(
        capsys,
        tmp_path,
        text,
        "hatches[0].from",
        line_of(text, "from ="),
        "the hatchway is 0.6 m wide, narrower than the astronaut (0.7 m across): it cannot pass",
    )
    assert line
    # The goal behind it says why it cannot be reached.
    code, out = validate(capsys, write(tmp_path, text))
    assert any("cannot be reached" in x and "hatches[0] too narrow to pass" in x for x in out)


def test_a_hatchway_without_clearance_is_a_warning(capsys, tmp_path):
    text = level(**hatch_rooms(0.95))
    assert_warning(
        capsys,
        tmp_path,
        text,
        "hatches[0].from",
        line_of(text, "from ="),
        "the hatchway is 0.75 m wide; the astronaut (0.7 m across) needs 0.8 m (0.1 m to spare)",
    )
    # One fault, one warning: the zone behind it is not reported again as a narrow gap.
    code, out = validate(capsys, write(tmp_path, text))
    assert len(out) == 1, out
    assert_clean(capsys, tmp_path, level(**hatch_rooms(1.0 + CLEARANCE + 0.01)))


# -- the checks as a function, and their cost ---------------------------------------------------


def test_winnable_problems_is_a_pure_function_of_the_level_and_its_text():
    """The editor runs it on what is on screen: no file is read, positions come from the text."""
    text = level(walls=two_rooms(0.6), goal=(35.0, -1.0, 37.0, 1.0), bounds=(-5, -5, 30, 5))
    loaded = load_level_bytes(text.encode(), "<editor>")
    problems = winnable_problems(loaded, text)
    assert [(p.field, p.line, isinstance(p, LevelWarning)) for p in problems] == [
        ("zones[0].rect", line_of(text, "rect =", "[[zones]]"), False)
    ]  # an error: the warnings about a level that cannot be won are left out
    assert str(problems[0]).startswith(f"<editor>:{problems[0].line}:")
    fixed = text.replace("[35.0, -1.0, 37.0, 1.0]", "[8.0, -1.0, 9.0, 1.0]")
    warning = winnable_problems(load_level_bytes(fixed.encode(), "<editor>"), "")
    assert len(warning) == 1 and warning[0].line is None
    assert str(warning[0]).startswith("<editor>: warning: objectives[0].zone: ")


def test_shipped_and_bench_levels_pass_strict(capsys):
    assert SHIPPED and BENCH
    for path in SHIPPED + BENCH:
        assert validate(capsys, path, strict=True) == (0, []), path


def test_shipped_levels_give_the_room_the_readme_promises():
    """The README tells modders to give the astronaut 1.0 m, 'the shipped levels' narrowest
    passages': every goal of each inside level stays reachable for a 1.0 m body."""
    from game.levels.winnable import _Checks

    for path in SHIPPED:
        loaded = load_level(path)
        if loaded.player.mode != "iva":
            continue
        checks = _Checks(loaded, "")
        space = checks._fill(0.5)
        assert all(goal.find(space) is not None for goal in checks.goals()), path


def test_the_fill_cost_is_bounded_on_a_huge_level():
    """Bounds of ±100 km and thousands of long walls: the line spacing grows so the spans
    computed stay within the budget, and the answer stays right for what it can see."""
    walls = [
        {"points": [[-90_000.0 + 45.0 * i, -90_000.0], [-90_000.0 + 45.0 * i, 90_000.0]]}
        for i in range(3_000)
    ]
    text = level(
        bounds=(-100_000.0, -100_000.0, 100_000.0, 100_000.0),
        walls=walls,
        goal=(-95_000.0, 95_000.0, -94_000.0, 96_000.0),
        player={"spawn": [-89_990.0, 0.0]},
    )
    loaded = load_level_bytes(text.encode(), "huge.toml")
    from game.levels.winnable import _Checks

    checks = _Checks(loaded, "")
    space = checks.strict()
    assert space.work <= R.WORK_BUDGET + 3_000  # (a line more per wall at most)
    assert len(space.runs) <= R.MAX_LINES + 2
    # Between the first two walls, 45 m apart and 180 km tall: the goal is round their ends.
    assert checks.goals()[0].find(space) is not None
    assert winnable_problems(loaded, text) == []


def test_the_fill_is_fine_on_an_ordinary_level():
    loaded = load_level(REPO / "levels" / "vault.toml")
    from game.levels.winnable import _Checks

    assert _Checks(loaded, "").strict().step == R.MIN_STEP


def test_hatchway_checks_are_bounded(monkeypatch):
    """Thousands of hatches among thousands of walls: the distance evaluations stay within
    the budget (each one a few microseconds)."""
    import game.levels.winnable as W

    calls = 0
    real = W.obstacle_distance

    def counted(*args):
        nonlocal calls
        calls += 1
        return real(*args)

    monkeypatch.setattr(W, "obstacle_distance", counted)
    walls = [{"points": [[float(i), -5.0], [float(i), 5.0]], "thickness": 0.1} for i in range(6)]
    walls *= 300  # the same six walls, 1,800 times: every hatch is near every wall
    hatches = [
        {"id": f"h{i}", "from": [0.2 + (i % 5), -0.5], "to": [0.2 + (i % 5), 0.5], "open": True}
        for i in range(1_500)
    ]
    text = level(
        walls=walls, hatches=hatches, player={"spawn": [-10.0, 0.0]}, goal=(-12, -1, -11, 1)
    )
    loaded = load_level_bytes(text.encode(), "many-hatches.toml")
    W._Checks(loaded, "").check_hatchways()
    assert calls <= W.HATCH_BUDGET * 1.1


# -- levels/README.md ---------------------------------------------------------------------------


def test_the_readme_gives_the_sizes_the_game_uses():
    from game.levels import fields as F

    text = (REPO / "levels" / "README.md").read_text(encoding="utf-8")
    sizes = text[text.index("## Sizes and clearances") : text.index("## Winnable levels")]
    for mode, radius in RADIUS.items():
        row = next(line for line in sizes.splitlines() if f'`mode = "{mode}"`' in line)
        assert f"a circle {2 * radius:g} across (radius {radius:g})" in row
        assert f"warns below {2 * radius + CLEARANCE:g}" in row
    length, width = F.PLAYER.field("craft_size").default
    row = next(line for line in sizes.splitlines() if '`mode = "craft"`' in line)
    assert f"{length:g} long by {width:g} wide" in row
    assert f"warns below {width + CLEARANCE:g}" in row
    assert f"as wide as its diagonal, {math.hypot(length, width):.1f}" in row
    checks = text[text.index("## Winnable levels") : text.index("## Every section and key")]
    assert f"plus {CLEARANCE:g}" in checks
    assert "`validate --strict`" in checks
