"""The command line (DESIGN.md §7): a contract that scripts and CI rely on."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from game import __version__
from game.terminal_text import LINE_LIMIT, safe

EPILOG = """\
examples:
  last-orbit                       the title screen: campaign, level select, settings
  last-orbit play arrival          play a level by id
  last-orbit play my-level.toml    play any level file by path (F5 or a save reloads it)
  last-orbit play arrival --livesplit
                                   with LiveSplit's server (localhost:16834) following
  last-orbit play --campaign       a full run of the shipped campaign: one time, every attempt
  last-orbit play --pack DIR       a full run of the pack in DIR (a folder with pack.toml)
  last-orbit replay run.replay     watch a replay (Space pause, [ ] speed)
  last-orbit splits arrival --lss arrival.lss
                                   a level's PB splits and best segments for LiveSplit
  last-orbit splits --campaign --lss full.lss
                                   the same for the full run (one segment per mission)
  last-orbit edit my-level.toml    the level editor (F5 playtests, Ctrl+S saves)
  last-orbit edit --new my-level   a new level in your user folder, opened in the editor
  last-orbit levels --json         list every level found, with errors for broken ones
  last-orbit levels --bench        the same with the benchmark levels
  last-orbit validate levels/*.toml
  last-orbit schema > level.schema.json
  last-orbit pack publish my-pack/ -o my-pack.zip
                                   a pack whose author finished every level, as one archive
  last-orbit pack install my-pack.zip
                                   install it: its levels are then my-pack/<level-id>
  last-orbit replay run.replay --verify
  last-orbit replay --verify --jobs 0 submissions/
                                   verify every replay in a folder on every core
  last-orbit bench --json          measure the performance budgets on this machine
  last-orbit difficulty --markdown the difficulty table (docs/DIFFICULTY.md)
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="last-orbit",
        description="Last Orbit: a zero-g arcade game of the missions in the film I.S.S.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"last-orbit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = sub.add_parser(
        "play",
        help="play a level by id or path",
        description="Open the game window straight into a level. LEVEL is a level id "
        "(see 'last-orbit levels') or the path to a .toml level file. A level file is "
        "watched while you play: F5 reloads it, saving it reloads it, and a broken edit "
        "shows its problems in the window. F3 shows the debug overlay, H the PB ghost.",
    )
    play.add_argument("level", nargs="?", metavar="LEVEL", help="level id or path to a .toml file")
    play.add_argument(
        "--campaign",
        action="store_true",
        help="a full run of the shipped campaign: every mission in order, one time from the "
        "first input to the last objective, failed and restarted attempts included",
    )
    play.add_argument(
        "--pack",
        metavar="DIR",
        help="a full run of the pack in DIR (a folder of levels, in its pack.toml's order)",
    )
    speedrun = play.add_argument_group("speedrunning")
    speedrun.add_argument(
        "--livesplit",
        nargs="?",
        const="",
        metavar="HOST:PORT",
        help="drive LiveSplit's server (default localhost:16834): start, splits, reset, game time",
    )
    speedrun.add_argument("--no-ghost", action="store_true", help="don't race the PB ghost")
    speedrun.add_argument(
        "--save-failed",
        action="store_true",
        help="also save the replays of failed runs (completed runs are always saved)",
    )
    assist = play.add_argument_group("assists (an assisted run is never a PB)")
    assist.add_argument(
        "--assist-speed",
        type=_assist_speed,
        metavar="0.5..0.9",
        help="slow motion: the world itself runs slower (0.5: half speed); the run's time is "
        "the real time played",
    )
    assist.add_argument("--infinite-o2", action="store_true", help="never run out of oxygen")
    _window_options(play)

    edit = sub.add_parser(
        "edit",
        help="the level editor",
        description="Open the level editor on a level (by id or path), or on a new level "
        "made in your user levels folder with --new ID. The level is drawn as the game draws "
        "it; F5 playtests from the spawn, Shift+P from the mouse, Esc comes back; Ctrl+S "
        "saves, keeping your comments and formatting.",
    )
    edit.add_argument("level", nargs="?", metavar="LEVEL", help="level id or path to a .toml file")
    edit.add_argument("--new", metavar="ID", help="make a new level with this id and edit it")
    _window_options(edit)

    levels = sub.add_parser(
        "levels",
        help="list every level found",
        description="List the shipped levels and the levels in your user folder, in pack "
        "order, with the first problem of any broken one.",
    )
    levels.add_argument("--json", action="store_true", help="print a JSON array instead")
    levels.add_argument(
        "--bench",
        action="store_true",
        help="also list the benchmark levels (never shown to players; 'play' finds them by id)",
    )

    validate = sub.add_parser(
        "validate",
        help="check level files",
        description="Check level files and print every problem as "
        "file:line:col: field.path: message, then whether each level can be won: certain "
        "faults are errors, likely ones 'warning:' lines (levels/README.md: Winnable levels). "
        "Exit 0 if all are valid, 1 otherwise (warnings only with --strict).",
    )
    validate.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="level files, pack.toml files, or folders (their .toml files, pack.toml too)",
    )
    validate.add_argument(
        "--upgrade",
        action="store_true",
        help="first rewrite level files written for an older format in place, keeping "
        "comments and layout (levels/README.md: Format versions)",
    )
    validate.add_argument(
        "--strict", action="store_true", help="fail on warnings too (exit 1 if there are any)"
    )

    replay = sub.add_parser(
        "replay",
        help="watch or verify replays",
        description="Watch a replay in the window, or with --verify re-run replays and "
        "full-game run files headless (files, and folders searched for *.replay and *.run) and "
        "print one JSON line for each: file, level, level_sha256, completed, ticks, "
        "time_seconds, splits, assisted, official, physics, verified (a run file's line has "
        '"kind": "full-run", its pack, missions and attempts, and names the attempt that '
        "fails). Exit 0 all verified, 1 a desync or result mismatch (naming the first bad "
        "tick), 2 an unreadable file, unknown level, level changed since the run or physics "
        "mismatch; with many files, the highest of theirs.",
    )
    replay.add_argument(
        "files",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="a .replay file; with --verify any number of .replay and .run files and folders",
    )
    replay.add_argument("--verify", action="store_true", help="verify headless, fast")
    replay.add_argument(
        "--jobs",
        type=_whole_number,
        default=1,
        metavar="N",
        help="with --verify: processes verifying at once (default 1; 0: every core)",
    )
    replay.add_argument(
        "--level",
        type=Path,
        metavar="LEVEL_FILE",
        help="the level file it was recorded on (default: found by id)",
    )
    _window_options(replay)

    splits = sub.add_parser(
        "splits",
        help="export a level's or a full run's splits for LiveSplit",
        description="Write a LiveSplit splits file (.lss) of a level (one segment per "
        "objective) or of a pack's full run (--campaign, --pack DIR: one segment per "
        "mission), with your PB's splits and your best segments (from your records) as Game "
        "Time. Open it in LiveSplit and set Compare Against to Game Time. Exit 2 for an "
        "unknown or broken level, 1 when the file cannot be written.",
    )
    splits.add_argument(
        "level", metavar="LEVEL", nargs="?", help="level id or path to a .toml file"
    )
    whole = splits.add_mutually_exclusive_group()
    whole.add_argument(
        "--campaign",
        action="store_true",
        help="the shipped campaign's full run instead: one segment per mission",
    )
    whole.add_argument(
        "--pack", type=Path, metavar="DIR", help="the full run of the pack in DIR instead"
    )
    splits.add_argument(
        "--lss", required=True, metavar="FILE", help="the .lss file to write ('-': stdout)"
    )

    _pack_parser(sub)

    sub.add_parser(
        "schema",
        help="print the level JSON Schema",
        description="Print the JSON Schema of the level format on stdout (for editors and "
        "tools; levels/schema.json is the same).",
    )

    bench = sub.add_parser(
        "bench",
        help="measure the performance budgets",
        description="Measure headless simulation speed, tick overhead over bare pymunk, "
        "drawing time per frame and startup time on this machine (DESIGN.md §8).",
    )
    bench.add_argument("--json", action="store_true", help="print one JSON document")
    bench.add_argument("--quick", action="store_true", help="fewer repeats (less precise)")

    difficulty = sub.add_parser(
        "difficulty",
        help="measure each level's difficulty with simulated players",
        description="Fly each level's solution route with simulated players (reaction delay, "
        "aim and timing errors: docs/DIFFICULTY.md) and print per level the share who "
        "finish, their median time against par and the commonest failures, then the "
        "campaign's goals met or missed. Headless; the same command gives the same table.",
    )
    difficulty.add_argument(
        "levels", nargs="*", metavar="LEVEL", help="level ids (default: the campaign, in order)"
    )
    difficulty.add_argument(
        "--players", type=_positive_int, default=None, metavar="N", help="players per level"
    )
    difficulty.add_argument(
        "--jobs", type=_positive_int, default=None, metavar="N", help="processes (default: cores)"
    )
    output = difficulty.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print one JSON document")
    output.add_argument("--markdown", action="store_true", help="print a Markdown table")
    return parser


def _pack_parser(sub) -> None:
    pack = sub.add_parser(
        "pack",
        help="publish a pack of levels as one archive, or install one",
        description="Publish a pack folder as one archive others can install, or install one "
        "into your levels folder (levels/README.md: Publishing and installing a pack).",
    )
    action = pack.add_subparsers(dest="pack_command", metavar="ACTION", required=True)
    publish = action.add_parser(
        "publish",
        help="check a pack folder and write its archive",
        description="Check every level of the pack in DIR (as 'validate' does, pack.toml too) "
        "and that each has an author replay, DIR/replays/<level-id>.replay, a completed "
        "unassisted run that verifies on that exact level; then write one .zip with the "
        "levels, pack.toml, the backdrops they use, the author replays and a manifest (title, "
        "author, version, each level's SHA-256 and author time). Exit 0 written, 1 the pack "
        "cannot be published (every reason said), 2 the archive cannot be written.",
    )
    publish.add_argument("folder", type=Path, metavar="DIR", help="the pack folder")
    publish.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="the archive to write (default: <pack-name>-<version>.zip here)",
    )
    install = action.add_parser(
        "install",
        help="install a published pack into your levels folder",
        description="Install a pack archive into your levels folder under the pack's name; "
        "its levels are then 'pack-name/level-id'. The whole archive is checked first (names, "
        "sizes, the manifest's hashes, every level and author replay); anything wrong is "
        "refused with one line and exit 2, and nothing is written.",
    )
    install.add_argument("file", type=Path, metavar="FILE", help="a .zip from 'pack publish'")
    install.add_argument(
        "--replace",
        action="store_true",
        help="replace an installed version of the same pack (refused if you keep files of "
        "your own in its folder)",
    )


def _window_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("testing and benchmarking")
    group.add_argument("--frames", type=int, metavar="N", help="quit after N frames")
    group.add_argument("--screenshot", type=Path, metavar="PNG", help="save the last frame to PNG")
    group.add_argument("--report-first-frame", action="store_true", help=argparse.SUPPRESS)


def _int_at_least(minimum: int):
    """An argparse type: a whole number of at least `minimum`, with a message that says so."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: '{text}'") from None
        if value < minimum:
            least = "0 or more" if minimum == 0 else f"at least {minimum}"
            raise argparse.ArgumentTypeError(f"must be {least}, not {value}")
        return value

    return parse


_whole_number = _int_at_least(0)
_positive_int = _int_at_least(1)


def _assist_speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: '{text}'") from None
    if not 0.5 <= value <= 0.9:
        raise argparse.ArgumentTypeError(f"the assist speed is 0.5 to 0.9, not {value:g}")
    return value


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command is None:
            return _cmd_title()
        return {
            "play": _cmd_play,
            "edit": _cmd_edit,
            "levels": _cmd_levels,
            "validate": _cmd_validate,
            "schema": _cmd_schema,
            "replay": _cmd_replay,
            "splits": _cmd_splits,
            "pack": _cmd_pack,
            "bench": _cmd_bench,
            "difficulty": _cmd_difficulty,
        }[args.command](args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`last-orbit replay --verify DIR | head`): stop quietly, and
        # keep Python from complaining again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


# The README's `last-orbit` has no room for --frames, yet CI runs it as written: this variable
# makes any window quit after N frames (an explicit --frames wins).
EXIT_AFTER_FRAMES_ENV = "LAST_ORBIT_EXIT_AFTER_FRAMES"


def _exit_after_frames() -> int | None:
    text = os.environ.get(EXIT_AFTER_FRAMES_ENV, "").strip()
    if not text:
        return None
    try:
        frames = int(text)
    except ValueError:
        frames = 0
    if frames < 1:
        print(
            f"last-orbit: ignoring {EXIT_AFTER_FRAMES_ENV}={text!r} (not a whole number 1 or more)",
            file=sys.stderr,
        )
        return None
    return frames


def _cmd_title() -> int:
    """The game as a player starts it: the title screen and the menus."""
    from game.settings import load_settings

    settings, messages = load_settings()
    from game.app import open_window
    from game.modes.title import Title

    return open_window(
        Title(),
        settings=settings,
        persist_settings=True,
        notices=messages,
        max_frames=_exit_after_frames(),
    )


def _pack_levels(folder: Path | None, missing_exit: int = 2):
    """(the playable levels of the pack in `folder` in its order, its title), or an exit code;
    None is the shipped campaign. Broken levels are said and left out."""
    from game.levels.catalog import scan_folder
    from game.paths import shipped_levels_dir

    folder = folder if folder is not None else shipped_levels_dir()
    if not folder.is_dir():
        print(f"last-orbit: no folder {safe(folder, LINE_LIMIT)}", file=sys.stderr)
        return 2
    entries = scan_folder(folder)
    for entry in entries:
        if entry.is_pack_file:  # said, not skipped: the levels are still played
            print(f"last-orbit: broken pack file: {safe(entry.error, LINE_LIMIT)}", file=sys.stderr)
        elif not entry.valid:
            print(
                f"last-orbit: skipping broken level {safe(entry.path, LINE_LIMIT)}: "
                f"{safe(entry.error, LINE_LIMIT)}",
                file=sys.stderr,
            )
    levels = [entry.level for entry in entries if entry.valid]
    if not levels:
        print("last-orbit: no playable level found", file=sys.stderr)
        return missing_exit
    return levels, next(entry.pack for entry in entries)


def _cmd_campaign(args=None, folder: Path | None = None) -> int:
    """A full run of the pack in `folder` (default: the shipped campaign)."""
    found = _pack_levels(folder, missing_exit=1)
    if isinstance(found, int):
        return found
    levels, pack = found
    try:
        speedrun, assist, window = _play_options(args)
    except ValueError as exc:
        print(f"last-orbit: {exc}", file=sys.stderr)
        return 2
    from game.app import open_window
    from game.modes.campaign import PlayCampaign

    starter = PlayCampaign(levels, speedrun=speedrun, assist=assist, pack=pack)
    return open_window(starter, **window)


def _cmd_play(args) -> int:
    from game.levels.catalog import find_level

    if args.campaign or args.pack is not None:
        if args.level is not None or (args.campaign and args.pack is not None):
            print("last-orbit: give one of LEVEL, --campaign or --pack DIR", file=sys.stderr)
            return 2
        return _cmd_campaign(args, Path(args.pack) if args.pack is not None else None)
    if args.level is None:
        hint = " (LEVEL goes before --livesplit)" if args.livesplit is not None else ""
        print(f"last-orbit play: give a LEVEL (id or file) or --campaign{hint}", file=sys.stderr)
        return 2
    path = find_level(args.level)
    if path is None:
        print(f"last-orbit: {_no_level(args.level)}", file=sys.stderr)
        return 2
    return _play_path(path, args)


def _no_level(name: str) -> str:
    """'no level X (did you mean Y?)'; a pack level's own id suggests its `pack-name/id`."""
    from game.levels.catalog import pack_names_for, scan_all
    from game.levels.problems import suggestion

    entries = scan_all(bench=True)
    in_packs = pack_names_for(name, entries)
    if in_packs:
        hint = f" (did you mean '{in_packs[0]}'? a pack's levels go by pack-name/level-id)"
    else:
        hint = suggestion(name, [entry.id for entry in entries])
    return f"no level '{safe(name)}'{safe(hint)}; 'last-orbit levels' lists them"


def _play_options(args) -> tuple:
    """(speedrun options, assist, open_window keywords) from the saved settings, overridden
    by the play options given (the settings alone when args is None); raises ValueError for
    a bad LiveSplit address."""
    from game.settings import load_settings
    from game.speedrun.livesplit import parse_address
    from game.speedrun.replay import Assist
    from game.speedrun.session import SpeedrunOptions

    settings, messages = load_settings()
    livesplit = getattr(args, "livesplit", None)
    if livesplit is None and settings.livesplit:
        livesplit = settings.livesplit_address
    address = parse_address(livesplit) if livesplit is not None else None
    speed = getattr(args, "assist_speed", None) or settings.assist_speed
    infinite_o2 = bool(getattr(args, "infinite_o2", False)) or settings.infinite_o2
    speedrun = SpeedrunOptions(
        keep_runs=True,
        save_failed=bool(getattr(args, "save_failed", False)) or settings.save_failed_runs,
        ghost=settings.ghost and not getattr(args, "no_ghost", False),
        livesplit=address,
    )
    window = {
        "max_frames": _frames_option(args),
        "screenshot": getattr(args, "screenshot", None),
        "report_first_frame": getattr(args, "report_first_frame", False),
        "notices": messages,
        "settings": settings,
        "persist_settings": True,
    }
    return speedrun, Assist(speed, infinite_o2), window


def _frames_option(args) -> int | None:
    frames = getattr(args, "frames", None)
    return frames if frames is not None else _exit_after_frames()


def _play_path(path: Path, args) -> int:
    """Play a level file; a broken one opens on its problems and waits for a fix."""
    try:
        speedrun, assist, window = _play_options(args)
    except ValueError as exc:
        print(f"last-orbit: {exc}", file=sys.stderr)
        return 2
    from game.app import open_window
    from game.modes.play_level import PlayLevel

    return open_window(PlayLevel(path, speedrun=speedrun, assist=assist), **window)


def _cmd_edit(args) -> int:
    from game.levels.catalog import find_level
    from game.modes.edit import EditLevel, NewLevelError, new_level

    if (args.level is None) == (args.new is None):
        print("last-orbit edit: give a LEVEL (id or file) or --new ID", file=sys.stderr)
        return 2
    if args.new is not None:
        try:
            path = new_level(args.new)
        except (NewLevelError, OSError) as exc:
            print(f"last-orbit: {safe(str(exc), LINE_LIMIT)}", file=sys.stderr)
            return 2
        print(f"last-orbit: new level {safe(path, LINE_LIMIT)}", file=sys.stderr)
    else:
        path = find_level(args.level)
        if path is None and Path(args.level).suffix == ".toml":
            path = Path(args.level)
        if path is None:
            print(
                f"last-orbit: no level '{safe(args.level)}'; 'last-orbit levels' lists them, "
                "'last-orbit edit --new ID' makes one",
                file=sys.stderr,
            )
            return 2
    try:
        starter = EditLevel(path)
    except ValueError as exc:
        print(f"last-orbit: {safe(str(exc), LINE_LIMIT)}", file=sys.stderr)
        return 2
    if starter.copy_note:
        print(f"last-orbit: {safe(starter.copy_note, LINE_LIMIT)}", file=sys.stderr)
    from game.app import open_window
    from game.settings import load_settings

    settings, messages = load_settings()
    return open_window(
        starter,
        settings=settings,
        persist_settings=True,
        notices=messages,
        max_frames=_frames_option(args),
        screenshot=args.screenshot,
    )


def _cmd_levels(args) -> int:
    from game.levels.catalog import scan_all

    entries = scan_all(bench=args.bench)
    if args.json:
        # ensure_ascii (the default) escapes ESC, C1 and bidi characters: safe on a terminal.
        print(json.dumps([entry.as_json() for entry in entries], indent=2))
        return 0
    if not entries:
        print("no levels found")
        return 0
    ids = [safe(entry.id) for entry in entries]
    width = max(len(shown) for shown in ids)
    for shown_id, entry in zip(ids, entries, strict=True):
        if entry.valid:
            par = entry.level.info.par_seconds
            print(f"{shown_id:<{width}}  {safe(entry.name)}  (par {par:g} s, {safe(entry.pack)})")
            if entry.clash:
                print(f"{'':<{width}}  CLASH: {safe(entry.clash, LINE_LIMIT)}")
        else:
            print(f"{shown_id:<{width}}  BROKEN: {safe(entry.error, LINE_LIMIT)}")
    return 0


def _cmd_validate(args) -> int:
    from game.levels import LevelError
    from game.levels.packs import PACK_FILE
    from game.levels.winnable import winnable_problems_of_file

    bad = warnings = 0
    files, missing = _files_to_validate(args.files)
    for problem in missing:  # a folder without level files
        print(safe(problem, LINE_LIMIT))
    refused = _upgrade(files) if args.upgrade else set()
    for name in files:
        if name in refused:  # its problems were said, and it was left as it was
            bad += 1
            continue
        try:
            if Path(name).name == PACK_FILE:
                _check_pack(Path(name))
            else:
                found = winnable_problems_of_file(Path(name))
                for problem in found:
                    print(safe(problem, LINE_LIMIT))
                warned = sum(problem.warning for problem in found)
                warnings += warned
                bad += len(found) > warned or bool(warned and args.strict)
        except LevelError as exc:
            bad += 1
            for problem in exc.problems:
                print(safe(problem, LINE_LIMIT))
    bad += len(missing)
    count = len(files) + len(missing)
    summary = f"{count - bad} of {count} level file{'s' if count != 1 else ''} valid"
    if warnings:
        summary += f"; {warnings:,} warning{'s' if warnings != 1 else ''}"
    print(summary, file=sys.stderr)
    return 1 if bad else 0


def _files_to_validate(names: list[str]) -> tuple[list[str], list]:
    """The files named, a folder standing for its .toml files (its pack.toml first); and a
    problem for each folder that has none."""
    from game.levels.packs import PACK_FILE
    from game.levels.problems import Problem

    files, empty = [], []
    for name in names:
        folder = Path(name)
        if not folder.is_dir():
            files.append(name)
            continue
        found = sorted(folder.glob("*.toml"), key=lambda p: (p.name != PACK_FILE, p.name))
        files += [str(path) for path in found]
        if not found:
            empty.append(Problem(name, "a folder without level files (*.toml)"))
    return files, empty


def _upgrade(names: list[str]) -> set[str]:
    """validate --upgrade: each level file upgraded in place first (said on stderr); the names
    refused, their problems printed as validate prints problems."""
    from game.levels import LevelError
    from game.levels.packs import PACK_FILE
    from game.levels.upgrade import upgrade_file

    refused = set()
    for name in names:
        if Path(name).name == PACK_FILE:
            continue  # a pack file has no format
        try:
            print(safe(upgrade_file(Path(name)), LINE_LIMIT), file=sys.stderr)
        except LevelError as exc:
            refused.add(name)
            for problem in exc.problems:
                print(safe(problem, LINE_LIMIT))
    return refused


def _check_pack(path: Path) -> None:
    """A pack.toml is checked as a pack: its keys, and that its order names levels beside it."""
    from game.levels.catalog import scan_folder
    from game.levels.packs import load_pack

    load_pack(path, [entry.id for entry in scan_folder(path.parent)])


def _cmd_replay(args) -> int:
    from game.speedrun.verify import EXIT_UNUSABLE, verify_file

    if args.verify:
        return _verify_replays(args)
    if len(args.files) != 1 or args.files[0].is_dir():
        print(
            "last-orbit replay: watch one replay FILE at a time (--verify takes many)",
            file=sys.stderr,
        )
        return EXIT_UNUSABLE
    path = args.files[0]
    from game.speedrun.verify_run import is_run_file

    if is_run_file(path):
        print(
            f"last-orbit: {safe(path, LINE_LIMIT)} is a full-game run: watching a whole run is "
            "not supported; verify it with --verify (its attempts' times and splits)",
            file=sys.stderr,
        )
        return EXIT_UNUSABLE
    verdict = verify_file(path, args.level)
    if not verdict.verified and verdict.exit_code == EXIT_UNUSABLE:
        print(json.dumps(verdict.as_json()))  # ensure_ascii: control characters escaped
        print(
            f"last-orbit: {safe(path, LINE_LIMIT)}: {safe(verdict.message, LINE_LIMIT)}",
            file=sys.stderr,
        )
        return verdict.exit_code
    import game.app  # noqa: F401  (sets the window options before pygame loads)
    from game.modes.watch_replay import watch_replay

    return watch_replay(
        verdict.replay, args.level, max_frames=_frames_option(args), screenshot=args.screenshot
    )


def _verify_replays(args) -> int:
    """One JSON line per replay or run file, in the order given, as each is done; the worst
    exit. A single verified run file's splits table also goes to a terminal's stderr (stdout
    stays one JSON line a file, for machines)."""
    from game.speedrun.batch import verify_many, worst

    codes = []
    lines = []
    for code, line, message in verify_many(args.files, args.level, args.jobs):
        codes.append(code)
        lines.append(line)
        print(json.dumps(line), flush=True)  # ensure_ascii: control characters escaped
        if code:
            print(
                f"last-orbit: {safe(line['file'], LINE_LIMIT)}: {safe(message, LINE_LIMIT)}",
                file=sys.stderr,
            )
    only = lines[0] if len(lines) == 1 else {}
    if only.get("kind") == "full-run" and only["verified"] and sys.stderr.isatty():
        from game.speedrun.verify_run import splits_table

        print(splits_table(only), file=sys.stderr)
    return worst(codes)


def _cmd_splits(args) -> int:
    """A level's or a full run's splits as a LiveSplit .lss file (game.speedrun.lss)."""
    from game.speedrun.lss import lss_text, segments_from_records
    from game.storage import atomic_write_text

    if (args.level is None) == (not args.campaign and args.pack is None):
        print("last-orbit: give one of LEVEL, --campaign or --pack DIR", file=sys.stderr)
        return 2
    found = _level_splits(args.level) if args.level is not None else _run_splits(args.pack)
    if isinstance(found, int):
        return found
    name, names, pb_splits, best_segments, attempts, has_times = found
    segments = segments_from_records(names, pb_splits, best_segments)
    text = lss_text("Last Orbit", name, segments, attempts)
    name = safe(name)
    no_times = (
        ""
        if has_times
        else f"last-orbit: no finished run of {name} in your records yet: the segments have no "
        "times"
    )
    if args.lss == "-":
        sys.stdout.write(text)
        if no_times:
            print(no_times, file=sys.stderr)
        return 0
    target = Path(args.lss)
    shown = safe(target, LINE_LIMIT)
    if target.is_dir():
        print(f"last-orbit: {shown} is a folder; give a file name", file=sys.stderr)
        return 1
    if not target.parent.is_dir():
        folder = safe(target.parent, LINE_LIMIT)
        print(f"last-orbit: cannot write {shown}: no folder {folder}", file=sys.stderr)
        return 1
    try:
        atomic_write_text(target, text)
    except OSError as exc:
        print(f"last-orbit: cannot write {shown}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    count = len(segments)
    print(f"{name}: {count} segment{'s' if count != 1 else ''} written to {shown}")
    if no_times:
        print(no_times, file=sys.stderr)
    return 0


def _level_splits(level_arg: str):
    """(category, segment names, PB splits, best segments, attempts, has times) of a level's
    records, or an exit code."""
    import re

    from game.levels import LevelError, load_level
    from game.levels.catalog import find_level
    from game.speedrun.records import level_content, load_records

    path = find_level(level_arg)
    if path is None:
        print(f"last-orbit: {_no_level(level_arg)}", file=sys.stderr)
        return 2
    try:
        level = load_level(path)
    except LevelError as exc:
        for problem in exc.problems:
            print(safe(problem, LINE_LIMIT), file=sys.stderr)
        return 2
    records, message = load_records(level.info.id, level_content(level))
    if message:
        print(f"last-orbit: {safe(message, LINE_LIMIT)}", file=sys.stderr)
    # A label's placeholders ({grab}) name an action, not the player's key for it.
    names = [
        re.sub(r"\{([a-z_]+)\}", lambda m: m.group(1).upper(), o.label) for o in level.objectives
    ]
    has_times = records.pb_ticks is not None or bool(records.best_segments)
    return (
        level.info.name,
        names,
        records.pb_splits,
        records.best_segments,
        records.attempts,
        has_times,
    )


def _run_splits(folder: Path | None):
    """The same for the full run of the pack in `folder` (None: the shipped campaign): one
    segment per mission, from the full-run records of exactly these levels."""
    from game.speedrun.campaign import load_full_run_records, missions_of
    from game.speedrun.fullrun import missions_key

    found = _pack_levels(folder)
    if isinstance(found, int):
        return found
    levels, pack = found
    records, message = load_full_run_records(missions_key(missions_of(levels)))
    if message:
        print(f"last-orbit: {safe(message, LINE_LIMIT)}", file=sys.stderr)
    has_times = records.pb_ticks is not None or any(t is not None for t in records.best_segments)
    return (
        f"{pack} (full run)",
        [level.info.name for level in levels],
        records.pb_splits,
        records.best_segments,
        records.started,
        has_times,
    )


def _cmd_pack(args) -> int:
    if args.pack_command == "publish":
        return _pack_publish(args)
    return _pack_install(args)


def _pack_publish(args) -> int:
    from game.levels.publish import PublishError, publish

    try:
        published = publish(args.folder, args.output)
    except PublishError as exc:
        for line in exc.lines:
            print(safe(line, LINE_LIMIT))
        print(f"last-orbit: {safe(args.folder, LINE_LIMIT)}: not published", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"last-orbit: cannot write the archive: {exc.strerror or exc}", file=sys.stderr)
        return 2
    manifest = published.manifest
    for level in manifest["levels"]:
        print(f"{safe(level['id'])}  author time {level['author_time']}")
    count = len(manifest["levels"])
    print(
        f"published {safe(manifest['title'])} {safe(manifest['version'])} "
        f"({count} level{'s' if count != 1 else ''}) to {safe(published.path, LINE_LIMIT)}"
    )
    return 0


def _pack_install(args) -> int:
    from game.levels.install import InstallRefused, install

    try:
        installed = install(args.file, replace=args.replace)
    except InstallRefused as exc:
        print(
            f"last-orbit: cannot install {safe(args.file, LINE_LIMIT)}: {safe(exc, LINE_LIMIT)}",
            file=sys.stderr,
        )
        return 2
    manifest = installed.manifest
    first = manifest["levels"][0]["id"]
    print(
        f"{'replaced' if installed.replaced else 'installed'} {safe(manifest['title'])} "
        f"{safe(manifest['version'])} in {safe(installed.folder, LINE_LIMIT)}; "
        f"play it: last-orbit play {installed.name}/{safe(first)}"
    )
    return 0


def _cmd_schema(args) -> int:
    from game.levels.schema import schema_json

    sys.stdout.write(schema_json())
    return 0


def _cmd_bench(args) -> int:
    from game.devtools.bench import run_bench

    return run_bench(as_json=args.json, quick=args.quick)


def _cmd_difficulty(args) -> int:
    from game.devtools.difficulty import run_difficulty

    return run_difficulty(
        args.levels, args.players, args.jobs, as_json=args.json, markdown=args.markdown
    )
