"""The static station: module interiors, hull walls and handrails, drawn once into a layer.

The layer covers the bounding box of the walls and handholds at the current zoom and is rebuilt
only when the zoom changes (a window resize). A big station at a big zoom is cut into tiles,
built when they first come near the screen and dropped when far away, so memory stays bounded
whatever the level's size. It is drawn supersampled and scaled down, so its edges come out
anti-aliased at no cost per frame. The wall shapes match the collision shapes exactly: pymunk
segments with a radius are capsules, and capsules are what is drawn."""

from __future__ import annotations

import math

import pygame

from game.levels.model import Level
from game.render import palette
from game.render.camera import Camera

MARGIN_M = 0.8
SKIN_M = 0.32  # width of the outer skin drawn outside closed hulls
RAIL_RADIUS_M = 0.045
HANDHOLD_RING_M = 0.11
GRID_M = 1.2  # panel seams inside the modules
SINGLE_MAX_PIXELS = 6_000_000  # one surface up to this size (24 MB); tiles beyond
ALL_TILES_MAX_PIXELS = 16_000_000  # up to this (64 MB), every tile is built at the start
TILE_PX = 1024
SPARE_TILES = 12  # tiles kept beyond those on screen, nearest first


class StationLayer:
    def __init__(self, level: Level):
        self.level = level
        self.scale = 0.0
        self.surface: pygame.Surface | None = None  # the whole layer, when it is one piece
        self.origin = (0, 0)  # pixel of the layer's top-left, in world-pixel space
        self.size = (0, 0)
        self.tiles: dict[tuple[int, int], pygame.Surface] = {}
        points: list[tuple[float, float]] = []
        pad = 0.0
        for wall in level.walls:
            points.extend(wall.points)
            pad = max(pad, wall.thickness)
        for solid in getattr(level, "solids", ()):
            points.extend(solid.points)
        for hold in level.handholds:
            points.extend((hold.start, hold.end))
        self.empty = not points
        if points:
            pad += MARGIN_M
            xs = [p[0] for p in points]
            ys = [p[1] for p in points]
            self.box = (min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad)
        else:
            self.box = (0.0, 0.0, 0.0, 0.0)

    @property
    def tiled(self) -> bool:
        return self.size[0] * self.size[1] > SINGLE_MAX_PIXELS

    def _rescale(self, scale: float) -> None:
        x0, y0, x1, y1 = self.box
        ox, oy = math.floor(x0 * scale), math.floor(-y1 * scale)
        self.origin = (ox, oy)
        self.size = (max(1, math.ceil(x1 * scale) - ox), max(1, math.ceil(-y0 * scale) - oy))
        self.scale = scale
        self.surface = None
        self.tiles.clear()

    def draw(self, target: pygame.Surface, camera: Camera) -> None:
        if self.empty:
            return
        if camera.scale != self.scale:
            self._rescale(camera.scale)
        ox, oy = self.origin
        if not self.tiled:
            if self.surface is None:
                self.surface = self._render(ox, oy, *self.size)
            target.blit(self.surface, (ox + camera.offset_x, oy + camera.offset_y))
            return
        # Tiles under the screen, in layer tile coordinates.
        left = (-camera.offset_x - ox) // TILE_PX
        top = (-camera.offset_y - oy) // TILE_PX
        right = (camera.width - camera.offset_x - ox) // TILE_PX
        bottom = (camera.height - camera.offset_y - oy) // TILE_PX
        columns = math.ceil(self.size[0] / TILE_PX)
        rows = math.ceil(self.size[1] / TILE_PX)
        if not self.tiles and self.size[0] * self.size[1] <= ALL_TILES_MAX_PIXELS:
            # Not too big to keep whole: build it all now, and never hitch while playing.
            for i in range(columns):
                for j in range(rows):
                    self.tiles[(i, j)] = self._tile(i, j)
        visible = [
            (i, j)
            for j in range(max(0, top), min(rows - 1, bottom) + 1)
            for i in range(max(0, left), min(columns - 1, right) + 1)
        ]
        for i, j in visible:
            tile = self.tiles.get((i, j))
            if tile is None:
                tile = self.tiles[(i, j)] = self._tile(i, j)
            target.blit(
                tile, (ox + i * TILE_PX + camera.offset_x, oy + j * TILE_PX + camera.offset_y)
            )
        # Build one tile next to the screen per frame, so moving on rarely waits for one.
        for i, j in (
            (i + di, j + dj) for i, j in visible for di, dj in ((1, 0), (-1, 0), (0, 1), (0, -1))
        ):
            if 0 <= i < columns and 0 <= j < rows and (i, j) not in self.tiles:
                self.tiles[(i, j)] = self._tile(i, j)
                break
        if len(self.tiles) > max(len(visible) + SPARE_TILES, self._keep_all(columns, rows)):
            cx, cy = (left + right) / 2, (top + bottom) / 2
            by_distance = sorted(self.tiles, key=lambda t: (t[0] - cx) ** 2 + (t[1] - cy) ** 2)
            for key in by_distance[len(visible) + SPARE_TILES :]:
                del self.tiles[key]

    def _keep_all(self, columns: int, rows: int) -> int:
        return columns * rows if self.size[0] * self.size[1] <= ALL_TILES_MAX_PIXELS else 0

    def _tile(self, i: int, j: int) -> pygame.Surface:
        ox, oy = self.origin
        x, y = ox + i * TILE_PX, oy + j * TILE_PX
        width = min(TILE_PX, ox + self.size[0] - x)
        height = min(TILE_PX, oy + self.size[1] - y)
        return self._render(x, y, width, height)

    # -- building -------------------------------------------------------------------------------

    def _render(self, ox: int, oy: int, width: int, height: int) -> pygame.Surface:
        """The station in the world-pixel rectangle (ox, oy, width, height) at self.scale."""
        ss = 2  # supersampled: drawn at twice the size, then averaged down
        s = self.scale * ss

        def px(point) -> tuple[float, float]:
            return point[0] * s - ox * ss, -point[1] * s - oy * ss

        size = (width * ss, height * ss)
        # Transparent pixels carry the hull colour so scaling down leaves no dark fringe.
        layer = pygame.Surface(size, pygame.SRCALPHA)
        layer.fill((*palette.HULL_DARK, 0))

        closed = [w for w in self.level.walls if w.closed and len(w.points) >= 3]
        # The modules' outer skin: a band outside each closed hull, so modules read as solid
        # objects in space rather than outlines (the interior covers its inner half).
        for wall in closed:
            segs = [(px(a), px(b)) for a, b in wall.segments()]
            r = (wall.thickness / 2.0 + SKIN_M) * s
            _capsules(layer, palette.SKIN_EDGE, segs, r + max(1.5, 0.03 * s))
            _capsules(layer, palette.SKIN, segs, r)
        if closed:
            interior = pygame.Surface(size, pygame.SRCALPHA)
            interior.fill((*palette.PANEL, 0))
            mask = pygame.Surface(size, pygame.SRCALPHA)
            for wall in closed:
                pygame.draw.polygon(interior, (*palette.PANEL, 255), [px(p) for p in wall.points])
                pygame.draw.polygon(mask, (255, 255, 255, 255), [px(p) for p in wall.points])
            _draw_panel_seams(interior, s, ox * ss, oy * ss)
            # Shade along the inside of the walls: a soft band, darker nearer the hull.
            for wall in closed:
                r = wall.thickness / 2.0 * s
                for k, shade in ((3.2, 0.35), (2.2, 0.65)):
                    color = _mix(palette.PANEL, palette.PANEL_SHADE, shade)
                    _capsules(interior, color, [(px(a), px(b)) for a, b in wall.segments()], r * k)
            interior.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
            del mask
            layer.blit(interior, (0, 0))
            del interior

        for wall in self.level.walls:
            segs = [(px(a), px(b)) for a, b in wall.segments()]
            r = wall.thickness / 2.0 * s
            edge = max(1.5, 0.035 * s)
            _capsules(layer, palette.HULL_DARK, segs, r + edge)
            _capsules(layer, palette.HULL, segs, r)
            _capsules(layer, palette.HULL_LIGHT, segs, max(1.0, r * 0.22))

        for solid in getattr(self.level, "solids", ()):
            outline = [px(p) for p in solid.points]
            edge = max(2, round(0.035 * s))
            pygame.draw.polygon(layer, palette.HULL, outline)
            pygame.draw.polygon(layer, palette.HULL_DARK, outline, edge)

        for hold in self.level.handholds:
            a, b = px(hold.start), px(hold.end)
            r = RAIL_RADIUS_M * s
            if hold.start == hold.end:
                ring = HANDHOLD_RING_M * s
                pygame.draw.circle(layer, palette.RAIL_DARK, a, ring + r * 1.4, round(r * 2.8))
                pygame.draw.circle(layer, palette.RAIL, a, ring + r, round(r * 2))
                continue
            for end in (a, b):
                pygame.draw.circle(layer, palette.RAIL_DARK, end, r * 2.2)
            _capsules(layer, palette.RAIL_DARK, [(a, b)], r * 1.6)
            _capsules(layer, palette.RAIL, [(a, b)], r)

        layer = pygame.transform.smoothscale(layer, (width, height))
        if pygame.display.get_init() and pygame.display.get_surface() is not None:
            layer = layer.convert_alpha()
        return layer


def _mix(a, b, t: float) -> tuple[int, int, int]:
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))


def _capsules(surface: pygame.Surface, color, segments, radius: float) -> None:
    """Filled capsules (the shape of a pymunk segment with a radius) along each segment."""
    for (ax, ay), (bx, by) in segments:
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        if length > 0:
            nx, ny = -dy / length * radius, dx / length * radius
            pygame.draw.polygon(
                surface,
                color,
                [(ax + nx, ay + ny), (bx + nx, by + ny), (bx - nx, by - ny), (ax - nx, ay - ny)],
            )
        pygame.draw.circle(surface, color, (ax, ay), radius)
        pygame.draw.circle(surface, color, (bx, by), radius)


def _draw_panel_seams(surface: pygame.Surface, s: float, shift_x: float, shift_y: float) -> None:
    """Faint panel seams on a world grid, so the modules read as rooms and motion is visible."""
    width, height = surface.get_size()
    step = GRID_M * s
    line = max(1, round(0.025 * s))
    color = (*palette.PANEL_LINE, 255)
    start_x = -((shift_x) % step)
    x = start_x
    while x < width:
        pygame.draw.line(surface, color, (x, 0), (x, height), line)
        x += step
    y = -((shift_y) % step)
    while y < height:
        pygame.draw.line(surface, color, (0, y), (width, y), line)
        y += step
