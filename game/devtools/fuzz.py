"""Fuzzing at scale through the real entry points.

    python -m game.devtools.fuzz   # 10,000 levels, 1,000 replays, 1,000 player files
    python -m game.devtools.fuzz --levels 500 --replays 100 --files 100    # a quicker pass

Mutated level files go through `last-orbit validate` (and, when valid, 2 s of play); damaged
replays through `last-orbit replay --verify`; damaged settings and records files through the
game's loaders and a save. Zero crashes is the bar: only the documented errors and exit codes,
and no player file ever lost (its bytes are always still in the folder: in place, or kept aside).
Work runs in child processes in chunks, so even a crash in C code is caught and counted."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

CHUNK = 250


# -- mutations ------------------------------------------------------------------------------


def mutate_text(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    for _ in range(rng.randint(1, 4)):
        if not lines:
            break
        op = rng.randrange(9)
        i = rng.randrange(len(lines))
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(rng.randrange(len(lines) + 1), lines[i])
        elif op == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3:
            words = [
                "nan",
                "inf",
                "-inf",
                "1e308",
                "-0.0",
                "0",
                '"x"',
                "true",
                "[]",
                "{}",
                str(rng.uniform(-1e6, 1e6)),
                "9" * rng.randint(1, 500),
            ]
            if "=" in lines[i]:
                key = lines[i].split("=", 1)[0]
                lines[i] = f"{key}= {rng.choice(words)}"
        elif op == 4 and lines[i]:
            k = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:k] + chr(rng.randrange(32, 127)) + lines[i][k + 1 :]
        elif op == 5:
            lines = lines[: rng.randrange(len(lines) + 1)]
        elif op == 6 and "=" in lines[i]:
            key, value = lines[i].split("=", 1)
            key = key.strip()
            if key:
                k = rng.randrange(len(key))
                lines[i] = f"{key[:k]}{key[k + 1 :]} ={value}"
        elif op == 7:
            lines.insert(
                i,
                rng.choice(
                    [
                        "[[bodies]]",
                        "[[zones]]",
                        "[player]",
                        "[[triggers]]",
                        "[[objectives]]",
                        "[level]",
                        "[[walls]]",
                    ]
                ),
            )
        else:
            lines[i] = (
                lines[i].replace("true", "false")
                if "true" in lines[i]
                else lines[i].replace("false", "true")
            )
    return "\n".join(lines) + "\n"


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    op = rng.randrange(4)
    if op == 0 and data:
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif op == 1:
        data = data[: rng.randrange(len(data) + 1)]
    elif op == 2 and data:
        start = rng.randrange(len(data))
        del data[start : start + rng.randint(1, 64)]
    else:
        data = bytearray(mutate_text(data.decode("utf-8", "replace"), rng).encode())
    return bytes(data)


# -- workers (run in a child process) -------------------------------------------------------


def _quiet_main(argv: list[str]) -> int:
    from game.cli import main

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(argv)


def _level_sources() -> list[str]:
    from game.paths import shipped_levels_dir

    return [
        p.read_text(encoding="utf-8")
        for p in sorted(shipped_levels_dir().glob("*.toml"))
        if p.name != "pack.toml"
    ]


def work_levels(seed: int, count: int, folder: Path) -> dict:
    from game.levels import LevelError, load_level
    from game.sim import TickInput, build_world, step

    rng = random.Random(seed)
    sources = _level_sources()
    out = {"cases": 0, "valid": 0, "invalid": 0, "bad_exit": 0, "exceptions": []}
    path = folder / "fuzz.toml"
    for _ in range(count):
        path.write_text(mutate_text(rng.choice(sources), rng), encoding="utf-8")
        out["cases"] += 1
        try:
            code = _quiet_main(["validate", str(path)])
            if code not in (0, 1):
                out["bad_exit"] += 1
            if code == 0:
                out["valid"] += 1
                world = build_world(load_level(path))
                for tick in range(240):
                    step(world, TickInput(100 if tick % 60 < 30 else -100, 50, 0, tick % 3))
            else:
                out["invalid"] += 1
        except LevelError:
            out["invalid"] += 1
        except Exception as exc:
            out["exceptions"].append(f"{type(exc).__name__}: {exc}"[:300])
    return out


def work_replays(seed: int, count: int, folder: Path) -> dict:
    from game.paths import shipped_levels_dir

    rng = random.Random(seed)
    sources = [
        p.read_bytes() for p in sorted((shipped_levels_dir() / "solutions").glob("*.replay"))
    ]
    out = {"cases": 0, "exit_0": 0, "exit_1": 0, "exit_2": 0, "bad_exit": 0, "exceptions": []}
    path = folder / "fuzz.replay"
    for _ in range(count):
        path.write_bytes(mutate_bytes(rng.choice(sources), rng))
        out["cases"] += 1
        try:
            code = _quiet_main(["replay", str(path), "--verify"])
            key = f"exit_{code}"
            if key in out:
                out[key] += 1
            else:
                out["bad_exit"] += 1
        except Exception as exc:
            out["exceptions"].append(f"{type(exc).__name__}: {exc}"[:300])
    return out


def _player_files(seed: int):
    from game.settings import Settings, save_settings
    from game.speedrun.records import LevelRecords, save_records

    rng = random.Random(seed)
    save_settings(Settings(master_volume=0.4, keys={"grab": ["space"]}))
    save_records(LevelRecords("arrival", 1234, [600, 1234], None, [600, 634], 3, 2))
    return rng


def work_files(seed: int, count: int, folder: Path) -> dict:
    from game.settings import load_settings, save_settings, settings_path
    from game.speedrun.records import load_records, records_dir, submit_run
    from game.speedrun.replay import RunResult

    os.environ["LAST_ORBIT_HOME"] = str(folder / "home")
    rng = _player_files(seed)
    good_settings = settings_path().read_bytes()
    good_records = (records_dir() / "arrival.json").read_bytes()
    out = {"cases": 0, "kept": 0, "lost": 0, "exceptions": []}
    for number in range(count):
        which = number % 2
        path = settings_path() if which == 0 else records_dir() / "arrival.json"
        damaged = mutate_bytes(good_settings if which == 0 else good_records, rng)
        for old in path.parent.glob(f"{path.name}.corrupt-*"):
            old.unlink()
        path.write_bytes(damaged)
        out["cases"] += 1
        try:
            if which == 0:
                settings, _ = load_settings()
                save_settings(settings)
            else:
                load_records("arrival")
                submit_run("arrival", RunResult(True, 2000, 2000, (1000, 2000), None), False)
        except Exception as exc:
            out["exceptions"].append(f"{type(exc).__name__}: {exc}"[:300])
        # The player's bytes must still be somewhere: in place, or kept aside.
        copies = [path] + sorted(path.parent.glob(f"{path.name}.corrupt-*"))
        if any(p.exists() and p.read_bytes() == damaged for p in copies) or _equivalent(
            path, damaged
        ):
            out["kept"] += 1
        else:
            out["lost"] += 1
    return out


def _equivalent(path: Path, damaged: bytes) -> bool:
    """A file that loaded fine may be rewritten (same values, other formatting): not a loss."""
    try:
        return json.loads(damaged) == json.loads(path.read_bytes()) or _same_values(path, damaged)
    except (ValueError, OSError, RecursionError):
        return False


def _same_values(path: Path, damaged: bytes) -> bool:
    new = json.loads(path.read_bytes())
    old = json.loads(damaged)
    return isinstance(old, dict) and all(
        new.get(k) == v
        for k, v in old.items()
        if k not in ("attempts", "completions", "pb_ticks", "pb_splits", "best_segments")
    )


WORKERS = {"levels": work_levels, "replays": work_replays, "files": work_files}


# -- driver ---------------------------------------------------------------------------------


def run_kind(kind: str, total: int, seed: int) -> dict:
    summary: dict = {"cases": 0, "crashes": 0, "exceptions": []}
    done = 0
    chunk_seed = seed
    while done < total:
        count = min(CHUNK, total - done)
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "game.devtools.fuzz",
                "--worker",
                kind,
                "--seed",
                str(chunk_seed),
                "--count",
                str(count),
            ],
            capture_output=True,
            text=True,
            timeout=1800,
        )
        if proc.returncode != 0:
            summary["crashes"] += 1
            summary["exceptions"].append(f"worker exit {proc.returncode}: {proc.stderr[-300:]}")
        else:
            result = json.loads(proc.stdout.strip().splitlines()[-1])
            for key, value in result.items():
                if isinstance(value, list):
                    summary["exceptions"] += value
                else:
                    summary[key] = summary.get(key, 0) + value
        done += count
        chunk_seed += 1
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m game.devtools.fuzz",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--levels", type=int, default=10_000)
    parser.add_argument("--replays", type=int, default=1_000)
    parser.add_argument("--files", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        with tempfile.TemporaryDirectory() as folder:
            os.environ["LAST_ORBIT_HOME"] = str(Path(folder) / "home")
            result = WORKERS[args.worker](args.seed, args.count, Path(folder))
        print(json.dumps(result))
        return 0
    report = {}
    for kind, total in (("levels", args.levels), ("replays", args.replays), ("files", args.files)):
        if total:
            report[kind] = run_kind(kind, total, args.seed)
    print(json.dumps(report, indent=2))
    bad = sum(
        r["crashes"] + len(r["exceptions"]) + r.get("bad_exit", 0) + r.get("lost", 0)
        for r in report.values()
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
