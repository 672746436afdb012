"""The level JSON Schema, generated from the field declarations (the single source of truth).

Editors that read `#:schema` comments (Taplo / Even Better TOML) use it to autocomplete and
check level files as they are typed. It accepts what `last-orbit validate` accepts wherever JSON
Schema can say it: types, ranges, coordinate and speed limits, the format version, enum values,
string and array lengths (the per-section counts of game/levels/cost.py too), what each kind of
objective or trigger needs, exactly-one-of rules and minimum sizes. What it cannot say (ids that
must exist or be unique, min < max in a rect, geometry, computed costs, files on disk) is listed
in tests/test_schema_parity.py, which runs both over the broken-level corpus."""

from __future__ import annotations

import json

from game.levels import cost
from game.levels import fields as F
from game.levels.loader import ID_RE
from game.sim.constants import MAX_SPEED

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

# JSON Schema patterns are ECMA-262, where `$` is the end of the text; Python's `re` (which the
# jsonschema package uses) also lets `$` match before a final newline, so "arrival\n" would pass
# an id pattern there. Refusing any newline keeps both readings equal.
_NO_NEWLINE = {"pattern": "\n"}
_ID_PATTERN = f"^{ID_RE.pattern}$"  # the loader's rule for every id
# A relative path with forward slashes, no drive letter, no '..' part, ending in .png (any case).
_ASSET_PATTERN = "^[^/\\\\:\\x00][^\\\\:\\x00]*\\.[pP][nN][gG]$"
_ASSET_UP = {"pattern": "(^|/)\\.\\.(/|$)"}
MAX_ASSET_CHARACTERS = 255  # game/levels/assets.py: longer is no usable file name

# How many entries a section may hold: the file's cap, or the count game/levels/cost.py allows
# when that is a plain count (each mover and body is at least one collision shape, each hatch a
# piece of station).
SECTION_LIMITS = {
    "items": cost.MAX_ITEMS,
    "zones": cost.MAX_ZONES,
    "handholds": cost.MAX_HANDHOLDS,
    "objectives": cost.MAX_OBJECTIVES,
    "triggers": cost.MAX_TRIGGERS,
    "movers": cost.MAX_MOVER_SHAPES,
    "bodies": cost.MAX_BODY_SHAPES,
    "hatches": cost.MAX_STATIC_SHAPES,
    "solids": cost.MAX_STATIC_SHAPES,
}


def section_limit(name: str) -> int:
    return min(F.MAX_ITEMS_PER_SECTION, SECTION_LIMITS.get(name, F.MAX_ITEMS_PER_SECTION))


def _number_list(count: int, low: float, high: float) -> dict:
    return {
        "type": "array",
        "items": {"type": "number", "minimum": low, "maximum": high},
        "minItems": count,
        "maxItems": count,
    }


def _coordinates(count: int) -> dict:
    return _number_list(count, -F.MAX_COORDINATE, F.MAX_COORDINATE)


def field_schema(field: F.Field) -> dict:
    doc = field.doc + (f" Unit: {field.unit}." if field.unit else "")
    kind = field.kind
    if kind == "number":
        out: dict = {"type": "number"}
        if field.minimum is not None:
            out["exclusiveMinimum" if field.exclusive_minimum else "minimum"] = field.minimum
        if field.maximum is not None:
            out["maximum"] = field.maximum
    elif kind == "integer":
        out = {"type": "integer"}
        if field.minimum is not None:
            out["minimum"] = int(field.minimum)
        if field.maximum is not None:
            out["maximum"] = int(field.maximum)
    elif kind == "asset":
        out = {
            "type": "string",
            "pattern": _ASSET_PATTERN,
            "maxLength": MAX_ASSET_CHARACTERS,
            "not": {"anyOf": [_ASSET_UP, _NO_NEWLINE]},
        }
    elif kind in ("string", "ref"):
        out = {"type": "string", "maxLength": F.MAX_STRING}
    elif kind == "id":
        pattern = _ID_PATTERN if field.required else f"^$|{_ID_PATTERN}"
        out = {"type": "string", "pattern": pattern, "not": _NO_NEWLINE}
    elif kind == "enum":
        out = {"type": "string", "enum": list(field.choices)}
    elif kind == "boolean":
        out = {"type": "boolean"}
    elif kind == "vec2" and field.unit == "m/s":
        # A speed limit: each component within it is needed, not enough (the length counts).
        out = _number_list(2, -MAX_SPEED, MAX_SPEED)
    elif kind == "vec2":
        out = _coordinates(2)
        if field.minimum is not None:
            out["items"]["minimum"] = field.minimum
    elif kind == "rect":
        out = _coordinates(4)
    elif kind == "points":
        out = {
            "type": "array",
            "items": _coordinates(2),
            "minItems": 2,
            "maxItems": F.MAX_VERTICES,
        }
    elif kind == "actions":
        out = {
            "type": "array",
            "minItems": 1,
            "maxItems": F.MAX_ACTIONS,
            "items": {"oneOf": [_action_schema(name) for name in F.ACTIONS]},
        }
    else:
        raise AssertionError(f"unhandled field kind {kind}")
    out["description"] = doc
    if not field.required and field.default is not None:
        default = field.default
        out["default"] = list(default) if isinstance(default, tuple) else default
    return out


def _action_schema(name: str) -> dict:
    fields = F.ACTIONS[name]
    return {
        "type": "object",
        "properties": {"do": {"const": name}} | {f.name: field_schema(f) for f in fields},
        "required": ["do"] + [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def _given(section: F.Section, name: str) -> dict:
    """`name` is there and says something: validate reads an empty reference or 0 s as not
    given (a trigger's `seconds` excepted: 0 s is a time)."""
    field = section.field(name)
    if field.kind == "number":
        value: dict = {"exclusiveMinimum": 0}
    else:
        value = {"minLength": 1}
    return {"required": [name], "properties": {name: value}}


def _when(key: str, value: str, then: dict) -> dict:
    return {"if": {"properties": {key: {"const": value}}, "required": [key]}, "then": then}


def _polygon_points() -> dict:
    """An outline that can be a solid polygon: at least 3 points, none repeated."""
    return {"minItems": 3, "uniqueItems": True}


def _conditions(section: F.Section) -> list[dict]:
    """The rules between fields of one table."""
    conditions = []
    if section is F.OBJECTIVES:
        for kind, needs in F.OBJECTIVE_KINDS.items():
            then = {"allOf": [_given(section, name) for name in needs]}
            if kind == "deliver":
                then["allOf"].append({"oneOf": [_given(section, "item"), _given(section, "body")]})
            conditions.append(_when("kind", kind, then))
    if section is F.TRIGGERS:
        for event, needs in F.TRIGGER_EVENTS.items():
            if needs:
                then = {
                    "allOf": [
                        {"required": [name]} if name == "seconds" else _given(section, name)
                        for name in needs
                    ]
                }
                conditions.append(_when("on", event, then))
    if section.field("shape") is not None:
        # A box is the default shape: `size` counts unless another shape is named.
        box = {"properties": {"size": {"items": {"minimum": F.MIN_BOX_SIDE}}}}
        conditions.append(
            {
                "if": {"properties": {"shape": {"const": "box"}}},
                "then": box,
            }
        )
        polygon = {"required": ["points"], "properties": {"points": _polygon_points()}}
        conditions.append(_when("shape", "polygon", polygon))
    return conditions


def _table_schema(section: F.Section) -> dict:
    properties = {f.name: field_schema(f) for f in section.fields}
    if section is F.SOLIDS:
        properties["points"] |= _polygon_points()
    table: dict = {
        "type": "object",
        "description": section.doc,
        "properties": properties,
        "required": [f.name for f in section.fields if f.required],
        "additionalProperties": False,
    }
    if section is F.HANDHOLDS:
        # A point (`at`, and neither end of a rail) or a rail (both ends, and no `at`).
        table["oneOf"] = [
            {
                "required": ["at"],
                "not": {"anyOf": [{"required": ["from"]}, {"required": ["to"]}]},
            },
            {"required": ["from", "to"], "not": {"required": ["at"]}},
        ]
    conditions = _conditions(section)
    if conditions:
        table["allOf"] = conditions
    return table


def level_schema() -> dict:
    properties = {}
    for section in F.SECTIONS:
        table = _table_schema(section)
        if section.array:
            properties[section.name] = {
                "type": "array",
                "description": section.doc,
                "items": table,
                "maxItems": section_limit(section.name),
            }
            if section.required:
                properties[section.name]["minItems"] = 1
        else:
            properties[section.name] = table
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "Last Orbit level",
        "description": f"A Last Orbit level file, format {F.FORMAT_VERSION}. SI units.",
        "type": "object",
        "properties": properties,
        "required": [s.name for s in F.SECTIONS if s.required],
        "additionalProperties": False,
    }


def schema_json() -> str:
    return json.dumps(level_schema(), indent=2, ensure_ascii=False) + "\n"
