"""Chunked AEAD for attachment files: constant memory, truncation and reordering detected.

File layout (all integers big-endian):

    header  = b"DHAE" | version u8 (=1) | chunk_size u32 | nonce_prefix (8 random bytes)
    chunk_i = AES-256-GCM(key, nonce_i, plaintext_i, aad_i)  (ciphertext || 16-byte tag)
    nonce_i = nonce_prefix | i u32
    aad_i   = header | context | i u64 | final u8 (1 on the last chunk, else 0)

Every chunk except the last holds exactly chunk_size plaintext bytes; the last holds
0..chunk_size bytes (an empty file is one empty final chunk). `context` binds the file to
its owner (the attachment id), so files cannot be swapped. A missing final chunk
(truncation), a chunk moved (reordering) or appended data all fail authentication.
SHA-256 and MD5 of the plaintext are computed while streaming (MD5 on a helper thread).
"""
from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from crypto.hashing import Digest, DualHasher, ReadInto

MAGIC = b"DHAE"
VERSION = 1
CHUNK_SIZE = 1 << 20
TAG_BYTES = 16
_HEADER = struct.Struct(">4sBI8s")
HEADER_BYTES = _HEADER.size


class Readable(ReadInto, Protocol):
    def read(self, size: int, /) -> bytes: ...


class Writable(Protocol):
    def write(self, data: bytes, /) -> object: ...


class StreamError(Exception):
    """The encrypted stream is damaged, truncated, reordered or keyed differently."""


def _aad(header: bytes, context: bytes, index: int, final: bool) -> bytes:
    return b"".join((header, context, struct.pack(">QB", index, 1 if final else 0)))


def _nonce(prefix: bytes, index: int) -> bytes:
    if index >= 1 << 32:
        raise StreamError("stream too long")
    return prefix + struct.pack(">I", index)


def _read_full(src: ReadInto, buf: bytearray) -> int:
    """readinto until `buf` is full or EOF (pipes and sockets return short reads)."""
    view = memoryview(buf)
    got = 0
    while got < len(buf):
        n = src.readinto(view[got:])
        if not n:
            break
        got += n
    return got


def encrypt_stream(key: bytes | bytearray, src: ReadInto, dst: Writable, context: bytes = b"",
                   chunk_size: int = CHUNK_SIZE) -> Digest:
    """Encrypt `src` into `dst`; returns the plaintext's size, SHA-256 and MD5."""
    aead = AESGCM(key)
    prefix = os.urandom(8)
    header = _HEADER.pack(MAGIC, VERSION, chunk_size, prefix)
    dst.write(header)
    hasher = DualHasher()
    # Two buffers: the chunk being sealed and the one read ahead, which tells whether the
    # current chunk is the last. The chunk's MD5 runs on a helper thread (see
    # crypto.hashing) while this one hashes SHA-256, reads ahead, encrypts and writes.
    cur, nxt = bytearray(chunk_size), bytearray(chunk_size)
    try:
        n_cur = _read_full(src, cur)
        index = 0
        while True:
            data = memoryview(cur)[:n_cur]
            hasher.start(data)
            # `nxt` was hashed two chunks ago; start() waited for it.
            n_nxt = _read_full(src, nxt) if n_cur == chunk_size else 0
            final = n_nxt == 0
            dst.write(aead.encrypt(_nonce(prefix, index), data,
                                   _aad(header, context, index, final)))
            if final:
                return hasher.digest()
            cur, nxt, n_cur = nxt, cur, n_nxt
            index += 1
    finally:
        hasher.wait()  # on an error too: no helper may still read our buffers


def decrypt_stream(key: bytes | bytearray, src: Readable,
                   context: bytes = b"") -> Iterator[bytes]:
    """Yield authenticated plaintext chunks of `src`.

    Each yielded chunk is authentic, but the end of the stream is only known to be intact
    once the iterator finishes without StreamError: consumers must discard what they wrote
    if it raises.
    """
    header = src.read(HEADER_BYTES)
    if len(header) != HEADER_BYTES:
        raise StreamError("missing header")
    magic, version, chunk_size, prefix = _HEADER.unpack(header)
    if magic != MAGIC or version != VERSION or not 0 < chunk_size <= 64 << 20:
        raise StreamError("not an encrypted attachment stream")
    aead = AESGCM(key)
    full = chunk_size + TAG_BYTES
    cur, nxt = bytearray(full), bytearray(full)
    n_cur = _read_full(src, cur)
    index = 0
    while True:
        n_nxt = _read_full(src, nxt) if n_cur == full else 0
        final = n_nxt == 0
        if n_cur < TAG_BYTES:
            raise StreamError("truncated stream")
        try:
            plain = aead.decrypt(_nonce(prefix, index), memoryview(cur)[:n_cur],
                                 _aad(header, context, index, final))
        except InvalidTag:
            raise StreamError(f"chunk {index} failed authentication") from None
        yield plain
        if final:
            return
        cur, nxt, n_cur = nxt, cur, n_nxt
        index += 1


def encrypted_size(plain_size: int, chunk_size: int = CHUNK_SIZE) -> int:
    chunks = max(1, -(-plain_size // chunk_size))
    return HEADER_BYTES + plain_size + chunks * TAG_BYTES
