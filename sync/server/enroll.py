"""Enrollment: one-time codes (`server enroll`) and registering a device with one
(POST /v1/enroll).

A code is 12 characters from 32 symbols (60 bits), shown as XXXX-XXXX-XXXX: letters and
digits without 0/1/O/I, which people misread. Only its SHA-256 is stored, so a copy of
the database enrolls nobody; it is single use (marked used in the transaction that
inserts the device) and expires after 24 hours. The device proves it holds the signing
key it registers by signing the enrollment request with it.
"""
from __future__ import annotations

import hashlib
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from fastapi import HTTPException
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from sync.protocol import EnrollRequest, EnrollResponse, b64decode, b64encode
from sync.protocol.signing import device_fingerprint
from sync.server import auth, identity, pki
from sync.server.models import Device, EnrollCode

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # A-Z without I, O; 2-9 (no 0, 1)
CODE_GROUPS, GROUP_LEN = 3, 4
CODE_LIFETIME = timedelta(hours=24)


def new_code() -> str:
    groups = ("".join(secrets.choice(ALPHABET) for _ in range(GROUP_LEN))
              for _ in range(CODE_GROUPS))
    return "-".join(groups)


def code_hash(code: str) -> str:
    return hashlib.sha256(code.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class IssuedCode:
    code: str
    expires: datetime


def issue(session: Session, worker: str, team: str | None, role: str,
          now: datetime) -> IssuedCode:
    """A new code for `worker`, stored (hashed) in the caller's transaction."""
    code = new_code()
    expires = now + CODE_LIFETIME
    session.add(EnrollCode(code_sha256=code_hash(code), worker=worker, team=team, role=role,
                           created_at=now, expires_at=expires))
    return IssuedCode(code, expires)


def _same_name(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip().casefold()


def _refused(message: str) -> HTTPException:
    return HTTPException(403, message)


def register(sessions: sessionmaker[Session], req: EnrollRequest,
             headers: auth.SignedHeaders, now: datetime,
             authority: pki.Authority | None = None) -> EnrollResponse:
    """Registers the device with its code in one transaction (the request's signature by
    `req.signing_key` is already checked): 403 for a code unknown, used or expired, 409
    for a device (or signing key) already enrolled, 401 for a replayed request. With a
    `req.csr` and a certificate `authority`, the worker's certificate is issued in the
    same transaction (422 for a bad request, before the code is spent)."""
    if req.csr is not None and authority is not None:
        try:
            pki.check_csr(req.csr)
        except ValueError as e:
            raise HTTPException(422, str(e)) from None
    chain: list[str] | None = None
    signing_raw = b64decode(req.signing_key, field="signing_key", size=32)
    sealing_raw = b64decode(req.sealing_key, field="sealing_key", size=32)
    fingerprint = device_fingerprint(signing_raw, sealing_raw)
    try:
        with sessions.begin() as session:
            auth.use_nonce(session, headers, now)
            row = session.execute(select(EnrollCode)
                                  .where(EnrollCode.code_sha256 == code_hash(req.code))
                                  .with_for_update()).scalar_one_or_none()
            if row is None:
                raise _refused("unknown enrollment code; check it or ask the center for a "
                               "new one")
            if row.used_at is not None:
                raise _refused("this enrollment code was already used; ask the center for "
                               "a new one")
            if row.expires_at <= now:
                raise _refused("this enrollment code has expired; ask the center for a new "
                               "one")
            if req.worker is not None and row.role == "worker" and \
                    _same_name(req.worker) != _same_name(row.worker):
                # before the code is spent: the worker asks for a code in their own name
                raise HTTPException(422, "this enrollment code is for another worker")
            taken = session.execute(
                select(Device.id).where((Device.id == req.device_id)
                                        | (Device.signing_key == signing_raw))).first()
            if taken is not None:
                raise HTTPException(409, "this device is already enrolled")
            session.add(Device(id=req.device_id, worker=row.worker, team=row.team,
                               role=row.role, state="active", signing_key=signing_raw,
                               sealing_key=sealing_raw, fingerprint=fingerprint,
                               enrolled_at=now, last_seen=now, high_water=0))
            row.used_at, row.device_id = now, req.device_id
            if req.csr is not None and authority is not None:
                session.flush()  # the certificate row names the device
                chain = pki.issue(session, authority, device_id=req.device_id,
                                  worker=row.worker, team=row.team, csr_pem=req.csr, now=now)
            ident = identity.load(session)
            keys = identity.sync_keys(session)
            worker, team, role = row.worker, row.team, row.role
    except IntegrityError:
        # a device inserted by a racing enrollment with the same id or key
        raise HTTPException(409, "this device is already enrolled") from None
    return EnrollResponse(device_id=req.device_id, worker=worker, team=team,
                          role=role,  # type: ignore[arg-type]
                          fingerprint=fingerprint, server_epoch=ident.epoch,
                          routing_key=b64encode(keys.routing_key),
                          receipt_key=b64encode(keys.receipt_key),
                          receipt_key_signature=b64encode(keys.receipt_key_signature),
                          sealing_key=ident.sealing_key, signing_key=ident.signing_key,
                          recovery_key=ident.recovery_key, certificate_chain=chain)
