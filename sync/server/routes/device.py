"""A device's reports about itself (signed): its outbox is empty (a retiring device
becomes retired), and it wiped its vault on a wipe order (it becomes wiped). Both answer
the device's status as it stands after the report."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from sync.protocol import DeviceStatus, WipeReceipt
from sync.server import devices, revocation
from sync.server.auth import AuthedDevice, signed_device_any_state
from sync.server.models import utcnow
from sync.server.wire import answer, body_schema, parse

router = APIRouter(tags=["sync"])
AnyState = Annotated[AuthedDevice, Depends(signed_device_any_state)]


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
