"""Where the editor's hand-offs lead. A playtest is a play scene like any other; its pause
key (Esc), F6 and the results' "leave" come back to the editor, at the same view.

The editor opened with F6 from a level being played (`last-orbit play FILE`) leaves back to
that level: its file is watched, so what was saved is what plays."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from game.editor.copies import editable_path
from game.editor.scene import EditorScene, LeaveEditor, OpenEditor
from game.editor.session import EditSession
from game.levels import LevelError
from game.navigation import StraightNavigation
from game.render import palette
from game.run_summary import RunSummary
from game.scenes.base import QUIT, LeavePlay, Quit, ResultChosen, Scene
from game.scenes.play import PauseGame
from game.scenes.results import ResultChoices
from game.speedrun.replay import save as save_replay
from game.speedrun.timefmt import format_ticks

if TYPE_CHECKING:
    from game.app import App


KEEP_AUTHOR_REPLAY = "keep-author-replay"


class EditorNavigation(StraightNavigation):
    leave_label = "Back to the editor"

    def __init__(self, app: App, editor: EditorScene | None = None, before=None):
        super().__init__(app)
        self.editor = editor
        self.before = before  # the navigation of the game the editor was opened from (F6)

    def resolve(self, handoff) -> Scene | Quit:
        editor = self.editor
        if editor is not None:
            if isinstance(handoff, (PauseGame, LeavePlay, OpenEditor)):
                return editor
            if isinstance(handoff, LeaveEditor):
                return self.leave_editor()
            if isinstance(handoff, ResultChosen) and handoff.id == KEEP_AUTHOR_REPLAY:
                self.keep_author_replay()
                return editor
        return super().resolve(handoff)

    def result_choices(self, summary: RunSummary) -> ResultChoices:
        """A playtest of the saved file, finished from its spawn without assists, can be kept
        as the level's author replay (what `last-orbit pack publish` asks of every level)."""
        choices = super().result_choices(summary)
        editor = self.editor
        if editor is None or not summary.completed or summary.assisted:
            return choices
        if not editor.playtest_is_of_file:
            return choices
        return ResultChoices(((KEEP_AUTHOR_REPLAY, "Keep as author replay"), *choices.buttons))

    def keep_author_replay(self) -> None:
        """The playtest's run as `replays/<level-id>.replay` beside the level file: the place
        `pack publish` looks for it (a pack's folder is its levels' folder)."""
        editor, play, app = self.editor, self.app.now.play, self.app
        if editor is None or play is None or play.last_replay is None:
            return
        replay = play.last_replay
        path = editor.session.path.parent / "replays" / f"{replay.level_id}.replay"
        try:
            save_replay(replay, path)
        except OSError as exc:
            app.notices.add(f"Could not keep the author replay: {exc.strerror or exc}", palette.BAD)
            return
        time = format_ticks(replay.result.ticks)
        app.notices.add(f"Author replay kept ({time}): {path}", palette.GOOD, 6.0)

    def leave_editor(self) -> Scene | Quit:
        before = self.before
        editor = self.editor
        if before is None or editor is None or editor.back_to is None:
            return QUIT
        app = self.app
        app.navigation = before
        play = editor.back_to
        now = app.now
        now.play, now.view = play, play.view
        if now.watch is not None:  # what the editor saved plays now
            change = now.watch.check()
            if change is not None and change.ok:
                now.apply(change)
        return play


def open_session(path: Path) -> tuple[EditSession, object] | str:
    """(session, level or None) for a level file, or why it cannot be edited."""
    try:
        session = EditSession.open(path)
    except OSError as exc:
        return f"cannot read {path}: {exc.strerror or exc}"
    except UnicodeDecodeError:
        return f"{path} is not a text file"
    except LevelError as exc:
        return str(exc)
    level, _ = session.check()
    return session, level


def editor_from_play(app: App, handoff: OpenEditor) -> Scene:
    """F6 in play: the editor on the level file being played (the navigation resolves it)."""
    path, copy_note = editable_path(handoff.path)
    opened = open_session(path)
    if isinstance(opened, str):
        app.notices.add(f"Cannot edit: {opened}", palette.BAD, 6.0)
        return app.scene
    if copy_note:
        app.notices.add(copy_note, palette.WARN, 10.0)
    session, level = opened
    level = level or (app.now.play.level if app.now.play is not None else None)
    if level is None:
        app.notices.add("Cannot edit: the level never loaded", palette.BAD, 6.0)
        return app.scene
    if session.last_good is None:
        session.last_good = level
    editor = EditorScene(app, session, level)
    editor.back_to = app.now.play
    if editor.back_to is not None:
        played = editor.back_to.view.camera
        editor.view.set_view((played.x, played.y), editor.view.camera.view_width_m)
    app.navigation = EditorNavigation(app, editor, before=app.navigation)
    print(f"last-orbit: editing {path}", file=sys.stderr)
    return editor
