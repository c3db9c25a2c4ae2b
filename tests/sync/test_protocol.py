"""sync.protocol without a server: messages decode only what their types allow."""
from __future__ import annotations

import json

import pytest

from sync.pinning import normalise_fingerprint
from sync.protocol import (
    ProtocolError,
    PublicKey,
    ServerInfo,
    b64encode,
    from_json,
    key_id,
    to_json,
)


def _key(purpose: str, raw: bytes) -> PublicKey:
    alg = "X25519" if purpose == "sealing" else "Ed25519"
    return PublicKey(purpose=purpose, algorithm=alg, key=b64encode(raw), key_id=key_id(raw))


def _info(**over) -> dict:
    doc = json.loads(to_json(ServerInfo(
        protocol_version=1, min_protocol_version=1,
        server_epoch="0b5f2c9e-8e0f-4d43-9a0c-2d3f4f5a6b7c", organisation="센터",
        sealing_key=_key("sealing", b"\x01" * 32), signing_key=_key("signing", b"\x02" * 32),
        hpke_suite="x", server_time="2026-12-06T09:30:00.000000Z")))
    doc.update(over)
    return doc


def test_round_trip_is_byte_stable_and_ignores_unknown_keys():
    raw = json.dumps(_info(added_in_a_later_version={"x": 1})).encode()
    info = from_json(ServerInfo, raw)
    assert from_json(ServerInfo, to_json(info)) == info
    assert to_json(info) == to_json(from_json(ServerInfo, to_json(info)))
    assert info.sealing_key.raw == b"\x01" * 32


@pytest.mark.parametrize("over, where", [
    ({"protocol_version": True}, "protocol_version: expected an integer"),
    ({"protocol_version": 2**63}, "protocol_version: integer out of range"),
    ({"protocol_version": "1"}, "protocol_version: expected an integer"),
    ({"organisation": None}, "organisation: expected a string"),
    ({"server_epoch": "not-a-uuid"}, "server_epoch: not a lowercase UUID"),
    ({"server_time": "2026-12-06 09:30"}, "server_time: not an ISO-8601 UTC time"),
    ({"min_protocol_version": 2}, "min_protocol_version must be between"),
    ({"sealing_key": {"purpose": "sealing", "algorithm": "Ed25519", "key": "", "key_id": ""}},
     "a sealing key must be X25519"),
    ({"signing_key": "x"}, "signing_key: expected an object"),
])
def test_wrong_values_name_the_field(over, where):
    with pytest.raises(ProtocolError, match=where.replace("(", r"\(")):
        from_json(ServerInfo, json.dumps(_info(**over)))


def test_missing_fields_malformed_json_and_size():
    doc = _info()
    del doc["organisation"]
    with pytest.raises(ProtocolError, match="organisation: missing"):
        from_json(ServerInfo, json.dumps(doc))
    for bad in (b"{", b"\xff", b"[1]", b'{"protocol_version": NaN}'):
        with pytest.raises(ProtocolError):
            from_json(ServerInfo, bad)
    with pytest.raises(ProtocolError, match="^malformed JSON: Infinity is not JSON$"):
        from_json(ServerInfo, b'{"protocol_version": Infinity}')
    with pytest.raises(ProtocolError, match="too large"):
        from_json(ServerInfo, b" " * (64 * 1024 + 1))
    wrong_id = dict(_info()["sealing_key"], key_id="0" * 64)
    with pytest.raises(ProtocolError, match="key_id does not match"):
        from_json(ServerInfo, json.dumps(_info(sealing_key=wrong_id)))


def test_fingerprints_ignore_colons_and_case():
    h = "ab" * 32
    assert normalise_fingerprint(":".join(h[i:i + 2].upper() for i in range(0, 64, 2))) == h
    for bad in ("ab" * 31, "zz" * 32, ""):
        with pytest.raises(ValueError):
            normalise_fingerprint(bad)
