"""The heads-up display: O2 and propellant, objective, run timer, level name, event flashes
and comms subtitles."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from game.render import palette, text
from game.render.camera import Camera
from game.sim import TICK_RATE
from game.sim.events import SimEvent
from game.speedrun.timefmt import format_ticks

LOW_FRACTION = 0.2  # a bar turns red below this share
INTRO_FADE_S = 0.8
MESSAGE_MIN_S = 2.5
SPLIT_DELTA_S = 4.0  # how long a split's delta against the PB stays under the timer


def format_time(ticks: int) -> str:
    """Run-timer ticks as m:ss.mmm (the same rounding as replays and results)."""
    return format_ticks(max(0, int(ticks)))


def format_seconds(seconds: float) -> str:
    return format_time(round(seconds * TICK_RATE))


@dataclass
class Flash:
    text: str
    color: tuple
    age: float
    life: float
    big: bool
    world_pos: tuple[float, float] | None = None


# Event kind -> (text, colour, seconds, big banner?); "{text}" is the event's text.
_FLASHES = {
    "grab": ("grab", palette.RAIL, 0.6, False),
    "push": ("push off", palette.AIM, 0.6, False),
    "pickup": ("took {text}", palette.TEXT, 1.0, False),
    "throw": ("throw", palette.WARN, 0.6, False),
    "collect": ("+ {text}", palette.GOOD, 1.2, False),
    "damage": ("suit damaged", palette.BAD, 1.2, False),
    "objective": ("Objective complete", palette.GOOD, 2.2, True),
    "completed": ("Mission complete", palette.GOOD, 3.0, True),
    "tether_cut": ("Tether cut!", palette.BAD, 2.5, True),
}


@dataclass
class Message:
    who: str
    text: str
    age: float
    life: float


def delta_color(delta: int | None, gold: bool) -> tuple:
    """Gold for a best segment, green ahead of the PB, red behind it."""
    if gold:
        return palette.GOLD
    if delta is None:
        return palette.TEXT
    return palette.GOOD if delta <= 0 else palette.BAD


@dataclass
class SplitShown:
    delta: int | None  # ticks against the PB's split (negative: ahead)
    gold: bool
    ticks: int
    age: float = 0.0


class Hud:
    def __init__(self):
        self.flashes: list[Flash] = []
        self.messages: list[Message] = []
        self.intro = 1.0  # the level's title card: shown until the player moves, then fades
        self.pb_ticks: int | None = None  # shown small under the timer
        self.split: SplitShown | None = None  # the last split's delta, for a few seconds
        self._card: pygame.Surface | None = None
        self._plate: pygame.Surface | None = None
        self._corner_plates: dict[tuple[int, int], pygame.Surface] = {}

    def clear(self) -> None:
        self.flashes.clear()
        self.messages.clear()
        self.intro = 1.0
        self.split = None

    def show_split(self, ticks: int, delta: int | None, gold: bool) -> None:
        """A split was just made: show its delta against the PB (if any) for a few seconds."""
        if delta is None and not gold:
            return
        self.split = SplitShown(delta, gold, ticks)

    def feed(self, event: SimEvent, fail_message: str = "") -> None:
        kind = event.kind
        if kind == "impact":
            hard = event.value >= 1.5
            self.flashes.append(
                Flash(
                    "hard impact!" if hard else "bump",
                    palette.BAD if hard else palette.TEXT_DIM,
                    0.0,
                    0.9,
                    False,
                    (event.x, event.y),
                )
            )
            return
        if kind == "message":
            life = max(MESSAGE_MIN_S, event.value or 0.0)
            self.messages.append(Message(event.who, event.text, 0.0, life))
            self.messages = self.messages[-3:]
            return
        if kind == "failed":
            self._banner(Flash(fail_message or "Mission failed", palette.BAD, 0.0, 3.0, True))
            return
        spec = _FLASHES.get(kind)
        if spec is None:
            return
        template, color, life, big = spec
        message = template.format(text=event.text)
        if kind == "objective" and event.text:
            message = f"Objective complete: {event.text}"
        if big:
            self._banner(Flash(message, color, 0.0, life, True))
        else:
            self.flashes.append(Flash(message, color, 0.0, life, False, (event.x, event.y)))

    def _banner(self, flash: Flash) -> None:
        # One banner at a time: a newer one replaces an older one.
        self.flashes = [f for f in self.flashes if not f.big]
        self.flashes.append(flash)

    def update(self, dt: float, started: bool = False) -> None:
        if started and self.intro > 0.0:
            self.intro = max(0.0, self.intro - dt / INTRO_FADE_S)
        for flash in self.flashes:
            flash.age += dt
        self.flashes = [f for f in self.flashes if f.age < f.life]
        for message in self.messages:
            message.age += dt
        self.messages = [m for m in self.messages if m.age < m.life]
        if self.split is not None:
            self.split.age += dt
            if self.split.age >= SPLIT_DELTA_S:
                self.split = None

    # -- drawing --------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, world, camera: Camera, focus=None) -> None:
        width, height = surface.get_size()
        u = text.ui_scale((width, height))
        pad = round(18 * u)
        level = world.level

        # Top left: level name, then the current objective (and its progress, if timed), on a
        # soft dark plate so they read over a bright hull or truss.
        objective = world.current_objective
        label = ""
        if objective is not None:
            label = objective.label
            index = world.objectives.index(objective) + 1
            total = len(world.objectives)
            if total > 1:
                label = f"{label}  ({index}/{total})"
        self._draw_top_left_plate(surface, level.info.name.upper(), label, pad, u)
        text.blit(surface, level.info.name.upper(), round(22 * u), (pad, pad), palette.TEXT_DIM)
        if objective is not None:
            size = round(32 * u)
            top = pad + round(24 * u)
            mid = top + size * 0.34
            tri = size * 0.22
            pygame.draw.polygon(
                surface,
                palette.OBJECTIVE,
                [(pad, mid - tri), (pad, mid + tri), (pad + tri * 1.6, mid)],
            )
            rect = text.blit(surface, label, size, (pad + round(tri * 2.6), top), palette.OBJECTIVE)
            progress = getattr(objective, "progress", 0.0)
            if objective.spec.kind in ("repair", "survive"):
                _bar(
                    surface,
                    rect.left,
                    rect.bottom + round(6 * u),
                    round(200 * u),
                    round(8 * u),
                    progress,
                    palette.OBJECTIVE,
                    "",
                    u,
                    warn=False,
                )

        # Top centre: the run timer; under it the PB, the last split's delta against the PB
        # (for a few seconds) and the splits so far, on a dark plate so they read over anything.
        started = world.start_tick is not None
        rows: list[tuple[str, int, tuple, int]] = [
            (
                format_time(world.run_ticks),
                round(46 * u),
                palette.TEXT if started else palette.TEXT_DIM,
                255,
            )
        ]
        if not started and world.status == "running":
            rows.append(("the clock starts when you move", round(20 * u), palette.TEXT_DIM, 255))
        if self.pb_ticks is not None:
            rows.append((f"PB {format_time(self.pb_ticks)}", round(21 * u), palette.TEXT_DIM, 255))
        if self.split is not None:
            shown = self.split
            fade = max(0.0, min(1.0, (SPLIT_DELTA_S - shown.age) * 2.0))
            label = format_ticks(shown.delta, sign=True) if shown.delta is not None else ""
            if shown.gold:
                label = f"{label}  best segment" if label else "best segment"
            color = delta_color(shown.delta, shown.gold)
            rows.append((label, round(34 * u), color, round(255 * fade)))
        if len(world.objectives) > 1:
            done = sorted((o for o in world.objectives if o.done), key=lambda o: o.done_tick)
            for objective_done, ticks in zip(done, world.splits(), strict=False):
                line = f"{objective_done.label}  {format_time(ticks)}"
                rows.append((line, round(20 * u), palette.GOOD, 255))
        self._draw_column(surface, rows, pad - round(2 * u), u)

        # Top right: O2 and propellant.
        bar_w, bar_h = round(220 * u), round(14 * u)
        x = width - pad - bar_w
        o2_full = level.player.o2_seconds
        o2 = max(0.0, world.o2)
        if getattr(world, "infinite_o2", False):
            o2_text, fraction = "O2  infinite (assist)", 1.0
        else:
            seconds = math.ceil(o2)
            o2_text = f"O2  {seconds // 60}:{seconds % 60:02d}"
            fraction = o2 / o2_full if o2_full else 0.0
        _bar(surface, x, pad + round(18 * u), bar_w, bar_h, fraction, palette.O2_BAR, o2_text, u)
        prop_full = level.player.propellant
        prop = max(0.0, world.astronaut.propellant)
        _bar(
            surface,
            x,
            pad + round(58 * u),
            bar_w,
            bar_h,
            prop / prop_full if prop_full else 0.0,
            palette.PROP_BAR,
            f"THRUST  {prop:.1f} m/s",
            u,
        )

        if self.intro > 0.0:
            self._draw_intro(surface, world, u)

        # Flashes: small ones float up from where they happened; banners sit mid-screen.
        for flash in self.flashes:
            t = flash.age / flash.life
            alpha = round(255 * min(1.0, (1.0 - t) * 3.0))
            if flash.big:
                text.blit(
                    surface,
                    flash.text,
                    round(44 * u),
                    (width / 2, height * 0.28),
                    flash.color,
                    anchor="center",
                    alpha=alpha,
                )
            elif flash.world_pos is not None:
                sx, sy = camera.to_screen(*flash.world_pos)
                if focus is not None:
                    # Keep clear of the astronaut: start on the far side of the event from it.
                    dx, dy = sx - focus[0], sy - focus[1]
                    distance = math.hypot(dx, dy)
                    clear = 0.8 * camera.scale
                    if distance < clear:
                        dx, dy = (dx / distance, dy / distance) if distance > 1 else (0.0, 1.0)
                        sx, sy = focus[0] + dx * clear, focus[1] + dy * clear
                rise = round(30 * u * t)
                text.blit(
                    surface,
                    flash.text,
                    round(22 * u),
                    (sx, sy - rise),
                    flash.color,
                    anchor="center",
                    alpha=alpha,
                )

        # Comms: subtitles at the bottom, newest last.
        y = height - round(64 * u)
        for message in reversed(self.messages):
            alpha = round(255 * min(1.0, (message.life - message.age) * 2.0, message.age * 6.0))
            line = f"{message.who}: {message.text}" if message.who else message.text
            text.blit(
                surface, line, round(28 * u), (width / 2, y), palette.TEXT, "midbottom", True, alpha
            )
            y -= round(30 * u)

    def _draw_top_left_plate(self, surface, name: str, label: str, pad: int, u: float) -> None:
        width = text.render(name, round(22 * u), palette.TEXT_DIM, True).get_width()
        if label:
            size = round(32 * u)
            width = max(
                width,
                text.render(label, size, palette.OBJECTIVE, True).get_width()
                + round(size * 0.22 * 2.6),
            )
        height = round((24 + 32 + 22) * u) if label else round(30 * u)
        key = (width + 2 * pad, height + pad)
        plate = self._corner_plates.get(key)
        if plate is None:
            plate = pygame.Surface(key, pygame.SRCALPHA)
            pygame.draw.rect(
                plate, (6, 10, 18, 120), plate.get_rect(), border_bottom_right_radius=round(14 * u)
            )
            self._corner_plates = {key: plate}  # one size at a time: labels change rarely
        surface.blit(plate, (0, 0))

    def _draw_column(self, surface, rows, top: int, u: float) -> None:
        """Lines centred at the top, over a soft dark plate when there is more than the timer."""
        width = surface.get_width()
        images = [(text.render(line, size, color), alpha) for line, size, color, alpha in rows]
        if len(images) > 1:
            plate_w = max(image.get_width() for image, _ in images) + round(36 * u)
            plate_h = sum(image.get_height() for image, _ in images) + round(10 * u)
            key = (plate_w, plate_h)
            if self._plate is None or self._plate.get_size() != key:
                self._plate = pygame.Surface(key, pygame.SRCALPHA)
                self._plate.fill((0, 0, 0, 0))
                pygame.draw.rect(
                    self._plate,
                    (6, 10, 20, 170),
                    self._plate.get_rect(),
                    border_radius=round(10 * u),
                )
            surface.blit(self._plate, (round(width / 2 - plate_w / 2), top - round(4 * u)))
        y = top
        for image, alpha in images:
            rect = image.get_rect(midtop=(round(width / 2), y))
            if alpha < 255:
                image.set_alpha(alpha)
                surface.blit(image, rect)
                image.set_alpha(255)
            else:
                surface.blit(image, rect)
            y = rect.bottom

    def _draw_intro(self, surface, world, u: float) -> None:
        """The level's name, its description and the first objective, on a card."""
        width, height = surface.get_size()
        alpha = round(255 * min(1.0, self.intro) ** 1.5)
        info = world.level.info
        rows = [(info.name, round(52 * u), palette.TEXT)]
        if info.description:
            rows += [
                (line, round(26 * u), palette.TEXT_DIM)
                for line in text.wrap(info.description, round(26 * u), width * 0.5)[:3]
            ]
        objective = world.current_objective
        if objective is not None:
            rows.append((objective.label, round(30 * u), palette.OBJECTIVE))
        rendered = [text.render(line, size, color) for line, size, color in rows]
        gap = round(6 * u)
        card_w = max(r.get_width() for r in rendered) + round(56 * u)
        card_h = sum(r.get_height() for r in rendered) + gap * (len(rows) + 1) + round(36 * u)
        card = pygame.Rect(0, 0, card_w, card_h)
        card.center = (width // 2, round(height * 0.62))
        if self._card is None or self._card.get_size() != card.size:
            self._card = pygame.Surface(card.size, pygame.SRCALPHA)
            self._card.fill((0, 0, 0, 0))
            radius = round(12 * u)
            pygame.draw.rect(
                self._card, (8, 12, 24, 200), self._card.get_rect(), border_radius=radius
            )
            pygame.draw.rect(
                self._card,
                (*palette.TEXT_DIM, 110),
                self._card.get_rect(),
                max(1, round(2 * u)),
                border_radius=radius,
            )
        self._card.set_alpha(alpha)
        surface.blit(self._card, card)
        y = card.top + round(18 * u)
        for index, image in enumerate(rendered):
            if index == len(rendered) - 1 and objective is not None:
                y += gap * 2
            image.set_alpha(alpha)
            surface.blit(image, image.get_rect(midtop=(card.centerx, y)))
            image.set_alpha(255)
            y += image.get_height() + gap


def _bar(surface, x, y, w, h, fraction, color, label: str, u: float, warn: bool = True) -> None:
    fraction = max(0.0, min(1.0, fraction))
    low = warn and fraction < LOW_FRACTION
    fill_color = palette.BAD if low else color
    if label:
        text.blit(
            surface,
            label,
            round(20 * u),
            (x, y - round(3 * u)),
            palette.BAD if low else palette.TEXT,
            anchor="bottomleft",
        )
    back = pygame.Rect(x, y, w, h)
    pygame.draw.rect(surface, palette.BAR_BACK, back, border_radius=h // 2)
    if fraction > 0:
        fill = pygame.Rect(x, y, max(h, round(w * fraction)), h)
        pygame.draw.rect(surface, fill_color, fill, border_radius=h // 2)
    pygame.draw.rect(surface, palette.TEXT_DIM, back, max(1, round(u)), border_radius=h // 2)
