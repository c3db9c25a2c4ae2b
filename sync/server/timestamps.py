"""The timestamp authority behind POST /v1/tsa: the built-in one (crypto.tsa with the
server's TSA key, serial numbers from the database so processes sharing it never repeat
one), or an external accredited TSA the center names with `server run --tsa-url`, to which
the request is passed on unchanged. Laptops always ask this server (over the pinned
connection), so switching authorities changes nothing on them; the external TSA's token
carries its own certificates."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from crypto import tsa
from sync.server.models import TsaToken
from sync.server.pki import Authority

QUERY_TYPE = "application/timestamp-query"
REPLY_TYPE = "application/timestamp-reply"
PROXY_TIMEOUT = 10.0


def next_serial(write_sessions: sessionmaker[Session], now: datetime) -> int:
    with write_sessions.begin() as session:
        row = TsaToken(issued_at=now)
        session.add(row)
        session.flush()
        return int(row.serial)


def grant(write_sessions: sessionmaker[Session], auth: Authority, request_der: bytes,
          now: datetime) -> bytes:
    """The built-in TSA's TimeStampResp (granted, or rejected with the RFC's reason)."""
    return tsa.respond(request_der, auth.tsa_key, auth.tsa, [auth.issuing, auth.root],
                       now=now, serial=next_serial(write_sessions, now))


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
