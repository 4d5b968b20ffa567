"""The Class view's "Learn from the class" page: My digits' fine-tuning on the class folder's labelled digits
(before → after; the tuned copy becomes the current model), and "Add to My digits". It scrolls in lecture mode
at 1280×720."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from tensordesk.engine.core.errors import TensorDeskError
from tensordesk.gui.own.fine_tune_panel import FineTunePanel


class LearnPage(QScrollArea):
    said = Signal(str, bool)          # a sentence for the view's status line; True: it reports a problem

    def __init__(self, session, model, folder: Path, parent=None):
        super().__init__(parent)
        from tensordesk.engine.data.own_digits import DigitCollection
        self.setObjectName("classLearnScroll")
        self.session, self.model = session, model      # the session, and the wall's WallModel
        self.tuning = FineTunePanel(DigitCollection(folder))
        self.tuning.setTitle(self.tr("Fine-tune on the class's digits"))
        self.tuning.tune_button.setText(self.tr("Fine-tune on the class's digits"))
        self.tuning.model_tuned.connect(session.use_model)
        self.tuning.tuned.connect(session.report)
        session.training_changed.connect(self.tuning.set_busy)
        self.add_button = QPushButton(self.tr("Add to My digits"))
        self.add_button.setObjectName("classAddToMine")
        self.add_button.setToolTip(self.tr("Copy the class's labelled digits into My digits"))
        self.add_button.clicked.connect(self.add_to_my_digits)
        inner = QWidget()
        lay = QVBoxLayout(inner)
        lay.addWidget(self.tuning, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.setWidget(inner)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        inner.setMinimumHeight(inner.sizeHint().height())
        self.digits_changed()

    def set_folder(self, folder: Path) -> None:
        from tensordesk.engine.data.own_digits import DigitCollection
        self.tuning.set_collection(DigitCollection(folder))

    def digits_changed(self) -> None:
        """The wall changed: enough of a digit to fine-tune on, perhaps; labelled ones to add."""
        self.tuning.update_buttons()
        self.add_button.setEnabled(any(d.label is not None for d in self.model.digits()))

    @Slot()
    def add_to_my_digits(self) -> int:
        """Copy the class's labelled digits into the learner's collection (My digits); how many were added."""
        collection = self.session.collection
        labelled = [d for d in self.model.digits() if d.label is not None]
        if collection is None or not labelled:
            return 0
        added = 0
        try:
            for d in labelled:
                collection.add(d.image, d.label)
                added += 1
        except TensorDeskError as exc:
            self.said.emit(str(exc), True)
        self.session.set_collection(collection)      # My digits and Draw read it again
        self.said.emit(self.tr("%1 digits added to My digits.").replace("%1", str(added)), False)
        return added
