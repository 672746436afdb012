"""Devices to one `TickInput` per tick, and key presses to menu actions.

Bindings are plain tables (action name -> keys, action name -> gamepad buttons) so they can be
shown in prompts, rebound and saved (game/bindings.py). Nothing past this module looks at a key:
the simulation gets a `TickInput`, the scenes get action names, and menus get navigation
intents (`MenuNavigator`: up, down, left, right, confirm, back) from keys, pads and sticks.

An input source is any callable `tick -> TickInput`; `DeviceInput` reads the keyboard and any
SDL game controllers, and a test or a replay passes its own function instead.
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
# Watching a replay: pause, one tick on, slower, faster.
WATCH_PAUSE, WATCH_STEP, WATCH_SLOWER, WATCH_FASTER = (
    "watch_pause",
    "watch_step",
    "watch_slower",
    "watch_faster",
)

TICK_ACTIONS = (MOVE_LEFT, MOVE_RIGHT, MOVE_UP, MOVE_DOWN, TURN_CCW, TURN_CW, GRAB, USE, THROW)
MENU_ACTIONS = (PAUSE, CONFIRM, RESTART, QUIT, DEBUG, RELOAD, GHOST)
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


class DeviceInput:
    """Keyboard plus any SDL game controllers as an input source (`tick -> TickInput`).

    Feed it every event (`handle_event`) for controller hot-plug and so that a button tapped
    and released within one frame still reaches the simulation for one tick."""

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
        elif event.type == pygame.CONTROLLERDEVICEADDED:
            self._open(event.device_index)
        elif event.type == pygame.CONTROLLERDEVICEREMOVED:
            self._controllers.pop(getattr(event, "instance_id", None), None)
            self._close_detached()

    def reset(self) -> None:
        """Forget taps not yet seen by a tick (on a restart, or back from a menu)."""
        self._latched.clear()

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

        move_x = float(held(MOVE_RIGHT)) - float(held(MOVE_LEFT))
        move_y = float(held(MOVE_UP)) - float(held(MOVE_DOWN))
        turn = float(held(TURN_CCW)) - float(held(TURN_CW))
        buttons = {action: held(action) or action in self._latched for action in _BUTTON_ACTIONS}
        self._latched.clear()
        for pad in list(self._controllers.values()):
            try:
                px, py, pturn, pbuttons = self._read_pad(pad)
            except pygame.error:
                continue
            move_x += px
            move_y += py
            turn += pturn
            for action in _BUTTON_ACTIONS:
                buttons[action] = buttons[action] or pbuttons[action]
        return TickInput.from_analog(
            _clamp(move_x),
            _clamp(move_y),
            _clamp(turn),
            grab=buttons[GRAB],
            use=buttons[USE],
            throw=buttons[THROW],
        )

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
