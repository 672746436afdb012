"""The debug overlay (F3): what the physics sees, drawn over the game for modders.

Every collision shape's outline (walls and solids, hatches open or closed, free bodies, movers,
the astronaut), zones with their ids, joints (hold, carry, tether), velocity vectors, and a
panel with the tick, the level time and each objective's state. Dynamic bodies are drawn at
their interpolated poses, so outlines sit on the sprites. Reads the world, never changes it."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pygame
import pymunk

from game.render import palette, text
from game.render.camera import Camera
from game.render.lines import dashed_line
from game.sim import TICK_RATE
from game.speedrun.timefmt import format_ticks

WALL = (255, 110, 200)
HATCH_CLOSED = (255, 170, 60)
HATCH_OPEN = (150, 160, 180)
BODY = (90, 220, 255)
MOVER = (255, 230, 90)
ASTRONAUT = (120, 255, 140)
ZONE = (170, 150, 255)
DRAIN_ZONE = (255, 110, 100)
JOINT = {"hold": (255, 226, 120), "carry": (200, 200, 255), "tether": (240, 240, 220)}
VELOCITY = (255, 120, 90)
REACH = (120, 255, 140)
HANDHOLD = (255, 214, 110)
VELOCITY_SECONDS = 1.0  # a velocity arrow is where the body will be this much later
PANEL_BACK = (6, 10, 20, 210)

Pose = tuple[float, float, float]


class DebugOverlay:
    def __init__(self):
        self._poses_for = None
        self._pose_index: dict[int, int] = {}

    def draw(self, surface: pygame.Surface, world, poses: Sequence[Pose], cam: Camera) -> None:
        if self._poses_for is not world:
            self._pose_index = {id(b): i for i, b in enumerate(world.dynamic_bodies())}
            self._poses_for = world
        u = text.ui_scale((cam.width, cam.height))
        self._zones(surface, world, cam, u)
        self._handholds(surface, world, cam, u)
        self._shapes(surface, world, poses, cam, u)
        self._joints(surface, world, poses, cam, u)
        self._velocities(surface, world, poses, cam, u)
        self._panel(surface, world, u)

    # -- where things are -------------------------------------------------------------------------

    def _transform(self, body: pymunk.Body, poses: Sequence[Pose]):
        """local point -> world point, through the body's drawn (interpolated) pose."""
        index = self._pose_index.get(id(body))
        if index is None or index >= len(poses):
            return lambda p: tuple(body.local_to_world(p))
        x, y, angle = poses[index]
        c, s = math.cos(angle), math.sin(angle)
        return lambda p: (x + p[0] * c - p[1] * s, y + p[0] * s + p[1] * c)

    # -- parts --------------------------------------------------------------------------------

    def _zones(self, surface, world, cam: Camera, u: float) -> None:
        width = max(1, round(u))
        ax, ay = world.astronaut.body.position
        for zone in world.level.zones:
            x0, y0, x1, y1 = zone.rect
            left, top = cam.to_screen(x0, y1)
            right, bottom = cam.to_screen(x1, y0)
            if right < 0 or bottom < 0 or left > cam.width or top > cam.height:
                continue
            color = DRAIN_ZONE if zone.o2_drain > 0 else ZONE
            rect = pygame.Rect(round(left), round(top), round(right - left), round(bottom - top))
            _dashed_rect(surface, color, rect, width, round(8 * u))
            label = f"zone {zone.id}"
            if zone.o2_drain > 0:
                label += f"  O2 -{zone.o2_drain:g}/s"
            if zone.contains(ax, ay):
                label += "  (inside)"
            text.blit(surface, label, round(18 * u), (rect.left + 4, rect.top + 3), color)

    def _handholds(self, surface, world, cam: Camera, u: float) -> None:
        """Handholds are not collision shapes (a hand reaches them): their ids, for objectives
        and triggers that name them."""
        for hold in world.level.handholds:
            a = cam.to_screen(*hold.start)
            b = cam.to_screen(*hold.end)
            if max(a[0], b[0]) < 0 or min(a[0], b[0]) > cam.width:
                continue
            if max(a[1], b[1]) < 0 or min(a[1], b[1]) > cam.height:
                continue
            pygame.draw.line(surface, HANDHOLD, a, b, max(1, round(u)))
            for end in (a, b):
                pygame.draw.circle(surface, HANDHOLD, end, max(2, round(3 * u)))
            if hold.id:
                text.blit(
                    surface,
                    f"hold {hold.id}",
                    round(16 * u),
                    ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2 + 4 * u),
                    HANDHOLD,
                    anchor="midtop",
                )

    def _shapes(self, surface, world, poses, cam: Camera, u: float) -> None:
        hatch_shapes = {id(h.shape): h for h in getattr(world, "hatches", ())}
        astronaut = world.astronaut
        movers = {id(m.body) for m in world.movers}
        margin = 2.0 * cam.scale
        for shape in list(world.space.shapes):
            body = shape.body
            if body is None:
                continue
            hatch = hatch_shapes.get(id(shape))
            if hatch is not None:
                continue  # drawn below, open or closed
            bb = shape.bb
            left, top = cam.to_screen(bb.left, bb.top)
            right, bottom = cam.to_screen(bb.right, bb.bottom)
            if right < -margin or bottom < -margin or left > cam.width + margin:
                continue
            if top > cam.height + margin:
                continue
            if body.body_type == pymunk.Body.STATIC:
                color = WALL
            elif body is astronaut.body:
                color = ASTRONAUT
            elif id(body) in movers:
                color = MOVER
            else:
                color = BODY
            _outline(surface, shape, self._transform(body, poses), cam, color, u)
        for hatch in getattr(world, "hatches", ()):
            color = HATCH_OPEN if hatch.open else HATCH_CLOSED
            a = cam.to_screen(*hatch.spec.start)
            b = cam.to_screen(*hatch.spec.end)
            if hatch.open:
                dashed_line(surface, color, a, b, max(1, round(2 * u)), round(10 * u))
            else:
                _outline(surface, hatch.shape, lambda p: tuple(p), cam, color, u)
            mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
            state = "open" if hatch.open else "closed"
            text.blit(
                surface,
                f"hatch {hatch.spec.id} ({state})",
                round(17 * u),
                (mid[0] + 6 * u, mid[1]),
                color,
                anchor="midleft",
            )
        # What the hands can reach.
        x, y, _ = poses[0]
        sx, sy = cam.to_screen(x, y)
        pygame.draw.circle(
            surface, REACH, (sx, sy), max(2, astronaut.spec.reach * cam.scale), max(1, round(u))
        )

    def _joints(self, surface, world, poses, cam: Camera, u: float) -> None:
        astronaut = world.astronaut
        names = {}
        if astronaut.hold is not None:
            names[id(astronaut.hold.joint)] = "hold"
        if astronaut.carry_joint is not None:
            names[id(astronaut.carry_joint)] = "carry"
        if astronaut.tether is not None:
            names[id(astronaut.tether)] = "tether"
        for joint in list(world.space.constraints):
            anchor_a = getattr(joint, "anchor_a", (0.0, 0.0))
            anchor_b = getattr(joint, "anchor_b", (0.0, 0.0))
            a = cam.to_screen(*self._transform(joint.a, poses)(anchor_a))
            b = cam.to_screen(*self._transform(joint.b, poses)(anchor_b))
            name = names.get(id(joint), type(joint).__name__)
            color = JOINT.get(name, palette.TEXT)
            width = max(2, round(2 * u))
            pygame.draw.line(surface, color, a, b, width)
            for end in (a, b):
                pygame.draw.circle(surface, color, end, max(3, round(4 * u)), width)
            if isinstance(joint, pymunk.SlideJoint):
                # The tether's length: the astronaut stays inside this circle.
                pygame.draw.circle(surface, color, b, joint.max * cam.scale, max(1, round(u)))
                length = math.hypot(a[0] - b[0], a[1] - b[1]) / cam.scale
                name = f"{name} {length:.1f}/{joint.max:g} m"
            # Labelled near the astronaut's end (a tether's middle is often off screen); a
            # short joint (a hand on a rail) is labelled beside it.
            if math.hypot(b[0] - a[0], b[1] - a[1]) < 40 * u:
                at, anchor = (min(a[0], b[0]) - 22 * u, a[1] + 14 * u), "midright"
            else:
                at = (a[0] + (b[0] - a[0]) * 0.2, a[1] + (b[1] - a[1]) * 0.2 - 8 * u)
                anchor = "midbottom"
            text.blit(surface, name, round(17 * u), at, color, anchor=anchor)

    def _velocities(self, surface, world, poses, cam: Camera, u: float) -> None:
        bodies = world.dynamic_bodies()
        width = max(2, round(2 * u))
        entities = world.entities
        for index, body in enumerate(bodies):
            if index >= len(poses):
                break
            if 1 <= index <= len(entities) and not entities[index - 1].present:
                continue
            vx, vy = body.velocity
            speed = math.hypot(vx, vy)
            x, y, _ = poses[index]
            if not cam.visible(x, y, 2.0):
                continue
            if speed < 0.02:
                continue
            start = cam.to_screen(x, y)
            end = cam.to_screen(x + vx * VELOCITY_SECONDS, y + vy * VELOCITY_SECONDS)
            _arrow(surface, VELOCITY, start, end, width, 8 * u)
            if index == 0 or speed >= 0.5:
                text.blit(
                    surface,
                    f"{speed:.2f} m/s",
                    round(17 * u),
                    (end[0] + 4 * u, end[1]),
                    VELOCITY,
                    anchor="midleft",
                )

    def _panel(self, surface, world, u: float) -> None:
        width, _ = surface.get_size()
        size = round(19 * u)
        small = round(17 * u)
        line_h = round(21 * u)
        astronaut = world.astronaut
        vx, vy = astronaut.body.velocity
        limit = f"{world.time_limit_ticks / TICK_RATE:g} s" if world.time_limit_ticks else "none"
        o2 = "infinite (assist)" if world.infinite_o2 else f"{world.o2:.1f} s"
        present = sum(1 for e in world.entities if e.present)
        rows: list[tuple[str, tuple]] = [
            ("DEBUG  (F3 hides)", palette.TEXT),
            (
                f"tick {world.tick}   level {world.tick / TICK_RATE:.3f} s   "
                f"run {format_ticks(world.run_ticks)}",
                palette.TEXT,
            ),
            (f"status {world.status}   time limit {limit}", palette.TEXT_DIM),
            (
                f"O2 {o2}  drain {world.o2_drain:g}/s   thrust {astronaut.propellant:.2f} m/s",
                palette.TEXT_DIM,
            ),
            (
                f"speed {math.hypot(vx, vy):.2f} m/s   spin "
                f"{math.degrees(astronaut.body.angular_velocity):.0f} deg/s",
                palette.TEXT_DIM,
            ),
            (
                f"bodies {present}/{len(world.entities)}  movers {len(world.movers)}  "
                f"shapes {len(world.space.shapes)}  joints {len(world.space.constraints)}",
                palette.TEXT_DIM,
            ),
            (f"OBJECTIVES ({world.level.info.order})", palette.TEXT),
        ]
        current = world.current_objective
        start = world.start_tick or 0
        for number, objective in enumerate(world.objectives, start=1):
            spec = objective.spec
            active = objective is current or world.level.info.order == "any"
            if objective.done:
                state = f"DONE at {format_ticks(objective.done_tick - start)}"
                color = palette.GOOD
            elif spec.kind in ("repair", "survive"):
                done_s = objective.progress_ticks / TICK_RATE
                state = f"{objective.progress:.0%}  ({done_s:.1f} of {spec.seconds:g} s)"
                color = palette.OBJECTIVE if active else palette.TEXT_DIM
            else:
                state = "NOW" if active else "later"
                color = palette.OBJECTIVE if active else palette.TEXT_DIM
            what = spec.zone or spec.item or spec.body or spec.target
            ident = f" ({spec.id})" if spec.id else ""
            rows.append((f"{number}. {spec.kind} {what}{ident}:  {state}", color))
        rendered = [
            text.render(line, size if i == 0 else small, c) for i, (line, c) in enumerate(rows)
        ]
        panel_w = max(r.get_width() for r in rendered) + round(24 * u)
        legend = [
            ("walls", WALL),
            ("hatches", HATCH_CLOSED),
            ("bodies", BODY),
            ("movers", MOVER),
            ("you, reach", ASTRONAUT),
            ("handholds", HANDHOLD),
            ("zones", ZONE),
            ("joints", JOINT["hold"]),
            ("velocity", VELOCITY),
        ]
        legend_imgs = [text.render(name, small, color) for name, color in legend]
        gap = round(10 * u)
        per_row = 4
        legend_rows = [legend_imgs[i : i + per_row] for i in range(0, len(legend_imgs), per_row)]
        legend_w = max(sum(img.get_width() + gap for img in row) for row in legend_rows)
        panel_w = max(panel_w, legend_w + round(24 * u))
        panel_h = line_h * (len(rendered) + len(legend_rows)) + round(26 * u)
        pad = round(18 * u)
        rect = pygame.Rect(width - pad - panel_w, round(112 * u), panel_w, panel_h)
        back = pygame.Surface(rect.size, pygame.SRCALPHA)
        back.fill(PANEL_BACK)
        surface.blit(back, rect)
        pygame.draw.rect(surface, palette.TEXT_DIM, rect, max(1, round(u)))
        y = rect.top + round(10 * u)
        for image in rendered:
            surface.blit(image, (rect.left + round(12 * u), y))
            y += line_h
        y += round(6 * u)
        for row in legend_rows:
            x = rect.left + round(12 * u)
            for img in row:
                surface.blit(img, (x, y))
                x += img.get_width() + gap
            y += line_h


def _outline(surface, shape: pymunk.Shape, to_world, cam: Camera, color, u: float) -> None:
    width = max(1, round(1.5 * u))
    if isinstance(shape, pymunk.Circle):
        cx, cy = to_world(tuple(shape.offset))
        center = cam.to_screen(cx, cy)
        radius = max(2.0, shape.radius * cam.scale)
        pygame.draw.circle(surface, color, center, radius, width)
        # A spoke shows which way it is turned.
        ex, ey = to_world((shape.offset[0] + shape.radius, shape.offset[1]))
        pygame.draw.line(surface, color, center, cam.to_screen(ex, ey), width)
    elif isinstance(shape, pymunk.Poly):
        points = [cam.to_screen(*to_world(tuple(v))) for v in shape.get_vertices()]
        if len(points) >= 2:
            pygame.draw.polygon(surface, color, points, width)
    elif isinstance(shape, pymunk.Segment):
        a = to_world(tuple(shape.a))
        b = to_world(tuple(shape.b))
        sa, sb = cam.to_screen(*a), cam.to_screen(*b)
        r = shape.radius * cam.scale
        dx, dy = sb[0] - sa[0], sb[1] - sa[1]
        length = math.hypot(dx, dy)
        if r < 1.5 or length < 1e-6:
            pygame.draw.line(surface, color, sa, sb, width)
            return
        nx, ny = -dy / length * r, dx / length * r
        pygame.draw.line(surface, color, (sa[0] + nx, sa[1] + ny), (sb[0] + nx, sb[1] + ny), width)
        pygame.draw.line(surface, color, (sa[0] - nx, sa[1] - ny), (sb[0] - nx, sb[1] - ny), width)
        for end in (sa, sb):
            pygame.draw.circle(surface, color, end, r, width)


def _arrow(surface, color, start, end, width: int, head: float) -> None:
    pygame.draw.line(surface, color, start, end, width)
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy)
    if length < 1:
        return
    ux, uy = dx / length, dy / length
    head = min(head, length * 0.6)
    left = (end[0] - ux * head - uy * head * 0.6, end[1] - uy * head + ux * head * 0.6)
    right = (end[0] - ux * head + uy * head * 0.6, end[1] - uy * head - ux * head * 0.6)
    pygame.draw.polygon(surface, color, [end, left, right])


def _dashed_rect(surface, color, rect: pygame.Rect, width: int, dash: int) -> None:
    corners = [rect.topleft, rect.topright, rect.bottomright, rect.bottomleft]
    for a, b in zip(corners, corners[1:] + corners[:1], strict=True):
        dashed_line(surface, color, a, b, width, max(2, dash))
