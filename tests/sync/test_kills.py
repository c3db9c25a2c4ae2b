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

import json
import random
import time
from urllib.parse import urlsplit

import pytest

from tests.sync.conftest import BACKENDS, served
from tests.sync.faultproxy import FaultProxy
from tests.sync.fill import filled_laptop
from tests.sync.killing import (
    SyncRun,
    kill_after_commit,
    laptop_view,
    restart,
    server_changes,
    stored_files,
)
from tests.sync.laptops import enroll, server_status

RECORDS = 2000
FILES = [50 * 1024 * 1024] + [random.Random(5).randint(100_000, 2_000_000)
                              for _ in range(19)]


@pytest.fixture(scope="module", params=BACKENDS)
def srv(request, tmp_path_factory):
    with served(request, tmp_path_factory, "kills") as s:
        yield s


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
                restart(srv, proxy)
                restarts += 1
                continue
            run = SyncRun(lap)
            if step == "commit":
                landed = kill_after_commit(srv, run)
                kills += landed
                # the server stored a batch whose receipts the laptop never got
                acked = lap.json("sync", "status")["acked"]
                seq = max(d["seq"] for d in server_status(srv)["devices"])
                in_window += landed and seq > acked
            elif step == "restart-under":
                # the server goes away under a running sync: it fails cleanly, keeps all
                if run.wait_line("file ", 1):
                    restart(srv, proxy)
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

    device_id, laptop_changes, laptop_shas = laptop_view(lap)
    on_server = server_changes(srv, device_id)
    assert len(on_server) == len(set(on_server))                     # 0 duplicates
    assert sorted(on_server) == sorted(laptop_changes)                # 0 missing
    assert len(laptop_changes) >= RECORDS + len(FILES)  # the records and the attaches
    status = server_status(srv)
    assert status["quarantined"] == 0
    mine = [d for d in status["devices"] if d["id"] == device_id][0]
    assert mine["changes"] == mine["seq"] == len(laptop_changes)
    assert status["files"] == len(FILES) and status["files_pending"] == 0
    assert laptop_shas <= stored_files(srv)                           # every hash matches
    st = lap.json("sync", "status")
    assert st["acked"] == st["last_seq"] == len(laptop_changes)
    assert st["pending_bytes"] == 0
