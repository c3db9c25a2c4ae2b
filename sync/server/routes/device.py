"""A device's reports about itself (signed): its outbox is empty (a retiring device
becomes retired), it wiped its vault on a wipe order (it becomes wiped), and its own
counts after a round (for the center's desk). The first two answer the device's status
as it stands after the report. And the desk's overview of every device (GET
/v1/overview, the center's desk only)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy import update

from sync.protocol import (
    DeviceReport,
    DeviceStatus,
    ReportStored,
    WipeReceipt,
    WorkersOverview,
    to_json,
    utc_text,
)
from sync.server import devices, overview, revocation
from sync.server.auth import AuthedDevice, signed_device, signed_device_any_state
from sync.server.models import Device, utcnow
from sync.server.wire import answer, body_schema, parse

router = APIRouter(tags=["sync"])
AnyState = Annotated[AuthedDevice, Depends(signed_device_any_state)]
Signed = Annotated[AuthedDevice, Depends(signed_device)]
DESK_ONLY = "only the center's desk sees the overview of workers"


@router.post("/device/drained", response_model=DeviceStatus)
def post_drained(request: Request, device: AnyState) -> Response:
    """Sent by a retiring device after a round left nothing to send (no change without a
    receipt, no file unconfirmed). The answer carries the wipe order, if one was
    signed for it: from here on its work is on the server."""
    with request.app.state.write_sessions.begin() as session:
        revocation.drained(session, device.device_id)
    return answer(revocation.delivered_status(request.app.state.sessions,
                                              request.app.state.write_sessions, device,
                                              utcnow()))


@router.post("/device/wiped", response_model=DeviceStatus,
             openapi_extra=body_schema(WipeReceipt))
def post_wiped(request: Request, device: AnyState) -> Response:
    receipt = parse(WipeReceipt, device.body)
    with request.app.state.write_sessions.begin() as session:
        revocation.wiped(session, device.device_id, receipt, utcnow())
    with request.app.state.sessions() as session:
        return answer(devices.status(session, device))


@router.post("/device/report", response_model=ReportStored,
             openapi_extra=body_schema(DeviceReport))
def post_report(request: Request, device: Signed) -> Response:
    """A laptop's counts after a round that succeeded. Only the newest is kept: the desk
    wants where each laptop stands, not a history. Stored as the parsed message's
    canonical JSON, so nothing but the message's own fields reaches the database."""
    report = parse(DeviceReport, device.body)
    now = utcnow()
    with request.app.state.write_sessions.begin() as session:
        session.execute(update(Device).where(Device.id == device.device_id)
                        .values(report=to_json(report).decode("utf-8"), reported_at=now))
    return answer(ReportStored(reported_at=utc_text(now)))


@router.get("/overview", response_model=WorkersOverview)
def get_overview(request: Request, device: Signed) -> Response:
    if device.role != "desk":
        raise HTTPException(403, DESK_ONLY)
    with request.app.state.sessions() as session:
        return answer(overview.workers(session))
