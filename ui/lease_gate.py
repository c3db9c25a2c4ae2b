"""The center's offline lease at unlock (desktop/syncing/lease.py, docs/ui.md).

The lease is the vault's own record (kept in sync_state), so it is read right after the
passphrase opened the vault and before any window shows content:
- no lease, or time left: the app opens; from three days before the end the worker is
  told once per contact (a notice after unlock; the status bar keeps a line too);
- past the lease: the vault is locked again at once and the unlock window says why, with
  "Check with the center now". That button unlocks again and first makes the online check
  (a signed GET /v1/device, on a thread of its own, never the GUI's): on success the
  contact is recorded and the app opens; a wipe order waiting for this laptop is applied
  (the vault is gone, the window says so); any other outcome locks again and says why.
The supervisor's recovery path (issue 15) does not exist yet; the message says so.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer

NOTICE_KEY = "lease_notice"  # sync_state: the last contact the warning was shown for


def _read(vault) -> dict:
    from desktop.syncing import lease

    got = lease.read(vault).as_dict()
    got["noticed"] = vault.sync_state(NOTICE_KEY) == (got["last_contact"] or "")
    return got


class LeaseGate(QObject):
    def __init__(self, controller):
        super().__init__(controller)
        self.controller = controller
        self.job = None  # the online check in flight

    def after_open(self, worker: str, online: bool, enter: Callable[[], None]) -> None:
        """The vault just opened at unlock: enter, or stop at the lease."""
        tasks = self.controller.tasks

        def got(lease: dict) -> None:
            if lease["state"] != "expired":
                if lease["state"] == "warn" and not lease["noticed"]:
                    # once the main window is up (entering loads the session first)
                    self.controller.unlocked.connect(
                        lambda: QTimer.singleShot(0, lambda: self._notice(lease)),
                        Qt.ConnectionType.SingleShotConnection)
                enter()
            elif online:
                self._check(worker, enter)
            else:
                self._refuse(self._expired_text(lease["days"]), offer_check=True)
        tasks.submit(_read, got, self._failed)

    # -- the online check ------------------------------------------------------------------
    def _check(self, worker: str, enter: Callable[[], None]) -> None:
        from ui.sync_runner import VaultJob

        def fn(vault, report):
            from desktop.syncing import lease

            return lease.online_check(vault, report)

        job = VaultJob(self.controller.tasks, fn, name="lease-check")
        job.done.connect(lambda _r, err: self._checked(err, enter))
        self.job = job
        job.start()

    def _checked(self, error: BaseException | None, enter: Callable[[], None]) -> None:
        self.job = None
        if error is None:
            enter()
            return
        from desktop.errors import describe
        from desktop.syncing.wipe import VaultWiped
        from ui import i18n

        if isinstance(error, VaultWiped):
            ctrl = self.controller
            ctrl.tasks.close_vault()  # already locked by the wipe: forgets it
            w = ctrl.unlock_window
            if w is not None:
                w.set_busy(False)
                w.clear_secrets()
                w.set_workers(ctrl.workers())
                w.show_lease(describe(error, i18n.current()) or "", offer_check=False)
            return
        why = describe(error, i18n.current()) or type(error).__name__
        self._refuse(self.tr("The online check did not succeed: %1").replace("%1", why),
                     offer_check=True)

    # -- outcomes --------------------------------------------------------------------------
    def _expired_text(self, days: int | None) -> str:
        return self.tr("The center's policy: this laptop has not reached the center's "
                       "server for over %1 day(s), so it opens only after an online check. "
                       "Connect to the network and check with the center (a supervisor's "
                       "recovery does not exist yet).").replace("%1", str(days or 0))

    def _refuse(self, text: str, offer_check: bool) -> None:
        """Lock again (the key dropped) and say why in the unlock window."""
        ctrl = self.controller
        ctrl.tasks.close_vault()
        w = ctrl.unlock_window
        if w is not None:
            w.set_busy(False)
            w.show_lease(text, offer_check=offer_check)

    def _failed(self, exc: BaseException) -> None:
        self._refuse(self.controller._describe(exc), offer_check=False)

    def _notice(self, lease: dict) -> None:
        from ui import dialogs

        win = self.controller.main_window
        if win is None:
            return
        self.controller.tasks.submit(
            lambda v: v.set_sync_state({NOTICE_KEY: lease["last_contact"] or ""}))
        dialogs.inform(win, self.tr("Donghaeng"), self.tr(
            "The center's policy: connect within %1 day(s) or this laptop will need an "
            "online check to open.").replace("%1", str(lease["days_left"])))
