"""Regenerate the screenshots in docs/ by flying the shipped levels with scripted input and
walking the menus with posted key presses, as a player would.

    xvfb-run -s '-screen 0 1280x720x24' python tools/screenshots.py [--out docs] [--only NAME]

Arrival is flown by a pilot that reads the world headless, tick by tick; its inputs are
recorded and the window then replays them (the simulation is deterministic), so every shot is
the same each time. Antenna is flown with its shipped solution replay. Player data (records,
replays, settings) goes to a throw-away folder, seeded with PBs so the level select shows
medals and the results show deltas.

The menus: screenshot-title.png, screenshot-level-select.png, screenshot-settings.png,
screenshot-pause.png, screenshot-results.png (Antenna finished from the level select).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.levels import load_level  # noqa: E402
from game.sim import TICK, TickInput, build_world, step  # noqa: E402


class ArrivalPilot:
    """Grab the first rail, push off along the lab, then thrust through Node 1 to the cupola."""

    def __init__(self):
        self.phase = "reach"
        self.timer = 0
        self.waypoints = [(9.0, 0.0), (10.6, 0.0), (12.8, -0.6), (12.8, -7.3)]

    def __call__(self, world) -> TickInput:
        a = world.astronaut
        x, y = a.body.position
        vx, vy = a.body.velocity
        if self.phase == "reach":
            if a.hold is not None:
                self.phase, self.timer = "aim", 0
                return TickInput.from_analog(0.0, 0.0, grab=True)
            return TickInput.from_analog(0.0, -1.0, grab=True)
        if self.phase == "aim":
            self.timer += 1
            # Swing the aim round from up to along the lab, as a player lining up would.
            t = min(1.0, self.timer / 60)
            angle = math.radians(70.0 * (1.0 - t))
            strength = 0.6
            aim = (math.cos(angle) * strength, math.sin(angle) * strength)
            if self.timer >= 90:
                self.phase = "fly"
                return TickInput.from_analog(*aim, grab=False)
            return TickInput.from_analog(*aim, grab=True)
        if not self.waypoints:
            return TickInput()
        wx, wy = self.waypoints[0]
        dx, dy = wx - x, wy - y
        dist = math.hypot(dx, dy)
        if dist < 0.4 and len(self.waypoints) > 1:
            self.waypoints.pop(0)
            return self(world)
        speed = 1.3 if len(self.waypoints) > 2 else 1.1
        if len(self.waypoints) == 2:
            speed = min(speed, 0.3 + 0.8 * dist)
        want = (dx / dist * speed, dy / dist * speed) if dist > 1e-6 else (0.0, 0.0)
        ex, ey = want[0] - vx, want[1] - vy
        err = math.hypot(ex, ey)
        if err < 0.04:
            return TickInput()
        gain = min(1.0, err / (a.spec.thrust * TICK * 6))
        turn = 0.0
        facing = math.atan2(vy, vx) if math.hypot(vx, vy) > 0.3 else a.body.angle
        diff = (facing - a.body.angle + math.pi) % math.tau - math.pi
        turn = max(-1.0, min(1.0, diff * 1.5))
        return TickInput.from_analog(ex / err * gain, ey / err * gain, turn)


def record(level, pilot, max_ticks: int = 120 * 60) -> list[TickInput]:
    world = build_world(level)
    inputs = []
    while world.status == "running" and len(inputs) < max_ticks:
        inp = pilot(world)
        inputs.append(inp)
        step(world, inp)
    print(
        f"pilot: {world.status} after {world.tick} ticks, run {world.run_ticks} ticks, "
        f"propellant left {world.astronaut.propellant:.2f} m/s",
        file=sys.stderr,
    )
    return inputs


def seed_records(level_id: str, splits: list[int], home: Path) -> None:
    """A PB a little slower than `splits`, and best segments with one faster than this run, so
    the results show deltas ahead of the PB, a gold segment and a sum of best."""
    pb = [t + 48 * (i + 1) + 30 for i, t in enumerate(splits)]
    run_segments = [b - a for a, b in zip([0, *splits], splits, strict=False)]
    best = [seg + 20 if i == 0 else seg - 36 for i, seg in enumerate(run_segments)]
    document = {
        "version": 1,
        "level": level_id,
        "pb_ticks": pb[-1],
        "pb_splits": pb,
        "pb_replay": None,
        "best_segments": best,
        "attempts": 23,
        "completions": 11,
    }
    folder = home / "records"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{level_id}.json").write_text(json.dumps(document, indent=2), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--only", help="just the shots whose file name contains this")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    home = Path(tempfile.mkdtemp(prefix="last-orbit-shots-"))
    os.environ["LAST_ORBIT_HOME"] = str(home)  # never the player's own records
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")  # a shot needs no sound
    try:
        return shoot(args.out, (width, height), home, args.only)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def shoot(out: Path, size: tuple[int, int], home: Path, only: str | None = None) -> int:
    import pygame

    from game.app import RunStats, run
    from game.speedrun.shipped_solutions import solution_inputs

    out.mkdir(parents=True, exist_ok=True)
    shoot_menus(out, size, home, only)

    level = load_level(ROOT / "levels" / "arrival.toml")
    inputs = record(level, ArrivalPilot())

    def source_of(script):
        def source(tick: int) -> TickInput:
            return script[tick] if tick < len(script) else TickInput()

        return source

    out.mkdir(parents=True, exist_ok=True)

    def shot(name: str, frames: int, level_or_path, script, **options) -> None:
        if only and only not in name:
            return
        stats = RunStats()
        run(
            level_or_path,
            max_frames=frames,
            screenshot=out / name,
            input_source=source_of(script),
            frame_dt=1 / 60,
            window_size=size,
            stats=stats,
            **options,
        )
        print(
            f"{name}: frame {frames}, tick {stats.world_tick}, scene {stats.scene}, "
            f"draw median {stats.draw_median_ms:.2f} ms p99 {stats.draw_p99_ms:.2f} ms",
            file=sys.stderr,
        )

    shot("screenshot-arrival.png", 62, level, inputs)  # on the first rail, aiming
    shot("screenshot-flight.png", 610, level, inputs)  # thrusting through Node 1

    # Antenna, flown by its solution: the debug overlay on the way out along the truss.
    # (Its results against a seeded PB are shot from the menus, above.)
    antenna = load_level(ROOT / "levels" / "antenna.toml")
    solution = solution_inputs(antenna)
    if solution is None:
        print("no solution replay for antenna", file=sys.stderr)
        return 1

    def debug_on(app) -> None:
        app.view.debug = True

    shot(
        "screenshot-debug-overlay.png",
        1100,  # on the mast rail, repairing, the tether paid out behind
        antenna,
        solution,
        on_frame=debug_on,
    )

    # A broken edit of a level file while it is being played: its problems over the game.
    work = home / "my-arrival.toml"
    text = (ROOT / "levels" / "arrival.toml").read_text(encoding="utf-8")
    work.write_text(text, encoding="utf-8")
    broken = (
        text.replace("propellant = 3.0", "propelant = 3.0", 1)
        .replace('kind = "reach"', 'kind = "reech"', 1)
        .replace('background = "earth"', 'background = "moon"', 1)
    )

    def break_it(app) -> None:
        if app.frames == 200:
            work.write_text(broken, encoding="utf-8")
            app.apply(app.watch.reload())

    shot("screenshot-level-error.png", 240, work, inputs, on_frame=break_it)
    del pygame
    return 0


MENU_SHOTS = (
    "screenshot-title.png",
    "screenshot-level-select.png",
    "screenshot-settings.png",
    "screenshot-pause.png",
    "screenshot-results.png",
)


def shoot_menus(out: Path, size: tuple[int, int], home: Path, only: str | None) -> None:
    """The menus, walked with posted key presses from the title, as a player would."""
    import pygame

    from game.app import run
    from game.settings import Settings
    from game.speedrun import records
    from game.speedrun.replay import load
    from game.speedrun.shipped_solutions import solution_inputs
    from game.speedrun.verify import replay_run

    wanted = [name for name in MENU_SHOTS if not only or only in name]
    if not wanted:
        return
    antenna = load_level(ROOT / "levels" / "antenna.toml")
    arrival = load_level(ROOT / "levels" / "arrival.toml")
    solution = solution_inputs(antenna) or []
    result, _ = replay_run(load(ROOT / "levels" / "solutions" / "antenna.replay"), antenna)
    seed_records("antenna", list(result.splits), home)
    # PBs on the first levels, so the level select shows times and medals.
    par = arrival.info.par_seconds
    pb = round(par * 120 * 0.93)
    records.save_records(
        records.LevelRecords("arrival", pb, [pb], None, [pb], attempts=9, completions=6)
    )
    cut = load_level(ROOT / "levels" / "cut-loose.toml")
    slow = round(cut.info.par_seconds * 120 * 1.32)
    records.save_records(records.LevelRecords("cut-loose", slow, [slow], None, [slow], 4, 1))
    mine = home / "levels"
    mine.mkdir(parents=True, exist_ok=True)
    text = (ROOT / "levels" / "arrival.toml").read_text(encoding="utf-8")
    (mine / "my-arrival.toml").write_text(
        text.replace('id = "arrival"', 'id = "my-arrival"', 1).replace(
            'name = "Arrival"', 'name = "My Arrival (edit)"', 1
        ),
        encoding="utf-8",
    )
    (mine / "half-done.toml").write_text(
        text.replace('kind = "reach"', 'kind = "reech"', 1).replace(
            'id = "arrival"', 'id = "half-done"', 1
        ),
        encoding="utf-8",
    )

    def key(code: int) -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode=""))

    def save(app, name: str) -> None:
        if name in wanted:
            pygame.image.save(app.window.display, str(out / name))
            print(f"{name}: scene {app.scene.name}", file=sys.stderr)

    def wait(app, scene: str, limit: int = 600):
        for _ in range(limit):
            if app.scene.name == scene:
                return
            yield
        raise RuntimeError(f"no {scene} scene (at {app.scene.name})")

    def pick(app, item_id: str):
        for _ in range(40):
            if app.scene.menu.selected_id == item_id:
                return
            key(pygame.K_DOWN)
            yield
        raise RuntimeError(f"no {item_id} item")

    def level_item(app, level_id: str) -> str:
        rows = [row.entry.id for row in app.scene.rows]
        return f"level:{rows.index(level_id)}"

    def frames(count: int):
        for _ in range(count):
            yield

    def flow(app):
        yield from wait(app, "title")
        yield from frames(150)  # Gordon on his way along the truss
        save(app, "screenshot-title.png")
        key(pygame.K_DOWN)
        key(pygame.K_RETURN)
        yield from wait(app, "level-select")
        yield from pick(app, level_item(app, "antenna"))
        yield from frames(2)
        save(app, "screenshot-level-select.png")
        key(pygame.K_ESCAPE)
        yield from wait(app, "title")
        yield from pick(app, "settings")
        key(pygame.K_RETURN)
        yield from wait(app, "settings")
        yield from pick(app, "reduced_flashing")
        yield from frames(2)
        save(app, "screenshot-settings.png")
        key(pygame.K_ESCAPE)
        yield from wait(app, "title")
        yield from pick(app, "levels")
        key(pygame.K_RETURN)
        yield from wait(app, "level-select")
        yield from pick(app, level_item(app, "antenna"))
        key(pygame.K_RETURN)
        yield from wait(app, "play")
        yield from frames(560)  # out along the truss
        key(pygame.K_ESCAPE)
        yield from wait(app, "paused")
        yield from frames(2)
        save(app, "screenshot-pause.png")
        key(pygame.K_ESCAPE)
        yield from wait(app, "play")
        yield from wait(app, "results", limit=4000)
        yield from frames(30)
        save(app, "screenshot-results.png")

    state: dict = {}

    def on_frame(app) -> None:
        if "flow" not in state:
            state["flow"] = flow(app)
        try:
            next(state["flow"])
        except StopIteration:
            app.running = False

    def source(tick: int) -> TickInput:
        return solution[tick] if tick < len(solution) else TickInput()

    run(
        settings=Settings(seen_photosensitivity_notice=True, ghost=False),
        window_size=size,
        frame_dt=1 / 60,
        max_frames=6000,
        input_source=source,
        on_frame=on_frame,
    )


if __name__ == "__main__":
    sys.exit(main())
