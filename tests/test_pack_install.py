"""`last-orbit pack install FILE`: a published pack goes into the player's levels folder under
its name, its levels played as `pack-name/level-id`; anything hostile or inconsistent is
refused with one line and exit 2, and nothing is written."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from packs_for_tests import level_text, make_pack, members_of, zip_of

from game.cli import main
from game.levels.catalog import find_level
from game.levels.publish import archive_bytes, sha256
from game.paths import shipped_levels_dir, user_levels_dir


@pytest.fixture
def archive(tmp_path, capsys) -> Path:
    folder = make_pack(tmp_path / "tiny", image=True)
    out = tmp_path / "tiny.zip"
    assert main(["pack", "publish", str(folder), "-o", str(out)]) == 0
    capsys.readouterr()
    return out


def install(capsys, path, *options) -> tuple[int, str, str]:
    code = main(["pack", "install", str(path), *options])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def listing(capsys) -> dict[str, dict]:
    assert main(["levels", "--json"]) == 0
    return {entry["id"]: entry for entry in json.loads(capsys.readouterr().out)}


def everything_under(folder: Path) -> list[str]:
    """Every name under `folder`, hidden ones too (a temporary left behind would show)."""
    if not folder.exists():
        return []
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_an_installed_pack_is_listed_and_played_as_pack_name_slash_level_id(archive, capsys):
    code, out, _ = install(capsys, archive)
    assert code == 0
    assert "last-orbit play tiny-pack/beta" in out
    folder = user_levels_dir() / "tiny-pack"
    assert everything_under(folder) == [
        "alpha.toml",
        "art",
        "art/sky.png",
        "beta.toml",
        "manifest.json",
        "pack.toml",
        "replays",
        "replays/alpha.replay",
        "replays/beta.replay",
    ]
    entries = listing(capsys)
    assert entries["tiny-pack/beta"]["pack"] == "Tiny Pack"
    assert entries["tiny-pack/alpha"]["valid"] is True
    assert "beta" not in entries and "alpha" not in entries
    assert main(["play", "tiny-pack/beta", "--frames", "10"]) == 0
    assert main(["play", "beta", "--frames", "10"]) == 2
    assert "did you mean 'tiny-pack/beta'?" in capsys.readouterr().err


def test_an_installed_author_replay_verifies_against_the_pack_level(archive, capsys):
    assert install(capsys, archive)[0] == 0
    replay = user_levels_dir() / "tiny-pack" / "replays" / "alpha.replay"
    assert main(["replay", str(replay), "--verify"]) == 0
    line = json.loads(capsys.readouterr().out)
    assert (line["level"], line["verified"], line["ticks"]) == ("alpha", True, 120)


def test_installing_twice_is_refused_unless_replace(archive, capsys):
    assert install(capsys, archive)[0] == 0
    before = everything_under(user_levels_dir())
    code, _, err = install(capsys, archive)
    assert code == 2
    assert "already installed (version 1.2); --replace to replace it" in err
    assert len(err.strip().splitlines()) == 1
    code, out, _ = install(capsys, archive, "--replace")
    assert code == 0 and out.startswith("replaced Tiny Pack 1.2")
    assert everything_under(user_levels_dir()) == before


def test_replace_is_refused_when_the_player_keeps_files_of_their_own_there(archive, capsys):
    assert install(capsys, archive)[0] == 0
    folder = user_levels_dir() / "tiny-pack"
    (folder / "my-notes.toml").write_text(level_text("my-notes"))
    edited = folder / "beta.toml"
    edited.write_text(edited.read_text() + "# my tweak\n")
    code, _, err = install(capsys, archive, "--replace")
    assert code == 2
    assert "holds files the pack does not own or that were changed" in err
    assert "beta.toml" in err and "my-notes.toml" in err
    assert (folder / "my-notes.toml").exists() and "# my tweak" in edited.read_text()


def test_a_pack_level_with_a_shipped_id_is_a_clash_and_never_shadows_it(tmp_path, capsys):
    folder = make_pack(tmp_path / "tiny", ids=("arrival", "beta"))
    (folder / "pack.toml").write_text('title = "Tiny Pack"\nauthor = "Me"\n')
    out = tmp_path / "tiny.zip"
    assert main(["pack", "publish", str(folder), "-o", str(out)]) == 0
    assert install(capsys, out)[0] == 0
    (user_levels_dir() / "arrival.toml").write_text(level_text("arrival"))  # a loose one too
    assert main(["levels", "--json"]) == 0
    by_path = {Path(e["path"]): e for e in json.loads(capsys.readouterr().out)}
    ours = by_path[user_levels_dir() / "tiny-pack" / "arrival.toml"]
    assert ours["id"] == "tiny-pack/arrival"
    assert "id 'arrival' is a shipped level's" in ours["clash"]
    assert "play this by 'tiny-pack/arrival'" in ours["clash"]
    assert by_path[shipped_levels_dir() / "arrival.toml"]["clash"] is None
    loose = by_path[user_levels_dir() / "arrival.toml"]
    assert loose["id"] == "arrival" and "play this by its path" in loose["clash"]
    assert find_level("arrival") == shipped_levels_dir() / "arrival.toml"
    assert find_level("tiny-pack/arrival") == user_levels_dir() / "tiny-pack" / "arrival.toml"
    assert main(["levels"]) == 0
    assert "CLASH: id 'arrival' is a shipped level's" in capsys.readouterr().out


# -- hostile and inconsistent archives -----------------------------------------------------------


def consistent(members: dict[str, bytes]) -> bytes:
    """The members as a published archive whose manifest agrees with them (hashes
    recomputed), to reach the checks after the manifest's."""
    manifest = json.loads(members.pop("manifest.json"))
    manifest["files"] = [
        {"path": name, "sha256": sha256(data), "bytes": len(data)}
        for name, data in sorted(members.items())
    ]
    for level in manifest["levels"]:
        level["sha256"] = sha256(members[level["file"]])
    return archive_bytes(manifest, members)


def with_members(archive: Path, change) -> list[tuple]:
    members = members_of(archive)
    return [(name, data) for name, data in members.items()] + change(members)


HOSTILE = {
    "path traversal": (
        lambda a: zip_of(with_members(a, lambda m: [("../evil.toml", m["beta.toml"])])),
        "entry \"../evil.toml\" goes up a folder ('..')",
    ),
    "absolute path": (
        lambda a: zip_of(with_members(a, lambda m: [("/tmp/evil.toml", m["beta.toml"])])),
        'entry "/tmp/evil.toml" is an absolute path',
    ),
    "symlink entry": (
        lambda a: zip_of(with_members(a, lambda m: [("link.png", b"/etc/passwd", 0o120777)])),
        'entry "link.png" is a link',
    ),
    "device entry": (
        lambda a: zip_of(with_members(a, lambda m: [("dev.png", b"", stat.S_IFCHR | 0o644)])),
        'entry "dev.png" is a device or special file',
    ),
    "zip bomb by ratio": (
        lambda a: zip_of(with_members(a, lambda m: [("huge.png", b"\0" * (3 * 1024 * 1024))])),
        'entry "huge.png" unpacks',
    ),
    "too many entries": (
        lambda a: zip_of(
            with_members(a, lambda m: [(f"art/{n}.png", m["art/sky.png"]) for n in range(300)])
        ),
        "entries; a pack holds at most 256",
    ),
    "duplicate name": (
        lambda a: zip_of(with_members(a, lambda m: [("beta.toml", m["beta.toml"])])),
        'entry "beta.toml" is in the archive twice',
    ),
    "names differing by case": (
        lambda a: zip_of(with_members(a, lambda m: [("BETA.toml", m["beta.toml"])])),
        'entry "BETA.toml" is in the archive and "beta.toml" differ only by case',
    ),
    "a kind of file no pack holds": (
        lambda a: zip_of(with_members(a, lambda m: [("run.py", b"import os\n")])),
        'entry "run.py" is not a kind of file a pack holds',
    ),
    "manifest hash mismatch": (
        lambda a: zip_of(
            [(n, d + b"# changed\n" if n == "beta.toml" else d) for n, d in members_of(a).items()]
        ),
        "beta.toml: its SHA-256 is not the manifest's",
    ),
    "a file the manifest does not list": (
        lambda a: zip_of(with_members(a, lambda m: [("art/extra.png", m["art/sky.png"])])),
        "the manifest does not list exactly the archive's files",
    ),
    "a level that fails validation": (
        lambda a: consistent(
            {
                n: d.replace(b'kind = "survive"', b'kind = "survve"') if n == "beta.toml" else d
                for n, d in members_of(a).items()
            }
        ),
        "beta.toml: beta.toml:",
    ),
    "an author replay that does not verify": (
        lambda a: consistent(
            {
                n: d.replace(b'"ticks": 120', b'"ticks": 90', 1)
                .replace(b'"time_seconds": 1.0', b'"time_seconds": 0.75')
                .replace(b"[\n      120\n    ]", b"[\n      90\n    ]")
                if n == "replays/beta.replay"
                else d
                for n, d in members_of(a).items()
            }
        ),
        "replays/beta.replay: the author replay does not verify",
    ),
    "a newer pack format": (
        lambda a: zip_of(
            [
                (n, d.replace(b'"format_version": 1', b'"format_version": 9'))
                for n, d in members_of(a).items()
            ]
        ),
        "pack format 9: this game reads format 1",
    ),
    "an image that is not a PNG": (
        lambda a: consistent({**members_of(a), "art/sky.png": b"GIF89a" + b"\0" * 40}),
        "art/sky.png is not a PNG image",
    ),
    "not a zip": (lambda a: b"PK\x03\x04 not really", "not a pack archive"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_or_inconsistent_archive_is_refused_and_nothing_written(
    case, archive, tmp_path, capsys
):
    make, reason = HOSTILE[case]
    bad = tmp_path / "bad.zip"
    bad.write_bytes(make(archive))
    home = user_levels_dir().parent
    before = everything_under(home)
    code, out, err = install(capsys, bad)
    assert code == 2
    assert reason in err, err
    assert err.startswith(f"last-orbit: cannot install {bad}: ")
    assert len(err.strip().splitlines()) == 1 and out == ""
    assert everything_under(home) == before
    assert not (tmp_path / "evil.toml").exists() and not Path("/tmp/evil.toml").exists()


def test_a_pack_levels_runs_are_its_own_never_the_shipped_levels(tmp_path, capsys):
    """Played from the level select: the run of tiny-pack/arrival is saved in a replays folder
    of its own (no '/' in it), its PB is not the shipped Arrival's, and leaving the results
    comes back to it, not to the shipped level of the same id."""
    import pygame

    from game.speedrun.attempts import attempt_history, replays_root
    from game.speedrun.session import SpeedrunOptions
    from tests.test_scenes import drive, key, pick_level, until
    from tests.window_levels import thrust

    folder = make_pack(tmp_path / "tiny", ids=("arrival", "beta"))
    out = tmp_path / "tiny.zip"
    assert main(["pack", "publish", str(folder), "-o", str(out)]) == 0
    assert install(capsys, out)[0] == 0

    def flow(app, log):
        yield from pick_level(app, "tiny-pack/arrival")
        key(pygame.K_RETURN)
        yield from until(app, "results", frames=400)
        key(pygame.K_ESCAPE)
        yield from until(app, "level-select")
        log["back_on"] = app.scene.chosen.entry.id
        rows = {row.entry.id: row for row in app.scene.rows}
        log["pbs"] = {i: rows[i].pb_ticks for i in ("arrival", "tiny-pack/arrival")}
        log["done"] = True

    log, _ = drive(flow, input_source=thrust(), speedrun=SpeedrunOptions())
    assert log["back_on"] == "tiny-pack/arrival"
    assert log["pbs"]["arrival"] is None and log["pbs"]["tiny-pack/arrival"] == 120
    assert sorted(p.name for p in replays_root().iterdir()) == ["tiny-pack+arrival"]
    assert attempt_history("arrival").attempts == 0
    assert attempt_history("arrival", key="tiny-pack+arrival").completions == 1
