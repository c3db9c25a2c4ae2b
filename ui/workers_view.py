"""The center's desk: the Workers page — per worker, their laptops, when they last synced,
what waits on them to be sent, their records in conflict on the server, and when a
laptop's passphrase was last reset with the recovery key, as `desk workers` shows it
(desktop/syncing/workers.py folds the server's GET /v1/overview into these rows).

Shown only on a desk vault (enrolled with a desk code): `attach` keeps the navigation
entry hidden until the vault's enrollment says "desk". The overview is a network call: it
runs on a `VaultJob` thread as sync rounds do (ui/sync_runner.py), its one vault read (the
enrollment) an operation on the vault's worker; the page is refreshed when opened and
after each sync round while it is shown.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import i18n

KEY = "workers"  # the page's key among the main window's pages and in its navigation
COLUMNS = 8


def _fetch(vault, _report) -> list[dict[str, Any]]:
    from desktop.syncing import workers

    return workers.per_worker(workers.fetch(vault))


def _role(vault) -> str | None:
    enrollment = vault.sync_enrollment()
    return None if enrollment is None else enrollment["role"]


class WorkersView(QWidget):
    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Workers")
        self.session = session
        self.rows: list[dict[str, Any]] = []
        self.error: tuple[str, str] | None = None
        self.fetched_at: str | None = None
        self.job = None
        self._again = False
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = QLabel(self)
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.title.setFont(f)
        top.addWidget(self.title, 1)
        self.refresh = QPushButton(self)
        self.refresh.clicked.connect(self.reload)
        top.addWidget(self.refresh)
        outer.addLayout(top)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        outer.addWidget(self.note)
        self.table = QTableWidget(0, COLUMNS, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        # sized to their contents with some air, not stretched: a stretched last column
        # put the conflicts figure a screen's width away from the worker's name
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Interactive)
        outer.addWidget(self.table, 1)
        self.retranslate()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Workers"))
        self.refresh.setText(self.tr("Refresh"))
        self.table.setAccessibleName(self.tr("Workers and their laptops"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Worker"), self.tr("Team"), self.tr("Laptops"), self.tr("Last sync"),
            self.tr("Waiting changes"), self.tr("Waiting files"), self.tr("Conflicts"),
            self.tr("Passphrase recovered")])
        self._fill()

    # -- fetching (off the GUI thread) ---------------------------------------------------
    def reload(self) -> None:
        """Ask the server now; a request while one runs asks once more after it."""
        if self.job is not None:
            self._again = True
            return
        from ui.sync_runner import VaultJob

        self._again = False
        job = VaultJob(self.session.tasks, _fetch, name="workers")
        job.done.connect(self._fetched)
        self.job = job
        self._fill()
        job.start()

    def after_round(self, _error=None) -> None:
        if self.isVisible():
            self.reload()

    def _fetched(self, rows, error: BaseException | None) -> None:
        if self.sender() is not self.job:
            return
        self.job = None
        if error is None:
            from datetime import UTC, datetime

            self.show_rows(rows, datetime.now(UTC).isoformat())
        else:
            from ui.sync_runner import message_of

            self.error = message_of(error)  # one line, never a traceback
            self._fill()
        if self._again:
            self.reload()

    def show_rows(self, rows: list[dict[str, Any]], fetched_at: str | None) -> None:
        """The rows of `desk workers --json` (the desks themselves left out: this page is
        about the field)."""
        self.rows = [r for r in rows if r.get("role") != "desk"]
        self.fetched_at, self.error = fetched_at, None
        self._fill()

    # -- showing -------------------------------------------------------------------------
    def _fill(self) -> None:
        self.note.setText(self._note())
        self.table.setRowCount(len(self.rows))
        for row, r in enumerate(self.rows):
            cells = [r["worker"], r.get("team") or self.tr("(no team)"),
                     i18n.fmt_int(r["laptops"]), self._when(r.get("last_sync")),
                     self._waiting_changes(r), self._waiting_files(r),
                     i18n.fmt_int(r["conflicts"]), self._recovered(r)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col in (2, 4, 5, 6):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if col == 6 and r["conflicts"]:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                    item.setToolTip(self.tr("Records of this worker with two versions on the"
                                            " server: merge them in the case view"))
                if col == 7 and text:
                    item.setToolTip(self.tr(
                        "The passphrase of one of this worker's laptops was reset with the"
                        " organisation's recovery key (the latest time; reported by the"
                        " laptop at its next sync)"))
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        air = self.table.fontMetrics().horizontalAdvance("MM")
        for col in range(COLUMNS):
            self.table.setColumnWidth(col, self.table.columnWidth(col) + air)

    def _note(self) -> str:
        if self.error is not None:
            ko, en = self.error
            return en if i18n.current() == "en" else ko
        if self.job is not None and self.fetched_at is None:
            return self.tr("Asking the server…")
        if self.fetched_at is None:
            return ""
        if not self.rows:
            return self.tr("No worker has enrolled a laptop yet.")
        return self.tr("As of %1. Waiting counts are what each laptop reported after its "
                       "last successful sync.").replace("%1", _minute(self.fetched_at))

    def _when(self, stamp: str | None) -> str:
        return _minute(stamp) if stamp else self.tr("never")

    def _waiting_changes(self, r: dict[str, Any]) -> str:
        if r.get("pending_changes") is None:
            return self.tr("unknown")  # no laptop of theirs has reported (an older app)
        return i18n.fmt_int(r["pending_changes"])

    def _recovered(self, r: dict[str, Any]) -> str:
        """Empty unless a laptop reported a recovery (`desk workers`: "passphrase
        recovered <time>")."""
        stamp = r.get("passphrase_recovered")
        return _minute(stamp) if stamp else ""

    def _waiting_files(self, r: dict[str, Any]) -> str:
        if r.get("pending_files") is None:
            return self.tr("unknown")
        if not r["pending_files"]:
            return i18n.fmt_int(0)
        return f"{i18n.fmt_int(r['pending_files'])} ({i18n.fmt_size(r['pending_bytes'])})"


def _minute(stamp: str) -> str:
    """A protocol time (UTC, Z) to the minute in local time."""
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return stamp or ""
    return i18n.fmt_datetime(moment.replace(second=0, microsecond=0))


def attach(win) -> None:
    """The Workers entry of the main window's navigation, shown once the vault's
    enrollment says it is a desk (asked now and after each sync round: a desk enrolled
    during the session gets it then); the page refreshed after each round while shown."""
    nav = win.nav
    item = next(nav.item(i) for i in range(nav.count())
                if nav.item(i).data(Qt.ItemDataRole.UserRole) == KEY)
    item.setHidden(True)

    def show(role: str | None) -> None:
        try:
            item.setHidden(role != "desk")
        except RuntimeError:  # the window went (a lock) before the answer came
            pass

    def check() -> None:
        win.session.submit(_role, show)

    def after_round(error) -> None:
        check()
        page = win._pages.get(KEY)
        if isinstance(page, WorkersView):
            page.after_round(error)

    win.sync_runner.round_finished.connect(after_round)
    check()
