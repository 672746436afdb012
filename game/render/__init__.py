"""Drawing: camera, station, bodies, astronaut, particles, HUD. Reads the sim, never changes it."""
