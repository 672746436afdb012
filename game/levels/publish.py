"""`last-orbit pack publish DIR`: a pack folder made into one archive that others can install,
and only once its author has finished every level (TrackMania's rule for a track).

The pack folder, which is also what the archive holds (an installed pack is the same folder):

    pack.toml                   title, order, author, version (game.levels.packs)
    <name>.toml                 the levels
    replays/<level-id>.replay   the author's run of each level: a completed, unassisted replay
                                that verifies on that exact level file
    <path>.png                  backdrops the levels name (relative to the folder)
    manifest.json               written by publish: what the pack is and the SHA-256 of each file

The archive is a zip: the standard library reads it entry by entry, each entry's name, type
and sizes are in the central directory before anything is decompressed (so the installer
judges the whole archive first), and a zip has no hard links or devices. It is written
deterministically (sorted entries, fixed timestamps and permissions, one compression level), so
publishing the same folder twice gives the same bytes."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from game import __version__
from game.levels.loader import load_level
from game.levels.model import Level
from game.levels.packs import PACK_FILE, load_pack
from game.levels.problems import LevelError
from game.sim.physics_version import PHYSICS_VERSION
from game.speedrun.timefmt import format_ticks

MANIFEST_FILE = "manifest.json"
MANIFEST_FORMAT = "last-orbit-pack"
PACK_FORMAT_VERSION = 1  # of the archive and its manifest
REPLAYS_FOLDER = "replays"
REPLAY_SUFFIX = ".replay"
# The fixed stamp of every entry (zip's earliest date), so the bytes do not depend on when.
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
ZIP_FILE_MODE = 0o644
COMPRESS_LEVEL = 9
# A path in a pack: parts of letters, digits, '.', '_', '-' (no spaces, no leading dot), a
# few folders deep. The same rule on both sides, so what publishes also installs.
PART = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
MAX_DEPTH = 4
# The installed folder's name: a slug, safe on every file system and in a level's
# `pack-name/level-id`.
PACK_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,47}")


class PublishError(Exception):
    """The pack cannot be published; `lines` say every reason (file:line:col where known)."""

    def __init__(self, lines: list[str]):
        super().__init__(lines[0] if lines else "cannot publish")
        self.lines = lines


@dataclass(frozen=True)
class Published:
    path: Path
    manifest: dict


def slug(text: str) -> str:
    """'My Pack: Part 2' -> 'my-pack-part-2' (empty when nothing usable is left)."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:48].strip("-")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def path_problem(name: str) -> str | None:
    """Why `name` (a '/'-separated path in a pack) is not one a pack may hold, or None."""
    if "\\" in name or ":" in name or "\x00" in name:
        return "uses '\\', ':' or NUL (names are relative with '/')"
    if name.startswith("/"):
        return "is an absolute path"
    parts = PurePosixPath(name).parts
    if ".." in name.split("/"):
        return "goes up a folder ('..')"
    if not parts or len(parts) > MAX_DEPTH or any(not PART.fullmatch(p) for p in parts):
        return (
            "is not a pack file name (letters, digits, '.', '_', '-'; no leading dot; "
            f"at most {MAX_DEPTH} folders deep)"
        )
    return None


def kind_of(name: str) -> str | None:
    """What a pack file at `name` is: manifest, pack, level, replay, image; None if a pack
    holds no such file."""
    parts = PurePosixPath(name).parts
    suffix = PurePosixPath(name).suffix.lower()
    if name == MANIFEST_FILE:
        return "manifest"
    if name == PACK_FILE:
        return "pack"
    if len(parts) == 1 and suffix == ".toml":
        return "level"
    if len(parts) == 2 and parts[0] == REPLAYS_FOLDER and suffix == REPLAY_SUFFIX:
        return "replay"
    if suffix == ".png":
        return "image"
    return None


def author_replay_name(level_id: str) -> str:
    return f"{REPLAYS_FOLDER}/{level_id}{REPLAY_SUFFIX}"


def check_author_replay(replay_path: Path, level: Level) -> tuple[int | None, str | None]:
    """(the author's time in ticks, None) when the replay at `replay_path` is a completed,
    unassisted run that verifies on exactly this level; else (None, why not)."""
    from game.speedrun.replay import ReplayError, load
    from game.speedrun.verify import verify

    try:
        replay = load(replay_path)
    except ReplayError as exc:
        return None, f"unreadable: {exc}"
    if replay.level_id != level.info.id:
        return None, f"is a run of level '{replay.level_id}', not '{level.info.id}'"
    if replay.level_sha256 != level.sha256:
        return None, "was recorded on another version of the level (its SHA-256 differs)"
    if replay.assist.assisted:
        return None, "is an assisted run (slow motion or infinite O2): an author run has none"
    if not replay.result.completed:
        return None, "is not a completed run"
    verdict = verify(replay, level)
    if not verdict.verified:
        return None, f"does not verify: {verdict.message}"
    return replay.result.ticks, None


def _pb_hint(level: Level, path: Path) -> str:
    """Where the author's own best run of this level is, to copy in, if the game kept one."""
    from game.speedrun.attempts import replays_dir
    from game.speedrun.records import level_content, load_records

    try:
        records, _ = load_records(level.info.id, level_content(level))
    except (OSError, ValueError):
        records = None
    if records is None or records.pb_replay is None:
        return f" (finish it with 'last-orbit play {path}', then copy in the run the game saves)"
    return f" (your PB run of it is {replays_dir(level.info.id) / records.pb_replay})"


def _files_of(folder: Path) -> tuple[dict[str, Path], list[str]]:
    """The pack's files by archive name, and problems with what is there."""
    files: dict[str, Path] = {}
    problems: list[str] = []
    for path in sorted(folder.glob("*.toml")):
        files[path.name] = path
    replays = folder / REPLAYS_FOLDER
    if replays.is_dir():
        for path in sorted(replays.glob(f"*{REPLAY_SUFFIX}")):
            files[f"{REPLAYS_FOLDER}/{path.name}"] = path
    for name, path in files.items():
        problem = path_problem(name)
        if problem:
            problems.append(f"{path}: the file name {problem}")
        elif path.is_symlink() or not path.is_file():
            problems.append(f"{path}: not a regular file (a pack holds no links)")
    return files, problems


def check_pack(folder: Path) -> tuple[dict, dict[str, bytes]]:
    """(the manifest, the archive's files by name) of the pack in `folder`, checked as
    publishing requires; PublishError listing every problem otherwise."""
    folder = Path(folder)
    if not folder.is_dir():
        raise PublishError([f"{folder}: no such folder"])
    files, problems = _files_of(folder)
    if PACK_FILE not in files:
        raise PublishError([f"{folder}: no {PACK_FILE} (a pack needs one: title, order, author)"])
    levels: list[tuple[str, Level]] = []
    for name in sorted(n for n in files if kind_of(n) == "level"):
        try:
            levels.append((name, load_level(files[name])))
        except LevelError as exc:
            problems += [str(p) for p in exc.problems]
    if not levels and not problems:
        problems.append(f"{folder}: no level files (*.toml) in the pack")
    ids = [level.info.id for _, level in levels]
    try:
        pack = load_pack(files[PACK_FILE], ids)
    except LevelError as exc:
        problems += [str(p) for p in exc.problems]
        pack = None
    seen: dict[str, str] = {}
    for name, level in levels:
        other = seen.setdefault(level.info.id, name)
        if other != name:
            problems.append(f"{files[name]}: level id '{level.info.id}' is also {other}'s")
    folded = {}
    for name in files:
        clash = folded.setdefault(name.casefold(), name)
        if clash != name:
            problems.append(f"{files[name]}: differs from {clash} only by case")
    entries: list[dict] = []
    for name, level in levels:
        replay_name = author_replay_name(level.info.id)
        replay_path = folder / replay_name
        if replay_name not in files:
            hint = _pb_hint(level, files[name])
            problems.append(f"{files[name]}: no author replay {replay_path}{hint}")
            continue
        ticks, why = check_author_replay(replay_path, level)
        if why:
            problems.append(f"{replay_path}: the author replay {why}")
            continue
        entries.append(
            {
                "id": level.info.id,
                "name": level.info.name,
                "file": name,
                "sha256": level.sha256,
                "author_replay": replay_name,
                "author_ticks": ticks,
                "author_time": format_ticks(ticks),
            }
        )
        if level.world.backdrop is not None:
            image = _own_image(folder, level.world.backdrop)
            problem = path_problem(image) if image is not None else None
            if problem:
                problems.append(f"{files[name]}: the backdrop's file name {problem}")
            elif image is not None:
                files[image] = folder / image
    wanted = {author_replay_name(level.info.id) for _, level in levels}
    unused = [n for n in files if kind_of(n) == "replay" and n not in wanted]
    for name in unused:
        problems.append(f"{files[name]}: a replay of no level in the pack (remove it)")
    if problems:
        raise PublishError(problems)
    name = slug(pack.title) or slug(folder.resolve().name)
    if not PACK_NAME.fullmatch(name):
        raise PublishError([f"{files[PACK_FILE]}: the title gives no usable pack name"])
    contents = {n: files[n].read_bytes() for n in sorted(files)}
    order = {level_id: i for i, level_id in enumerate(pack.order)}
    entries.sort(key=lambda e: (order.get(e["id"], len(order)), e["file"]))
    manifest = {
        "format": MANIFEST_FORMAT,
        "format_version": PACK_FORMAT_VERSION,
        "name": name,
        "title": pack.title,
        "author": pack.author or ", ".join(sorted({lv.info.author for _, lv in levels} - {""})),
        "version": pack.version or "1",
        "level_format": max(level.info.format for _, level in levels),
        "physics": PHYSICS_VERSION,
        "game_version": __version__,
        "levels": entries,
        "files": [{"path": n, "sha256": sha256(d), "bytes": len(d)} for n, d in contents.items()],
    }
    return manifest, contents


def _own_image(folder: Path, backdrop: Path) -> str | None:
    """The archive name of a backdrop inside the pack folder; None for the game's own assets
    (every install has those)."""
    try:
        relative = backdrop.resolve().relative_to(folder.resolve())
    except ValueError:
        return None
    return relative.as_posix()


def manifest_bytes(manifest: dict) -> bytes:
    return (json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=True) + "\n").encode()


def archive_bytes(manifest: dict, contents: dict[str, bytes]) -> bytes:
    """The zip of the pack: entries sorted by name, the manifest among them."""
    members = dict(contents)
    members[MANIFEST_FILE] = manifest_bytes(manifest)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, wherever it is made, so the bytes are the same
            info.external_attr = (0o100000 | ZIP_FILE_MODE) << 16  # a regular file, rw-r--r--
            archive.writestr(info, members[name], compresslevel=COMPRESS_LEVEL)
    return buffer.getvalue()


def publish(folder: Path, output: Path | None = None) -> Published:
    """Check the pack in `folder` and write its archive (default `<name>-<version>.zip` in the
    current folder); PublishError when it cannot be published, OSError when it cannot be
    written."""
    manifest, contents = check_pack(Path(folder))
    if output is None:
        version = re.sub(r"[^A-Za-z0-9._-]+", "-", manifest["version"]).strip(".-")[:32]
        output = Path(f"{manifest['name']}-{version or '1'}.zip")
    _write_whole(Path(output), archive_bytes(manifest, contents))
    return Published(Path(output), manifest)


def _write_whole(path: Path, data: bytes) -> None:
    """Write beside, then rename over: an interrupted publish never leaves half an archive."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        mask = os.umask(0)  # read and put back: mkstemp's file is private, an archive is not
        os.umask(mask)
        os.chmod(temp, 0o666 & ~mask)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
