"""One feature-map pixel worked out (engine/inspection/conv_step.py): the input patch it reads, the kernel, their
products for one input channel at a time, the sum over every channel, the bias, what follows (batch norm, the
activation), Keras's own value, and the pooling window it falls into. Hovering a product selects the input pixel
and the weight it comes from."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def _grid(name: str) -> QTableWidget:
    table = QTableWidget()
    table.setObjectName(name)
    table.setEditTriggers(QTableWidget.NoEditTriggers)
    table.horizontalHeader().setVisible(False)
    table.verticalHeader().setVisible(False)
    table.setMouseTracking(True)
    table.setSelectionMode(QTableWidget.SingleSelection)
    return table


def _fill(table: QTableWidget, values: np.ndarray, digits: int = 2) -> None:
    rows, cols = values.shape
    table.setRowCount(rows)
    table.setColumnCount(cols)
    for r in range(rows):
        for c in range(cols):
            item = QTableWidgetItem(f"{float(values[r, c]) + 0.0:.{digits}g}")   # + 0.0: no "-0"
            item.setTextAlignment(Qt.AlignCenter)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    table.resizeRowsToContents()
    frame = 2 * table.frameWidth()   # exactly the grid: the maps above keep the room
    table.setFixedSize(table.horizontalHeader().length() + frame, table.verticalHeader().length() + frame)


class ConvStepPanel(QWidget):
    """The worked pixel; `show_step(step)` with a ConvStep, `clear()` before one is chosen."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.step = None
        self.title = QLabel()
        self.title.setObjectName("convStepTitle")
        self.title.setWordWrap(True)
        self.channel_spin = QSpinBox()
        self.channel_spin.setObjectName("convStepChannel")
        self.channel_spin.setToolTip(self.tr("Which input channel's patch, kernel and products to show"))
        self.channel_spin.valueChanged.connect(self._show_channel)
        self.channel_note = QLabel()
        self.patch = _grid("convStepPatch")
        self.kernel = _grid("convStepKernel")
        self.products = _grid("convStepProducts")
        self.pool = _grid("convStepPool")
        for table in (self.patch, self.kernel, self.products):
            table.cellEntered.connect(self._select_sources)
            table.cellClicked.connect(self._select_sources)
        self.sums = QLabel()
        self.sums.setObjectName("convStepSums")
        self.sums.setWordWrap(True)
        self.sums.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.pool_note = QLabel()
        self.pool_note.setObjectName("convStepPooling")
        self.pool_note.setWordWrap(True)
        grids = QGridLayout()   # patch and kernel side by side, their products under them beside the sums
        for (row, col), text, table in (((0, 0), self.tr("input patch"), self.patch),
                                        ((0, 1), self.tr("kernel"), self.kernel),
                                        ((2, 0), self.tr("products"), self.products)):
            grids.addWidget(QLabel(text), row, col)
            grids.addWidget(table, row + 1, col, Qt.AlignLeft | Qt.AlignTop)
        grids.addWidget(self.sums, 3, 1, Qt.AlignLeft | Qt.AlignTop)
        grids.setColumnStretch(2, 1)
        channel_row = QHBoxLayout()
        channel_row.addWidget(QLabel(self.tr("Input channel")))
        channel_row.addWidget(self.channel_spin)
        channel_row.addWidget(self.channel_note, 1)
        pool_row = QHBoxLayout()
        pool_row.addWidget(self.pool_note, 1)
        pool_row.addWidget(self.pool, 0, Qt.AlignTop)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.title)
        lay.addLayout(channel_row)
        lay.addLayout(grids)
        lay.addLayout(pool_row)
        lay.addStretch(1)
        self.clear()

    def clear(self) -> None:
        self.step = None
        self.title.setText(self.tr("Click a pixel of a feature map above to see how the convolution computes it."))
        for w in (self.channel_spin, self.patch, self.kernel, self.products, self.pool):
            w.setVisible(False)
        self.channel_note.setText("")
        self.sums.setText("")
        self.pool_note.setText("")

    def show_step(self, step) -> None:
        self.step = step
        kh, kw, cin = step.patch.shape
        r0, c0 = step.rows[0], step.cols[0]
        self.title.setText(self.tr("%1, map %2, pixel (row %3, column %4): a %5×%6 kernel over %7 input "
                                   "channel(s) of %8, rows %9–%10, columns %11–%12 (outside it: 0)")
                           .replace("%10", str(step.rows[1] - 1)).replace("%11", str(c0))
                           .replace("%12", str(step.cols[1] - 1)).replace("%1", step.layer)
                           .replace("%2", str(step.channel)).replace("%3", str(step.row))
                           .replace("%4", str(step.col)).replace("%5", str(kh)).replace("%6", str(kw))
                           .replace("%7", str(cin)).replace("%8", self._source(step.input_name)).replace("%9", str(r0)))
        for w in (self.channel_spin, self.patch, self.kernel, self.products):
            w.setVisible(True)
        self.channel_spin.blockSignals(True)
        self.channel_spin.setRange(0, cin - 1)
        self.channel_spin.setValue(int(np.argmax(np.abs(step.channel_sums))))   # the channel that counts most
        self.channel_spin.blockSignals(False)
        self._show_channel(self.channel_spin.value())
        lines = [self.tr("Σ of the products over all %1 channel(s) = %2").replace("%1", str(cin))
                 .replace("%2", f"{step.total:.6g}"),
                 self.tr("+ bias %1 = %2").replace("%1", f"{step.bias:.6g}")
                 .replace("%2", f"{step.total + step.bias:.6g}")]
        if step.conv_activation != "linear":
            lines.append(f"{step.conv_activation}(…) = {step.conv_value:.6g}")
        lines += [f"{layer}: {said} = {value:.6g}" for layer, said, value in step.after]
        lines.append(self.tr("the feature map shows %1 (Keras computes %2)").replace("%1", f"{step.value:.6g}")
                     .replace("%2", f"{step.keras_value:.6g}"))
        self.sums.setText("\n".join(lines))
        p = step.pooling
        self.pool.setVisible(p is not None)
        if p is None:
            self.pool_note.setText(self.tr("No pooling layer follows this one."))
            return
        _fill(self.pool, p.window, 4)
        self.pool.setCurrentCell(step.row - p.rows[0], step.col - p.cols[0])
        self.pool_note.setText(self.tr("It falls in %1's window, rows %2–%3 and columns %4–%5 of the map; the %6 "
                                       "of that window, %7, goes on to row %8, column %9.")
                               .replace("%1", p.layer).replace("%2", str(p.rows[0]))
                               .replace("%3", str(p.rows[1] - 1)).replace("%4", str(p.cols[0]))
                               .replace("%5", str(p.cols[1] - 1))
                               .replace("%6", self.tr("largest value") if p.kind == "max" else self.tr("mean"))
                               .replace("%7", f"{p.value:.4g}").replace("%8", str(p.out_row))
                               .replace("%9", str(p.out_col)))

    def _source(self, name: str) -> str:
        """The engine's words for what the convolution reads, in the window's language (a layer's name as it is)."""
        return {"the image": self.tr("the image"), "the previous layer": self.tr("the previous layer")}.get(name, name)

    @Slot(int)
    def _show_channel(self, channel: int) -> None:
        step = self.step
        if step is None:
            return
        _fill(self.patch, step.patch[:, :, channel])
        _fill(self.kernel, step.kernel[:, :, channel])
        _fill(self.products, step.products[:, :, channel])
        self.channel_note.setText(self.tr("this channel's products add up to %1 of the total %2")
                                  .replace("%1", f"{step.channel_sums[channel]:.4g}")
                                  .replace("%2", f"{step.total:.4g}"))

    @Slot(int, int)
    def _select_sources(self, row: int, col: int) -> None:
        """A product comes from the input pixel and the weight at the same place: select all three."""
        for table in (self.patch, self.kernel, self.products):
            table.setCurrentCell(row, col)
