"""The editor's changes to a Document: plain functions that build an Edit, and an UndoStack.

Every function reads the document and returns an Edit without changing anything; applying
it (UndoStack.do, or edit.apply(document)) changes the document and gives the inverse Edit.
An Edit replaces whole pieces of the file's text (one table each, see document.py), so what
it does not touch keeps its exact bytes, and its inverse puts back the exact old text.
A request that makes no sense (an unknown thing, a path that is not there) raises
EditRefused and changes nothing; an edit that changes nothing is empty (UndoStack.do skips
it). Values are not checked here: an edit may make the level invalid, and the validator's
problems (document.check()) say what and where, with the file's line:col.

    add(doc, kind, at, fields=None) -> Edit          kind: one of KINDS (wall, module, solid,
        handhold, rail, body, mover, hatch, zone, item, objective, trigger, opening);
        `fields` override the template's; new ids are unique in the whole level
    delete(doc, refs) -> Edit                        [level], [world], [player] are kept
    move(doc, refs, dx, dy) -> Edit                  every coordinate of each thing (bodies'
        and movers' polygon points are relative to them and so stay)
    rotate(doc, refs, degrees, about=None) -> Edit   angles (bodies, movers, player) turn;
        coordinates turn about `about` (default: the centre of the things' extent)
    extent(doc, ref) -> (x0, y0, x1, y1) | None       bounding box, for handles and picking
    resize(doc, ref, rect) -> Edit                   make the thing's extent this box (box
        size, radius, polygon points, a zone's rect, world bounds, a wall's points...)
    set_field(doc, ref, path, value) -> Edit         the inspector: path "at", "size.0",
        "actions.1.text"; value None removes the key (back to its default)
    rename(doc, ref, new_id) -> Edit                 the id, and every reference to it
    set_spawn(doc, x, y) -> Edit
    duplicate(doc, refs, offset=(0.5, -0.5)) -> Edit copies with new unique ids, selected
    copy_things(doc, refs) -> Clipboard; paste(doc, clipboard, at=None) -> Edit
        pasted at `at` (the copied group's centre lands there) or where they were copied
        from; ids renamed, and references among the pasted things follow the new ids
    combine(doc, label, steps) -> Edit               several edits as one undo step; each
        step is a function(document) -> Edit, run on the document as the earlier left it
    UndoStack(doc, limit=500): do(edit), undo(), redo(), can_undo, can_redo, undo_label,
        redo_label; undo/redo return the Edit applied (its .selection: what to select)
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import tomlkit
from tomlkit.items import AoT, Array, InlineTable, Table

from game.editor.document import Document, ThingRef, comment_line_starts, parse_piece
from game.levels import fields as F

Rect = tuple[float, float, float, float]

ALWAYS_THERE = ("level", "world", "player")  # never deleted: a level cannot be without them
DECIMALS = 6  # coordinates written rounded: 1.6 + 0.1 is saved as 1.7, not 1.7000000000000002


class EditRefused(ValueError):
    """The edit asked for makes no sense for this document; nothing was changed."""


# -- edits ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Splice:
    """Replace the pieces at `start` whose texts are `old` by pieces of the texts `new`."""

    start: int
    old: tuple[str, ...]
    new: tuple[str, ...]

    def inverse(self) -> Splice:
        return Splice(self.start, self.new, self.old)


@dataclass(frozen=True)
class Edit:
    label: str
    splices: tuple[Splice, ...] = ()
    selection: tuple[ThingRef, ...] = ()  # what to select once it is applied
    undo_selection: tuple[ThingRef, ...] = ()  # ... and once it is undone

    @property
    def empty(self) -> bool:
        return not self.splices

    def apply(self, document: Document) -> Edit:
        """Change the document; returns the Edit that undoes this one."""
        done: list[Splice] = []
        try:
            for splice in self.splices:
                document.splice(splice.start, splice.old, splice.new)
                done.append(splice)
        except ValueError:
            for splice in reversed(done):  # all or nothing
                document.splice(splice.start, splice.new, splice.old)
            raise
        return self.inverse()

    def inverse(self) -> Edit:
        return Edit(
            self.label,
            tuple(s.inverse() for s in reversed(self.splices)),
            self.undo_selection,
            self.selection,
        )


class UndoStack:
    """Edits done on one document, to undo and redo; the oldest are dropped past `limit`."""

    def __init__(self, document: Document, limit: int = 500):
        self.document = document
        self.limit = limit
        self._undo: list[Edit] = []  # inverses of what was done
        self._redo: list[Edit] = []

    def do(self, edit: Edit) -> bool:
        if edit.empty:
            return False
        self._undo.append(edit.apply(self.document))
        del self._undo[: -self.limit]
        self._redo.clear()
        return True

    def undo(self) -> Edit | None:
        if not self._undo:
            return None
        inverse = self._undo.pop()
        self._redo.append(inverse.apply(self.document))
        return inverse

    def redo(self) -> Edit | None:
        if not self._redo:
            return None
        edit = self._redo.pop()
        self._undo.append(edit.apply(self.document))
        return edit

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_label(self) -> str:
        return self._undo[-1].label if self._undo else ""

    @property
    def redo_label(self) -> str:
        return self._redo[-1].label if self._redo else ""

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()


_LONE_LF = re.compile(r"(?<!\r)\n")


class _Draft:
    """A copy of the document that records each change as a Splice."""

    def __init__(self, document: Document):
        self.document = document.copy()
        self.splices: list[Splice] = []

    def _record(self, splice: Splice) -> None:
        self.document.splice(splice.start, splice.old, splice.new)
        self.splices.append(splice)

    def change(self, ref: ThingRef, change: Callable[[Table], None]) -> bool:
        """Run `change` on the thing's tomlkit table; records it if the text changed."""
        position = self.document.piece_index(ref)
        if position is None:
            raise EditRefused(f"there is no {ref}")
        old = self.document.pieces[position].text
        try:
            toml = parse_piece(old)
        except Exception as exc:
            raise EditRefused(str(exc)) from None
        change(_table_of(toml, ref.section))
        new = toml.as_string()
        if self.document.newline == "\r\n":  # tomlkit ends the lines it adds with "\n"
            new = _LONE_LF.sub("\r\n", new)
        if new == old:
            return False
        self._record(Splice(position, (old,), (new,)))
        return True

    def insert(self, section: str, body: str) -> ThingRef:
        """Add a piece with this header-and-keys text where its section's things are."""
        pieces = self.document.pieces
        position = _insert_position(pieces, section)
        before, tail = "", ""
        if position > 0:
            before = pieces[position - 1].text
            if pieces[position - 1].is_thing:
                # A comment after the last thing ("# -- zones --") heads what follows it:
                # the new thing goes above it, not under it.
                before, tail = _split_tail(before)
        text = body
        if before and not before.endswith("\n"):
            text = "\n\n" + text
        elif before and not before.endswith("\n\n") and not before.endswith("\r\n\r\n"):
            text = "\n" + text
        if position < len(pieces) or tail:
            text += "\n"
        if self.document.newline == "\r\n":
            text = _LONE_LF.sub("\r\n", text)
        if tail:
            old = pieces[position - 1].text
            self._record(Splice(position - 1, (old,), (before, text + tail)))
        else:
            self._record(Splice(position, (), (text,)))
        refs = self.document.refs(section)
        if not F.section(section).array:
            return refs[0]
        index = sum(
            1 for p in pieces[:position] if p.is_thing and p.name == section
        )  # its place among its section's things
        return ThingRef(section, index)

    def remove(self, ref: ThingRef) -> None:
        position = self.document.piece_index(ref)
        if position is None:
            raise EditRefused(f"there is no {ref}")
        self._record(Splice(position, (self.document.pieces[position].text,), ()))

    def edit(self, label: str, selection=(), undo_selection=()) -> Edit:
        return Edit(label, tuple(self.splices), tuple(selection), tuple(undo_selection))


def _split_tail(text: str) -> tuple[str, str]:
    """(the piece up to its last key and the blank lines after, the comment lines and blank
    lines after those); the second is "" when no comment follows the keys."""
    comments = comment_line_starts(text)
    starts = []
    offset = 0
    for line in text.splitlines(keepends=True):
        starts.append((offset, line))
        offset += len(line)
    last_key = None
    for number in range(len(starts) - 1, -1, -1):
        start, line = starts[number]
        if line.strip() and start not in comments:
            last_key = number
            break
    if last_key is None:
        return text, ""
    for start, _line in starts[last_key + 1 :]:
        if start in comments:
            return text[:start], text[start:]
    return text, ""


def _table_of(toml, section: str):
    value = toml[section]
    if isinstance(value, AoT):
        return value[0]
    return value


def _insert_position(pieces, section: str) -> int:
    order = [s.name for s in F.SECTIONS]
    rank = order.index(section)
    last_same = last_before = None
    for position, piece in enumerate(pieces):
        if not piece.is_thing:
            continue
        if piece.name == section:
            last_same = position
        elif piece.name in order and order.index(piece.name) < rank:
            last_before = position
    if last_same is not None:
        return last_same + 1
    if last_before is not None:
        return last_before + 1
    return 1 if pieces and pieces[0].name is None else 0


# -- values ---------------------------------------------------------------------------------


def _number(value: float) -> float:
    rounded = round(float(value), DECIMALS)
    return 0.0 if rounded == 0 else rounded  # never write -0.0


def _toml(value):
    """A plain value as tomlkit writes it in a level: points on one line, actions as inline
    tables one per line."""
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return _number(value) if math.isfinite(value) else value
    if isinstance(value, dict):
        table = tomlkit.inline_table()
        for key, item in value.items():
            table[key] = _toml(item)
        return table
    if isinstance(value, list | tuple):
        array = tomlkit.array()
        for item in value:
            array.append(_toml(item))
        if value and all(isinstance(item, dict) for item in value):
            array.multiline(True)
        return array
    raise EditRefused(f"cannot write a value of type {type(value).__name__}")


def _assign(container, key, value) -> None:
    """container[key] = value, changing only what differs so formatting and comments
    (a multi-line points array, a trailing comment) stay."""
    existing = container.get(key) if isinstance(container, dict) else _at(container, key)
    if (
        isinstance(value, list | tuple)
        and isinstance(existing, list)
        and not isinstance(existing, AoT)
        and len(existing) == len(value)
    ):
        for index, item in enumerate(value):
            _assign(existing, index, item)
        return
    if isinstance(value, dict) and isinstance(existing, dict) and not isinstance(existing, Table):
        for gone in [k for k in existing if k not in value]:
            del existing[gone]
        for name, item in value.items():
            _assign(existing, name, item)
        return
    if _same_value(existing, value):
        return
    container[key] = _toml(value)


def _at(array, index):
    return array[index] if 0 <= index < len(array) else None


def _same_value(existing, value) -> bool:
    if existing is None or isinstance(value, list | tuple | dict):
        return False
    plain = existing.unwrap() if hasattr(existing, "unwrap") else existing
    if isinstance(value, float) and isinstance(plain, int | float) and not isinstance(plain, bool):
        return math.isfinite(value) and plain == _number(value)
    return type(plain) is type(value) and plain == value


def _point(value) -> tuple[float, float] | None:
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        and all(math.isfinite(v) for v in value)
    ):
        return float(value[0]), float(value[1])
    return None


def _points(value) -> list[tuple[float, float]] | None:
    if not isinstance(value, list):
        return None
    points = [_point(v) for v in value]
    return None if any(p is None for p in points) else points  # type: ignore[return-value]


def _rect(value) -> Rect | None:
    if (
        isinstance(value, list)
        and len(value) == 4
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        and all(math.isfinite(v) for v in value)
    ):
        return tuple(float(v) for v in value)  # type: ignore[return-value]
    return None


def _number_of(value) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def _existing(document: Document, refs: Iterable[ThingRef]) -> list[ThingRef]:
    """The refs, each once, in order; EditRefused if one is not in the document."""
    refs = list(dict.fromkeys(refs))
    for ref in refs:
        if document.piece_index(ref) is None:
            raise EditRefused(f"there is no {ref}")
    return refs


# -- ids ------------------------------------------------------------------------------------

_ID_OK = re.compile(r"[a-z0-9][a-z0-9_\-]{0,63}")


def new_id(used: set[str], base: str) -> str:
    """A valid id not in `used`: `base` itself if free, else base-2, base-3... (a copy of
    'crate-2' is 'crate-3', not 'crate-2-2')."""
    wanted = re.sub(r"[^a-z0-9_\-]+", "-", base.lower()).strip("-_")[:64] or "thing"
    if not _ID_OK.fullmatch(wanted):
        wanted = "x" + wanted[:63]
    if wanted not in used:
        return wanted
    stem = (re.sub(r"-\d+$", "", wanted) or wanted)[:56]
    number = 2
    while f"{stem}-{number}" in used:
        number += 1
    return f"{stem}-{number}"


# -- adding ---------------------------------------------------------------------------------


def _templates(at: tuple[float, float], document: Document) -> dict[str, tuple[str, dict]]:
    x, y = at

    def rect(w, h):
        return [x - w / 2, y - h / 2, x + w / 2, y + h / 2]

    def box(w, h):
        return [[x - w / 2, y - h / 2], [x + w / 2, y - h / 2], [x + w / 2, y + h / 2],
                [x - w / 2, y + h / 2]]  # fmt: skip

    zones = [e.get("id") for e in document.entries("zones") if e.get("id")]
    return {
        "wall": (
            "walls",
            {"thickness": 0.3, "style": "module", "points": [[x - 2, y], [x + 2, y]]},
        ),
        "module": (
            "walls",
            {"closed": True, "thickness": 0.3, "style": "us", "points": box(8.0, 2.4)},
        ),
        "solid": ("solids", {"style": "hull", "points": box(2.0, 1.0)}),
        "handhold": ("handholds", {"at": [x, y]}),
        "rail": ("handholds", {"from": [x - 1.5, y], "to": [x + 1.5, y]}),
        "body": (
            "bodies",
            {"id": "crate", "shape": "box", "at": [x, y], "size": [0.6, 0.6], "style": "crate"},
        ),
        "mover": (
            "movers",
            {
                "id": "mover",
                "shape": "box",
                "size": [1.0, 0.4],
                "path": [[x, y], [x + 4, y]],
                "speed": 0.5,
                "style": "arm",
            },
        ),
        "hatch": ("hatches", {"id": "hatch", "from": [x, y - 0.85], "to": [x, y + 0.85]}),
        "zone": ("zones", {"id": "zone", "rect": rect(2.0, 2.0), "label": ""}),
        "item": ("items", {"id": "item", "at": [x, y], "style": "key"}),
        "objective": (
            "objectives",
            {"id": "objective", "kind": "reach", "zone": zones[-1] if zones else "", "label": ""},
        ),
        "trigger": (
            "triggers",
            {"on": "start", "actions": [{"do": "message", "from": "", "text": "..."}]},
        ),
        "opening": ("opening", {"seconds": 3.0, "skippable": True}),
    }


KINDS = (
    "wall", "module", "solid", "handhold", "rail", "body", "mover", "hatch", "zone", "item",
    "objective", "trigger", "opening",
)  # fmt: skip


def add(document: Document, kind: str, at: tuple[float, float] = (0.0, 0.0), fields=None) -> Edit:
    """A new thing of `kind` at `at`, from a template that validates where it can; `fields`
    set or override keys. Selected once added."""
    templates = _templates(at, document)
    if kind not in templates:
        raise EditRefused(f"unknown kind '{kind}'; one of {', '.join(KINDS)}")
    section, values = templates[kind]
    values = {**values, **(fields or {})}
    if not F.section(section).array and document.refs(section):
        raise EditRefused(f"the level already has [{section}]")
    if "id" in values:
        values["id"] = new_id(document.ids(), values["id"] or kind)
    draft = _Draft(document)
    ref = draft.insert(section, _piece_body(section, values))
    return draft.edit(f"add {kind}", selection=(ref,))


def _piece_body(section: str, values: dict) -> str:
    toml = tomlkit.document()
    table = tomlkit.table()
    for key, value in values.items():
        if value is not None:  # None: not written, the key's default holds
            table[key] = _toml(value)
    if F.section(section).array:
        aot = tomlkit.aot()
        aot.append(table)
        toml.append(section, aot)
    else:
        toml.append(section, table)
    return toml.as_string()


# -- deleting -------------------------------------------------------------------------------


def delete(document: Document, refs: Iterable[ThingRef]) -> Edit:
    """Remove these things (and the comment lines written just above them)."""
    wanted = {ref for ref in _existing(document, refs) if ref.section not in ALWAYS_THERE}
    positions = sorted(
        ((document.piece_index(ref), ref) for ref in wanted), key=lambda p: -(p[0] or -1)
    )
    draft = _Draft(document)
    removed = []
    for position, ref in positions:
        if position is None:
            continue
        draft.remove(ref)  # from the last down: earlier refs keep their index
        removed.append(ref)
    return draft.edit(
        f"delete {len(removed)} thing{'s' if len(removed) != 1 else ''}",
        undo_selection=sorted(removed),
    )


# -- moving, rotating, resizing -------------------------------------------------------------

# Each section's coordinates: (key, "point" | "points" | "rect").
COORDINATES: dict[str, tuple[tuple[str, str], ...]] = {
    "walls": (("points", "points"),),
    "solids": (("points", "points"),),
    "handholds": (("at", "point"), ("from", "point"), ("to", "point")),
    "bodies": (("at", "point"),),
    "movers": (("path", "points"),),
    "hatches": (("from", "point"), ("to", "point")),
    "zones": (("rect", "rect"),),
    "items": (("at", "point"),),
    "player": (("spawn", "point"), ("tether", "point")),
}
ANGLED = ("bodies", "movers", "player")


def _map_coordinates(entry: dict, section: str, transform) -> dict:
    """{key: new value} for every well-formed coordinate of the thing, mapped by
    transform((x, y)) -> (x, y); a rect maps its two corners."""
    changes = {}
    for key, kind in COORDINATES.get(section, ()):
        value = entry.get(key)
        if kind == "point" and (point := _point(value)) is not None:
            changes[key] = list(map(_number, transform(point)))
        elif kind == "points" and (points := _points(value)) is not None:
            changes[key] = [list(map(_number, transform(p))) for p in points]
        elif kind == "rect" and (rect := _rect(value)) is not None:
            a = transform((rect[0], rect[1]))
            b = transform((rect[2], rect[3]))
            changes[key] = [_number(min(a[0], b[0])), _number(min(a[1], b[1])),
                            _number(max(a[0], b[0])), _number(max(a[1], b[1]))]  # fmt: skip
    return changes


def _set_keys(changes: dict) -> Callable[[Table], None]:
    def change(table):
        for key, value in changes.items():
            _assign(table, key, value)

    return change


def move(document: Document, refs: Iterable[ThingRef], dx: float, dy: float) -> Edit:
    refs = _existing(document, refs)
    draft = _Draft(document)
    for ref in refs:
        changes = _map_coordinates(
            document.entry(ref), ref.section, lambda p: (p[0] + dx, p[1] + dy)
        )
        if changes:
            draft.change(ref, _set_keys(changes))
    return draft.edit("move", selection=refs, undo_selection=refs)


def set_spawn(document: Document, x: float, y: float) -> Edit:
    draft = _Draft(document)
    draft.change(ThingRef("player"), _set_keys({"spawn": [_number(x), _number(y)]}))
    return draft.edit("set spawn")


def rotate(document: Document, refs: Iterable[ThingRef], degrees: float, about=None) -> Edit:
    refs = _existing(document, refs)
    if about is None:
        boxes = [b for b in (extent(document, ref) for ref in refs) if b is not None]
        if not boxes:
            return Edit("rotate")
        about = (
            (min(b[0] for b in boxes) + max(b[2] for b in boxes)) / 2,
            (min(b[1] for b in boxes) + max(b[3] for b in boxes)) / 2,
        )
    cx, cy = about
    cos, sin = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    quarter_turns = round(degrees / 90.0)
    odd_quarter = math.isclose(degrees, quarter_turns * 90.0) and quarter_turns % 2 == 1

    def turn(p):
        x, y = p[0] - cx, p[1] - cy
        return cx + x * cos - y * sin, cy + x * sin + y * cos

    draft = _Draft(document)
    for ref in refs:
        entry = document.entry(ref)
        changes = _map_coordinates(entry, ref.section, turn)
        if ref.section == "zones" and (rect := _rect(entry.get("rect"))) is not None:
            # A zone stays an upright rectangle: its centre turns, a quarter turn swaps its sides.
            mx, my = turn(((rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2))
            hw, hh = (rect[2] - rect[0]) / 2, (rect[3] - rect[1]) / 2
            if odd_quarter:
                hw, hh = hh, hw
            changes["rect"] = [_number(mx - hw), _number(my - hh),
                               _number(mx + hw), _number(my + hh)]  # fmt: skip
        if ref.section in ANGLED:
            angle = _number_of(entry.get("angle", 0.0))
            if angle is not None:
                changes["angle"] = _number(_wrap_degrees(angle + degrees))
        if changes:
            draft.change(ref, _set_keys(changes))
    return draft.edit("rotate", selection=refs, undo_selection=refs)


def _wrap_degrees(angle: float) -> float:
    """Into (-180, 180]: the format allows ±360, and a turned thing never drifts past it."""
    angle = math.fmod(angle, 360.0)
    if angle > 180.0:
        angle -= 360.0
    elif angle <= -180.0:
        angle += 360.0
    return angle


ASTRONAUT_HALF_WIDTH = 0.35  # the spawn's handle: the astronaut is 0.7 m across


def extent(document: Document, ref: ThingRef) -> Rect | None:
    """The thing's axis-aligned bounding box in world metres (unrotated shapes), or None for
    what has no place (objectives, triggers, [level], [opening], a malformed entry)."""
    entry = document.entry(ref)
    section = ref.section
    if section == "world":
        return _rect(entry.get("bounds"))
    if section == "zones":
        return _rect(entry.get("rect"))
    if section in ("walls", "solids"):
        return _bbox(_points(entry.get("points")))
    if section in ("handholds", "hatches"):
        ends = [_point(entry.get(k)) for k in ("at", "from", "to")]
        return _bbox([p for p in ends if p is not None] or None)
    if section == "items":
        at, radius = _point(entry.get("at")), _number_of(entry.get("radius", 0.3))
        if at is None or radius is None:
            return None
        return at[0] - radius, at[1] - radius, at[0] + radius, at[1] + radius
    if section == "player":
        at = _point(entry.get("spawn"))
        if at is None:
            return None
        r = ASTRONAUT_HALF_WIDTH
        return at[0] - r, at[1] - r, at[0] + r, at[1] + r
    if section in ("bodies", "movers"):
        if section == "bodies":
            at = _point(entry.get("at"))
        else:
            path = _points(entry.get("path"))
            at = path[0] if path else None
        if at is None:
            return None
        shape = _shape_box(entry)
        if shape is None:
            return None
        return at[0] + shape[0], at[1] + shape[1], at[0] + shape[2], at[1] + shape[3]
    return None


def _shape_box(entry: dict) -> Rect | None:
    """The shape's box relative to its centre."""
    shape = entry.get("shape", "box")
    if shape == "circle":
        r = _number_of(entry.get("radius", 0.25))
        return None if r is None else (-r, -r, r, r)
    if shape == "polygon":
        return _bbox(_points(entry.get("points")))
    size = _point(entry.get("size", [0.5, 0.5]))
    if size is None:
        return None
    return -size[0] / 2, -size[1] / 2, size[0] / 2, size[1] / 2


def _bbox(points) -> Rect | None:
    if not points:
        return None
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def resize(document: Document, ref: ThingRef, rect: Rect) -> Edit:
    """Make the thing's extent `rect` (x0, y0, x1, y1; corners in any order)."""
    old = extent(document, ref)
    if old is None:
        raise EditRefused(f"{ref} has no size to change")
    x0, x1 = sorted((rect[0], rect[2]))
    y0, y1 = sorted((rect[1], rect[3]))
    entry = document.entry(ref)
    section = ref.section
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    w, h = x1 - x0, y1 - y0
    ow, oh = old[2] - old[0], old[3] - old[1]

    def fit(p):  # the old box onto the new one; a flat side only moves
        fx = (p[0] - old[0]) / ow if ow > 0 else 0.5
        fy = (p[1] - old[1]) / oh if oh > 0 else 0.5
        return x0 + fx * w, y0 + fy * h

    changes: dict = {}
    if section == "world":
        changes["bounds"] = [_number(x0), _number(y0), _number(x1), _number(y1)]
    elif section in ("zones", "walls", "solids", "handholds", "hatches"):
        changes = _map_coordinates(entry, section, fit)
    elif section in ("items", "player"):
        key = "spawn" if section == "player" else "at"
        changes[key] = [_number(cx), _number(cy)]
        if section == "items":
            changes["radius"] = _number(min(w, h) / 2)
    elif section in ("bodies", "movers"):
        shape = entry.get("shape", "box")
        if shape == "circle":
            changes["radius"] = _number(min(w, h) / 2)
        elif shape == "polygon":
            relative = _shape_box(entry)
            rw, rh = relative[2] - relative[0], relative[3] - relative[1]
            sx = w / rw if rw > 0 else 1.0
            sy = h / rh if rh > 0 else 1.0
            changes["points"] = [
                [_number(p[0] * sx), _number(p[1] * sy)] for p in _points(entry["points"])
            ]
        else:
            changes["size"] = [_number(w), _number(h)]
        if section == "bodies":
            changes["at"] = [_number(cx), _number(cy)]
        else:  # the whole path follows its start
            moved = _map_coordinates(
                entry, section, lambda p: (p[0] + cx - (old[0] + old[2]) / 2,
                                           p[1] + cy - (old[1] + old[3]) / 2)
            )  # fmt: skip
            changes.update(moved)
    draft = _Draft(document)
    if changes:
        draft.change(ref, _set_keys(changes))
    return draft.edit("resize", selection=(ref,), undo_selection=(ref,))


# -- the inspector --------------------------------------------------------------------------


def set_field(document: Document, ref: ThingRef, path: str | Sequence, value) -> Edit:
    """Set one field: `path` is a key or a dotted path into it ("size.0", "actions.1.text");
    None removes it. A missing single table ([opening]) is added."""
    parts = [int(p) if isinstance(p, str) and p.isdigit() else p for p in _parts(path)]
    if not parts:
        raise EditRefused("no field named")
    draft = _Draft(document)
    if document.piece_index(ref) is None:
        if F.section(ref.section).array or value is None or len(parts) != 1:
            raise EditRefused(f"there is no {ref}")
        draft.insert(ref.section, _piece_body(ref.section, {parts[0]: value}))
        return draft.edit(f"set {ref.section}.{parts[0]}", selection=(ref,))

    def change(table):
        container = table
        for part in parts[:-1]:
            container = _child(container, part)
        last = parts[-1]
        if value is None:
            if _has(container, last):
                del container[last]
            return
        if isinstance(container, list):
            if not isinstance(last, int) or not 0 <= last <= len(container):
                raise EditRefused(f"no element {last} in {'.'.join(map(str, parts[:-1]))}")
            if last == len(container):
                container.append(_toml(value))
                return
        _assign(container, last, value)

    draft.change(ref, change)
    label = ".".join(str(p) for p in parts)
    return draft.edit(f"set {label}", selection=(ref,), undo_selection=(ref,))


def rename(document: Document, ref: ThingRef, new: str) -> Edit:
    """Change a thing's id and every objective, trigger and action that names it by it."""
    old = document.entry(ref).get("id")
    if document.piece_index(ref) is None or not F.section(ref.section).field("id"):
        raise EditRefused(f"{ref} has no id")
    draft = _Draft(document)
    draft.change(ref, _set_keys({"id": new}))
    if isinstance(old, str) and old and old != new:
        renamed = {(ref.section, old): new}
        for section in ("objectives", "triggers"):
            fields = F.section(section).fields
            for other in document.refs(section):
                if _names(document.entry(other), fields, renamed):

                    def follow(table, fields=fields):
                        _follow_renames(table, fields, renamed)
                        for action in table.get("actions") or ():
                            if isinstance(action, dict) and action.get("do") in F.ACTIONS:
                                _follow_renames(action, F.ACTIONS[action["do"]], renamed)

                    draft.change(other, follow)
    return draft.edit(f"rename {old} to {new}", selection=(ref,), undo_selection=(ref,))


def _names(entry: dict, fields, renamed) -> bool:
    """Whether the entry (or one of its actions) refers to a renamed thing."""
    tables = [(entry, fields)] + [
        (action, F.ACTIONS[action["do"]])
        for action in entry.get("actions") or ()
        if isinstance(action, dict) and action.get("do") in F.ACTIONS
    ]
    return any(
        spec.kind == "ref" and any((s, table.get(spec.name)) in renamed for s in spec.ref)
        for table, specs in tables
        for spec in specs
    )


def _parts(path) -> list:
    if isinstance(path, str):
        return [p for p in path.split(".") if p != ""]
    return list(path)


def _has(container, part) -> bool:
    if isinstance(container, dict):
        return part in container
    return isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container)


def _child(container, part):
    if not _has(container, part):
        raise EditRefused(f"no field '{part}'")
    child = container[part]
    if not isinstance(child, Array | InlineTable | Table | list | dict):
        raise EditRefused(f"'{part}' holds a single value")
    return child


# -- copies ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clipboard:
    """Copied things: (section, the table's text) and where the group's centre was."""

    entries: tuple[tuple[str, str], ...] = ()
    centre: tuple[float, float] = (0.0, 0.0)


def copy_things(document: Document, refs: Iterable[ThingRef]) -> Clipboard:
    refs = [r for r in _existing(document, refs) if F.section(r.section).array]
    entries = []
    for ref in refs:
        position = document.piece_index(ref)
        if position is not None:
            entries.append((ref.section, _table_text(document.pieces[position].text)))
    boxes = [b for b in (extent(document, r) for r in refs) if b is not None]
    centre = (0.0, 0.0)
    if boxes:
        centre = (
            (min(b[0] for b in boxes) + max(b[2] for b in boxes)) / 2,
            (min(b[1] for b in boxes) + max(b[3] for b in boxes)) / 2,
        )
    return Clipboard(tuple(entries), centre)


def _table_text(text: str) -> str:
    """A piece without the comment lines above its header and the blank lines after it."""
    lines = text.splitlines(keepends=True)
    start = 0
    while start < len(lines) and not lines[start].lstrip().startswith("["):
        start += 1
    body = "".join(lines[start:]).rstrip("\r\n \t")
    return body + "\n"


def paste(document: Document, clipboard: Clipboard, at: tuple[float, float] | None = None) -> Edit:
    """The copied things, new ids, moved so the group's centre is at `at` (or unmoved)."""
    dx, dy = (
        (0.0, 0.0) if at is None else (at[0] - clipboard.centre[0], at[1] - clipboard.centre[1])
    )
    return _insert_copies(document, clipboard.entries, dx, dy, "paste")


def duplicate(document: Document, refs: Iterable[ThingRef], offset=(0.5, -0.5)) -> Edit:
    clipboard = copy_things(document, refs)
    return _insert_copies(document, clipboard.entries, offset[0], offset[1], "duplicate")


def _insert_copies(document, entries, dx, dy, label) -> Edit:
    used = set(document.ids())
    renamed: dict[tuple[str, str], str] = {}  # (section, old id) -> new id
    tables = []
    for section, text in entries:
        toml = parse_piece(text)
        table = _table_of(toml, section)
        old_id = table.get("id")
        if isinstance(old_id, str) and old_id:
            fresh = new_id(used, old_id)
            used.add(fresh)
            renamed[section, old_id] = fresh
            table["id"] = fresh
        tables.append((section, toml, table))
    draft = _Draft(document)
    selection = []
    for section, toml, table in tables:
        # A pasted objective names the pasted zone, not the one it was copied beside.
        _follow_renames(table, F.section(section).fields, renamed)
        actions = table.get("actions")
        if isinstance(actions, list):
            for action in actions:
                if isinstance(action, dict) and action.get("do") in F.ACTIONS:
                    _follow_renames(action, F.ACTIONS[action["do"]], renamed)
        _set_keys(_map_coordinates(table.unwrap(), section, lambda p: (p[0] + dx, p[1] + dy)))(
            table
        )
        selection.append(draft.insert(section, toml.as_string()))
    return draft.edit(label, selection=selection)


def _follow_renames(table, fields, renamed) -> None:
    for spec in fields:
        value = table.get(spec.name)
        if spec.kind != "ref" or not isinstance(value, str):
            continue
        for section in spec.ref:
            if (section, value) in renamed:
                table[spec.name] = renamed[section, value]
                break


# -- several as one -------------------------------------------------------------------------


def combine(document: Document, label: str, steps: Iterable[Callable[[Document], Edit]]) -> Edit:
    """Several edits as one undo step; each step sees the document as the earlier left it."""
    scratch = document.copy()
    splices: list[Splice] = []
    selection: tuple[ThingRef, ...] = ()
    undo_selection: tuple[ThingRef, ...] | None = None
    for step in steps:
        edit = step(scratch)
        edit.apply(scratch)
        splices.extend(edit.splices)
        selection = edit.selection or selection
        if undo_selection is None:
            undo_selection = edit.undo_selection
    return Edit(label, tuple(splices), selection, undo_selection or ())
