"""The server's identity in its database: epoch, organisation, public keys; and the
server's own keys: the receipt key (Ed25519, private half in DATA/receipt.key, public
half certified by the organisation signing key at `server init`) and the routing key
(32 random bytes devices derive case tokens with)."""
from __future__ import annotations

import os
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import (
    HPKE_SUITE,
    MIN_PROTOCOL_VERSION,
    PROTOCOL_VERSION,
    PublicKey,
    ServerInfo,
    b64encode,
    utc_text,
)
from sync.protocol.signing import receipt_key_statement
from sync.server.db import Prepared
from sync.server.errors import ServerError
from sync.server.files import write_new
from sync.server.models import OrgKey, ServerIdentity, ServerKeys, utcnow

RECEIPT_KEY_FILE = "receipt.key"  # in the data folder: the raw 32-byte private key
ROUTING_KEY_BYTES = 32


class NoIdentity(LookupError):
    """The database was migrated but `server init` never stored an identity in it."""


@dataclass(frozen=True)
class Identity:
    epoch: str
    organisation: str
    sealing_key: PublicKey
    signing_key: PublicKey
    recovery_key: PublicKey | None = None  # None: a server initialised before it existed


def create(session: Session, organisation: str, keys: list[PublicKey], *,
           receipt_public: bytes, org_signer: Ed25519PrivateKey) -> str:
    """Stores a new identity (in the caller's transaction); returns the epoch.

    `org_signer` is the organisation signing key, in memory only during `server init`:
    it certifies the receipt key for this epoch here, and is never stored."""
    epoch = str(uuid.uuid4())
    now = utcnow()
    session.add(ServerIdentity(id=1, epoch=epoch, organisation=organisation, created_at=now))
    for k in keys:
        session.add(OrgKey(key_id=k.key_id, purpose=k.purpose, algorithm=k.algorithm,
                           public_key=k.raw, created_at=now))
    session.add(ServerKeys(
        id=1, receipt_key=receipt_public,
        receipt_key_signature=org_signer.sign(receipt_key_statement(epoch, receipt_public)),
        routing_key=secrets.token_bytes(ROUTING_KEY_BYTES), created_at=now))
    return epoch


def new_receipt_key(data: Path) -> bytes:
    """Makes the receipt key, writes its private half to DATA/receipt.key (0600, durable
    before anything names it); returns the raw public key."""
    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                            serialization.NoEncryption())
    write_new(data / RECEIPT_KEY_FILE, raw)
    return key.public_key().public_bytes(serialization.Encoding.Raw,
                                         serialization.PublicFormat.Raw)


def load_receipt_key(data: Path) -> Ed25519PrivateKey:
    path = data / RECEIPT_KEY_FILE
    try:
        fd = os.open(path, os.O_RDONLY)
        with os.fdopen(fd, "rb") as f:
            raw = f.read(33)
    except OSError as e:
        raise ServerError(f"{path}: 영수증 키를 읽을 수 없습니다 ({e.strerror}); 이 데이터 "
                          "폴더는 이 버전의 `server init` 으로 만든 것이 아닙니다",
                          f"{path}: the receipt key is unreadable ({e.strerror}); this data "
                          "folder was not made by this version's `server init`") from None
    if len(raw) != 32:
        raise ServerError(f"{path}: 손상된 영수증 키", f"{path}: damaged receipt key")
    return Ed25519PrivateKey.from_private_bytes(raw)


@dataclass(frozen=True)
class SyncKeys:
    receipt_key: bytes
    receipt_key_signature: bytes
    routing_key: bytes


def sync_keys(session: Session) -> SyncKeys:
    row = session.get(ServerKeys, 1)
    if row is None:
        raise NoIdentity()
    return SyncKeys(row.receipt_key, row.receipt_key_signature, row.routing_key)


_EPOCH = Prepared(lambda _among: select(ServerIdentity.epoch))


def existing_epoch(session: Session) -> str | None:
    return _EPOCH.execute(session).scalar_one_or_none()


def load(session: Session) -> Identity:
    ident = session.get(ServerIdentity, 1)
    if ident is None:
        raise NoIdentity()
    current: dict[str, PublicKey] = {}
    for row in session.execute(select(OrgKey).where(OrgKey.retired_at.is_(None))).scalars():
        current[row.purpose] = PublicKey(purpose=row.purpose,  # type: ignore[arg-type]
                                         algorithm=row.algorithm,  # type: ignore[arg-type]
                                         key=b64encode(row.public_key), key_id=row.key_id)
    if not {"sealing", "signing"} <= set(current):
        raise NoIdentity()
    return Identity(ident.epoch, ident.organisation, current["sealing"], current["signing"],
                    current.get("recovery"))


def info(ident: Identity) -> ServerInfo:
    return ServerInfo(protocol_version=PROTOCOL_VERSION,
                      min_protocol_version=MIN_PROTOCOL_VERSION,
                      server_epoch=ident.epoch, organisation=ident.organisation,
                      sealing_key=ident.sealing_key, signing_key=ident.signing_key,
                      hpke_suite=HPKE_SUITE, server_time=utc_text(utcnow()))
