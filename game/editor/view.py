"""The level as the game draws it, under a camera the editor moves (pan, zoom) instead of one
that follows the astronaut, with a grid on top.

The world is built from the level once per version (an edit makes a new version) and drawn
still, at its first tick: what the player sees before their first input."""

from __future__ import annotations

import math

import pygame

from game.levels import Level
from game.render.poses import PoseReader
from game.render.world_view import WorldView
from game.sim import build_world

ZOOM_STEP = 1.25
MIN_VIEW_M, MAX_VIEW_M = 4.0, 400.0  # metres across the window
GRID_STEPS = (0.1, 0.5, 1.0)
DRAWN_STEPS = (0.1, 0.5, 1.0, 5.0, 10.0, 50.0, 100.0)
GRID_COLOR = (70, 90, 120)
GRID_MAJOR_COLOR = (105, 130, 170)
AXIS_COLOR = (150, 170, 210)


class StillWorldView(WorldView):
    """WorldView drawing a world where the camera is put, not where the astronaut is."""

    def draw_still(self, surface: pygame.Surface, world, poses) -> None:
        if surface.get_size() != self.size:
            self.resize(surface.get_size())
        cam = self.camera
        if self._snap:
            self._snap = False
            self.station.warm(cam)
            self.sprites.warm()
            self._plan_sweeps(world)
        self.background.draw(surface, cam, world.tick)
        self.station.draw(surface, cam)
        self._draw_hatches(surface, world)
        self._draw_zones(surface, world)
        self._draw_items(surface, world)
        self._draw_bodies(surface, world, poses)
        self._draw_astronaut(surface, world, poses[0])
        if self.debug:
            self.debug_overlay.draw(surface, world, poses, cam)


class EditorView:
    """The drawn level and the editor's camera: pan, zoom, grid, screen <-> metres."""

    def __init__(self, level: Level, size: tuple[int, int]):
        self.view = StillWorldView(level, size)
        self.view.show_hud = False
        self.level = level
        self.world = None
        self.poses = None
        self._build(level)
        self.grid_index = 1  # 0.5 m
        self._grid_key: tuple | None = None
        self._grid: pygame.Surface | None = None
        spawn = level.player.spawn
        self.camera.snap(spawn)

    @property
    def camera(self):
        return self.view.camera

    @property
    def grid(self) -> float:
        return GRID_STEPS[self.grid_index]

    def cycle_grid(self) -> float:
        self.grid_index = (self.grid_index + 1) % len(GRID_STEPS)
        return self.grid

    def use_level(self, level: Level) -> None:
        """A new version of the level (an edit): rebuilt, the camera where it is."""
        if level is self.level:
            return
        cam = self.camera
        where, width = (cam.x, cam.y), cam.view_width_m
        self.level = level
        self.view.set_level(level)
        self._build(level)
        self.set_view(where, width)

    def _build(self, level: Level) -> None:
        self.world = build_world(level)
        self.poses = PoseReader(self.world).read()

    # -- the camera -------------------------------------------------------------------------------

    def set_view(self, centre: tuple[float, float], width_m: float) -> None:
        cam = self.camera
        cam.view_width_m = max(MIN_VIEW_M, min(MAX_VIEW_M, width_m))
        cam.resize((cam.width, cam.height))
        cam.snap(centre)

    def pan_pixels(self, dx: float, dy: float) -> None:
        cam = self.camera
        cam.snap((cam.x - dx / cam.scale, cam.y + dy / cam.scale))

    def pan_metres(self, dx: float, dy: float) -> None:
        cam = self.camera
        cam.snap((cam.x + dx, cam.y + dy))

    def zoom(self, steps: float, around: tuple[float, float] | None = None) -> None:
        """Zoom in (steps > 0) or out, keeping the point under `around` (pixels) in place."""
        cam = self.camera
        fixed = cam.to_world(*around) if around is not None else (cam.x, cam.y)
        self.set_view((cam.x, cam.y), cam.view_width_m / ZOOM_STEP**steps)
        if around is not None:
            after = cam.to_world(*around)
            cam.snap((cam.x + fixed[0] - after[0], cam.y + fixed[1] - after[1]))

    def to_world(self, pos) -> tuple[float, float]:
        return self.camera.to_world(*pos)

    def to_screen(self, point) -> tuple[float, float]:
        return self.camera.to_screen(*point)

    # -- drawing ----------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, level: Level) -> None:
        self.use_level(level)
        self.view.draw_still(surface, self.world, self.poses)
        self._draw_grid(surface)

    def _draw_grid(self, surface: pygame.Surface) -> None:
        cam = self.camera
        # Never a line closer than 8 pixels: a fine grid zoomed out shows its coarser lines.
        step = next(
            (s for s in DRAWN_STEPS if s >= self.grid - 1e-9 and s * cam.scale >= 8),
            DRAWN_STEPS[-1],
        )
        major = 1.0 if step < 1 else step * 5
        key = (cam.offset_x, cam.offset_y, cam.scale, step, surface.get_size())
        if key != self._grid_key:  # drawn again only when the view or the step changed
            self._grid_key = key
            self._grid = self._grid_lines(surface.get_size(), step, major)
        surface.blit(self._grid, (0, 0))

    def _grid_lines(self, size, step: float, major: float) -> pygame.Surface:
        cam = self.camera
        overlay = pygame.Surface(size, pygame.SRCALPHA)
        x0, y1 = cam.to_world(0, 0)
        x1, y0 = cam.to_world(cam.width, cam.height)
        for i in range(math.floor(x0 / step), math.ceil(x1 / step) + 1):
            x = i * step
            sx = round(cam.to_screen(x, 0)[0])
            color = _line_color(x, major)
            pygame.draw.line(overlay, color, (sx, 0), (sx, cam.height))
        for j in range(math.floor(y0 / step), math.ceil(y1 / step) + 1):
            y = j * step
            sy = round(cam.to_screen(0, y)[1])
            color = _line_color(y, major)
            pygame.draw.line(overlay, color, (0, sy), (cam.width, sy))
        return overlay


def _line_color(value: float, major: float) -> tuple[int, int, int, int]:
    if abs(value) < 1e-9:
        return (*AXIS_COLOR, 150)
    if abs(value / major - round(value / major)) < 1e-6:
        return (*GRID_MAJOR_COLOR, 85)
    return (*GRID_COLOR, 50)
