"""The astronaut and the free bodies as sprites, drawn at the current zoom and rotated.

Sprites are drawn supersampled facing +x, scaled down (smooth edges) and rotated with rotozoom
(which interpolates). Free bodies
keep their rotations in a cache of 2-degree steps, so a room full of tumbling debris costs one
blit per body; the astronaut is rotated exactly every frame."""

from __future__ import annotations

import hashlib
import math
import time

import pygame

from game.render import palette
from game.render.art.objects import paint_body
from game.render.art.paint import Pen

SUPERSAMPLE = 4
ANGLE_STEP_DEG = 2
ANGLE_STEPS = 360 // ANGLE_STEP_DEG
STEPS_PER_RADIAN = 180.0 / math.pi / ANGLE_STEP_DEG
PREWARM_MAX_PIXELS = 64 * 64
ROTATIONS_MAX_PIXELS = 24_000_000  # about 96 MB of rotated sprites at most
# Time a frame may spend making rotations ahead: a small sprite's rotation is 20-150 us, and
# at 1 ms a frame this work had been the slowest frames of Free Fall and Diversion.
SPRITE_PREWARM_BUDGET_S = 0.0003
WARM_BUDGET_S = 0.05  # ... and the first frame of a level (it is not shown before it is done)
# A big sprite's rotation (Cut Loose's 13 m boom: 761x34 px, 1-3 ms each) is too slow for any
# frame's budget: when its turning is known ahead (a mover's sweep), every rotation it will
# pass through is made at the level's start, within this time and half the memory cap.
SWEEP_BUDGET_S = 0.25
# A body's sprite, painted at 4x and scaled down, costs 0.3-3 ms (Free Fall's debris): the
# level's bodies' sprites are all drawn at its start, within this time, up to this size each
# (those of the small ones are then turned ahead a few a frame, the others as needed).
BASES_BUDGET_S = 0.25
BASE_AHEAD_MAX_PIXELS = 256 * 256
OUTLINE = (12, 14, 20)

_BODY_COLORS = [
    ((218, 208, 184), (150, 138, 112)),  # stowage fabric
    ((236, 238, 242), (150, 156, 168)),  # white cargo
    ((236, 140, 60), (150, 80, 30)),  # orange equipment
    ((120, 132, 150), (66, 74, 90)),  # grey metal
    ((96, 150, 210), (46, 80, 130)),  # blue
]


_METAL = ((150, 158, 172), (70, 76, 90))  # movers: the arm, hatches that swing


def color_index(name: str) -> int:
    """A stable colour for a body, from its label or id (the same on every run)."""
    digest = hashlib.blake2b(name.encode(), digest_size=2).digest()
    return digest[0] % len(_BODY_COLORS)


def astronaut_sprite(radius_m: float, scale: float, eva: bool) -> pygame.Surface:
    """The astronaut from above, facing +x, drawn supersampled and scaled to screen size."""
    r = radius_m * scale * SUPERSAMPLE
    size = math.ceil(r * 2.5)
    surf = pygame.Surface((size, size), pygame.SRCALPHA)
    c = size / 2.0
    line = max(1, round(r * 0.07))

    def at(x: float, y: float) -> tuple[float, float]:
        return c + x * r, c + y * r

    def rect(x0: float, y0: float, x1: float, y1: float) -> pygame.Rect:
        return pygame.Rect(
            round(c + x0 * r), round(c + y0 * r), round((x1 - x0) * r), round((y1 - y0) * r)
        )

    # Backpack (bigger for an EVA suit), behind the shoulders.
    pack = rect(-1.02 if eva else -0.92, -0.62, -0.35, 0.62)
    pygame.draw.rect(
        surf, palette.SUIT_LINE, pack.inflate(line * 2, line * 2), border_radius=round(r * 0.2)
    )
    pygame.draw.rect(surf, palette.PACK, pack, border_radius=round(r * 0.18))
    # Arms reaching forward, gloves at the ends.
    for side in (-1, 1):
        shoulder, hand = at(0.0, side * 0.68), at(0.62, side * 0.56)
        pygame.draw.line(surf, palette.SUIT_LINE, shoulder, hand, round(r * 0.36))
        pygame.draw.line(surf, palette.SUIT_SHADE, shoulder, hand, round(r * 0.26))
        pygame.draw.circle(surf, palette.SUIT_LINE, hand, r * 0.17)
        pygame.draw.circle(surf, palette.SUIT, hand, r * 0.13)
    # Torso and shoulders.
    torso = rect(-0.48, -0.86, 0.38, 0.86)
    pygame.draw.ellipse(surf, palette.SUIT_LINE, torso.inflate(line * 2, line * 2))
    pygame.draw.ellipse(surf, palette.SUIT, torso)
    pygame.draw.rect(surf, palette.PATCH, rect(-0.22, 0.42, 0.04, 0.62))
    # Helmet and visor, towards the front.
    helmet = at(0.1, 0.0)
    pygame.draw.circle(surf, palette.SUIT_LINE, helmet, r * 0.5 + line)
    pygame.draw.circle(surf, palette.SUIT, helmet, r * 0.5)
    visor = rect(0.05, -0.38, 0.6, 0.38)
    pygame.draw.ellipse(surf, palette.VISOR, visor)
    pygame.draw.ellipse(surf, palette.VISOR_GLINT, rect(0.38, -0.26, 0.5, -0.06))
    return _downsample(surf)


def body_sprite(
    color: int,
    shape: str,
    size_m,
    radius_m: float,
    scale: float,
    points=None,
    metal: bool = False,
    style: str | None = None,
) -> pygame.Surface:
    """A body (box, circle or polygon) at angle 0, drawn supersampled and scaled to screen size.

    The body's origin is the centre of the sprite, so rotating the sprite turns it about it.
    With a `style` (a body's or a mover's), it is drawn as that thing (game/render/art/objects.py);
    `color` then picks one of a few variants (the tear of a piece of debris)."""
    if style:
        return styled_sprite(style, shape, size_m, radius_m, scale, points, color)
    fill, edge = _METAL if metal else _BODY_COLORS[color % len(_BODY_COLORS)]
    s = scale * SUPERSAMPLE
    line = max(2, round(0.03 * s))
    if shape == "circle":
        r = radius_m * s
        size = math.ceil(r * 2 + 4)
        surf = pygame.Surface((size, size), pygame.SRCALPHA)
        c = size / 2.0
        pygame.draw.circle(surf, edge, (c, c), r)
        pygame.draw.circle(surf, fill, (c, c), r - line)
        # A lens-like mark so a spin shows.
        pygame.draw.circle(surf, edge, (c + r * 0.45, c), r * 0.32)
        pygame.draw.circle(surf, (30, 34, 44), (c + r * 0.45, c), r * 0.22)
        return _downsample(surf)
    if shape == "polygon" and points:
        extent = max(math.hypot(x, y) for x, y in points) * s
        size = math.ceil(extent * 2 + 4)
        surf = pygame.Surface((size, size), pygame.SRCALPHA)
        c = size / 2.0
        outline = [(c + x * s, c - y * s) for x, y in points]
        pygame.draw.polygon(surf, edge, outline)
        inner = [(c + (px - c) * 0.94, c + (py - c) * 0.94) for px, py in outline]
        pygame.draw.polygon(surf, fill, inner)
        pygame.draw.polygon(surf, edge, outline, line)
        pygame.draw.circle(surf, edge, (c, c), max(2, line))
        return _downsample(surf)
    w, h = size_m[0] * s, size_m[1] * s
    surf = pygame.Surface((math.ceil(w + 4), math.ceil(h + 4)), pygame.SRCALPHA)
    box = pygame.Rect(2, 2, round(w), round(h))
    radius = round(min(w, h) * 0.12)
    pygame.draw.rect(surf, edge, box, border_radius=radius)
    pygame.draw.rect(surf, fill, box.inflate(-line * 2, -line * 2), border_radius=radius)
    # Two straps (or a mover's panel seams) across, so the rotation reads.
    strap = max(2, round(0.05 * s))
    for t in (0.3, 0.7):
        x = box.left + box.width * t
        pygame.draw.line(surf, edge, (x, box.top + line), (x, box.bottom - line), strap)
    return _downsample(surf)


def styled_sprite(
    style: str, shape: str, size_m, radius_m: float, scale: float, points=None, seed: int = 0
) -> pygame.Surface:
    """A body drawn as its style, at angle 0, centred on the body's origin."""
    s = scale * SUPERSAMPLE
    if shape == "circle":
        half_w = half_h = radius_m
    elif shape == "polygon" and points:
        half_w = max(abs(x) for x, _ in points)
        half_h = max(abs(y) for _, y in points)
    else:
        half_w, half_h = size_m[0] / 2, size_m[1] / 2
    # A canvas just big enough (rotating a sprite costs by its size), in whole final pixels.
    w = (math.ceil(half_w * 2 * scale) + 4) * SUPERSAMPLE
    h = (math.ceil(half_h * 2 * scale) + 4) * SUPERSAMPLE
    surf = pygame.Surface((w, h), pygame.SRCALPHA)
    paint_body(style, Pen(surf, s, -w / 2, -h / 2), shape, size_m, radius_m, points, seed)
    return _outlined(_downsample(surf))


def _outlined(sprite: pygame.Surface) -> pygame.Surface:
    """A thin dark rim round a sprite, so it stands out on a busy wall."""
    rim = pygame.mask.from_surface(sprite, 40).to_surface(
        setcolor=(*OUTLINE, 110), unsetcolor=(0, 0, 0, 0)
    )
    out = pygame.Surface(sprite.get_size(), pygame.SRCALPHA)
    for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
        out.blit(rim, (dx, dy))
    out.blit(sprite, (0, 0))
    return out


def pilot_sprite(spec, radius_m: float, scale: float) -> pygame.Surface:
    """The player at angle 0: the astronaut, or for `mode = "craft"` the Soyuz."""
    if spec.mode == "craft":
        from game.render.craft import craft_sprite

        return craft_sprite(spec.craft_size, scale).copy()
    return astronaut_sprite(radius_m, scale, spec.mode == "eva")


def _downsample(surf: pygame.Surface) -> pygame.Surface:
    """Scale a supersampled drawing to screen size: area-averaged, so its edges are smooth."""
    w, h = surf.get_size()
    return pygame.transform.smoothscale(
        surf, (max(1, round(w / SUPERSAMPLE)), max(1, round(h / SUPERSAMPLE)))
    )


class SpriteCache:
    """Sprites by key, each rotated lazily in ANGLE_STEP_DEG steps; rebuilt when zoom changes.

    A rotation that is needed is made there and then (tens of microseconds for a small
    sprite). The other rotations of small sprites are made ahead, a little each frame
    (`prewarm`, within a time budget), so a room of tumbling debris soon finds every angle
    ready without one frame making them all. The rotations kept are capped in pixels: past
    the cap the oldest go first, whatever their size, so a field of thousands of different
    pieces of debris cannot fill the memory."""

    def __init__(self):
        self.scale = 0.0
        self._base: dict[str, pygame.Surface] = {}
        self._rotated: dict[tuple[str, int], tuple[pygame.Surface, float, float]] = {}
        self._pixels = 0  # in the rotations kept
        self._ahead: list[str] = []  # keys whose other rotations are still to be made
        self._next: dict[str, int] = {}  # the next rotation to make of each of those
        self._warming = False
        self._expected: list[str] = []  # sprites expected soon, not made yet
        self._maker: dict[str, object] = {}  # how to make each of them
        self._sweeps: list[tuple[str, object, list[int]]] = []  # made at the next warm

    def set_scale(self, scale: float) -> None:
        if scale != self.scale:
            self.scale = scale
            self._base.clear()
            self._rotated.clear()
            self._pixels = 0
            self._ahead.clear()
            self._next.clear()
            self._expected.clear()
            self._maker.clear()
            self._sweeps.clear()

    def base(self, key: str, make) -> pygame.Surface:
        surf = self._base.get(key)
        if surf is None:
            surf = self._base[key] = make()
        return surf

    def rotated(self, key: str, make, angle_rad: float) -> tuple[pygame.Surface, float, float]:
        """(sprite, half width, half height) turned to the nearest step of angle_rad."""
        index = round(angle_rad * STEPS_PER_RADIAN) % ANGLE_STEPS
        found = self._rotated.get((key, index))
        return found if found is not None else self.make_rotated(key, make, index)

    def make_rotated(self, key: str, make, index: int) -> tuple[pygame.Surface, float, float]:
        fresh = key not in self._base
        base = self.base(key, make)
        if fresh and base.get_width() * base.get_height() <= PREWARM_MAX_PIXELS:
            self._ahead.append(key)  # its other rotations: made ahead, a few a frame
            self._next[key] = 0
        found = self._rotated.get((key, index))
        return found if found is not None else self._rotate(key, base, index)

    def warm(self) -> None:
        """A (re)start: the next `prewarm` may take up to WARM_BUDGET_S, so the sprites on
        screen at the start get every rotation before the first frame is shown."""
        self._warming = True

    def sweep(self, key: str, make, start_rad: float, turn_rad: float) -> None:
        """A sprite that will turn from `start_rad` by `turn_rad` (a mover's known sweep): its
        rotations on the way, the first needed first, are made by the next `warm` prewarm."""
        steps = min(ANGLE_STEPS, math.ceil(abs(turn_rad) * STEPS_PER_RADIAN) + 1)
        first = round(start_rad * STEPS_PER_RADIAN)
        way = 1 if turn_rad >= 0 else -1
        self._sweeps.append((key, make, [(first + way * k) % ANGLE_STEPS for k in range(steps)]))

    def _make_sweeps(self) -> int:
        start = time.perf_counter()
        made = 0
        for key, make, indices in self._sweeps:
            base = self.base(key, make)
            for index in indices:
                if self._pixels > ROTATIONS_MAX_PIXELS // 2:
                    break
                if time.perf_counter() - start > SWEEP_BUDGET_S:
                    break
                if (key, index) not in self._rotated:
                    self._rotate(key, base, index)
                    made += 1
        self._sweeps.clear()
        return made

    def expect(self, key: str, make, extent_m: float) -> None:
        """A sprite that may be needed soon (a body of the level, not yet seen, reaching
        `extent_m` from its centre): the next `warm` draws it, and if it is small, `prewarm`
        then makes its rotations ahead once those of the sprites seen are done."""
        side = 2 * extent_m * self.scale + 4  # of a canvas it turns in: more than the sprite
        if side * side > BASE_AHEAD_MAX_PIXELS or key in self._base or key in self._maker:
            return
        self._maker[key] = make
        self._expected.append(key)

    def prewarm(self, budget_s: float) -> int:
        """Make rotations ahead for up to `budget_s` seconds, the sprites seen last first,
        then the ones expected, while the rotations kept stay under half the cap. Returns how
        many were made."""
        made = 0
        if self._warming:
            self._warming = False
            budget_s = max(budget_s, WARM_BUDGET_S)
            made = self._make_sweeps()
            self._draw_expected()
        ahead = self._ahead
        if not ahead:
            return made
        start = time.perf_counter()
        rotated, following = self._rotated, self._next
        while ahead and self._pixels < ROTATIONS_MAX_PIXELS // 2:
            key = ahead[-1]
            index = following[key]
            base = self._base.get(key)
            while base is not None and index < ANGLE_STEPS:
                if (key, index) not in rotated:
                    self._rotate(key, base, index)
                    made += 1
                    if time.perf_counter() - start > budget_s:
                        following[key] = index + 1
                        return made
                index += 1
            ahead.pop()
            del following[key]
            if time.perf_counter() - start > budget_s:
                break
        return made

    def _draw_expected(self) -> None:
        """Draw every expected sprite now (a level's start: 0.3-3 ms each, too long for a
        frame in play), within BASES_BUDGET_S; the small ones' rotations are then made ahead
        after those of the sprites seen."""
        start = time.perf_counter()
        expected = self._expected
        while expected and time.perf_counter() - start < BASES_BUDGET_S:
            key = expected.pop()
            make = self._maker.pop(key)
            if key in self._base:
                continue
            base = self.base(key, make)
            if base.get_width() * base.get_height() <= PREWARM_MAX_PIXELS:
                self._ahead.insert(0, key)
                self._next[key] = 0

    def _rotate(self, key: str, base: pygame.Surface, index: int):
        surf = pygame.transform.rotozoom(base, index * ANGLE_STEP_DEG, 1.0)
        if pygame.display.get_surface() is not None:
            surf = surf.convert_alpha()
        entry = (surf, surf.get_width() / 2, surf.get_height() / 2)
        self._rotated[(key, index)] = entry
        self._pixels += surf.get_width() * surf.get_height()
        if self._pixels > ROTATIONS_MAX_PIXELS:
            # Memory stays bounded (a long boom turning all the way round, or a field of
            # thousands of different pieces of debris, would keep hundreds of megabytes): the
            # oldest rotations go first (one still needed is simply made again).
            for old in list(self._rotated):
                if self._pixels <= ROTATIONS_MAX_PIXELS * 0.75:
                    break
                if old != (key, index):
                    sprite = self._rotated.pop(old)[0]
                    self._pixels -= sprite.get_width() * sprite.get_height()
        return entry


def rotate_exact(base: pygame.Surface, angle_rad: float) -> pygame.Surface:
    return pygame.transform.rotozoom(base, math.degrees(angle_rad), 1.0)
