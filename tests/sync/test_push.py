"""POST /v1/push against a real server (SQLite and PostgreSQL): every change stored exactly
once and answered by a receipt, one signature by the certified receipt key covering an
answer's receipts, each provably (receipt_proofs); replays answer the stored receipts; a reused sequence is quarantined; a gap asks for the missing number;
forks keep both heads; a child whose parent has not arrived waits; a lost device's
changes are kept aside, never applied."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os

from sync.protocol import (
    MAX_CHANGES,
    PushResponse,
    StoredReceipt,
    b64decode,
    b64encode,
    from_json,
    receipt_proofs,
    to_dict,
    to_json,
)
from sync.protocol.signing import receipt_key_statement, verify_signature
from tests.sync.conftest import cli
from tests.sync.device import case_token, enrolled
from tests.sync.servers import (  # noqa: F401 - routes_server: the `server` here
    device_status,
    one_line_error,
    routes_server,
    set_state,
    status,
    worker_name,
)


def _check_receipts(device, changes, resp: PushResponse, epoch: str) -> None:
    assert device.enrolled is not None
    key = b64decode(device.enrolled.receipt_key)
    assert [r.change_id for r in resp.receipts] == [c.change_id for c in changes]
    for c, r in zip(changes, resp.receipts, strict=True):
        assert (r.device_id, r.device_seq, r.server_epoch) == (c.device_id, c.device_seq,
                                                               epoch)
        assert r.sha256 == hashlib.sha256(to_json(c)).hexdigest()
    proven = receipt_proofs.prove(resp.receipts, resp.batch_signature, epoch, key)
    assert proven is not None
    # each receipt, kept with its proof, verifies alone, also after a trip through JSON
    for p in proven:
        kept = from_json(StoredReceipt, to_json(p))
        assert receipt_proofs.verify_stored(kept, key), kept
    seqs = [r.server_seq for r in resp.receipts]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)


def test_receipts_are_signed_and_a_replay_stores_nothing_new(server):
    d = enrolled(server, worker_name())
    info = d.info()
    assert d.enrolled is not None and d.enrolled.server_epoch == info.server_epoch
    # the receipt key is the one the organisation's offline signing key certified
    assert verify_signature(info.signing_key.raw, d.enrolled.receipt_key_signature,
                            receipt_key_statement(info.server_epoch,
                                                  b64decode(d.enrolled.receipt_key)))
    token = case_token()
    batch = [d.change(token=token) for _ in range(7)]
    first = d.push(batch)
    _check_receipts(d, batch, first, info.server_epoch)
    assert (first.refused, first.expected_seq, first.high_water) == ([], None, 7)
    before = status(server)
    again = d.push(batch)
    assert again == first  # the stored receipts, byte for byte the same fields
    after = status(server)
    assert after["changes"] == before["changes"] and after["last_seq"] == before["last_seq"]
    assert device_status(server, d.device_id)["changes"] == 7
    assert device_status(server, d.device_id)["seq"] == 7
    more = [d.change(token=token) for _ in range(3)]
    # a retry of the tail together with new changes: old ones answered, new ones stored
    mixed = d.push(batch[5:] + more)
    assert mixed.receipts[:2] == first.receipts[5:]
    assert min(r.server_seq for r in mixed.receipts[2:]) > max(r.server_seq
                                                               for r in first.receipts)
    proc = cli("status", "--data", str(server.data), "--json")
    assert proc.returncode == 0, proc.stderr
    (row,) = [x for x in json.loads(proc.stdout)["devices"] if x["id"] == d.device_id]
    assert (row["changes"], row["seq"]) == (10, 10)


def test_one_signature_covers_an_answers_receipts_and_breaks_on_any_change(server):
    d = enrolled(server, worker_name())
    assert d.enrolled is not None
    key, epoch = b64decode(d.enrolled.receipt_key), d.enrolled.server_epoch
    for size in (1, 2, 3, 4, 5, 7, 8, 13):  # trees of every shape: full, lopsided, one leaf
        batch = [d.change(token=case_token()) for _ in range(size)]
        resp = d.push(batch)
        proven = receipt_proofs.prove(resp.receipts, resp.batch_signature, epoch, key)
        assert proven is not None and len(proven) == size
        assert all(receipt_proofs.verify_stored(p, key) for p in proven)
    r = resp.receipts[2]
    for bad in (dataclasses.replace(r, server_seq=r.server_seq + 1),
                dataclasses.replace(r, sha256="0" * 64),
                dataclasses.replace(r, received_at="2020-01-01T00:00:00Z")):
        receipts = resp.receipts[:2] + [bad] + resp.receipts[3:]
        assert receipt_proofs.prove(receipts, resp.batch_signature, epoch, key) is None
    # a receipt left out, the order changed, another epoch: none verifies
    assert receipt_proofs.prove(resp.receipts[:3], resp.batch_signature, epoch, key) is None
    assert receipt_proofs.prove(resp.receipts[::-1], resp.batch_signature, epoch,
                                key) is None
    assert receipt_proofs.prove(resp.receipts, resp.batch_signature,
                                "00000000-0000-4000-8000-000000000000", key) is None
    # a stored receipt's proof moved to another leaf, cut short, or with a changed hash
    p = proven[5]
    wrong_hash = b64encode(bytes(32))
    for bad_stored in (dataclasses.replace(p, index=4), dataclasses.replace(p, size=12),
                       dataclasses.replace(p, path=p.path[:-1]),
                       dataclasses.replace(p, path=[wrong_hash, *p.path[1:]]),
                       dataclasses.replace(p, server_seq=p.server_seq + 1),
                       dataclasses.replace(p, path=[*p.path, wrong_hash])):
        assert not receipt_proofs.verify_stored(bad_stored, key), bad_stored

def test_a_reused_sequence_is_refused_and_quarantined(server):
    d = enrolled(server, worker_name())
    original = [d.change() for _ in range(3)]
    receipts = d.push(original).receipts
    quarantined = status(server)["quarantined"]
    # the vault lost its log and wrote other changes under numbers already used
    reused = d.change(seq=2)
    same_id_other_bytes = to_dict(original[2])
    same_id_other_bytes["content"] = to_dict(d.change(seq=99))["content"]
    from sync.protocol import SealedChange, decode

    tampered = decode(SealedChange, same_id_other_bytes)
    resp = d.push([original[0], reused, tampered])
    assert resp.receipts == receipts[:1]
    assert [(r.change_id, r.device_seq, r.error) for r in resp.refused] == [
        (reused.change_id, 2, "sequence_reuse"), (tampered.change_id, 3, "sequence_reuse")]
    assert all("\n" not in r.message for r in resp.refused)
    assert status(server)["quarantined"] == quarantined + 2
    # the same refused bytes again are not kept twice; the originals are untouched
    d.push([reused])
    assert status(server)["quarantined"] == quarantined + 2
    assert d.push(original).receipts == receipts
    assert device_status(server, d.device_id)["changes"] == 3


def test_a_gap_receipts_what_came_before_and_asks_for_the_missing_number(server):
    d = enrolled(server, worker_name())
    one, two = d.change(), d.change()
    d.seq += 2  # 3 and 4 are never sent
    five = d.change()
    resp = d.push([one, two, five])
    assert [r.device_seq for r in resp.receipts] == [1, 2]
    assert (resp.expected_seq, resp.high_water) == (3, 2)
    assert device_status(server, d.device_id)["changes"] == 2
    first_alone = d.push([d.change(seq=4)])  # a batch starting past the mark
    assert (first_alone.receipts, first_alone.expected_seq) == ([], 3)


def test_a_restored_laptop_resends_its_old_devices_changes(server):
    worker = worker_name()
    old = enrolled(server, worker)
    sent = [old.change() for _ in range(3)]
    receipts = old.push(sent[:2]).receipts
    new = enrolled(server, worker)  # the same worker's vault, restored on a new laptop
    resp = new.push(sent)  # the old vault's log: two receipted, one never sent
    assert resp.receipts[:2] == receipts
    assert resp.receipts[2].device_id == old.device_id and resp.receipts[2].device_seq == 3
    assert device_status(server, old.device_id)["changes"] == 3
    assert device_status(server, old.device_id)["seq"] == 3
    assert device_status(server, new.device_id)["changes"] == 0


def test_another_workers_chain_is_forbidden(server):
    a = enrolled(server, worker_name())
    b = enrolled(server, worker_name())
    before = status(server)["changes"]
    one_line_error(b.push_raw([a.change()]), 403)
    # hidden among b's own changes the batch is refused whole
    one_line_error(b.push_raw([b.change(), a.change(seq=1)]), 403)
    assert status(server)["changes"] == before
    assert device_status(server, a.device_id)["seq"] == 0
    assert device_status(server, b.device_id)["seq"] == 0


def test_a_fork_keeps_both_versions_and_pulls_conflicted(server):
    worker = worker_name()
    a, b = enrolled(server, worker), enrolled(server, worker)
    reader = enrolled(server, worker)
    token, record = case_token(), "8c6a3a52-4b7e-4f3e-9a36-2d1d2e2b1c01"
    root = a.version(record, token=token)
    a.push([root])
    left = a.version(record, parents=(root.version_id,), token=token)
    right = b.version(record, parents=(root.version_id,), token=token)
    calm = a.version("0f0e0d0c-0b0a-4999-8888-777766665555", token=token)
    a.push([left, calm])
    b.push([right])
    got = {p.change.change_id: p for p in reader.pull_all()[0]}
    assert {got[c.change_id].conflicted for c in (root, left, right)} == {True}
    assert got[calm.change_id].conflicted is False
    assert not any(p.waiting for p in got.values())


def test_a_child_waits_for_its_parent(server):
    worker = worker_name()
    a, b = enrolled(server, worker), enrolled(server, worker)
    reader = enrolled(server, worker)
    token, record = case_token(), "5b1c2e44-9d3f-4a6b-8c7d-0e1f2a3b4c5d"
    root = a.version(record, token=token)
    a.push([root])
    mine = a.version(record, parents=(root.version_id,), token=token)
    theirs_id = "a0a0a0a0-1111-4222-8333-444455556666"
    # a merge of a's edit and b's edit, pushed before b's edit reaches the server
    merge = a.version(record, parents=(mine.version_id, theirs_id), token=token)
    a.push([mine, merge])
    got = {p.change.change_id: p for p in reader.pull_all()[0]}
    assert got[merge.change_id].waiting and not got[mine.change_id].waiting
    theirs = b.change(op="edit", record_id=record, version_id=theirs_id,
                      parents=(root.version_id,), token=token)
    b.push([theirs])
    got = {p.change.change_id: p for p in reader.pull_all()[0]}
    assert not any(p.waiting for p in got.values()), {k: p.waiting for k, p in got.items()}
    # the merge joined both heads: one head left, nothing conflicted
    assert not any(p.conflicted for p in got.values())


def test_a_chain_of_waiting_children_is_placed_when_its_root_comes(server):
    worker = worker_name()
    a, reader = enrolled(server, worker), enrolled(server, worker)
    record = "77777777-6666-4555-8444-333322221111"
    root_id = "12121212-3434-4565-8787-909090909090"
    child = a.version(record, parents=(root_id,))
    grandchild = a.version(record, parents=(child.version_id,))
    a.push([child, grandchild])
    assert all(p.waiting for p in reader.pull_all()[0])
    a.push([a.change(op="create", record_id=record, version_id=root_id)])
    pulled = reader.pull_all()[0]
    assert len(pulled) == 3 and not any(p.waiting or p.conflicted for p in pulled)


def test_a_device_revoked_as_lost_is_refused_and_its_changes_quarantined(server):
    d = enrolled(server, worker_name())
    d.push([d.change()])
    set_state(server, d.device_id, "revoked_lost")
    before = status(server)
    body = one_line_error(d.push_raw([d.change(), d.change()]), 403)
    assert body.error == "forbidden"
    after = status(server)
    assert after["quarantined"] == before["quarantined"] + 2
    assert after["changes"] == before["changes"]
    assert device_status(server, d.device_id)["seq"] == 1
    # a revoked device also pulls nothing
    one_line_error(d.request("GET", "/v1/pull?after=0"), 403)


def test_oversized_batches_are_refused_whole(server):
    d = enrolled(server, worker_name())
    before = status(server)
    many = [to_dict(d.change()) for _ in range(MAX_CHANGES + 1)]
    body = json.dumps({"changes": many}).encode()
    one_line_error(d.request("POST", "/v1/push", body), 422)
    d.seq = 0
    # 17 changes of the largest content (512 KiB of base64) are over 8 MiB
    big = [to_dict(d.change(content=os.urandom(384 * 1024))) for _ in range(17)]
    body = json.dumps({"changes": big}).encode()
    assert len(body) > 8 * 1024 * 1024
    one_line_error(d.request("POST", "/v1/push", body), 413)
    after = status(server)
    assert after["changes"] == before["changes"] and after["last_seq"] == before["last_seq"]
    assert device_status(server, d.device_id)["seq"] == 0
    # and the device still pushes afterwards
    d.seq = 0
    assert from_json(PushResponse, d.push_raw([d.change()]).content).high_water == 1
