"""What happened during a tick, for sound, particles and the HUD. The sim never reads these."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SimEvent:
    kind: str  # grab, release, push, pickup, throw, impact, damage, collect, objective,
    # message, shake, hatch, spawn, tether_cut, o2_drain, completed, failed
    x: float = 0.0
    y: float = 0.0
    value: float = 0.0  # impact speed (m/s), objective index, ...
    text: str = ""
    who: str = ""  # the speaker of a comms message
