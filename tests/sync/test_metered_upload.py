"""Large files held back for a round (a metered network, issue 14) through a real server
(SQLite and PostgreSQL): `run_round(max_file_bytes=…)` sends the changes and the small
file, leaves the large one pending without failing the round or marking anything, and
`sync status --json` keeps counting it; the next round without the limit sends it."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from desktop.syncing.engine import run_round
from desktop.vault import Vault
from tests.sync.laptops import LAPTOP_PASSPHRASE, Laptop, enroll, new_laptop, server_status

MiB = 1024 * 1024


def _session(story: str) -> dict:
    return {"date": "2026-12-06", "start_time": "14:00", "end_time": "16:30",
            "place_type": "police", "place": "경찰서",
            "purpose": ["victim_interview"], "workers": [{"name": "활동가", "role": "lead"}],
            "what_happened": story, "victim_condition": "anxious", "outcome": "completed"}


def _attach(lap: Laptop, tmp: Path, case: str, data: bytes, name: str) -> str:
    rid = lap.put(tmp, "companion_session", _session(f"{name} 첨부 기록"), case=case)
    src = tmp / f"{name}.bin"
    src.write_bytes(data)
    lap.ok("attach", "--record", rid, str(src))
    (att,) = lap.json("record", "show", rid)["attachments"]
    return att["id"]


def _round(lap: Laptop, max_file_bytes: int | None):
    v = Vault.open(lap.home, lap.worker, LAPTOP_PASSPHRASE)
    try:
        return run_round(v, max_file_bytes=max_file_bytes)
    finally:
        v.lock()


def test_large_files_wait_for_a_later_round_and_stay_pending(server, tmp_path):
    lap = new_laptop(tmp_path, "m", "문하늘")
    small, large = os.urandom(200 * 1024), os.urandom(3 * MiB + 7)
    _attach(lap, tmp_path, "MHN-2026-0001", small, "small")
    big_id = _attach(lap, tmp_path, "MHN-2026-0001", large, "large")
    enroll(server, lap)
    files_before = server_status(server)["files"]

    held = _round(lap, 1 * MiB)           # the metered round
    assert held.files == 1 and held.pushed > 0 and not held.refused
    st = lap.json("sync", "status")
    assert st["pending_changes"] == 0
    assert st["pending_files"] == 1 and st["pending_bytes"] > 3 * MiB
    assert server_status(server)["files"] == files_before + 1
    v = Vault.open(lap.home, lap.worker, LAPTOP_PASSPHRASE)
    try:
        assert v.sync_rounds(1)[0]["error"] is None  # the round did not fail
    finally:
        v.lock()

    again = _round(lap, 1 * MiB)          # still metered: still held, nothing lost
    assert again.files == 0
    assert lap.json("sync", "status")["pending_files"] == 1

    sent = _round(lap, None)              # unmetered (or "Send now")
    assert sent.files == 1
    st = lap.json("sync", "status")
    assert st["pending_files"] == 0 and st["pending_bytes"] == 0
    assert server_status(server)["files"] == files_before + 2
    v = Vault.open(lap.home, lap.worker, LAPTOP_PASSPHRASE)
    try:
        cipher = v.attachment_file(big_id).read_bytes()
    finally:
        v.lock()
    sha = hashlib.sha256(cipher).hexdigest()
    assert (server.data / "files" / sha[:2] / sha).read_bytes() == cipher
