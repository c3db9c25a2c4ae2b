"""tus 1.0 routes (core, creation, checksum with sha256, expiration) for attachment
ciphertexts: POST /v1/files (signed), then OPTIONS / HEAD / PATCH on the upload URL it
answers, whose unguessable token is the only credential (docs/sync.md says why).

Every answer carries Tus-Resumable; errors are the app's one-line ErrorBody. A PATCH body
is streamed to the partial file in blocks and never held whole, so the server's memory
does not grow with the file.
"""
from __future__ import annotations

import hashlib
import os
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from sync.protocol import ErrorBody, FileRef, b64decode, to_dict
from sync.protocol.codec import INT_MAX, ProtocolError
from sync.server import uploads
from sync.server.auth import signed_device
from sync.server.models import utcnow
from sync.server.uploads import UploadError

router = APIRouter(tags=["files"])

TUS_VERSION = "1.0.0"
OCTETS = "application/offset+octet-stream"
WRITE_BLOCK = 1024 * 1024  # bytes gathered before one write to the partial file
# after a body ran past what the upload may still take, at most this much more is read
# (so the client gets its 413); past it the connection is closed instead
DRAIN = 8 * 1024 * 1024


def _tus(**headers: str) -> dict[str, str]:
    return {"Tus-Resumable": TUS_VERSION, **{k.replace("_", "-"): v
                                             for k, v in headers.items()}}


def _fail(status: int, code: str, message: str, offset: int | None = None) -> JSONResponse:
    extra = {"Upload-Offset": str(offset)} if offset is not None else {}
    return JSONResponse(to_dict(ErrorBody(error=code, message=message)), status_code=status,
                        headers=_tus(Cache_Control="no-store", **extra))


def _failed(e: UploadError) -> JSONResponse:
    return _fail(e.status, e.code, e.message, e.offset)


def _expires(up: uploads.Live) -> str:
    return format_datetime(up.expires_at, usegmt=True)


def _data(request: Request) -> Path:
    data: Path | None = request.app.state.data
    if data is None:
        raise UploadError(503, "unavailable", "this server has no data folder for files")
    return data


def _version_error(request: Request) -> JSONResponse | None:
    if request.headers.get("Tus-Resumable") != TUS_VERSION:
        r = _fail(412, "tus_version", f"Tus-Resumable must be {TUS_VERSION}")
        r.headers["Tus-Version"] = TUS_VERSION
        return r
    return None


def _count(text: str | None, name: str) -> int:
    """A non-negative decimal header value within signed 64 bits, or 400."""
    if text is None:
        raise UploadError(400, "bad_request", f"no {name} header")
    if not (text.isascii() and text.isdigit()) or len(text) > 19 or int(text) > INT_MAX:
        raise UploadError(400, "bad_request", f"{name}: not a non-negative integer")
    return int(text)


def _metadata(text: str | None) -> dict[str, str]:
    """tus Upload-Metadata: comma-separated `key base64value` pairs."""
    out: dict[str, str] = {}
    for pair in (text or "").split(","):
        key, _, value = pair.strip().partition(" ")
        if not key:
            continue
        try:
            out[key] = b64decode(value.strip(), field=key).decode("utf-8") if value else ""
        except (ProtocolError, UnicodeDecodeError):
            raise UploadError(400, "bad_request",
                              f"Upload-Metadata {key[:40]}: not base64 text") from None
    return out


def _checksum(text: str | None) -> bytes | None:
    if text is None:
        return None
    algorithm, _, value = text.strip().partition(" ")
    if algorithm.lower() != "sha256":
        raise UploadError(400, "bad_request", "Upload-Checksum: only sha256 is supported")
    try:
        return b64decode(value.strip(), field="Upload-Checksum", size=32)
    except ProtocolError as e:
        raise UploadError(400, "bad_request", str(e)) from None


@router.options("/files", status_code=204)
@router.options("/files/{token}", status_code=204)
async def tus_options() -> Response:
    return Response(status_code=204, headers=_tus(
        Tus_Version=TUS_VERSION, Tus_Extension="creation,checksum,expiration",
        Tus_Checksum_Algorithm="sha256", Tus_Max_Size=str(uploads.MAX_SIZE)))


@router.post("/files", status_code=201)
async def create_upload(request: Request) -> Response:
    """Signed by the device; Upload-Length and Upload-Metadata `attachment_id` and
    `sha256` (hex) name the attachment, and must match its stored change."""
    if (refused := _version_error(request)) is not None:
        return refused
    try:
        device = await signed_device(request)
    except HTTPException as e:
        return _fail(e.status_code, {401: "unauthenticated", 403: "forbidden",
                                     413: "too_large"}.get(e.status_code, "error"),
                     str(e.detail))
    try:
        data = _data(request)
        length = _count(request.headers.get("Upload-Length"), "Upload-Length")
        meta = _metadata(request.headers.get("Upload-Metadata"))
        try:
            ref = FileRef(attachment_id=meta.get("attachment_id", ""), cipher_size=length,
                          cipher_sha256=meta.get("sha256", ""))
        except ValueError as e:
            raise UploadError(400, "bad_request", f"Upload-Metadata: {e}") from None
        made = await run_in_threadpool(uploads.create, request.app.state.write_sessions,
                                       data, device, ref.attachment_id, length,
                                       ref.cipher_sha256, utcnow())
    except UploadError as e:
        return _failed(e)
    if made.upload is None:
        # not a tus answer to create anything: the file is already complete here
        return JSONResponse({"attachment_id": ref.attachment_id, "present": True},
                            headers=_tus(Upload_Offset=str(length),
                                         Upload_Length=str(length)))
    up = made.upload
    return Response(status_code=201, headers=_tus(
        Location=f"{request.url.path.rstrip('/')}/{up.token}", Upload_Expires=_expires(up),
        Upload_Offset=str(up.offset), Upload_Length=str(up.length)))


def _finish_if_full(sessions: Any, write: Any, data: Path, up: uploads.Live) -> int:
    """HEAD on an upload whose bytes all arrived but which is not marked complete (a
    crash between the store and the commit, or a refused whole file being reset): finish
    it now if nobody else is writing. Returns the offset to report."""
    with uploads.locked(data, up.token) as fd:
        if fd is None:
            return up.offset
        offset = uploads.stored_offset(sessions, up.token)
        if offset != up.length:
            return up.length if offset is None else offset
        try:
            uploads.finish(fd, write, data, up, utcnow())
        except UploadError as e:
            return e.offset or 0
        return up.length


@router.head("/files/{token}")
async def upload_offset(token: str, request: Request) -> Response:
    if (refused := _version_error(request)) is not None:
        return refused
    try:
        up = uploads.load(request.app.state.sessions, token, utcnow())
        offset = up.offset
        if not up.completed and up.offset == up.length:
            offset = await run_in_threadpool(
                _finish_if_full, request.app.state.sessions,
                request.app.state.write_sessions, _data(request), up)
    except UploadError as e:
        return _failed(e)
    return Response(status_code=200, headers=_tus(
        Upload_Offset=str(offset), Upload_Length=str(up.length), Cache_Control="no-store",
        Upload_Expires=_expires(up)))


@router.patch("/files/{token}", status_code=204)
async def upload_chunk(token: str, request: Request) -> Response:
    if (refused := _version_error(request)) is not None:
        return refused
    try:
        return await _patch(token, request)
    except UploadError as e:
        return _failed(e)


async def _patch(token: str, request: Request) -> Response:
    sessions, write = request.app.state.sessions, request.app.state.write_sessions
    content_type = request.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type != OCTETS:
        raise UploadError(415, "unsupported_media_type", f"Content-Type must be {OCTETS}")
    offset = _count(request.headers.get("Upload-Offset"), "Upload-Offset")
    declared = request.headers.get("Content-Length")
    size = _count(declared, "Content-Length") if declared is not None else None
    expected = _checksum(request.headers.get("Upload-Checksum"))
    data = _data(request)
    up = await run_in_threadpool(uploads.load, sessions, token, utcnow())
    if up.completed:
        raise UploadError(409, "conflict", "the upload is complete", up.length)
    if offset != up.offset:
        raise UploadError(409, "conflict",
                          f"Upload-Offset {offset} is not the upload's offset", up.offset)
    if size is not None and offset + size > up.length:
        raise UploadError(413, "too_large", "the body runs past Upload-Length")
    with uploads.locked(data, token) as fd:
        if fd is None:
            raise UploadError(409, "conflict", "another request is writing this upload",
                              up.offset)
        await run_in_threadpool(uploads.prepare, fd, sessions, up)
        running = uploads.running_hash(token, offset)
        received, digest, gone = await _receive(request, fd, offset, up.length - offset,
                                                running)
        if size is not None and received != size and not gone:
            raise await _discard(fd, offset, 400, "bad_request",
                                 "the body is not Content-Length bytes")
        if expected is not None and digest != expected:
            # a cut connection with a checksum cannot be verified either: nothing is kept
            raise await _discard(fd, offset, 460, "checksum_mismatch",
                                 "Upload-Checksum does not match the body; send it again")
        await run_in_threadpool(os.fsync, fd)
        new = offset + received
        if not await run_in_threadpool(uploads.move_offset, write, token, offset, new):
            raise await _discard(fd, offset, 409, "conflict", "the upload moved on; ask "
                                 "for its offset")
        if running is not None:
            uploads.keep_running_hash(token, new, running)
        if new == up.length:
            await run_in_threadpool(uploads.finish, fd, write, data, up, utcnow())
    return Response(status_code=204, headers=_tus(Upload_Offset=str(new),
                                                  Upload_Expires=_expires(up)))


async def _discard(fd: int, offset: int, status: int, code: str,
                   message: str) -> UploadError:
    await run_in_threadpool(uploads.cut, fd, offset)
    return UploadError(status, code, message, offset)


async def _receive(request: Request, fd: int, offset: int, room: int,
                   running: Any = None) -> tuple[int, bytes, bool]:
    """Streams the body into the partial file from `offset`: (bytes written, their
    SHA-256, whether the client went away). A body longer than `room` is cut back to
    `offset` and refused with 413 (the rest of it read and dropped, up to DRAIN, so that
    the client hears the answer). `running`: the whole file's hash so far, updated with
    the body too (kept by the caller only once the chunk is)."""
    h = hashlib.sha256()
    block = bytearray()
    received = 0
    written = offset
    gone = False
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > room:
                block.clear()
                if received - room > DRAIN:
                    break
                continue
            h.update(chunk)
            if running is not None:
                running.update(chunk)
            block += chunk
            if len(block) >= WRITE_BLOCK:
                await run_in_threadpool(uploads.write_at, fd, bytes(block), written)
                written += len(block)
                block.clear()
    except ClientDisconnect:
        gone = True
    if received > room:
        await run_in_threadpool(uploads.cut, fd, offset)
        raise UploadError(413, "too_large", "the body runs past Upload-Length", offset)
    if block:
        await run_in_threadpool(uploads.write_at, fd, bytes(block), written)
    return received, h.digest(), gone
