"""One truth for the level format: `last-orbit validate` and the JSON Schema (levels/schema.json,
generated from the same field declarations) give the same verdict on every file of the
broken-level corpus, the shipped and benchmark levels, the README example, and levels written
here at each field's limits.

A file validate refuses and the schema accepts is allowed only for what JSON Schema cannot say:
each such problem must be of a kind listed in CANNOT_SAY (with why), or be found on the assembled
level (geometry, computed costs: see `after_assembly`), unless its message is one the schema
can say (SAYABLE_AFTER_ASSEMBLY). A file validate accepts and the schema refuses is always a
failure: the schema must never be stricter than the game."""

from __future__ import annotations

import copy
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
import tomlkit

from game.levels import cost, loader
from game.levels import fields as F
from game.levels.problems import LevelError, Problem
from game.levels.schema import level_schema, schema_json

jsonschema = pytest.importorskip("jsonschema")

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "broken_levels"


def _levels_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.toml") if p.name not in ("pack.toml", "expected.toml"))


BROKEN = _levels_in(CORPUS)
GOOD = _levels_in(REPO / "levels") + _levels_in(REPO / "levels" / "bench")


@dataclass(frozen=True)
class CannotSay:
    pattern: str  # a regular expression searched in the problem's message
    reason: str


# What validate checks and JSON Schema cannot express, each with why. Keep it short: an entry
# here is a place where an editor using the schema will not warn.
CANNOT_SAY = (
    CannotSay(
        r"^(action \d+: )?no [a-z]+( or [a-z]+)* '",
        "a reference names an id defined elsewhere in the file; JSON Schema has no way to "
        "look one value up among others",
    ),
    CannotSay(r"^duplicate id ", "uniqueItems compares whole tables, not one key of each"),
    CannotSay(r"with min < max on both axes", "comparing two items of one array"),
    CannotSay(r"is there from the start; give it spawned = false", "a value in another table"),
    CannotSay(
        r"^speed must be at most",
        "the length of a vector; the schema limits each component to the speed limit, which is "
        "needed but not enough",
    ),
    CannotSay(
        r"finite number",
        "NaN: JSON has no such number, and in the schema's comparisons NaN is never out of "
        "range (an infinity is: the limits catch it)",
    ),
    CannotSay(
        r"^must be a whole number, not a number",
        "JSON does not tell 1.0 from 1: JSON Schema's integer accepts 1.0, TOML's does not",
    ),
    CannotSay(r"points in all outlines and paths", "a total over the whole file"),
    CannotSay(
        r"file not found|not a PNG|cannot be read|is not a file|leads outside|pixels|larger than",
        "an asset path is checked against the files on disk",
    ),
)

# Problems found on the assembled level (geometry, computed costs) that the schema does say:
# these are never excused by being found late.
SAYABLE_AFTER_ASSEMBLY = (
    r"^each side must be at least",  # box size, craft_size: item minimums
    r"^a polygon needs at least 3 points",  # minItems
    r"^a polygon cannot repeat a point",  # uniqueItems
    r"^shape = 'polygon' needs 'points'",  # if shape = polygon then required
    r"^give either 'at' or 'from'/'to'",  # handholds: oneOf
    r"^needs 'at' \(a point\) or both",  # handholds: oneOf
    r"^[\d,]+ (items|zones|handholds|objectives|triggers); the limit",  # maxItems
    r"^([\d,]+) movers of \1 collision shapes",  # one shape each: maxItems
    r"^([\d,]+) dynamic bodies; the limit",  # one shape each: maxItems
)


class _Assembled(Exception):
    """Raised in place of assembling: the file passed every check made before it."""


try:  # the winnable-level checks `validate` runs on a level that loads
    from game.levels.winnable import winnable_problems_of_file
except ImportError:  # pragma: no cover - before they exist
    winnable_problems_of_file = None


def validate_problems(path: Path) -> list[Problem]:
    """The errors `last-orbit validate` reports for the file (warnings do not refuse it)."""
    if winnable_problems_of_file is None:
        try:
            loader.load_level(path)
        except LevelError as exc:
            return exc.problems
        return []
    try:
        found = winnable_problems_of_file(path)
    except LevelError as exc:
        return exc.problems
    # Found on the assembled level, as geometry: excused unless SAYABLE_AFTER_ASSEMBLY.
    return [f for f in found if not f.warning]


def after_assembly(path: Path, monkeypatch) -> bool:
    """The file's problems are all found on the assembled level: it passes every check made on
    the file's values alone (types, ranges, kinds, references)."""

    def stop(*_args, **_kwargs):
        raise _Assembled

    with monkeypatch.context() as patch:
        patch.setattr(loader._Checker, "assemble", stop)
        try:
            loader.load_level(path)
        except _Assembled:
            return True
        except LevelError:
            return False
    raise AssertionError("load_level returned without assembling the level")


@pytest.fixture(scope="module")
def validator():
    schema = level_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def schema_errors(validator, data: dict) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)
    ]


def unexcused(problems: list[Problem], late: bool) -> list[str]:
    """The problems the schema could have said."""
    out = []
    for problem in problems:
        if any(re.search(c.pattern, problem.message) for c in CANNOT_SAY):
            continue
        sayable = any(re.search(p, problem.message) for p in SAYABLE_AFTER_ASSEMBLY)
        if late and not sayable:
            continue  # geometry or a computed cost, found on the assembled level
        out.append(str(problem))
    return out


def test_the_committed_schema_is_the_generated_one():
    assert (REPO / "levels" / "schema.json").read_text(encoding="utf-8") == schema_json()


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.name)
def test_broken_level_schema_agrees_with_validate(validator, monkeypatch, path):
    problems = validate_problems(path)
    assert problems, f"validate accepts {path.name}, a file of the broken-level corpus"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, RecursionError):
        return  # not TOML: the schema judges parsed values, and editors say syntax errors
    if schema_errors(validator, data):
        return  # both refuse
    missed = unexcused(problems, after_assembly(path, monkeypatch))
    assert not missed, (
        f"validate refuses {path.name} and the schema accepts it, for what the schema can say "
        "(extend game/levels/schema.py; or, if JSON Schema truly cannot express it, add it to "
        f"CANNOT_SAY here with the reason):\n" + "\n".join(missed)
    )


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_shipped_level_is_accepted_by_both(validator, path):
    assert validate_problems(path) == []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert schema_errors(validator, data) == []


def test_readme_example_is_accepted_by_both(validator, tmp_path):
    text = (REPO / "levels" / "README.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"```toml\n(.*?)```", text, flags=re.S) if "[level]" in b]
    path = tmp_path / "example.toml"
    path.write_text(block, encoding="utf-8")
    assert validate_problems(path) == []
    assert schema_errors(validator, tomllib.loads(block)) == []


def test_every_cannot_say_entry_is_still_needed(validator, monkeypatch):
    """An entry no corpus file needs any more is one to remove (or its file went missing)."""
    used = set()
    for path in BROKEN:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, RecursionError):
            continue
        if schema_errors(validator, data):
            continue
        for problem in validate_problems(path):
            used |= {c.pattern for c in CANNOT_SAY if re.search(c.pattern, problem.message)}
    unused = [c.pattern for c in CANNOT_SAY if c.pattern not in used]
    # The asset and total-vertex entries are exercised by tests that write their files (a real
    # PNG, a symlink, thousands of points), not by the committed corpus.
    assert set(unused) <= {CANNOT_SAY[-1].pattern, CANNOT_SAY[-2].pattern}, unused


# -- levels written at each field's limits -----------------------------------------------------

BASE: dict = {
    "level": {"id": "limits", "name": "Limits", "format": F.FORMAT_VERSION},
    "world": {"bounds": [-20.0, -20.0, 20.0, 20.0]},
    "opening": {"seconds": 1.0},
    "player": {"spawn": [0.0, 0.0]},
    "walls": [{"points": [[-15.0, -15.0], [-15.0, 15.0]]}],
    "solids": [{"points": [[10.0, 10.0], [11.0, 10.0], [11.0, 11.0]]}],
    "handholds": [{"id": "hold", "at": [1.0, 1.0]}],
    "bodies": [{"id": "crate", "at": [-5.0, 5.0]}],
    "movers": [{"id": "arm", "path": [[-8.0, -8.0], [-8.0, -6.0]]}],
    "hatches": [{"id": "door", "from": [12.0, -2.0], "to": [12.0, 2.0]}],
    "zones": [{"id": "lab", "rect": [5.0, -1.0, 7.0, 1.0]}],
    "items": [{"id": "key", "at": [3.0, 3.0]}],
    "objectives": [{"kind": "reach", "zone": "lab"}],
    "triggers": [{"on": "start", "actions": [{"do": "shake"}]}],
}
ACTION_BASE = {"message": {"text": "hi"}, "shake": {}, "set_o2_drain": {"value": 1.0}, "flash": {}}


def _number_cases():
    """(name, section, field, value, valid) for every bounded number of every table and action."""
    for section in F.SECTIONS:
        for field in section.fields:
            if field.kind == "number":
                yield from _bounds(section.name, field, None)
    for do in ACTION_BASE:
        for field in F.ACTIONS[do]:
            if field.kind == "number":
                yield from _bounds("triggers", field, do)


def _bounds(section: str, field: F.Field, do: str | None):
    where = f"{section}.{do + '.' if do else ''}{field.name}"
    if field.minimum is not None:
        if field.exclusive_minimum:
            yield f"{where}=min(excl)", section, field.name, field.minimum, False, do
        else:
            yield f"{where}=min", section, field.name, field.minimum, True, do
            yield f"{where}<min", section, field.name, field.minimum - 0.001, False, do
    if field.maximum is not None:
        yield f"{where}=max", section, field.name, field.maximum, True, do
        yield f"{where}>max", section, field.name, field.maximum + 0.001, False, do


def _other_cases():
    big = F.MAX_COORDINATE
    long_text = "x" * F.MAX_STRING
    yield "label at the length limit", "zones", "label", long_text, True, None
    yield "label over the length limit", "zones", "label", long_text + "x", False, None
    yield "name over the length limit", "level", "name", long_text + "x", False, None
    yield "enum typo", "walls", "style", "moduel", False, None
    yield "id upper case", "zones", "id", "Lab", False, None
    yield "id 64 characters", "level", "id", "a" * 64, True, None
    yield "id 65 characters", "level", "id", "a" * 65, False, None
    yield "id empty where required", "level", "id", "", False, None
    yield "id empty where optional", "handholds", "id", "", True, None
    yield "coordinate at the limit", "walls", "points", [[-big, 0.0], [-big, 1.0]], True, None
    yield "coordinate past the limit", "items", "at", [big + 1, 0.0], False, None
    yield "velocity component too fast", "bodies", "velocity", [10.5, 0.0], False, None
    yield "velocity at the speed limit", "bodies", "velocity", [0.0, -10.0], True, None
    yield "box side at the minimum", "bodies", "size", [0.2, 1.0], True, None
    yield "box side under the minimum", "movers", "size", [1.0, 0.19], False, None
    yield "craft side under the minimum", "player", "craft_size", [7.0, 0.4], False, None
    yield "format of the future", "level", "format", F.FORMAT_VERSION + 1, False, None
    yield "format zero", "level", "format", 0, False, None
    yield "path of one point", "movers", "path", [[-8.0, -8.0]], False, None
    yield (
        "path at the vertex limit",
        "movers",
        "path",
        [[-8.0, -8.0 + i / 100] for i in range(F.MAX_VERTICES)],
        True,
        None,
    )
    yield (
        "path over the vertex limit",
        "movers",
        "path",
        [[-8.0, -8.0 + i / 100] for i in range(F.MAX_VERTICES + 1)],
        False,
        None,
    )


def _table_cases():
    """(name, edit, valid): whole-table rules."""

    def edit_first(section, **values):
        def apply(level):
            level[section][0] |= values
            for key, value in list(values.items()):
                if value is None:
                    del level[section][0][key]

        return apply

    yield "time trigger without seconds", edit_first("triggers", on="time"), False
    yield "time trigger at 0 s", edit_first("triggers", on="time", seconds=0.0), True
    yield "enter trigger without zone", edit_first("triggers", on="enter"), False
    yield "enter trigger with an empty zone", edit_first("triggers", on="enter", zone=""), False
    yield "repair without seconds", edit_first("objectives", kind="repair"), False
    yield "repair of 0 s", edit_first("objectives", kind="repair", seconds=0.0), False
    yield "repair of 1 s", edit_first("objectives", kind="repair", seconds=1.0), True
    yield "survive", edit_first("objectives", kind="survive", zone="", seconds=2.0), True
    yield "deliver an item", edit_first("objectives", kind="deliver", item="key"), True
    yield "deliver a body", edit_first("objectives", kind="deliver", body="crate"), True
    yield "deliver neither", edit_first("objectives", kind="deliver"), False
    yield "deliver both", edit_first("objectives", kind="deliver", item="key", body="crate"), False
    yield "collect without item", edit_first("objectives", kind="collect", zone=""), False
    yield "grab", edit_first("objectives", kind="grab", zone="", target="hold"), True
    yield "rail", edit_first("handholds", at=None, **{"from": [1.0, 1.0], "to": [2.0, 1.0]}), True
    yield "rail without an end", edit_first("handholds", at=None, **{"from": [1.0, 1.0]}), False
    yield "point and rail end", edit_first("handholds", to=[2.0, 2.0]), False
    yield "no position", edit_first("handholds", at=None), False
    yield (
        "polygon body",
        edit_first("bodies", shape="polygon", points=[[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]]),
        True,
    )
    yield "polygon body without points", edit_first("bodies", shape="polygon"), False
    yield (
        "polygon of two points",
        edit_first("movers", shape="polygon", points=[[0.0, 0.0], [1.0, 0.0]]),
        False,
    )
    yield (
        "polygon repeating a point",
        edit_first("solids", points=[[10.0, 10.0], [11.0, 10.0], [11.0, 11.0], [10.0, 10.0]]),
        False,
    )
    yield (
        "circle body of a tiny box size",
        edit_first("bodies", shape="circle", size=[0.1, 0.1]),
        True,
    )
    yield "no objectives", lambda level: level.update(objectives=[]), False
    yield "unknown section", lambda level: level.update(zone=[]), False
    yield "unknown key", edit_first("items", colour="red"), False


def _count_cases():
    """Entries at and over the plain counts of game/levels/cost.py."""
    makers = {
        "items": lambda i: {"id": f"i{i}", "at": [3.0 + (i % 8), -10.0 + i // 8]},
        "zones": lambda i: {"id": f"z{i}", "rect": [5.0, -1.0, 7.0, 1.0]},
        "handholds": lambda i: {"at": [1.0, 1.0 + i / 1000]},
        "objectives": lambda i: {"kind": "reach", "zone": "lab"},
        "triggers": lambda i: {"on": "start", "actions": [{"do": "shake"}]},
        "movers": lambda i: {"id": f"m{i}", "path": [[-8.0, -8.0], [-8.0, -6.0]]},
    }
    limits = {
        "items": cost.MAX_ITEMS,
        "zones": cost.MAX_ZONES,
        "handholds": cost.MAX_HANDHOLDS,
        "objectives": cost.MAX_OBJECTIVES,
        "triggers": cost.MAX_TRIGGERS,
        "movers": cost.MAX_MOVER_SHAPES,
    }
    for section, make in makers.items():
        for count, valid in ((limits[section], True), (limits[section] + 1, False)):

            def apply(level, section=section, make=make, count=count):
                level[section] = [make(i) for i in range(count)]
                if section == "zones":
                    level[section][0]["id"] = "lab"

            yield f"{count} {section}", apply, valid


def _set(level: dict, section: str, key: str, value, do: str | None) -> None:
    table = level[section] if isinstance(level[section], dict) else level[section][0]
    if do is not None:
        table["actions"] = [{"do": do, **ACTION_BASE[do], key: value}]
    else:
        table[key] = value


def _written_cases():
    for name, section, key, value, valid, do in [*_number_cases(), *_other_cases()]:

        def apply(level, section=section, key=key, value=value, do=do):
            _set(level, section, key, value, do)

        yield name, apply, valid
    yield from _table_cases()
    yield from _count_cases()


WRITTEN = list(_written_cases())


def test_the_base_of_the_written_levels_is_valid(validator, tmp_path):
    path = tmp_path / "base.toml"
    path.write_text(tomlkit.dumps(BASE), encoding="utf-8")
    assert validate_problems(path) == []
    assert schema_errors(validator, BASE) == []


@pytest.mark.parametrize(("name", "edit", "valid"), WRITTEN, ids=[c[0] for c in WRITTEN])
def test_written_level_gets_the_same_verdict(validator, tmp_path, name, edit, valid):
    level = copy.deepcopy(BASE)
    edit(level)
    path = tmp_path / "level.toml"
    path.write_text(tomlkit.dumps(level), encoding="utf-8")
    problems = [str(p) for p in validate_problems(path)]
    errors = schema_errors(validator, tomllib.loads(path.read_text(encoding="utf-8")))
    assert (not problems) == valid, f"validate: {problems}"
    assert (not errors) == valid, f"schema: {errors}"
