"""The level JSON Schema: `last-orbit schema` is the committed levels/schema.json, it is a valid
Draft 2020-12 schema, it accepts every shipped level and the README example, and it rejects the
broken levels an editor can catch without the game (unknown keys, wrong types, enum typos...)."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from game.cli import main

jsonschema = pytest.importorskip("jsonschema")

REPO = Path(__file__).resolve().parent.parent
SCHEMA_FILE = REPO / "levels" / "schema.json"
CORPUS = Path(__file__).resolve().parent / "broken_levels"
SHIPPED = sorted(p for p in (REPO / "levels").glob("*.toml") if p.name != "pack.toml")


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema):
    return jsonschema.Draft202012Validator(schema)


def readme_example() -> dict:
    text = (REPO / "levels" / "README.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"```toml\n(.*?)```", text, flags=re.S) if "[level]" in b]
    return tomllib.loads(block)


def test_schema_command_prints_the_committed_schema(capsys):
    assert main(["schema"]) == 0
    out = capsys.readouterr().out
    assert out == SCHEMA_FILE.read_text(encoding="utf-8"), (
        "levels/schema.json is stale: regenerate it with `last-orbit schema > levels/schema.json`"
    )
    json.loads(out)


def test_schema_is_a_valid_draft_2020_12_schema(schema):
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_knows_every_section(schema):
    from game.levels import fields as F

    assert set(schema["properties"]) == {s.name for s in F.SECTIONS}
    assert set(schema["required"]) == {s.name for s in F.SECTIONS if s.required}
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_level_matches_the_schema(validator, path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    errors = [e.message for e in validator.iter_errors(data)]
    assert errors == []


def test_shipped_levels_point_editors_at_the_schema():
    for path in SHIPPED:
        assert path.read_text(encoding="utf-8").startswith("#:schema ./schema.json\n"), path


def test_readme_example_matches_the_schema(validator):
    assert [e.message for e in validator.iter_errors(readme_example())] == []


REJECTED = {
    "unknown_key_near_miss.toml": "spwan",
    "unknown_section.toml": "zone",
    "unknown_action_key.toml": "not valid under any",
    "type_string_for_number.toml": "is not of type 'number'",
    "type_table_for_array_section.toml": "is not of type 'array'",
    "type_string_for_boolean.toml": "is not of type 'boolean'",
    "enum_typo.toml": "'reech' is not one of",
    "action_unknown_do.toml": "not valid under any",
    "missing_section_player.toml": "'player' is a required property",
    "missing_required_key.toml": "'bounds' is a required property",
    "objective_missing_field.toml": "'seconds' is a required property",
    "trigger_enter_without_zone.toml": "'zone' is a required property",
    "id_with_dotdot.toml": "does not match",
    "id_with_slash.toml": "does not match",
    "polygon_300_points.toml": "is too long",
    "too_many_actions.toml": "is too long",
    "string_too_long.toml": "is too long",
    "zero_o2.toml": "less than or equal to the minimum",
    "negative_mass.toml": "less than the minimum",
    "handhold_without_position.toml": "not valid under any",
}


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_broken_level_is_rejected_by_the_schema_too(validator, name):
    data = tomllib.loads((CORPUS / name).read_text(encoding="utf-8"))
    messages = [e.message for e in validator.iter_errors(data)]
    assert messages, f"the schema accepts {name}"
    assert any(REJECTED[name] in m for m in messages), messages


def test_schema_keeps_every_field_documented(schema):
    """Editors show the description on hover: every key of every section has one."""
    from game.levels import fields as F

    for section in F.SECTIONS:
        table = schema["properties"][section.name]
        if section.array:
            table = table["items"]
        assert set(table["properties"]) == {f.name for f in section.fields}
        for name, prop in table["properties"].items():
            assert prop.get("description"), f"{section.name}.{name}"
