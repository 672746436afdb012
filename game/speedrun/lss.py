"""LiveSplit splits files (.lss): segments with their personal-best splits and best segments,
as LiveSplit 1.8 writes them (`<Run version="1.7.0">`), for `last-orbit splits`.

Pure: segment names and tick counts in, XML text out. Times are Game Time only, since the game
drives LiveSplit's game time (`setgametime`): the runner compares against Game Time. A level's
segments are its objectives; a full game's are its missions; either way a segment is
(name, PB split as cumulative ticks or None, best segment in ticks or None)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from game.speedrun.timefmt import ticks_to_ms

LSS_VERSION = "1.7.0"  # the Run version LiveSplit 1.8 writes
PERSONAL_BEST = "Personal Best"  # LiveSplit's name for the PB comparison

Segment = tuple[str, int | None, int | None]

# Characters XML 1.0 cannot hold at all, even escaped (a level name is the author's text).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def livesplit_time(ticks: int) -> str:
    """A .NET TimeSpan as LiveSplit writes it: [d.]hh:mm:ss[.fffffff], to the millisecond the
    game shows (`00:01:23.4560000`; whole seconds have no fraction: `00:01:23`)."""
    ms = ticks_to_ms(max(0, ticks))
    seconds, ms = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    text = f"{hours:02d}:{minutes:02d}:{seconds:02d}"
    if days:
        text = f"{days}.{text}"
    if ms:
        text += f".{ms * 10_000:07d}"
    return text


def escape(value: str) -> str:
    """Text for an XML element or a double-quoted attribute."""
    value = _NOT_XML.sub("", value)
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\r", "&#13;")  # kept as written: a parser turns a bare \r into \n
    )


def segments_from_records(
    names: Sequence[str], pb_splits: Sequence[int], best_segments: Sequence[int]
) -> list[Segment]:
    """The segments of a level's records: one per name, with the PB's split and the best
    segment where the records have one (records of another length leave the rest empty)."""
    return [
        (
            name,
            pb_splits[index] if index < len(pb_splits) else None,
            best_segments[index] if index < len(best_segments) else None,
        )
        for index, name in enumerate(names)
    ]


def lss_text(
    game_name: str,
    category_name: str,
    segments: Iterable[Segment],
    attempt_count: int = 0,
) -> str:
    """The splits file of these segments, in LiveSplit's layout."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<Run version="{LSS_VERSION}">',
        "  <GameIcon />",
        f"  <GameName>{escape(game_name)}</GameName>",
        f"  <CategoryName>{escape(category_name)}</CategoryName>",
        "  <LayoutPath />",
        "  <Metadata>",
        '    <Run id="" />',
        '    <Platform usesEmulator="False" />',
        "    <Region />",
        "    <Variables />",
        "  </Metadata>",
        f"  <Offset>{livesplit_time(0)}</Offset>",
        f"  <AttemptCount>{max(0, int(attempt_count))}</AttemptCount>",
        "  <AttemptHistory />",
        "  <Segments>",
    ]
    for name, pb_split, best_segment in segments:
        lines += [
            "    <Segment>",
            f"      <Name>{escape(name)}</Name>",
            "      <Icon />",
            "      <SplitTimes>",
            *_time_element("SplitTime", pb_split, f' name="{PERSONAL_BEST}"', "        "),
            "      </SplitTimes>",
            *_time_element("BestSegmentTime", best_segment, "", "      "),
            "      <SegmentHistory />",
            "    </Segment>",
        ]
    lines += ["  </Segments>", "  <AutoSplitterSettings />", "</Run>"]
    return "\n".join(lines) + "\n"


def _time_element(tag: str, ticks: int | None, attributes: str, indent: str) -> list[str]:
    if ticks is None:
        return [f"{indent}<{tag}{attributes} />"]
    return [
        f"{indent}<{tag}{attributes}>",
        f"{indent}  <GameTime>{livesplit_time(ticks)}</GameTime>",
        f"{indent}</{tag}>",
    ]
