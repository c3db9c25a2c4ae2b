"""Raw case rows for the 100k-case list: every case by code, the most recently changed
first page (through its index), and one field of the latest live records per case."""
from __future__ import annotations

import pytest

from desktop.vault.errors import InvalidInput


def test_case_rows_match_the_case_objects(vault):
    for code in ("C-3", "C-1", "C-2"):
        vault.create_case(code)
    vault.set_case_status("C-2", "closed")
    assert vault.case_rows() == [(c.code, c.status, c.created, c.updated)
                                 for c in vault.list_cases()]
    assert [r[0] for r in vault.case_rows()] == ["C-1", "C-2", "C-3"]


def test_recent_case_rows_are_the_newest_by_last_change_ties_by_code(vault):
    for i in range(12):
        vault.create_case(f"R-{i:02d}")
    vault.set_case_status("R-03", "closed")   # the most recent change
    total, rows = vault.recent_case_rows(5)
    assert total == 12 and len(rows) == 5
    everything = sorted(vault.case_rows(), key=lambda r: r[0])
    expected = sorted(everything, key=lambda r: r[3], reverse=True)[:5]  # stable: code ties
    assert rows == expected and rows[0][0] == "R-03"
    plan = " ".join(str(x) for x in vault._conn.execute(
        "EXPLAIN QUERY PLAN SELECT code FROM cases ORDER BY updated DESC, code LIMIT 5"))
    assert "cases_updated" in plan


def test_case_field_values_latest_live_versions_in_creation_order(vault):
    a = vault.put_record("intake", 1, {"support_areas": ["legal"], "memo": "x"},
                         case_code="F-1").id
    vault.put_record("intake", 1, {"support_areas": ["medical", "deletion"]}, case_code="F-2")
    vault.update_record(a, {"support_areas": ["legal", "psychological"]})
    gone = vault.put_record("intake", 1, {"support_areas": ["investigation"]},
                            case_code="F-3").id
    vault.delete_record(gone, "wrong case")
    vault.put_record("intake", 1, {"memo": "no areas"}, case_code="F-4")
    vault.put_record("intake", 1, {"support_areas": ["legal"]})           # no case
    vault.put_record("incident", 1, {"support_areas": ["legal"]}, case_code="F-5")
    got = vault.case_field_values("intake", "support_areas")
    assert [row[1:] for row in got] == [
        ("F-1", '["legal","psychological"]'), ("F-2", '["medical","deletion"]'), ("F-4", None)]
    # In chunks: the same rows, each chunk after the previous one's last number.
    chunks, after = [], 0
    while rows := vault.case_field_values("intake", "support_areas", after=after, limit=2):
        chunks.append(rows)
        after = rows[-1][0]
    assert [len(c) for c in chunks] == [2, 1] and sum(chunks, []) == got
    # Several fields in one pass: one value column each.
    both = vault.case_field_values("intake", ("support_areas", "memo"))
    assert [row[1:] for row in both] == [("F-1", '["legal","psychological"]', None),
                                         ("F-2", '["medical","deletion"]', None),
                                         ("F-4", None, "no areas")]


@pytest.mark.parametrize("form, field", [("intake", "a') OR 1=1 --"), ("intake", "$.x"),
                                         ("intake", ""), ("Intake", "support_areas")])
def test_case_field_values_refuses_odd_names(vault, form, field):
    with pytest.raises(InvalidInput):
        vault.case_field_values(form, field)
    with pytest.raises(InvalidInput):
        vault.case_field_values(form, ("support_areas", field))


def _age(vault, code: str, hours: int) -> None:
    """Pretend the case was last changed `hours` ago."""
    from datetime import datetime, timedelta

    old = (datetime.fromisoformat(vault.get_case(code).updated) - timedelta(hours=hours))
    vault._conn.execute("UPDATE cases SET updated = ? WHERE code = ?",
                        (old.isoformat(timespec="milliseconds"), code))


def test_a_change_inside_a_case_is_its_last_change_to_the_minute(vault):
    vault.create_case("U-1")
    vault.create_case("U-2")
    _age(vault, "U-1", 3)
    _age(vault, "U-2", 2)
    assert vault.recent_case_rows(1)[1][0][0] == "U-2"
    rec = vault.put_record("intake", 1, {"memo": "a"}, case_code="U-1")
    assert vault.recent_case_rows(1)[1][0][0] == "U-1"       # a new record
    _age(vault, "U-1", 5)
    vault.update_record(rec.id, {"memo": "a2"})
    assert vault.recent_case_rows(1)[1][0][0] == "U-1"       # an edit
    _age(vault, "U-1", 5)
    path = vault.home / "note.txt"
    path.write_text("x")
    vault.import_attachment(rec.id, path, "note.txt")
    assert vault.recent_case_rows(1)[1][0][0] == "U-1"       # a file
    # Within the minute a burst of saves does not rewrite the case row again.
    before = vault.get_case("U-1").updated
    vault.update_record(rec.id, {"memo": "a3"})
    assert vault.get_case("U-1").updated == before
