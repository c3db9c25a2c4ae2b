"""SHA-256 and MD5 of the same bytes, computed in one pass.

Korean courts accept a digital copy when its hash matches the original's; SHA-256 is the
current practice and MD5 the older one still asked for, so both are recorded.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from typing import Protocol

READ_SIZE = 1 << 20


class ReadInto(Protocol):
    """What the hashing and the encryption read from: a file opened "rb", io.BytesIO, or a
    wrapper that only forwards readinto (reads into our buffer: no copy per chunk)."""

    def readinto(self, buffer: bytearray | memoryview, /) -> int | None: ...


@dataclass(frozen=True)
class Digest:
    size: int
    sha256: str
    md5: str


class DualHasher:
    """Feed bytes with `update`; `digest()` gives size, SHA-256 and MD5 (lowercase hex)."""

    def __init__(self) -> None:
        self._sha256 = hashlib.sha256()
        self._md5 = hashlib.md5(usedforsecurity=False)
        self.size = 0

    def update(self, data: bytes | bytearray | memoryview) -> None:
        self._sha256.update(data)
        self._md5.update(data)
        self.size += len(data)

    def digest(self) -> Digest:
        return Digest(self.size, self._sha256.hexdigest(), self._md5.hexdigest())


def hash_stream(src: ReadInto) -> Digest:
    h = DualHasher()
    buf = bytearray(READ_SIZE)
    view = memoryview(buf)
    while True:
        n = src.readinto(buf)
        if not n:
            return h.digest()
        h.update(view[:n])


def hash_file(path: str | os.PathLike[str]) -> Digest:
    with open(path, "rb") as f:
        return hash_stream(f)
