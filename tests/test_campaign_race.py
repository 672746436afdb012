"""Two games finishing campaigns at once: both attempts and the better PB are kept."""

from game.levels import load_level
from game.paths import shipped_levels_dir
from game.speedrun.campaign import Campaign, load_campaign_records


def test_two_games_finishing_campaigns_keep_both_attempts_and_the_better_pb():
    levels = [load_level(shipped_levels_dir() / "arrival.toml")]
    first, second = Campaign(levels), Campaign(levels)  # both started before either finished
    assert second.finish(500, assisted=False).new_pb
    assert not first.finish(600, assisted=False).new_pb
    saved, _ = load_campaign_records()
    assert (saved.attempts, saved.pb_ticks) == (2, 500)
