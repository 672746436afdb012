"""The level format declared once, as data: every section and field with its type, default,
range and documentation. The loader, the JSON Schema and the format reference all read this."""

from __future__ import annotations

from dataclasses import dataclass

FORMAT_VERSION = 1

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_ITEMS_PER_SECTION = 5000
MAX_VERTICES = 256
MAX_STRING = 2000
MAX_COORDINATE = 100_000.0


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED = _Required()


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # number, integer, string, boolean, vec2, rect, points, enum, id, ref
    doc: str
    default: object = REQUIRED
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    unit: str = ""
    ref: str = ""  # for kind "ref": the array section whose ids it names
    exclusive_minimum: bool = False

    @property
    def required(self) -> bool:
        return self.default is REQUIRED


@dataclass(frozen=True)
class Section:
    name: str
    doc: str
    fields: tuple[Field, ...]
    array: bool = False  # [[name]] (a list of tables) rather than [name]
    required: bool = True

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None


def _n(name, doc, default=REQUIRED, minimum=None, maximum=None, unit="", exclusive=False):
    return Field(name, "number", doc, default, minimum, maximum, unit=unit,
                 exclusive_minimum=exclusive)


LEVEL = Section(
    "level",
    "Who made the level and what it is called.",
    (
        Field("id", "id", "Unique id: lower-case letters, digits, '-' and '_'. Used by "
              "`last-orbit play ID`, PBs and replays."),
        Field("name", "string", "Name shown in menus."),
        Field("format", "integer", "Level format version this file is written for.",
              minimum=1),
        Field("author", "string", "Who made it.", default=""),
        Field("description", "string", "One or two sentences shown before play.", default=""),
        _n("par_seconds", "Par time for the medal.", default=60.0, minimum=0.0,
           maximum=86_400.0, unit="s", exclusive=True),
    ),
)

WORLD = Section(
    "world",
    "The space the level happens in.",
    (
        Field("bounds", "rect", "[min_x, min_y, max_x, max_y]: leaving this box is "
              "'lost in space'.", unit="m"),
        Field("background", "enum", "Backdrop drawn behind the station.", default="earth",
              choices=("earth", "stars")),
    ),
)

PLAYER = Section(
    "player",
    "The astronaut: where they start and what they carry.",
    (
        Field("spawn", "vec2", "Start position.", unit="m"),
        _n("angle", "Start angle, counter-clockwise from +x.", default=0.0, minimum=-360.0,
           maximum=360.0, unit="degrees"),
        Field("mode", "enum", "'iva' inside the station (small thruster), 'eva' in a suit "
              "(jetpack).", default="iva", choices=("iva", "eva")),
        _n("mass", "Mass with suit and kit. Default 80 (iva) or 200 (eva).", default=None,
           minimum=1.0, maximum=10_000.0, unit="kg"),
        _n("o2_seconds", "Oxygen reserve.", default=300.0, minimum=0.0, maximum=86_400.0,
           unit="s", exclusive=True),
        _n("o2_drain", "Oxygen used per second of play.", default=1.0, minimum=0.0,
           maximum=1000.0, unit="s/s"),
        _n("propellant", "Thruster budget as delta-v.", default=4.0, minimum=0.0,
           maximum=1000.0, unit="m/s"),
        _n("thrust", "Thruster acceleration. Default 0.8 (iva) or 1.2 (eva).", default=None,
           minimum=0.0, maximum=20.0, unit="m/s^2"),
        _n("push_speed", "Speed of a push-off from something fixed.", default=2.2,
           minimum=0.0, maximum=6.0, unit="m/s"),
        _n("throw_speed", "Speed a thrown object leaves at, relative to the thrower.",
           default=4.0, minimum=0.0, maximum=8.0, unit="m/s"),
        _n("reach", "How far from the astronaut's centre a hand reaches.", default=0.9,
           minimum=0.2, maximum=3.0, unit="m"),
        Field("tether", "vec2", "Anchor point of a safety tether (eva). Omit for none.",
              default=None, unit="m"),
        _n("tether_length", "Longest the tether lets the astronaut drift from its anchor.",
           default=12.0, minimum=0.5, maximum=500.0, unit="m"),
    ),
)

WALLS = Section(
    "walls",
    "Static station geometry: a chain of straight wall segments.",
    (
        Field("points", "points", "Corner points in order.", unit="m"),
        Field("closed", "boolean", "Join the last point back to the first.", default=False),
        _n("thickness", "Wall thickness.", default=0.2, minimum=0.1, maximum=10.0, unit="m"),
    ),
    array=True,
    required=False,
)

HANDHOLDS = Section(
    "handholds",
    "Places a hand can grab: a point (`at`) or a rail (`from` and `to`).",
    (
        Field("id", "id", "Optional name, for objectives and triggers.", default=""),
        Field("at", "vec2", "A single handhold.", default=None, unit="m"),
        Field("from", "vec2", "One end of a rail.", default=None, unit="m"),
        Field("to", "vec2", "The other end of a rail.", default=None, unit="m"),
    ),
    array=True,
    required=False,
)

BODIES = Section(
    "bodies",
    "Free-floating objects: crates, tools, canisters. They collide, and can be grabbed.",
    (
        Field("id", "id", "Name, for objectives and triggers.", default=""),
        Field("shape", "enum", "Collision shape.", default="box", choices=("box", "circle")),
        Field("at", "vec2", "Centre position.", unit="m"),
        Field("size", "vec2", "Width and height of a box.", default=(0.5, 0.5), unit="m"),
        _n("radius", "Radius of a circle.", default=0.25, minimum=0.1, maximum=50.0,
           unit="m"),
        _n("mass", "Mass.", default=10.0, minimum=0.1, maximum=1_000_000.0, unit="kg"),
        _n("angle", "Start angle.", default=0.0, minimum=-360.0, maximum=360.0,
           unit="degrees"),
        Field("velocity", "vec2", "Start velocity.", default=(0.0, 0.0), unit="m/s"),
        _n("spin", "Start angular velocity, counter-clockwise.", default=0.0,
           minimum=-720.0, maximum=720.0, unit="degrees/s"),
        Field("carryable", "boolean", "Grab picks it up and carries it until thrown; "
              "otherwise grabbing holds on to it like a handhold.", default=False),
        Field("label", "string", "Name shown when in reach.", default=""),
    ),
    array=True,
    required=False,
)

ZONES = Section(
    "zones",
    "Named rectangles that objectives and triggers refer to.",
    (
        Field("id", "id", "Name."),
        Field("rect", "rect", "[min_x, min_y, max_x, max_y].", unit="m"),
        Field("label", "string", "Name shown on the HUD.", default=""),
    ),
    array=True,
    required=False,
)

OBJECTIVES = Section(
    "objectives",
    "What the player must do, in order. Each completed objective is a split.",
    (
        Field("kind", "enum", "What completes it.", choices=("reach",)),
        Field("zone", "ref", "The zone to reach.", ref="zones"),
        Field("label", "string", "Text on the HUD.", default=""),
    ),
    array=True,
)

SECTIONS: tuple[Section, ...] = (LEVEL, WORLD, PLAYER, WALLS, HANDHOLDS, BODIES, ZONES,
                                 OBJECTIVES)
