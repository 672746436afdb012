"""Full-game runs in the window (game.speedrun.campaign): every attempt counts in one time, the
HUD shows the run's time, a completed mission goes on (never retried), a quit run is kept as a
run file, records are kept by the levels' content, LiveSplit follows one run, and any pack can
be run from the level select or `play --pack DIR`."""

from __future__ import annotations

import socket
import threading
from functools import partial

import pygame

import game.app
from game.app import RunStats, run
from game.cli import main
from game.levels import load_level
from game.paths import user_levels_dir
from game.render.hud import format_time
from game.settings import Settings
from game.sim import USE, TickInput
from game.speedrun import runfile
from game.speedrun.campaign import (
    full_run_records_path,
    legacy_campaign_path,
    load_full_run_records,
)
from game.speedrun.fullrun import COMPLETED, FAILED, QUIT, RESTARTED
from game.speedrun.replay import Assist
from game.speedrun.session import SpeedrunOptions
from tests import window_flow
from tests.test_window_speedrun import livesplit_server
from tests.window_flow import stepping
from tests.window_levels import FRAME, press, room_text, write_level

SHORT_AIR = "o2_seconds = 2.5"  # 300 ticks: full thrust reaches the gate in ~190, idling fails


class Pilot:
    """The input: full thrust, or one press of USE at the start and then nothing (the clock
    starts, the air runs out), switched by the test between attempts."""

    def __init__(self):
        self.mode = "thrust"

    def __call__(self, tick: int) -> TickInput:
        if self.mode == "thrust":
            return TickInput.from_analog(1.0, 0.0)
        return TickInput(buttons=USE) if tick == 0 else TickInput()


def two_missions(tmp_path):
    a = write_level(
        tmp_path / "a.toml",
        room_text("fr-a", name="Full A").replace("o2_seconds = 300.0", SHORT_AIR),
    )
    b = write_level(tmp_path / "b.toml", room_text("fr-b", name="Full B"))
    return a, b


until = partial(window_flow.until, frames=400)  # missions take seconds to fly


def drive(flow, pilot, max_frames: int = 3000, **options) -> dict:
    """Run the window with `flow(app, log)` stepping once per frame (see tests/test_scenes.py)."""
    log: dict = {}
    options.setdefault("speedrun", SpeedrunOptions())
    run(
        max_frames=max_frames,
        frame_dt=FRAME,
        input_source=pilot,
        on_frame=stepping(flow, log),
        stats=RunStats(),
        **options,
    )
    assert "done" in log, f"the flow stopped early: {log}"
    return log


def buttons(app) -> list[str]:
    return [item.id for item in app.scene.menu.items]


def play_through(app, log, pilot):
    """Mission 1: restart mid-run, fail once, retry and complete; mission 2: complete."""
    yield from until(app, "play")
    for _ in range(20):  # 40 ticks of thrust
        yield
    press(pygame.K_r)  # a restart mid-run: its ticks count
    pilot.mode = "press"
    yield
    log["restarted"] = app.campaign.run.attempts[-1]
    yield from until(app, "results")
    log["failed"] = app.scene.result
    log["fail_buttons"] = buttons(app)
    pilot.mode = "thrust"
    press(pygame.K_RETURN)  # Retry, the default after a failure
    yield from until(app, "play")
    yield from until(app, "results")
    log["a_done"] = app.scene.result
    log["done_buttons"] = buttons(app)
    press(pygame.K_r)  # no retry of a mission done
    yield
    yield
    log["after_r"] = app.scene.name
    press(pygame.K_RETURN)  # the next mission
    yield from until(app, "play")
    for _ in range(30):
        yield
    log["hud"] = [drawn.text for drawn in app.view.hud.drawn]
    log["hud_total"] = app.campaign.running_total(app.play.world.run_ticks)
    log["hud_mission"] = app.play.world.run_ticks
    yield from until(app, "results")
    log["final"] = app.scene.result
    log["final_buttons"] = buttons(app)
    log["attempts"] = [(a.mission, a.ended, a.ticks) for a in app.campaign.run.attempts]
    log["done"] = True


def test_every_attempt_counts_and_livesplit_follows_one_run(tmp_path):
    server, thread, lines = livesplit_server()
    port = server.getsockname()[1]
    a, b = two_missions(tmp_path)
    pilot = Pilot()
    log = drive(
        lambda app, log: play_through(app, log, pilot),
        pilot,
        campaign=[load_level(a), load_level(b)],
        speedrun=SpeedrunOptions(livesplit=("127.0.0.1", port)),
    )
    thread.join(10)
    server.close()

    restarted, failed, a_done, final = (log[k] for k in ("restarted", "failed", "a_done", "final"))
    assert restarted.ended == RESTARTED and restarted.ticks > 0
    assert not failed.completed and failed.run_ticks > 0
    assert log["attempts"] == [
        (0, RESTARTED, restarted.ticks),
        (0, FAILED, failed.run_ticks),
        (0, COMPLETED, a_done.run_ticks),
        (1, COMPLETED, final.run_ticks),
    ]
    # The run's time is every attempt's, the restarted and failed ones included.
    split_a = restarted.ticks + failed.run_ticks + a_done.run_ticks
    assert failed.campaign.total_ticks == restarted.ticks + failed.run_ticks
    assert a_done.campaign.total_ticks == split_a and a_done.campaign.mission_ticks == split_a
    line = final.campaign
    assert line.finished and line.total_ticks == split_a + final.run_ticks
    assert [s.ticks for s in line.splits] == [split_a, line.total_ticks]
    assert [s.segment for s in line.splits] == [split_a, final.run_ticks]
    assert line.new_pb and line.attempts == 4

    # A failure offers Retry first; a completed mission the next one and no retry (R too).
    assert log["fail_buttons"] == ["retry", "leave"]
    assert log["done_buttons"] == ["next", "leave"] and log["after_r"] == "results"
    assert log["final_buttons"] == ["leave"]

    # The HUD shows the run's time (above the mission's own) during mission 2.
    assert log["hud_total"] == split_a + log["hud_mission"] > log["hud_mission"]
    assert format_time(log["hud_total"]) in log["hud"]
    assert any(t.startswith("mission 2/2") for t in log["hud"])

    # LiveSplit: one run, started once, a split per mission, never reset.
    commands = [line for line in lines if not line.startswith("setgametime")]
    start = ["reset", "switchto gametime", "initgametime", "starttimer", "pausegametime"]
    assert commands == [*start, "split", "split"]
    times = [line.split()[1] for line in lines if line.startswith("setgametime")]
    seconds = [int(h) * 3600 + int(m) * 60 + float(s) for h, m, s in (t.split(":") for t in times)]
    assert seconds == sorted(seconds)  # game time goes on across the restart and missions
    # While nothing ticks LiveSplit holds the run's exact time: after the restart, the failure.
    for ended in (restarted.ticks, restarted.ticks + failed.run_ticks):
        assert _livesplit(ended) in times
    last_split = len(lines) - 1 - lines[::-1].index("split")
    assert lines[last_split - 1] == f"setgametime {_livesplit(line.total_ticks)}"

    # The finished run is kept: its run file and its records, by content.
    (saved,) = runfile.runs_dir().rglob("*.run")
    assert line.run_file == saved.name and "-quit" not in saved.name
    kept = runfile.load(saved)
    assert kept.finished and kept.total_ticks == line.total_ticks
    assert [a.ended for a in kept.attempts] == [RESTARTED, FAILED, COMPLETED, COMPLETED]
    rec, message = load_full_run_records(kept.key)
    assert message is None
    assert (rec.pb_ticks, rec.pb_splits) == (line.total_ticks, [split_a, line.total_ticks])
    assert rec.best_segments == [split_a, final.run_ticks]
    assert (rec.started, rec.finished) == (1, 1)


def _livesplit(ticks: int) -> str:
    from game.speedrun.timefmt import format_livesplit

    return format_livesplit(ticks)


def test_quitting_a_run_keeps_it_as_quit_and_resets_livesplit(tmp_path):
    server, thread, lines = livesplit_server()
    port = server.getsockname()[1]
    a, b = two_missions(tmp_path)
    pilot = Pilot()

    def flow(app, log):
        yield from until(app, "play")
        for _ in range(25):
            yield
        log["ticks"] = app.play.world.run_ticks
        press(pygame.K_ESCAPE)  # pause: no ticks
        yield from until(app, "paused")
        log["labels"] = [item.label for item in app.scene.menu.items]
        for _ in range(20):
            yield
        press(pygame.K_q)  # quit the run (and, started straight into it, the game)
        log["done"] = True
        for _ in range(5):
            yield

    log = drive(
        flow,
        pilot,
        campaign=[load_level(a), load_level(b)],
        speedrun=SpeedrunOptions(livesplit=("127.0.0.1", port)),
    )
    # The pause menu says what a restart and leaving mean in a full run.
    assert log["labels"] == ["Resume", "Restart (the time counts)", "Settings", "Quit run"]
    thread.join(10)
    server.close()
    (saved,) = runfile.runs_dir().rglob("*.run")
    assert saved.name.endswith("-quit.run")
    kept = runfile.load(saved)
    assert kept.quit and not kept.finished
    assert [a.ended for a in kept.attempts] == [QUIT]
    assert kept.total_ticks > 0
    rec, _ = load_full_run_records(kept.key)
    assert (rec.started, rec.finished, rec.pb_ticks) == (1, 0, None)
    commands = [line for line in lines if not line.startswith("setgametime")]
    assert commands[-2:] == ["pausegametime", "reset"]  # started, then reset when quit


def test_a_run_never_started_is_not_kept(tmp_path):
    a, b = two_missions(tmp_path)

    def flow(app, log):
        yield from until(app, "play")
        for _ in range(10):
            yield
        log["done"] = True

    drive(flow, lambda tick: TickInput(), campaign=[load_level(a), load_level(b)])
    assert not list(runfile.runs_dir().rglob("*.run"))
    assert not any(full_run_record_files())


def full_run_record_files():
    folder = full_run_records_path("0" * 64).parent
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def one_mission_run(path, **options):
    pilot = Pilot()

    def flow(app, log):
        yield from until(app, "results")
        log["line"] = app.scene.result.campaign
        log["done"] = True

    return drive(flow, pilot, campaign=[load_level(path)], **options)["line"]


def test_full_run_records_are_kept_by_the_levels_content(tmp_path):
    legacy = legacy_campaign_path()
    legacy.parent.mkdir(parents=True, exist_ok=True)
    old = '{"version": 1, "levels": ["fr-a"], "pb_ticks": 5, "pb_level_ticks": [5]}\n'
    legacy.write_text(old)  # the campaign PB of earlier versions: not destroyed, not a PB
    path = write_level(tmp_path / "a.toml", room_text("fr-a", name="Full A"))
    first = one_mission_run(path)
    assert first.new_pb and first.pb_total is None
    second = one_mission_run(path)
    assert not second.new_pb and second.pb_total == first.total_ticks
    # The same id, other content: a run of other levels, with records of its own.
    write_level(path, room_text("fr-a", name="Full A, edited"))
    edited = one_mission_run(path)
    assert edited.new_pb and edited.pb_total is None
    assert len(full_run_record_files()) == 2
    assert legacy.read_text() == old


def test_an_assisted_full_run_is_never_a_pb(tmp_path):
    path = write_level(tmp_path / "a.toml", room_text("fr-a", name="Full A"))
    line = one_mission_run(path, assist=Assist(infinite_o2=True))
    assert line.finished and line.assisted and not line.new_pb
    (saved,) = runfile.runs_dir().rglob("*.run")
    kept = runfile.load(saved)
    assert kept.assisted
    rec, _ = load_full_run_records(kept.key)
    assert (rec.pb_ticks, rec.best_segments, rec.finished) == (None, [], 1)


def write_pack(folder):
    folder.mkdir(parents=True)
    (folder / "pack.toml").write_text('title = "My Pack"\norder = ["my-two", "my-one"]\n')
    write_level(folder / "one.toml", room_text("my-one", name="My One"))
    two = room_text("my-two", name="My Two").replace("o2_seconds = 300.0", SHORT_AIR)
    write_level(folder / "two.toml", two)
    return folder


def test_the_level_select_starts_a_full_run_of_the_chosen_levels_pack():
    write_pack(user_levels_dir() / "mine")

    def flow(app, log):
        yield from until(app, "title")
        press(pygame.K_DOWN)  # Level select
        press(pygame.K_RETURN)
        yield from until(app, "level-select")
        rows = app.scene.rows
        target = next(i for i, row in enumerate(rows) if row.entry.id == "mine/my-one")
        for _ in range(len(app.scene.menu.items) + 1):
            if app.scene.menu.selected_id == f"level:{target}":
                break
            press(pygame.K_DOWN)
            yield
        log["hint"] = app.scene._full_run_hint()
        press(pygame.K_f)
        yield from until(app, "play")
        log["pack"] = app.campaign.pack
        log["levels"] = [level.info.id for level in app.campaign.levels]
        yield from until(app, "results")  # the air runs out: a failure
        log["buttons"] = buttons(app)
        press(pygame.K_ESCAPE)  # leave the run from its results: back to the level select
        yield from until(app, "level-select")
        log["full_run"] = app.scene.full_runs.get(user_levels_dir() / "mine")
        log["done"] = True

    pilot = Pilot()
    pilot.mode = "press"
    log = drive(flow, pilot, settings=Settings(seen_photosensitivity_notice=True))
    assert log["hint"] == "full run of My Pack"
    assert log["pack"] == "My Pack" and log["levels"] == ["my-two", "my-one"]
    assert log["buttons"] == ["retry", "leave"]
    (saved,) = runfile.runs_dir().rglob("*.run")  # quit between attempts: kept, as quit
    kept = runfile.load(saved)
    assert saved.name.endswith("-quit.run") and kept.pack == "My Pack"
    assert [(a.ended, a.ticks > 0) for a in kept.attempts] == [(FAILED, True), (QUIT, False)]
    # The level select shows the pack's full-run records (one run started, none finished).
    assert (log["full_run"].started, log["full_run"].pb_ticks) == (1, None)


def test_play_pack_dir_starts_a_full_run_of_that_pack(tmp_path, monkeypatch):
    folder = write_pack(tmp_path / "mine")
    seen = []
    monkeypatch.setattr(game.app, "open_window", lambda starter, **_: seen.append(starter) or 0)
    assert main(["play", "--pack", str(folder)]) == 0
    (starter,) = seen
    assert starter.pack == "My Pack"
    assert [level.info.id for level in starter.levels] == ["my-two", "my-one"]
    assert main(["play", "arrival", "--pack", str(folder)]) == 2
    assert main(["play", "--pack", str(tmp_path / "nowhere")]) == 2


def test_a_corrupt_full_run_records_file_is_set_aside_and_said_once(tmp_path):
    path = write_level(tmp_path / "a.toml", room_text("fr-a", name="Full A"))
    one_mission_run(path)
    (kept,) = full_run_record_files()
    kept.write_text("{ not json")
    said = []

    def flow(app, log):
        yield from until(app, "results")
        log["line"] = app.scene.result.campaign
        said.extend(m for m in app.notices.history if "Full-run records" in m)
        log["done"] = True

    log = drive(flow, Pilot(), campaign=[load_level(path)])
    assert len(said) == 1 and "corrupt" in said[0]
    assert log["line"].new_pb and log["line"].pb_total is None  # started fresh
    assert kept.with_name(kept.name + ".corrupt-1").read_text() == "{ not json"
    rec, message = load_full_run_records(load_full_run_key(path))
    assert message is None and rec.pb_ticks == log["line"].total_ticks


def load_full_run_key(path):
    from game.speedrun.fullrun import Mission, missions_key

    level = load_level(path)
    return missions_key([Mission(level.info.id, level.sha256, level.info.name)])


def test_the_hud_shows_each_mission_split_against_the_full_run_pb(tmp_path):
    a, b = two_missions(tmp_path)

    def flow(app, log):
        yield from until(app, "results")
        log["first"] = app.scene.result.campaign
        press(pygame.K_RETURN)  # the next mission
        yield from until(app, "play")
        for _ in range(5):
            yield
        log["hud"] = [drawn.text for drawn in app.view.hud.drawn]
        yield from until(app, "results")
        log["last"] = app.scene.result.campaign
        log["done"] = True

    first = drive(flow, Pilot(), campaign=[load_level(a), load_level(b)])
    again = drive(flow, Pilot(), campaign=[load_level(a), load_level(b)])
    assert not any(t.startswith("split 1") for t in first["hud"])  # no PB yet
    assert first["first"].pb_split is None
    assert again["first"].pb_split == again["first"].total_ticks  # the same inputs
    assert "split 1  +0:00.000" in again["hud"]
    assert f"run PB {format_time(first['last'].total_ticks)}" in again["hud"]


def livesplit_servers():
    """A stand-in for LiveSplit's server taking any number of connections (a new session
    makes a new one): every command line, in the order they arrive."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    server.settimeout(10)
    lines: list[str] = []
    readers: list[threading.Thread] = []

    def read(conn) -> None:
        conn.settimeout(10)
        pending = b""
        with conn:
            while True:
                try:
                    chunk = conn.recv(4096)
                except OSError:
                    break
                if not chunk:
                    break
                pending += chunk
                *done, pending = pending.split(b"\r\n")
                lines.extend(line.decode("ascii") for line in done)

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            reader = threading.Thread(target=read, args=(conn,), daemon=True)
            reader.start()
            readers.append(reader)

    threading.Thread(target=serve, daemon=True).start()
    return server, readers, lines


def test_a_setting_changed_mid_run_does_not_restart_livesplit(tmp_path):
    server, readers, lines = livesplit_servers()
    port = server.getsockname()[1]
    a, b = two_missions(tmp_path)

    def flow(app, log):
        yield from until(app, "play")
        for _ in range(20):
            yield
        session = app.now.session
        app.change_settings(ghost=False)  # a new records session, the same LiveSplit
        log["replaced"] = app.now.session is not session
        yield from until(app, "results")
        press(pygame.K_RETURN)
        yield from until(app, "play")
        yield from until(app, "results")
        log["done"] = True

    log = drive(
        flow,
        Pilot(),
        campaign=[load_level(a), load_level(b)],
        speedrun=SpeedrunOptions(livesplit=("127.0.0.1", port)),
    )
    for reader in readers:
        reader.join(10)
    server.close()
    assert log["replaced"]
    commands = [line for line in lines if not line.startswith("setgametime")]
    start = ["reset", "switchto gametime", "initgametime", "starttimer", "pausegametime"]
    assert commands == [*start, "split", "split"]


def test_leaving_between_attempts_keeps_the_runs_assists(tmp_path):
    """The empty quit attempt added when a slowed run is left from its results is slowed too:
    its replay says so and it verifies (built at speed 1.0 it was called unassisted)."""
    from game.speedrun.campaign import Campaign
    from game.speedrun.verify import verify

    a, b = two_missions(tmp_path)
    levels = [load_level(a), load_level(b)]
    campaign = Campaign(levels, keep_records=False)
    slow = Assist(speed=0.5)
    campaign.quit(slow)
    attempt = campaign.run.attempts[-1]
    assert attempt.ended == QUIT
    assert attempt.replay.assist == slow and attempt.replay.sim_speed == 0.5
    assert verify(attempt.replay, levels[0]).verified
