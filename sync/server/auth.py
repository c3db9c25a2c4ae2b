"""Signed requests: who is asking, proven on every request (no bearer tokens exist).

A device signs `signing.request_text` (method, path with query, SHA-256 of the body,
time, nonce, protocol version, device id) with its Ed25519 key. The server refuses, in
this order: missing headers, a time outside `CLOCK_WINDOW`, an unknown device, a bad
signature, a nonce already seen (the nonce table is in the database, so a replay sent to
another `server run` is refused too), and — only after the signature proved who is
asking, so a stranger learns nothing of device states — a device revoked as lost,
retired or wiped.

Routes take `signed_device` (or `signed_device_any_state` for the device's own status
and reports, through which a blocked device learns of its wipe order) and read the
verified body from the AuthedDevice: the bytes the signature covers are the bytes
parsed, never a re-parse by pydantic. Push checks the signature with `check_in` inside
its own transaction (one transaction a push instead of two), lets a device revoked as
lost through to quarantine what it sends, then answers 403.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from fastapi import HTTPException, Request
from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from sync.protocol import PROTOCOL_HEADER, key_id
from sync.protocol.codec import DEFAULT_MAX_BYTES
from sync.protocol.signing import (
    CLOCK_WINDOW,
    DEVICE_HEADER,
    NONCE_HEADER,
    SIGNATURE_HEADER,
    TIME_HEADER,
    request_text,
    verify_signature,
    within_window,
)
from sync.server.db import Prepared
from sync.server.models import Device, Nonce, utcnow

# a device's last_seen is written at most this often: status needs minutes, not requests
LAST_SEEN_EVERY = timedelta(seconds=60)
# refused by every route except those that let a state through (authenticate's flags)
BLOCKED_STATES = ("revoked_lost", "retired", "wiped")
# how long past its request time a nonce is kept: the window and a margin (use_nonce)
NONCE_KEEP = CLOCK_WINDOW + timedelta(minutes=5)
PRUNE_EVERY = timedelta(seconds=30)
CLOCK_MESSAGE = "request time is off by more than 10 minutes; check this computer's clock"
BLOCKED_MESSAGE = "this device is not allowed to sync; ask the center"


@dataclass(frozen=True)
class AuthedDevice:
    """The device a signed request proved to come from, and the body it signed."""

    device_id: str
    worker: str
    team: str | None
    role: str
    state: str
    sealing_key_id: str
    body: bytes


@dataclass(frozen=True)
class SignedHeaders:
    device_id: str
    time: str
    sent_at: datetime
    nonce: str
    signature: str
    protocol: int


def _unauthenticated(message: str) -> HTTPException:
    return HTTPException(401, message)


def signed_headers(request: Request, now: datetime) -> SignedHeaders:
    """The signature headers, present and in the clock window, or 401."""
    h = request.headers
    for name in (DEVICE_HEADER, TIME_HEADER, NONCE_HEADER, SIGNATURE_HEADER,
                 PROTOCOL_HEADER):
        if not h.get(name):
            raise _unauthenticated(f"unsigned request: no {name} header")
    time = h[TIME_HEADER]
    try:
        if not time.endswith("Z"):
            raise ValueError
        sent_at = datetime.fromisoformat(time[:-1] + "+00:00")
        # a date alone ("2026-12-06Z") parses as a naive midnight, which cannot be
        # compared with the server's aware clock
        if sent_at.tzinfo is None:
            raise ValueError
    except ValueError:
        raise _unauthenticated(f"{TIME_HEADER}: not an ISO-8601 UTC time") from None
    if not within_window(sent_at, now):
        raise _unauthenticated(CLOCK_MESSAGE)
    nonce = h[NONCE_HEADER]
    if len(nonce) != 32 or any(c not in "0123456789abcdef" for c in nonce):
        raise _unauthenticated(f"{NONCE_HEADER}: not 32 lowercase hex digits")
    # the protocol middleware already refused a version outside the range (426)
    return SignedHeaders(h[DEVICE_HEADER][:64], time, sent_at, nonce, h[SIGNATURE_HEADER],
                         int(h[PROTOCOL_HEADER]))


def signed_path(request: Request) -> str:
    """The path and query exactly as the client sent them (what it signed)."""
    path = request.scope.get("raw_path") or request.url.path.encode("ascii")
    query = request.scope.get("query_string", b"")
    text = path.decode("latin-1")
    return f"{text}?{query.decode('latin-1')}" if query else text


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, refused with 413 past `limit` — before reading it when the
    Content-Length already says so."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"request body over {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"request body over {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def check_signature(public_raw: bytes, headers: SignedHeaders, request: Request,
                    body: bytes) -> None:
    message = request_text(request.method, signed_path(request), body, headers.time,
                           headers.nonce, headers.protocol, headers.device_id)
    if not verify_signature(public_raw, headers.signature, message):
        raise _unauthenticated("bad signature")


def use_nonce(session: Session, headers: SignedHeaders, now: datetime) -> None:
    """Records the nonce in the caller's transaction, or 401 for one already seen (the
    caller's transaction is then rolled back by the exception), and prunes nonces whose
    request time left the window well before `now`: a replay of those fails the time
    check instead.

    The time is checked again here, with the `now` the pruning uses: it was first checked
    when the headers arrived, and a replay whose body trickles in for seconds would
    otherwise pass that check, then find its original's nonce pruned. NONCE_KEEP's margin
    covers a concurrent request pruning with a slightly later clock."""
    if not within_window(headers.sent_at, now):
        raise _unauthenticated(CLOCK_MESSAGE)
    if _prune_due(now):
        session.execute(delete(Nonce).where(Nonce.sent_at < now - NONCE_KEEP))
    try:
        _NONCE.execute(session, {"device_id": headers.device_id, "nonce": headers.nonce,
                                 "sent_at": headers.sent_at})
    except IntegrityError:
        raise _unauthenticated("replayed request") from None


_pruned_at: datetime | None = None


def _prune_due(now: datetime) -> bool:
    """Old nonces are pruned at most every PRUNE_EVERY per process: a statement on every
    request was a tenth of a push's time, and a nonce kept a little longer only makes a
    replay fail the nonce check as well as the time check."""
    global _pruned_at
    if _pruned_at is not None and timedelta(0) <= now - _pruned_at < PRUNE_EVERY:
        return False
    _pruned_at = now
    return True


_DEVICE = Prepared(lambda _among: select(
    Device.id, Device.worker, Device.team, Device.role, Device.state, Device.signing_key,
    Device.sealing_key, Device.last_seen).where(Device.id == bindparam("id")))
_NONCE = Prepared(lambda _among: insert(Nonce))


def _check_device(sessions: sessionmaker[Session], request: Request,
                  headers: SignedHeaders, body: bytes) -> AuthedDevice:
    with sessions.begin() as session:
        return check_in(session, request, headers, body, utcnow())


def check_in(session: Session, request: Request, headers: SignedHeaders, body: bytes,
             now: datetime) -> AuthedDevice:
    """The signed request's device, checked in the caller's transaction: the device, the
    signature, the nonce (recorded, kept only if the transaction commits), last_seen. The
    device's state is the caller's to check (`refuse_state`)."""
    # the columns, through the connection: an ORM entity load cost more than the query
    device = _DEVICE.execute(session, {"id": headers.device_id}).one_or_none()
    if device is None:
        raise _unauthenticated("unknown device; enroll this computer first")
    check_signature(device.signing_key, headers, request, body)
    use_nonce(session, headers, now)
    if device.last_seen is None or now - device.last_seen > LAST_SEEN_EVERY:
        session.connection().execute(update(Device).where(Device.id == device.id)
                                     .values(last_seen=now))
    return AuthedDevice(device.id, device.worker, device.team, device.role,
                        device.state, key_id(device.sealing_key), body)


def refuse_state(device: AuthedDevice, *, allow_lost: bool = False,
                 allow_blocked: bool = False) -> None:
    """403 for a device whose state the route does not let through (authenticate's
    flags)."""
    let_through = allow_blocked or (allow_lost and device.state == "revoked_lost")
    if device.state == "wiped" or (device.state in BLOCKED_STATES and not let_through):
        raise HTTPException(403, BLOCKED_MESSAGE)


async def authenticate(request: Request, *, limit: int = DEFAULT_MAX_BYTES,
                       allow_lost: bool = False, allow_blocked: bool = False
                       ) -> AuthedDevice:
    """The device behind a signed request, or 401/403/413. `allow_lost` lets a device
    revoked as lost through (push quarantines what it sends); `allow_blocked` lets lost
    and retired ones through (their status, which carries a wipe order); a wiped one
    never is."""
    headers = signed_headers(request, utcnow())
    body = await read_body(request, limit)
    device = await run_in_threadpool(_check_device, request.app.state.write_sessions,
                                     request, headers, body)
    refuse_state(device, allow_lost=allow_lost, allow_blocked=allow_blocked)
    return device


async def signed_device(request: Request) -> AuthedDevice:
    """FastAPI dependency: a signed request from an enrolled device allowed to sync, with
    a body of at most 64 KiB (routes that take more call `authenticate` with their
    limit)."""
    return await authenticate(request)


async def signed_device_any_state(request: Request) -> AuthedDevice:
    """For the device's own status, its reports (drained, wiped) and recipients: a device
    revoked as lost or retired still learns of its wipe order and confirms it (and
    freezes its last changes, sealed to the organisation only, for push to quarantine);
    a wiped one is refused."""
    return await authenticate(request, allow_blocked=True)
