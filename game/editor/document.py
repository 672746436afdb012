"""A level file open in the editor: its text as the modder wrote it, split into one piece per
table, each edited with tomlkit so comments, order and formatting of everything an edit does
not touch keep their exact bytes.

Why pieces and not one tomlkit document: tomlkit regroups an array of tables written in
several places (a `[[walls]]`, then `[[handholds]]`, then `[[walls]]` again, as the shipped
levels do) when it writes the document back, so a whole-file round trip is not byte-exact.
Cut at each top-level header, every piece round-trips on its own, and the file is the pieces
joined. A piece owns the comment lines directly above its header (what a modder writes about
that thing); a comment separated by a blank line stays with the piece before it.

Reading (plain Python values, never tomlkit objects):

    doc = Document.open(path)            # or .from_bytes(data, path) / .new(level_id, path)
    doc.text()                           # the file as it would be saved
    doc.refs("bodies")                   # [ThingRef("bodies", 0), ...] in file order
    doc.entry(ref) / doc.entries("bodies") / doc.table("player")   # plain dicts (shared
                                         # with a cache: read them, never change them)
    doc.check()                          # (Level or None, problems): the real loader, cached
    doc.level()                          # the Level, or raises LevelError (file:line:col)
    doc.last_good                        # the last Level that loaded (for drawing a broken one)
    doc.modified; doc.save()             # atomic; never refused for an invalid level
    where(problem)                       # (ThingRef, key) a validator problem is about, or None

Changing it: see game.editor.operations (every change is an Edit; UndoStack applies them).
"""

from __future__ import annotations

import functools
import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import tomlkit

from game.levels import fields as F
from game.levels.loader import load_level_bytes
from game.levels.model import Level
from game.levels.problems import LevelError, Problem, parse_toml
from game.player_files import UnreadableFile, read_player_file
from game.storage import atomic_write_text

BOM = "\ufeff"


class ThingRef(NamedTuple):
    """One thing in a level: an entry of an array section (`bodies`, 3) or a single table
    (`player`, None). The index is the entry's position in the file, which is also what the
    validator's field paths use (`bodies[3].at`)."""

    section: str
    index: int | None = None

    def __str__(self) -> str:
        return self.section if self.index is None else f"{self.section}[{self.index}]"


class NotEditable(Exception):
    """The file is TOML the editor cannot change without risking what the modder wrote."""


@dataclass(frozen=True)
class Piece:
    """A run of the file's text: the preamble (name None), or a top-level table header with
    the comments just above it, its keys, any sub-tables of it, and the blank lines after."""

    text: str
    name: str | None  # first key of the header; None for the text before the first header
    array: bool  # [[name]] rather than [name]
    whole: bool = True  # False for a stray sub-table header ([player.x] away from [player])

    @property
    def is_thing(self) -> bool:
        return self.name is not None and self.whole


class Document:
    """The text of a level file as pieces; see the module docstring."""

    def __init__(self, pieces: list[Piece], path: Path, bom: bool = False):
        self.pieces = pieces
        self.path = Path(path)
        self.bom = bom
        self._newline = "\r\n" if any("\r\n" in p.text for p in pieces) else "\n"
        self._positions: dict[str, list[int]] | None = None  # section -> its pieces' places
        self._entries: dict[str, list[dict]] = {}  # section -> plain entries, until an edit
        self._saved_text = self.text()
        self._checked_text: str | None = None
        self._checked: tuple[Level | None, tuple[Problem, ...]] = (None, ())
        self.last_good: Level | None = None

    # -- opening ------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path) -> Document:
        """Raises LevelError (unreadable, not UTF-8, not TOML: with line:col) or NotEditable."""
        path = Path(path)
        try:
            data = read_player_file(path, F.MAX_FILE_BYTES)
        except (UnreadableFile, OSError) as exc:
            raise LevelError([Problem(str(path), f"cannot read the file: {exc}")]) from None
        return cls.from_bytes(data, path)

    @classmethod
    def from_bytes(cls, data: bytes, path: str | Path) -> Document:
        path = Path(path)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise LevelError(
                [Problem(str(path), f"not a text file (invalid UTF-8 at byte {exc.start})")]
            ) from None
        return cls.from_text(text, path)

    @classmethod
    def from_text(cls, text: str, path: str | Path) -> Document:
        bom = text.startswith(BOM)
        text = text.removeprefix(BOM)
        whole = parse_toml(text, str(path))  # LevelError with line:col for a syntax error
        pieces = split_pieces(text)
        merged: dict = {}
        try:
            for piece in pieces:
                _merge(merged, tomllib.loads(piece.text))
        except (tomllib.TOMLDecodeError, ValueError, RecursionError):
            merged = None
        if merged is None or not _same(merged, whole):
            raise NotEditable(
                f"{path}: the editor cannot safely change this file's layout (a sub-table "
                "written away from its table); edit it in a text editor"
            )
        return cls(pieces, path, bom)

    @classmethod
    def new(cls, level_id: str, path: str | Path) -> Document:
        """A small level that validates: a spawn, a goal zone and one objective to reach it."""
        name = level_id.replace("-", " ").replace("_", " ").title()
        return cls.from_text(NEW_LEVEL.format(id=level_id, name=name), path)

    def copy(self) -> Document:
        """An independent document with the same pieces (pieces are immutable: cheap)."""
        other = Document.__new__(Document)
        other.__dict__.update(self.__dict__)
        other.pieces = list(self.pieces)
        other._positions = None
        other._entries = {}
        return other

    # -- reading ------------------------------------------------------------------------------

    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    @property
    def newline(self) -> str:
        """The file's line ending, which new lines follow ("\r\n" if any line had it)."""
        return self._newline

    @property
    def modified(self) -> bool:
        return self.text() != self._saved_text

    def refs(self, section: str) -> list[ThingRef]:
        """Every thing of a section, in file order ([ThingRef(section)] for a single table
        that is present)."""
        spec = F.section(section)
        count = len(self._places(section))
        if not spec.array:
            return [ThingRef(section)] if count else []
        return [ThingRef(section, i) for i in range(count)]

    def all_refs(self) -> list[ThingRef]:
        return [ref for s in F.SECTIONS for ref in self.refs(s.name)]

    def piece_index(self, ref: ThingRef) -> int | None:
        """Position in `pieces` of a thing's piece, or None when it is not there."""
        places = self._places(ref.section)
        index = 0 if ref.index is None else ref.index
        return places[index] if 0 <= index < len(places) else None

    def _places(self, section: str) -> list[int]:
        if self._positions is None:
            self._positions = {}
            for position, piece in enumerate(self.pieces):
                if piece.is_thing:
                    self._positions.setdefault(piece.name, []).append(position)
        return self._positions.get(section, [])

    def entry(self, ref: ThingRef) -> dict:
        """The thing's keys as plain values ({} when it is not there)."""
        position = self.piece_index(ref)
        if position is None:
            return {}
        value = _plain_piece(self.pieces[position].text).get(ref.section)
        if isinstance(value, list):
            value = value[0] if value and isinstance(value[0], dict) else {}
        return value if isinstance(value, dict) else {}

    def entries(self, section: str) -> list[dict]:
        """Every entry of a section, as entry() gives them; kept until the next edit (the
        editor draws from these every frame)."""
        if section not in self._entries:
            self._entries[section] = [self.entry(ref) for ref in self.refs(section)]
        return list(self._entries[section])

    def table(self, section: str) -> dict:
        return self.entry(ThingRef(section))

    def ids(self) -> set[str]:
        """Every id used anywhere in the level (new ids avoid all of them)."""
        found = set()
        for section in F.SECTIONS:
            if section.array:
                for entry in self.entries(section.name):
                    if isinstance(entry.get("id"), str) and entry["id"]:
                        found.add(entry["id"])
        return found

    # -- the level ----------------------------------------------------------------------------

    def check(self) -> tuple[Level | None, tuple[Problem, ...]]:
        """The level as the document stands (or None) and the real validator's problems,
        with file:line:col for the current text. Cached per text."""
        text = self.text()
        if text != self._checked_text:
            self._checked_text = text
            try:
                level = load_level_bytes(
                    (BOM if self.bom else "").encode() + text.encode("utf-8"),
                    str(self.path),
                    level_dir=self.path.parent,
                )
            except LevelError as exc:
                self._checked = (None, tuple(exc.problems))
            except Exception as exc:  # the validator must never take the editor down
                self._checked = (None, (Problem(str(self.path), f"cannot check: {exc!r}"),))
            else:
                self._checked = (level, ())
                self.last_good = level
        return self._checked

    def level(self) -> Level:
        level, problems = self.check()
        if level is None:
            raise LevelError(list(problems))
        return level

    # -- saving -------------------------------------------------------------------------------

    def save(self, path: str | Path | None = None) -> Path:
        """Write the text atomically, valid or not: a modder's work is never lost for being
        unfinished. Returns where it went."""
        target = Path(path) if path is not None else self.path
        text = self.text()
        atomic_write_text(target, (BOM if self.bom else "") + text)
        if path is not None:
            self.path = target
            self._checked_text = None
        self._saved_text = text
        return target

    # -- changing (operations call this through Edit.apply) ------------------------------------

    def splice(self, start: int, old: tuple[str, ...], new: tuple[str, ...]) -> None:
        """Replace pieces[start:start+len(old)] (whose texts must be `old`) by pieces of
        `new` texts."""
        current = tuple(p.text for p in self.pieces[start : start + len(old)])
        if current != old:
            raise ValueError("edit does not match the document (made for another state)")
        self.pieces[start : start + len(old)] = [piece_of(text) for text in new]
        self._entries = {}
        if len(old) != len(new) or any(
            piece_of(a).name != piece_of(b).name for a, b in zip(old, new, strict=True)
        ):
            self._positions = None


def where(problem: Problem) -> tuple[ThingRef, str] | None:
    """The thing and key a validator problem is about: 'bodies[3].at' -> (bodies[3], 'at')."""
    match = _FIELD_PATH.fullmatch(problem.field or "")
    if not match or match["section"] not in _SECTION_NAMES:
        return None
    index = int(match["index"]) if match["index"] is not None else None
    if (index is None) == F.section(match["section"]).array:
        return None
    return ThingRef(match["section"], index), match["key"] or ""


_FIELD_PATH = re.compile(r"(?P<section>[a-z_]+)(?:\[(?P<index>\d+)\])?(?:\.(?P<key>.+))?")
_SECTION_NAMES = {s.name for s in F.SECTIONS}


# -- pieces -------------------------------------------------------------------------------------


def piece_of(text: str) -> Piece:
    """A Piece for a text holding at most one top-level header (and its sub-tables)."""
    headers = _headers(text)
    if not headers:
        return Piece(text, None, False)
    _, name, array, dotted = headers[0]
    return Piece(text, name, array, not dotted)


def split_pieces(text: str) -> list[Piece]:
    """Cut valid TOML text into pieces; joined, they are the text."""
    headers = _headers(text)
    comment_lines = comment_line_starts(text)
    cuts: list[tuple[int, str, bool, bool]] = []
    for start, name, array, dotted in headers:
        if dotted and cuts and cuts[-1][1] == name:
            continue  # [[triggers.actions]] belongs to the [[triggers]] above it
        cuts.append((_with_comments_above(text, start, comment_lines), name, array, dotted))
    pieces = []
    first = cuts[0][0] if cuts else len(text)
    if first > 0 or not cuts:
        pieces.append(Piece(text[:first], None, False))
    for number, (start, name, array, dotted) in enumerate(cuts):
        end = cuts[number + 1][0] if number + 1 < len(cuts) else len(text)
        pieces.append(Piece(text[start:end], name, array, not dotted))
    return pieces


def _with_comments_above(text: str, start: int, comment_lines: set[int]) -> int:
    """Move a header's start up over the comment lines directly above it."""
    while start > 0:
        previous = text.rfind("\n", 0, start - 1) + 1
        if previous not in comment_lines:
            break
        start = previous
    return start


@functools.lru_cache(maxsize=8)
def _scan(text: str) -> tuple[tuple, frozenset]:
    """Top-level headers (offset of their line, first key, is [[ ]], has dots) and the line
    offsets of whole-line comments, found outside strings and multi-line arrays."""
    headers = []
    comments = set()
    n = len(text)
    i = 0
    depth = 0
    line_start = 0
    only_space = True  # nothing but spaces since line_start
    while i < n:
        c = text[i]
        if c == "\n":
            i += 1
            line_start, only_space = i, True
            continue
        if c in " \t\r":
            i += 1
            continue
        if only_space and depth == 0 and c == "[":
            end = text.find("\n", i)
            end = n if end < 0 else end
            header = _header_name(text[i:end])
            if header is not None:
                headers.append((line_start, *header))
            i = end
            continue
        if c == "#":
            if only_space:
                comments.add(line_start)
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        only_space = False
        if c == '"':
            i = _string_end(text, i, '"')
        elif c == "'":
            i = _string_end(text, i, "'")
        else:
            if c in "[{":
                depth += 1
            elif c in "]}":
                depth = max(0, depth - 1)
            i += 1
    return tuple(headers), frozenset(comments)


def _headers(text: str):
    return _scan(text)[0]


def comment_line_starts(text: str) -> frozenset[int]:
    """Offsets of the lines that are whole-line comments (outside strings)."""
    return _scan(text)[1]


def _string_end(text: str, i: int, quote: str) -> int:
    """Index just past the string starting at i."""
    triple = quote * 3
    if text.startswith(triple, i):
        j = i + 3
        while True:
            k = text.find(triple, j)
            if k < 0:
                return len(text)
            if quote == '"' and _escaped(text, k):
                j = k + 1
                continue
            k += 3
            extra = 0
            while extra < 2 and k < len(text) and text[k] == quote:  # up to two more quotes
                k, extra = k + 1, extra + 1
            return k
    j = i + 1
    while j < len(text):
        ch = text[j]
        if quote == '"' and ch == "\\":
            j += 2
            continue
        if ch == quote or ch == "\n":
            return j + 1
        j += 1
    return j


def _escaped(text: str, k: int) -> bool:
    backslashes = 0
    while k - backslashes - 1 >= 0 and text[k - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


_KEY_PART = r'(?:[A-Za-z0-9_\-]+|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\')'
_HEADER_RE = re.compile(
    r"(\[\[?)[ \t]*(" + _KEY_PART + r"(?:[ \t]*\.[ \t]*" + _KEY_PART + r")*)[ \t]*\]\]?"
)


def _header_name(line: str) -> tuple[str, bool, bool] | None:
    match = _HEADER_RE.match(line)
    if not match:
        return None
    try:
        path = tomllib.loads(f"{match.group(2)} = 0")
    except tomllib.TOMLDecodeError:
        return None
    name = next(iter(path))
    return name, match.group(1) == "[[", isinstance(path[name], dict)


@functools.lru_cache(maxsize=8192)
def _plain_cached(text: str) -> dict:
    return tomllib.loads(text)


def _plain_piece(text: str) -> dict:
    try:
        return _plain_cached(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        return {}


def _merge(into: dict, more: dict) -> None:
    for key, value in more.items():
        if key in into and isinstance(into[key], dict) and isinstance(value, dict):
            _merge(into[key], value)
        elif key in into and isinstance(into[key], list) and isinstance(value, list):
            into[key].extend(value)
        else:
            into[key] = value


def _same(a, b) -> bool:
    """Equal data, with nan equal to nan (a modder's nan must not make a file uneditable)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b


def parse_piece(text: str) -> tomlkit.TOMLDocument:
    """A piece as a tomlkit document to change; NotEditable if tomlkit would not write it back
    byte for byte (then the editor leaves it alone rather than rewrite it)."""
    document = tomlkit.parse(text)
    if document.as_string() != text:
        raise NotEditable("tomlkit would rewrite this table; edit it in a text editor")
    return document


# The level `last-orbit edit --new` starts from: it validates and can be won.
NEW_LEVEL = """\
# {id}: made with `last-orbit edit --new {id}`. Units are SI: metres, kilograms, seconds;
# y points up. levels/README.md documents every field.

[level]
id = "{id}"
name = "{name}"
format = 1
author = ""
description = ""
par_seconds = 30.0

[world]
bounds = [-20.0, -15.0, 20.0, 15.0]
background = "earth"

[player]
spawn = [0.0, 0.0]
mode = "iva"

[[zones]]
id = "goal"
rect = [4.0, -1.0, 6.0, 1.0]
label = "Goal"

[[objectives]]
id = "reach-goal"
kind = "reach"
zone = "goal"
label = "Reach the goal"
"""
