"""Drafts, the encrypted k/v store, and purging a case."""
from __future__ import annotations

import io

import pytest
from vault_kit import PASS, WORKER, data_key, decrypted_pages, decrypted_wal_frames

from desktop.vault import CaseNotFound, InvalidInput, RecordNotFound, Vault
from desktop.vault.attachments import final_path


def test_drafts_roundtrip_outside_versions_and_outbox(vault):
    vault.put_record("intake", 1, {}, case_code="C-1")
    before = (vault._conn.execute("SELECT count(*) FROM changes").fetchone(),
              len(vault.audit_entries()))
    d = vault.save_draft("intake:new", {"name": "작성 중", "n": 1}, case_code="C-1")
    vault.save_draft("intake:new", {"name": "작성 중 2"}, case_code="C-1")
    vault.save_draft("outreach", {"memo": "버스"})
    assert vault.get_draft("intake:new").payload == {"name": "작성 중 2"}
    assert {x.key for x in vault.list_drafts()} == {"intake:new", "outreach"}
    assert d.case_code == "C-1"
    assert (vault._conn.execute("SELECT count(*) FROM changes").fetchone(),
            len(vault.audit_entries())) == before
    vault.discard_draft("outreach")
    assert vault.get_draft("outreach") is None
    with pytest.raises(CaseNotFound):
        vault.save_draft("k", {}, case_code="NOPE")
    with pytest.raises(RecordNotFound):
        vault.save_draft("k", {}, record_id="01a21264-6735-7289-8aa8-09718fba513f")
    for bad in ([], "x", {"x": float("inf")}):
        with pytest.raises(InvalidInput):
            vault.save_draft("k", bad)


def test_meta_is_encrypted_kv(vault, home):
    vault.set_meta("export.signing_key", b"\x00-----BEGIN KEY-----\xff")
    vault.set_meta("ui.settings", bytearray(b'{"lang":"ko"}'))
    assert vault.get_meta("nope") is None
    vault.lock()
    with Vault.open(home, WORKER, PASS) as v:
        assert v.get_meta("export.signing_key") == b"\x00-----BEGIN KEY-----\xff"
        assert v.meta_keys() == ["export.signing_key", "ui.settings"]
        v.set_meta("ui.settings", None)
        assert v.get_meta("ui.settings") is None
        with pytest.raises(InvalidInput):
            v.set_meta("x", "not bytes")
    raw = v.paths.db.read_bytes()
    assert b"BEGIN KEY" not in raw


def _all_plain(vault) -> bytes:
    key = data_key(vault.paths.folder)
    pages = decrypted_pages(vault.paths.db, key)
    frames = decrypted_wal_frames(vault.paths.folder / "vault.db-wal", key)
    return b"".join(pages + frames)


def test_purge_destroys_the_case_and_keeps_the_fact(vault, home):
    canary = "파기대상카나리아-PURGE-7731"
    keep = vault.put_record("intake", 1, {"memo": "남길 기록"}, case_code="KEEP-1")
    gone = [vault.put_record("intake", 1, {"memo": f"{canary} {i}"}, case_code="GONE-1")
            for i in range(30)]
    vault.update_record(gone[0].id, {"memo": f"{canary} 수정"})
    vault.delete_record(gone[1].id, "중복")
    att = vault.import_attachment(gone[2].id, io.BytesIO(canary.encode() * 1000), "a.txt")
    vault.save_draft("d-case", {"memo": canary}, case_code="GONE-1")
    vault.save_draft("d-rec", {"memo": canary}, record_id=gone[3].id)
    vault.save_draft("d-keep", {"memo": "남길 초안"}, case_code="KEEP-1")
    vault.lock()
    vault = Vault.open(home, WORKER, PASS)
    assert canary.encode() in _all_plain(vault)  # the scan below can see it

    with pytest.raises(InvalidInput):
        vault.purge_case("GONE-1", "  ")
    vault.purge_case("GONE-1", "보존기간 만료 (PIPA 21조)")
    assert vault.get_case("GONE-1") is None
    assert [r.id for r in vault.list_records(include_deleted=True)] == [keep.id]
    for r in gone:
        with pytest.raises(RecordNotFound):
            vault.get_record(r.id)
    assert vault.search("카나리아") == [] and vault.search("PURGE") == []
    assert [d.key for d in vault.list_drafts()] == ["d-keep"]
    assert vault.list_attachments(include_removed=True) == []
    assert not final_path(vault.paths.attachments, att.id).exists()
    last = vault.audit_entries()[-1]
    assert (last.action, last.subject, last.reason) == ("purge", "case:GONE-1",
                                                        "보존기간 만료 (PIPA 21조)")
    assert canary not in "".join(str(e) for e in vault.audit_entries())
    ops = [r[0] for r in vault._conn.execute("SELECT op FROM changes ORDER BY seq")]
    assert ops[-1] == "purge"
    assert vault.check() == []
    with pytest.raises(CaseNotFound):
        vault.purge_case("GONE-1", "again")
    vault.lock()
    # Nothing of the case is left in any page of the file, free pages included.
    plain = _all_plain(vault)
    assert canary.encode() not in plain and "카나리아".encode() not in plain
    assert "남길 기록".encode() in plain
    with Vault.open(home, WORKER, PASS) as v:
        assert v.verify_audit() == [] and v.check() == []
