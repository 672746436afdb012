"""The inputs of a shipped level's solution replay: the title backdrop flies them, and the
benches and screenshot tools use them as real play."""

from __future__ import annotations

from pathlib import Path

from game.sim import TickInput


def solution_inputs(level) -> list[TickInput] | None:
    """The inputs of the level's shipped solution replay, if it matches this level's content."""
    from game.paths import shipped_levels_dir
    from game.speedrun.replay import ReplayError, load

    path = Path(shipped_levels_dir()) / "solutions" / f"{level.info.id}.replay"
    try:
        replay = load(path)
    except (OSError, ReplayError):
        return None
    if replay.level_sha256 != level.sha256:
        return None
    return list(replay.inputs())
