"""crypto/pdq_index.py: the multi-index answer equals a brute-force scan (issue 16: "a 1M-hash
index query answer equals a brute-force scan on a sample")."""
from __future__ import annotations

import numpy as np
import pytest

from crypto.pdq_index import MAX_RADIUS, PdqIndex, brute_force, pack


def _flip(h: np.ndarray, bits: np.ndarray) -> np.ndarray:
    u = np.unpackbits(h)
    u[bits] ^= 1
    return np.packbits(u)


def test_index_equals_brute_force_on_1m_hashes_with_planted_near_ones():
    rng = np.random.default_rng(16)
    stored = rng.integers(0, 256, (1_000_000, 32), dtype=np.uint8)
    # planted: around 40 query centres, stored copies at 0..40 bits (both sides of 31),
    # including ones spread so that every 16-bit piece differs (the pigeonhole's edge)
    centres = stored[rng.integers(0, len(stored), 40)].copy()
    planted_rows = rng.choice(len(stored), 40 * 12, replace=False)
    k = 0
    for c in centres:
        for d in (0, 1, 15, 16, 30, 31, 31, 32, 33, 40, 31, 29):
            if d == 31 and k % 3 == 0:  # 15 pieces with 2 bits, 1 with 1: still found
                bits = np.concatenate([np.arange(p * 16, p * 16 + 2) for p in range(15)]
                                      + [np.array([15 * 16])])
            else:
                bits = rng.choice(256, d, replace=False)
            stored[planted_rows[k]] = _flip(c, bits)
            k += 1
    index = PdqIndex(stored)
    queries = list(centres) + [stored[i] for i in rng.integers(0, len(stored), 20)] + \
        [_flip(stored[i], rng.choice(256, 20, replace=False))
         for i in rng.integers(0, len(stored), 20)]
    found_near = 0
    for q in queries:
        rows, dist = index.search(q)
        want_rows, want_dist = brute_force(stored, q)
        assert rows.tolist() == want_rows.tolist()
        assert dist.tolist() == want_dist.tolist()
        found_near += int(((dist > 0) & (dist <= MAX_RADIUS)).sum())
    assert found_near >= 40 * 6  # the planted 1..31-bit copies were there to be found


def test_radius_and_hex_queries():
    a = "f" * 64
    b = "0" * 64
    c = "7" + "f" * 63  # one bit from a
    index = PdqIndex.from_hex([a, b, c])
    rows, dist = index.search(a)
    assert rows.tolist() == [0, 2] and dist.tolist() == [0, 1]
    assert index.search(a, radius=0)[0].tolist() == [0]
    with pytest.raises(ValueError):
        index.search(a, radius=32)
    assert len(PdqIndex(pack([]))) == 0
    assert PdqIndex(pack([])).search(a)[0].size == 0
