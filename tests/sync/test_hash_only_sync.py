"""Hash-only evidence through sync (issue 16), on SQLite and PostgreSQL: the item's hashes,
type and note reach the worker's other laptop; no file is uploaded, stored on the server,
expected or downloaded for it; `vault check` on both laptops is clean."""
from __future__ import annotations

import hashlib
import json

import numpy as np
from PIL import Image

from crypto.pdq import pdq_hash
from tests.sync.laptops import enroll, new_laptop


def _evidence(lap, tmp, case: str) -> str:
    values = json.loads(lap.ok("forms", "example", "evidence", "--json"))
    return lap.put(tmp, "evidence", dict(values, kind="image"), case=case)


def test_hash_only_items_travel_without_bytes(server, tmp_path):
    a1 = new_laptop(tmp_path, "h1", "한가온")
    a2 = new_laptop(tmp_path, "h2", "한가온")   # the same worker's next laptop
    rid = _evidence(a1, tmp_path, "HGO-2026-0001")
    rng = np.random.default_rng(7)
    pixels = rng.integers(0, 256, (120, 160, 3), dtype=np.uint8)
    canary = tmp_path / "canary.png"
    Image.fromarray(pixels).save(canary)
    kept = tmp_path / "kept.bin"
    kept.write_bytes(b"kept in full " * 1000)
    a1.ok("attach", "--record", rid, "--hash-only", "--note", "원본은 피해자 휴대전화에만", str(canary))
    a1.ok("attach", "--record", rid, str(kept))
    files_before = {p for p in (server.data / "files").rglob("*") if p.is_file()} \
        if (server.data / "files").exists() else set()
    for lap in (a1, a2):
        enroll(server, lap)
    # the kept file is to send; the hash-only item never is
    assert a1.json("sync", "status")["pending_files"] == 1
    a1.json("sync")
    assert a1.json("sync", "status")["pending_files"] == 0
    a2.json("sync")
    stored = {p for p in (server.data / "files").rglob("*") if p.is_file()} - files_before
    assert len(stored) == 1  # the kept file's ciphertext only
    shown = a2.json("record", "show", rid)["attachments"]
    by_name = {a["name"]: a for a in shown}
    h = by_name["canary.png"]
    assert h["hash_only"] is True and h["note"] == "원본은 피해자 휴대전화에만"
    assert h["sha256"] == hashlib.sha256(canary.read_bytes()).hexdigest()
    assert h["pdq"] == pdq_hash(pixels).hex and h["media_type"] == "image/png"
    assert by_name["kept.bin"]["hash_only"] is False
    assert a2.json("sync", "status")["pending_downloads"] == 0
    delivery = a1.json("record", "show", rid)["delivery"]
    assert delivery["files_total"] == 1 and delivery["files_done"] == 1
    for lap in (a1, a2):
        assert lap.ok("vault", "check").strip() in ("vault: OK", "금고 검사: 문제 없음")
    raw = canary.read_bytes()
    for path in a2.home.rglob("*"):
        if path.is_file():
            assert raw[200:264] not in path.read_bytes(), path
