"""The messages of the sync protocol, as both sides see them on the wire.

Each is a frozen dataclass decoded by `codec.decode` (types from its annotations) and
checked further in `__post_init__`. This slice has what a client needs before it enrolls:
the server's health and its info (protocol versions, epoch, organisation, public keys).
Push, pull, receipts and enrollment add their dataclasses here (or in sibling modules
re-exported by the package) in the same shape.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from crypto.keyslots import public_key_id
from sync.protocol.codec import b64decode

PROTOCOL_VERSION = 2
# The oldest version this code still accepts. A laptop may be a month offline across a
# server upgrade: a version is retired only after the longest offline lease has passed.
MIN_PROTOCOL_VERSION = 2  # 2: one signature per push answer (receipt_proofs); 1 was never released
# Every request carries it; the server answers 426 with a one-line message outside
# [MIN_PROTOCOL_VERSION, PROTOCOL_VERSION].
PROTOCOL_HEADER = "Donghaeng-Protocol"

# RFC 9180 suite the organisation's sealing key is used with (cryptography's hpke module):
# DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM.
HPKE_SUITE = "DHKEM-X25519-HKDF-SHA256/HKDF-SHA256/AES-256-GCM"

KEY_BYTES = 32  # raw X25519 and Ed25519 public keys
# the algorithm of each purpose of an organisation key
KEY_ALGORITHMS = {"sealing": "X25519", "signing": "Ed25519", "recovery": "X25519"}


def key_id(raw_public: bytes) -> str:
    """A public key's id, as vault keyslots name the organisation's key
    (crypto.keyslots.public_key_id: 32 hex digits of SHA-256 of the raw bytes)."""
    return public_key_id(raw_public)


# exactly what str(uuid.UUID(value)) gives back, without building a UUID: a push of 100
# changes checks some 700 of them
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _check_uuid(value: str, name: str) -> None:
    if not isinstance(value, str) or _UUID.fullmatch(value) is None:
        raise ValueError(f"{name}: not a lowercase UUID")


def _check_time(value: str, name: str) -> None:
    # ISO-8601 in UTC with a Z: one spelling, so times compare as text too
    try:
        ok = value.endswith("Z") and datetime.fromisoformat(value[:-1] + "+00:00") is not None
    except ValueError:
        ok = False
    if not ok:
        raise ValueError(f"{name}: not an ISO-8601 UTC time ending in Z")


def utc_text(moment: datetime) -> str:
    """An aware `moment` as the protocol writes times: 2026-12-06T09:30:00.123456Z."""
    if moment.tzinfo is None:
        raise ValueError("a naive time has no place on the wire")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class PublicKey:
    """One of the organisation's public keys; the private half is offline at the center."""

    purpose: Literal["sealing", "signing", "recovery"]
    algorithm: Literal["X25519", "Ed25519"]
    key: str  # base64 of the raw 32-byte public key
    key_id: str  # key_id(raw): lets a sealed change or a signature say which key it used

    def __post_init__(self) -> None:
        if KEY_ALGORITHMS[self.purpose] != self.algorithm:
            raise ValueError(f"a {self.purpose} key must be {KEY_ALGORITHMS[self.purpose]}")
        if key_id(self.raw) != self.key_id:
            raise ValueError("key_id does not match the key")

    @property
    def raw(self) -> bytes:
        return b64decode(self.key, field="key", size=KEY_BYTES)


@dataclass(frozen=True)
class Health:
    """GET /v1/health: the process is up and its database answers."""

    status: Literal["ok"]
    protocol_version: int


@dataclass(frozen=True)
class ServerInfo:
    """GET /v1/info: what a laptop needs to know before it enrolls or seals anything.

    `server_epoch` names this server's database lineage: it is made once by `server
    init` and survives restores, so receipts stay comparable; a client that sees another
    epoch is talking to a different server and re-sends everything without a receipt
    from this one."""

    protocol_version: int
    min_protocol_version: int
    server_epoch: str
    organisation: str
    sealing_key: PublicKey
    signing_key: PublicKey
    hpke_suite: str
    server_time: str  # lets a laptop see its clock skew before signed requests fail

    def __post_init__(self) -> None:
        _check_uuid(self.server_epoch, "server_epoch")
        _check_time(self.server_time, "server_time")
        if not 1 <= self.min_protocol_version <= self.protocol_version:
            raise ValueError("min_protocol_version must be between 1 and protocol_version")
        if not self.organisation.strip() or len(self.organisation) > 200:
            raise ValueError("organisation: 1 to 200 characters")
        if self.sealing_key.purpose != "sealing" or self.signing_key.purpose != "signing":
            raise ValueError("sealing_key and signing_key swapped")

    def supports(self, version: int = PROTOCOL_VERSION) -> bool:
        return self.min_protocol_version <= version <= self.protocol_version


@dataclass(frozen=True)
class ErrorBody:
    """Every 4xx/5xx answer: a stable code for programs and one line for people."""

    error: str
    message: str
