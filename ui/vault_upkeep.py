"""Idle-time upkeep of the open vault: the search index's merges, in small steps on the
worker thread while nobody is waiting for the vault (see Vault.maintain and migration 2 —
FTS5 would otherwise do them in bursts inside a worker's save)."""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

IDLE_MS = 10_000   # between checks when the index was found merged
BUSY_MS = 1_000    # between steps while merge work remains
STEP_S = 0.05      # one step's budget: a save queued behind it waits at most this long
POLL_MS = 2_000    # how soon a change by another process (the CLI, sync) reaches the screens


class VaultUpkeep(QObject):
    def __init__(self, tasks, parent: QObject | None = None, *, idle_ms: int = IDLE_MS,
                 busy_ms: int = BUSY_MS, poll_ms: int = POLL_MS):
        super().__init__(parent)
        self.tasks = tasks
        self.idle_ms, self.busy_ms = idle_ms, busy_ms
        self.steps_run = 0
        self.more = True  # merge work may remain (unknown until a step says otherwise)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._tick)
        # Changes committed by another process on this vault: the feed publishes them
        # (one PRAGMA when nothing changed), and the screens refresh as after a save here.
        self.poll = QTimer(self)
        self.poll.setInterval(poll_ms)
        self.poll.timeout.connect(self._poll)

    def start(self) -> None:
        self.timer.start(self.idle_ms)
        self.poll.start()

    def stop(self) -> None:
        self.timer.stop()
        self.poll.stop()

    def _poll(self) -> None:
        if not self.tasks.pending():
            self.tasks.submit(lambda vault: vault.poll_changes(), on_err=_ignore, key="poll")

    def _tick(self) -> None:
        if self.tasks.pending():  # someone is using the vault: come back later
            self.timer.start(self.idle_ms)
            return
        self.tasks.submit(lambda vault: vault.maintain(STEP_S), on_ok=self._done,
                          on_err=self._failed, key="upkeep")

    def _done(self, more: bool) -> None:
        self.steps_run += 1
        self.more = bool(more)
        self.timer.start(self.busy_ms if more else self.idle_ms)

    def _failed(self, _exc: BaseException) -> None:
        # Upkeep is an optimisation: a failure here (the vault locked meanwhile, a full
        # disk) is met again, and reported, by the next real write.
        self.timer.start(self.idle_ms)


def _ignore(_exc: BaseException) -> None:
    return None
