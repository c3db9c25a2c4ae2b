"""The main window's sync: the runner (ui/sync_runner.py), the status line in the status bar
(ui/sync_status.py) with its Ctrl+Shift+S, the sync history page, and what a wipe order
does to the window. Kept apart from main_window.py, which only feeds it the change feed,
starts it after unlock and stops it before the window goes."""
from __future__ import annotations

from PySide6.QtCore import QObject

from ui import dialogs
from ui.sync_runner import SyncRunner
from ui.sync_status import SyncStatusWidget

HISTORY = "sync_history"  # the page's key among the main window's pages (not in the nav)


class SyncArea(QObject):
    def __init__(self, win):
        super().__init__(win)
        self.win = win
        self.status = SyncStatusWidget(win)
        win.statusBar().addPermanentWidget(self.status)
        win.addAction(self.status.action)  # Ctrl+Shift+S anywhere in the window
        self.runner = SyncRunner(win.session, self)
        self.runner.state_changed.connect(self.status.set_state)
        self.runner.round_finished.connect(self._round_finished)
        self.runner.wiped.connect(self._wiped)
        self.status.sync_requested.connect(self.runner.request)
        self.status.send_held_requested.connect(self.runner.send_held)
        self.status.history_requested.connect(self.show_history)

    def show_history(self):
        win = self.win
        if HISTORY not in win._pages:
            from ui.sync_history_view import SyncHistoryView

            win._add_page(HISTORY, SyncHistoryView(win.session, win.stack))
        win.show_page(HISTORY)  # reloads it
        win.nav.blockSignals(True)  # not one of the sections: none is highlighted
        win.nav.setCurrentRow(-1)
        win.nav.blockSignals(False)
        return win._pages[HISTORY]

    def _round_finished(self, _error) -> None:
        from ui.sync_history_view import SyncHistoryView

        page = self.win._pages.get(HISTORY)
        if isinstance(page, SyncHistoryView) and page.isVisible():
            page.reload()

    def _wiped(self) -> None:
        """A verified wipe order destroyed this vault during a round: say so in one
        sentence, then lock (what is on screen came from a vault that no longer exists)."""
        from desktop.errors import describe
        from desktop.syncing.wipe import VaultWiped
        from ui import i18n

        dialogs.inform(self.win, self.tr("Donghaeng"),
                       describe(VaultWiped(), i18n.current()) or "")
        controller = self.win.session.controller
        if controller is not None:
            controller.lock("wiped")
