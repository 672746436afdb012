"""Read a level file into the typed model, checking everything and reporting every problem.

Level files are data: they are parsed with tomllib and checked against the declarations in
fields.py. Nothing in a file is ever executed or used to look up code."""

from __future__ import annotations

import hashlib
import math
import re
from pathlib import Path

from game.levels import fields as F
from game.levels.assets import resolve_asset
from game.levels.cost import cost_problems
from game.levels.geometry import convex_parts, polygon_problem
from game.levels.locate import locate
from game.levels.model import (
    NO_OPENING,
    ActionSpec,
    BodySpec,
    HandholdSpec,
    HatchSpec,
    ItemSpec,
    Level,
    LevelInfo,
    MoverSpec,
    ObjectiveSpec,
    OpeningSpec,
    PlayerSpec,
    SolidSpec,
    TriggerSpec,
    WallSpec,
    WorldSpec,
    ZoneSpec,
)
from game.levels.problems import LevelError, Problem, parse_toml, shown, suggestion
from game.player_files import UnreadableFile, read_player_file
from game.sim.constants import MAX_SPEED

ID_RE = re.compile(r"[a-z0-9][a-z0-9_\-]{0,63}")  # the rule for every id, a level's too

MODE_DEFAULTS = {
    "iva": {"mass": 80.0, "thrust": 0.8},
    "eva": {"mass": 200.0, "thrust": 1.2},
    "craft": {"mass": 7150.0, "thrust": 1.5},
}


def load_level(path: str | Path) -> Level:
    """Load and check a level file; raise LevelError listing every problem."""
    path = Path(path)
    return load_level_bytes(read_level_file(path), str(path), level_dir=path.parent)


def read_level_file(path: Path) -> bytes:
    """A level file's bytes (a regular file, within the size cap); LevelError saying why not."""
    source = str(path)
    try:
        return read_player_file(path, F.MAX_FILE_BYTES)
    except UnreadableFile as exc:
        raise LevelError([Problem(source, str(exc))]) from None
    except OSError as exc:
        raise LevelError(
            [Problem(source, f"cannot read the file: {exc.strerror or exc}")]
        ) from None


def load_level_bytes(data: bytes, source: str, level_dir: Path | None = None) -> Level:
    """Check level file content; `level_dir` is where its asset paths resolve (besides the
    game's assets)."""
    if len(data) > F.MAX_FILE_BYTES:
        raise LevelError(
            [Problem(source, f"file is {len(data):,} bytes; the limit is {F.MAX_FILE_BYTES:,}")]
        )
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LevelError(
            [Problem(source, f"not a text file (invalid UTF-8 at byte {exc.start})")]
        ) from None
    text = text.removeprefix("\ufeff")  # a byte-order mark some Windows editors add
    if "\x00" in text:
        raise LevelError([Problem(source, "not a text file (contains NUL bytes)")])
    raw = parse_toml(text, source)
    return _Checker(raw, text, source, sha256, level_dir).build()


class _Checker:
    def __init__(self, raw: dict, text: str, source: str, sha256: str, level_dir: Path | None):
        self.level_dir = level_dir
        self.raw = raw
        self.text = text
        self.source = source
        self.sha256 = sha256
        self.problems: list[Problem] = []

    # -- reporting ------------------------------------------------------------------------

    def problem(self, section: str, index: int | None, key: str | None, message: str) -> None:
        path = section if index is None else f"{section}[{index}]"
        if key:
            path += f".{shown(key)}"
        position = locate(self.text, section, index, key)
        line, col = position if position else (None, None)
        self.problems.append(Problem(self.source, message, path, line, col))

    # -- top level ------------------------------------------------------------------------

    def build(self) -> Level:
        known = {s.name for s in F.SECTIONS}
        for name in self.raw:
            if name not in known:
                self.problems.append(
                    Problem(
                        self.source,
                        f"unknown section '{shown(name)}'{suggestion(name, known)}",
                        shown(name),
                        *(locate(self.text, name) or locate(self.text, name, 0) or (None, None)),
                    )
                )
        values: dict[str, object] = {}
        for section in F.SECTIONS:
            values[section.name] = self.read_section(section)
        self.check_version(values["level"])
        if self.problems:
            raise LevelError(self.problems)
        self.check_kinds(values)
        self.check_references(values)
        self.check_total_vertices(values)
        if self.problems:
            raise LevelError(self.problems)
        level = self.assemble(values)
        self.check_geometry(level)
        if self.problems:
            raise LevelError(self.problems)
        # Last, on a level known to be well formed: what it would cost to play.
        for problem in cost_problems(level):
            self.problem(problem.section, problem.index, None, problem.message)
        if self.problems:
            raise LevelError(self.problems)
        return level

    def check_version(self, info: dict | None) -> None:
        if not info or "format" not in info:
            return
        if info["format"] > F.FORMAT_VERSION:
            self.problem(
                "level",
                None,
                "format",
                f"this level is written for format {shown(info['format'])}, newer than this "
                f"game reads ({F.FORMAT_VERSION}); update Last Orbit to play it",
            )

    def read_section(self, section: F.Section):
        raw = self.raw.get(section.name)
        if raw is None:
            if section.required:
                self.problem(
                    section.name,
                    None,
                    None,
                    f"missing section [{'[' if section.array else ''}{section.name}"
                    f"{']' if section.array else ''}]",
                )
            return [] if section.array else None
        if section.array:
            if not isinstance(raw, list):
                self.problem(
                    section.name,
                    None,
                    None,
                    f"must be an array of tables, written [[{section.name}]]",
                )
                return []
            if len(raw) > F.MAX_ITEMS_PER_SECTION:
                self.problem(
                    section.name,
                    None,
                    None,
                    f"{len(raw):,} entries; the limit is {F.MAX_ITEMS_PER_SECTION:,}",
                )
                return []
            if section.required and not raw:
                self.problem(section.name, None, None, "needs at least one entry")
            items = []
            for index, item in enumerate(raw):
                if not isinstance(item, dict):
                    self.problem(section.name, index, None, "must be a table")
                    continue
                items.append(self.read_table(section, index, item))
            self.check_unique_ids(section, items)
            return items
        if not isinstance(raw, dict):
            self.problem(section.name, None, None, f"must be a table, written [{section.name}]")
            return None
        return self.read_table(section, None, raw)

    def check_unique_ids(self, section: F.Section, items: list[dict]) -> None:
        seen: set[str] = set()
        for index, item in enumerate(items):
            item_id = item.get("id")
            if not item_id:
                continue
            if item_id in seen:
                self.problem(
                    section.name,
                    index,
                    "id",
                    f"duplicate id '{shown(item_id)}' in [[{section.name}]]",
                )
            seen.add(item_id)

    def read_table(self, section: F.Section, index: int | None, table: dict) -> dict:
        names = [f.name for f in section.fields]
        for key in table:
            if section.field(key) is None:
                self.problem(
                    section.name, index, key, f"unknown key '{shown(key)}'{suggestion(key, names)}"
                )
        out: dict[str, object] = {}
        for field in section.fields:
            if field.name not in table:
                if field.required:
                    self.problem(section.name, index, None, f"missing required key '{field.name}'")
                else:
                    out[field.name] = field.default
                continue
            value = self.read_value(
                field,
                table[field.name],
                lambda msg, f=field: self.problem(section.name, index, f.name, msg),
            )
            if value is not _BAD:
                out[field.name] = value
        return out

    # -- values ---------------------------------------------------------------------------

    def read_value(self, field: F.Field, value, report):
        kind = field.kind
        if kind == "number":
            return self.read_number(field, value, report)
        if kind == "integer":
            if type(value) is not int:
                report(f"must be a whole number, not {_type_name(value)}")
                return _BAD
            if field.minimum is not None and value < field.minimum:
                report(f"must be at least {field.minimum:g}")
                return _BAD
            return value
        if kind == "boolean":
            if type(value) is not bool:
                report(f"must be true or false, not {_type_name(value)}")
                return _BAD
            return value
        if kind in ("string", "id", "enum", "ref"):
            if not isinstance(value, str):
                report(f"must be a string, not {_type_name(value)}")
                return _BAD
            if len(value) > F.MAX_STRING:
                report(f"is {len(value):,} characters; the limit is {F.MAX_STRING:,}")
                return _BAD
            if kind == "id" and field.required and not value:
                report("must not be empty: use lower-case letters, digits, '-' and '_'")
                return _BAD
            if kind == "id" and value and not ID_RE.fullmatch(value):
                report(
                    f"'{shown(value)}' is not a valid id: use lower-case letters, digits, '-' "
                    "and '_' (at most 64)"
                )
                return _BAD
            if kind == "enum" and value not in field.choices:
                choices = ", ".join(f"'{c}'" for c in field.choices)
                report(
                    f"'{shown(value)}' is not one of {choices}{suggestion(value, field.choices)}"
                )
                return _BAD
            return value
        if kind == "vec2" and field.unit == "m/s":
            return self.read_velocity(value, report)
        if kind == "vec2":
            return self.read_vector(value, 2, report)
        if kind == "rect":
            rect = self.read_vector(value, 4, report)
            if rect is _BAD:
                return _BAD
            if not (rect[0] < rect[2] and rect[1] < rect[3]):
                report("must be [min_x, min_y, max_x, max_y] with min < max on both axes")
                return _BAD
            return rect
        if kind == "points":
            if not isinstance(value, list):
                report(f"must be an array of [x, y] points, not {_type_name(value)}")
                return _BAD
            if len(value) > F.MAX_VERTICES:
                report(f"{len(value):,} points; the limit is {F.MAX_VERTICES}")
                return _BAD
            if len(value) < 2:
                report("needs at least 2 points")
                return _BAD
            points = []
            for number, point in enumerate(value):
                vec = self.read_vector(point, 2, lambda msg, n=number: report(f"point {n}: {msg}"))
                if vec is _BAD:
                    return _BAD
                points.append(vec)
            return tuple(points)
        if kind == "actions":
            return self.read_actions(value, report)
        if kind == "asset":
            if not isinstance(value, str):
                report(f"must be a string (a file path), not {_type_name(value)}")
                return _BAD
            path, why = resolve_asset(value, self.level_dir)
            if path is None:
                report(f"'{shown(value)}' {why}")
                return _BAD
            return path
        raise AssertionError(f"unhandled field kind {kind}")

    def read_actions(self, value, report):
        if not isinstance(value, list) or not value:
            report('must be a non-empty array of actions like { do = "message", text = "..." }')
            return _BAD
        if len(value) > F.MAX_ACTIONS:
            report(f"{len(value)} actions; the limit is {F.MAX_ACTIONS}")
            return _BAD
        actions = []
        for number, action in enumerate(value):

            def sub(message, n=number):
                report(f"action {n}: {message}")

            if not isinstance(action, dict):
                sub('must be a table like { do = "message", text = "..." }')
                return _BAD
            do = action.get("do")
            if not isinstance(do, str) or do not in F.ACTIONS:
                names = ", ".join(F.ACTIONS)
                hint = suggestion(do, F.ACTIONS) if isinstance(do, str) else ""
                sub(f"'do' must be one of {names}{hint}")
                return _BAD
            fields = F.ACTIONS[do]
            known = {"do"} | {f.name for f in fields}
            out = {"do": do}
            for key in action:
                if key not in known:
                    sub(f"unknown key '{shown(key)}' for '{do}'{suggestion(key, known)}")
            for field in fields:
                name = "who" if field.name == "from" else field.name
                if field.name not in action:
                    if field.required:
                        sub(f"'{do}' needs '{field.name}'")
                    else:
                        out[name] = field.default
                    continue
                parsed = self.read_value(
                    field, action[field.name], lambda m, f=field: sub(f"{f.name}: {m}")
                )
                if parsed is not _BAD:
                    out[name] = parsed
            actions.append(out)
        return actions

    def read_number(self, field: F.Field, value, report):
        if type(value) not in (int, float):
            report(f"must be a number, not {_type_name(value)}")
            return _BAD
        value = _to_float(value)
        if not math.isfinite(value):
            report("must be a finite number (not nan or inf)")
            return _BAD
        low, high = field.minimum, field.maximum
        if low is not None and (value <= low if field.exclusive_minimum else value < low):
            report(
                f"must be {'greater than' if field.exclusive_minimum else 'at least'} {low:g}"
                f"{' ' + field.unit if field.unit else ''}"
            )
            return _BAD
        if high is not None and value > high:
            report(f"must be at most {high:g}{' ' + field.unit if field.unit else ''}")
            return _BAD
        return value

    def read_velocity(self, value, report):
        """A velocity: a speed limit in m/s, not the coordinates' limit in m."""
        velocity = self.read_vector(value, 2, report, limit=math.inf)
        if velocity is _BAD:
            return _BAD
        speed = math.hypot(*velocity)
        if speed > MAX_SPEED:
            report(f"speed must be at most {MAX_SPEED:g} m/s (this is {speed:.6g} m/s)")
            return _BAD
        return velocity

    def read_vector(self, value, length: int, report, limit: float = F.MAX_COORDINATE):
        if not isinstance(value, list) or len(value) != length:
            report(f"must be an array of {length} numbers")
            return _BAD
        out = []
        for item in value:
            if type(item) not in (int, float):
                report(f"must be an array of {length} numbers, found {_type_name(item)}")
                return _BAD
            item = _to_float(item)
            if not math.isfinite(item):
                report("must be finite numbers (not nan or inf)")
                return _BAD
            if abs(item) > limit:
                report(f"coordinates must be within ±{limit:g} m")
                return _BAD
            out.append(item)
        return tuple(out)

    # -- assembly -------------------------------------------------------------------------

    def assemble(self, values: dict) -> Level:
        player = dict(values["player"])
        for key, default in MODE_DEFAULTS[player["mode"]].items():
            if player[key] is None:
                player[key] = default
        handholds = []
        for index, hold in enumerate(values["handholds"]):
            at, start, end = hold["at"], hold["from"], hold["to"]
            if at is not None and (start is not None or end is not None):
                self.problem("handholds", index, "at", "give either 'at' or 'from'/'to', not both")
                continue
            if at is None and (start is None or end is None):
                self.problem(
                    "handholds",
                    index,
                    None,
                    "needs 'at' (a point) or both 'from' and 'to' (a rail)",
                )
                continue
            handholds.append(HandholdSpec(hold["id"], at or start, at or end, hold["label"]))
        solids = []
        for index, solid in enumerate(values["solids"]):
            parts = self.polygon_parts("solids", index, solid["points"])
            solids.append(SolidSpec(solid["points"], solid["label"], solid["style"], parts))
        bodies = []
        for index, body in enumerate(values["bodies"]):
            parts = self.shape_parts("bodies", index, body)
            bodies.append(BodySpec(**body, parts=parts))
        movers = []
        for index, mover in enumerate(values["movers"]):
            parts = self.shape_parts("movers", index, mover)
            movers.append(MoverSpec(**mover, parts=parts))
        hatches = tuple(
            HatchSpec(h["id"], h["from"], h["to"], h["thickness"], h["open"], h["label"])
            for h in values["hatches"]
        )
        triggers = []
        for trigger in values["triggers"]:
            actions = tuple(ActionSpec(**action) for action in trigger.pop("actions"))
            triggers.append(TriggerSpec(**trigger, actions=actions))
        return Level(
            info=LevelInfo(**values["level"]),
            world=WorldSpec(**values["world"]),
            player=PlayerSpec(**player),
            walls=tuple(WallSpec(**wall) for wall in values["walls"]),
            solids=tuple(solids),
            handholds=tuple(handholds),
            bodies=tuple(bodies),
            movers=tuple(movers),
            hatches=hatches,
            zones=tuple(ZoneSpec(**zone) for zone in values["zones"]),
            items=tuple(ItemSpec(**item) for item in values["items"]),
            objectives=tuple(ObjectiveSpec(**o) for o in values["objectives"]),
            triggers=tuple(triggers),
            source=self.source,
            sha256=self.sha256,
            opening=OpeningSpec(**values["opening"]) if values["opening"] else NO_OPENING,
        )

    def polygon_parts(self, section: str, index: int, points) -> tuple:
        problem = polygon_problem(points)
        if problem:
            self.problem(section, index, "points", problem)
            return ()
        return convex_parts(points)

    def shape_parts(self, section: str, index: int, table: dict) -> tuple:
        if table["shape"] != "polygon":
            return ()
        if table["points"] is None:
            self.problem(section, index, "points", "shape = 'polygon' needs 'points'")
            return ()
        return self.polygon_parts(section, index, table["points"])

    # -- cross-checks ---------------------------------------------------------------------

    def check_total_vertices(self, values: dict) -> None:
        total = 0
        for section in F.SECTIONS:
            if not section.array:
                continue
            for table in values[section.name]:
                for field in section.fields:
                    if field.kind == "points" and table.get(field.name):
                        total += len(table[field.name])
        if total > F.MAX_TOTAL_VERTICES:
            self.problems.append(
                Problem(
                    self.source,
                    f"{total:,} points in all outlines and paths; the limit for a level is "
                    f"{F.MAX_TOTAL_VERTICES:,}",
                )
            )

    def check_kinds(self, values: dict) -> None:
        """Fields that a kind of objective or trigger needs."""
        for index, objective in enumerate(values["objectives"]):
            kind = objective.get("kind")
            for name in F.OBJECTIVE_KINDS.get(kind, ()):
                if not objective.get(name):
                    self.problem("objectives", index, None, f"a '{kind}' objective needs '{name}'")
            if kind == "deliver" and bool(objective.get("item")) == bool(objective.get("body")):
                self.problem(
                    "objectives",
                    index,
                    None,
                    "a 'deliver' objective needs exactly one of 'item' or 'body'",
                )
        for index, trigger in enumerate(values["triggers"]):
            event = trigger.get("on")
            for name in F.TRIGGER_EVENTS.get(event, ()):
                if name == "seconds":  # 0 s is a valid time, but it must be given
                    if name not in self.raw["triggers"][index]:
                        self.problem(
                            "triggers", index, None, f"a trigger on '{event}' needs '{name}'"
                        )
                    continue
                if not trigger.get(name):
                    self.problem("triggers", index, None, f"a trigger on '{event}' needs '{name}'")

    def check_references(self, values: dict) -> None:
        ids: dict[str, list[str]] = {}
        for section in F.SECTIONS:
            if section.array and section.field("id") is not None:
                ids[section.name] = [t["id"] for t in values[section.name] if t.get("id")]
        spawnable = {b["id"] for b in values["bodies"] if b.get("id") and not b["spawned"]}

        def check(field: F.Field, value: str, report) -> None:
            if not value:
                return
            names = [name for sec in field.ref for name in ids.get(sec, [])]
            if value not in names:
                kinds = " or ".join(F.singular(sec) for sec in field.ref)
                report(f"no {kinds} '{shown(value)}'{suggestion(value, names)}")

        for section in F.SECTIONS:
            if not section.array:
                continue
            for index, table in enumerate(values[section.name]):
                for field in section.fields:
                    if field.kind == "ref" and field.name in table:
                        check(
                            field,
                            table[field.name],
                            lambda m, f=field, s=section.name, i=index: self.problem(
                                s, i, f.name, m
                            ),
                        )
        for index, trigger in enumerate(values["triggers"]):
            for number, action in enumerate(trigger.get("actions", [])):

                def report(message, i=index, n=number):
                    self.problem("triggers", i, "actions", f"action {n}: {message}")

                for field in F.ACTIONS[action["do"]]:
                    if field.kind == "ref":
                        check(field, action.get("target", ""), report)
                if (
                    action["do"] == "spawn"
                    and action.get("target") in ids["bodies"]
                    and action["target"] not in spawnable
                ):
                    report(
                        f"body '{action['target']}' is there from the start; give it "
                        "spawned = false to spawn it later"
                    )

    def check_geometry(self, level: Level) -> None:
        x0, y0, x1, y1 = level.world.bounds
        sx, sy = level.player.spawn
        if not (x0 < sx < x1 and y0 < sy < y1):
            self.problem("player", None, "spawn", "spawn is outside world.bounds")
        tether = level.player.tether
        if (
            tether is not None
            and math.dist(tether, level.player.spawn) > level.player.tether_length
        ):
            self.problem(
                "player",
                None,
                "tether",
                f"the anchor is {math.dist(tether, level.player.spawn):g} m from the spawn point, "
                f"more than tether_length ({level.player.tether_length:g} m)",
            )
        for index, wall in enumerate(level.walls):
            for a, b in wall.segments():
                if a == b:
                    self.problem(
                        "walls",
                        index,
                        "points",
                        f"two consecutive points are the same ({a[0]:g}, {a[1]:g})",
                    )
                    break
        if min(level.player.craft_size) < F.MIN_CRAFT_SIDE:
            self.problem(
                "player", None, "craft_size", f"each side must be at least {F.MIN_CRAFT_SIDE:g} m"
            )
        for index, hatch in enumerate(level.hatches):
            if hatch.start == hatch.end:
                self.problem("hatches", index, "to", "a hatch needs two different ends")
        for section, specs in (("bodies", level.bodies), ("movers", level.movers)):
            for index, spec in enumerate(specs):
                if spec.shape == "box" and min(spec.size) < F.MIN_BOX_SIDE:
                    self.problem(
                        section, index, "size", f"each side must be at least {F.MIN_BOX_SIDE:g} m"
                    )


class _Bad:
    pass


_BAD = _Bad()


def _type_name(value) -> str:
    return {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "a string",
        list: "an array",
        dict: "a table",
    }.get(type(value), type(value).__name__)


def _to_float(value: int | float) -> float:
    """float(), with integers too large for a float read as infinite (then refused as such)."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf
