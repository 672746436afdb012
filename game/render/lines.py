"""Line drawing the renderer shares."""

from __future__ import annotations

import math

import pygame


def dashed_line(surface, color, a, b, width: int, dash: float) -> None:
    """A dashed line from a to b: dashes and gaps both `dash` pixels long."""
    ax, ay = a
    bx, by = b
    length = math.hypot(bx - ax, by - ay)
    if length <= 0 or dash <= 0:
        return
    ux, uy = (bx - ax) / length, (by - ay) / length
    d = 0.0
    while d < length:
        e = min(length, d + dash)
        pygame.draw.line(
            surface, color, (ax + ux * d, ay + uy * d), (ax + ux * e, ay + uy * e), width
        )
        d += dash * 2
