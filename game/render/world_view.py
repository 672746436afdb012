"""Draw one frame of a world: background, station, zones, bodies, astronaut, effects, HUD.

`poses` are the interpolated (x, y, angle) of `world.dynamic_bodies()`, in that order
(astronaut, free bodies, movers); the view reads the world and never changes it. `debug`
turns on the F3 overlay (collision shapes, zones, joints, velocities, objective state); a
`ghost` pose draws the PB ghost, a translucent astronaut."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pygame
import pymunk

from game.bindings import ControlNames
from game.input import DEFAULT_KEYS, GRAB, THROW, USE
from game.levels.model import shape_reach
from game.render import palette, text
from game.render.art.items import draw_item
from game.render.background import Background
from game.render.camera import SHAKE_DECAY_S, VIEW_WIDTH_M, Camera, view_width_for
from game.render.craft import draw_craft
from game.render.debug_overlay import DebugOverlay
from game.render.hit_flash import HitFlash
from game.render.hud import Hud
from game.render.input_display import InputDisplay
from game.render.lines import dashed_line
from game.render.particles import Particles
from game.render.poses import BodiesOnScreen
from game.render.sprites import (
    ANGLE_STEPS,
    PREWARM_MAX_PIXELS,
    SPRITE_PREWARM_BUDGET_S,
    STEPS_PER_RADIAN,
    SpriteCache,
    astronaut_sprite,
    body_sprite,
    color_index,
    pilot_sprite,
    rotate_exact,
)
from game.render.station import StationLayer
from game.sim.astronaut import AIM_DEADZONE
from game.sim.tick_input import NEUTRAL

Pose = tuple[float, float, float]

PULSE_HZ = 0.9
DAMAGE_SHAKE_S = 0.45
DAMAGE_SHAKE_M = 0.07  # per second of O2 lost, up to DAMAGE_SHAKE_MAX_M
DAMAGE_SHAKE_MAX_M = 0.3
REDUCED_SHAKE_FRACTION = 0.3  # with reduced flashing every shake is this much gentler
AIM_PREVIEW_S = 3.0  # the dotted path shows where a push carries you in this long
AIM_PREVIEW_MAX_M = 9.0
GHOST_TINT = (150, 205, 255)
GHOST_ALPHA = 110


class WorldView:
    def __init__(
        self, level, size: tuple[int, int], keys: Mapping[str, tuple[int, ...]] = DEFAULT_KEYS
    ):
        self.keys = keys
        self.camera = Camera(size, view_width_for(level))
        self.sprites = SpriteCache()
        self._on_screen = BodiesOnScreen()
        # A view of more metres (a craft's) draws its particles bigger, so they still show.
        self.particles = Particles(size=self.camera.view_width_m / VIEW_WIDTH_M)
        self.hit_particles = Particles(seed=2, size=self.particles.size)  # over the astronaut
        self.hud = Hud()
        self.hud.names = ControlNames(keys)  # the app passes its device's, which follow it
        self.time = 0.0
        self.show_hud = True
        self.debug = False  # the F3 overlay
        self.debug_overlay = DebugOverlay()
        # The setting "Input display" (None: off); the scene hands over each tick's input.
        self.input_display: InputDisplay | None = None
        self.last_input = NEUTRAL
        self._astronaut_base: pygame.Surface | None = None
        self._astronaut_key: tuple | None = None
        self._ghost_base: pygame.Surface | None = None
        self._ghost_key: tuple | None = None
        self._snap = True
        self.hit_flash = HitFlash()
        self._emit_carry = 0.0
        self._focus = (0.0, 0.0)
        self.set_level(level)

    def set_level(self, level) -> None:
        """Draw another level (or a new version of this one): the station and the backdrop
        are rebuilt; the camera, the zoom and the overlay switches stay."""
        self.level = level
        self.background = Background(
            level.world.background, level.world.bounds, getattr(level.world, "backdrop", None)
        )
        self.station = StationLayer(level)
        self._zone_cache: dict[str, pygame.Surface] = {}
        self._zone_scale = 0.0
        self._bodies_for = None
        self._bodies: list[tuple] = []
        self._hold_anchor: tuple[object, tuple[float, float]] | None = None
        self._prepared_for: tuple | None = None
        self.reset()

    @property
    def size(self) -> tuple[int, int]:
        return self.camera.width, self.camera.height

    def resize(self, size: tuple[int, int]) -> None:
        self.camera.resize(size)

    def reset(self) -> None:
        """A new run of the level: snap the camera, clear effects and flashes."""
        self._snap = True
        self.particles.clear()
        self.hit_particles.clear()
        self.hud.clear()
        self.hit_flash.clear()
        self.camera.stop_shaking()
        self.last_input = NEUTRAL

    def feed(self, world) -> None:
        """Take the events of the tick just run (the world clears its list every tick)."""
        for event in world.events:
            self.hud.feed(event, world.fail_message if event.kind == "failed" else "")
            kind = event.kind
            if kind == "impact":
                self._start_shake(SHAKE_DECAY_S, min(0.12, 0.025 * event.value))
                self.particles.burst(
                    event.x,
                    event.y,
                    8 + int(event.value * 6),
                    0.6 + event.value * 0.3,
                    0.45,
                    "dust",
                )
            elif kind == "damage":
                self._show_damage(event)
            elif kind in ("grab", "pickup", "collect"):
                self.particles.burst(event.x, event.y, 6, 0.5, 0.3, "spark")
            elif kind == "push":
                self.particles.burst(event.x, event.y, 10, 0.9, 0.35, "spark")
            elif kind == "shake":  # a level's trigger: seconds, and strength in metres
                self._start_shake(event.value, event.x)
            elif kind == "flash":  # a level's trigger: a strike on Earth, strength 0..1
                self.background.flash(world.tick, event.value)

    def _start_shake(self, seconds: float, metres: float) -> None:
        if self.hit_flash.reduced_flashing:
            metres *= REDUCED_SHAKE_FRACTION
        self.camera.shake(seconds, metres)

    def _show_damage(self, event) -> None:
        """A hit that cost O2: the screen's edge flashes red, the view jolts, and the breach
        vents at the point of contact (the sound is the audio's)."""
        lost = event.value
        self.hit_flash.hit(lost)
        self._start_shake(DAMAGE_SHAKE_S, min(DAMAGE_SHAKE_MAX_M, DAMAGE_SHAKE_M * (1.0 + lost)))
        count = 16 + min(24, int(lost * 4))
        spread = self.hit_particles.size  # metres per second: the same size on screen
        burst = self.hit_particles
        burst.emit(event.x, event.y, 0.0, 0.0, 0.45, "ring")
        burst.burst(event.x, event.y, count, 3.2 * spread, 0.7, "breach")
        burst.burst(event.x, event.y, count // 2, 1.4 * spread, 1.1, "vent")

    # -- the frame ------------------------------------------------------------------------------

    def draw(
        self,
        surface: pygame.Surface,
        world,
        poses: Sequence[Pose],
        dt: float,
        ghost: Pose | None = None,
        ghost_fade: float = 1.0,
    ) -> None:
        if surface.get_size() != self.size:
            self.resize(surface.get_size())
        self.time += dt
        self.hud.new_frame()
        astronaut = world.astronaut
        ax, ay, _ = poses[0]
        self._focus = (ax, ay)
        goals = self._goals(world, poses)
        lean = goals[0][:2] if goals else None
        target = Camera.target_for((ax, ay), astronaut.body.velocity, lean)
        cam = self.camera
        if self._snap:
            cam.snap(target)
            self._snap = False
            self.station.warm(cam)  # the tiles of a (re)start, built before they are drawn
            self.sprites.warm()  # and every angle of the bodies it shows
            self._plan_sweeps(world)
            if self._prepared_for != (world.level, self.size):
                self._prepared_for = (world.level, self.size)
                self.hud.prepare(world, self.size)  # the level's lines, made before they show
        else:
            cam.follow(target, dt)
        cam.apply_shake(dt)

        self.background.draw(surface, cam, world.tick)
        self.station.draw(surface, cam)
        self._draw_hatches(surface, world)
        self._draw_zones(surface, world)
        self._draw_items(surface, world)
        self._draw_bodies(surface, world, poses)
        self._emit_thrust(world, poses[0], dt)
        self.particles.update(dt)
        self.particles.draw(surface, cam)
        if ghost is not None and ghost_fade > 0.0:
            self._draw_ghost(surface, world, ghost, ghost_fade)
        self._draw_astronaut(surface, world, poses[0])
        self.hit_particles.update(dt)
        self.hit_particles.draw(surface, cam)
        if self.debug:
            self.debug_overlay.draw(surface, world, poses, cam)
        self.hit_flash.update(dt)
        self.hit_flash.draw(surface)
        if self.show_hud:
            self._draw_goal_pointer(surface, goals)
            self.hud.update(dt, world.start_tick is not None)
            self.hud.draw(surface, world, cam, cam.to_screen(ax, ay))
            self._draw_hint(surface, world)
            if self.input_display is not None:
                self.input_display.draw(surface, self.last_input)

    # -- what to go for -------------------------------------------------------------------------

    def _active_objectives(self, world) -> list:
        if getattr(world.level.info, "order", "sequence") == "any":
            return [o for o in world.objectives if not o.done]
        current = world.current_objective
        return [current] if current is not None else []

    def _goals(self, world, poses) -> list[tuple[float, float, str, tuple | None]]:
        """(x, y, label, zone rect or None) of each place the player should head for now."""
        goals = []
        for objective in self._active_objectives(world):
            spec = objective.spec
            kind = spec.kind
            if kind in ("reach", "repair") or (kind == "deliver" and self._carrying(world, spec)):
                zone = self._zone(world, spec.zone)
                if zone is not None:
                    x0, y0, x1, y1 = zone.rect
                    goals.append(((x0 + x1) / 2, (y0 + y1) / 2, zone.label or zone.id, zone.rect))
            elif kind in ("collect", "deliver") and spec.item:
                for item in world.level.items:
                    if item.id == spec.item and item.id not in world.collected:
                        goals.append((*item.at, item.label or item.id, None))
            elif kind in ("deliver", "grab"):
                target = spec.body if kind == "deliver" else spec.target
                position = self._position_of(world, poses, target)
                if position is not None:
                    goals.append((*position[:2], position[2], None))
        return goals

    @staticmethod
    def _carrying(world, spec) -> bool:
        if spec.item:
            return spec.item in world.collected
        carried = world.astronaut.carried
        if carried is None:
            return False
        entity = world.entity_for(carried)
        return entity is not None and entity.id == spec.body

    @staticmethod
    def _zone(world, zone_id: str):
        try:
            return world.level.zone(zone_id) if zone_id else None
        except KeyError:
            return None

    @staticmethod
    def _position_of(world, poses, target_id: str):
        for index, entity in enumerate(world.entities):
            if entity.id == target_id:
                x, y, _ = poses[1 + index] if 1 + index < len(poses) else (*entity.body.position, 0)
                return x, y, entity.label
        base = 1 + len(world.entities)
        for index, mover in enumerate(getattr(world, "movers", ())):
            if mover.id == target_id:
                x, y, _ = poses[base + index] if base + index < len(poses) else (0, 0, 0)
                return x, y, mover.label
        for hold in world.level.handholds:
            if hold.id == target_id:
                return (
                    (hold.start[0] + hold.end[0]) / 2,
                    (hold.start[1] + hold.end[1]) / 2,
                    getattr(hold, "label", "") or hold.id,
                )
        return None

    # -- parts ----------------------------------------------------------------------------------

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
            color = _zone_color(zone, highlight)
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

    def _draw_zones(self, surface, world) -> None:
        cam = self.camera
        u = text.ui_scale((cam.width, cam.height))
        active = {o.spec.zone for o in self._active_objectives(world) if o.spec.zone}
        for zone in world.level.zones:
            x0, y0, x1, y1 = zone.rect
            left, top = cam.to_screen(x0, y1)
            right, bottom = cam.to_screen(x1, y0)
            if right < 0 or bottom < 0 or left > cam.width or top > cam.height:
                continue
            highlight = zone.id in active
            surf = self._zone_surface(zone, highlight)
            if highlight:
                pulse = 0.5 + 0.5 * math.sin(self.time * math.tau * PULSE_HZ)
                surf.set_alpha(round(150 + 105 * pulse))
                surface.blit(surf, (round(left), round(top)))
                surf.set_alpha(255)
            else:
                surface.blit(surf, (round(left), round(top)))
            label = zone.label
            if getattr(zone, "o2_drain", 0.0) > 0 and not label:
                label = "O2 hazard"
            if label:
                text.blit(
                    surface,
                    label,
                    round(24 * u),
                    ((left + right) / 2, (top + bottom) / 2),
                    _zone_color(zone, highlight),
                    anchor="center",
                )

    def _draw_hatches(self, surface, world) -> None:
        cam = self.camera
        for hatch in getattr(world, "hatches", ()):
            spec = hatch.spec
            a = cam.to_screen(*spec.start)
            b = cam.to_screen(*spec.end)
            width = max(2, round(spec.thickness * cam.scale))
            if hatch.open:
                for end in (a, b):
                    pygame.draw.circle(surface, palette.HATCH_OPEN, end, width * 0.6)
                dashed_line(surface, palette.HATCH_OPEN, a, b, max(1, width // 4), 0.25 * cam.scale)
            else:
                _thick_line(surface, palette.HULL_DARK, a, b, width + 4)
                _thick_line(surface, palette.HATCH, a, b, width)
                dashed_line(surface, palette.HULL_DARK, a, b, max(2, width // 3), 0.2 * cam.scale)

    def _draw_items(self, surface, world) -> None:
        cam = self.camera
        u = text.ui_scale((cam.width, cam.height))
        for item in getattr(world.level, "items", ()):
            if item.id in world.collected or not cam.visible(*item.at, 1.0):
                continue
            x, y = cam.to_screen(*item.at)
            r = max(4, round(item.radius * cam.scale))
            color = (
                palette.O2_BAR
                if item.o2
                else palette.PROP_BAR
                if item.propellant
                else (palette.OBJECTIVE)
            )
            draw_item(surface, item, (x, y), r, self.time)
            if item.label:
                text.blit(
                    surface, item.label, round(18 * u), (x, y + r + 4 * u), color, anchor="midtop"
                )

    def _body_table(self, world) -> list[tuple]:
        """Per free body and mover, what drawing it needs that never changes during a run:
        (thing, pose index, sprite key, extent in metres, sprite maker). Bodies that look the
        same share one sprite and its rotations."""
        if self._bodies_for is world:
            return self._bodies
        table = []
        movers = list(getattr(world, "movers", ()))
        things = [(e, False) for e in world.entities] + [(m, True) for m in movers]
        for index, (thing, is_mover) in enumerate(things, start=1):
            spec = thing.spec
            points = getattr(spec, "points", None) if spec.shape == "polygon" else None
            extent = shape_reach(spec)
            color = color_index(spec.label or spec.id)
            kind = "m" if is_mover else "b"
            key = f"{kind}:{spec.style}:{spec.shape}:{spec.size}:{spec.radius}:{points}:{color}"

            def make(spec=spec, points=points, is_mover=is_mover, color=color):
                return body_sprite(
                    color,
                    spec.shape,
                    spec.size,
                    spec.radius,
                    self.camera.scale,
                    points,
                    metal=is_mover,
                    style=spec.style,
                )

            table.append((thing, index, key, extent, make))
        self._bodies_for = world
        self._bodies = table
        for _thing, _index, key, extent, make in table:
            self.sprites.expect(key, make, extent)  # made ahead, before they come into view
        return table

    def _plan_sweeps(self, world) -> None:
        """Big movers that turn as they go (Cut Loose's arm): their sweep is known from the
        level, so its rotations are made before the first frame instead of one a few frames,
        1-3 ms each, while the arm swings."""
        self.sprites.set_scale(self.camera.scale)
        scale = self.camera.scale
        for thing, _index, key, extent, make in self._body_table(world):
            spec = thing.spec
            if not hasattr(thing, "total_length") or not spec.spin or spec.speed <= 0:
                continue
            if (2 * extent * scale) ** 2 <= 2 * PREWARM_MAX_PIXELS:
                continue  # small: its rotations are made ahead a few a frame anyway
            if spec.mode == "once":
                left = max(0.0, thing.total_length - thing.distance) / spec.speed
                turn = math.radians(spec.spin) * left
            else:
                turn = math.copysign(math.tau, spec.spin)
            self.sprites.sweep(key, make, thing.body.angle, turn)

    def _draw_bodies(self, surface, world, poses) -> None:
        cam = self.camera
        self.sprites.set_scale(cam.scale)
        scale, ox, oy = cam.scale, cam.offset_x, cam.offset_y
        width, height = cam.width, cam.height
        rotated = self.sprites._rotated
        make_rotated = self.sprites.make_rotated
        steps_per_radian = STEPS_PER_RADIAN
        blits = []
        count = len(poses)
        rows = self._on_screen.near(world, self._body_table(world), cam)  # a spatial query
        for thing, index, key, extent, make in rows:
            if index >= count or not thing.present:
                continue
            x, y, angle = poses[index]
            sx = x * scale + ox
            sy = oy - y * scale
            e = extent * scale
            if sx < -e or sy < -e or sx > width + e or sy > height + e:
                continue
            step = round(angle * steps_per_radian) % ANGLE_STEPS
            entry = rotated.get((key, step))
            if entry is None:
                entry = make_rotated(key, make, step)
            sprite, half_w, half_h = entry
            blits.append((sprite, (round(sx - half_w), round(sy - half_h))))
        if blits:
            surface.fblits(blits)
        self.sprites.prewarm(SPRITE_PREWARM_BUDGET_S)  # other angles, made ahead a few a frame

    def _emit_thrust(self, world, pose: Pose, dt: float) -> None:
        astronaut = world.astronaut
        tx, ty = astronaut.thrust_vector
        strength = math.hypot(tx, ty)
        if strength <= 0.01 or world.status != "running" or dt <= 0.0:
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
        u = text.ui_scale((cam.width, cam.height))
        line_width = max(2, round(cam.scale * 0.05))

        tether = getattr(astronaut, "tether", None)
        if tether is not None:
            anchor = cam.to_screen(*tether.anchor_b)
            _thick_line(surface, palette.TETHER, (sx, sy), anchor, max(1, line_width // 2))

        # Line to what is held: the rail point, or the carried body.
        hold = astronaut.hold
        if hold is not None:
            hx, hy = hold.point
            if hold.target.body_type != pymunk.Body.STATIC:
                # Follow the grabbed point as the held body moves and turns.
                if self._hold_anchor is None or self._hold_anchor[0] is not hold:
                    self._hold_anchor = (hold, tuple(hold.target.world_to_local(hold.point)))
                hx, hy = hold.target.local_to_world(self._hold_anchor[1])
            _thick_line(surface, palette.HOLD_LINE, (sx, sy), cam.to_screen(hx, hy), line_width)
        if astronaut.carried is not None:
            cx, cy = astronaut.carried.position
            _thick_line(surface, palette.SUIT_SHADE, (sx, sy), cam.to_screen(cx, cy), line_width)

        # Aiming a push-off (holding on) or a throw (holding THROW while carrying): an arrow,
        # and dots along where the push, or the throw's recoil, would carry the astronaut.
        aim_x, aim_y = astronaut.aim
        strength = math.hypot(aim_x, aim_y)
        if strength >= AIM_DEADZONE and (hold is not None or astronaut.carried is not None):
            direction = (aim_x / strength, aim_y / strength)
            strength = min(1.0, strength)
            if hold is not None:
                self._draw_aim(
                    surface,
                    world,
                    (x, y),
                    direction,
                    strength,
                    astronaut.spec.push_speed * strength,
                    palette.AIM,
                )
            else:
                self._draw_throw(surface, world, (x, y), direction, strength)

        if astronaut.spec.mode == "craft":
            draw_craft(surface, cam, world, pose, self.time)
            return
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

        # What a hand could grab now (not while aiming a throw: one thing at a time).
        aiming_throw = astronaut.carried is not None and strength >= AIM_DEADZONE
        in_control = world.status == "running" and not world.in_opening
        if self.show_hud and hold is None and not aiming_throw and in_control:
            reach = astronaut.reachable(world)
            if reach is not None:
                px, py = cam.to_screen(*reach.point)
                ring = max(4, round(cam.scale * 0.16))
                pulse = 0.5 + 0.5 * math.sin(self.time * math.tau * 1.6)
                pygame.draw.circle(
                    surface, palette.RAIL, (px, py), ring + round(2 * pulse), max(2, round(2 * u))
                )
                verb = "take" if reach.carryable else "grab"
                self.hud.prompt(
                    surface,
                    f"{self.hud.names.label(GRAB)}: {verb} {reach.label}",
                    round(24 * u),
                    (sx, sy - astronaut.radius * cam.scale - 10 * u),
                    palette.RAIL,
                    anchor="midbottom",
                )

    def _draw_ghost(self, surface, world, pose: Pose, fade: float) -> None:
        """The PB ghost: the astronaut's sprite, tinted pale blue and see-through."""
        cam = self.camera
        astronaut = world.astronaut
        x, y, angle = pose
        if not cam.visible(x, y, 1.0):
            return
        key = (cam.scale, astronaut.radius, astronaut.spec.mode)
        if self._ghost_key != key:
            base = pilot_sprite(astronaut.spec, astronaut.radius, cam.scale)
            base.fill((*GHOST_TINT, 255), special_flags=pygame.BLEND_RGBA_MULT)
            self._ghost_base = base
            self._ghost_key = key
        assert self._ghost_base is not None
        sprite = rotate_exact(self._ghost_base, angle)
        sprite.set_alpha(round(GHOST_ALPHA * max(0.0, min(1.0, fade))))
        sx, sy = cam.to_screen(x, y)
        surface.blit(
            sprite, (round(sx - sprite.get_width() / 2), round(sy - sprite.get_height() / 2))
        )

    def _draw_throw(self, surface, world, origin, direction, strength: float) -> None:
        """The throw's direction (the carried object flies that way) and the astronaut's
        recoil the other way: equal and opposite impulses, so the recoil is slower by the
        ratio of the masses."""
        astronaut = world.astronaut
        item = astronaut.carried
        speed = astronaut.spec.throw_speed * strength
        m_a, m_i = astronaut.mass, item.mass
        recoil = speed * m_i / (m_a + m_i)  # the reduced-mass impulse, felt by the astronaut
        dx, dy = direction
        if recoil > 0.02:
            self._draw_aim(
                surface, world, origin, (-dx, -dy), 0.0, recoil, palette.AIM, arrow=False
            )
        self._draw_aim(
            surface,
            world,
            tuple(item.position),
            direction,
            strength,
            speed,
            palette.WARN,
            first_dot=0.3,
        )

    def _draw_aim(
        self,
        surface,
        world,
        origin,
        direction,
        strength: float,
        speed: float,
        color,
        arrow: bool = True,
        first_dot: float | None = None,
    ) -> None:
        cam = self.camera
        astronaut = world.astronaut
        ox, oy = origin
        dx, dy = direction
        # Dots along the path at this speed for a few seconds, up to the first thing in the way.
        reach = min(AIM_PREVIEW_MAX_M, max(1.5, speed * AIM_PREVIEW_S))
        near = (ox + dx * astronaut.radius, oy + dy * astronaut.radius)
        end = (ox + dx * reach, oy + dy * reach)
        hit = world.space.segment_query_first(
            near, end, astronaut.radius * 0.9, astronaut.shape.filter
        )
        length = reach
        if hit is not None:
            length = max(astronaut.radius, math.hypot(hit.point.x - ox, hit.point.y - oy))
        spacing = 0.4
        d = astronaut.radius + (0.9 if first_dot is None else first_dot)
        dot = max(2, round(cam.scale * 0.06))
        while d < length:
            fade = 1.0 - d / (length + 0.6)
            shade = tuple(round(c * (0.5 + 0.5 * fade)) for c in color)
            pygame.draw.circle(surface, shade, cam.to_screen(ox + dx * d, oy + dy * d), dot)
            d += spacing
        if not arrow:
            return
        # The arrow itself, longer for a stronger push.
        tip_len = astronaut.radius + 0.3 + 0.6 * strength
        base_len = astronaut.radius + 0.1
        base = cam.to_screen(ox + dx * base_len, oy + dy * base_len)
        tip = cam.to_screen(ox + dx * tip_len, oy + dy * tip_len)
        width = max(3, round(cam.scale * 0.08))
        head = cam.scale * 0.24
        sdx, sdy = dx, -dy  # screen direction
        point = (tip[0] + sdx * head * 0.5, tip[1] + sdy * head * 0.5)
        left = (
            tip[0] - sdx * head * 0.5 - sdy * head * 0.6,
            tip[1] - sdy * head * 0.5 + sdx * head * 0.6,
        )
        right = (
            tip[0] - sdx * head * 0.5 + sdy * head * 0.6,
            tip[1] - sdy * head * 0.5 - sdx * head * 0.6,
        )
        shadow = [(px + 2, py + 2) for px, py in (point, left, right)]
        pygame.draw.polygon(surface, palette.TEXT_SHADOW, shadow)
        _thick_line(surface, color, base, tip, width)
        pygame.draw.polygon(surface, color, [point, left, right])

    def _draw_goal_pointer(self, surface, goals) -> None:
        """An arrow at the screen edge towards each goal that is out of view."""
        cam = self.camera
        w, h = cam.width, cam.height
        u = text.ui_scale((w, h))
        inset = 60 * u
        for gx, gy, label, rect in goals[:3]:
            if rect is not None:
                x0, y0, x1, y1 = rect
                left, top = cam.to_screen(x0, y1)
                right, bottom = cam.to_screen(x1, y0)
            else:
                left, top = cam.to_screen(gx - 0.3, gy + 0.3)
                right, bottom = cam.to_screen(gx + 0.3, gy - 0.3)
            margin = 24 * u
            if right > margin and left < w - margin and bottom > margin and top < h - margin:
                continue  # in view
            sx, sy = cam.to_screen(gx, gy)
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
            size = (18 + 5 * pulse) * u
            tip = (px + ux * size, py + uy * size)
            side_a = (px - uy * size * 0.7, py + ux * size * 0.7)
            side_b = (px + uy * size * 0.7, py - ux * size * 0.7)
            pygame.draw.polygon(
                surface, palette.TEXT_SHADOW, [(a + 2, b + 2) for a, b in (tip, side_a, side_b)]
            )
            pygame.draw.polygon(surface, palette.OBJECTIVE, [tip, side_a, side_b])
            distance = math.hypot(gx - self._focus[0], gy - self._focus[1])
            self.hud.prompt(
                surface,
                f"{label}  {distance:.0f} m",
                round(22 * u),
                (px - ux * 34 * u, py - uy * 34 * u),
                palette.OBJECTIVE,
                anchor="center",
            )

    def _draw_hint(self, surface, world) -> None:
        """One line of help at the bottom for what the player can do right now."""
        astronaut = world.astronaut
        if world.status != "running":
            return
        objective = world.current_objective
        names = self.hud.names
        if astronaut.hold is not None:
            hint = f"Aim with {names.move()}, let go of {names.label(GRAB)} to push off"
        elif astronaut.carried is not None:
            hint = f"Hold {names.label(THROW)} and aim with {names.move()}, let go to throw"
        elif objective is not None and objective.spec.kind == "repair":
            zone = self._zone(world, objective.spec.zone)
            if zone is None or not zone.contains(*astronaut.body.position):
                return
            hint = f"Hold {names.label(USE)} to repair"
        else:
            return
        u = text.ui_scale(self.size)
        self.hud.prompt(
            surface,
            hint,
            round(24 * u),
            (self.camera.width / 2, self.camera.height - 22 * u),
            palette.TEXT,
            anchor="midbottom",
        )


def _zone_color(zone, highlight: bool):
    if highlight:
        return palette.OBJECTIVE
    if getattr(zone, "o2_drain", 0.0) > 0:
        return palette.BAD
    return palette.ZONE


def _thick_line(surface, color, a, b, width: int) -> None:
    pygame.draw.line(surface, color, a, b, width)
    r = width / 2
    if r >= 2:
        pygame.draw.circle(surface, color, a, r)
        pygame.draw.circle(surface, color, b, r)
