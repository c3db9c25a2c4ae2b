"""The sync line in the main window's status bar, always visible: what sync is doing in
plain words (off, up to date, what waits, sending so many of so many MB, no connection,
refused), a progress bar while files go, when it last worked, and two buttons: sync now
(Ctrl+Shift+S is the main window's) and the sync history. On a metered network, the files
waiting for Wi-Fi and a "Send now" button that lets them go; when the center's offline
lease is near its end, a line saying within how many days to connect.

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
    send_held_requested = Signal()  # "Send now": the files waiting for Wi-Fi

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
        self.send_held = QToolButton(self)
        self.send_held.setVisible(False)
        self.send_held.clicked.connect(self.send_held_requested)
        self.lease = QLabel(self)
        self.lease.setObjectName("SyncLease")
        self.lease.setVisible(False)
        self.action = QAction(self)  # the main window adds it: its shortcut works anywhere
        self.action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.triggered.connect(self.sync_requested)
        lay.addWidget(self.lease)
        lay.addWidget(self.label)
        lay.addWidget(self.send_held)
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
        self.send_held.setText(self.tr("Send now"))
        self.send_held.setToolTip(self.tr("Send the large files over this metered network, "
                                          "this time"))
        self.send_held.setAccessibleName(self.tr("Send the files waiting for Wi-Fi now"))
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
        held = self.held()
        if held and not s.problem:
            return f"{waiting} · {held}" if waiting else held
        if s.problem == "offline":
            line = self.tr("No connection — everything is kept on this laptop")
            return " · ".join(p for p in (line, waiting, held) if p)
        if s.problem == "refused":
            return self.tr("The server refused this laptop: ask the center")
        if s.problem in ("error", "wiped") and s.message:
            return s.message[1 if i18n.current() == "en" else 0]
        return waiting or self.tr("Up to date")

    def waiting(self) -> str:
        s = self.state
        # the files held for Wi-Fi are said apart (held()); the rest waits for the round
        held = s.held_files if s.metered else 0
        n_files = max(0, s.pending_files - held)
        n_bytes = max(0, s.pending_bytes - (s.held_bytes if held else 0))
        changes = self.tr("%1 change(s)").replace("%1", i18n.fmt_int(s.pending_changes))
        files = self.tr("%1 file(s) (%2)").replace("%1", i18n.fmt_int(n_files)) \
            .replace("%2", _mb(n_bytes))
        if s.pending_changes and n_files:
            return self.tr("%1 and %2 waiting").replace("%1", changes).replace("%2", files)
        if s.pending_changes or n_files:
            return self.tr("%1 waiting").replace(
                "%1", changes if s.pending_changes else files)
        return ""

    def held(self) -> str:
        """"2 file(s) (300.0 MB) wait for Wi-Fi": large files on a metered network."""
        s = self.state
        if not (s.metered and s.held_files):
            return ""
        return self.tr("%1 file(s) (%2) wait for Wi-Fi").replace(
            "%1", i18n.fmt_int(s.held_files)).replace("%2", _mb(s.held_bytes))

    def lease_text(self) -> str:
        """The center's offline lease, from three days before its end."""
        lease = self.state.lease
        if not lease or lease.get("state") != "warn":
            return ""
        return self.tr("The center's policy: connect within %1 day(s) or this laptop will "
                       "need an online check to open").replace(
            "%1", i18n.fmt_int(int(lease.get("days_left") or 0)))

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
        self.send_held.setVisible(bool(self.held()) and not s.running)
        self.send_held.setEnabled(s.problem != "wiped")
        lease = self.lease_text()
        self.lease.setText(lease)
        self.lease.setAccessibleName(lease)
        self.lease.setVisible(bool(lease))


def _mb(n: int) -> str:
    """Sizes in MB as people read them on a status line ("12.0 MB", "0.4 MB")."""
    return f"{i18n.locale().toString(n / (1 << 20), 'f', 1)} MB"
