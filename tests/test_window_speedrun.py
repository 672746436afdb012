"""Speedrunning in the window (headless): replays saved and verified, PBs and best segments,
assisted runs, the PB ghost in lockstep, split deltas on the HUD, LiveSplit over a real socket,
watching a replay (pause, frame step, speed) and a campaign run."""

from __future__ import annotations

import re
import socket
import threading

import pygame
import pytest

from game.app import RunStats, run
from game.levels import load_level
from game.paths import user_data_dir
from game.speedrun import records
from game.speedrun.campaign import load_full_run_records
from game.speedrun.medals import medal_for
from game.speedrun.replay import Assist, load
from game.speedrun.session import SpeedrunOptions, replays_dir
from game.speedrun.verify import verify_file
from tests.window_levels import FRAME, press, room_text, thrust, write_level

FINISH_FRAMES = 120  # the one-gate room is done in ~190 ticks of full thrust


def results_of(store: list):
    """An on_frame hook keeping the results summary of every finished run."""

    def on_frame(app) -> None:
        if app.scene.name == "results" and (not store or store[-1] is not app.scene.result):
            store.append(app.scene.result)

    return on_frame


def play_once(path, source, frames=FINISH_FRAMES, **options):
    summaries: list = []
    stats = RunStats()
    run(
        path,
        max_frames=frames,
        frame_dt=FRAME,
        input_source=source,
        stats=stats,
        on_frame=results_of(summaries),
        speedrun=options.pop("speedrun", SpeedrunOptions()),
        **options,
    )
    return summaries, stats


def records_of(level_path):
    """The records of the level file's content (a user level's are kept by content)."""
    level = load_level(level_path)
    return records.load_records(level.info.id, records.level_content(level))


def records_file(level_path):
    return records.records_file(load_level(level_path))


def test_medals_by_par():
    assert medal_for(600, 5.0) == "gold"  # exactly par
    assert medal_for(601, 5.0) == "silver"
    assert medal_for(750, 5.0) == "silver"  # exactly 1.25x par
    assert medal_for(751, 5.0) == "bronze"
    assert medal_for(900, 5.0) == "bronze"  # exactly 1.5x par
    assert medal_for(901, 5.0) is None
    assert medal_for(None, 5.0) is None and medal_for(100, 0.0) is None


def test_a_finished_run_is_saved_verified_and_becomes_the_pb(tmp_path):
    path = write_level(tmp_path / "room.toml", room_text())
    (first,), _ = play_once(path, thrust())
    assert first.completed and first.new_pb and first.records_kept
    assert first.pb_ticks is None and first.medal == "gold"
    saved = list(replays_dir("win-test").glob("*.replay"))
    assert len(saved) == 1
    assert re.fullmatch(r"\d{8}-\d{6}-\d+\.\d{2}\.\d{3}\.replay", saved[0].name)
    assert first.replay_name == saved[0].name
    verdict = verify_file(saved[0], path)
    assert verdict.verified, verdict.message
    assert verdict.replayed.ticks == first.run_ticks
    rec, message = records_of(path)
    assert message is None
    assert rec.pb_ticks == first.run_ticks and rec.pb_replay == saved[0].name

    # A slower run (gentler thrust) keeps the PB, and says how far off it was.
    (second,), _ = play_once(path, thrust(0.6), frames=150)
    assert second.completed and not second.new_pb
    assert second.pb_ticks == first.run_ticks and second.run_ticks > first.run_ticks
    assert second.split_deltas[0] == second.run_ticks - first.run_ticks
    rec, _ = records_of(path)
    assert rec.pb_ticks == first.run_ticks and rec.attempts == 2
    assert len(list(replays_dir("win-test").glob("*.replay"))) == 2


def test_an_assisted_run_is_never_a_pb(tmp_path):
    path = write_level(tmp_path / "room.toml", room_text())
    (summary,), _ = play_once(path, thrust(), assist=Assist(infinite_o2=True))
    assert summary.completed and summary.assisted and not summary.new_pb
    rec, _ = records_of(path)
    assert rec.pb_ticks is None and rec.completions == 1
    (saved,) = replays_dir("win-test").glob("*.replay")
    assert load(saved).assist.assisted  # marked in the replay too


def test_failed_runs_are_saved_unless_turned_off(tmp_path):
    text = room_text().replace("o2_seconds = 300.0", "o2_seconds = 0.5")
    path = write_level(tmp_path / "room.toml", text)
    off = SpeedrunOptions(save_failed=False)
    (summary,), _ = play_once(path, thrust(), frames=40, speedrun=off)
    assert not summary.completed
    assert not replays_dir("win-test").exists()
    (summary,), _ = play_once(path, thrust(), frames=40)  # kept by default (attempt history)
    (saved,) = replays_dir("win-test").glob("*.replay")
    assert saved.name.endswith("-failed.replay") and not load(saved).result.completed


def test_the_ghost_races_in_lockstep_from_the_pb_replay(tmp_path):
    path = write_level(tmp_path / "room.toml", room_text())
    play_once(path, thrust())
    seen = []

    def on_frame(app) -> None:
        ghost = app.play.ghost
        if app.scene is app.play and ghost is not None and not ghost.finished:
            seen.append((ghost.tick, app.play.world.tick, ghost.world.astronaut.body.position.x))
        if app.frames == 30:
            app.play.show_ghost = True

    run(
        path,
        max_frames=80,
        frame_dt=FRAME,
        input_source=thrust(0.6),
        speedrun=SpeedrunOptions(),
        on_frame=on_frame,
    )
    assert len(seen) >= 70
    assert all(ghost == player for ghost, player, _ in seen)
    assert seen[-1][2] > 0.5  # the ghost flies the PB's route (full thrust: ahead of you)

    # H hides it (it keeps running in step); no ghost without a usable PB replay.
    hidden = {}

    def press_h(app) -> None:
        if app.frames == 3:
            press(pygame.K_h)
        if app.frames == 4:
            hidden["show"] = app.play.show_ghost

    run(
        path,
        max_frames=5,
        frame_dt=FRAME,
        input_source=thrust(),
        speedrun=SpeedrunOptions(),
        on_frame=press_h,
    )
    assert hidden["show"] is False

    def ghost_of(level_path, options=None):
        found = {}
        run(
            level_path,
            max_frames=2,
            frame_dt=FRAME,
            speedrun=options or SpeedrunOptions(),
            on_frame=lambda app: found.setdefault("ghost", app.play.ghost),
        )
        return found["ghost"]

    assert ghost_of(path) is not None
    assert ghost_of(path, SpeedrunOptions(ghost=False)) is None
    edited = write_level(tmp_path / "edited.toml", room_text(par=6.0))  # other content (sha)
    assert ghost_of(edited) is None
    rec, _ = records_of(path)
    (replays_dir("win-test") / rec.pb_replay).write_text("{ torn", encoding="utf-8")
    assert ghost_of(path) is None


def test_split_deltas_show_on_the_hud_and_best_segments_turn_gold(tmp_path):
    path = write_level(tmp_path / "two.toml", room_text(two=True))
    (first,), _ = play_once(path, thrust(0.7), frames=200)
    assert [label for label, _ in first.splits] == ["First gate", "Second gate"]
    shown = []

    def on_frame(app) -> None:
        split = app.view.hud.split
        if split is not None and (not shown or shown[-1] != (split.delta, split.gold)):
            shown.append((split.delta, split.gold))

    # Full thrust: ahead at both splits, and both segments are best segments.
    summaries = []

    def both(app) -> None:
        on_frame(app)
        results_of(summaries)(app)

    run(
        path,
        max_frames=200,
        frame_dt=FRAME,
        input_source=thrust(),
        speedrun=SpeedrunOptions(),
        on_frame=both,
    )
    assert len(shown) == 2 and all(delta < 0 and gold for delta, gold in shown)
    (second,) = summaries
    assert second.new_pb and second.gold == (True, True)
    assert all(d < 0 for d in second.split_deltas)
    assert second.sum_of_best == second.run_ticks
    assert second.pb_ticks == first.run_ticks


def livesplit_server():
    """A stand-in for LiveSplit's server: records every command line it gets."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(10)
    lines: list[str] = []

    def serve() -> None:
        try:
            conn, _ = server.accept()
        except OSError:
            return
        conn.settimeout(10)
        data = b""
        with conn:
            while True:
                try:
                    chunk = conn.recv(4096)
                except OSError:
                    break
                if not chunk:
                    break
                data += chunk
        lines.extend(data.decode("ascii").split("\r\n")[:-1])

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return server, thread, lines


def test_livesplit_gets_start_splits_game_time_and_reset(tmp_path):
    server, thread, lines = livesplit_server()
    port = server.getsockname()[1]
    path = write_level(tmp_path / "two.toml", room_text(two=True))
    finished = {}

    def on_frame(app) -> None:
        if app.scene.name == "results" and "at" not in finished:
            finished["at"] = app.frames
            press(pygame.K_r)  # restart from the results: LiveSplit resets
        if "at" in finished and app.frames == finished["at"] + 20:
            press(pygame.K_r)  # a restart mid-run: reset again

    run(
        path,
        max_frames=200,
        frame_dt=FRAME,
        input_source=thrust(),
        speedrun=SpeedrunOptions(livesplit=("127.0.0.1", port)),
        on_frame=on_frame,
    )
    thread.join(10)
    server.close()
    start = ["reset", "switchto gametime", "initgametime", "starttimer", "pausegametime"]
    commands = [line for line in lines if not line.startswith("setgametime")]
    # Run 1 splits twice and finishes; R resets; run 2 starts, R mid-run resets; run 3 starts
    # (the input is held) and the window closes.
    assert commands == [*start, "split", "split", "reset", *start, "reset", *start]
    # Game time never goes back within a run, is sent about ten times a second, and each
    # split is preceded by its exact time.
    runs, current = [], []
    for line in lines:
        if line == "starttimer":
            current = []
            runs.append(current)
        elif line.startswith("setgametime"):
            h, m, s = line.split()[1].split(":")
            current.append(int(h) * 3600 + int(m) * 60 + float(s))
    assert len(runs) == 3
    for times in runs:
        assert times == sorted(times) and times[0] == 0.0
    assert 20 <= len(runs[0]) <= 35  # ~2.5 s of run: ~25 updates plus the splits
    first_split = lines.index("split")
    assert lines[first_split - 1].startswith("setgametime 0:00:0")


def test_without_livesplit_the_game_plays_on_and_says_so_once(tmp_path, monkeypatch):
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now
    path = write_level(tmp_path / "room.toml", room_text())
    seen = {}
    # Which thread tries to connect and send: never the game's (a wall-clock limit on frames
    # would say the same thing only on a quiet machine).
    callers: list[str] = []
    create_connection = socket.create_connection

    def watched_connection(*args, **kwargs):
        callers.append(threading.current_thread().name)
        return create_connection(*args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", watched_connection)

    def on_frame(app) -> None:
        said = [m for m in app.notices.history if "LiveSplit" in m]
        if said and "at" not in seen:
            seen["at"] = app.frames
        if app.frames in (40, 60):
            press(pygame.K_r)  # restarts: reset would be sent, but it is not said again
        seen["said"] = len(said)

    stats = RunStats()
    run(
        path,
        max_frames=90,
        frame_dt=FRAME,
        max_fps=0,
        input_source=thrust(),
        stats=stats,
        speedrun=SpeedrunOptions(livesplit=("127.0.0.1", port)),
        on_frame=on_frame,
    )
    assert seen["said"] == 1 and seen["at"] < 80
    assert stats.ticks == 180 and stats.dropped_ticks == 0  # every tick of every frame ran
    assert callers and threading.main_thread().name not in callers  # no frame waited on it


def test_watching_a_replay_pause_step_speed_restart_and_quit(tmp_path):
    path = write_level(tmp_path / "two.toml", room_text(two=True))
    play_once(path, thrust(), frames=200)
    (saved,) = replays_dir("win-test").glob("*.replay")
    replay = load(saved)
    level = load_level(path)
    ticks: dict[int, int] = {}
    keys = {
        5: pygame.K_SPACE,  # pause
        8: pygame.K_PERIOD,  # one tick on
        9: pygame.K_RIGHT,  # and another
        10: pygame.K_SPACE,  # play
        12: pygame.K_RIGHTBRACKET,  # 2x
        15: pygame.K_RIGHTBRACKET,  # 4x
        16: pygame.K_RIGHTBRACKET,  # 8x
        18: pygame.K_LEFTBRACKET,  # 4x
        19: pygame.K_MINUS,  # 2x
        20: pygame.K_r,  # from the start
        25: pygame.K_ESCAPE,  # quit
    }

    def on_frame(app) -> None:
        ticks[app.frames] = app.play.world.tick
        if app.frames in keys:
            press(keys[app.frames])

    stats = RunStats()
    code = run(level, replay=replay, max_frames=100, frame_dt=FRAME, stats=stats, on_frame=on_frame)
    assert code == 0
    assert stats.frames == 25  # Esc quit
    assert ticks[6] == ticks[7] == ticks[8] == 10  # paused
    assert ticks[9] == 11 and ticks[10] == 12  # stepped one tick at a time
    assert ticks[12] - ticks[11] == 2  # 1x
    assert ticks[14] - ticks[13] == 4  # 2x
    assert ticks[16] - ticks[15] == 8  # 4x
    assert ticks[17] - ticks[16] == 16  # 8x
    assert ticks[19] - ticks[18] == 8 and ticks[20] - ticks[19] == 4
    assert ticks[21] == 4  # from the start again, at 2x
    # Watching keeps nothing: no new replay, no records touched.
    assert len(list(replays_dir("win-test").glob("*.replay"))) == 1
    rec, _ = records_of(path)
    assert rec.attempts == 1


def test_a_replay_watched_to_the_end_matches_its_result(tmp_path):
    path = write_level(tmp_path / "room.toml", room_text())
    (summary,), _ = play_once(path, thrust())
    (saved,) = replays_dir("win-test").glob("*.replay")
    stats = RunStats()
    shot = tmp_path / "replay.png"
    run(
        load_level(path),
        replay=load(saved),
        max_frames=130,
        frame_dt=FRAME,
        stats=stats,
        screenshot=shot,
    )
    assert stats.scene == "replay" and stats.world_status == "completed"
    assert stats.run_ticks == summary.run_ticks


def test_a_campaign_is_one_full_run_that_goes_on_to_the_next_level_and_keeps_its_pb(tmp_path):
    first = load_level(write_level(tmp_path / "a.toml", room_text("camp-a", name="Camp A")))
    second = load_level(
        write_level(tmp_path / "b.toml", room_text("camp-b", name="Camp B", two=True))
    )
    seen: list = []

    def on_frame(app) -> None:
        if app.scene.name == "results" and (not seen or seen[-1][1] is not app.scene.result):
            seen.append((app.play.level.info.id, app.scene.result))
            press(pygame.K_RETURN)  # on to the next level (or, after the last, quit)

    stats = RunStats()
    run(
        campaign=[first, second],
        max_frames=600,
        frame_dt=FRAME,
        input_source=thrust(),
        stats=stats,
        speedrun=SpeedrunOptions(),
        on_frame=on_frame,
    )
    assert [level_id for level_id, _ in seen] == ["camp-a", "camp-b"]
    (_, a), (_, b) = seen
    assert a.campaign.number == 1 and a.campaign.count == 2 and not a.campaign.last
    assert a.campaign.total_ticks == a.run_ticks
    assert b.campaign.last and b.campaign.new_pb
    assert b.campaign.total_ticks == a.run_ticks + b.run_ticks
    assert stats.frames < 600  # Enter after the last level's results quit
    # Kept by the levels' content (game.speedrun.campaign), with each mission's split.
    rec, message = load_full_run_records(app_key(first, second))
    assert message is None and rec.pb_ticks == b.campaign.total_ticks
    assert rec.missions == ["camp-a", "camp-b"]
    assert rec.pb_splits == [a.run_ticks, a.run_ticks + b.run_ticks]


def app_key(*levels):
    from game.speedrun.fullrun import Mission, missions_key

    return missions_key([Mission(lv.info.id, lv.sha256, lv.info.name) for lv in levels])


def test_a_corrupt_records_file_is_said_once_and_the_game_plays_on(tmp_path):
    path = write_level(tmp_path / "room.toml", room_text())
    folder = user_data_dir() / "records"
    folder.mkdir(parents=True)
    kept = records_file(path)
    assert kept.parent == folder and kept.name.startswith("win-test.")
    kept.write_text("{ not json", encoding="utf-8")
    notes = []

    def on_frame(app) -> None:
        notes[:] = [m for m in app.notices.history if "corrupt" in m]

    stats = RunStats()
    run(
        path,
        max_frames=FINISH_FRAMES,
        frame_dt=FRAME,
        input_source=thrust(),
        stats=stats,
        speedrun=SpeedrunOptions(),
        on_frame=on_frame,
    )
    assert len(notes) == 1 and kept.name in notes[0]
    assert stats.world_status == "completed"
    assert kept.with_name(kept.name + ".corrupt-1").exists()
    rec, message = records_of(path)
    assert message is None and rec.pb_ticks == stats.run_ticks


def test_play_options_and_settings(tmp_path, capsys, monkeypatch):
    from game.cli import main
    from game.input import DeviceInput
    from game.settings import Settings, save_settings
    from game.sim import USE, TickInput

    path = write_level(tmp_path / "room.toml", room_text())
    assert main(["play", str(path), "--frames", "3", "--assist-speed", "0.7", "--infinite-o2"]) == 0
    with pytest.raises(SystemExit) as exit_info:
        main(["play", str(path), "--assist-speed", "1.5"])
    assert exit_info.value.code == 2
    assert main(["play", str(path), "--livesplit", "localhost:nope"]) == 2
    assert "port must be a number" in capsys.readouterr().err
    assert main(["play", "--livesplit"]) == 2  # no LEVEL: said, not guessed
    assert "LEVEL goes before --livesplit" in capsys.readouterr().err

    # Saved settings are the defaults: here, keep failed runs' replays too.
    save_settings(Settings(save_failed_runs=True))
    failing = write_level(
        tmp_path / "short.toml", room_text().replace("o2_seconds = 300.0", "o2_seconds = 0.25")
    )
    # The player presses USE (the world waits for a first input), then the O2 runs out.
    monkeypatch.setattr(DeviceInput, "__call__", lambda self, tick: TickInput(buttons=USE))
    assert main(["play", str(failing), "--frames", "45"]) == 0
    (saved,) = replays_dir("win-test").glob("*.replay")
    assert saved.name.endswith("-failed.replay")
