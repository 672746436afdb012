"""The level format declared once, as data: every section and field with its type, default,
range and documentation. The loader, the JSON Schema and the format reference all read this,
so they cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass

FORMAT_VERSION = 1

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_ITEMS_PER_SECTION = 5000
MAX_VERTICES = 256
MAX_TOTAL_VERTICES = 8192  # over a whole level: polygon checks are quadratic per outline
MAX_STRING = 2000
MAX_COORDINATE = 100_000.0
MAX_ACTIONS = 32
MIN_BOX_SIDE = 0.2  # m: a box body or mover's smallest side
MIN_CRAFT_SIDE = 0.5  # m: a craft hull's smallest side


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED = _Required()


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # number, integer, string, boolean, vec2, rect, points, enum, id, ref, actions,
    # asset (a file path, relative to the level's folder)
    doc: str
    default: object = REQUIRED
    minimum: float | None = None  # for a vec2: of each component
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    unit: str = ""
    ref: tuple[str, ...] = ()  # for kind "ref": the sections whose ids it may name
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


def _num(name, doc, default=REQUIRED, minimum=None, maximum=None, unit="", exclusive=False):
    return Field(
        name, "number", doc, default, minimum, maximum, unit=unit, exclusive_minimum=exclusive
    )


def _angle(doc="Start angle, counter-clockwise from +x."):
    return _num("angle", doc, 0.0, -360.0, 360.0, "degrees")


def _style(doc: str, choices: tuple[str, ...]) -> Field:
    return Field(
        "style", "enum", doc + " Only changes how it is drawn.", default=choices[0], choices=choices
    )


WALL_STYLES = ("module", "us", "russian", "node", "cupola", "airlock", "soyuz")
SOLID_STYLES = ("hull", "truss", "panel", "radiator", "antenna", "soyuz", "rock")
BODY_STYLES = ("crate", "bag", "tool", "camera", "canister", "case", "debris", "panel-shard")
MOVER_STYLES = ("arm", "crew", "door", "block")
ITEM_STYLES = ("key", "drive", "canister", "card", "fuel")


def _label(doc="Name shown in game."):
    return Field("label", "string", doc, default="")


def _id(doc, required=False):
    return Field("id", "id", doc) if required else Field("id", "id", doc, default="")


_SHAPE_FIELDS = (
    Field("size", "vec2", "Width and height of a box.", default=(0.5, 0.5), unit="m"),
    _num("radius", "Radius of a circle.", 0.25, 0.1, 50.0, "m"),
    Field(
        "points",
        "points",
        "Outline of a polygon, relative to `at` (concave outlines are split into convex parts).",
        default=None,
        unit="m",
    ),
)

LEVEL = Section(
    "level",
    "Who made the level, what it is called, and how it is won.",
    (
        _id(
            "Unique id: lower-case letters, digits, '-' and '_'. Used by `last-orbit play ID`, "
            "PBs and replays.",
            required=True,
        ),
        Field("name", "string", "Name shown in menus."),
        Field(
            "format",
            "integer",
            "Level format version this file is written for (`last-orbit validate --upgrade` "
            "rewrites an older one).",
            minimum=1,
            maximum=FORMAT_VERSION,  # a newer one is refused by the loader's own message
        ),
        Field("author", "string", "Who made it.", default=""),
        Field(
            "description",
            "string",
            "One or two sentences shown before play; bindings placeholders as in a message's text.",
            default="",
        ),
        _num("par_seconds", "Par time for the medal.", 60.0, 0.0, 86_400.0, "s", True),
        Field(
            "order",
            "enum",
            "'sequence': objectives one after another; 'any': in any order.",
            default="sequence",
            choices=("sequence", "any"),
        ),
        _num(
            "time_limit",
            "Fail the run when this much level time has passed. Omit for none.",
            None,
            0.0,
            86_400.0,
            "s",
            True,
        ),
    ),
)

WORLD = Section(
    "world",
    "The space the level happens in.",
    (
        Field(
            "bounds",
            "rect",
            "[min_x, min_y, max_x, max_y]: leaving this box is 'lost in space'.",
            unit="m",
        ),
        Field(
            "background",
            "enum",
            "Backdrop drawn behind the station.",
            default="earth",
            choices=("earth", "stars"),
        ),
        Field(
            "backdrop",
            "asset",
            "Optional PNG drawn behind everything instead of the built-in sky, relative to "
            "the level's folder (or the game's assets).",
            default=None,
        ),
    ),
)

OPENING = Section(
    "opening",
    "A scripted opening (the arm knocking Gordon loose): the level plays by itself for "
    "`seconds`, the same every time, without the player's control and without the run timer. "
    "Control and the timer start together at the player's first input after it. Before that "
    "input nothing changes: no O2 is used, nothing moves and no timed trigger fires. Without "
    "an opening the world waits from the first tick.",
    (
        _num("seconds", "How long the opening plays.", REQUIRED, 0.0, 60.0, "s"),
        Field(
            "skippable",
            "boolean",
            "Whether a key (Enter, or the player's confirm key) jumps to the opening's end "
            "state at once.",
            default=True,
        ),
    ),
    required=False,
)

PLAYER = Section(
    "player",
    "The astronaut: where they start and what they carry.",
    (
        Field("spawn", "vec2", "Start position.", unit="m"),
        _angle(),
        Field(
            "mode",
            "enum",
            "'iva' inside the station (small thruster), 'eva' in a suit (jetpack), 'craft' "
            "a spacecraft (main engine along its nose, RCS jets to turn with real rotational "
            "inertia, no hands).",
            default="iva",
            choices=("iva", "eva", "craft"),
        ),
        _num(
            "mass",
            "Mass with suit and kit. Default 80 (iva), 200 (eva) or 7150 (craft).",
            None,
            1.0,
            10_000.0,
            "kg",
        ),
        _num("o2_seconds", "Oxygen reserve.", 300.0, 0.0, 86_400.0, "s", True),
        _num(
            "o2_drain",
            "Oxygen used per second of play (a trigger can change it).",
            1.0,
            0.0,
            1000.0,
            "s/s",
        ),
        _num("propellant", "Thruster budget as delta-v.", 4.0, 0.0, 1000.0, "m/s"),
        _num(
            "thrust",
            "Thruster acceleration (a craft's main engine). Default 0.8 (iva), 1.2 (eva) or "
            "1.5 (craft).",
            None,
            0.0,
            20.0,
            "m/s^2",
        ),
        _num("push_speed", "Speed of a push-off from something fixed.", 2.2, 0.0, 6.0, "m/s"),
        _num(
            "throw_speed",
            "Speed a thrown object leaves at, relative to the thrower.",
            4.0,
            0.0,
            8.0,
            "m/s",
        ),
        _num("reach", "How far from the astronaut's centre a hand reaches.", 0.9, 0.2, 3.0, "m"),
        Field(
            "craft_size",
            "vec2",
            "Hull length (along the nose) and width of a craft.",
            default=(7.0, 2.7),
            minimum=MIN_CRAFT_SIDE,
            unit="m",
        ),
        _num(
            "turn_accel",
            "Angular acceleration of a craft's RCS jets at full turn input.",
            20.0,
            1.0,
            720.0,
            "degrees/s^2",
        ),
        Field(
            "tether",
            "vec2",
            "Anchor point of a safety tether. Omit for none.",
            default=None,
            unit="m",
        ),
        _num(
            "tether_length",
            "Longest the tether lets the astronaut drift from its anchor.",
            12.0,
            0.5,
            500.0,
            "m",
        ),
        _num(
            "impact_limit",
            "An impact faster than this damages the suit: O2 is lost. Omit for none.",
            None,
            0.0,
            100.0,
            "m/s",
            True,
        ),
        _num("impact_o2_loss", "O2 lost per m/s above impact_limit.", 10.0, 0.0, 86_400.0, "s"),
    ),
)

WALLS = Section(
    "walls",
    "Static station geometry: a chain of straight wall segments.",
    (
        Field("points", "points", "Corner points in order.", unit="m"),
        Field("closed", "boolean", "Join the last point back to the first.", default=False),
        _num("thickness", "Wall thickness.", 0.2, 0.1, 10.0, "m"),
        _style(
            "Which module it belongs to: the US segment, the Russian segment, a node, the "
            "cupola, the airlock or the Soyuz cabin.",
            WALL_STYLES,
        ),
    ),
    array=True,
    required=False,
)

SOLIDS = Section(
    "solids",
    "Static solid polygons: truss beams, panels, the hull seen from outside.",
    (
        Field(
            "points",
            "points",
            "Outline, in world coordinates (concave outlines are split into convex parts).",
            unit="m",
        ),
        _label("Name shown by the debug overlay."),
        _style("What it is.", SOLID_STYLES),
    ),
    array=True,
    required=False,
)

HANDHOLDS = Section(
    "handholds",
    "Places a hand can grab: a point (`at`) or a rail (`from` and `to`).",
    (
        _id("Optional name, for objectives and triggers."),
        Field("at", "vec2", "A single handhold.", default=None, unit="m"),
        Field("from", "vec2", "One end of a rail.", default=None, unit="m"),
        Field("to", "vec2", "The other end of a rail.", default=None, unit="m"),
        _label("Name shown when in reach."),
    ),
    array=True,
    required=False,
)

BODIES = Section(
    "bodies",
    "Free-floating objects: crates, tools, debris. They collide, and can be grabbed.",
    (
        _id("Name, for objectives and triggers."),
        Field(
            "shape", "enum", "Collision shape.", default="box", choices=("box", "circle", "polygon")
        ),
        Field("at", "vec2", "Centre position.", unit="m"),
        *_SHAPE_FIELDS,
        _num("mass", "Mass.", 10.0, 0.1, 1_000_000.0, "kg"),
        _angle(),
        Field(
            "velocity", "vec2", "Start velocity (at most 10 m/s).", default=(0.0, 0.0), unit="m/s"
        ),
        _num("spin", "Start angular velocity, counter-clockwise.", 0.0, -720.0, 720.0, "degrees/s"),
        Field(
            "carryable",
            "boolean",
            "Grab picks it up and carries it until thrown; "
            "otherwise grabbing holds on to it like a handhold.",
            default=False,
        ),
        Field(
            "grabbable", "boolean", "Can be grabbed at all (debris usually cannot).", default=True
        ),
        Field(
            "spawned",
            "boolean",
            "Present from the start; false waits for a `spawn` action.",
            default=True,
        ),
        _label("Name shown when in reach."),
        _style("What it is.", BODY_STYLES),
    ),
    array=True,
    required=False,
)

MOVERS = Section(
    "movers",
    "Bodies that follow a path whatever hits them: the robotic arm, a swinging hatch, crew.",
    (
        _id("Name, for triggers (start_path, stop_path) and objectives (grab).", required=True),
        Field(
            "shape", "enum", "Collision shape.", default="box", choices=("box", "circle", "polygon")
        ),
        Field(
            "path",
            "points",
            "Waypoints the centre moves through; the first is the start.",
            unit="m",
        ),
        *_SHAPE_FIELDS,
        _num("speed", "Speed along the path.", 0.5, 0.0, 10.0, "m/s"),
        Field(
            "mode",
            "enum",
            "'once' stops at the end, 'loop' jumps back to the start, "
            "'pingpong' goes back and forth.",
            default="pingpong",
            choices=("once", "loop", "pingpong"),
        ),
        Field(
            "moving", "boolean", "Moving from the start (false waits for start_path).", default=True
        ),
        _angle(),
        _num("spin", "Constant rotation, counter-clockwise.", 0.0, -720.0, 720.0, "degrees/s"),
        Field("grabbable", "boolean", "Can be grabbed (the arm's end effector can).", default=True),
        _label("Name shown when in reach."),
        _style("What it is.", MOVER_STYLES),
    ),
    array=True,
    required=False,
)

HATCHES = Section(
    "hatches",
    "Doors that block a passage until opened by a trigger.",
    (
        _id("Name, for open_hatch and close_hatch.", required=True),
        Field("from", "vec2", "One side of the doorway.", unit="m"),
        Field("to", "vec2", "The other side.", unit="m"),
        _num("thickness", "Door thickness.", 0.15, 0.1, 2.0, "m"),
        Field("open", "boolean", "Open at the start.", default=False),
        _label("Name shown on the HUD and the debug overlay."),
    ),
    array=True,
    required=False,
)

ZONES = Section(
    "zones",
    "Named rectangles that objectives and triggers refer to.",
    (
        _id("Name.", required=True),
        Field("rect", "rect", "[min_x, min_y, max_x, max_y].", unit="m"),
        _num(
            "o2_drain",
            "Extra O2 used per second while the astronaut is inside (a leak, smoke).",
            0.0,
            0.0,
            1000.0,
            "s/s",
        ),
        _label("Name shown on the HUD."),
    ),
    array=True,
    required=False,
)

ITEMS = Section(
    "items",
    "Small things collected by touching them: keys, drives, O2 canisters.",
    (
        _id("Name, for collect and deliver objectives and item triggers.", required=True),
        Field("at", "vec2", "Position.", unit="m"),
        _num("radius", "Touch radius.", 0.3, 0.05, 5.0, "m"),
        _num("o2", "O2 given when collected.", 0.0, 0.0, 86_400.0, "s"),
        _num("propellant", "Propellant given when collected.", 0.0, 0.0, 1000.0, "m/s"),
        _label("Name shown in game."),
        _style("What it is.", ITEM_STYLES),
    ),
    array=True,
    required=False,
)

OBJECTIVE_KINDS: dict[str, tuple[str, ...]] = {
    "reach": ("zone",),
    "repair": ("zone", "seconds"),
    "collect": ("item",),
    "deliver": ("zone",),  # and one of item or body
    "grab": ("target",),
    "survive": ("seconds",),
}

OBJECTIVES = Section(
    "objectives",
    "What the player must do. Each completed objective is a split.",
    (
        _id("Name, for objective triggers."),
        Field(
            "kind",
            "enum",
            "reach: get into `zone`. repair: hold USE inside `zone` for "
            "`seconds`. collect: touch `item`. deliver: bring `item` (collected) or `body` "
            "(carried or pushed) into `zone`. grab: take hold of `target` (a body, mover or "
            "handhold id). survive: last `seconds`.",
            choices=tuple(OBJECTIVE_KINDS),
        ),
        Field("zone", "ref", "Zone (reach, repair, deliver).", default="", ref=("zones",)),
        Field("item", "ref", "Item (collect, deliver).", default="", ref=("items",)),
        Field("body", "ref", "Body (deliver).", default="", ref=("bodies",)),
        Field(
            "target",
            "ref",
            "What to grab (grab).",
            default="",
            ref=("bodies", "movers", "handholds"),
        ),
        _num("seconds", "How long (repair, survive).", 0.0, 0.0, 86_400.0, "s"),
        _label("Text on the HUD."),
    ),
    array=True,
)

ACTIONS: dict[str, tuple[Field, ...]] = {
    "message": (
        Field(
            "text",
            "string",
            "What is said. {grab} {throw} {use} {move} {turn} {restart} {pause} show as the "
            "player's bindings (keys, or gamepad buttons); other braces stay as written.",
        ),
        Field("from", "string", "Who says it.", default=""),
        _num("seconds", "How long it stays on screen.", 4.0, 0.5, 60.0, "s"),
    ),
    "cut_tether": (),
    "start_path": (Field("target", "ref", "The mover.", ref=("movers",)),),
    "stop_path": (Field("target", "ref", "The mover.", ref=("movers",)),),
    "open_hatch": (Field("target", "ref", "The hatch.", ref=("hatches",)),),
    "close_hatch": (Field("target", "ref", "The hatch.", ref=("hatches",)),),
    "set_o2_drain": (_num("value", "New O2 use per second.", REQUIRED, 0.0, 1000.0, "s/s"),),
    "spawn": (Field("target", "ref", "A body with spawned = false.", ref=("bodies",)),),
    "shake": (
        _num("seconds", "How long.", 1.0, 0.05, 10.0, "s"),
        _num("strength", "How far the camera shakes.", 0.3, 0.0, 5.0, "m"),
    ),
    "fail": (Field("text", "string", "Why the run failed, shown to the player."),),
    "flash": (
        _num(
            "strength",
            "How bright the flash on Earth is, 0..1 (the reduced-flashing setting dims it).",
            1.0,
            0.0,
            1.0,
        ),
    ),
}

TRIGGER_EVENTS: dict[str, tuple[str, ...]] = {
    "start": (),
    "time": ("seconds",),
    "objective": ("objective",),
    "enter": ("zone",),
    "item": ("item",),
}

TRIGGERS = Section(
    "triggers",
    "When something happens, do a fixed list of actions. Nothing here is ever run as code.",
    (
        _id("Optional name."),
        Field(
            "on",
            "enum",
            "start: on the level's first tick (the opening's first, or else the player's first "
            "input). time: at `seconds` of level time (the opening's plus the run's; time "
            "spent waiting for the first input never counts). "
            "objective: when `objective` is done. enter: when the astronaut enters `zone`. "
            "item: when `item` is collected.",
            choices=tuple(TRIGGER_EVENTS),
        ),
        _num("seconds", "Level time it fires at (needed by 'time').", 0.0, 0.0, 86_400.0, "s"),
        Field(
            "objective", "ref", "Objective id (on = 'objective').", default="", ref=("objectives",)
        ),
        Field("zone", "ref", "Zone id (on = 'enter').", default="", ref=("zones",)),
        Field("item", "ref", "Item id (on = 'item').", default="", ref=("items",)),
        Field(
            "once",
            "boolean",
            "Fire only the first time (an 'enter' trigger can repeat).",
            default=True,
        ),
        _num(
            "delay", "Wait this long after the event before the actions run.", 0.0, 0.0, 3600.0, "s"
        ),
        Field(
            "actions",
            "actions",
            "The actions, in order: inline tables with `do` = one of " + ", ".join(ACTIONS) + ".",
        ),
    ),
    array=True,
    required=False,
)

SECTIONS: tuple[Section, ...] = (
    LEVEL,
    WORLD,
    OPENING,
    PLAYER,
    WALLS,
    SOLIDS,
    HANDHOLDS,
    BODIES,
    MOVERS,
    HATCHES,
    ZONES,
    ITEMS,
    OBJECTIVES,
    TRIGGERS,
)


_SINGULAR = {"bodies": "body", "hatches": "hatch"}  # the plurals not made by adding an 's'


def singular(section_name: str) -> str:
    """'bodies' -> 'body', 'hatches' -> 'hatch', 'zones' -> 'zone': for messages and the
    reference."""
    return _SINGULAR.get(section_name, section_name.removesuffix("s"))


def section(name: str) -> Section:
    for s in SECTIONS:
        if s.name == name:
            return s
    raise KeyError(name)
