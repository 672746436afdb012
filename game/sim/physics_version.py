"""The physics compatibility number: which simulation a replay was recorded with.

Bump PHYSICS_VERSION in the same commit as any change to the simulation that alters results
(a constant, a collision rule, the order of a step, a pymunk setting), then re-record the shipped
solutions (`python -m game.speedrun.solutions`). Verification refuses a replay recorded with
another number as a physics mismatch instead of calling it a desync: it cannot be re-run here.

1: the physics of replay format 2 (the world waits for the player, kinder grabs); replays of
format 2 carry no number and are read as physics 1."""

PHYSICS_VERSION = 1
