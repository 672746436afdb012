"""`last-orbit pack install FILE`: a published pack (game.levels.publish) installed into the
player's levels folder under the pack's name, or refused whole with one clear reason.

Everything is judged before anything is kept: the archive's entries (names, types, sizes,
compression ratio, count) from its central directory, then each file's bytes read with a cap
against the manifest's SHA-256, then the levels validated and the author replays verified in
a hidden temporary folder beside the target, which is then renamed into place (a rename
within one folder is atomic): the pack is either wholly installed or not at all.

An installed pack keeps its manifest.json, which says which files it owns: `--replace`
swaps in the new version only when every file in the old folder is one of those and unchanged
(a player's own file or edit there is never thrown away)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from game.levels.assets import header_problem
from game.levels.fields import MAX_FILE_BYTES
from game.levels.loader import load_level
from game.levels.packs import MAX_PACK_BYTES, PACK_FILE, load_pack
from game.levels.problems import LevelError
from game.levels.publish import (
    MANIFEST_FILE,
    MANIFEST_FORMAT,
    PACK_FORMAT_VERSION,
    PACK_NAME,
    author_replay_name,
    check_author_replay,
    kind_of,
    path_problem,
    sha256,
)
from game.paths import user_levels_dir
from game.player_files import UnreadableFile, read_player_file
from game.sim.physics_version import PHYSICS_VERSION

MAX_ARCHIVE_BYTES = 64 * 1024 * 1024
MAX_ENTRIES = 256  # a campaign-sized pack has a few dozen files
MAX_TOTAL_BYTES = 64 * 1024 * 1024  # uncompressed, all files together
MAX_MANIFEST_BYTES = 1024 * 1024
# Text deflates 5 to 20 times; a file much larger than it is packed is a bomb. Checked above
# a size where a bomb could matter (a small file of blanks may deflate further, harmlessly).
MAX_RATIO = 100
RATIO_CHECKED_FROM = 64 * 1024
MAX_TEXT = 200  # characters of a title, author or version


def _max_bytes(kind: str) -> int:
    from game.levels.assets import MAX_ASSET_BYTES
    from game.speedrun.replay import MAX_REPLAY_BYTES

    return {
        "manifest": MAX_MANIFEST_BYTES,
        "pack": MAX_PACK_BYTES,
        "level": MAX_FILE_BYTES,
        "replay": MAX_REPLAY_BYTES,
        "image": MAX_ASSET_BYTES,
    }[kind]


class InstallRefused(Exception):
    """One line saying why the pack was not installed."""


@dataclass(frozen=True)
class Installed:
    name: str
    folder: Path
    manifest: dict
    replaced: bool


def install(archive_path: Path, replace: bool = False) -> Installed:
    """Install the pack archive at `archive_path`; InstallRefused (nothing written) otherwise."""
    files = _read_archive(Path(archive_path))
    manifest = _check_manifest(files)
    levels_dir = user_levels_dir()
    target = levels_dir / manifest["name"]
    _check_target(levels_dir, target, replace)
    created = not levels_dir.exists()
    try:
        levels_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".install-", dir=levels_dir))
        staging.chmod(0o755)  # mkdtemp's is private; the pack is an ordinary folder
    except OSError as exc:
        raise InstallRefused(f"cannot write to {levels_dir}: {exc.strerror or exc}") from None
    try:
        _write(staging, files)
        _check_installed(staging, manifest)
        replaced = _place(staging, target, replace)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if created:
            with contextlib.suppress(OSError):
                levels_dir.rmdir()
        raise
    return Installed(manifest["name"], target, manifest, replaced)


# -- the archive ---------------------------------------------------------------------------------


def _read_archive(path: Path) -> dict[str, bytes]:
    """Every file of the archive by name, after its entries were judged as a whole."""
    try:
        data = read_player_file(path, MAX_ARCHIVE_BYTES)
    except UnreadableFile as exc:
        raise InstallRefused(str(exc)) from None
    except OSError as exc:
        raise InstallRefused(f"cannot read it: {exc.strerror or exc}") from None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InstallRefused(
            "not a pack archive (a zip made by 'last-orbit pack publish')"
        ) from None
    with archive:
        infos = [info for info in archive.infolist() if not _is_safe_folder(info)]
        _judge_entries(infos)
        files = {}
        for info in infos:
            files[info.filename] = _read_entry(archive, info)
    return files


def _is_safe_folder(info: zipfile.ZipInfo) -> bool:
    """A folder entry some zip tools add: nothing to write, once its name is harmless."""
    name = info.filename
    return name.endswith("/") and info.file_size == 0 and path_problem(name[:-1]) is None


def _judge_entries(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ENTRIES:
        raise InstallRefused(f"{len(infos):,} entries; a pack holds at most {MAX_ENTRIES}")
    seen: dict[str, str] = {}
    total = 0
    for info in infos:
        name = info.filename
        shown = json.dumps(name[:100])
        problem = path_problem(name) if not name.endswith("/") else "is a folder"
        if problem:
            raise InstallRefused(f"entry {shown} {problem}")
        mode = info.external_attr >> 16
        if mode and info.create_system == 3 and not stat.S_ISREG(mode):
            what = "a link" if stat.S_ISLNK(mode) else "a device or special file"
            raise InstallRefused(f"entry {shown} is {what}; a pack holds only regular files")
        folded = name.casefold()
        if folded in seen:
            same = (
                "twice"
                if seen[folded] == name
                else f"and {json.dumps(seen[folded])} differ only by case"
            )
            raise InstallRefused(f"entry {shown} is in the archive {same}")
        seen[folded] = name
        kind = kind_of(name)
        if kind is None:
            raise InstallRefused(f"entry {shown} is not a kind of file a pack holds")
        if info.flag_bits & 0x1:
            raise InstallRefused(f"entry {shown} is encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise InstallRefused(f"entry {shown} uses a compression this game does not read")
        packed = max(info.compress_size, 1)
        if info.file_size >= RATIO_CHECKED_FROM and info.file_size > MAX_RATIO * packed:
            raise InstallRefused(
                f"entry {shown} unpacks {info.file_size // packed:,} times its packed size "
                f"(at most {MAX_RATIO}): a compression bomb"
            )
        if info.file_size > _max_bytes(kind):
            raise InstallRefused(
                f"entry {shown} is {info.file_size:,} bytes; a {kind} file is at most "
                f"{_max_bytes(kind):,}"
            )
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise InstallRefused(f"unpacks to more than {MAX_TOTAL_BYTES:,} bytes")


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The entry's bytes, read no further than its declared size (a lying header is caught)."""
    shown = json.dumps(info.filename[:100])
    try:
        with archive.open(info) as member:
            data = member.read(info.file_size + 1)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, RuntimeError, NotImplementedError):
        raise InstallRefused(f"entry {shown} is corrupt") from None
    except Exception as exc:  # noqa: BLE001 - zlib.error and the like: a corrupt entry
        raise InstallRefused(f"entry {shown} is corrupt ({type(exc).__name__})") from None
    if len(data) != info.file_size:
        raise InstallRefused(f"entry {shown} is not the size the archive says")
    return data


# -- the manifest --------------------------------------------------------------------------------


def _check_manifest(files: dict[str, bytes]) -> dict:
    """The manifest, checked against the archive's contents (every file and its SHA-256)."""
    if MANIFEST_FILE not in files:
        raise InstallRefused(f"no {MANIFEST_FILE}: not a published pack")
    try:
        manifest = json.loads(files[MANIFEST_FILE].decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InstallRefused(f"{MANIFEST_FILE} is not readable JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        raise InstallRefused(f"{MANIFEST_FILE} is not a Last Orbit pack manifest")
    version = manifest.get("format_version")
    if type(version) is not int or version > PACK_FORMAT_VERSION or version < 1:
        raise InstallRefused(
            f"pack format {_shown(version)}: this game reads format {PACK_FORMAT_VERSION}"
            " (a newer game made it?)"
        )
    name = manifest.get("name")
    if not isinstance(name, str) or not PACK_NAME.fullmatch(name):
        raise InstallRefused(f"the pack name {_shown(name)} is not a safe folder name")
    for key in ("title", "author", "version"):
        value = manifest.get(key)
        if not isinstance(value, str) or len(value) > MAX_TEXT:
            raise InstallRefused(f"the manifest's {key} is not a text of at most {MAX_TEXT}")
    if manifest.get("physics") != PHYSICS_VERSION:
        raise InstallRefused(
            f"made for physics {_shown(manifest.get('physics'))}, this game has physics "
            f"{PHYSICS_VERSION}: its author replays cannot verify here"
        )
    listed = manifest.get("files")
    if not isinstance(listed, list) or not all(
        isinstance(f, dict) and isinstance(f.get("path"), str) for f in listed
    ):
        raise InstallRefused("the manifest's file list is malformed")
    by_path = {f["path"]: f for f in listed}
    contents = set(files) - {MANIFEST_FILE}
    if set(by_path) != contents or len(by_path) != len(listed):
        extra = sorted(contents - set(by_path)) or sorted(set(by_path) - contents)
        raise InstallRefused(
            f"the manifest does not list exactly the archive's files ({_shown(extra[:1])})"
        )
    for path, entry in by_path.items():
        if entry.get("sha256") != sha256(files[path]):
            raise InstallRefused(f"{path}: its SHA-256 is not the manifest's (changed or damaged)")
    for path, data in files.items():
        problem = header_problem(data[:24]) if kind_of(path) == "image" else None
        if problem:
            raise InstallRefused(f"{path} {problem}")
    _check_level_list(manifest, files)
    return manifest


def _check_level_list(manifest: dict, files: dict[str, bytes]) -> None:
    levels = manifest.get("levels")
    if not isinstance(levels, list) or not levels:
        raise InstallRefused("the manifest lists no levels")
    named = set()
    for entry in levels:
        if not isinstance(entry, dict):
            raise InstallRefused("the manifest's level list is malformed")
        level_id, file = entry.get("id"), entry.get("file")
        if not isinstance(level_id, str) or not isinstance(file, str) or file not in files:
            raise InstallRefused(f"the manifest names a level not in the archive: {_shown(file)}")
        if kind_of(file) != "level" or entry.get("sha256") != sha256(files[file]):
            raise InstallRefused(f"{file}: its SHA-256 is not the manifest's level hash")
        if entry.get("author_replay") != author_replay_name(level_id) or (
            entry["author_replay"] not in files
        ):
            raise InstallRefused(f"{file}: no author replay {author_replay_name(level_id)}")
        ticks = entry.get("author_ticks")
        if type(ticks) is not int or ticks < 0:
            raise InstallRefused(f"{file}: the author time is not a tick count")
        named |= {file, entry["author_replay"]}
    for path in files:
        if kind_of(path) in ("level", "replay") and path not in named:
            raise InstallRefused(f"{path}: in the archive but not a level of the manifest")
    if PACK_FILE not in files:
        raise InstallRefused(f"no {PACK_FILE} in the archive")


def _shown(value) -> str:
    return json.dumps(value)[:80]


# -- the folder ----------------------------------------------------------------------------------


def _check_target(levels_dir: Path, target: Path, replace: bool) -> None:
    if levels_dir.is_symlink() or (levels_dir.exists() and not levels_dir.is_dir()):
        raise InstallRefused(f"{levels_dir} is not a folder")
    with contextlib.suppress(OSError):
        for other in levels_dir.iterdir():
            if other.name != target.name and other.name.casefold() == target.name.casefold():
                raise InstallRefused(f"{other} differs from the pack's name only by case")
    if not os.path.lexists(target):
        return
    if target.is_symlink() or not target.is_dir():
        raise InstallRefused(f"{target} exists and is not a pack folder")
    old = _installed_manifest(target)
    if not replace:
        what = f"version {old.get('version')}" if old else "a folder of that name"
        raise InstallRefused(
            f"{target} is already installed ({_shown(what)[1:-1]}); --replace to replace it"
        )
    if old is None:
        raise InstallRefused(f"{target} was not installed from a pack: it is not replaced")
    foreign = _files_not_owned(target, old)
    if foreign:
        raise InstallRefused(
            f"{target} holds files the pack does not own or that were changed "
            f"({', '.join(foreign[:3])}): move them out first"
        )


def _installed_manifest(folder: Path) -> dict | None:
    try:
        manifest = json.loads(read_player_file(folder / MANIFEST_FILE, MAX_MANIFEST_BYTES))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        return None
    return manifest


def _files_not_owned(folder: Path, manifest: dict) -> list[str]:
    """Names under `folder` that are not the installed pack's files as it installed them."""
    owned = {
        f["path"]: f.get("sha256")
        for f in manifest.get("files", [])
        if isinstance(f, dict) and isinstance(f.get("path"), str)
    }
    foreign = []
    for root, dirs, names in os.walk(folder):
        for name in names + [d for d in dirs if Path(root, d).is_symlink()]:
            path = Path(root, name)
            relative = path.relative_to(folder).as_posix()
            if relative == MANIFEST_FILE:
                continue
            try:
                same = owned.get(relative) == sha256(read_player_file(path, MAX_TOTAL_BYTES))
            except OSError:
                same = False
            if not same:
                foreign.append(relative)
    return sorted(foreign)


def _write(staging: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = staging.joinpath(*PurePosixPath(name).parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "xb") as out:  # never through a link, never over a file
            out.write(data)


def _check_installed(staging: Path, manifest: dict) -> None:
    """Every level validates and every author replay verifies, as installed."""
    ids = []
    for entry in manifest["levels"]:
        path = staging / entry["file"]
        try:
            level = load_level(path)
        except LevelError as exc:
            raise InstallRefused(
                f"{entry['file']}: {_relative(exc.problems[0], staging)}"
            ) from None
        if level.info.id != entry["id"]:
            raise InstallRefused(
                f"{entry['file']}: its id is '{level.info.id}', not the manifest's"
            )
        ticks, why = check_author_replay(staging / entry["author_replay"], level)
        if why:
            raise InstallRefused(f"{entry['author_replay']}: the author replay {why}")
        if ticks != entry["author_ticks"]:
            raise InstallRefused(f"{entry['file']}: the author time is not the replay's")
        ids.append(level.info.id)
    try:
        load_pack(staging / PACK_FILE, ids)
    except LevelError as exc:
        raise InstallRefused(_relative(exc.problems[0], staging)) from None


def _relative(problem, staging: Path) -> str:
    """A problem's text without the temporary folder's path."""
    return str(problem).replace(str(staging) + os.sep, "")


def _place(staging: Path, target: Path, replace: bool) -> bool:
    """Rename the checked folder into place; with `replace`, the old one out first (and back if
    the new one cannot go in). True when an old install was replaced."""
    if not os.path.lexists(target):
        try:
            staging.rename(target)
        except OSError as exc:
            raise InstallRefused(f"cannot install into {target}: {exc.strerror or exc}") from None
        return False
    if not replace:
        raise InstallRefused(f"{target} appeared meanwhile; --replace to replace it")
    old = Path(tempfile.mkdtemp(prefix=".replaced-", dir=target.parent))
    old.rmdir()
    try:
        target.rename(old)
    except OSError as exc:
        raise InstallRefused(f"cannot replace {target}: {exc.strerror or exc}") from None
    try:
        staging.rename(target)
    except OSError as exc:
        old.rename(target)
        raise InstallRefused(f"cannot replace {target}: {exc.strerror or exc}") from None
    shutil.rmtree(old, ignore_errors=True)
    return True
