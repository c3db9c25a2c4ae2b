"""The timestamp authority behind POST /v1/tsa: the built-in one (crypto.tsa with the
server's TSA key, serial numbers from the database so processes sharing it never repeat
one), or an external accredited TSA the center names with `server run --tsa-url`, to which
the request is passed on unchanged. Laptops always ask this server (over the pinned
connection), so switching authorities changes nothing on them; the external TSA's token
carries its own certificates."""
from __future__ import annotations

import threading
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from crypto import tsa
from sync.server.models import TsaToken
from sync.server.pki import Authority

QUERY_TYPE = "application/timestamp-query"
REPLY_TYPE = "application/timestamp-reply"
PROXY_TIMEOUT = 10.0
SERIAL_BLOCK = 1000


class SerialSource:
    """The built-in TSA's serial numbers. Each server process reserves blocks of
    SERIAL_BLOCK numbers (a row of `tsa_tokens`: the database's sequence numbers the
    blocks, so processes sharing a database never repeat a serial) and hands them out
    from memory: a write transaction per timestamp made SQLite the bottleneck under
    concurrent requests (p99 of seconds). RFC 3161 asks serials to be unique, not
    gapless: a block left unused by a stopped process is simply skipped."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next = self._end = 0

    def needs_block(self) -> bool:
        return self._next >= self._end

    def reserve(self, write_sessions: sessionmaker[Session], now: datetime) -> None:
        """A new block from the database, unless another thread just took one."""
        with self._lock:
            if self._next < self._end:
                return
            with write_sessions.begin() as session:
                row = TsaToken(issued_at=now)
                session.add(row)
                session.flush()
                block = int(row.serial)
            self._next, self._end = block * SERIAL_BLOCK, (block + 1) * SERIAL_BLOCK

    def take(self, write_sessions: sessionmaker[Session], now: datetime) -> int:
        while True:
            with self._lock:
                if self._next < self._end:
                    serial = self._next
                    self._next += 1
                    return serial
            self.reserve(write_sessions, now)


def grant(write_sessions: sessionmaker[Session], serials: SerialSource, auth: Authority,
          request_der: bytes, now: datetime) -> bytes:
    """The built-in TSA's TimeStampResp (granted, or rejected with the RFC's reason)."""
    return tsa.respond(request_der, auth.tsa_key, auth.tsa, [auth.issuing, auth.root],
                       now=now, serial=serials.take(write_sessions, now))


class ExternalTsaError(Exception):
    """The external TSA did not answer with a timestamp reply."""


async def forward(url: str, request_der: bytes) -> bytes:
    import httpx

    try:
        async with httpx.AsyncClient(timeout=PROXY_TIMEOUT) as client:
            r = await client.post(url, content=request_der, headers={"Content-Type": QUERY_TYPE})
    except httpx.HTTPError as e:
        raise ExternalTsaError(type(e).__name__) from None
    if r.status_code != 200 or r.headers.get("content-type", "").split(";")[0] != REPLY_TYPE:
        raise ExternalTsaError(f"HTTP {r.status_code}")
    return r.content
