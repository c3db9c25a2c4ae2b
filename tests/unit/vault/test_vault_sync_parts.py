"""The vault's side of sync without a network: what a change's frozen content holds, and
that applying it on another vault reproduces the record with the author's ids, keeps both
heads of a fork, holds a child whose parent is missing, ignores a repeat, and never puts
a pulled change in this vault's outbox."""
from __future__ import annotations

import json

import pytest
from vault_kit import PASS

from crypto.kdf import CHEAP
from desktop.vault import Vault, cases, outgoing


@pytest.fixture
def other(tmp_path):
    v = Vault.create(tmp_path / "other-home", "김동행", PASS, kdf=CHEAP)
    yield v
    v.lock()


def _frozen(vault) -> list[outgoing.Outgoing]:
    return vault.unfrozen_changes(1000)


_SENT: dict[str, outgoing.Outgoing] = {}  # every change a test delivered (the inbox retries)


def _opener(outs):
    """What the engine's opener gives for each body: (header, content, why, key)."""
    _SENT.update({o.change.change_id: o for o in outs})
    by_id = _SENT

    def opener(body: bytes, _held):
        o = by_id[body.decode()]
        return ({"change_id": o.change.change_id, "device_id": o.change.device_id,
                 "device_seq": o.change.device_seq, "op": o.op},
                json.loads(json.dumps(o.content)), "", None)
    return opener


def _deliver(outs, target, start: int = 0) -> dict:
    items = [(start + i + 1, o.change.change_id.encode(), o.change.device_id)
             for i, o in enumerate(outs)]
    return target.apply_pulled(items, start + len(items), _opener(outs))


def test_frozen_content_and_apply_on_another_vault(vault, other):
    ref = vault.put_record("intake", 1, {"name": "홍길순"}, case_code="KDH-2026-0001")
    vault.update_record(ref.id, {"name": "홍길순", "note": "둘째"})
    outs = _frozen(vault)
    assert [o.op for o in outs] == ["case_create", "create", "edit"]
    assert [o.change.device_seq for o in outs] == [1, 2, 3]
    edit = outs[2]
    assert edit.parents == [ref.version_id] and edit.form == "intake"
    assert edit.content["version"]["vals"]["note"] == "둘째"

    counts = _deliver(outs, other)
    assert counts == {"applied": 3}
    rec = other.get_record(ref.id)
    assert rec.values == {"name": "홍길순", "note": "둘째"} and rec.author == vault.worker
    assert rec.version_id == outs[2].version_id and rec.parents == (ref.version_id,)
    assert cases.find(other._conn, "KDH-2026-0001").id == \
        cases.find(vault._conn, "KDH-2026-0001").id
    assert [h.record_id for h in other.search("홍길순")] == [ref.id]
    # nothing pulled goes into the other vault's outbox
    assert _frozen(other) == []
    # a repeat of the same page changes nothing
    assert _deliver(outs, other) == {"duplicate": 3}
    assert other.sync_state("pull_cursor") == "3"


def test_a_fork_keeps_both_heads_and_a_missing_parent_waits(vault, other):
    ref = vault.put_record("intake", 1, {"a": 1}, case_code="C-1")
    first = _frozen(vault)
    _deliver(first, other)
    vault.store_frozen([(o.change.change_id, o.change.device_id, o.change.device_seq,
                         b"x", "0" * 64, "t") for o in first], [])
    # both sides edit the same version offline
    vault.update_record(ref.id, {"a": 2})
    other.update_record(ref.id, {"a": 3})
    mine = _frozen(vault)
    assert _deliver(mine, other, start=10) == {"applied": 1}
    rec = other.get_record(ref.id)
    assert len(rec.heads) == 2 and rec.conflict

    # a child that arrives before its parent waits in the inbox, then applies
    vault.store_frozen([(o.change.change_id, o.change.device_id, o.change.device_seq,
                         b"x", "0" * 64, "t") for o in mine], [])
    second = vault.update_record(ref.id, {"a": 4})
    third = vault.update_record(ref.id, {"a": 5})
    outs = _frozen(vault)
    assert [o.version_id for o in outs] == [second.version_id, third.version_id]
    assert _deliver([outs[1]], other, start=20) == {"waiting": 1}
    assert other.sync_status()["inbox_waiting"] == 1
    counts = _deliver([outs[0]], other, start=30)
    assert counts["applied"] == 1 and counts["from_inbox"] == 1
    assert other.sync_status()["inbox_waiting"] == 0
    assert third.version_id in other.get_record(ref.id).heads


def test_a_purged_change_freezes_as_a_marker(vault):
    vault.put_record("intake", 1, {"name": "지울 사람"}, case_code="P-1")
    vault.purge_case("P-1", "test")
    outs = _frozen(vault)
    ops = [o.op for o in outs]
    assert "purged" in ops and "purge" in ops
    for o in outs:
        assert "지울 사람" not in json.dumps(o.content, ensure_ascii=False)
    assert [o.change.device_seq for o in outs] == list(range(1, len(outs) + 1))
