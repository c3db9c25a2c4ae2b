"""Records, versions, tombstones, cases, codes and the change log."""
from __future__ import annotations

import re
import uuid
from datetime import date, datetime

import pytest

from desktop.vault import CaseNotFound, InvalidInput, RecordNotFound, Vault, VaultError
from desktop.vault.ids import uuid7
from desktop.vault.names import default_prefix, initials_prefix


def _changes(v):
    return v._conn.execute(
        "SELECT seq, change_id, device_id, op, record_id, case_id, attachment_id, version"
        " FROM changes ORDER BY seq").fetchall()


def test_uuid7_layout_and_order():
    ids = [uuid7() for _ in range(5000)]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    u = uuid.UUID(ids[0])
    assert u.version == 7 and u.variant == uuid.RFC_4122
    ms = int(ids[0].replace("-", "")[:12], 16)
    assert abs(ms / 1000 - datetime.now().timestamp()) < 60
    assert all(i == i.lower() and len(i) == 36 for i in ids)


def test_put_get_update_versions(vault):
    ref = vault.put_record("intake", 1, {"name": "가명", "age": 15, "tags": ["a", "b"]},
                           case_code="C-1")
    assert ref.version == 1 and ref.case_code == "C-1"
    rec = vault.get_record(ref.id)
    assert (rec.form, rec.form_version, rec.case_code, rec.author, rec.version) == \
        ("intake", 1, "C-1", "김동행", 1)
    assert rec.values == {"name": "가명", "age": 15, "tags": ["a", "b"]}
    assert not rec.deleted
    for stamp in (rec.created, rec.updated):  # ISO 8601 with an offset
        assert datetime.fromisoformat(stamp).utcoffset() is not None
    ref2 = vault.update_record(ref.id, {"name": "바뀐 가명"}, form_version=2)
    assert ref2.version == 2
    latest = vault.get_record(ref.id)
    assert latest.values == {"name": "바뀐 가명"} and latest.form_version == 2
    assert latest.created == rec.created and latest.updated >= rec.updated
    assert vault.get_record(ref.id, version=1).values == rec.values
    assert [r.version for r in vault.record_versions(ref.id)] == [1, 2]


def test_tombstone_keeps_versions_and_hides_record(vault):
    a = vault.put_record("intake", 1, {"n": 1}, case_code="C-1")
    b = vault.put_record("intake", 1, {"n": 2}, case_code="C-1")
    t = vault.delete_record(a.id, "중복 입력")
    assert t.version == 2
    assert [r.id for r in vault.list_records()] == [b.id]
    assert [r.id for r in vault.list_records("C-1", include_deleted=True)] == [a.id, b.id]
    gone = vault.get_record(a.id)
    assert gone.deleted and gone.values == {"n": 1}
    assert [v.deleted for v in vault.record_versions(a.id)] == [False, True]
    with pytest.raises(RecordNotFound):
        vault.update_record(a.id, {"n": 3})
    with pytest.raises(RecordNotFound):
        vault.delete_record(a.id)
    reason = vault._conn.execute("SELECT reason FROM record_versions WHERE record_id = ?"
                                 " AND op = 'delete'", (a.id,)).fetchone()[0]
    assert reason == "중복 입력"


def test_unknown_and_malformed_ids(vault):
    for rid in (str(uuid.uuid4()), "not-a-uuid", "", "'; DROP TABLE records; --"):
        with pytest.raises(RecordNotFound):
            vault.get_record(rid)
    with pytest.raises(RecordNotFound):
        vault.get_record(vault.put_record("intake", 1, {}).id, version=9)


@pytest.mark.parametrize("values", [[], "text", None, {"id": "x"}, {"form": "x"},
                                    {"case": "C"}, {"x": float("nan")}, {"x": {1, 2}},
                                    {"x": b"bytes"}])
def test_bad_values_are_refused_and_nothing_written(vault, values):
    before = (_changes(vault), vault.audit_entries())
    with pytest.raises(InvalidInput) as exc:
        vault.put_record("intake", 1, values, case_code="NEW-1")
    assert exc.value.message("ko") and exc.value.message("en")
    assert (_changes(vault), vault.audit_entries()) == before
    assert vault.get_case("NEW-1") is None  # the case of a refused record is not created


@pytest.mark.parametrize("form,version", [("", 1), ("Intake", 1), ("a b", 1), ("intake", 0),
                                          ("intake", "1"), ("intake", True)])
def test_bad_form_ids_are_refused(vault, form, version):
    with pytest.raises(InvalidInput):
        vault.put_record(form, version, {})


def test_change_log_written_with_each_change(vault):
    a = vault.put_record("intake", 1, {"n": 1}, case_code="C-1")
    vault.update_record(a.id, {"n": 2})
    vault.delete_record(a.id, "x")
    vault.set_case_status("C-1", "closed")
    rows = _changes(vault)
    assert [r[3] for r in rows] == ["case_create", "create", "edit", "delete", "case_closed"]
    assert [r[7] for r in rows[1:4]] == [1, 2, 3]
    assert all(r[2] == vault.device_id for r in rows)
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)
    assert len({r[1] for r in rows}) == len(rows) and all(uuid.UUID(r[1]) for r in rows)
    assert {r[4] for r in rows[1:4]} == {a.id}


def test_change_and_version_roll_back_together(vault):
    """A failure inside the write transaction leaves no version, change or audit entry."""
    a = vault.put_record("intake", 1, {"n": 1})
    before = (_changes(vault), vault.audit_entries(), vault.record_versions(a.id))
    vault._conn.execute("CREATE TRIGGER fail_audit BEFORE INSERT ON audit"
                        " BEGIN SELECT RAISE(ABORT, 'simulated failure'); END")
    try:
        with pytest.raises(VaultError):
            vault.update_record(a.id, {"n": 2})
        with pytest.raises(VaultError):
            vault.put_record("intake", 1, {"n": 3}, case_code="C-9")
    finally:
        vault._conn.execute("DROP TRIGGER fail_audit")
    assert (_changes(vault), vault.audit_entries(), vault.record_versions(a.id)) == before
    assert vault.get_case("C-9") is None and vault.search("3") == []


def test_generated_case_codes(vault):
    year = date.today().year
    c1, c2 = vault.create_case(), vault.create_case()
    p = vault.case_prefix
    assert p == default_prefix("김동행", vault.device_id) and re.match(r"^KDH[2-9A-Z]{2}$", p)
    assert (c1.code, c2.code) == (f"{p}-{year}-0001", f"{p}-{year}-0002")
    vault.create_case(f"{p}-{year}-0041")
    assert vault.create_case().code == f"{p}-{year}-0042"
    assert vault.set_case_prefix("kim") == "KIM"
    assert vault.create_case().code == f"KIM-{year}-0001"
    assert vault.set_case_prefix("김동행") == "김동행"
    assert vault.create_case().code == f"김동행-{year}-0001"
    for bad in ("김", "K", "ABCDEFGHI", "K-1", "ㄱㄴ", ""):
        with pytest.raises(InvalidInput):
            vault.set_case_prefix(bad)
    assert re.match(r"^[0-9a-f-]{36}$", c1.id) and c1.status == "open"


def test_same_initials_on_two_laptops_make_different_codes():
    # 김동행 and 김도훈 share the initials KDH; the device part keeps their codes apart.
    devices = [f"0190f0aa-0000-7000-8000-{i:012x}" for i in range(40)]
    prefixes = {default_prefix("김동행", d) for d in devices}
    assert len(prefixes) > 30 and all(p.startswith("KDH") for p in prefixes)
    assert default_prefix("김도훈", devices[0]) != default_prefix("김동행", devices[1])


def test_case_codes_unique_and_checked(vault):
    vault.create_case("C-1")
    with pytest.raises(InvalidInput):
        vault.create_case("C-1")
    for bad in ("", " ", "../x", "a/b", "-lead", "x" * 65, "a..b", "탭\t가"):
        with pytest.raises(InvalidInput):
            vault.create_case(bad)
    assert vault.create_case("사례-2026.1_가").code == "사례-2026.1_가"
    assert vault.ensure_case("C-1").code == "C-1"
    assert [c.code for c in vault.list_cases()] == ["C-1", "사례-2026.1_가"]


def test_case_status_for_the_ui(vault):
    vault.put_record("intake", 1, {}, case_code="OPEN-1")
    vault.put_record("intake", 1, {}, case_code="DONE-1")
    closed = vault.set_case_status("DONE-1", "closed")
    assert closed.status == "closed"
    assert [c.code for c in vault.list_cases(status="open")] == ["OPEN-1"]
    assert [c.code for c in vault.list_cases(status="closed")] == ["DONE-1"]
    with pytest.raises(InvalidInput):
        vault.set_case_status("DONE-1", "archived")
    with pytest.raises(CaseNotFound):
        vault.set_case_status("NOPE", "closed")
    assert vault.set_case_status("DONE-1", "open").status == "open"


@pytest.mark.parametrize("name,prefix", [("김동행", "KDH"), ("이수진", "LSJ"),
                                         ("박 지성", "PJS"), ("오은영", "OEY"),
                                         ("Kim Ji-won", "KJW"), ("demo", "DEMO")])
def test_case_prefixes(name, prefix):
    assert initials_prefix(name) == prefix


def test_prefix_fallback_is_stable_ascii():
    p = initials_prefix("王小明")
    assert re.match(r"^W[0-9A-F]{3}$", p) and p == initials_prefix("王小明")


def test_records_by_case_and_form(vault):
    a = vault.put_record("intake", 1, {}, case_code="C-1")
    b = vault.put_record("consent", 1, {}, case_code="C-1")
    c = vault.put_record("outreach_contact", 1, {})
    assert [r.id for r in vault.list_records("C-1")] == [a.id, b.id]
    assert [r.id for r in vault.list_records(form="consent")] == [b.id]
    assert [r.id for r in vault.list_records()] == [a.id, b.id, c.id]
    assert vault.get_record(c.id).case_code is None
    assert vault.list_records("NO-SUCH") == []


def test_records_survive_reopen(vault, home):
    from crypto.kdf import CHEAP  # noqa: F401  (the fixture's vault is cheap)
    ids = [vault.put_record("intake", 1, {"i": i}, case_code="C-1").id for i in range(20)]
    vault.lock()
    from vault_kit import PASS, WORKER
    with Vault.open(home, WORKER, PASS) as v:
        assert [r.id for r in v.list_records("C-1")] == ids
        assert [r.values["i"] for r in v.list_records()] == list(range(20))
