"""The center's desk (issue 14).

desk.pull_10k_s  a SQLite `server run` holding 10,000 sealed intake records of 50 workers
    (200 each, cases of ten: 11,000 changes; each worker's real laptop vault synced once,
    the server's data folder cached under build/bench/ and copied per run); a new desk
    vault imports the organisation key (`desk import-key`) and enrolls (`--role desk`);
    then ONE `donghaeng sync --json` process on the desk, timed from spawn to exit: it
    pulls every change, opens each with the organisation key and applies it to the vault
    (process start and vault unlock included). Checked: `record list --json` then lists
    the 10,000 records.                                                          <= 30
"""
from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench_common import ROOT, cached_fixture, metric, source_key

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

WORKERS, PER_WORKER = 50, 200


def _build_server(folder: Path) -> None:
    from tests.sync.conftest import init_server
    from tests.sync.fill import filled_laptop
    from tests.sync.laptops import enroll

    (folder / "site").mkdir()
    srv = init_server(folder / "site", None)
    (folder / "fingerprint").write_text(srv.fingerprint)
    srv.start()
    try:
        for i in range(WORKERS):
            lap = filled_laptop(folder / f"w{i:02d}", f"활동가{i:02d}", PER_WORKER, [], seed=i)
            enroll(srv, lap, team=f"{i % 5 + 1}팀")
            out = json.loads(lap.ok("sync", "--json"))
            assert out["pending_changes"] == 0, out
            shutil.rmtree(folder / f"w{i:02d}")
    finally:
        srv.stop()


def _site() -> Path:
    key = source_key("desktop/vault", "desktop/syncing", "sync", "tests/sync/fill.py",
                     "tests/bench/bench_desk.py", extra=f"{WORKERS}x{PER_WORKER}")
    return cached_fixture("desk-site", key, _build_server)


def pull_10k() -> dict:
    from sync_bench_setup import sync_once

    from tests.sync.conftest import RunningServer
    from tests.sync.laptops import enroll, new_laptop
    from tests.sync.test_desk import _import

    cached = _site()
    tmp = Path(tempfile.mkdtemp(prefix="dh-bench-desk-"))
    try:
        shutil.copytree(cached / "site", tmp / "site", symlinks=True)
        srv = RunningServer("sqlite", tmp / "site" / "data", tmp / "site" / "orgkeys", None,
                            "", (cached / "fingerprint").read_text().strip())
        srv.start()
        try:
            desk = new_laptop(tmp, "desk", "센터데스크")
            r = _import(desk, srv, tmp)
            assert r.code == 0, r.err
            enroll(srv, desk, role="desk")
            t0 = time.monotonic()
            code, wall, summary, _run = sync_once(desk)
            assert code == 0, (code, summary)
            listed = json.loads(desk.ok("record", "list", "--json"))
            elapsed = time.monotonic() - t0
        finally:
            srv.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"wall": wall, "pulled": summary.get("pulled"), "records": len(listed),
            "authors": len({x["author"] for x in listed}), "with_list": elapsed}


def run() -> list[dict]:
    got = pull_10k()
    assert got["records"] == WORKERS * PER_WORKER and got["authors"] == WORKERS, got
    return [metric("desk.pull_10k_s", got["wall"], "s", "<=", 30.0,
                   "a new desk vault (organisation key imported, enrolled as a desk) runs "
                   "ONE `donghaeng sync --json` against a SQLite server holding 10,000 "
                   "sealed intake records of 50 workers (11,000 changes): spawn to exit, "
                   "every change pulled, opened with the organisation key and applied",
                   f"pulled {got['pulled']} changes; record list then shows "
                   f"{got['records']} records of {got['authors']} workers")]
