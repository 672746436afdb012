"""The physics compatibility number follows the simulation: a fixed scene (thrust, turn, grab,
carry, throw, a crate knocked into the walls, a ball bouncing) gives the same state hashes for
as long as PHYSICS_VERSION stays the same. A change to the simulation that alters results fails
here until the number is bumped (and its fingerprint recorded below): replays of the old
physics are then refused as a physics mismatch instead of failing as desyncs."""

from game.sim import GRAB, THROW, TickInput, state_hash, step
from game.sim.physics_version import PHYSICS_VERSION
from tests.levels_for_tests import CAMERA, make_world

# State hashes at ticks 300, 600, 900 and 1200 of the scene, per physics version.
FINGERPRINTS = {
    1: [
        "64af0d74a83aff4d8ad47472a0628c8e",
        "47f0f8bb45c915e4edd2c8890189eea7",
        "365a626582196ec889b5644bcdf681dc",
        "f8b622ed2ac08fbbca34155c3d72f54a",
    ],
}


def scene_inputs() -> list[TickInput]:
    inputs = [TickInput(buttons=GRAB)] * 30  # take the camera
    inputs += [TickInput(100, 40)] * 120 + [TickInput(0, 0, 80)] * 60
    inputs += [TickInput(-60, 100, 0, THROW)] * 20 + [TickInput()] * 20  # throw it
    inputs += [TickInput(-100, -100)] * 200 + [TickInput(0, 0, -100)] * 50
    return inputs + [TickInput()] * (1200 - len(inputs))


def fingerprint() -> list[str]:
    crate = {"id": "crate", "at": [1.5, 0.9], "size": [0.6, 0.6], "mass": 30.0}
    ball = {"id": "ball", "shape": "circle", "radius": 0.1, "mass": 0.1, "at": [-4.0, 4.0]}
    ball["velocity"] = [6.0, -5.0]
    world = make_world(player={"propellant": 8.0}, bodies=[CAMERA, crate, ball])
    hashes = []
    for inp in scene_inputs():
        step(world, inp)
        if world.tick % 300 == 0:
            hashes.append(state_hash(world))
    return hashes


def test_the_simulation_gives_this_physics_versions_results():
    hashes = fingerprint()
    assert len(hashes) == 4 and len(set(hashes)) == 4  # the scene keeps moving
    assert hashes == FINGERPRINTS.get(PHYSICS_VERSION), (
        "the simulation's results changed: bump PHYSICS_VERSION in game/sim/physics_version.py, "
        f"add {{{PHYSICS_VERSION + 1}: {hashes}}} to FINGERPRINTS here and re-record the "
        "shipped solutions (python -m game.speedrun.solutions)"
    )
