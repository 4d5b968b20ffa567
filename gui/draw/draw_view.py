"""The Draw view: a canvas, its tools, and the live prediction of the current model."""
from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QTabWidget, QToolButton, QVBoxLayout, QWidget

from tensordesk.gui.draw.canvas_widget import DigitCanvas
from tensordesk.gui.draw.code_space import CodeSpacePanel
from tensordesk.gui.draw.insight_panel import InsightPanel
from tensordesk.gui.draw.neuron_panel import NeuronPanel
from tensordesk.gui.draw.points_panel import PointsPanel
from tensordesk.gui.draw.prediction_panel import PredictionPanel
from tensordesk.gui.draw.step_panel import StepPanel
from tensordesk.gui.timeline import TimelineBar
from tensordesk.gui.widgets.data_text import set_text_with_data
from tensordesk.gui.widgets.view_base import ViewBase


class DrawView(ViewBase, QWidget):
    message_shown = Signal(str)      # a sentence for the status bar

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self._training_live = False
        self.canvas = DigitCanvas()
        self.panel = PredictionPanel()

        self.brush_slider = QSlider(Qt.Horizontal)
        self.brush_slider.setObjectName("brushSlider")
        self.brush_slider.setRange(4, 40)
        self.brush_slider.setValue(int(self.canvas.brush_size))
        self.brush_slider.setToolTip(self.tr("Brush size"))
        self.brush_slider.valueChanged.connect(self.canvas.set_brush_size)
        self.eraser_button = QToolButton()
        self.eraser_button.setObjectName("eraserButton")
        self.eraser_button.setText(self.tr("Eraser"))
        self.eraser_button.setCheckable(True)
        self.eraser_button.setToolTip(self.tr("Erase instead of drawing (E). The right mouse button always erases."))
        self.eraser_button.toggled.connect(self.canvas.set_eraser)
        self.undo_button = QPushButton(self.tr("Undo stroke"))
        self.undo_button.setObjectName("undoButton")
        self.undo_button.setToolTip(self.tr("Undo the last stroke (Ctrl+Z)"))
        self.undo_button.clicked.connect(self.canvas.undo)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setObjectName("clearButton")
        self.clear_button.setToolTip(self.tr("Clear the canvas (Delete)"))
        self.clear_button.clicked.connect(self.canvas.clear)
        self.random_button = QPushButton(self.tr("Random test digit"))
        self.random_button.setObjectName("randomDigitButton")
        self.random_button.setToolTip(self.tr("Put a real test image on the canvas to compare with your drawing "
                                              "(Ctrl+T)"))
        self.random_button.clicked.connect(self.random_test_digit)
        self._test_digits = None          # the embedded test split, loaded when first wanted
        self._rng = np.random.default_rng()

        self.no_model = QWidget()
        self.no_model.setObjectName("noModelBox")
        nm = QVBoxLayout(self.no_model)
        msg = QLabel(self.tr("No model yet. Train one or load a saved model to see what it thinks of your drawing."))
        msg.setWordWrap(True)
        row = QHBoxLayout()
        self.load_button = QPushButton(self.tr("Load model…"))
        self.load_button.setObjectName("loadModelButton")
        self.load_button.clicked.connect(lambda: session.open_model_wanted.emit("", ""))
        self.train_button = QPushButton(self.tr("Train one"))
        self.train_button.setObjectName("trainOneButton")
        self.train_button.clicked.connect(lambda: session.show_view("train"))
        row.addWidget(self.load_button)
        row.addWidget(self.train_button)
        nm.addWidget(msg)
        nm.addLayout(row)
        self.model_label = QLabel("")
        self.model_label.setObjectName("drawModelLabel")
        self.model_label.setWordWrap(True)

        tools = QHBoxLayout()
        tools.addWidget(QLabel(self.tr("Brush")))
        tools.addWidget(self.brush_slider, 1)
        tools.addWidget(self.eraser_button)
        tools.addWidget(self.undo_button)
        tools.addWidget(self.clear_button)
        tools.addWidget(self.random_button)
        # "This is a …": keep the drawing as an example of a digit in the learner's own data set (My digits)
        self.label_row = QWidget()
        self.label_row.setObjectName("thisIsARow")
        labels = QHBoxLayout(self.label_row)
        labels.setContentsMargins(0, 0, 0, 0)
        labels.setSpacing(3)
        labels.addWidget(QLabel(self.tr("This is a")))
        self.label_buttons = []
        for d in range(10):
            b = QToolButton()
            b.setText(str(d))
            b.setObjectName(f"thisIsA{d}")
            QShortcut(QKeySequence(f"Alt+{d}"), self, lambda d=d: self.label_drawing(d),
                      context=Qt.WidgetWithChildrenShortcut)
            b.setToolTip(self.tr("Keep this drawing as a %1 in your digits (Alt+%1); they are in the My digits "
                                 "view").replace("%1", str(d)))
            b.clicked.connect(lambda checked=False, d=d: self.label_drawing(d))
            labels.addWidget(b)
            self.label_buttons.append(b)
        labels.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.canvas, 1)
        left.addLayout(tools)
        left.addWidget(self.label_row)
        right = QVBoxLayout()
        right.addWidget(self.no_model)
        right.addWidget(self.model_label)
        self.insight = InsightPanel()
        self.pages = QTabWidget()
        self.pages.setObjectName("drawPages")
        self.pages.addTab(self.panel, self.tr("Prediction"))
        self.pages.addTab(self.insight, self.tr("Inside the network"))
        self.pages.setTabToolTip(1, self.tr("Saliency, feature maps and filters for the digit you draw (Ctrl+I)"))
        self.code_space = CodeSpacePanel()
        self.pages.addTab(self.code_space, self.tr("Code space"))
        self.pages.setTabToolTip(2, self.tr("The autoencoder's 2-D code of every test image; click to decode"))
        self.neurons = NeuronPanel()
        self.neurons.test_digits = self.test_digits
        self.neurons.edits_changed.connect(self._on_edits_changed)
        self.neurons.message_shown.connect(self.message_shown)
        self.neurons.save_requested.connect(lambda: session.save_edited_wanted.emit(self.neurons.network,
                                                                                    self.neurons.accuracy))
        self.pages.addTab(self.neurons, self.tr("Neurons"))
        self.pages.setTabToolTip(3, self.tr("Every dense unit lit by your drawing; switch units off, prune, change "
                                            "the temperature and see what happens"))
        self.step = StepPanel()
        self.step.step_shown.connect(session.report)
        self.pages.addTab(self.step, self.tr("One step"))
        self.pages.setTabToolTip(4, self.tr("The maths of the last layer for your drawing, number by number, and one "
                                            "step of gradient descent"))
        self.points = PointsPanel()
        self.points.mapped.connect(session.report)
        self.points.test_digits = self.test_digits
        self.points.image_chosen.connect(self.show_image)
        self.pages.addTab(self.points, self.tr("Points map"))
        self.pages.setTabToolTip(5, self.tr("The test digits as points, as a layer sees them (PCA or t-SNE); click "
                                            "one to draw it"))
        self.pages.currentChanged.connect(lambda i: self._update_insight())
        self.pages.currentChanged.connect(lambda i: self._update_hands())
        self.pages.currentChanged.connect(lambda i: self._update_code_space())
        self._live_codes = QTimer(self)   # while an autoencoder trains and its codes are on screen
        self._live_codes.setInterval(500)
        self._live_codes.timeout.connect(self._ask_for_weights)
        right.addWidget(self.pages, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 2)   # the timeline's row costs no more height than it must (1280×720)
        lay.setSpacing(2)
        lay.addLayout(columns, 1)
        # the model at any moment of its run's training: the answer, Inside, Neurons and the points map follow
        lay.addWidget(TimelineBar(session.timeline))

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(15)
        self._debounce.timeout.connect(self.predict_now)
        self.canvas.drawing_changed.connect(self._on_drawing_changed)
        self.canvas.drawing_changed.connect(self._update_label_buttons)
        self.canvas.stroke_finished.connect(self._update_label_buttons)
        self.canvas.stroke_finished.connect(self._on_stroke_finished)
        self._requested_at = 0.0
        self._update_label_buttons()
        self._processed = None
        self._reported = None            # the last reading reported to the missions
        self._unedited = None            # what the unedited network reads in this drawing (with edits on)
        self.last_latency_ms = None
        self._update_model_state()
        session.model_changed.connect(self._on_model_changed)
        session.weights_changed.connect(self._on_weights_changed)
        session.training_changed.connect(self._on_training_changed)
        session.dataset_changed.connect(self._on_dataset_changed)
        session.canvas_image_wanted.connect(self._on_canvas_image_wanted)

    @property
    def predictor(self):
        """The session's copy of the model Draw classifies with (gui/session.py)."""
        return self.session.predictor

    # ------------------------------------------------------------------ model
    @Slot()
    def _update_label_buttons(self) -> None:
        drawn = not self.canvas.is_empty()
        for b in self.label_buttons:
            b.setEnabled(drawn)

    def label_drawing(self, digit: int) -> None:
        """“This is a `digit`”: keep the drawing in the learner's digits, then clear the canvas for the next one
        (Undo stroke brings it back)."""
        if not self.canvas.is_empty() and self.session.keep_example(self.canvas.to_array(), int(digit)):
            self.canvas.clear()

    @property
    def training_live(self) -> bool:
        return self._training_live

    @training_live.setter
    def training_live(self, running: bool) -> None:
        """A model trains and Draw follows its weights: nothing can be edited meanwhile."""
        self._training_live = running
        self.neurons.set_training(running)
        self.points.set_training(running)
        self.step.training = running

    @Slot(bool)
    def _on_training_changed(self, running: bool) -> None:
        self.training_live = running

    @Slot()
    def _on_model_changed(self) -> None:
        """The session's model changed: the pages follow it, and the drawing is classified again."""
        self._unedited = None
        p = self.predictor
        self.neurons.set_model(p.model if p.classifier else None, p.class_names)
        self.points.set_model(p.model if p.classifier else None, p.class_names,
                              follow=self.session.timeline.moving)
        self.panel.set_class_names(p.class_names)
        self._update_model_state()
        self.predict_now()
        self._update_code_space()

    @Slot(object)
    def _on_dataset_changed(self, dataset) -> None:
        self.code_space.set_data(dataset.x_test[:2000], dataset.y_test[:2000], dataset.class_names)

    @Slot(object, str)
    def _on_canvas_image_wanted(self, image, caption: str) -> None:
        self.session.show_view("draw")
        self.show_image(image, caption)

    @Slot()
    def _on_weights_changed(self) -> None:
        if not self.canvas.is_empty():
            self.predict_now()
        if self._code_space_on_screen():
            self._update_code_space()

    def _update_model_state(self) -> None:
        has = self.predictor.can_classify
        self.no_model.setVisible(not has)
        self.model_label.setVisible(has)
        edits = self.neurons.network.edits if self.predictor.edited is not None else ()
        if has and edits:
            set_text_with_data(self.model_label, self.tr("Model: %1, edited (%2)"), self.predictor.source,
                               str(len(edits)))
        elif has:   # a file's name or a run's label: data, as it is in every language
            set_text_with_data(self.model_label, self.tr("Model: %1"), self.predictor.source)
        else:
            set_text_with_data(self.model_label, "")

    # ------------------------------------------------------------------ prediction
    @Slot()
    def _on_drawing_changed(self) -> None:
        self._reported = self._unedited = None          # a new drawing: its reading is news
        if not self._debounce.isActive():
            self._requested_at = time.perf_counter()
            self._debounce.start()

    @Slot()
    def _on_stroke_finished(self) -> None:
        self._reported = self._unedited = None   # a finished stroke (or an image put on the canvas): a new reading
        self._requested_at = time.perf_counter()
        self._debounce.stop()
        self.predict_now()
        if self.training_live:
            self.session.weights_wanted.emit()  # re-predict with the newest weights when they arrive

    @Slot()
    def predict_now(self) -> None:
        image = self.canvas.to_array()
        if not self.predictor.can_classify:
            from tensordesk.engine.data.preprocess import preprocess_digit
            self.panel.show_prediction(preprocess_digit(image), None)
            self._update_insight()
            self._update_hands()
            return
        if not self.predictor.classifier:
            self.panel.show_prediction(None, None, self.tr("This model is an autoencoder: it rebuilds images "
                                                           "instead of classifying them. See its code space."))
            self._update_insight()
            self._update_hands()
            if self._code_space_on_screen():
                from tensordesk.engine.data.preprocess import preprocess_digit
                self.predictor.sync()
                self.code_space.show_canvas(preprocess_digit(image))
            return
        processed, probs = self.predictor.classify(image)
        self.panel.show_prediction(processed, probs, "" if processed is not None else self.tr("Nothing drawn yet."))
        self._processed = processed
        self._report_drawing(image, probs)
        if self._requested_at:
            self.last_latency_ms = (time.perf_counter() - self._requested_at) * 1000.0
            self._requested_at = 0.0
        self._update_insight()
        self._update_hands()

    def _report_drawing(self, image, probs) -> None:
        """What the network says about the drawing, for the missions' checks: with units switched off on the
        Neurons page, also what the unedited network says (reported when either changes)."""
        if probs is None:
            self._reported = None
            return
        from tensordesk.engine.missions.facts import DrawingFact
        prediction = int(np.argmax(probs))
        edited = self.predictor.edited is not None
        off = sum(e.kind == "off" for e in self.neurons.network.edits) if edited else 0
        unedited = prediction
        if edited:     # the unedited network's reading: once a drawing (edits are off while a model trains)
            if self._unedited is None:
                from tensordesk.engine.models.inference import classify_drawing
                _, plain = classify_drawing(self.predictor.model, image)
                self._unedited = int(np.argmax(plain)) if plain is not None else prediction
            unedited = self._unedited
        key = (prediction, off, unedited)
        if key != self._reported:
            self._reported = key
            self.session.report(DrawingFact(prediction, float(probs[prediction]), off, unedited))

    def _code_space_on_screen(self) -> bool:
        return self.pages.currentWidget() is self.code_space

    def _update_code_space(self) -> None:
        """Codes follow the model (and, while it trains, its weights) when their page is on screen."""
        live = self._code_space_on_screen() and self.training_live and not self.predictor.classifier
        if live != self._live_codes.isActive():
            self._live_codes.start() if live else self._live_codes.stop()
        if not self._code_space_on_screen():
            return
        if self.code_space.images is None:   # before any run: the embedded digits
            x, y = self.test_digits()
            self.code_space.set_data(x, y, [str(i) for i in range(10)])
        self.predictor.sync()
        model = self.predictor.model if not self.predictor.classifier else None
        from tensordesk.engine.data.preprocess import preprocess_digit
        canvas = None if self.canvas.is_empty() else preprocess_digit(self.canvas.to_array())
        if model is None and self.predictor.model is not None:
            self.code_space.set_model(self.predictor.model)  # a classifier: the panel says why it is empty
            return
        self.code_space.model = model
        self.code_space.refresh(canvas)

    # ------------------------------------------------------------------ the window's actions
    def test_digits(self):
        """The embedded test split, (images, labels)."""
        if self._test_digits is None:
            from tensordesk.engine.data.datasets import load_embedded
            ds = load_embedded()
            self._test_digits = (ds.x_test, ds.y_test)
        return self._test_digits

    @Slot()
    def random_test_digit(self) -> None:
        """Ctrl+T: a real test image on the canvas."""
        x, y = self.test_digits()
        i = int(self._rng.integers(len(x)))
        self.show_image(x[i], self.tr("Test digit #%1, labelled %2").replace("%1", str(i))
                        .replace("%2", str(int(y[i]))))

    def show_image(self, image, caption: str) -> None:
        """Put a 28×28 uint8 image on the canvas and say what it is."""
        self.canvas.set_array(image)
        self.message_shown.emit(caption)

    def _ask_for_weights(self) -> None:
        if self.training_live:
            self.session.weights_wanted.emit()
        else:
            self._live_codes.stop()

    @Slot()
    def _on_edits_changed(self) -> None:
        """The Neurons page edited its copy: classify with it (at once), everywhere on this view."""
        self.predictor.edited = self.neurons.edited_model
        self._update_model_state()
        self.predict_now()

    def _update_hands(self) -> None:
        """The Neurons and One-step pages follow the drawing while on screen."""
        page = self.pages.currentWidget()
        if page not in (self.neurons, self.step):
            return
        processed = self._processed if self.predictor.model is not None and not self.canvas.is_empty() else None
        if page is self.neurons:
            self.neurons.show_digit(processed)
        else:
            model = self.predictor.active if self.predictor.classifier else None
            self.step.show_digit(model, processed, self.predictor.class_names)

    def shortcut_notes(self) -> list[tuple[str, str]]:
        return [(self.tr("Alt+0 … Alt+9"), self.tr("This is a 0–9: keep the drawing in My digits")),
                (self.tr("Right button"), self.tr("Erase while you hold it"))]

    @Slot()
    def clear_canvas(self) -> None:
        self.canvas.clear()

    @Slot()
    def undo_stroke(self) -> None:
        self.canvas.undo()

    @Slot()
    def toggle_eraser(self) -> None:
        self.eraser_button.toggle()

    def toggle_insight(self, on_screen: bool) -> None:
        """Ctrl+I: the "Inside the network" page; pressed again while it is on screen, back to the probabilities."""
        on = on_screen and self.pages.currentWidget() is self.insight
        self.pages.setCurrentWidget(self.panel if on else self.insight)

    def shutdown(self) -> bool:
        neurons_ended = self.neurons.shutdown()
        return self.points.shutdown() and neurons_ended

    def _update_insight(self) -> None:
        """Saliency and feature maps follow the drawing while their page is on screen (and cost nothing else)."""
        if self.pages.currentWidget() is not self.insight:
            return
        if self.predictor.model is not None and not self.predictor.classifier:
            self.insight.clear(self.tr("This model is an autoencoder: it has no class to explain."))
            return
        self.predictor.sync()
        self.insight.show(self.predictor.active, self._processed if self.predictor.model is not None else None,
                          self.predictor.class_names)
