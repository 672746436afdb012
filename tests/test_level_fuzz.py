"""Hypothesis against the level loader and the sim: whatever the bytes, load_level_bytes raises
nothing but LevelError, and a level that loads can be built and played without an exception.

Three sources of input: random mutations of real level texts (the shipped arrival.toml and the
levels/README.md example), levels generated section by section from the declarations in
fields.py (valid types, mostly valid values, so the checks and the sim run deep), and polygons
for the geometry the loader hands to pymunk.

Each example runs in a forked child where the OS has fork: pymunk is C, and a crash there would
take pytest down with it; in a child it is a failing example like any other (and shrinks).
Deterministic by default (derandomize); LAST_ORBIT_FUZZ_RANDOM=1 explores new examples."""

from __future__ import annotations

import math
import os
import re
import tomllib
import traceback
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from game.levels import LevelError, Problem, load_level_bytes
from game.levels import fields as F
from game.levels.geometry import convex_parts, is_convex, polygon_problem, signed_area
from game.levels.schema import level_schema
from game.sim import RUNNING, TickInput, build_world, step

try:
    import jsonschema

    SCHEMA = jsonschema.Draft202012Validator(level_schema())
except ImportError:  # the schema differential is skipped; the rest still runs
    SCHEMA = None

REPO = Path(__file__).resolve().parent.parent
ARRIVAL = (REPO / "levels" / "arrival.toml").read_text(encoding="utf-8")
README = (REPO / "levels" / "README.md").read_text(encoding="utf-8")
(EXAMPLE,) = [b for b in re.findall(r"```toml\n(.*?)```", README, flags=re.S) if "[level]" in b]
SEEDS = (ARRIVAL, EXAMPLE)

RANDOM = bool(os.environ.get("LAST_ORBIT_FUZZ_RANDOM"))


def fuzz_settings(examples: int):
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=not RANDOM,
        database=None if not RANDOM else settings.default.database,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )


# -- running an example in a child process ------------------------------------------------------


def isolated(fn, *args) -> None:
    """fn(*args) in a forked child: its exception, or a crash of the process, fails here."""
    if not hasattr(os, "fork"):
        fn(*args)
        return
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report and leave, never return into pytest
        try:
            os.close(read_end)
            try:
                fn(*args)
                report = b""
            except BaseException:
                report = traceback.format_exc().encode("utf-8", "replace")
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(report)
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        report = pipe.read()
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        raise AssertionError(f"the process crashed: killed by signal {os.WTERMSIG(status)}")
    if report:
        raise AssertionError("in the child process:\n" + report.decode("utf-8", "replace"))


# -- what must hold for any input ---------------------------------------------------------------


def check_problems(error: LevelError, text: str) -> None:
    assert error.problems, "a LevelError with no problems"
    lines = text.count("\n") + 1
    for problem in error.problems:
        assert isinstance(problem, Problem)
        assert problem.source == "fuzz.toml"
        assert problem.message
        if problem.line is not None:
            assert 1 <= problem.line <= lines, str(problem)
        rendered = str(problem)
        assert rendered.startswith("fuzz.toml")


def play(level, inputs) -> None:
    """Build the world and run it; the invariants of life support hold every tick."""
    world = build_world(level)
    player = level.player
    for inp in inputs:
        step(world, inp)
        assert 0.0 <= world.o2 <= player.o2_seconds + 1e-9
        assert 0.0 <= world.astronaut.propellant <= player.propellant + 1e-9
        if world.status == RUNNING:
            x, y = world.astronaut.body.position
            assert math.isfinite(x) and math.isfinite(y)
    assert world.status in ("running", "completed", "failed")


def load_and_play(data: bytes, inputs) -> None:
    text = data.decode("utf-8", "replace")
    try:
        level = load_level_bytes(data, "fuzz.toml")
    except LevelError as error:
        check_problems(error, text)
        return
    play(level, inputs)


tick_inputs = st.builds(
    TickInput,
    st.sampled_from([-100, -50, 0, 0, 30, 100]),
    st.sampled_from([-100, 0, 0, 70, 100]),
    st.sampled_from([-100, 0, 0, 0, 100]),
    st.integers(0, 7),
)


@st.composite
def input_script(draw, ticks: int = 200):
    """200 ticks of input: a few stretches of held input, as a player would."""
    stretches = draw(st.lists(tick_inputs, min_size=1, max_size=8))
    each = -(-ticks // len(stretches))
    return [inp for inp in stretches for _ in range(each)][:ticks]


# -- 1. mutations of real levels ----------------------------------------------------------------

NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w.])")
BOOLEAN = re.compile(r"\b(?:true|false)\b")
KEY = re.compile(r"^(\s*)([A-Za-z_][A-Za-z0-9_]*)(\s*=)", re.M)
ODD_VALUES = [
    "nan",
    "inf",
    "-inf",
    "+nan",
    "0",
    "-0.0",
    "1e308",
    "-1e308",
    "1e-300",
    "123456789012345678901234567890",
    "9" * 400,
    '"7"',
    '""',
    "true",
    "[]",
    "[1.0]",
    "{}",
    "99999.0",
    "100001.0",
    "-5.0",
    "0.05",
]


def _pick(draw, matches):
    return matches[draw(st.integers(0, len(matches) - 1))] if matches else None


def delete_line(draw, lines):
    if lines:
        del lines[draw(st.integers(0, len(lines) - 1))]


def duplicate_line(draw, lines):
    if lines:
        i = draw(st.integers(0, len(lines) - 1))
        lines.insert(draw(st.integers(0, len(lines))), lines[i])


def swap_lines(draw, lines):
    if len(lines) > 1:
        i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]


def replace_number(draw, lines):
    spots = [(n, m) for n, line in enumerate(lines) for m in NUMBER.finditer(line)]
    spot = _pick(draw, spots)
    if spot is None:
        return
    n, m = spot
    value = draw(
        st.one_of(
            st.sampled_from(ODD_VALUES),
            st.floats(allow_nan=False, allow_infinity=False, width=32).map(repr),
            st.integers(-(10**6), 10**6).map(str),
        )
    )
    lines[n] = lines[n][: m.start()] + value + lines[n][m.end() :]


def flip_boolean(draw, lines):
    spots = [(n, m) for n, line in enumerate(lines) for m in BOOLEAN.finditer(line)]
    spot = _pick(draw, spots)
    if spot is not None:
        n, m = spot
        flipped = "false" if m.group() == "true" else "true"
        lines[n] = lines[n][: m.start()] + flipped + lines[n][m.end() :]


def rename_key(draw, lines):
    spots = [(n, m) for n, line in enumerate(lines) if (m := KEY.match(line))]
    spot = _pick(draw, spots)
    if spot is None:
        return
    n, m = spot
    key = m.group(2)
    i = draw(st.integers(0, len(key)))
    char = draw(st.sampled_from("abcdeos_"))
    how = draw(st.sampled_from(["insert", "delete", "replace"]))
    if how == "insert":
        key = key[:i] + char + key[i:]
    elif how == "delete" and len(key) > 1:
        key = key[: min(i, len(key) - 1)] + key[min(i, len(key) - 1) + 1 :]
    else:
        key = key[: min(i, len(key) - 1)] + char + key[min(i, len(key) - 1) + 1 :]
    lines[n] = m.group(1) + key + m.group(3) + lines[n][m.end() :]


def insert_line(draw, lines):
    line = draw(
        st.sampled_from(
            [
                "[[objectives]]",
                "[[triggers]]",
                '[[zones]]\nid = "z"',
                "[level]",
                "[player]",
                "order = 5",
                'kind = "survive"',
                'actions = [{ do = "fail", text = "x" }]',
                "[[bodies]]\nat = [1.0, 1.0]",
                'shape = "polygon"',
                "points = [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]]",
                "spawned = false",
                'backdrop = "../../x.png"',
                "x = [[[[[[[[[[]]]]]]]]]]",
            ]
        )
    )
    lines.insert(draw(st.integers(0, len(lines))), line)


LINE_OPS = [
    delete_line,
    duplicate_line,
    swap_lines,
    replace_number,
    replace_number,
    flip_boolean,
    rename_key,
    insert_line,
]


@st.composite
def mutated_level(draw) -> bytes:
    text = draw(st.sampled_from(SEEDS))
    lines = text.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        draw(st.sampled_from(LINE_OPS))(draw, lines)
    text = "\n".join(lines) + "\n"
    if draw(st.integers(0, 9)) == 0:  # sometimes cut short
        text = text[: draw(st.integers(0, len(text)))]
    data = text.encode()
    if draw(st.integers(0, 19)) == 0:  # rarely, a stray byte
        i = draw(st.integers(0, len(data)))
        data = data[:i] + bytes([draw(st.integers(0, 255))]) + data[i:]
    return data


def test_seed_levels_load_and_play():
    for text in SEEDS:
        level = load_level_bytes(text.encode(), "fuzz.toml")
        play(level, [TickInput(100, 30, 0, 0)] * 200)


@fuzz_settings(250)
@given(data=mutated_level(), inputs=input_script())
def test_mutated_levels_never_crash(data, inputs):
    isolated(load_and_play, data, inputs)


# -- 2. levels generated from the declarations --------------------------------------------------

IDS = ["dock", "arm", "crate", "door", "drive", "rail", "fix", "x-1", "y_2", "z9"]
NAMES = ["Spacewalk", "Ünïcode ✓", 'say "hi"', "back\\slash", "", "x" * 80]
BAD_IDS = ["Bad", "a/b", "../up", "ok\n", "", "x" * 70]


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        escaped = "".join(
            f"\\u{ord(c):04x}" if c in '"\\' or ord(c) < 32 or ord(c) == 127 else c for c in value
        )
        return '"' + escaped + '"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(value)


def level_toml(sections: dict) -> str:
    out = []
    for name, value in sections.items():
        tables = value if isinstance(value, list) else [value]
        for table in tables:
            out.append(f"[[{name}]]" if isinstance(value, list) else f"[{name}]")
            out += [f"{key} = {toml_value(v)}" for key, v in table.items()]
            out.append("")
    return "\n".join(out)


class LevelMaker:
    """Writes a level section by section from the declarations in fields.py: every field of the
    right type; values in range except at the `odd` rate; references to things that exist."""

    def __init__(self, rng, odd: float):
        self.rng = rng
        self.odd_rate = odd
        self.ids: dict[str, list[str]] = {}

    def odd(self) -> bool:
        return self.rng.random() < self.odd_rate

    def coordinate(self, spread: float = 12.0) -> float:
        if self.rng.random() < 0.5:  # on a half-metre grid: collinear points, touching edges
            return self.rng.randint(-int(spread * 2), int(spread * 2)) / 2.0
        return round(self.rng.uniform(-spread, spread), 3)

    def point(self, spread: float = 12.0) -> list[float]:
        return [self.coordinate(spread), self.coordinate(spread)]

    def polygon(self, scale: float = 1.0) -> list[list[float]]:
        if self.rng.random() < 0.85:  # star-shaped: simple, often concave
            count = self.rng.randint(3, 9)
            angles = sorted(self.rng.sample(range(360), count))
            return [
                [
                    round(math.cos(math.radians(a)) * r * scale, 2),
                    round(math.sin(math.radians(a)) * r * scale, 2),
                ]
                for a in angles
                for r in [self.rng.choice([0.5, 1.0, 1.5, 2.0, 3.0])]
            ]
        return [self.point(2.0 * scale) for _ in range(self.rng.randint(3, 7))]

    def number(self, field: F.Field) -> float:
        low = field.minimum if field.minimum is not None else -20.0
        high = field.maximum if field.maximum is not None else 20.0
        if self.odd():
            return self.rng.choice([low - 1.0, high + 1.0, math.nan, math.inf, -math.inf])
        high = min(high, low + 20.0)
        value = round(self.rng.uniform(low, high), 3)
        return value if value > low or not field.exclusive_minimum else high

    def value(self, field: F.Field, refs: tuple[str, ...] = ()):
        kind = field.kind
        if kind == "number":
            return self.number(field)
        if kind == "integer":
            return self.rng.choice([0, 2, 99]) if self.odd() else 1
        if kind == "boolean":
            return self.rng.random() < 0.5
        if kind == "string":
            return self.rng.choice(NAMES)
        if kind == "id":
            return self.rng.choice(BAD_IDS) if self.odd() else self.rng.choice(IDS)
        if kind == "enum":
            return field.choices[0] + "x" if self.odd() else self.rng.choice(field.choices)
        if kind == "ref":
            names = [n for section in (refs or field.ref) for n in self.ids.get(section, [])]
            if not names or self.odd():
                return self.rng.choice(IDS)
            return self.rng.choice(names)
        if kind == "vec2":
            return self.point()
        if kind == "rect":
            x, y = self.coordinate(), self.coordinate()
            if self.odd():
                return [x, y, x - 1.0, y + 1.0]
            return [x, y, x + self.rng.choice([0.5, 1.0, 3.0]), y + self.rng.choice([0.5, 2.0])]
        if kind == "points":
            return [self.point() for _ in range(self.rng.randint(2, 6))]
        if kind == "asset":
            return self.rng.choice(["sky.png", "../sky.png", "/etc/sky.png", "a" * 300 + ".png"])
        raise AssertionError(f"a field kind this generator does not know: {kind}")

    def table(self, section: F.Section, **fixed) -> dict:
        """Required fields always, optional ones now and then, `fixed` as given."""
        table = {}
        for field in section.fields:
            if field.name in fixed:
                if fixed[field.name] is not None:
                    table[field.name] = fixed[field.name]
            elif field.kind in ("ref", "actions", "asset"):
                continue  # written by the caller, who knows what exists
            elif field.required or self.rng.random() < 0.3:
                table[field.name] = self.value(field)
        return table

    def entries(self, section: F.Section, most: int, make) -> None:
        tables = []
        ids = self.rng.sample(IDS, most)
        for i in range(self.rng.randint(0, most)):
            tables.append(make(ids[i]))
        if tables:
            self.sections[section.name] = tables
            self.ids[section.name] = [t["id"] for t in tables if t.get("id")]

    def action(self) -> dict:
        ids = self.ids
        possible = ["message", "cut_tether", "set_o2_drain", "shake", "fail"]
        spawnable = [b["id"] for b in self.sections.get("bodies", []) if b.get("spawned") is False]
        if ids.get("movers"):
            possible += ["start_path", "stop_path"]
        if ids.get("hatches"):
            possible += ["open_hatch", "close_hatch"]
        if spawnable:
            possible.append("spawn")
        do = self.rng.choice(possible)
        action = {"do": do}
        for field in F.ACTIONS[do]:
            if field.kind == "ref":
                action[field.name] = self.rng.choice(
                    spawnable if do == "spawn" else ids[field.ref[0]]
                )
            elif field.required or self.rng.random() < 0.5:
                action[field.name] = self.value(field)
        return action

    def level(self) -> str:
        rng = self.rng
        self.sections = sections = {}
        sections["level"] = self.table(
            F.LEVEL,
            format=None if self.odd() else 1,
            time_limit=rng.choice([None, None, None, round(rng.uniform(0.3, 3.0), 2)]),
        )
        sections["level"].setdefault("format", 1)
        world = self.table(F.WORLD, bounds=rng.choice([[-40.0, -40.0, 40.0, 40.0], [-6, -6, 6, 6]]))
        if self.odd():
            world["backdrop"] = self.value(F.WORLD.field("backdrop"))
        sections["world"] = world
        player = self.table(
            F.PLAYER,
            spawn=[0.0, 0.0] if not self.odd() else [99.0, 0.0],
            o2_seconds=rng.choice([300.0, 1.0, 0.5]),
            tether=rng.choice([None, None, [1.0, 0.0], [30.0, 0.0]]),
        )
        sections["player"] = player
        self.entries(F.WALLS, 2, lambda _: self.table(F.WALLS))
        self.entries(F.SOLIDS, 2, lambda _: self.table(F.SOLIDS, points=self.polygon(2.0)))
        self.entries(
            F.HANDHOLDS,
            3,
            lambda i: (
                self.table(F.HANDHOLDS, id=i, at=self.point(2.0), **{"from": None, "to": None})
                if rng.random() < 0.5
                else self.table(
                    F.HANDHOLDS, id=i, at=None, **{"from": self.point(2.0), "to": self.point(2.0)}
                )
            ),
        )
        self.entries(
            F.BODIES,
            3,
            lambda i: self.table(
                F.BODIES,
                id=i,
                at=self.point(3.0),
                points=self.polygon(0.3),
                velocity=[rng.uniform(-3, 3), rng.uniform(-3, 3)],
                size=[rng.choice([0.2, 0.5, 1.5]), rng.choice([0.3, 0.5])],
            ),
        )
        self.entries(
            F.MOVERS,
            2,
            lambda i: self.table(
                F.MOVERS,
                id=i,
                path=[self.point(4.0) for _ in range(rng.randint(2, 4))],
                points=self.polygon(0.3),
                size=[rng.choice([0.2, 0.5, 1.5]), rng.choice([0.3, 0.5])],
            ),
        )
        self.entries(F.HATCHES, 2, lambda i: self.table(F.HATCHES, id=i))
        self.entries(F.ZONES, 3, lambda i: self.table(F.ZONES, id=i))
        self.entries(F.ITEMS, 2, lambda i: self.table(F.ITEMS, id=i, at=self.point(3.0)))

        objectives = []
        for number in range(rng.randint(1, 3)):
            kinds = ["survive"]
            if self.ids.get("zones"):
                kinds += ["reach", "repair"]
            if self.ids.get("items"):
                kinds.append("collect")
            if self.ids.get("zones") and (self.ids.get("items") or self.ids.get("bodies")):
                kinds.append("deliver")
            if any(self.ids.get(s) for s in ("bodies", "movers", "handholds")):
                kinds.append("grab")
            kind = rng.choice(kinds)
            table = self.table(F.OBJECTIVES, id=f"goal-{number}", kind=kind)
            if kind in ("repair", "survive"):
                table["seconds"] = round(rng.uniform(0.05, 1.5), 2)
            if kind in ("reach", "repair", "deliver"):
                table["zone"] = self.value(F.OBJECTIVES.field("zone"))
            if kind == "collect":
                table["item"] = self.value(F.OBJECTIVES.field("item"))
            if kind == "deliver":
                which = "item" if self.ids.get("items") and rng.random() < 0.5 else "body"
                if not self.ids.get("bodies"):
                    which = "item"
                table[which] = self.value(F.OBJECTIVES.field(which))
            if kind == "grab":
                table["target"] = self.value(F.OBJECTIVES.field("target"))
            objectives.append(table)
        sections["objectives"] = objectives
        self.ids["objectives"] = [o["id"] for o in objectives]

        triggers = []
        for _ in range(rng.randint(0, 3)):
            events = ["start", "time", "objective"]
            if self.ids.get("zones"):
                events.append("enter")
            if self.ids.get("items"):
                events.append("item")
            on = rng.choice(events)
            table = self.table(F.TRIGGERS, on=on)
            need = {"time": "seconds", "objective": "objective", "enter": "zone", "item": "item"}
            if on == "time":
                table["seconds"] = round(rng.uniform(0.0, 1.5), 2)
            elif on in need:
                table[need[on]] = self.value(F.TRIGGERS.field(need[on]))
            table["actions"] = [self.action() for _ in range(rng.randint(1, 3))]
            triggers.append(table)
        if triggers:
            sections["triggers"] = triggers
        return level_toml(sections)


@st.composite
def generated_level(draw, odd: float = 0.01) -> str:
    return LevelMaker(draw(st.randoms(use_true_random=True)), odd).level()


def loader_accepts_only_what_the_schema_accepts(text: str, inputs) -> None:
    """Load and play; a level the game accepts must also pass its JSON Schema (an editor must
    never flag a level the game plays)."""
    try:
        level = load_level_bytes(text.encode(), "fuzz.toml")
    except LevelError as error:
        check_problems(error, text)
        return
    if SCHEMA is not None:
        errors = [e.message for e in SCHEMA.iter_errors(tomllib.loads(text))]
        assert errors == [], f"the schema refuses a level the game accepts: {errors}"
    play(level, inputs)


@fuzz_settings(250)
@given(text=generated_level(), inputs=input_script())
def test_generated_levels_never_crash(text, inputs):
    isolated(loader_accepts_only_what_the_schema_accepts, text, inputs)


def test_generated_levels_reach_the_sim():
    """The generator is only worth its time if many of its levels load (and so are played)."""
    total = 60

    def count_loadable() -> None:
        loaded = []

        @settings(max_examples=total, deadline=None, derandomize=True, database=None)
        @given(text=generated_level())
        def count(text):
            try:
                load_level_bytes(text.encode(), "fuzz.toml")
            except LevelError:
                return
            loaded.append(text)

        count()
        assert len(loaded) >= total // 5, f"only {len(loaded)} of {total} generated levels load"

    isolated(count_loadable)


# -- 3. polygons --------------------------------------------------------------------------------


def _cross(o, a, b) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _on_segment(p, q, r) -> bool:
    """q (collinear with p-r) lies on the segment p-r."""
    return min(p[0], r[0]) <= q[0] <= max(p[0], r[0]) and min(p[1], r[1]) <= q[1] <= max(p[1], r[1])


def _touch(a, b, c, d) -> bool:
    """Segments a-b and c-d share at least one point (exact: the points are on a grid)."""
    d1, d2, d3, d4 = _cross(c, d, a), _cross(c, d, b), _cross(a, b, c), _cross(a, b, d)
    if d1 * d2 < 0 and d3 * d4 < 0:
        return True
    return (
        (d1 == 0 and _on_segment(c, a, d))
        or (d2 == 0 and _on_segment(c, b, d))
        or (d3 == 0 and _on_segment(a, c, b))
        or (d4 == 0 and _on_segment(a, d, b))
    )


def is_simple(points) -> bool:
    """The reference: distinct points, edges meet only their neighbours, at their shared end."""
    n = len(points)
    if n < 3 or len(set(points)) != n:
        return False
    edges = [(points[i], points[(i + 1) % n]) for i in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            if j == i + 1 or (i == 0 and j == n - 1):
                shared = edges[i][1] if j == i + 1 else edges[i][0]
                other_i = edges[i][0] if j == i + 1 else edges[i][1]
                other_j = edges[j][1] if j == i + 1 else edges[j][0]
                ui = (other_i[0] - shared[0], other_i[1] - shared[1])
                uj = (other_j[0] - shared[0], other_j[1] - shared[1])
                folded = ui[0] * uj[1] - ui[1] * uj[0] == 0 and ui[0] * uj[0] + ui[1] * uj[1] > 0
                if folded:  # the two edges run back over each other
                    return False
            elif _touch(*edges[i], *edges[j]):
                return False
    return True


grid_polygon = st.lists(
    st.tuples(st.integers(-6, 6), st.integers(-6, 6)).map(lambda p: (p[0] / 2.0, p[1] / 2.0)),
    min_size=3,
    max_size=8,
).map(tuple)


@st.composite
def star_polygon(draw):
    """A star-shaped outline (simple before rounding), on a 0.25 m grid: concave more often
    than not."""
    count = draw(st.integers(4, 10))
    angles = sorted(
        draw(st.lists(st.integers(0, 359), min_size=count, max_size=count, unique=True))
    )
    radii = draw(st.lists(st.integers(2, 12), min_size=count, max_size=count))
    return tuple(
        (round(math.cos(math.radians(a)) * r) / 4.0, round(math.sin(math.radians(a)) * r) / 4.0)
        for a, r in zip(angles, radii, strict=True)
    )


def part_area(part) -> float:
    return abs(signed_area(tuple(part)))


def check_parts_cover_the_outline(points) -> None:
    parts = convex_parts(points)
    assert parts
    for part in parts:
        assert len(part) >= 3
        assert is_convex(tuple(part))
    total = sum(part_area(part) for part in parts)
    outline = abs(signed_area(points))
    assert total == pytest.approx(outline, rel=1e-6, abs=1e-9), (
        f"convex parts cover {total:g} m² of a {outline:g} m² outline: {parts}"
    )


# Simple outlines found by this property that pymunk.autogeometry.convex_decomposition crashes
# on (SIGSEGV) or decomposes into parts that do not cover the outline.
SEGFAULTS = (
    ((-1.0, -2.75), (-0.25, 1.75), (-1.75, 1.0), (0.0, 2.75), (2.5, 0.75), (0.0, 1.5)),
    ((0.75, 1.25), (-0.25, 0.5), (-0.25, 2.0), (-2.0, -1.75), (-2.5, -2.5), (-1.75, -1.5)),
)
WRONG_PARTS = (((1.0, 1.0), (2.0, 0.0), (1.0, 3.0), (-1.0, 2.0), (0.0, 2.0), (-1.0, -2.0)),)


@pytest.mark.parametrize("points", SEGFAULTS + WRONG_PARTS, ids=str)
def test_known_simple_concave_outlines_decompose_exactly(points):
    assert is_simple(points)
    assert polygon_problem(points) is None
    isolated(check_parts_cover_the_outline, points)


@fuzz_settings(300)
@given(points=st.one_of(star_polygon(), grid_polygon))
def test_accepted_outlines_are_covered_exactly_by_their_convex_parts(points):
    if not is_simple(points) or polygon_problem(points) is not None:
        return
    isolated(check_parts_cover_the_outline, points)


@fuzz_settings(300)
@given(points=grid_polygon)
@example(points=((0.0, 2.0), (2.0, 4.0), (-2.0, 4.0), (-2.0, 6.0), (2.0, 6.0), (0.0, 4.0)))
def test_outlines_that_touch_or_cross_themselves_are_refused(points):
    if is_simple(points):
        return
    assert polygon_problem(points) is not None, f"accepted a self-intersecting outline {points}"


def test_concave_outline_is_split_into_convex_parts():
    ell = ((0.0, 0.0), (4.0, 0.0), (4.0, 1.0), (1.0, 1.0), (1.0, 4.0), (0.0, 4.0))
    assert polygon_problem(ell) is None
    parts = convex_parts(ell)
    assert len(parts) >= 2
    assert sum(part_area(p) for p in parts) == pytest.approx(7.0)
