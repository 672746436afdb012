"""`last-orbit validate --upgrade FILE`: rewrite a level written for an older format in place,
keeping what the modder wrote.

Each format change registers a migration from format N to N + 1: a function that edits the
parsed document (tomlkit keeps comments, order and formatting of everything it does not touch).
Upgrading runs the migrations one after another from the file's format to the current one, sets
`format`, checks the result as the game reads it, and only then replaces the file, whole or not
at all. A file already at the current format is left alone; one written for a newer format, or
one that is broken (before or after upgrading), is refused and left untouched."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import tomlkit
from tomlkit.exceptions import TOMLKitError

from game.levels import fields as F
from game.levels.loader import load_level_bytes, read_level_file
from game.levels.problems import LevelError, Problem, parse_toml
from game.storage import atomic_write_text

Migration = Callable[[tomlkit.TOMLDocument], None]

# format N -> the function that rewrites a format-N document as format N + 1 (everything but
# `format` itself, which the upgrade sets). Empty while there has been one format.
MIGRATIONS: dict[int, Migration] = {}


def migration(from_format: int) -> Callable[[Migration], Migration]:
    """Register the function that upgrades a document from `from_format` to the next."""

    def register(function: Migration) -> Migration:
        if from_format in MIGRATIONS:
            raise ValueError(f"two migrations from format {from_format}")
        MIGRATIONS[from_format] = function
        return function

    return register


def set_keeping_comment(table, key: str, value) -> None:
    """table[key] = value, keeping the comment and spacing of the line it replaces."""
    old = table[key]
    new = tomlkit.item(value)
    if hasattr(old, "trivia") and hasattr(new, "trivia"):
        for field in dataclasses.fields(old.trivia):
            setattr(new.trivia, field.name, getattr(old.trivia, field.name))
    table[key] = new


@dataclass(frozen=True)
class Upgraded:
    """What the upgrade did: `changed` is False when the file was already current."""

    source: str
    old_format: int
    new_format: int

    @property
    def changed(self) -> bool:
        return self.old_format != self.new_format

    def __str__(self) -> str:
        if not self.changed:
            return f"{self.source}: already format {self.new_format}; nothing changed"
        return (
            f"{self.source}: upgraded from format {self.old_format} to {self.new_format} "
            "(comments and untouched lines kept)"
        )


def _refused(source: str, message: str, line: int | None = None) -> LevelError:
    return LevelError([Problem(source, f"not upgraded: {message}", line=line)])


def upgraded_text(text: str, source: str) -> tuple[str, int]:
    """(the text rewritten for the current format, the format it was written for). Raises
    LevelError, naming why, when it cannot or need not be upgraded safely."""
    current = F.FORMAT_VERSION
    data = parse_toml(text, source)  # syntax errors with their line and column
    info = data.get("level")
    written_for = info.get("format") if isinstance(info, dict) else None
    if type(written_for) is not int or written_for < 1:
        raise _refused(source, "[level] has no format = N (a whole number) to upgrade from")
    if written_for > current:
        raise _refused(
            source,
            f"this level is written for format {written_for}, newer than this game reads "
            f"({current}); update Last Orbit instead",
        )
    if written_for == current:
        return text, written_for
    try:
        document = tomlkit.parse(text)
    except TOMLKitError as exc:  # tomllib read it: only a disagreement between the two
        raise _refused(source, f"cannot be edited keeping its layout ({exc})") from None
    for version in range(written_for, current):
        step = MIGRATIONS.get(version)
        if step is None:
            raise _refused(source, f"no migration from format {version} to {version + 1}")
        step(document)
        set_keeping_comment(document["level"], "format", version + 1)
    return tomlkit.dumps(document), written_for


def upgrade_file(path: Path) -> Upgraded:
    """Upgrade the level at `path` in place. Raises LevelError (the file untouched) when it is
    unreadable, broken, newer than this game, or would be broken once upgraded."""
    source = str(path)
    data = read_level_file(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _refused(source, f"not a text file (invalid UTF-8 at byte {exc.start})") from None
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    new_text, written_for = upgraded_text(text.removeprefix(bom), source)
    if new_text == text.removeprefix(bom):
        return Upgraded(source, written_for, written_for)
    # The upgraded level must be one the game plays, else nothing is written.
    try:
        load_level_bytes((bom + new_text).encode("utf-8"), source, level_dir=path.parent)
    except LevelError as exc:
        raise LevelError(
            [
                Problem(
                    source,
                    "not upgraded: once upgraded it would not be valid, so the file "
                    "was left as it is:",
                ),
                *exc.problems,
            ]
        ) from None
    if os.linesep != "\n":  # the text-mode write turns each "\n" into os.linesep
        new_text = new_text.replace("\r\n", "\n")
    try:
        atomic_write_text(path, bom + new_text)
    except OSError as exc:
        raise _refused(source, f"cannot write the file: {exc.strerror or exc}") from None
    return Upgraded(source, written_for, F.FORMAT_VERSION)
