"""The Soyuz, seen from the side: orbital module (the sphere with the docking probe) at the
nose, the bell-shaped descent module, and the service module with its engine at the back.

`paint_soyuz` draws it in an oriented frame: `a` from -length/2 (engine) to +length/2 (nose),
`b` across, within half the width either side; used for the docked spacecraft (a solid) and
the craft the player flies (a sprite)."""

from __future__ import annotations

import math

from game.render.art import colors as C
from game.render.art.paint import Frame, Pen, shade


def paint_soyuz(pen: Pen, frame: Frame, length: float, width: float) -> None:
    half = length / 2
    w = width / 2

    def poly(color, pts, outline=None):
        pen.poly(color, [frame.at(a, b) for a, b in pts])
        if outline is not None:
            pen.poly(outline, [frame.at(a, b) for a, b in pts], max(1, pen.w(0.03)))

    # Proportions along the length, engine end first.
    a_eng = -half
    a_sm0 = -half + length * 0.06  # service module starts after the nozzle
    a_sm1 = a_sm0 + length * 0.36
    a_dm1 = a_sm1 + length * 0.27  # descent module
    a_om1 = half - length * 0.05  # orbital module, then the probe
    body_w = w * 0.62  # hull radius; the solar wings stick out to the full width

    # Solar wings on the service module, seen nearly edge-on: long thin dark-blue blades.
    wing_a0 = a_sm0 + length * 0.1
    wing_a1 = wing_a0 + length * 0.12
    for side in (-1, 1):
        root, tip = side * body_w * 0.8, side * w * 0.98
        poly(
            C.SOLAR_FRAME,
            [
                (wing_a0 - 0.03, root),
                (wing_a1 + 0.03, root),
                (wing_a1 + 0.03, tip),
                (wing_a0 - 0.03, tip),
            ],
        )
        poly(
            C.SOLAR_CELL,
            [
                (wing_a0, root),
                (wing_a1, root),
                (wing_a1, tip - side * 0.03),
                (wing_a0, tip - side * 0.03),
            ],
        )
        steps = max(2, int(abs(tip - root) / 0.25))
        for k in range(1, steps):
            b = root + (tip - root) * k / steps
            pen.line(C.SOLAR_LINE, frame.at(wing_a0, b), frame.at(wing_a1, b), 0.02)
        pen.line(
            C.SOLAR_LINE,
            frame.at((wing_a0 + wing_a1) / 2, root),
            frame.at((wing_a0 + wing_a1) / 2, tip),
            0.02,
        )

    # Engine nozzle.
    poly(
        C.NOZZLE,
        [
            (a_eng, -body_w * 0.45),
            (a_sm0, -body_w * 0.3),
            (a_sm0, body_w * 0.3),
            (a_eng, body_w * 0.45),
        ],
        C.METAL_DEEP,
    )
    # Service module: a cylinder, pale with radiator bands.
    poly(
        C.SOYUZ_SERVICE,
        [
            (a_sm0, -body_w * 0.92),
            (a_sm1, -body_w * 0.92),
            (a_sm1, body_w * 0.92),
            (a_sm0, body_w * 0.92),
        ],
        C.METAL_DEEP,
    )
    for k in range(1, 5):
        a = a_sm0 + (a_sm1 - a_sm0) * k / 5
        pen.line(
            shade(C.SOYUZ_SERVICE, 0.78),
            frame.at(a, -body_w * 0.9),
            frame.at(a, body_w * 0.9),
            0.03,
        )
    poly(
        C.SOYUZ_GREEN_DARK,
        [
            (a_sm1 - length * 0.03, -body_w * 0.96),
            (a_sm1, -body_w * 0.96),
            (a_sm1, body_w * 0.96),
            (a_sm1 - length * 0.03, body_w * 0.96),
        ],
    )
    # Descent module: a bell, widest at its heat shield against the service module.
    bell = []
    steps = 10
    for k in range(steps + 1):
        t = k / steps
        a = a_sm1 + (a_dm1 - a_sm1) * t
        r = body_w * (0.98 - 0.42 * t**1.3)
        bell.append((a, r))
    poly(
        C.SOYUZ_DESCENT,
        [(a, -r) for a, r in bell] + [(a, r) for a, r in reversed(bell)],
        C.METAL_DEEP,
    )
    poly(
        shade(C.SOYUZ_DESCENT, 1.12),
        [(a, r * 0.2) for a, r in bell] + [(a, r * 0.7) for a, r in reversed(bell)],
    )
    pen.circle(C.METAL_DEEP, frame.at(a_sm1 + (a_dm1 - a_sm1) * 0.55, body_w * 0.25), body_w * 0.12)
    pen.circle(
        C.CUPOLA_DEEP, frame.at(a_sm1 + (a_dm1 - a_sm1) * 0.55, body_w * 0.25), body_w * 0.085
    )
    # Orbital module: the sphere, in its green blanket.
    om_c = (a_dm1 + a_om1) / 2
    om_r = min((a_om1 - a_dm1) / 2 * 1.08, body_w * 0.86)
    sphere = [
        (om_c + math.cos(t) * (a_om1 - a_dm1) / 2 * 1.02, math.sin(t) * om_r)
        for t in (k * math.tau / 28 for k in range(28))
    ]
    poly(C.SOYUZ_GREEN, sphere, C.SOYUZ_GREEN_DARK)
    highlight = [
        (om_c - 0.1 * om_r + math.cos(t) * om_r * 0.45, om_r * 0.3 + math.sin(t) * om_r * 0.35)
        for t in (k * math.tau / 16 for k in range(16))
    ]
    poly(C.SOYUZ_GREEN_LIGHT, highlight)
    for k in (-1, 1):  # blanket seams
        pen.line(
            C.SOYUZ_GREEN_DARK,
            frame.at(om_c + k * om_r * 0.45, -om_r * 0.85),
            frame.at(om_c + k * om_r * 0.45, om_r * 0.85),
            0.02,
        )
    # Docking probe, and the little antennas.
    poly(
        C.METAL,
        [
            (a_om1 - 0.05, -body_w * 0.16),
            (half - 0.04, -body_w * 0.06),
            (half - 0.04, body_w * 0.06),
            (a_om1 - 0.05, body_w * 0.16),
        ],
        C.METAL_DARK,
    )
    pen.circle(C.METAL_DARK, frame.at(half - 0.05, 0.0), max(0.03, body_w * 0.06))
    for side in (-1, 1):
        base = frame.at(om_c + om_r * 0.2, side * om_r * 0.92)
        tip = frame.at(om_c + om_r * 0.6, side * min(w * 0.98, om_r * 1.3))
        pen.line(C.METAL, base, tip, 0.025)
