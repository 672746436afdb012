"""The heads-up display: O2 and propellant, objective, run timer, level name, event flashes,
comms subtitles, the level's card and a craft's controls.

Every line of text sits on a dark plate, so it reads over a white solar panel as well as over
space; the HUD keeps what it drew (`drawn`: rect, colour, opacity) so a test can measure the
contrast of each line against what is behind it. Level text may name the player's bindings
with placeholders ({grab}, {move}...: game.bindings.ControlNames.fill)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from game.bindings import ControlNames
from game.input import CONFIRM
from game.render import palette, text
from game.render.camera import Camera
from game.sim import TICK_RATE
from game.sim.events import SimEvent
from game.speedrun.timefmt import format_ticks

LOW_FRACTION = 0.2  # a bar turns red below this share
INTRO_FADE_S = 0.8
MESSAGE_MIN_S = 2.5
SPLIT_DELTA_S = 4.0  # how long a split's delta against the PB stays under the timer
O2_LOSS_FADE_S = 1.0  # the chunk of O2 a hit took stays marked on the bar this long
PLATE = (6, 10, 18)
# Opaque enough that the dimmest HUD text (TEXT_DIM) and red warnings read at 4.5:1 (WCAG)
# even over a white solar panel: tests/test_hud_contrast.py measures it in every level.
PLATE_ALPHA = 228
MESSAGE_WIDTH = 0.7  # of the screen: longer radio lines wrap
MESSAGE_LINES = 4  # radio lines shown at most (older messages give way whole)
CRAFT_HEADING = "Your craft's controls"
REACH_CLEAR_M = 1.0  # the card keeps this far clear of the astronaut's edge
_DIGITS = "0123456789:."
_NUMBERS = _DIGITS + "+-() msO2THRUSTinfte"


@dataclass(frozen=True)
class DrawnText:
    """A line of text the HUD drew this frame: where, in what colour, how opaque."""

    rect: pygame.Rect
    color: tuple
    alpha: int
    text: str = ""


@dataclass
class O2Loss:
    seconds: float
    age: float = 0.0


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
    lift: float = 0.0  # drawn this many HUD units above its point (clear of a hit's burst)


# Event kind -> (text, colour, seconds, big banner?); "{text}" is the event's text.
_FLASHES = {
    "grab": ("grab", palette.RAIL, 0.6, False),
    "push": ("push off", palette.AIM, 0.6, False),
    "pickup": ("took {text}", palette.TEXT, 1.0, False),
    "throw": ("throw", palette.WARN, 0.6, False),
    "collect": ("+ {text}", palette.GOOD, 1.2, False),
    "damage": ("{text}", palette.BAD, 1.8, False),
    "objective": ("Objective complete", palette.GOOD, 2.2, True),
    "completed": ("Mission complete", palette.GOOD, 3.0, True),
    "tether_cut": ("Tether cut!", palette.BAD, 2.5, True),
    # A mover pressing the astronaut on the station slides past (game/sim/squeeze.py).
    "squeezed": ("Squeezed against the wall", palette.WARN, 1.2, False),
    "torn_loose": ("Grip torn loose", palette.WARN, 1.4, False),
}
_SAYS_WHY_A_BUMP = ("squeezed", "torn_loose")
BUMP_TEXT, HARD_BUMP_TEXT = "bump", "hard impact!"
_BUMP_RADIUS_M = 1.5


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
        self.practice: str | None = None  # "from split 2: ...": a practice run, said under it
        self.split: SplitShown | None = None  # the last split's delta, for a few seconds
        # In a full run (game.speedrun.campaign.RunClock): the run's time is shown first.
        self.full_run = None
        self.names = ControlNames()  # the player's bindings, for prompts and level text
        self.o2_losses: list[O2Loss] = []
        self.drawn: list[DrawnText] = []  # this frame's text (see new_frame)
        self.card_rect: pygame.Rect | None = None  # where the level's card was drawn
        self.o2_bar: pygame.Rect | None = None
        self._card: pygame.Surface | None = None
        self._plates: dict[tuple, pygame.Surface] = {}
        self._corner_plates: dict[tuple[int, int], pygame.Surface] = {}
        self._rows: dict[tuple, pygame.Surface] = {}

    def clear(self) -> None:
        self.flashes.clear()
        self.messages.clear()
        self.o2_losses.clear()
        self.intro = 1.0
        self.split = None

    def new_frame(self) -> None:
        """A frame begins: forget the text drawn in the last one."""
        self.drawn.clear()

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
                    HARD_BUMP_TEXT if hard else BUMP_TEXT,
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
        if kind == "damage" and event.value > 0:
            self.o2_losses.append(O2Loss(event.value))
        if kind == "failed":
            self._banner(Flash(fail_message or "Mission failed", palette.BAD, 0.0, 3.0, True))
            return
        spec = _FLASHES.get(kind)
        if spec is None:
            return
        template, color, life, big = spec
        message = template.format(text=event.text)
        if kind == "damage":
            # What hit and what it cost, above the burst: "Hull breached by debris  -12 s O2".
            # It says more than the same contact's "bump", which goes.
            here = (event.x, event.y)
            self.flashes = [f for f in self.flashes if f.big or f.world_pos != here or f.lift]
            cause = event.text or "Damaged"
            self.flashes.append(
                Flash(
                    f"{cause}  -{event.value:.0f} s O2",
                    color,
                    0.0,
                    life,
                    False,
                    (event.x, event.y),
                    56.0,
                )
            )
            return
        if kind in _SAYS_WHY_A_BUMP:
            # A squeeze or a torn grip is why the suit bumped the wall: its label replaces the
            # bump labels around it instead of landing on top of them.
            x, y = event.x, event.y
            self.flashes = [
                f
                for f in self.flashes
                if f.text not in (BUMP_TEXT, HARD_BUMP_TEXT)
                or f.world_pos is None
                or (f.world_pos[0] - x) ** 2 + (f.world_pos[1] - y) ** 2 > _BUMP_RADIUS_M**2
            ]
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
        for loss in self.o2_losses:
            loss.age += dt
        self.o2_losses = [loss for loss in self.o2_losses if loss.age < O2_LOSS_FADE_S]

    def prepare(self, world, size: tuple[int, int]) -> None:
        """A level starts: render now the lines it will show later (its radio lines, each
        objective as the HUD shows it, the banners and flashes that name its things), and draw
        once the glyphs of the HUD's changing numbers at their sizes. Made mid-level, a radio
        line or a banner in a size not yet used cost one frame 1-3 ms (SDL_ttf draws a glyph
        the first time a font uses it)."""
        u = text.ui_scale(size)
        names = self.names
        lines: list[tuple[str, int, tuple]] = []
        radio = round(28 * u)
        for trigger in world.level.triggers:
            for action in trigger.actions:
                if action.do == "message" and action.text:
                    said = _said_on_radio(names, action.who, action.text)
                    lines += [
                        (line, radio, palette.TEXT)
                        for line in text.wrap(said, radio, size[0] * MESSAGE_WIDTH)
                    ]
        objectives = list(world.objectives)
        for index, objective in enumerate(objectives, start=1):
            label = names.fill(objective.label)
            shown = f"{label}  ({index}/{len(objectives)})" if len(objectives) > 1 else label
            lines.append((shown, round(32 * u), palette.OBJECTIVE))
            lines.append((f"Objective complete: {objective.label}", round(44 * u), palette.GOOD))
        lines.append(("Mission complete", round(44 * u), palette.GOOD))
        things = [item.label or item.id for item in getattr(world.level, "items", ())]
        for thing in things:
            lines.append((f"+ {thing}", round(22 * u), palette.GOOD))
        for entity in world.entities:
            if entity.spec.label:
                lines.append((f"took {entity.spec.label}", round(22 * u), palette.TEXT))
        text.keep(lines)
        # Lines that change: the timer, the PB and a split's delta are numbers; the splits,
        # bars, distances to goals and prompts mix numbers with the level's words.
        words = "".join(sorted({ch for line, _, _ in lines for ch in line}))
        for points, characters in (
            (46, _DIGITS),
            (34, _DIGITS + "+-best gmn"),
            (21, _DIGITS + "PB "),
            (20, _NUMBERS + words),
            (22, _NUMBERS + words),
            (24, _NUMBERS + words),
        ):
            text.warm_glyphs(round(points * u), characters)

    # -- text on plates (also for the prompts the world view draws) -------------------------------

    def line(
        self,
        surface,
        line: str,
        size: int,
        pos,
        color=palette.TEXT,
        anchor: str = "topleft",
        alpha: int = 255,
    ) -> pygame.Rect:
        """Text (on a plate drawn before it) that the contrast test will measure."""
        rect = text.blit(surface, line, size, pos, color, anchor, True, alpha)
        self.drawn.append(DrawnText(rect, tuple(color), alpha, line))
        return rect

    def plate(self, surface, rect: pygame.Rect, u: float, alpha: int = 255) -> None:
        """A rounded dark plate behind text; `alpha` fades it with the text it carries."""
        if rect.width <= 0 or rect.height <= 0 or alpha <= 0:
            return
        radius = max(3, round(6 * u))  # less than the margins: no text in a rounded corner
        key = (rect.size, radius)
        plate = self._plates.get(key)
        if plate is None:
            if len(self._plates) > 48:
                self._plates.clear()
            plate = pygame.Surface(rect.size, pygame.SRCALPHA)
            plate.fill((0, 0, 0, 0))
            pygame.draw.rect(plate, (*PLATE, PLATE_ALPHA), plate.get_rect(), border_radius=radius)
            self._plates[key] = plate
        if alpha < 255:
            plate.set_alpha(alpha)
            surface.blit(plate, rect)
            plate.set_alpha(255)
        else:
            surface.blit(plate, rect)

    def prompt(
        self,
        surface,
        line: str,
        size: int,
        pos,
        color=palette.TEXT,
        anchor: str = "topleft",
        alpha: int = 255,
    ) -> pygame.Rect:
        """One line of text on its own plate (a prompt, a label, a flash)."""
        u = text.ui_scale(surface.get_size())
        image = text.render(line, size, color)
        rect = image.get_rect(**{anchor: (round(pos[0]), round(pos[1]))})
        self.plate(surface, rect.inflate(round(20 * u), round(12 * u)), u, alpha)
        return self.line(surface, line, size, pos, color, anchor, alpha)

    # -- drawing --------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, world, camera: Camera, focus=None) -> None:
        width, height = surface.get_size()
        u = text.ui_scale((width, height))
        pad = round(18 * u)
        level = world.level
        in_world = [d.rect for d in self.drawn]  # prompts the world view drew before the HUD

        # Top left: level name, then the current objective (and its progress, if timed), on a
        # soft dark plate so they read over a bright hull or truss.
        objective = world.current_objective
        label = ""
        if objective is not None:
            label = self.names.fill(objective.label)
            index = world.objectives.index(objective) + 1
            total = len(world.objectives)
            if total > 1:
                label = f"{label}  ({index}/{total})"
        corner = self._draw_top_left_plate(surface, level.info.name.upper(), label, pad, u)
        self.line(surface, level.info.name.upper(), round(22 * u), (pad, pad), palette.TEXT_DIM)
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
            rect = self.line(surface, label, size, (pad + round(tri * 2.6), top), palette.OBJECTIVE)
            progress = getattr(objective, "progress", 0.0)
            if objective.spec.kind in ("repair", "survive"):
                self._bar(
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
        if self.full_run is not None:
            rows = self._full_run_rows(world, u)
        if world.in_opening:
            hint = "the clock starts after the opening"
            if world.level.opening.skippable:
                hint += f"  ({self.names.label(CONFIRM)} skips it)"
            rows.append((hint, round(20 * u), palette.TEXT_DIM, 255))
        elif not started and world.status == "running":
            rows.append(("the clock starts when you move", round(20 * u), palette.TEXT_DIM, 255))
        if self.practice is not None:
            rows.append((f"PRACTICE {self.practice}", round(21 * u), palette.WARN, 255))
        if self.pb_ticks is not None:
            pb = "mission PB" if self.full_run is not None else "PB"
            rows.append(
                (f"{pb} {format_time(self.pb_ticks)}", round(21 * u), palette.TEXT_DIM, 255)
            )
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
        column = self._draw_column(surface, rows, pad - round(2 * u), u)

        # Top right: O2 and propellant, on one plate.
        bar_w, bar_h = round(220 * u), round(14 * u)
        x = width - pad - bar_w
        bars = pygame.Rect(x - round(12 * u), 0, bar_w + round(12 * u) + pad, 0)
        bars.top = pad - round(8 * u)
        bars.height = round(58 * u) + bar_h + round(18 * u)
        self.plate(surface, bars, u)
        o2_full = level.player.o2_seconds
        o2 = max(0.0, world.o2)
        if getattr(world, "infinite_o2", False):
            o2_text, fraction = "O2  infinite (assist)", 1.0
        else:
            seconds = math.ceil(o2)
            o2_text = f"O2  {seconds // 60}:{seconds % 60:02d}"
            fraction = o2 / o2_full if o2_full else 0.0
        losses = []
        if o2_full and not getattr(world, "infinite_o2", False):
            for loss in reversed(self.o2_losses):  # the newest next to what is left
                fade = 1.0 - loss.age / O2_LOSS_FADE_S
                losses.append((loss.seconds / o2_full, round(255 * max(0.0, fade))))
        self.o2_bar = pygame.Rect(x, pad + round(18 * u), bar_w, bar_h)
        self._bar(
            surface,
            x,
            pad + round(18 * u),
            bar_w,
            bar_h,
            fraction,
            palette.O2_BAR,
            o2_text,
            u,
            losses=losses,
        )
        prop_full = level.player.propellant
        prop = max(0.0, world.astronaut.propellant)
        self._bar(
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

        top_clear = max(corner.bottom, column.bottom, bars.bottom)
        if world.level.player.mode == "craft":
            strip = self._draw_craft_strip(surface, (pad, corner.bottom + round(8 * u)), u)
            top_clear = max(top_clear, strip.bottom)

        # Comms: subtitles at the bottom, newest last, all on one plate.
        radio_top = self._draw_messages(surface, u)

        self.card_rect = None
        if self.intro > 0.0:
            astronaut = world.astronaut
            # The astronaut and what is within arm's reach (the rail to catch first).
            clear = (astronaut.radius + REACH_CLEAR_M) * camera.scale
            keep_out = None
            if focus is not None:
                fx, fy = focus
                keep_out = pygame.Rect(round(fx - clear), round(fy - clear), 0, 0)
                keep_out.size = (round(2 * clear), round(2 * clear))
                # The astronaut's own prompt ("SPACE: grab rail") stays in view too.
                for rect in in_world:
                    if abs(rect.centery - fy) < 3 * clear and abs(rect.centerx - fx) < 6 * clear:
                        keep_out.union_ip(rect)
            self._draw_intro(surface, world, u, keep_out, top_clear, radio_top)

        # Flashes: small ones float up from where they happened; banners sit mid-screen.
        for flash in self.flashes:
            t = flash.age / flash.life
            alpha = round(255 * min(1.0, (1.0 - t) * 3.0))
            if flash.big:
                self.prompt(
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
                rise = round(30 * u * t + flash.lift * u)
                self.prompt(
                    surface,
                    flash.text,
                    round(22 * u),
                    (sx, sy - rise),
                    flash.color,
                    anchor="center",
                    alpha=alpha,
                )

    def _full_run_rows(self, world, u: float) -> list[tuple[str, int, tuple, int]]:
        """A full run's clock: the run's time (every attempt so far and this one) big, the
        mission's own time under it, the run's PB and the last mission split against it."""
        clock = self.full_run
        total = clock.base_ticks + world.run_ticks
        ticking = world.start_tick is not None and world.status == "running"
        # Dim while nothing ticks (before the first input, in the opening): as the level timer.
        rows = [
            (format_time(total), round(46 * u), palette.TEXT if ticking else palette.TEXT_DIM, 255)
        ]
        mission = f"mission {clock.mission}/{clock.count}   {format_time(world.run_ticks)}"
        rows.append((mission, round(24 * u), palette.TEXT if ticking else palette.TEXT_DIM, 255))
        if clock.last_split_delta is not None:
            delta = clock.last_split_delta
            label = f"split {clock.mission - 1}  {format_ticks(delta, sign=True)}"
            rows.append((label, round(24 * u), delta_color(delta, clock.last_split_gold), 255))
        if clock.pb_ticks is not None:
            rows.append(
                (f"run PB {format_time(clock.pb_ticks)}", round(21 * u), palette.TEXT_DIM, 255)
            )
        return rows

    def _draw_messages(self, surface, u: float) -> int:
        """The radio lines, newest at the bottom, on one plate; returns the plate's top (the
        screen's bottom when there is none)."""
        width, height = surface.get_size()
        size = round(28 * u)
        lines: list[tuple[str, int]] = []
        # Newest first, whole messages only (never the tail of a wrapped one), up to 4 lines.
        for message in reversed(self.messages):
            alpha = round(255 * min(1.0, (message.life - message.age) * 2.0, message.age * 6.0))
            said = _said_on_radio(self.names, message.who, message.text)
            wrapped = [(line, alpha) for line in text.wrap(said, size, width * MESSAGE_WIDTH)]
            if lines and len(lines) + len(wrapped) > MESSAGE_LINES:
                break
            lines = wrapped + lines
        if not lines:
            return height
        step = round(30 * u)
        bottom = height - round(64 * u)
        widest = max(text.render(line, size).get_width() for line, _ in lines)
        plate = pygame.Rect(0, 0, widest + round(36 * u), step * len(lines) + round(14 * u))
        plate.midbottom = (width // 2, bottom + round(8 * u))
        self.plate(surface, plate, u, max(alpha for _, alpha in lines))
        y = bottom
        for line, alpha in reversed(lines):
            self.line(surface, line, size, (width / 2, y), palette.TEXT, "midbottom", alpha)
            y -= step
        return plate.top

    def _draw_top_left_plate(
        self, surface, name: str, label: str, pad: int, u: float
    ) -> pygame.Rect:
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
            plate.fill((0, 0, 0, 0))
            pygame.draw.rect(
                plate,
                (*PLATE, PLATE_ALPHA),
                plate.get_rect(),
                border_bottom_right_radius=round(14 * u),
            )
            self._corner_plates = {key: plate}  # one size at a time: labels change rarely
        surface.blit(plate, (0, 0))
        return plate.get_rect()

    def _draw_column(self, surface, rows, top: int, u: float) -> pygame.Rect:
        """Lines centred at the top (the timer and what goes under it) on one plate."""
        width = surface.get_width()
        images = [text.render(line, size, color) for line, size, color, _ in rows]
        plate = pygame.Rect(0, 0, max(i.get_width() for i in images) + round(36 * u), 0)
        plate.height = sum(i.get_height() for i in images) + round(10 * u)
        plate.midtop = (width // 2, top - round(4 * u))
        self.plate(surface, plate, u)
        y = top
        for line, size, color, alpha in rows:
            rect = self.line(surface, line, size, (width / 2, y), color, "midtop", alpha)
            y = rect.bottom
        return plate

    def _controls_row(self, pairs: list[tuple[str, str]], size: int) -> pygame.Surface:
        """(binding, meaning) pairs on one line, each binding in the rail's yellow."""
        key = (tuple(pairs), size)
        row = self._rows.get(key)
        if row is None:
            gap = text.render("   ", size).get_width()
            parts = []
            for index, (binding, meaning) in enumerate(pairs):
                parts.append(text.render(binding, size, palette.RAIL))
                parts.append(text.render(f" {meaning}", size, palette.TEXT))
                if index < len(pairs) - 1:
                    parts.append(gap)
            width = sum(p if isinstance(p, int) else p.get_width() for p in parts)
            height = max(p.get_height() for p in parts if not isinstance(p, int))
            row = pygame.Surface((width, height), pygame.SRCALPHA)
            row.fill((0, 0, 0, 0))
            x = 0
            for part in parts:
                if isinstance(part, int):
                    x += part
                    continue
                row.blit(part, (x, 0))
                x += part.get_width()
            if len(self._rows) > 16:
                self._rows.clear()
            self._rows[key] = row
        return row

    def _blit_row(
        self, surface, row: pygame.Surface, rect: pygame.Rect, alpha: int, said: str
    ) -> None:
        if alpha < 255:
            row.set_alpha(alpha)
            surface.blit(row, rect)
            row.set_alpha(255)
        else:
            surface.blit(row, rect)
        # Measured as its dimmest colour: the meanings' white reads better than the yellow.
        self.drawn.append(DrawnText(rect, palette.RAIL, alpha, said))

    def _draw_craft_strip(self, surface, topleft, u: float) -> pygame.Rect:
        """A craft's controls, small, for the whole flight: W/A/S/D/Q/E mean other things in
        the Soyuz than in a suit."""
        pairs = self.names.craft_controls()
        row = self._controls_row(pairs, round(20 * u))
        rect = row.get_rect(topleft=(topleft[0] + round(10 * u), topleft[1] + round(6 * u)))
        plate = rect.inflate(round(20 * u), round(12 * u))
        self.plate(surface, plate, u)
        self._blit_row(surface, row, rect, 255, _said(pairs))
        return plate

    def _draw_intro(
        self,
        surface,
        world,
        u: float,
        keep_out: pygame.Rect | None,
        top_clear: int,
        bottom_clear: int,
    ) -> None:
        """The level's name, its description, a craft's controls and the first objective, on
        a card placed above or below the astronaut, never over it."""
        width, height = surface.get_size()
        alpha = round(255 * min(1.0, self.intro) ** 1.5)
        info = world.level.info
        names = self.names
        rows: list = [(info.name, round(52 * u), palette.TEXT)]
        if info.description:
            rows += [
                (line, round(26 * u), palette.TEXT_DIM)
                for line in text.wrap(names.fill(info.description), round(26 * u), width * 0.62)[:3]
            ]
        if world.level.player.mode == "craft":
            pairs = names.craft_controls()
            size = round(24 * u)
            rows.append((CRAFT_HEADING, round(22 * u), palette.TEXT_DIM))
            rows += [(self._controls_row(p, size), _said(p)) for p in (pairs[:2], pairs[2:])]
        objective = world.current_objective
        if objective is not None:
            rows.append((names.fill(objective.label), round(30 * u), palette.OBJECTIVE))
        rendered = [row[0] if len(row) == 2 else text.render(*row) for row in rows]
        gap = round(6 * u)
        card_w = max(r.get_width() for r in rendered) + round(56 * u)
        card_h = sum(r.get_height() for r in rendered) + gap * (len(rows) + 1) + round(36 * u)
        if world.level.player.mode == "craft":
            card_h += gap  # before the controls' heading
        card = pygame.Rect(0, 0, card_w, card_h)
        card.center = (width // 2, round(height * 0.62))
        card = _clear_of(card, keep_out, top_clear + gap, bottom_clear - gap)
        self.card_rect = card
        if self._card is None or self._card.get_size() != card.size:
            self._card = pygame.Surface(card.size, pygame.SRCALPHA)
            self._card.fill((0, 0, 0, 0))
            radius = round(12 * u)
            pygame.draw.rect(
                self._card, (*PLATE, PLATE_ALPHA), self._card.get_rect(), border_radius=radius
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
        for index, (row, image) in enumerate(zip(rows, rendered, strict=True)):
            if index == len(rendered) - 1 and objective is not None:
                y += gap * 2
            if row[0] == CRAFT_HEADING:
                y += gap
            rect = image.get_rect(midtop=(card.centerx, y))
            if len(row) == 2:
                self._blit_row(surface, image, rect, alpha, row[1])
            else:
                self.line(surface, row[0], row[1], rect.topleft, row[2], "topleft", alpha)
            y += image.get_height() + gap

    def _bar(
        self,
        surface,
        x,
        y,
        w,
        h,
        fraction,
        color,
        label: str,
        u: float,
        warn: bool = True,
        losses=(),
    ) -> None:
        """A bar with its label above it; `losses` are (share of the bar, opacity) chunks just
        lost, marked in red after what is left."""
        fraction = max(0.0, min(1.0, fraction))
        low = warn and fraction < LOW_FRACTION
        fill_color = palette.BAD if low else color
        if label:
            self.line(
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
        start = fraction
        for share, alpha in losses:
            end = min(1.0, start + share)
            left, right = x + round(w * start), x + round(w * end)
            if right > left and alpha > 0:
                chunk = pygame.Surface((right - left, h), pygame.SRCALPHA)
                chunk.fill((*palette.BAD, alpha))
                surface.blit(chunk, (left, y))
            start = end
        pygame.draw.rect(surface, palette.TEXT_DIM, back, max(1, round(u)), border_radius=h // 2)


def _said_on_radio(names: ControlNames, who: str, said: str) -> str:
    said = names.fill(said)
    return f"{who}: {said}" if who else said


def _said(pairs: list[tuple[str, str]]) -> str:
    return "   ".join(f"{binding} {meaning}" for binding, meaning in pairs)


def _clear_of(card: pygame.Rect, keep_out: pygame.Rect | None, top: int, bottom: int):
    """The card moved (up or down) so that it does not cover `keep_out` (the astronaut and its
    prompt): below it if it fits above the radio lines, else above it below the top of the
    HUD, else on the side with more room."""
    if keep_out is None:
        return card
    if not card.colliderect(keep_out) and card.top >= top and card.bottom <= bottom:
        return card
    below = card.copy()
    below.top = keep_out.bottom
    if below.bottom <= bottom:
        return below
    above = card.copy()
    above.bottom = keep_out.top
    if above.top >= top:
        return above
    # Neither fits whole: the side with more room, kept on screen.
    if bottom - keep_out.bottom >= keep_out.top - top:
        below.bottom = min(below.bottom, bottom)
        return below
    above.top = max(above.top, top)
    return above
