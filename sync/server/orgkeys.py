"""The organisation's key pairs and the passphrase-encrypted files their private halves
live in (KEYDIR, kept offline by the center; never the server's data folder).

    sealing  X25519   HPKE recipient of every sealed change: the center's desk opens
                      records with it (KEYDIR/sealing.key)
    signing  Ed25519  signs wipe orders and form releases, which laptops verify
                      (KEYDIR/signing.key); not PDF signatures (those are X.509/PAdES)

A key file is JSON: the public key and its id in clear (so a file can be matched to the
server without the passphrase) and the 32-byte raw private key wrapped exactly as a
vault's passphrase keyslot (crypto.keyslots: Argon2id, AES-256-GCM). The slot's
associated data names the purpose and key id, so a file relabelled from sealing to
signing, or paired with another public key, does not open.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from crypto.kdf import Argon2Params
from crypto.keyslots import KeyslotError, UnwrapFailed, unwrap_passphrase, wrap_passphrase
from crypto.secret import SecretBytes
from sync.protocol import KEY_ALGORITHMS, PublicKey, b64encode, key_id
from sync.server.errors import ServerError

# Fixed, not calibrated: a key file is made on the server machine and opened on whatever
# machine the center's desk uses, and it guards every record of the organisation. 256 MiB
# and 3 passes (about 1 s on one core of a laptop) sit well above a vault's floor
# (crypto.kdf.MIN_REAL) without making the desk wait.
KEY_FILE_KDF = Argon2Params(time_cost=3, memory_kib=256 * 1024, parallelism=1)

FORMAT = "donghaeng.org-key"
FORMAT_VERSION = 1
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
    if purpose == "sealing":
        return OrgKeyPair(purpose, X25519PrivateKey.generate())
    if purpose == "signing":
        return OrgKeyPair(purpose, Ed25519PrivateKey.generate())
    raise ValueError(f"unknown key purpose {purpose!r}")


def _slot_context(purpose: str, kid: str) -> str:
    # crypto.keyslots binds a slot to a "vault id"; for a key file that is its identity
    return f"org-key/{purpose}/{kid}"


def key_file_bytes(pair: OrgKeyPair, passphrase: str, params: Argon2Params,
                   organisation: str) -> bytes:
    pub = pair.public
    with pair.private_raw() as raw:
        slot = wrap_passphrase(raw, passphrase, params, _slot_context(pair.purpose, pub.key_id))
    doc = {"format": FORMAT, "version": FORMAT_VERSION, "purpose": pair.purpose,
           "algorithm": pub.algorithm, "public_key": pub.key, "key_id": pub.key_id,
           "organisation": organisation, "slot": slot}
    return (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _parse(path: Path) -> dict[str, Any]:
    try:
        doc = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise ServerError(f"{path}: 파일이 없습니다", f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ServerError(f"{path}: 키 파일이 아닙니다 ({type(e).__name__})",
                          f"{path}: not a key file ({type(e).__name__})") from None
    if (not isinstance(doc, dict) or doc.get("format") != FORMAT
            or doc.get("version") != FORMAT_VERSION or doc.get("purpose") not in KEY_ALGORITHMS
            or not isinstance(doc.get("slot"), dict)):
        raise ServerError(f"{path}: 기관 키 파일이 아닙니다",
                          f"{path}: not an organisation key file")
    return doc


def load(path: Path, passphrase: str, purpose: str) -> OrgKeyPair:
    """Opens a key file (for the commands that sign or unseal: revoke, forms publish, the
    desk). Checks the private key against the public key the file names."""
    doc = _parse(path)
    if doc["purpose"] != purpose:
        raise ServerError(f"{path}: {purpose} 키가 아니라 {doc['purpose']} 키입니다",
                          f"{path}: a {doc['purpose']} key, not a {purpose} key")
    try:
        raw = unwrap_passphrase(doc["slot"], passphrase,
                                _slot_context(purpose, str(doc.get("key_id"))))
    except UnwrapFailed:
        raise ServerError(f"{path}: 암호가 틀렸거나 파일이 손상되었습니다",
                          f"{path}: wrong passphrase or damaged file") from None
    except (KeyslotError, KeyError, TypeError, ValueError):
        raise ServerError(f"{path}: 손상된 키 파일", f"{path}: damaged key file") from None
    with raw:
        cls = X25519PrivateKey if purpose == "sealing" else Ed25519PrivateKey
        pair = OrgKeyPair(purpose, cls.from_private_bytes(bytes(raw)))
    if pair.public.key_id != doc.get("key_id"):
        raise ServerError(f"{path}: 키가 공개 키와 맞지 않습니다",
                          f"{path}: the key does not match its public key")
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
