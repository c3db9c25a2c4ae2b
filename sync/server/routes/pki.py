"""The certificate authority's and the TSA's routes (docs/sync.md, "Certificates").

`public`: unauthenticated, signed objects a verifier may fetch without the pinned TLS
key — the CRLs, the chain, the timestamp authority. Served on the HTTPS address and, with
`server run --http-bind`, alone on a plain-HTTP one (sync/server/public_app.py).
`device`: POST /v1/certificate, a signed device's certificate renewal.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from sync.protocol import CertificateRequest, CertificateResponse
from sync.server import pki, timestamps
from sync.server.auth import AuthedDevice, signed_device
from sync.server.models import Device, utcnow
from sync.server.wire import answer, body_schema, parse

public = APIRouter(tags=["pki"])
device = APIRouter(tags=["pki"])
NO_CA = "this server has no certificate authority (initialised before it existed)"
CRL_TYPE = "application/pkix-crl"
CHAIN_TYPE = "application/pem-certificate-chain"


def _authority(request: Request) -> pki.Authority:
    auth = getattr(request.app.state, "pki", None)
    if auth is None:
        raise HTTPException(404, NO_CA)
    return auth


@public.get("/pki/crl", response_class=Response,
            responses={200: {"content": {CRL_TYPE: {}}}})
def get_crl(request: Request) -> Response:
    """The issuing CA's CRL (DER), remade when a day old."""
    auth = _authority(request)
    der = pki.current_crl(request.app.state.sessions, request.app.state.write_sessions,
                          auth, utcnow())
    return Response(der, media_type=CRL_TYPE)


@public.get("/pki/root-crl", response_class=Response,
            responses={200: {"content": {CRL_TYPE: {}}}})
def get_root_crl(request: Request) -> Response:
    """The root's CRL (DER), as signed at the last key ceremony."""
    _authority(request)
    with request.app.state.sessions() as session:
        row = pki.latest_crl(session, "root")
    if row is None:
        raise HTTPException(404, "no root CRL was published")
    return Response(row.der, media_type=CRL_TYPE)


@public.get("/pki/chain", response_class=Response,
            responses={200: {"content": {CHAIN_TYPE: {}}}})
def get_chain(request: Request) -> Response:
    """PEM: the issuing CA, the TSA certificate, the root."""
    return Response(_authority(request).chain_pem(), media_type=CHAIN_TYPE)


@public.post("/tsa", response_class=Response,
             openapi_extra={"requestBody": {"required": True, "content": {
                 timestamps.QUERY_TYPE: {"schema": {"type": "string", "format": "binary"}}}}},
             responses={200: {"content": {timestamps.REPLY_TYPE: {}}}})
async def post_tsa(request: Request) -> Response:
    """RFC 3161 over HTTP: a TimeStampReq in, a TimeStampResp out."""
    if request.headers.get("content-type", "").split(";")[0].strip() != timestamps.QUERY_TYPE:
        raise HTTPException(400, f"the body must be {timestamps.QUERY_TYPE}")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > timestamps.tsa.MAX_REQUEST:
            raise HTTPException(413, "a timestamp request is a few hundred bytes at most")
    external = getattr(request.app.state, "tsa_url", None)
    if external:
        try:
            reply = await timestamps.forward(external, bytes(body))
        except timestamps.ExternalTsaError as e:
            raise HTTPException(503, f"the timestamp authority did not answer ({e})") from None
    else:
        auth = _authority(request)
        serials = request.app.state.tsa_serials
        if serials.needs_block():  # a database write: once per block, off the event loop
            await run_in_threadpool(serials.reserve, request.app.state.write_sessions, utcnow())
        # under a millisecond of CPU (crypto.tsa): a thread hop would cost more than it
        reply = timestamps.grant(request.app.state.write_sessions, serials, auth,
                                 bytes(body), utcnow())
    return Response(reply, media_type=timestamps.REPLY_TYPE)


@device.post("/certificate", response_model=CertificateResponse,
             openapi_extra=body_schema(CertificateRequest))
def post_certificate(request: Request,
                     dev: Annotated[AuthedDevice, Depends(signed_device)]) -> Response:
    """A new certificate for the device's worker (the laptop asks when < 30 days remain)."""
    auth = _authority(request)
    req = parse(CertificateRequest, dev.body)
    try:
        pki.check_csr(req.csr)
    except ValueError as e:
        raise HTTPException(422, str(e)) from None
    if dev.state != "active":
        # a retiring device was revoked: its certificates with it
        raise HTTPException(403, "this device is revoked; it gets no new certificate")
    with request.app.state.write_sessions.begin() as session:
        # re-read under a lock: a revoke committing meanwhile must not be outrun
        state = session.execute(select(Device.state).where(Device.id == dev.device_id)
                                .with_for_update()).scalar_one()
        if state != "active":
            raise HTTPException(403, "this device is revoked; it gets no new certificate")
        chain = pki.issue(session, auth, device_id=dev.device_id, worker=dev.worker,
                          team=dev.team, csr_pem=req.csr, now=utcnow())
    return answer(CertificateResponse(certificate_chain=chain))
