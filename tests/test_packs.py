"""pack.toml: read for title and order, and checked by `last-orbit validate`."""

from game.cli import main
from game.paths import shipped_levels_dir

LEVEL = """[level]
id = "{id}"
name = "{id}"
format = 1
[world]
bounds = [-10, -10, 10, 10]
[player]
spawn = [0, 0]
[[objectives]]
kind = "survive"
seconds = 1
"""


def make_pack(folder, pack_text, ids=("alpha", "beta")):
    folder.mkdir(parents=True, exist_ok=True)
    for level_id in ids:
        (folder / f"{level_id}.toml").write_text(LEVEL.format(id=level_id))
    (folder / "pack.toml").write_text(pack_text)
    return folder / "pack.toml"


def test_shipped_pack_file_validates_with_the_levels(capsys):
    files = sorted(str(p) for p in shipped_levels_dir().glob("*.toml"))
    assert any(f.endswith("pack.toml") for f in files)
    assert main(["validate", *files]) == 0, capsys.readouterr().out


def test_a_good_pack_validates(tmp_path, capsys):
    path = make_pack(tmp_path / "p", 'title = "P"\norder = ["beta", "alpha"]\n')
    assert main(["validate", str(path)]) == 0


def test_a_broken_pack_reports_each_problem(tmp_path, capsys):
    path = make_pack(tmp_path / "p", 'title = 3\norder = ["alpah", "beta", "beta"]\nordr = 1\n')
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "ordr: unknown key 'ordr' (did you mean 'order'?)" in out
    assert "title: must be a string" in out
    assert "order[0]: no level 'alpah' in this folder (did you mean 'alpha'?)" in out
    assert "order[2]: 'beta' is listed twice" in out
    # each problem on the line of its key
    assert f"{path}:3:1: ordr: unknown key" in out
    assert f"{path}:1:1: title: must be a string" in out
    assert f"{path}:2:1: order[0]: no level 'alpah'" in out


def test_pack_syntax_error_has_a_position(tmp_path, capsys):
    path = make_pack(tmp_path / "p", 'title = "P"\norder = [\n')
    assert main(["validate", str(path)]) == 1
    assert f"{path}:3:" in capsys.readouterr().out


def test_user_pack_order_and_title_are_used(tmp_path, capsys):
    import json

    make_pack(
        tmp_path / "last-orbit-home" / "levels" / "mine", 'title = "Mine"\norder = ["beta"]\n'
    )
    assert main(["levels", "--json"]) == 0
    entries = [e for e in json.loads(capsys.readouterr().out) if e["pack"] == "Mine"]
    assert [e["id"] for e in entries] == ["mine/beta", "mine/alpha"]
