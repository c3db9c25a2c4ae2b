"""The field's worst day, in `make test` size: 2,000 records and 20 files (one of 50 MB)
synced from one laptop through a slow link (the fault proxy) while `donghaeng sync` is
SIGKILLed at least six times mid-transfer and the server is restarted twice, once under
a running sync. Afterwards the server holds exactly the laptop's changes — none missing,
none twice, none quarantined — and every file's bytes hash to the laptop's ciphertext.

Kills are placed, not only timed: two land in the window between the server committing a
batch and the laptop storing its receipts (the proxy delays answers by 300 ms; the test
watches the server's high-water mark and kills the moment it moves), the others after a
progress line of the push or of a file upload, plus a random few milliseconds.
The full size (10,000 records, 200 files, 20 kills, 5 restarts) is a benchmark.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from urllib.parse import urlsplit

import pytest

from tests.e2e.cli_helpers import ROOT
from tests.sync.conftest import BACKENDS, RunningServer
from tests.sync.faultproxy import FaultProxy
from tests.sync.fill import filled_laptop
from tests.sync.laptops import (
    LAPTOP_PASSPHRASE,
    Laptop,
    enroll,
    served,
    server_status,
    stop_last,
)

RECORDS = 2000
FILES = [50 * 1024 * 1024] + [random.Random(5).randint(100_000, 2_000_000)
                              for _ in range(19)]


@pytest.fixture(scope="module", params=BACKENDS)
def srv(request, tmp_path_factory):
    with served(request, tmp_path_factory, "kills") as s:
        yield s


class SyncRun:
    """`donghaeng sync --json` as a child process, its stderr progress read line by line."""

    def __init__(self, lap: Laptop):
        env = {k: v for k, v in os.environ.items() if not k.startswith("DONGHAENG_")}
        env.update(DONGHAENG_HOME=str(lap.home), DONGHAENG_PASSPHRASE=LAPTOP_PASSPHRASE,
                   QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8")
        self.proc = subprocess.Popen([sys.executable, "-m", "donghaeng", "sync", "--json"],
                                     cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

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
        out, _ = self.proc.communicate(timeout=timeout)
        time.sleep(0.1)
        return self.proc.returncode, out, "\n".join(self.lines)


def _engine(srv: RunningServer):
    from sqlalchemy import create_engine

    from sync.server.config import load as load_config
    from sync.server.config import sqlalchemy_url

    conf = load_config(srv.data)
    return create_engine(sqlalchemy_url(conf.database, conf.paths))


def _kill_after_commit(srv: RunningServer, run: SyncRun) -> bool:
    """Kills the sync the moment the server's mark moves past where it is once a push is
    under way: the batch is committed, its receipts are still in the proxy's delay line."""
    from sqlalchemy import func, select

    from sync.server.models import Device

    if not run.wait_line("sent ", 1):
        return run.kill()
    engine = _engine(srv)
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


def _restart(srv: RunningServer, proxy: FaultProxy) -> None:
    stop_last(srv)
    url = srv.start()
    proxy.target_port = urlsplit(url).port or 0


def _server_changes(srv: RunningServer, device_id: str) -> list[tuple[str, int]]:
    from sqlalchemy import select

    from sync.server.models import Change

    engine = _engine(srv)
    try:
        with engine.connect() as conn:
            return [(r[0], r[1]) for r in conn.execute(
                select(Change.change_id, Change.device_seq)
                .where(Change.device_id == device_id))]
    finally:
        engine.dispose()


def _laptop_view(lap: Laptop) -> tuple[str, list[tuple[str, int]], set[str]]:
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


def _stored_files(srv: RunningServer) -> set[str]:
    out = set()
    for p in (srv.data / "files").rglob("*"):
        if p.is_file():
            with open(p, "rb") as f:
                out.add(hashlib.file_digest(f, "sha256").hexdigest())
    return out


@pytest.mark.slow
def test_kills_and_restarts_lose_nothing_and_duplicate_nothing(srv, tmp_path):
    lap = filled_laptop(tmp_path, "강동행", RECORDS, FILES)
    target = urlsplit(srv.url)
    rng = random.Random(2026)
    with FaultProxy(target.hostname or "", target.port or 0, max_lifetime=20 * 60) as proxy:
        enroll(srv, lap, url=proxy.url_for())
        proxy.up.latency, proxy.down.latency = 0.02, 0.3
        proxy.bandwidth = 40 * 1024 * 1024
        kills = restarts = in_window = 0
        plan = ["commit", "sent", "commit", "restart", "file", "file", "file",
                "restart-under", "file"]
        for step in plan:
            if step == "restart":
                _restart(srv, proxy)
                restarts += 1
                continue
            run = SyncRun(lap)
            if step == "commit":
                landed = _kill_after_commit(srv, run)
                kills += landed
                # the server stored a batch whose receipts the laptop never got
                acked = lap.json("sync", "status")["acked"]
                seq = max(d["seq"] for d in server_status(srv)["devices"])
                in_window += landed and seq > acked
            elif step == "restart-under":
                # the server goes away under a running sync: it fails cleanly, keeps all
                if run.wait_line("file ", 1):
                    _restart(srv, proxy)
                    restarts += 1
                code, _out, err = run.finish()
                assert "Traceback" not in err, err[-3000:]
            else:
                prefix = "sent " if step == "sent" else "file "
                landed = run.wait_line(prefix, rng.randint(1, 3))
                time.sleep(rng.uniform(0, 0.2))
                kills += run.kill() and landed
        assert kills >= 6 and restarts >= 2 and in_window >= 1, (kills, restarts, in_window)

        proxy.down.latency = 0.02
        for _ in range(5):
            code, out, err = SyncRun(lap).finish()
            assert "Traceback" not in err, err[-3000:]
            if code == 0:
                break
        assert code == 0, err[-3000:]
        summary = json.loads(out)
        assert summary["pending_changes"] == 0 and summary["pending_files"] == 0

    device_id, laptop_changes, laptop_shas = _laptop_view(lap)
    server_changes = _server_changes(srv, device_id)
    assert len(server_changes) == len(set(server_changes))            # 0 duplicates
    assert sorted(server_changes) == sorted(laptop_changes)           # 0 missing
    assert len(laptop_changes) >= RECORDS + len(FILES)  # the records and the attaches
    status = server_status(srv)
    assert status["quarantined"] == 0
    mine = [d for d in status["devices"] if d["id"] == device_id][0]
    assert mine["changes"] == mine["seq"] == len(laptop_changes)
    assert status["files"] == len(FILES) and status["files_pending"] == 0
    assert laptop_shas <= _stored_files(srv)                           # every hash matches
    st = lap.json("sync", "status")
    assert st["acked"] == st["last_seq"] == len(laptop_changes)
    assert st["pending_bytes"] == 0
