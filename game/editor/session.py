"""The level file being edited, as the editor's scenes use it: an adapter over the document
model and its reversible operations (game.editor.document, game.editor.operations), in the
terms the scenes think in: (section, index) pairs, plain values, one undo step per gesture.

    session = EditSession.open(path)
    session.set_fields([("bodies", 0, "at", [1.0, 2.0])], "move crate")   # one undo step
    ref = session.add("zones", {"id": "goal", "rect": [...]})
    session.move(refs, dx, dy); session.remove(refs); session.duplicate(refs)
    session.undo(); session.redo(); session.save()
    level, problems = session.check()     # the level now, or None and why; cached per text
"""

from __future__ import annotations

from pathlib import Path

from game.editor import operations as ops
from game.editor.document import Document, NotEditable, ThingRef
from game.levels import Level, LevelError, Problem

Ref = tuple[str, int | None]
MISSING = object()  # a field set to this is removed (back to its default)

# The document model's kind for a section the palette adds to.
KIND_OF = {
    "walls": "wall",
    "solids": "solid",
    "handholds": "rail",
    "bodies": "body",
    "movers": "mover",
    "hatches": "hatch",
    "zones": "zone",
    "items": "item",
    "objectives": "objective",
    "triggers": "trigger",
}


class EditSession:
    def __init__(self, document: Document):
        self.document = document
        self.stack = ops.UndoStack(document)
        self._judged_text: str | None = None
        self._judged: tuple[Problem, ...] = ()

    @classmethod
    def open(cls, path: str | Path) -> EditSession:
        """Raises LevelError for a file that cannot be read or is not TOML (with its line and
        column), or one the editor cannot change without risking what the modder wrote."""
        try:
            return cls(Document.open(path))
        except NotEditable as exc:
            raise LevelError([Problem(str(path), str(exc))]) from None

    @property
    def path(self) -> Path:
        return self.document.path

    # -- reading ----------------------------------------------------------------------------------

    def text(self) -> str:
        return self.document.text()

    @property
    def dirty(self) -> bool:
        return self.document.modified

    def entries(self, section: str) -> list[dict]:
        return self.document.entries(section)

    def table(self, section: str) -> dict:
        return self.document.table(section)

    def entry(self, section: str, index: int | None) -> dict:
        return self.document.entry(ThingRef(section, index))

    def check(self) -> tuple[Level | None, tuple[Problem, ...]]:
        return self.document.check()

    def winnable(self) -> tuple[Problem, ...]:
        """Whether the level as it stands can be won (game.levels.winnable): certain faults
        and likely ones (warnings); () while it does not load. Cached per text."""
        level, _ = self.check()
        if level is None:
            return ()
        text = self.text()
        if text != self._judged_text:
            self._judged_text = text
            self._judged = _judge(level, text)
        return self._judged

    @property
    def last_good(self) -> Level | None:
        return self.document.last_good

    @last_good.setter
    def last_good(self, level: Level | None) -> None:
        self.document.last_good = level

    def extent(self, ref: Ref):
        return ops.extent(self.document, ThingRef(*ref))

    # -- editing (each call is one step of undo) --------------------------------------------------

    def _do(self, edit: ops.Edit) -> list[Ref]:
        self.stack.do(edit)
        return [tuple(ref) for ref in edit.selection]

    def set_fields(self, changes, label: str = "edit") -> None:
        """changes: (section, index or None, key, value or MISSING to remove the key)."""
        steps = []
        for section, index, key, value in changes:
            ref = ThingRef(section, index)
            plain = None if value is MISSING else value
            steps.append(lambda d, ref=ref, key=key, plain=plain: ops.set_field(d, ref, key, plain))
        if steps:
            self._do(ops.combine(self.document, label, steps))

    def add(self, section: str, values: dict, label: str = "") -> Ref:
        """A new thing of the section with these values over the model's template."""
        edit = ops.add(self.document, KIND_OF[section], fields=values)
        refs = self._do(edit)
        return refs[0] if refs else (section, len(self.entries(section)) - 1)

    def move(self, refs, dx: float, dy: float) -> None:
        self._do(ops.move(self.document, [ThingRef(*r) for r in refs], dx, dy))

    def rotate(self, refs, degrees: float) -> None:
        self._do(ops.rotate(self.document, [ThingRef(*r) for r in refs], degrees))

    def resize(self, ref: Ref, rect) -> None:
        self._do(ops.resize(self.document, ThingRef(*ref), rect))

    def remove(self, refs, label: str = "delete") -> None:
        self._do(ops.delete(self.document, [ThingRef(*r) for r in refs]))

    def duplicate(self, refs, offset) -> list[Ref]:
        return self._do(ops.duplicate(self.document, [ThingRef(*r) for r in refs], offset))

    def copy(self, refs) -> ops.Clipboard:
        return ops.copy_things(self.document, [ThingRef(*r) for r in refs])

    def paste(self, clipboard: ops.Clipboard, at=None) -> list[Ref]:
        return self._do(ops.paste(self.document, clipboard, at))

    def undo(self) -> tuple[str, list[Ref]] | None:
        """Undo the last edit: (its label, what it concerned), or None."""
        edit = self.stack.undo()
        return None if edit is None else (edit.label, [tuple(r) for r in edit.selection])

    def redo(self) -> tuple[str, list[Ref]] | None:
        edit = self.stack.redo()
        return None if edit is None else (edit.label, [tuple(r) for r in edit.selection])

    def save(self) -> None:
        """Write the file atomically, valid or not (unfinished work is never lost)."""
        self.document.save()


def _judge(level: Level, text: str) -> tuple[Problem, ...]:
    try:
        from game.levels.winnable import winnable_problems
    except ModuleNotFoundError as exc:  # the checks arrive with their own module
        if exc.name != "game.levels.winnable":
            raise
        return ()
    try:
        return tuple(winnable_problems(level, text))
    except Exception as exc:  # a check that fails must not take the editor down
        return (Problem(level.source, f"the winnable-level checks failed: {exc!r}"),)


def is_warning(problem: Problem) -> bool:
    """A likely fault (the level can be played; it may not be winnable)."""
    return type(problem).__name__ == "LevelWarning"
