"""Resolve file paths that a level names (a backdrop image): only inside the level's own folder
or the game's asset folder. Absolute paths, `..` and links that lead out are refused, so a level
from the internet cannot make the game read anything else on the machine."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from game.paths import shipped_assets_dir

ALLOWED_SUFFIXES = {".png"}
MAX_ASSET_BYTES = 8 * 1024 * 1024


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
        return real, None
    where = " or ".join(str(root) for root in roots)
    return None, f"file not found in {where}"
