"""Devices to one `TickInput` per tick, and key presses to menu actions.

Bindings are plain tables (action name -> keys, action name -> gamepad buttons) so they can be
shown in prompts, rebound and saved (game/bindings.py). Nothing past this module looks at a key:
the simulation gets a `TickInput`, the scenes get action names, and menus get navigation
intents (`MenuNavigator`: up, down, left, right, confirm, back) from keys, pads and sticks.

An input source is any callable `tick -> TickInput`; `DeviceInput` reads the keyboard, the
mouse and any SDL game controllers, and a test or a replay passes its own function instead.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
import pygame  # noqa: E402

from game.sim.tick_input import TickInput  # noqa: E402

InputSource = Callable[[int], TickInput]

# Actions sampled every tick.
MOVE_LEFT, MOVE_RIGHT, MOVE_UP, MOVE_DOWN = "move_left", "move_right", "move_up", "move_down"
TURN_CCW, TURN_CW = "turn_ccw", "turn_cw"
GRAB, USE, THROW = "grab", "use", "throw"
# Actions of menus and scenes, taken from key-down events.
PAUSE, CONFIRM, RESTART, QUIT = "pause", "confirm", "restart", "quit"
# Window-wide keys: the debug overlay, reloading the level file, showing the PB ghost.
DEBUG, RELOAD, GHOST = "debug", "reload", "ghost"
EDIT = "edit"  # F6 over a level played from its file: the level editor on that file
# Watching a replay: pause, one tick on, slower, faster.
WATCH_PAUSE, WATCH_STEP, WATCH_SLOWER, WATCH_FASTER = (
    "watch_pause",
    "watch_step",
    "watch_slower",
    "watch_faster",
)

TICK_ACTIONS = (MOVE_LEFT, MOVE_RIGHT, MOVE_UP, MOVE_DOWN, TURN_CCW, TURN_CW, GRAB, USE, THROW)
MENU_ACTIONS = (PAUSE, CONFIRM, RESTART, QUIT, DEBUG, RELOAD, GHOST, EDIT)
WATCH_ACTIONS = (WATCH_PAUSE, WATCH_STEP, WATCH_SLOWER, WATCH_FASTER)
_BUTTON_ACTIONS = (GRAB, USE, THROW)

DEFAULT_KEYS: dict[str, tuple[int, ...]] = {
    MOVE_LEFT: (pygame.K_a, pygame.K_LEFT),
    MOVE_RIGHT: (pygame.K_d, pygame.K_RIGHT),
    MOVE_UP: (pygame.K_w, pygame.K_UP),
    MOVE_DOWN: (pygame.K_s, pygame.K_DOWN),
    TURN_CCW: (pygame.K_q,),
    TURN_CW: (pygame.K_e,),
    GRAB: (pygame.K_SPACE,),
    THROW: (pygame.K_f,),
    USE: (pygame.K_g,),
    PAUSE: (pygame.K_ESCAPE,),
    CONFIRM: (pygame.K_RETURN, pygame.K_KP_ENTER),
    RESTART: (pygame.K_r,),
    QUIT: (pygame.K_q,),
    DEBUG: (pygame.K_F3,),
    RELOAD: (pygame.K_F5,),
    EDIT: (pygame.K_F6,),
    GHOST: (pygame.K_h,),
    WATCH_PAUSE: (pygame.K_SPACE, pygame.K_p),
    WATCH_STEP: (pygame.K_PERIOD, pygame.K_RIGHT),
    WATCH_SLOWER: (pygame.K_LEFTBRACKET, pygame.K_MINUS, pygame.K_KP_MINUS),
    WATCH_FASTER: (pygame.K_RIGHTBRACKET, pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS),
}

# SDL game controller buttons (the standard Xbox-style layout SDL maps every pad to).
DEFAULT_PAD_BUTTONS: dict[str, tuple[int, ...]] = {
    MOVE_LEFT: (pygame.CONTROLLER_BUTTON_DPAD_LEFT,),
    MOVE_RIGHT: (pygame.CONTROLLER_BUTTON_DPAD_RIGHT,),
    MOVE_UP: (pygame.CONTROLLER_BUTTON_DPAD_UP,),
    MOVE_DOWN: (pygame.CONTROLLER_BUTTON_DPAD_DOWN,),
    TURN_CCW: (pygame.CONTROLLER_BUTTON_LEFTSHOULDER,),
    TURN_CW: (pygame.CONTROLLER_BUTTON_RIGHTSHOULDER,),
    GRAB: (pygame.CONTROLLER_BUTTON_A,),
    THROW: (pygame.CONTROLLER_BUTTON_X,),
    USE: (pygame.CONTROLLER_BUTTON_B,),
    PAUSE: (pygame.CONTROLLER_BUTTON_START,),
    CONFIRM: (pygame.CONTROLLER_BUTTON_A,),
    RESTART: (pygame.CONTROLLER_BUTTON_BACK,),
    QUIT: (pygame.CONTROLLER_BUTTON_Y,),
}

# Menu navigation intents.
NAV_UP, NAV_DOWN, NAV_LEFT, NAV_RIGHT = "nav_up", "nav_down", "nav_left", "nav_right"
NAV_CONFIRM, NAV_BACK = "nav_confirm", "nav_back"
# Keys and buttons that always navigate menus, whatever the bindings (a player who rebinds
# everything can still find the way back).
_NAV_KEYS = {
    pygame.K_UP: NAV_UP,
    pygame.K_DOWN: NAV_DOWN,
    pygame.K_LEFT: NAV_LEFT,
    pygame.K_RIGHT: NAV_RIGHT,
    pygame.K_RETURN: NAV_CONFIRM,
    pygame.K_KP_ENTER: NAV_CONFIRM,
    pygame.K_SPACE: NAV_CONFIRM,
    pygame.K_ESCAPE: NAV_BACK,
    pygame.K_BACKSPACE: NAV_BACK,
}
_NAV_BUTTONS = {
    pygame.CONTROLLER_BUTTON_DPAD_UP: NAV_UP,
    pygame.CONTROLLER_BUTTON_DPAD_DOWN: NAV_DOWN,
    pygame.CONTROLLER_BUTTON_DPAD_LEFT: NAV_LEFT,
    pygame.CONTROLLER_BUTTON_DPAD_RIGHT: NAV_RIGHT,
    pygame.CONTROLLER_BUTTON_A: NAV_CONFIRM,
    pygame.CONTROLLER_BUTTON_START: NAV_CONFIRM,
    pygame.CONTROLLER_BUTTON_B: NAV_BACK,
}
_NAV_ACTIONS = {
    MOVE_UP: NAV_UP,
    MOVE_DOWN: NAV_DOWN,
    MOVE_LEFT: NAV_LEFT,
    MOVE_RIGHT: NAV_RIGHT,
    CONFIRM: NAV_CONFIRM,
    PAUSE: NAV_BACK,
}
STICK_NAV = 0.6  # of full deflection: a stick pushed this far moves a menu once

STICK_DEADZONE = 0.2  # of full deflection, radial
# Aiming a push or throw with the keyboard: a key added to those held sweeps the aim towards the
# new direction by this much per tick (counted in ticks, as the simulation is), so a short tap
# of a neighbouring key gives an angle between the eight.
AIM_SWEEP_DEGREES_PER_TICK = 1.5
# Aiming with the mouse: the pointer must move this far (px) while aiming to take the aim over
# from the keys, and nearer than MOUSE_AIM_DEADZONE to the astronaut it aims nowhere.
MOUSE_AIM_WAKE = 6
MOUSE_AIM_DEADZONE = 12
# Mouse buttons (pygame's numbering: 1 left, 3 right) for the buttons sampled every tick, so
# point-and-release works with the mouse alone.
DEFAULT_MOUSE_BUTTONS: dict[str, tuple[int, ...]] = {GRAB: (1,), THROW: (3,)}
TRIGGER_DEADZONE = 0.1
_AXIS_MAX = 32767.0


# pygame's key names where a player would say something else: keypad keys are "[-]" and its
# Enter is "enter" (the same as Return would be), so both would read alike on screen.
_FRIENDLY_NAMES = {"return": "enter", "escape": "esc", "enter": "num enter"}

PAD_BUTTON_NAMES = {
    pygame.CONTROLLER_BUTTON_A: "A",
    pygame.CONTROLLER_BUTTON_B: "B",
    pygame.CONTROLLER_BUTTON_X: "X",
    pygame.CONTROLLER_BUTTON_Y: "Y",
    pygame.CONTROLLER_BUTTON_BACK: "BACK",
    pygame.CONTROLLER_BUTTON_GUIDE: "GUIDE",
    pygame.CONTROLLER_BUTTON_START: "START",
    pygame.CONTROLLER_BUTTON_LEFTSTICK: "L-STICK",
    pygame.CONTROLLER_BUTTON_RIGHTSTICK: "R-STICK",
    pygame.CONTROLLER_BUTTON_LEFTSHOULDER: "LB",
    pygame.CONTROLLER_BUTTON_RIGHTSHOULDER: "RB",
    pygame.CONTROLLER_BUTTON_DPAD_UP: "D-PAD UP",
    pygame.CONTROLLER_BUTTON_DPAD_DOWN: "D-PAD DOWN",
    pygame.CONTROLLER_BUTTON_DPAD_LEFT: "D-PAD LEFT",
    pygame.CONTROLLER_BUTTON_DPAD_RIGHT: "D-PAD RIGHT",
}


def key_text(key: int) -> str:
    """A key as a player reads it on screen ("J", "SPACE", "ESC", "NUM -")."""
    name = pygame.key.name(key) or f"key {key}"
    if len(name) > 2 and name.startswith("[") and name.endswith("]"):
        name = f"num {name[1:-1]}"
    return _FRIENDLY_NAMES.get(name, name).upper()


def pad_text(button: int) -> str:
    """A gamepad button as a player reads it ("A", "LB", "START")."""
    return PAD_BUTTON_NAMES.get(button, f"BUTTON {button}")


def key_label(action: str, keys: Mapping[str, tuple[int, ...]] = DEFAULT_KEYS) -> str:
    """The first key bound to an action, as a player reads it ("SPACE", "F", "ESC")."""
    bound = keys.get(action, ())
    if not bound:
        return "?"
    return key_text(bound[0])


def move_keys_label(keys: Mapping[str, tuple[int, ...]] = DEFAULT_KEYS) -> str:
    """The move keys as a player says them: "WASD/arrows" for the defaults."""
    names = [
        [pygame.key.name(k) for k in keys.get(a, ())]
        for a in (MOVE_UP, MOVE_LEFT, MOVE_DOWN, MOVE_RIGHT)
    ]
    first = [n[0] for n in names if n]
    label = (
        "".join(first).upper()
        if len(first) == 4 and all(len(f) == 1 for f in first)
        else "the move keys"
    )
    if all(any(n in ("up", "left", "down", "right") for n in group) for group in names):
        label += "/arrows" if label != "the move keys" else ""
    return label


def menu_action(
    event: pygame.event.Event,
    keys: Mapping[str, tuple[int, ...]] = DEFAULT_KEYS,
    pad_buttons: Mapping[str, tuple[int, ...]] = DEFAULT_PAD_BUTTONS,
) -> list[str]:
    """The menu actions a key-down or button-down event stands for (a key can mean several:
    Q is turn in play and quit in the pause menu; the scene decides)."""
    if event.type == pygame.KEYDOWN:
        return [action for action in MENU_ACTIONS if event.key in keys.get(action, ())]
    if event.type == pygame.CONTROLLERBUTTONDOWN:
        return [a for a in MENU_ACTIONS if event.button in pad_buttons.get(a, ())]
    return []


class MenuNavigator:
    """Key, button and stick events to menu intents. Sticks move the selection once per push
    past STICK_NAV (it must come back towards the centre before it moves it again)."""

    def __init__(
        self,
        keys: Mapping[str, tuple[int, ...]] = DEFAULT_KEYS,
        pad_buttons: Mapping[str, tuple[int, ...]] = DEFAULT_PAD_BUTTONS,
    ):
        self.keys = keys
        self.pad_buttons = pad_buttons
        self._stick: dict[tuple[int, int], int] = {}  # (instance, axis) -> -1, 0, 1

    def intent(self, event: pygame.event.Event) -> str | None:
        if event.type == pygame.KEYDOWN:
            fixed = _NAV_KEYS.get(event.key)
            if fixed is not None:
                return fixed
            for action, nav in _NAV_ACTIONS.items():
                if event.key in self.keys.get(action, ()):
                    return nav
            return None
        if event.type == pygame.CONTROLLERBUTTONDOWN:
            fixed = _NAV_BUTTONS.get(event.button)
            if fixed is not None:
                return fixed
            for action, nav in _NAV_ACTIONS.items():
                if event.button in self.pad_buttons.get(action, ()):
                    return nav
            return None
        if event.type == pygame.CONTROLLERAXISMOTION:
            axis = event.axis
            if axis not in (pygame.CONTROLLER_AXIS_LEFTX, pygame.CONTROLLER_AXIS_LEFTY):
                return None
            value = event.value / _AXIS_MAX
            slot = (getattr(event, "instance_id", 0), axis)
            before = self._stick.get(slot, 0)
            now = 1 if value > STICK_NAV else -1 if value < -STICK_NAV else before
            if abs(value) < STICK_NAV * 0.5:
                now = 0
            self._stick[slot] = now
            if now == before or now == 0:
                return None
            if axis == pygame.CONTROLLER_AXIS_LEFTX:
                return NAV_RIGHT if now > 0 else NAV_LEFT
            return NAV_DOWN if now > 0 else NAV_UP  # SDL's y points down
        return None


def watch_action(
    event: pygame.event.Event, keys: Mapping[str, tuple[int, ...]] = DEFAULT_KEYS
) -> list[str]:
    """The replay-watching actions a key-down event stands for."""
    if event.type != pygame.KEYDOWN:
        return []
    return [action for action in WATCH_ACTIONS if event.key in keys.get(action, ())]


def radial_deadzone(x: float, y: float, deadzone: float = STICK_DEADZONE) -> tuple[float, float]:
    """Zero inside the deadzone, rescaled to reach 1 at full deflection, direction kept."""
    magnitude = math.hypot(x, y)
    if magnitude <= deadzone:
        return 0.0, 0.0
    scaled = min(1.0, (magnitude - deadzone) / (1.0 - deadzone))
    return x / magnitude * scaled, y / magnitude * scaled


class KeyboardAim:
    """The move keys as an aim while holding on or aiming a throw, finer than eight directions.

    The first direction pressed snaps the aim to it. A key pressed while another is held sweeps
    the aim towards the new combination at AIM_SWEEP_DEGREES_PER_TICK; letting go of the key
    last pressed leaves the aim where the sweep got to (so holding RIGHT and tapping UP aims a
    little above right), while letting go of an older key sweeps on towards what is still held
    (rolling from RIGHT to UP). With no key held there is no aim: a release is a plain let-go
    (or, in the simulation, keeps the aim of the last few ticks)."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.angle: float | None = None  # radians, world convention (y up)
        self.key_pressed = False  # a move key went down on the last update
        self._held: frozenset[str] = frozenset()
        self._newest: frozenset[str] = frozenset()  # the keys of the latest press
        self._target: float | None = None  # where the sweep is heading, or None: staying

    def update(self, held: frozenset[str], x: float, y: float) -> tuple[float, float]:
        """One tick: `held` the move actions held, (x, y) their direction. The aim vector."""
        before, self._held = self._held, held
        added = held - before
        self.key_pressed = bool(added)
        if not held:
            self.angle = self._target = None
            return 0.0, 0.0
        towards = math.atan2(y, x) if (x or y) else None  # None: opposite keys cancel
        if added:
            self._newest = added
            if self.angle is None or not held & before:
                self.angle = towards  # a fresh direction: snap to it
                self._target = None
            else:
                self._target = towards
        elif held != before:  # keys let go of, some still held
            self._target = towards if held & self._newest else None
        if self.angle is None:
            return 0.0, 0.0
        if self._target is not None:
            gap = (self._target - self.angle + math.pi) % math.tau - math.pi
            sweep = math.radians(AIM_SWEEP_DEGREES_PER_TICK)
            if abs(gap) <= sweep:
                self.angle = self._target
                self._target = None
            else:
                self.angle += math.copysign(sweep, gap)
        return math.cos(self.angle), math.sin(self.angle)


class DeviceInput:
    """Keyboard, mouse and any SDL game controllers as an input source (`tick -> TickInput`).

    Feed it every event (`handle_event`) for controller hot-plug and so that a button tapped
    and released within one frame still reaches the simulation for one tick.

    While the astronaut has something to aim with (`set_aim_origin`, told by the play scene each
    frame) and GRAB or THROW is held, the move axes are an aim: the keys sweep it finer than
    eight directions (`KeyboardAim`), the mouse points it from the astronaut to the pointer, and
    a stick aims as it is held."""

    def __init__(
        self,
        keys: Mapping[str, tuple[int, ...]] = DEFAULT_KEYS,
        pad_buttons: Mapping[str, tuple[int, ...]] = DEFAULT_PAD_BUTTONS,
    ):
        self.keys: dict[str, tuple[int, ...]] = {}
        self.pad_buttons: dict[str, tuple[int, ...]] = {}
        self.rebind(keys, pad_buttons)
        self._latched: set[str] = set()
        # Keys and buttons still down from the screen before: not read until released.
        self._held_keys: set[int] = set()
        self._held_buttons: set[int] = set()
        self.gamepad_last = False  # the last key, click or button came from a gamepad
        self.mouse_buttons = dict(DEFAULT_MOUSE_BUTTONS)
        self._mouse_down: set[int] = set()  # pressed on this screen and not yet released
        self._keyboard_aim = KeyboardAim()
        self._aim_origin: tuple[float, float] | None = None
        self._pointer: tuple[float, float] | None = None
        self._pointer_at_aim: tuple[float, float] | None = None  # where the keys took over
        self._aiming = False  # the last tick sampled was aiming
        self._aim_button_was_down = False
        self._mouse_aiming = False
        self._controllers: dict[int, object] = {}
        self._controller_mod = _controller_module()
        if self._controller_mod is not None:
            for index in range(self._controller_mod.get_count()):
                self._open(index)

    def rebind(
        self, keys: Mapping[str, tuple[int, ...]], pad_buttons: Mapping[str, tuple[int, ...]]
    ) -> None:
        """Use these bindings from now on (the tables are updated in place, so prompts and
        menus holding them see the change)."""
        self.keys.clear()
        self.keys.update(keys)
        self.pad_buttons.clear()
        self.pad_buttons.update(pad_buttons)
        self._key_action = {k: a for a in _BUTTON_ACTIONS for k in self.keys.get(a, ())}

    # -- events ---------------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            self.gamepad_last = False
        elif event.type == pygame.CONTROLLERBUTTONDOWN or (
            event.type == pygame.CONTROLLERAXISMOTION
            and abs(event.value) > STICK_DEADZONE * _AXIS_MAX
        ):
            self.gamepad_last = True
        if event.type == pygame.KEYDOWN:
            action = self._key_action.get(event.key)
            if action is not None:
                self._latched.add(action)
        elif event.type == pygame.CONTROLLERBUTTONDOWN:
            for action in _BUTTON_ACTIONS:
                if event.button in self.pad_buttons.get(action, ()):
                    self._latched.add(action)
        elif event.type == pygame.MOUSEBUTTONDOWN:
            self._mouse_down.add(event.button)
            for action, buttons in self.mouse_buttons.items():
                if event.button in buttons:
                    self._latched.add(action)
                    self._pointer = _position(event) or self._pointer
                    self._mouse_aiming = True  # pressed with the mouse: aimed with it
        elif event.type == pygame.MOUSEBUTTONUP:
            self._mouse_down.discard(event.button)
        elif event.type == pygame.MOUSEMOTION:
            self._pointer = _position(event) or self._pointer
            start = self._pointer_at_aim
            if self._aiming and self._pointer is not None and start is not None:
                moved = math.hypot(self._pointer[0] - start[0], self._pointer[1] - start[1])
                if moved >= MOUSE_AIM_WAKE:
                    self._mouse_aiming = True
        elif event.type == pygame.CONTROLLERDEVICEADDED:
            self._open(event.device_index)
        elif event.type == pygame.CONTROLLERDEVICEREMOVED:
            self._controllers.pop(getattr(event, "instance_id", None), None)
            self._close_detached()

    def reset(self) -> None:
        """Forget taps not yet seen by a tick, mouse buttons still down, and any aim (on a
        restart, or back from a menu)."""
        self._latched.clear()
        self._mouse_down.clear()
        self._aim_button_was_down = False
        self._end_aim()

    def set_aim_origin(self, screen_xy: tuple[float, float] | None) -> None:
        """Where the astronaut is on the game area (in the mouse's coordinates) while it holds
        on or carries something to aim; None while it has nothing to aim."""
        self._aim_origin = screen_xy

    def _end_aim(self) -> None:
        self._aiming = False
        self._mouse_aiming = False
        self._pointer_at_aim = None
        self._keyboard_aim.reset()

    def hold_back(self, keys, buttons) -> None:
        """These keys and buttons were down before this screen: ignore them until released."""
        self._held_keys = set(keys)
        self._held_buttons = set(buttons)

    def button_down(self, button: int) -> bool:
        """Whether any connected gamepad has this button down now."""
        for pad in list(self._controllers.values()):
            try:
                if pad.get_button(button):
                    return True
            except pygame.error:
                continue
        return False

    @property
    def controller_count(self) -> int:
        return len(self._controllers)

    def _open(self, index: int) -> None:
        mod = self._controller_mod
        if mod is None:
            return
        try:
            if not mod.is_controller(index):
                return
            pad = mod.Controller(index)
            key = pad.as_joystick().get_instance_id()
        except (pygame.error, IndexError, ValueError, AttributeError):
            return
        # SDL also announces the pads present at start: keyed by instance, each is read once.
        self._controllers[key] = pad

    def _close_detached(self) -> None:
        for key, pad in list(self._controllers.items()):
            try:
                attached = pad.attached()
            except pygame.error:
                attached = False
            if not attached:
                del self._controllers[key]

    # -- sampling -------------------------------------------------------------------------------

    def __call__(self, tick: int) -> TickInput:
        pressed = pygame.key.get_pressed()
        held_keys = self._held_keys
        if held_keys:
            held_keys.intersection_update([k for k in held_keys if pressed[k]])
        held_buttons = self._held_buttons
        if held_buttons:
            held_buttons.intersection_update([b for b in held_buttons if self.button_down(b)])

        def held(action: str) -> bool:
            return any(pressed[k] for k in self.keys.get(action, ()) if k not in held_keys)

        moves = frozenset(a for a in (MOVE_LEFT, MOVE_RIGHT, MOVE_UP, MOVE_DOWN) if held(a))
        key_x = float(MOVE_RIGHT in moves) - float(MOVE_LEFT in moves)
        key_y = float(MOVE_UP in moves) - float(MOVE_DOWN in moves)
        turn = float(held(TURN_CCW)) - float(held(TURN_CW))
        mouse = {a for a, bs in self.mouse_buttons.items() if self._mouse_down.intersection(bs)}
        buttons = {
            action: held(action) or action in self._latched or action in mouse
            for action in _BUTTON_ACTIONS
        }
        self._latched.clear()
        pad_x = pad_y = 0.0
        for pad in list(self._controllers.values()):
            try:
                px, py, pturn, pbuttons = self._read_pad(pad)
            except pygame.error:
                continue
            pad_x += px
            pad_y += py
            turn += pturn
            for action in _BUTTON_ACTIONS:
                buttons[action] = buttons[action] or pbuttons[action]
        move_x, move_y = key_x + pad_x, key_y + pad_y
        # The tick a button comes up is still aimed: that is when the push or throw happens.
        aim_button = buttons[GRAB] or buttons[THROW]
        aiming = self._aim_origin is not None and (aim_button or self._aim_button_was_down)
        self._aim_button_was_down = aim_button
        if aiming:
            if not self._aiming:
                self._aiming = True
                self._mouse_aiming = bool(mouse)
                self._pointer_at_aim = self._pointer
            move_x, move_y = self._aim(moves, key_x, key_y, pad_x, pad_y)
        elif self._aiming:
            self._end_aim()
        return TickInput.from_analog(
            _clamp(move_x),
            _clamp(move_y),
            _clamp(turn),
            grab=buttons[GRAB],
            use=buttons[USE],
            throw=buttons[THROW],
        )

    def _aim(
        self, moves: frozenset[str], key_x: float, key_y: float, pad_x: float, pad_y: float
    ) -> tuple[float, float]:
        keys = self._keyboard_aim.update(moves, key_x, key_y)
        if pad_x or pad_y:
            return pad_x, pad_y  # a stick aims as finely as it is held
        if self._keyboard_aim.key_pressed:
            # A key pressed takes the aim from the mouse, until the mouse moves again.
            self._mouse_aiming = False
            self._pointer_at_aim = self._pointer
        if self._mouse_aiming:
            return self._mouse_aim()
        return keys

    def _mouse_aim(self) -> tuple[float, float]:
        origin, pointer = self._aim_origin, self._pointer
        if origin is None or pointer is None:
            return 0.0, 0.0
        dx, dy = pointer[0] - origin[0], origin[1] - pointer[1]  # the screen's y points down
        distance = math.hypot(dx, dy)
        if distance < MOUSE_AIM_DEADZONE:
            return 0.0, 0.0
        return dx / distance, dy / distance

    def _read_pad(self, pad) -> tuple[float, float, float, dict[str, bool]]:
        def button(action: str) -> bool:
            return any(
                pad.get_button(b)
                for b in self.pad_buttons.get(action, ())
                if b not in self._held_buttons
            )

        sx = pad.get_axis(pygame.CONTROLLER_AXIS_LEFTX) / _AXIS_MAX
        sy = -pad.get_axis(pygame.CONTROLLER_AXIS_LEFTY) / _AXIS_MAX  # SDL's y is down
        move_x, move_y = radial_deadzone(_clamp(sx), _clamp(sy))
        move_x += float(button(MOVE_RIGHT)) - float(button(MOVE_LEFT))
        move_y += float(button(MOVE_UP)) - float(button(MOVE_DOWN))
        left = pad.get_axis(pygame.CONTROLLER_AXIS_TRIGGERLEFT) / _AXIS_MAX
        right = pad.get_axis(pygame.CONTROLLER_AXIS_TRIGGERRIGHT) / _AXIS_MAX
        turn = _trigger(left) - _trigger(right)
        turn += float(button(TURN_CCW)) - float(button(TURN_CW))
        return move_x, move_y, turn, {a: button(a) for a in _BUTTON_ACTIONS}


def _position(event: pygame.event.Event) -> tuple[float, float] | None:
    pos = getattr(event, "pos", None)
    try:
        return float(pos[0]), float(pos[1])
    except (TypeError, IndexError, ValueError):
        return None


def _clamp(value: float) -> float:
    return -1.0 if value < -1.0 else 1.0 if value > 1.0 else value


def _trigger(value: float) -> float:
    if value <= TRIGGER_DEADZONE:
        return 0.0
    return min(1.0, (value - TRIGGER_DEADZONE) / (1.0 - TRIGGER_DEADZONE))


def _controller_module():
    """pygame's SDL game controller module, initialised, or None where it is unavailable."""
    try:
        from pygame._sdl2 import controller
    except ImportError:
        return None
    try:
        if not controller.get_init():
            controller.init()
    except pygame.error:
        return None
    return controller
