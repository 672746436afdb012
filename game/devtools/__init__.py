"""The project's own tools: measurements and checks that developers run, never part of play."""
