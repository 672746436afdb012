"""The level editor's window: the level drawn by the game's renderer under a camera the
modder moves, a palette of everything the format has, an inspector for the selected thing,
the validator's messages (and the winnable-level checks) live, and playtests that come back to
the same view.

Mouse: left click selects (shift adds), drag moves (snapped to the grid), drag on empty space
selects a box; the selected thing's handles move one point or resize it; Ctrl+click adds a
point to a wall, solid or mover path, Alt+click removes one; middle or right drag pans; the
wheel zooms. With a palette kind chosen, a click places one (shift keeps the kind).
Keys: arrows/WASD pan, +/- zoom, G the grid step, R/Shift+R rotate, Delete, Ctrl+D duplicate,
Ctrl+C/V, Ctrl+Z, Ctrl+Y or Ctrl+Shift+Z, Ctrl+S save, Tab the level's own tables, Enter edits
the inspector's first field, F5 or P playtest from the spawn, Shift+P from the pointer, F3 the
collision shapes, Esc back (twice to leave with unsaved changes)."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.editor import handles, shapes
from game.editor.inspector import Inspector, Overview, Refused, parse, refs_with_problems
from game.editor.operations import EditRefused
from game.editor.palette import KINDS, Kind, unique_id
from game.editor.session import EditSession, is_warning
from game.editor.view import EditorView
from game.levels import Level
from game.render import palette as colors
from game.render import text
from game.render.lines import dashed_line
from game.scenes.base import Scene
from game.scenes.play import PlayScene

if TYPE_CHECKING:
    from game.app import App

Ref = tuple[str, int | None]

PICK_PIXELS = 8  # a click this close to a thing picks it
HANDLE_PIXELS = 7  # ... and this close to a handle of the selected thing grabs the handle
ROTATE_STEP = 15.0  # degrees per R (Shift+R the other way)
PAN_SPEED = 0.9  # view widths per second with the arrow keys
PALETTE_WIDTH = 150
TOP_BAR = 30
LEVEL_PAGES = ("level", "world", "player", "opening")
PASTE_OFFSET = 1.0  # m: a pasted or duplicated copy lands beside the original


@dataclass(frozen=True)
class OpenEditor:
    """Hand-off (F6 in play): the editor on this level file."""

    path: Path


@dataclass
class Drag:
    start: tuple[float, float]  # metres, where the button went down
    anchor: tuple[float, float]  # the first selected thing's position then
    delta: tuple[float, float] = (0.0, 0.0)  # snapped


class EditorScene(Scene):
    name = "editor"
    captures_keys = True  # every key is the editor's (typing in the inspector, shortcuts)

    def __init__(self, app: App, session: EditSession, level: Level):
        super().__init__()
        self.app = app
        self.session = session
        self.view = EditorView(level, app.screen.get_size())
        self.fallback = level  # drawn while the file has never loaded
        self.selection: list[Ref] = []
        self.tool: Kind | None = None
        self.inspector = Inspector()
        self.inspector.ids_of = self.ids_in
        self.overview = Overview()
        self.page: Ref | None = None  # the inspector's table when nothing is selected
        self.clipboard = None  # what Ctrl+C copied (the document model's Clipboard)
        self.drag: Drag | None = None
        self.handle_drag: list | None = None  # [Handle, where it is being dragged to]
        self.box: tuple[tuple[int, int], tuple[int, int]] | None = None
        self.panning = False
        self.mouse = (0, 0)
        self.status = ""
        self.status_color = colors.TEXT
        self.confirm_quit = False
        self.discarded = False  # left without saving, as the modder confirmed
        self.playtests = 0
        self.playtest_is_of_file = False  # its run can be kept as the author replay
        self.back_to = None  # the play scene this editor was opened from (F6), if any
        self._palette_rects: list[tuple[pygame.Rect, Kind]] = []

    # -- what the editor shows ------------------------------------------------------------------

    def check(self):
        """(level to draw, problems and warnings): an invalid document draws its last good
        version; a valid one is also judged winnable or not (game.levels.winnable)."""
        level, problems = self.session.check()
        problems = problems + self.session.winnable()
        return (level or self.session.last_good or self.fallback), problems

    def entries_of(self, section: str):
        if section in LEVEL_PAGES:
            return self.session.table(section)
        return self.session.entries(section)

    @property
    def target(self) -> Ref | None:
        """What the inspector shows: the one thing selected, or the page chosen with Tab."""
        if len(self.selection) == 1:
            return self.selection[0]
        if not self.selection:
            return self.page
        return None

    def say(self, message: str, color=colors.TEXT) -> None:
        self.status = message
        self.status_color = color

    # -- events ---------------------------------------------------------------------------------

    def enter(self) -> None:
        super().enter()
        now = self.app.now
        if now.play is not None and now.play is not self.back_to:
            now.leave()  # a playtest is over: nothing of it is kept
            now.play = None
            now.view = None

    def handle(self, event, actions) -> None:
        try:
            self._handle(event)
        except EditRefused as exc:  # an edit the document model cannot make: said
            self.say(f"Not done: {exc}", colors.WARN)

    def _handle(self, event) -> None:
        kind = event.type
        if kind == pygame.KEYDOWN:
            self._key(event)
        elif kind == pygame.MOUSEBUTTONDOWN:
            self._button_down(event)
        elif kind == pygame.MOUSEBUTTONUP:
            self._button_up(event)
        elif kind == pygame.MOUSEMOTION:
            self._motion(event)
        elif kind == pygame.MOUSEWHEEL:
            pos = getattr(event, "pos", self.mouse)
            self.view.zoom(getattr(event, "y", 0), pos)

    def _key(self, event) -> None:
        inspector = self.inspector
        if inspector.entry is not None:
            if event.key == pygame.K_TAB:  # apply, and on to the next field (Shift: back)
                editing = inspector.editing
                self.apply_typed()
                if inspector.entry is None and editing is not None:
                    keys = [row.key for row in inspector.rows]
                    step = -1 if event.mod & pygame.KMOD_SHIFT else 1
                    inspector.start(keys[(keys.index(editing) + step) % len(keys)])
                return
            done = inspector.entry.key(event)
            if done == "enter":
                self.apply_typed()
            elif done == "cancel":
                inspector.stop()
            return
        key, mod = event.key, event.mod
        ctrl = bool(mod & pygame.KMOD_CTRL)
        shift = bool(mod & pygame.KMOD_SHIFT)
        if key != pygame.K_ESCAPE:
            self.confirm_quit = False
        if ctrl:
            if key == pygame.K_z:
                self.redo() if shift else self.undo()
            elif key == pygame.K_y:
                self.redo()
            elif key == pygame.K_s:
                self.save()
            elif key == pygame.K_d:
                self.duplicate()
            elif key == pygame.K_c:
                self.copy()
            elif key == pygame.K_v:
                self.paste()
            elif key == pygame.K_q:
                self.leave()
            return
        if key == pygame.K_ESCAPE:
            if self.tool is not None:
                self.tool = None
            elif self.selection:
                self.selection = []
            elif self.page is not None:
                self.page = None  # back to the overview
            else:
                self.leave()
            return
        if key in (pygame.K_DELETE, pygame.K_BACKSPACE):
            self.delete()
        elif key in (pygame.K_F5,) or (key == pygame.K_p and not shift):
            self.playtest(from_cursor=False)
        elif key == pygame.K_p and shift:
            self.playtest(from_cursor=True)
        elif key == pygame.K_r:
            self.rotate(-ROTATE_STEP if shift else ROTATE_STEP)
        elif key == pygame.K_F3:
            self.view.view.debug = not self.view.view.debug
        elif key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.view.zoom(1)
        elif key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.view.zoom(-1)
        elif key == pygame.K_g:
            self.say(f"Grid {self.view.cycle_grid():g} m")
        elif key == pygame.K_TAB:
            self.next_page(-1 if shift else 1)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            rows = inspector.rows
            if rows:
                inspector.start(rows[0].key)
        else:
            for palette_kind in KINDS:
                if event.key == pygame.key.key_code(palette_kind.key):
                    self.choose_tool(palette_kind)

    def _button_down(self, event) -> None:
        pos = event.pos
        self.mouse = pos
        if event.button in (2, 3):
            self.panning = True
            return
        if event.button != 1:
            return
        shift = bool(pygame.key.get_mods() & pygame.KMOD_SHIFT)
        if self._palette_click(pos) or self._inspector_click(pos):
            return
        self.confirm_quit = False
        point = self.view.to_world(pos)
        mods = pygame.key.get_mods()
        editing_points = self.tool is None and mods & (pygame.KMOD_CTRL | pygame.KMOD_ALT)
        if editing_points and self.edit_points(point, add=bool(mods & pygame.KMOD_CTRL)):
            return
        if self.tool is None and not shift and len(self.selection) == 1:
            grabbed = handles.nearest(self.handles(), point, HANDLE_PIXELS / self.view.camera.scale)
            if grabbed is not None:
                self.handle_drag = [grabbed, grabbed.at]
                return
        if self.tool is not None:
            self.place(self.tool, point)
            if not shift:
                self.tool = None
            return
        hit = shapes.pick(self.entries_of, point, PICK_PIXELS / self.view.camera.scale)
        if hit is None:
            if not shift:
                self.selection = []
            self.box = (pos, pos)
            return
        if shift:
            if hit in self.selection:
                self.selection.remove(hit)
            else:
                self.selection.append(hit)
            return
        if hit not in self.selection:
            self.selection = [hit]
        anchor = shapes.anchor(hit[0], self.entry(hit)) or point
        self.drag = Drag(point, anchor)

    def _motion(self, event) -> None:
        pos = event.pos
        if self.panning:
            rel = getattr(event, "rel", (pos[0] - self.mouse[0], pos[1] - self.mouse[1]))
            self.view.pan_pixels(*rel)
        self.mouse = pos
        if self.handle_drag is not None:
            x, y = self.view.to_world(pos)
            grid = self.view.grid
            self.handle_drag[1] = (shapes.snap(x, grid), shapes.snap(y, grid))
        if self.drag is not None:
            x, y = self.view.to_world(pos)
            drag = self.drag
            grid = self.view.grid
            ax, ay = drag.anchor
            tx = shapes.snap(ax + x - drag.start[0], grid)
            ty = shapes.snap(ay + y - drag.start[1], grid)
            drag.delta = (tx - ax, ty - ay)
        if self.box is not None:
            self.box = (self.box[0], pos)

    def _button_up(self, event) -> None:
        self.mouse = event.pos
        if event.button in (2, 3):
            self.panning = False
            return
        if event.button != 1:
            return
        if self.handle_drag is not None:
            (grabbed, to), self.handle_drag = self.handle_drag, None
            if to != grabbed.at:
                self.drag_handle(grabbed, to)
        if self.drag is not None:
            drag, self.drag = self.drag, None
            if drag.delta != (0.0, 0.0):
                self.move(self.selection, *drag.delta)
        if self.box is not None:
            (ax, ay), (bx, by) = self.box
            self.box = None
            if abs(ax - bx) > 4 or abs(ay - by) > 4:
                x0, y1 = self.view.to_world((min(ax, bx), min(ay, by)))
                x1, y0 = self.view.to_world((max(ax, bx), max(ay, by)))
                for ref in shapes.in_box(self.entries_of, (x0, y0, x1, y1)):
                    if ref not in self.selection:
                        self.selection.append(ref)

    def _palette_click(self, pos) -> bool:
        for rect, palette_kind in self._palette_rects:
            if rect.collidepoint(pos):
                self.choose_tool(palette_kind)
                return True
        return False

    def _inspector_click(self, pos) -> bool:
        if self.target is None and not self.selection:
            if not self.overview.rect.collidepoint(pos):
                return False
            chosen = self.overview.at(pos)
            if isinstance(chosen, str):
                self.inspector_button(chosen)
            elif chosen is not None:
                self.page = chosen
            return True
        inspector = self.inspector
        if not inspector.rect.collidepoint(pos):
            return False
        button = inspector.button_at(pos)
        if button is not None:
            self.inspector_button(button)
            return True
        key = inspector.row_at(pos)
        if key is not None:
            inspector.start(key)
        return True

    # -- actions --------------------------------------------------------------------------------

    def entry(self, ref: Ref) -> dict:
        return self.session.entry(*ref)

    def taken_ids(self) -> set[str]:
        taken = set()
        for section in (*shapes.PLACED, "objectives", "triggers"):
            taken.update(str(e.get("id")) for e in self.session.entries(section) if e.get("id"))
        return taken

    def ids_in(self, sections) -> list[str]:
        return [
            str(entry["id"])
            for section in sections
            for entry in self.session.entries(section)
            if entry.get("id")
        ]

    def choose_tool(self, palette_kind: Kind) -> None:
        self.tool = palette_kind
        self.say(f"Click to place: {palette_kind.hint} (shift-click to place more)")

    def place(self, palette_kind: Kind, point) -> Ref:
        grid = self.view.grid
        at = (shapes.snap(point[0], grid), shapes.snap(point[1], grid))
        taken = self.taken_ids()

        def unique(base: str) -> str:
            found = unique_id(base, taken)
            taken.add(found)
            return found

        values = palette_kind.make(at, unique)
        if palette_kind.section == "player":
            changes = [("player", None, key, value) for key, value in values.items()]
            self.session.set_fields(changes, "move the spawn")
            ref: Ref = shapes.SPAWN
        else:
            ref = self.session.add(palette_kind.section, values, f"add {palette_kind.name}")
        self.selection = [ref]
        self.say(f"Placed {shapes.describe(*ref, self.entry(ref))} at {at[0]:g}, {at[1]:g}")
        return ref

    def move(self, refs: list[Ref], dx: float, dy: float) -> None:
        self.session.move(refs, dx, dy)
        self.say(f"Moved {len(refs)} by {dx:+g}, {dy:+g} m")

    def handles(self) -> list:
        if len(self.selection) != 1:
            return []
        ref = self.selection[0]
        return handles.handles_for(ref, self.entry(ref), self.session.extent(ref))

    def drag_handle(self, grabbed, to) -> None:
        ref = grabbed.ref
        if grabbed.kind == "point":
            key, value = handles.point_change(grabbed, self.entry(ref), to)
            self.session.set_fields([(ref[0], ref[1], key, value)], f"move {key}")
            self.say(
                f"Moved a point of {shapes.describe(*ref, self.entry(ref))} to {to[0]:g}, {to[1]:g}"
            )
            return
        extent = self.session.extent(ref)
        if extent is None:
            return
        x0, y0, x1, y1 = handles.resized(grabbed, extent, to)
        if abs(x1 - x0) < 1e-6 or abs(y1 - y0) < 1e-6:
            self.say("Not resized: that would leave it no width or height", colors.WARN)
            return
        self.session.resize(ref, (x0, y0, x1, y1))
        self.say(
            f"Resized {shapes.describe(*ref, self.entry(ref))} "
            f"to {abs(x1 - x0):g} x {abs(y1 - y0):g} m"
        )

    def edit_points(self, point, add: bool) -> bool:
        """Ctrl+click adds a point (a wall's or solid's corner, a mover's waypoint) after the
        nearest one; Alt+click removes the point under the pointer. True when done."""
        if len(self.selection) != 1 or self.selection[0][0] not in handles.POINT_LISTS:
            return False
        ref = self.selection[0]
        key = handles.POINT_LISTS[ref[0]]
        points = [list(p) for p in shapes.vecs(self.entry(ref).get(key))]
        if not points:
            return False
        grid = self.view.grid
        at = [shapes.snap(point[0], grid), shapes.snap(point[1], grid)]
        nearest = min(range(len(points)), key=lambda i: math.dist(points[i], point))
        if add:
            points.insert(nearest + 1, at)
            what = f"Added a point at {at[0]:g}, {at[1]:g}"
        else:
            grabbed = handles.nearest(self.handles(), point, HANDLE_PIXELS / self.view.camera.scale)
            if grabbed is None or grabbed.kind != "point" or grabbed.index is None:
                return False
            del points[grabbed.index]
            what = "Removed a point"
        self.session.set_fields([(ref[0], ref[1], key, points)], what.lower())
        self.say(f"{what} of {shapes.describe(*ref, self.entry(ref))}")
        return True

    def rotate(self, degrees: float) -> None:
        if self.selection:
            self.session.rotate(self.selection, degrees)
            self.say(f"Rotated {len(self.selection)} by {degrees:+g} degrees")

    def delete(self) -> None:
        removable = [ref for ref in self.selection if ref[1] is not None]
        if self.page is not None and not self.selection and self.page[1] is not None:
            removable = [self.page]
            self.page = None
        if not removable:
            return
        self.session.remove(removable)
        self.selection = []
        self.say(f"Deleted {len(removable)} (Ctrl+Z brings it back)")

    def copy(self) -> None:
        things = [ref for ref in self.selection if ref[1] is not None]
        if things:
            self.clipboard = self.session.copy(things)
            self.say(f"Copied {len(things)}")

    def paste(self) -> None:
        """The copies land centred on the mouse pointer (snapped)."""
        if self.clipboard is None or not self.clipboard.entries:
            return
        x, y = self.view.to_world(self.mouse)
        grid = self.view.grid
        self.selection = self.session.paste(
            self.clipboard, (shapes.snap(x, grid), shapes.snap(y, grid))
        )
        self.say(f"Pasted {len(self.selection)}")

    def duplicate(self) -> None:
        things = [ref for ref in self.selection if ref[1] is not None]
        if things:
            self.selection = self.session.duplicate(things, (PASTE_OFFSET, -PASTE_OFFSET))
            self.say(f"Duplicated {len(things)}")

    def undo(self) -> None:
        done = self.session.undo()
        self._forget_gone()
        self.say(f"Undid {done[0]}" if done else "Nothing to undo")

    def redo(self) -> None:
        done = self.session.redo()
        self._forget_gone()
        self.say(f"Redid {done[0]}" if done else "Nothing to redo")

    def _forget_gone(self) -> None:
        def exists(ref: Ref) -> bool:
            section, index = ref
            if index is None:
                return True
            return index < len(self.session.entries(section))

        self.selection = [ref for ref in self.selection if exists(ref)]
        if self.page is not None and not exists(self.page):
            self.page = None

    def save(self) -> bool:
        try:
            self.session.save()
        except OSError as exc:
            self.say(f"Could not save: {exc.strerror or exc}", colors.BAD)
            return False
        _, problems = self.session.check()
        warnings = self.session.winnable()
        if problems:
            self.say(
                f"Saved {self.session.path.name} with {len(problems)} problem(s): "
                "it will not play until they are fixed",
                colors.WARN,
            )
        elif warnings:
            self.say(
                f"Saved {self.session.path.name}: {warnings[0].field}: {warnings[0].message}",
                colors.WARN,
            )
        else:
            self.say(f"Saved {self.session.path.name}", colors.GOOD)
        return True

    def leave(self) -> None:
        if self.session.dirty and not self.confirm_quit:
            self.confirm_quit = True
            self.say("Unsaved changes: Esc again leaves without saving, Ctrl+S saves", colors.WARN)
            return
        self.discarded = self.session.dirty
        self.next = LeaveEditor()

    def next_page(self, step: int) -> None:
        pages: list[Ref] = [(name, None) for name in LEVEL_PAGES]
        for section in ("objectives", "triggers"):
            pages += [(section, i) for i in range(len(self.session.entries(section)))]
        self.selection = []
        current = pages.index(self.page) if self.page in pages else -1
        self.page = pages[(current + step) % len(pages)]

    def inspector_button(self, name: str) -> None:
        taken = self.taken_ids()
        if name == "+ objective":
            zones = [e.get("id") for e in self.session.entries("zones") if e.get("id")]
            chosen = self.target
            if chosen is not None and chosen[0] == "zones" and self.entry(chosen).get("id"):
                zones.append(self.entry(chosen)["id"])  # the zone selected
            values = {"id": unique_id("objective", taken), "kind": "reach"}
            values["zone"] = zones[-1] if zones else ""
            values["label"] = f"Reach {values['zone']}" if zones else "Objective"
            self.selection, self.page = [], self.session.add("objectives", values)
        elif name == "+ trigger":
            values = {
                "id": unique_id("trigger", taken),
                "on": "start",
                "actions": [{"do": "message", "text": "Welcome aboard.", "from": ""}],
            }
            self.selection, self.page = [], self.session.add("triggers", values)
        elif name == "overview":
            self.selection, self.page = [], None

    def apply_typed(self) -> None:
        """The value typed in the inspector, into the document (one step of undo)."""
        inspector = self.inspector
        ref, key, entry = inspector.ref, inspector.editing, inspector.entry
        if ref is None or key is None or entry is None:
            return
        field = inspector.field(key)
        if field is None:
            return
        try:
            value = parse(field, entry.text)
        except Refused as exc:
            inspector.refusal = str(exc)
            self.say(f"Refused: {exc}", colors.WARN)
            return
        inspector.stop()
        inspector.refusal = ""
        self.session.set_fields([(ref[0], ref[1], key, value)], f"set {key}")
        if ref[0] == "player" and key == "spawn":
            self.selection = [shapes.SPAWN]
        _, problems = self.session.check()
        mine = [p for p in problems if p.field.startswith(_path(ref))]
        if mine:
            self.say(f"{mine[0].field}: {mine[0].message}", colors.BAD)
        else:
            self.say(f"Set {key}", colors.GOOD)

    # -- playtesting ----------------------------------------------------------------------------

    def playtest(self, from_cursor: bool) -> None:
        level, _ = self.session.check()
        current = level is not None  # the file as it stands, not its last good version
        if level is None:
            level = self.session.last_good
            if level is None:
                self.say("The level has problems and never loaded: nothing to play", colors.BAD)
                return
            self.app.notices.add(
                "This level has problems: playing its last good version", colors.WARN, 4.0
            )
        if from_cursor:
            x, y = self.view.to_world(self.mouse)
            grid = self.view.grid
            spawn = (shapes.snap(x, grid), shapes.snap(y, grid))
            level = dataclasses.replace(
                level, player=dataclasses.replace(level.player, spawn=spawn)
            )
        try:
            play = self._play_scene(level)
        except Exception as exc:  # a level that loads but cannot be built: said, not a crash
            self.say(f"Cannot playtest: {exc!r}", colors.BAD)
            return
        # Its run can be the author replay a pack is published with only if it is a run of
        # the file as saved, from its own spawn (publish verifies it against that file).
        self.playtest_is_of_file = current and not from_cursor and not self.session.dirty
        self.playtests += 1
        self.app.notices.add("Playtest: Esc or F6 returns to the editor", colors.TEXT, 3.0)
        self.next = play

    def _play_scene(self, level: Level) -> PlayScene:
        """A play scene of the level as the editor has it: no records, ghost or LiveSplit (it
        is being made), the window's input and assists."""
        now, app = self.app.now, self.app
        view = now.world_view(level)
        play = PlayScene(level, app.input_source or app.device, view, now.assist)
        now.play, now.view = play, view
        return play

    # -- drawing --------------------------------------------------------------------------------

    def update(self, ticks: int) -> None:
        if self.inspector.entry is not None or ticks <= 0:
            return
        mods = pygame.key.get_mods()
        if mods & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            return
        pressed = pygame.key.get_pressed()
        dx = (pressed[pygame.K_RIGHT] or pressed[pygame.K_d]) - (
            pressed[pygame.K_LEFT] or pressed[pygame.K_a]
        )
        dy = (pressed[pygame.K_UP] or pressed[pygame.K_w]) - (
            pressed[pygame.K_DOWN] or pressed[pygame.K_s]
        )
        if dx or dy:
            step = PAN_SPEED * self.view.camera.view_width_m * ticks / 120
            self.view.pan_metres(dx * step, dy * step)

    def draw(self, surface, alpha: float, dt: float) -> None:
        level, problems = self.check()
        self.view.draw(surface, level)
        u = text.ui_scale(surface.get_size())
        self._draw_outlines(surface, problems)
        self._draw_palette(surface, u)
        self._draw_inspector(surface, problems)
        self._draw_bars(surface, problems, u)

    def _draw_outlines(self, surface, problems) -> None:
        bad = refs_with_problems(problems)
        cam = self.view.camera
        width = max(1, round(cam.scale * 0.03))
        chosen = set(self.selection)
        dx, dy = self.drag.delta if self.drag is not None else (0.0, 0.0)
        # Every placed thing from the sections' cached entry lists (reading them one by one
        # each frame cost about 5 ms on a 2,000-body level), then the spawn.
        things: list[tuple[Ref, dict]] = [
            ((s, i), entry) for s in shapes.PLACED for i, entry in enumerate(self.entries_of(s))
        ]
        things.append((shapes.SPAWN, self.entry(shapes.SPAWN)))
        shown_all = self.view.view.debug
        for ref, entry in things:
            selected = ref in chosen
            section = ref[0]
            # What the renderer does not show: a body waiting for its spawn action, and every
            # mover's path; the rest is outlined only when selected, broken or with F3.
            hidden = section in ("bodies", "movers")
            if not (selected or shown_all or hidden or ref in bad or ref == shapes.SPAWN):
                continue
            if section == "movers":
                offset = (dx, dy) if selected else (0.0, 0.0)
                path = [
                    cam.to_screen(x + offset[0], y + offset[1]) for x, y in shapes.path_of(entry)
                ]
                if len(path) >= 2:
                    for a, b in zip(path, path[1:], strict=False):
                        dashed_line(surface, (200, 210, 230), a, b, 1, max(4.0, 0.2 * cam.scale))
                    for p in path:
                        pygame.draw.circle(surface, (200, 210, 230), p, 3, 1)
            waiting = section == "bodies" and entry.get("spawned") is False
            if not (selected or shown_all or waiting or ref in bad or ref == shapes.SPAWN):
                continue
            points, closed = shapes.outline(section, entry)
            if not points:
                continue
            if selected and (dx or dy):
                points = [(x + dx, y + dy) for x, y in points]
            if selected:
                color, w = (120, 230, 255), width + 2
            elif ref in bad:
                color, w = colors.BAD, width + 1
            else:
                color, w = (200, 210, 230), width
            screen = [cam.to_screen(x, y) for x, y in points]
            if len(screen) == 1:
                pygame.draw.circle(surface, color, screen[0], 6, w)
            elif waiting and not selected:
                loop = [*screen, screen[0]]
                for a, b in zip(loop, loop[1:], strict=False):
                    dashed_line(surface, color, a, b, w, max(4.0, 0.1 * cam.scale))
            else:
                pygame.draw.lines(surface, color, closed, screen, w)
        bounds = shapes.rect(self.session.table("world").get("bounds"))
        if bounds is not None:  # beyond them the astronaut is lost in space
            x0, y0, x1, y1 = bounds
            corners = [cam.to_screen(x, y) for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))]
            for a, b in zip(corners, corners[1:] + corners[:1], strict=False):
                dashed_line(surface, (255, 150, 90), a, b, 1, 8.0)
        self._draw_handles(surface)
        if self.box is not None:
            (ax, ay), (bx, by) = self.box
            rect = pygame.Rect(min(ax, bx), min(ay, by), abs(ax - bx), abs(ay - by))
            pygame.draw.rect(surface, (120, 230, 255), rect, 1)
        if self.tool is not None:
            x, y = self.view.to_world(self.mouse)
            grid = self.view.grid
            sx, sy = cam.to_screen(shapes.snap(x, grid), shapes.snap(y, grid))
            pygame.draw.line(surface, colors.GOOD, (sx - 8, sy), (sx + 8, sy), 2)
            pygame.draw.line(surface, colors.GOOD, (sx, sy - 8), (sx, sy + 8), 2)

    def _draw_handles(self, surface) -> None:
        cam = self.view.camera
        moving = self.handle_drag[0] if self.handle_drag is not None else None
        for grabbed in self.handles():
            at = self.handle_drag[1] if grabbed == moving else grabbed.at
            x, y = cam.to_screen(*at)
            if grabbed.kind == "corner":
                diamond = [(x, y - 6), (x + 6, y), (x, y + 6), (x - 6, y)]
                pygame.draw.polygon(surface, (255, 220, 120), diamond)
                pygame.draw.polygon(surface, (30, 30, 40), diamond, 1)
            else:
                rect = pygame.Rect(round(x) - 5, round(y) - 5, 11, 11)
                pygame.draw.rect(surface, (255, 255, 255), rect)
                pygame.draw.rect(surface, (30, 30, 40), rect, 1)
            if grabbed == moving:
                pygame.draw.line(surface, (255, 220, 120), cam.to_screen(*grabbed.at), (x, y), 1)

    def _draw_palette(self, surface, u: float) -> None:
        width = round(PALETTE_WIDTH * u)
        top = round(TOP_BAR * u)
        line = round(30 * u)
        panel = pygame.Surface((width, line * len(KINDS) + round(40 * u)), pygame.SRCALPHA)
        panel.fill((8, 12, 24, 215))
        surface.blit(panel, (0, top))
        text.blit(surface, "Palette", round(18 * u), (round(10 * u), top + round(8 * u)))
        y = top + round(36 * u)
        self._palette_rects = []
        size = round(17 * u)
        for palette_kind in KINDS:
            rect = pygame.Rect(round(6 * u), y, width - round(12 * u), line - round(4 * u))
            chosen = self.tool is palette_kind
            pygame.draw.rect(
                surface, (60, 110, 170) if chosen else (30, 40, 62), rect, border_radius=4
            )
            text.blit(surface, palette_kind.key, size, (rect.x + 6, rect.y + 4), colors.TEXT_DIM)
            text.blit(surface, palette_kind.name, size, (rect.x + round(28 * u), rect.y + 4))
            self._palette_rects.append((rect, palette_kind))
            y += line

    def _draw_inspector(self, surface, problems) -> None:
        target = self.target
        inspector = self.inspector
        if target is None:
            inspector.show(None, {}, problems)
            inspector.rect = pygame.Rect(0, 0, 0, 0)
            if not self.selection:
                self._draw_overview(surface, problems)
            else:
                u = text.ui_scale(surface.get_size())
                x = surface.get_width() - round(Inspector.WIDTH * u)
                text.blit(
                    surface,
                    f"{len(self.selection)} selected",
                    round(18 * u),
                    (x + 10, round(TOP_BAR * u) + 10),
                )
            return
        entry = self.entry(target)
        inspector.show(target, entry, problems)
        title = shapes.describe(*target, entry)
        if target[1] is None:
            title = f"[{target[0]}]" if target != shapes.SPAWN else "[player] (spawn)"
        u = text.ui_scale(surface.get_size())
        inspector.draw(
            surface,
            title,
            round(TOP_BAR * u),
            ("+ objective", "+ trigger", "overview"),
        )

    def _draw_overview(self, surface, problems) -> None:
        bad = refs_with_problems(problems)
        lines: list = [(None, "Level", colors.TEXT)]
        for name in LEVEL_PAGES:
            present = bool(self.session.table(name))
            note = "" if present else "  (none: Tab or click to add)"
            color = colors.BAD if (name, None) in bad else colors.TEXT_DIM
            lines.append(((name, None), f"[{name}]{note}", color))
        for section, heading in (("objectives", "Objectives"), ("triggers", "Triggers")):
            entries = self.session.entries(section)
            lines.append((None, f"{heading} ({len(entries)})", colors.TEXT))
            for index, entry in enumerate(entries):
                if section == "objectives":
                    names = _names(entry, ("zone", "item", "body", "target"))
                    what = f"{entry.get('kind', '?')} {names}"
                else:
                    names = _names(entry, ("objective", "zone", "item"))
                    if entry.get("on") == "time":
                        names = f"{entry.get('seconds', 0)} s"
                    what = f"on {entry.get('on', '?')} {names}"
                label = entry.get("label") or entry.get("id") or ""
                color = colors.BAD if (section, index) in bad else colors.TEXT_DIM
                lines.append(((section, index), f"{index + 1}. {what}  {label}", color))
        u = text.ui_scale(surface.get_size())
        self.overview.draw(surface, round(TOP_BAR * u), lines, ("+ objective", "+ trigger"))

    def _draw_bars(self, surface, problems, u: float) -> None:
        width, height = surface.get_size()
        bar_h = round(TOP_BAR * u)
        bar = pygame.Surface((width, bar_h), pygame.SRCALPHA)
        bar.fill((8, 12, 24, 230))
        surface.blit(bar, (0, 0))
        size = round(17 * u)
        name = self.session.path.name
        mark = " *  unsaved" if self.session.dirty else ""
        text.blit(
            surface,
            f"{name}{mark}",
            size,
            (round(10 * u), round(6 * u)),
            colors.WARN if mark else colors.TEXT,
        )
        mx, my = self.view.to_world(self.mouse)
        warnings = sum(1 for p in problems if is_warning(p))
        errors = len(problems) - warnings
        state = f"{errors} problem(s)" if errors else "valid"
        if warnings:
            state += f", {warnings} warning(s)"
        info = f"x {mx:.2f}  y {my:.2f} m   grid {self.view.grid:g} m   {state}"
        color = colors.BAD if errors else colors.WARN if warnings else colors.GOOD
        text.blit(
            surface, info, size, (width - round(10 * u), round(6 * u)), color, anchor="topright"
        )
        bottom = pygame.Surface((width, round(30 * u)), pygame.SRCALPHA)
        bottom.fill((8, 12, 24, 230))
        surface.blit(bottom, (0, height - round(30 * u)))
        status = self.status or (
            "F5 play  Shift+P play from here  Ctrl+S save  Ctrl+Z undo  Ctrl+D duplicate  "
            "R rotate  G grid  Tab level  F3 shapes"
        )
        text.blit(
            surface,
            text.fit(status, size, width - 20),
            size,
            (round(10 * u), height - round(24 * u)),
            self.status_color if self.status else colors.TEXT_DIM,
        )
        if problems:
            small = round(15 * u)
            y = height - round(34 * u)
            left = round(PALETTE_WIDTH * u) + 10
            room = width - left - round(Inspector.WIDTH * u) - 20
            for problem in reversed(problems[:5]):
                line = f"{problem.field + ': ' if problem.field else ''}{problem.message}"
                if problem.line is not None:
                    line = f"line {problem.line}: {line}"
                y -= round(18 * u)
                color = colors.WARN if is_warning(problem) else colors.BAD
                if is_warning(problem):
                    line = f"warning: {line}"
                text.blit(surface, text.fit(line, small, room), small, (left, y), color)


@dataclass(frozen=True)
class LeaveEditor:
    """Hand-off: the modder leaves the editor."""


def _names(entry: dict, keys) -> str:
    return " ".join(str(entry[k]) for k in keys if entry.get(k))


def _path(ref: Ref) -> str:
    section, index = ref
    return section if index is None else f"{section}[{index}]"
