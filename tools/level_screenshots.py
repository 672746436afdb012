"""A screenshot of every shipped level in docs/, mid-run: the level is flown with its shipped
solution replay in the real window and the frame at a chosen moment is saved.

    xvfb-run -s '-screen 0 1280x720x24' python tools/level_screenshots.py [--out docs] [LEVEL...]

Writes docs/screenshot-<level-id>.png. Each shot is taken at a share of the way through the
solution (MOMENTS, else halfway), so it shows the level's art, its objects moving and the war
spreading on Earth below. With --start it writes docs/screenshot-<level-id>-start.png instead:
what a player sees in the first seconds, before touching a key (the level's card, its opening
played, the world waiting). Player data goes to a throw-away folder."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# How far through its solution each level is shot (share of the run).
MOMENTS = {
    "arrival": 0.62,
    "antenna": 0.42,
    "cut-loose": 0.35,
    "vault": 0.55,
    "diversion": 0.3,
    "life-support": 0.5,
    "free-fall": 0.3,
}


def shoot(level_id: str, out: Path) -> Path | None:
    from game.app import run
    from game.levels import load_level
    from game.sim import NEUTRAL
    from game.speedrun.shipped_solutions import solution_inputs

    level = load_level(ROOT / "levels" / f"{level_id}.toml")
    inputs = solution_inputs(level)
    if inputs is None:
        print(f"{level_id}: no solution replay for this version of the level, skipped")
        return None
    ticks = max(2, round(len(inputs) * MOMENTS.get(level_id, 0.5)))

    def source(tick: int):
        return inputs[tick] if tick < len(inputs) else NEUTRAL

    path = out / f"screenshot-{level_id}.png"
    run(
        level,
        max_frames=ticks // 2,
        screenshot=path,
        input_source=source,
        window_size=(1280, 720),
        frame_dt=1 / 60,
        sound=False,
    )
    print(f"{level_id}: {path} (tick {ticks})")
    return path


START_SECONDS = 2.0  # after the level opens (after its opening, if it has one)


def shoot_start(level_id: str, out: Path) -> Path:
    from game.app import run
    from game.levels import load_level
    from game.sim import NEUTRAL

    level = load_level(ROOT / "levels" / f"{level_id}.toml")
    frames = round((level.opening.seconds + START_SECONDS) * 60)
    path = out / f"screenshot-{level_id}-start.png"
    run(
        level,
        max_frames=frames,
        screenshot=path,
        input_source=lambda tick: NEUTRAL,
        window_size=(1280, 720),
        frame_dt=1 / 60,
        sound=False,
    )
    print(f"{level_id}: {path} (first seconds, no input yet)")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("levels", nargs="*", help="level ids (default: every shipped level)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--start", action="store_true", help="the first seconds, before input")
    args = parser.parse_args()
    os.environ.setdefault("LAST_ORBIT_HOME", tempfile.mkdtemp(prefix="last-orbit-shots-"))
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    ids = args.levels or sorted(
        p.stem for p in (ROOT / "levels").glob("*.toml") if p.name != "pack.toml"
    )
    args.out.mkdir(parents=True, exist_ok=True)
    for level_id in ids:
        (shoot_start if args.start else shoot)(level_id, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
