"""The sync line in the main window's status bar, always visible: what sync is doing in
plain words (off, up to date, what waits, sending so many of so many MB, no connection,
refused), a progress bar while files go, when it last worked, and two buttons: sync now
(Ctrl+Shift+S is the main window's) and the sync history.

It only shows a `SyncState` (ui/sync_runner.py); it decides nothing."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from ui import i18n
from ui.sync_runner import SyncState


class SyncStatusWidget(QWidget):
    sync_requested = Signal()
    history_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("SyncStatus")
        self.state = SyncState()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setObjectName("SyncStatusText")
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(140)
        self.bar.setVisible(False)
        self.last = QLabel(self)
        self.now = QToolButton(self)
        self.now.clicked.connect(self.sync_requested)
        self.history = QToolButton(self)
        self.history.clicked.connect(self.history_requested)
        self.action = QAction(self)  # the main window adds it: its shortcut works anywhere
        self.action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.triggered.connect(self.sync_requested)
        lay.addWidget(self.label)
        lay.addWidget(self.bar)
        lay.addWidget(self.last)
        lay.addWidget(self.now)
        lay.addWidget(self.history)
        self.retranslate()

    def set_state(self, state: SyncState) -> None:
        self.state = state
        self._render()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.now.setText(self.tr("Sync now"))
        self.action.setText(self.tr("Sync now"))
        self.now.setToolTip(self.tr("Send and receive now (Ctrl+Shift+S)"))
        self.now.setAccessibleName(self.tr("Sync now"))
        self.history.setText(self.tr("History"))
        self.history.setToolTip(self.tr("Sync history: each round, what went and came"))
        self.history.setAccessibleName(self.tr("Sync history"))
        self._render()

    # -- the words -----------------------------------------------------------------------
    def text(self) -> str:
        """The status line for the current state, in the UI language."""
        s = self.state
        if not s.known:
            return self.tr("Sync: checking…")
        if not s.enrolled:
            return self.tr("Sync off (not enrolled)")
        if s.running:
            if s.total_bytes:
                return self.tr("Sending %1 of %2").replace(
                    "%1", _mb(s.sent_bytes or 0)).replace("%2", _mb(s.total_bytes))
            return self.tr("Syncing…")
        waiting = self.waiting()
        if s.problem == "offline":
            line = self.tr("No connection — everything is kept on this laptop")
            return f"{line} · {waiting}" if waiting else line
        if s.problem == "refused":
            return self.tr("The server refused this laptop: ask the center")
        if s.problem in ("error", "wiped") and s.message:
            return s.message[1 if i18n.current() == "en" else 0]
        return waiting or self.tr("Up to date")

    def waiting(self) -> str:
        s = self.state
        changes = self.tr("%1 change(s)").replace("%1", i18n.fmt_int(s.pending_changes))
        files = self.tr("%1 file(s) (%2)").replace("%1", i18n.fmt_int(s.pending_files)) \
            .replace("%2", _mb(s.pending_bytes))
        if s.pending_changes and s.pending_files:
            return self.tr("%1 and %2 waiting").replace("%1", changes).replace("%2", files)
        if s.pending_changes or s.pending_files:
            return self.tr("%1 waiting").replace(
                "%1", changes if s.pending_changes else files)
        return ""

    def _render(self) -> None:
        s = self.state
        text = self.text()
        self.label.setText(text)
        self.label.setAccessibleName(text)
        detail = s.message[1 if i18n.current() == "en" else 0] if s.message else ""
        self.label.setToolTip(detail if s.problem else "")
        files = s.running and bool(s.total_bytes)
        self.bar.setVisible(files)
        if files:
            # KiB: a QProgressBar counts in int, and a file may be over 2 GB
            self.bar.setRange(0, max(1, (s.total_bytes or 0) >> 10))
            self.bar.setValue((s.sent_bytes or 0) >> 10)
            self.bar.setAccessibleName(text)
        if s.enrolled and s.last_success:
            self.last.setText(self.tr("Last synced %1").replace(
                "%1", i18n.fmt_datetime(s.last_success)))
        elif s.enrolled:
            self.last.setText(self.tr("Never synced yet"))
        else:
            self.last.setText("")
        self.last.setVisible(bool(self.last.text()))
        self.now.setEnabled(s.enrolled and not s.running and s.problem != "wiped")


def _mb(n: int) -> str:
    """Sizes in MB as people read them on a status line ("12.0 MB", "0.4 MB")."""
    return f"{i18n.locale().toString(n / (1 << 20), 'f', 1)} MB"
