"""The menus, driven headless with posted pygame events like a player's: the title, the level
select, play, pause, restart, results and back; keyboard, mouse and gamepad; the photosensitivity
notice; fullscreen; the letterboxed window; sound with no audio device."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from game.app import RunStats, run
from game.paths import user_levels_dir
from game.render import text
from game.settings import Settings, load_settings, settings_path
from game.window import game_area
from tests.window_flow import stepping, until
from tests.window_levels import FRAME, room_text, thrust, write_level

ROOT = Path(__file__).resolve().parent.parent


# -- driving the game ---------------------------------------------------------------------------


def key(code: int, unicode: str = "") -> None:
    pygame.event.post(
        pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode=unicode, scancode=0)
    )


def button(code: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, button=code, instance_id=0))


def click(pos, which: int = 1) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=which))


def drive(flow, max_frames: int = 2000, **options):
    """Run the game with `flow(app, log)`, a generator that does one step per frame (each
    `yield` lets a frame go by); the game ends when the flow does. Returns (log, stats)."""
    log: dict = {}
    stats = RunStats()
    options.setdefault("settings", Settings(seen_photosensitivity_notice=True))
    run(
        max_frames=max_frames,
        frame_dt=FRAME,
        on_frame=stepping(flow, log),
        stats=stats,
        **options,
    )
    assert "done" in log, f"the flow stopped early: {log}"
    return log, stats


def choose(app, item_id: str):
    """Move the menu's selection to an item with the arrow keys (as a player would)."""
    for _ in range(len(app.scene.menu.items) + 1):
        if app.scene.menu.selected_id == item_id:
            return
        key(pygame.K_DOWN)
        yield
    raise AssertionError(f"no {item_id} in {[i.id for i in app.scene.menu.items]}")


def pick_level(app, level_id: str):
    """From the title, into the level select, with `level_id` chosen."""
    yield from until(app, "title")
    key(pygame.K_DOWN)
    key(pygame.K_RETURN)
    yield from until(app, "level-select")
    yield from choose(app, level_item(app, level_id))


def level_item(app, level_id: str) -> str:
    for index, row in enumerate(app.scene.rows):
        if row.entry.id == level_id:
            return f"level:{index}"
    raise AssertionError(f"{level_id} is not listed")


def user_level(name: str = "room.toml", **room) -> Path:
    folder = user_levels_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return write_level(folder / name, room_text(**room))


# -- the whole flow -----------------------------------------------------------------------------


def test_title_level_select_play_pause_restart_finish_results_and_back():
    user_level()

    def flow(app, log):
        yield from until(app, "title")
        assert app.scene.menu.selected_id == "campaign"
        key(pygame.K_DOWN)
        key(pygame.K_RETURN)
        yield from until(app, "level-select")
        packs = [i.label for i in app.scene.menu.items if i.kind == "header"]
        assert packs[0] == "I.S.S. \u2014 the campaign"
        assert "Benchmarks" not in packs  # a tool, not a level for players
        assert "Your levels" in packs
        yield from choose(app, level_item(app, "win-test"))
        key(pygame.K_RETURN)
        yield from until(app, "play")
        for _ in range(20):
            yield
        key(pygame.K_ESCAPE)
        yield from until(app, "paused")
        frozen = app.play.world.tick
        for _ in range(5):
            yield
        assert app.play.world.tick == frozen  # nothing moves while paused
        key(pygame.K_DOWN)  # Resume -> Restart
        key(pygame.K_RETURN)
        yield from until(app, "play")
        assert app.play.restarts == 1 and app.play.world.tick < frozen
        yield from until(app, "results", frames=400)
        result = app.scene.result
        log["result"] = result
        assert app.scene.confirm == "leave"  # no next level in "Your levels": Enter leaves
        assert [i.label for i in app.scene.menu.items] == ["Retry", "Level select"]
        key(pygame.K_RETURN)
        yield from until(app, "level-select")
        chosen = app.scene.chosen
        log["back"] = (chosen.entry.id, chosen.pb_ticks, chosen.medal)
        log["done"] = True

    log, stats = drive(flow, input_source=thrust())
    result = log["result"]
    assert result.completed and result.new_pb and result.records_kept
    assert log["back"] == ("win-test", result.run_ticks, "gold")  # the PB shows at once
    assert stats.restarts == 1


def test_results_go_on_to_the_next_level_of_the_pack():
    pack = user_levels_dir() / "mine"
    pack.mkdir(parents=True)
    (pack / "pack.toml").write_text('title = "My pack"\norder = ["one", "two"]\n')
    write_level(pack / "a.toml", room_text("one", name="One"))
    write_level(pack / "b.toml", room_text("two", name="Two"))

    def flow(app, log):
        yield from pick_level(app, "mine/one")
        key(pygame.K_RETURN)
        yield from until(app, "results", frames=400)
        assert app.scene.confirm == "next"
        key(pygame.K_RETURN)
        yield from until(app, "play")
        log["level"] = app.play.level.info.id
        yield from until(app, "results", frames=400)
        log["last"] = [i.id for i in app.scene.menu.items]
        key(pygame.K_ESCAPE)  # Esc on the results: back to the menus
        yield from until(app, "level-select")
        log["done"] = True

    log, _ = drive(flow, input_source=thrust())
    assert log["level"] == "two"
    assert log["last"] == ["retry", "leave"]  # the last of the pack: nothing next


def test_pause_quit_to_menu_returns_to_the_level_select_and_esc_to_the_title():
    user_level()

    def flow(app, log):
        yield from pick_level(app, "win-test")
        key(pygame.K_RETURN)
        yield from until(app, "play")
        key(pygame.K_ESCAPE)
        yield from until(app, "paused")
        assert app.scene.menu.items[-1].label == "Quit to menu"
        yield from choose(app, "leave")
        key(pygame.K_RETURN)
        yield from until(app, "level-select")
        assert app.scene.chosen.entry.id == "win-test"
        key(pygame.K_ESCAPE)
        yield from until(app, "title")
        key(pygame.K_ESCAPE)  # to Quit; a second Esc quits
        yield
        assert app.scene.menu.selected_id == "quit"
        log["done"] = True
        key(pygame.K_ESCAPE)
        yield

    _, stats = drive(flow, input_source=thrust())
    assert stats.scene == "title"


def test_a_broken_level_is_listed_with_its_error_and_cannot_be_played():
    folder = user_levels_dir()
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text('[level]\nid = "broken"\nname = 3\n', encoding="utf-8")

    def flow(app, log):
        yield from until(app, "title")
        key(pygame.K_DOWN)
        key(pygame.K_RETURN)
        yield from until(app, "level-select")
        item = level_item(app, "broken")
        yield from choose(app, item)
        row = app.scene.chosen
        assert not row.entry.valid and row.entry.error
        assert app.scene.menu.item.value == "broken"
        key(pygame.K_RETURN)
        for _ in range(3):
            yield
        assert app.scene.name == "level-select"  # not started
        assert "cannot be played" in app.scene.message
        log["done"] = True

    drive(flow)


def test_a_level_that_cannot_be_started_is_said_and_the_menus_go_on(monkeypatch, capsys):
    import game.now_playing

    user_level()

    def broken_view(*args, **kwargs):
        raise RuntimeError("no art for this")

    monkeypatch.setattr(game.now_playing, "WorldView", broken_view)

    def flow(app, log):
        yield from pick_level(app, "win-test")
        key(pygame.K_RETURN)
        for _ in range(3):
            yield
        log["scene"] = app.scene.name
        log["said"] = [m for m in app.notices.history if "could not be started" in m]
        log["done"] = True

    log, _ = drive(flow)
    assert log["scene"] == "level-select"
    assert len(log["said"]) == 1 and "no art for this" in log["said"][0]
    assert "RuntimeError" in capsys.readouterr().err


def test_level_select_shows_each_levels_pb_and_par_medal():
    from game.levels import load_level
    from game.speedrun import records

    level = load_level(user_level())
    content = records.level_content(level)  # a player's level: records kept by content
    records.save_records(
        records.LevelRecords("win-test", pb_ticks=700, pb_splits=[700], content=content)
    )

    def flow(app, log):
        yield from pick_level(app, "win-test")
        item = app.scene.menu.item
        log["row"] = (item.value, item.badge)
        arrival = app.scene.menu.items[app.scene.menu.items.index(item) - 1]
        log["done"] = True
        del arrival

    log, _ = drive(flow)
    assert log["row"] == ("0:05.833", "silver")  # par 5 s: 700 ticks is within 1.25x


def test_the_level_select_names_the_players_keys_in_a_levels_text(monkeypatch):
    """Arrival's description says "Hold {grab}": the level select shows the bound key, as the
    level's own intro does, never the placeholder."""
    drawn: list[str] = []
    blit = text.blit

    def recording_blit(surface, line, *args, **kwargs):
        drawn.append(line)
        return blit(surface, line, *args, **kwargs)

    monkeypatch.setattr(text, "blit", recording_blit)

    def flow(app, log):
        yield from pick_level(app, "arrival")
        drawn.clear()
        yield
        yield
        log["done"] = True

    drive(flow)
    shown = " ".join(drawn)
    assert "Hold SPACE to catch" in shown
    assert "{grab}" not in shown


def test_the_campaign_starts_from_the_title():
    def flow(app, log):
        yield from until(app, "title")
        key(pygame.K_RETURN)  # Play campaign
        yield from until(app, "play")
        log["level"] = app.play.level.info.id
        log["campaign"] = app.campaign is not None and app.campaign.levels[0].info.id
        log["done"] = True

    log, _ = drive(flow)
    assert log["level"] == log["campaign"] == "arrival"


# -- mouse and gamepad ----------------------------------------------------------------------------


def test_a_mouse_click_on_a_menu_item_chooses_it():
    def flow(app, log):
        yield from until(app, "title")
        yield  # drawn once: the rows have their places
        menu = app.scene.menu
        index = [i.id for i in menu.items].index("settings")
        rect = menu.rects[index]
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=rect.center, rel=(0, 0)))
        yield
        assert menu.selected_id == "settings"  # hovering chooses
        click(rect.center)
        yield from until(app, "settings")
        click((5, 5), which=3)  # a right click goes back
        yield from until(app, "title")
        log["done"] = True

    drive(flow)


def test_the_pause_menu_and_the_results_answer_the_mouse():
    user_level()

    def at(app, item_id: str):
        menu = app.scene.menu
        return menu.rects[[i.id for i in menu.items].index(item_id)].center

    def flow(app, log):
        yield from until(app, "title")
        key(pygame.K_DOWN)
        key(pygame.K_RETURN)
        yield from until(app, "level-select")
        yield
        index = [r.entry.id for r in app.scene.rows].index("win-test")
        click(at(app, f"level:{index}"))  # a click on a level plays it
        yield from until(app, "play")
        key(pygame.K_ESCAPE)
        yield from until(app, "paused")
        yield
        click(at(app, "restart"))
        yield from until(app, "play")
        log["restarts"] = app.play.restarts
        yield from until(app, "results", frames=400)
        yield
        click(at(app, "retry"))
        yield from until(app, "play")
        log["after"] = (app.play.restarts, app.play.world.tick)
        log["done"] = True

    log, _ = drive(flow, input_source=thrust())
    assert log["restarts"] == 1
    assert log["after"][0] == 2 and log["after"][1] < 10


def test_gamepad_buttons_and_stick_navigate_the_menus():
    def flow(app, log):
        yield from until(app, "title")
        button(pygame.CONTROLLER_BUTTON_DPAD_DOWN)
        yield
        assert app.scene.menu.selected_id == "levels"
        button(pygame.CONTROLLER_BUTTON_A)
        yield from until(app, "level-select")
        button(pygame.CONTROLLER_BUTTON_B)
        yield from until(app, "title")
        assert app.scene.menu.selected_id == "campaign"
        # The stick moves once per push, not once per axis event.
        for value in (5000, 30000, 31000, 32000):
            pygame.event.post(
                pygame.event.Event(
                    pygame.CONTROLLERAXISMOTION,
                    axis=pygame.CONTROLLER_AXIS_LEFTY,
                    value=value,
                    instance_id=0,
                )
            )
        yield
        assert app.scene.menu.selected_id == "levels"
        log["done"] = True

    drive(flow)


def test_the_pause_menu_with_a_gamepad():
    user_level()

    def flow(app, log):
        yield from pick_level(app, "win-test")
        button(pygame.CONTROLLER_BUTTON_A)
        yield from until(app, "play")
        button(pygame.CONTROLLER_BUTTON_START)
        yield from until(app, "paused")
        button(pygame.CONTROLLER_BUTTON_B)  # back: resume
        yield from until(app, "play")
        button(pygame.CONTROLLER_BUTTON_START)
        yield from until(app, "paused")
        for _ in range(2):
            button(pygame.CONTROLLER_BUTTON_DPAD_DOWN)
        button(pygame.CONTROLLER_BUTTON_A)  # Settings
        yield from until(app, "settings")
        button(pygame.CONTROLLER_BUTTON_B)
        yield from until(app, "paused")
        log["done"] = True

    drive(flow, input_source=thrust())


# -- first start, fullscreen, the window --------------------------------------------------------


def test_the_photosensitivity_notice_comes_once_and_can_reduce_flashing():
    def first(app, log):
        yield from until(app, "notice")
        assert app.scene.menu.selected_id == "reduce"
        key(pygame.K_RETURN)
        yield from until(app, "title")
        log["done"] = True

    drive(first, settings=load_settings()[0], persist_settings=True)
    saved, messages = load_settings()
    assert not messages
    assert saved.seen_photosensitivity_notice and saved.reduced_flashing

    def second(app, log):
        yield
        log["first"] = app.scene.name
        log["done"] = True

    log, _ = drive(second, settings=saved, persist_settings=True)
    assert log["first"] == "title"


def test_straight_into_a_level_the_notice_is_a_message_until_the_title_shows_it():
    path = user_level()
    seen: list = []
    run(
        path,
        settings=Settings(),
        persist_settings=True,
        max_frames=3,
        frame_dt=FRAME,
        on_frame=lambda app: seen.append(list(app.notices.history)),
    )
    assert any("Photosensitivity" in m for m in seen[-1])
    assert not load_settings()[0].seen_photosensitivity_notice  # the title will still show it


def test_reduced_flashing_reaches_the_renderer():
    earth = pytest.importorskip("game.render.earth")

    def flow(app, log):
        yield from until(app, "title")
        log["before"] = earth.reduced_flashing()
        app.change_settings(reduced_flashing=True)
        log["after"] = earth.reduced_flashing()
        app.change_settings(reduced_flashing=False)
        log["done"] = True

    log, _ = drive(flow)
    assert (log["before"], log["after"]) == (False, True)


def test_f11_toggles_fullscreen_and_the_setting():
    def flow(app, log):
        yield from until(app, "title")
        key(pygame.K_F11)
        yield
        log["on"] = (
            app.settings.fullscreen,
            bool(app.window.display.get_flags() & pygame.FULLSCREEN),
        )
        key(pygame.K_F11)
        yield
        log["off"] = (
            app.settings.fullscreen,
            bool(app.window.display.get_flags() & pygame.FULLSCREEN),
            app.window.display.get_size(),
        )
        log["done"] = True

    log, _ = drive(flow, settings=Settings(seen_photosensitivity_notice=True), window_size=None)
    assert log["on"] == (True, True)
    assert log["off"] == (False, False, (1280, 720))


def test_the_window_size_is_remembered():
    def flow(app, log):
        yield from until(app, "title")
        pygame.display.set_mode((1000, 640), pygame.RESIZABLE)
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1000, h=640, size=(1000, 640)))
        yield
        log["done"] = True

    settings = Settings(seen_photosensitivity_notice=True)
    drive(flow, settings=settings, persist_settings=True)
    saved, _ = load_settings()
    assert saved.window_size == (1000, 640)

    def again(app, log):
        yield
        log["size"] = app.window.display.get_size()
        log["done"] = True

    log, _ = drive(again, settings=saved)
    assert log["size"] == (1000, 640)


@pytest.mark.parametrize(
    ("size", "area"),
    [
        ((1280, 720), (0, 0, 1280, 720)),
        ((1366, 768), (0, 0, 1366, 768)),  # close enough to 16:9: the whole window
        ((1000, 720), (0, 79, 1000, 562)),  # too tall: bars above and below
        ((1600, 720), (160, 0, 1280, 720)),  # too wide: bars at the sides
    ],
)
def test_the_game_keeps_16_9_in_any_window(size, area):
    assert tuple(game_area(size)) == area


def test_a_letterboxed_window_draws_bars_and_maps_the_mouse(tmp_path):
    shot = tmp_path / "wide.png"

    def flow(app, log):
        yield from until(app, "title")
        yield
        assert app.screen.get_size() == (1280, 720)
        menu = app.scene.menu
        rect = menu.rects[[i.id for i in menu.items].index("settings")]
        click((rect.centerx + 160, rect.centery))  # window coordinates: 160 px of bar
        yield from until(app, "settings")
        log["done"] = True

    drive(flow, window_size=(1600, 720), screenshot=shot)
    picture = pygame.image.load(str(shot))
    assert picture.get_size() == (1600, 720)
    assert picture.get_at((40, 360))[:3] == (0, 0, 0)  # the bar
    assert picture.get_at((1560, 100))[:3] == (0, 0, 0)


def test_the_hud_scales_with_the_window():
    assert text.ui_scale((1280, 720)) == 1.0
    assert text.ui_scale((1920, 1080)) == 1.5
    assert text.ui_scale((640, 360)) == 0.8  # never unreadably small


# -- settings ------------------------------------------------------------------------------


def test_settings_changes_are_used_at_once_and_saved_on_leaving():
    def flow(app, log):
        yield from until(app, "title")
        yield from choose(app, "settings")
        key(pygame.K_RETURN)
        yield from until(app, "settings")
        assert app.scene.menu.selected_id == "master_volume"
        key(pygame.K_LEFT)
        key(pygame.K_LEFT)
        yield
        log["volume"] = app.settings.master_volume
        log["audio"] = app.audio.master if app.audio is not None else None
        yield from choose(app, "ghost")
        key(pygame.K_RETURN)
        yield from choose(app, "assist_speed")
        key(pygame.K_RIGHT)
        yield
        log["assist"] = app.assist.speed
        yield from choose(app, "back")
        key(pygame.K_RETURN)
        yield from until(app, "title")
        log["done"] = True

    log, _ = drive(flow, persist_settings=True)
    assert log["volume"] == pytest.approx(0.6) and log["audio"] == pytest.approx(0.6)
    assert log["assist"] == 0.9
    saved, _ = load_settings()
    assert saved.master_volume == pytest.approx(0.6)
    assert saved.ghost is False and saved.assist_speed == 0.9


def test_the_livesplit_address_is_typed_and_checked():
    def flow(app, log):
        yield from until(app, "title")
        yield from choose(app, "settings")
        key(pygame.K_RETURN)
        yield from until(app, "settings")
        yield from choose(app, "livesplit_address")
        key(pygame.K_RETURN)
        yield
        assert app.scene.captures_keys
        for _ in range(len("localhost:16834")):
            key(pygame.K_BACKSPACE)
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="pc:nope"))
        key(pygame.K_RETURN)
        yield
        log["bad"] = app.scene.message
        for _ in range(4):
            key(pygame.K_BACKSPACE)
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="9999"))
        key(pygame.K_h)  # typing: not the ghost key, not a menu key
        key(pygame.K_RETURN)
        yield
        log["address"] = app.settings.livesplit_address
        log["done"] = True

    log, _ = drive(flow)
    assert "port must be a number" in log["bad"]
    assert log["address"] == "pc:9999"


def test_a_corrupt_settings_file_means_defaults_a_message_once_and_the_old_file_kept(
    monkeypatch,
):
    import game.app
    from game.cli import main

    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"version": 1, "master_volume": ', encoding="utf-8")
    seen: list = []
    real_open_window = game.app.open_window

    def short_run(starter, **options):
        def on_frame(app) -> None:
            if app.frames == 3:
                seen.append((list(app.notices.history), app.settings, app.scene.name))
                app.running = False

        options.update(max_frames=10, loop=game.app.LoopOptions(frame_dt=FRAME), on_frame=on_frame)
        return real_open_window(starter, **options)

    monkeypatch.setattr(game.app, "open_window", short_run)
    assert main([]) == 0  # `last-orbit`: the title
    history, settings, scene = seen[0]
    assert sum("Settings could not be read" in m for m in history) == 1
    assert settings == Settings()
    assert scene == "notice"  # defaults: the first-start notice again
    kept = [p for p in path.parent.iterdir() if p.name != path.name]
    assert len(kept) == 1 and kept[0].read_text() == '{"version": 1, "master_volume": '
    assert main([]) == 0  # started again: said once, not again
    assert not any("Settings" in m for m in seen[1][0])


# -- sound ---------------------------------------------------------------------------------


def test_sound_follows_the_game_and_stops_on_pause():
    user_level()

    def flow(app, log):
        yield from pick_level(app, "win-test")
        key(pygame.K_RETURN)
        yield from until(app, "play")
        for _ in range(10):
            yield
        if app.audio is None or not app.audio.available:
            pytest.skip("no dummy audio device here")
        log["playing"] = set(app.audio._loops)
        key(pygame.K_ESCAPE)
        yield from until(app, "paused")
        yield
        log["paused"] = set(app.audio._loops)
        log["done"] = True

    log, _ = drive(flow, input_source=thrust())
    assert {"thrust", "ambient"} <= log["playing"]
    assert log["paused"] == {"ambient"}


NO_DEVICE_SCRIPT = """
import pygame
from game.app import RunStats, run
from game.settings import Settings
from tests.window_levels import thrust

seen = {}


def post(code):
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode=""))


def on_frame(app):
    seen["no-sound"] = sum("No sound" in m for m in app.notices.history)
    seen["audio"] = app.audio is not None and app.audio.available
    if app.frames == 2:
        post(pygame.K_DOWN)
        post(pygame.K_RETURN)
    if app.scene.name == "level-select" and "picked" not in seen:
        seen["picked"] = True
        index = [row.entry.id for row in app.scene.rows].index("win-test")
        app.scene.menu.select(f"level:{index}")
        post(pygame.K_RETURN)
    if app.scene.name == "results":
        seen["completed"] = app.scene.result.completed
        app.running = False


stats = RunStats()
code = run(
    settings=Settings(seen_photosensitivity_notice=True),
    input_source=thrust(),
    frame_dt=1 / 60,
    max_frames=600,
    on_frame=on_frame,
    stats=stats,
)
print("exit", code)
print("completed", seen.get("completed"))
print("audio", seen.get("audio"))
print("no-sound", seen.get("no-sound"))
"""


def test_the_game_starts_and_plays_with_an_audio_driver_that_does_not_exist(tmp_path):
    levels = tmp_path / "levels"
    levels.mkdir()
    (levels / "room.toml").write_text(room_text(), encoding="utf-8")
    env = dict(
        os.environ,
        SDL_AUDIODRIVER="no-such-driver",
        SDL_VIDEODRIVER="dummy",
        LAST_ORBIT_HOME=str(tmp_path),
        PYTHONPATH=str(ROOT),
    )
    out = subprocess.run(
        [sys.executable, "-c", NO_DEVICE_SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines() if " " in line)
    assert lines["exit"] == "0"
    assert lines["completed"] == "True"  # it played through to the results
    assert lines["audio"] == "False"  # silently
    assert lines["no-sound"] == "1"  # and said so once, on screen
