"""Colours of the station, the objects and the craft (the HUD's live in palette.py)."""

# Interiors: the back wall seen through the cut-away module.
US_BACK = (150, 154, 154)
US_RACK = (196, 196, 186)
US_RACK_ALT = (214, 212, 200)
US_RACK_EDGE = (112, 118, 124)
US_ACCENT = (86, 112, 146)  # blue-grey labels and handles
US_FABRIC = (206, 192, 156)

RU_BACK = (112, 116, 88)
RU_PANEL = (170, 162, 122)
RU_PANEL_ALT = (134, 142, 100)
RU_TRIM = (86, 98, 70)
RU_EDGE = (80, 82, 62)

NODE_BACK = (168, 172, 176)
NODE_PANEL = (188, 192, 196)
# A hatch on the back wall: soft tones near the panels', unlike a wall's light hull and dark edge.
NODE_RING = (198, 201, 205)
NODE_RING_EDGE = (150, 155, 162)

CUPOLA_SKY = (96, 176, 238)
CUPOLA_DEEP = (28, 84, 168)
CUPOLA_FRAME = (70, 74, 84)
CUPOLA_FRAME_LIGHT = (132, 138, 150)

AIRLOCK_BACK = (118, 124, 134)
AIRLOCK_PANEL = (140, 146, 156)
AIRLOCK_HATCH = (156, 161, 170)
AIRLOCK_HATCH_EDGE = (112, 117, 127)
HAZARD_YELLOW = (226, 178, 40)
HAZARD_BLACK = (34, 34, 38)

SOYUZ_BACK = (128, 96, 66)
SOYUZ_PAD = (162, 124, 86)
SOYUZ_SEAM = (104, 76, 52)
SOYUZ_GLOW = (255, 176, 90)

MODULE_BACK = (58, 66, 82)
MODULE_PANEL = (70, 80, 98)
MODULE_LINE = (48, 55, 70)

SCREEN = (24, 32, 46)
SCREEN_GLOW = (90, 170, 230)
LED_GREEN = (110, 240, 140)
LED_AMBER = (255, 184, 70)
LED_RED = (255, 90, 70)
SHADOW = (18, 22, 30)

# Walls (the module's shell in cut-away) and the outer skin (MLI blankets), by wall style.
WALL = {
    "module": ((170, 178, 192), (74, 80, 94), (214, 220, 230)),
    "us": ((222, 220, 208), (92, 96, 104), (246, 244, 236)),
    "russian": ((184, 178, 138), (84, 84, 64), (214, 208, 170)),
    "node": ((206, 210, 216), (88, 94, 104), (240, 242, 246)),
    "cupola": ((124, 128, 138), (48, 52, 60), (176, 182, 192)),
    "airlock": ((196, 200, 206), (84, 88, 98), (232, 234, 238)),
    "soyuz": ((132, 142, 104), (62, 68, 48), (170, 178, 136)),
}
SKIN = {
    "module": ((86, 94, 110), (132, 142, 160)),
    "us": ((176, 178, 178), (220, 220, 214)),
    "russian": ((156, 158, 136), (200, 200, 176)),
    "node": ((170, 174, 178), (214, 216, 220)),
    "cupola": ((96, 100, 110), (150, 156, 166)),
    "airlock": ((168, 172, 176), (212, 214, 218)),
    "soyuz": ((100, 112, 80), (146, 156, 116)),
}

# Exteriors.
MLI = (216, 216, 206)
MLI_SHADE = (186, 186, 176)
MLI_SEAM = (150, 150, 142)
KAPTON = (210, 160, 70)
METAL = (182, 188, 198)
METAL_DARK = (96, 102, 114)
METAL_DEEP = (46, 50, 60)
SOLAR_CELL = (26, 48, 118)
SOLAR_LINE = (70, 104, 178)
SOLAR_FRAME = (196, 160, 80)
RADIATOR = (230, 234, 238)
RADIATOR_RIB = (176, 184, 194)
ROCK = (104, 96, 88)
ROCK_DARK = (66, 60, 56)
ROCK_LIGHT = (140, 132, 120)
CABLE = (214, 140, 60)

# The Soyuz.
SOYUZ_GREEN = (112, 124, 86)
SOYUZ_GREEN_DARK = (70, 78, 52)
SOYUZ_GREEN_LIGHT = (150, 162, 118)
SOYUZ_DESCENT = (130, 112, 80)
SOYUZ_SERVICE = (176, 180, 176)
NOZZLE = (60, 60, 66)
FLAME_CORE = (255, 250, 230)
FLAME_MID = (255, 190, 90)
FLAME_OUTER = (240, 110, 50)
RCS_PUFF = (226, 236, 250)

# Objects.
CRATE = (220, 222, 218)
CRATE_EDGE = (110, 116, 124)
BAG = (214, 198, 160)
BAG_EDGE = (132, 118, 88)
STRAP = (160, 140, 100)
CHROME = (204, 210, 220)
CHROME_DARK = (104, 110, 122)
CAMERA_BODY = (44, 46, 52)
LENS = (24, 30, 44)
O2_GREEN = (58, 150, 92)
O2_GREEN_DARK = (28, 86, 50)
CASE_METAL = (192, 198, 206)
CASE_EDGE = (102, 108, 118)
DEBRIS = (146, 150, 158)
DEBRIS_DARK = (64, 66, 74)
SCORCH = (44, 38, 36)
ARM_WHITE = (232, 234, 238)
ARM_JOINT = (150, 156, 168)
ARM_DARK = (72, 78, 90)
CREW_SUIT = (46, 78, 150)
CREW_SUIT_DARK = (26, 44, 92)
CREW_SUIT_LIGHT = (92, 128, 196)
SKIN_TONE = (224, 184, 150)
HAIR = (70, 50, 36)
DOOR = (156, 162, 172)
DOOR_DARK = (78, 84, 96)
BLOCK = (98, 104, 116)

# Items.
KEY_GOLD = (236, 196, 80)
KEY_DARK = (140, 102, 30)
DRIVE = (48, 54, 66)
DRIVE_LED = (90, 230, 255)
CARD = (236, 240, 246)
CARD_STRIPE = (60, 110, 210)
CHIP = (220, 180, 80)
