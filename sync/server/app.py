"""The FastAPI application factory.

`/openapi.json` is served without authentication (schemathesis and third-party clients
read it); no Swagger UI or ReDoc: they load scripts from a CDN, and the server is offline
by design. Every error answer is an ErrorBody: a code and one line, never a traceback.
"""
from __future__ import annotations

import asyncio
import collections
import logging
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol import (
    MIN_PROTOCOL_VERSION,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    ErrorBody,
    PushRequest,
    to_dict,
)
from sync.server.db import session_factory, write_session_factory
from sync.server.routes import device, downloads, files, forms, info, pki, sync

log = logging.getLogger("donghaeng.server")

_CODES = {400: "bad_request", 401: "unauthenticated", 403: "forbidden", 404: "not_found",
          405: "method_not_allowed", 409: "conflict", 413: "too_large", 422: "invalid",
          426: "protocol_version", 429: "too_many_requests", 503: "unavailable"}


def _error(status: int, message: str) -> JSONResponse:
    body = ErrorBody(error=_CODES.get(status, "error"), message=message.splitlines()[0][:300])
    return JSONResponse(to_dict(body), status_code=status)


def _state(app: FastAPI, engine: Engine, data: Path | None, tsa_url: str | None) -> None:
    from sync.server import pki as authority
    from sync.server import timestamps

    app.state.engine = engine
    app.state.sessions = session_factory(engine)
    app.state.write_sessions = write_session_factory(engine)
    app.state.data = data
    # the certificate authority (DATA/pki): None for a server initialised before it
    app.state.pki = authority.load(data) if data is not None else None
    app.state.tsa_url = tsa_url  # an external TSA that POST /v1/tsa passes requests to
    app.state.tsa_serials = timestamps.SerialSource()  # the built-in TSA's, per process


def create_app(engine: Engine, receipt_key: Ed25519PrivateKey | None = None,
               data: Path | None = None, *, tsa_url: str | None = None,
               pushes: int = 2) -> FastAPI:
    """`receipt_key` signs push receipts (DATA/receipt.key); without it push answers 503.
    `data` is the data folder, where uploads, the file store and the certificate
    authority live (files and the CA's routes answer 503/404 without it). `pushes`: how
    many pushes this process works on at once (_PushQueue)."""
    app = FastAPI(title="Donghaeng sync server", version=str(PROTOCOL_VERSION),
                  openapi_url="/openapi.json", docs_url=None, redoc_url=None)
    _state(app, engine, data, tsa_url)
    app.state.receipt_key = receipt_key
    app.include_router(info.router, prefix="/v1")
    app.include_router(sync.router, prefix="/v1")
    app.include_router(files.router, prefix="/v1")
    app.include_router(downloads.router, prefix="/v1")
    app.include_router(device.router, prefix="/v1")
    app.include_router(forms.router, prefix="/v1")
    app.include_router(pki.public, prefix="/v1")
    app.include_router(pki.device, prefix="/v1")

    app.add_middleware(_PushQueue, pushes=pushes)
    app.add_middleware(_ProtocolVersion)
    _errors(app)
    return app


def create_public_app(engine: Engine, data: Path, *, tsa_url: str | None = None) -> FastAPI:
    """What `server run --http-bind` serves over plain HTTP: only the signed objects a
    verifier fetches (CRLs, the chain) and the TSA; no OpenAPI, nothing of sync."""
    app = FastAPI(title="Donghaeng PKI", openapi_url=None, docs_url=None, redoc_url=None)
    _state(app, engine, data, tsa_url)
    app.include_router(pki.public, prefix="/v1")
    _errors(app)
    return app


class _PushQueue:
    """At most `pushes` pushes at a time in this process, the others waiting their turn
    in arrival order, their bodies read (raw bytes: 120 KB for 100 changes) but not
    parsed. Fifty laptops pushing at once otherwise held fifty parsed batches in memory
    and shared the interpreter fifty ways, so every one of them answered late; in turn,
    each is answered as soon as its work is done. A body is read before its turn, so a
    laptop that stops sending in the middle holds no turn (tests/sync/test_workers.py). How many at once (load benchmark, two cores, p99): a lone process is best at
    two (one computes while the other waits on the database; four threads cost more in
    handing the interpreter to each other than they gained, 20 % more CPU); with a
    process per core (`server run --workers`), one each.

    Records before files: while pushes wait or run here, an upload's creation or chunk
    (tus POST, PATCH) waits up to YIELD_S before its body is read. A push is what a
    worker waits on at a hotspot (the receipts say the records are at the center); a
    chunk resumes where it stopped whenever it goes. Under the load benchmark, uploads of the laptops that had
    pushed took a third of the process while fifty others still waited to push. The cap
    keeps files moving under a steady stream of pushes. At most CHUNKS chunks are read
    at a time: each holds a write block in memory, and fifty let go at once when the
    pushes ended took the process 80 MiB over its usual peak. Pulls and the rest are not
    queued."""

    CHUNKS = 8
    YIELD_S = 2.0

    def __init__(self, app: ASGIApp, pushes: int = 2) -> None:
        self.app = app
        self.pushes = pushes
        self._turns: asyncio.Semaphore | None = None
        self._chunks: asyncio.Semaphore | None = None
        self._pushes = 0  # waiting or running in this process
        self._idle: asyncio.Event | None = None  # set while no push is here

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._turns is None or self._chunks is None or self._idle is None:
            # made in the server's event loop, on its first request
            self._turns = asyncio.Semaphore(self.pushes)
            self._chunks = asyncio.Semaphore(self.CHUNKS)
            self._idle = asyncio.Event()
            self._idle.set()
        path, method = scope["path"], scope["method"]
        if method == "POST" and path.endswith("/v1/push"):
            self._pushes += 1
            self._idle.clear()
            try:
                # the body is read before the turn is taken: a laptop whose hotspot
                # dropped in the middle of its body would otherwise hold the turn, and
                # every other push of this process, until its connection timed out
                receive = await _buffered(scope, receive, PushRequest.MAX_BYTES)
                async with self._turns:
                    await self.app(scope, receive, send)
            finally:
                self._pushes -= 1
                if self._pushes == 0:
                    self._idle.set()
            return
        chunk = method == "PATCH" and "/v1/files/" in path
        if chunk or method == "POST" and path.endswith("/v1/files"):
            if self._pushes:
                try:
                    await asyncio.wait_for(self._idle.wait(), self.YIELD_S)
                except TimeoutError:
                    pass
            if chunk:
                async with self._chunks:
                    await self.app(scope, receive, send)
                return
        await self.app(scope, receive, send)


async def _buffered(scope: Scope, receive: Receive, limit: int) -> Receive:
    """A `receive` that gives the request's body messages, read now, then hands on to
    the connection's. Reading stops past `limit` bytes (or when the declared length is
    already over it): the route reads the rest and answers 413, as without this."""
    declared = dict(scope["headers"]).get(b"content-length", b"")
    messages: collections.deque[Message] = collections.deque()
    if not (declared.isdigit() and int(declared) > limit):
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break  # the client went away: the route hears it
            size += len(message.get("body", b""))
            if not message.get("more_body", False) or size > limit:
                break

    async def replay() -> Message:
        return messages.popleft() if messages else await receive()
    return replay


class _ProtocolVersion:
    """Requests that name a protocol version must name one we speak (unsigned GETs may
    omit it; auth.py requires it of signed ones); every answer names ours. Plain ASGI:
    Starlette's BaseHTTPMiddleware (`@app.middleware`) cost about a millisecond a request,
    a third of a timestamp's."""

    _HEADER = PROTOCOL_HEADER.lower().encode("latin-1")
    _OURS = (_HEADER, str(PROTOCOL_VERSION).encode("ascii"))

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = next((v.decode("latin-1") for k, v in scope["headers"] if k == self._HEADER),
                     None)
        if given is not None and not (given.isascii() and given.isdigit() and
                                      MIN_PROTOCOL_VERSION <= int(given) <= PROTOCOL_VERSION):
            response = _error(426, f"protocol version {given[:10]} is not supported (this "
                                   f"server speaks {MIN_PROTOCOL_VERSION}–{PROTOCOL_VERSION});"
                                   " update Donghaeng")
            response.headers[PROTOCOL_HEADER] = str(PROTOCOL_VERSION)
            await response(scope, receive, send)
            return

        async def send_named(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), self._OURS]
            await send(message)

        await self.app(scope, receive, send_named)


def _errors(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(_req: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(_req: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return _error(422, f"{where}: {first.get('msg', 'invalid request')}")

    @app.exception_handler(Exception)
    async def crashed(_req: Request, exc: Exception) -> JSONResponse:
        # the type only: a message could quote request content
        log.error("unhandled %s", type(exc).__name__)
        return _error(500, "internal error")
