"""A case's deletion requests under its timeline: each request and each status change as a
dated line, newest first (date, what happened, to whom, platform, reference number, the
evidence item). Read from the case's evidence records by desktop/takedown.py (v1 records
through their migration); hidden while the case has none. Choosing a line selects its
evidence record in the timeline (`record_chosen`)."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import takedown
from ui import i18n
from ui.tables import read_only_rows

_ROOT = QModelIndex()


class TakedownModel(QAbstractTableModel):
    COLUMNS = 6

    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries: list[takedown.TimelineEntry] = []
        self.labels: dict[str, dict[str, dict]] = {}   # list name -> id -> {ko, en}
        self.headers: list[str] = [""] * self.COLUMNS

    def set_entries(self, entries: list, labels: dict, headers: list[str]) -> None:
        self.beginResetModel()
        self.entries, self.labels, self.headers = list(entries), labels, headers
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else self.COLUMNS

    def _label(self, kind: str, key: str | None) -> str:
        if not key:
            return ""
        label = self.labels.get(kind, {}).get(key)
        return i18n.pick(label) if label else key

    def text(self, row: int, col: int) -> str:
        e = self.entries[row]
        req = e.request
        if col == 0:
            return i18n.fmt_date(e.date) or e.date
        if col == 1:
            status = self._label("status", e.status if not e.first else "first")
            return f"{status} · {e.note}" if e.note else status
        if col == 2:
            return f"{req.number}. {self._label('recipient', req.recipient)}"
        if col == 3:
            return self._label("platform", req.platform)
        if col == 4:
            return req.reference
        return req.item

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 5:
            return "\n".join(self.entries[index.row()].request.urls) or None
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


class TakedownPanel(QWidget):
    record_chosen = Signal(str)   # the evidence record's id

    def __init__(self, registry, parent: QWidget | None = None):
        super().__init__(parent)
        self.registry = registry
        self.requests: list[takedown.TakedownRequest] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.model = TakedownModel(self)
        self.table = read_only_rows(QTableView(self), wrap=False)
        self.table.setModel(self.model)
        self.table.clicked.connect(self._chosen)
        self.table.activated.connect(self._chosen)
        lay.addWidget(self.title)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)
        self.setVisible(False)
        self.retranslate()

    def set_records(self, records: list) -> None:
        """The case's records (any forms): their evidence's deletion requests are shown."""
        self.requests = takedown.case_requests(self.registry, records)
        self.retranslate()
        self.setVisible(bool(self.requests))

    def _chosen(self, index) -> None:
        if index.isValid():
            self.record_chosen.emit(self.model.entries[index.row()].request.record_id)

    def _labels(self) -> dict[str, dict[str, dict]]:
        reg = self.registry
        out: dict[str, dict[str, dict]] = {
            "recipient": {c.id: c.label for c in reg.choice_list("deletion_recipients")},
            "platform": {c.id: c.label for c in reg.choice_list("platforms")},
            "status": {},
        }
        try:
            updates = reg.latest(takedown.EVIDENCE_FORM).field(takedown.UPDATES)
            status = updates.child("status") if updates is not None else None
            out["status"] = {c.id: c.label for c in (status.choices if status else [])}
        except KeyError:
            pass
        out["status"]["first"] = {"ko": self.tr("Requested"), "en": self.tr("Requested")}
        return out

    def retranslate(self) -> None:
        self.title.setText(self.tr("Deletion requests (by date, newest first)"))
        self.table.setAccessibleName(self.tr("Deletion requests of the case"))
        headers = [self.tr("Date"), self.tr("Status"), self.tr("Requested from"),
                   self.tr("Platform"), self.tr("Reference no."), self.tr("Evidence")]
        self.model.set_entries(takedown.timeline(self.requests), self._labels(), headers)
        fig = takedown.figures(self.requests)
        text = self.tr("%1 requests, %2 removed").replace(
            "%1", i18n.fmt_int(fig["total"])).replace("%2", i18n.fmt_int(fig["removed"]))
        open_now = sum(1 for r in self.requests if r.status in ("requested", "reuploaded"))
        if open_now:
            text += " · " + self.tr("%1 still to follow up (requested or re-uploaded)") \
                .replace("%1", i18n.fmt_int(open_now))
        self.summary.setText(text)
