"""`last-orbit edit LEVEL | FILE | --new ID`: the level editor on one level file; leaving
the editor ends the program.

`--new ID` writes a new level file in the user levels folder from a minimal template that
validates (a spawn, a goal zone and the objective to reach it), then opens it."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from game.editor.copies import editable_path
from game.editor.document import NEW_LEVEL, Document
from game.editor.navigation import EditorNavigation, open_session
from game.editor.scene import EditorScene
from game.levels import LevelError, load_level_bytes
from game.levels.loader import ID_RE
from game.paths import user_levels_dir
from game.render import palette
from game.storage import atomic_write_text

if TYPE_CHECKING:
    from game.app import App
    from game.scenes.base import Scene

UNSAVED_SUFFIX = ".unsaved"


class NewLevelError(ValueError):
    pass


def new_level(level_id: str, folder: Path | None = None) -> Path:
    """Write the template for a new level `level_id` in the user levels folder (or
    `folder`); NewLevelError when the id is not valid or the file exists."""
    folder = folder if folder is not None else user_levels_dir()
    path = folder / f"{level_id}.toml"
    if not ID_RE.fullmatch(level_id):
        raise NewLevelError(
            f"'{level_id}' is not a level id: use lower-case letters, digits, '-' and '_' "
            "(at most 64)"
        )
    try:
        text = Document.new(level_id, path).text()
        load_level_bytes(text.encode("utf-8"), str(path), folder)
    except LevelError as exc:
        reasons = "; ".join(p.message for p in exc.problems)
        raise NewLevelError(f"'{level_id}' cannot be a level id: {reasons}") from None
    if path.exists():
        raise NewLevelError(f"{path} already exists: edit it with 'last-orbit edit {path}'")
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="") as out:
        out.write(text)
    return path


class EditLevel:
    wants_sound = False

    def __init__(self, path: str | Path):
        """Raises ValueError naming why the file cannot be edited."""
        path, self.copy_note = editable_path(Path(path))
        opened = open_session(path)
        if isinstance(opened, str):
            raise ValueError(opened)
        self.session, self.level = opened
        if self.level is None:
            # Broken from the start: draw an empty space around the spawn until it loads.
            self.level = _blank_level()

    def begin(self, app: App) -> Scene:
        self.editor = editor = EditorScene(app, self.session, self.level)
        if self.copy_note:
            app.notices.add(self.copy_note, palette.WARN, 10.0)
        app.navigation = EditorNavigation(app, editor)
        app.now.keep_records(None)  # playtests keep no records: the level is being made
        return editor

    def exit_code(self, app: App) -> int:
        """The window closed: unsaved work it closed on is kept beside the file."""
        editor = getattr(self, "editor", None)
        if editor is not None and self.session.dirty and not editor.discarded:
            keep_unsaved(self.session)
        return 0


def keep_unsaved(session) -> Path | None:
    """Write the unsaved document to `<file>.unsaved` (never read as a level: not .toml)
    and say where; None when even that cannot be written."""
    path = session.path.with_name(session.path.name + UNSAVED_SUFFIX)
    try:
        atomic_write_text(path, session.text())
    except OSError as exc:
        print(f"last-orbit: unsaved changes lost: {exc.strerror or exc}", file=sys.stderr)
        return None
    print(
        f"last-orbit: the window closed with unsaved changes; they are in {path} "
        f"(rename it to {session.path.name} to use them)",
        file=sys.stderr,
    )
    return path


def _blank_level():
    """Empty space, drawn while a file that never loaded is being fixed."""
    text = NEW_LEVEL.format(id="blank", name="Blank")
    level = load_level_bytes(text.encode("utf-8"), "<blank>")
    return dataclasses.replace(level, zones=(), objectives=())
