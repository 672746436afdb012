"""Generate the game's sound effects into assets/sounds/ (original, synthesised here).

    python tools/make_sounds.py

Pure Python (wave + array), deterministic (seeded noise): running it again writes the same
files. 16-bit mono, 22,050 Hz."""

from __future__ import annotations

import math
import random
import wave
from array import array
from pathlib import Path

RATE = 22050
OUT = Path(__file__).resolve().parents[1] / "assets" / "sounds"


def _write(name: str, samples: list[float]) -> None:
    peak = max(1e-9, max(abs(s) for s in samples))
    scale = 0.89 * 32767 / peak
    data = array("h", (int(s * scale) for s in samples))
    OUT.mkdir(parents=True, exist_ok=True)
    with wave.open(str(OUT / f"{name}.wav"), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(RATE)
        handle.writeframes(data.tobytes())


def _envelope(i: int, n: int, attack: float, release: float) -> float:
    t = i / RATE
    total = n / RATE
    if t < attack:
        return t / attack
    if t > total - release:
        return max(0.0, (total - t) / release)
    return 1.0


def _lowpass(samples: list[float], amount: float) -> list[float]:
    out, value = [], 0.0
    for s in samples:
        value += amount * (s - value)
        out.append(value)
    return out


def thrust(rng: random.Random) -> list[float]:
    # A seamless hiss loop: filtered noise, with the loop's ends crossfaded.
    n = int(RATE * 1.0)
    noise = _lowpass([rng.uniform(-1, 1) for _ in range(n + 2000)], 0.25)
    body = noise[:n]
    tail = noise[n:]
    fade = len(tail)
    for i in range(fade):
        w = i / fade
        body[i] = body[i] * w + tail[i] * (1 - w)
    return body


def grab(rng: random.Random) -> list[float]:
    # A short metallic clank: a few inharmonic partials with a fast decay.
    n = int(RATE * 0.25)
    partials = [(523.0, 1.0), (1187.0, 0.6), (2033.0, 0.35), (3311.0, 0.2)]
    return [
        sum(a * math.sin(2 * math.pi * f * i / RATE) for f, a in partials)
        * math.exp(-i / RATE * 22)
        + rng.uniform(-0.15, 0.15) * math.exp(-i / RATE * 80)
        for i in range(n)
    ]


def impact(rng: random.Random) -> list[float]:
    n = int(RATE * 0.45)
    thud = [
        math.sin(2 * math.pi * (90 - 40 * i / n) * i / RATE) * math.exp(-i / RATE * 9)
        for i in range(n)
    ]
    noise = _lowpass([rng.uniform(-1, 1) for _ in range(n)], 0.08)
    return [
        t + 0.8 * s * math.exp(-i / RATE * 14)
        for i, (t, s) in enumerate(zip(thud, noise, strict=True))
    ]


def breach(rng: random.Random) -> list[float]:
    # A damaging hit, unlike a bump's dull thud: a bright metal crack, a low thump, then the
    # hiss of air venting through the breach.
    n = int(RATE * 0.95)
    noise = [rng.uniform(-1, 1) for _ in range(n)]
    smooth = _lowpass(noise, 0.35)
    hiss = [a - b for a, b in zip(noise, smooth, strict=True)]  # high-passed: a sharp hiss
    partials = [(740.0, 1.0), (1131.0, 0.8), (1723.0, 0.6), (2609.0, 0.4)]
    out = []
    for i in range(n):
        t = i / RATE
        crack = sum(a * math.sin(2 * math.pi * f * t * (1 - 0.08 * t)) for f, a in partials)
        crack = crack * math.exp(-t * 26) * 0.55 + noise[i] * math.exp(-t * 60) * 0.9
        thump = math.sin(2 * math.pi * 70 * t) * math.exp(-t * 14) * 0.8
        vent = hiss[i] * min(1.0, t / 0.04) * math.exp(-t * 3.0) * 0.9
        out.append(crack + thump + vent)
    fade = int(RATE * 0.05)
    for i in range(fade):  # no click at the end
        out[n - 1 - i] *= i / fade
    return out


def alarm(rng: random.Random) -> list[float]:
    # Two-tone beep, a second long: loops while O2 is low.
    n = int(RATE * 1.0)
    out = []
    for i in range(n):
        t = i / RATE
        on = (t % 0.5) < 0.22
        f = 880.0 if t < 0.5 else 660.0
        out.append(
            (math.sin(2 * math.pi * f * t) * 0.7 + 0.3 * math.sin(4 * math.pi * f * t))
            * (1.0 if on else 0.0)
        )
    return _lowpass(out, 0.5)


def chime(rng: random.Random) -> list[float]:
    # Objective done: a rising major arpeggio with soft bell tones.
    notes = [523.25, 659.25, 783.99, 1046.5]
    n = int(RATE * 1.1)
    out = [0.0] * n
    for k, f in enumerate(notes):
        start = int(k * 0.09 * RATE)
        for i in range(start, n):
            t = (i - start) / RATE
            out[i] += (
                (math.sin(2 * math.pi * f * t) + 0.3 * math.sin(2 * math.pi * 2 * f * t))
                * math.exp(-t * 3.5)
                * 0.5
            )
    return out


def comms(rng: random.Random) -> list[float]:
    # Radio blip: a quick squelch of band-limited noise and a short beep.
    n = int(RATE * 0.22)
    out = []
    for i in range(n):
        t = i / RATE
        beep = math.sin(2 * math.pi * 1400 * t) if t < 0.08 else 0.0
        out.append(0.6 * beep + 0.35 * rng.uniform(-1, 1) * _envelope(i, n, 0.005, 0.1))
    return _lowpass(out, 0.6)


def fail(rng: random.Random) -> list[float]:
    n = int(RATE * 0.9)
    return [
        math.sin(2 * math.pi * (330 - 160 * i / n) * i / RATE) * _envelope(i, n, 0.01, 0.4)
        for i in range(n)
    ]


def ambient(rng: random.Random) -> list[float]:
    # The station's hum: low drones and filtered air noise, looping seamlessly over 6 s.
    seconds = 6.0
    n = int(RATE * seconds)
    drones = [(55.0, 0.5), (110.0, 0.25), (165.0, 0.12), (82.5, 0.2)]
    noise = _lowpass([rng.uniform(-1, 1) for _ in range(n)], 0.02)
    out = []
    for i in range(n):
        t = i / RATE
        wobble = 1.0 + 0.15 * math.sin(2 * math.pi * t / seconds)  # whole cycles: loops cleanly
        value = sum(a * math.sin(2 * math.pi * f * t) for f, a in drones) * wobble
        out.append(value + 0.6 * noise[i])
    # Crossfade the noise seam.
    fade = RATE // 4
    for i in range(fade):
        w = i / fade
        out[i] = out[i] * w + out[n - fade + i] * (1 - w)
    return out[: n - fade]


SOUNDS = {
    "thrust": thrust,
    "grab": grab,
    "impact": impact,
    "breach": breach,
    "alarm": alarm,
    "chime": chime,
    "comms": comms,
    "fail": fail,
    "ambient": ambient,
}


def main() -> None:
    for name, make in SOUNDS.items():
        _write(name, make(random.Random(name)))
        print(f"wrote {OUT / name}.wav")


if __name__ == "__main__":
    main()
