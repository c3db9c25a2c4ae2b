"""Sealing end to end (sync.client.sealing): who can open a change, and that nothing a
server could rewrite — the header, an envelope, the content — opens afterwards."""
from __future__ import annotations

import dataclasses
import json
import uuid

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from sync.client import sealing
from sync.protocol import FileRef, SealedChange, b64decode, b64encode, from_json, to_json

CONTENT = "피해자 홍길순캐너리 진술 내용".encode()


def _seal(*recipients: sealing.Recipient, **over) -> SealedChange:
    fields = dict(change_id=str(uuid.uuid4()), device_id=str(uuid.uuid4()), device_seq=7,
                  op="edit", record_id=str(uuid.uuid4()), version_id=str(uuid.uuid4()),
                  parents=[str(uuid.uuid4())], form="intake", form_version=1,
                  case_token="ab" * 32, month="2026-12",
                  file=FileRef(attachment_id=str(uuid.uuid4()), cipher_size=10,
                               cipher_sha256="cd" * 32),
                  statistic={"district": "관악구"}, content=CONTENT,
                  recipients=list(recipients))
    fields.update(over)
    return sealing.seal(**fields)


def _keys():
    org, dev, other = (X25519PrivateKey.generate() for _ in range(3))
    return org, dev, other, [sealing.Recipient.from_raw("org", sealing.raw_public(org)),
                             sealing.Recipient.from_raw("device", sealing.raw_public(dev))]


def test_every_recipient_opens_it_and_nobody_else():
    org, dev, other, to = _keys()
    change = from_json(SealedChange, to_json(_seal(*to)))
    assert sealing.open_change(change, org) == CONTENT
    assert sealing.open_change(change, dev) == CONTENT
    with pytest.raises(sealing.NotARecipient):
        sealing.open_change(change, other)
    assert CONTENT not in to_json(change) and "홍길순".encode() not in to_json(change)


def test_sealing_twice_makes_two_different_changes():
    _org, _dev, _other, to = _keys()
    a = _seal(*to, change_id="0" * 8 + "-0000-4000-8000-" + "0" * 12)
    b = _seal(*to, change_id="0" * 8 + "-0000-4000-8000-" + "0" * 12)
    assert a.content != b.content  # why the outbox stores the sealed bytes once


@pytest.mark.parametrize("field,value", [
    # fixed ids: parametrised ids must be the same in every test process (xdist)
    ("record_id", "0b9e2f3c-6a47-4c1e-9d55-2f6c1d8a7e10"),
    ("parents", ["5d1c8e2a-3f4b-4a6d-8e9f-1a2b3c4d5e6f"]), ("device_seq", 8),
    ("case_token", "ef" * 32), ("op", "delete"), ("month", "2026-11"),
    ("statistic", {"district": "강남구"})])
def test_a_rewritten_header_does_not_open(field, value):
    org, _dev, _other, to = _keys()
    moved = dataclasses.replace(_seal(*to), **{field: value})
    with pytest.raises(sealing.Tampered):
        sealing.open_change(moved, org)


def test_an_envelope_moved_to_another_change_or_a_flipped_byte_does_not_open():
    org, _dev, _other, to = _keys()
    a, b = _seal(*to), _seal(*to)
    swapped = dataclasses.replace(b, envelopes=a.envelopes)
    with pytest.raises(sealing.Tampered):
        sealing.open_change(swapped, org)
    raw = bytearray(b64decode(a.content))
    raw[-1] ^= 1
    with pytest.raises(sealing.Tampered):
        sealing.open_change(dataclasses.replace(a, content=b64encode(bytes(raw))), org)


def test_a_share_adds_envelopes_without_touching_the_content():
    org, _dev, other, to = _keys()
    change = _seal(*to)
    key = sealing.content_key(change, org)
    more = sealing.add_envelopes(change, key, [
        sealing.Recipient.from_raw("device", sealing.raw_public(other))])
    shared = dataclasses.replace(change, envelopes=change.envelopes + more)
    assert shared.content == change.content
    assert sealing.open_change(shared, other) == CONTENT


def test_the_organisation_is_always_a_recipient():
    dev = X25519PrivateKey.generate()
    with pytest.raises(ValueError):
        _seal(sealing.Recipient.from_raw("device", sealing.raw_public(dev)))


def test_statistics_keep_the_month_of_a_date_and_drop_empties():
    assert sealing.reduce_statistic({"incident_date": "2026-12-06", "age": 15,
                                     "minor": True, "none": None, "empty": " ",
                                     "at": "2026-12-06T10:00:00Z"}) == {
        "incident_date": "2026-12", "age": "15", "minor": "true", "at": "2026-12"}
    assert sealing.month_of("2026-12-06T10:00:00Z") == "2026-12"


def test_a_push_of_stored_bodies_is_the_push_request_byte_for_byte():
    from sync.client.transport import sealed_push_body
    from sync.protocol import PushRequest

    _org, _dev, _other, to = _keys()
    changes = [_seal(*to) for _ in range(3)]
    bodies = [to_json(c) for c in changes]
    assert sealed_push_body(bodies) == to_json(PushRequest(changes=changes))
    assert from_json(PushRequest, sealed_push_body(bodies)).changes == changes


# -- batched envelopes: one HPKE operation per sealing batch and recipient ---------------

def _env(change: SealedChange, private: X25519PrivateKey) -> bytes:
    mine = sealing.Recipient.from_raw("org", sealing.raw_public(private)).key_id
    return b64decode(next(e.wrapped for e in change.envelopes if e.recipient == mine))


def _with_env(change: SealedChange, private: X25519PrivateKey, raw: bytes) -> SealedChange:
    mine = sealing.Recipient.from_raw("org", sealing.raw_public(private)).key_id
    return dataclasses.replace(change, envelopes=[
        dataclasses.replace(e, wrapped=b64encode(raw)) if e.recipient == mine else e
        for e in change.envelopes])


def test_a_batch_opens_for_each_recipient_with_one_hpke_per_batch():
    org, dev, other, to = _keys()
    batch = sealing.KeyBatch()
    changes = [from_json(SealedChange, to_json(_seal(*to, batch=batch))) for _ in range(5)]
    # the HPKE part (80 bytes) is the batch's, the same in each change; the rest is not
    org_envs = [_env(c, org) for c in changes]
    assert {len(e) for e in org_envs} == {sealing.BATCHED_BYTES}
    assert len({e[:80] for e in org_envs}) == 1 and len({e[80:] for e in org_envs}) == 5
    assert _env(changes[0], dev)[:80] != org_envs[0][:80]  # a batch key per recipient
    cache: dict[bytes, bytes] = {}
    for c in changes:
        assert sealing.open_with_key(c, sealing.content_key(c, org, batch_keys=cache)) \
            == CONTENT
        assert sealing.open_change(c, dev) == CONTENT
        with pytest.raises(sealing.NotARecipient):
            sealing.open_change(c, other)
    assert len(cache) == 1


def test_a_batched_envelope_moved_swapped_or_flipped_does_not_open():
    org, dev, _other, to = _keys()
    batch = sealing.KeyBatch()
    a, b = _seal(*to, batch=batch), _seal(*to, batch=batch)
    # the whole envelope set of one change on another change of the same batch
    with pytest.raises(sealing.Tampered):
        sealing.open_change(dataclasses.replace(b, envelopes=a.envelopes), org)
    # the organisation's envelope given to the device's key id (another recipient)
    dev_id = sealing.Recipient.from_raw("device", sealing.raw_public(dev)).key_id
    moved = dataclasses.replace(a, envelopes=[
        dataclasses.replace(e, wrapped=b64encode(_env(a, org))) if e.recipient == dev_id
        else e for e in a.envelopes])
    with pytest.raises(sealing.Tampered):
        sealing.open_change(moved, dev)
    # the batch key of another batch in front of this change's wrapped key
    other_batch = _seal(*to, batch=sealing.KeyBatch())
    mixed = _env(other_batch, org)[:80] + _env(a, org)[80:]
    with pytest.raises(sealing.Tampered):
        sealing.open_change(_with_env(a, org, mixed), org)
    for i in (0, 79, 80, 95, 139):   # HPKE, nonce, wrapped key, tag
        raw = bytearray(_env(a, org))
        raw[i] ^= 1
        with pytest.raises(sealing.Tampered):
            sealing.open_change(_with_env(a, org, bytes(raw)), org)


def test_envelopes_of_other_sizes_are_refused_on_the_wire():
    _org, _dev, _other, to = _keys()
    doc = json.loads(to_json(_seal(*to)))
    for size in (79, 81, 139, 141):
        doc["envelopes"][0]["wrapped"] = b64encode(bytes(size))
        with pytest.raises(ValueError):
            from_json(SealedChange, json.dumps(doc).encode())
