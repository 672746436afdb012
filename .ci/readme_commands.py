"""Print the README's install-and-play and test commands, one a line, exactly as written.

They are the lines of README.md's first ```sh block; .ci/run runs each of them in one shell.
    python3 .ci/readme_commands.py README.md
"""

from __future__ import annotations

import sys
from pathlib import Path

FENCE_OPEN = "```sh"
FENCE_CLOSE = "```"


def readme_commands(text: str) -> list[str]:
    """The non-blank lines of the first ```sh block (an empty list if there is none)."""
    lines = text.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == FENCE_OPEN) + 1
    except StopIteration:
        return []
    commands = []
    for line in lines[start:]:
        if line.strip() == FENCE_CLOSE:
            break
        if line.strip():
            commands.append(line.rstrip())
    return commands


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[1] / "README.md"
    for command in readme_commands(path.read_text(encoding="utf-8")):
        print(command)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
