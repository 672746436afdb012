"""The game's window: windowed (resizable, its size remembered by the app) or fullscreen, and
the 16:9 area inside it that the game draws in.

The game is drawn at the window's own resolution (never a scaled picture, so no stretched or
blurred pixels), in the largest 16:9 rectangle that fits; the rest is black bars. Every window
shape shows the same view of the level, so no player sees more than another."""

from __future__ import annotations

import contextlib
import warnings

import pygame

ASPECT = 16 / 9
ASPECT_SLACK = 0.01  # windows this close to 16:9 are used whole (1366x768, say)
MIN_SIZE = (640, 360)
BAR_COLOR = (0, 0, 0)


def game_area(size: tuple[int, int]) -> pygame.Rect:
    """The largest 16:9 rectangle centred in a window of this size."""
    w, h = max(1, size[0]), max(1, size[1])
    ratio = w / h
    if ratio > ASPECT * (1 + ASPECT_SLACK):
        width = round(h * ASPECT)
        return pygame.Rect((w - width) // 2, 0, width, h)
    if ratio < ASPECT / (1 + ASPECT_SLACK):
        height = round(w / ASPECT)
        return pygame.Rect(0, (h - height) // 2, w, height)
    return pygame.Rect(0, 0, w, h)


class Window:
    def __init__(self, size: tuple[int, int], fullscreen: bool = False):
        self.windowed_size = (int(size[0]), int(size[1]))
        self.fullscreen = False
        self._display: pygame.Surface | None = None
        self._display_size = (0, 0)
        self._canvas: pygame.Surface | None = None
        self.area = pygame.Rect(0, 0, *self.windowed_size)
        self.set_fullscreen(fullscreen)

    # -- mode -------------------------------------------------------------------------------------

    def set_fullscreen(self, on: bool) -> None:
        """Fullscreen at the desktop's resolution, or back to the window at its last size."""
        if on:
            try:
                pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
                self.fullscreen = True
            except pygame.error:
                on = False
        if not on:
            if self.fullscreen:
                # Leave fullscreen through the window itself first: with the software
                # framebuffer, set_mode alone keeps the desktop's size.
                window = _sdl_window()
                if window is not None:
                    try:
                        window.set_windowed()
                        window.size = self.windowed_size
                    except (pygame.error, AttributeError):
                        pass
            with warnings.catch_warnings():
                # A window manager may size the window its own way (tiling): that is fine.
                warnings.filterwarnings("ignore", "Requested window was forcibly resized")
                pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
            self.fullscreen = False
            _minimum_size()
        self._canvas = None

    def toggle_fullscreen(self) -> bool:
        self.set_fullscreen(not self.fullscreen)
        return self.fullscreen

    def resized(self) -> tuple[int, int] | None:
        """After a resize event: the window's new size if it is windowed (to remember)."""
        surface = pygame.display.get_surface()
        if surface is None or self.fullscreen:
            return None
        size = surface.get_size()
        if size[0] < 64 or size[1] < 64:  # minimised, or on its way there
            return None
        self.windowed_size = size
        return size

    # -- drawing ----------------------------------------------------------------------------------

    @property
    def display(self) -> pygame.Surface:
        surface = pygame.display.get_surface()
        assert surface is not None, "the window is closed"
        return surface

    def canvas(self) -> pygame.Surface:
        """The 16:9 area of the window as a surface to draw the game on (the whole window
        when it is 16:9); the bars around it are cleared."""
        display = self.display
        size = display.get_size()
        if self._canvas is None or display is not self._display or size != self._display_size:
            self._display = display
            self._display_size = size
            self.area = game_area(size)
            if self.area.size == size:
                self._canvas = display
            else:
                self._canvas = display.subsurface(self.area)
        if self._canvas is not display:
            self._clear_bars(display)
        return self._canvas

    def _clear_bars(self, display: pygame.Surface) -> None:
        w, h = display.get_size()
        area = self.area
        if area.left > 0:
            display.fill(BAR_COLOR, (0, 0, area.left, h))
            display.fill(BAR_COLOR, (area.right, 0, w - area.right, h))
        if area.top > 0:
            display.fill(BAR_COLOR, (0, 0, w, area.top))
            display.fill(BAR_COLOR, (0, area.bottom, w, h - area.bottom))

    def to_game(self, pos) -> tuple[int, int]:
        """A window position (the mouse) in the game area's coordinates."""
        return pos[0] - self.area.left, pos[1] - self.area.top


def _sdl_window():
    """The display module's window as a pygame.Window, where pygame has them."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            return pygame.Window.from_display_module()
    except (AttributeError, pygame.error):
        return None


def _minimum_size() -> None:
    """Best effort: not every video driver supports a minimum size."""
    window = _sdl_window()
    if window is not None:
        with contextlib.suppress(pygame.error):
            window.minimum_size = MIN_SIZE
