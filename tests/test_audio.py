"""Sound: generated assets load, events make sounds, and a missing device means silence."""

import os
import subprocess
import sys
import wave

import pygame
import pytest

from game.audio import SOUND_NAMES, Audio
from game.paths import shipped_assets_dir
from game.sim.events import SimEvent


@pytest.mark.parametrize("name", SOUND_NAMES)
def test_every_sound_is_shipped_as_a_short_mono_wav(name):
    path = shipped_assets_dir() / "sounds" / f"{name}.wav"
    with wave.open(str(path)) as handle:
        assert handle.getnchannels() == 1 and handle.getsampwidth() == 2
        seconds = handle.getnframes() / handle.getframerate()
    assert 0.05 < seconds < 10


def test_generator_is_deterministic(tmp_path, monkeypatch):
    sys.path.insert(0, str(shipped_assets_dir().parent / "tools"))
    try:
        import make_sounds
    finally:
        sys.path.pop(0)
    monkeypatch.setattr(make_sounds, "OUT", tmp_path)
    make_sounds.main()
    for name in SOUND_NAMES:
        shipped = (shipped_assets_dir() / "sounds" / f"{name}.wav").read_bytes()
        assert (tmp_path / f"{name}.wav").read_bytes() == shipped, f"{name} is out of date"


def test_events_play_and_loops_follow_thrust_and_o2():
    pygame.mixer.quit()
    audio = Audio()
    assert audio.available, audio.notices()
    audio.update([SimEvent("grab"), SimEvent("impact", value=3.0)], thrust=1.0, o2_fraction=0.1)
    assert set(audio._loops) == {"thrust", "alarm"}
    audio.update([], thrust=0.0, o2_fraction=0.5)
    assert audio._loops == {}
    audio.close()


def test_game_starts_and_plays_with_an_audio_driver_that_does_not_exist(tmp_path):
    env = dict(
        os.environ,
        SDL_AUDIODRIVER="no-such-driver",
        SDL_VIDEODRIVER="dummy",
        LAST_ORBIT_HOME=str(tmp_path),
    )
    code = (
        "import pygame; pygame.init()\n"
        "from game.audio import Audio\n"
        "a = Audio(); print(a.available); print(a.notices()); print(a.notices())\n"
        "a.update([], 1.0, 0.1)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert out.returncode == 0, out.stderr
    available, first, second = out.stdout.splitlines()[-3:]
    assert available == "False"
    assert "No sound" in first and second == "[]"  # said once
    game = subprocess.run(
        [sys.executable, "-m", "game", "play", "arrival", "--frames", "30"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert game.returncode == 0, game.stderr
