"""A short run of the fuzzer through the real entry points (the long one: game.devtools.fuzz)."""

import json

from game.devtools import fuzz


def test_short_fuzz_run_has_no_crash_no_stray_exit_and_loses_nothing(capsys):
    code = fuzz.main(["--levels", "120", "--replays", "60", "--files", "60", "--seed", "7"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0, report
    assert report["levels"]["cases"] == 120 and report["levels"]["crashes"] == 0
    assert report["levels"]["valid"] > 0 and report["levels"]["invalid"] > 0
    assert report["replays"]["exit_2"] > 0 and report["replays"]["bad_exit"] == 0
    assert report["files"]["kept"] == 60 and report["files"]["lost"] == 0


def test_mutations_are_deterministic_for_a_seed():
    import random

    text = "[level]\nid = 'a'\nname = 'b'\nformat = 1\n"
    assert fuzz.mutate_text(text, random.Random(3)) == fuzz.mutate_text(text, random.Random(3))
