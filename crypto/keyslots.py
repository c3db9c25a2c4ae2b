"""The data key and the keyslots that wrap it (the `keyslots.json` format).

A vault's 256-bit data key is random. Each keyslot holds it wrapped with AES-256-GCM under a
key-encryption key (KEK):

* passphrase slot: KEK = Argon2id(passphrase UTF-8, salt, time_cost, memory_kib, parallelism,
  32 bytes, version 0x13); salt and parameters are stored in the slot.
* org slot: an ephemeral X25519 key pair is made per slot; shared = X25519(ephemeral
  private, org public); KEK = HKDF-SHA256(ikm=shared, salt=ephemeral_public || org_public,
  info=b"donghaeng/keyslot/org/v1", 32 bytes). Only the organisation's private key unwraps.
* recovery slot: the data key sealed with HPKE (RFC 9180 base mode, X25519 / HKDF-SHA256 /
  AES-256-GCM, `cryptography`'s one-shot API) to the organisation's recovery key (a
  supervisor's offline key, never the desk's sealing key); HPKE's info is the slot's
  associated data below (the public API has no AAD), so the same binding holds.

The associated data of every slot is
    b"donghaeng/keyslot/v1" 0x00 vault_id 0x00 slot_id 0x00 slot_type   (UTF-8)
so a slot copied into another vault's file, or relabelled, fails authentication.
This module is pure (bytes in, bytes out); writing the file atomically is the caller's job.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hpke, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from crypto.kdf import Argon2Params, derive, new_salt
from crypto.secret import SecretBytes

FORMAT = "donghaeng.keyslots"
FORMAT_VERSION = 1
AEAD_NAME = "aes-256-gcm"
DATA_KEY_BYTES = 32
NONCE_BYTES = 12
ORG_HKDF_INFO = b"donghaeng/keyslot/org/v1"
SLOT_TYPES = ("passphrase", "org", "recovery")
RECOVERY_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
RECOVERY_HPKE = "base/x25519-hkdf-sha256/hkdf-sha256/aes-256-gcm"
HPKE_ENC_BYTES = 32        # the X25519 KEM's encapsulated key: the ephemeral public key


class KeyslotError(Exception):
    """The keyslot file is malformed."""


class UnwrapFailed(Exception):
    """No slot opened with the given secret (wrong passphrase or wrong org key)."""


def new_data_key() -> SecretBytes:
    return SecretBytes(os.urandom(DATA_KEY_BYTES))


def new_slot_id() -> str:
    return secrets.token_hex(8)


def slot_aad(vault_id: str, slot_id: str, slot_type: str) -> bytes:
    return b"\x00".join((b"donghaeng/keyslot/v1", vault_id.encode(), slot_id.encode(),
                         slot_type.encode()))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError, AttributeError) as e:
        raise KeyslotError(f"bad base64 field: {e}") from None


def _seal(kek: bytes | bytearray, data_key: bytes | bytearray,
          aad: bytes) -> tuple[bytes, bytes]:
    nonce = os.urandom(NONCE_BYTES)
    return nonce, AESGCM(kek).encrypt(nonce, data_key, aad)


def _open(kek: bytes | bytearray, slot: dict, aad: bytes) -> SecretBytes:
    try:
        plain = AESGCM(kek).decrypt(_unb64(slot["nonce"]), _unb64(slot["wrapped"]), aad)
    except InvalidTag:
        raise UnwrapFailed() from None
    if len(plain) != DATA_KEY_BYTES:
        raise KeyslotError("wrapped key has the wrong length")
    return SecretBytes(plain)


def wrap_passphrase(data_key: bytes | bytearray, passphrase: str, params: Argon2Params,
                    vault_id: str, slot_id: str | None = None) -> dict:
    slot_id = slot_id or new_slot_id()
    salt = new_salt()
    with derive(passphrase, salt, params) as kek:
        nonce, wrapped = _seal(kek, data_key, slot_aad(vault_id, slot_id, "passphrase"))
    return {"id": slot_id, "type": "passphrase",
            "kdf": {"alg": "argon2id", "version": 19, **params.to_dict(), "salt": _b64(salt)},
            "aead": AEAD_NAME, "nonce": _b64(nonce), "wrapped": _b64(wrapped)}


def passphrase_params(slot: dict) -> Argon2Params:
    kdf = slot["kdf"]
    if kdf.get("alg") != "argon2id" or kdf.get("version") != 19:
        raise KeyslotError("unsupported KDF")
    return Argon2Params.from_dict(kdf)


def unwrap_passphrase(slot: dict, passphrase: str, vault_id: str) -> SecretBytes:
    params = passphrase_params(slot)
    with derive(passphrase, _unb64(slot["kdf"]["salt"]), params) as kek:
        return _open(kek, slot, slot_aad(vault_id, slot["id"], "passphrase"))


def public_key_id(raw_public: bytes) -> str:
    """An organisation public key's id: the first 32 hex digits of SHA-256 of its raw
    bytes. Vault keyslots name their organisation key by it, and the sync protocol names
    the server's keys by it too, so a keyslot and the server's sealing key match."""
    return hashlib.sha256(raw_public).hexdigest()[:32]


def org_key_id(public_key: X25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return public_key_id(raw)


def _org_kek(shared: bytes, ephemeral_raw: bytes, org_raw: bytes) -> SecretBytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral_raw + org_raw,
                info=ORG_HKDF_INFO)
    return SecretBytes(hkdf.derive(shared))


def wrap_org(data_key: bytes | bytearray, org_public: X25519PublicKey | bytes, vault_id: str,
             slot_id: str | None = None) -> dict:
    if isinstance(org_public, bytes | bytearray):
        org_public = X25519PublicKey.from_public_bytes(bytes(org_public))
    slot_id = slot_id or new_slot_id()
    ephemeral = X25519PrivateKey.generate()
    raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
    eph_raw = ephemeral.public_key().public_bytes(*raw)
    org_raw = org_public.public_bytes(*raw)
    with _org_kek(ephemeral.exchange(org_public), eph_raw, org_raw) as kek:
        nonce, wrapped = _seal(kek, data_key, slot_aad(vault_id, slot_id, "org"))
    return {"id": slot_id, "type": "org", "org_key_id": org_key_id(org_public),
            "ephemeral_public": _b64(eph_raw), "aead": AEAD_NAME,
            "nonce": _b64(nonce), "wrapped": _b64(wrapped)}


def unwrap_org(slot: dict, org_private: X25519PrivateKey, vault_id: str) -> SecretBytes:
    raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
    eph_raw = _unb64(slot["ephemeral_public"])
    org_raw = org_private.public_key().public_bytes(*raw)
    try:
        shared = org_private.exchange(X25519PublicKey.from_public_bytes(eph_raw))
    except ValueError:
        raise UnwrapFailed() from None
    with _org_kek(shared, eph_raw, org_raw) as kek:
        return _open(kek, slot, slot_aad(vault_id, slot["id"], "org"))


def wrap_recovery(data_key: bytes | bytearray, recovery_public: X25519PublicKey | bytes,
                  vault_id: str, slot_id: str | None = None) -> dict:
    """Seal the data key to the organisation's recovery key (HPKE base mode)."""
    if isinstance(recovery_public, bytes | bytearray):
        recovery_public = X25519PublicKey.from_public_bytes(bytes(recovery_public))
    slot_id = slot_id or new_slot_id()
    sealed = RECOVERY_SUITE.encrypt(bytes(data_key), recovery_public,
                                    slot_aad(vault_id, slot_id, "recovery"))
    return {"id": slot_id, "type": "recovery", "recovery_key_id": org_key_id(recovery_public),
            "hpke": RECOVERY_HPKE, "aead": AEAD_NAME,
            "enc": _b64(sealed[:HPKE_ENC_BYTES]), "wrapped": _b64(sealed[HPKE_ENC_BYTES:])}


def unwrap_recovery(slot: dict, recovery_private: X25519PrivateKey,
                    vault_id: str) -> SecretBytes:
    if slot.get("hpke") != RECOVERY_HPKE:
        raise KeyslotError("unsupported recovery slot suite")
    sealed = _unb64(slot["enc"]) + _unb64(slot["wrapped"])
    try:
        plain = RECOVERY_SUITE.decrypt(sealed, recovery_private,
                                       slot_aad(vault_id, slot["id"], "recovery"))
    except (InvalidTag, ValueError):   # ValueError: an enc that is no X25519 point
        raise UnwrapFailed() from None
    if len(plain) != DATA_KEY_BYTES:
        raise KeyslotError("wrapped key has the wrong length")
    return SecretBytes(plain)


class KeyslotFile:
    """The parsed `keyslots.json`: the vault id and its slots."""

    def __init__(self, vault_id: str, slots: list[dict]):
        self.vault_id = vault_id
        self.slots = slots

    @classmethod
    def parse(cls, data: bytes) -> KeyslotFile:
        try:
            doc = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise KeyslotError(f"not JSON: {e}") from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise KeyslotError("not a keyslot file")
        if doc.get("version") != FORMAT_VERSION:
            raise KeyslotError(f"unsupported keyslot file version {doc.get('version')!r}")
        slots = doc.get("slots")
        vault_id = doc.get("vault_id")
        if not isinstance(vault_id, str) or not isinstance(slots, list) or not all(
                isinstance(s, dict) and isinstance(s.get("id"), str)
                and s.get("type") in SLOT_TYPES and s.get("aead") == AEAD_NAME
                for s in slots):
            raise KeyslotError("malformed keyslot file")
        return cls(vault_id, slots)

    def dumps(self) -> bytes:
        doc = {"format": FORMAT, "version": FORMAT_VERSION, "vault_id": self.vault_id,
               "slots": self.slots}
        return (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode("utf-8")

    def of_type(self, slot_type: str) -> list[dict]:
        return [s for s in self.slots if s["type"] == slot_type]

    def unwrap_passphrase(self, passphrase: str) -> SecretBytes:
        for slot in self.of_type("passphrase"):
            try:
                return unwrap_passphrase(slot, passphrase, self.vault_id)
            except (KeyError, TypeError, ValueError):
                raise KeyslotError("malformed passphrase slot") from None
            except UnwrapFailed:
                continue
        raise UnwrapFailed()

    def unwrap_org(self, org_private: X25519PrivateKey) -> SecretBytes:
        for slot in self.of_type("org"):
            try:
                return unwrap_org(slot, org_private, self.vault_id)
            except (KeyError, TypeError, ValueError):
                raise KeyslotError("malformed org slot") from None
            except UnwrapFailed:
                continue
        raise UnwrapFailed()

    def unwrap_recovery(self, recovery_private: X25519PrivateKey) -> SecretBytes:
        """Only the slot sealed to this key is tried (by its key id): another key is
        `UnwrapFailed` without any HPKE work."""
        kid = org_key_id(recovery_private.public_key())
        for slot in self.of_type("recovery"):
            if slot.get("recovery_key_id") != kid:
                continue
            try:
                return unwrap_recovery(slot, recovery_private, self.vault_id)
            except (KeyError, TypeError, ValueError):
                raise KeyslotError("malformed recovery slot") from None
            except UnwrapFailed:
                continue
        raise UnwrapFailed()

    def with_slot(self, slot: dict) -> KeyslotFile:
        """A copy with `slot` added; a recovery slot replaces the recovery slots before it
        (one recovery key per organisation, and a vault belongs to one)."""
        kept = [s for s in self.slots if slot["type"] != "recovery" or s["type"] != "recovery"]
        return KeyslotFile(self.vault_id, kept + [slot])

    def with_passphrase_slot(self, slot: dict) -> KeyslotFile:
        """A copy whose passphrase slots are replaced by `slot` (org and recovery slots
        kept)."""
        return KeyslotFile(self.vault_id,
                           [s for s in self.slots if s["type"] != "passphrase"] + [slot])
