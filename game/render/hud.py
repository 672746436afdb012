"""The heads-up display: O2 and propellant, objective, run timer, level name, event flashes."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.render import palette, text
from game.render.camera import Camera
from game.sim import TICK_RATE
from game.sim.events import SimEvent

LOW_FRACTION = 0.2  # a bar turns red below this share


def format_time(ticks: int) -> str:
    """Ticks as m:ss.mmm, rounded down (a timer never shows a run faster than it was)."""
    ms_total = max(0, int(ticks)) * 1000 // TICK_RATE
    minutes, ms = divmod(ms_total, 60_000)
    seconds, ms = divmod(ms, 1000)
    return f"{minutes}:{seconds:02d}.{ms:03d}"


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


# Event kind -> (text template, colour, seconds, big banner?)
_FLASHES = {
    "grab": ("grab", palette.RAIL, 0.7, False),
    "push": ("push off", palette.AIM, 0.7, False),
    "pickup": ("got {text}", palette.TEXT, 1.0, False),
    "throw": ("throw", palette.WARN, 0.7, False),
    "objective": ("Objective complete", palette.GOOD, 2.2, True),
    "completed": ("Mission complete", palette.GOOD, 3.0, True),
}


class Hud:
    def __init__(self):
        self.flashes: list[Flash] = []

    def clear(self) -> None:
        self.flashes.clear()

    def feed(self, event: SimEvent, fail_messages: dict[str, str]) -> None:
        if event.kind == "impact":
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
        if event.kind == "failed":
            message = fail_messages.get(event.text, event.text or "Mission failed")
            self.flashes.append(Flash(message, palette.BAD, 0.0, 3.0, True))
            return
        spec = _FLASHES.get(event.kind)
        if spec is None:
            return
        template, color, life, big = spec
        message = template.format(text=event.text)
        if event.kind == "objective" and event.text:
            message = f"Objective complete: {event.text}"
        pos = None if big else (event.x, event.y)
        # One banner at a time: a newer one replaces an older one.
        if big:
            self.flashes = [f for f in self.flashes if not f.big]
        self.flashes.append(Flash(message, color, 0.0, life, big, pos))

    def update(self, dt: float) -> None:
        for flash in self.flashes:
            flash.age += dt
        self.flashes = [f for f in self.flashes if f.age < f.life]

    # -- drawing --------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, world, camera: Camera) -> None:
        width, height = surface.get_size()
        u = min(width / 1280, height / 720)
        pad = round(18 * u)
        level = world.level

        # Top left: level name, then the current objective.
        text.blit(surface, level.info.name.upper(), round(22 * u), (pad, pad), palette.TEXT_DIM)
        objective = world.current_objective
        if objective is not None:
            label = objective.label
            index = world.objectives.index(objective) + 1
            total = len(world.objectives)
            if total > 1:
                label = f"{label}  ({index}/{total})"
            text.blit(
                surface,
                "\u25b6 " + label,
                round(32 * u),
                (pad, pad + round(22 * u)),
                palette.OBJECTIVE,
            )

        # Top centre: the run timer, and splits under it.
        started = world.start_tick is not None
        timer_color = palette.TEXT if started else palette.TEXT_DIM
        rect = text.blit(
            surface,
            format_time(world.run_ticks),
            round(46 * u),
            (width / 2, pad - round(2 * u)),
            timer_color,
            anchor="midtop",
        )
        y = rect.bottom + round(2 * u)
        if not started and world.status == "running":
            text.blit(
                surface,
                "the clock starts when you move",
                round(20 * u),
                (width / 2, y),
                palette.TEXT_DIM,
                anchor="midtop",
            )
        for done, ticks in zip(
            (o for o in world.objectives if o.done), world.splits(), strict=False
        ):
            text.blit(
                surface,
                f"{done.label}  {format_time(ticks)}",
                round(20 * u),
                (width / 2, y),
                palette.GOOD,
                anchor="midtop",
            )
            y += round(20 * u)

        # Top right: O2 and propellant.
        bar_w, bar_h = round(220 * u), round(14 * u)
        x = width - pad - bar_w
        o2_full = level.player.o2_seconds
        o2 = max(0.0, world.o2)
        o2_text = f"O2  {int(o2) // 60}:{int(o2) % 60:02d}"
        _bar(
            surface,
            x,
            pad + round(18 * u),
            bar_w,
            bar_h,
            o2 / o2_full if o2_full else 0.0,
            palette.O2_BAR,
            o2_text,
            u,
        )
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

        # Flashes: small ones float up from where they happened; banners sit mid-screen.
        for flash in self.flashes:
            t = flash.age / flash.life
            alpha = round(255 * min(1.0, (1.0 - t) * 3.0))
            if flash.big:
                size = round(44 * u)
                rise = 0
                text.blit(
                    surface,
                    flash.text,
                    size,
                    (width / 2, height * 0.3 - rise),
                    flash.color,
                    anchor="center",
                    alpha=alpha,
                )
            elif flash.world_pos is not None:
                sx, sy = camera.to_screen(*flash.world_pos)
                rise = round(36 * u * t)
                text.blit(
                    surface,
                    flash.text,
                    round(22 * u),
                    (sx, sy - round(24 * u) - rise),
                    flash.color,
                    anchor="midbottom",
                    alpha=alpha,
                )


def _bar(surface, x, y, w, h, fraction, color, label: str, u: float) -> None:
    fraction = max(0.0, min(1.0, fraction))
    low = fraction < LOW_FRACTION
    fill_color = palette.BAD if low else color
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
