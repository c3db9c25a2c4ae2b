"""tus uploads and the content-addressed file store (docs/sync.md, "Files: tus uploads").

    DATA/uploads/<partial_name(token)>   bytes received so far (0600, fsynced)
    DATA/files/<sha[:2]>/<sha>           complete ciphertexts whose SHA-256 was verified

The database holds each upload's offset (`uploads.upload_offset`), so any `server run` on
it can continue an upload; the folders are the shared data folder. A writer holds an
flock on the partial file while it writes, and moves the offset with UPDATE … WHERE
upload_offset = the offset it started from: two PATCHes cannot both advance, and no
database transaction stays open while a body arrives (on SQLite that would hold the one
write lock every push needs).

Everything here is synchronous (the route runs it in the thread pool).
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import secrets
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from sync.protocol import FileRef, ProtocolError, decode
from sync.server.auth import BLOCKED_MESSAGE, BLOCKED_STATES, AuthedDevice
from sync.server.db import insert_ignoring
from sync.server.files import FILE_MODE, fsync_dir
from sync.server.models import Change, Device, StoredFile, Upload

# a laptop may be a month offline in the middle of an upload; twice that and some
LIFETIME = timedelta(days=60)
# the largest attachment ciphertext accepted (Tus-Max-Size)
MAX_SIZE = 16 * 2**30
TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)
READ_BLOCK = 1024 * 1024
_PRUNE = 100  # expired uploads removed per creation


class UploadError(Exception):
    """An answer other than success: status, code and one line (and the offset a client
    should continue from, when there is one)."""

    def __init__(self, status: int, code: str, message: str, offset: int | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.offset = status, code, message, offset


def _not_found() -> UploadError:
    # unknown, expired and malformed tokens look the same
    return UploadError(404, "not_found", "no such upload (unknown or expired)")


@dataclass(frozen=True)
class Live:
    """One upload row as read."""

    token: str
    attachment_id: str
    device_id: str
    length: int
    sha256: str
    offset: int
    expires_at: datetime
    completed: bool


@dataclass(frozen=True)
class Created:
    upload: Live | None  # None: the file is already present on the server
    ref: FileRef


def uploads_dir(data: Path) -> Path:
    return data / "uploads"


def partial_path(data: Path, token: str) -> Path:
    # named by a hash of the token: a listing of the folder names no usable URL
    return uploads_dir(data) / hashlib.sha256(token.encode("ascii")).hexdigest()[:32]


def stored_path(data: Path, sha256: str) -> Path:
    return data / "files" / sha256[:2] / sha256


def _live(row: Upload) -> Live:
    return Live(row.token, row.attachment_id, row.device_id, row.length, row.sha256,
                row.upload_offset, row.expires_at, row.completed_at is not None)


def file_ref(session: Session, attachment_id: str, worker: str) -> FileRef | None:
    """The attachment's FileRef if a stored change of `worker` references it: the one of
    the first stored change that did (whoever sent it), so a later change naming the same
    id with another hash cannot change what the file must be."""
    mine = session.execute(select(Change.server_seq).where(
        Change.attachment_id == attachment_id, Change.worker == worker).limit(1)).first()
    if mine is None:
        return None
    for body in session.execute(select(Change.body).where(
            Change.attachment_id == attachment_id).order_by(Change.server_seq)).scalars():
        try:
            return decode(FileRef, json.loads(body)["file"])
        except (ProtocolError, ValueError, KeyError, TypeError):
            continue  # stored bytes are canonical SealedChanges; this is belt and braces
    return None


def create(sessions: sessionmaker[Session], data: Path, device: AuthedDevice,
           attachment_id: str, length: int, sha256: str, now: datetime) -> Created:
    """The device's live upload of the attachment (made if there is none), or the news
    that the file is present. What the file must be comes from the stored change; the
    tus headers must agree with it."""
    if length > MAX_SIZE:
        raise UploadError(413, "too_large", f"Upload-Length over {MAX_SIZE} bytes")
    expired: list[str] = []
    with sessions.begin() as session:
        ref = file_ref(session, attachment_id, device.worker)
        if ref is None and session.execute(select(Change.server_seq).where(
                Change.attachment_id == attachment_id, Change.purged.is_(True))
                .limit(1)).first():
            raise UploadError(410, "purged", "the center purged this attachment's case")
        if ref is None:
            raise UploadError(404, "not_found", "no stored change of this worker references "
                                                "this attachment; push its change first")
        if (ref.cipher_size, ref.cipher_sha256) != (length, sha256):
            raise UploadError(409, "conflict", "Upload-Length or sha256 differ from the "
                                               "attachment's stored change")
        insert_ignoring(session, StoredFile.__table__, [{
            "attachment_id": attachment_id, "cipher_sha256": ref.cipher_sha256,
            "cipher_size": ref.cipher_size, "present": False}])
        present = session.execute(select(StoredFile.present).where(
            StoredFile.attachment_id == attachment_id)).scalar_one()
        if present:
            return Created(None, ref)
        expired = list(session.execute(select(Upload.token).where(
            Upload.completed_at.is_(None), Upload.expires_at <= now).limit(_PRUNE)).scalars())
        if expired:
            session.execute(delete(Upload).where(Upload.token.in_(expired)))
        insert_ignoring(session, Upload.__table__, [{
            "token": secrets.token_urlsafe(32), "attachment_id": attachment_id,
            "device_id": device.device_id, "worker": device.worker, "length": length,
            "sha256": sha256, "upload_offset": 0, "created_at": now,
            "expires_at": now + LIFETIME}])  # ignored if a live one exists (unique index)
        row = session.execute(select(Upload).where(
            Upload.attachment_id == attachment_id, Upload.device_id == device.device_id,
            Upload.completed_at.is_(None))).scalar_one()
        live = _live(row)
    for token in expired:
        partial_path(data, token).unlink(missing_ok=True)
    return Created(live, ref)


def load(sessions: sessionmaker[Session], token: str, now: datetime) -> Live:
    """The upload behind a URL token, or 404 (unknown, expired) / 403 (its device may no
    longer sync)."""
    if not TOKEN.fullmatch(token):
        raise _not_found()
    with sessions() as session:
        found = session.execute(select(Upload, Device.state).join(
            Device, Device.id == Upload.device_id).where(Upload.token == token)).first()
    if found is None or found[0].expires_at <= now:
        raise _not_found()
    if found[1] in BLOCKED_STATES:
        raise UploadError(403, "forbidden", BLOCKED_MESSAGE)
    return _live(found[0])


def stored_offset(sessions: sessionmaker[Session], token: str) -> int | None:
    with sessions() as session:
        return session.execute(select(Upload.upload_offset).where(
            Upload.token == token, Upload.completed_at.is_(None))).scalar_one_or_none()


def move_offset(sessions: sessionmaker[Session], token: str, old: int, new: int) -> bool:
    """Optimistic: only the writer that started from `old` moves it (one short
    transaction, after the bytes are fsynced)."""
    with sessions.begin() as session:
        done = session.execute(update(Upload).where(
            Upload.token == token, Upload.upload_offset == old,
            Upload.completed_at.is_(None)).values(upload_offset=new))
        return done.rowcount == 1  # type: ignore[attr-defined]


@contextmanager
def locked(data: Path, token: str) -> Iterator[int | None]:
    """The partial file open read-write with an exclusive flock, or None when another
    request holds it (the caller answers 409; a tus client then asks for the offset)."""
    folder = uploads_dir(data)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(partial_path(data, token), os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield None
            return
        yield fd
    finally:
        os.close(fd)


def prepare(fd: int, sessions: sessionmaker[Session], up: Live) -> None:
    """Under the lock: the offset is still the one the request named, and the file holds
    exactly that many bytes (a crashed or refused write leaves more: cut; a partial file
    lost with its folder leaves fewer: the upload starts again from 0)."""
    offset = stored_offset(sessions, up.token)
    if offset != up.offset:
        raise UploadError(409, "conflict", "the upload moved on; ask for its offset",
                          offset)
    if offset == up.length:
        return  # all received: `finish` looks at the file (it may be in the store already)
    size = os.fstat(fd).st_size
    if size < offset:
        move_offset(sessions, up.token, offset, 0)
        os.ftruncate(fd, 0)
        raise UploadError(409, "conflict", "the bytes received were lost; send from 0", 0)
    if size > offset:
        cut(fd, offset)


def cut(fd: int, offset: int) -> None:
    """Discards what was written past `offset` (a refused chunk stores nothing)."""
    os.ftruncate(fd, offset)
    os.fsync(fd)


def write_at(fd: int, data: bytes | bytearray, pos: int) -> None:
    view = memoryview(data)
    while view:
        n = os.pwrite(fd, view, pos)
        view, pos = view[n:], pos + n


# The whole file's SHA-256 as its chunks arrive at this process: token -> (offset, hash
# of the bytes before it). With it the last chunk's `finish` need not read the file
# again (a third pass over every byte). Another process, a restart or a chunk this process
# did not see leaves no entry at the right offset, and `finish` reads the file as before.
_RUNNING: OrderedDict[str, tuple[int, Any]] = OrderedDict()
_RUNNING_MAX = 64   # uploads in progress per process; the oldest is dropped past that


def running_hash(token: str, offset: int) -> Any:
    """A hash to continue from `offset` (a copy: the kept one changes only with a kept
    chunk), or None when this process did not see every byte before it."""
    if offset == 0:
        return hashlib.sha256()
    held = _RUNNING.get(token)
    return held[1].copy() if held is not None and held[0] == offset else None


def keep_running_hash(token: str, offset: int, h: Any) -> None:
    """After a chunk is fsynced and its offset stored: the hash up to `offset`."""
    _RUNNING[token] = (offset, h)
    _RUNNING.move_to_end(token)
    while len(_RUNNING) > _RUNNING_MAX:
        _RUNNING.popitem(last=False)


def _whole_sha256(fd: int, token: str, length: int) -> str:
    held = _RUNNING.pop(token, None)
    if held is not None and held[0] == length:
        return str(held[1].hexdigest())
    return _sha256_of(fd)


def _sha256_of(fd: int) -> str:
    h = hashlib.sha256()
    pos = 0
    while block := os.pread(fd, READ_BLOCK, pos):
        h.update(block)
        pos += len(block)
    return h.hexdigest()


def finish(fd: int, sessions: sessionmaker[Session], data: Path, up: Live,
           now: datetime) -> None:
    """Under the lock, with all `length` bytes received and fsynced: verifies the whole
    file's SHA-256, moves it into the store and marks it present. A mismatch is never
    stored: the upload goes back to 0 (460, the laptop sends it again). Repeatable: a
    crash between the move and the commit is finished by the next HEAD or PATCH."""
    dest = stored_path(data, up.sha256)
    partial = partial_path(data, up.token)
    if not dest.exists():
        if os.fstat(fd).st_size != up.length or \
                _whole_sha256(fd, up.token, up.length) != up.sha256:
            cut(fd, 0)
            move_offset(sessions, up.token, up.length, 0)
            raise UploadError(460, "file_mismatch", "the file's SHA-256 is not the "
                                                    "attachment's; it was discarded", 0)
        dest.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.replace(partial, dest)
        fsync_dir(dest.parent)
    else:
        partial.unlink(missing_ok=True)  # the verified bytes are already stored
    fsync_dir(partial.parent)
    with sessions.begin() as session:
        session.execute(update(Upload).where(Upload.token == up.token)
                        .values(completed_at=now))
        session.execute(update(StoredFile).where(
            StoredFile.attachment_id == up.attachment_id,
            StoredFile.cipher_sha256 == up.sha256).values(present=True, stored_at=now))
