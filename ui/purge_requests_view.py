"""Purge requests, on the center's desk (docs/sync.md, "Purge across sync"): each case a
worker purged on their laptop and asks the center to destroy everywhere — its code, the
worker, their reason, when — oldest first (`Vault.purge_requests`).

"Purge this case everywhere…" asks for the reason (the worker's, to confirm or reword)
and a confirmation, then purges the case here through the records service, as `record
purge` does; a desk's purge is the order: the next sync sends it, the server empties the
case, and every laptop holding it destroys its copy at its next sync. Double-clicking a
request opens the case (read-only) to look before deciding."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs
from ui.desk_dialogs import error_line, request_sync
from ui.notes_view import minute
from ui.tables import read_only_rows


def requests_with_cases(vault) -> list[tuple[dict, str | None]]:
    """(request, the case's label here or None if the desk does not hold it)."""
    out = []
    for r in vault.purge_requests():
        case = vault.get_case(r["case_id"])
        out.append((r, vault.case_label(case) if case is not None else None))
    return out


class PurgeRequestsView(QWidget):
    case_opened = Signal(str)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PurgeRequests")
        self.session = session
        self.rows: list[tuple[dict, str | None]] = []
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
        self.table = read_only_rows(QTableWidget(0, 4, self))
        self.table.itemSelectionChanged.connect(self._selection)
        self.table.activated.connect(lambda idx: self._open(idx.row()))
        outer.addWidget(self.table, 1)
        bar = QHBoxLayout()
        self.purge = QPushButton(self)
        self.purge.clicked.connect(self.order_selected)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        bar.addWidget(self.purge)
        bar.addWidget(self.message, 1)
        outer.addLayout(bar)
        self.retranslate()
        self._selection()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Purge requests"))
        self.table.setAccessibleName(self.tr("Purge requests"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Case"), self.tr("Worker"), self.tr("When"), self.tr("Reason")])
        self.purge.setText(self.tr("&Purge this case everywhere…"))
        self.purge.setAccessibleName(self.tr("Purge the selected case on the server and on "
                                             "every laptop"))
        self._fill()

    def reload(self) -> None:
        self.session.submit(requests_with_cases, self._loaded, key="purge-requests")

    def _loaded(self, rows: list[tuple[dict, str | None]]) -> None:
        self.rows = rows
        self._fill()

    def _fill(self) -> None:
        self.hint.setText(self.tr("No purge request is waiting.") if not self.rows else self.tr(
            "Each worker below purged a case on their laptop and asks the center to destroy "
            "it everywhere. Until the center does, the server and other laptops keep it."))
        self.table.setRowCount(len(self.rows))
        for row, (r, label) in enumerate(self.rows):
            code = label or str(r.get("code") or "")
            cells = [code, str(r.get("by") or ""), minute(r.get("at")),
                     " ".join(str(r.get("reason") or "").split())]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 3:
                    item.setToolTip(str(r.get("reason") or ""))
                self.table.setItem(row, col, item)
        self._selection()

    def _selection(self) -> None:
        self.purge.setEnabled(self.selected() is not None)

    def selected(self) -> tuple[dict, str | None] | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or not 0 <= rows[0].row() < len(self.rows):
            return None
        return self.rows[rows[0].row()]

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.rows) and self.rows[row][1] is not None:
            self.case_opened.emit(self.rows[row][1])

    def order_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        request, label = chosen
        code = label or str(request.get("code") or "")
        reason = dialogs.get_text(
            self, self.tr("Purge this case everywhere"),
            self.tr("Why is case %1 purged? (the worker's reason; kept in the audit log)")
            .replace("%1", code), str(request.get("reason") or ""))
        if not reason or not reason.strip():
            return
        if not dialogs.confirm(
                self, self.tr("Purge this case everywhere"),
                self.tr("Case %1 is destroyed on this desk now, then on the server and on "
                        "every laptop holding it at their next sync. This cannot be undone.")
                .replace("%1", code), yes=self.tr("Purge everywhere"), no=self.tr("Cancel"),
                danger=True):
            return
        session, case_id, why = self.session, request["case_id"], reason.strip()
        self.message.setText(self.tr("Purging %1…").replace("%1", code))

        def done(_r=None) -> None:
            self.message.setText(self.tr("%1 purged here; the order goes with the next sync.")
                                 .replace("%1", code))
            request_sync(self)  # the list follows from the change feed (ui/desk_nav.py)

        self.session.submit(lambda v: session.records(v).purge_case(case_id, why), done,
                            lambda exc: self.message.setText(error_line(exc)))
