"""What a finished run hands to the results screen: the play scene fills it in, the results
scene shows it and drawing (game.render.overlay) lays it out."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.speedrun.campaign import CampaignLine


@dataclass(frozen=True)
class RunSummary:
    """What a finished run hands to the results screen."""

    level_name: str
    completed: bool
    fail_reason: str | None  # a human message, for a failed run
    run_ticks: int
    splits: list[tuple[str, int]] = field(default_factory=list)  # (objective label, ticks)
    par_seconds: float = 0.0
    assisted: bool = False  # slower game speed or infinite O2: never a PB
    medal: str | None = None  # gold, silver, bronze (game.speedrun.medals) or None
    # Against the records (all empty when records are not kept, e.g. a replay being watched):
    records_kept: bool = False
    new_pb: bool = False
    pb_ticks: int | None = None  # the PB before this run
    split_deltas: tuple[int | None, ...] = ()  # each split against the PB's
    gold: tuple[bool, ...] = ()  # each segment: a best segment ever?
    sum_of_best: int | None = None
    replay_name: str | None = None  # the file the run was saved as
    # A shipped level's id with other content: its records are its own (game.speedrun.official).
    modified: bool = False
    campaign: CampaignLine | None = None
    # A practice run from a split of the PB (its title: "from split 2: ..."): never a PB.
    practice: str | None = None
