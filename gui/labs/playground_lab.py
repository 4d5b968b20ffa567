"""The Playground tab (after TensorFlow Playground): a small network learns 2-D points while the decision boundary,
every neuron's output over the plane, the loss curves and (with more than two classes) the confusion matrix follow
it. Rewind starts again from the same initial weights, Reset from new ones; Share gives the experiment as a
code to paste or a `.json` file; the trained network leaves as `.keras` or as a Python script."""
from __future__ import annotations

import functools
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tensordesk.engine.core.errors import TensorDeskError
from tensordesk.gui.labs.lab_pane import LabPane
from tensordesk.gui.labs.playground_controls import PlaygroundControls
from tensordesk.gui.labs.playground_network import NetworkDiagram
from tensordesk.gui.labs.playground_plane import PlaygroundPlane
from tensordesk.gui.presentation import run_color
from tensordesk.gui.widgets.buttons import push_button
from tensordesk.gui.widgets.plots import labelled_plot, settle_ranges
from tensordesk.gui.widgets.view_base import ViewBase

FRAME_EVERY_S = 1 / 60      # the lab draws its pictures at most this often (the window shows up to 50 a second)


def _make_lab(experiment):
    from tensordesk.engine.labs.playground import PlaygroundLab
    return PlaygroundLab(experiment, frame_every_s=FRAME_EVERY_S)


class PlaygroundLab(LabPane, ViewBase):
    def __init__(self, session=None, parent=None):   # a lab shares nothing with the other views
        LabPane.__init__(self, "PlaygroundLabThread", "playground", default_speed_index=9, fps=50, parent=parent)
        self.controls = PlaygroundControls()
        self.plane = PlaygroundPlane(self)
        self.network = NetworkDiagram()
        self.loss_plot = labelled_plot("playgroundLoss", self.tr("epoch"), self.tr("loss"))
        self.loss_plot.addLegend(offset=(-5, 5))
        self.train_curve = self.loss_plot.plot([], [], pen=pg.mkPen(run_color(0), width=2), name=self.tr("train"))
        self.test_curve = self.loss_plot.plot([], [], pen=pg.mkPen(run_color(1), width=2, style=Qt.DashLine),
                                              name=self.tr("test"))
        self.confusion = QTableWidget()
        self.confusion.setObjectName("playgroundConfusion")
        self.confusion.setEditTriggers(QTableWidget.NoEditTriggers)
        self.confusion.setToolTip(self.tr("Test points: rows are the true class, columns the predicted one"))
        for header in (self.confusion.horizontalHeader(), self.confusion.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.Stretch)      # every cell in sight, no scrolling
            header.setMinimumSectionSize(18)
        self.score = QLabel("")
        self.score.setObjectName("playgroundScore")
        self.score.setWordWrap(True)
        self._reserve_score_lines()
        self.confusion.setVisible(False)   # until a data set with more than two classes comes
        self.lab_controls.reset_button.setText(self.tr("Rewind"))
        self.lab_controls.reset_button.setToolTip(self.tr("Back to epoch 0 with the same initial weights (Home)"))
        self.lab_controls.defaults_button.setToolTip(self.tr("Every setting back to Playground's"))
        buttons = QGridLayout()
        self.new_weights_button = push_button("playgroundNewWeights", self.tr("Reset"),
                                        self.tr("Start again from new random initial weights (another seed)"),
                                        self.new_seed)
        self.copy_button = push_button("playgroundCopyCode", self.tr("Copy code"),
                                      self.tr("The whole experiment as a short text, on the clipboard"), self.share)
        self.paste_button = push_button("playgroundPasteCode", self.tr("Paste code…"),
                                       self.tr("Set the experiment from a code"), self.paste_dialog)
        self.open_button = push_button("playgroundOpen", self.tr("Open…"), self.tr("Open an experiment (.json)"),
                                      self.open_dialog)
        self.save_button = push_button("playgroundSave", self.tr("Save…"), self.tr("Save the experiment (.json)"),
                                      self.save_dialog)
        self.keras_button = push_button("playgroundExportKeras", self.tr("Export .keras…"),
                                         self.tr("The trained network as a Keras model"), self.export_keras_dialog)
        self.script_button = push_button("playgroundExportScript", self.tr("Export script…"),
                                          self.tr("A Python script that builds the data and trains this network"),
                                          self.export_script_dialog)
        self.hide_button = push_button("playgroundHide", self.tr("Hide controls…"),
                                        self.tr("Choose the controls a shared experiment hides (a lecturer's lock): "
                                                "the learners change only the rest"), self.hide_dialog)
        for i, b in enumerate((self.new_weights_button, self.copy_button, self.paste_button, self.open_button,
                               self.save_button, self.keras_button, self.script_button, self.hide_button)):
            buttons.addWidget(b, i // 2, i % 2)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.controls)
        column.addLayout(buttons)
        side = QWidget()
        side_lay = QVBoxLayout(side)
        side_lay.setContentsMargins(0, 0, 0, 0)
        side_lay.addWidget(self.loss_plot, 3)
        side_lay.addWidget(self.score)
        side_lay.addWidget(self.confusion, 2)
        top = QSplitter(Qt.Horizontal)
        top.addWidget(self.plane.plot)
        top.addWidget(side)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        self.arrange(box, self.stack(top, [self.network], stretch=(3, 2)), self.tr(
            "The plane: the network's answer at every point (colour: the class it predicts, paler where it is "
            "unsure), training points filled, test points ringed. Below: every neuron's output over the same plane; "
            "edges blue for positive weights, orange for negative, thicker when larger. Hover a neuron for its "
            "formula; click an edge or a neuron to type a weight or a bias."), "playgroundCaption")
        self.controls.changed.connect(self._on_controls_changed)
        self.controls.clear_points.clicked.connect(self.plane.clear_points)
        self.controls.new_class.currentIndexChanged.connect(
            lambda i: setattr(self.plane, "new_class", self.controls.new_class.itemData(i)))
        self.plane.points_changed.connect(self._on_points_changed)
        self.network.weight_edited.connect(self.edit_weight)
        self.network.bias_edited.connect(self.edit_bias)
        self.editor = None          # the running lab (engine PlaygroundLab): its thread-safe edits and exports
        self.frame = None           # the latest engine PlaygroundFrame
        self.data = None
        self.curve: list[tuple[float, float, float]] = []
        self.frames_drawn = 0
        self._new_frame = False
        self._curves_at, self._drawn = 0.0, 0
        self._update_plane_mode()
        self._update_buttons()
        self.remember_defaults()

    # ---------------------------------------------------------------- the view's hooks
    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:    # lecture mode's scale
            self._reserve_score_lines()

    def _reserve_score_lines(self) -> None:
        """Room for two lines of the score, kept as its text comes and changes: the plot beside it does not jump,
        and the label is never squeezed while a new text waits for the next layout."""
        self.score.setMinimumHeight(2 * self.score.fontMetrics().lineSpacing() + 2)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.ensure_started()

    def lab_panes(self) -> dict:
        return {"playground": (0, self)}

    def frame_rate(self) -> int:
        """A recording's default rate: 25 a second is smooth, and a GIF at the pane's 50 would be twice as large."""
        return 25

    def can_play(self) -> bool:
        return True

    def play_pause(self) -> bool:
        self.toggle_play()
        return True

    def settings_state(self) -> dict:
        return self.controls.state()

    def apply_state(self, state: dict) -> None:
        self.set_experiment(self.controls.experiment_from_state(state))

    def set_experiment(self, experiment) -> None:
        """Every control from `experiment` (an engine Experiment), and the lab restarted with it."""
        self.controls.set_experiment(experiment.validate())
        self.plane.own = [list(p) for p in experiment.own_points]
        self._update_plane_mode()
        self.settings_changed()

    # ---------------------------------------------------------------- the lab
    def lab_factory(self):
        experiment = self.controls.experiment().validate()
        from tensordesk.engine.labs.playground_experiment import make_data
        make_data(experiment)      # a sentence now (too few own points), not a failed lab
        return functools.partial(_make_lab, experiment)

    def start(self, play: bool, steps: int = 0) -> None:
        self.message.setText("")
        super().start(play, steps)

    def clear_views(self) -> None:
        self.curve, self.frame, self.editor, self._drawn = [], None, None, 0
        self.train_curve.setData([], [])
        self.test_curve.setData([], [])

    def on_lab_event(self, event) -> None:
        from tensordesk.engine.labs import playground as pg_lab
        if isinstance(event, pg_lab.PlaygroundBegan):
            self.data, self.editor = event.data, event.editor
            self.plane.set_points(event.data)
            names = [self._feature_title(k) for k in event.feature_keys]
            acts = tuple(event.activations) + (("linear" if event.data.task == "regress" else "sigmoid"),)
            self.network.set_network(names, event.inputs, event.sizes, acts)
            self._show_confusion_shape(event.data)
        elif isinstance(event, pg_lab.PlaygroundFrame):
            self.frame = event
            self.curve.append((event.epoch, event.train_loss, event.test_loss))
            self._new_frame = True
        elif isinstance(event, pg_lab.PlaygroundScores):
            self.curve.append((event.epoch, event.train_loss, event.test_loss))

    @staticmethod
    def _feature_title(key: str) -> str:
        from tensordesk.engine.labs.playground_data import FEATURES
        return FEATURES[key][0]

    def render(self) -> None:
        f = self.frame
        if f is not None and self._new_frame:
            self._new_frame = False
            self.frames_drawn += 1
            self.plane.set_output(f.output, f.confidence)
            self.network.set_frame(f.neurons, f.weights, f.biases)
        now = time.perf_counter()
        if now - self._curves_at < 0.1 and self.is_playing:
            return                      # the curves and the sentences: 10 times a second while it plays
        self._curves_at = now
        if self.curve and len(self.curve) != self._drawn:
            self._drawn = len(self.curve)
            c = np.asarray(self.curve, float)
            dot = "o" if len(c) == 1 else None   # before training: the starting losses as dots, not nothing
            for curve, column in ((self.train_curve, 1), (self.test_curve, 2)):
                curve.setData(c[:, 0], c[:, column], symbol=dot, symbolSize=7, symbolPen=curve.opts["pen"],
                              symbolBrush=curve.opts["pen"].color())
            settle_ranges(self.loss_plot)
        if f is not None:
            self._show_score(f)
        self._show_status()

    def _show_status(self) -> None:
        f = self.frame
        if f is None:
            self.status.setText("")
            return
        text = self.tr("Epoch %1 (step %2) · train loss %3 · test loss %4").replace("%1", f"{f.epoch:.1f}") \
            .replace("%2", f"{f.step:,}").replace("%3", f"{f.train_loss:.4f}").replace("%4", f"{f.test_loss:.4f}")
        if self.finished_run:
            text += " · " + self.tr("finished")
        self.status.setText(text)

    def _show_score(self, f) -> None:
        if f.test_accuracy is None:
            self.score.setText(self.tr("Regression: the loss is the mean squared error."))
            return
        self.score.setText(self.tr("Accuracy: train %1, test %2").replace("%1", f"{f.train_accuracy:.1%}")
                           .replace("%2", f"{f.test_accuracy:.1%}"))
        if f.confusion is not None and self.confusion.isVisible():
            for i, row in enumerate(f.confusion):
                for j, n in enumerate(row):
                    item = self.confusion.item(i, j)
                    if item is not None:
                        item.setText(str(int(n)))

    def _show_confusion_shape(self, data) -> None:
        k = data.classes if data.task == "classify" else 0
        self.confusion.setVisible(k > 2)
        self.confusion.setRowCount(k)
        self.confusion.setColumnCount(k)
        labels = [str(i) for i in range(k)]
        self.confusion.setHorizontalHeaderLabels(labels)
        self.confusion.setVerticalHeaderLabels(labels)
        for i in range(k):
            for j in range(k):
                item = QTableWidgetItem("")
                item.setTextAlignment(Qt.AlignCenter)
                self.confusion.setItem(i, j, item)

    def on_lab_finished(self, event) -> None:
        if event.state.failed:
            self.show_error(event.message)

    # ---------------------------------------------------------------- edits
    @Slot(int, int, int, float)
    def edit_weight(self, layer: int, source: int, unit: int, value: float) -> bool:
        """Set one weight of the running network; the boundary and the neurons follow at once."""
        if self.editor is None:
            return False
        self.editor.set_weight(layer, source, unit, value)
        self._redraw_now()
        return True

    @Slot(int, int, float)
    def edit_bias(self, layer: int, unit: int, value: float) -> bool:
        if self.editor is None:
            return False
        self.editor.set_bias(layer, unit, value)
        self._redraw_now()
        return True

    def _redraw_now(self) -> None:
        self.frame = self.editor.frame()
        self._new_frame, self._curves_at = True, 0.0
        self.render()

    @Slot()
    def new_seed(self) -> None:
        self.controls.seed.setValue((self.controls.seed.value() + 1) % (2**31 - 1))

    def _on_controls_changed(self) -> None:
        self._update_plane_mode()
        self.restart_soon()

    def _on_points_changed(self, points) -> None:
        self.controls.own_points = tuple(points)
        self.restart_soon()

    def _update_plane_mode(self) -> None:
        own = self.controls.data.currentData() == "own"
        self.plane.editing = own and "data" not in self.controls.hidden
        self.plane.new_class = self.controls.new_class.currentData()
        if own:
            self.plane.own = [list(p) for p in self.controls.own_points]
            self.plane.task = "classify"
            self.plane.show_own()

    def update_controls(self) -> None:
        has = self.editor is not None
        self.keras_button.setEnabled(has)

    def set_hidden(self, names) -> None:
        """Hide the controls of these settings (they travel with the code and the file)."""
        e = self.controls.experiment()
        self.set_experiment(type(e)(e.settings, e.own_points, tuple(names)))

    def hide_dialog(self) -> None:
        from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidget, QListWidgetItem

        from tensordesk.engine.core.settings import declared
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Hide controls"))
        items = QListWidget()
        for name, s in declared(type(self.controls.settings())).items():
            if name == "grid":
                continue
            item = QListWidgetItem(f"{s.help} ({name})")
            item.setData(Qt.UserRole, name)
            item.setCheckState(Qt.Checked if name in self.controls.hidden else Qt.Unchecked)
            items.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        lay = QVBoxLayout(dialog)
        lay.addWidget(QLabel(self.tr("Ticked controls are hidden, here and wherever the experiment's code or file "
                                     "is opened.")))
        lay.addWidget(items)
        lay.addWidget(buttons)
        if dialog.exec() == QDialog.Accepted:
            self.set_hidden([items.item(i).data(Qt.UserRole) for i in range(items.count())
                             if items.item(i).checkState() == Qt.Checked])

    # ---------------------------------------------------------------- share and export
    def share(self) -> str:
        """The experiment's code, also put on the clipboard."""
        code = self.controls.experiment().validate().code()
        QGuiApplication.clipboard().setText(code)
        self.status.setText(self.tr("The experiment's code is on the clipboard (%1 characters).")
                            .replace("%1", str(len(code))))
        return code

    def paste_code(self, code: str) -> bool:
        from tensordesk.engine.labs.playground_experiment import Experiment
        return self._set_from(lambda: Experiment.from_code(code))

    def _set_from(self, read) -> bool:
        """The experiment `read()` gives, or its sentence under the controls."""
        try:
            self.set_experiment(read())
        except TensorDeskError as exc:
            self.show_error(str(exc))
            return False
        return True

    def paste_dialog(self) -> None:
        clip = QGuiApplication.clipboard().text().strip()
        code, ok = QInputDialog.getText(self, self.tr("Paste code"), self.tr("The experiment's code:"),
                                        text=clip if clip.startswith("pg1-") else "")
        if ok and code.strip():
            self.paste_code(code)

    def open_experiment(self, path: str) -> bool:
        from tensordesk.engine.labs.playground_experiment import Experiment
        return self._set_from(lambda: Experiment.load(path))

    def save_experiment(self, path: str) -> bool:
        try:
            self.controls.experiment().validate().save(path)
        except (TensorDeskError, OSError) as exc:
            self.show_error(str(exc))
            return False
        return True

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open experiment"), "",
                                              self.tr("Playground experiments (*.json);;All files (*)"))
        if path:
            self.open_experiment(path)

    def _ask_where(self, title: str, name: str, kinds: str, write) -> None:
        """Ask where to save (a Save dialog starting at `name`), then `write(path)` unless cancelled."""
        path, _ = QFileDialog.getSaveFileName(self, title, name, kinds)
        if path:
            write(path)

    def save_dialog(self) -> None:
        self._ask_where(self.tr("Save experiment"), "playground.json", self.tr("Playground experiments (*.json)"),
                        self.save_experiment)

    def export_keras_dialog(self) -> None:
        self._ask_where(self.tr("Export the network"), "playground.keras", self.tr("Keras models (*.keras)"),
                        self.export_model)

    def export_model(self, path: str) -> bool:
        if self.editor is None:
            return False
        try:
            saved = self.editor.save_keras(path)
        except (TensorDeskError, OSError, ValueError) as exc:
            self.show_error(str(exc))
            return False
        self.status.setText(self.tr("Saved %1").replace("%1", str(saved)))
        return True

    def export_script_dialog(self) -> None:
        self._ask_where(self.tr("Export as Python script"), "playground.py", self.tr("Python scripts (*.py)"),
                        self.write_script)

    def write_script(self, path: str) -> bool:
        from tensordesk.engine.core.files import atomic_write
        from tensordesk.engine.labs.playground_export import script
        try:
            text = script(self.controls.experiment().validate())
            atomic_write(path, lambda fh: fh.write(text.encode("utf-8")))
        except (TensorDeskError, OSError) as exc:
            self.show_error(str(exc))
            return False
        self.status.setText(self.tr("Saved %1").replace("%1", path))
        return True
