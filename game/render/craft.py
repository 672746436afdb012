"""The player's craft (`[player] mode = "craft"`): the Soyuz, its length along the body's
angle (the nose), with the main engine's flame behind it when the thrust points forward and
small RCS puffs for braking, sliding sideways and turning.

What the jets do is read from the craft's `thrust_vector` (this tick's thrust as a share of
the main engine's, in world axes) and, for turning, from the change of its spin between
ticks. Sprites are cached: the hull per size and zoom, its rotations per degree (a few kept),
the flame per length step."""

from __future__ import annotations

import math
import weakref
from collections import OrderedDict

import pygame

from game.render.art import colors as C
from game.render.art.paint import Frame, Pen, soft_disc
from game.render.art.soyuz import paint_soyuz

SUPERSAMPLE = 3
ROTATIONS_KEPT = 48
FLAME_STEPS = 8  # flame lengths cached per sprite size
TURN_SHOW_TICKS = 10  # an RCS turn puff stays this long after the spin last changed

_hulls: dict[tuple, pygame.Surface] = {}
_rotated: OrderedDict[tuple, pygame.Surface] = OrderedDict()
_flames: dict[tuple, pygame.Surface] = {}
_puffs: dict[int, pygame.Surface] = {}
_spin_seen: dict = {}  # the world last drawn (a weak reference) and what its spin was


def craft_sprite(craft_size, scale: float) -> pygame.Surface:
    """The Soyuz at angle 0 (nose towards +x), scaled to the screen."""
    length, width = craft_size
    key = (round(length, 3), round(width, 3), round(scale, 3))
    found = _hulls.get(key)
    if found is not None:
        return found
    if len(_hulls) > 8:
        _hulls.clear()
        _rotated.clear()
    s = scale * SUPERSAMPLE
    w = math.ceil(length * s / SUPERSAMPLE + 4) * SUPERSAMPLE
    h = math.ceil(width * s / SUPERSAMPLE + 4) * SUPERSAMPLE
    surf = pygame.Surface((w, h), pygame.SRCALPHA)
    paint_soyuz(Pen(surf, s, -w / 2, -h / 2), Frame((0.0, 0.0), (1.0, 0.0)), length, width)
    sprite = pygame.transform.smoothscale(surf, (w // SUPERSAMPLE, h // SUPERSAMPLE))
    if pygame.display.get_surface() is not None:
        sprite = sprite.convert_alpha()
    _hulls[key] = sprite
    return sprite


def _rotated_hull(base: pygame.Surface, key: tuple, degrees: int) -> pygame.Surface:
    rkey = (key, degrees)
    found = _rotated.get(rkey)
    if found is None:
        found = pygame.transform.rotozoom(base, degrees, 1.0)
        _rotated[rkey] = found
        if len(_rotated) > ROTATIONS_KEPT:
            _rotated.popitem(last=False)
    else:
        _rotated.move_to_end(rkey)
    return found


def flame_sprite(length_px: int, width_px: int, variant: int = 0) -> pygame.Surface:
    """The engine's plume at angle 0, from the sprite's right edge (the nozzle) out to -x;
    black where there is no flame (it is added to the screen, so black adds nothing)."""
    key = (length_px, width_px, variant)
    found = _flames.get(key)
    if found is not None:
        return found
    if len(_flames) > 96:
        _flames.clear()
    ss = 2
    w, h = max(4, length_px) * ss, max(4, width_px) * ss
    surf = pygame.Surface((w, h))
    surf.fill((0, 0, 0))
    wobble = (0.0, 0.06, -0.05)[variant % 3]
    layers = (
        (1.0, 1.0, (150, 50, 20)),
        (0.85, 0.82, C.FLAME_OUTER),
        (0.62, 0.62, C.FLAME_MID),
        (0.4, 0.42, (255, 230, 160)),
        (0.22, 0.26, C.FLAME_CORE),
    )
    for reach, thick, color in layers:
        reach = min(1.0, reach * (1.0 + wobble))
        tip = w * (1 - reach)
        half = h / 2 * thick
        belly = w - (w - tip) * 0.28
        pygame.draw.polygon(
            surf,
            color,
            [
                (w, h / 2 - half * 0.8),
                (belly, h / 2 - half),
                (tip + (w - tip) * 0.08, h / 2 - half * 0.2),
                (tip, h / 2),
                (tip + (w - tip) * 0.08, h / 2 + half * 0.2),
                (belly, h / 2 + half),
                (w, h / 2 + half * 0.8),
            ],
        )
    # Soften: down to a quarter and back up blurs the layers into each other.
    small = pygame.transform.smoothscale(surf, (max(1, w // 6), max(1, h // 6)))
    surf = pygame.transform.smoothscale(small, (w // ss, h // ss))
    _flames[key] = surf
    return surf


def _engine_glow(radius_px: int) -> pygame.Surface:
    """Light added round the nozzle: warm, falling to black."""
    key = ("glow", radius_px)
    found = _flames.get(key)
    if found is None:
        size = radius_px * 2 + 2
        found = pygame.Surface((size, size))
        found.fill((0, 0, 0))
        rings = max(2, min(radius_px, 16))
        for k in range(rings, 0, -1):
            t = k / rings
            light = 0.7 * (1.0 - t) ** 2 if k < rings else 0.0
            color = tuple(round(c * light) for c in C.FLAME_MID)
            pygame.draw.circle(found, color, (size / 2, size / 2), max(1.0, radius_px * t))
        _flames[key] = found
    return found


def _puff(radius_px: int) -> pygame.Surface:
    found = _puffs.get(radius_px)
    if found is None:
        found = _puffs[radius_px] = soft_disc(radius_px, C.RCS_PUFF, 230, 1.3)
    return found


def draw_craft(surface: pygame.Surface, camera, world, pose, time: float) -> None:
    """Draw the player's craft at its pose, with its jets firing as the sim says."""
    craft = world.astronaut
    length, width = craft.spec.craft_size
    x, y, angle = pose
    scale = camera.scale
    sx, sy = camera.to_screen(x, y)
    nx, ny = math.cos(angle), math.sin(angle)
    tx, ty = getattr(craft, "thrust_vector", (0.0, 0.0))
    forward = tx * nx + ty * ny
    running = world.status == "running"

    if running and forward > 0.05:  # main engine: the flame comes out of the back
        _draw_flame(surface, camera, (x, y), (nx, ny), length, width, forward, time)

    base = craft_sprite((length, width), scale)
    key = (round(length, 3), round(width, 3), round(scale, 3))
    degrees = round(math.degrees(angle)) % 360
    sprite = _rotated_hull(base, key, degrees)
    surface.blit(sprite, (round(sx - sprite.get_width() / 2), round(sy - sprite.get_height() / 2)))

    if not running:
        return
    puffs: list[tuple[float, float, float, float]] = []  # x, y (m), direction of the gas
    lx, ly = -ny, nx  # the craft's left
    side = tx * lx + ty * ly
    body = width / 2 * 0.62
    if forward < -0.01:  # braking: jets at the nose blow forwards
        for s in (-1, 1):
            px = x + nx * length * 0.42 + lx * body * 0.7 * s
            py = y + ny * length * 0.42 + ly * body * 0.7 * s
            puffs.append((px, py, nx, ny))
    if abs(side) > 0.01:  # sliding sideways: the jets on the far side blow away from it
        d = -1.0 if side > 0 else 1.0
        for along in (0.32, -0.2):
            px = x + nx * length * along + lx * body * d
            py = y + ny * length * along + ly * body * d
            puffs.append((px, py, lx * d, ly * d))
    turn = _turn_sign(world, craft)
    if turn:  # turning: nose and tail jets blow to opposite sides
        for along, d in ((0.4, -turn), (-0.3, turn)):
            px = x + nx * length * along + lx * body * d
            py = y + ny * length * along + ly * body * d
            puffs.append((px, py, lx * d, ly * d))
    if puffs:
        r = max(3, round(0.22 * scale))
        flicker = 0.85 + 0.15 * math.sin(time * 47.0)
        for px, py, dx, dy in puffs:
            for k, (reach, size) in enumerate(((0.18, 1.0), (0.45, 0.75))):
                puff = _puff(max(2, round(r * size * flicker)))
                cx, cy = camera.to_screen(px + dx * reach, py + dy * reach)
                if k:
                    puff.set_alpha(150)
                surface.blit(
                    puff, (round(cx - puff.get_width() / 2), round(cy - puff.get_height() / 2))
                )
                puff.set_alpha(255)


def _draw_flame(surface, camera, centre, nose, length, width, forward, time) -> None:
    x, y = centre
    nx, ny = nose
    scale = camera.scale
    # Flicker from the clock of the frame: the flame is decoration, never state.
    flicker = 0.88 + 0.08 * math.sin(time * 53.0) + 0.04 * math.sin(time * 97.0)
    level = max(1, min(FLAME_STEPS, round(forward * FLAME_STEPS)))
    flame_len = length * (0.22 + 0.38 * level / FLAME_STEPS) * flicker
    flame_w = width * 0.62 / 2 * 0.9 * 2 * (0.8 + 0.2 * flicker)
    variant = int(time * 24.0) % 3
    sprite = flame_sprite(round(flame_len * scale), max(2, round(flame_w * scale)), variant)
    turned = pygame.transform.rotate(sprite, math.degrees(math.atan2(ny, nx)))
    # The plume starts at the nozzle, half a plume behind the tail.
    tail = length / 2 - length * 0.01
    cx = x - nx * (tail + flame_len / 2)
    cy = y - ny * (tail + flame_len / 2)
    sx, sy = camera.to_screen(cx, cy)
    surface.blit(
        turned,
        (round(sx - turned.get_width() / 2), round(sy - turned.get_height() / 2)),
        special_flags=pygame.BLEND_RGB_ADD,
    )
    glow = _engine_glow(max(4, round(width * 0.4 * scale)))
    gx, gy = camera.to_screen(x - nx * tail, y - ny * tail)
    surface.blit(
        glow,
        (round(gx - glow.get_width() / 2), round(gy - glow.get_height() / 2)),
        special_flags=pygame.BLEND_RGB_ADD,
    )


def _turn_sign(world, craft) -> int:
    """+1 while the RCS is turning the craft counter-clockwise, -1 clockwise, else 0: seen
    as a change of spin from one tick to the next."""
    omega = craft.body.angular_velocity
    tick = world.tick
    seen = _spin_seen.get("state")
    if seen is None or _spin_seen.get("world")() is not world or tick < seen[0]:
        _spin_seen["world"] = weakref.ref(world)
        _spin_seen["state"] = (tick, omega, 0, -TURN_SHOW_TICKS)
        return 0
    last_tick, last_omega, sign, since = seen
    if tick != last_tick:
        change = omega - last_omega
        if abs(change) > 1e-5:
            sign, since = (1 if change > 0 else -1), tick
        _spin_seen["state"] = (tick, omega, sign, since)
    return sign if tick - since <= TURN_SHOW_TICKS else 0
