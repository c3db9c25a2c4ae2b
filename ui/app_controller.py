"""Which window is up, and the safety transitions between them: unlock -> main window;
idle, OS lock or panic -> save the draft, lock the vault (key dropped), destroy every
window that showed content, back to the unlock window. In the real app (`ui.app.main`) that
unlock window belongs to a new process image: once the vault is locked the controller calls
its `relaunch` seam (ui/relaunch.py: exec), so no copy of the passphrase or of record text
outlives the session. In-process tests leave the seam empty (or pass a fake to observe it).

The main window and everything behind it are imported only after the first unlock."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from desktop.errors import describe
from ui import i18n
from ui.app_prefs import load_app_prefs, save_app_prefs
from ui.autolock import Clock, IdleLock
from ui.capture_guard import CaptureGuard
from ui.clipboard import SecureClipboard
from ui.os_lock import OsLockWatcher
from ui.relaunch import RelaunchState
from ui.tasks import VaultTasks
from ui.unlock_window import UnlockWindow
from ui.vault_upkeep import VaultUpkeep

if TYPE_CHECKING:
    from ui.preferences import WorkerSettings


class AppController(QObject):
    unlocked = Signal()
    locked = Signal(str)  # reason

    def __init__(self, home: Path, *, lang: str | None = None, worker: str | None = None,
                 kdf=None, clock: Clock | None = None, parent: QObject | None = None,
                 relaunch: Callable[[RelaunchState], None] | None = None):
        super().__init__(parent)
        # Called once a lock has finished (vault locked, draft saved): replaces the process
        # and returns only if that failed. None: lock in place (in-process tests).
        self.relaunch = relaunch
        self.home = Path(home)
        self.kdf = kdf  # None: the vault calibrates the real cost; tests pass cheap params
        self.preselect = worker
        prefs = load_app_prefs(self.home)
        i18n.install(lang or prefs.get("lang") or "ko")
        self.tasks = VaultTasks(self)
        self.tasks.default_error_handler = self._show_error
        self.upkeep = VaultUpkeep(self.tasks, self)
        self.clipboard = SecureClipboard(self)
        self.idle = IdleLock(clock, parent=self)
        self.idle.idle_timeout.connect(lambda: self.lock("idle"))
        self.idle.panic.connect(self.panic)
        # Windows only: elsewhere there is no per-window exclusion to apply (docs/ui.md),
        # and an extra application-wide filter would cost every event for nothing.
        self.capture_guard = CaptureGuard(self)
        if self.capture_guard.supported:
            QApplication.instance().installEventFilter(self.capture_guard)
        self.os_lock = OsLockWatcher(self)
        self.os_lock.os_locked.connect(lambda reason: self.lock(reason))
        self.unlock_window: UnlockWindow | None = None
        self.first_run_window = None
        self.main_window = None
        self.session = None
        self.worker: str | None = None
        self._shut_down = False

    # -- start-up ------------------------------------------------------------------------
    def workers(self) -> list[str]:
        from desktop.vault.layout import list_workers

        return list_workers(self.home) if self.home.exists() else []

    def start(self, minimized: bool = False) -> None:
        """Show a window at once; the vault package (SQLCipher, cryptography) is imported
        on the worker thread while the window is already up, to list the accounts.
        `minimized`: the process was relaunched by a panic lock."""
        vaults = self.home / "vaults"
        if vaults.is_dir() and any(p.is_dir() and not p.name.startswith(".")
                                   for p in vaults.iterdir()):
            self.show_unlock(workers=None, minimized=minimized)
            home = self.home

            def listed(workers: list[str]) -> None:
                if workers:
                    if self.unlock_window is not None and self.main_window is None:
                        self.unlock_window.set_workers(workers, self.preselect)
                elif self.main_window is None:
                    self.show_first_run(can_go_back=False)

            def list_workers():
                # The folder listing alone: the vault package loads at unlock, not here.
                from desktop.vault.layout import list_workers

                return list_workers(home)

            # After the first paint: the import competes with the GUI thread for the GIL.
            QTimer.singleShot(0, lambda: self.tasks.run(list_workers, listed))
        else:
            self.show_first_run(can_go_back=False)
        # Screen-lock / suspend listeners (QtDBus) once the first window is painted.
        QTimer.singleShot(0, lambda: self.os_lock.start(self.unlock_window))

    def show_unlock(self, minimized: bool = False,
                    workers: list[str] | None | bool = False) -> UnlockWindow:
        """`workers`: the accounts; None while they load; False: list them now."""
        if workers is False:
            workers = self.workers()
        if self.unlock_window is None:
            self.unlock_window = UnlockWindow(workers, self.worker or self.preselect)
            self.unlock_window.unlock_requested.connect(self._unlock)
            self.unlock_window.online_check_requested.connect(
                lambda w, p: self._unlock(w, p, online=True))
            self.unlock_window.new_account_requested.connect(
                lambda: self.show_first_run(can_go_back=True))
            self.unlock_window.recovery_requested.connect(self._recover)
            self.unlock_window.language_chosen.connect(self.set_language)
        else:
            self.unlock_window.set_workers(workers, self.worker or self.preselect)
        self._close_first_run()
        w = self.unlock_window
        w.clear_secrets()
        w.set_busy(False)
        if minimized:
            w.showMinimized()
        else:
            w.showNormal()
            w.raise_()
            w.activateWindow()
        return w

    def show_first_run(self, can_go_back: bool):
        from ui.first_run_window import FirstRunWindow

        self._close_first_run()
        w = FirstRunWindow(can_go_back=can_go_back)
        w.create_requested.connect(self._create)
        w.language_chosen.connect(self.set_language)
        w.back_requested.connect(lambda: self.show_unlock())
        self.first_run_window = w
        if self.unlock_window is not None:
            self.unlock_window.hide()
        w.show()
        return w

    def _close_first_run(self) -> None:
        if self.first_run_window is not None:
            self.first_run_window.clear_secrets()
            self.first_run_window.hide()
            self.first_run_window.deleteLater()
            self.first_run_window = None

    def bring_to_front(self, worker: str | None = None) -> str:
        """Another copy of the app was started on this home (ui/single_instance.py): show
        this one instead. A locked app preselects the worker that copy was asked for.
        Returns which window is up ("main", "first-run", "unlock")."""
        if self.main_window is not None:
            w, which = self.main_window, "main"
        elif self.first_run_window is not None:
            w, which = self.first_run_window, "first-run"
        else:
            if worker and self.unlock_window is not None and self.unlock_window.isEnabled():
                self.preselect = worker
                self.unlock_window.set_workers(self.workers(), worker)
            w, which = self.unlock_window, "unlock"
        if w is not None:
            if w.isMinimized() or not w.isVisible():
                w.showNormal()
            w.raise_()
            w.activateWindow()
        return which

    # -- language ------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        if lang == i18n.current():
            return
        i18n.install(lang)
        save_app_prefs(self.home, lang=lang)
        if self.session is not None:
            self.session.settings.lang = lang
            settings = self.session.settings
            self.tasks.submit(settings.save, on_err=lambda exc: None)
        if self.main_window is not None:
            self.main_window.language_changed()

    # -- unlock / create -----------------------------------------------------------------
    def _create(self, worker: str, passphrase: str) -> None:
        from desktop.vault import Vault

        home, kdf = self.home, self.kdf
        self.first_run_window.set_busy(True)
        self.tasks.open_vault(lambda: Vault.create(home, worker, passphrase, kdf=kdf),
                              on_ok=lambda v: self._opened(worker),
                              on_err=self._create_failed)

    def _create_failed(self, exc: BaseException) -> None:
        w = self.first_run_window
        if w is not None:
            w.set_busy(False)
            w.show_error(self._describe(exc))

    def _unlock(self, worker: str, passphrase: str, online: bool = False) -> None:
        """`online`: past the center's offline lease, the worker asked for the online
        check (ui/lease_gate.py decides after the vault opened)."""
        from desktop.vault import Vault
        from ui.lease_gate import LeaseGate

        home = self.home
        self.unlock_window.set_busy(True)
        gate = self.__dict__.get("lease_gate") or LeaseGate(self)
        self.lease_gate = gate
        self.tasks.open_vault(lambda: Vault.open(home, worker, passphrase),
                              on_ok=lambda v: gate.after_open(
                                  worker, online, lambda: self._opened(worker)),
                              on_err=self._unlock_failed)

    def _recover(self, worker: str) -> None:
        """"Passphrase forgotten?": the supervisor's recovery key resets it (the dialog
        runs the reset on the worker); then the unlock window asks for the new one."""
        from ui.recovery_dialog import open_recovery

        w = self.unlock_window
        dlg = open_recovery(w, self.tasks, self.home, worker)
        self.recovery_dialog = dlg

        def closed(_result: int) -> None:
            if dlg.succeeded and self.unlock_window is not None:
                self.unlock_window.show_recovered()
        dlg.finished.connect(closed)

    def _unlock_failed(self, exc: BaseException) -> None:
        w = self.unlock_window
        w.set_busy(False)
        w.show_error(self._describe(exc))

    def _opened(self, worker: str) -> None:
        def load(vault):
            from desktop import form_registry
            from ui.preferences import WorkerSettings

            settings = WorkerSettings.load(vault)

            return settings, form_registry.for_vault(vault)

        self.tasks.submit(load, on_ok=lambda res: self._enter(worker, *res))

    def _enter(self, worker: str, settings: WorkerSettings, registry) -> None:
        from ui.main_window import MainWindow
        from ui.session import Session

        self.worker = worker
        if settings.lang and settings.lang != i18n.current():
            i18n.install(settings.lang)
            save_app_prefs(self.home, lang=settings.lang)
        self.session = Session(home=self.home, worker=worker, tasks=self.tasks,
                               settings=settings, clipboard=self.clipboard, controller=self,
                               _registry=registry)
        self.main_window = MainWindow(self.session)
        self.idle.set_minutes(settings.idle_minutes)
        self.idle.arm()
        self.upkeep.start()
        self._close_first_run()
        if self.unlock_window is not None:
            self.unlock_window.clear_secrets()
            self.unlock_window.set_busy(False)
            self.unlock_window.hide()
        self.main_window.show()
        self.main_window.after_unlock()
        self.unlocked.emit()

    def apply_settings(self, settings: WorkerSettings) -> None:
        self.idle.set_minutes(settings.idle_minutes)
        self.tasks.submit(settings.save)
        if settings.lang:
            self.set_language(settings.lang)

    # -- locking -------------------------------------------------------------------------
    def lock(self, reason: str = "manual", minimized: bool = False) -> None:
        """Save the open draft, lock the vault (the worker thread drops the key), destroy
        the content windows, show the unlock window."""
        if self.main_window is None:
            return
        self.idle.disarm()
        self.upkeep.stop()
        save_draft = self.main_window.draft_saver()
        self.tasks.forget_callbacks()
        self.main_window.discard_content()
        self.main_window.hide()
        self.main_window.deleteLater()
        self.main_window = None
        self.session = None
        self.clipboard.clear_if_ours()
        if self.relaunch is None:
            self.tasks.close_vault(before=save_draft)
            workers = self.workers()
            if workers:
                self.show_unlock(minimized=minimized, workers=workers)
            else:
                # a wipe order removed the last account: nothing to unlock (a relaunched
                # process gets here through start())
                self.show_first_run(can_go_back=False)
        else:
            # The worker saves the draft and locks first (it may still be finishing earlier
            # work); only then is the process replaced. Meanwhile the unlock window is shown
            # greyed out: nothing typed into it could be used.
            self.tasks.close_vault(before=save_draft,
                                   on_done=lambda _res: self._relaunch(minimized))
            self.show_unlock(minimized=minimized).setEnabled(False)
        self.locked.emit(reason)

    def _relaunch(self, minimized: bool) -> None:
        if self._shut_down or self.relaunch is None or self.main_window is not None:
            return  # quitting instead, or (relaunch failed earlier) unlocked again meanwhile
        self.clipboard.clear_if_ours()
        self.relaunch(RelaunchState(self.home, i18n.current(),
                                    self.worker or self.preselect, minimized))
        # Still here: the exec failed. Stay locked in this process, as before.
        if self.unlock_window is not None:
            self.unlock_window.setEnabled(True)

    def panic(self) -> None:
        self.lock("panic", minimized=True)

    def shutdown(self) -> None:
        """Quit path (window closed, SIGTERM): save the draft and lock, synchronously."""
        if self._shut_down:
            return
        self._shut_down = True
        self.idle.disarm()
        self.upkeep.stop()
        save_draft = None
        if self.main_window is not None:
            save_draft = self.main_window.draft_saver()
            self.main_window.discard_content()
            self.main_window.hide()
        self.clipboard.clear_if_ours()
        self.tasks.lock_now(before=save_draft)
        self.tasks.shutdown()
        for w in (self.main_window, self.unlock_window, self.first_run_window):
            if w is not None:
                w.hide()

    def quit(self) -> None:
        self.shutdown()
        QTimer.singleShot(0, QApplication.instance().quit)

    # -- errors --------------------------------------------------------------------------
    def _describe(self, exc: BaseException) -> str:
        text = describe(exc, i18n.current())
        if text:
            return text
        return self.tr("Something went wrong (%1). Nothing was changed by the failed step.") \
            .replace("%1", type(exc).__name__)

    def _show_error(self, exc: BaseException) -> None:
        from ui import dialogs

        parent = self.main_window or self.unlock_window
        dialogs.warn(parent, self.tr("Donghaeng"), self._describe(exc))
