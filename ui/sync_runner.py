"""Background sync in the app: rounds of the sync engine (desktop/syncing/engine.py) on a
thread of their own — never the GUI thread, never the vault's worker thread.

The vault belongs to the worker thread (ui/tasks.py). A round gets a `VaultProxy`: every
method call and attribute read on it is submitted to the worker as one short operation and
waited for, so the round does its network I/O on its own thread while saves go on, and the
upload of a large file reads the stored ciphertext (`vault.attachment_file` is a path)
without holding the vault. The proxy forwards any name the engine uses (it does not list
them), so what the engine grows is covered too.

When rounds run: after local saves (debounced, and only when something waits to be sent),
on a timer, on demand, and only when the vault is enrolled. On a metered network
(ui/network_watch.py) files over the worker's size (sync_state `metered_max_mb`, Settings)
wait: the round skips them (they stay pending), the status line says how many wait for
Wi-Fi, and "Send now" lets them go for one round; an unmetered network sends them. One at a time; a request during
a round runs one more after it. Stopping (lock, quit) abandons the round in flight: its next
vault operation or progress step raises `Abandoned`. The engine is kill-safe, so nothing is
lost; the network call in flight ends by itself (its timeout at worst) and the thread with
it, kept referenced until then (and waited for at interpreter exit, after the windows are
gone).
"""
from __future__ import annotations

import atexit
import inspect
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from ui.tasks import VaultTasks

DEBOUNCE_MS = 5_000       # after the last save
INTERVAL_MS = 10 * 60_000  # a round now and then, to receive what others sent
RETRY_MS = 60_000         # after a failed round (no connection): sooner than the timer,
                          # doubling after each further failure up to INTERVAL_MS
POLL_S = 0.2              # how often a waiting call looks at the stop flag
LIMIT_KEY = "metered_max_mb"  # in the vault's sync_state: the worker's size (Settings)
DEFAULT_LIMIT_MB = 20


class Abandoned(Exception):
    """The round was given up (the vault is being locked, or the app closes)."""

    ko = "동기화를 멈췄습니다 (잠금 또는 종료)"
    en = "sync stopped (locked or closed)"


@dataclass(frozen=True)
class SyncState:
    """What the status line shows; made on the GUI thread from the runner's events."""
    known: bool = False            # the vault has been asked at least once
    enrolled: bool = False
    running: bool = False
    pending_changes: int = 0
    pending_files: int = 0
    pending_bytes: int = 0
    sent_bytes: int | None = None  # files of the running round: confirmed so far …
    total_bytes: int | None = None  # … of this many
    last_success: str | None = None
    problem: str | None = None     # None | "offline" | "refused" | "error" | "wiped"
    message: tuple[str, str] | None = None  # the last error's own line (ko, en)
    metered: bool = False          # the network is metered (a phone hotspot)
    held_files: int = 0            # files over the worker's size waiting for Wi-Fi …
    held_bytes: int = 0            # … and their size
    lease: dict | None = None      # the center's offline lease (desktop/syncing/lease.py)


def classify(exc: BaseException) -> str:
    """Which of the status line's cases a failed round is."""
    from desktop.syncing.device import SyncRefused
    from desktop.syncing.wipe import VaultWiped
    from sync.client.transport import Offline, PinMismatch, Refused

    if isinstance(exc, VaultWiped):
        return "wiped"
    if isinstance(exc, Offline):
        return "offline"
    if isinstance(exc, Refused | SyncRefused | PinMismatch):
        return "refused"
    return "error"


def message_of(exc: BaseException) -> tuple[str, str]:
    """The error's one line in both languages (never a traceback)."""
    from desktop.errors import describe

    ko, en = describe(exc, "ko"), describe(exc, "en")
    if ko or en:
        return (ko or en or "", en or ko or "")
    name = type(exc).__name__
    return (f"동기화 중 오류가 났습니다 ({name}); 기록은 이 노트북에 그대로 있습니다",
            f"sync failed ({name}); everything is still on this laptop")


class VaultProxy:
    """The vault as the sync thread sees it: each use is an operation on the worker."""

    def __init__(self, tasks: VaultTasks, stop: threading.Event,
                 on_call: Callable[[str, tuple, Any], None] | None = None):
        self._tasks, self._stop, self._on_call = tasks, stop, on_call
        self._cls = self._run(type)  # the vault's class: which names are methods

    def _run(self, op: Callable[[Any], Any]) -> Any:
        if self._stop.is_set():
            raise Abandoned()
        task = self._tasks.submit(op, None, _ignore)
        while not task.done.wait(POLL_S):
            if self._stop.is_set():
                task.cancel()  # not started yet: it never runs; started: it finishes
                raise Abandoned()
        if task.cancelled:
            raise Abandoned()
        if task.error is not None:
            raise task.error
        return task.result

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        static = inspect.getattr_static(self._cls, name, None)
        if inspect.isfunction(static):
            def call(*args: Any, **kwargs: Any) -> Any:
                result = self._run(lambda v: getattr(v, name)(*args, **kwargs))
                if self._on_call is not None:
                    self._on_call(name, args, result)
                return result
            call.__name__ = name
            return call
        # a property or a plain attribute (paths, device_id): read on the worker as well
        return self._run(lambda v: getattr(v, name))


class VaultJob(QThread):
    """`fn(proxy)` on its own thread; `done(result, error)` on the GUI thread after."""

    done = Signal(object, object)
    progress = Signal(str, str)     # (ko, en) lines of the engine
    files = Signal(int, int)        # bytes of files confirmed, of the round's total

    def __init__(self, tasks: VaultTasks, fn: Callable[..., Any], name: str = "sync",
                 max_file_bytes: int | None = None):
        super().__init__()
        self.setObjectName(name)
        self.stop_event = threading.Event()
        self._tasks, self._fn = tasks, fn
        self._limit = max_file_bytes  # files over it are not sent: not in the progress
        self._sizes: dict[str, int] = {}
        self._sent: dict[str, int] = {}
        _keep(self)

    def stop(self) -> None:
        self.stop_event.set()

    def report(self, ko: str, en: str) -> None:
        """The engine's progress callback: also where a stopped round gives up."""
        if self.stop_event.is_set():
            raise Abandoned()
        self.progress.emit(ko, en)

    def _observe(self, name: str, args: tuple, result: Any) -> None:
        # The byte counts of file uploads, from the engine's own calls on the vault (the
        # files it is about to send, each confirmed offset): numbers, not parsed text.
        if name == "files_to_send":
            for att_id, size, _sha, confirmed in result:
                if self._limit is not None and size > self._limit:
                    continue
                self._sizes[att_id] = int(size)
                self._sent[att_id] = int(confirmed)
        elif name == "file_progress" and args and args[0] in self._sizes:
            self._sent[args[0]] = int(args[1])
        else:
            return
        if self._sizes:
            self.files.emit(sum(self._sent.values()), sum(self._sizes.values()))

    def run(self) -> None:
        result: Any = None
        error: BaseException | None = None
        try:
            proxy = VaultProxy(self._tasks, self.stop_event, self._observe)
            result = self._fn(proxy, self.report)
        except BaseException as exc:  # noqa: BLE001 — handed to the GUI thread as a message
            error = exc
        self.done.emit(result, error)


# Threads still running after their owner stopped them (a network call ends by its
# timeout): referenced here until finished, so Qt never destroys a running thread.
_threads: set[VaultJob] = set()


def _keep(job: VaultJob) -> None:
    _threads.add(job)
    job.finished.connect(lambda: _release(job))


def _release(job: VaultJob) -> None:
    job.wait(1000)  # `finished` is sent just before the thread ends
    _threads.discard(job)


@atexit.register
def _wait_for_threads() -> None:
    for job in list(_threads):
        job.stop()
        job.wait(20_000)


def _ignore(_exc: BaseException) -> None:
    return None


def _round(registry, max_file_bytes: int | None
           ) -> Callable[[Any, Callable[[str, str], None]], Any]:
    def fn(vault, report):
        from desktop.syncing.engine import run_round

        return run_round(vault, registry=registry, progress=report,
                         max_file_bytes=max_file_bytes)
    return fn


def limit_bytes(vault) -> int:
    """The worker's size over which files wait for an unmetered network."""
    raw = vault.sync_state(LIMIT_KEY)
    mb = int(raw) if raw and raw.isdigit() else DEFAULT_LIMIT_MB
    return max(1, mb) << 20


def _status(vault, metered: bool = False) -> tuple[bool, dict]:
    """On the vault's worker: enrolled, the counts, the files held back on a metered
    network, the lease."""
    from desktop.syncing import lease

    st = dict(vault.sync_status())
    enrolled = vault.sync_enrollment() is not None
    st["limit"] = limit_bytes(vault)
    held = [size for _id, size, _sha, _c in vault.files_to_send() if size > st["limit"]] \
        if metered and enrolled else []
    st["held_files"], st["held_bytes"] = len(held), sum(held)
    st["lease"] = lease.read(vault).as_dict() if enrolled else None
    return enrolled, st


class SyncRunner(QObject):
    """Decides when a round runs and keeps the state the status line shows."""

    state_changed = Signal(object)   # SyncState
    progress = Signal(str, str)      # the engine's lines (ko, en)
    round_finished = Signal(object)  # the error, or None
    wiped = Signal()

    def __init__(self, session, parent: QObject | None = None, *,
                 debounce_ms: int = DEBOUNCE_MS, interval_ms: int = INTERVAL_MS,
                 retry_ms: int = RETRY_MS):
        super().__init__(parent)
        from ui.network_watch import NetworkWatch

        self.session = session
        self.network = NetworkWatch(self)  # the metered flag (a setting can say it)
        self.network.changed.connect(self._network_changed)
        self.limit = DEFAULT_LIMIT_MB << 20  # as last read from the vault
        self._send_held = False  # "Send now": the next round sends large files too
        self.state = SyncState()
        self.job: VaultJob | None = None
        self._again = False
        self._stopped = False
        self._failures = 0  # rounds failed in a row: the retry backs off
        self.retry_ms, self.interval_ms = retry_ms, interval_ms
        self.debounce = QTimer(self, singleShot=True, interval=debounce_ms)
        self.debounce.timeout.connect(self._after_saves)
        self.timer = QTimer(self, singleShot=True, interval=interval_ms)
        self.timer.timeout.connect(self.request)
        self.recount = QTimer(self, singleShot=True, interval=300)
        self.recount.timeout.connect(self.refresh)

    # -- triggers ----------------------------------------------------------------------
    def start(self) -> None:
        """After unlock: read the state; an enrolled vault syncs once now."""
        self.refresh(then_sync=True)

    def local_change(self, changes=None) -> None:
        """The change feed: a save (or the enrollment) changed what waits or whether sync
        is on. The counts follow quickly; a round follows the last save by the debounce."""
        if self._stopped:
            return
        self.recount.start()
        if changes is not None and getattr(changes, "settings", False) \
                and not self.state.enrolled:
            self.refresh(then_sync=True)  # enrolled just now (the dialog, or the CLI)
            return
        if self.state.enrolled:
            self.debounce.start()

    def request(self) -> None:
        """Sync now (the button, the shortcut, the timer)."""
        if self._stopped or not self.state.enrolled:
            return
        if self.job is not None:
            self._again = True
            return
        self._start_round()

    # -- state -------------------------------------------------------------------------
    def refresh(self, then_sync: bool = False) -> None:
        if self._stopped:
            return

        metered = self.network.metered()

        def got(res: tuple[bool, dict]) -> None:
            if self._stopped:
                return
            enrolled, st = res
            was = self.state.enrolled
            self.limit = st["limit"]
            self._set(known=True, enrolled=enrolled, pending_changes=st["pending_changes"],
                      pending_files=st["pending_files"], pending_bytes=st["pending_bytes"],
                      last_success=st["last_success"], metered=metered,
                      held_files=st["held_files"], held_bytes=st["held_bytes"],
                      lease=st["lease"])
            if enrolled and (then_sync or not was):
                self.request()

        self.session.submit(lambda v: _status(v, metered), got, _ignore, key="sync-status")

    def _set(self, **changes: Any) -> None:
        self.state = replace(self.state, **changes)
        self.state_changed.emit(self.state)

    def _after_saves(self) -> None:
        """Debounce over: a round if something waits to be sent (a pulled change also
        comes through the feed, and needs no round of its own)."""
        def got(res: tuple[bool, dict]) -> None:
            enrolled, st = res
            if enrolled and (st["pending_changes"] or st["pending_files"]):
                self.request()
        if not self._stopped:
            self.session.submit(_status, got, _ignore)

    # -- rounds ------------------------------------------------------------------------
    def send_held(self) -> None:
        """"Send now": the files waiting for Wi-Fi go in the next round (this one only)."""
        if self._stopped or not self.state.enrolled:
            return
        self._send_held = True
        self.request()

    def _network_changed(self, metered: bool) -> None:
        self._set(metered=metered)
        self.refresh()
        if not metered and self.state.held_files:
            self.request()  # Wi-Fi again: what waited for it goes now

    def _start_round(self) -> None:
        self.timer.stop()
        self._again = False
        limit = self.limit if self.network.metered() and not self._send_held else None
        self._send_held = False
        job = VaultJob(self.session.tasks, _round(self.session.registry, limit),
                       max_file_bytes=limit)
        job.done.connect(self._round_done)
        job.progress.connect(self.progress)
        job.files.connect(lambda sent, total: self._set(sent_bytes=sent, total_bytes=total))
        self.job = job
        self._set(running=True, sent_bytes=None, total_bytes=None)
        job.start()

    def _round_done(self, _result, error: BaseException | None) -> None:
        if self.sender() is not self.job:
            return  # an abandoned round finishing late
        self.job = None
        if self._stopped:
            return
        if error is None:
            # the time at once (the vault's own follows with the recount): the line never
            # says "up to date" beside "never synced yet"
            now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            self._set(running=False, problem=None, message=None, sent_bytes=None,
                      total_bytes=None, last_success=now)
        elif isinstance(error, Abandoned):
            self._set(running=False, sent_bytes=None, total_bytes=None)
        else:
            kind = classify(error)
            self._set(running=False, problem=kind, message=message_of(error),
                      sent_bytes=None, total_bytes=None)
            if kind == "wiped":
                self._stopped = True
                self.round_finished.emit(error)
                self.wiped.emit()
                return
        self.round_finished.emit(error)
        self.refresh()
        self._failures = 0 if error is None else self._failures + 1
        if self._again:
            self._start_round()
        elif self._failures:
            # offline for hours is one history row every 10 minutes, not every minute
            self.timer.start(min(self.retry_ms << min(self._failures - 1, 10),
                                 self.interval_ms))
        else:
            self.timer.start(self.interval_ms)

    def stop(self, wait_ms: int = 300) -> None:
        """Lock or quit: no more rounds; the one in flight is abandoned (waited for only
        briefly: the GUI must not hang on a slow network)."""
        self._stopped = True
        for t in (self.debounce, self.timer, self.recount):
            t.stop()
        job, self.job = self.job, None
        if job is not None:
            job.stop()
            job.wait(wait_ms)

    @property
    def running(self) -> bool:
        return self.job is not None


def run_enroll(tasks: VaultTasks, url: str, code: str, fingerprint: str) -> VaultJob:
    """Enrollment off the GUI thread (network), its vault writes on the worker; the
    caller connects `done` and calls `start()`."""
    def fn(vault, _report):
        from desktop.syncing.enroll import enroll

        return enroll(vault, url, code, fingerprint)
    return VaultJob(tasks, fn, name="enroll")
