"""Every level the game can find: the shipped pack and the player's own levels folder.

A broken level is listed with its first problem; it never stops the others from loading. A
broken pack.toml is listed too, as an entry of its own with its first problem (its folder's
levels are then in file-name order), so the player learns why the order is lost.
The shipped benchmark pack (levels/bench) is a tool, not something to play: it is listed only
when asked for (`levels --bench`), though its levels are always found by id or path."""

from __future__ import annotations

from dataclasses import dataclass
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

    @property
    def id(self) -> str:
        if self.level:
            return self.level.info.id
        # 'pack.toml' for a broken pack file: never mistaken for a level id, which has no '.'.
        return self.path.name if self.is_pack_file else self.path.stem

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


def scan_folder(folder: Path) -> list[CatalogEntry]:
    if not folder.is_dir():
        return []
    title, order, broken_pack = _pack_order(folder)
    entries = []
    for path in sorted(folder.glob("*.toml")):
        if path.name == PACK_FILE:
            continue
        try:
            entries.append(CatalogEntry(path, title, load_level(path), None))
        except LevelError as exc:
            entries.append(CatalogEntry(path, title, None, str(exc.problems[0])))
    rank = {level_id: index for index, level_id in enumerate(order)}
    entries.sort(key=lambda e: (rank.get(e.id, len(rank)), e.path.name))
    broken_pack = broken_pack or _order_problem(folder, title, entries)
    return [broken_pack, *entries] if broken_pack else entries


def _order_problem(folder: Path, title: str, entries: list):
    """A readable pack.toml whose order names a level not in its folder, as `validate` says it:
    listed as a broken pack file, the order still ranking the levels it does name."""
    path = folder / PACK_FILE
    if not path.is_file():
        return None
    try:
        load_pack(path, [entry.id for entry in entries])
    except LevelError as exc:
        return CatalogEntry(path, title, None, str(exc.problems[0]))
    return None


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
    user = user_levels_dir()
    entries += scan_folder(user)
    if user.is_dir():
        for sub in sorted(p for p in user.iterdir() if p.is_dir()):
            entries += scan_folder(sub)
    return entries


def find_level(name: str) -> Path | None:
    """A level file by id (shipped first, then the user's) or by path."""
    path = Path(name)
    if path.suffix == ".toml" and path.is_file():
        return path
    for entry in scan_all(bench=True):
        if entry.id == name and not entry.is_pack_file:
            return entry.path
    return None
