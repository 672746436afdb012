"""The ways into the game. Each starter builds the first scene (and the navigation that
leads from it) in the window the loop (game.app.App) opened:

    title.py         `last-orbit`: the title and the menus (the first time, the
                     photosensitivity notice before them)
    play_level.py    `last-orbit play LEVEL`: one level, its file watched for edits
    campaign.py      `last-orbit play --campaign` or `--pack DIR`: a full run (every attempt
                     counts, one timer across the missions)
    watch_replay.py  `last-orbit replay FILE`: a replay watched (pause, step, speed)
    scripted.py      benchmarks, screenshots and tests: a level played by a script of inputs

A starter is an object with
    wants_sound      whether a game it starts plays sound unless told otherwise
    begin(app)       set app.navigation and return the first scene
    exit_code(app)   the program's exit code once the window has closed
game.app.open_window(starter, ...) runs one; game.app.run(...) picks one from its keywords."""
