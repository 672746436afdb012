"""Regenerate the screenshots in docs/ by flying Arrival with a scripted pilot.

    xvfb-run -s '-screen 0 1280x720x24' python tools/screenshots.py [--out docs] [--check]

The pilot reads the world headless, tick by tick, and its inputs are recorded; the window then
replays those inputs (the simulation is deterministic), so every shot is the same each time.
"""

from __future__ import annotations

import argparse
import math
import sys
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--size", default="1280x720")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))

    from game.app import RunStats, run

    level = load_level(ROOT / "levels" / "arrival.toml")
    inputs = record(level, ArrivalPilot())

    def source(tick: int) -> TickInput:
        return inputs[tick] if tick < len(inputs) else TickInput()

    args.out.mkdir(parents=True, exist_ok=True)
    shots = {
        "screenshot-arrival.png": 62,  # on the first rail, aiming; the cupola in view
        "screenshot-flight.png": 610,  # thrusting through Node 1 towards the cupola
        "screenshot-results.png": len(inputs) // 2 + 30,  # after the cupola
    }
    for name, frames in shots.items():
        stats = RunStats()
        run(
            level,
            max_frames=frames,
            screenshot=args.out / name,
            input_source=source,
            frame_dt=1 / 60,
            window_size=(width, height),
            stats=stats,
        )
        print(
            f"{name}: frame {frames}, tick {stats.world_tick}, scene {stats.scene}, "
            f"draw median {stats.draw_median_ms:.2f} ms p99 {stats.draw_p99_ms:.2f} ms",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
