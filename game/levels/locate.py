"""Find the line of a field in TOML source, so field errors can point at the key.

tomllib gives no positions, so this scans the text: it finds the section header
(`[player]`, or the n-th `[[objectives]]`) and then the key below it. Good enough for the
hand-written layout level files use; where it cannot tell, the error has no line."""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"']+)\s*\]\]?")


def locate(text: str, section: str, index: int | None = None, key: str | None = None):
    """(line, col) of `section[index].key` in text, 1-based, or None."""
    lines = text.splitlines()
    seen = -1
    start = None
    for number, line in enumerate(lines):
        match = _HEADER.match(line)
        if not match or match.group(2).strip("\"'") != section:
            continue
        is_array = match.group(1) == "[["
        if index is None and not is_array:
            start = number
            break
        if index is not None and is_array:
            seen += 1
            if seen == index:
                start = number
                break
    if start is None:
        return None
    if key is None:
        return start + 1, lines[start].index("[") + 1
    key_re = re.compile(r"^\s*(\"?" + re.escape(key) + r"\"?)\s*=")
    for number in range(start + 1, len(lines)):
        line = lines[number]
        if _HEADER.match(line):
            break
        match = key_re.match(line)
        if match:
            return number + 1, match.start(1) + 1
    return start + 1, lines[start].index("[") + 1
