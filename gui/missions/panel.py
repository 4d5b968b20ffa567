"""The Missions panel: a dock beside any view that walks a learner through one of the seeds' ideas a step at a
time — what to do and why, a scene to set up, a prediction made before the experiment, and a check of the
learner's own work (engine/missions/): a hint when it fails, and, when it passes, a why built from their numbers
and their prediction set against what happened. Progress is kept in the user's data folder."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tensordesk.engine.missions.facts import Journal
from tensordesk.engine.missions.missions import Mission, MissionError, fill, read_mission, shipped_missions, text
from tensordesk.engine.missions.progress import MissionPlay, ProgressStore
from tensordesk.gui.i18n import current_language
from tensordesk.gui.model_files import remembered_folder
from tensordesk.gui.presentation import set_tone
from tensordesk.gui.widgets.scroll_column import ScrollColumn


def _wrapped(name: str, bold: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


class _ChoiceText(QLabel):
    """A choice's words beside its radio button, wrapped to the panel's width; a click on them chooses it."""

    def __init__(self, text: str, button: QRadioButton):
        super().__init__(text)
        self.button = button
        self.setWordWrap(True)
        self.setBuddy(button)

    def mousePressEvent(self, event) -> None:
        if self.button.isEnabled():
            self.button.setChecked(True)
        super().mousePressEvent(event)


class MissionsPanel(QWidget):
    """One mission at a time, one step at a time. `journal` holds every fact the session reported."""
    step_passed = Signal(str, str)       # (mission id, step id)

    def __init__(self, window, settings, progress: ProgressStore | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("missionsPanel")
        self.window, self.settings = window, settings
        self.session = window.session
        self.store = progress if progress is not None else ProgressStore()
        self.journal = Journal()
        self.missions: list[Mission] = []
        self.plays: dict[str, MissionPlay] = {}
        self.play: MissionPlay | None = None
        self._player = None

        self.mission_combo = QComboBox()
        self.mission_combo.setObjectName("missionCombo")
        self.mission_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.mission_combo.setMinimumContentsLength(14)
        self.mission_combo.currentIndexChanged.connect(self._on_mission_chosen)
        self.open_button = QPushButton(self.tr("Open…"))
        self.open_button.setObjectName("missionOpen")
        self.open_button.setToolTip(self.tr("Open a mission file (a lecturer's own)"))
        self.open_button.clicked.connect(self.open_dialog)
        self.summary = _wrapped("missionSummary")
        self.seeds = _wrapped("missionSeeds")
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("missionProgress")
        self.progress_bar.setTextVisible(True)
        self.step_title = _wrapped("missionStepTitle", bold=True)
        self.step_text = _wrapped("missionStepText")
        self.scene_button = QPushButton(self.tr("Set it up"))
        self.scene_button.setObjectName("missionScene")
        self.scene_button.setToolTip(self.tr("Open the view this step uses, with its settings"))
        self.scene_button.clicked.connect(self.set_up_scene)

        self.predict_box = QGroupBox(self.tr("Predict first"))
        self.predict_box.setObjectName("missionPredict")
        self.question = _wrapped("missionQuestion")
        self.choices = QButtonGroup(self)
        self.choice_column = QVBoxLayout()
        self.lock_button = QPushButton(self.tr("Lock in my prediction"))
        self.lock_button.setObjectName("missionLock")
        self.lock_button.clicked.connect(self.lock_prediction)
        self.choices.idToggled.connect(lambda *_: self._update_buttons())
        box = QVBoxLayout(self.predict_box)
        box.addWidget(self.question)
        box.addLayout(self.choice_column)
        box.addWidget(self.lock_button)

        self.number_box = QGroupBox(self.tr("Your answer"))
        self.number_box.setObjectName("missionNumberBox")
        self.number_question = _wrapped("missionNumberQuestion")
        self.number = QDoubleSpinBox()
        self.number.setObjectName("missionNumber")
        self.number.setRange(-1e6, 1e6)
        self.number.setDecimals(3)
        self.answer_button = QPushButton(self.tr("Answer"))
        self.answer_button.setObjectName("missionAnswer")
        self.answer_button.clicked.connect(lambda: self.answer(self.number.value()))
        row = QHBoxLayout()
        row.addWidget(self.number, 1)
        row.addWidget(self.answer_button)
        box = QVBoxLayout(self.number_box)
        box.addWidget(self.number_question)
        box.addLayout(row)

        self.check_button = QPushButton(self.tr("Check my work"))
        self.check_button.setObjectName("missionCheck")
        self.check_button.setToolTip(self.tr("The step is also checked each time a run, a lab or an evaluation "
                                             "ends"))
        self.check_button.clicked.connect(self.check_now)
        self.verdict = _wrapped("missionVerdict", bold=True)
        self.feedback = _wrapped("missionFeedback")
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.setObjectName("missionBack")
        self.back_button.clicked.connect(lambda: self.go_to(self.play.index - 1))
        self.next_button = QPushButton(self.tr("Next"))
        self.next_button.setObjectName("missionNext")
        self.next_button.clicked.connect(self.next_step)
        self.skip_button = QPushButton(self.tr("Skip"))
        self.skip_button.setObjectName("missionSkip")
        self.skip_button.setToolTip(self.tr("Go on without passing this step (it is marked as skipped)"))
        self.skip_button.clicked.connect(self.skip_step)
        self.reset_button = QPushButton(self.tr("Start over"))
        self.reset_button.setObjectName("missionReset")
        self.reset_button.setToolTip(self.tr("Forget this mission's progress and predictions"))
        self.reset_button.clicked.connect(self.reset_mission)

        top = QHBoxLayout()
        top.addWidget(self.mission_combo, 1)
        top.addWidget(self.open_button)
        nav = QHBoxLayout()
        for b in (self.back_button, self.skip_button, self.next_button):
            nav.addWidget(b)
        column = QVBoxLayout()
        column.addLayout(top)
        for w in (self.summary, self.seeds, self.progress_bar, self.step_title, self.step_text, self.scene_button,
                  self.predict_box, self.number_box, self.check_button, self.verdict, self.feedback):
            column.addWidget(w)
        column.addStretch(1)
        inner = QWidget()
        inner.setLayout(column)
        scroll = ScrollColumn(inner)
        lay = QVBoxLayout(self)      # the step scrolls; going on, back and over stay in sight
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(scroll, 1)
        lay.addLayout(nav)
        lay.addWidget(self.reset_button)

        self.session.work_reported.connect(self.on_fact)
        self.session.training_changed.connect(lambda *_: self._update_buttons())
        self.reload()
        if self.store.error:
            self.session.show_message(self.store.error)

    # ------------------------------------------------------------------ missions
    def reload(self, extra: list[Mission] | None = None) -> None:
        """The shipped missions (and any opened ones) in the list; the last one played comes back."""
        opened = [m for m in self.missions if m.path and not m.path.startswith(str(_shipped_dir()))]
        try:
            shipped = shipped_missions()
        except MissionError as exc:
            shipped = []
            self.session.show_message(str(exc))
        self.missions = shipped + opened + list(extra or [])
        last = str(self.settings.value("missions/current", "")) if self.settings is not None else ""
        self.mission_combo.blockSignals(True)
        self.mission_combo.clear()
        lang = current_language()
        for m in self.missions:
            done = {s.id for s in m.steps} <= self.store.of(m.id).done_steps if m.id in self.store.missions else False
            self.mission_combo.addItem(("✔ " if done else "") + text(m.title, lang), m.id)
        index = max(0, self.mission_combo.findData(last))
        self.mission_combo.setCurrentIndex(index)
        self.mission_combo.blockSignals(False)
        self._on_mission_chosen(index)

    def mission_ids(self) -> list[str]:
        return [m.id for m in self.missions]

    def open_mission(self, path: str) -> bool:
        """Open a mission file; a bad one is one sentence in a message box."""
        try:
            mission = read_mission(path)
            from tensordesk.gui.missions.scenes import check_scenes
            check_scenes(mission)
        except MissionError as exc:
            QMessageBox.warning(self.window, self.tr("Cannot open the mission"), str(exc))
            return False
        self.missions = [m for m in self.missions if m.id != mission.id]
        self.plays.pop(mission.id, None)
        self.missions.append(mission)
        self.mission_combo.blockSignals(True)
        index = self.mission_combo.findData(mission.id)
        if index >= 0:
            self.mission_combo.removeItem(index)
        self.mission_combo.addItem(text(mission.title, current_language()), mission.id)
        self.mission_combo.blockSignals(False)
        self.choose(mission.id)
        return True

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open mission"),
                                              remembered_folder(self.settings, "paths/missions"),
                                              self.tr("TensorDesk missions (*.json);;All files (*)"))
        if path:
            from pathlib import Path
            self.settings.setValue("paths/missions", str(Path(path).parent))
            self.open_mission(path)

    def choose(self, mission_id: str) -> None:
        index = self.mission_combo.findData(mission_id)
        if index < 0:
            raise KeyError(mission_id)
        if index == self.mission_combo.currentIndex():
            self._on_mission_chosen(index)
        else:
            self.mission_combo.setCurrentIndex(index)

    @Slot(int)
    def _on_mission_chosen(self, index: int) -> None:
        if not 0 <= index < len(self.missions):
            self.play = None
            self._show()
            return
        mission = next(m for m in self.missions if m.id == self.mission_combo.itemData(index))
        if mission.id not in self.plays:
            self.plays[mission.id] = MissionPlay(mission, self.store.of(mission.id), self.journal)
        self.play = self.plays[mission.id]
        self.play.begin_step()
        if self.settings is not None:
            self.settings.setValue("missions/current", mission.id)
        self._show()

    # ------------------------------------------------------------------ the step
    def go_to(self, index: int) -> None:
        self.play.go_to(index)
        self._save()
        self._show()

    def next_step(self) -> None:
        self.play.complete_reading()
        if not self.play.next():
            self._save()
            self._show()
            return
        self._save()
        self._show()

    def skip_step(self) -> None:
        self.play.skip()
        self.play.next()       # (at the last step it stays there, marked skipped)
        self._save()
        self._show()

    def reset_mission(self) -> None:
        mission = self.play.mission
        self.store.reset(mission.id)
        self.plays[mission.id] = MissionPlay(mission, self.store.of(mission.id), self.journal)
        self.play = self.plays[mission.id]
        self._show()

    def set_up_scene(self) -> None:
        """The step's scene: its view and settings, as a preset sets them (its runs and lab start)."""
        step = self.play.step
        if step.scene is None:
            return
        from tensordesk.gui.presets import PresetError, preset_from_data
        try:
            self.window.presets.runner.apply(preset_from_data(step.scene, self.play.mission.id))
        except PresetError as exc:
            QMessageBox.warning(self.window, self.tr("Cannot set up the step"), str(exc))

    def choose_prediction(self, choice: int) -> None:
        button = self.choices.button(choice)
        if button is not None:
            button.setChecked(True)

    def lock_prediction(self) -> None:
        choice = self.choices.checkedId()
        if choice < 0 or self.play.step.predict is None:
            return
        self.play.predict(choice)
        self.play.begin_step()      # the experiment counts from the prediction on
        self._save()
        self._show()

    def answer(self, value: float) -> None:
        self.number.setValue(value)
        self.play.answer(value)
        self.check_now()

    @Slot(object)
    def on_fact(self, fact) -> None:
        self.journal.add(fact)
        step = self.play.step if self.play is not None else None
        if step is not None and step.check is not None and fact.kind in step.check.reads \
                and not self.play.needs_prediction:
            self.check_now()

    def check_now(self) -> None:
        """Judge the step on the learner's work since it began; show the why, or the hint."""
        play = self.play
        if play is None or play.step.check is None:
            return
        if play.needs_prediction:
            self._say(self.tr("Make your prediction first."), self.tr("Choose an answer above and lock it in; "
                                                                      "then run the experiment."), "alert")
            return
        was_passed = play.step.id in play.progress.passed
        outcome = play.evaluate()
        if outcome.passed:
            self._save()
            if not was_passed:
                self.step_passed.emit(play.mission.id, play.step.id)
        self._show_outcome(outcome)
        self._show_progress()
        self._update_buttons()

    # ------------------------------------------------------------------ showing it
    def _save(self) -> None:
        try:
            self.store.save()
        except OSError as exc:
            self.session.show_message(self.tr("Your missions' progress could not be saved: %1")
                                      .replace("%1", str(exc)))

    def _say(self, verdict: str, feedback: str, tone: str) -> None:
        self.verdict.setText(verdict)
        self.feedback.setText(feedback)
        set_tone(self.verdict, tone)

    def _show_outcome(self, outcome) -> None:
        lang, step = current_language(), self.play.step
        if outcome.passed:
            parts = [fill(text(step.why, lang), outcome.values)]
            if step.predict is not None and self.play.prediction is not None:
                said = text(step.predict.choices[self.play.prediction], lang)
                right = text(step.predict.choices[step.predict.answer], lang)
                parts.insert(0, (self.tr("You predicted “%1” — right.").replace("%1", said)
                                 if self.play.prediction == step.predict.answer else
                                 self.tr("You predicted “%1”; what happened: “%2”.").replace("%1", said)
                                 .replace("%2", right)))
            self._say(self.tr("✔ Passed"), "\n\n".join(parts), "ok")
        else:
            self._say(self.tr("✘ Not yet"), fill(text(step.hint, lang), outcome.values), "alert")
            self.feedback.setToolTip(outcome.missing)     # the engine's sentence on what is missing

    def _show(self) -> None:
        play, lang = self.play, current_language()
        for b in list(self.choices.buttons()):
            self.choices.removeButton(b)
        while self.choice_column.count():
            row = self.choice_column.takeAt(0).widget()
            row.hide()              # gone at once; deleted with its parent's next turn of the event loop
            row.deleteLater()
        if play is None:
            for w in (self.summary, self.seeds, self.step_title, self.step_text):
                w.setText("")
            self._update_buttons()
            return
        m, step = play.mission, play.step
        self.summary.setText(text(m.summary, lang))
        self.seeds.setText(self.tr("From seed %1").replace("%1", ", ".join(m.seeds)))
        self._show_progress()
        self.step_title.setText(self.tr("Step %1 of %2").replace("%1", str(play.index + 1))
                                .replace("%2", str(len(m.steps))))
        self.step_text.setText(text(step.text, lang))
        self.predict_box.setVisible(step.predict is not None)
        if step.predict is not None:
            self.question.setText(text(step.predict.question, lang))
            for i, choice in enumerate(step.predict.choices):
                button = QRadioButton()
                button.setObjectName(f"missionChoice{i}")
                button.setAccessibleName(text(choice, lang))
                words = _ChoiceText(text(choice, lang), button)
                words.setObjectName(f"missionChoiceText{i}")
                row = QWidget()
                line = QHBoxLayout(row)
                line.setContentsMargins(0, 0, 0, 0)
                line.addWidget(button, 0, Qt.AlignTop)
                line.addWidget(words, 1)
                self.choices.addButton(button, i)
                self.choice_column.addWidget(row)
                row.show()              # at once, not at the event loop's next turn
                if play.prediction == i:
                    button.setChecked(True)
        self.number_box.setVisible(step.ask_number is not None)
        if step.ask_number is not None:
            self.number_question.setText(text(step.ask_number, lang))
        if step.id in play.progress.passed and step.check is not None:
            outcome = play.evaluate() if play.last is None else play.last
            if outcome is not None and outcome.passed:
                self._show_outcome(outcome)
            else:
                self._say(self.tr("✔ Passed"), self.tr("You passed this step earlier."), "ok")
        elif step.id in play.progress.skipped:
            self._say(self.tr("Skipped"), "", "")
        elif play.needs_prediction:
            self._say("", self.tr("Make your prediction, then run the experiment."), "")
        else:
            self._say("", "", "")
        self._update_buttons()

    def _show_progress(self) -> None:
        m, play = self.play.mission, self.play
        done = len(play.progress.done_steps & {s.id for s in m.steps})
        self.progress_bar.setRange(0, len(m.steps))
        self.progress_bar.setValue(done)
        passed = len(set(play.progress.passed) & {s.id for s in m.steps})
        self.progress_bar.setFormat(self.tr("Mission complete: %1 of %2 steps passed").replace("%1", str(passed))
                                    .replace("%2", str(len(m.steps))) if play.finished else
                                    self.tr("%1 of %2 steps done").replace("%1", str(done))
                                    .replace("%2", str(len(m.steps))))
        self._mark_finished(m.id, play.finished)

    def _mark_finished(self, mission_id: str, finished: bool) -> None:
        """The mission list marks the missions done (✔)."""
        index = self.mission_combo.findData(mission_id)
        mission = next((m for m in self.missions if m.id == mission_id), None)
        if index >= 0 and mission is not None:
            title = text(mission.title, current_language())
            self.mission_combo.setItemText(index, f"✔ {title}" if finished else title)

    def _update_buttons(self) -> None:
        play = self.play
        has = play is not None
        step = play.step if has else None
        for b in (self.skip_button, self.reset_button):
            b.setEnabled(has)
        self.back_button.setEnabled(has and play.index > 0)
        last = has and play.index + 1 >= len(play.mission.steps)
        self.next_button.setEnabled(has and not last and (step.check is None or step.id in play.progress.done_steps))
        self.skip_button.setEnabled(has and step.id not in play.progress.done_steps)
        self.scene_button.setVisible(has and step.scene is not None)
        self.scene_button.setEnabled(has and not self.session.training and self.window.engine_is_ready)
        locked = has and step.predict is not None and play.prediction is not None
        for b in self.choices.buttons():
            b.parentWidget().setEnabled(not locked)      # the button and its words
        self.lock_button.setEnabled(has and not locked and self.choices.checkedId() >= 0)
        self.lock_button.setText(self.tr("Prediction locked in") if locked else self.tr("Lock in my prediction"))
        self.check_button.setVisible(has and step.check is not None)
        self.check_button.setEnabled(has and not (step.predict is not None and play.prediction is None))
        self.answer_button.setEnabled(has and not (step.predict is not None and play.prediction is None))


def _shipped_dir():
    from tensordesk.engine.missions.missions import MISSION_DIR
    return MISSION_DIR
