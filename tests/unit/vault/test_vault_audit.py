"""The audit log: chained, append-only, head kept outside; tampering is found."""
from __future__ import annotations

import pytest
from vault_kit import PASS, WORKER, raw_connection

from desktop.vault import InvalidInput, Vault
from desktop.vault.audit import GENESIS, SLOT_BYTES, entry_hash


def _attack(vault, home, *sql):
    """Play an attacker who has the key: drop the append-only triggers, rewrite rows."""
    vault.lock()
    conn = raw_connection(vault.paths.folder)
    conn.execute("DROP TRIGGER audit_append_only_update")
    conn.execute("DROP TRIGGER audit_append_only_delete")
    for s in sql:
        conn.execute(s)
    conn.close()
    return Vault.open(home, WORKER, PASS)


@pytest.fixture
def busy(vault):
    rid = vault.put_record("intake", 1, {"memo": "a"}, case_code="C-1").id
    vault.update_record(rid, {"memo": "b"})
    vault.audit("view", f"record:{rid}")
    vault.audit("export", "case:C-1", "법원 제출")
    vault.delete_record(rid, "중복")
    return vault


def test_chain_of_actions(busy):
    entries = busy.audit_entries()
    assert [e.action for e in entries] == ["create", "unlock", "create", "create", "edit",
                                           "view", "export", "delete"]
    assert [e.seq for e in entries] == list(range(1, 9))
    assert entries[0].prev_hash == GENESIS
    for prev, e in zip(entries, entries[1:], strict=False):
        assert e.prev_hash == prev.hash
        assert e.hash == entry_hash(e.seq, e.actor, e.at, e.action, e.subject, e.reason,
                                    e.prev_hash)
    assert {e.actor for e in entries} == {WORKER}
    assert entries[6].reason == "법원 제출" and entries[7].reason == "중복"
    assert busy.verify_audit() == []


def test_append_only_inside_the_vault(busy):
    import sqlcipher3
    for sql in ("UPDATE audit SET reason = 'x' WHERE seq = 2", "DELETE FROM audit"):
        with pytest.raises(sqlcipher3.IntegrityError, match="append-only"):
            busy._conn.execute(sql)


def test_bad_actions_refused(vault):
    for action in ("", "DROP", "a b", "x" * 40, None):
        with pytest.raises(InvalidInput):
            vault.audit(action, "s")


@pytest.mark.parametrize("attack,expect", [
    (["UPDATE audit SET reason = '다른 사유' WHERE seq = 7"], "altered"),
    (["UPDATE audit SET at = '2020-01-01T00:00:00+09:00' WHERE seq = 3"], "altered"),
    (["DELETE FROM audit WHERE seq = 4"], "removed"),
    (["UPDATE audit SET seq = 100 WHERE seq = 5", "UPDATE audit SET seq = 5 WHERE seq = 6",
      "UPDATE audit SET seq = 6 WHERE seq = 100"], "reordered"),
])
def test_edits_deletions_and_reordering_are_reported(busy, home, attack, expect):
    v = _attack(busy, home, *attack)
    try:
        problems = v.verify_audit()
        assert problems and any(expect in p for p in problems), problems
        assert all(p.message("ko") for p in problems)
        assert v.check()  # check() includes the audit verification
    finally:
        v.lock()


def test_cut_off_tail_is_reported(busy, home):
    count = len(busy.audit_entries()) + 1  # the lock entry
    v = _attack(busy, home, f"DELETE FROM audit WHERE seq > {count - 3}")
    try:
        problems = v.verify_audit()
        assert any("cut off the end" in p for p in problems), problems
        # New entries do not paper over the cut: the head is not rewritten.
        for _ in range(3):
            v.lock()
            v = Vault.open(home, WORKER, PASS)
        assert any("recorded head" in p for p in v.verify_audit())
        v.reset_audit_head("조사 완료: 테스트")
        assert v.verify_audit() == [] and v.audit_entries()[-1].action == "audit_head_reset"
    finally:
        v.lock()


def test_forged_or_missing_head_is_reported(busy, home):
    head = busy.paths.audit_head
    busy.lock()
    data = bytearray(head.read_bytes())
    data[10] ^= 1
    data[SLOT_BYTES + 10] ^= 1
    head.write_bytes(bytes(data))
    with Vault.open(home, WORKER, PASS) as v:
        assert any("audit head" in p for p in v.verify_audit())
    head.unlink()
    with Vault.open(home, WORKER, PASS) as v:
        assert any("audit head" in p for p in v.verify_audit())
        v.audit("view", "x")
        assert any("audit head" in p for p in v.verify_audit())


def test_a_lagging_head_is_tolerated_and_caught_up(busy, home):
    """After a crash between the commit and the head write, the head lags: not an error."""
    old = busy.paths.audit_head.read_bytes()
    busy.audit("view", "record:x")
    busy.paths.audit_head.write_bytes(old)
    assert busy.verify_audit() == []
    busy.audit("view", "record:y")  # the next write catches the head up
    busy.lock()
    with Vault.open(home, WORKER, PASS) as v:
        assert v.verify_audit() == []


def test_one_torn_head_slot_falls_back_to_the_other(busy):
    head = busy.paths.audit_head
    count = len(busy.audit_entries())
    data = bytearray(head.read_bytes())
    slot = (count % 2) * SLOT_BYTES  # the newest head
    data[slot:slot + SLOT_BYTES] = b"\xff" * SLOT_BYTES
    head.write_bytes(bytes(data))
    assert busy.verify_audit() == []  # the previous head still checks out
