"""Revocation and wipe orders (docs/sync.md, "Revocation and wipe orders").

A device's states: `active` -> `retiring` (server revoke --mode retire: it keeps syncing
until it reports its outbox empty) -> `retired` (blocked; nothing more is expected from
it), or -> `revoked_lost` (server revoke --mode lost: blocked at once, what it still
pushes is quarantined), and -> `wiped` once it confirmed a wipe order.

A wipe order is signed by the organisation's offline signing key in `server revoke
--org-key`; the server stores and delivers it, and could not have made it (a breached
server cannot wipe laptops and the work they have not sent). It is delivered in the
device's status once the device is blocked: for `lost` at once, for `retire` once the
device reported itself drained.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from fastapi import HTTPException
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from sync.protocol import DeviceStatus, WipeOrder, WipeReceipt, b64decode, b64encode, utc_text
from sync.protocol.orders import wipe_order_text, wipe_receipt_text
from sync.protocol.signing import verify_signature
from sync.server import devices, identity
from sync.server.auth import AuthedDevice
from sync.server.errors import ServerError
from sync.server.models import Device, WipeOrderRow

# the states in which a stored order is handed to its device
DELIVERING_STATES = ("revoked_lost", "retired")


@dataclass(frozen=True)
class Revoked:
    device_id: str
    worker: str
    before: str
    state: str
    order_id: str | None


def _locked_device(session: Session, device_id: str) -> Device | None:
    return session.execute(select(Device).where(Device.id == device_id).with_for_update()
                           ).scalar_one_or_none()


def revoke(session: Session, device_id: str, mode: str, now: datetime, *,
           sign: Callable[[bytes], bytes] | None = None,
           key_id: str | None = None) -> Revoked:
    """Moves the device to its new state and, given the organisation signing key's `sign`,
    stores a signed wipe order (in the caller's transaction)."""
    device = _locked_device(session, device_id)
    if device is None:
        raise ServerError(f"--device {device_id}: 등록된 기기가 아닙니다 (server status 로 "
                          "확인하세요)", f"--device {device_id}: no such enrolled device "
                          "(see server status)")
    before = device.state
    if before == "wiped":
        raise ServerError(f"기기 {device_id} 는 이미 삭제되었습니다",
                          f"device {device_id} was already wiped")
    if mode == "retire" and before == "revoked_lost":
        raise ServerError(f"기기 {device_id} 는 이미 분실로 차단되었습니다",
                          f"device {device_id} is already revoked as lost")
    if mode == "lost":
        state = "revoked_lost"
    else:
        # retiring again changes nothing; a retired device stays retired
        state = before if before in ("retiring", "retired") else "retiring"
    if state != before:
        session.execute(update(Device).where(Device.id == device_id).values(state=state))
    order_id = None
    if sign is not None:
        epoch = identity.existing_epoch(session)
        assert epoch is not None and key_id is not None
        order_id = str(uuid.uuid4())
        issued = utc_text(now)
        signature = sign(wipe_order_text(epoch, device_id, mode, order_id, issued))
        session.add(WipeOrderRow(order_id=order_id, device_id=device_id, mode=mode,
                                 issued_at=now, issued_text=issued, key_id=key_id,
                                 signature=signature))
    return Revoked(device_id, device.worker, before, state, order_id)


def _latest_row(session: Session, device_id: str) -> WipeOrderRow | None:
    return session.execute(select(WipeOrderRow).where(WipeOrderRow.device_id == device_id)
                           .order_by(WipeOrderRow.issued_at.desc(),
                                     WipeOrderRow.order_id.desc()).limit(1)
                           ).scalar_one_or_none()


def order_for(session: Session, device_id: str, state: str) -> WipeOrder | None:
    """The order to hand to the device now: its newest, once the device is blocked."""
    if state not in DELIVERING_STATES:
        return None
    row = _latest_row(session, device_id)
    epoch = identity.existing_epoch(session)
    if row is None or epoch is None:
        return None
    return WipeOrder(order_id=row.order_id, server_epoch=epoch, device_id=device_id,
                     mode=row.mode, issued_at=row.issued_text,  # type: ignore[arg-type]
                     key_id=row.key_id, signature=b64encode(row.signature))


def mark_delivered(sessions: sessionmaker[Session], order_id: str, now: datetime) -> None:
    """When the order first left the server (for the center: delivered, not confirmed)."""
    with sessions.begin() as session:
        session.execute(update(WipeOrderRow).where(WipeOrderRow.order_id == order_id,
                                                   WipeOrderRow.delivered_at.is_(None))
                        .values(delivered_at=now))


def delivered_status(sessions: sessionmaker[Session], write_sessions: sessionmaker[Session],
                     device: AuthedDevice, now: datetime) -> DeviceStatus:
    """GET /v1/device: the device's status, its wipe order included (and the order's
    first delivery noted)."""
    with sessions() as session:
        st = devices.status(session, device)
    if st.wipe_order is not None:
        mark_delivered(write_sessions, st.wipe_order.order_id, now)
    return st


def drained(session: Session, device_id: str) -> None:
    """The device reports its outbox empty: a retiring device becomes retired (its pushes
    are no longer expected), provided the server holds every file its changes named."""
    device = _locked_device(session, device_id)
    assert device is not None
    if device.state == "retired":
        return
    if device.state != "retiring":
        raise HTTPException(409, "this device is not being retired")
    if devices.missing_files(session, device_id):
        raise HTTPException(409, "files of this device's changes have not arrived yet; "
                                 "sync again")
    session.execute(update(Device).where(Device.id == device_id).values(state="retired"))


def wiped(session: Session, device_id: str, receipt: WipeReceipt, now: datetime) -> None:
    """The device's signed statement that it destroyed its vault on a delivered order:
    stored with its signature, and the device becomes `wiped` (refused from now on)."""
    device = _locked_device(session, device_id)
    assert device is not None
    row = session.get(WipeOrderRow, receipt.order_id)
    if row is None or row.device_id != device_id or device.state not in DELIVERING_STATES:
        raise HTTPException(409, "no wipe order of this device was delivered by that id")
    epoch = identity.existing_epoch(session)
    assert epoch is not None
    text = wipe_receipt_text(epoch, device_id, receipt.order_id, receipt.wiped_at)
    if not verify_signature(device.signing_key, receipt.signature, text):
        raise HTTPException(422, "the wipe receipt's signature does not verify")
    session.execute(update(WipeOrderRow).where(WipeOrderRow.order_id == row.order_id)
                    .values(wiped_at=receipt.wiped_at, receipt_received_at=now,
                            receipt_signature=b64decode(receipt.signature)))
    session.execute(update(Device).where(Device.id == device_id).values(state="wiped"))


def wipe_summary(session: Session) -> dict[str, str]:
    """Per device with an order, where its newest order stands: queued (not yet handed
    out), delivered, confirmed (the device's signed receipt is stored)."""
    out: dict[str, str] = {}
    for row in session.execute(select(WipeOrderRow).order_by(WipeOrderRow.issued_at)
                               ).scalars():
        out[row.device_id] = ("confirmed" if row.receipt_signature is not None else
                              "delivered" if row.delivered_at is not None else "queued")
    return out
