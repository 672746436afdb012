"""`last-orbit bench` judges ratios of figures measured in the same run, so a verdict holds on
a fast machine and a slow one alike. Checked with made-up figures: no timing here."""

from __future__ import annotations

from game.devtools.bench import table, verdicts


def _draw(cpu_p99_ms: float) -> dict:
    """Drawing figures: the wall clock is always worse on a shared machine."""
    return {
        "draw_cpu_p99_ms": cpu_p99_ms,
        "draw_cpu_median_ms": cpu_p99_ms / 2,
        "draw_p99_ms": cpu_p99_ms * 3,
        "draw_median_ms": cpu_p99_ms,
    }


def _figures(scale: float = 1.0) -> dict:
    """Figures of a run where every budget is met; `scale` makes the machine faster or slower
    (every time multiplied, every speed divided)."""
    return {
        "game_version": "test",
        "python": "3",
        "pymunk": "7",
        "machine": "test machine",
        "tick": {
            "arrival": {"game_tick_us": 5.0 * scale, "bare_step_us": 2.0 * scale},
            "stress-debris": {
                "game_tick_us": 220.0 * scale,
                "bare_step_us": 200.0 * scale,
                "checksum_ms": 0.2 * scale,
            },
        },
        "replays": {
            "arrival": {
                "ticks": 1000,
                "verified": True,
                "headless_ticks_per_s": 100_000 / scale,
                "verify_ticks_per_s": 90_000 / scale,
            }
        },
        "draw": {
            "arrival": _draw(2.0),
            "stress-debris": _draw(6.0),
        },
        "window": {
            "levels": {
                "arrival": {"p99_ms": 5.0 * scale, "floor_p99_ms": 1.0 * scale},
                "stress-debris": {"p99_ms": 8.5 * scale, "floor_p99_ms": 1.0 * scale},
            }
        },
        "limits": {"ticks_per_s": 200.0},
        "startup": {"video_driver": "x11", "first_frame_seconds": 0.5, "peak_rss_mb": 80.0},
    }


def _by_name(rows) -> dict:
    return {row.budget: row for row in rows}


def test_a_run_within_every_budget_passes_and_judges_every_part():
    rows = verdicts(_figures())
    judged = [row for row in rows if row.passed is not None]
    assert all(row.passed for row in judged), [row for row in judged if not row.passed]
    names = " | ".join(row.budget for row in judged)
    for part in ("game tick", "replay verification", "drawing p99", "window frame", "limits"):
        assert part in names
    assert "startup" in names and "memory" in names


def test_ratios_give_the_same_verdicts_on_a_machine_twice_as_slow():
    fast = verdicts(_figures(1.0))
    slow = verdicts(_figures(2.0))
    # Not these: the window's allowance over its floor is the drawing budget in ms, and the
    # limits level is held to real time.
    ratio_rows = [
        row
        for row in fast
        if row.unit == "x" and "window" not in row.budget and "limits" not in row.budget
    ]
    assert len(ratio_rows) == 4  # two tick ratios, the checksum, replay verification
    for row in ratio_rows:
        other = _by_name(slow)[row.budget]
        assert other.measured == row.measured and other.passed == row.passed
        assert other.figures != row.figures  # the absolute figures are printed beside it


def test_the_stress_level_is_held_to_1_2x_and_campaign_levels_to_3x():
    figures = _figures()
    figures["tick"]["arrival"] = {"game_tick_us": 5.9, "bare_step_us": 2.0}  # 2.95x
    figures["tick"]["stress-debris"]["game_tick_us"] = 250.0  # 1.25x
    rows = _by_name(verdicts(figures))
    assert rows["game tick / bare pymunk step, arrival"].passed is True
    assert rows["game tick / bare pymunk step, stress-debris"].passed is False
    figures["tick"]["arrival"] = {"game_tick_us": 6.2, "bare_step_us": 2.0}  # 3.1x
    assert _by_name(verdicts(figures))["game tick / bare pymunk step, arrival"].passed is False


def test_window_frames_are_allowed_the_floor_plus_the_drawing_budget():
    figures = _figures()
    levels = figures["window"]["levels"]
    levels["arrival"] = {"p99_ms": 2.0 + 4.0, "floor_p99_ms": 2.0}  # exactly the budget
    levels["stress-debris"] = {"p99_ms": 2.0 + 8.1, "floor_p99_ms": 2.0}  # over 8 ms
    rows = _by_name(verdicts(figures))
    assert rows["window frame p99 / (floor p99 + drawing budget), arrival"].passed is True
    stress = rows["window frame p99 / (floor p99 + drawing budget), stress-debris"]
    assert stress.passed is False
    assert "10.10 ms" in stress.figures and "2.00 + 8 ms" in stress.figures


def test_drawing_cpu_time_is_held_to_4_ms_on_levels_and_8_ms_on_the_stress_level():
    figures = _figures()
    figures["draw"]["arrival"] = _draw(4.3)
    figures["draw"]["stress-debris"] = _draw(7.9)
    rows = _by_name(verdicts(figures))
    arrival = rows["drawing p99 (CPU time), arrival"]
    assert arrival.passed is False and arrival.measured == 4.3
    assert "wall clock p99 12.90" in arrival.figures  # printed beside, not judged
    assert rows["drawing p99 (CPU time), stress-debris"].passed is True


def test_verification_slower_than_0_8x_plain_stepping_misses_and_a_desync_is_a_miss():
    figures = _figures()
    replay = figures["replays"]["arrival"]
    replay["verify_ticks_per_s"] = replay["headless_ticks_per_s"] * 0.7
    rows = _by_name(verdicts(figures))
    assert rows["replay verification / headless, arrival"].passed is False
    replay["verify_ticks_per_s"] = replay["headless_ticks_per_s"]
    replay["verified"] = False
    rows = _by_name(verdicts(figures))
    assert rows["replay verifies, arrival"].passed is False


def test_the_limits_level_must_run_at_least_in_real_time():
    figures = _figures()
    figures["limits"] = {"ticks_per_s": 110.0}
    row = _by_name(verdicts(figures))["level at the format's limits, first 10 s / real time"]
    assert row.passed is False and abs(row.measured - 110 / 120) < 1e-3


def test_parts_not_measured_give_no_rows_and_the_table_says_so():
    figures = _figures()
    figures["window"] = None
    del figures["limits"]
    rows = verdicts(figures)
    assert not any("window" in row.budget or "limits" in row.budget for row in rows)
    text = table(figures, rows)
    assert "window budgets were not measured" in text
    assert f"{len(rows) - 1} of {len(rows) - 1} budgets met" in text  # the checksum is info
