"""The attempt history screen, through the menus: Tab on the level select opens it, it lists
the level's attempts newest first with their outcomes (a corrupt file as unreadable), Enter
watches one, Esc comes back to it, and Esc again to the level select on the same level."""

from __future__ import annotations

import pygame

from game.app import run
from game.paths import user_levels_dir
from game.scenes.base import GoLevelSelect
from game.settings import Settings
from game.speedrun.attempts import COMPLETED, FAILED, RESET, UNREADABLE, replays_dir
from game.speedrun.session import SpeedrunOptions
from tests.window_levels import FRAME, press, room_text, thrust, write_level


def test_history_lists_attempts_watches_one_and_goes_back(tmp_path):
    user_levels_dir().mkdir(parents=True)
    short = room_text(level_id="hist-test").replace("o2_seconds = 300.0", "o2_seconds = 0.5")
    failing = write_level(tmp_path / "short.toml", short)
    run(failing, max_frames=40, frame_dt=FRAME, input_source=thrust(), speedrun=SpeedrunOptions())
    path = write_level(user_levels_dir() / "room.toml", room_text(level_id="hist-test"))

    def restart_once(app) -> None:
        if app.frames == 6:
            press(pygame.K_r)

    run(
        path,
        max_frames=160,
        frame_dt=FRAME,
        input_source=thrust(),
        speedrun=SpeedrunOptions(),
        on_frame=restart_once,
    )
    corrupt = replays_dir("hist-test") / "20200101-000000-0.01.000-failed.replay"
    corrupt.write_text("{ not a replay", encoding="utf-8")

    seen: dict = {"scenes": []}
    keys = {3: pygame.K_TAB, 6: pygame.K_RETURN, 12: pygame.K_ESCAPE, 15: pygame.K_ESCAPE}

    def on_frame(app) -> None:
        scene = app.scene
        if not seen["scenes"] or seen["scenes"][-1] != scene.name:
            seen["scenes"].append(scene.name)
            if scene.name == "history":
                seen.setdefault("history", scene.history)
                seen.setdefault("first_chosen", scene.chosen)
                if "watched" in seen:
                    seen["back_on"] = scene.chosen
            if scene.name == "replay":
                seen["watched"] = scene.replay
            if scene.name == "level-select" and "watched" in seen:
                seen["select_on"] = scene.chosen.entry.id
        if app.frames == 1:
            scene.next = GoLevelSelect("hist-test")
        if app.frames in keys:
            press(keys[app.frames])

    run(
        menus=True,
        max_frames=18,
        frame_dt=FRAME,
        speedrun=SpeedrunOptions(),
        settings=Settings(seen_photosensitivity_notice=True),
        on_frame=on_frame,
    )
    assert seen["scenes"] == [
        "title",
        "level-select",
        "history",
        "replay",
        "history",
        "level-select",
    ]
    history = seen["history"]
    outcomes = [e.outcome for e in history.entries]
    assert outcomes == [COMPLETED, RESET, FAILED, UNREADABLE]  # newest first
    assert history.entries[0].is_pb and not any(e.is_pb for e in history.entries[1:])
    assert history.attempts == 4 and history.completions == 1
    assert "not a replay" in history.entries[-1].error or "corrupt" in history.entries[-1].error
    newest = history.entries[0]
    assert seen["first_chosen"] == newest
    assert seen["watched"].result.ticks == newest.ticks  # Enter watched the chosen attempt
    assert seen["back_on"].name == newest.name  # Esc came back to it
    assert seen["select_on"] == "hist-test"


def test_a_corrupt_attempt_cannot_be_watched_and_says_so():
    from game.levels.catalog import scan_all
    from game.menu_model import Activate
    from game.scenes.history import HistoryScene
    from game.speedrun.attempts import attempt_history

    user_levels_dir().mkdir(parents=True)
    write_level(user_levels_dir() / "room.toml", room_text(level_id="hist-test"))
    folder = replays_dir("hist-test")
    folder.mkdir(parents=True)
    (folder / "20200101-000000-0.01.000-reset.replay").write_bytes(b"\x00\xff garbage")
    (entry,) = [e for e in scan_all() if e.id == "hist-test"]
    scene = HistoryScene(entry, attempt_history("hist-test"), backdrop=None)
    (only,) = scene.history.entries
    assert only.outcome == UNREADABLE and not only.readable
    scene.choose(Activate(scene.menu.selected_id))
    assert scene.next is None and "cannot be read" in scene.message
