"""The laptop's side of file uploads: tus 1.0 against the server's /v1/files.

An attachment's ciphertext is uploaded exactly as the vault stores it (the file on disk,
read in chunks: never a plaintext copy, never the whole file in memory). Creation is a
signed request; the chunks go to the upload URL it answers, each with its SHA-256
(Upload-Checksum). After each acknowledged chunk `on_progress(offset)` gets the offset the
server confirmed, which the vault records: a kill loses at most the chunk in flight, and
the next round continues from the server's offset (HEAD), not from the laptop's memory.
"""
from __future__ import annotations

import base64
import hashlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sync.client.transport import (
    NotAnAnswer,
    ServerError,
    SyncError,
    SyncTransport,
    error_for,
)
from sync.protocol import ErrorBody, FileRef, ProtocolError, from_json

TUS = {"Tus-Resumable": "1.0.0"}
CHUNK = 4 * 1024 * 1024
# Chunks grow while they go through quickly, up to MAX_CHUNK, and fall back to CHUNK after
# any trouble: on a good link fewer requests and fsyncs; on a bus hotspot that drops, a
# cut loses at most a few seconds of sending.
MAX_CHUNK = 32 * 1024 * 1024
QUICK_S = 1.0
# 409s in a row (another writer, a moved offset) before giving up for this round
MAX_CONFLICTS = 3


class LocalFileChanged(SyncError):
    """The file on disk is not the ciphertext its change declared (size or SHA-256)."""


def _meta(**values: str) -> str:
    return ",".join(f"{k} {base64.b64encode(v.encode()).decode('ascii')}"
                    for k, v in values.items())


def _code(r: Any) -> str:
    try:
        return from_json(ErrorBody, r.content).error
    except ProtocolError:
        return ""


def _offset(r: Any) -> int:
    text = r.headers.get("Upload-Offset", "")
    if not text.isdigit():
        raise NotAnAnswer("서버가 아닌 곳에서 답이 왔습니다 (로그인 페이지가 있는 Wi-Fi?)",
                          "the answer did not come from the server (a Wi-Fi login page?)")
    return int(text)


def _path_of(location: str, base: str) -> str:
    """The upload URL as a path on the pinned server: an absolute Location must name the
    same server (the pinned client would not go elsewhere anyway)."""
    parts = urlsplit(location)
    if parts.scheme or parts.netloc:
        here = urlsplit(base)
        if (parts.scheme, parts.netloc) != (here.scheme, here.netloc):
            raise NotAnAnswer("파일 업로드 주소가 다른 서버를 가리킵니다",
                              "the upload URL names another server")
    if not parts.path.startswith("/"):
        raise NotAnAnswer("파일 업로드 주소를 읽을 수 없습니다", "unreadable upload URL")
    return parts.path


def create(transport: SyncTransport, ref: FileRef) -> str | None:
    """The upload URL's path (the same one each time until it completes or expires), or
    None when the server already has the file."""
    r = transport.send("POST", "/v1/files", headers={
        **TUS, "Upload-Length": str(ref.cipher_size),
        "Upload-Metadata": _meta(attachment_id=ref.attachment_id,
                                 sha256=ref.cipher_sha256)})
    if r.status_code == 200 and _offset(r) == ref.cipher_size:
        return None
    if r.status_code != 201:
        raise error_for(r.status_code, r.content)
    location = r.headers.get("Location")
    if not location:
        raise NotAnAnswer("서버가 아닌 곳에서 답이 왔습니다 (로그인 페이지가 있는 Wi-Fi?)",
                          "the answer did not come from the server (a Wi-Fi login page?)")
    return _path_of(location, transport.url)


def offset(transport: SyncTransport, url: str) -> int:
    r = transport.send("HEAD", url, signed=False, headers=TUS)
    if r.status_code != 200:
        raise error_for(r.status_code, b"")  # a HEAD answer has no body to quote
    return _offset(r)


def upload(transport: SyncTransport, ref: FileRef, path: Path, *,
           on_progress: Callable[[int], None], chunk: int = CHUNK,
           max_chunk: int = MAX_CHUNK, quick_s: float = QUICK_S) -> None:
    """Uploads `path` (the attachment's ciphertext) until the server holds all of it and
    has verified its SHA-256; returns then. Raises the transport's typed errors. Chunks
    start at `chunk` bytes and double after each one acknowledged within `quick_s`, up to
    `max_chunk`; any other answer starts again from `chunk`."""
    size = path.stat().st_size
    if size != ref.cipher_size:
        raise LocalFileChanged(
            f"첨부 파일의 크기가 기록과 다릅니다 ({ref.attachment_id})",
            f"the attachment's file is not the size recorded ({ref.attachment_id})")
    url = create(transport, ref)
    if url is None:
        on_progress(size)
        return
    done = offset(transport, url)
    on_progress(done)
    retried = conflicts = 0
    step = chunk
    with path.open("rb") as f:
        while done < size:
            f.seek(done)
            data = f.read(min(step, size - done))
            if not data:
                raise LocalFileChanged("첨부 파일이 업로드 중에 줄었습니다",
                                       "the attachment's file shrank during the upload")
            digest = base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")
            started = time.monotonic()
            r = transport.send("PATCH", url, data, signed=False, headers={
                **TUS, "Content-Type": "application/offset+octet-stream",
                "Upload-Offset": str(done), "Upload-Checksum": f"sha256 {digest}"})
            quick = time.monotonic() - started < quick_s
            step = min(step * 2, max(chunk, max_chunk)) if r.status_code == 204 and quick \
                else chunk
            if r.status_code == 204:
                done, retried, conflicts = _offset(r), 0, 0
                on_progress(done)
            elif r.status_code == 409 and conflicts < MAX_CONFLICTS:
                conflicts += 1
                done = offset(transport, url)
                on_progress(done)
            elif r.status_code == 460 and _code(r) == "file_mismatch":
                # the server read every byte and they are not the declared ciphertext:
                # sending the same file again would end the same way
                raise LocalFileChanged(
                    f"첨부 파일의 SHA-256 이 기록과 다릅니다 ({ref.attachment_id})",
                    f"the attachment's file is not the SHA-256 recorded "
                    f"({ref.attachment_id})")
            elif r.status_code == 460 and not retried:
                retried = 1  # damaged on the way: once more, then give up for this round
            elif r.status_code == 460:
                raise ServerError("파일 조각이 두 번 손상되어 도착했습니다; 다음 동기화에서 다시 "
                                  "시도합니다", "a file chunk arrived damaged twice; the next "
                                  "sync tries again", 460)
            else:
                raise error_for(r.status_code, r.content)
