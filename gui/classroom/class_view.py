"""The Class view: a class that draws along from their phones. Start a class and a web server (engine/classroom/)
listens on the room's network; a large QR code carries the join address with its token. Students draw on the
page, the current model answers, and the wall fills with their digits (wrong ones marked), with the class's
accuracy and confusion matrix (a cell filters the wall). The lecturer removes a digit, pauses sending, asks a quick
poll (votes as live bars), fine-tunes the current model on the class's digits, or adds them to My digits. Every
digit is kept in the class folder before its student is answered; choosing that folder again restores the wall."""
from __future__ import annotations

import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtNetwork import QAbstractSocket, QHostAddress, QNetworkInterface
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tensordesk.engine.classroom.server import ClassServer, ClassSettings
from tensordesk.engine.classroom.store import ClassFolder
from tensordesk.engine.core.errors import TensorDeskError
from tensordesk.gui.classroom.learn import LearnPage
from tensordesk.gui.classroom.poll import PollChart, PollControls
from tensordesk.gui.classroom.qr import QrCode
from tensordesk.gui.classroom.wall import WallModel, WallPage
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
        self.model = WallModel(self)    # the wall's digits (the Wall page shows them)
        self._arrived: list = []
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(200)
        self._flush_timer.timeout.connect(self._show_arrived)

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
        self.poll_controls = PollControls()
        self.poll_controls.ask_requested.connect(lambda: self.ask())
        self.poll_controls.close_requested.connect(self.close_poll)

        # ---------------------------------------------------------------- learning from the class
        self.learn = LearnPage(session, self.model, self._new_folder())
        self.learn.said.connect(self._say)

        column = QWidget()
        column.setObjectName("classControls")
        cl = QVBoxLayout(column)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(class_box)
        cl.addWidget(self.figures)        # sentences that wrap: outside the form, whose rows keep one height
        cl.addWidget(self.status)
        cl.addWidget(self.poll_controls)
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

        self.wall_page = WallPage(self.model)
        self.wall_page.removal_requested.connect(self.remove_selected)
        self.wall_page.cell_changed.connect(self._on_cell_changed)
        self.poll_chart = PollChart()

        self.pages = QTabWidget()
        self.pages.setObjectName("classPages")
        self.pages.addTab(join_page, self.tr("Join"))
        self.pages.addTab(self.wall_page, self.tr("Wall"))
        self.pages.addTab(self.poll_chart, self.tr("Poll"))
        self.pages.addTab(self.learn, self.tr("Learn from the class"))

        split = QSplitter(Qt.Horizontal)
        split.addWidget(ScrollColumn(column))
        split.addWidget(self.pages)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(split)

        self._size_titles()
        self._set_folder(None)
        session.current_model_changed.connect(self._on_model)
        self._on_model(session.checkpoint)
        self._update_buttons()

    def _size_titles(self) -> None:
        """The join address and the poll's question at 1.6 × the window's text, following lecture mode's scale."""
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.6)
        self.join_label.setFont(big)
        self.poll_chart.title.setFont(big)

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
        self.folder = folder
        self.model.clear()
        if folder is not None:
            for d in folder.read():
                self.model.add(d)
            self.learn.set_folder(folder.folder)
            self.folder_label.setText(str(folder.folder))
        else:
            self.folder_label.setText(str(classes_folder() / "…"))
        self.folder_label.setCursorPosition(0)
        self.show_cell(None)
        self._refresh_figures()
        self.learn.digits_changed()

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
        self.poll_chart.show_poll(None, ())
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
        self.learn.tuning.set_model(checkpoint, self.session.model_label)
        if self.server is not None:
            self.server.predict = self._predict_with(checkpoint)

    def on_engine_ready(self) -> None:
        self.learn.tuning.set_engine_ready()
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
        self.learn.digits_changed()

    def _refresh_figures(self) -> None:
        digits = self.model.digits()
        labelled = [d for d in digits if d.label is not None]
        self.wall_page.refresh()
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

    def show_cell(self, true=None, predicted=None) -> None:
        """Only the digits a student labelled `true` that the model read as `predicted` (on the Wall page); None:
        all of them."""
        self.wall_page.show_cell(true, predicted)

    @Slot()
    def _on_cell_changed(self) -> None:
        if self.wall_page.cell is not None:
            self.pages.setCurrentWidget(self.wall_page)

    @Slot()
    def remove_selected(self) -> None:
        digits = self.wall_page.selected_digits()
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
        self.learn.digits_changed()

    # ------------------------------------------------------------------ the poll
    def ask(self, question: str | None = None, choices=None) -> bool:
        """Open a poll (the fields', or these); the phones show it within a few seconds."""
        if self.server is None:
            return False
        if question is not None:
            self.poll_controls.set_poll(question, choices or ())
        try:
            poll = self.server.open_poll(self.poll_controls.question(), self.poll_controls.choices())
        except TensorDeskError as exc:
            self._say(str(exc), error=True)
            return False
        self.poll_chart.show_poll(poll.question, poll.choices)
        self.pages.setCurrentWidget(self.poll_chart)
        self._update_buttons()
        return True

    @Slot()
    def close_poll(self) -> None:
        if self.server is not None:
            self.server.close_poll()
        self._update_buttons()

    @Slot(object)
    def _on_votes(self, event) -> None:
        poll = self.server.poll if self.server is not None else None
        if poll is not None and poll.number == event.poll:
            self.poll_chart.show_poll(poll.question, poll.choices, event.counts)

    # ------------------------------------------------------------------ the window's hooks
    @Slot(str, bool)
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
        self.poll_controls.set_state(running, poll is not None and poll.open)

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
        self.learn.tuning.load_settings(settings, f"{key}/fineTune")

    def save_settings(self, settings, key: str) -> None:
        settings.setValue(f"{key}/port", self.port_spin.value())
        settings.setValue(f"{key}/host", self.host_combo.currentData())
        self.learn.tuning.save_settings(settings, f"{key}/fineTune")

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
        return self.learn.tuning.shutdown()
