"""Text from files (level names, ids, problems, replay fields) made safe to print on a terminal.

A downloaded level or replay can hold ESC sequences, C1 controls or bidi overrides that would
rewrite the user's terminal or disguise what is shown; every CLI print of file-derived text goes
through safe()."""

from __future__ import annotations

NAME_LIMIT = 200  # characters kept of a name or id
LINE_LIMIT = 1000  # characters kept of a whole message line (a path and a problem)


def escape_unprintable(text: str) -> str:
    """text with every non-printable character shown as a visible escape (\\x1b, \\n, \\u202e):
    always one line, never acting on a terminal."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def safe(text: object, limit: int = NAME_LIMIT) -> str:
    """text with every non-printable character (controls, ESC, C1, bidi and other format
    characters, line separators) shown as a visible escape such as \\x1b, and cut to limit
    characters with a note of the full length."""
    text = str(text)
    cut = len(text) > limit
    shown = escape_unprintable(text[:limit])
    return f"{shown}… ({len(text)} characters)" if cut else shown
