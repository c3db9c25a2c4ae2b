"""Schema migrations: the committed fixture vaults (v1, v3, v4) open and upgrade with
today's code. Schema 2 never shipped on its own (2 and 3 came in one release), so there is no
v2 fixture."""
from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest
from vault_kit import raw_connection

from crypto.kdf import CHEAP
from desktop.vault import Vault, VaultError
from desktop.vault import migrations as mig

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
# Committed fixture vaults, one per released schema version: version -> (folder, worker,
# passphrase). Each README says how it was made and what it holds.
RELEASED = {1: (FIXTURES / "vault_v1", "픽스처 활동가", "fixture-v1 암호"),
            3: (FIXTURES / "vault_v3", "픽스처 활동가 삼", "fixture-v3 암호"),
            4: (FIXTURES / "vault_v4", "픽스처 활동가 사", "fixture-v4 암호")}
_, WORKER, PASSPHRASE = RELEASED[1]
_, WORKER_V3, PASSPHRASE_V3 = RELEASED[3]


def _copy_home(tmp_path, version: int) -> Path:
    home = tmp_path / "home"
    shutil.copytree(RELEASED[version][0] / "home", home)
    return home


@pytest.fixture
def v1_home(tmp_path):
    return _copy_home(tmp_path, 1)


@pytest.fixture
def v3_home(tmp_path):
    return _copy_home(tmp_path, 3)


def _folder(home):
    return next((home / "vaults").iterdir())


@pytest.mark.parametrize("version", sorted(RELEASED))
def test_fixture_is_its_schema_with_the_old_search_index(tmp_path, version):
    folder, _worker, passphrase = RELEASED[version]
    conn = raw_connection(_folder(_copy_home(tmp_path, version)), passphrase)
    try:
        assert mig.schema_version(conn) == version
        assert [r[1] for r in conn.execute("PRAGMA table_info(search)")] == \
            (["chars"] if version >= 4 else ["bi", "uni"])
    finally:
        conn.close()
    assert passphrase in (folder / "README.md").read_text(encoding="utf-8")


def test_v1_fixture_opens_upgrades_and_keeps_everything(v1_home):
    with Vault.open(v1_home, WORKER, PASSPHRASE) as v:
        assert mig.schema_version(v._conn) == mig.CURRENT
        case = v.get_case("FIX-2026-0001")
        assert case.status == "closed"
        intake, consent = v.list_records("FIX-2026-0001")
        assert intake.version == 2 and intake.values["memo"].endswith("(수정)")
        assert v.record_versions(intake.id)[0].values["memo"] == "피해자는 상담을 원함"
        [att] = v.list_attachments(record_id=consent.id)
        assert att.field == "signature"
        assert b"".join(v.read_attachment(att.id)).decode() == "서명 이미지 대신 텍스트"
        [gone] = [r for r in v.list_records(include_deleted=True) if r.deleted]
        assert gone.form == "outreach_contact"
        assert {h.record_id for h in v.search("피해자")} == {intake.id}
        # Step 4 rebuilt the index from the latest live versions: the edit is found, one
        # syllable and the case code are found, the deleted record is not.
        assert {h.record_id for h in v.search("수정")} == {intake.id}
        assert {h.record_id for h in v.search("상")} == {intake.id}
        assert {h.record_id for h in v.search("police")} == {consent.id}
        assert {h.record_id for h in v.search("FIX-2026-0001")} == {intake.id, consent.id}
        assert v.search("버스") == []
        assert [r[1] for r in v._conn.execute("PRAGMA table_info(search)")] == ["chars"]
        assert v.get_draft("intake:new").case_code == "FIX-2026-0001"
        assert v.get_meta("ui.settings") == b'{"lang": "ko"}'
        assert any(c.code.startswith("PSCH-") for c in v.list_cases())
        assert "export" in [e.action for e in v.audit_entries()]
        assert v.check() == []
        v.put_record("intake", 1, {"memo": "새 코드로 쓴 기록"}, case_code="FIX-2026-0001")
        # Step 2: the search index merges in Vault.maintain, not inside puts.
        assert v._conn.execute(
            "SELECT v FROM search_config WHERE k = 'automerge'").fetchone() == (0,)
    # Modes lost by git checkout are tightened on open.
    folder = _folder(v1_home)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == (0o700 if p.is_dir() else 0o600)
               for p in folder.rglob("*"))


def test_v3_fixture_opens_upgrades_and_keeps_everything(v3_home):
    def found(v, query):
        return {h.record_id for h in v.search(query)}

    with Vault.open(v3_home, WORKER_V3, PASSPHRASE_V3) as v:
        assert mig.schema_version(v._conn) == mig.CURRENT
        assert [c.code for c in v.list_cases()] == ["FIX-2026-0003", "FIX-2026-0004"]
        assert v.get_case("FIX-2026-0004").status == "closed"
        intake, evidence = v.list_records("FIX-2026-0003")
        [session] = v.list_records("FIX-2026-0004")
        assert intake.version == 2 and intake.values["summary"].endswith("삭제 지원 요청")
        [att] = v.list_attachments(record_id=evidence.id)
        assert att.field == "files"
        assert b"".join(v.read_attachment(att.id)).decode() == "캡처 이미지 대신 텍스트"
        assert v.get_draft("intake:new").case_code == "FIX-2026-0003"
        assert v.get_meta("ui.settings") == b'{"lang": "en"}'
        assert "export" in [e.action for e in v.audit_entries()]
        # Migration 4 rebuilt the search index from the latest live versions.
        assert [r[1] for r in v._conn.execute("PRAGMA table_info(search)")] == ["chars"]
        assert found(v, "협박") == {intake.id} and found(v, "삭제") == {intake.id}
        assert found(v, "박") == {intake.id} and found(v, "가명") == {intake.id}
        assert found(v, "캡처") == {evidence.id}
        assert found(v, "경찰서") == found(v, "동행") == {session.id}
        assert found(v, "FIX-2026-0004") == {session.id}
        assert v.search("공원") == [] and v.search("버스") == []  # the tombstoned record
        assert v.check() == []
        new = v.put_record("intake", 1, {"summary": "새 코드로 쓴 기록"}, case_code="FIX-2026-0004")
        assert found(v, "새") == {new.id}
        # v3's index of cases by last change still orders the list.
        n, rows = v.recent_case_rows(10)
        assert n == 2 and rows[0][0] == "FIX-2026-0004"


def test_v4_fixture_gains_version_ids_parents_heads_and_device_sequence(tmp_path):
    _, worker, passphrase = RELEASED[4]
    home = _copy_home(tmp_path, 4)
    with Vault.open(home, worker, passphrase) as v:
        assert mig.schema_version(v._conn) == mig.CURRENT
        intake, evidence = v.list_records("FIX-2026-0005")
        versions = v.record_versions(intake.id)
        assert [r.version for r in versions] == [1, 2, 3]
        assert versions[2].values["summary"].endswith("(3차)")
        # The linear history became a chain of ids: each version's parent is the one before.
        ids = [r.version_id for r in versions]
        assert len(set(ids)) == 3 and all(ids)
        assert [r.parents for r in versions] == [(), (ids[0],), (ids[1],)]
        assert intake.version_id == ids[2] and intake.heads == (ids[2],)
        assert all(r.device_id == v.device_id for r in versions)
        [att] = v.list_attachments(record_id=evidence.id)
        assert b"".join(v.read_attachment(att.id)).decode() == "캡처 이미지 대신 텍스트 사"
        # The outbox: a gapless per-device sequence, version ids on record changes.
        log = v.change_log()
        assert [c.device_seq for c in log] == list(range(1, len(log) + 1))
        assert all(c.version_id for c in log if c.op in ("create", "edit", "delete"))
        gone = [r for r in v.list_records(include_deleted=True) if r.deleted]
        assert [r.form for r in gone] == ["outreach_contact"] and gone[0].heads
        # The generated case keeps its code; new codes get the device part of the prefix.
        generated = [c for c in v.list_cases() if c.code != "FIX-2026-0005"]
        assert generated[0].code.startswith("PSCH-") and generated[0].status == "closed"
        assert v.case_prefix.startswith("PSCH") and len(v.case_prefix) == 6
        [session] = v.list_records(generated[0].code)
        draft = v.get_draft("edit:" + session.id)
        assert draft.payload["base_version"] == 1 and draft.record_id == session.id
        assert v.get_meta("ui.settings") == b'{"lang": "ko"}'
        assert {h.record_id for h in v.search("딥페이크")} == {intake.id}
        assert v.check() == []
        # Edits now name their base; a stale one keeps both sides.
        new = v.update_record(intake.id, {"summary": "새 버전"}, base=ids[1])
        assert set(new.heads) == {ids[2], new.version_id}


NEXT = mig.CURRENT + 1  # a step of a release that does not exist yet


def _next_step(conn):
    """What a next release's step could look like: new column, filled from old data."""
    conn.execute("ALTER TABLE cases ADD COLUMN record_count INTEGER NOT NULL DEFAULT 0")
    conn.execute("UPDATE cases SET record_count ="
                 " (SELECT count(*) FROM records r WHERE r.case_id = cases.id)")


def test_runner_upgrades_v1_with_a_later_step(v1_home):
    conn = raw_connection(_folder(v1_home), PASSPHRASE)
    try:
        steps = mig.MIGRATIONS + [(NEXT, "count records per case", _next_step)]
        assert mig.migrate(conn, steps) == list(range(2, NEXT + 1))
        assert mig.schema_version(conn) == NEXT
        counts = dict(conn.execute("SELECT code, record_count FROM cases").fetchall())
        assert counts["FIX-2026-0001"] == 2
        assert mig.migrate(conn, steps) == []  # idempotent
    finally:
        conn.close()


def test_a_failing_step_leaves_the_previous_version(v1_home):
    def broken(conn):
        conn.execute("CREATE TABLE half_done(x)")
        raise RuntimeError("crash in the middle of a migration")

    conn = raw_connection(_folder(v1_home), PASSPHRASE)
    try:
        with pytest.raises(RuntimeError):
            mig.migrate(conn, mig.MIGRATIONS + [(NEXT, "broken", broken)])
        assert mig.schema_version(conn) == mig.CURRENT  # the real steps before it hold
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'"
                            ).fetchone()[0] == 0
    finally:
        conn.close()
    with Vault.open(v1_home, WORKER, PASSPHRASE) as v:
        assert v.check() == []


def test_a_vault_from_a_newer_app_is_refused_clearly(home):
    Vault.create(home, WORKER, PASSPHRASE, kdf=CHEAP).lock()
    conn = raw_connection(_folder(home), PASSPHRASE)
    conn.execute(f"PRAGMA user_version = {mig.CURRENT + 5}")
    conn.close()
    with pytest.raises(VaultError) as exc:
        Vault.open(home, WORKER, PASSPHRASE)
    assert "update Donghaeng" in exc.value.message("en")


def test_fresh_vault_is_at_current_version(vault):
    assert mig.schema_version(vault._conn) == mig.CURRENT
    assert [v for v, _, _ in mig.MIGRATIONS] == list(range(1, mig.CURRENT + 1))


def test_v16_keeps_keys_and_inbox_rows_and_their_checks(v1_home):
    """Schema 16 rebuilds sync_keys and sync_inbox with the checks spelled out (no IN
    lists): the rows of 15 are kept and a value outside the set is still refused."""
    conn = raw_connection(_folder(v1_home), PASSPHRASE)
    try:
        mig.migrate(conn, [s for s in mig.MIGRATIONS if s[0] <= 15])
        conn.execute("INSERT INTO sync_keys VALUES ('c1', 'case1', x'00ff', 'own'),"
                     " ('c2', NULL, x'01', 'granted')")
        conn.execute("INSERT INTO sync_inbox VALUES ('c3', 9, x'7b7d', 'w', 'waiting', NULL,"
                     " '2026-12-06T00:00:00Z')")
        assert mig.migrate(conn) == [16]
        assert conn.execute("SELECT change_id, case_id, content_key, source FROM sync_keys"
                            " ORDER BY change_id").fetchall() == [
            ("c1", "case1", b"\x00\xff", "own"), ("c2", None, b"\x01", "granted")]
        assert conn.execute("SELECT change_id, server_seq, state FROM sync_inbox"
                            ).fetchall() == [("c3", 9, "waiting")]
        for bad in ("INSERT INTO sync_keys VALUES ('c4', NULL, x'01', 'stolen')",
                    "INSERT INTO sync_inbox VALUES ('c5', 1, x'00', 'w', 'gone', NULL, 't')"):
            with pytest.raises(Exception, match="CHECK"):
                conn.execute(bad)
        assert "sync_keys_by_case" in {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index'")}
    finally:
        conn.close()
    with Vault.open(v1_home, WORKER, PASSPHRASE) as v:
        assert v.check() == []
