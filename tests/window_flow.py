"""Driving the window from a test: a flow (a generator taking (app, log)) does one step a
frame, and `until` waits, frame by frame, for a scene to show.

    run(..., on_frame=stepping(flow, log))
    yield from until(app, "results")
"""

from __future__ import annotations


def stepping(flow, log: dict):
    """An on_frame callback that advances `flow(app, log)` once a frame and ends the game
    when the flow ends."""
    state: dict = {}

    def on_frame(app) -> None:
        if "flow" not in state:
            state["flow"] = flow(app, log)
        try:
            next(state["flow"])
        except StopIteration:
            app.running = False

    return on_frame


def until(app, scene: str, frames: int = 120):
    """Wait (yielding frames) until the scene is shown."""
    for _ in range(frames):
        if app.scene.name == scene:
            return
        yield
    raise AssertionError(f"no {scene} scene after {frames} frames: {app.scene.name}")
