"""A test-side device: its own keys, signed requests over the pinned client, and sealed
changes whose content is random bytes (the server cannot read content; these tests are
about routing, sequences and receipts). Independent of sync/client on purpose: the
server is tested against the protocol as written, not against one client."""
from __future__ import annotations

import os
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from sync.pinning import pinned_client
from sync.protocol import (
    EnrollRequest,
    EnrollResponse,
    Envelope,
    PullPage,
    PushRequest,
    PushResponse,
    SealedChange,
    ServerInfo,
    b64encode,
    from_json,
    key_id,
    to_json,
)
from sync.protocol.signing import sign_request
from sync.server.config import load as load_config
from sync.server.db import make_engine, write_session_factory
from sync.server.models import utcnow
from tests.sync.conftest import RunningServer

_RAW = (serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def issue_code(srv: RunningServer, worker: str, role: str = "worker",
               team: str | None = None, now: datetime | None = None) -> str:
    """A one-time code, made by the function `server enroll` runs (the CLI's own output is
    tested separately; a subprocess per device would cost a second each)."""
    from sync.server import enroll

    engine = make_engine(load_config(srv.data).database_url)
    try:
        with write_session_factory(engine).begin() as session:
            return enroll.issue(session, worker, team, role, now or utcnow()).code
    finally:
        engine.dispose()


def case_token() -> str:
    return secrets.token_hex(32)


@dataclass
class Device:
    srv: RunningServer
    worker: str
    url: str | None = None
    device_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    signing: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)
    sealing: X25519PrivateKey = field(default_factory=X25519PrivateKey.generate)
    seq: int = 0
    enrolled: EnrollResponse | None = None

    def __post_init__(self) -> None:
        self.http = pinned_client(self.url or self.srv.url, self.srv.fingerprint, timeout=30)

    def close(self) -> None:
        self.http.close()

    @property
    def signing_raw(self) -> bytes:
        return self.signing.public_key().public_bytes(*_RAW)

    @property
    def sealing_raw(self) -> bytes:
        return self.sealing.public_key().public_bytes(*_RAW)

    @property
    def key_id(self) -> str:
        return key_id(self.sealing_raw)

    def request(self, method: str, path: str, body: bytes = b"", *,
                skew: timedelta = timedelta(0), signer: Ed25519PrivateKey | None = None,
                headers: dict[str, str] | None = None) -> httpx.Response:
        signed = sign_request(signer or self.signing, self.device_id, method, path, body,
                              utcnow() + skew)
        signed.update(headers or {})
        if body:
            signed["Content-Type"] = "application/json"
        return self.http.request(method, path, content=body, headers=signed)

    def info(self) -> ServerInfo:
        return from_json(ServerInfo, self.http.get("/v1/info").content)

    def enroll_request(self, code: str) -> bytes:
        return to_json(EnrollRequest(code=code, device_id=self.device_id,
                                     signing_key=b64encode(self.signing_raw),
                                     sealing_key=b64encode(self.sealing_raw)))

    def enroll(self, code: str | None = None, role: str = "worker") -> EnrollResponse:
        r = self.request("POST", "/v1/enroll",
                         self.enroll_request(code or issue_code(self.srv, self.worker, role)))
        assert r.status_code == 200, r.text
        self.enrolled = from_json(EnrollResponse, r.content)
        return self.enrolled

    def change(self, *, op: str = "create", record_id: str | None = None,
               version_id: str | None = None, parents: tuple[str, ...] = (),
               token: str | None = None, seq: int | None = None,
               to: list[Device] = (), content: bytes | None = None) -> SealedChange:
        """The next change of this device's chain (or `seq`), sealed 'to' the organisation,
        this device and `to` (random wrapped keys: only the recipients' ids matter here)."""
        if seq is None:
            self.seq += 1
            seq = self.seq
        assert self.enrolled is not None
        envelopes = [Envelope(recipient=self.enrolled.sealing_key.key_id, kind="org",
                              wrapped=b64encode(os.urandom(80)))]
        envelopes += [Envelope(recipient=d.key_id, kind="device",
                               wrapped=b64encode(os.urandom(80))) for d in [self, *to]]
        return SealedChange(
            change_id=str(uuid.uuid4()), device_id=self.device_id, device_seq=seq,
            op=op,  # type: ignore[arg-type]
            record_id=record_id, version_id=version_id, parents=list(parents),
            form="intake" if record_id else None, form_version=1 if record_id else None,
            case_token=token, month="2026-12", file=None, statistic={},
            content=b64encode(content or os.urandom(64)), envelopes=envelopes)

    def version(self, record_id: str, parents: tuple[str, ...] = (),
                token: str | None = None, **kw) -> SealedChange:
        return self.change(op="edit" if parents else "create", record_id=record_id,
                           version_id=str(uuid.uuid4()), parents=parents, token=token, **kw)

    def push_raw(self, changes: list[SealedChange]) -> httpx.Response:
        return self.request("POST", "/v1/push", to_json(PushRequest(changes=changes)))

    def push(self, changes: list[SealedChange]) -> PushResponse:
        r = self.push_raw(changes)
        assert r.status_code == 200, r.text
        return from_json(PushResponse, r.content)

    def pull(self, after: int = 0, limit: int = 200) -> PullPage:
        r = self.request("GET", f"/v1/pull?after={after}&limit={limit}")
        assert r.status_code == 200, r.text
        return from_json(PullPage, r.content)

    def pull_all(self, after: int = 0) -> tuple[list, int]:
        """Every change after `after`, following `more`; (changes, final cursor)."""
        got = []
        while True:
            page = self.pull(after)
            got += page.changes
            assert page.next_after >= after
            after = page.next_after
            if not page.more:
                return got, after


def enrolled(srv: RunningServer, worker: str, role: str = "worker",
             url: str | None = None) -> Device:
    d = Device(srv, worker, url=url)
    d.enroll(role=role)
    return d
