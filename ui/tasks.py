"""The background-work API: one worker thread owns the Vault (its SQLCipher connection is
created, used and closed there); the UI submits operations and gets the outcome back on the
GUI thread.

    tasks.submit(lambda v: v.search("김"), on_ok=show_hits, on_err=show_error, key="search")

An operation is a callable taking the open vault. `key` coalesces: a newer operation with
the same key makes older queued ones skip and silences their callbacks (search-as-you-type).
The KDF runs inside `open_vault`, so it is off the GUI thread too.
"""
from __future__ import annotations

import itertools
import queue
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal


class VaultClosed(Exception):
    """An operation needed the vault but it is locked."""

    ko = "금고가 잠겨 있습니다"
    en = "the vault is locked"


class Task:
    __slots__ = ("op", "on_ok", "on_err", "key", "gen", "needs_vault", "done", "result",
                 "error", "cancelled", "epoch")

    def __init__(self, op, on_ok, on_err, key, gen, needs_vault):
        self.op, self.on_ok, self.on_err = op, on_ok, on_err
        self.key, self.gen, self.needs_vault = key, gen, needs_vault
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self.cancelled = False
        self.epoch = 0

    def cancel(self) -> None:
        self.cancelled = True


_STOP = object()


class _WorkerThread(QThread):
    finished_task = Signal(object)

    def __init__(self, owner: VaultTasks):
        super().__init__()
        self.setObjectName("vault-worker")
        self._owner = owner
        self.queue: queue.Queue = queue.Queue()
        self.vault = None

    def run(self) -> None:
        while True:
            task = self.queue.get()
            if task is _STOP:
                return
            if task.cancelled or self._owner._is_stale(task):
                task.cancelled = True
                task.done.set()
                continue
            self._owner._set_busy_from_worker(True)
            try:
                if task.needs_vault and self.vault is None:
                    raise VaultClosed()
                task.result = task.op(self.vault) if task.needs_vault else task.op(self)
            except BaseException as exc:  # noqa: B036 — delivered to the GUI, never swallowed
                task.error = exc
            finally:
                task.done.set()
                self._owner._set_busy_from_worker(not self.queue.empty())
            self.finished_task.emit(task)


class VaultTasks(QObject):
    """Owner of the worker thread. Callbacks run on the GUI thread."""

    busy_changed = Signal(bool)
    vault_changed = Signal(bool)  # True: a vault is open
    changes = Signal(object)      # desktop.vault.Changes, after any write, by anyone
    _busy_signal = Signal(bool)
    _changes_signal = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._gens: dict[str, int] = {}
        self._epoch = 0
        self._counter = itertools.count(1)
        self._lock = threading.Lock()
        self.default_error_handler: Callable[[BaseException], None] | None = None
        self._thread = _WorkerThread(self)
        self._thread.finished_task.connect(self._deliver)
        self._busy_signal.connect(self.busy_changed)
        # Emitted on the worker thread by the vault's feed; queued to the GUI thread.
        self._changes_signal.connect(self.changes)
        self._thread.start()
        self._has_vault = False

    # -- submitting ----------------------------------------------------------------------
    def submit(self, op: Callable[[Any], Any], on_ok: Callable[[Any], None] | None = None,
               on_err: Callable[[BaseException], None] | None = None, *,
               key: str | None = None) -> Task:
        return self._put(op, on_ok, on_err, key, needs_vault=True)

    def run(self, op: Callable[[], Any], on_ok=None, on_err=None, *,
            key: str | None = None) -> Task:
        """Run `op()` (no vault needed: verifying a PDF) on the worker."""
        return self._put(lambda _thread: op(), on_ok, on_err, key, needs_vault=False)

    def open_vault(self, factory: Callable[[], Any], on_ok=None, on_err=None) -> Task:
        """Run `factory()` (Vault.open / Vault.create: the KDF) on the worker and keep the
        vault it returns as the one every later operation receives."""
        def op(thread: _WorkerThread):
            if thread.vault is not None:
                _quiet_lock(thread.vault)
                thread.vault = None
            thread.vault = factory()
            self._follow(thread.vault)
            return thread.vault
        return self._put(op, self._wrap_vault_changed(on_ok, True), on_err, None,
                         needs_vault=False)

    def adopt_vault(self, vault, on_ok=None) -> Task:
        """Hand an already open vault to the worker (the packaged self-test opens one)."""
        def op(thread: _WorkerThread):
            thread.vault = vault
            self._follow(vault)
            return vault
        return self._put(op, self._wrap_vault_changed(on_ok, True), None, None,
                         needs_vault=False)

    def release_vault(self, timeout: float = 30.0) -> None:
        """Forget the vault without locking it (its owner locks it), and wait."""
        def op(thread: _WorkerThread):
            thread.vault = None
        task = self._put(op, None, None, None, needs_vault=False, deliver=False)
        task.done.wait(timeout)
        self._has_vault = False

    def close_vault(self, before: Callable[[Any], None] | None = None, on_done=None) -> Task:
        """Lock: run `before(vault)` (save the draft) then lock, drop the key, forget it."""
        def op(thread: _WorkerThread):
            vault, thread.vault = thread.vault, None
            if vault is None:
                return None
            try:
                if before is not None:
                    before(vault)
            finally:
                vault.lock()
            return None
        done = self._wrap_vault_changed(on_done, False)
        return self._put(op, done, lambda exc: done(None), None, needs_vault=False)

    def call(self, op: Callable[[Any], Any], timeout: float = 60.0) -> Any:
        """Run `op(vault)` on the worker and wait for it. Only for shutdown paths and tests:
        it blocks the GUI thread."""
        task = self._put(op, None, None, None, needs_vault=True, deliver=False)
        if not task.done.wait(timeout):
            raise TimeoutError("vault worker did not answer")
        if task.error is not None:
            raise task.error
        return task.result

    def flush(self, timeout: float = 60.0) -> None:
        """Wait until everything queued before now has run (tests, screenshots)."""
        task = self._put(lambda _thread: None, None, None, None, needs_vault=False,
                         deliver=False)
        if not task.done.wait(timeout):
            raise TimeoutError("vault worker did not answer")

    def lock_now(self, before: Callable[[Any], None] | None = None,
                 timeout: float = 30.0) -> None:
        """Blocking lock for quit/SIGTERM: queued work finishes first, then `before`, lock."""
        task = self.close_vault(before)
        task.done.wait(timeout)
        self._has_vault = False

    @property
    def has_vault(self) -> bool:
        return self._has_vault

    def pending(self) -> int:
        return self._thread.queue.qsize()

    def shutdown(self, timeout: float = 30.0) -> None:
        if self._thread.isRunning():
            self._thread.queue.put(_STOP)
            self._thread.wait(int(timeout * 1000))

    # -- internals -----------------------------------------------------------------------
    def _follow(self, vault) -> None:
        """Subscribe to the vault's change feed (on the worker thread, at open)."""
        vault.subscribe(self._changes_signal.emit)

    def _put(self, op, on_ok, on_err, key, *, needs_vault, deliver=True) -> Task:
        with self._lock:
            gen = next(self._counter)
            if key is not None:
                self._gens[key] = gen
        if not deliver:  # the caller waits on task.done and reads the outcome itself
            on_ok, on_err, key = None, _ignore, None
        task = Task(op, on_ok, on_err, key, gen, needs_vault)
        task.epoch = self._epoch
        self._thread.queue.put(task)
        return task

    def _is_stale(self, task: Task) -> bool:
        if task.key is None:
            return False
        with self._lock:
            return self._gens.get(task.key) != task.gen

    def _set_busy_from_worker(self, busy: bool) -> None:
        self._busy_signal.emit(busy)

    def _wrap_vault_changed(self, cb, opened: bool):
        def done(result):
            self._has_vault = opened
            self.vault_changed.emit(opened)
            if cb is not None:
                cb(result)
        return done

    def forget_callbacks(self) -> None:
        """Results of work submitted until now are no longer wanted (the screens that asked
        are gone: the session was locked). The work itself still runs, in order."""
        self._epoch += 1

    def _deliver(self, task: Task) -> None:
        if task.cancelled or self._is_stale(task) or task.epoch != self._epoch:
            return
        if not (_alive(task.on_ok) and _alive(task.on_err)):
            return  # the screen that asked was closed (deleted) while the work ran
        if task.error is not None:
            handler = task.on_err or self.default_error_handler
            if handler is not None:
                handler(task.error)
            return
        if task.on_ok is not None:
            task.on_ok(task.result)


def _alive(callback) -> bool:
    """False for a bound method of a QObject whose C++ side is already deleted."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


def _ignore(_exc: BaseException) -> None:
    return None


def _quiet_lock(vault) -> None:
    try:
        vault.lock()
    except Exception:  # noqa: BLE001 — replacing a vault: the old one is being dropped anyway
        pass
