"""Playing a level: input to fixed ticks of the simulation, drawn with interpolation.

With a SpeedrunSession the scene also races the PB: the ghost steps in lockstep with the
player's world, each split's delta against the PB shows on the HUD, and a finished run is
saved and folded into the records before the results screen. With a Campaign (a full run),
every attempt that ends (completed, failed, restarted) is added to the run, and the results
lead on to the next mission."""

from __future__ import annotations

from dataclasses import dataclass

from game.input import CONFIRM, PAUSE, RESTART, InputSource
from game.render.poses import PoseReader
from game.render.world_view import Pose, WorldView
from game.run_summary import RunSummary
from game.scenes.base import RunFinished, Scene
from game.sim import NEUTRAL, RUNNING, TICK_RATE, build_world, step
from game.sim.events import SimEvent
from game.sim.world import World
from game.speedrun.campaign import Campaign, CampaignLine
from game.speedrun.ghost import Ghost
from game.speedrun.medals import medal_for
from game.speedrun.practice import PracticeStart
from game.speedrun.records import RunOutcome
from game.speedrun.replay import Assist, Recorder, Replay
from game.speedrun.session import SpeedrunSession

NO_ASSIST = Assist()
GHOST_FADE_TICKS = TICK_RATE // 2  # the ghost fades out this long after its run ends


@dataclass(frozen=True)
class PauseGame:
    """Hand-off from the play scene: open the pause menu over this game."""


class PlayScene(Scene):
    """One run of a level at a time; R throws it away and starts again at once.

    Every tick's input is recorded (run-length encoded), so a finished run is available as a
    replay in `last_replay`."""

    name = "play"
    pauses_when_unfocused = True  # the window losing focus pauses the player's game

    def __init__(
        self,
        level,
        input_source: InputSource,
        view: WorldView,
        assist: Assist = NO_ASSIST,
        session: SpeedrunSession | None = None,
        campaign: Campaign | None = None,
    ):
        super().__init__()
        self.level = level
        self.input_source = input_source
        self.view = view
        self.assist = assist  # of the run being played
        self._next_assist = assist  # for the runs after it (a settings change)
        self.session = session
        self.campaign = campaign
        self.restarts = 0
        # Practice from a split of the PB (game.speedrun.practice): runs start there, are
        # never recorded, submitted or sent to LiveSplit.
        self.practice: PracticeStart | None = None
        self.show_ghost = True  # H
        self.ghost: Ghost | None = None
        self.last_replay: Replay | None = None
        self.last_outcome: RunOutcome | None = None
        self.sound_events: list[SimEvent] = []  # since the app last took them
        if session is not None:
            session.use_level(level)
        self._start()

    @property
    def time_scale(self) -> float:
        # Real time: slow motion slows the world itself (build_world's speed), not the window.
        return 1.0

    # -- runs -----------------------------------------------------------------------------------

    def set_assist(self, assist: Assist) -> None:
        """Assists for the next run: the run being played keeps the ones it started with."""
        self._next_assist = assist

    def take_sound_events(self) -> list[SimEvent]:
        events, self.sound_events = self.sound_events, []
        return events

    def _start(self) -> None:
        self.assist = self._next_assist
        self.sound_events = []
        self._thrown_away = False
        practice = self.practice
        self._practice_waits = practice is not None
        if practice is not None:
            self.world: World = practice.world()
        else:
            assist = self.assist
            self.world = build_world(self.level, infinite_o2=assist.infinite_o2, speed=assist.speed)
        self.recorder = Recorder(self.world)
        self._reader = PoseReader(self.world)
        self._current: list[Pose] = self._reader.read()
        self._prev: list[Pose] = self._current
        session = self.session
        self.ghost = session.new_ghost() if session is not None else None
        self.view.hud.pb_ticks = session.pb_ticks if session is not None else None
        self.view.hud.full_run = self.campaign.clock() if self.campaign is not None else None
        self.view.hud.practice = practice.title if practice is not None else None
        if practice is not None and self.ghost is not None:
            self.ghost = practice.ghost()  # the PB's ghost from the same split

    def practise(self, start: PracticeStart | None) -> None:
        """Start the runs from now on at this split of the PB (None: from the level's start)."""
        self.keep_thrown_away()
        if self.session is not None:
            self.session.abandoned()
        self.practice = start
        self._start()
        self.view.reset()
        self._reset_input()

    def keep_thrown_away(self) -> None:
        """A run left before its end is kept as a reset attempt (never a practice run)."""
        world = self.world
        if self._thrown_away or world.status != RUNNING:
            return
        self._thrown_away = True  # left once: leaving the menus later does not keep it twice
        if self.session is not None and self.practice is None:
            self.session.thrown_away(world, self.recorder.finish(world))

    def restart(self) -> None:
        """Throw the run away and start the level again from its file's state (or from the
        split being practised)."""
        self.keep_thrown_away()
        if self.campaign is not None and self.world.status == RUNNING:
            self.campaign.attempt_ended(self.recorder.finish(self.world))  # it counts
        if self.session is not None:
            self.session.abandoned()
        self.restarts += 1
        self._start()
        self.view.reset()
        self._reset_input()

    def leave(self) -> None:
        """The player leaves the level for the menus: a run in progress is thrown away."""
        if self.session is not None and self.world.status == RUNNING:
            self.keep_thrown_away()
            self.session.abandoned()

    def use_level(self, level) -> None:
        """Play another level, or a new version of this one (a reload), from its start."""
        self.keep_thrown_away()
        if self.session is not None:
            self.session.abandoned()
            self.session.use_level(level)
        self.level = level
        self.practice = None  # a split of the PB of another level, or of another version
        self.view.set_level(level)
        self._start()
        self._reset_input()

    def next_level(self) -> bool:
        """In a full run, after a completed mission, play the next one; False when there is
        none."""
        if self.campaign is None or self.world.status != "completed" or self.campaign.over:
            return False
        self.use_level(self.campaign.level)
        return True

    def result(
        self, outcome: RunOutcome | None = None, campaign: CampaignLine | None = None
    ) -> RunSummary:
        world = self.world
        done = sorted((o for o in world.objectives if o.done), key=lambda o: o.done_tick)
        completed = world.status == "completed"
        extra = {}
        if outcome is not None:
            records = outcome.records
            extra = {
                "records_kept": True,
                "new_pb": outcome.new_pb,
                "pb_ticks": outcome.previous_pb,
                "split_deltas": tuple(outcome.split_deltas),
                "gold": tuple(outcome.gold),
                "sum_of_best": records.sum_of_best(),
            }
        saved = self.session.last_saved if self.session is not None else None
        practice = self.practice
        if practice is not None:
            saved = None
        return RunSummary(
            level_name=self.level.info.name,
            completed=completed,
            fail_reason=world.fail_message or None,
            run_ticks=world.run_ticks,
            splits=[(o.label, t) for o, t in zip(done, world.splits(), strict=False)],
            par_seconds=self.level.info.par_seconds,
            assisted=self.assist.assisted,
            medal=medal_for(world.run_ticks, self.level.info.par_seconds)
            if completed and practice is None
            else None,
            replay_name=saved.name if saved is not None else None,
            campaign=campaign,
            modified=self.session is not None and self.session.level_modified,
            practice=practice.title if practice is not None else None,
            **extra,
        )

    def _finish(self) -> None:
        """The run is over: keep it (replay, records, campaign) and show the results."""
        world = self.world
        self.last_replay = replay = self.recorder.finish(world)
        outcome = None
        if self.practice is not None:
            self.next = RunFinished(self.result())  # practice: nothing kept, nothing submitted
            return
        if self.session is not None:
            outcome = self.session.finished(world, replay, self.assist.assisted)
        self.last_outcome = outcome
        line = self.campaign.attempt_ended(replay) if self.campaign is not None else None
        self.next = RunFinished(self.result(outcome, line))

    # -- scene ----------------------------------------------------------------------------------

    def enter(self) -> None:
        super().enter()
        self._reset_input()

    def handle(self, event, actions: list[str]) -> None:
        if RESTART in actions:
            self.restart()
        elif PAUSE in actions:
            self.next = PauseGame()
        elif CONFIRM in actions and self.world.in_opening and self.level.opening.skippable:
            self.skip_opening()

    def skip_opening(self) -> None:
        """Jump to the end of the level's scripted opening: the same ticks, played at once (they
        are recorded too, so the replay and the ghost stay in step). Its sounds and shakes are
        dropped; its radio messages still show."""
        world = self.world
        messages = []
        while world.in_opening:
            step(world, NEUTRAL)
            self.recorder.record(NEUTRAL, world)
            if self.ghost is not None:
                self.ghost.step()
            messages += [event for event in world.events if event.kind == "message"]
        self._current = self._prev = self._reader.read()
        self.view.reset()
        world.events[:] = messages
        self.view.feed(world)
        world.events.clear()

    def update(self, ticks: int) -> None:
        world = self.world
        ghost = self.ghost
        session = self.session
        for index in range(ticks):
            if world.status != RUNNING or self.next is not None:
                return
            if index == ticks - 1:
                # Only the state before the last tick is needed to draw between the two.
                self._prev = self._current if index == 0 else self._reader.read()
            inp = self.input_source(world.tick)
            self.view.last_input = inp  # the input display shows what the world got
            if self._practice_waits:
                if inp == NEUTRAL:
                    continue  # a practice waits at its split for the player, as a level does
                self._practice_waits = False
            before = world.tick
            step(world, inp)
            if world.tick == before:
                continue  # the world is waiting for the first input: nothing to follow
            self.recorder.record(inp, world)
            if ghost is not None:
                ghost.step()
            if session is not None and self.practice is None:
                split = session.after_tick(world)
                if split is not None:
                    self.view.hud.show_split(split.ticks, split.delta, split.gold)
            if world.events:
                self.view.feed(world)
                self.sound_events += world.events
                if len(self.sound_events) > 512:  # nobody is taking them
                    del self.sound_events[:-256]
            if world.status != RUNNING:
                self._current = self._prev = self._reader.read()
                self._finish()
                return
        if ticks > 0:
            self._current = self._reader.read()

    def draw(self, surface, alpha: float, dt: float) -> None:
        ghost_pose, fade = None, 0.0
        ghost = self.ghost
        if ghost is not None and self.show_ghost:
            fade = 1.0
            if ghost.finished:
                fade = 1.0 - (self.world.tick - ghost.tick) / GHOST_FADE_TICKS
            if fade > 0.0:
                ghost_pose = ghost.pose(alpha)
        poses = self.poses(alpha)
        self.view.draw(surface, self.world, poses, dt, ghost_pose, fade)
        aim_from = getattr(self.input_source, "set_aim_origin", None)
        if aim_from is not None:  # the mouse aims a push or throw from the astronaut
            astronaut = self.world.astronaut
            aiming = astronaut.hold is not None or astronaut.carried is not None
            aim_from(self.view.camera.to_screen(*poses[0][:2]) if aiming else None)

    # -- interpolation --------------------------------------------------------------------------

    def poses(self, alpha: float) -> list[Pose]:
        """Every dynamic body between its pose before the last tick and after it."""
        current, prev = self._current, self._prev
        if alpha <= 0.0:
            return prev
        if alpha >= 1.0 or prev is current:
            return current
        return [
            (px + (x - px) * alpha, py + (y - py) * alpha, pa + (a - pa) * alpha)
            for (x, y, a), (px, py, pa) in zip(current, prev, strict=True)
        ]

    def _reset_input(self) -> None:
        reset = getattr(self.input_source, "reset", None)
        if callable(reset):
            reset()
