"""Sound: effects for what happens in the sim, the thruster and O2-alarm loops, and the station's
ambient hum. If there is no audio device, or the mixer fails at any point, the game plays on
silently and says so once."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
import pygame  # noqa: E402

from game.paths import shipped_assets_dir  # noqa: E402
from game.sim.events import SimEvent  # noqa: E402

SOUND_NAMES = ("thrust", "grab", "impact", "breach", "alarm", "chime", "comms", "fail", "ambient")
# Sim event kind -> (sound, loudness before the effects volume).
EVENT_SOUNDS = {
    "grab": ("grab", 0.8),
    "pickup": ("grab", 0.6),
    "push": ("grab", 0.35),
    "throw": ("grab", 0.5),
    "objective": ("chime", 0.8),
    "message": ("comms", 0.7),
    "failed": ("fail", 0.9),
    "damage": ("breach", 1.0),  # a hit that cost O2: heard over the bump's thud
    "hatch": ("impact", 0.4),
    "squeezed": ("impact", 0.6),
    "torn_loose": ("impact", 0.7),
}
O2_ALARM_FRACTION = 0.2


class Audio:
    def __init__(self, master: float = 0.8, effects: float = 0.8, music: float = 0.5):
        self.master, self.effects, self.music = master, effects, music
        self.available = False
        self._notices: list[str] = []
        self._said = False  # the player is told about a sound failure once
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self._loops: dict[str, pygame.mixer.Channel] = {}
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=22050, size=-16, channels=2, buffer=512)
            pygame.mixer.set_num_channels(16)
            folder = shipped_assets_dir() / "sounds"
            for name in SOUND_NAMES:
                self._sounds[name] = pygame.mixer.Sound(str(folder / f"{name}.wav"))
            self.available = True
        except (pygame.error, OSError, FileNotFoundError) as exc:
            self._fail(f"No sound ({exc}); playing silently.")

    def notices(self) -> list[str]:
        out, self._notices = self._notices, []
        return out

    def _fail(self, message: str) -> None:
        if not self._said:
            self._said = True
            self._notices.append(message)
        self.available = False

    def set_volumes(self, master: float, effects: float, music: float) -> None:
        self.master, self.effects, self.music = master, effects, music
        if "ambient" in self._loops:
            self._loops["ambient"].set_volume(self.master * self.music * 0.6)

    def _play(self, name: str, loudness: float) -> None:
        if not self.available:
            return
        try:
            channel = self._sounds[name].play()
            if channel is not None:
                channel.set_volume(min(1.0, self.master * self.effects * loudness))
        except pygame.error as exc:
            self._fail(f"Sound stopped working ({exc}); playing on silently.")

    def _loop(self, name: str, on: bool, volume: float) -> None:
        if not self.available:
            return
        try:
            channel = self._loops.get(name)
            if on and (channel is None or not channel.get_busy()):
                channel = self._sounds[name].play(loops=-1)
                if channel is not None:
                    self._loops[name] = channel
            if channel is not None:
                if on:
                    channel.set_volume(min(1.0, volume))
                else:
                    channel.stop()
                    self._loops.pop(name, None)
        except pygame.error as exc:
            self._fail(f"Sound stopped working ({exc}); playing on silently.")

    def ambient(self, on: bool = True) -> None:
        self._loop("ambient", on, self.master * self.music * 0.6)

    def update(self, events: Iterable[SimEvent], thrust: float, o2_fraction: float) -> None:
        """Call once per frame with the events of the ticks run, the thrust (0..1) and O2 left."""
        for event in events:
            if event.kind == "impact":
                self._play("impact", min(1.0, 0.25 + event.value / 3.0))
                continue
            sound = EVENT_SOUNDS.get(event.kind)
            if sound:
                self._play(*sound)
        self._loop("thrust", thrust > 0.0, self.master * self.effects * 0.35 * min(1.0, thrust))
        self._loop("alarm", 0.0 < o2_fraction < O2_ALARM_FRACTION, self.master * self.effects * 0.4)

    def silence(self) -> None:
        """Stop the loops (pause, results); the ambient hum goes on."""
        for name in ("thrust", "alarm"):
            self._loop(name, False, 0.0)

    def close(self) -> None:
        if self.available:
            with contextlib.suppress(pygame.error):
                pygame.mixer.stop()
