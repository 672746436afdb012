"""The player's settings, saved as JSON in the platform's config folder.

A corrupt or old file never costs the player anything: whatever cannot be read falls back to
its default, the player is told, and the old file is kept beside the new one."""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from game.paths import user_config_dir
from game.player_files import read_player_file
from game.storage import atomic_write_text, remove_temporaries, set_aside

SETTINGS_VERSION = 1
MAX_SETTINGS_BYTES = 256 * 1024


@dataclass
class Settings:
    master_volume: float = 0.8
    effects_volume: float = 0.8
    music_volume: float = 0.5
    fullscreen: bool = False
    window_size: tuple[int, int] = (1280, 720)
    reduced_flashing: bool = False
    ghost: bool = True
    livesplit: bool = False
    livesplit_address: str = "localhost:16834"
    assist_speed: float = 1.0  # 0.5..1.0; below 1.0 the run is assisted
    infinite_o2: bool = False
    save_failed_runs: bool = True  # failed and reset runs kept as replays too (attempt history)
    input_display: bool = False  # each tick's input drawn on the HUD (videos, replay study)
    seen_photosensitivity_notice: bool = False
    # action name -> key names (pygame.key.name), and -> SDL controller button numbers.
    keys: dict[str, list[str]] = field(default_factory=dict)
    pad_buttons: dict[str, list[int]] = field(default_factory=dict)

    @property
    def assisted(self) -> bool:
        return self.assist_speed < 1.0 or self.infinite_o2


def settings_path() -> Path:
    return user_config_dir() / "settings.json"


def _check(name: str, value, default):
    """The value if it is valid for this setting, else raise ValueError."""
    if isinstance(default, bool):
        if type(value) is not bool:
            raise ValueError("not true/false")
        return value
    if isinstance(default, float):
        if type(value) not in (int, float) or value != value:
            raise ValueError("not a number")
        low, high = (0.5, 1.0) if name == "assist_speed" else (0.0, 1.0)
        if not low <= value <= high:
            raise ValueError(f"not in {low:g}..{high:g}")
        return float(value)
    if isinstance(default, str):
        if not isinstance(value, str) or len(value) > 200:
            raise ValueError("not a short text")
        return value
    if isinstance(default, tuple):
        if (
            not isinstance(value, list)
            or len(value) != 2
            or any(type(v) is not int or not 320 <= v <= 16384 for v in value)
        ):
            raise ValueError("not a window size")
        return (value[0], value[1])
    if name == "keys":
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, list) and all(isinstance(x, str) for x in v)
            for k, v in value.items()
        ):
            raise ValueError("not a table of key names")
        return value
    if name == "pad_buttons":
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, list) and all(type(x) is int for x in v)
            for k, v in value.items()
        ):
            raise ValueError("not a table of button numbers")
        return value
    raise ValueError("unknown")


def load_settings(path: Path | None = None) -> tuple[Settings, list[str]]:
    """The saved settings and messages for the player about anything that had to be reset."""
    path = path or settings_path()
    defaults = Settings()
    remove_temporaries(path.parent, path.name)  # a game killed mid-save left them (if old)
    try:
        # utf-8-sig: Windows Notepad starts a saved file with a byte order mark.
        document = json.loads(read_player_file(path, MAX_SETTINGS_BYTES).decode("utf-8-sig"))
        if not isinstance(document, dict):
            raise ValueError("not a settings file")
        if document.get("version") != SETTINGS_VERSION:
            raise ValueError(f"written by another version ({document.get('version')!r})")
    except FileNotFoundError:
        return defaults, []
    except (OSError, UnicodeDecodeError, ValueError, RecursionError, MemoryError) as exc:
        kept = _keep_aside(path, move=True)
        return defaults, [
            f"Settings could not be read ({exc}); using defaults. The old file is kept as {kept}."
        ]
    values, bad = {}, []
    known = {spec.name for spec in fields(Settings)} | {"version"}
    bad += [f"{name!r} (not a setting)" for name in document if name not in known]
    for spec in fields(Settings):
        if spec.name not in document:
            continue
        try:
            values[spec.name] = _check(spec.name, document[spec.name], getattr(defaults, spec.name))
        except ValueError as exc:
            bad.append(f"{spec.name} ({exc})")
    settings = Settings(**values)
    if not bad:
        return settings, []
    kept = _keep_aside(path, move=False)
    return settings, [
        f"Some settings were reset to defaults: {', '.join(bad)}. The old file is kept as {kept}."
    ]


def _keep_aside(path: Path, move: bool) -> str:
    try:
        if move:
            return set_aside(path).name
        number = 1
        while (target := path.with_name(f"{path.name}.corrupt-{number}")).exists():
            number += 1
        shutil.copy2(path, target)
        return target.name
    except OSError as exc:
        return f"(could not keep it: {exc})"


def save_settings(settings: Settings, path: Path | None = None) -> None:
    document = {"version": SETTINGS_VERSION, **asdict(settings)}
    document["window_size"] = list(settings.window_size)
    atomic_write_text(path or settings_path(), json.dumps(document, indent=2) + "\n")
