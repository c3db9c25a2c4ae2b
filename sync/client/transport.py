"""The laptop's side of the wire: signed requests to the pinned server, answers parsed as
protocol messages, and every failure turned into one typed error with a one-line message.

An answer counts only if it parses as the message the route promises: a 200 from a
captive portal or a proxy's login page is `NotAnAnswer`, never an empty success. Nothing
here touches the vault: the sync engine decides what an error means for its outbox (it
never drops or rolls back anything).
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, BinaryIO, TypeVar

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.pinning import is_pin_mismatch, pinned_client
from sync.protocol import (
    MAX_CHANGES,
    DeviceReport,
    DeviceStatus,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    ProtocolError,
    PullPage,
    PushRequest,
    PushResponse,
    RecipientsRequest,
    RecipientsResponse,
    ReportStored,
    ServerInfo,
    WorkersOverview,
    from_json,
    to_json,
)
from sync.protocol.signing import (
    receipt_key_statement,
    sign_request,
    verify_signature,
)

T = TypeVar("T")


class SyncError(Exception):
    """Base: `ko` and `en` hold the one line people see (desktop.errors.describe)."""

    def __init__(self, ko: str, en: str):
        self.ko, self.en = ko, en
        super().__init__(en)


class Offline(SyncError):
    """No connection, a timeout or a connection cut: try again later; nothing is lost."""


class PinMismatch(SyncError):
    """The server presented another key than the one pinned at enrollment."""


class Refused(SyncError):
    """401/403: this device is unknown, revoked or its request was not accepted."""

    def __init__(self, ko: str, en: str, status: int, code: str = ""):
        super().__init__(ko, en)
        self.status, self.code = status, code


class TooOld(SyncError):
    """426: the server no longer speaks this laptop's protocol version."""


class ServerError(SyncError):
    """5xx, or a 4xx the client did not expect (a bug on one side): the message says it."""

    def __init__(self, ko: str, en: str, status: int):
        super().__init__(ko, en)
        self.status = status


class NotAnAnswer(SyncError):
    """A 2xx that is not the promised message (a captive portal, a proxy page)."""


class FileMismatch(SyncError):
    """Downloaded bytes that are not the ciphertext the sealed change names (size or
    SHA-256): damaged on the server or on the way. The caller discards them."""


DOWNLOAD_CHUNK = 1024 * 1024


def _now() -> datetime:
    return datetime.now(UTC)


def verify_receipt_key(epoch: str, receipt_key_raw: bytes, signature_b64: str,
                       org_signing_raw: bytes) -> bool:
    """Whether the organisation's signing key certified this server's receipt key."""
    return verify_signature(org_signing_raw, signature_b64,
                            receipt_key_statement(epoch, receipt_key_raw))


class SyncTransport:
    """One connection pool to one server, pinned to its key's SHA-256."""

    REPORT_PATH = "/v1/device/report"  # a server older than the report answers 404

    def __init__(self, url: str, fingerprint: str, *, device_id: str | None = None,
                 signing_key: Ed25519PrivateKey | None = None, timeout: float = 60.0,
                 connect_timeout: float = 15.0):
        import httpx

        self.url = url
        self.device_id, self.signing_key = device_id, signing_key
        self._http = pinned_client(url, fingerprint,
                                   timeout=httpx.Timeout(timeout, connect=connect_timeout))

    def __enter__(self) -> SyncTransport:
        return self

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # -- the routes ---------------------------------------------------------------------

    def info(self) -> ServerInfo:
        return self._call(ServerInfo, "GET", "/v1/info", signed=False)

    def enroll(self, req: EnrollRequest, signing_key: Ed25519PrivateKey) -> EnrollResponse:
        return self._call(EnrollResponse, "POST", "/v1/enroll", to_json(req),
                          key=signing_key, device_id=req.device_id)

    def push(self, changes: list[Any]) -> PushResponse:
        return self._call(PushResponse, "POST", "/v1/push",
                          to_json(PushRequest(changes=changes)))

    def push_sealed(self, bodies: list[bytes]) -> PushResponse:
        """Push changes as the outbox stored them (each `to_json` of a SealedChange): the
        request is byte for byte `to_json(PushRequest(...))` of them (compact, one key),
        without parsing and re-encoding every change."""
        return self._call(PushResponse, "POST", "/v1/push", sealed_push_body(bodies))


    def pull(self, after: int, limit: int, *, case: str | None = None) -> PullPage:
        """A page after `after`; with `case` (a case token) only that case's changes,
        from its beginning if need be (a case shared with this worker)."""
        query = f"after={after}&limit={limit}" + (f"&case={case}" if case else "")
        return self._call(PullPage, "GET", f"/v1/pull?{query}")

    def recipients(self, tokens: list[str],
                   workers: list[str] | None = None) -> RecipientsResponse:
        return self._call(RecipientsResponse, "POST", "/v1/recipients",
                          to_json(RecipientsRequest(case_tokens=tokens,
                                                    workers=list(workers or []))))

    def device(self) -> DeviceStatus:
        return self._call(DeviceStatus, "GET", "/v1/device")

    def report(self, report: DeviceReport) -> ReportStored | None:
        """This laptop's counts after a round, for the center's desk; None from a server
        older than the report (404): version skew must never fail a round."""
        r = self.send("POST", self.REPORT_PATH, to_json(report))
        if r.status_code == 404:
            return None
        return self._answer(ReportStored, r)

    def overview(self) -> WorkersOverview:
        """Every device with its last report (the center's desk only: 403 otherwise)."""
        return self._call(WorkersOverview, "GET", "/v1/overview")

    def download(self, attachment_id: str, out: BinaryIO, *, size: int, sha256: str,
                 on_progress: Callable[[int], None] | None = None,
                 chunk: int = DOWNLOAD_CHUNK) -> None:
        """Completes `out` (readable, seekable, opened for appending: "a+b") with the
        attachment's ciphertext, from what it already holds (a Range request: a cut
        download resumes), in chunks, never the whole file in memory. Returns only when
        `out` holds exactly `size` bytes whose SHA-256 is `sha256` — the values the sealed
        attach change names, never the server's word. Raises FileMismatch when the bytes
        are not those (the caller discards `out`: its first part may be what was wrong),
        the typed errors of `send` otherwise (`out` then keeps what arrived)."""
        import httpx

        out.seek(0, os.SEEK_END)
        have = out.tell()
        if have > size:
            out.truncate(0)
            have = 0
        h = hashlib.sha256()
        out.seek(0)
        left = have
        while left and (block := out.read(min(chunk, left))):
            h.update(block)  # what an earlier round received: the hash covers all of it
            left -= len(block)
        if have < size:
            path = f"/v1/downloads/{attachment_id}"
            headers = self.signed_headers("GET", path)
            if have:
                headers["Range"] = f"bytes={have}-"
            try:
                with self._http.stream("GET", path, headers=headers) as r:
                    have, h = self._receive(r, out, have, h, size, on_progress, chunk)
            except httpx.HTTPError as e:
                raise _connection_error(e) from None
        if have != size or h.hexdigest() != sha256:
            raise FileMismatch(
                f"받은 첨부 파일이 기록과 다릅니다 ({attachment_id[:8]}); 다음 동기화에서 다시"
                " 받습니다", f"the file downloaded is not the one recorded"
                f" ({attachment_id[:8]}); the next sync tries again")
        out.flush()
        os.fsync(out.fileno())

    @staticmethod
    def _receive(r: Any, out: BinaryIO, have: int, h: Any, size: int,
                 on_progress: Callable[[int], None] | None,
                 chunk: int) -> tuple[int, Any]:
        mismatch = FileMismatch("서버의 파일이 기록과 다릅니다; 다음 동기화에서 다시 받습니다",
                                "the server's file is not the one recorded; the next sync"
                                " tries again")
        if r.status_code == 416:
            raise mismatch  # the server holds fewer bytes than this laptop already has
        if r.status_code not in (200, 206):
            r.read()
            raise error_for(r.status_code, r.content)
        if r.headers.get("Content-Type", "").split(";")[0].strip() != "application/octet-stream":
            raise NotAnAnswer("서버가 아닌 곳에서 답이 왔습니다 (로그인 페이지가 있는 Wi-Fi?)",
                              "the answer did not come from the server (a Wi-Fi login page?)")
        if r.status_code == 200 and have:
            out.truncate(0)  # the whole file came back: start over
            have, h = 0, hashlib.sha256()
        elif r.status_code == 206 and not (r.headers.get("Content-Range", "").startswith(
                f"bytes {have}-") and r.headers["Content-Range"].endswith(f"/{size}")):
            raise mismatch
        for block in r.iter_bytes(chunk):
            if have + len(block) > size:
                raise mismatch
            out.write(block)
            out.flush()
            h.update(block)
            have += len(block)
            if on_progress is not None:
                on_progress(have)
        return have, h

    # -- the mechanics ------------------------------------------------------------------

    def signed_headers(self, method: str, path: str, body: bytes = b"", *,
                       key: Ed25519PrivateKey | None = None,
                       device_id: str | None = None) -> dict[str, str]:
        key, device_id = key or self.signing_key, device_id or self.device_id
        if key is None or device_id is None:
            raise ValueError("a signed request needs the device's key and id")
        return sign_request(key, device_id, method, path, body, _now())

    def send(self, method: str, path: str, body: bytes = b"", *, signed: bool = True,
             key: Ed25519PrivateKey | None = None, device_id: str | None = None,
             headers: dict[str, str] | None = None) -> Any:
        """The raw response of one request; connection trouble raised as typed errors."""
        import httpx

        h = self.signed_headers(method, path, body, key=key, device_id=device_id) \
            if signed else {}
        if body:
            h.setdefault("Content-Type", "application/json")
        h.update(headers or {})
        try:
            return self._http.request(method, path, content=body, headers=h)
        except httpx.HTTPError as e:
            raise _connection_error(e) from None

    def _call(self, cls: type[T], method: str, path: str, body: bytes = b"", *,
              signed: bool = True, key: Ed25519PrivateKey | None = None,
              device_id: str | None = None) -> T:
        r = self.send(method, path, body, signed=signed, key=key, device_id=device_id)
        return self._answer(cls, r)

    @staticmethod
    def _answer(cls: type[T], r: Any) -> T:
        if 200 <= r.status_code < 300:
            try:
                return from_json(cls, r.content)
            except ProtocolError:
                raise NotAnAnswer(
                    "서버가 아닌 곳에서 답이 왔습니다 (로그인 페이지가 있는 Wi-Fi?)",
                    "the answer did not come from the server (a Wi-Fi login page?)"
                ) from None
        raise error_for(r.status_code, r.content)


def _connection_error(e: Exception) -> SyncError:
    if is_pin_mismatch(e):
        return PinMismatch("서버 키가 등록 때 확인한 지문과 다릅니다; 센터에 문의하세요",
                           "the server's key does not match the fingerprint pinned at"
                           " enrollment; ask the center")
    return Offline("서버에 연결할 수 없습니다; 모든 기록은 이 노트북에 보관됩니다",
                   "cannot reach the server; everything is kept on this laptop")


def error_for(status: int, content: bytes) -> SyncError:
    """The typed error for a non-2xx answer, with the server's one line when it sent one."""
    try:
        body = from_json(ErrorBody, content)
        code, line = body.error, body.message
    except ProtocolError:
        code, line = "", ""
    if status in (401, 403):
        return Refused("서버가 이 노트북을 거부했습니다; 센터에 문의하세요"
                       + (f" ({line})" if line else ""),
                       "the server refused this laptop; ask the center"
                       + (f" ({line})" if line else ""), status, code)
    if status == 426:
        return TooOld("서버가 이 버전의 동행을 더 이상 받지 않습니다; 업데이트하세요",
                      "the server no longer accepts this version of Donghaeng; update it")
    if 500 <= status < 600 or status in (408, 429):
        return ServerError(f"서버 오류 {status}; 잠시 뒤 다시 시도합니다",
                           f"server error {status}; try again later", status)
    return ServerError(f"서버가 요청을 받지 않았습니다 ({status}: {line or code})",
                       f"the server did not accept the request ({status}: {line or code})",
                       status)


def sealed_push_body(bodies: list[bytes]) -> bytes:
    if not 1 <= len(bodies) <= MAX_CHANGES:
        raise ValueError(f"a push holds 1 to {MAX_CHANGES} changes")
    return b'{"changes":[' + b",".join(bodies) + b"]}"
