"""The input display: the input of the tick just run (the TickInput the simulation got), drawn
small in the bottom-right corner for videos and for studying replays.

A stick (the move direction as a dot in a ring), the two turn arrows and a pill for every button
bit of game.sim.tick_input, lit while held. Clear of the HUD: the objective is top left, the
timer top centre, O2 and the notices top right, the radio lines bottom centre (at most 70% of
the width) and a replay's badge bottom left.

Everything that does not move is drawn once per window size (the plate with every part unlit,
and each lit part); a frame blits the plate, the lit parts and the stick's dot."""

from __future__ import annotations

import math

import pygame

from game.render import palette, text
from game.sim.tick_input import GRAB, THROW, USE, TickInput

# The button bits of a TickInput, as the display names them, top to bottom.
BUTTONS = (("GRAB", GRAB), ("USE", USE), ("THROW", THROW))
THROW_COLOR = (236, 140, 255)  # apart from the rail yellow of GRAB at a glance
BUTTON_COLORS = {"GRAB": palette.RAIL, "USE": palette.OBJECTIVE, "THROW": THROW_COLOR}
TURN_COLOR = palette.ZONE
STICK_COLOR = palette.ZONE
UNLIT = palette.TEXT_DIM
DARK = (6, 10, 18)  # the HUD's plates' colour: letters on a lit pill, the dot's rim
PLATE = (*DARK, 215)  # a little more see-through than the HUD's plates

# Sizes at 1280x720 (scaled with text.ui_scale): 160 wide, so it stays right of the widest
# radio plate (70% of the width, centred) in a 16:9 window.
MARGIN = 14  # from the screen's right and bottom edges
INNER = 7  # from the plate's edge to its parts
GAP = 6
STICK_RADIUS = 27
DOT_RADIUS = 7
TURN_W, TURN_H = 22, 25
PILL_W, PILL_H, PILL_GAP = 58, 18, 3
LABEL_SIZE = 17


class InputDisplay:
    def __init__(self, screen_size: tuple[int, int] | None = None) -> None:
        """`screen_size`: build the parts now (about 2 ms) rather than in the first frame."""
        self._screen: tuple[int, int] | None = None
        self.rect = pygame.Rect(0, 0, 0, 0)  # on the screen, where it was last drawn
        self.button_rects: dict[str, pygame.Rect] = {}  # on the screen
        self.turn_rects: dict[int, pygame.Rect] = {}  # +1 counter-clockwise, -1 clockwise
        self._plate: pygame.Surface | None = None
        self._lit: dict[object, pygame.Surface] = {}  # button name or turn sign -> lit image
        self._dot: pygame.Surface | None = None
        self._dim_dot: pygame.Surface | None = None
        self._stick_centre = (0, 0)
        self._reach = 0.0
        if screen_size is not None:
            self._build(screen_size)

    def draw(self, surface: pygame.Surface, inp: TickInput) -> pygame.Rect:
        """Draw `inp` in the bottom-right corner of `surface`; the rectangle it covers."""
        size = surface.get_size()
        if size != self._screen:
            self._build(size)
        rect = self.rect
        surface.blit(self._plate, rect)
        for name, bit in BUTTONS:
            if inp.buttons & bit:
                surface.blit(self._lit[name], self.button_rects[name])
        if inp.turn:
            sign = 1 if inp.turn > 0 else -1
            surface.blit(self._lit[sign], self.turn_rects[sign])
        mx, my = inp.move_vector()
        cx, cy = self._stick_centre
        x, y = round(cx + mx * self._reach), round(cy - my * self._reach)  # screen y is down
        if mx or my:
            width = max(2, round(self._reach / 8))
            pygame.draw.line(surface, STICK_COLOR, (cx, cy), (x, y), width)
            surface.blit(self._dot, self._dot.get_rect(center=(x, y)))
        else:
            surface.blit(self._dim_dot, self._dim_dot.get_rect(center=(x, y)))
        return rect

    # -- the parts, drawn once per window size ----------------------------------------------------

    def _build(self, size: tuple[int, int]) -> None:
        self._screen = size
        u = text.ui_scale(size)

        def s(value: float) -> int:
            return max(1, round(value * u))

        radius = s(STICK_RADIUS)
        inner, gap = s(INNER), s(GAP)
        turn_w, turn_h = s(TURN_W), s(TURN_H)
        pill_w, pill_h, pill_gap = s(PILL_W), s(PILL_H), s(PILL_GAP)
        pills_h = len(BUTTONS) * pill_h + (len(BUTTONS) - 1) * pill_gap
        width = inner + 2 * radius + gap + turn_w + gap + pill_w + inner
        height = 2 * inner + max(2 * radius, pills_h, 2 * turn_h + pill_gap)
        rect = pygame.Rect(0, 0, width, height)
        rect.bottomright = (size[0] - s(MARGIN), size[1] - s(MARGIN))
        self.rect = rect

        plate = pygame.Surface(rect.size, pygame.SRCALPHA)
        plate.fill((0, 0, 0, 0))
        pygame.draw.rect(plate, PLATE, plate.get_rect(), border_radius=s(6))
        mid = height // 2

        # The stick: a ring, a faint cross, and the reach of the dot.
        centre = (inner + radius, mid)
        pygame.draw.circle(plate, palette.BAR_BACK, centre, radius)
        pygame.draw.circle(plate, UNLIT, centre, radius, max(1, s(1.5)))
        faint = (*UNLIT, 90)
        pygame.draw.line(
            plate, faint, (centre[0] - radius + s(5), mid), (centre[0] + radius - s(5), mid)
        )
        pygame.draw.line(
            plate, faint, (centre[0], mid - radius + s(5)), (centre[0], mid + radius - s(5))
        )
        self._stick_centre = (rect.left + centre[0], rect.top + centre[1])
        dot_radius = s(DOT_RADIUS)
        self._reach = radius - dot_radius - s(2)
        self._dot = _dot(dot_radius, STICK_COLOR)
        self._dim_dot = _dot(max(2, dot_radius // 2), UNLIT)

        # Turning: counter-clockwise above, clockwise below.
        self.turn_rects = {}
        turn_left = inner + 2 * radius + gap
        turn_top = mid - turn_h - pill_gap // 2
        for sign, top in ((1, turn_top), (-1, mid + (pill_gap + 1) // 2)):
            cell = pygame.Rect(turn_left, top, turn_w, turn_h)
            plate.blit(_turn_arrow(cell.size, sign, UNLIT, u), cell)
            self._lit[sign] = _turn_arrow(cell.size, sign, TURN_COLOR, u)
            self.turn_rects[sign] = cell.move(rect.topleft)

        # The buttons, one pill each.
        self.button_rects = {}
        pill_left = width - inner - pill_w
        top = mid - pills_h // 2
        label_size = s(LABEL_SIZE)
        for name, _bit in BUTTONS:
            cell = pygame.Rect(pill_left, top, pill_w, pill_h)
            plate.blit(_pill(cell.size, name, label_size, lit=False), cell)
            self._lit[name] = _pill(cell.size, name, label_size, lit=True)
            self.button_rects[name] = cell.move(rect.topleft)
            top += pill_h + pill_gap
        self._plate = plate


def _dot(radius: int, color) -> pygame.Surface:
    image = pygame.Surface((2 * radius + 2, 2 * radius + 2), pygame.SRCALPHA)
    image.fill((0, 0, 0, 0))
    centre = (radius + 1, radius + 1)
    pygame.draw.circle(image, DARK, centre, radius + 1)
    pygame.draw.circle(image, color, centre, radius)
    return image


def _pill(size: tuple[int, int], name: str, label_size: int, lit: bool) -> pygame.Surface:
    """A button's pill: filled in its colour with dark letters when held, outlined when not."""
    image = pygame.Surface(size, pygame.SRCALPHA)
    image.fill((0, 0, 0, 0))
    rect = image.get_rect()
    radius = size[1] // 2
    if lit:
        pygame.draw.rect(image, BUTTON_COLORS[name], rect, border_radius=radius)
        label = text.font(label_size).render(name, True, DARK)
    else:
        pygame.draw.rect(image, UNLIT, rect, width=1, border_radius=radius)
        label = text.font(label_size).render(name, True, UNLIT)
    image.blit(label, label.get_rect(center=rect.center))
    return image


def _turn_arrow(size: tuple[int, int], sign: int, color, u: float) -> pygame.Surface:
    """A curved arrow: counter-clockwise (sign +1) or clockwise (-1), as the astronaut turns."""
    image = pygame.Surface(size, pygame.SRCALPHA)
    image.fill((0, 0, 0, 0))
    w, h = size
    radius = min(w, h) / 2 - max(2.0, 3 * u)
    cx, cy = w / 2, h / 2
    width = max(2, round(2.5 * u))
    # An open arc of 250 degrees with the arrowhead at its end (angles: y up).
    start, sweep = math.radians(120), math.radians(250) * (1 if sign > 0 else -1)
    steps = 20
    points = [
        (
            cx + radius * math.cos(start + sweep * i / steps),
            cy - radius * math.sin(start + sweep * i / steps),
        )
        for i in range(steps + 1)
    ]
    pygame.draw.lines(image, color, False, points, width)
    end = start + sweep
    tip_x, tip_y = cx + radius * math.cos(end), cy - radius * math.sin(end)
    # Along the direction of travel at the end of the arc.
    tangent = end + (math.pi / 2 if sign > 0 else -math.pi / 2)
    tx, ty = math.cos(tangent), -math.sin(tangent)
    head = max(4.0, 5.5 * u)
    px, py = -ty, tx  # across the arc
    pygame.draw.polygon(
        image,
        color,
        [
            (tip_x + tx * head, tip_y + ty * head),
            (tip_x + px * head * 0.8, tip_y + py * head * 0.8),
            (tip_x - px * head * 0.8, tip_y - py * head * 0.8),
        ],
    )
    return image
