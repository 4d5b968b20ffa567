"""Every plot exports: right-click any plot for "Save image (PNG)…", "Save vector image (SVG)…", "Save data
(CSV)…" and "Copy image". Pictures come from pyqtgraph's exporters (ImageExporter, SVGExporter) of the plot's
whole scene; data from the plot's own table when it has one (`export_table()` on the plot widget, or `table=`
at install: the confusion matrix, the per-class and probability bars, the worker timelines), otherwise from
every curve, scatter, bar chart and image in the scene in one long table (plot, series, x, y, value).

Where a plot keeps pyqtgraph's own menu (zoom, axes, its Export… dialog) the four actions are added to it;
where the menu was turned off, right-click shows them alone. `install_plot_exports(root)` gives every plot
under `root` its exporter (the window calls it for each view it builds)."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSettings, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

GENERIC_HEADER = ["plot", "series", "x", "y", "value"]
IMAGE_SCALE = 2          # PNGs at twice the screen's pixels: crisp on slides


def _number(v) -> str:
    if isinstance(v, str):
        return v
    v = float(v)
    return str(int(v)) if v.is_integer() and abs(v) < 1e15 else np.format_float_positional(v, precision=8, trim="-")


def _plot_name(plot: pg.PlotItem, index: int) -> str:
    title = plot.titleLabel.text if plot.titleLabel.isVisible() else ""
    if title:
        return title
    left = plot.getAxis("left").labelText if "left" in plot.axes else ""
    return left or f"plot {index + 1}"


def _transparent(item) -> bool:
    pen = item.opts.get("pen") if hasattr(item, "opts") else None
    return pen is None or pg.mkPen(pen).style() == Qt.NoPen


def _item_rows(plot: str, series: str, item) -> list[list]:
    rows = []
    if isinstance(item, pg.PlotDataItem):
        x, y = item.getOriginalDataset()
        if x is not None and y is not None:
            if len(x) == len(y) + 1:          # a histogram (stepMode): x at the bins' centres
                x = (np.asarray(x[:-1], float) + np.asarray(x[1:], float)) / 2
            rows = [[plot, series, xv, yv, ""] for xv, yv in zip(x, y)]
    elif isinstance(item, pg.PlotCurveItem):
        if not _transparent(item):       # invisible helper curves (a plot's fixed frame) are not data
            x, y = item.getData()
            if x is not None and y is not None:
                rows = [[plot, series, xv, yv, ""] for xv, yv in zip(x, y)]
    elif isinstance(item, pg.ScatterPlotItem):
        x, y = item.getData()
        rows = [[plot, series, xv, yv, ""] for xv, yv in zip(x, y)]
    elif isinstance(item, pg.BarGraphItem):
        o = item.opts
        height = np.atleast_1d(o.get("height") if o.get("height") is not None else [])
        n = len(height)
        x = o.get("x")
        if x is None and o.get("x0") is not None:
            width = np.broadcast_to(np.asarray(o.get("width", 0) if o.get("width") is not None else 0.0), (n,))
            x = np.asarray(o["x0"], float) + width / 2
        y0 = o.get("y0") if o.get("y0") is not None else 0.0
        x = np.broadcast_to(np.asarray(x if x is not None else np.arange(n), float), (n,))
        y0 = np.broadcast_to(np.asarray(y0, float), (n,))
        rows = [[plot, series, xv, y0v + hv, hv] for xv, y0v, hv in zip(x, y0, height)]
    elif isinstance(item, pg.ImageItem):
        image = item.image
        if image is not None:
            image = np.asarray(image)
            if getattr(item, "axisOrder", "col-major") == "row-major":
                image = image.swapaxes(0, 1)      # to image[x, y]
            if image.ndim == 3:   # colour: the value as #rrggbb
                rgb = np.clip(image[..., :3], 0, 255).astype(int)
                values = np.apply_along_axis(lambda p: "#{:02x}{:02x}{:02x}".format(*p), 2, rgb)
            else:
                values = image
            rows = [[plot, series, c, r, values[c, r]] for r in range(image.shape[1]) for c in range(image.shape[0])]
    return rows


def _containers(scene) -> list:
    """The scene's plots and free view boxes (ones not inside a plot), top to bottom, left to right."""
    out = []
    for item in scene.items():
        if isinstance(item, pg.PlotItem) or (isinstance(item, pg.ViewBox)
                                             and not isinstance(item.parentItem(), pg.PlotItem)):
            if item.isVisible():
                r = item.sceneBoundingRect()
                out.append((round(r.top() / 10), r.left(), item))
    return [c for _, _, c in sorted(out, key=lambda t: (t[0], t[1]))]


def scene_table(scene) -> tuple[list[str], list[list]]:
    """Every visible curve, scatter, bar chart and image in the scene as (header, rows): one row per point,
    bar or pixel — (plot, series, x, y, value). Bars: x at the bar's centre, y at its top, value its height.
    Images: x the column, y the row, value the pixel."""
    rows: list[list] = []
    for index, box in enumerate(_containers(scene)):
        if isinstance(box, pg.PlotItem):
            plot, items = _plot_name(box, index), box.items
        else:
            plot, items = f"image {index + 1}", box.addedItems
        for k, item in enumerate(items):
            if not item.isVisible():
                continue
            name = item.name() if hasattr(item, "name") and callable(item.name) else None
            rows += _item_rows(plot, str(name or f"series {k + 1}"), item)
    return GENERIC_HEADER, rows


def csv_text(header, rows) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow([_number(v) if isinstance(v, (int, float, np.number)) else v for v in row])
    return out.getvalue()


class Exports(QObject):
    """Save and copy actions over what a subclass gives: `image()` (a QImage), `table()` → (header, rows), and
    `svg()` bytes where the picture is vector (SUFFIXES says which files it writes)."""

    SUFFIXES = (".png", ".svg", ".csv")

    def __init__(self, owner, name: str):
        super().__init__(owner)
        self.owner, self.name = owner, name
        titles = {".png": self.tr("Save image (PNG)…"), ".svg": self.tr("Save vector image (SVG)…"),
                  ".csv": self.tr("Save data (CSV)…")}
        self.actions = []
        for suffix in self.SUFFIXES:
            a = QAction(titles[suffix], self)
            a.triggered.connect(lambda checked=False, sfx=suffix: self.save_dialog(sfx))
            self.actions.append(a)
        copy = QAction(self.tr("Copy image"), self)
        copy.triggered.connect(self.copy_image)
        self.actions.append(copy)

    def image(self):
        raise NotImplementedError

    def table(self) -> tuple[list[str], list[list]]:
        raise NotImplementedError

    def svg(self) -> bytes:
        raise NotImplementedError

    def png(self) -> bytes:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.WriteOnly)
        self.image().save(buffer, "PNG")
        buffer.close()
        return bytes(data)

    def save(self, path) -> Path:
        """Write to `path`, the kind by its ending (atomically). OSError propagates."""
        from tensordesk.engine.core.files import atomic_write
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in self.SUFFIXES:
            raise ValueError(f"this is saved as {', '.join(self.SUFFIXES)}, not '{path.suffix}'")
        data = {".png": self.png, ".svg": self.svg,
                ".csv": lambda: csv_text(*self.table()).encode("utf-8")}[suffix]()
        return atomic_write(path, lambda fh: fh.write(data))

    def copy_image(self) -> None:
        QGuiApplication.clipboard().setImage(self.image())

    def save_dialog(self, suffix: str) -> None:
        settings = QSettings()
        folder = str(settings.value("paths/plots", "") or "")
        name = (self.name or "plot") + suffix
        kinds = {".png": self.tr("PNG image (*.png)"), ".svg": self.tr("SVG image (*.svg)"),
                 ".csv": self.tr("CSV table (*.csv)")}
        window = self.owner.window()
        path, _ = QFileDialog.getSaveFileName(window, self.tr("Save the plot"),
                                              str(Path(folder) / name) if folder else name, kinds[suffix])
        if not path:
            return
        if Path(path).suffix.lower() != suffix:
            path += suffix
        try:
            self.save(path)
        except OSError as exc:
            QMessageBox.warning(window, self.tr("Cannot save the plot"),
                                self.tr("%1 could not be written: %2").replace("%1", path).replace("%2", str(exc)))
            return
        settings.setValue("paths/plots", str(Path(path).parent))


class PlotExport(Exports):
    """The exports of one pyqtgraph view (a PlotWidget or GraphicsLayoutWidget) and its right-click menu."""

    def __init__(self, view: pg.GraphicsView, table=None):
        super().__init__(view, view.objectName())
        self.setObjectName("plotExport")
        self.view = view
        self._table = table if table is not None else getattr(view, "export_table", None)
        view.scene().contextMenu.extend(self.actions)   # pyqtgraph adds these to every menu it shows here
        view.setContextMenuPolicy(Qt.CustomContextMenu)
        view.customContextMenuRequested.connect(self._menu_requested)
        self.menu = QMenu(view)
        self.menu.setObjectName("plotExportMenu")
        self.menu.addActions(self.actions)

    def table(self) -> tuple[list[str], list[list]]:
        return self._table() if self._table is not None else scene_table(self.view.scene())

    def image(self, scale: float = IMAGE_SCALE):
        """The plot as a QImage, `scale` times its size on screen."""
        from pyqtgraph.exporters import ImageExporter
        exporter = ImageExporter(self.view.scene())
        width = max(1, int(exporter.getSourceRect().width() * scale))
        exporter.parameters()["width"] = width
        return exporter.export(toBytes=True)

    def svg(self) -> bytes:
        """pyqtgraph's SVG of the scene; where its path rewriting fails (closed paths, pyqtgraph#3495), Qt's own
        SVG generator renders the view instead — vector output either way."""
        from pyqtgraph.exporters import SVGExporter
        try:
            return SVGExporter(self.view.scene()).export(toBytes=True)
        except (ValueError, IndexError):
            return self._qt_svg()

    def _qt_svg(self) -> bytes:
        from PySide6.QtCore import QRect, QRectF
        from PySide6.QtGui import QPainter
        from PySide6.QtSvg import QSvgGenerator
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.WriteOnly)
        size = self.view.viewport().size()
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(size)
        generator.setViewBox(QRect(0, 0, size.width(), size.height()))
        generator.setTitle(self.view.objectName() or "plot")
        painter = QPainter(generator)
        self.view.render(painter, QRectF(0, 0, size.width(), size.height()), self.view.viewport().rect())
        painter.end()
        buffer.close()
        return bytes(data)

    def _pyqtgraph_menu_at(self, pos) -> bool:
        """A right-click here opens pyqtgraph's own menu (a view box with its menu on), which carries ours."""
        for item in self.view.items(pos):
            box = item.linkedView() if isinstance(item, pg.AxisItem) else item
            if isinstance(box, pg.ViewBox) and box.menuEnabled():
                return True
        return False

    def _menu_requested(self, pos) -> None:
        if not self._pyqtgraph_menu_at(pos):
            self.menu.popup(self.view.mapToGlobal(pos))


def exporter_of(view) -> PlotExport | None:
    return view.findChild(PlotExport, "plotExport", Qt.FindDirectChildrenOnly)


def install_plot_export(view, table=None) -> PlotExport:
    """`view`'s exporter, made once (a `table` callable → (header, rows) gives its CSV)."""
    return exporter_of(view) or PlotExport(view, table)


def install_plot_exports(root) -> int:
    """Give every pyqtgraph view under `root` (and `root` itself) its exporter; returns how many are new."""
    views = root.findChildren(pg.GraphicsView)
    if isinstance(root, pg.GraphicsView):
        views.append(root)
    new = [v for v in views if exporter_of(v) is None]
    for v in new:
        PlotExport(v)
    return len(new)
