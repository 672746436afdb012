"""Verifying many replays and run files at once: files and folders (searched for *.replay and
*.run), one verdict per file in the order given, over several processes if asked. A file is
verified as what its content says it is (a replay or a whole full-game run), whatever its name.
A file that cannot be read or verified is one bad verdict; it never stops the others."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from game.speedrun.verify import EXIT_UNUSABLE, EXIT_VERIFIED, verify_file
from game.speedrun.verify_run import is_run_file, verify_run_file

REPLAY_SUFFIX = ".replay"
RUN_SUFFIX = ".run"
SUFFIXES = (REPLAY_SUFFIX, RUN_SUFFIX)


def replay_files(paths: list[Path]) -> list[Path]:
    """Each path as given; a folder becomes the *.replay and *.run files under it, sorted
    (symlinked folders are not followed, so a link loop cannot run forever). A folder with none
    stays itself, to be reported."""
    out: list[Path] = []
    for path in paths:
        if not path.is_dir():
            out.append(path)
            continue
        found = []
        for folder, subfolders, names in os.walk(path):
            subfolders.sort()
            found += [Path(folder) / n for n in sorted(names) if n.endswith(SUFFIXES)]
        out += found or [path]
    return out


def jobs_for(requested: int) -> int:
    """--jobs: 0 means every core."""
    return requested if requested > 0 else os.cpu_count() or 1


class _Verifier:
    """Verifies one file at a time in a process, with the levels scanned once for all of them
    (by the first file that needs them, or handed over by the parent)."""

    def __init__(self, level_path: Path | None, catalog=None):
        self.level_path = level_path
        self.catalog = catalog

    def __call__(self, path: Path) -> tuple[int, dict, str]:
        """(exit code, the JSON line as a dict with "file" first, the message)."""
        if path.is_dir():
            message = "no .replay or .run files in it"
            return EXIT_UNUSABLE, _line(path, {"verified": False}, message), message
        try:
            if self.catalog is None and self.level_path is None:
                from game.levels.catalog import scan_all

                self.catalog = scan_all(bench=True)
            if is_run_file(path):
                verdict = verify_run_file(path, self.level_path, self.catalog)
            else:
                verdict = verify_file(path, self.level_path, self.catalog)
        except Exception as exc:  # a bug must cost one file, not the batch
            message = f"could not be verified: {type(exc).__name__}: {exc}"
            return EXIT_UNUSABLE, _line(path, {"verified": False}, message), message
        line = verdict.as_json()
        return verdict.exit_code, _line(path, line, None), verdict.message


def _line(path: Path, fields: dict, error: str | None) -> dict:
    line = {"file": str(path), **fields}
    if error is not None:
        line["error"] = error
    return line


_worker: _Verifier | None = None


def _start_worker(level_path: Path | None, catalog) -> None:
    global _worker
    _worker = _Verifier(level_path, catalog)


def _verify_in_worker(path: Path) -> tuple[int, dict, str]:
    assert _worker is not None
    return _worker(path)


def verify_many(
    paths: list[Path], level_path: Path | None = None, jobs: int = 1, context=None
) -> Iterator[tuple[int, dict, str]]:
    """(exit code, JSON line, message) for every replay file in `paths`, in order, each as
    soon as it and those before it are done; `jobs` processes (0: one per core) started by
    the multiprocessing `context` (default: _start_method())."""
    files = replay_files(paths)
    workers = min(jobs_for(jobs), len(files))
    if workers <= 1:
        verifier = _Verifier(level_path)
        for path in files:
            yield verifier(path)
        return
    catalog = None
    if level_path is None:
        from game.levels.catalog import scan_all

        catalog = scan_all(bench=True)  # once here, not once per process (0.1 s a level)
    start = (context or _start_method(), (level_path, catalog))
    while files:
        done = 0
        for path, outcome in _in_pool(files, workers, *start):
            if outcome is None:
                # A process died (a crash in the engine, a kill): the pool is gone, and with it
                # every file still in it. This one alone in a new process tells whether it is
                # the cause; the rest go on in a new pool.
                yield _alone(path, *start)
                done += 1
                break
            yield outcome
            done += 1
        files = files[done:]


def _in_pool(files: list[Path], workers: int, context, initargs) -> Iterator[tuple]:
    """(path, its outcome), in order, until a worker process dies: then (path, None) for the
    first file not done, and no more."""
    with ProcessPoolExecutor(
        workers, context, initializer=_start_worker, initargs=initargs
    ) as pool:
        futures = [(path, pool.submit(_verify_in_worker, path)) for path in files]
        for path, future in futures:
            try:
                outcome = future.result()
            except BrokenProcessPool:
                for _, later in futures:
                    later.cancel()
                yield path, None
                return
            yield path, outcome


def _alone(path: Path, context, initargs) -> tuple[int, dict, str]:
    for _, outcome in _in_pool([path], 1, context, initargs):
        if outcome is not None:
            return outcome
    message = "could not be verified: the process verifying it stopped (crashed or killed)"
    return EXIT_UNUSABLE, _line(path, {"verified": False}, message), message


def _start_method():
    """A fork server where there is one: each process starts with this module imported, a copy
    of no thread or lock of the caller's (a game window, a test runner). Else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


def worst(codes: list[int]) -> int:
    """The batch's exit code: 0 if every file verified, else the highest of theirs."""
    return max(codes, default=EXIT_VERIFIED)


def verification_throughput(paths: list[Path], jobs: int = 1) -> dict:
    """Replays verified per second over `paths` (files and folders) with `jobs` processes
    (0: one per core), process start included: for `last-orbit bench`. All must verify. A run
    file counts as the replays of its attempts."""
    files = replay_files(paths)
    workers = min(jobs_for(jobs), len(files)) or 1
    start = time.perf_counter()
    codes = []
    replays = 0
    for code, line, _ in verify_many(files, jobs=workers):
        codes.append(code)
        replays += line.get("attempts", 1) if line.get("kind") == "full-run" else 1
    seconds = time.perf_counter() - start
    return {
        "files": len(files),
        "replays": replays,
        "jobs": workers,
        "seconds": seconds,
        "all_verified": worst(codes) == EXIT_VERIFIED,
        "replays_per_s": replays / seconds if seconds > 0 else 0.0,
        "replays_per_s_per_core": replays / seconds / workers if seconds > 0 else 0.0,
    }
