"""Draw one frame of a world: background, station, zones, bodies, astronaut, effects, HUD.

`poses` are the interpolated (x, y, angle) of `world.dynamic_bodies()`, in that order
(astronaut first); the view reads the world and never changes it."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pygame

from game.input import DEFAULT_KEYS, GRAB, MOVE_UP, THROW, key_label
from game.render import palette, text
from game.render.background import Background
from game.render.camera import Camera
from game.render.hud import Hud
from game.render.particles import Particles
from game.render.sprites import SpriteCache, astronaut_sprite, body_sprite, rotate_exact
from game.render.station import StationLayer
from game.sim import FAIL_MESSAGES
from game.sim.astronaut import AIM_DEADZONE
from game.sim.events import SimEvent

Pose = tuple[float, float, float]

PULSE_HZ = 0.9
SHAKE_DECAY_S = 0.25


class WorldView:
    def __init__(
        self, level, size: tuple[int, int], keys: Mapping[str, tuple[int, ...]] = DEFAULT_KEYS
    ):
        self.level = level
        self.keys = keys
        self.camera = Camera(size)
        self.background = Background(level.world.background, level.world.bounds)
        self.station = StationLayer(level)
        self.sprites = SpriteCache()
        self.particles = Particles()
        self.hud = Hud()
        self.time = 0.0
        self._zone_cache: dict[str, pygame.Surface] = {}
        self._zone_scale = 0.0
        self._astronaut_base: pygame.Surface | None = None
        self._astronaut_key: tuple | None = None
        self._snap = True
        self._shake = 0.0
        self._emit_carry = 0.0
        self.show_hud = True

    @property
    def size(self) -> tuple[int, int]:
        return self.camera.width, self.camera.height

    def resize(self, size: tuple[int, int]) -> None:
        self.camera.resize(size)

    def reset(self) -> None:
        """A new run of the level: snap the camera, clear effects and flashes."""
        self._snap = True
        self.particles.clear()
        self.hud.clear()
        self._shake = 0.0

    def feed(self, events: Sequence[SimEvent]) -> None:
        """Events of the ticks since the last frame (the world clears its list every tick)."""
        for event in events:
            self.hud.feed(event, FAIL_MESSAGES)
            if event.kind == "impact":
                self._shake = min(1.0, self._shake + event.value / 3.0)
                self.particles.burst(
                    event.x,
                    event.y,
                    8 + int(event.value * 6),
                    0.6 + event.value * 0.3,
                    0.45,
                    "dust",
                )
            elif event.kind in ("grab", "pickup"):
                self.particles.burst(event.x, event.y, 6, 0.5, 0.3, "spark")
            elif event.kind == "push":
                self.particles.burst(event.x, event.y, 10, 0.9, 0.35, "spark")

    # -- the frame ------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, world, poses: Sequence[Pose], dt: float) -> None:
        if surface.get_size() != self.size:
            self.resize(surface.get_size())
        self.time += dt
        astronaut = world.astronaut
        ax, ay, aangle = poses[0]
        objective_zone = self._objective_zone(world)
        lean = None
        if objective_zone is not None:
            x0, y0, x1, y1 = objective_zone.rect
            lean = ((x0 + x1) / 2, (y0 + y1) / 2)
        target = Camera.target_for((ax, ay), astronaut.body.velocity, lean)
        cam = self.camera
        if self._snap:
            cam.snap(target)
            self._snap = False
        else:
            cam.follow(target, dt)
        if self._shake > 0.0:
            amount = self._shake * 0.06 * cam.scale
            cam.offset_x += round(math.sin(self.time * 71.0) * amount)
            cam.offset_y += round(math.cos(self.time * 57.0) * amount)
            self._shake = max(0.0, self._shake - dt / SHAKE_DECAY_S)

        self.background.draw(surface, cam)
        self.station.draw(surface, cam)
        self._draw_zones(surface, world, objective_zone)
        self._draw_bodies(surface, world, poses)
        self._emit_thrust(world, poses[0], dt)
        self.particles.update(dt)
        self.particles.draw(surface, cam)
        self._draw_astronaut(surface, world, poses[0])
        if self.show_hud:
            self._draw_objective_pointer(surface, objective_zone)
            self.hud.update(dt)
            self.hud.draw(surface, world, cam)
            self._draw_hint(surface, world)

    # -- parts ----------------------------------------------------------------------------------

    def _objective_zone(self, world):
        objective = world.current_objective
        if objective is None or not objective.spec.zone:
            return None
        try:
            return world.level.zone(objective.spec.zone)
        except KeyError:
            return None

    def _zone_surface(self, zone, highlight: bool) -> pygame.Surface:
        cam = self.camera
        if cam.scale != self._zone_scale:
            self._zone_cache.clear()
            self._zone_scale = cam.scale
        key = f"{zone.id}:{highlight}"
        surf = self._zone_cache.get(key)
        if surf is None:
            x0, y0, x1, y1 = zone.rect
            w = max(2, round((x1 - x0) * cam.scale))
            h = max(2, round((y1 - y0) * cam.scale))
            color = palette.OBJECTIVE if highlight else palette.ZONE
            surf = pygame.Surface((w, h), pygame.SRCALPHA)
            surf.fill((*color, 46 if highlight else 22))
            line = max(2, round(cam.scale * 0.04))
            pygame.draw.rect(surf, (*color, 120), surf.get_rect(), max(1, line // 2))
            corner = round(min(w, h) * 0.25)
            for cx, cy, dx, dy in ((0, 0, 1, 1), (w, 0, -1, 1), (0, h, 1, -1), (w, h, -1, -1)):
                cx = min(cx, w - 1)
                cy = min(cy, h - 1)
                pygame.draw.line(surf, (*color, 255), (cx, cy), (cx + dx * corner, cy), line)
                pygame.draw.line(surf, (*color, 255), (cx, cy), (cx, cy + dy * corner), line)
            if pygame.display.get_surface() is not None:
                surf = surf.convert_alpha()
            self._zone_cache[key] = surf
        return surf

    def _draw_zones(self, surface, world, objective_zone) -> None:
        cam = self.camera
        u = cam.height / 720
        for zone in world.level.zones:
            x0, y0, x1, y1 = zone.rect
            sx, sy = cam.to_screen(x0, y1)
            highlight = zone is objective_zone
            surf = self._zone_surface(zone, highlight)
            if highlight:
                pulse = 0.5 + 0.5 * math.sin(self.time * math.tau * PULSE_HZ)
                surf.set_alpha(round(150 + 105 * pulse))
                surface.blit(surf, (round(sx), round(sy)))
                surf.set_alpha(None)
            else:
                surface.blit(surf, (round(sx), round(sy)))
            if zone.label:
                color = palette.OBJECTIVE if highlight else palette.ZONE
                cx = cam.to_screen((x0 + x1) / 2, y0)[0]
                text.blit(
                    surface,
                    zone.label,
                    round(24 * u),
                    (cx, sy + surf.get_height() / 2),
                    color,
                    anchor="center",
                )

    def _draw_bodies(self, surface, world, poses) -> None:
        cam = self.camera
        self.sprites.set_scale(cam.scale)
        scale = cam.scale
        blits = []
        for entity, (x, y, angle) in zip(world.entities, poses[1:], strict=False):
            spec = entity.spec
            extent = spec.radius if spec.shape == "circle" else max(spec.size)
            if not cam.visible(x, y, extent):
                continue
            key = f"{spec.shape}:{spec.size}:{spec.radius}:{spec.label or spec.id}"

            def make(spec=spec, key=key):
                return body_sprite(key, spec.shape, spec.size, spec.radius, scale)

            sprite = self.sprites.rotated(key, make, angle)
            sx, sy = cam.to_screen(x, y)
            blits.append(
                (sprite, (round(sx - sprite.get_width() / 2), round(sy - sprite.get_height() / 2)))
            )
        if blits:
            surface.fblits(blits)

    def _emit_thrust(self, world, pose: Pose, dt: float) -> None:
        astronaut = world.astronaut
        tx, ty = astronaut.thrust_vector
        strength = math.hypot(tx, ty)
        if strength <= 0.01 or world.status != "running":
            self._emit_carry = 0.0
            return
        ux, uy = tx / strength, ty / strength
        x, y, _ = pose
        vx, vy = astronaut.body.velocity
        eva = astronaut.spec.mode == "eva"
        self._emit_carry += dt * (110.0 if eva else 80.0) * min(1.0, strength)
        rng = self.particles.rng
        while self._emit_carry >= 1.0:
            self._emit_carry -= 1.0
            spread = rng.uniform(-0.25, 0.25)
            dx = -ux * math.cos(spread) + uy * math.sin(spread)
            dy = -uy * math.cos(spread) - ux * math.sin(spread)
            speed = rng.uniform(2.0, 3.4)
            r = astronaut.radius * 0.9
            self.particles.emit(
                x + dx * r,
                y + dy * r,
                vx + dx * speed,
                vy + dy * speed,
                rng.uniform(0.22, 0.38),
                "flame" if eva else "gas",
            )

    def _draw_astronaut(self, surface, world, pose: Pose) -> None:
        cam = self.camera
        astronaut = world.astronaut
        x, y, angle = pose
        sx, sy = cam.to_screen(x, y)
        u = cam.height / 720

        # Line to what is held: the rail point, or the carried body.
        hold = astronaut.hold
        if hold is not None:
            hx, hy = hold.point
            if hold.target.body_type == hold.target.DYNAMIC:
                hx, hy = hold.target.local_to_world(hold.joint.anchor_b)
            _thick_line(
                surface,
                palette.HOLD_LINE,
                (sx, sy),
                cam.to_screen(hx, hy),
                max(2, round(cam.scale * 0.05)),
            )
        if astronaut.carried is not None:
            cx, cy = astronaut.carried.position
            _thick_line(
                surface,
                palette.SUIT_SHADE,
                (sx, sy),
                cam.to_screen(cx, cy),
                max(2, round(cam.scale * 0.05)),
            )

        # The aim arrow while holding on, and where the push would carry the astronaut.
        if hold is not None:
            aim_x, aim_y = astronaut.aim
            strength = math.hypot(aim_x, aim_y)
            if strength >= AIM_DEADZONE:
                self._draw_aim(
                    surface, world, (x, y), (aim_x / strength, aim_y / strength), min(1.0, strength)
                )

        key = (cam.scale, astronaut.radius, astronaut.spec.mode)
        if self._astronaut_key != key:
            self._astronaut_base = astronaut_sprite(
                astronaut.radius, cam.scale, astronaut.spec.mode == "eva"
            )
            self._astronaut_key = key
        assert self._astronaut_base is not None
        sprite = rotate_exact(self._astronaut_base, angle)
        surface.blit(
            sprite, (round(sx - sprite.get_width() / 2), round(sy - sprite.get_height() / 2))
        )

        # What a hand could grab now.
        if hold is None and world.status == "running":
            reach = astronaut.reachable(world)
            if reach is not None:
                px, py = cam.to_screen(*reach.point)
                ring = max(4, round(cam.scale * 0.16))
                pulse = 0.5 + 0.5 * math.sin(self.time * math.tau * 1.6)
                pygame.draw.circle(
                    surface, palette.RAIL, (px, py), ring + round(2 * pulse), max(2, round(2 * u))
                )
                verb = "take" if reach.carryable else "grab"
                text.blit(
                    surface,
                    f"{key_label(GRAB, self.keys)}: {verb} {reach.label}",
                    round(24 * u),
                    (sx, sy - astronaut.radius * cam.scale - 8 * u),
                    palette.RAIL,
                    anchor="midbottom",
                )

    def _draw_aim(self, surface, world, origin, direction, strength: float) -> None:
        cam = self.camera
        astronaut = world.astronaut
        ox, oy = origin
        dx, dy = direction
        # Dots along the path a push would take, up to the first thing in the way.
        speed = astronaut.spec.push_speed * strength
        reach = max(1.0, speed * 2.5)
        start = (ox + dx * astronaut.radius, oy + dy * astronaut.radius)
        end = (ox + dx * reach, oy + dy * reach)
        hit = world.space.segment_query_first(
            start, end, astronaut.radius * 0.9, astronaut.shape.filter
        )
        length = reach
        if hit is not None:
            length = max(astronaut.radius, math.hypot(hit.point.x - ox, hit.point.y - oy))
        spacing = 0.35
        d = astronaut.radius + spacing
        dot = max(2, round(cam.scale * 0.045))
        while d < length:
            fade = 1.0 - d / (length + 0.5)
            color = tuple(round(c * (0.4 + 0.6 * fade)) for c in palette.AIM)
            pygame.draw.circle(surface, color, cam.to_screen(ox + dx * d, oy + dy * d), dot)
            d += spacing
        # The arrow itself, longer for a stronger push.
        tip_len = astronaut.radius + 0.35 + 0.5 * strength
        base = cam.to_screen(ox + dx * (astronaut.radius + 0.1), oy + dy * (astronaut.radius + 0.1))
        tip = cam.to_screen(ox + dx * tip_len, oy + dy * tip_len)
        width = max(3, round(cam.scale * 0.07))
        _thick_line(surface, palette.AIM, base, tip, width)
        head = cam.scale * 0.22
        sdx, sdy = dx, -dy  # screen direction
        left = (tip[0] - sdx * head - sdy * head * 0.6, tip[1] - sdy * head + sdx * head * 0.6)
        right = (tip[0] - sdx * head + sdy * head * 0.6, tip[1] - sdy * head - sdx * head * 0.6)
        point = (tip[0] + sdx * head * 0.4, tip[1] + sdy * head * 0.4)
        pygame.draw.polygon(surface, palette.AIM, [point, left, right])

    def _draw_objective_pointer(self, surface, zone) -> None:
        """An arrow at the screen edge towards the objective zone when it is out of view."""
        if zone is None:
            return
        cam = self.camera
        x0, y0, x1, y1 = zone.rect
        zx, zy = (x0 + x1) / 2, (y0 + y1) / 2
        sx, sy = cam.to_screen(zx, zy)
        w, h = cam.width, cam.height
        u = h / 720
        inset = 60 * u
        if inset <= sx <= w - inset and inset <= sy <= h - inset:
            return
        cx, cy = w / 2, h / 2
        dx, dy = sx - cx, sy - cy
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        limits = []
        if ux:
            limits.append((w / 2 - inset) / abs(ux))
        if uy:
            limits.append((h / 2 - inset) / abs(uy))
        t = min(limits) if limits else 0.0
        px, py = cx + ux * t, cy + uy * t
        pulse = 0.5 + 0.5 * math.sin(self.time * math.tau * PULSE_HZ)
        size = (16 + 4 * pulse) * u
        tip = (px + ux * size, py + uy * size)
        left = (px - uy * size * 0.7, py + ux * size * 0.7)
        right = (px + uy * size * 0.7, py - ux * size * 0.7)
        pygame.draw.polygon(
            surface, palette.TEXT_SHADOW, [(a + 2, b + 2) for a, b in (tip, left, right)]
        )
        pygame.draw.polygon(surface, palette.OBJECTIVE, [tip, left, right])
        ax, ay = cam.to_world(cx, cy)
        distance = (
            math.hypot(zx - self._focus[0], zy - self._focus[1])
            if hasattr(self, "_focus")
            else math.hypot(zx - ax, zy - ay)
        )
        label = f"{zone.label or zone.id}  {distance:.0f} m"
        text.blit(
            surface,
            label,
            round(22 * u),
            (px - ux * 26 * u, py - uy * 26 * u),
            palette.OBJECTIVE,
            anchor="center",
        )

    def _draw_hint(self, surface, world) -> None:
        """One line of help at the bottom for what the player can do right now."""
        astronaut = world.astronaut
        if world.status != "running":
            return
        if astronaut.hold is not None:
            hint = (
                f"Aim with {key_label(MOVE_UP, self.keys)}/"
                f"{'ASD' if key_label(MOVE_UP, self.keys) == 'W' else 'arrows'} "
                f"and let go of {key_label(GRAB, self.keys)} to push off"
            )
        elif astronaut.carried is not None:
            hint = f"{key_label(THROW, self.keys)}: throw, aimed with the move keys"
        else:
            return
        u = self.camera.height / 720
        text.blit(
            surface,
            hint,
            round(24 * u),
            (self.camera.width / 2, self.camera.height - 22 * u),
            palette.TEXT,
            anchor="midbottom",
        )


def _thick_line(surface, color, a, b, width: int) -> None:
    pygame.draw.line(surface, color, a, b, width)
    r = width / 2
    if r >= 2:
        pygame.draw.circle(surface, color, a, r)
        pygame.draw.circle(surface, color, b, r)
