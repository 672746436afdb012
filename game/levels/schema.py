"""The level JSON Schema, generated from the field declarations (the single source of truth).

Editors that read `#:schema` comments (Taplo / Even Better TOML) use it to autocomplete and
check level files as they are typed."""

from __future__ import annotations

import json

from game.levels import fields as F

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _number_list(count: int) -> dict:
    return {"type": "array", "items": {"type": "number"}, "minItems": count, "maxItems": count}


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
    elif kind == "asset":
        out = {"type": "string", "pattern": "^[^/\\\\:][^\\\\:]*\\.png$", "maxLength": 500}
    elif kind in ("string", "ref"):
        out = {"type": "string", "maxLength": F.MAX_STRING}
    elif kind == "id":
        out = {
            "type": "string",
            "pattern": "^$|^[a-z0-9][a-z0-9_\\-]{0,63}$"
            if not field.required
            else "^[a-z0-9][a-z0-9_\\-]{0,63}$",
        }
    elif kind == "enum":
        out = {"type": "string", "enum": list(field.choices)}
    elif kind == "boolean":
        out = {"type": "boolean"}
    elif kind == "vec2":
        out = _number_list(2)
    elif kind == "rect":
        out = _number_list(4)
    elif kind == "points":
        out = {"type": "array", "items": _number_list(2), "minItems": 2, "maxItems": F.MAX_VERTICES}
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


def _table_schema(section: F.Section) -> dict:
    table: dict = {
        "type": "object",
        "description": section.doc,
        "properties": {f.name: field_schema(f) for f in section.fields},
        "required": [f.name for f in section.fields if f.required],
        "additionalProperties": False,
    }
    conditions = []
    if section.name == "objectives":
        for kind, needs in F.OBJECTIVE_KINDS.items():
            conditions.append(
                {"if": {"properties": {"kind": {"const": kind}}}, "then": {"required": list(needs)}}
            )
    if section.name == "triggers":
        for event, needs in F.TRIGGER_EVENTS.items():
            if needs:
                conditions.append(
                    {
                        "if": {"properties": {"on": {"const": event}}},
                        "then": {"required": list(needs)},
                    }
                )
    if section.name == "handholds":
        table["anyOf"] = [{"required": ["at"]}, {"required": ["from", "to"]}]
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
                "maxItems": F.MAX_ITEMS_PER_SECTION,
            }
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
