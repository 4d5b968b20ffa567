"""F1: every keyboard shortcut on one overlay over the window, grouped by menu, read from the window's own
actions and shortcuts (so the list cannot drift from what the keys do). Any key or click closes it."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QColor, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QMenu, QVBoxLayout, QWidget

from tensordesk.gui.widgets.gl_support import set_gl_views_shown


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def shortcut_groups(window) -> list[tuple[str, list[tuple[str, str]]]]:
    """[(menu title, [(keys, what it does), …]), …] for the window's menus, then the lab shortcuts
    (QShortcut objects whose whatsThis says what they do)."""
    groups, seen = [], set()

    def walk(menu: QMenu, rows: list) -> None:
        for a in menu.actions():
            if a.menu() is not None:
                walk(a.menu(), rows)
            elif not a.shortcut().isEmpty():
                keys = a.shortcut().toString(QKeySequence.NativeText)
                if keys not in seen:
                    seen.add(keys)
                    rows.append((keys, _plain(a.text())))

    for top in window.menuBar().actions():
        if top.menu() is None:
            continue
        rows: list = []
        walk(top.menu(), rows)
        if rows:
            groups.append((_plain(top.text()), rows))
    from tensordesk.gui.views import VIEWS
    for view in VIEWS:   # what a view's keys and mouse do beyond its actions (Draw: Alt+digit, right button)
        notes = window.view(view.key).shortcut_notes()
        if notes:
            groups.append((QCoreApplication.translate("views", view.title), list(notes)))
    rows = []
    for sc in window.findChildren(QShortcut):
        keys = sc.key().toString(QKeySequence.NativeText)
        if sc.whatsThis() and (keys, sc.whatsThis()) not in seen:
            seen.add((keys, sc.whatsThis()))
            rows.append((keys, sc.whatsThis()))
    if rows:
        groups.append((QCoreApplication.translate("ShortcutOverlay", "In the labs"), rows))
    return groups


class ShortcutOverlay(QWidget):
    """Covers its parent with a dimmed layer and a card of shortcut tables; hides on any key or click."""

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("shortcutOverlay")
        self.window_ = window
        self.setFocusPolicy(Qt.StrongFocus)
        self.card = QFrame(self)
        self.card.setObjectName("shortcutCard")
        self.card.setAutoFillBackground(True)
        self.card.setFrameShape(QFrame.StyledPanel)
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        lay.addWidget(self.card, 0, Qt.AlignHCenter)
        lay.addStretch(1)
        self.hide()
        window.installEventFilter(self)

    def rebuild(self) -> None:
        old = self.card.layout()
        if old is not None:
            QWidget().setLayout(old)  # reparent the old layout (and its labels) away to be deleted
        grid = QGridLayout(self.card)
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(4)
        grid.setContentsMargins(24, 16, 24, 16)
        title = QLabel("<h2>" + self.tr("Keyboard shortcuts") + "</h2>")
        grid.addWidget(title, 0, 0, 1, 6)
        groups = shortcut_groups(self.window_)
        columns = 3
        per_column = [[] for _ in range(columns)]
        sizes = [0] * columns
        for name, rows in groups:  # greedy: each group goes to the shortest column
            c = sizes.index(min(sizes))
            per_column[c].append((name, rows))
            sizes[c] += len(rows) + 2
        self.labels = []
        for c, col in enumerate(per_column):
            r = 1
            for name, rows in col:
                head = QLabel(f"<b>{name}</b>")
                grid.addWidget(head, r, 2 * c, 1, 2)
                r += 1
                for keys, text in rows:
                    k = QLabel(f"<code><b>{keys}</b></code>")
                    k.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
                    grid.addWidget(k, r, 2 * c)
                    grid.addWidget(QLabel(text), r, 2 * c + 1)
                    self.labels.append((keys, text))
                    r += 1
                r += 1
        hint = QLabel(self.tr("Press any key or click to close."))
        hint.setEnabled(False)
        grid.addWidget(hint, grid.rowCount(), 0, 1, 6)

    def show_over(self) -> None:
        self.rebuild()
        self.setGeometry(self.window_.rect())
        set_gl_views_shown(self.window_, False)   # a native GL window would stay on top of the overlay
        self.show()
        self.raise_()
        self.setFocus()

    def hideEvent(self, event) -> None:
        set_gl_views_shown(self.window_, True)
        super().hideEvent(event)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(0, 0, 0, 150))

    def event(self, event) -> bool:
        if event.type() == QEvent.ShortcutOverride:
            event.accept()   # the key closes the overlay rather than triggering its action underneath
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        self.hide()
        event.accept()

    def mousePressEvent(self, event) -> None:
        self.hide()
        event.accept()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.window_ and event.type() == QEvent.Resize and self.isVisible():
            self.setGeometry(self.window_.rect())
        return False
