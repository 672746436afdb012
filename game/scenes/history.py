"""A level's attempt history, reached from the level select (Tab): every attempt kept, newest
first, with its date, time, outcome (completed, failed and why, reset), assist and PB mark;
above them, practice from any split of the PB.

Enter on an attempt watches it (Esc comes back here); Enter on a split practises from it; Esc
goes back to the level select on the same level. The list is read from the replay files'
headers (game.speedrun.attempts.attempt_history); this scene only shows it."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.levels.catalog import CatalogEntry
from game.menu_model import HEADER, NOTE, Activate, Back, Item, Menu
from game.render import menus, palette, text
from game.render.hud import format_time
from game.scenes.base import GoLevelSelect, StartPractice, WatchAttempt
from game.scenes.menu import MenuScene
from game.speedrun.attempts import COMPLETED, FAILED, RESET, AttemptEntry, AttemptHistory
from game.speedrun.practice import practice_splits
from game.speedrun.replay import Replay

OUTCOME_COLORS = {
    COMPLETED: palette.GOOD,
    FAILED: palette.BAD,
    RESET: palette.TEXT_DIM,
}


@dataclass(frozen=True)
class PracticeChoice:
    """A split of the PB to practise from."""

    index: int  # 0-based split
    label: str  # the objective done at it
    ticks: int  # the PB's time at it


def practice_choices(level, pb: Replay | None) -> list[PracticeChoice]:
    """The splits of the PB a practice can start from (all but the last), labelled with the
    objective done at each when the level's objectives come in order (else by number)."""
    if pb is None:
        return []
    in_order = getattr(level.info, "order", "sequence") != "any"
    labels = [o.label or "" for o in level.objectives] if in_order else []
    splits = pb.result.splits
    return [
        PracticeChoice(k, labels[k] if k < len(labels) and labels[k] else f"split {k + 1}", t)
        for k, t in enumerate(splits[: practice_splits(pb)])
    ]


def attempt_row(entry: AttemptEntry) -> tuple[str, str, tuple]:
    """(label, value, colour) of an attempt in the list."""
    label = f"{entry.when_text}   {entry.outcome_text}"
    if entry.assisted:
        label += "   assisted"
    if entry.is_pb:
        label = f"PB   {label}"
    value = format_time(entry.ticks) if entry.readable else "\u2014"
    color = palette.GOLD if entry.is_pb else OUTCOME_COLORS.get(entry.outcome, palette.WARN)
    return label, value, color


class HistoryScene(MenuScene):
    name = "history"

    def __init__(
        self,
        entry: CatalogEntry,
        history: AttemptHistory,
        backdrop,
        practice: list[PracticeChoice] | None = None,
        practice_note: str | None = None,
        focus: str | None = None,
    ):
        super().__init__(backdrop)
        self.entry = entry
        self.history = history
        self.practice = practice or []
        self.practice_note = practice_note
        self.message = ""
        items: list[Item] = [Item("head:practice", "Practice from a split of the PB", HEADER)]
        for choice in self.practice:
            items.append(
                Item(
                    f"practice:{choice.index}",
                    f"Practice from split {choice.index + 1}: {choice.label}",
                    value=format_time(choice.ticks),
                    color=palette.OBJECTIVE,
                )
            )
        if not self.practice:
            items.append(Item("note:practice", practice_note or "No split to practise from", NOTE))
        plural = "s" if history.attempts != 1 else ""
        count = f"{history.attempts} attempt{plural}, {history.completions} completed"
        if history.total_files > history.attempts:
            count += f" (newest {history.attempts} of {history.total_files})"
        items.append(Item("head:attempts", count, HEADER, "time"))
        for number, attempt in enumerate(history.entries):
            label, value, color = attempt_row(attempt)
            items.append(Item(f"attempt:{number}", label, value=value, color=color))
        if not history.entries:
            items.append(Item("note:none", "No attempts kept yet: play the level.", NOTE))
        focus_id = None
        if focus is not None:
            for number, attempt in enumerate(history.entries):
                if attempt.name == focus:
                    focus_id = f"attempt:{number}"
        if focus_id is None and history.entries:
            focus_id = "attempt:0"
        self.menu = Menu(items, selected=focus_id)

    @property
    def chosen(self) -> AttemptEntry | PracticeChoice | None:
        item_id = self.menu.selected_id or ""
        kind, _, number = item_id.partition(":")
        if kind == "attempt":
            return self.history.entries[int(number)]
        if kind == "practice":
            return next((c for c in self.practice if c.index == int(number)), None)
        return None

    def choose(self, choice) -> None:
        if isinstance(choice, Back):
            self.next = GoLevelSelect(self.entry.id)
            return
        if not isinstance(choice, Activate):
            return
        chosen = self.chosen
        if isinstance(chosen, PracticeChoice):
            self.next = StartPractice(self.entry, chosen.index)
        elif isinstance(chosen, AttemptEntry):
            if not chosen.readable:
                self.message = "This replay cannot be read, so it cannot be watched."
            else:
                self.next = WatchAttempt(self.entry, chosen.path)

    def handle(self, event, actions: list[str]) -> None:
        before = self.menu.index
        super().handle(event, actions)
        if self.menu.index != before:
            self.message = ""

    # -- drawing ----------------------------------------------------------------------------------

    def draw(self, surface, alpha: float, dt: float) -> None:
        self.draw_backdrop(surface, alpha, dt)
        details, u = menus.list_and_details(
            surface,
            f"Attempts: {self.entry.name}",
            self.menu,
            760,
            row_h=36,
            size=22,
            details_pad_x=40,
        )
        self._draw_detail(surface, details, u)
        menus.hints(
            surface,
            "arrows choose    Enter watch / practise    Esc back to the level select",
            u,
        )

    def _draw_detail(self, surface, box: pygame.Rect, u: float) -> None:
        x, y = box.left, box.top
        chosen = self.chosen
        size = round(22 * u)

        def line(label: str, color=palette.TEXT, big: int = 22) -> None:
            nonlocal y
            for part in text.wrap(label, round(big * u), box.width)[:4]:
                y = text.blit(surface, part, round(big * u), (x, y), color).bottom

        if isinstance(chosen, AttemptEntry):
            line(chosen.when_text, palette.TEXT_DIM)
            if chosen.readable:
                line(format_time(chosen.ticks), palette.TEXT, 40)
            line(chosen.outcome_text, OUTCOME_COLORS.get(chosen.outcome, palette.WARN))
            if chosen.is_pb:
                line("personal best", palette.GOLD)
            if chosen.assisted:
                line("assisted (never a PB)", palette.WARN)
            elif chosen.readable:
                line("unassisted", palette.TEXT_DIM)
            if chosen.readable and chosen.level_sha256 != self._sha256:
                line("recorded on another version of this level", palette.WARN)
            y += round(10 * u)
            text.blit(
                surface, text.fit(chosen.name, size, box.width), size, (x, y), palette.TEXT_DIM
            )
            prompt = "Enter: watch it" if chosen.readable else ""
        elif isinstance(chosen, PracticeChoice):
            line(f"Split {chosen.index + 1}: {chosen.label}", palette.OBJECTIVE, 26)
            line(f"PB time there {format_time(chosen.ticks)}", palette.TEXT_DIM)
            y += round(10 * u)
            line(
                "The level starts where your PB stood at this split (its inputs re-run up to "
                "it). R starts again from here. Practice runs are never a PB and are not kept.",
                palette.TEXT,
                20,
            )
            prompt = "Enter: practise from here"
        else:
            line(self.practice_note or "Nothing chosen", palette.TEXT_DIM)
            prompt = ""
        if self.message:
            menus.message_line(surface, self.message, (box.centerx, box.bottom - round(50 * u)), u)
        if prompt:
            text.blit(surface, prompt, size, (box.left, box.bottom), menus.ACCENT, "bottomleft")

    @property
    def _sha256(self) -> str | None:
        level = self.entry.level
        return level.sha256 if level is not None else None
