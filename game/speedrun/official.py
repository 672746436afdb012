"""Official levels: the SHA-256 of every shipped level, as this version of the game shipped it.

The table lives in the package (official_levels.py, written by this module's generator), not
in the levels folder read at run time: a player who edits an installed level changes the
folder, and must not make the edited level official by doing so. A leaderboard verifying on a
clean install of a release therefore knows exactly which content is official.

    python -m game.speedrun.official          rewrite game/speedrun/official_levels.py
    python -m game.speedrun.official --check  exit 1 if it is out of date

Run it after changing any shipped level (tests/test_official.py fails until it is)."""

from __future__ import annotations

import sys
from pathlib import Path

from game.speedrun.official_levels import OFFICIAL_LEVELS

TABLE_FILE = Path(__file__).with_name("official_levels.py")
SOURCE_LEVELS_DIR = Path(__file__).resolve().parents[2] / "levels"


def official_sha256(level_id: str) -> str | None:
    """The SHA-256 of the shipped level with this id, or None for an id the game never shipped."""
    return OFFICIAL_LEVELS.get(level_id)


def is_official(level_id: str, sha256: str) -> bool:
    """Is this exactly the content the game shipped under this id?"""
    return OFFICIAL_LEVELS.get(level_id) == sha256


def is_official_level(level) -> bool:
    return is_official(level.info.id, level.sha256)


def is_modified_level(level) -> bool:
    """A level with a shipped level's id and other content: an edited copy of it."""
    shipped = OFFICIAL_LEVELS.get(level.info.id)
    return shipped is not None and shipped != level.sha256


def shipped_table(levels_dir: Path = SOURCE_LEVELS_DIR) -> dict[str, str]:
    """{id: SHA-256} of the level files in the levels folder and its pack sub-folders (the
    benchmarks); ValueError for a broken level or an id used twice."""
    from game.levels.catalog import scan_folder
    from game.levels.packs import PACK_FILE

    folders = [levels_dir]
    folders += sorted(p for p in levels_dir.iterdir() if p.is_dir() and (p / PACK_FILE).is_file())
    table: dict[str, str] = {}
    for folder in folders:
        for entry in scan_folder(folder):
            if not entry.valid:
                raise ValueError(f"{entry.path}: {entry.error}")
            if entry.id in table:
                raise ValueError(f"{entry.path}: the id '{entry.id}' is shipped twice")
            table[entry.id] = entry.level.sha256
    return dict(sorted(table.items()))


def table_source(table: dict[str, str]) -> str:
    rows = "".join(f'    "{level_id}": "{sha}",\n' for level_id, sha in table.items())
    return (
        '"""Written by `python -m game.speedrun.official`: the SHA-256 of every shipped level\n'
        'file. Do not edit by hand."""\n\n'
        f"OFFICIAL_LEVELS: dict[str, str] = {{\n{rows}}}\n"
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = table_source(shipped_table())
    current = TABLE_FILE.read_text(encoding="utf-8") if TABLE_FILE.exists() else ""
    if "--check" in args:
        if text != current:
            print(f"{TABLE_FILE} is out of date: run python -m game.speedrun.official")
            return 1
        print(f"{TABLE_FILE} is up to date")
        return 0
    if text != current:
        TABLE_FILE.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {TABLE_FILE}")
    else:
        print(f"{TABLE_FILE} was already up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
