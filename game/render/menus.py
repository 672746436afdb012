"""How the menus look: dark glass panels over space, clean type, one cyan accent for what is
chosen. Every screen (title, level select, settings, controls, pause, results) draws with these,
so they read as one game.

Drawing a menu records each row's rectangle on it (`menu.rects`), which is how a mouse click
finds its item; sizes follow `text.ui_scale` (1.0 at 1280x720)."""

from __future__ import annotations

import math

import pygame

from game.menu_model import BUTTON, CHOICE, HEADER, NOTE, SLIDER, TEXT, TOGGLE, Menu
from game.render import palette, text

ACCENT = palette.ZONE  # what is chosen
ACCENT_SOFT = (40, 120, 150)
PANEL_FILL = (8, 12, 24)
PANEL_EDGE = (70, 84, 110)
DISABLED = (96, 104, 122)
MEDAL_COLORS = {"gold": palette.GOLD, "silver": palette.SILVER, "bronze": palette.BRONZE}

_cache: dict[tuple, pygame.Surface] = {}


def _cached(key: tuple, make) -> pygame.Surface:
    surface = _cache.get(key)
    if surface is None:
        if len(_cache) > 64:
            _cache.clear()
        surface = _cache[key] = make()
    return surface


def panel(
    surface: pygame.Surface, rect: pygame.Rect, u: float, opacity: int = 226, edge=PANEL_EDGE
) -> None:
    """A rounded dark-glass panel with a thin light edge."""
    radius = max(4, round(14 * u))
    width = max(1, round(1.5 * u))

    def make() -> pygame.Surface:
        glass = pygame.Surface(rect.size, pygame.SRCALPHA)
        glass.fill((0, 0, 0, 0))
        pygame.draw.rect(glass, (*PANEL_FILL, opacity), glass.get_rect(), border_radius=radius)
        pygame.draw.rect(glass, (*edge, 200), glass.get_rect(), width, border_radius=radius)
        return glass

    surface.blit(_cached(("panel", rect.size, opacity, edge, radius), make), rect)


def shade(surface: pygame.Surface, side: str = "left", reach: float = 0.62, depth: int = 235):
    """Darken the screen from one side (or all over, "full"), so text over the moving picture
    behind a menu reads clearly."""
    w, h = surface.get_size()

    def make() -> pygame.Surface:
        if side == "full":
            veil = pygame.Surface((w, h), pygame.SRCALPHA)
            veil.fill((*palette.SPACE_TOP, depth))
            return veil
        strip = pygame.Surface((256, 1), pygame.SRCALPHA)
        for x in range(256):
            t = x / 255 / reach
            alpha = 0 if t >= 1 else round(depth * (1 - t) ** 1.6)
            strip.set_at((x, 0), (*palette.SPACE_TOP, alpha))
        return pygame.transform.smoothscale(strip, (w, h))

    surface.blit(_cached(("shade", w, h, side, reach, depth), make), (0, 0))


def vignette(surface: pygame.Surface, strength: int = 150) -> None:
    """Dark edges top and bottom, as in a film frame."""
    w, h = surface.get_size()

    def make() -> pygame.Surface:
        strip = pygame.Surface((1, 64), pygame.SRCALPHA)
        for y in range(64):
            t = abs(y - 31.5) / 31.5
            strip.set_at((0, y), (0, 0, 0, round(strength * max(0.0, t - 0.55) / 0.45)))
        return pygame.transform.smoothscale(strip, (w, h))

    surface.blit(_cached(("vignette", w, h, strength), make), (0, 0))


def space(surface: pygame.Surface) -> None:
    """A plain gradient of space, where there is no picture to show behind a menu."""
    w, h = surface.get_size()

    def make() -> pygame.Surface:
        small = pygame.Surface((1, 2))
        small.set_at((0, 0), palette.SPACE_TOP)
        small.set_at((0, 1), palette.SPACE_BOTTOM)
        return pygame.transform.smoothscale(small, (w, h))

    surface.blit(_cached(("space", w, h), make), (0, 0))


def heading(
    surface, label: str, pos, u: float, size: int = 54, color=palette.TEXT, anchor="topleft"
):
    """A screen's title with a short accent rule under it."""
    rect = text.blit(surface, label, round(size * u), pos, color, anchor=anchor)
    rule = pygame.Rect(
        rect.left + round(2 * u), rect.bottom + round(4 * u), round(56 * u), max(2, round(3 * u))
    )
    pygame.draw.rect(surface, ACCENT, rule, border_radius=rule.height // 2)
    return rect


def hints(surface: pygame.Surface, line: str, u: float) -> None:
    """The keys of this screen, one quiet line at the bottom."""
    w, h = surface.get_size()
    text.blit(
        surface, line, round(20 * u), (w / 2, h - round(16 * u)), palette.TEXT_DIM, "midbottom"
    )


def medal(surface, center, radius: float, name: str) -> None:
    """A small medal disc in its metal's colour."""
    color = MEDAL_COLORS.get(name)
    if color is None:
        return
    cx, cy = center
    dark = tuple(round(c * 0.55) for c in color)
    pygame.draw.circle(surface, dark, (cx, cy), radius + max(1, radius * 0.18))
    pygame.draw.circle(surface, color, (cx, cy), radius)
    star = []
    for k in range(10):
        angle = -math.pi / 2 + k * math.pi / 5
        r = radius * (0.55 if k % 2 == 0 else 0.24)
        star.append((cx + math.cos(angle) * r, cy + math.sin(angle) * r))
    pygame.draw.polygon(surface, dark, star)


# -- a vertical list ----------------------------------------------------------------------------


def draw_list(
    surface: pygame.Surface,
    menu: Menu,
    area: pygame.Rect,
    u: float,
    row_h: float = 46,
    size: float = 30,
    value_x: int | None = None,
    header_h: float = 1.0,
) -> None:
    """The menu's rows in `area`, scrolled so the chosen one shows; values on the right (from
    `value_x`, or right-aligned), sliders as bars, toggles as On/Off. Section headers are
    `header_h` of a row high (an empty one is a small gap)."""
    menu.rects.clear()
    menu.bar_rects.clear()
    menu.list_rect = area
    row = max(12, round(row_h * u))
    heights = [
        (round(row * header_h) if item.label else round(row * 0.4)) if item.kind == HEADER else row
        for item in menu.items
    ]
    count = len(heights)
    room = area.height
    if sum(heights) <= room:
        menu.scroll = 0
    else:
        # Keep the chosen row in view, with the row before it where there is room.
        menu.scroll = min(menu.scroll, max(0, menu.index - 1))
        while menu.scroll < menu.index and sum(heights[menu.scroll : menu.index + 2]) > room:
            menu.scroll += 1
    first = menu.scroll
    y = area.top
    label_size = round(size * u)
    shown = 0
    for index in range(first, count):
        if y + heights[index] > area.bottom:
            break
        rect = pygame.Rect(area.left, y, area.width, heights[index])
        _row(surface, menu, index, menu.items[index], rect, u, label_size, value_x)
        y += heights[index]
        shown += 1
    if shown < count:
        _scrollbar(surface, area, u, first, shown, count)


def _row(surface, menu: Menu, index: int, item, rect: pygame.Rect, u: float, size: int, value_x):
    chosen = index == menu.index
    pad = round(18 * u)
    if item.kind == HEADER:
        if item.label:
            text.blit(
                surface,
                item.label.upper(),
                round(size * 0.66),
                (rect.left + pad, rect.bottom - round(8 * u)),
                palette.TEXT_DIM,
                "bottomleft",
            )
        if item.value:
            text.blit(
                surface,
                item.value.upper(),
                round(size * 0.62),
                (rect.right - pad, rect.bottom - round(8 * u)),
                palette.TEXT_DIM,
                "bottomright",
            )
        return
    if item.kind == NOTE:
        note_size = round(size * 0.72)
        line = text.fit(item.label, note_size, rect.width - pad * 2)
        text.blit(
            surface, line, note_size, (rect.left + pad, rect.centery), palette.TEXT_DIM, "midleft"
        )
        return
    menu.rects[index] = rect
    if chosen:
        band = _cached(
            ("band", rect.size, round(u * 100)),
            lambda: _band(rect.size, u),
        )
        surface.blit(band, rect)
    color = item.color or (palette.TEXT if chosen else (200, 208, 222))
    if not item.enabled:
        color = DISABLED if item.color is None else tuple(round(c * 0.7) for c in item.color)
    cy = rect.centery
    label_room = (value_x - rect.left - pad * 2) if value_x else rect.width - pad * 2
    label = text.fit(item.label, size, label_room) if label_room > 0 else item.label
    text.blit(surface, label, size, (rect.left + pad, cy), color, "midleft")
    right = rect.right - pad
    value_size = round(size * 0.86)
    if item.kind == SLIDER and item.fraction is not None:
        bar_w = round(200 * u)
        bar = pygame.Rect(0, 0, bar_w, max(6, round(10 * u)))
        bar.midright = (right - round(78 * u), cy)
        if value_x is not None:
            bar.midleft = (value_x, cy)
        menu.bar_rects[index] = bar
        radius = bar.height // 2
        pygame.draw.rect(surface, palette.BAR_BACK, bar, border_radius=radius)
        fill = bar.copy()
        fill.width = max(bar.height, round(bar.width * item.fraction))
        pygame.draw.rect(surface, ACCENT if chosen else ACCENT_SOFT, fill, border_radius=radius)
        knob = (bar.left + round(bar.width * item.fraction), cy)
        pygame.draw.circle(
            surface, palette.TEXT if chosen else palette.TEXT_DIM, knob, max(5, round(9 * u))
        )
        text.blit(
            surface, item.value, value_size, (bar.right + round(66 * u), cy), color, "midright"
        )
        return
    if item.kind == TOGGLE:
        on = item.value == "On"
        pill = pygame.Rect(0, 0, round(54 * u), round(26 * u))
        pill.midright = (right, cy)
        if value_x is not None:
            pill.midleft = (value_x, cy)
        pygame.draw.rect(
            surface, ACCENT if on else palette.BAR_BACK, pill, border_radius=pill.height // 2
        )
        pygame.draw.rect(
            surface, PANEL_EDGE, pill, max(1, round(u)), border_radius=pill.height // 2
        )
        knob_x = pill.right - pill.height // 2 if on else pill.left + pill.height // 2
        pygame.draw.circle(
            surface,
            palette.TEXT if on else palette.TEXT_DIM,
            (knob_x, cy),
            pill.height // 2 - max(2, round(3 * u)),
        )
        word = "On" if on else "Off"
        word_color = palette.GOOD if on else palette.TEXT_DIM
        if value_x is not None:
            text.blit(
                surface, word, value_size, (pill.right + round(12 * u), cy), word_color, "midleft"
            )
        else:
            text.blit(
                surface, word, value_size, (pill.left - round(12 * u), cy), word_color, "midright"
            )
        return
    if item.value or item.badge:
        value = item.value
        if item.kind == CHOICE and chosen:
            value = f"\u2039  {value}  \u203a"
        value_color = palette.TEXT if chosen else palette.TEXT_DIM
        if not item.enabled:
            value_color = DISABLED
        if item.kind == TEXT and item.color is not None:
            value_color = item.color
        badge_room = round(30 * u) if item.badge is not None else 0
        if value_x is not None and item.kind in (CHOICE, TEXT):
            vrect = text.blit(surface, value, value_size, (value_x, cy), value_color, "midleft")
        else:
            vrect = text.blit(
                surface, value, value_size, (right - badge_room, cy), value_color, "midright"
            )
        if item.badge is not None:
            medal(surface, (right - round(10 * u), cy), max(5, 9 * u), item.badge)
        del vrect
    elif item.kind == BUTTON and chosen:
        chevron = [
            (right - round(10 * u), cy),
            (right - round(18 * u), cy - round(7 * u)),
            (right - round(18 * u), cy + round(7 * u)),
        ]
        pygame.draw.polygon(surface, ACCENT, chevron)


def _band(size, u: float) -> pygame.Surface:
    band = pygame.Surface(size, pygame.SRCALPHA)
    band.fill((0, 0, 0, 0))
    radius = max(3, round(8 * u))
    pygame.draw.rect(band, (*ACCENT, 34), band.get_rect(), border_radius=radius)
    pygame.draw.rect(band, (*ACCENT, 110), band.get_rect(), max(1, round(u)), border_radius=radius)
    bar = pygame.Rect(0, round(size[1] * 0.2), max(3, round(4 * u)), round(size[1] * 0.6))
    pygame.draw.rect(band, (*ACCENT, 255), bar, border_radius=bar.width // 2)
    return band


def _scrollbar(surface, area: pygame.Rect, u: float, first: int, fits: int, count: int) -> None:
    track = pygame.Rect(area.right + round(6 * u), area.top, max(3, round(4 * u)), area.height)
    pygame.draw.rect(surface, palette.BAR_BACK, track, border_radius=track.width // 2)
    thumb = track.copy()
    thumb.height = max(round(20 * u), round(track.height * fits / count))
    thumb.top = track.top + round((track.height - thumb.height) * first / max(1, count - fits))
    pygame.draw.rect(surface, palette.TEXT_DIM, thumb, border_radius=track.width // 2)


# -- a row of buttons ---------------------------------------------------------------------------


def draw_buttons(surface: pygame.Surface, menu: Menu, center, u: float, size: float = 28) -> None:
    """The menu's items as buttons side by side, centred on `center`."""
    menu.rects.clear()
    label_size = round(size * u)
    pad_x, gap = round(26 * u), round(16 * u)
    height = round(size * 1.6 * u)
    widths = [text.font(label_size).size(item.label)[0] + 2 * pad_x for item in menu.items]
    total = sum(widths) + gap * (len(widths) - 1)
    x = round(center[0] - total / 2)
    for index, (item, width) in enumerate(zip(menu.items, widths, strict=True)):
        rect = pygame.Rect(x, round(center[1] - height / 2), width, height)
        menu.rects[index] = rect
        chosen = index == menu.index
        radius = rect.height // 2
        if chosen:
            pygame.draw.rect(surface, ACCENT, rect, border_radius=radius)
            color = PANEL_FILL
            shadow = False
        else:
            back = _cached(("button", rect.size), lambda r=rect: _button_back(r.size))
            surface.blit(back, rect)
            color = palette.TEXT
            shadow = True
        text.blit(surface, item.label, label_size, rect.center, color, "center", shadow=shadow)
        x += width + gap


def _button_back(size) -> pygame.Surface:
    back = pygame.Surface(size, pygame.SRCALPHA)
    back.fill((0, 0, 0, 0))
    radius = size[1] // 2
    pygame.draw.rect(back, (30, 38, 56, 230), back.get_rect(), border_radius=radius)
    pygame.draw.rect(back, (*PANEL_EDGE, 255), back.get_rect(), 1, border_radius=radius)
    return back


def message_line(surface, line: str, center, u: float, color=palette.WARN, size: int = 22):
    """A short status line (a conflict, why something cannot be done), wrapped to two lines."""
    w = surface.get_width()
    lines = text.wrap(line, round(size * u), w * 0.8)[:2]
    y = center[1]
    for part in lines:
        rect = text.blit(surface, part, round(size * u), (center[0], y), color, "midtop")
        y = rect.bottom


def list_and_details(
    surface: pygame.Surface,
    title: str,
    menu: Menu,
    list_width: float,
    row_h: float,
    size: float,
    details_pad_x: float,
) -> tuple[pygame.Rect, float]:
    """A screen of a titled list on the left and a details panel on the right (the level
    select, the attempt history), over a shaded backdrop: everything but the details' content.
    Returns the area for the details and the UI scale."""
    shade(surface, "full", depth=150)
    w, h = surface.get_size()
    u = text.ui_scale((w, h))
    margin = round(48 * u)
    heading(surface, title, (margin, round(34 * u)), u, size=50)
    top = round(112 * u)
    bottom = h - round(52 * u)
    list_box = pygame.Rect(margin, top, round(list_width * u), bottom - top)
    panel(surface, list_box, u)
    area = list_box.inflate(-round(28 * u), -round(28 * u))
    area.width -= round(10 * u)  # room for the scroll bar
    draw_list(surface, menu, area, u, row_h=row_h, size=size)
    details = pygame.Rect(
        list_box.right + round(24 * u),
        top,
        w - list_box.right - round(24 * u) - margin,
        bottom - top,
    )
    panel(surface, details, u)
    return details.inflate(-round(details_pad_x * u), -round(40 * u)), u
