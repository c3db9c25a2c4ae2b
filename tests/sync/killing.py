"""Pieces of the kill tests shared with the sync benchmark (tests/bench/bench_sync.py):
`donghaeng sync` as a child process whose progress can be waited on and which can be
SIGKILLed, a kill placed between the server's commit and the laptop's receipts, a server
restart behind the fault proxy, and what the server and the laptop each hold afterwards."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from urllib.parse import urlsplit

from tests.e2e.cli_helpers import ROOT
from tests.sync.conftest import RunningServer
from tests.sync.faultproxy import FaultProxy
from tests.sync.laptops import LAPTOP_PASSPHRASE, Laptop, stop_last
from tests.sync.servers import engine_of


class SyncRun:
    """`donghaeng sync --json` as a child process, its stderr progress read line by line."""

    def __init__(self, lap: Laptop):
        env = {k: v for k, v in os.environ.items() if not k.startswith("DONGHAENG_")}
        env.update(DONGHAENG_HOME=str(lap.home), DONGHAENG_PASSPHRASE=LAPTOP_PASSPHRASE,
                   QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8")
        # English progress lines: the kills are placed after "sent …" / "file …" lines
        self.proc = subprocess.Popen([sys.executable, "-m", "donghaeng", "--lang", "en",
                                      "sync", "--json"],
                                     cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self.cond = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            with self.cond:
                self.lines.append(line.rstrip("\n"))
                self.cond.notify_all()
        with self.cond:
            self.lines.append("<eof>")
            self.cond.notify_all()

    def wait_line(self, prefix: str, count: int = 1, timeout: float = 120) -> bool:
        """Waits until `count` lines start with `prefix`; False if the run ended first."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while sum(x.startswith(prefix) for x in self.lines) < count:
                if "<eof>" in self.lines or time.monotonic() > deadline:
                    return False
                self.cond.wait(0.5)
        return True

    def kill(self) -> bool:
        """SIGKILL; True if it was still running (a kill that landed)."""
        alive = self.proc.poll() is None
        if alive:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)
        return alive

    def finish(self, timeout: float = 600) -> tuple[int, str, str]:
        out = self._wait(timeout)
        return self.proc.returncode, out, "\n".join(self.lines)

    def _wait(self, timeout: float) -> str:
        """The exit and stdout (a --json summary: small, it fits the pipe); stderr is
        the reader thread's alone (communicate() would read it too and take lines)."""
        assert self.proc.stdout is not None
        self.proc.wait(timeout=timeout)
        out = self.proc.stdout.read()
        self._reader.join(timeout=10)
        return out


def kill_after_commit(srv: RunningServer, run: SyncRun) -> bool:
    """Kills the sync the moment the server's mark moves past where it is once a push is
    under way: the batch is committed, its receipts are still in the proxy's delay line."""
    from sqlalchemy import func, select

    from sync.server.models import Device

    if not run.wait_line("sent ", 1):
        return run.kill()
    engine = engine_of(srv)
    mark = select(func.coalesce(func.max(Device.high_water), 0))
    try:
        with engine.connect() as conn:
            before = conn.execute(mark).scalar_one()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and run.proc.poll() is None:
            with engine.connect() as conn:
                if conn.execute(mark).scalar_one() > before:
                    break
            time.sleep(0.005)
        return run.kill()
    finally:
        engine.dispose()


def restart(srv: RunningServer, proxy: FaultProxy) -> None:
    """Stops the newest `server run`, starts another and points the proxy at it."""
    stop_last(srv)
    url = srv.start()
    proxy.target_port = urlsplit(url).port or 0


def server_changes(srv: RunningServer, device_id: str) -> list[tuple[str, int]]:
    """(change_id, device_seq) of every change the server stored for `device_id`."""
    from sqlalchemy import select

    from sync.server.models import Change

    engine = engine_of(srv)
    try:
        with engine.connect() as conn:
            return [(r[0], r[1]) for r in conn.execute(
                select(Change.change_id, Change.device_seq)
                .where(Change.device_id == device_id))]
    finally:
        engine.dispose()


def laptop_view(lap: Laptop) -> tuple[str, list[tuple[str, int]], set[str]]:
    """The laptop's device id, its own changes (change_id, device_seq) and the SHA-256 of
    every attachment's ciphertext file."""
    from desktop.vault import Vault

    v = Vault.open(lap.home, lap.worker, LAPTOP_PASSPHRASE)
    try:
        conn = v._store.conn
        changes = [(r[0], r[1]) for r in conn.execute(
            "SELECT change_id, device_seq FROM changes WHERE device_id = ?", (v.device_id,))]
        shas = set()
        for (att_id,) in conn.execute("SELECT id FROM attachments"):
            with open(v.attachment_file(att_id), "rb") as f:
                shas.add(hashlib.file_digest(f, "sha256").hexdigest())
        return v.device_id, changes, shas
    finally:
        v.lock()


def stored_files(srv: RunningServer) -> set[str]:
    """The SHA-256 of every file in the server's store (computed, not read from names)."""
    out = set()
    for p in (srv.data / "files").rglob("*"):
        if p.is_file():
            with open(p, "rb") as f:
                out.add(hashlib.file_digest(f, "sha256").hexdigest())
    return out
