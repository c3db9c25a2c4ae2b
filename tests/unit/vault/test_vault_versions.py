"""Issue 11: versions with ids and parents, heads, stale edits kept, operation ids, case
references, device ids on restore, the typed change log and the change feed."""
from __future__ import annotations

import io
import re

import pytest
from vault_kit import PASS, WORKER

from crypto.kdf import CHEAP
from desktop.records_service import Invalid, RecordsService
from desktop.vault import AmbiguousCase, Conflicted, InvalidInput, NewFile, Vault
from desktop.vault import cases as cases_mod
from desktop.vault.changelog import Writer
from desktop.vault.ids import is_uuid
from forms.examples import example  # noqa: E402

INTAKE = example("intake")
EVIDENCE = example("evidence")


@pytest.fixture
def service(vault):
    return RecordsService(vault)


def test_versions_have_ids_parents_and_one_head(vault):
    ref = vault.put_record("intake", 1, {"a": 1}, case_code="C-1")
    assert is_uuid(ref.version_id) and ref.heads == (ref.version_id,)
    second = vault.update_record(ref.id, {"a": 2})
    rec = vault.get_record(ref.id)
    assert rec.version_id == second.version_id and rec.parents == (ref.version_id,)
    assert rec.heads == (second.version_id,) and not rec.conflict
    assert rec.device_id == vault.device_id and rec.author == WORKER
    first = vault.get_record(ref.id, ref.version_id)
    assert first.values == {"a": 1} and first.parents == ()
    assert [v.version_id for v in vault.record_versions(ref.id)] == [ref.version_id,
                                                                     second.version_id]


def test_stale_edit_is_kept_as_a_second_head_never_overwriting(vault):
    ref = vault.put_record("intake", 1, {"a": 1}, case_code="C-1")
    newer = vault.update_record(ref.id, {"a": 2}, base=ref.version_id)
    stale = vault.update_record(ref.id, {"a": "stale"}, base=ref.version_id)
    assert stale.conflict and set(stale.heads) == {newer.version_id, stale.version_id}
    versions = {v.version_id: v.values for v in vault.record_versions(ref.id)}
    assert versions[newer.version_id] == {"a": 2} and versions[stale.version_id] == {"a": "stale"}
    rec = vault.get_record(ref.id)
    assert rec.conflict and vault.record_heads(ref.id) == [newer.version_id, stale.version_id]
    # Without a base, which side? Refused, naming both heads.
    with pytest.raises(Conflicted) as err:
        vault.update_record(ref.id, {"a": 3})
    assert newer.version_id in err.value.message("en") and stale.version_id in err.value.en
    # A merge names both heads: one head again, with two parents.
    merged = vault.update_record(ref.id, {"a": "merged"}, base=[newer.version_id,
                                                                 stale.version_id])
    rec = vault.get_record(ref.id)
    assert not rec.conflict and rec.heads == (merged.version_id,)
    assert set(rec.parents) == {newer.version_id, stale.version_id}
    with pytest.raises(InvalidInput):
        vault.update_record(ref.id, {"a": 4}, base="0190f0aa-0000-7000-8000-000000000000")


def test_delete_descends_from_every_head(vault):
    ref = vault.put_record("intake", 1, {"a": 1})
    vault.update_record(ref.id, {"a": 2}, base=ref.version_id)
    vault.update_record(ref.id, {"a": 3}, base=ref.version_id)
    gone = vault.delete_record(ref.id, "중복")
    rec = vault.get_record(ref.id)
    assert rec.deleted and rec.heads == (gone.version_id,) and len(rec.parents) == 2


def test_operation_id_makes_a_retry_a_no_op(vault, service, tmp_path):
    op = "0190f0aa-1111-7000-8000-000000000001"
    f = tmp_path / "사진.jpg"
    f.write_bytes(b"\xff\xd8 image bytes")
    first = service.create("evidence", EVIDENCE, case="C-1", op_id=op,
                           files=[NewFile(f, f.name, "attachment")])
    again = service.create("evidence", EVIDENCE, case="C-1", op_id=op,
                           files=[NewFile(f, f.name, "attachment")])
    assert again == first.__class__(**{**first.__dict__, "replayed": True})
    assert len(vault.list_records()) == 1 and len(vault.list_attachments()) == 1
    assert not list(vault.paths.attachments.glob(".*.tmp"))
    with pytest.raises(InvalidInput):  # one id, another kind of operation
        service.delete(first.id, op_id=op)


def _counts(vault):
    conn = vault._conn
    return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                 for t in ("records", "record_versions", "cases", "attachments", "changes",
                           "operations"))


def test_a_file_removed_before_saving_saves_nothing(vault, service, tmp_path):
    # Tried as a new user would: attach, the file goes away on disk, Finalise twice.
    f = tmp_path / "캡처.png"
    f.write_bytes(b"png")
    before = _counts(vault)
    f.unlink()
    for _ in range(2):
        with pytest.raises(InvalidInput) as err:
            service.create("evidence", EVIDENCE, case="C-7", files=[NewFile(f, f.name, "attachment")])
        assert str(f) in err.value.message("en")
    assert _counts(vault) == before and vault.get_case("C-7") is None
    assert not any(vault.paths.attachments.iterdir())


def test_an_unreadable_file_saves_nothing(vault, service):
    # /proc/self/mem opens (even as root) but reading offset 0 fails with EIO.
    with pytest.raises(InvalidInput) as err:
        service.create("evidence", EVIDENCE, case="C-8",
                       files=[NewFile("/proc/self/mem", "mem", "attachment")])
    assert "/proc/self/mem" in err.value.message("en")
    assert vault.list_records() == [] and vault.get_case("C-8") is None
    assert not any(vault.paths.attachments.iterdir())


def test_edit_with_files_is_one_transaction(vault, service, tmp_path):
    saved = service.create("evidence", EVIDENCE, case="C-1")
    ok, gone = tmp_path / "a.txt", tmp_path / "b.txt"
    ok.write_bytes(b"a")
    with pytest.raises(InvalidInput):
        service.edit(saved.id, {**EVIDENCE, "description": "둘"}, files=[NewFile(ok, ok.name, "attachment"),
                                                      NewFile(gone, gone.name, "attachment")])
    assert vault.get_record(saved.id).values == EVIDENCE and vault.list_attachments() == []
    edited = service.edit(saved.id, {**EVIDENCE, "description": "둘"}, files=[NewFile(ok, ok.name, "attachment")])
    [att] = vault.list_attachments(record_id=saved.id)
    assert edited.attachments == (att.id,) and vault.get_record(saved.id).values["description"] == "둘"
    replaced = service.attach(saved.id, NewFile(io.BytesIO(b"new"), "c.txt", "attachment"),
                              replace_files=[att.id])
    assert [a.id for a in vault.list_attachments(record_id=saved.id)] == \
        list(replaced.attachments)


def test_invalid_values_write_nothing(vault, service):
    with pytest.raises(Invalid) as err:
        service.create("intake", {"no_such_field": 1}, case="C-1")
    assert err.value.problems and vault.list_records() == []


def test_migration_on_read_writes_nothing(vault, service):
    saved = service.create("intake", INTAKE, case="C-1")
    start = service.open_for_edit(saved.id)
    assert start.bases == (saved.version_id,) and not start.migrated
    assert len(vault.record_versions(saved.id)) == 1


def test_case_references_uuid_code_at_worker_and_ambiguity(vault):
    mine = vault.create_case("SAME-1")
    theirs = cases_mod.Case("0190f0aa-2222-7000-8000-000000000002", "SAME-1", "open",
                            "김도훈", mine.created, mine.updated)
    # A teammate's case with the same code, as sync will bring it.
    vault._store.write(lambda c, _w: cases_mod.insert(c, Writer("김도훈", "other-device"), theirs))
    with pytest.raises(AmbiguousCase) as err:
        vault.get_case("SAME-1")
    assert "SAME-1@김동행" in err.value.en and "SAME-1@김도훈" in err.value.en
    assert vault.get_case("SAME-1@김도훈").id == theirs.id
    assert vault.get_case(mine.id).author == WORKER
    assert vault.case_label(mine) == "SAME-1·김동행"
    assert {r[0].split("·")[0] for r in vault.case_rows() if "·" in r[0]} == {"SAME-1"}
    ref = vault.put_record("intake", 1, {}, case_code="SAME-1@김도훈")
    assert vault.get_record(ref.id).case_id == theirs.id
    with pytest.raises(AmbiguousCase):
        vault.put_record("intake", 1, {}, case_code="SAME-1")
    # Lists, search and file lists name both as CODE·worker, and that label is a reference.
    assert sorted(r[0] for r in vault.case_rows()) == ["SAME-1·김도훈", "SAME-1·김동행"]
    assert vault.get_case("SAME-1·김도훈").id == theirs.id
    vault.put_record("intake", 1, {"memo": "찾을말"}, case_code="SAME-1·김동행")
    assert [h.case_code for h in vault.search("찾을말")] == ["SAME-1·김동행"]
    vault.import_attachment(ref.id, io.BytesIO(b"x"), "x.txt")
    assert len(vault.list_attachments(case_code="SAME-1·김도훈")) == 1
    assert vault.list_attachments(case_code="SAME-1·김동행") == []
    vault.purge_case("SAME-1@김도훈", "테스트")
    assert [r[0] for r in vault.case_rows()] == ["SAME-1"] and vault.get_case("SAME-1").id == mine.id


def test_restore_is_a_new_device_that_never_reuses_a_sequence(vault, home, tmp_path):
    vault.put_record("intake", 1, {"a": 1}, case_code="C-1")
    out = vault.backup(tmp_path / "b.dhb")
    vault.put_record("intake", 1, {"a": 2}, case_code="C-1")  # after the backup
    restored = Vault.restore(tmp_path / "home2", out, PASS)
    try:
        assert restored.device_id != vault.device_id
        ref = restored.put_record("intake", 1, {"a": 3}, case_code="C-1")
        mine = [c for c in restored.change_log() if c.device_id == restored.device_id]
        assert [c.device_seq for c in mine] == list(range(1, len(mine) + 1))
        assert mine[-1].record_id == ref.id
        old = {(c.device_id, c.device_seq) for c in vault.change_log()}
        assert not old & {(c.device_id, c.device_seq) for c in mine}
    finally:
        restored.lock()


def test_change_log_reader_is_typed_and_gapless(vault):
    a = vault.put_record("intake", 1, {}, case_code="C-1")
    vault.update_record(a.id, {"x": 1})
    log = vault.change_log()
    assert [c.op for c in log] == ["case_create", "create", "edit"]
    assert [c.device_seq for c in log] == [1, 2, 3]
    assert log[-1].version_id == vault.get_record(a.id).version_id
    assert vault.change_log(cursor=log[1].seq) == log[2:]
    assert vault.change_log(limit=1) == log[:1]


def test_feed_reports_own_and_other_processes_changes(vault, home):
    seen = []
    vault.subscribe(seen.append)
    ref = vault.put_record("intake", 1, {}, case_code="C-1")
    case_id = vault.get_case("C-1").id
    assert seen[-1].records == {ref.id} and seen[-1].touches_case(case_id)
    assert seen[-1].case_list and not seen[-1].external
    vault.save_draft("k", {"x": 1})
    assert seen[-1].drafts and not seen[-1].records
    # Another process (the CLI) on the same vault: noticed by poll_changes.
    other = Vault.open(home, WORKER, PASS)
    try:
        other_ref = other.put_record("intake", 1, {}, case_code="C-1")
        other.set_meta("ui.settings", b"{}")
    finally:
        other.lock()
    n = len(seen)
    changes = vault.poll_changes()
    assert changes.external and other_ref.id in changes.records and changes.settings
    assert seen[n:] == [changes]
    assert not vault.poll_changes()  # nothing new


def test_views_are_logged_once_a_minute_per_subject(vault):
    assert vault.audit_view("record:x") and not vault.audit_view("record:x")
    assert vault.audit_view("case-files:C-1")
    views = [e for e in vault.audit_entries() if e.action == "view"]
    assert [e.subject for e in views] == ["record:x", "case-files:C-1"]


def test_vault_prefix_default_is_initials_plus_device_part(home):
    v = Vault.create(home, "김도훈", PASS, kdf=CHEAP)
    try:
        assert re.match(r"^KDH[2-9A-Z]{2}$", v.case_prefix)
    finally:
        v.lock()


def test_a_new_case_exists_from_its_first_saved_record(vault, service):
    cases_before = vault.list_cases()
    with pytest.raises(Invalid):  # nothing valid saved: no case either
        service.create("intake", {}, new_case=True)
    assert vault.list_cases() == cases_before
    saved = service.create("intake", INTAKE, new_case=True)
    [case] = vault.list_cases()
    assert saved.case_code == case.code and case.code.startswith(vault.case_prefix + "-")
    assert [c.op for c in vault.change_log()][:2] == ["case_create", "create"]


def test_only_an_empty_case_can_be_deleted_and_it_is_audited(vault, service):
    empty = vault.create_case()
    vault.save_draft("k", {"x": 1}, case_code=empty.code)
    full = vault.create_case("FULL-1")
    service.create("intake", INTAKE, case="FULL-1")
    with pytest.raises(InvalidInput):
        vault.delete_empty_case("FULL-1")
    vault.delete_empty_case(empty.code, "잘못 만듦")
    assert [c.id for c in vault.list_cases()] == [full.id] and vault.list_drafts() == []
    entry = vault.audit_entries()[-1]
    assert (entry.action, entry.subject, entry.reason) == ("case_delete", f"case:{empty.code}",
                                                          "잘못 만듦")
