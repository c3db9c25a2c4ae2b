"""The desk's overview of workers, through the real commands against a real server
(SQLite and PostgreSQL): each laptop reports its counts after a successful round, the
desk's `desk workers --json` shows per worker their laptops, last sync, what waits and the
records conflicted on the server; only a desk may ask; a server without the report route
(an older one) answers 404 and the round still succeeds."""
from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from desktop.version import version
from sync.protocol import DeviceReport, ReportStored, from_json, to_json
from tests.sync.conftest import BACKENDS, cli, served
from tests.sync.device import enrolled
from tests.sync.laptops import LAPTOP_PASSPHRASE, enroll, new_laptop, server_status
from tests.sync.test_round import _session

REPORT_KEYS = {"pending_changes", "pending_files", "pending_bytes", "conflicts",
               "inbox_waiting", "last_success", "app_version", "passphrase_recovered"}
MB = 1 << 20


@pytest.fixture(scope="module", params=BACKENDS)
def srv(request, tmp_path_factory):
    with served(request, tmp_path_factory, "overview") as s:
        yield s


def _desk(srv, tmp_path, name: str):
    desk = new_laptop(tmp_path, name, f"센터데스크-{name}")
    enroll(srv, desk, role="desk")
    return desk


def _row(rows: list[dict], worker: str) -> dict:
    (row,) = [r for r in rows if r["worker"] == worker]
    return row


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_the_desk_sees_each_workers_laptops_last_sync_and_conflicts(srv, tmp_path):
    # worker A on two laptops editing one record offline (a conflict), worker B on one
    a1 = new_laptop(tmp_path, "a1", "오하람")
    rid = a1.put(tmp_path, "companion_session", _session("경찰서", "오하람이 처음 작성한 동행 기록입니다"),
                 case="OHR-2026-0001")
    enroll(srv, a1, team="서부팀")
    a2 = new_laptop(tmp_path, "a2", "오하람")
    enroll(srv, a2, team="서부팀")
    b = new_laptop(tmp_path, "b", "문가온")
    b.put(tmp_path, "companion_session", _session("병원", "문가온이 작성한 동행 기록입니다"), case="MGO-2026-0001")
    enroll(srv, b, team="동부팀")
    a1.json("sync")
    a2.json("sync")
    base = a2.json("record", "show", rid)["version_id"]
    a1.edit(tmp_path, rid, _session("경찰서", "노트북 1에서 고친 동행 기록입니다"))
    a2.edit(tmp_path, rid, _session("경찰서", "노트북 2에서 고친 동행 기록입니다"), base=base)
    before = _now()
    for lap in (a1, a2, a1, b):
        lap.json("sync")
    assert a1.json("record", "show", rid)["conflict"] is True

    desk = _desk(srv, tmp_path, "desk")
    rows = desk.json("desk", "workers")
    a = _row(rows, "오하람")
    assert (a["team"], a["role"], a["laptops"], a["conflicts"]) == ("서부팀", "worker", 2, 1)
    assert (a["pending_changes"], a["pending_files"], a["pending_bytes"]) == (0, 0, 0)
    reports = [d["report"] for d in a["devices"]]
    assert all(r is not None and set(r) == REPORT_KEYS for r in reports), reports
    # each laptop's own view after its last round: both heads of the record are there
    assert [r["conflicts"] for r in reports] == [1, 1]
    assert {r["app_version"] for r in reports} == {version()}
    assert a["last_sync"] == max(r["last_success"] for r in reports) >= before
    assert a["last_sync"] <= a1.json("sync", "status")["last_success"]

    g = _row(rows, "문가온")
    assert (g["team"], g["laptops"], g["conflicts"], g["pending_changes"]) == \
        ("동부팀", 1, 0, 0)
    assert g["last_sync"] is not None and g["last_sync"] >= before
    # the desk itself is listed: enrolled, not synced yet, so nothing reported
    d = _row(rows, "센터데스크-desk")
    assert d["role"] == "desk" and d["last_success"] is None and d["pending_changes"] is None

    # the server keeps counts only: no case code, no record text in what it stored
    status = server_status(srv)
    text = json.dumps(status, ensure_ascii=False)
    assert "OHR-2026" not in text and "기록" not in text
    stored = [x["report"] for x in status["devices"] if x["worker"] == "오하람"]
    assert all(set(r) == REPORT_KEYS for r in stored)

    # the text form: one line per worker, in the UI language
    out = desk.ok("--lang", "en", "desk", "workers")
    line = next(x for x in out.splitlines() if x.startswith("오하람\t"))
    assert "2 laptop(s)" in line and "conflicts 1" in line and "0 change(s)" in line


def test_reported_counts_add_up_per_worker_over_the_laptops_still_syncing(srv, tmp_path):
    one, two = enrolled(srv, "표세린"), enrolled(srv, "표세린")
    sent = [(one, DeviceReport(pending_changes=3, pending_files=2, pending_bytes=41 * MB,
                               conflicts=0, inbox_waiting=1,
                               last_success="2026-12-06T09:12:00Z", app_version="0.9.1")),
            (two, DeviceReport(pending_changes=4, pending_files=0, pending_bytes=0,
                               conflicts=2, inbox_waiting=0,
                               last_success="2026-12-06T10:30:00Z", app_version="0.9.2"))]
    for dev, report in sent:
        r = dev.request("POST", "/v1/device/report", to_json(report))
        assert r.status_code == 200, r.text
        assert from_json(ReportStored, r.content).reported_at.endswith("Z")
    bad = one.request("POST", "/v1/device/report",
                      b'{"pending_changes": -1, "pending_files": 0, "pending_bytes": 0,'
                      b' "conflicts": 0, "inbox_waiting": 0, "last_success": null,'
                      b' "app_version": "1"}')
    assert bad.status_code == 422 and "\n" not in bad.json()["message"]

    desk = _desk(srv, tmp_path, "desk2")
    p = _row(desk.json("desk", "workers"), "표세린")
    assert (p["laptops"], p["pending_changes"], p["pending_files"], p["pending_bytes"],
            p["inbox_waiting"]) == (2, 7, 2, 41 * MB, 1)
    assert p["last_sync"] == "2026-12-06T10:30:00Z"  # the newer of the two

    # a laptop revoked as lost is listed, its last report no longer counted
    proc = cli("revoke", "--data", str(srv.data), "--device", two.device_id, "--mode", "lost")
    assert proc.returncode == 0, proc.stderr
    p = _row(desk.json("desk", "workers"), "표세린")
    assert (p["laptops"], p["pending_changes"], p["last_sync"]) == \
        (1, 3, "2026-12-06T09:12:00Z")
    assert {d["state"] for d in p["devices"]} == {"active", "revoked_lost"}


def test_only_a_desk_sees_the_overview(srv, tmp_path):
    worker = enrolled(srv, "도은결")
    r = worker.request("GET", "/v1/overview")
    assert r.status_code == 403 and "desk" in r.json()["message"]
    assert worker.http.get("/v1/overview").status_code == 401   # unsigned
    desk = enrolled(srv, "센터데스크-api", role="desk")
    assert desk.request("GET", "/v1/overview").status_code == 200

    lap = new_laptop(tmp_path, "w", "도은결2")
    enroll(srv, lap)
    got = lap.run("--lang", "en", "desk", "workers")
    assert got.code == 1 and "Traceback" not in got.err
    lines = [x for x in got.err.splitlines() if x.strip()]
    assert lines == ["the overview of workers is shown on the center's desk only"], got.err


def test_a_server_without_the_report_route_does_not_fail_the_round(srv, tmp_path,
                                                                   monkeypatch):
    """An older server has no report route: the real server answers 404 for a path it
    does not serve, which is what the laptop meets there; the round succeeds and the
    server holds no report of this laptop."""
    from desktop.syncing.engine import run_round
    from desktop.vault import Vault
    from sync.client.transport import SyncTransport

    lap = new_laptop(tmp_path, "old", "나무결")
    lap.put(tmp_path, "companion_session", _session("법원", "오래된 서버로 보낸 동행 기록입니다"),
            case="NMG-2026-0001")
    enroll(srv, lap)
    monkeypatch.setattr(SyncTransport, "REPORT_PATH", "/v1/device/report-of-a-newer-server")
    v = Vault.open(lap.home, lap.worker, LAPTOP_PASSPHRASE)
    try:
        result = run_round(v)
        st = v.sync_status()
    finally:
        v.lock()
    assert result.pushed >= 2 and st["pending_changes"] == 0 and st["last_success"]
    (dev,) = [d for d in server_status(srv)["devices"] if d["worker"] == "나무결"]
    assert dev["report"] is None and dev["changes"] >= 2
    monkeypatch.undo()
    lap.json("sync")  # the same laptop with a server that has the route: reported
    (dev,) = [d for d in server_status(srv)["devices"] if d["worker"] == "나무결"]
    assert dev["report"]["pending_changes"] == 0
