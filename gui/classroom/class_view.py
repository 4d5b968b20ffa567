"""The Class view: a class that draws along from their phones. Start a class and a web server (engine/classroom/)
listens on the room's network; a large QR code carries the join address with its token. Students draw on the
page, the current model answers, and the wall fills with their digits (wrong ones marked), with the class's
accuracy and confusion matrix (a cell filters the wall). The lecturer removes a digit, pauses sending, asks a quick
poll (votes as live bars), fine-tunes the current model on the class's digits, or adds them to My digits. Every
digit is kept in the class folder before its student is answered; choosing that folder again restores the wall."""
from __future__ import annotations

import datetime
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtNetwork import QAbstractSocket, QHostAddress, QNetworkInterface
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tensordesk.engine.classroom.server import MAX_CHOICES, ClassServer, ClassSettings
from tensordesk.engine.classroom.store import ClassFolder, confusion
from tensordesk.engine.core.errors import TensorDeskError
from tensordesk.gui.analysis.evaluation_view import ConfusionPlot
from tensordesk.gui.classroom.qr import QrCode
from tensordesk.gui.classroom.wall import Wall, WallModel
from tensordesk.gui.own.fine_tune_panel import FineTunePanel
from tensordesk.gui.widgets.axes import plot_widget
from tensordesk.gui.widgets.data_text import set_text_with_data
from tensordesk.gui.widgets.scroll_column import ScrollColumn
from tensordesk.gui.widgets.setting_controls import setting_spin
from tensordesk.gui.widgets.view_base import ViewBase
from tensordesk.gui.workers.classroom import ClassBridge

LOCAL = "127.0.0.1"


def classes_folder() -> Path:
    """Where new classes are kept: 'classes' in the user's data folder, one folder a class."""
    from tensordesk.engine.runs.store import data_folder
    return data_folder() / "classes"


def room_addresses() -> list[str]:
    """This machine's IPv4 addresses on its networks (up and running, not the loopback), then 127.0.0.1."""
    out = []
    for iface in QNetworkInterface.allInterfaces():
        flags = iface.flags()
        if not (flags & QNetworkInterface.IsUp and flags & QNetworkInterface.IsRunning) or \
                flags & QNetworkInterface.IsLoopBack:
            continue
        for entry in iface.addressEntries():
            ip = entry.ip()
            if ip.protocol() == QAbstractSocket.IPv4Protocol and not ip.isLoopback() and \
                    not ip.isEqual(QHostAddress(QHostAddress.AnyIPv4)):
                out.append(ip.toString())
    return list(dict.fromkeys(out)) + [LOCAL]


class ClassView(ViewBase, QWidget):
    message_shown = Signal(str)
    class_changed = Signal(bool)        # the class started (True) or ended

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.server: ClassServer | None = None
        self.folder: ClassFolder | None = None
        self.bridge = ClassBridge(self)
        self.bridge.digit_received.connect(self._on_digit)
        self.bridge.votes_changed.connect(self._on_votes)
        self.model = WallModel(self)
        self._arrived: list = []
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(200)
        self._flush_timer.timeout.connect(self._show_arrived)
        self.cell: tuple[int, int] | None = None

        # ---------------------------------------------------------------- the class
        self.host_combo = QComboBox()
        self.host_combo.setObjectName("classHost")
        self.host_combo.setToolTip(self.tr("The address phones connect to: this computer's address on the room's "
                                           "network (127.0.0.1: only this computer)"))
        for address in room_addresses():
            self.host_combo.addItem(address if address != LOCAL else self.tr("%1 (this computer only)")
                                    .replace("%1", LOCAL), address)
        self.port_spin = setting_spin(ClassSettings, "port", "classPort", within=(1024, 65535))
        self.port_spin.setGroupSeparatorShown(False)
        self.folder_label = QLineEdit()      # a path: read-only, selectable, as wide as the column allows
        self.folder_label.setObjectName("classFolder")
        self.folder_label.setReadOnly(True)
        self.folder_button = QPushButton(self.tr("Open a class folder…"))
        self.folder_button.setObjectName("classOpenFolder")
        self.folder_button.setToolTip(self.tr("Go on with an earlier class: its digits come back on the wall"))
        self.folder_button.clicked.connect(self._choose_folder)
        self.start_button = QPushButton(self.tr("Start the class"))
        self.start_button.setObjectName("classStart")
        self.start_button.setToolTip(self.tr("Listen for the students' phones and show the QR code to join"))
        self.start_button.clicked.connect(lambda: self.start_class())
        self.end_button = QPushButton(self.tr("End the class"))
        self.end_button.setObjectName("classEnd")
        self.end_button.setToolTip(self.tr("Stop listening; the digits stay in the class folder"))
        self.end_button.clicked.connect(self.end_class)
        self.pause_button = QPushButton(self.tr("Pause sending"))
        self.pause_button.setObjectName("classPause")
        self.pause_button.setCheckable(True)
        self.pause_button.setToolTip(self.tr("Students' digits are refused with a polite sentence until you resume"))
        self.pause_button.toggled.connect(self.set_paused)
        self.small_qr = QrCode("classSmallQr", minimum=150)
        self.small_qr.setFixedSize(self.small_qr.minimumSizeHint())     # for latecomers while the wall shows
        self.address_label = QLineEdit()     # the join address with its token: read-only, selectable
        self.address_label.setObjectName("classAddress")
        self.address_label.setReadOnly(True)
        self.copy_button = QPushButton(self.tr("Copy the address"))
        self.copy_button.setObjectName("classCopy")
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.join_url))
        self.figures = QLabel()
        self.figures.setObjectName("classFigures")
        self.figures.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("classStatus")
        self.status.setWordWrap(True)

        class_box = QGroupBox(self.tr("Class"))
        form = QFormLayout(class_box)
        form.addRow(self.tr("Address"), self.host_combo)
        form.addRow(self.tr("Port"), self.port_spin)
        form.addRow(self.tr("Folder"), self.folder_label)
        form.addRow(self.folder_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.end_button)
        form.addRow(buttons)
        form.addRow(self.pause_button)
        form.addRow(self.small_qr)
        form.setAlignment(self.small_qr, Qt.AlignHCenter)
        form.addRow(self.tr("Join"), self.address_label)
        form.addRow(self.copy_button)

        # ---------------------------------------------------------------- the quick poll
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
        self.ask_button.clicked.connect(lambda: self.ask())
        self.close_poll_button = QPushButton(self.tr("Close the poll"))
        self.close_poll_button.setObjectName("pollClose")
        self.close_poll_button.clicked.connect(self.close_poll)
        poll_box = QGroupBox(self.tr("Quick poll"))
        pf = QVBoxLayout(poll_box)
        pf.addWidget(self.question_edit)
        pf.addWidget(self.choices_edit)
        pr = QHBoxLayout()
        pr.addWidget(self.ask_button)
        pr.addWidget(self.close_poll_button)
        pf.addLayout(pr)

        # ---------------------------------------------------------------- learning from the class
        self.add_button = QPushButton(self.tr("Add to My digits"))
        self.add_button.setObjectName("classAddToMine")
        self.add_button.setToolTip(self.tr("Copy the class's labelled digits into My digits"))
        self.add_button.clicked.connect(self.add_to_my_digits)
        from tensordesk.engine.data.own_digits import DigitCollection
        self.tuning = FineTunePanel(DigitCollection(self._new_folder()))
        self.tuning.setTitle(self.tr("Fine-tune on the class's digits"))
        self.tuning.tune_button.setText(self.tr("Fine-tune on the class's digits"))
        self.tuning.model_tuned.connect(session.use_model)
        self.tuning.tuned.connect(session.report)

        column = QWidget()
        column.setObjectName("classControls")
        cl = QVBoxLayout(column)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(class_box)
        cl.addWidget(self.figures)        # sentences that wrap: outside the form, whose rows keep one height
        cl.addWidget(self.status)
        cl.addWidget(poll_box)
        cl.addStretch(1)

        # ---------------------------------------------------------------- the pages
        self.big_qr = QrCode("classBigQr", minimum=240)
        self.join_label = QLabel()
        self.join_label.setObjectName("classJoinText")
        self.join_label.setAlignment(Qt.AlignCenter)
        self.join_label.setWordWrap(True)
        self.join_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        join_page = QWidget()
        jl = QVBoxLayout(join_page)
        jl.addWidget(self.big_qr, 1)
        jl.addWidget(self.join_label)

        self.wall = Wall(self.model)
        self.wall.selectionModel().selectionChanged.connect(lambda *a: self._update_buttons())
        self.confusion = ConfusionPlot()
        self.confusion.setObjectName("classConfusion")
        self.confusion.cell_clicked.connect(self.show_cell)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setObjectName("classRemove")
        self.remove_button.setToolTip(self.tr("Take the selected digits off the wall and out of the class (Delete)"))
        self.remove_button.clicked.connect(self.remove_selected)
        QShortcut(QKeySequence.Delete, self.wall, self.remove_selected, context=Qt.WidgetShortcut)
        self.all_button = QPushButton(self.tr("Show all"))
        self.all_button.setObjectName("classShowAll")
        self.all_button.clicked.connect(lambda: self.show_cell(None))
        self.filter_label = QLabel()
        self.filter_label.setObjectName("classFilter")
        wall_side = QWidget()
        wl = QVBoxLayout(wall_side)
        wl.setContentsMargins(0, 0, 0, 0)
        wl.addWidget(self.wall, 1)
        wr = QHBoxLayout()
        wr.addWidget(self.filter_label, 1)
        wr.addWidget(self.all_button)
        wr.addWidget(self.remove_button)
        wl.addLayout(wr)
        wall_page = QSplitter(Qt.Horizontal)
        wall_page.addWidget(wall_side)
        wall_page.addWidget(self.confusion)
        wall_page.setStretchFactor(0, 3)
        wall_page.setStretchFactor(1, 2)

        self.poll_plot = plot_widget()
        self.poll_plot.setObjectName("pollVotes")
        self.poll_plot.setMouseEnabled(False, False)
        self.poll_plot.setMenuEnabled(False)
        self.poll_plot.hideButtons()
        self.poll_plot.setLabel("left", self.tr("votes"))
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.7)
        self.poll_plot.addItem(self.bars)
        self.poll_title = QLabel()
        self.poll_title.setObjectName("pollTitle")
        self.poll_title.setWordWrap(True)
        self.poll_title.setTextFormat(Qt.PlainText)
        poll_page = QWidget()
        ppl = QVBoxLayout(poll_page)
        ppl.addWidget(self.poll_title)
        ppl.addWidget(self.poll_plot, 1)

        self.pages = QTabWidget()
        self.pages.setObjectName("classPages")
        self.pages.addTab(join_page, self.tr("Join"))
        self.pages.addTab(wall_page, self.tr("Wall"))
        self.pages.addTab(poll_page, self.tr("Poll"))
        learn = QWidget()
        lp = QVBoxLayout(learn)
        lp.addWidget(self.tuning, 1)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        lp.addLayout(add_row)
        learn_page = QScrollArea()        # fine-tuning's controls and plots scroll in lecture mode at 1280×720
        learn_page.setObjectName("classLearnScroll")
        learn_page.setWidget(learn)
        learn_page.setWidgetResizable(True)
        learn_page.setFrameShape(QFrame.NoFrame)
        learn.setMinimumHeight(learn.sizeHint().height())
        self.pages.addTab(learn_page, self.tr("Learn from the class"))
        self._matrix_stale = True
        self.pages.currentChanged.connect(lambda page: self._show_matrix() if page == 1 else None)

        split = QSplitter(Qt.Horizontal)
        split.addWidget(ScrollColumn(column))
        split.addWidget(self.pages)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(split)

        self._size_titles()
        self._set_folder(None)
        session.current_model_changed.connect(self._on_model)
        session.training_changed.connect(self.tuning.set_busy)
        self._on_model(session.checkpoint)
        self._show_poll(None, ())
        self._refresh_figures()
        self._update_buttons()

    def _size_titles(self) -> None:
        """The join address and the poll's question at 1.6 × the window's text, following lecture mode's scale."""
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.6)
        self.join_label.setFont(big)
        self.poll_title.setFont(big)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:
            self._size_titles()

    # ------------------------------------------------------------------ the class
    @property
    def running(self) -> bool:
        return self.server is not None and self.server.running

    @property
    def join_url(self) -> str:
        return self.server.join_url(self.host_combo.currentData()) if self.running and self.server else ""

    def _new_folder(self) -> Path:
        return classes_folder() / datetime.datetime.now().strftime("class-%Y%m%d-%H%M%S")

    def _set_folder(self, folder: ClassFolder | None) -> None:
        from tensordesk.engine.data.own_digits import DigitCollection
        self.folder = folder
        self.model.clear()
        if folder is not None:
            for d in folder.read():
                self.model.add(d)
            self.tuning.set_collection(DigitCollection(folder.folder))
            self.folder_label.setText(str(folder.folder))
        else:
            self.folder_label.setText(str(classes_folder() / "…"))
        self.folder_label.setCursorPosition(0)
        self.show_cell(None)

    def set_host(self, address: str) -> None:
        """Listen on `address` (one of this machine's, or 127.0.0.1) when the class next starts."""
        i = self.host_combo.findData(address)
        if i < 0:
            self.host_combo.addItem(address, address)
            i = self.host_combo.count() - 1
        self.host_combo.setCurrentIndex(i)

    def open_folder(self, folder: str) -> bool:
        """Go on with the class kept in `folder`: its digits come back on the wall."""
        if self.running:
            return False
        try:
            self._set_folder(ClassFolder(folder))
        except TensorDeskError as exc:
            self._say(str(exc), error=True)
            return False
        self._say(self.tr("%1 digits back on the wall.").replace("%1", str(self.model.rowCount())))
        self._update_buttons()
        return True

    def _choose_folder(self) -> None:
        start = str(self.folder.folder if self.folder else classes_folder())
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open a class folder"), start)
        if folder:
            self.open_folder(folder)

    def start_class(self, port: int | None = None) -> bool:
        """Start listening (on the chosen address and port, or `port`: 0 for any free one). False, with a sentence
        under the buttons, when it cannot (the port is taken, the folder cannot be written)."""
        if self.running:
            return True
        try:
            if self.folder is None:
                self._set_folder(ClassFolder(self._new_folder()))
            settings = ClassSettings(port=self.port_spin.value() if port is None else port,
                                     host=self.host_combo.currentData())
            server = ClassServer(self.folder, self.bridge, settings)   # the folder is set just above
            server.predict = self._predict_with(self.session.checkpoint)
            server.start()
        except TensorDeskError as exc:
            self._say(str(exc), error=True)
            return False
        self.server = server
        self.pause_button.setChecked(False)
        url = self.join_url
        self.small_qr.set_text(url)
        self.big_qr.set_text(url)
        self.address_label.setText(url)
        self.address_label.setCursorPosition(0)
        set_text_with_data(self.join_label, self.tr("Scan to draw along, or open %1"), url)
        self.pages.setCurrentIndex(0)
        self._say(self.tr("The class is open: students scan the QR code."))
        self._update_buttons()
        self.class_changed.emit(True)
        return True

    @Slot()
    def end_class(self) -> None:
        if self.server is None:
            return
        self.server.close()
        self.server = None
        self._show_arrived()
        for qr in (self.small_qr, self.big_qr):
            qr.set_text("")
        self.address_label.setText("")
        self.join_label.setText(self.tr("The class has ended."))
        self._show_poll(None, ())
        self._say(self.tr("The class has ended; its digits stay in the folder."))
        self._update_buttons()
        self.class_changed.emit(False)

    @Slot(bool)
    def set_paused(self, paused: bool) -> None:
        if self.server is not None:
            self.server.paused = paused
        if self.pause_button.isChecked() != paused:
            self.pause_button.setChecked(paused)
        self.pause_button.setText(self.tr("Resume sending") if paused else self.tr("Pause sending"))

    # ------------------------------------------------------------------ the model
    def _predict_with(self, checkpoint):
        if checkpoint is None or not checkpoint.is_classifier or not self.session.engine_is_ready:
            return None
        model = checkpoint.model
        from tensordesk.engine.models.inference import probabilities
        return lambda images: probabilities(model, images)

    def _on_model(self, checkpoint) -> None:
        self.tuning.set_model(checkpoint, self.session.model_label)
        if self.server is not None:
            self.server.predict = self._predict_with(checkpoint)

    def on_engine_ready(self) -> None:
        self.tuning.set_engine_ready()
        self._on_model(self.session.checkpoint)

    # ------------------------------------------------------------------ the wall
    @Slot(object)
    def _on_digit(self, digit) -> None:
        """A digit arrived: it joins the wall with the others of the next fifth of a second (forty phones at once
        must not hold the window up)."""
        self._arrived.append(digit)
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def _show_arrived(self) -> None:
        arrived, self._arrived = self._arrived, []
        if not arrived:
            return
        for digit in arrived:
            self.model.add(digit)
        self._refresh_figures()
        self._update_buttons()
        self.tuning.update_buttons()      # enough of a digit to fine-tune on, perhaps

    def _refresh_figures(self) -> None:
        digits = self.model.digits()
        labelled = [d for d in digits if d.label is not None]
        self._matrix_stale = True
        if self.confusion.isVisible():       # else when the Wall page is shown
            self._show_matrix()
        students = len({d.nickname for d in digits if d.nickname})
        if labelled:
            right = sum(not d.wrong for d in labelled)
            text = self.tr("%1 digits, %2 with their label: the model read %3% of those right.") \
                .replace("%1", str(len(digits))).replace("%2", str(len(labelled))) \
                .replace("%3", f"{100 * right / len(labelled):.0f}")
        else:
            text = self.tr("%1 digits so far.").replace("%1", str(len(digits)))
        if students:
            text += " " + self.tr("Nicknames: %1.").replace("%1", str(students))
        self.figures.setText(text)

    def _show_matrix(self) -> None:
        if not self._matrix_stale:
            return
        self._matrix_stale = False
        counts = confusion(self.model.digits())
        rows = counts.sum(axis=1, keepdims=True)
        self.confusion.set_matrix(counts, counts / np.maximum(rows, 1), [str(i) for i in range(10)])
        if self.cell is not None:
            self.confusion.select(*self.cell)

    @Slot(object)
    def show_cell(self, true=None, predicted=None) -> None:
        """Only the digits a student labelled `true` that the model read as `predicted`; None: all of them."""
        self.cell = None if true is None or predicted is None else (int(true), int(predicted))
        self.wall.filter.set_cell(self.cell)
        if self.cell is None:
            self.confusion.selection.hide()
            self.filter_label.setText(self.tr("All the class's digits"))
        else:
            self.confusion.select(*self.cell)
            self.filter_label.setText(self.tr("Drawn as %1, read as %2").replace("%1", str(self.cell[0]))
                                      .replace("%2", str(self.cell[1])))
            self.pages.setCurrentIndex(1)
        self._update_buttons()

    @Slot()
    def remove_selected(self) -> None:
        digits = self.wall.selected_digits()
        if not digits or self.folder is None:
            return
        for d in digits:
            try:
                self.folder.remove(d)
            except TensorDeskError as exc:
                self._say(str(exc), error=True)
                break
            self.model.take(d.id)
        self._refresh_figures()
        self._update_buttons()

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
            self._say(str(exc), error=True)
        self.session.set_collection(collection)      # My digits and Draw read it again
        self._say(self.tr("%1 digits added to My digits.").replace("%1", str(added)))
        return added

    # ------------------------------------------------------------------ the poll
    def ask(self, question: str | None = None, choices=None) -> bool:
        """Open a poll (the fields', or these); the phones show it within a few seconds."""
        if self.server is None:
            return False
        if question is not None:
            self.question_edit.setText(question)
        if choices is not None:
            self.choices_edit.setPlainText("\n".join(choices))
        try:
            poll = self.server.open_poll(self.question_edit.text(), self.choices_edit.toPlainText().splitlines())
        except TensorDeskError as exc:
            self._say(str(exc), error=True)
            return False
        self._show_poll(poll.question, poll.choices)
        self.pages.setCurrentIndex(2)
        self._update_buttons()
        return True

    @Slot()
    def close_poll(self) -> None:
        if self.server is not None:
            self.server.close_poll()
        self._update_buttons()

    def _show_poll(self, question, choices, counts=None) -> None:
        self.poll_choices = tuple(choices)
        self.poll_title.setText(question or self.tr("No question asked yet."))
        counts = list(counts) if counts is not None else [0] * len(choices)
        self.bars.setOpts(x=list(range(len(choices))), height=counts, width=0.7,
                          brush=pg.mkBrush(self.palette().highlight().color()))
        axis = self.poll_plot.getAxis("bottom")
        axis.setTicks([[(i, c if len(c) <= 18 else c[:17] + "…") for i, c in enumerate(choices)]])
        self.poll_plot.setXRange(-0.6, max(len(choices), 1) - 0.4, padding=0)
        self.poll_plot.setYRange(0, max([1] + counts) * 1.15, padding=0)
        self.poll_counts = tuple(counts)

    @Slot(object)
    def _on_votes(self, event) -> None:
        poll = self.server.poll if self.server is not None else None
        if poll is not None and poll.number == event.poll:
            self._show_poll(poll.question, poll.choices, event.counts)

    # ------------------------------------------------------------------ the window's hooks
    def _say(self, text: str, error: bool = False) -> None:
        from tensordesk.gui.presentation import set_tone
        self.status.setText(text)
        set_tone(self.status, "error" if error else "")
        self.message_shown.emit(text)

    def _update_buttons(self) -> None:
        running = self.running
        self.start_button.setEnabled(not running)
        self.end_button.setEnabled(running)
        self.pause_button.setEnabled(running)
        self.copy_button.setEnabled(running)
        self.host_combo.setEnabled(not running)
        self.port_spin.setEnabled(not running)
        self.folder_button.setEnabled(not running)
        poll = self.server.poll if self.server is not None else None
        self.ask_button.setEnabled(running)
        self.close_poll_button.setEnabled(poll is not None and poll.open)
        self.remove_button.setEnabled(bool(self.wall.selected_digits()))
        self.all_button.setEnabled(self.cell is not None)
        self.add_button.setEnabled(any(d.label is not None for d in self.model.digits()))

    def load_settings(self, settings, key: str) -> None:
        port = settings.value(f"{key}/port")
        try:
            if port is not None and 1024 <= int(port) <= 65535:
                self.port_spin.setValue(int(port))
        except (TypeError, ValueError):
            pass
        host = settings.value(f"{key}/host")
        if isinstance(host, str) and self.host_combo.findData(host) >= 0:
            self.host_combo.setCurrentIndex(self.host_combo.findData(host))
        self.tuning.load_settings(settings, f"{key}/fineTune")

    def save_settings(self, settings, key: str) -> None:
        settings.setValue(f"{key}/port", self.port_spin.value())
        settings.setValue(f"{key}/host", self.host_combo.currentData())
        self.tuning.save_settings(settings, f"{key}/fineTune")

    def shortcut_notes(self) -> list[tuple[str, str]]:
        return [(self.tr("Delete"), self.tr("Take the selected digits off the class's wall")),
                (self.tr("Click a matrix cell"), self.tr("Show only the class's digits of that cell"))]

    def close_refusal(self) -> str:
        if self.running:
            return self.tr("A class is running (%1 digits so far): closing ends it.") \
                .replace("%1", str(self.model.rowCount()))
        return ""

    def shutdown(self) -> bool:
        self.end_class()
        return self.tuning.shutdown()
