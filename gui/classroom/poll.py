"""The Class view's quick poll: the lecturer's question and choices (`PollControls`), and the class's votes as
live bars (`PollChart`). The view asks the server; these only hold what is typed and draw what came back."""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tensordesk.engine.classroom.server import MAX_CHOICES
from tensordesk.gui.widgets.axes import plot_widget


class PollControls(QGroupBox):
    ask_requested = Signal()
    close_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Quick poll"))
        self.question_edit = QLineEdit()
        self.question_edit.setObjectName("pollQuestion")
        self.question_edit.setPlaceholderText(self.tr("Which optimizer reaches the minimum first?"))
        self.question_edit.setMaxLength(300)
        self.choices_edit = QPlainTextEdit()
        self.choices_edit.setObjectName("pollChoices")
        self.choices_edit.setPlaceholderText(self.tr("One choice a line, 2 to %1").replace("%1", str(MAX_CHOICES)))
        self.choices_edit.setFixedHeight(self.fontMetrics().height() * 5)
        self.ask_button = QPushButton(self.tr("Ask the class"))
        self.ask_button.setObjectName("pollAsk")
        self.ask_button.clicked.connect(self.ask_requested)
        self.close_button = QPushButton(self.tr("Close the poll"))
        self.close_button.setObjectName("pollClose")
        self.close_button.clicked.connect(self.close_requested)
        lay = QVBoxLayout(self)
        lay.addWidget(self.question_edit)
        lay.addWidget(self.choices_edit)
        row = QHBoxLayout()
        row.addWidget(self.ask_button)
        row.addWidget(self.close_button)
        lay.addLayout(row)

    def set_poll(self, question: str, choices) -> None:
        self.question_edit.setText(question)
        self.choices_edit.setPlainText("\n".join(choices))

    def question(self) -> str:
        return self.question_edit.text()

    def choices(self) -> list[str]:
        return self.choices_edit.toPlainText().splitlines()

    def set_state(self, class_open: bool, poll_open: bool) -> None:
        self.ask_button.setEnabled(class_open)
        self.close_button.setEnabled(poll_open)


class PollChart(QWidget):
    """The question in large text over one bar per choice."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot = plot_widget()
        self.plot.setObjectName("pollVotes")
        self.plot.setMouseEnabled(False, False)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setLabel("left", self.tr("votes"))
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.7)
        self.plot.addItem(self.bars)
        self.title = QLabel()
        self.title.setObjectName("pollTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.PlainText)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.plot, 1)
        self.counts: tuple[int, ...] = ()
        self.show_poll(None, ())

    def show_poll(self, question, choices, counts=None) -> None:
        """The question (None: none asked yet) and its votes (None: none yet)."""
        self.title.setText(question or self.tr("No question asked yet."))
        counts = list(counts) if counts is not None else [0] * len(choices)
        self.bars.setOpts(x=list(range(len(choices))), height=counts, width=0.7,
                          brush=pg.mkBrush(self.palette().highlight().color()))
        self.plot.getAxis("bottom").setTicks([[(i, c if len(c) <= 18 else c[:17] + "…")
                                               for i, c in enumerate(choices)]])
        self.plot.setXRange(-0.6, max(len(choices), 1) - 0.4, padding=0)
        self.plot.setYRange(0, max([1] + counts) * 1.15, padding=0)
        self.counts = tuple(counts)
