"""MD5 on a helper thread (crypto.hashing): the digests are exactly those of the bytes in
order, whatever the chunking, for chunks above and below the hand-off size, through
hash_stream, DualHasher and encrypt_stream, in a forked child too."""
import hashlib
import io
import os

import pytest

from crypto.hashing import PARALLEL_MIN, DualHasher, hash_stream
from crypto.stream import decrypt_stream, encrypt_stream

DATA = os.urandom(3 * PARALLEL_MIN + 12345)
SHA, MD5 = hashlib.sha256(DATA).hexdigest(), hashlib.md5(DATA).hexdigest()


class Trickle(io.RawIOBase):
    """readinto gives at most `step` bytes: short reads, as from a pipe."""

    def __init__(self, data: bytes, step: int):
        self._src, self._step = io.BytesIO(data), step

    def readable(self):
        return True

    def readinto(self, buf):
        chunk = self._src.read(min(len(buf), self._step))
        buf[:len(chunk)] = chunk
        return len(chunk)


@pytest.mark.parametrize("step", [1000, PARALLEL_MIN - 1, PARALLEL_MIN, 1 << 20])
def test_hash_stream_matches_hashlib(step):
    d = hash_stream(Trickle(DATA, step))
    assert (d.size, d.sha256, d.md5) == (len(DATA), SHA, MD5)


def test_start_and_wait_with_a_reused_buffer():
    h = DualHasher()
    buf = bytearray(PARALLEL_MIN * 2)
    for off in range(0, len(DATA), len(buf)):
        n = len(DATA[off:off + len(buf)])
        h.wait()  # only now may the buffer be overwritten
        buf[:n] = DATA[off:off + n]
        h.start(memoryview(buf)[:n])
    d = h.digest()
    assert (d.size, d.sha256, d.md5) == (len(DATA), SHA, MD5)


@pytest.mark.parametrize("chunk", [4096, PARALLEL_MIN, 1 << 20])
def test_encrypt_stream_digest_and_roundtrip(chunk):
    key = os.urandom(32)
    out = io.BytesIO()
    d = encrypt_stream(key, io.BytesIO(DATA), out, b"ctx", chunk_size=chunk)
    assert (d.size, d.sha256, d.md5) == (len(DATA), SHA, MD5)
    out.seek(0)
    assert b"".join(decrypt_stream(key, out, b"ctx")) == DATA


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork only")
def test_forked_child_makes_its_own_helper():
    hash_stream(io.BytesIO(DATA))  # the parent's helper threads exist now
    pid = os.fork()
    if pid == 0:
        ok = hash_stream(io.BytesIO(DATA)).md5 == MD5
        os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
