"""Today: what is due — each open case's next contact (from its latest intake or companion
session) and its support plan's next review — on or before today, overdue first (oldest
date first), then by urgency. Built from the values the cases list already loaded
(`case_extras`), so opening it reads nothing more from the vault; it follows the list's
reloads (the change feed) through `CasesView.extras_loaded`."""
from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import i18n
from ui.case_extras import due_items
from ui.models import MASK
from ui.tables import read_only_rows

_ROOT = QModelIndex()


class DueModel(QAbstractTableModel):
    """When (with how overdue), what, case, alias (masked in privacy mode), urgency."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list = []
        self.today = _dt.date.today().toordinal()
        self.privacy = False
        self.urgency_labels: dict[int, str] = {}

    def set_items(self, items: list, today: int) -> None:
        self.beginResetModel()
        self.items, self.today = items, today
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else 5

    def when(self, d) -> str:
        late = self.today - d.day
        date = i18n.fmt_date(_dt.date.fromordinal(d.day))
        if late <= 0:
            return self.tr("today (%1)").replace("%1", date)
        return self.tr("%1 — %2 day(s) overdue").replace("%1", date).replace("%2", str(late))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        d = self.items[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.UserRole:
            return d.code
        if role == Qt.ItemDataRole.ForegroundRole and col == 0 and d.day < self.today:
            from ui.theme import error_color

            return error_color()
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if col == 0:
            return self.when(d)
        if col == 1:
            return self.tr("Next contact") if d.kind == "contact" else self.tr("Plan review")
        if col == 2:
            return d.code
        if col == 3:
            if d.alias and self.privacy:
                return MASK if role == Qt.ItemDataRole.DisplayRole \
                    else self.tr("hidden (privacy mode)")
            return d.alias or ""
        return self.urgency_labels.get(d.urgency, "")

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Due"), self.tr("What"), self.tr("Case"), self.tr("Alias"),
                self.tr("Urgency"))[section]

    def refresh(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)
        if self.items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.items) - 1, 4))


class TodayView(QWidget):
    case_opened = Signal(str)

    def __init__(self, session, cases, *, privacy: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.cases = cases  # the CasesView whose loaded rows and values this reads
        outer = QVBoxLayout(self)
        self.title = QLabel(self)
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.title.setFont(f)
        outer.addWidget(self.title)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        outer.addWidget(self.hint)
        self.model = DueModel(self)
        self.model.privacy = privacy
        self.table = read_only_rows(QTableView(self))
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.activated.connect(
            lambda idx: self.case_opened.emit(self.model.data(idx, Qt.ItemDataRole.UserRole)))
        outer.addWidget(self.table, 1)
        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.empty)
        cases.extras_loaded.connect(self.reload)
        self.retranslate()
        self.reload()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Today"))
        self.hint.setText(self.tr("Next contacts and support-plan reviews due today or "
                                  "earlier, in open cases; overdue first. Open a row to go "
                                  "to its case."))
        self.table.setAccessibleName(self.tr("Due today and overdue"))
        self.model.urgency_labels = self.cases.urgency_labels()
        self.model.refresh()
        self._update_empty()

    def set_privacy(self, on: bool) -> None:
        self.model.privacy = on
        self.model.refresh()

    def reload(self) -> None:
        """Recomputed on the worker from the list's rows and values (read-only there)."""
        rows, extras = self.cases.model.rows, self.cases.model.extras
        if extras is None:
            self._update_empty(loading=True)
            return
        today = _dt.date.today().toordinal()
        self.session.submit(lambda _v: due_items(rows, extras, today),
                            lambda items: self._show(items, today), key="today-view")

    def _show(self, items: list, today: int) -> None:
        self.model.set_items(items, today)
        self._update_empty()

    def _update_empty(self, loading: bool = False) -> None:
        n = self.model.rowCount()
        self.table.setVisible(n > 0)
        self.empty.setVisible(n == 0)
        self.empty.setText(self.tr("Loading the cases…") if loading
                           else self.tr("Nothing is due today."))
