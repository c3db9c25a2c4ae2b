"""Attachments: streamed encrypted import, verified read-back, tombstones, crash leftovers."""
from __future__ import annotations

import fcntl
import hashlib
import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from vault_kit import PASS, WORKER

from desktop.vault import (
    AttachmentCorrupt,
    AttachmentNotFound,
    DiskFull,
    InvalidInput,
    RecordNotFound,
    Vault,
)
from desktop.vault.attachments import final_path, tmp_path

ROOT = Path(__file__).resolve().parents[3]


def _read(v, att_id) -> bytes:
    return b"".join(v.read_attachment(att_id))


def _counts(v):
    return tuple(v._conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                 for t in ("attachments", "changes", "audit"))


def test_import_from_path_and_fileobj(vault, tmp_path):
    rid = vault.put_record("evidence", 1, {"memo": "증거"}, case_code="C-1").id
    data = os.urandom(2_500_000)
    src = tmp_path / "증거 화면.png"
    src.write_bytes(data)
    a = vault.import_attachment(rid, src, src.name, field="attachment")
    b = vault.import_attachment(rid, io.BytesIO(b"hello"), "C:\\Users\\x\\memo.txt")
    assert (a.size, a.sha256, a.md5) == (len(data), hashlib.sha256(data).hexdigest(),
                                         hashlib.md5(data).hexdigest())
    assert a.field == "attachment" and a.name == "증거 화면.png" and b.name == "memo.txt"
    assert _read(vault, a.id) == data and _read(vault, b.id) == b"hello"
    assert vault.get_attachment(a.id) == a
    assert [x.id for x in vault.list_attachments(record_id=rid)] == [a.id, b.id]
    assert [x.id for x in vault.list_attachments(case_code="C-1")] == [a.id, b.id]
    assert data[:64] not in final_path(vault.paths.attachments, a.id).read_bytes()
    ops = [r[0] for r in vault._conn.execute("SELECT op FROM changes WHERE attachment_id"
                                             " IS NOT NULL")]
    assert ops == ["attach", "attach"]
    assert [e.action for e in vault.audit_entries()][-2:] == ["attach", "attach"]


def test_empty_file_and_bad_arguments(vault):
    rid = vault.put_record("evidence", 1, {}).id
    e = vault.import_attachment(rid, io.BytesIO(b""), "empty.bin")
    assert e.size == 0 and _read(vault, e.id) == b""
    with pytest.raises(RecordNotFound):
        vault.import_attachment("01a21264-6735-7289-8aa8-09718fba513f", io.BytesIO(b"x"), "a")
    with pytest.raises(InvalidInput):
        vault.import_attachment(rid, io.BytesIO(b"x"), "")
    with pytest.raises(AttachmentNotFound):
        vault.get_attachment("nope")
    vault.delete_record(rid, "x")
    with pytest.raises(RecordNotFound):
        vault.import_attachment(rid, io.BytesIO(b"x"), "late.txt")


def test_remove_is_a_tombstone(vault):
    rid = vault.put_record("evidence", 1, {}).id
    a = vault.import_attachment(rid, io.BytesIO(b"keep me"), "a.txt")
    vault.remove_attachment(a.id, "잘못 첨부")
    assert vault.list_attachments(record_id=rid) == []
    [kept] = vault.list_attachments(record_id=rid, include_removed=True)
    assert kept.removed and _read(vault, a.id) == b"keep me"
    assert final_path(vault.paths.attachments, a.id).exists()
    assert vault.audit_entries()[-1].action == "detach"


def test_tampered_swapped_and_missing_files_are_detected(vault):
    rid = vault.put_record("evidence", 1, {}).id
    a = vault.import_attachment(rid, io.BytesIO(os.urandom(3 << 20)), "a.bin")
    b = vault.import_attachment(rid, io.BytesIO(os.urandom(3 << 20)), "b.bin")
    pa, pb = (final_path(vault.paths.attachments, x.id) for x in (a, b))
    original = pa.read_bytes()
    bad = bytearray(original)
    bad[(2 << 20) + 77] ^= 1
    pa.write_bytes(bytes(bad))
    with pytest.raises(AttachmentCorrupt):
        _read(vault, a.id)
    pa.write_bytes(original[:-(1 << 20)])  # cut the last chunk
    with pytest.raises(AttachmentCorrupt):
        _read(vault, a.id)
    assert any(a.id in i for i in vault.check())
    pa.write_bytes(pb.read_bytes())  # another attachment's (valid) file
    with pytest.raises(AttachmentCorrupt):
        _read(vault, a.id)
    pa.unlink()
    with pytest.raises(AttachmentCorrupt) as exc:
        _read(vault, a.id)
    assert "missing" in exc.value.message("en")
    assert [str(i) for i in vault.check()] == [f"attachment file missing: {a.id}"]
    pa.write_bytes(original)
    assert vault.check() == [] and len(_read(vault, a.id)) == 3 << 20


class _Exploding(io.RawIOBase):
    def __init__(self, after: int):
        self.left = after

    def readable(self):
        return True

    def readinto(self, buf):
        if self.left <= 0:
            raise OSError(5, "device vanished")
        n = min(len(buf), self.left)
        buf[:n] = b"z" * n
        self.left -= n
        return n


def test_failed_import_leaves_nothing(vault):
    rid = vault.put_record("evidence", 1, {}).id
    before = _counts(vault)
    with pytest.raises(Exception) as exc:
        vault.import_attachment(rid, _Exploding(3 << 20), "usb.mov")
    assert hasattr(exc.value, "message")  # a vault error, with a message for people
    assert _counts(vault) == before
    assert list(vault.paths.attachments.iterdir()) == []


def test_orphans_are_cleaned_on_open(vault, home):
    rid = vault.put_record("evidence", 1, {}).id
    done = vault.import_attachment(rid, io.BytesIO(b"committed"), "a.txt")
    folder = vault.paths.attachments
    # Crash after the commit, before the rename: the row exists, the file is still .tmp.
    os.rename(final_path(folder, done.id), tmp_path(folder, done.id))
    stray_tmp = tmp_path(folder, "01a21264-0000-7000-8000-000000000001")
    stray_tmp.write_bytes(b"half an import")
    stray_final = final_path(folder, "01a21264-0000-7000-8000-000000000002")
    stray_final.write_bytes(b"purged, unlink interrupted")
    held = tmp_path(folder, "01a21264-0000-7000-8000-000000000003")
    held.write_bytes(b"import running in another process")
    fd = os.open(held, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        vault.lock()
        with Vault.open(home, WORKER, PASS) as v:
            names = {p.name for p in folder.iterdir()}
            assert names == {final_path(folder, done.id).name, held.name}
            assert _read(v, done.id) == b"committed" and v.check() == []
    finally:
        os.close(fd)


def test_full_disk_is_a_clear_error_and_changes_nothing(vault, tmp_path):
    """A file-size limit makes every write past it fail (EFBIG), as a full disk does."""
    rid = vault.put_record("evidence", 1, {}).id
    home = vault.paths.folder.parent.parent
    vault.lock()
    src = tmp_path / "big.bin"
    src.write_bytes(os.urandom(4 << 20))
    script = textwrap.dedent(f"""
        import resource, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        from desktop.vault import Vault, DiskFull
        v = Vault.open({str(home)!r}, {WORKER!r}, {PASS!r})
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
        resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, hard))
        try:
            v.import_attachment({rid!r}, {str(src)!r}, "big.bin")
        except DiskFull as e:
            print("DISKFULL", e.message("en"))
        resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))
        print(len(v.list_attachments()))
        v.lock()
    """)
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split("\n")[:2] == ["DISKFULL the disk is full: nothing was saved", "0"]
    assert "Traceback" not in r.stderr
    with Vault.open(home, WORKER, PASS) as v:
        assert v.list_attachments() == [] and v.check() == []
        assert list(v.paths.attachments.iterdir()) == []
    assert DiskFull().message("ko")


def test_import_memory_stays_flat(vault, tmp_path):
    """~200 MB imported and read back in a fresh process: peak RSS grows by far less
    than the file (the 2 GB target is < 150 MB growth; 1 MiB chunks keep it flat)."""
    rid = vault.put_record("evidence", 1, {}).id
    home = vault.paths.folder.parent.parent
    vault.lock()
    src = tmp_path / "video.mp4"
    with open(src, "wb") as f:  # sparse-ish: holes with some real data
        for i in range(0, 200, 10):
            f.seek(i << 20)
            f.write(os.urandom(64 << 10))
        f.truncate(200 << 20)
    script = textwrap.dedent(f"""
        import hashlib, resource, sys
        sys.path.insert(0, {str(ROOT)!r})
        from desktop.vault import Vault
        v = Vault.open({str(home)!r}, {WORKER!r}, {PASS!r})
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        a = v.import_attachment({rid!r}, {str(src)!r}, "video.mp4")
        h = hashlib.sha256()
        for chunk in v.read_attachment(a.id):
            h.update(chunk)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(a.size, a.sha256 == h.hexdigest(), (peak - base) // 1024)
        v.lock()
    """)
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    size, same, growth_mib = r.stdout.split()
    assert int(size) == 200 << 20 and same == "True"
    assert int(growth_mib) < 40, f"RSS grew by {growth_mib} MiB"
