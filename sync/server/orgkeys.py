"""The organisation's key pairs and the passphrase-encrypted files their private halves
live in (KEYDIR, kept offline by the center; never the server's data folder).

    sealing  X25519   HPKE recipient of every sealed change: the center's desk opens
                      records with it (KEYDIR/sealing.key)
    signing  Ed25519  signs wipe orders and form releases, which laptops verify
                      (KEYDIR/signing.key); not PDF signatures (those are X.509/PAdES)
    recovery X25519   HPKE recipient of each vault's recovery keyslot: a supervisor resets
                      a forgotten passphrase with it (KEYDIR/recovery.key; never on a desk)

A key file's format is read by sync.client.keyfile (the desk opens the sealing key
with it too); this module makes and opens the key pairs for the server's commands.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from crypto.kdf import Argon2Params
from crypto.keyslots import wrap_passphrase
from crypto.secret import SecretBytes
from sync.client import keyfile
from sync.protocol import KEY_ALGORITHMS, PublicKey, b64encode, key_id
from sync.server.errors import ServerError

# Fixed, not calibrated: a key file is made on the server machine and opened on whatever
# machine the center's desk uses, and it guards every record of the organisation. 256 MiB
# and 3 passes (about 1 s on one core of a laptop) sit well above a vault's floor
# (crypto.kdf.MIN_REAL) without making the desk wait.
KEY_FILE_KDF = Argon2Params(time_cost=3, memory_kib=256 * 1024, parallelism=1)

_RAW = (serialization.Encoding.Raw, serialization.PublicFormat.Raw)
_RAW_PRIVATE = (serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                serialization.NoEncryption())


@dataclass
class OrgKeyPair:
    purpose: str
    private: X25519PrivateKey | Ed25519PrivateKey

    @property
    def public_raw(self) -> bytes:
        return self.private.public_key().public_bytes(*_RAW)

    @property
    def public(self) -> PublicKey:
        raw = self.public_raw
        return PublicKey(purpose=self.purpose, algorithm=KEY_ALGORITHMS[self.purpose],  # type: ignore[arg-type]
                         key=b64encode(raw), key_id=key_id(raw))

    def private_raw(self) -> SecretBytes:
        return SecretBytes(self.private.private_bytes(*_RAW_PRIVATE))


def generate(purpose: str) -> OrgKeyPair:
    if purpose in ("sealing", "recovery"):
        return OrgKeyPair(purpose, X25519PrivateKey.generate())
    if purpose == "signing":
        return OrgKeyPair(purpose, Ed25519PrivateKey.generate())
    raise ValueError(f"unknown key purpose {purpose!r}")


def key_file_bytes(pair: OrgKeyPair, passphrase: str, params: Argon2Params,
                   organisation: str) -> bytes:
    pub = pair.public
    with pair.private_raw() as raw:
        slot = wrap_passphrase(raw, passphrase, params, keyfile.slot_context(pair.purpose, pub.key_id))
    doc = {"format": keyfile.FORMAT, "version": keyfile.FORMAT_VERSION, "purpose": pair.purpose,
           "algorithm": pub.algorithm, "public_key": pub.key, "key_id": pub.key_id,
           "organisation": organisation, "slot": slot}
    return (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def load(path: Path, passphrase: str, purpose: str) -> OrgKeyPair:
    """Opens a key file (for the commands that sign or unseal: revoke, forms publish, the
    desk). Checks the private key against the public key the file names."""
    try:
        doc, raw = keyfile.unwrap(path, passphrase, purpose)
    except keyfile.KeyFileError as e:
        raise ServerError(e.ko, e.en) from None
    with raw:
        cls = X25519PrivateKey if purpose in ("sealing", "recovery") else Ed25519PrivateKey
        pair = OrgKeyPair(purpose, cls.from_private_bytes(bytes(raw)))
    if pair.public.key_id != doc.get("key_id"):
        bad = keyfile.mismatch(path)
        raise ServerError(bad.ko, bad.en)
    return pair


def open_signer(path: Path, passphrase: str,
                current: PublicKey) -> tuple[Callable[[bytes], bytes], str]:
    """The organisation signing key of `path` (`--org-key`), checked to be the server's
    `current` signing key (what laptops pinned at enrollment and will verify with): its
    `sign` and its key id. Used by `server revoke` and `server forms publish`."""
    pair = load(path, passphrase, "signing")
    if pair.public.key_id != current.key_id:
        raise ServerError(f"{path}: 이 서버의 기관 서명 키가 아닙니다",
                          f"{path}: not this server's organisation signing key")
    signer = pair.private
    assert isinstance(signer, Ed25519PrivateKey)
    return signer.sign, pair.public.key_id
