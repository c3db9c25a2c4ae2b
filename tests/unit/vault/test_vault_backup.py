"""Backup while in use, restore, refusal cases, and check()."""
from __future__ import annotations

import io
import json
import os
import tarfile
import threading

import pytest
from vault_kit import PASS, WORKER, raw_connection

from desktop.vault import (
    InvalidInput,
    Vault,
    VaultCorrupt,
    VaultExists,
    WrongPassphrase,
)


@pytest.fixture
def stocked(vault):
    recs = [vault.put_record("intake", 1, {"memo": f"기록 {i}"}, case_code=f"C-{i % 3}")
            for i in range(12)]
    atts = [vault.import_attachment(recs[i].id, io.BytesIO(os.urandom(300_000)), f"{i}.bin")
            for i in range(3)]
    vault.save_draft("d", {"x": 1}, case_code="C-1")
    vault.set_meta("export.cert", b"CERT")
    return vault, recs, atts


def _files(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_backup_restore_roundtrip(stocked, tmp_path):
    vault, recs, atts = stocked
    out = tmp_path / "backup.dhb"
    assert vault.backup(out) == out
    assert vault.audit_entries()[-1].action == "backup"
    blob = out.read_bytes()
    assert "기록".encode() not in blob and b"CERT" not in blob
    with tarfile.open(out) as tar:
        assert {"manifest.json", "keyslots.json", "vault.db", "audit-head",
                "worker.json"} <= set(tar.getnames())
        assert all(m.mode == 0o600 for m in tar.getmembers())
    other = tmp_path / "other-home"
    restored = Vault.restore(other, out, PASS)
    try:
        assert restored.worker == WORKER
        assert [r.values for r in restored.list_records()] == [r.values for r in
                                                                vault.list_records()]
        for a in atts:
            assert b"".join(restored.read_attachment(a.id)) == \
                b"".join(vault.read_attachment(a.id))
        assert restored.get_meta("export.cert") == b"CERT"
        assert restored.list_drafts()[0].payload == {"x": 1}
        assert restored.check() == []
        assert restored.audit_entries()[-1].action == "restore"
    finally:
        restored.lock()
    with Vault.open(other, WORKER, PASS) as v:  # and it opens like any vault
        assert len(v.list_records()) == 12


def test_backup_while_another_handle_writes(stocked, home, tmp_path):
    vault, _, _ = stocked
    other = Vault.open(home, WORKER, PASS)
    stop = threading.Event()
    written = []

    def writer():
        while not stop.is_set():
            written.append(other.put_record("intake", 1, {"memo": "동시 기록"}).id)

    t = threading.Thread(target=writer)
    t.start()
    try:
        for i in range(3):
            vault.backup(tmp_path / f"b{i}.dhb")
    finally:
        stop.set()
        t.join()
        other.lock()
    assert written
    for i in range(3):
        v = Vault.restore(tmp_path / f"h{i}", tmp_path / f"b{i}.dhb", PASS)
        try:
            assert v.check() == []
            assert len(v.list_records()) >= 12
        finally:
            v.lock()


def test_restore_refuses_existing_vault_and_wrong_passphrase(stocked, home, tmp_path):
    vault, _, _ = stocked
    out = tmp_path / "b.dhb"
    vault.backup(out)
    with pytest.raises(VaultExists):
        Vault.restore(home, out, PASS)
    fresh = tmp_path / "fresh"
    with pytest.raises(WrongPassphrase):
        Vault.restore(fresh, out, "wrong")
    assert not fresh.exists()


def _rewrite(src, dst, change):
    with tarfile.open(src) as tin, tarfile.open(dst, "w") as tout:
        for m in tin.getmembers():
            data = tin.extractfile(m).read()
            m, data = change(m, data)
            if m is not None:
                m.size = len(data)
                tout.addfile(m, io.BytesIO(data))


def _other_worker(m, data):
    if m.name == "manifest.json":
        doc = json.loads(data)
        doc["worker"] = "다른 작업자"
        data = json.dumps(doc).encode()
    return m, data


def _traversal(m, data):
    if m.name == "worker.json":
        m.name = "../../escape.txt"
    return m, data


def _drop_attachment(m, data):
    return (None, data) if m.name.startswith("attachments/") else (m, data)


def _flip_db(m, data):
    if m.name == "vault.db":
        data = data[:5000] + bytes([data[5000] ^ 1]) + data[5001:]
    return m, data


@pytest.mark.parametrize("change", [_other_worker, _traversal, _drop_attachment, _flip_db])
def test_tampered_backups_are_refused_and_write_nothing(stocked, tmp_path, change):
    vault, _, _ = stocked
    out, bad = tmp_path / "b.dhb", tmp_path / "bad.dhb"
    vault.backup(out)
    _rewrite(out, bad, change)
    target = tmp_path / "target"
    with pytest.raises(VaultCorrupt):
        Vault.restore(target, bad, PASS)
    assert _files(target) == [] if target.exists() else True
    assert not (tmp_path / "escape.txt").exists()


def test_not_a_backup(tmp_path):
    junk = tmp_path / "junk.dhb"
    junk.write_bytes(os.urandom(5000))
    with pytest.raises(VaultCorrupt):
        Vault.restore(tmp_path / "h", junk, PASS)


def test_backup_target_checks(vault, tmp_path):
    with pytest.raises(InvalidInput):
        vault.backup(tmp_path / "no" / "such" / "dir.dhb")
    with pytest.raises(InvalidInput):
        vault.backup(vault.paths.folder / "inside.dhb")
    assert not list(tmp_path.glob(".*.tmp-*"))


def test_check_finds_page_damage(stocked, home):
    vault, _, _ = stocked
    vault.lock()
    db = vault.paths.db
    data = bytearray(db.read_bytes())
    data[len(data) - 4096 + 200] ^= 0x55  # inside the last page, not the header
    db.write_bytes(bytes(data))
    try:
        v = Vault.open(home, WORKER, PASS)
    except VaultCorrupt:
        return  # found at open: also fine
    try:
        problems = v.check()
        assert problems and any("page" in p or "integrity" in p for p in problems), problems
    finally:
        v.lock()


def test_raw_copy_would_differ_from_backup_api(stocked, tmp_path):
    """The snapshot is taken through SQLite (consistent with the WAL), not by copying."""
    vault, _, _ = stocked
    vault.put_record("intake", 1, {"memo": "WAL에만 있는 기록"})
    assert (vault.paths.folder / "vault.db-wal").stat().st_size > 0
    out = tmp_path / "b.dhb"
    vault.backup(out)
    restored = Vault.restore(tmp_path / "h", out, PASS)
    try:
        assert "WAL에만 있는 기록" in [r.values["memo"] for r in restored.list_records()]
    finally:
        restored.lock()
    conn = raw_connection(restored.paths.folder)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
