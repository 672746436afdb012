"""The war on Earth below: explosions that spread across the visible Earth as the level goes on.

Strikes are laid out once from a seeded `random.Random` (never the clock): a few first targets,
then each new strike near an earlier one, or now and then somewhere new, coming faster and
faster. Level time (`world.tick`) alone decides what is shown, so a tick always draws the same
pixels. Each strike is
  - a flash: a small bright pop (white, then yellow), a fraction of a second;
  - a fire: an orange glow under a rising smoke puff, fading over a few seconds;
  - a scar: a dark smudge with a dull ember, baked into the cached backdrop for good.

Reduced flashing (the settings' option) dims every flash: no white pops, an orange glow that
swells in and fades out slowly, at a fraction of the brightness. `set_reduced_flashing` sets it
for every view that does not choose for itself; `EarthWar(reduced_flashing=...)` chooses."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import pygame

from game.render.art.paint import mix

TICK_RATE = 120
SEED = 2024

FIRST_STRIKE_S = 1.2
FIRST_GAP_S = 2.2  # between strikes at the start...
LAST_GAP_S = 0.45  # ...shrinking towards this as the war spreads
ESCALATION_S = 150.0  # time over which the gap shrinks
FLASH_S = 0.28
FIRE_S = 6.0
STRIKE_PX = 15.0  # radius of a fire close up, in 720ths of the window's height
REDUCED_FLASH_S = 0.9  # the swell of a flash with reduced flashing
REDUCED_PEAK = 0.3  # and its brightness, as a share of the full flash
FIRE_ALPHA = 230  # how solid a fire's glow is over the ground
REDUCED_FIRE_ALPHA = 150
LEVELS = 10  # brightness steps cached per glow sprite

FLASH_WHITE = (255, 250, 236)
FLASH_YELLOW = (255, 214, 120)
FIRE = (255, 120, 40)
EMBER = (190, 60, 24)
SMOKE = (52, 46, 44)
SCAR = (46, 38, 36)

_reduced_flashing = False
# Glows and smudges are cached by size: a flash or a fire grows a little every frame, and a
# new size of a flash's glow (up to 24 rings, hundreds of pixels across) had cost 1-2 ms a
# frame while a level's big strike flashed. Past EXACT_PX, sizes go in steps of SIZE_STEP
# (5%: a few pixels of a soft edge), so growing patches reuse a handful of sizes.
EXACT_PX = 12
SIZE_STEP = 1.05
FINE_PX = 64
BIG_STEP = 1.1


def _size_step(r: float) -> int:
    """A glow's or smudge's radius in pixels: exact when small, else on a 5% grid (10% past
    FINE_PX: a big flash's glow grows by more than 5% a frame and had made a new one each)."""
    if r <= EXACT_PX:
        return max(1, round(r))
    if r <= FINE_PX:
        return round(EXACT_PX * SIZE_STEP ** round(math.log(r / EXACT_PX, SIZE_STEP)))
    return round(FINE_PX * BIG_STEP ** round(math.log(r / FINE_PX, BIG_STEP)))


def set_reduced_flashing(on: bool) -> None:
    """The game-wide setting: every EarthWar that was not told otherwise follows it."""
    global _reduced_flashing
    _reduced_flashing = bool(on)


def reduced_flashing() -> bool:
    return _reduced_flashing


@dataclass(frozen=True)
class Strike:
    tick: int  # level tick of the flash
    u: float  # across the Earth, 0 (left) to 1 (right) of the backdrop
    depth: float  # from the horizon (0) down to the bottom of the backdrop (1)
    size: float  # relative size, about 0.6 to 1.6 (a level's flash: up to 3)
    strength: float = 1.0  # brightness of its flash, 0..1


@dataclass(frozen=True)
class EarthGeometry:
    """Where Earth is in the cached backdrop surface (its pixels)."""

    width: int
    height: int
    cx: float
    cy: float
    radius: float
    unit: float  # pixels per 720th of the window height

    def horizon(self, x: float) -> float:
        dx = x - self.cx
        return self.cy - math.sqrt(max(0.0, self.radius * self.radius - dx * dx))


class EarthWar:
    def __init__(self, seed: int = SEED, reduced_flashing: bool | None = None):
        self.seed = seed
        self._reduced = reduced_flashing
        self._rng = random.Random(seed)
        self.strikes: list[Strike] = []
        self.triggered: list[Strike] = []  # flashes a level's triggers asked for, in order
        self._baked_triggered = 0
        self._last_gap = FIRST_GAP_S
        self.geometry: EarthGeometry | None = None
        self._baked = 0  # strikes baked into the backdrop so far
        self._baked_tick = -1
        self._glows: dict[tuple, pygame.Surface] = {}
        self._falloffs: dict[tuple[int, int], pygame.Surface] = {}
        self._smudges: dict[tuple, pygame.Surface] = {}

    # -- settings -------------------------------------------------------------------------------

    @property
    def reduced_flashing(self) -> bool:
        return _reduced_flashing if self._reduced is None else self._reduced

    @reduced_flashing.setter
    def reduced_flashing(self, on: bool | None) -> None:
        """True or False for this view alone; None follows the game-wide setting."""
        self._reduced = None if on is None else bool(on)

    # -- the plan of the war --------------------------------------------------------------------

    def strikes_until(self, tick: int) -> list[Strike]:
        """Every strike up to `tick` (the list grows as needed; always the same list)."""
        rng = self._rng
        strikes = self.strikes
        while not strikes or strikes[-1].tick <= tick:
            k = len(strikes)
            if k == 0:
                t = FIRST_STRIKE_S
            else:
                t = strikes[-1].tick / TICK_RATE
                progress = min(1.0, t / ESCALATION_S)
                gap = FIRST_GAP_S + (LAST_GAP_S - FIRST_GAP_S) * progress**0.7
                t += gap * rng.uniform(0.55, 1.45)
            if k < 2 or rng.random() < 0.14:
                u, depth = rng.uniform(0.08, 0.92), rng.uniform(0.1, 0.8)
            else:
                parent = strikes[max(0, k - 14) + rng.randrange(min(k, 14))]
                reach = 0.03 + 0.1 * rng.random()
                angle = rng.uniform(0, math.tau)
                u = min(0.98, max(0.02, parent.u + math.cos(angle) * reach))
                depth = min(1.0, max(0.04, parent.depth + math.sin(angle) * reach * 2.2))
            strikes.append(Strike(round(t * TICK_RATE), u, depth, rng.uniform(0.6, 1.6)))
        return strikes

    def trigger(self, tick: int, strength: float = 1.0) -> Strike:
        """A strike a level's trigger asks for (`do = "flash"`): big, well in view, its
        place fixed by the tick it happens on."""
        strength = max(0.0, min(1.0, strength))
        rng = random.Random(self.seed * 100_003 + tick)
        strike = Strike(
            tick, rng.uniform(0.3, 0.7), rng.uniform(0.15, 0.5), 1.3 + 1.7 * strength, strength
        )
        # Kept in tick order; a restart's earlier ticks replace what a previous run left.
        self.triggered = [t for t in self.triggered if t.tick <= tick] + [strike]
        return strike

    # -- where strikes are ------------------------------------------------------------------------

    def layout(self, geometry: EarthGeometry) -> None:
        """Earth's place in a (re)built backdrop: baked scars start again from none."""
        self.geometry = geometry
        self._baked = 0
        self._baked_tick = -1
        self._glows.clear()
        self._falloffs.clear()
        self._smudges.clear()

    def _place(self, strike: Strike) -> tuple[float, float, float, float]:
        """(x, y, radius x, radius y) in backdrop pixels: foreshortened near the horizon."""
        g = self.geometry
        assert g is not None
        x = strike.u * g.width
        top = g.horizon(x) + 3 * g.unit
        y = top + strike.depth * max(0.0, g.height - top)
        near = max(0.0, min(1.0, (y - top) / max(1.0, g.height - top)))
        r = g.unit * STRIKE_PX * strike.size * (0.5 + 0.7 * near)
        return x, y, r, r * (0.3 + 0.55 * near)

    # -- drawing --------------------------------------------------------------------------------

    def bake(self, surface: pygame.Surface, pristine: pygame.Surface, tick: int) -> None:
        """Scars of every strike whose fire is out by `tick`, into the cached backdrop. Baked
        in strike order, so a tick gives the same backdrop whatever frames came before; an
        earlier tick (a restart) starts again from the pristine backdrop."""
        if self.geometry is None:
            return
        if tick < self._baked_tick:
            surface.blit(pristine, (0, 0))
            self._baked = 0
            self._baked_triggered = 0
            self.triggered = [t for t in self.triggered if t.tick <= tick]
        self._baked_tick = tick
        fire_ticks = round(FIRE_S * TICK_RATE)
        strikes = self.strikes_until(tick)
        triggered = self.triggered
        # Both lists in the order their fires go out (the war's strikes first on a tie).
        while True:
            a = strikes[self._baked] if self._baked < len(strikes) else None
            b = triggered[self._baked_triggered] if self._baked_triggered < len(triggered) else None
            a_done = a is not None and a.tick + fire_ticks <= tick
            b_done = b is not None and b.tick + fire_ticks <= tick
            if a_done and (not b_done or a.tick <= b.tick):
                self._scar(surface, a)
                self._baked += 1
            elif b_done:
                self._scar(surface, b)
                self._baked_triggered += 1
            else:
                break

    def _scar(self, surface: pygame.Surface, strike: Strike) -> None:
        """What a strike leaves: a smoke-dark smudge round a dull red ember."""
        x, y, rx, ry = self._place(strike)
        self._blend(surface, x, y - ry * 0.25, rx * 1.7, ry * 1.9, SCAR, 190)
        self._blend(surface, x, y, rx * 0.75, ry * 0.75, EMBER, 200)
        self._add(surface, x, y, rx * 0.35, ry * 0.35, FIRE, 0.45)

    def draw(self, target: pygame.Surface, offset: tuple[int, int], tick: int) -> None:
        """The flashes and fires burning at `tick`, on `target` where backdrop pixel (x, y)
        shows at (x - offset x, y - offset y)."""
        if self.geometry is None:
            return
        ox, oy = offset
        reduced = self.reduced_flashing
        flash_ticks = (REDUCED_FLASH_S if reduced else FLASH_S) * TICK_RATE
        fire_ticks = FIRE_S * TICK_RATE
        strikes = self.strikes_until(tick)
        first = self._baked if self._baked_tick == tick else 0
        width, height = target.get_size()
        burning = strikes[first:]
        if self.triggered:
            burning = sorted(burning + self.triggered, key=lambda strike: strike.tick)
        for strike in burning:
            age = tick - strike.tick
            if age < 0:
                break
            if age >= fire_ticks:
                continue
            x, y, rx, ry = self._place(strike)
            x -= ox
            y -= oy
            if x + rx * 3 < 0 or x - rx * 3 > width or y + ry * 3 < 0 or y - ry * 3 > height:
                continue
            # The fire: swells in, then dies down over FIRE_S into its scar, under smoke that
            # thickens, rises and spreads.
            t = age / fire_ticks
            swell = min(1.0, age / (flash_ticks * 0.6))
            smoke = round(190 * swell * min(1.0, 0.2 + 2.5 * t))
            self._blend(
                target, x, y - ry * 0.25 * t, rx * (1 + 0.7 * t), ry * (1 + 0.9 * t), SMOKE, smoke
            )
            fire = mix(FIRE, EMBER, t)
            glow = REDUCED_FIRE_ALPHA if reduced else FIRE_ALPHA
            self._blend(
                target,
                x,
                y,
                rx * (0.9 - 0.15 * t),
                ry * (0.9 - 0.15 * t),
                fire,
                round(glow * swell),
            )
            core = swell * (1.0 - t) ** 1.2 * (0.2 if reduced else 0.55)
            self._add(target, x, y, rx * 0.5, ry * 0.5, FIRE if reduced else FLASH_YELLOW, core)
            # The flash.
            if age < flash_ticks:
                f = age / flash_ticks
                if reduced:
                    # A slow swell and fall, never white, a third of the brightness.
                    level = REDUCED_PEAK * strike.strength * math.sin(math.pi * f)
                    self._add(target, x, y, rx * 1.5, ry * 1.5, FIRE, level)
                else:
                    level = strike.strength * (1.0 - f) ** 1.6
                    color = mix(FLASH_WHITE, FLASH_YELLOW, f * 1.5)
                    grow = 0.8 + 1.4 * math.sqrt(f)
                    self._add(
                        target, x, y, rx * grow * 2.6, ry * grow * 2.6, FLASH_YELLOW, level * 0.8
                    )
                    self._add(target, x, y, rx * 1.1, ry * 1.1, color, level)

    def _blend(self, target, x, y, rx, ry, color, alpha: int) -> None:
        """A soft patch of colour laid over what is there (smoke, fire, a scar)."""
        if alpha <= 8:
            return
        patch = self._smudge(_size_step(rx), _size_step(ry), color, alpha)
        target.blit(patch, (round(x - patch.get_width() / 2), round(y - patch.get_height() / 2)))

    def _add(self, target, x, y, rx, ry, color, level: float) -> None:
        step = round(max(0.0, min(1.0, level)) * LEVELS)
        if step <= 0:
            return
        glow = self._glow(_size_step(rx), _size_step(ry), color, step)
        target.blit(
            glow,
            (round(x - glow.get_width() / 2), round(y - glow.get_height() / 2)),
            special_flags=pygame.BLEND_RGB_ADD,
        )

    def _glow(self, rx: int, ry: int, color, step: int) -> pygame.Surface:
        """Light to add: `color` at step/LEVELS brightness in the middle, falling to black."""
        key = (rx, ry, color, step)
        found = self._glows.get(key)
        if found is None:
            if len(self._glows) > 1500:
                self._glows.clear()
            # The falloff in white, tinted: a copy and a multiply instead of 24 ellipses.
            level = step / LEVELS
            found = self._falloff(rx, ry).copy()
            found.fill(tuple(round(v * level) for v in color), special_flags=pygame.BLEND_RGB_MULT)
            self._glows[key] = found
        return found

    def _falloff(self, rx: int, ry: int) -> pygame.Surface:
        """A glow's shape: white in the middle, falling to black at (rx, ry)."""
        found = self._falloffs.get((rx, ry))
        if found is None:
            if len(self._falloffs) > 300:
                self._falloffs.clear()
            found = pygame.Surface((rx * 2 + 2, ry * 2 + 2))
            found.fill((0, 0, 0))
            rings = max(2, min(rx, 24))
            for k in range(rings, 0, -1):
                t = k / rings
                light = round(255 * (1.0 - t) ** 1.8) if k < rings else 0
                rect = pygame.Rect(0, 0, max(1, round(rx * 2 * t)), max(1, round(ry * 2 * t)))
                rect.center = (rx + 1, ry + 1)
                pygame.draw.ellipse(found, (light, light, light), rect)
            self._falloffs[(rx, ry)] = found
        return found

    def _smudge(self, rx: int, ry: int, color, alpha: int) -> pygame.Surface:
        """A soft dark patch (smoke, a scar), alpha-blended."""
        alpha = max(0, min(255, alpha)) // 16 * 16
        key = (max(1, rx), max(1, ry), color, alpha)
        found = self._smudges.get(key)
        if found is None:
            if len(self._smudges) > 1500:
                self._smudges.clear()
            rx, ry = key[0], key[1]
            found = pygame.Surface((rx * 2 + 2, ry * 2 + 2), pygame.SRCALPHA)
            rings = max(2, min(rx, 10))
            for k in range(rings, 0, -1):
                t = k / rings
                a = round(alpha * (1.0 - t) ** 1.2) if k < rings else 0
                rect = pygame.Rect(0, 0, max(1, round(rx * 2 * t)), max(1, round(ry * 2 * t)))
                rect.center = (rx + 1, ry + 1)
                pygame.draw.ellipse(found, (*color, a), rect)
            self._smudges[key] = found
        return found
