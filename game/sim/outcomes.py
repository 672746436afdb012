"""How a run stands, and why one failed: constants that the world, the step, objectives and
triggers all name (kept here so none of them imports another for them)."""

RUNNING = "running"
COMPLETED = "completed"
FAILED = "failed"

FAIL_O2 = "o2"
FAIL_LOST = "lost"
FAIL_TIME = "time"
FAIL_LEVEL = "level"  # a level's own condition: a 'fail' action, with its text
FAIL_IMPACT = "impact"  # a hit took the last of the O2: the text names what hit
FAIL_MESSAGES = {
    FAIL_O2: "Out of oxygen",
    FAIL_IMPACT: "Breached by an impact",
    FAIL_LOST: "Lost in space",
    FAIL_TIME: "Out of time",
    FAIL_LEVEL: "Mission failed",
}
