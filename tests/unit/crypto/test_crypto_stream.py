"""Chunked attachment AEAD: roundtrip, tamper/truncation/reorder detection, flat memory."""
import hashlib
import io
import os
import tracemalloc

import pytest

from crypto.stream import (
    HEADER_BYTES,
    TAG_BYTES,
    StreamError,
    decrypt_stream,
    encrypt_stream,
    encrypted_size,
)

KEY = os.urandom(32)
CHUNK = 1000


def _enc(data: bytes, ctx=b"att-1", chunk=CHUNK) -> bytes:
    out = io.BytesIO()
    d = encrypt_stream(KEY, io.BytesIO(data), out, ctx, chunk_size=chunk)
    assert d.size == len(data)
    assert d.sha256 == hashlib.sha256(data).hexdigest()
    assert d.md5 == hashlib.md5(data).hexdigest()
    assert len(out.getvalue()) == encrypted_size(len(data), chunk)
    return out.getvalue()


def _dec(blob: bytes, ctx=b"att-1") -> bytes:
    return b"".join(decrypt_stream(KEY, io.BytesIO(blob), ctx))


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 7])
def test_roundtrip_sizes(size):
    data = os.urandom(size)
    assert _dec(_enc(data)) == data


def test_wrong_context_or_key_fails():
    blob = _enc(b"x" * 2500)
    with pytest.raises(StreamError):
        _dec(blob, ctx=b"att-2")
    with pytest.raises(StreamError):
        b"".join(decrypt_stream(os.urandom(32), io.BytesIO(blob), b"att-1"))


@pytest.mark.parametrize("cut_chunks", [1, 2])
def test_truncation_at_chunk_boundary_is_detected(cut_chunks):
    blob = _enc(os.urandom(3 * CHUNK))
    cut = blob[:len(blob) - cut_chunks * (CHUNK + TAG_BYTES)]
    with pytest.raises(StreamError):
        _dec(cut)


def test_truncation_inside_chunk_and_header_is_detected():
    blob = _enc(os.urandom(2 * CHUNK + 10))
    for n in (len(blob) - 1, len(blob) - 20, HEADER_BYTES + 5, HEADER_BYTES, 3):
        with pytest.raises(StreamError):
            _dec(blob[:n])


def test_reordered_chunks_are_detected():
    blob = _enc(os.urandom(3 * CHUNK))
    h, c = HEADER_BYTES, CHUNK + TAG_BYTES
    chunks = [blob[h + i * c:h + (i + 1) * c] for i in range(3)]
    swapped = blob[:h] + chunks[1] + chunks[0] + chunks[2]
    with pytest.raises(StreamError):
        _dec(swapped)


def test_appended_data_and_bitflips_are_detected():
    blob = _enc(os.urandom(CHUNK + 5))
    with pytest.raises(StreamError):
        _dec(blob + blob[HEADER_BYTES:HEADER_BYTES + CHUNK + TAG_BYTES])
    for pos in (0, 6, HEADER_BYTES - 1, HEADER_BYTES + 3, len(blob) - 1):
        bad = bytearray(blob)
        bad[pos] ^= 0x40
        with pytest.raises(StreamError):
            _dec(bytes(bad))


def test_plaintext_does_not_appear_in_ciphertext():
    data = "피해자 진술 CANARY-plain".encode() * 200
    assert b"CANARY-plain" not in _enc(data)


def test_memory_stays_flat_for_a_large_stream(tmp_path):
    """~200 MB through encrypt and decrypt with a real file and the real 1 MiB chunks."""
    src = tmp_path / "big.bin"
    with open(src, "wb") as f:  # sparse-ish: mostly holes, some real data
        for i in range(0, 200, 20):
            f.seek(i << 20)
            f.write(os.urandom(4096))
        f.truncate(200 << 20)
    enc = tmp_path / "big.enc"
    tracemalloc.start()
    try:
        with open(src, "rb") as s, open(enc, "wb") as o:
            d = encrypt_stream(KEY, s, o, b"big")
        _, peak_enc = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        sha = hashlib.sha256()
        with open(enc, "rb") as s:
            for chunk in decrypt_stream(KEY, s, b"big"):
                sha.update(chunk)
        _, peak_dec = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert d.size == 200 << 20 and sha.hexdigest() == d.sha256
    assert peak_enc < 8 << 20, peak_enc
    assert peak_dec < 8 << 20, peak_dec
