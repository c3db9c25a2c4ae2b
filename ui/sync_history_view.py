"""The sync history (opened from the status line's "History" and from Settings): each
round this vault ran, newest first — when, how many changes went and came, how many files
went, and what failed and why (`Vault.sync_rounds`, written by the engine for every round,
the app's and the CLI's alike)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import i18n

ROUNDS = 200


class SyncHistoryView(QWidget):
    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("SyncHistory")
        self.session = session
        self.rounds: list[dict] = []
        outer = QVBoxLayout(self)
        self.title = QLabel(self)
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.title.setFont(f)
        outer.addWidget(self.title)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        outer.addWidget(self.note)
        self.table = QTableWidget(0, 5, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        outer.addWidget(self.table, 1)
        self.retranslate()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Sync history"))
        self.table.setAccessibleName(self.tr("Sync rounds"))
        self.table.setHorizontalHeaderLabels([
            self.tr("When"), self.tr("Sent"), self.tr("Received"), self.tr("Files sent"),
            self.tr("Result")])
        self._fill()

    def reload(self) -> None:
        self.session.submit(lambda v: v.sync_rounds(ROUNDS), self._loaded,
                            key="sync-history")

    def _loaded(self, rounds: list[dict]) -> None:
        self.rounds = rounds
        self._fill()

    def _fill(self) -> None:
        self.note.setText(self.tr("No sync round yet.") if not self.rounds else self.tr(
            "The last %1 rounds, newest first. Nothing that failed is lost: it is sent at "
            "the next round.").replace("%1", i18n.fmt_int(len(self.rounds))))
        self.table.setRowCount(len(self.rounds))
        for row, r in enumerate(self.rounds):
            cells = [_minute(r["started"]), self._count(r["pushed"]),
                     self._count(r["pulled"]), i18n.fmt_int(r["files"] or 0),
                     self.outcome(r["error"])]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 0 < col < 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)

    def _count(self, n: int | None) -> str:
        return self.tr("%1 change(s)").replace("%1", i18n.fmt_int(n or 0))

    def outcome(self, error: str | None) -> str:
        """A round's result in plain words, from the error class the engine stored."""
        if not error:
            return self.tr("Done")
        reasons = {
            "Offline": self.tr("No connection (kept on this laptop, sent later)"),
            "Refused": self.tr("The server refused this laptop: ask the center"),
            "SyncRefused": self.tr("The server refused this laptop: ask the center"),
            "PinMismatch": self.tr("The server's key did not match: ask the center"),
            "TooOld": self.tr("This version of Donghaeng is too old for the server"),
            "ServerError": self.tr("Server error (tried again later)"),
            "NotAnAnswer": self.tr("The answer did not come from the server (a Wi-Fi login "
                                   "page?)"),
            "Abandoned": self.tr("Stopped: the laptop was locked or the app closed"),
            "VaultClosed": self.tr("Stopped: the laptop was locked or the app closed"),
            "VaultWiped": self.tr("Wiped on the center's order"),
        }
        return reasons.get(error, self.tr("Failed (%1)").replace("%1", error))


def _minute(stamp: str) -> str:
    """A round's start to the minute, in local time (seconds only make the column busy)."""
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return stamp or ""
    return i18n.fmt_datetime(moment.replace(second=0, microsecond=0))
