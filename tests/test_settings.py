"""Settings: saved and loaded; anything unreadable falls back to defaults, said, and kept."""

import json

import pytest

from game.settings import Settings, load_settings, save_settings, settings_path


def test_defaults_when_there_is_no_file():
    settings, messages = load_settings()
    assert settings == Settings() and messages == []


def test_round_trip_in_the_home_folder(tmp_path):
    settings = Settings(
        master_volume=0.3,
        fullscreen=True,
        window_size=(1600, 900),
        keys={"grab": ["space", "j"]},
        pad_buttons={"grab": [0]},
        assist_speed=0.7,
        livesplit=True,
    )
    save_settings(settings)
    assert settings_path().is_relative_to(tmp_path)
    loaded, messages = load_settings()
    assert loaded == settings and messages == []
    assert loaded.assisted


@pytest.mark.parametrize(
    "content",
    [b"{broken", b"", b"\xff\xfe", b"[1, 2]", json.dumps({"version": 99}).encode(), b"[" * 50_000],
    ids=["syntax", "empty", "binary", "not-a-table", "other-version", "deep"],
)
def test_unreadable_file_gives_defaults_a_message_and_keeps_the_old_file(content):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    settings, messages = load_settings()
    assert settings == Settings()
    assert len(messages) == 1 and "kept as settings.json.corrupt-1" in messages[0]
    assert (path.parent / "settings.json.corrupt-1").read_bytes() == content


def test_bad_fields_reset_alone_and_the_rest_is_kept():
    path = settings_path()
    path.parent.mkdir(parents=True)
    document = {
        "version": 1,
        "master_volume": 7,
        "music_volume": 0.25,
        "window_size": [10, 10],
        "keys": {"grab": ["space"]},
        "assist_speed": 0.2,
    }
    path.write_text(json.dumps(document))
    settings, messages = load_settings()
    assert settings.music_volume == 0.25 and settings.keys == {"grab": ["space"]}
    assert settings.master_volume == Settings().master_volume
    assert settings.window_size == Settings().window_size
    assert settings.assist_speed == 1.0
    assert len(messages) == 1
    for name in ("master_volume", "window_size", "assist_speed"):
        assert name in messages[0]
    assert json.loads((path.parent / "settings.json.corrupt-1").read_text()) == document


def test_a_misspelt_setting_is_reported_and_the_old_file_kept():
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"version": 1, "master_volme": 0.2, "music_volume": 0.1}))
    settings, messages = load_settings()
    assert settings.music_volume == 0.1
    assert len(messages) == 1 and "master_volme" in messages[0]
    assert (path.parent / "settings.json.corrupt-1").exists()
