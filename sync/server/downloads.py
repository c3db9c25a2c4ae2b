"""File downloads: an attachment's ciphertext, complete and verified, from the
content-addressed store (docs/sync.md, "Downloads"). The route is routes/downloads.py.

Who may download: a device that may pull the change the file belongs to — the *first*
stored change that referenced the attachment, the one whose FileRef fixed what the file
must be (uploads.file_ref), so a later change naming someone else's attachment id in a
case of its own grants nothing. The rule is pull's own (`pull.readable`). Unknown, not
yet complete, and not readable by this device all answer the same 404: a stranger learns
nothing of which attachment ids exist.

The server serves the bytes as they are stored and does not hash them again on every
request (a 2 GB file); the laptop checks them against the SHA-256 its sealed change names
and refuses anything else.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.server import pull
from sync.server.auth import AuthedDevice
from sync.server.models import Change, StoredFile
from sync.server.uploads import stored_path

NOT_HERE = ("no such file here (unknown, not completely uploaded yet, or not readable by "
            "this device)")
READ_BLOCK = 1024 * 1024
# one range, as a resuming client asks: "bytes=N-", "bytes=N-M" or "bytes=-N"
_RANGE = re.compile(r"bytes=(\d{0,19})-(\d{0,19})", re.IGNORECASE | re.ASCII)


class Unsatisfiable(Exception):
    """A range that starts at or past the end of the file (416)."""


@dataclass(frozen=True)
class Blob:
    path: Path
    size: int        # as stored now
    sha256: str      # the name it is stored under (verified when it was stored)


def find(session: Session, device: AuthedDevice, data: Path,
         attachment_id: str) -> Blob | None:
    """The attachment's stored ciphertext if it is complete and `device` may read it."""
    sha = session.execute(select(StoredFile.cipher_sha256).where(
        StoredFile.attachment_id == attachment_id,
        StoredFile.present.is_(True))).scalar_one_or_none()
    if sha is None:
        return None
    first = select(func.min(Change.server_seq)).where(
        Change.attachment_id == attachment_id).scalar_subquery()
    query = select(Change.server_seq).where(Change.server_seq == first)
    rule = pull.readable(device)
    if rule is not None:
        query = query.where(rule)
    if session.execute(query).first() is None:
        return None
    path = stored_path(data, sha)
    try:
        size = path.stat().st_size
    except OSError:
        return None  # purged, or the store lost it: nothing to serve
    return Blob(path, size, sha)


def byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """(start, end exclusive) of a single `Range`, or None for the whole file: a header
    that is not one byte range is ignored, as HTTP allows. Raises Unsatisfiable."""
    if header is None:
        return None
    m = _RANGE.fullmatch(header.strip())
    if m is None or (not m.group(1) and not m.group(2)):
        return None
    first, last = m.group(1), m.group(2)
    if not first:  # the last N bytes
        n = int(last)
        if n == 0:
            raise Unsatisfiable
        return max(0, size - n), size
    start = int(first)
    end = int(last) + 1 if last else size
    if last and end <= start:
        return None  # an invalid range: ignored
    if start >= size:
        raise Unsatisfiable
    return start, min(end, size)


def chunks(f: BinaryIO, start: int, end: int) -> Iterator[bytes]:
    """The bytes [start, end) of an open file, in blocks; closes it at the end (or when
    the client goes away and the iterator is dropped)."""
    try:
        f.seek(start)
        left = end - start
        while left > 0:
            block = f.read(min(READ_BLOCK, left))
            if not block:
                return  # the file shrank under us: the client sees a short body
            left -= len(block)
            yield block
    finally:
        f.close()
