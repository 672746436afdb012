"""Last Orbit: a 2D zero-g arcade game of the missions in the film I.S.S. (2024)."""

__version__ = "0.1.0"
