"""Per-record delivery state through the real commands and a real server (SQLite and
PostgreSQL; issue 14, "Per-record delivery state"): `record show --json`'s "delivery" is
null before enrolling, then "local" (saved on this laptop, also while the server cannot
be reached), "delivered" with the server number and time of the signed receipt the vault
stored, files 0/1 once a file is attached, 1/1 once its upload completed; a teammate's
laptop shows the record as "received" from its author."""
from __future__ import annotations

import json
from urllib.parse import urlsplit

from desktop.vault import Vault
from tests.sync.faultproxy import FaultProxy
from tests.sync.laptops import LAPTOP_PASSPHRASE, Laptop, enroll, new_laptop

CASE = "DLV-2026-0001"
SESSION = {"date": "2026-12-06", "start_time": "14:00", "end_time": "16:30",
           "place_type": "police", "place": "서울관악경찰서",
           "purpose": ["victim_interview"], "workers": [{"name": "활동가 이예시", "role": "lead"}],
           "what_happened": "전달 상태를 확인하는 동행 기록입니다.",
           "victim_condition": "anxious", "outcome": "completed"}


def _delivery(lap: Laptop, rid: str) -> dict | None:
    return lap.json("record", "show", rid)["delivery"]


def _receipt(lap: Laptop, rid: str) -> dict:
    """The signed receipt the vault stored for the record's newest version."""
    v = Vault.open(lap.home, lap.worker, LAPTOP_PASSPHRASE)
    try:
        (text,) = v._conn.execute(
            "SELECT o.receipt FROM record_versions x JOIN changes c ON c.version_id ="
            " x.version_id JOIN sync_outbox o ON o.change_id = c.change_id"
            " WHERE x.record_id = ? ORDER BY x.version DESC LIMIT 1", (rid,)).fetchone()
    finally:
        v.lock()
    return json.loads(text)


def test_local_delivered_then_files_then_received(server, tmp_path):
    a = new_laptop(tmp_path, "a", "윤전달")
    rid = a.put(tmp_path, "companion_session", SESSION, case=CASE)
    assert _delivery(a, rid) is None  # not enrolled: sync is off, nothing to say

    with FaultProxy("127.0.0.1", urlsplit(server.url).port or 0) as proxy:
        enroll(server, a, url=proxy.url_for())
        d = _delivery(a, rid)
        assert d is not None
        assert (d["state"], d["server_seq"], d["files_total"], d["files_done"]) == \
            ("local", None, 0, 0)

        # the server cannot be reached: the record stays saved on this laptop
        proxy.refuse = True
        assert a.run("sync").code != 0
        assert _delivery(a, rid)["state"] == "local"
        proxy.refuse = False

        a.json("sync")
        d = _delivery(a, rid)
        receipt = _receipt(a, rid)
        assert d["state"] == "delivered"
        assert d["server_seq"] == receipt["server_seq"] and isinstance(d["server_seq"], int)
        assert d["received_at"] == receipt["received_at"]
        assert (d["files_total"], d["files_done"]) == (0, 0)

        evidence = tmp_path / "photo.jpg"
        evidence.write_bytes(b"\xff\xd8\xff" + bytes(range(256)) * 64)
        a.ok("attach", "--record", rid, str(evidence))
        d = _delivery(a, rid)
        assert (d["state"], d["files_total"], d["files_done"]) == ("delivered", 1, 0)

        proxy.refuse = True  # down again: the file waits, nothing regresses
        assert a.run("sync").code != 0
        d = _delivery(a, rid)
        assert (d["state"], d["files_total"], d["files_done"]) == ("delivered", 1, 0)
        proxy.refuse = False

        a.json("sync")
        d = _delivery(a, rid)
        assert (d["state"], d["files_total"], d["files_done"]) == ("delivered", 1, 1)

        # an edit is a new version: saved on this laptop until its own receipt
        a.edit(tmp_path, rid, {**SESSION, "what_happened": "고친 뒤의 동행 기록입니다."})
        d = _delivery(a, rid)
        assert (d["state"], d["files_total"], d["files_done"]) == ("local", 1, 1)

        # the teammate the case is shared with receives it, from its author
        b = new_laptop(tmp_path, "b", "정수신")
        enroll(server, b)
        # the global options but --worker may follow the command (--worker is the teammate)
        r = a.run("sync", "share", "--case", CASE, "--worker", b.worker, "--lang", "en")
        assert r.code == 0 and r.out.startswith(f"shared {CASE} with {b.worker}"), r.err
        a.json("sync")
        assert _delivery(a, rid)["state"] == "delivered"
        b.json("sync")
        d = _delivery(b, rid)
        assert d is not None and d["state"] == "received" and d["author"] == a.worker
        assert d["server_seq"] is None and d["files_to_download"] == 0
