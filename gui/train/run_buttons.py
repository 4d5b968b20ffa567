"""The Train view's row of run controls: Start, the Repeat ×N box, Pause, Stop and Reset (the texts keep the Train
view's translation context). The view connects their clicks and sets their states."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractSpinBox, QHBoxLayout, QSpinBox, QWidget

from tensordesk.gui.widgets.buttons import push_button


class RunButtons(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.start = push_button("startButton", QCoreApplication.translate("TrainView", "Start"), QCoreApplication.translate("TrainView", "Train a new model with these settings (Space)"))
        self.repeat = QSpinBox()
        self.repeat.setObjectName("repeatSpin")
        self.repeat.setRange(1, 20)
        self.repeat.setPrefix("×")
        # a typed-over or emptied box goes back to a number, never stays blank
        self.repeat.setCorrectionMode(QAbstractSpinBox.CorrectToNearestValue)
        self.repeat.setToolTip(QCoreApplication.translate("TrainView", "Repeat: train these settings this many times with seeds 0, 1, 2, …; "
                                  "the plots show their mean with a band of ± one standard deviation"))
        self.pause = push_button("pauseButton", QCoreApplication.translate("TrainView", "Pause"), QCoreApplication.translate("TrainView", "Pause or resume training (Space)"))
        self.stop = push_button("stopButton", QCoreApplication.translate("TrainView", "Stop"), QCoreApplication.translate("TrainView", "Stop training and keep the model as it is (Esc)"))
        self.reset = push_button("resetButton", QCoreApplication.translate("TrainView", "Reset"),
                                  QCoreApplication.translate("TrainView", "Reset the settings to the architecture's defaults (Ctrl+R)"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.start, self.repeat, self.pause, self.stop, self.reset):
            row.addWidget(w)
