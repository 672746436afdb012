"""`last-orbit pack publish DIR`: a pack is published only when every level validates and has
an author replay that verifies on that exact level (TrackMania's author medal); the archive
holds the levels, pack.toml, backdrops, author replays and a manifest, byte for byte the same
each time."""

from __future__ import annotations

import hashlib
import json
import zipfile

from packs_for_tests import add_replay, make_pack, members_of

from game.cli import main


def publish(capsys, folder, out):
    code = main(["pack", "publish", str(folder), "-o", str(out)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_finished_pack_is_published_with_a_manifest_of_hashes_and_author_times(tmp_path, capsys):
    folder = make_pack(tmp_path / "tiny", image=True)
    out = tmp_path / "tiny.zip"
    code, stdout, _ = publish(capsys, folder, out)
    assert code == 0, stdout
    members = members_of(out)
    assert sorted(members) == [
        "alpha.toml",
        "art/sky.png",
        "beta.toml",
        "manifest.json",
        "pack.toml",
        "replays/alpha.replay",
        "replays/beta.replay",
    ]
    manifest = json.loads(members["manifest.json"])
    assert (manifest["title"], manifest["author"], manifest["version"]) == (
        "Tiny Pack",
        "Me",
        "1.2",
    )
    assert (manifest["name"], manifest["format_version"], manifest["level_format"]) == (
        "tiny-pack",
        1,
        1,
    )
    levels = manifest["levels"]
    assert [level["id"] for level in levels] == ["beta", "alpha"]  # pack.toml's order
    for level in levels:
        assert level["sha256"] == hashlib.sha256((folder / level["file"]).read_bytes()).hexdigest()
        assert (level["author_ticks"], level["author_time"]) == (120, "0:01.000")
    listed = {f["path"]: f["sha256"] for f in manifest["files"]}
    assert listed == {
        name: hashlib.sha256(data).hexdigest()
        for name, data in members.items()
        if name != "manifest.json"
    }
    assert "author time 0:01.000" in stdout


def test_publishing_twice_gives_the_same_bytes(tmp_path, capsys):
    folder = make_pack(tmp_path / "tiny", image=True)
    assert publish(capsys, folder, tmp_path / "one.zip")[0] == 0
    (folder / "alpha.toml").touch()  # a newer file time changes nothing
    assert publish(capsys, folder, tmp_path / "two.zip")[0] == 0
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_a_level_without_an_author_replay_is_not_published(tmp_path, capsys):
    folder = make_pack(tmp_path / "tiny")
    (folder / "replays" / "beta.replay").unlink()
    out = tmp_path / "tiny.zip"
    code, stdout, err = publish(capsys, folder, out)
    assert code == 1
    assert f"no author replay {folder / 'replays' / 'beta.replay'}" in stdout
    assert "not published" in err
    assert not out.exists()


def test_a_broken_level_is_not_published_and_says_where(tmp_path, capsys):
    folder = make_pack(tmp_path / "tiny")
    text = (folder / "alpha.toml").read_text().replace('kind = "survive"', 'kind = "survve"')
    (folder / "alpha.toml").write_text(text)
    out = tmp_path / "tiny.zip"
    code, stdout, _ = publish(capsys, folder, out)
    assert code == 1
    assert f"{folder / 'alpha.toml'}:" in stdout and "survve" in stdout
    assert not out.exists()


def test_an_assisted_author_run_does_not_count(tmp_path, capsys):
    folder = make_pack(tmp_path / "tiny")
    add_replay(folder, "alpha", infinite_o2=True)
    code, stdout, _ = publish(capsys, folder, tmp_path / "tiny.zip")
    assert code == 1
    assert "replays/alpha.replay: the author replay is an assisted run" in stdout


def test_a_replay_of_another_version_of_the_level_does_not_count(tmp_path, capsys):
    folder = make_pack(tmp_path / "tiny")
    level = folder / "alpha.toml"
    level.write_text(level.read_text().replace("seconds = 1", "seconds = 2"))
    code, stdout, _ = publish(capsys, folder, tmp_path / "tiny.zip")
    assert code == 1
    assert "was recorded on another version of the level" in stdout


def test_an_unfinished_run_does_not_count(tmp_path, capsys):
    folder = make_pack(tmp_path / "tiny")
    add_replay(folder, "alpha", ticks=30)  # reset a quarter second in
    code, stdout, _ = publish(capsys, folder, tmp_path / "tiny.zip")
    assert code == 1
    assert "replays/alpha.replay: the author replay is not a completed run" in stdout


def test_a_doctored_author_time_does_not_verify(tmp_path, capsys):
    folder = make_pack(tmp_path / "tiny")
    path = folder / "replays" / "alpha.replay"
    document = json.loads(path.read_text())
    # A quarter second shaved off, the file kept consistent with itself.
    document["result"].update(ticks=90, time_seconds=0.75, splits=[90])
    path.write_text(json.dumps(document))
    code, stdout, _ = publish(capsys, folder, tmp_path / "tiny.zip")
    assert code == 1
    assert "the author replay does not verify: result mismatch" in stdout


def test_a_pack_without_pack_toml_is_refused(tmp_path, capsys):
    folder = make_pack(tmp_path / "tiny")
    (folder / "pack.toml").unlink()
    code, stdout, _ = publish(capsys, folder, tmp_path / "tiny.zip")
    assert code == 1 and "no pack.toml" in stdout


def test_a_missing_author_replay_points_at_the_authors_pb_run(tmp_path, capsys):
    from game.levels import load_level
    from game.speedrun.attempts import save_run
    from game.speedrun.records import level_content, submit_run
    from game.speedrun.replay import loads

    folder = make_pack(tmp_path / "tiny")
    played = folder / "replays" / "beta.replay"
    replay = loads(played.read_bytes())
    played.unlink()  # the author played it, but has not copied the run into the pack yet
    saved = save_run(replay)
    level = load_level(folder / "beta.toml")
    submit_run("beta", replay.result, False, saved.name, level_content(level))
    code, stdout, _ = publish(capsys, folder, tmp_path / "tiny.zip")
    assert code == 1
    assert f"no author replay {played} (your PB run of it is {saved})" in stdout


def test_a_backdrop_whose_name_no_pack_may_hold_is_refused(tmp_path, capsys):
    from packs_for_tests import level_text, png_bytes

    folder = make_pack(tmp_path / "tiny")
    (folder / "my art").mkdir()
    (folder / "my art" / "sky.png").write_bytes(png_bytes())
    (folder / "alpha.toml").write_text(level_text("alpha", backdrop="my art/sky.png"))
    add_replay(folder, "alpha")
    code, stdout, _ = publish(capsys, folder, tmp_path / "tiny.zip")
    assert code == 1
    assert f"{folder / 'alpha.toml'}: the backdrop's file name is not a pack file name" in stdout


def test_the_archive_is_named_after_the_pack_and_its_version_by_default(
    tmp_path, capsys, monkeypatch
):
    folder = make_pack(tmp_path / "tiny")
    monkeypatch.chdir(tmp_path)
    assert main(["pack", "publish", str(folder)]) == 0
    assert "to tiny-pack-1.2.zip" in capsys.readouterr().out
    assert (tmp_path / "tiny-pack-1.2.zip").is_file()
