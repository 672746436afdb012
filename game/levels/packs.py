"""Level packs: a folder of levels with a pack.toml giving its title and level order.

title = "My pack"
order = ["first-level", "second-level"]
author = "Me"        # optional; read by `last-orbit pack publish` for the manifest
version = "1.0"      # optional; the same
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from game.levels.problems import LevelError, Problem, parse_toml, shown, suggestion
from game.player_files import UnreadableFile, read_player_file

PACK_FILE = "pack.toml"
MAX_PACK_BYTES = 256 * 1024  # a title and a list of level ids
_KEYS = ("title", "order", "author", "version")


@dataclass(frozen=True)
class Pack:
    title: str
    order: tuple[str, ...]
    author: str = ""
    version: str = ""


def load_pack(path: Path, level_ids: list[str] | None = None) -> Pack:
    """Read and check a pack.toml; with `level_ids` (those in its folder), check the order too."""
    source = str(path)
    try:
        text = read_player_file(path, MAX_PACK_BYTES).decode("utf-8")
    except UnreadableFile as exc:
        raise LevelError([Problem(source, str(exc))]) from None
    except OSError as exc:
        raise LevelError(
            [Problem(source, f"cannot read the file: {exc.strerror or exc}")]
        ) from None
    except UnicodeDecodeError:
        raise LevelError([Problem(source, "not a text file")]) from None
    data = parse_toml(text, source)
    problems = []

    def problem(message: str, key: str, field: str | None = None) -> Problem:
        line, col = _key_position(text, key)
        return Problem(source, message, field or shown(key), line, col)

    for key in data:
        if key not in _KEYS:
            problems.append(problem(f"unknown key '{shown(key)}'{suggestion(key, _KEYS)}", key))
    title = data.get("title", Path(path).parent.name)
    if not isinstance(title, str):
        problems.append(problem("must be a string", "title"))
        title = Path(path).parent.name
    author, version = data.get("author", ""), data.get("version", "")
    for key, value in (("author", author), ("version", version)):
        if not isinstance(value, str):
            problems.append(problem("must be a string", key))
    order = data.get("order", [])
    if not isinstance(order, list) or not all(isinstance(i, str) for i in order):
        problems.append(problem("must be an array of level ids", "order"))
        order = []
    seen = set()
    for number, level_id in enumerate(order):
        if level_id in seen:
            problems.append(
                problem(f"'{shown(level_id)}' is listed twice", "order", f"order[{number}]")
            )
        seen.add(level_id)
        if level_ids is not None and level_id not in level_ids:
            problems.append(
                problem(
                    f"no level '{shown(level_id)}' in this folder{suggestion(level_id, level_ids)}",
                    "order",
                    f"order[{number}]",
                )
            )
    if problems:
        raise LevelError(problems)
    return Pack(title, tuple(order), author, version)


def _key_position(text: str, key: str) -> tuple[int | None, int | None]:
    """(line, column) of `key = ...` in pack.toml's text, 1-based, or (None, None)."""
    pattern = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        match = pattern.match(line)
        if match:
            return number, len(line) - len(line.lstrip()) + 1
    return None, None
