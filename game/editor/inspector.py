"""The inspector: every field of one thing of the level (a wall, the [player] table, an
objective, a trigger...), its value as written or its default, the validator's messages next
to the field they are about, and a text entry to change a value.

Values are typed as in the file (`1.5`, `[2.0, 3.0]`, `true`, `{do = "message", text = "hi"}`);
a vector may leave out its brackets (`2, 3`) and a name its quotes. A value that is not even of
the field's type is refused here with the reason; one of the right type that the validator
rejects (out of range, an unknown zone) is kept, and its message shows until it is fixed."""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass

import pygame

from game.editor.session import MISSING, is_warning
from game.levels import Problem
from game.levels import fields as F
from game.render import palette, text

Ref = tuple[str, int | None]


class Refused(ValueError):
    """A typed value the field cannot take, with the reason."""


# -- values -------------------------------------------------------------------------------------


def show(value) -> str:
    """A value as the file would hold it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(round(value, 6)) if math.isfinite(value) else str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_quoted(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_quoted(v)}" for k, v in value.items()) + "}"
    return str(value)


def _quoted(value) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return show(value)


def parse(field: F.Field, typed: str):
    """The value typed for this field; MISSING (back to the default) for an empty entry of an
    optional field; Refused when it is not of the field's type."""
    raw = typed.strip()
    if not raw:
        if field.required:
            raise Refused(f"{field.name} is required")
        return MISSING
    kind = field.kind
    if kind in ("string", "id", "ref", "enum", "asset"):
        if raw.startswith('"'):
            value = _toml(raw, field)
            if not isinstance(value, str):
                raise Refused(f"{field.name} expects text")
            return value
        return raw
    if kind == "boolean":
        lowered = raw.lower()
        if lowered in ("true", "yes", "on", "1"):
            return True
        if lowered in ("false", "no", "off", "0"):
            return False
        raise Refused(f"{field.name} expects true or false, not '{raw}'")
    if kind in ("number", "integer"):
        try:
            value = int(raw) if kind == "integer" else float(raw)
        except ValueError:
            what = "a whole number" if kind == "integer" else "a number"
            raise Refused(f"{field.name} expects {what}, not '{raw}'") from None
        if not math.isfinite(value):
            raise Refused(f"{field.name} expects a finite number")
        return value
    if kind in ("vec2", "rect", "points"):
        if not raw.startswith("["):
            raw = f"[{raw}]"
        value = _toml(raw, field)
        want = {"vec2": 2, "rect": 4}.get(kind)
        if not isinstance(value, list):
            raise Refused(f"{field.name} expects a list")
        if want is not None:
            if len(value) != want or not all(_is_number(v) for v in value):
                raise Refused(f"{field.name} expects {want} numbers, like {_example(kind)}")
            return [float(v) for v in value]
        if not all(isinstance(p, list) and len(p) == 2 and all(map(_is_number, p)) for p in value):
            raise Refused(f"{field.name} expects points, like [[0, 0], [2, 0], [2, 1]]")
        return [[float(x), float(y)] for x, y in value]
    if kind == "actions":
        if not raw.startswith("["):
            raw = f"[{raw}]"
        value = _toml(raw, field)
        if not isinstance(value, list) or not all(isinstance(a, dict) for a in value):
            raise Refused(f'{field.name} expects tables, like [{{do = "message", text = "hi"}}]')
        return value
    return _toml(raw, field)


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _example(kind: str) -> str:
    return "[1.5, -2]" if kind == "vec2" else "[0, 0, 2, 1]"


def _toml(raw: str, field: F.Field):
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError as exc:
        reason = str(exc).split(" (at")[0]
        raise Refused(f"{field.name}: cannot read '{raw}': {reason}") from None


# -- problems -----------------------------------------------------------------------------------


def path_of(ref: Ref) -> str:
    section, index = ref
    return section if index is None else f"{section}[{index}]"


def problems_about(problems, ref: Ref) -> tuple[list[Problem], dict[str, list[Problem]]]:
    """(problems about the thing as a whole, problems per field name) of one thing."""
    prefix = path_of(ref)
    whole: list[Problem] = []
    per_field: dict[str, list[Problem]] = {}
    for problem in problems:
        where = problem.field
        if where == prefix:
            whole.append(problem)
        elif where.startswith(prefix + "."):
            key = where[len(prefix) + 1 :].split(".")[0].split("[")[0]
            per_field.setdefault(key, []).append(problem)
    return whole, per_field


def refs_with_problems(problems) -> set[Ref]:
    """The things that problems are about (by their field paths)."""
    found: set[Ref] = set()
    for problem in problems:
        head = problem.field.split(".")[0]
        if "[" in head:
            name, _, rest = head.partition("[")
            try:
                found.add((name, int(rest.rstrip("]"))))
            except ValueError:
                continue
        elif head:
            found.add((head, None))
    return found


# -- the panel ----------------------------------------------------------------------------------


@dataclass
class Row:
    key: str
    field: F.Field
    value: object  # MISSING when not written
    problems: list[Problem]
    rect: pygame.Rect | None = None


class TextEntry:
    """One line of typed text (the value being edited)."""

    def __init__(self, initial: str):
        self.text = initial
        self.cursor = len(initial)

    def key(self, event) -> str | None:
        """'enter', 'cancel', or None (the text changed or nothing happened)."""
        key = event.key
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return "enter"
        if key == pygame.K_ESCAPE:
            return "cancel"
        if key == pygame.K_BACKSPACE:
            if self.cursor > 0:
                self.text = self.text[: self.cursor - 1] + self.text[self.cursor :]
                self.cursor -= 1
        elif key == pygame.K_DELETE:
            self.text = self.text[: self.cursor] + self.text[self.cursor + 1 :]
        elif key == pygame.K_LEFT:
            self.cursor = max(0, self.cursor - 1)
        elif key == pygame.K_RIGHT:
            self.cursor = min(len(self.text), self.cursor + 1)
        elif key == pygame.K_HOME:
            self.cursor = 0
        elif key == pygame.K_END:
            self.cursor = len(self.text)
        elif key == pygame.K_a and event.mod & pygame.KMOD_CTRL:
            self.text, self.cursor = "", 0  # clear: start the value again
        else:
            typed = getattr(event, "unicode", "")
            if typed and typed.isprintable():
                self.text = self.text[: self.cursor] + typed + self.text[self.cursor :]
                self.cursor += len(typed)
        return None


class Inspector:
    """The fields of `ref` in a panel; a click on a field starts editing it."""

    WIDTH = 360

    def __init__(self):
        self.ref: Ref | None = None
        self.rows: list[Row] = []
        self.whole: list[Problem] = []
        self.editing: str | None = None  # the field being typed
        self.entry: TextEntry | None = None
        self.refusal = ""  # why the last typed value was not taken
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.buttons: dict[str, pygame.Rect] = {}
        # The ids a reference field may name, by the sections it names (set by the scene).
        self.ids_of = lambda sections: []

    def show(self, ref: Ref | None, entry: dict, problems) -> None:
        if ref != self.ref:
            self.stop()
            self.refusal = ""
        self.ref = ref
        self.rows = []
        self.whole = []
        if ref is None:
            return
        try:
            section = F.section(ref[0])
        except KeyError:
            return
        self.whole, per_field = problems_about(problems, ref)
        fields = list(section.fields)
        if ref[0] == "triggers":  # the actions last, as they are written
            fields.sort(key=lambda f: f.kind == "actions")
        for f in fields:
            self.rows.append(Row(f.name, f, entry.get(f.name, MISSING), per_field.pop(f.name, [])))
        for stray in per_field.values():  # unknown keys: said at the top
            self.whole.extend(stray)

    def start(self, key: str) -> bool:
        for row in self.rows:
            if row.key == key:
                self.editing = key
                self.entry = TextEntry("" if row.value is MISSING else show(row.value))
                self.refusal = ""
                return True
        return False

    def hint_for(self, field: F.Field) -> str:
        """What a field takes: its choices, the ids it may name, its unit and range, its doc."""
        if field.choices:
            return "one of: " + ", ".join(field.choices)
        if field.kind == "ref":
            names = self.ids_of(field.ref)
            return ("one of: " + ", ".join(names)) if names else f"no {'/'.join(field.ref)} yet"
        limits = []
        if field.minimum is not None:
            limits.append(f"{'>' if field.exclusive_minimum else '≥'} {field.minimum:g}")
        if field.maximum is not None:
            limits.append(f"≤ {field.maximum:g}")
        unit = f" {field.unit}" if field.unit else ""
        bounds = f" ({', '.join(limits)}{unit})" if limits else (f" ({field.unit})" if unit else "")
        return f"{field.doc}{bounds} Enter applies, Esc cancels, empty resets."

    def stop(self) -> None:
        self.editing = None
        self.entry = None

    def field(self, key: str) -> F.Field | None:
        for row in self.rows:
            if row.key == key:
                return row.field
        return None

    def row_at(self, pos) -> str | None:
        for row in self.rows:
            if row.rect is not None and row.rect.collidepoint(pos):
                return row.key
        return None

    def button_at(self, pos) -> str | None:
        for name, rect in self.buttons.items():
            if rect.collidepoint(pos):
                return name
        return None

    # -- drawing ----------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, title: str, top: int, buttons: tuple[str, ...]) -> None:
        """The panel, only as tall as what it shows: the map below it still takes clicks."""
        u = text.ui_scale(surface.get_size())
        width = round(self.WIDTH * u)
        x = surface.get_width() - width
        bottom = surface.get_height() - round(34 * u)
        pad = round(10 * u)
        size = round(17 * u)
        small = round(15 * u)
        inner = width - 2 * pad
        key_w = round(118 * u)
        line_h = round(22 * u)
        button_h = round(24 * u)
        ops: list = []  # what to draw, laid out first so the panel can fit it

        def put(words, font_size, pos, color, anchor="topleft"):
            ops.append(lambda: text.blit(surface, words, font_size, pos, color, anchor=anchor))

        y = top + pad
        put(text.fit(title, round(20 * u), inner), round(20 * u), (x + pad, y), palette.TEXT)
        y += round(26 * u)
        notes = [(p.message, palette.WARN if is_warning(p) else palette.BAD) for p in self.whole]
        if self.refusal:
            notes.append((f"Refused: {self.refusal}", palette.WARN))
        for message, color in notes:
            for line in text.wrap(message, small, inner):
                put(line, small, (x + pad, y), color)
                y += round(18 * u)
        room = width - pad - key_w - pad
        for row in self.rows:
            if y > bottom - line_h - button_h - 2 * pad:
                put("…", size, (x + pad, y), palette.TEXT_DIM)
                y += line_h
                for rest in self.rows[self.rows.index(row) :]:
                    rest.rect = None
                break
            rect = pygame.Rect(x + pad // 2, y - 2, width - pad, line_h)
            row.rect = rect
            editing = row.key == self.editing and self.entry is not None
            if editing:
                ops.append(lambda rect=rect: pygame.draw.rect(surface, (40, 60, 100), rect))
            color = palette.TEXT_DIM
            if row.problems:
                color = palette.WARN if all(map(is_warning, row.problems)) else palette.BAD
            key_text = row.key + ("*" if row.field.required else "")
            put(text.fit(key_text, small, key_w - 4), small, (x + pad, y), color)
            vx = x + pad + key_w
            if editing:
                assert self.entry is not None
                typed = (
                    self.entry.text[: self.entry.cursor]
                    + "|"
                    + self.entry.text[self.entry.cursor :]
                )
                put(text.fit(typed[-70:], size, room), size, (vx, y), palette.TEXT)
            elif row.value is MISSING:
                default = row.field.default
                note = "(none)" if default in (None, "") else f"({show(default)})"
                put(text.fit(note, small, room), small, (vx, y), palette.TEXT_DIM)
            else:
                put(text.fit(show(row.value), size, room), size, (vx, y), palette.TEXT)
            y += line_h
            if editing:  # what the field takes, under the value being typed
                for line in text.wrap(self.hint_for(row.field), small, inner - round(12 * u)):
                    put(line, small, (x + pad + round(12 * u), y), palette.TEXT_DIM)
                    y += round(18 * u)
            for problem in row.problems:
                tone = palette.WARN if is_warning(problem) else palette.BAD
                for line in text.wrap(problem.message, small, inner - round(12 * u)):
                    put(line, small, (x + pad + round(12 * u), y), tone)
                    y += round(18 * u)
        self.buttons = {}
        if buttons:
            y += pad // 2
            bx = x + pad
            for name in buttons:
                label = text.render(name, small, palette.TEXT)
                rect = pygame.Rect(bx, y, label.get_width() + pad, button_h)

                def button(rect=rect, label=label):
                    pygame.draw.rect(surface, (50, 70, 110), rect, border_radius=4)
                    surface.blit(label, (rect.x + pad // 2, rect.y + round(3 * u)))

                ops.append(button)
                self.buttons[name] = rect
                bx = rect.right + pad
            y += button_h
        self.rect = pygame.Rect(x, top, width, y + pad - top)
        panel = pygame.Surface(self.rect.size, pygame.SRCALPHA)
        panel.fill((8, 12, 24, 215))
        surface.blit(panel, self.rect.topleft)
        for op in ops:
            op()


class Overview:
    """With nothing selected: the level's own tables, its objectives and its triggers as a
    clickable list (a click opens one in the inspector)."""

    WIDTH = Inspector.WIDTH

    def __init__(self):
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.rows: list[tuple[pygame.Rect, Ref]] = []
        self.buttons: dict[str, pygame.Rect] = {}

    def at(self, pos) -> Ref | str | None:
        for rect, ref in self.rows:
            if rect.collidepoint(pos):
                return ref
        for name, rect in self.buttons.items():
            if rect.collidepoint(pos):
                return name
        return None

    def draw(self, surface: pygame.Surface, top: int, lines, buttons: tuple[str, ...]) -> None:
        """lines: (ref or None for a heading, text, color)."""
        u = text.ui_scale(surface.get_size())
        width = round(self.WIDTH * u)
        x = surface.get_width() - width
        pad = round(10 * u)
        small = round(16 * u)
        line_h = round(22 * u)
        height = pad * 3 + line_h * (len(lines) + 1) + round(24 * u)
        self.rect = pygame.Rect(x, top, width, height)
        panel = pygame.Surface(self.rect.size, pygame.SRCALPHA)
        panel.fill((8, 12, 24, 215))
        surface.blit(panel, self.rect.topleft)
        y = top + pad
        self.rows = []
        for ref, words, color in lines:
            if ref is None:
                y += pad // 2
                text.blit(surface, words, round(18 * u), (x + pad, y), palette.TEXT)
            else:
                rect = pygame.Rect(x + pad // 2, y - 2, width - pad, line_h)
                self.rows.append((rect, ref))
                text.blit(
                    surface, text.fit(words, small, width - 3 * pad), small, (x + 2 * pad, y), color
                )
            y += line_h
        self.buttons = {}
        bx = x + pad
        y += pad // 2
        for name in buttons:
            label = text.render(name, small, palette.TEXT)
            rect = pygame.Rect(bx, y, label.get_width() + pad, round(24 * u))
            pygame.draw.rect(surface, (50, 70, 110), rect, border_radius=4)
            surface.blit(label, (rect.x + pad // 2, rect.y + round(3 * u)))
            self.buttons[name] = rect
            bx = rect.right + pad
