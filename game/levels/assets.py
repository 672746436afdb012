"""Resolve file paths that a level names (a backdrop image): only inside the level's own folder
or the game's asset folder. Absolute paths, `..` and links that lead out are refused, so a level
from the internet cannot make the game read anything else on the machine."""

from __future__ import annotations

import os
import stat
import struct
from pathlib import Path, PurePosixPath

from game.paths import shipped_assets_dir
from game.player_files import UnreadableFile, read_player_file

ALLOWED_SUFFIXES = {".png"}
MAX_ASSET_BYTES = 8 * 1024 * 1024
# A small file can hold a huge picture (a PNG of one colour compresses a thousandfold), and
# decoding allocates every pixel: so the size is read from the header before anything decodes
# it. 4096 x 2048 (a 4K screen's width, twice over in height) decodes in a tenth of a second, and
# the game then peaks at 140 MB, within its 200 MB budget (4096 x 4096: 210 MB).
MAX_IMAGE_PIXELS = 4096 * 2048
# The backdrop is scaled to cover the window: a thin strip would be blown up far beyond it.
MAX_IMAGE_ASPECT = 4

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def resolve_asset(value: str, level_dir: Path | None) -> tuple[Path | None, str | None]:
    """(path, None) when the asset is allowed and exists, else (None, why not)."""
    if "\x00" in value or len(value) > 255:
        return None, "is not a usable file name"
    if "\\" in value or ":" in value:
        return None, "use forward slashes and a relative path (no drive letters)"
    relative = PurePosixPath(value)
    if relative.is_absolute():
        return None, "must be a path relative to the level's folder, not an absolute path"
    if ".." in relative.parts:
        return None, "may not contain '..': assets must be inside the level's folder"
    if relative.suffix.lower() not in ALLOWED_SUFFIXES:
        return None, f"must be one of: {', '.join(sorted(ALLOWED_SUFFIXES))}"
    roots = [root for root in (level_dir, shipped_assets_dir()) if root is not None]
    for root in roots:
        candidate = root / relative
        try:
            if not candidate.exists():
                continue
        except (OSError, ValueError):  # a name too long for this file system, ...
            return None, "is not a usable file name"
        real_root = root.resolve()
        real = candidate.resolve()
        if not real.is_relative_to(real_root):
            return None, "is a link that leads outside the level's folder"
        if not real.is_file():
            return None, "is not a file"
        if real.stat().st_size > MAX_ASSET_BYTES:
            return None, f"is larger than {MAX_ASSET_BYTES // (1024 * 1024)} MiB"
        problem = image_problem(real)
        if problem:
            return None, problem
        return real, None
    where = " or ".join(str(root) for root in roots)
    return None, f"file not found in {where}"


def png_size(header: bytes) -> tuple[int, int] | None:
    """(width, height) from the first 24 bytes of a PNG file, or None if they are not a PNG's
    (its signature, then the IHDR chunk that must come first)."""
    if len(header) < 24 or not header.startswith(_PNG_SIGNATURE) or header[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", header[16:24])


def image_problem(path: Path) -> str | None:
    """Why the image at `path` may not be decoded, read from its header alone, or None. Only a
    regular file is opened (a named pipe would block), and only its first bytes are read.
    Decoders guess the format from the content, not the name, so the content must be a PNG."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return "is not a file"
        header = os.read(fd, 24)
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    finally:
        os.close(fd)
    return header_problem(header)


def header_problem(header: bytes) -> str | None:
    """Why an image starting with `header` may not be decoded, or None."""
    size = png_size(header)
    if size is None:
        return "is not a PNG image (a backdrop must be a PNG)"
    width, height = size
    if width == 0 or height == 0:
        return "is a PNG of no pixels"
    if width * height > MAX_IMAGE_PIXELS:
        return (
            f"is {width:,}×{height:,} pixels; the limit is {MAX_IMAGE_PIXELS:,} pixels "
            "(4096×2048), so that it loads quickly and fits in memory"
        )
    if max(width, height) > MAX_IMAGE_ASPECT * min(width, height):
        return (
            f"is {width:,}×{height:,} pixels; a backdrop can be at most {MAX_IMAGE_ASPECT} times "
            "as long as it is wide (it is scaled to cover the window)"
        )
    return None


def read_image_bytes(path: Path) -> bytes | str:
    """The bytes of the image at `path` to decode, checked from the very bytes read (the file
    may have been swapped since the level was loaded), or why it may not be decoded."""
    try:
        data = read_player_file(path, MAX_ASSET_BYTES)
    except UnreadableFile as exc:
        return str(exc)
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    return header_problem(data[:24]) or data
