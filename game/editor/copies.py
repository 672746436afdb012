"""A shipped level is never edited in place: the game's own files stay as shipped (in an
installed game they are not the player's to change), so the editor opens the player's copy in
their levels folder, with an id of its own so it never clashes with the shipped level's."""

from __future__ import annotations

from pathlib import Path

from game.editor import operations
from game.editor.document import Document, ThingRef
from game.paths import shipped_levels_dir, user_levels_dir

COPY_SUFFIX = "-copy"


def is_shipped(path: Path) -> bool:
    try:
        return path.resolve().is_relative_to(shipped_levels_dir().resolve())
    except OSError:
        return False


def editable_path(path: Path) -> tuple[Path, str | None]:
    """The file to edit for `path`, and what to tell the player (None: `path` itself). A
    shipped level becomes `<id>-copy.toml` in the levels folder, made once and reopened after."""
    if not is_shipped(path):
        return path, None
    document = Document.open(path)
    level = document.table("level")
    copy_id = f"{level['id']}{COPY_SUFFIX}"
    target = user_levels_dir() / f"{copy_id}.toml"
    if target.exists():
        return target, f"Editing your copy of {level['id']}: {target}"
    name = f"{level['name']} (copy)"
    operations.set_field(document, ThingRef("level"), "id", copy_id).apply(document)
    operations.set_field(document, ThingRef("level"), "name", name).apply(document)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(target)
    return target, f"Shipped levels are never changed: editing your copy {target}"
