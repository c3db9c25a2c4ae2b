"""A server restored from an older backup (the procedure of docs/operations.md: SQLite's
online backup, pg_dump / pg_restore) is behind the receipts a laptop holds. The laptop
notices at its next round (its high-water mark on the server is below its receipts) and
sends those changes again, so "sent" never becomes "not there"; the server stores them
once and the counts agree again."""
from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.sync.conftest import BACKENDS, RunningServer, served
from tests.sync.faultproxy import FaultProxy
from tests.sync.laptops import enroll, new_laptop, server_status, stop_last
from tests.sync.postgres import _bin


@pytest.fixture(scope="module", params=BACKENDS)
def srv(request, tmp_path_factory):
    with served(request, tmp_path_factory, "restore") as s:
        yield s


def _url(srv: RunningServer) -> str:
    from sync.server.config import load as load_config
    from sync.server.config import sqlalchemy_url

    conf = load_config(srv.data)
    return sqlalchemy_url(conf.database, conf.paths)


def backup(srv: RunningServer, out: Path) -> None:
    """While the server runs, as the operations guide says."""
    url = _url(srv)
    if srv.backend == "sqlite":
        src = sqlite3.connect(url.removeprefix("sqlite:///"))
        dst = sqlite3.connect(out)
        with dst:
            src.backup(dst)
        src.close()
        dst.close()
    else:
        subprocess.run([_bin("pg_dump"), "-Fc", "-f", str(out), srv.database or ""],
                       check=True, capture_output=True, timeout=120)


def restore(srv: RunningServer, backup_file: Path) -> None:
    """With the server stopped: the database replaced by the backup."""
    if srv.backend == "sqlite":
        live = Path(_url(srv).removeprefix("sqlite:///"))
        for extra in (live.with_name(live.name + "-wal"), live.with_name(live.name + "-shm")):
            extra.unlink(missing_ok=True)
        src, dst = sqlite3.connect(backup_file), sqlite3.connect(live)
        with dst:
            src.backup(dst)
        src.close()
        dst.close()
        return
    import psycopg

    db = (srv.database or "").rsplit("/", 1)
    with psycopg.connect(db[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{db[1]}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db[1]}"')
    subprocess.run([_bin("pg_restore"), "-d", srv.database or "", str(backup_file)],
                   check=True, capture_output=True, timeout=120)


def _session(n: int) -> dict:
    return {"date": "2026-12-06", "start_time": "10:00", "end_time": "11:00",
            "place_type": "police", "place": f"경찰서 {n}", "purpose": ["victim_interview"],
            "workers": [{"name": "활동가", "role": "lead"}],
            "what_happened": f"복원 시험용 동행 기록 {n}번입니다", "victim_condition": "anxious",
            "outcome": "completed"}


def test_a_server_restored_behind_the_receipts_gets_them_again(srv, tmp_path):
    lap = new_laptop(tmp_path, "r", "복원동행")
    lap.put(tmp_path, "companion_session", _session(1), case="RST-2026-0001")
    # the laptop keeps one address while the server process behind it is replaced
    target = urlsplit(srv.url)
    proxy = FaultProxy(target.hostname or "", target.port or 0, max_lifetime=600)
    try:
        _restored(srv, lap, proxy, tmp_path)
    finally:
        proxy.close()


def _restored(srv: RunningServer, lap, proxy: FaultProxy, tmp_path: Path) -> None:
    enroll(srv, lap, url=proxy.url_for())
    assert lap.json("sync")["pending_changes"] == 0
    saved = tmp_path / "server.backup"
    backup(srv, saved)

    for n in (2, 3):
        lap.put(tmp_path, "companion_session", _session(n), case="RST-2026-0001")
    assert lap.json("sync")["pending_changes"] == 0
    st = lap.json("sync", "status")
    mine = lambda: [d for d in server_status(srv)["devices"]  # noqa: E731
                    if d["worker"] == "복원동행"][0]
    assert mine()["seq"] == st["acked"]

    stop_last(srv)
    restore(srv, saved)
    proxy.target_port = urlsplit(srv.start()).port or 0
    behind = mine()
    assert behind["seq"] < st["acked"]  # the backup did not hold the later changes

    # nothing new on the laptop: the round still notices and re-sends what was lost
    again = lap.json("sync")
    assert again["pushed"] >= st["acked"] - behind["seq"]
    now = mine()
    assert now["seq"] == now["changes"] == st["acked"]
    assert server_status(srv)["quarantined"] == 0
    # and a further round sends nothing
    assert lap.json("sync")["pushed"] == 0
