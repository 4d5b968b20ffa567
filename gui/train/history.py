"""The Train tab's history: every recorded run (engine/runs/store.py) in a table that survives restarts, read in the
background so a long history never delays the window. Filter and sort; show a run on the plots, open its model in
Draw, run its settings again, rename, delete (with undo), drop its model to save disk."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tensordesk.engine.core.errors import TensorDeskError
from tensordesk.engine.core.undo import DeleteBatches
from tensordesk.engine.runs.store import RunInfo
from tensordesk.gui.widgets.buttons import push_button
from tensordesk.gui.widgets.data_text import set_text_with_data
from tensordesk.gui.workers.jobs import JobController

ID_ROLE = Qt.UserRole + 1
SORT_ROLE = Qt.UserRole + 2


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{max(1, round(n / 1e3))} kB"


class HistoryPanel(QWidget):
    show_requested = Signal(RunInfo)      # to draw on the plots
    open_requested = Signal(str, str)     # (model path, name) to open in Draw
    rerun_requested = Signal(RunInfo)     # whose settings to train again
    message_shown = Signal(str)
    folder_changed = Signal(str)          # the runs folder now used

    COLUMNS = ("date", "label", "data set", "accuracy", "state", "steps", "model", "snapshots")

    def __init__(self, parent=None):
        super().__init__(parent)
        from tensordesk.engine.runs.store import RunStore
        self.store = RunStore()
        self.infos: dict[str, object] = {}
        self._undo = DeleteBatches(self.store.delete, self.store.restore)
        self.recording = True            # record new runs (off when the folder cannot be written)
        self.loaded = False

        self.folder_label = QLabel()
        self.folder_label.setObjectName("runsFolderLabel")
        self.folder_label.setWordWrap(True)
        self.folder_button = QPushButton(self.tr("Folder…"))
        self.folder_button.setToolTip(self.tr("Where runs are recorded"))
        self.folder_button.clicked.connect(self._choose_folder)
        self.keep_models = QCheckBox(self.tr("keep each run's model"))
        self.keep_models.setObjectName("keepModelsCheck")
        self.keep_models.setChecked(True)
        self.keep_models.setToolTip(self.tr("A run's curves take a few kB; its model from 30 kB (softmax) to 13 MB "
                                            "(classic CNN). Without it, a run can be shown but not opened."))
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("historyFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filter: label, data set, state…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.model = QStandardItemModel(0, len(self.COLUMNS), self)
        self.model.setHorizontalHeaderLabels([self.tr("date"), self.tr("label"), self.tr("data set"),
                                              self.tr("accuracy"), self.tr("state"), self.tr("steps"),
                                              self.tr("model"), self.tr("snapshots")])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(SORT_ROLE)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.table.doubleClicked.connect(lambda index: self.show_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *a: self._update_buttons())
        self.verdict = QLabel()
        self.verdict.setObjectName("historyVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.verdict.setToolTip(self.tr("Select runs of two Repeat ×N groups to compare them: the difference of "
                                        "their mean test accuracies with its 95% confidence interval (Welch)"))
        self.verdict.hide()
        self.status = QLabel(self.tr("Reading the history…"))
        self.status.setObjectName("historyStatus")
        self.status.setWordWrap(True)

        self.show_button = push_button("historyShow", self.tr("Show"), self.tr("Draw the run beside the others "
                                                                               "(double-click)"), self.show_selected)
        self.open_button = push_button("historyOpen", self.tr("Open in Draw"),
                                        self.tr("Draw with this run's model"), self.open_selected)
        self.rerun_button = push_button("historyRerun", self.tr("Run again"),
                                         self.tr("Train again with the same settings"), self.rerun_selected)
        self.rename_button = push_button("historyRename", self.tr("Rename…"), self.tr("Give the run a name"),
                                          self.rename_selected)
        self.delete_button = push_button("historyDelete", self.tr("Delete"),
                                          self.tr("Delete the selected runs (Delete); Undo brings them back"),
                                          self.delete_selected)
        self.undo_button = push_button("historyUndo", self.tr("Undo"), self.tr("Bring back the last deleted runs"),
                                        self.undo_delete)
        self.drop_model_button = push_button("historyDropModel", self.tr("Delete model"),
                                              self.tr("Keep the run's curves, free its model's disk space"),
                                              self.drop_models)
        self.drop_snapshots_button = push_button(
            "historyDropSnapshots", self.tr("Delete snapshots"),
            self.tr("Keep the run's curves and final model, free the weights it kept along training"),
            self.drop_snapshots)
        QShortcut(QKeySequence.Delete, self.table, self.delete_selected, context=Qt.WidgetShortcut)

        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        folder = QHBoxLayout()
        folder.addWidget(self.folder_label, 1)
        folder.addWidget(self.folder_button)
        rows = [QHBoxLayout(), QHBoxLayout()]
        for b in (self.show_button, self.open_button, self.rerun_button, self.rename_button):
            rows[0].addWidget(b)
        for b in (self.delete_button, self.undo_button, self.drop_model_button, self.drop_snapshots_button):
            rows[1].addWidget(b)
        rows[1].addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.status)
        lay.addWidget(self.verdict)
        for r in rows:
            lay.addLayout(r)
        lay.addLayout(folder)
        lay.addWidget(self.keep_models)

        self.loader = JobController("RunHistoryThread", self)
        self.loader.needs_engine = False   # reading the runs folder needs no TensorFlow: list it at once
        self.loader.result_ready.connect(self._on_loaded)
        self.loader.errored.connect(lambda message: set_text_with_data(self.status, "%1", message))
        self._show_folder()
        self._update_buttons()

    # ------------------------------------------------------------------ the folder
    @property
    def folder(self) -> str:
        return str(self.store.folder)

    def load_settings(self, settings, key: str) -> None:
        """The runs folder and "keep each run's model", as QSettings `key` kept them."""
        folder = settings.value(f"{key}/folder")
        if folder:
            self.set_folder(str(folder), load=False)
        self.keep_models.setChecked(str(settings.value(f"{key}/keepModels", "true")) == "true")

    def save_settings(self, settings, key: str) -> None:
        settings.setValue(f"{key}/folder", self.folder)
        settings.setValue(f"{key}/keepModels", "true" if self.keep_models.isChecked() else "false")

    def set_folder(self, folder: str, load: bool = True) -> None:
        from tensordesk.engine.runs.store import RunStore
        self.store = RunStore(folder)
        self._undo = DeleteBatches(self.store.delete, self.store.restore)
        self.recording = True
        self._show_folder()
        self.folder_changed.emit(self.folder)
        if load:
            self.reload()

    def _show_folder(self) -> None:
        set_text_with_data(self.folder_label, self.tr("Runs folder: %1"), self.folder)

    @Slot()
    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Folder for recorded runs"), self.folder)
        if path:
            self.set_folder(path)

    def reload(self) -> None:
        """Read the history in the background (a long history never delays the window)."""
        self.loaded = False
        if self.loader.running:
            self._reload_again = True
            return
        store = self.store
        set_text_with_data(self.status, self.tr("Reading the history…"))
        self.loader.start(lambda progress, cancelled: store.list())

    _reload_again = False

    @Slot(object)
    def _on_loaded(self, infos) -> None:
        if self._reload_again:   # the folder changed while the old one was read: these are stale
            self._reload_again = False
            QTimer.singleShot(0, self.reload)
            return
        self.model.removeRows(0, self.model.rowCount())
        self.infos.clear()
        for info in infos:
            self.add_info(info)
        self.loaded = True
        self._summarise()

    def _summarise(self) -> None:
        """One line under the table: how many runs, their models' disk use, the latest repeat's mean ± std."""
        from tensordesk.engine.runs.store import group_summary
        size = sum(i.size_bytes for i in self.infos.values())
        snaps = sum(i.snapshot_bytes for i in self.infos.values())
        parts = [(self.tr("%1 runs; their models take %2, their snapshots %3."),
                  [str(len(self.infos)), _size(size), _size(snaps)])]
        groups: dict[str, list] = {}
        for info in self.infos.values():
            if info.group:
                groups.setdefault(info.group, []).append(info)
        latest = max(groups.values(), key=lambda g: max(i.created for i in g), default=None)
        if latest and len(latest) > 1 and group_summary(latest):
            mean, std = group_summary(latest)
            parts.append((self.tr("Latest repeat ×%1: %2 ± %3."), [str(len(latest)), f"{mean:.2%}", f"{std:.2%}"]))
        if not self.recording:
            parts.append((self.tr("History is off."), []))
        for members in groups.values():   # every repeat group: its mean ± std on its runs' accuracy cells
            summary = group_summary(members) if len(members) > 1 else None
            if summary is None:
                continue
            tip = self.tr("Repeat ×%1 of these settings: %2 ± %3 (mean ± standard deviation)").replace(
                "%1", str(len(members))).replace("%2", f"{summary[0]:.2%}").replace("%3", f"{summary[1]:.2%}")
            ids = {m.id for m in members}
            for row in range(self.model.rowCount()):
                if self.model.item(row, 0).data(ID_ROLE) in ids:
                    self.model.item(row, 3).setToolTip(tip)
        templates, data = [], []
        for template, values in parts:   # one template, its %n numbered on from the parts before it
            for k in range(len(values), 0, -1):
                template = template.replace(f"%{k}", f"%{len(data) + k}")
            templates.append(template)
            data += values
        set_text_with_data(self.status, " ".join(templates), *data)

    def add_info(self, info) -> None:
        """Put (or update) one run in the table."""
        from tensordesk.gui.names import run_state_text
        self.remove_row(info.id)
        self.infos[info.id] = info
        acc = "" if info.test_accuracy is None else f"{info.test_accuracy:.2%}"
        cells = [(info.created.replace("T", " "), info.created), (info.label or info.message, info.label),
                 (info.dataset, info.dataset), (acc, info.test_accuracy if info.test_accuracy is not None else -1.0),
                 (run_state_text(info.state), info.state), (str(info.steps), info.steps),
                 (_size(info.size_bytes) if info.has_model else "—", info.size_bytes),
                 (f"{_size(info.snapshot_bytes)} ({info.snapshot_count})" if info.snapshot_count else "—",
                  info.snapshot_bytes)]
        items = []
        for text, key in cells:
            item = QStandardItem(text)
            item.setData(info.id, ID_ROLE)
            item.setData(key, SORT_ROLE)
            item.setToolTip(info.message or info.id)
            items.append(item)
        self.model.appendRow(items)
        self._update_buttons()

    def remove_row(self, run_id: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.item(row, 0).data(ID_ROLE) == run_id:
                self.model.removeRow(row)
                break
        self.infos.pop(run_id, None)

    def run_recorded(self, info) -> None:
        """A run of this window ended and is recorded."""
        self.add_info(info)
        self._summarise()

    def set_recording(self, on: bool, reason: str = "") -> None:
        self.recording = on
        if not on:
            self.message_shown.emit(self.tr("History is off: %1").replace("%1", reason))
        self._summarise()

    # ------------------------------------------------------------------ actions
    def selected_ids(self) -> list[str]:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return [self.model.item(r, 0).data(ID_ROLE) for r in sorted(rows)]

    def select(self, run_id: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.item(row, 0).data(ID_ROLE) == run_id:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                # the selection model itself: selectRow() reads the keyboard's modifiers (a held Ctrl toggles)
                chosen = QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows
                self.table.selectionModel().setCurrentIndex(index, chosen)
                self.table.scrollTo(index)
                return

    def _selected_infos(self):
        return [self.infos[i] for i in self.selected_ids() if i in self.infos]

    def _update_buttons(self) -> None:
        infos = self._selected_infos()
        readable = [i for i in infos if i.state != "damaged"]
        self.show_button.setEnabled(bool(readable))
        self.open_button.setEnabled(len(infos) == 1 and infos[0].has_model)
        self.rerun_button.setEnabled(len(readable) == 1 and bool(readable[0].spec))
        self.rename_button.setEnabled(len(readable) == 1)
        self.delete_button.setEnabled(bool(infos))
        self.drop_model_button.setEnabled(any(i.has_model for i in infos))
        self.drop_snapshots_button.setEnabled(any(i.snapshot_count for i in infos))
        self.undo_button.setEnabled(bool(self._undo))
        self._compare(infos)

    def selected_groups(self, infos=None) -> list[list]:
        """The Repeat ×N groups the selection (or `infos`) touches, each with all its runs (the group's other runs
        count too)."""
        ids = []
        for info in self._selected_infos() if infos is None else infos:
            if info.group and info.group not in ids:
                ids.append(info.group)
        return [[i for i in self.infos.values() if i.group == g] for g in ids]

    def _compare(self, infos) -> None:
        """Two groups selected: is one really better? (engine/runs/compare.py)"""
        from tensordesk.engine.runs.compare import CompareError, compare_accuracies
        from tensordesk.gui.verdict import verdict_text
        groups = self.selected_groups(infos)
        if len(groups) != 2:
            self.verdict.hide()
            return
        names = [g[0].label or g[0].group for g in groups]
        if names[0] == names[1]:
            names = [f"{n} ({g[0].group})" for n, g in zip(names, groups)]
        try:
            verdict = compare_accuracies(*[[i.test_accuracy for i in g] for g in groups])
        except CompareError:
            set_text_with_data(self.verdict, self.tr("To compare %1 and %2, each needs at least two finished runs "
                                                     "with a test accuracy."), *names)
        else:
            template, data = verdict_text(verdict, *names)
            set_text_with_data(self.verdict, template, *data)
        self.verdict.show()

    @Slot()
    def show_selected(self) -> None:
        for info in self._selected_infos():
            if info.state != "damaged":
                self.show_requested.emit(info)

    @Slot()
    def open_selected(self) -> None:
        infos = self._selected_infos()
        if len(infos) == 1 and infos[0].has_model:
            try:
                self.open_requested.emit(str(self.store.model_path(infos[0].id)), infos[0].label)
            except TensorDeskError as exc:
                self.message_shown.emit(str(exc))

    @Slot()
    def rerun_selected(self) -> None:
        infos = self._selected_infos()
        if len(infos) == 1:
            self.rerun_requested.emit(infos[0])

    @Slot()
    def rename_selected(self) -> None:
        infos = self._selected_infos()
        if len(infos) != 1:
            return
        label, ok = QInputDialog.getText(self, self.tr("Rename run"), self.tr("Name"), text=infos[0].label)
        if ok and label.strip():
            self.rename(infos[0].id, label.strip())

    def rename(self, run_id: str, label: str) -> None:
        try:
            self.store.rename(run_id, label)
        except TensorDeskError as exc:
            self.message_shown.emit(str(exc))
            return
        self.add_info(self.store.info(run_id))

    @Slot()
    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        deleted, errors = self._undo.delete(ids)
        for error in errors:
            self.message_shown.emit(error)
        for kept in deleted:
            self.remove_row(kept.name)
        if deleted:
            self.message_shown.emit(self.tr("Deleted %1 run(s); Undo brings them back.").replace("%1", str(len(deleted))))
        self._update_buttons()
        self._summarise()

    @Slot()
    def undo_delete(self) -> None:
        if not self._undo:
            return
        restored, errors = self._undo.undo()
        for error in errors:
            self.message_shown.emit(error)
        for run_id in restored:
            try:
                self.add_info(self.store.info(run_id))
            except TensorDeskError as exc:
                self.message_shown.emit(str(exc))
        self._update_buttons()
        self._summarise()

    @Slot()
    def drop_models(self) -> None:
        """Free the selected runs' models; their curves stay."""
        self._free(lambda info: info.has_model, self.store.delete_model)

    @Slot()
    def drop_snapshots(self) -> None:
        """Free the selected runs' snapshots (engine/runs/snapshots.py); their curves and models stay."""
        self._free(lambda info: info.snapshot_count, self.store.delete_snapshots)

    def _free(self, has, delete) -> None:
        """`delete(run id)` (bytes freed) for each selected run that `has` something to free."""
        freed = 0
        for info in self._selected_infos():
            if has(info):
                try:
                    freed += delete(info.id)
                except TensorDeskError as exc:
                    self.message_shown.emit(str(exc))
                self.add_info(self.store.info(info.id))
        self.message_shown.emit(self.tr("Freed %1 MB.").replace("%1", f"{freed / 1e6:.1f}"))
        self._update_buttons()
        self._summarise()

    def shutdown(self) -> bool:
        return self.loader.shutdown(3000)
