"""Problems found in a level file, reported as file:line:col: field.path: message."""

from __future__ import annotations

import difflib
import re
import sys
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from game.terminal_text import escape_unprintable


@dataclass(frozen=True)
class Problem:
    source: str
    message: str
    field: str = ""
    line: int | None = None
    col: int | None = None
    tag: ClassVar[str] = ""  # said before the field: " warning:" for a likely fault

    def __str__(self) -> str:
        where = self.source
        if self.line is not None:
            where += f":{self.line}:{self.col or 1}"
        field = f" {self.field}:" if self.field else ""
        # Control characters from the file (a newline in a quoted value, a NUL) escaped: one
        # problem is always one line of output.
        return escape_unprintable(f"{where}:{self.tag}{field} {self.message}")


class LevelError(Exception):
    """A level file that cannot be played; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


_TOML_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)")
_TOML_END = re.compile(r"\s*\(at end of document\)")


def toml_syntax_problem(source: str, error: Exception, text: str) -> Problem:
    """A TOML syntax error as a Problem that always has a line and column."""
    message = str(error)
    match = _TOML_POS.search(message)
    if match:
        line, col = int(match.group(1)), int(match.group(2))
        message = _TOML_POS.sub("", message)
    else:
        # tomllib says "at end of document": point just past the last character.
        lines = text.split("\n")
        line, col = len(lines), len(lines[-1]) + 1
        message = _TOML_END.sub("", message) + " (at the end of the file)"
    return Problem(source, f"TOML syntax error: {message.strip()}", line=line, col=col)


MAX_SHOWN_DIGITS = 20
MAX_SHOWN_CHARACTERS = 60


def shown(value) -> str:
    """A value from the file as a message quotes it: a number of thousands of digits or a string
    of thousands of characters is shortened, saying how long it was, so one problem stays one
    readable line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        try:
            digits = str(abs(value))
        except ValueError:  # past Python's limit on converting integers to text
            return f"an integer of more than {sys.get_int_max_str_digits():,} digits"
        if len(digits) <= MAX_SHOWN_DIGITS:
            return str(value)
        return f"{'-' if value < 0 else ''}{digits[:7]}…({len(digits):,} digits)"
    text = str(value)
    if len(text) <= MAX_SHOWN_CHARACTERS:
        return text
    return f"{text[:40]}…({len(text):,} characters)"


def suggestion(name: str, candidates: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for a near miss, else ''."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def parse_toml(text: str, source: str) -> dict:
    """TOML text as a dict, or LevelError naming what is wrong: a syntax error with its line and
    column, and the bombs a hostile file can hold (nesting too deep, integers of thousands of
    digits, too much to hold in memory)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LevelError([toml_syntax_problem(source, exc, text)]) from None
    except RecursionError:
        raise LevelError([Problem(source, "TOML nesting too deep")]) from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise LevelError([Problem(source, f"TOML value error: {exc}")]) from None
    except MemoryError:
        raise LevelError([Problem(source, "TOML too large to read")]) from None
