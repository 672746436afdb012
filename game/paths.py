"""Where the game finds its shipped data and keeps the player's."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "last-orbit"
HOME_ENV = "LAST_ORBIT_HOME"

_PACKAGE_DIR = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    # An installed wheel carries the data inside the package; a source checkout has it at the top.
    installed = _PACKAGE_DIR / "_shipped" / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def shipped_levels_dir() -> Path:
    return _shipped("levels")


def shipped_assets_dir() -> Path:
    return _shipped("assets")


def user_data_dir() -> Path:
    """The player's data folder (PBs, replays, own levels); LAST_ORBIT_HOME moves it."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_config_dir() -> Path:
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override) / "config"
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def user_levels_dir() -> Path:
    return user_data_dir() / "levels"
