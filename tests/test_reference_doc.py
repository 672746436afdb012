"""levels/README.md is the modders' reference: its generated part must be current, and what its
prose promises must be what the game does."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from game.levels import LevelError, load_level_bytes
from game.levels import fields as F
from game.levels.reference import END, START, reference_markdown, updated_readme

REPO = Path(__file__).resolve().parent.parent
README = REPO / "levels" / "README.md"


@pytest.fixture(scope="module")
def readme() -> str:
    return README.read_text(encoding="utf-8")


def example(readme: str) -> str:
    (block,) = [b for b in re.findall(r"```toml\n(.*?)```", readme, flags=re.S) if "[level]" in b]
    return block


def test_generated_reference_is_current(readme):
    assert updated_readme(readme) == readme, (
        "levels/README.md is stale: run `python -m game.levels.reference`"
    )


def test_updated_readme_replaces_only_the_generated_part(readme):
    head = readme[: readme.index(START)]
    stale = head + START + "\nold table\n" + END + "\n\n## Afterword\n"
    updated = updated_readme(stale)
    assert updated.startswith(head + reference_markdown())
    assert updated.endswith("## Afterword\n")
    assert "old table" not in updated
    assert updated_readme(updated) == updated


def test_updated_readme_refuses_a_readme_without_markers():
    with pytest.raises(ValueError):
        updated_readme("# Levels\n\nno markers here\n")


def test_every_section_field_and_action_is_documented(readme):
    for section in F.SECTIONS:
        header = f"[[{section.name}]]" if section.array else f"[{section.name}]"
        assert f"### `{header}`" in readme
        for field in section.fields:
            assert f"| `{field.name}` |" in readme, f"{section.name}.{field.name}"
    for action in F.ACTIONS:
        assert f"- `{action}`" in readme


def test_documented_limits_are_the_enforced_ones(readme):
    from game.levels import cost as C

    limits = readme[readme.index("### Limits") :]
    assert f"| Points in one outline or path | {F.MAX_VERTICES} |" in limits
    assert f"| Entries in one section | {F.MAX_ITEMS_PER_SECTION:,} |" in limits
    assert f"| Actions in one trigger | {F.MAX_ACTIONS} |" in limits
    assert f"| {C.MAX_BODY_SHAPES:,} | refused |" in limits
    assert f"| Items | {C.MAX_ITEMS} | refused |" in limits
    assert f"| {C.MAX_PAIRS:,} | refused |" in limits


def test_example_level_loads_and_uses_what_it_annotates(readme):
    level = load_level_bytes(example(readme).encode(), "README example")
    assert level.info.id == "spacewalk-101"
    assert level.player.tether == (0.0, 1.0)
    assert [o.kind for o in level.objectives] == ["repair", "reach"]
    assert [a.do for a in level.triggers[0].actions] == ["message", "start_path", "shake"]
    assert level.movers[0].moving is False


def test_example_keys_are_all_declared(readme):
    data = tomllib.loads(example(readme))
    for name, value in data.items():
        section = F.section(name)
        for table in value if section.array else [value]:
            for key in table:
                assert section.field(key) is not None, f"{name}.{key}"


def test_pack_example_is_valid_toml(readme):
    (block,) = [b for b in re.findall(r"```toml\n(.*?)```", readme, flags=re.S) if "title =" in b]
    pack = tomllib.loads(block)
    assert isinstance(pack["title"], str) and isinstance(pack["order"], list)


def test_unknown_keys_are_errors_with_a_suggestion_as_promised(readme):
    assert "unknown keys are errors (with a did-you-mean suggestion)" in re.sub(r"\s+", " ", readme)
    text = example(readme).replace("speed = 0.6", "sped = 0.6")
    with pytest.raises(LevelError) as caught:
        load_level_bytes(text.encode(), "example")
    assert "(did you mean 'speed'?)" in str(caught.value)


def test_newer_format_is_refused_as_promised(readme):
    assert "refuses a file written for a newer format" in re.sub(r"\s+", " ", readme)
    text = example(readme).replace("format = 1 ", "format = 7 ")
    with pytest.raises(LevelError) as caught:
        load_level_bytes(text.encode(), "example")
    assert "newer" in str(caught.value)


def test_reference_names_sections_in_the_singular(readme):
    """The 'allowed' column says 'id of a bodie' and 'id of a item' ('bodies'.rstrip('s'))."""
    generated = readme[readme.index(START) :]
    assert "bodie " not in generated and "bodie |" not in generated
    assert "a item" not in generated
