"""Keyslots: passphrase and org slots wrap the data key; AAD binds vault and slot."""
import base64
import copy
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from crypto.kdf import CHEAP, derive
from crypto.keyslots import (
    KeyslotError,
    KeyslotFile,
    UnwrapFailed,
    new_data_key,
    slot_aad,
    unwrap_org,
    unwrap_passphrase,
    wrap_org,
    wrap_passphrase,
)

VID = "0190aaaa-bbbb-7ccc-8ddd-eeeeffff0000"


def test_passphrase_slot_roundtrip_and_wrong_passphrase():
    key = new_data_key()
    slot = wrap_passphrase(key, "올바른 passphrase", CHEAP, VID)
    assert unwrap_passphrase(slot, "올바른 passphrase", VID) == key
    with pytest.raises(UnwrapFailed):
        unwrap_passphrase(slot, "틀린 passphrase", VID)


def test_slot_cannot_move_to_another_vault_or_be_relabelled():
    key = new_data_key()
    slot = wrap_passphrase(key, "pw", CHEAP, VID)
    with pytest.raises(UnwrapFailed):
        unwrap_passphrase(slot, "pw", VID.replace("0000", "0001"))
    relabelled = dict(slot, id="another")
    with pytest.raises(UnwrapFailed):
        unwrap_passphrase(relabelled, "pw", VID)


def test_unwrap_by_hand_matches_documented_layout():
    """docs/security.md describes the slot precisely enough to do this without our code."""
    key = new_data_key()
    slot = wrap_passphrase(key, "pw", CHEAP, VID, slot_id="s1")
    kdf = slot["kdf"]
    from argon2.low_level import Type, hash_secret_raw
    kek = hash_secret_raw(b"pw", base64.b64decode(kdf["salt"]), kdf["time_cost"],
                          kdf["memory_kib"], kdf["parallelism"], 32, Type.ID)
    aad = b"donghaeng/keyslot/v1\x00" + VID.encode() + b"\x00s1\x00passphrase"
    assert aad == slot_aad(VID, "s1", "passphrase")
    plain = AESGCM(kek).decrypt(base64.b64decode(slot["nonce"]),
                                base64.b64decode(slot["wrapped"]), aad)
    assert plain == key
    assert kek == bytes(derive("pw", base64.b64decode(kdf["salt"]), CHEAP))


def test_org_slot_roundtrip_and_wrong_org_key():
    org = X25519PrivateKey.generate()
    key = new_data_key()
    slot = wrap_org(key, org.public_key(), VID)
    assert slot["type"] == "org"
    assert unwrap_org(slot, org, VID) == key
    with pytest.raises(UnwrapFailed):
        unwrap_org(slot, X25519PrivateKey.generate(), VID)
    with pytest.raises(UnwrapFailed):
        unwrap_org(slot, org, "other-vault")


def test_keyslot_file_roundtrip_and_passphrase_change_keeps_org_slot():
    org = X25519PrivateKey.generate()
    key = new_data_key()
    ks = KeyslotFile(VID, [wrap_passphrase(key, "old", CHEAP, VID), wrap_org(key, org.public_key(), VID)])
    parsed = KeyslotFile.parse(ks.dumps())
    assert parsed.unwrap_passphrase("old") == key
    changed = parsed.with_passphrase_slot(wrap_passphrase(key, "new", CHEAP, VID))
    assert len(changed.of_type("passphrase")) == 1 and len(changed.of_type("org")) == 1
    with pytest.raises(UnwrapFailed):
        changed.unwrap_passphrase("old")
    assert changed.unwrap_passphrase("new") == key
    assert changed.unwrap_org(org) == key


@pytest.mark.parametrize("data", [b"", b"{", b"[]", b'{"format": "x"}',
                                  b'{"format": "donghaeng.keyslots", "version": 9}',
                                  b"\xff\xfe"])
def test_malformed_keyslot_files_are_refused(data):
    with pytest.raises(KeyslotError):
        KeyslotFile.parse(data)


def test_tampered_slot_fields():
    key = new_data_key()
    ks = KeyslotFile(VID, [wrap_passphrase(key, "pw", CHEAP, VID)])
    doc = json.loads(ks.dumps())
    bad = copy.deepcopy(doc)
    bad["slots"][0]["kdf"]["salt"] = "!!notbase64"
    with pytest.raises(KeyslotError):
        KeyslotFile.parse(json.dumps(bad).encode()).unwrap_passphrase("pw")
    bad = copy.deepcopy(doc)
    w = bytearray(base64.b64decode(bad["slots"][0]["wrapped"]))
    w[0] ^= 1
    bad["slots"][0]["wrapped"] = base64.b64encode(bytes(w)).decode()
    with pytest.raises(UnwrapFailed):
        KeyslotFile.parse(json.dumps(bad).encode()).unwrap_passphrase("pw")
