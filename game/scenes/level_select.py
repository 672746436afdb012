"""The level select: every level the game found, grouped by pack (the shipped campaign, the
benchmarks, the player's own levels and packs), each with its PB and par medal; a broken level
is listed with its first problem and cannot be started.

The list is on the left; the chosen level's details (description, par, PB, attempts, or what is
wrong with the file) on the right."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pygame

from game.bindings import ControlNames
from game.levels.catalog import CatalogEntry
from game.menu_model import HEADER, NOTE, Activate, Back, Item, Menu
from game.render import menus, palette, text
from game.render.hud import format_seconds, format_time
from game.scenes.base import GoTitle, OpenHistory, StartLevel
from game.scenes.menu import MenuScene
from game.speedrun.campaign import FullRunRecords
from game.speedrun.medals import medal_for
from game.speedrun.records import LevelRecords, level_content


@dataclass(frozen=True)
class LevelRow:
    """One level as the list shows it."""

    entry: CatalogEntry
    records: LevelRecords | None

    @property
    def pb_ticks(self) -> int | None:
        return self.records.pb_ticks if self.records is not None else None

    @property
    def medal(self) -> str | None:
        if self.entry.level is None:
            return None
        return medal_for(self.pb_ticks, self.entry.level.info.par_seconds)


def rows_for(entries: list[CatalogEntry], load_records) -> tuple[list[LevelRow], list[str]]:
    """Each entry with its records; messages about records files that had to be set aside."""
    rows, messages = [], []
    for entry in entries:
        rec = None
        if entry.valid:
            try:
                # Kept by content: an edited level's records are not the shipped one's.
                # By the file's own id: a pack level's `pack/id` is no records file name.
                rec, message = load_records(entry.level.info.id, level_content(entry.level))
            except (OSError, ValueError) as exc:
                rec, message = None, f"Records of {entry.id} could not be read: {exc}"
            if message:
                messages.append(message)
        rows.append(LevelRow(entry, rec))
    return rows, messages


HISTORY_KEY = pygame.K_TAB  # the chosen level's attempt history (game.scenes.history)
FULL_RUN_KEY = pygame.K_f  # a full run of the chosen level's pack (game.speedrun.campaign)


@dataclass(frozen=True)
class StartFullRun:
    """Hand-off: a full run of these levels of one pack, in order (game.navigation)."""

    entries: tuple[CatalogEntry, ...]
    pack: str


class LevelSelectScene(MenuScene):
    name = "level-select"

    def __init__(
        self,
        rows: list[LevelRow],
        backdrop,
        focus: str | None = None,
        user_folder: Path | None = None,
        full_runs: dict[Path, FullRunRecords] | None = None,
        names: ControlNames | None = None,
    ):
        super().__init__(backdrop)
        self.rows = rows
        self.names = names  # a level's text names the player's keys ({grab} -> SPACE)
        self.user_folder = user_folder
        self.full_runs = full_runs or {}  # each pack folder's full-run records
        self.message = ""
        items: list[Item] = []
        pack = None
        for index, row in enumerate(rows):
            group = pack_title(row.entry, user_folder)
            if group != pack:
                column = "personal best" if pack is None else ""
                items.append(Item(f"pack:{len(items)}", group, HEADER, column))
                pack = group
            items.append(_item(index, row))
        if not any(_is_users(row.entry, user_folder) for row in rows):
            items.append(Item("pack:yours", "Your levels", HEADER))
            where = str(user_folder) if user_folder is not None else "your levels folder"
            items.append(
                Item("note:yours", f"Put your own .toml levels (or packs) in {where}", NOTE)
            )
        if not rows:
            items.append(Item("none", "No levels found", enabled=False))
        focus_id = None
        if focus is not None:
            for index, row in enumerate(rows):
                if row.entry.id == focus and row.entry.valid:
                    focus_id = f"level:{index}"
                    break
        self.menu = Menu(items, selected=focus_id)

    @property
    def chosen(self) -> LevelRow | None:
        item_id = self.menu.selected_id or ""
        if item_id.startswith("level:"):
            return self.rows[int(item_id.split(":")[1])]
        return None

    def choose(self, choice) -> None:
        if isinstance(choice, Back):
            self.next = GoTitle()
            return
        if not isinstance(choice, Activate):
            return
        row = self.chosen
        if row is None:
            return
        if row.entry.is_pack_file:
            self.message = "This is the pack's pack.toml, not a level: fix it as shown above."
            return
        if not row.entry.valid:
            self.message = "This level cannot be played until its file is fixed (see above)."
            return
        self.next = StartLevel(row.entry)

    def handle(self, event, actions: list[str]) -> None:
        if event.type == pygame.KEYDOWN and event.key == HISTORY_KEY:
            row = self.chosen
            if row is not None and row.entry.valid:
                self.next = OpenHistory(row.entry)
            return
        if event.type == pygame.KEYDOWN and event.key == FULL_RUN_KEY:
            self._start_full_run()
            return
        before = self.menu.index
        super().handle(event, actions)
        if self.menu.index != before:
            self.message = ""

    def pack_of_chosen(self) -> tuple[tuple[CatalogEntry, ...], str] | None:
        """The levels (in order) and title of the chosen level's pack: its folder's levels."""
        row = self.chosen
        if row is None:
            return None
        folder = row.entry.path.parent
        entries = tuple(r.entry for r in self.rows if r.entry.path.parent == folder)
        return entries, pack_title(row.entry, self.user_folder)

    def _start_full_run(self) -> None:
        pack = self.pack_of_chosen()
        if pack is not None and any(entry.valid for entry in pack[0]):
            self.next = StartFullRun(*pack)

    # -- drawing ----------------------------------------------------------------------------------

    def _named(self, text_with_names: str) -> str:
        return self.names.fill(text_with_names) if self.names is not None else text_with_names

    def draw(self, surface, alpha: float, dt: float) -> None:
        self.draw_backdrop(surface, alpha, dt)
        details, u = menus.list_and_details(
            surface, "Level select", self.menu, 640, row_h=42, size=27, details_pad_x=48
        )
        self._draw_detail(surface, details, u)
        menus.hints(
            surface,
            "arrows / d-pad choose    Enter / A play    Tab attempts & practice    "
            f"F {self._full_run_hint()}    Esc / B back",
            u,
        )

    def _full_run_hint(self) -> str:
        pack = self.pack_of_chosen()
        return f"full run of {text.fit(pack[1], 20, 260)}" if pack else "full run of a pack"

    def _draw_detail(self, surface, box: pygame.Rect, u: float) -> None:
        row = self.chosen
        x, y = box.left, box.top
        if row is None:
            text.blit(surface, "No level chosen", round(30 * u), (x, y), palette.TEXT_DIM)
            return
        entry = row.entry
        level = entry.level
        name = entry.name
        size = round(40 * u)
        for line in text.wrap(name, size, box.width)[:2]:
            y = text.blit(surface, line, size, (x, y), palette.TEXT).bottom
        where = pack_title(entry, self.user_folder)
        if level is not None and level.info.author:
            where += f"  \u00b7  by {level.info.author}"
        y = text.blit(surface, where, round(21 * u), (x, y + round(4 * u)), palette.TEXT_DIM).bottom
        if entry.clash:  # its id is a shipped level's: say which one 'play ID' means
            for line in text.wrap(f"Clash: {entry.clash}", round(20 * u), box.width)[:3]:
                y = text.blit(
                    surface, line, round(20 * u), (x, y + round(4 * u)), palette.WARN
                ).bottom
        y += round(18 * u)
        if level is None:
            what = "BROKEN PACK FILE" if entry.is_pack_file else "BROKEN LEVEL FILE"
            text.blit(surface, what, round(24 * u), (x, y), palette.BAD)
            y += round(32 * u)
            for line in text.wrap(entry.error or "", round(22 * u), box.width)[:8]:
                y = text.blit(surface, line, round(22 * u), (x, y), palette.TEXT).bottom
            y += round(12 * u)
            text.blit(
                surface,
                text.fit(str(entry.path), round(18 * u), box.width),
                round(18 * u),
                (x, y),
                palette.TEXT_DIM,
            )
            y += round(28 * u)
            for line in text.wrap(
                "Fix the file (last-orbit validate FILE lists every problem) and come back.",
                round(20 * u),
                box.width,
            ):
                y = text.blit(surface, line, round(20 * u), (x, y), palette.TEXT_DIM).bottom
            self._draw_message(surface, box, u)
            return
        info = level.info
        if info.description:
            description = self._named(info.description)
            for line in text.wrap(description, round(22 * u), box.width)[:5]:
                y = text.blit(surface, line, round(22 * u), (x, y), (206, 212, 226)).bottom
            y += round(16 * u)
        y = _stat(surface, x, y, box.width, "Par", format_seconds(info.par_seconds), u)
        rec = row.records
        if row.pb_ticks is not None:
            y = _stat(
                surface,
                x,
                y,
                box.width,
                "Personal best",
                format_time(row.pb_ticks),
                u,
                palette.GOLD,
            )
            medal = row.medal
            if medal is not None:
                right = box.right
                menus.medal(surface, (right - round(14 * u), y - round(17 * u)), 11 * u, medal)
                text.blit(
                    surface,
                    f"{medal} medal",
                    round(21 * u),
                    (right - round(34 * u), y - round(17 * u)),
                    menus.MEDAL_COLORS[medal],
                    "midright",
                )
            best = rec.sum_of_best() if rec is not None else None
            if best is not None:
                y = _stat(surface, x, y, box.width, "Sum of best", format_time(best), u)
        else:
            y = _stat(surface, x, y, box.width, "Personal best", "none yet", u, palette.TEXT_DIM)
        if rec is not None and rec.attempts:
            y = _stat(
                surface, x, y, box.width, "Runs finished", f"{rec.completions} of {rec.attempts}", u
            )
        full = self.full_runs.get(entry.path.parent)
        if full is not None and full.started:  # the pack's full runs, once there is one
            if full.pb_ticks is not None:
                best, color = format_time(full.pb_ticks), palette.GOLD
            else:
                best, color = f"none yet ({full.started} started)", palette.TEXT_DIM
            y = _stat(surface, x, y, box.width, "Full run PB", best, u, color)
        y += round(10 * u)
        order = "in any order" if getattr(info, "order", "sequence") == "any" else "in order"
        count = len(level.objectives)
        heading = (
            f"{count} objective{'s' if count != 1 else ''}, {order}" if count > 1 else "Objective"
        )
        text.blit(surface, heading, round(21 * u), (x, y), palette.TEXT_DIM)
        y += round(28 * u)
        for number, objective in enumerate(level.objectives[:5], start=1):
            label = self._named(objective.label) or objective.id or objective.kind
            line = text.fit(f"{number}.  {label}", round(22 * u), box.width)
            text.blit(surface, line, round(22 * u), (x, y), palette.OBJECTIVE)
            y += round(28 * u)
        self._draw_message(surface, box, u)
        text.blit(
            surface,
            "Enter, A or a click: play",
            round(22 * u),
            (box.left, box.bottom),
            menus.ACCENT,
            "bottomleft",
        )

    def _draw_message(self, surface, box: pygame.Rect, u: float) -> None:
        if self.message:
            menus.message_line(surface, self.message, (box.centerx, box.bottom - round(50 * u)), u)


def _item(index: int, row: LevelRow) -> Item:
    entry = row.entry
    if not entry.valid:
        return Item(
            f"level:{index}",
            entry.name,
            value="broken",
            color=palette.BAD,
            detail=entry.error or "",
        )
    value = format_time(row.pb_ticks) if row.pb_ticks is not None else "\u2014"
    return Item(f"level:{index}", entry.name, value=value, badge=row.medal or "")


def _stat(surface, x, y, width, label, value, u, color=palette.TEXT) -> int:
    size = round(24 * u)
    text.blit(surface, label, size, (x, y), palette.TEXT_DIM)
    text.blit(surface, value, size, (x + round(200 * u), y), color)
    return y + round(34 * u)


def _is_users(entry: CatalogEntry, user_folder: Path | None) -> bool:
    return user_folder is not None and user_folder in entry.path.parents


def pack_title(entry: CatalogEntry, user_folder: Path | None) -> str:
    """The pack's title; the player's own loose levels are "Your levels"."""
    if user_folder is not None and entry.path.parent == user_folder:
        return "Your levels"
    return entry.pack
