"""Find the line of a field in TOML source, so field errors can point at the key.

tomllib gives no positions, so this scans the text: it finds the section header
(`[player]`, or the n-th `[[objectives]]`) and then the key below it. Good enough for the
hand-written layout level files use; where it cannot tell, the error has no line. The headers
are indexed once per text, so a file with thousands of problems is still checked quickly."""

from __future__ import annotations

import bisect
import functools
import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"']+)\s*\]\]?")


@functools.lru_cache(maxsize=4)
def _index(text: str):
    lines = text.splitlines()
    starts: list[int] = []
    headers: dict[tuple[str, bool], list[int]] = {}
    for number, line in enumerate(lines):
        match = _HEADER.match(line)
        if match:
            starts.append(number)
            key = (match.group(2).strip("\"'"), match.group(1) == "[[")
            headers.setdefault(key, []).append(number)
    return lines, starts, headers


def locate(text: str, section: str, index: int | None = None, key: str | None = None):
    """(line, col) of `section[index].key` in text, 1-based, or None."""
    lines, starts, headers = _index(text)
    found = headers.get((section, index is not None), [])
    position = 0 if index is None else index
    if position >= len(found):
        return None
    start = found[position]
    if key is None:
        return start + 1, lines[start].index("[") + 1
    key_re = re.compile(r"^\s*(\"?" + re.escape(key) + r"\"?)\s*=")
    after = bisect.bisect_right(starts, start)
    end = starts[after] if after < len(starts) else len(lines)
    for number in range(start + 1, end):
        match = key_re.match(lines[number])
        if match:
            return number + 1, match.start(1) + 1
    return start + 1, lines[start].index("[") + 1
