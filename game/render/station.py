"""The static station: module interiors, hull walls, exterior solids and handrails, drawn
once into a layer.

Interiors are painted by wall style (game/render/art/interiors.py) over the inside of the
station as `InteriorMap` finds it; walls and the outer skin are tinted by style; solids are
painted by style (game/render/art/exterior.py).

The layer covers the bounding box of the walls and handholds at the current zoom and is rebuilt
only when the zoom changes (a window resize). A big station at a big zoom is cut into small
tiles. Those on screen at a level's start (and the ring round them) are built before its first
frame; after that, tiles are built ahead of the camera, towards where it is heading, within a
small time budget each frame (`prefetch`), so the screen rarely waits for one, and never shows
a blank: a tile needed and not ready is built there and then. Tiles far away are dropped, so
memory stays bounded whatever the level's size. It is drawn supersampled and scaled down, so
its edges come out anti-aliased at no cost per frame. The wall shapes match the collision
shapes exactly: pymunk segments with a radius are capsules, and capsules are what is drawn."""

from __future__ import annotations

import math
import time

import pygame

from game.levels.fields import WALL_STYLES
from game.levels.model import Level
from game.render import palette
from game.render.art import colors as C
from game.render.art.exterior import paint_solid
from game.render.art.interiors import paint_interior
from game.render.art.paint import Pen, capsule, clip_to_polygon
from game.render.camera import Camera

MARGIN_M = 0.8
SKIN_M = 0.32  # width of the outer skin drawn outside closed hulls
RAIL_RADIUS_M = 0.045
HANDHOLD_RING_M = 0.11
SEAM_M = 0.55  # between the blankets of the outer skin
CELL_M = 0.05  # grid of the interior map
MAX_CELLS = 6_000_000  # a bigger station gets a coarser interior map
CLOSE_M = 0.4  # gaps in the walls narrower than about twice this are closed
INSET_M = 0.06  # the inside reaches this far under the walls
# How far each interior's back wall is pulled towards a tone (less contrast, behind things).
RECEDE = {
    "module": (0.15, (40, 46, 58)),
    "us": (0.3, (104, 110, 118)),
    "russian": (0.25, (92, 96, 76)),
    "node": (0.3, (110, 114, 120)),
    "cupola": (0.06, (40, 60, 90)),
    "airlock": (0.25, (90, 94, 102)),
    "soyuz": (0.22, (96, 74, 54)),
}
JOIN_M = 3.2  # walls of one style this close are one module (across it, or a doorway)
COARSE = 2  # the interior's styles are found on a grid this many times coarser
# One surface up to this size, tiles beyond. A layer is drawn at 2x (4x the pixels) and then
# scaled down, so a big single surface costs many times its size while built: Antenna's
# 5.8 Mpx layer in one piece peaked the game at 200 MB.
SINGLE_MAX_PIXELS = 1_500_000
ALL_TILES_MAX_PIXELS = 16_000_000  # up to this (64 MB), every tile is built at the start
TILE_PX = 256  # small, so one costs about a millisecond to build
SPARE_TILES = 96  # tiles kept beyond those on screen (and those of the start), nearest first
PREFETCH_BUDGET_S = 0.002  # time a frame may spend building tiles before they are needed
LEAD_FRAMES = 45  # tiles are built ahead for where the screen will be this many frames on
# A tile with nothing of the station in it (half of an exterior level's): kept as this, so it
# costs neither a blit every frame nor 256 KB.
EMPTY_TILE = pygame.Surface((0, 0))
SPEED_SMOOTHING = 0.3


class StationLayer:
    def __init__(self, level: Level):
        self.level = level
        self.scale = 0.0
        self.surface: pygame.Surface | None = None  # the whole layer, when it is one piece
        self.origin = (0, 0)  # pixel of the layer's top-left, in world-pixel space
        self.size = (0, 0)
        self.tiles: dict[tuple[int, int], pygame.Surface] = {}
        self.pinned: set[tuple[int, int]] = set()  # the tiles of the start: never dropped
        self.tile_px = TILE_PX
        self.columns = self.rows = 0
        self.keep_all = True
        self.builds = 0  # tiles built, all told
        self.late_builds = 0  # tiles built because the screen needed them there and then
        self._tile_cost = 0.001  # seconds a tile takes to build, a running average
        self._vx = self._vy = self._vw = self._vh = 0  # the screen on the layer, in pixels
        self._speed_x = self._speed_y = 0.0  # how fast it moves, pixels a frame
        self._lead_x = self._lead_y = 0  # where it will be in LEAD_FRAMES, from here
        self._moved = False
        self._settled: tuple | None = None  # where the screen was when nothing was missing
        self.interior: InteriorMap | None = None  # built on first draw, kept across zooms
        self._toward_cache: dict[int, tuple[float, float]] = {}
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
        self.pinned.clear()
        self.tile_px = TILE_PX
        self.columns = math.ceil(self.size[0] / self.tile_px)
        self.rows = math.ceil(self.size[1] / self.tile_px)
        self.keep_all = self.size[0] * self.size[1] <= ALL_TILES_MAX_PIXELS
        self._moved = False
        self._settled = None

    def warm(self, camera: Camera) -> None:
        """Get ready for a camera that has just jumped (a level's start, a restart): every
        tile it shows is built now and kept for good (a restart comes back to them), and at the
        very start the ring of tiles round them too, so the first moves wait for nothing."""
        if self.empty:
            return
        if camera.scale != self.scale:
            self._rescale(camera.scale)
        if self.interior is None:
            self.interior = interior_map(self.level, self.box)
        if not self.tiled:
            if self.surface is None:
                self.surface = self._render(*self.origin, *self.size)
            return
        first = not self.tiles
        if first and self.keep_all:
            self._build_all()
        self._view(camera)
        self._moved = False  # a jump, not a motion to extrapolate
        self._lead_x = self._lead_y = 0
        for key in self._visible():
            if key not in self.tiles:
                self.tiles[key] = self._tile(*key)
            self.pinned.add(key)
        if first:
            for key in self._wanted(self.tile_px):
                if key not in self.tiles:
                    self.tiles[key] = self._tile(*key)
        self._settled = None

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
        tiles = self.tiles
        if not tiles and self.keep_all:
            self._build_all()
        self._view(camera)
        # Every tile under the screen, built now if it is not ready: never a blank.
        tile_px = self.tile_px
        i0, j0, i1, j1 = self._visible_range()
        x0, y0 = ox + camera.offset_x, oy + camera.offset_y
        shown = []
        for j in range(j0, j1 + 1):
            for i in range(i0, i1 + 1):
                tile = tiles.get((i, j))
                if tile is None:
                    tile = tiles[(i, j)] = self._tile(i, j)
                    self.late_builds += 1
                if tile is not EMPTY_TILE:
                    shown.append((tile, (x0 + i * tile_px, y0 + j * tile_px)))
        target.fblits(shown)
        self.prefetch(PREFETCH_BUDGET_S)
        limit = (i1 - i0 + 1) * (j1 - j0 + 1) + SPARE_TILES + len(self.pinned)
        if not self.keep_all and len(tiles) > limit:
            self._drop(limit)

    def _build_all(self) -> None:
        """Not too big to keep whole: build it all at the start, never to hitch while playing."""
        for i in range(self.columns):
            for j in range(self.rows):
                self.tiles[(i, j)] = self._tile(i, j)

    # -- which tiles ----------------------------------------------------------------------------

    def _view(self, camera: Camera) -> None:
        """Where the screen is on the layer (layer pixels), and where it is heading."""
        x = -camera.offset_x - self.origin[0]
        y = -camera.offset_y - self.origin[1]
        dx, dy = x - self._vx, y - self._vy
        self._vx, self._vy = x, y
        self._vw, self._vh = camera.width, camera.height
        lead = 2 * self.tile_px
        if not self._moved or abs(dx) > lead or abs(dy) > lead:
            self._speed_x = self._speed_y = 0.0  # a jump: nothing to extrapolate from
            self._moved = True
        else:  # pixels a frame, smoothed
            self._speed_x += (dx - self._speed_x) * SPEED_SMOOTHING
            self._speed_y += (dy - self._speed_y) * SPEED_SMOOTHING
        self._lead_x = round(max(-lead, min(lead, self._speed_x * LEAD_FRAMES)))
        self._lead_y = round(max(-lead, min(lead, self._speed_y * LEAD_FRAMES)))

    def _visible_range(self) -> tuple[int, int, int, int]:
        t = self.tile_px
        return (
            max(0, self._vx // t),
            max(0, self._vy // t),
            min(self.columns - 1, (self._vx + self._vw) // t),
            min(self.rows - 1, (self._vy + self._vh) // t),
        )

    def _visible(self):
        i0, j0, i1, j1 = self._visible_range()
        return [(i, j) for j in range(j0, j1 + 1) for i in range(i0, i1 + 1)]

    def _distance(self, i: int, j: int) -> int:
        """How soon a tile may be needed: its distance in pixels from the screen plus its
        distance from where the screen will be in LEAD_FRAMES at this speed (0: on screen)."""
        t = self.tile_px
        left, top = i * t, j * t
        vx, vy, vw, vh = self._vx, self._vy, self._vw, self._vh
        lx, ly = vx + self._lead_x, vy + self._lead_y
        return max(0, vx - left - t, left - vx - vw, vy - top - t, top - vy - vh) + max(
            0, lx - left - t, left - lx - vw, ly - top - t, top - ly - vh
        )

    def _wanted(self, margin: int) -> list[tuple[int, int]]:
        """Tiles not on screen within `margin` of it or of where it is heading, the most
        urgent first."""
        t = self.tile_px
        vx, vy = self._vx, self._vy
        lx, ly = vx + self._lead_x, vy + self._lead_y
        i0 = max(0, (min(vx, lx) - margin) // t)
        j0 = max(0, (min(vy, ly) - margin) // t)
        i1 = min(self.columns - 1, (max(vx, lx) + self._vw + margin) // t)
        j1 = min(self.rows - 1, (max(vy, ly) + self._vh + margin) // t)
        found = []
        distance = self._distance
        for j in range(j0, j1 + 1):
            for i in range(i0, i1 + 1):
                d = distance(i, j)
                if 0 < d <= 2 * margin:
                    found.append((d, i, j))
        found.sort()
        return [(i, j) for _, i, j in found]

    def prefetch(self, budget_s: float) -> int:
        """Build tiles the screen is heading for, most urgent first, for up to `budget_s`
        seconds (a tile is only started when it should fit, and at least one is built).
        Returns how many were built."""
        if not self.tiled or self.empty or self.scale == 0.0:
            return 0
        t = self.tile_px
        key = (
            self._vx // t,
            self._vy // t,
            self._lead_x // t,
            self._lead_y // t,
            self._vw,
            self._vh,
        )
        if key == self._settled:
            return 0  # nothing was missing here last time
        start = time.perf_counter()
        built = 0
        for i, j in self._wanted(t):
            if (i, j) in self.tiles:
                continue
            elapsed = time.perf_counter() - start
            if built and elapsed + self._tile_cost > budget_s:
                return built
            self.tiles[(i, j)] = self._tile(i, j)
            built += 1
        self._settled = key
        return built

    def _drop(self, limit: int) -> None:
        """Forget the tiles farthest from the screen and where it is heading (not the ones of
        the start), down to three quarters of what may be kept beyond the screen."""
        keep = limit - SPARE_TILES // 4
        spare = sorted(
            (key for key in self.tiles if key not in self.pinned),
            key=lambda key: self._distance(*key),
        )
        for key in spare[max(0, keep - len(self.pinned)) :]:
            del self.tiles[key]
        self._settled = None

    def _tile(self, i: int, j: int) -> pygame.Surface:
        if self.interior is None:  # once per level: not a tile's cost
            self.interior = interior_map(self.level, self.box)
        start = time.perf_counter()
        ox, oy = self.origin
        t = self.tile_px
        x, y = ox + i * t, oy + j * t
        width = min(t, ox + self.size[0] - x)
        height = min(t, oy + self.size[1] - y)
        tile = self._render(x, y, width, height, opaque_ok=True)
        if tile.get_flags() & pygame.SRCALPHA and not tile.get_bounding_rect():
            tile = EMPTY_TILE
        self.builds += 1
        self._tile_cost += (time.perf_counter() - start - self._tile_cost) * 0.25
        return tile

    # -- building -------------------------------------------------------------------------------

    def _render(
        self, ox: int, oy: int, width: int, height: int, opaque_ok: bool = False
    ) -> pygame.Surface:
        """The station in the world-pixel rectangle (ox, oy, width, height) at self.scale.
        With `opaque_ok`, a rectangle the station covers completely comes without its alpha
        channel (the same picture, blitted faster)."""
        ss = 2  # supersampled: drawn at twice the size, then averaged down
        s = self.scale * ss
        shift_x, shift_y = ox * ss, oy * ss

        def px(point) -> tuple[float, float]:
            return point[0] * s - shift_x, -point[1] * s - shift_y

        size = (width * ss, height * ss)
        # Transparent pixels carry the hull colour so scaling down leaves no dark fringe.
        layer = pygame.Surface(size, pygame.SRCALPHA)
        layer.fill((*palette.HULL_DARK, 0))
        view = pygame.Rect(0, 0, *size)
        walls = self.level.walls

        # The modules' outer skin (MLI blankets): a band round every wall, so modules read as
        # solid objects in space; the interior then covers its inner half.
        for wall in walls:
            if not _near(wall.points, wall.thickness / 2 + SKIN_M + 0.1, px, view):
                continue
            skin, seam = C.SKIN.get(wall.style, C.SKIN["module"])
            segs = [(px(a), px(b)) for a, b in wall.segments()]
            r = (wall.thickness / 2.0 + SKIN_M) * s
            _capsules(layer, seam, segs, r + max(1.5, 0.03 * s), view)
            _capsules(layer, skin, segs, r, view)
            _skin_seams(layer, seam, wall, px, r, s, view)

        self._paint_interiors(layer, s, shift_x, shift_y)

        for wall in walls:
            if not _near(wall.points, wall.thickness / 2 + 0.1, px, view):
                continue
            hull, dark, light = C.WALL.get(wall.style, C.WALL["module"])
            segs = [(px(a), px(b)) for a, b in wall.segments()]
            r = wall.thickness / 2.0 * s
            edge = max(1.5, 0.035 * s)
            _capsules(layer, dark, segs, r + edge, view)
            _capsules(layer, hull, segs, r, view)
            _capsules(layer, light, segs, max(1.0, r * 0.22), view)

        for solid in getattr(self.level, "solids", ()):
            self._paint_solid(layer, solid, s, shift_x, shift_y, view)

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
            if opaque_ok and _opaque(layer):
                return layer.convert()
            layer = layer.convert_alpha()
        return layer

    def _paint_interiors(self, layer, s: float, shift_x: float, shift_y: float) -> None:
        """Each module style's share of the inside, painted and masked to its shape."""
        interior = self.interior
        if interior is None:
            interior = self.interior = interior_map(self.level, self.box)
        lw, lh = layer.get_size()
        world = (shift_x / s, -(shift_y + lh) / s, (shift_x + lw) / s, -shift_y / s)
        for style, size, alpha, left, top in interior.regions(world, s, shift_x, shift_y):
            covers = left <= 0 and top <= 0 and left + size[0] >= lw and top + size[1] >= lh
            if alpha is None and covers:
                # All of the layer is inside this style's rooms: the painting would cover
                # everything under it, so it is painted straight into the layer.
                pen = Pen(layer, s, shift_x, shift_y)
                paint_interior(style, pen, interior.rooms[style])
                _recede(layer, style)
                _shade_walls(layer, self.level.walls, pen)
                continue
            surf = pygame.Surface(size, pygame.SRCALPHA)
            pen = Pen(surf, s, shift_x + left, shift_y + top)
            paint_interior(style, pen, interior.rooms[style])
            _recede(surf, style)
            _shade_walls(surf, self.level.walls, pen)
            if alpha is not None:
                surf.blit(alpha, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
            layer.blit(surf, (left, top))

    def _paint_solid(self, layer, solid, s: float, shift_x: float, shift_y: float, view) -> None:
        outline = [(x * s - shift_x, -y * s - shift_y) for x, y in solid.points]
        xs = [p[0] for p in outline]
        ys = [p[1] for p in outline]
        box = pygame.Rect(
            math.floor(min(xs)) - 2,
            math.floor(min(ys)) - 2,
            math.ceil(max(xs) - min(xs)) + 5,
            math.ceil(max(ys) - min(ys)) + 5,
        ).clip(view)
        if box.width <= 0 or box.height <= 0:
            return
        surf = pygame.Surface(box.size, pygame.SRCALPHA)
        pen = Pen(surf, s, shift_x + box.left, shift_y + box.top)
        edge_color = paint_solid(solid.style, pen, solid.points, self._towards(solid))
        local = [(x - box.left, y - box.top) for x, y in outline]
        clip_to_polygon(surf, local)
        layer.blit(surf, box.topleft)
        if edge_color is not None:
            edge = max(2, round(0.03 * s))
            pygame.draw.polygon(layer, edge_color, outline, edge)

    def _towards(self, solid) -> tuple[float, float]:
        """The middle of the rest of the station: where a docked Soyuz's probe points."""
        key = id(solid)
        found = self._toward_cache.get(key)
        if found is None:
            centres = [_box_centre(w.points) for w in self.level.walls]
            centres += [
                _box_centre(o.points)
                for o in getattr(self.level, "solids", ())
                if o is not solid and o.style not in ("soyuz", "antenna", "rock")
            ]
            if not centres:
                centres = [(0.0, 0.0)]
            found = (
                sum(c[0] for c in centres) / len(centres),
                sum(c[1] for c in centres) / len(centres),
            )
            self._toward_cache[key] = found
        return found


_INTERIORS: dict[tuple, InteriorMap] = {}  # the last few levels' maps, by file content
_INTERIORS_KEPT = 3


def interior_map(level: Level, box: tuple[float, float, float, float]) -> InteriorMap:
    """The level's InteriorMap, found once per level content: playing a level again (a new
    view of it, the title's backdrop then the level) reuses it."""
    sha = getattr(level, "sha256", None)
    if not sha:
        return InteriorMap(level, box)
    key = (sha, box)
    found = _INTERIORS.pop(key, None)
    if found is None:
        found = InteriorMap(level, box)
    _INTERIORS[key] = found  # the most recent last
    while len(_INTERIORS) > _INTERIORS_KEPT:
        del _INTERIORS[next(iter(_INTERIORS))]
    return found


class InteriorMap:
    """Where the inside of the station is, and which module style each part of it has.

    Found once per level on a grid of CELL_M: everything the outside cannot reach past the
    walls and hatches (gaps narrower than about 2 * CLOSE_M count as closed) is inside; each
    inside cell takes the style of the nearest wall, grown outwards from the walls. So a
    station built of open wall segments, with a US lab's walls and a node's walls, paints the
    lab and the node each in its own style, meeting half way through the doorway."""

    def __init__(self, level: Level, box: tuple[float, float, float, float]):
        walls = [w for w in level.walls if len(w.points) >= 2]
        x0, y0, x1, y1 = box
        cell = CELL_M
        while (x1 - x0) * (y1 - y0) / (cell * cell) > MAX_CELLS:
            cell *= 1.5
        self.cell = cell
        self.origin = (x0, y1)  # world point of the grid's top-left corner
        cols = max(1, math.ceil((x1 - x0) / cell))
        rows = max(1, math.ceil((y1 - y0) / cell))
        self.size = (cols, rows)
        self.masks: dict[str, pygame.Mask] = {}
        self.paint: dict[str, pygame.Mask] = {}
        self.rooms: dict[str, list[tuple[float, float, float, float]]] = {}
        if not walls:
            return
        barrier = self._raster(
            [(w.segments(), w.thickness / 2 + CLOSE_M) for w in walls]
            + [([(h.start, h.end)], h.thickness / 2 + CLOSE_M) for h in level.hatches]
        )
        free = barrier.copy()
        free.invert()
        if not free.get_at((0, 0)):
            return
        outside = free.connected_component((0, 0))
        reach = _disc(max(1, round((CLOSE_M + INSET_M) / cell)))
        grown = pygame.Mask(self.size)
        outside.convolve(reach, grown, (-(reach.get_size()[0] // 2),) * 2)
        grown.invert()
        interior = grown
        if interior.count() == 0:
            return
        styles = sorted({w.style for w in walls}, key=lambda st: _STYLE_ORDER.get(st, 99))
        if len(styles) == 1:
            self.masks[styles[0]] = interior
        else:
            self.masks = self._facing_walls(walls, styles, interior)
        # What is painted: each style a little past its edge where it meets another (later
        # styles are painted over earlier ones), so no seam lets the backdrop through.
        self.paint: dict[str, pygame.Mask] = {}
        overlap = _disc(2)
        for style, mask in self.masks.items():
            if len(self.masks) == 1:
                self.paint[style] = mask
                continue
            wide = pygame.Mask(self.size)
            mask.convolve(overlap, wide, (-2, -2))
            self.paint[style] = wide.overlap_mask(interior, (0, 0))
        for style, mask in self.masks.items():
            rooms = []
            for rect in mask.get_bounding_rects():
                component = pygame.Mask(rect.size)
                component.draw(mask, (-rect.x, -rect.y))
                if component.count() * cell * cell < 0.05:
                    continue
                rooms.append(
                    (
                        x0 + rect.left * cell,
                        y1 - rect.bottom * cell,
                        x0 + rect.right * cell,
                        y1 - rect.top * cell,
                    )
                )
            self.rooms[style] = rooms

    def style_at(self, x: float, y: float) -> str | None:
        """The module style painted at a world point, or None outside the station."""
        i = int((x - self.origin[0]) / self.cell)
        j = int((self.origin[1] - y) / self.cell)
        if not (0 <= i < self.size[0] and 0 <= j < self.size[1]):
            return None
        for style, mask in self.masks.items():
            if mask.get_at((i, j)):
                return style
        return None

    def _raster(self, shapes, size=None, cell=None) -> pygame.Mask:
        """Capsules (segments with a radius, in metres) drawn into a grid mask."""
        size = size or self.size
        cell = cell or self.cell
        surf = pygame.Surface(size, pygame.SRCALPHA)
        gx, gy = self.origin

        def g(point):
            return (point[0] - gx) / cell, (gy - point[1]) / cell

        for segments, radius in shapes:
            r = max(0.75, radius / cell)
            _capsules(surf, (255, 255, 255, 255), [(g(a), g(b)) for a, b in segments], r)
        return pygame.mask.from_surface(surf)

    def _raster_polygon(self, points, size, cell) -> pygame.Mask:
        surf = pygame.Surface(size, pygame.SRCALPHA)
        gx, gy = self.origin
        outline = [((x - gx) / cell, (gy - y) / cell) for x, y in points]
        pygame.draw.polygon(surf, (255, 255, 255, 255), outline)
        return pygame.mask.from_surface(surf)

    def _facing_walls(self, walls, styles, interior) -> dict[str, pygame.Mask]:
        """Each inside cell takes the style of the nearest wall it sees straight up, down,
        left or right: a module is the room between its own walls, and where two modules
        meet in a doorway the line between them runs straight across it.

        Found on a grid COARSE times coarser than the interior's: rays from every wall of a
        style are stepped out one cell at a time in the four directions, stopping at any
        wall; a cell goes to the first ray that reaches it."""
        fine = self.size
        size = (max(1, fine[0] // COARSE), max(1, fine[1] // COARSE))
        inside = interior.scale(size)
        seeds = {}
        blocked = pygame.Mask(size)
        for style in styles:
            seed = self._raster(
                [(w.segments(), w.thickness / 2) for w in walls if w.style == style],
                size,
                self.cell * COARSE,
            )
            seeds[style] = seed
            blocked.draw(seed, (0, 0))
        free = inside.copy()
        free.erase(blocked, (0, 0))
        regions = {style: seed.overlap_mask(inside, (0, 0)) for style, seed in seeds.items()}
        claimed = pygame.Mask(size)
        for region in regions.values():
            claimed.draw(region, (0, 0))
        # Where walls of one style surround a room (the hull of a group of them), the room is
        # theirs whatever the rays find (smaller rooms over larger ones, below): the rays only
        # need to go on until every cell outside those rooms is claimed.
        hulls = []
        needed = inside.copy()
        needed.erase(claimed, (0, 0))
        for style, hull in _module_hulls(walls):
            area = self._raster_polygon(hull, size, self.cell * COARSE)
            area = area.overlap_mask(inside, (0, 0))
            hulls.append((style, area))
            needed.erase(area, (0, 0))
        fronts = [(style, d, seeds[style]) for style in styles for d in _DIRECTIONS]
        while fronts and needed.count():
            moved = []
            for style, d, front in fronts:
                ahead = pygame.Mask(size)
                ahead.draw(front, d)
                ahead = ahead.overlap_mask(free, (0, 0))
                if ahead.count() == 0:
                    continue
                fresh = ahead.copy()
                fresh.erase(claimed, (0, 0))
                regions[style].draw(fresh, (0, 0))
                claimed.draw(fresh, (0, 0))
                needed.erase(fresh, (0, 0))
                moved.append((style, d, ahead))
            fronts = moved
        rest = inside.copy()
        rest.erase(claimed, (0, 0))
        if rest.count():
            regions[styles[0]].draw(rest, (0, 0))
        for style, area in hulls:
            for region in regions.values():
                region.erase(area, (0, 0))
            regions[style].draw(area, (0, 0))
        # Back to the interior's grid, cut to its exact shape.
        out = {}
        for style, region in regions.items():
            out[style] = region.scale(fine).overlap_mask(interior, (0, 0))
        return out

    def regions(self, world, s: float, shift_x: float, shift_y: float):
        """(style, size, alpha mask surface or None, left, top) of every style's share of the
        world box
        (x0, y0, x1, y1), in pixels of a layer at s pixels a metre shifted by shift."""
        cell = self.cell
        gx, gy = self.origin
        cols, rows = self.size
        wx0, wy0, wx1, wy1 = world
        i0 = max(0, math.floor((wx0 - gx) / cell) - 1)
        i1 = min(cols, math.ceil((wx1 - gx) / cell) + 1)
        j0 = max(0, math.floor((gy - wy1) / cell) - 1)
        j1 = min(rows, math.ceil((gy - wy0) / cell) + 1)
        if i1 <= i0 or j1 <= j0:
            return
        for style, mask in self.paint.items():
            crop = pygame.Mask((i1 - i0, j1 - j0))
            crop.draw(mask, (-i0, -j0))
            if crop.count() == 0:
                continue
            box = crop.get_bounding_rects()
            rect = box[0].unionall(box[1:]).inflate(2, 2)
            rect = rect.clip(pygame.Rect(0, 0, i1 - i0, j1 - j0))
            tight = pygame.Mask(rect.size)
            tight.draw(crop, (-rect.x, -rect.y))
            ci, cj = i0 + rect.x, j0 + rect.y
            left = round((gx + ci * cell) * s - shift_x)
            top = round((cj * cell - gy) * s - shift_y)
            right = round((gx + (ci + rect.width) * cell) * s - shift_x)
            bottom = round(((cj + rect.height) * cell - gy) * s - shift_y)
            if right <= left or bottom <= top:
                continue
            size = (right - left, bottom - top)
            if tight.count() == rect.width * rect.height:
                yield style, size, None, left, top  # all of it inside: nothing to mask
                continue
            alpha = tight.to_surface(setcolor=(255, 255, 255, 255), unsetcolor=(255, 255, 255, 0))
            alpha = pygame.transform.smoothscale(alpha, size)
            yield style, size, alpha, left, top


_DIRECTIONS = ((1, 0), (-1, 0), (0, 1), (0, -1))
_STYLE_ORDER = {name: i for i, name in enumerate(WALL_STYLES)}


def _module_hulls(walls) -> list[tuple[str, list[tuple[float, float]]]]:
    """(style, convex hull) of each group of walls of one style that lie within JOIN_M of
    each other (a module's walls, split by its doorways), largest first."""
    walls = list(walls)
    parent = list(range(len(walls)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(walls):
        for j in range(i + 1, len(walls)):
            b = walls[j]
            if a.style != b.style or find(i) == find(j):
                continue
            if _walls_gap(a, b) <= JOIN_M:
                parent[find(i)] = find(j)
    groups: dict[int, list] = {}
    for i, wall in enumerate(walls):
        groups.setdefault(find(i), []).append(wall)
    hulls = []
    for members in groups.values():
        points = [p for wall in members for p in wall.points]
        hull = _convex_hull(points)
        if len(hull) >= 3:
            hulls.append((_area(hull), members[0].style, hull))
    hulls.sort(key=lambda h: -h[0])
    return [(style, hull) for _, style, hull in hulls]


def _walls_gap(a, b) -> float:
    """Distance between two walls' chains (segment to segment)."""
    best = math.inf
    for p, q in a.segments():
        for r, t in b.segments():
            best = min(
                best,
                _point_segment(p, r, t),
                _point_segment(q, r, t),
                _point_segment(r, p, q),
                _point_segment(t, p, q),
            )
    return best


def _point_segment(p, a, b) -> float:
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / length2))
    return math.hypot(p[0] - ax - t * dx, p[1] - ay - t * dy)


def _convex_hull(points) -> list[tuple[float, float]]:
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def cross(o, a, b) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _area(points) -> float:
    return abs(
        sum(
            points[i][0] * points[(i + 1) % len(points)][1]
            - points[(i + 1) % len(points)][0] * points[i][1]
            for i in range(len(points))
        )
        / 2.0
    )


def _disc(radius: int) -> pygame.Mask:
    size = 2 * radius + 1
    surf = pygame.Surface((size, size), pygame.SRCALPHA)
    pygame.draw.circle(surf, (255, 255, 255, 255), (radius, radius), radius + 0.5)
    return pygame.mask.from_surface(surf)


def _box_centre(points) -> tuple[float, float]:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def _near(points, margin_m: float, px, view: pygame.Rect) -> bool:
    """Whether an outline (metres) comes within margin of the view (pixels)."""
    pts = [px(p) for p in points]
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    m = margin_m * abs(px((1.0, 0.0))[0] - px((0.0, 0.0))[0])
    return not (
        max(xs) + m < view.left
        or min(xs) - m > view.right
        or max(ys) + m < view.top
        or min(ys) - m > view.bottom
    )


def _opaque(surface: pygame.Surface) -> bool:
    """Whether every pixel of a surface is fully opaque."""
    width, height = surface.get_size()
    return pygame.mask.from_surface(surface, 254).count() == width * height


def _skin_seams(layer, color, wall, px, r: float, s: float, view=None) -> None:
    """Seams across the skin every SEAM_M: the edges of the insulation blankets. With a
    `view`, only the seams that can touch it are drawn (a long wall crosses many tiles)."""
    width = max(1, round(0.02 * s))
    reach = r + width + 2  # how far a seam's pixels lie from its centre, at most
    for a, b in wall.segments():
        length = math.hypot(b[0] - a[0], b[1] - a[1])
        if length <= 0:
            continue
        (ax, ay), (bx, by) = px(a), px(b)
        ux, uy = (bx - ax) / (length * s), (by - ay) / (length * s)
        nx, ny = -uy, ux
        count = int(length / SEAM_M)
        first, last = 1, count
        if view is not None:
            step = length / (count + 1) * s  # pixels from one seam to the next
            for start, unit, low, high in (
                (ax, ux, view.left, view.right),
                (ay, uy, view.top, view.bottom),
            ):
                low, high = low - reach, high + reach
                if abs(unit * step) < 1e-9:
                    if not low <= start <= high:
                        first, last = 1, 0
                    continue
                k0, k1 = (low - start) / (unit * step), (high - start) / (unit * step)
                if k0 > k1:
                    k0, k1 = k1, k0
                first = max(first, math.floor(k0) - 1)
                last = min(last, math.ceil(k1) + 1)
        for k in range(first, last + 1):
            d = k * length / (count + 1) * s
            cx, cy = ax + ux * d, ay + uy * d
            pygame.draw.line(
                layer, color, (cx - nx * r, cy - ny * r), (cx + nx * r, cy + ny * r), width
            )


def _recede(surf: pygame.Surface, style: str) -> None:
    """Take some contrast out of the back wall, so what floats in front of it stands out."""
    amount, tone = RECEDE.get(style, RECEDE["module"])
    keep = round(255 * (1.0 - amount))
    surf.fill((keep, keep, keep), special_flags=pygame.BLEND_RGB_MULT)
    surf.fill(tuple(round(c * amount) for c in tone), special_flags=pygame.BLEND_RGB_ADD)


def _shade_walls(surf: pygame.Surface, walls, pen: Pen) -> None:
    """A soft shadow along the inside of the walls: darker nearer the hull."""
    view = surf.get_rect()
    bands = []
    area = None
    for k, alpha in ((3.4, 46), (2.3, 80)):
        for wall in walls:
            r = wall.thickness / 2.0 * pen.s * k
            segs = [(pen.p(*a), pen.p(*b)) for a, b in wall.segments()]
            for a, b in segs:
                box = pygame.Rect(
                    math.floor(min(a[0], b[0]) - r) - 1,
                    math.floor(min(a[1], b[1]) - r) - 1,
                    math.ceil(abs(a[0] - b[0]) + 2 * r) + 3,
                    math.ceil(abs(a[1] - b[1]) + 2 * r) + 3,
                ).clip(view)
                if box.width > 0 and box.height > 0:
                    bands.append(((*C.SHADOW, alpha), a, b, r))
                    area = box if area is None else area.union(box)
    if area is None:
        return
    # Only the part of the surface near walls gets a shadow layer: far from them, nothing.
    shadow = pygame.Surface(area.size, pygame.SRCALPHA)
    dx, dy = area.left, area.top
    for color, a, b, r in bands:
        _capsules(shadow, color, [((a[0] - dx, a[1] - dy), (b[0] - dx, b[1] - dy))], r)
    surf.blit(shadow, area.topleft)


def _capsules(surface: pygame.Surface, color, segments, radius: float, view=None) -> None:
    """Filled capsules (the shape of a pymunk segment with a radius) along each segment.
    With a `view` rectangle, capsules that cannot touch it are skipped."""
    for (ax, ay), (bx, by) in segments:
        if view is not None:
            m = radius + 2
            if (
                max(ax, bx) + m < view.left
                or min(ax, bx) - m > view.right
                or max(ay, by) + m < view.top
                or min(ay, by) - m > view.bottom
            ):
                continue
        capsule(surface, color, (ax, ay), (bx, by), radius)
