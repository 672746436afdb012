"""Fonts and rendered text, cached: text that does not change is rendered once."""

from __future__ import annotations

from collections import OrderedDict

import pygame

from game.render import palette

_fonts: dict[int, pygame.font.Font] = {}
_texts: OrderedDict[tuple, pygame.Surface] = OrderedDict()
_TEXT_CACHE_SIZE = 256
# Radio lines are wrapped every frame they show: measuring each word was 0.4 ms a frame.
_wraps: OrderedDict[tuple, tuple[str, ...]] = OrderedDict()
_WRAP_CACHE_SIZE = 64
# A level's own lines (radio, objectives, banners), rendered at its start and kept for the
# whole level: the first time a size draws a glyph costs about 50 us a glyph, so a radio line
# or a banner made mid-level cost 1-3 ms of one frame.
_kept: dict[tuple, pygame.Surface] = {}


def font(size: int) -> pygame.font.Font:
    size = max(8, int(size))
    cached = _fonts.get(size)
    if cached is None or not pygame.font.get_init():
        if not pygame.font.get_init():
            forget()
            pygame.font.init()
        cached = _fonts[size] = pygame.font.Font(None, size)
    return cached


def forget() -> None:
    """Drop every cached font and text (they belong to a font module that was shut down)."""
    _fonts.clear()
    _texts.clear()
    _wraps.clear()
    _kept.clear()


def keep(lines) -> None:
    """Render these (text, size, colour) lines now and keep them until the next `keep`
    (another level), out of reach of the cache's eviction."""
    wanted = {(line, int(size), tuple(color), True) for line, size, color in lines}
    for key in [key for key in _kept if key not in wanted]:
        del _kept[key]
    for key in wanted:
        if key not in _kept:
            _kept[key] = render(*key)


def warm_glyphs(size: int, characters: str) -> None:
    """Draw these characters once at this size, so text made of them later costs no glyphs."""
    if not characters:
        return
    try:
        font(size).render(characters, True, palette.TEXT)
    except pygame.error:  # the font module was started again since (see render)
        forget()
        font(size).render(characters, True, palette.TEXT)


def render(text: str, size: int, color=palette.TEXT, shadow: bool = True) -> pygame.Surface:
    """The text as a surface, with a soft drop shadow for reading over any background."""
    key = (text, int(size), tuple(color), shadow)
    surface = _kept.get(key)
    if surface is not None:
        return surface
    surface = _texts.get(key)
    if surface is not None:
        _texts.move_to_end(key)
        return surface
    face = font(size)
    try:
        fg = face.render(text, True, color)
    except pygame.error:
        # The font module was shut down and started again since this font was made
        # (pygame.quit() between two windows): make the fonts again.
        forget()
        face = font(size)
        fg = face.render(text, True, color)
    if shadow:
        offset = max(1, int(size) // 16)
        back = face.render(text, True, palette.TEXT_SHADOW)
        surface = pygame.Surface(
            (fg.get_width() + offset, fg.get_height() + offset), pygame.SRCALPHA
        )
        back.set_alpha(170)
        surface.blit(back, (offset, offset))
        surface.blit(fg, (0, 0))
    else:
        surface = fg
    _texts[key] = surface
    if len(_texts) > _TEXT_CACHE_SIZE:
        _texts.popitem(last=False)
    return surface


def blit(
    target: pygame.Surface,
    text: str,
    size: int,
    pos,
    color=palette.TEXT,
    anchor: str = "topleft",
    shadow: bool = True,
    alpha: int = 255,
) -> pygame.Rect:
    surface = render(text, size, color, shadow)
    rect = surface.get_rect(**{anchor: (round(pos[0]), round(pos[1]))})
    if alpha < 255:
        surface.set_alpha(alpha)
        target.blit(surface, rect)
        surface.set_alpha(255)  # not None: that would drop per-pixel alpha too
    else:
        target.blit(surface, rect)
    return rect


def ui_scale(size: tuple[int, int]) -> float:
    """How big to draw the interface in a window of this size (1.0 at 1280x720); never so
    small that text stops being readable."""
    width, height = size
    return max(0.8, min(width / 1280, height / 720))


def wrap(text: str, size: int, width: float) -> list[str]:
    """The text in lines no wider than `width` pixels at this size (words kept whole)."""
    key = (text, int(size), width)
    cached = _wraps.get(key)
    if cached is not None:
        _wraps.move_to_end(key)
        return list(cached)
    face = font(size)
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if line and face.size(trial)[0] > width:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    _wraps[key] = tuple(lines)
    if len(_wraps) > _WRAP_CACHE_SIZE:
        _wraps.popitem(last=False)
    return lines


def fit(text: str, size: int, width: float) -> str:
    """The text, cut short with an ellipsis if it is wider than `width` pixels at this size."""
    face = font(size)
    if face.size(text)[0] <= width:
        return text
    while text and face.size(text + "\u2026")[0] > width:
        text = text[:-1]
    return text.rstrip() + "\u2026"
