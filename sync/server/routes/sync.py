"""The signed routes of sync: enroll, push, pull, recipients, device status.

Bodies are read raw and parsed by the protocol codec after the signature is checked
(auth.py); the OpenAPI schema of each body is given by hand (`wire.body_schema`), since
FastAPI does not parse them.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from sync.protocol import (
    PULL_LIMIT,
    DeviceStatus,
    EnrollRequest,
    EnrollResponse,
    PullPage,
    PushRequest,
    PushResponse,
    RecipientsRequest,
    RecipientsResponse,
    b64decode,
)
from sync.protocol.codec import DEFAULT_MAX_BYTES, INT_MAX
from sync.server import auth, enroll, pull, push, revocation, routing
from sync.server.auth import (
    AuthedDevice,
    signed_device,
    signed_device_any_state,
)
from sync.server.models import utcnow
from sync.server.wire import answer, body_schema, parse

router = APIRouter(tags=["sync"])
Signed = Annotated[AuthedDevice, Depends(signed_device)]
# lost and retired devices too: they must still learn of a wipe order
AnyState = Annotated[AuthedDevice, Depends(signed_device_any_state)]


@router.post("/enroll", response_model=EnrollResponse,
             openapi_extra=body_schema(EnrollRequest))
async def post_enroll(request: Request) -> Response:
    # the device is not registered yet: the request is signed by the key it registers
    headers = auth.signed_headers(request, utcnow())
    body = await auth.read_body(request, DEFAULT_MAX_BYTES)
    # the clock after the body: the nonce check re-checks the window with it (auth.use_nonce)
    now = utcnow()
    req = parse(EnrollRequest, body)
    if headers.device_id != req.device_id:
        raise HTTPException(401, "the Donghaeng-Device header is not the device enrolled")
    auth.check_signature(b64decode(req.signing_key), headers, request, body)
    done = await run_in_threadpool(enroll.register, request.app.state.write_sessions, req,
                                   headers, now, request.app.state.pki)
    return answer(done)


@router.post("/push", response_model=PushResponse, openapi_extra=body_schema(PushRequest))
async def post_push(request: Request) -> Response:
    # signed like every route (auth.py), but checked inside the push's own transaction:
    # one transaction a push instead of two
    headers = auth.signed_headers(request, utcnow())
    body = await auth.read_body(request, PushRequest.MAX_BYTES)
    if request.app.state.receipt_key is None:
        raise HTTPException(503, "this server has no receipt key (DATA/receipt.key)")
    return answer(await run_in_threadpool(
        push.push, request.app.state.write_sessions, request.app.state.receipt_key, request,
        headers, body, request.app.state.data))


@router.get("/pull", response_model=PullPage)
def get_pull(request: Request, device: Signed,
             after: Annotated[int, Query(ge=0, le=INT_MAX)] = 0,
             limit: Annotated[int, Query(ge=1, le=PULL_LIMIT)] = PULL_LIMIT,
             case: Annotated[str | None, Query(pattern="^[0-9a-f]{64}$")] = None
             ) -> Response:
    with request.app.state.sessions() as session:
        return answer(pull.page(session, device, after, limit, case))


@router.post("/recipients", response_model=RecipientsResponse,
             openapi_extra=body_schema(RecipientsRequest))
def post_recipients(request: Request, device: AnyState) -> Response:
    req = parse(RecipientsRequest, device.body)
    if device.state in auth.BLOCKED_STATES:
        # a blocked device seals its last changes to the organisation alone, for push to
        # quarantine; it learns nothing of other devices
        return answer(RecipientsResponse(recipients={}, own=[]))
    with request.app.state.sessions() as session:
        return answer(routing.recipients(session, device, req.case_tokens, req.workers))


@router.get("/device", response_model=DeviceStatus)
def get_device(request: Request, device: AnyState) -> Response:
    return answer(revocation.delivered_status(request.app.state.sessions,
                                              request.app.state.write_sessions, device,
                                              utcnow()))
