"""The pause menu and the results screen, drawn over a dimmed picture of the game."""

from __future__ import annotations

import pygame

from game.input import CONFIRM, PAUSE, QUIT, RESTART, key_label
from game.render import palette, text
from game.render.hud import format_seconds, format_time
from game.scenes.base import RunSummary
from game.sim import TICK_RATE

_DIM = (92, 96, 118)


def dim(surface: pygame.Surface) -> None:
    surface.fill(_DIM, special_flags=pygame.BLEND_MULT)


def _panel(surface: pygame.Surface, width: float, height: float, u: float) -> pygame.Rect:
    w, h = surface.get_size()
    rect = pygame.Rect(0, 0, round(width * u), round(height * u))
    rect.center = (w // 2, h // 2)
    panel = pygame.Surface(rect.size, pygame.SRCALPHA)
    radius = round(14 * u)
    panel.fill((0, 0, 0, 0))
    pygame.draw.rect(panel, (10, 14, 26, 220), panel.get_rect(), border_radius=radius)
    pygame.draw.rect(
        panel,
        (*palette.TEXT_DIM, 120),
        panel.get_rect(),
        max(1, round(2 * u)),
        border_radius=radius,
    )
    surface.blit(panel, rect)
    return rect


def draw_pause(surface: pygame.Surface, level_name: str) -> None:
    w, h = surface.get_size()
    u = text.ui_scale((w, h))
    rect = _panel(surface, 480, 300, u)
    cx = rect.centerx
    y = rect.top + round(34 * u)
    text.blit(surface, "PAUSED", round(64 * u), (cx, y), palette.TEXT, anchor="midtop")
    y += round(58 * u)
    text.blit(surface, level_name, round(26 * u), (cx, y), palette.TEXT_DIM, anchor="midtop")
    y += round(52 * u)
    rows = [
        (f"{key_label(PAUSE)} / {key_label(CONFIRM)}", "Resume"),
        (key_label(RESTART), "Restart"),
        (key_label(QUIT), "Quit"),
    ]
    for keys, label in rows:
        text.blit(
            surface, keys, round(30 * u), (cx - round(14 * u), y), palette.RAIL, anchor="topright"
        )
        text.blit(surface, label, round(30 * u), (cx + round(14 * u), y), palette.TEXT)
        y += round(36 * u)


def draw_results(surface: pygame.Surface, result: RunSummary) -> None:
    w, h = surface.get_size()
    u = text.ui_scale((w, h))
    rows = max(1, len(result.splits))
    rect = _panel(surface, 560, 380 + 30 * rows, u)
    cx = rect.centerx
    y = rect.top + round(30 * u)
    if result.completed:
        text.blit(
            surface, "MISSION COMPLETE", round(56 * u), (cx, y), palette.GOOD, anchor="midtop"
        )
    else:
        text.blit(surface, "MISSION FAILED", round(56 * u), (cx, y), palette.BAD, anchor="midtop")
    y += round(50 * u)
    subtitle = result.level_name
    if not result.completed and result.fail_reason:
        subtitle = f"{result.level_name}: {result.fail_reason}"
    if result.assisted:
        subtitle += "  (assisted)"
    text.blit(
        surface,
        subtitle,
        round(28 * u),
        (cx, y),
        palette.TEXT_DIM if result.completed else palette.WARN,
        anchor="midtop",
    )
    y += round(48 * u)
    text.blit(
        surface,
        format_time(result.run_ticks),
        round(84 * u),
        (cx, y),
        palette.TEXT,
        anchor="midtop",
    )
    y += round(74 * u)
    par_ticks = round(result.par_seconds * TICK_RATE)
    par_line = f"par {format_seconds(result.par_seconds)}"
    color = palette.TEXT_DIM
    if result.completed and par_ticks > 0:
        delta = result.run_ticks - par_ticks
        sign = "-" if delta < 0 else "+"
        par_line += f"    {sign}{format_time(abs(delta))}"
        color = palette.GOOD if delta <= 0 else palette.WARN
    text.blit(surface, par_line, round(28 * u), (cx, y), color, anchor="midtop")
    y += round(48 * u)

    left, right = rect.left + round(48 * u), rect.right - round(48 * u)
    text.blit(surface, "SPLITS", round(22 * u), (left, y), palette.TEXT_DIM)
    y += round(26 * u)
    if not result.splits:
        text.blit(surface, "no objective done", round(26 * u), (left, y), palette.TEXT_DIM)
    previous = 0
    for label, ticks in result.splits:
        text.blit(surface, label, round(26 * u), (left, y), palette.TEXT)
        segment = ticks - previous
        previous = ticks
        value = format_time(ticks)
        if len(result.splits) > 1:
            value = f"{format_time(segment)}   {value}"
        text.blit(surface, value, round(26 * u), (right, y), palette.TEXT, anchor="topright")
        y += round(30 * u)

    y = rect.bottom - round(52 * u)
    hint = f"{key_label(RESTART)}  retry        {key_label(PAUSE)} / {key_label(CONFIRM)}  quit"
    text.blit(surface, hint, round(26 * u), (cx, y), palette.RAIL, anchor="midtop")
