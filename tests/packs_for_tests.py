"""Tiny level packs for the publish and install tests, with author replays flown in the
simulation (each level is "survive 1 s": holding USE from the first tick finishes it)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

from game.levels import load_level
from game.sim import RUNNING, USE, TickInput, build_world, step
from game.speedrun.replay import Recorder, dumps

LEVEL = """[level]
id = "{id}"
name = "{name}"
author = "Tester"
format = 1

[world]
bounds = [-10, -10, 10, 10]
{backdrop}
[player]
spawn = [0, 0]

[[objectives]]
kind = "survive"
seconds = 1
"""

PACK = 'title = "Tiny Pack"\norder = {order}\nauthor = "Me"\nversion = "1.2"\n'


def level_text(level_id: str, backdrop: str | None = None) -> str:
    line = f'backdrop = "{backdrop}"\n' if backdrop else ""
    return LEVEL.format(id=level_id, name=level_id.title(), backdrop=line)


def png_bytes(width: int = 8, height: int = 4) -> bytes:
    """A small valid PNG of one grey."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def author_replay(level_path: Path, infinite_o2: bool = False, ticks: int | None = None) -> str:
    """The author's run of the level: USE held from the first tick until it ends (or for
    `ticks` ticks: a run cut short)."""
    world = build_world(load_level(level_path), infinite_o2=infinite_o2)
    recorder = Recorder(world)
    count = 0
    while world.status == RUNNING and (ticks is None or count < ticks):
        inp = TickInput(buttons=USE)
        step(world, inp)
        recorder.record(inp, world)
        count += 1
    return dumps(recorder.finish(world))


def make_pack(folder: Path, ids=("alpha", "beta"), replays: bool = True, image: bool = False):
    """A pack folder with a level per id (alpha with a backdrop PNG when `image`), its
    pack.toml (the levels in reverse order) and, with `replays`, an author replay per level."""
    folder.mkdir(parents=True, exist_ok=True)
    order = ", ".join(f'"{level_id}"' for level_id in reversed(ids))
    (folder / "pack.toml").write_text(PACK.format(order=f"[{order}]"))
    if image:
        (folder / "art").mkdir(exist_ok=True)
        (folder / "art" / "sky.png").write_bytes(png_bytes())
    for level_id in ids:
        backdrop = "art/sky.png" if image and level_id == "alpha" else None
        path = folder / f"{level_id}.toml"
        path.write_text(level_text(level_id, backdrop))
        if replays:
            add_replay(folder, level_id)
    return folder


def add_replay(folder: Path, level_id: str, **kwargs) -> Path:
    (folder / "replays").mkdir(exist_ok=True)
    path = folder / "replays" / f"{level_id}.replay"
    path.write_text(author_replay(folder / f"{level_id}.toml", **kwargs))
    return path


def zip_of(members: list[tuple], compress=zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of (name, bytes) or (name, bytes, unix mode) members, in the order given
    (duplicates kept: the writer warns, the archive holds both)."""
    import warnings

    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name"
        with zipfile.ZipFile(buffer, "w") as archive:
            for member in members:
                name, data = member[0], member[1]
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = compress
                info.create_system = 3
                info.external_attr = (member[2] if len(member) > 2 else 0o100644) << 16
                archive.writestr(info, data)
    return buffer.getvalue()


def members_of(archive: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(archive) as zf:
        return {name: zf.read(name) for name in zf.namelist()}
