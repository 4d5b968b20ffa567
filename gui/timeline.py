"""Training as a film: the session's timeline over the snapshots of the run the current model came from, and the
bar (slider, Play, speed, Now, Record) that the Train, Draw, Evaluate, Histograms and Landscape views show.

Moving the timeline makes the model as it was at that snapshot the session's current model (`Session.use_model`):
every view that follows the current model follows it. "Now" (or the slider's right end when the latest model is
the run's last snapshot) goes back to the model that was current before. A move is applied once the window is
idle, so dragging never queues up positions: the slider always jumps to the newest one. Letting go of the slider
after a drag also goes back to the latest model, unless Hold is on: then the film stays where it was let go (as it
does after the arrow keys, a click on the track, or Play).

Which run: the current model's `meta["run_folder"]` (a run trained in this window and recorded, a model opened
from a run's folder, RUN@STEP). Another model, or a training run starting, leaves the film."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSlider, QWidget

from tensordesk.gui.widgets.buttons import push_button

SPEEDS = (1, 2, 4, 8)          # snapshots a second when playing
DEFAULT_SPEED = 2


class Timeline(QObject):
    """Owned by the session. `moved(Position | None)`: the current model is now the snapshot at that position
    (None: back to the latest model). `run_changed()`: the film (a run's snapshots) came or went."""

    run_changed = Signal()
    moved = Signal(object)
    playing_changed = Signal(bool)
    state_changed = Signal()          # whether the timeline can move now (training, TensorFlow)
    record_wanted = Signal()          # the bar's Record: the window records the view while the film plays
    film_ended = Signal()             # playing reached the last snapshot

    def __init__(self, session):
        super().__init__(session)
        self.session = session
        self.film = None               # engine RunTimeline
        self.position = None           # engine Position, or None: the latest model
        self.error = ""                # why the current model's run cannot be played (a sentence), or ""
        self._latest = None            # (Checkpoint, label) to go back to
        self._moving = False
        self._target: int | None = None
        self._apply_timer = QTimer(self)
        self._apply_timer.setSingleShot(True)
        self._apply_timer.setInterval(0)
        self._apply_timer.timeout.connect(self._apply)
        self.speed = DEFAULT_SPEED
        self._play_timer = QTimer(self)
        self._play_timer.timeout.connect(self._tick)
        self.applied = 0               # moves applied (tests, benchmarks)
        self.hold = False              # letting go of a dragged slider keeps its step (else: back to the latest)
        from tensordesk.gui.workers.jobs import JobController
        self._preparer = JobController("TimelinePrepareThread", self)   # the film's networks, built in advance
        self._to_prepare = None        # engine RunTimeline whose networks are to be built once the last have been
        session.current_model_changed.connect(self._on_model)
        session.training_changed.connect(self._on_training)
        session.engine_ready.connect(lambda device: self.state_changed.emit())

    # ------------------------------------------------------------------ state
    @property
    def available(self) -> bool:
        """The film can be moved now: a run's snapshots, TensorFlow loaded, nothing training."""
        return self.film is not None and self.session.engine_is_ready and not self.session.training

    @property
    def playing(self) -> bool:
        return self._play_timer.isActive()

    @property
    def preparing(self) -> bool:
        """The film's networks are being built in the background, or soon will be (a move now waits for them)."""
        return self._preparer.running or self._to_prepare is not None

    @property
    def moving(self) -> bool:
        """True while the timeline itself is replacing the session's model (views can tell a move from a new
        model)."""
        return self._moving

    @property
    def active(self) -> bool:
        """The current model is a snapshot, not the latest model."""
        return self.position is not None

    # ------------------------------------------------------------------ the run
    def _on_model(self, checkpoint) -> None:
        if self._moving:
            return
        self._leave()
        folder = checkpoint.meta.get("run_folder") if checkpoint is not None else None
        self._load(folder)

    def _load(self, folder) -> None:
        from tensordesk.engine.runs.store import RunsError
        from tensordesk.engine.runs.timeline import RunTimeline
        current = str(Path(self.film.info.path)) if self.film is not None else None
        if folder is not None and str(Path(folder)) == current:
            return
        self.film, self.error = None, ""
        if folder:
            try:
                self.film = RunTimeline(Path(folder).parent, Path(folder).name)
            except RunsError as exc:
                self.error = str(exc)
        if self.film is not None and not self._preparer.shut:
            self._prepare_when_idle(self.film)
        self.run_changed.emit()
        self.state_changed.emit()

    def _prepare_when_idle(self, film) -> None:
        """Build and trace `film`'s networks in the background once the last film's preparation has ended (a film
        opened meanwhile is prepared too), unless another film came first or the window is closing."""
        self._to_prepare = film

        def start() -> None:
            film = self._to_prepare
            if film is None or film is not self.film or self._preparer.shut:
                self._to_prepare = None
            elif self._preparer.running:
                self._preparer.when_idle(start)
            else:
                self._to_prepare = None
                self._preparer.start(lambda progress, cancelled: film.prepare())
        self._preparer.when_idle(start)

    def _leave(self) -> None:
        """Another model became current (or a run started): the film's position is forgotten, not restored."""
        self.pause()
        self._target = None
        if self.position is not None:
            self.position, self._latest = None, None
            self.moved.emit(None)

    @Slot(bool)
    def _on_training(self, running: bool) -> None:
        if running:
            self._leave()
        self.state_changed.emit()

    def shutdown(self) -> bool:
        """The window is closing: the film's networks are no longer built (nor started after this)."""
        self._to_prepare = None
        self.pause()
        return self._preparer.shutdown(5000)

    # ------------------------------------------------------------------ moving
    def scrub_to(self, index: int) -> None:
        """Make snapshot `index` the current model once the window is idle (the newest request wins)."""
        if not self.available:
            return
        self._target = int(index)
        if not self._apply_timer.isActive():
            self._apply_timer.start()

    def _apply(self) -> None:
        index, self._target = self._target, None
        if index is None or not self.available:
            return
        pos = self.film.position(index)
        if self.position is not None and pos.index == self.position.index:
            return
        from tensordesk.engine.core.errors import TensorDeskError
        try:
            checkpoint = self.film.checkpoint(pos.index)
        except TensorDeskError as exc:   # its snapshots deleted meanwhile (History): the film ends here
            self.session.show_message(str(exc))
            self.pause()
            self.film, self.error = None, str(exc)
            self.run_changed.emit()
            return
        if self.position is None:
            self._latest = (self.session.checkpoint, self.session.model_label)
        self.position = pos
        label = self.tr("%1 at step %2 (epoch %3)").replace("%1", self.film.info.label or self.film.run_id) \
            .replace("%2", f"{pos.step:,}").replace("%3", str(pos.epoch))
        self._moving = True
        try:
            self.session.use_model(checkpoint, label)
        finally:
            self._moving = False
        self.applied += 1
        self.moved.emit(pos)

    def apply_now(self) -> None:
        """Apply a pending move at once (tests, benchmarks, Play's next frame)."""
        if self._apply_timer.isActive():
            self._apply_timer.stop()
            self._apply()

    def now(self) -> None:
        """Back to the latest model."""
        self.pause()
        self._target = None
        if self.position is None:
            return
        latest, self._latest = self._latest, None
        self.position = None
        self._moving = True
        try:
            if latest is not None:
                self.session.use_model(*latest)
        finally:
            self._moving = False
        self.moved.emit(None)

    def set_hold(self, hold: bool) -> None:
        if bool(hold) != self.hold:
            self.hold = bool(hold)
            self.state_changed.emit()

    def let_go(self) -> None:
        """The slider was let go of after a drag: back to the latest model, unless Hold is on."""
        if self.hold:
            self.apply_now()
        else:
            self.now()

    # ------------------------------------------------------------------ playing
    def set_speed(self, per_second: int) -> None:
        self.speed = int(per_second)
        self._play_timer.setInterval(int(1000 / self.speed))

    def play(self, from_start: bool = False) -> bool:
        """Play the film from here (from the first snapshot when asked, or when at its end or at "now")."""
        if not self.available:
            return False
        last = len(self.film) - 1
        if from_start or self.position is None or self.position.index >= last:
            self.scrub_to(0)
            self.apply_now()
        self._play_timer.start(int(1000 / self.speed))
        self.playing_changed.emit(True)
        return True

    def pause(self) -> None:
        if self._play_timer.isActive():
            self._play_timer.stop()
            self.playing_changed.emit(False)

    def toggle_play(self) -> None:
        self.pause() if self.playing else self.play()

    def _tick(self) -> None:
        if not self.available or self.position is None:
            self.pause()
            return
        nxt = self.position.index + 1
        if nxt >= len(self.film):
            self.pause()
            self.film_ended.emit()
            return
        self.scrub_to(nxt)
        self.apply_now()
        if nxt == len(self.film) - 1:
            self.pause()
            self.film_ended.emit()


class TimelineBar(QWidget):
    """The timeline's controls; every bar shows the session's one timeline."""

    def __init__(self, timeline: Timeline, parent=None):
        super().__init__(parent)
        self.setObjectName("timelineBar")
        self.timeline = timeline
        self.play_button = push_button("timelinePlay", self.tr("Play"),
                                       self.tr("Play the run's training as a film, snapshot by snapshot"),
                                       timeline.toggle_play)
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setObjectName("timelineSlider")
        self.slider.setToolTip(self.tr("Drag: the model as it was at that moment of training becomes the "
                                       "current model in every view"))
        self.slider.setPageStep(1)
        self.slider.valueChanged.connect(self._on_slider)
        self._dragged = False      # the handle moved since it was pressed (a press alone is not a drag)
        self.slider.sliderPressed.connect(lambda: setattr(self, "_dragged", False))
        self.slider.sliderMoved.connect(lambda value: setattr(self, "_dragged", True))
        self.slider.sliderReleased.connect(self._on_released)
        self.label = QLabel("")
        self.label.setObjectName("timelineLabel")
        self.label.setMinimumWidth(120)
        self.speed = QComboBox()
        self.speed.setObjectName("timelineSpeed")
        for n in SPEEDS:
            self.speed.addItem(self.tr("%1/s").replace("%1", str(n)), n)
        self.speed.setCurrentIndex(SPEEDS.index(DEFAULT_SPEED))
        self.speed.setToolTip(self.tr("Snapshots a second while playing"))
        self.speed.currentIndexChanged.connect(lambda i: timeline.set_speed(self.speed.itemData(i)))
        self.hold_button = push_button("timelineHold", self.tr("Hold"), self.tr(
            "On: the film stays where you let go of the slider. Off: letting go returns to the latest model (the "
            "arrow keys and Play always stay)."))
        self.hold_button.setCheckable(True)
        self.hold_button.toggled.connect(timeline.set_hold)
        self.now_button = push_button("timelineNow", self.tr("Now"),
                                      self.tr("Back to the latest model (Esc on the slider)"), timeline.now)
        self.record_button = push_button("timelineRecord", self.tr("Record film…"),
                                         self.tr("Record this view while the film plays from its first snapshot"),
                                         timeline.record_wanted)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel(self.tr("Timeline")))
        lay.addWidget(self.play_button)
        lay.addWidget(self.slider, 1)
        lay.addWidget(self.label)
        lay.addWidget(self.speed)
        lay.addWidget(self.hold_button)
        lay.addWidget(self.now_button)
        lay.addWidget(self.record_button)
        self._syncing = False
        timeline.run_changed.connect(self.sync)
        timeline.moved.connect(lambda pos: self.sync())
        timeline.state_changed.connect(self.sync)
        timeline.playing_changed.connect(lambda playing: self.sync())
        self.sync()

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.Cancel):
            self.timeline.now()
        else:
            super().keyPressEvent(event)

    def _on_slider(self, value: int) -> None:
        if not self._syncing:
            self.timeline.scrub_to(value)

    def _on_released(self) -> None:
        if self._dragged and not self._syncing and self.timeline.available:
            self.timeline.let_go()

    @Slot()
    def sync(self) -> None:
        tl = self.timeline
        film, ok = tl.film, tl.available
        self._syncing = True
        try:
            n = len(film) if film is not None else 1
            self.slider.setRange(0, max(0, n - 1))
            self.slider.setValue(tl.position.index if tl.position is not None else n - 1)
        finally:
            self._syncing = False
        for w in (self.slider, self.play_button, self.speed, self.record_button):
            w.setEnabled(ok)
        self.hold_button.setChecked(tl.hold)   # every bar shows the one timeline's Hold
        self.now_button.setEnabled(ok and tl.active)
        self.play_button.setText(self.tr("Pause") if tl.playing else self.tr("Play"))
        if film is None:   # short on the bar (it fits a projector at 150%); why, in the tooltip
            self.label.setText(self.tr("cannot play") if tl.error else self.tr("no snapshots"))
            why = tl.error or self.tr("No snapshots: train a recorded run, or open one from the History.")
            self.label.setToolTip(why)
        elif tl.position is None:
            self.label.setText(self.tr("now (%1 snapshots)").replace("%1", str(len(film))))
            self.label.setToolTip("")
        else:
            self.label.setText(self.tr("step %1 · epoch %2").replace("%1", f"{tl.position.step:,}")
                               .replace("%2", str(tl.position.epoch)))
            self.label.setToolTip("")
        self.setToolTip("" if ok or film is None else self.tr("Training is running: the timeline waits for it "
                                                             "to end."))
