"""JSON from a player's file (a replay, a run file), read with bounded cost and clear
messages: numbers past 18 digits (Python's int() of thousands of digits is slow), infinities
and NaN are refused; nesting too deep, bad UTF-8 and syntax errors each say what is wrong.

Each caller names its file kind and its error type, so the messages read as its own."""

from __future__ import annotations

import json
import math

MAX_NUMBER_DIGITS = 18  # no field needs more; int() of 4,300+ digits raises ValueError


def parse(data: bytes, kind: str, error: type[Exception]):
    """The JSON document in `data`; `error(message)` for anything wrong. `kind` names the file
    for people ("replay", "run file")."""

    def whole(text: str) -> int:
        if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
            raise error(f"corrupt (a whole number of more than {MAX_NUMBER_DIGITS} digits)")
        return int(text)

    def real(text: str) -> float:
        value = float(text)
        if not math.isfinite(value):
            raise error("corrupt (a number too large to hold)")
        return value

    def constant(name: str):
        raise error(f"corrupt ({name} is not a number a {kind} can hold)")

    try:
        return json.loads(
            data.decode("utf-8"), parse_int=whole, parse_float=real, parse_constant=constant
        )
    except UnicodeDecodeError:
        raise error(f"not a {kind} (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise error(
            f"truncated or corrupt (JSON error at line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise error("corrupt (nested too deeply)") from None
    except ValueError:
        raise error("corrupt (a number that cannot be read)") from None
