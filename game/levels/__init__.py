"""Level files: format, loader, validation and the catalogue of levels found."""

from game.levels.loader import load_level, load_level_bytes
from game.levels.model import Level
from game.levels.problems import LevelError, Problem

__all__ = ["Level", "LevelError", "Problem", "load_level", "load_level_bytes"]
