"""Every level the game can find: the shipped pack and the player's own levels folder.

A broken level is listed with its first problem; it never stops the others from loading. A
broken pack.toml is listed too, as an entry of its own with its first problem (its folder's
levels are then in file-name order), so the player learns why the order is lost.
The shipped benchmark pack (levels/bench) is a tool, not something to play: it is listed only
when asked for (`levels --bench`), though its levels are always found by id or path.

A level in a folder of the player's levels folder (an installed pack, or one of their own) is
named `folder/level-id`, so it never shadows a shipped level nor another pack's. A player's level
whose own id is a shipped level's is listed with a clash note: `play arrival` is the shipped
one, theirs is played by its path or `folder/arrival`. Hidden folders (`.install-*`, a pack
being installed) are not looked into."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from game.levels.loader import load_level
from game.levels.model import Level
from game.levels.packs import PACK_FILE, load_pack
from game.levels.problems import LevelError
from game.paths import shipped_levels_dir, user_levels_dir


@dataclass(frozen=True)
class CatalogEntry:
    path: Path
    pack: str
    level: Level | None
    error: str | None
    # The folder of the player's levels folder the level is in ('pack-name'), or None.
    folder: str | None = None
    clash: str | None = None  # why its id is not the one to play it by (a shipped level's)

    @property
    def id(self) -> str:
        """The name to play it by: its id, or `folder/id` for a level in a pack folder of the
        player's levels folder."""
        if self.level:
            own = self.level.info.id
        else:
            # 'pack.toml' for a broken pack file: never mistaken for a level id (no '.').
            own = self.path.name if self.is_pack_file else self.path.stem
        return f"{self.folder}/{own}" if self.folder else own

    @property
    def is_pack_file(self) -> bool:
        """A broken pack.toml, listed so the player sees its problem; never a level to play."""
        return self.level is None and self.path.name == PACK_FILE

    @property
    def name(self) -> str:
        if self.level:
            return self.level.info.name
        return self.path.name if self.is_pack_file else self.path.stem

    @property
    def valid(self) -> bool:
        return self.level is not None

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "pack": self.pack,
            "par_seconds": self.level.info.par_seconds if self.level else None,
            "path": str(self.path),
            "valid": self.valid,
            "error": self.error,
            "clash": self.clash,
        }


def _pack_order(folder: Path) -> tuple[str, list[str], CatalogEntry | None]:
    """(title, ordered level ids, None) from pack.toml; a missing one orders by file name, and
    so does a broken one, which comes back as an entry naming its first problem."""
    path = folder / PACK_FILE
    if not path.exists() and not path.is_symlink():
        return folder.name, [], None
    try:
        pack = load_pack(path)
    except LevelError as exc:
        return folder.name, [], CatalogEntry(path, folder.name, None, str(exc.problems[0]))
    return pack.title, list(pack.order), None


def scan_folder(folder: Path, named: str | None = None) -> list[CatalogEntry]:
    """The levels in `folder`, in pack order; `named`: the folder name their ids go under."""
    if not folder.is_dir():
        return []
    title, order, broken_pack = _pack_order(folder)
    if broken_pack is not None and named:
        broken_pack = replace(broken_pack, folder=named)
    entries = []
    for path in sorted(folder.glob("*.toml")):
        if path.name == PACK_FILE:
            continue
        try:
            entries.append(CatalogEntry(path, title, load_level(path), None, named))
        except LevelError as exc:
            entries.append(CatalogEntry(path, title, None, str(exc.problems[0]), named))
    rank = {level_id: index for index, level_id in enumerate(order)}
    entries.sort(key=lambda e: (rank.get(_own_id(e), len(rank)), e.path.name))
    broken_pack = broken_pack or _order_problem(folder, title, entries, named)
    return [broken_pack, *entries] if broken_pack else entries


def _order_problem(folder: Path, title: str, entries: list, named: str | None):
    """A readable pack.toml whose order names a level not in its folder, as `validate` says it:
    listed as a broken pack file, the order still ranking the levels it does name."""
    path = folder / PACK_FILE
    if not path.is_file():
        return None
    try:
        load_pack(path, [_own_id(entry) for entry in entries])
    except LevelError as exc:
        return CatalogEntry(path, title, None, str(exc.problems[0]), named)
    return None


def _own_id(entry: CatalogEntry) -> str:
    """The id the level file itself gives (what a pack.toml's order names)."""
    return entry.level.info.id if entry.level else entry.path.stem


def _packs_in(folder: Path) -> list[Path]:
    """The folder itself and each sub-folder that is a pack (has a pack.toml)."""
    if not folder.is_dir():
        return []
    subs = sorted(p for p in folder.iterdir() if p.is_dir() and (p / "pack.toml").is_file())
    return [folder, *subs]


BENCH_PACK_FOLDER = "bench"


def bench_levels_dir() -> Path:
    return shipped_levels_dir() / BENCH_PACK_FOLDER


def scan_all(bench: bool = False) -> list[CatalogEntry]:
    """The shipped campaign first, then other shipped packs (the benchmarks only with bench),
    then the player's own levels and each pack folder among them. A user folder without
    pack.toml is scanned too."""
    entries = []
    for folder in _packs_in(shipped_levels_dir()):
        if folder == bench_levels_dir() and not bench:
            continue
        entries += scan_folder(folder)
    shipped = {entry.id for entry in entries if entry.valid}
    if not bench:  # its ids are found by `play` too: a player's level may not take them
        shipped |= _ids_in(bench_levels_dir())
    user = user_levels_dir()
    yours = scan_folder(user)
    if user.is_dir():
        for sub in sorted(p for p in user.iterdir() if p.is_dir() and not _hidden(p)):
            yours += scan_folder(sub, named=sub.name)
    return entries + [_with_clash(entry, shipped) for entry in yours]


def _ids_in(folder: Path) -> set[str]:
    """The ids the shipped level files in `folder` give, read without checking them (the
    benchmark levels take a second to check; their ids take milliseconds)."""
    ids = set()
    for path in folder.glob("*.toml"):
        try:
            level_id = tomllib.loads(path.read_text("utf-8"))["level"]["id"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if isinstance(level_id, str):
            ids.add(level_id)
    return ids


def _hidden(folder: Path) -> bool:
    return folder.name.startswith(".")


def _with_clash(entry: CatalogEntry, shipped: set[str]) -> CatalogEntry:
    """A player's level whose own id is a shipped level's, noted: that id plays the shipped."""
    if entry.level is None or entry.level.info.id not in shipped:
        return entry
    own = entry.level.info.id
    way = f"'{entry.id}'" if entry.folder else f"its path ({entry.path})"
    note = (
        f"id '{own}' is a shipped level's: 'play {own}' plays the shipped one; play this by {way}"
    )
    return replace(entry, clash=note)


def find_level(name: str) -> Path | None:
    """A level file by id (shipped first, then the user's: a pack's as `folder/id`) or by
    path."""
    path = Path(name)
    if path.suffix == ".toml" and path.is_file():
        return path
    for entry in scan_all(bench=True):
        if entry.id == name and not entry.is_pack_file:
            return entry.path
    return None


def pack_folder_of(path: Path) -> str | None:
    """The name of the folder of the player's levels folder that the level file at `path` is
    in (its pack: the level goes by `name/id`), or None."""
    try:
        folder = Path(path).resolve().parent
        user = user_levels_dir().resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    return folder.name if folder.parent == user and not _hidden(folder) else None


def pack_names_for(name: str, entries: list[CatalogEntry]) -> list[str]:
    """The `folder/id` names of pack levels whose own id is `name` (for 'did you mean')."""
    return [e.id for e in entries if e.folder and e.level and e.level.info.id == name]
