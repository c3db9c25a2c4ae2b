"""Helpers of the file upload tests: attachment changes, files made on disk in blocks
(never whole in memory), the laptop's transport for a test device, raw tus requests, a
process's memory, and an upload's row read or aged in the server's database."""
from __future__ import annotations

import dataclasses
import hashlib
import os
import uuid
from pathlib import Path

import httpx
from sqlalchemy import select, update

from sync.client.transport import SyncTransport
from sync.protocol import FileRef, SealedChange
from sync.server.models import Upload, utcnow
from sync.server.uploads import partial_path, stored_path
from tests.sync.conftest import RunningServer
from tests.sync.device import Device
from tests.sync.servers import db

TUS = {"Tus-Resumable": "1.0.0"}
BLOCK = 1024 * 1024


def random_file(path: Path, size: int, attachment_id: str | None = None) -> FileRef:
    """`size` random bytes written in blocks; their FileRef."""
    h = hashlib.sha256()
    with path.open("wb") as f:
        left = size
        while left:
            block = os.urandom(min(BLOCK, left))
            h.update(block)
            f.write(block)
            left -= len(block)
    return FileRef(attachment_id=attachment_id or str(uuid.uuid4()), cipher_size=size,
                   cipher_sha256=h.hexdigest())


def sparse_file(path: Path, size: int) -> FileRef:
    """A file of `size` zero bytes that takes no disk space until read."""
    with path.open("wb") as f:
        f.truncate(size)
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(8 * BLOCK):
            h.update(block)
    return FileRef(attachment_id=str(uuid.uuid4()), cipher_size=size,
                   cipher_sha256=h.hexdigest())


def attach(device: Device, ref: FileRef) -> SealedChange:
    """The device's next change: an 'attach' of `ref` to a new record."""
    change = device.change(op="attach", record_id=str(uuid.uuid4()))
    return dataclasses.replace(change, file=ref)


def push_attach(device: Device, ref: FileRef) -> None:
    resp = device.push([attach(device, ref)])
    assert len(resp.receipts) == 1, resp


def transport(device: Device) -> SyncTransport:
    """The laptop's transport (sync.client) with this test device's identity."""
    return SyncTransport(device.url or device.srv.url, device.srv.fingerprint,
                         device_id=device.device_id, signing_key=device.signing, timeout=60)


def create_headers(ref: FileRef, sha256: str | None = None) -> dict[str, str]:
    import base64

    def b64(text: str) -> str:
        return base64.b64encode(text.encode()).decode("ascii")

    return {**TUS, "Upload-Length": str(ref.cipher_size),
            "Upload-Metadata": f"attachment_id {b64(ref.attachment_id)},"
                               f"sha256 {b64(sha256 or ref.cipher_sha256)}"}


def create(device: Device, ref: FileRef, sha256: str | None = None) -> httpx.Response:
    """A signed tus creation request, as any client would send it."""
    return device.request("POST", "/v1/files", headers=create_headers(ref, sha256))


def patch(device: Device, url: str, offset: str | int | bytes, body: bytes, *,
          checksum: str | None = None, headers: dict[str, str] | None = None
          ) -> httpx.Response:
    h: dict[str, str | bytes] = {
        **TUS, "Content-Type": "application/offset+octet-stream",
        "Upload-Offset": offset if isinstance(offset, bytes) else str(offset)}
    if checksum is not None:
        h["Upload-Checksum"] = checksum
    h.update(headers or {})
    return device.http.request("PATCH", url, content=body, headers=h)


def head(device: Device, url: str) -> httpx.Response:
    return device.http.request("HEAD", url, headers=TUS)


def token_of(url: str) -> str:
    return url.rsplit("/", 1)[1]


def stored(srv: RunningServer, ref: FileRef) -> Path:
    return stored_path(srv.data, ref.cipher_sha256)


def partial(srv: RunningServer, url: str) -> Path:
    return partial_path(srv.data, token_of(url))


def upload_row(srv: RunningServer, url: str) -> Upload | None:
    with db(srv) as session:
        return session.execute(select(Upload).where(Upload.token == token_of(url))
                               ).scalar_one_or_none()


def expire(srv: RunningServer, url: str) -> None:
    with db(srv, write=True) as session:
        session.execute(update(Upload).where(Upload.token == token_of(url))
                        .values(expires_at=utcnow().replace(year=2020)))


def memory_kib(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a process, in KiB (/proc: psutil is not installed)."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0])
    return out
