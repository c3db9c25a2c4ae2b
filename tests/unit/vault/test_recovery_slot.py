"""The recovery keyslot (crypto.keyslots, desktop.vault.recovery): HPKE to the organisation's
recovery key, bound to the vault and the slot; added once per key, kept by passphrase
changes; a recovery resets the passphrase with every record kept, and a refusal changes no
file (bytes and mtimes)."""
from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from crypto.kdf import CHEAP
from crypto.keyslots import (
    KeyslotError,
    KeyslotFile,
    UnwrapFailed,
    new_data_key,
    unwrap_recovery,
    wrap_passphrase,
    wrap_recovery,
)
from desktop.vault import Vault
from desktop.vault.errors import WrongPassphrase
from desktop.vault.recovery import (
    NoRecoverySlot,
    NotThisVaultsRecoveryKey,
    add_recovery_slot,
    last_recovered,
    recover,
    recovery_key_ids,
)
from tests.e2e.cli_helpers import snapshot

VID = "0190aaaa-bbbb-7ccc-8ddd-eeeeffff0000"
WORKER = "복구 슬롯"
PASS = "처음 암호 first passphrase 1"
NEW = "다시 정한 암호 reset passphrase 2"


def _raw(key: X25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def test_recovery_slot_roundtrip_binding_and_wrong_key():
    key, rec = new_data_key(), X25519PrivateKey.generate()
    slot = wrap_recovery(key, rec.public_key(), VID)
    assert (slot["type"], slot["aead"]) == ("recovery", "aes-256-gcm")
    assert unwrap_recovery(slot, rec, VID) == key
    with pytest.raises(UnwrapFailed):
        unwrap_recovery(slot, X25519PrivateKey.generate(), VID)
    with pytest.raises(UnwrapFailed):  # moved to another vault
        unwrap_recovery(slot, rec, VID.replace("0000", "0001"))
    with pytest.raises(UnwrapFailed):  # another slot id
        unwrap_recovery(dict(slot, id="0123456789abcdef"), rec, VID)
    with pytest.raises(KeyslotError):
        unwrap_recovery(dict(slot, hpke="base/p256"), rec, VID)
    tampered = dict(slot, wrapped=slot["wrapped"][:-4] + ("AAA=" if slot["wrapped"][-4:] !=
                                                         "AAA=" else "BBB="))
    with pytest.raises(UnwrapFailed):
        unwrap_recovery(tampered, rec, VID)


def test_keyslot_file_finds_the_slot_by_key_id_and_keeps_it_on_passphrase_change():
    key, rec = new_data_key(), X25519PrivateKey.generate()
    f = KeyslotFile(VID, [wrap_passphrase(key, "pw", CHEAP, VID)])
    f = f.with_slot(wrap_recovery(key, rec.public_key(), VID))
    parsed = KeyslotFile.parse(f.dumps())
    assert parsed.unwrap_recovery(rec) == key
    with pytest.raises(UnwrapFailed):
        parsed.unwrap_recovery(X25519PrivateKey.generate())
    changed = parsed.with_passphrase_slot(wrap_passphrase(key, "new", CHEAP, VID))
    assert changed.of_type("recovery") == parsed.of_type("recovery")
    other = X25519PrivateKey.generate()  # a new recovery key replaces the old slot
    replaced = changed.with_slot(wrap_recovery(key, other.public_key(), VID))
    assert len(replaced.of_type("recovery")) == 1 and replaced.unwrap_recovery(other) == key
    assert len(replaced.of_type("passphrase")) == 1


@pytest.fixture
def vault_with_slot(home):
    rec = X25519PrivateKey.generate()
    with Vault.create(home, WORKER, PASS, kdf=CHEAP) as v:
        rid = v.put_record("intake", 1, {"memo": "복구 전 기록"}, case_code="REC-1").id
        assert add_recovery_slot(v, _raw(rec)) is not None
        assert add_recovery_slot(v, _raw(rec)) is None  # the same key again: no change
        v.change_passphrase(PASS, PASS + "!")  # keeps the recovery slot
    return rec, rid


def test_recover_resets_the_passphrase_and_keeps_every_record(home, vault_with_slot):
    rec, rid = vault_with_slot
    assert len(recovery_key_ids(home, WORKER)) == 1
    v = recover(home, WORKER, rec, NEW)
    try:
        assert v.get_record(rid).values == {"memo": "복구 전 기록"}
        when = last_recovered(v)
        assert when is not None and when.endswith("Z")
        (entry,) = [e for e in v.audit_entries() if e.action == "passphrase_recovered"]
        assert entry.subject == "vault" and entry.reason.startswith("recovery key ")
        assert v.verify_audit() == []
    finally:
        v.lock()
    with pytest.raises(WrongPassphrase):
        Vault.open(home, WORKER, PASS + "!")
    with Vault.open(home, WORKER, NEW) as again:
        assert again.get_record(rid).values == {"memo": "복구 전 기록"}
    assert len(recovery_key_ids(home, WORKER)) == 1  # the slot is still there


def test_refusals_change_no_file(home, vault_with_slot):
    rec, _rid = vault_with_slot
    before = snapshot(home)
    with pytest.raises(NotThisVaultsRecoveryKey):
        recover(home, WORKER, X25519PrivateKey.generate(), NEW)
    assert snapshot(home) == before
    Vault.create(home, "슬롯 없는 금고", PASS, kdf=CHEAP).lock()
    before = snapshot(home)
    with pytest.raises(NoRecoverySlot):
        recover(home, "슬롯 없는 금고", rec, NEW)
    assert snapshot(home) == before
