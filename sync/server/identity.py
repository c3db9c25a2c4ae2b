"""The server's identity in its database: epoch, organisation, public keys."""
from __future__ import annotations

import uuid
from dataclasses import dataclass

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
from sync.server.models import OrgKey, ServerIdentity, utcnow


class NoIdentity(LookupError):
    """The database was migrated but `server init` never stored an identity in it."""


@dataclass(frozen=True)
class Identity:
    epoch: str
    organisation: str
    sealing_key: PublicKey
    signing_key: PublicKey


def create(session: Session, organisation: str, keys: list[PublicKey]) -> str:
    """Stores a new identity (in the caller's transaction); returns the epoch."""
    epoch = str(uuid.uuid4())
    now = utcnow()
    session.add(ServerIdentity(id=1, epoch=epoch, organisation=organisation, created_at=now))
    for k in keys:
        session.add(OrgKey(key_id=k.key_id, purpose=k.purpose, algorithm=k.algorithm,
                           public_key=k.raw, created_at=now))
    return epoch


def existing_epoch(session: Session) -> str | None:
    return session.execute(select(ServerIdentity.epoch)).scalar_one_or_none()


def load(session: Session) -> Identity:
    ident = session.get(ServerIdentity, 1)
    if ident is None:
        raise NoIdentity()
    current: dict[str, PublicKey] = {}
    for row in session.execute(select(OrgKey).where(OrgKey.retired_at.is_(None))).scalars():
        current[row.purpose] = PublicKey(purpose=row.purpose,  # type: ignore[arg-type]
                                         algorithm=row.algorithm,  # type: ignore[arg-type]
                                         key=b64encode(row.public_key), key_id=row.key_id)
    if set(current) != {"sealing", "signing"}:
        raise NoIdentity()
    return Identity(ident.epoch, ident.organisation, current["sealing"], current["signing"])


def info(ident: Identity) -> ServerInfo:
    return ServerInfo(protocol_version=PROTOCOL_VERSION,
                      min_protocol_version=MIN_PROTOCOL_VERSION,
                      server_epoch=ident.epoch, organisation=ident.organisation,
                      sealing_key=ident.sealing_key, signing_key=ident.signing_key,
                      hpke_suite=HPKE_SUITE, server_time=utc_text(utcnow()))
