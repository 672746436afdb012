"""The level loader: the shipped level loads, and every broken file gives a LevelError that
says where and what (DESIGN §3), never another exception."""

import hashlib
import math
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from levels_for_tests import ARRIVAL, arrival_bytes, level_text

from game.levels import LevelError, load_level, load_level_bytes
from game.sim import GRAB, NEUTRAL, THROW, TickInput, build_world, step

SOURCE = "broken.toml"
# file:line:col: field.path: message
LOCATED = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<field>[\w.\[\]-]+): (?P<msg>.+)$"
)

ARRIVAL_TEXT = arrival_bytes().decode("utf-8")
# The error tests break one line of a small fixture, so edits to the shipped levels never
# move them. The fuzz test below mutates the real arrival.toml.
SMALL = Path(__file__).resolve().parent / "data" / "small.toml"
SMALL_TEXT = SMALL.read_text(encoding="utf-8")


def problems_of(data: bytes | str, source: str = SOURCE):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with pytest.raises(LevelError) as caught:
        load_level_bytes(data, source)
    problems = caught.value.problems
    assert problems, "a LevelError must carry at least one problem"
    assert str(caught.value) == "\n".join(str(p) for p in problems)
    return problems


def edited(old: str, new: str) -> str:
    assert SMALL_TEXT.count(old) == 1, f"{old!r} should occur once in {SMALL.name}"
    return SMALL_TEXT.replace(old, new)


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


# -- the shipped level ------------------------------------------------------------------------


def test_shipped_arrival_loads():
    level = load_level(ARRIVAL)
    assert level.info.id == "arrival"
    assert level.info.name == "Arrival"
    assert level.info.par_seconds > 0
    assert level.player.mode == "iva"
    assert level.player.mass == 80.0  # the iva default fills in
    assert level.objectives and level.walls and level.handholds
    for objective in level.objectives:
        if objective.zone:
            level.zone(objective.zone)  # every zone named resolves
    assert level.source == str(ARRIVAL)
    assert level.sha256 == hashlib.sha256(ARRIVAL.read_bytes()).hexdigest()


def test_fixtures_are_valid_levels():
    small = load_level(SMALL)
    assert small.info.id == "small"
    assert small.player.propellant == 3.0
    assert [zone.id for zone in small.zones] == ["airlock"]
    room = load_level_bytes(level_text().encode(), "room.toml")
    assert room.info.id == "test-room"


# -- problems, located and explained ------------------------------------------------------------


def test_unknown_key_suggests_the_near_miss_with_its_line():
    text = edited("propellant = 3.0", "propelant = 3.0")
    (problem,) = problems_of(text)
    assert problem.field == "player.propelant"
    assert "unknown key 'propelant'" in problem.message
    assert "did you mean 'propellant'?" in problem.message
    assert problem.line == line_of(text, "propelant =")
    match = LOCATED.match(str(problem))
    assert match, str(problem)
    assert match["file"] == SOURCE
    assert int(match["line"]) == problem.line
    assert int(match["col"]) == problem.col == 1
    assert match["field"] == "player.propelant"
    assert match["msg"] == problem.message


def test_unknown_section_suggests_the_near_miss():
    problems = problems_of(edited("[world]", "[wrld]"))
    messages = [str(p) for p in problems]
    assert any("unknown section 'wrld'" in m and "did you mean 'world'?" in m for m in messages)
    assert any("missing section [world]" in m for m in messages)


def test_toml_syntax_error_carries_line_and_column():
    text = edited('name = "Small room"', 'name = "Small room')  # unterminated string
    (problem,) = problems_of(text)
    assert "TOML syntax error" in problem.message
    broken_line = line_of(text, 'name = "Small room')
    assert problem.line == broken_line
    assert 1 <= problem.col <= len(text.splitlines()[broken_line - 1]) + 1
    assert str(problem).startswith(f"{SOURCE}:{broken_line}:{problem.col}: ")


@pytest.mark.parametrize(
    "old, new, field",
    [
        ("par_seconds = 20.0", "par_seconds = nan", "level.par_seconds"),
        ("o2_seconds = 120.0", "o2_seconds = inf", "player.o2_seconds"),
        ("propellant = 3.0", "propellant = -inf", "player.propellant"),
        ("spawn = [0.0, 0.0]", "spawn = [0.0, nan]", "player.spawn"),
        ("rect = [3.0, 1.0, 3.8, 2.8]", "rect = [3.0, 1.0, inf, 2.8]", "zones[0].rect"),
        ("mass = 12.0", "mass = +nan", "bodies[0].mass"),
    ],
)
def test_nan_and_inf_are_rejected(old, new, field):
    text = edited(old, new)
    (problem,) = problems_of(text)
    assert problem.field == field
    assert "finite" in problem.message
    assert problem.line == line_of(text, new)


@pytest.mark.parametrize("section", ["[level]", "[world]", "[player]", "[[objectives]]"])
def test_missing_required_section(section):
    # Rename the header so its keys land in the previous table or a harmless unknown one.
    name = section.strip("[]")
    text = edited(section, section.replace(name, "removed"))
    problems = problems_of(text)
    assert any(p.field == name and f"missing section {section}" in p.message for p in problems), [
        str(p) for p in problems
    ]


def test_unknown_zone_reference_suggests_the_near_miss():
    text = edited('zone = "airlock"', 'zone = "airlok"')
    (problem,) = problems_of(text)
    assert problem.field == "objectives[0].zone"
    assert "no zone 'airlok'" in problem.message
    assert "did you mean 'airlock'?" in problem.message
    assert problem.line == line_of(text, 'zone = "airlok"')
    assert LOCATED.match(str(problem))


def test_newer_format_version_says_update_the_game():
    (problem,) = problems_of(edited("format = 1", "format = 2"))
    assert problem.field == "level.format"
    assert "newer" in problem.message
    assert "format 2" in problem.message


def test_out_of_range_value_names_the_limit():
    (problem,) = problems_of(edited("propellant = 3.0", "propellant = -1.0"))
    assert problem.field == "player.propellant"
    assert "at least 0" in problem.message


def test_every_problem_is_reported_not_just_the_first():
    text = edited("propellant = 3.0", "propelant = 3.0").replace("format = 1", "format = 7")
    fields = {p.field for p in problems_of(text)}
    assert {"player.propelant", "level.format"} <= fields


# -- files that are not levels at all ---------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n\n# only a comment\n",
        bytes(range(256)) * 8,
        b"\x89PNG\r\n\x1a\n" + bytes(200),
        b"\xff\xfe[\x00l\x00e\x00v\x00e\x00l\x00]\x00",  # UTF-16
        b'[level]\nid = "a\x00b"\n',
        b"a = " + b"[" * 5000 + b"]" * 5000,
        b'level = 5\nworld = []\nplayer = "x"\nobjectives = {}\n',
    ],
    ids=["empty", "comment", "binary", "png", "utf16", "nul", "deep", "wrong-types"],
)
def test_garbage_is_a_level_error(data):
    problems_of(data)


@pytest.mark.parametrize("digits", [400, 5000])
def test_huge_integer_is_a_level_error(digits):
    """TOML integers have no size limit in tomllib: a number too big for a float (400 digits), or
    longer than Python converts from text (over 4300 digits), must still be a LevelError."""
    problems_of(edited("mass = 12.0", "mass = " + "9" * digits))


def test_file_over_4_mib_is_a_level_error(tmp_path):
    path = tmp_path / "huge.toml"
    filler = b"# " + b"x" * 1021 + b"\n"
    path.write_bytes(arrival_bytes() + filler * (4 * 1024 + 1))
    assert path.stat().st_size > 4 * 1024 * 1024
    with pytest.raises(LevelError) as caught:
        load_level(path)
    assert "limit" in str(caught.value)
    problems_of(path.read_bytes())


def test_missing_file_and_folder_are_level_errors(tmp_path):
    for path in (tmp_path / "nowhere.toml", tmp_path):
        with pytest.raises(LevelError) as caught:
            load_level(path)
        assert str(caught.value).startswith(str(path))


# -- fuzzing: mutations of arrival.toml never crash the loader or the simulation --------------

LINES = ARRIVAL_TEXT.splitlines()
NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")

# Numbers within float range: huge integers are test_huge_integer_is_a_level_error's business.
replacement = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.floats(width=64, allow_nan=False, allow_infinity=False).map(repr),
    st.sampled_from(
        [
            "nan",
            "inf",
            "-inf",
            "0",
            "-0.0",
            "1e-300",
            "1e300",
            "9223372036854775807",
            '"text"',
            '""',
            "true",
            "[]",
            "[1.0]",
            "[0.0, 0.0, 0.0]",
            "{}",
        ]
    ),
)

line_index = st.integers(0, len(LINES) - 1)
mutation = st.one_of(
    st.tuples(st.just("delete"), line_index),
    st.tuples(st.just("duplicate"), line_index),
    st.tuples(st.just("swap"), line_index, line_index),
    st.tuples(st.just("number"), line_index, st.integers(0, 7), replacement),
    st.tuples(st.just("drop"), st.integers(0, len(ARRIVAL_TEXT)), st.integers(1, 8)),
)


def mutate(lines: list[str], change) -> list[str]:
    lines = list(lines)
    kind = change[0]
    if not lines:
        return lines
    if kind == "delete":
        del lines[change[1] % len(lines)]
    elif kind == "duplicate":
        index = change[1] % len(lines)
        lines.insert(index, lines[index])
    elif kind == "swap":
        a, b = change[1] % len(lines), change[2] % len(lines)
        lines[a], lines[b] = lines[b], lines[a]
    elif kind == "number":
        index = change[1] % len(lines)
        numbers = list(NUMBER.finditer(lines[index]))
        if numbers:
            match = numbers[change[2] % len(numbers)]
            line = lines[index]
            lines[index] = line[: match.start()] + change[3] + line[match.end() :]
    elif kind == "drop":
        text = "\n".join(lines)
        start = change[1] % (len(text) + 1)
        lines = (text[:start] + text[start + change[2] :]).split("\n")
    return lines


# Thrust, grab and aim, let go (a push if something was held), throw, and nothing.
FUZZ_INPUTS = [TickInput(100, -50)] * 3 + [TickInput(-40, 90, 0, GRAB)] * 3
FUZZ_INPUTS += [TickInput(-40, 90), TickInput(80, 0, 0, THROW), NEUTRAL]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_arrival_gives_a_level_error_or_a_playable_level(changes):
    lines = LINES
    for change in changes:
        lines = mutate(lines, change)
    data = "\n".join(lines).encode("utf-8")
    try:
        level = load_level_bytes(data, "mutated.toml")
    except LevelError as error:
        assert error.problems
        for problem in error.problems:
            assert str(problem).startswith("mutated.toml")
        return
    world = build_world(level)
    for tick in range(100):
        step(world, FUZZ_INPUTS[tick % len(FUZZ_INPUTS)])
    for body in world.dynamic_bodies():
        assert all(math.isfinite(v) for v in (*body.position, *body.velocity, body.angle))
