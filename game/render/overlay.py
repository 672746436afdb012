"""What is drawn over the game: the pause menu and the results screen (over a dimmed
picture of it), a level file's problems, the replay badge and short notices."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from game.bindings import ControlNames
from game.input import (
    DEFAULT_KEYS,
    PAUSE,
    RELOAD,
    RESTART,
    WATCH_FASTER,
    WATCH_PAUSE,
    WATCH_SLOWER,
    WATCH_STEP,
    key_label,
)
from game.levels import Problem
from game.render import menus, palette, text
from game.render.hud import delta_color, format_seconds, format_time
from game.run_summary import RunSummary
from game.sim import TICK_RATE
from game.speedrun.timefmt import format_ticks

_DIM = (92, 96, 118)


def dim(surface: pygame.Surface) -> None:
    surface.fill(_DIM, special_flags=pygame.BLEND_MULT)


def _panel(
    surface: pygame.Surface, width: float, height: float, u: float, opacity: int = 220
) -> pygame.Rect:
    w, h = surface.get_size()
    rect = pygame.Rect(0, 0, round(width * u), round(height * u))
    rect.center = (w // 2, h // 2)
    menus.panel(surface, rect, u, opacity)
    return rect


MEDAL_COLORS = {"gold": palette.GOLD, "silver": palette.SILVER, "bronze": palette.BRONZE}


def draw_results(
    surface: pygame.Surface, result: RunSummary, menu=None, keys=DEFAULT_KEYS, names=None
) -> None:
    """Time, PB, par and medal, splits against the PB (best segments in gold), sum of best,
    the full run so far, and the choices (a row of buttons) with their keys; at the end of a
    full run, the run's own results (draw_full_run_results)."""
    if result.campaign is not None and result.campaign.finished:
        draw_full_run_results(surface, result, menu, keys, names)
        return
    w, h = surface.get_size()
    u = text.ui_scale((w, h))
    rows = max(1, len(result.splits))
    height = 30 + 50 + 46 + 78 + 40 + 44 + 28 + 30 * rows + 20 + 76
    if result.sum_of_best is not None:
        height += 28
    if result.replay_name:
        height += 26
    if result.campaign is not None:
        height += 34
    height = min(height, h / u - 16)
    rect = _panel(surface, 720, height, u, opacity=238)
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
    if result.modified:  # an edited shipped level: its PB and medal are its own
        subtitle += " (modified: not the official level)"
    if not result.completed and result.fail_reason:
        subtitle = f"{subtitle}: {result.fail_reason}"
    text.blit(
        surface,
        subtitle,
        round(28 * u),
        (cx, y),
        palette.TEXT_DIM if result.completed and not result.modified else palette.WARN,
        anchor="midtop",
    )
    y += round(46 * u)
    time_rect = text.blit(
        surface,
        format_time(result.run_ticks),
        round(84 * u),
        (cx, y),
        palette.TEXT if result.completed else palette.TEXT_DIM,
        anchor="midtop",
    )
    if result.medal is not None:
        _medal(surface, (time_rect.right + round(46 * u), time_rect.centery), 24 * u, result.medal)
    y += round(78 * u)

    # The PB line: new PB, or the PB and how far off it this run was, or why it can't count.
    status, color = _pb_line(result)
    if status:
        text.blit(surface, status, round(30 * u), (cx, y), color, anchor="midtop")
    y += round(40 * u)

    par_ticks = round(result.par_seconds * TICK_RATE)
    par_line = f"par {format_seconds(result.par_seconds)}"
    color = palette.TEXT_DIM
    if result.completed and par_ticks > 0:
        delta = result.run_ticks - par_ticks
        par_line += f"   {format_ticks(delta, sign=True)}"
        color = palette.GOOD if delta <= 0 else palette.WARN
    if result.medal is not None:
        par_line += f"   {result.medal.upper()} MEDAL"
        color = MEDAL_COLORS[result.medal]
    text.blit(surface, par_line, round(28 * u), (cx, y), color, anchor="midtop")
    y += round(44 * u)

    left, right = rect.left + round(44 * u), rect.right - round(44 * u)
    col_delta = right
    col_split = right - round(120 * u)
    col_segment = right - round(230 * u)
    small = round(20 * u)
    text.blit(surface, "SPLITS", small, (left, y), palette.TEXT_DIM)
    many = len(result.splits) > 1
    if result.splits:
        if many:
            text.blit(surface, "segment", small, (col_segment, y), palette.TEXT_DIM, "topright")
        text.blit(surface, "split", small, (col_split, y), palette.TEXT_DIM, "topright")
        if any(d is not None for d in result.split_deltas) or any(result.gold):
            text.blit(surface, "vs PB", small, (col_delta, y), palette.TEXT_DIM, "topright")
    y += round(28 * u)
    if not result.splits:
        text.blit(surface, "no objective done", round(26 * u), (left, y), palette.TEXT_DIM)
        y += round(30 * u)
    previous = 0
    size = round(26 * u)
    label_room = (col_segment if many else col_split) - left - round(100 * u)
    for index, (label, ticks) in enumerate(result.splits):
        gold = index < len(result.gold) and result.gold[index]
        delta = result.split_deltas[index] if index < len(result.split_deltas) else None
        text.blit(surface, text.fit(label, size, label_room), size, (left, y), palette.TEXT)
        segment = ticks - previous
        previous = ticks
        if many:
            seg_color = palette.GOLD if gold else palette.TEXT
            text.blit(surface, format_time(segment), size, (col_segment, y), seg_color, "topright")
        text.blit(surface, format_time(ticks), size, (col_split, y), palette.TEXT, "topright")
        if delta is not None:
            text.blit(
                surface,
                format_ticks(delta, sign=True),
                size,
                (col_delta, y),
                delta_color(delta, gold),
                "topright",
            )
        elif gold:
            text.blit(surface, "best", size, (col_delta, y), palette.GOLD, "topright")
        if gold:
            pygame.draw.circle(
                surface,
                palette.GOLD,
                (left - round(16 * u), y + size * 0.36),
                max(3, round(5 * u)),
            )
        y += round(30 * u)
    if result.sum_of_best is not None or any(result.gold):
        y += round(4 * u)
        if result.sum_of_best is not None:
            text.blit(
                surface,
                f"sum of best  {format_time(result.sum_of_best)}",
                round(22 * u),
                (left, y),
                palette.GOLD,
            )
        if any(result.gold):
            legend = text.blit(
                surface, "best segment", round(20 * u), (right, y), palette.GOLD, "topright"
            )
            pygame.draw.circle(
                surface,
                palette.GOLD,
                (legend.left - round(12 * u), legend.centery - round(1 * u)),
                max(3, round(5 * u)),
            )
        y += round(24 * u)
    y += round(16 * u)
    if result.campaign is not None:
        y = _campaign_lines(surface, result, left, right, y, u)
    if result.replay_name:
        text.blit(
            surface,
            f"replay saved: {result.replay_name}",
            round(19 * u),
            (cx, y),
            palette.TEXT_DIM,
            anchor="midtop",
        )

    _choices(surface, menu, rect, u, keys, names)


def _choices(surface, menu, rect, u: float, keys, names) -> None:
    """The row of buttons at the panel's foot and the keys' hint line."""
    if menu is not None:
        menus.draw_buttons(surface, menu, (rect.centerx, rect.bottom - round(44 * u)), u, size=26)
    names = names or ControlNames(keys)
    choose = "d-pad to choose, A to go" if names.gamepad else "arrows to choose, Enter to go"
    retry = menu is None or any(item.id == "retry" for item in menu.items)
    keys_line = f"{names.label(RESTART)} retry    " if retry else ""
    menus.hints(surface, f"{keys_line}{names.label(PAUSE)} leave    {choose}", u)


def _pb_line(result: RunSummary) -> tuple[str, tuple]:
    if result.practice:
        return "Practice \u2014 not a PB", palette.WARN
    if result.assisted:
        return "ASSISTED \u2014 not a PB", palette.WARN
    if not result.records_kept:
        return "", palette.TEXT
    if result.new_pb:
        if result.pb_ticks is None:
            return "NEW PERSONAL BEST", palette.GOLD
        improvement = result.run_ticks - result.pb_ticks
        return f"NEW PERSONAL BEST   {format_ticks(improvement, sign=True)}", palette.GOLD
    if result.pb_ticks is None:
        return "no personal best yet", palette.TEXT_DIM
    line = f"PB {format_time(result.pb_ticks)}"
    if result.completed:
        line += f"   {format_ticks(result.run_ticks - result.pb_ticks, sign=True)}"
        return line, palette.BAD
    return line, palette.TEXT_DIM


def _campaign_lines(surface, result: RunSummary, left: int, right: int, y: int, u: float) -> int:
    """One line on the full run under a mission's results: the mission's share (every attempt
    at it) and the run's time, against the PB's split when the mission was completed."""
    line = result.campaign
    assert line is not None
    size = round(24 * u)
    head = f"FULL RUN  mission {line.number}/{line.count}"
    text.blit(surface, head, size, (left, y), palette.TEXT_DIM)
    total = f"mission {format_time(line.mission_ticks)}    run {format_time(line.total_ticks)}"
    color = palette.TEXT
    if line.pb_split is not None:
        delta = line.total_ticks - line.pb_split
        total += f"  {format_ticks(delta, sign=True)}"
        gold = bool(line.splits) and line.splits[-1].gold
        color = delta_color(delta, gold)
    text.blit(surface, total, size, (right, y), color, anchor="topright")
    return y + round(30 * u)


def draw_full_run_results(
    surface: pygame.Surface, result: RunSummary, menu=None, keys=DEFAULT_KEYS, names=None
) -> None:
    """The end of a full run: its total, against the run PB, and each mission's share and
    split (best segments in gold) against the PB's."""
    line = result.campaign
    assert line is not None
    w, h = surface.get_size()
    u = text.ui_scale((w, h))
    rows = max(1, len(line.splits))
    height = 30 + 50 + 46 + 78 + 40 + 28 + 30 * rows + 16 + 76
    if line.run_file:
        height += 26
    row_h = 30
    if height > h / u - 16:  # a long pack: tighter rows
        row_h = max(18, (h / u - 16 - (height - 30 * rows)) // rows)
        height = min(height - (30 - row_h) * rows, h / u - 16)
    rect = _panel(surface, 760, height, u, opacity=238)
    cx = rect.centerx
    y = rect.top + round(30 * u)
    text.blit(surface, "RUN COMPLETE", round(56 * u), (cx, y), palette.GOOD, anchor="midtop")
    y += round(50 * u)
    attempts = f"{line.attempts} attempt{'s' if line.attempts != 1 else ''}"
    subtitle = f"{line.pack} \u2014 full run, {line.count} missions, {attempts}"
    text.blit(
        surface,
        text.fit(subtitle, round(28 * u), rect.width - round(60 * u)),
        round(28 * u),
        (cx, y),
        palette.TEXT_DIM,
        anchor="midtop",
    )
    y += round(46 * u)
    text.blit(
        surface,
        format_time(line.total_ticks),
        round(84 * u),
        (cx, y),
        palette.TEXT,
        anchor="midtop",
    )
    y += round(78 * u)
    if line.assisted:
        status, color = "ASSISTED \u2014 not a PB", palette.WARN
    elif not line.records_kept:
        status, color = "", palette.TEXT
    elif line.new_pb:
        status, color = "NEW FULL-RUN PB", palette.GOLD
        if line.pb_total is not None:
            status += f"   {format_ticks(line.total_ticks - line.pb_total, sign=True)}"
    elif line.pb_total is not None:
        delta = line.total_ticks - line.pb_total
        status, color = (
            f"run PB {format_time(line.pb_total)}   {format_ticks(delta, sign=True)}",
            palette.BAD,
        )
    else:
        status, color = "first full run of these levels", palette.TEXT_DIM
    if status:
        text.blit(surface, status, round(30 * u), (cx, y), color, anchor="midtop")
    y += round(40 * u)

    left, right = rect.left + round(44 * u), rect.right - round(44 * u)
    col_delta, col_split, col_segment = right, right - round(120 * u), right - round(240 * u)
    small = round(20 * u)
    text.blit(surface, "MISSIONS", small, (left, y), palette.TEXT_DIM)
    text.blit(surface, "mission", small, (col_segment, y), palette.TEXT_DIM, "topright")
    text.blit(surface, "split", small, (col_split, y), palette.TEXT_DIM, "topright")
    if any(s.delta is not None for s in line.splits):
        text.blit(surface, "vs PB", small, (col_delta, y), palette.TEXT_DIM, "topright")
    y += round(28 * u)
    size = round(min(26, row_h - 4) * u)
    label_room = col_segment - left - round(110 * u)
    for split in line.splits:
        text.blit(surface, text.fit(split.name, size, label_room), size, (left, y), palette.TEXT)
        seg_color = palette.GOLD if split.gold else palette.TEXT
        text.blit(
            surface, format_time(split.segment), size, (col_segment, y), seg_color, "topright"
        )
        text.blit(surface, format_time(split.ticks), size, (col_split, y), palette.TEXT, "topright")
        if split.delta is not None:
            text.blit(
                surface,
                format_ticks(split.delta, sign=True),
                size,
                (col_delta, y),
                delta_color(split.delta, split.gold),
                "topright",
            )
        if split.gold:
            pygame.draw.circle(
                surface, palette.GOLD, (left - round(16 * u), y + size * 0.36), max(3, round(5 * u))
            )
        y += round(row_h * u)
    y += round(16 * u)
    if line.run_file:
        text.blit(
            surface,
            f"run saved: {line.run_file}",
            round(19 * u),
            (cx, y),
            palette.TEXT_DIM,
            anchor="midtop",
        )
    _choices(surface, menu, rect, u, keys, names)


def _medal(surface, center, radius: float, medal: str) -> None:
    """A round medal on a ribbon, in its metal's colour."""
    cx, cy = center
    r = max(6.0, radius)
    color = MEDAL_COLORS[medal]
    dark = tuple(round(c * 0.55) for c in color)
    ribbon = [(cx - r * 0.7, cy - r * 2.0), (cx - r * 0.05, cy - r * 2.0), (cx, cy - r * 0.6)]
    pygame.draw.polygon(surface, (60, 110, 210), ribbon)
    ribbon = [(cx + r * 0.7, cy - r * 2.0), (cx + r * 0.05, cy - r * 2.0), (cx, cy - r * 0.6)]
    pygame.draw.polygon(surface, (210, 70, 70), ribbon)
    pygame.draw.circle(surface, dark, (cx, cy), r + max(2, r * 0.12))
    pygame.draw.circle(surface, color, (cx, cy), r)
    pygame.draw.circle(surface, dark, (cx, cy), r * 0.68, max(1, round(r * 0.08)))
    star = []
    for k in range(10):
        angle = -math.pi / 2 + k * math.pi / 5
        rr = r * (0.5 if k % 2 == 0 else 0.22)
        star.append((cx + math.cos(angle) * rr, cy + math.sin(angle) * rr))
    pygame.draw.polygon(surface, dark, star)


# -- a level file's problems ------------------------------------------------------------------


def problem_line(problem: Problem) -> str:
    """`line:col: field: message` (what is known of it; the file is named once, above)."""
    parts = []
    if problem.line is not None:
        parts.append(f"{problem.line}:{problem.col or 1}")
    if problem.field:
        parts.append(problem.field)
    parts.append(problem.message)
    return ": ".join(parts)


def draw_problems(
    surface: pygame.Surface, file_name: str, problems, still_playing: bool, keys=DEFAULT_KEYS
) -> pygame.Rect:
    """The problems of a broken level file, readable over the game (or alone when there is
    no good version of it to play)."""
    w, h = surface.get_size()
    u = text.ui_scale((w, h))
    count = len(problems)
    size = round(24 * u)
    panel_w = min(w - round(40 * u), round(1040 * u))
    inner = panel_w - round(56 * u)
    lines: list[str] = []
    for problem in problems:
        wrapped = text.wrap(problem_line(problem), size, inner - round(24 * u)) or [""]
        lines.append(wrapped[0])
        lines += ["    " + more for more in wrapped[1:]]
    line_h = round(28 * u)
    header_h = round(92 * u)
    footer_h = round(54 * u)
    room = (h - round(210 * u) if still_playing else h - round(80 * u)) - header_h - footer_h
    fits = max(1, room // line_h)
    shown = lines if len(lines) <= fits else lines[: fits - 1]
    hidden = len(lines) - len(shown)
    panel_h = header_h + footer_h + line_h * (len(shown) + (1 if hidden else 0))
    rect = pygame.Rect(0, 0, panel_w, panel_h)
    rect.centerx = w // 2
    if still_playing:
        rect.top = round(118 * u)
    else:
        rect.centery = h // 2
    back = pygame.Surface(rect.size, pygame.SRCALPHA)
    radius = round(12 * u)
    pygame.draw.rect(back, (28, 8, 12, 242), back.get_rect(), border_radius=radius)
    pygame.draw.rect(back, (*palette.BAD, 220), back.get_rect(), max(2, round(2 * u)), radius)
    surface.blit(back, rect)
    left = rect.left + round(28 * u)
    y = rect.top + round(18 * u)
    noun = "problem" if count == 1 else "problems"
    text.blit(surface, f"{file_name}: {count} {noun}", round(34 * u), (left, y), palette.BAD)
    y += round(38 * u)
    note = (
        "Still playing the last good version of the file."
        if still_playing
        else "Nothing to play until the file loads."
    )
    text.blit(surface, note, round(22 * u), (left, y), palette.TEXT_DIM)
    y = rect.top + header_h
    for line in shown:
        text.blit(surface, line, size, (left, y), palette.TEXT)
        y += line_h
    if hidden:
        text.blit(surface, f"\u2026 and {hidden} more lines", size, (left, y), palette.TEXT_DIM)
    footer = f"Save the file to reload it (or press {key_label(RELOAD, keys)})   \u00b7   " + (
        f"{key_label(RESTART, keys)} restarts the last good version"
        if still_playing
        else f"{key_label(PAUSE, keys)} quits"
    )
    text.blit(
        surface,
        footer,
        round(22 * u),
        (left, rect.bottom - round(38 * u)),
        palette.RAIL,
    )
    return rect


# -- replay watching --------------------------------------------------------------------------


def draw_replay_badge(
    surface: pygame.Surface,
    speed: float,
    paused: bool,
    ended: bool,
    assisted: bool,
    bindings=DEFAULT_KEYS,
    leave: str = "quit",
) -> None:
    """Bottom left: REPLAY, the speed, and the keys to control it (`leave`: what Esc does)."""
    w, h = surface.get_size()
    u = text.ui_scale((w, h))
    pad = round(18 * u)
    speed_text = f"{speed:g}\u00d7"
    state = "ended" if ended else "paused" if paused else speed_text
    head = f"REPLAY   {state}"
    if paused and not ended:
        head += f"   ({speed_text})"
    if assisted:
        head += "   assisted run"
    keys = (
        f"{key_label(WATCH_PAUSE, bindings)} pause   {key_label(WATCH_STEP, bindings)} step   "
        f"{key_label(WATCH_SLOWER, bindings)} {key_label(WATCH_FASTER, bindings)} speed   "
        f"{key_label(RESTART, bindings)} from the start   {key_label(PAUSE, bindings)} {leave}"
    )
    head_img = text.render(head, round(30 * u), palette.BAD if not paused else palette.WARN)
    keys_img = text.render(keys, round(19 * u), palette.TEXT_DIM)
    box = pygame.Rect(
        pad,
        0,
        max(head_img.get_width(), keys_img.get_width()) + round(28 * u),
        head_img.get_height() + keys_img.get_height() + round(22 * u),
    )
    box.bottom = h - pad
    back = pygame.Surface(box.size, pygame.SRCALPHA)
    pygame.draw.rect(back, (8, 12, 24, 200), back.get_rect(), border_radius=round(10 * u))
    surface.blit(back, box)
    dot = (box.left + round(20 * u), box.top + round(10 * u) + head_img.get_height() // 2)
    if not paused:
        pygame.draw.circle(surface, palette.BAD, dot, max(4, round(7 * u)))
    surface.blit(head_img, (box.left + round(34 * u), box.top + round(10 * u)))
    surface.blit(
        keys_img, (box.left + round(14 * u), box.top + round(14 * u) + head_img.get_height())
    )


# -- notices ----------------------------------------------------------------------------------

GAME_NOTICES_TOP = 112  # px at 1280x720: under the HUD's O2 and thrust bars


@dataclass
class Notice:
    text: str
    color: tuple
    life: float
    age: float = 0.0


class Notices:
    """Short messages for the player (LiveSplit not answering, a corrupt records file set
    aside, a level reloaded): each shown once, for a few seconds, bottom right."""

    def __init__(self):
        self.shown: list[Notice] = []
        self.history: list[str] = []  # every message ever shown, for tests
        self.boxes: list[pygame.Rect] = []  # where the last frame's notices were drawn

    def add(self, message: str, color=palette.TEXT, seconds: float = 6.0) -> None:
        self.shown.append(Notice(message, color, seconds))
        self.shown = self.shown[-4:]
        self.history.append(message)

    def update(self, dt: float) -> None:
        for notice in self.shown:
            notice.age += dt
        self.shown = [n for n in self.shown if n.age < n.life]

    def draw(self, surface: pygame.Surface, in_game: bool = False) -> None:
        """Bottom right over menus (above their key hints); in a game, top right under the O2
        and thrust bars, newest first, clear of the radio lines at the bottom."""
        self.boxes = []
        if not self.shown:
            return
        w, h = surface.get_size()
        u = text.ui_scale((w, h))
        pad = round(18 * u)
        y = h - round(44 * u)  # above the line of key hints the menus show at the bottom
        size = round(22 * u)
        if in_game:
            y = round(GAME_NOTICES_TOP * u)
        for notice in reversed(self.shown):
            alpha = round(255 * max(0.0, min(1.0, (notice.life - notice.age) * 2.0)))
            lines = text.wrap(notice.text, size, w * 0.42) or [""]
            images = [text.render(line, size, notice.color) for line in lines]
            box = pygame.Rect(
                0,
                0,
                max(i.get_width() for i in images) + round(24 * u),
                sum(i.get_height() for i in images) + round(14 * u),
            )
            if in_game:
                box.topright = (w - pad, y)
            else:
                box.bottomright = (w - pad, y)
            back = pygame.Surface(box.size, pygame.SRCALPHA)
            pygame.draw.rect(
                back, (8, 12, 24, round(210 * alpha / 255)), back.get_rect(), border_radius=8
            )
            surface.blit(back, box)
            self.boxes.append(box)
            ty = box.top + round(7 * u)
            for image in images:
                image.set_alpha(alpha)
                surface.blit(image, (box.left + round(12 * u), ty))
                image.set_alpha(255)
                ty += image.get_height()
            y = box.bottom + round(8 * u) if in_game else box.top - round(8 * u)
