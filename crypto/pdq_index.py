"""Which stored PDQ hashes lie within a Hamming distance of a query: an index (multi-index
hashing), so that one query against a million stored hashes answers in milliseconds where
a scan of every hash takes ~20 ms, and `donghaeng match` over a folder is not a scan per pair.

Why it is exact (the same answer as `brute_force`): the 256 bits are cut into 16 pieces of
16 bits. Two hashes within 31 bits differ in at most 31 bits over 16 pieces, so at least one
piece differs in at most one bit (16 pieces x 2 bits = 32 > 31). Probing every piece with its
own value and its 16 one-bit neighbours (16 x 17 buckets) therefore reaches every stored hash
within 31 bits; each candidate's true distance is then computed and filtered. For a larger
radius r the same holds with the pieces allowed floor(r / 16) differing bits; only radii up
to 31 are supported (the threshold platforms use), and a larger one is refused.

A bucket holds ~N / 65,536 random hashes (15 at a million), so a query looks at a few
thousand candidates. Hashes are 64 lowercase hex digits (PDQ's text form).
"""
from __future__ import annotations

import numpy as np
import numpy.typing as npt

PIECES = 16
MAX_RADIUS = 31  # with 16-bit pieces, one flipped bit per piece covers distance <= 31
_FLIPS = np.concatenate([[0], 1 << np.arange(16)]).astype(np.uint16)  # value, 16 neighbours


def pack(hexes: list[str]) -> npt.NDArray[np.uint8]:
    """Hex hashes as an (N, 32) uint8 array (bit 255 first, as written)."""
    if not hexes:
        return np.zeros((0, 32), dtype=np.uint8)
    raw = bytes.fromhex("".join(hexes))
    if len(raw) != 32 * len(hexes):
        raise ValueError("a PDQ hash is 64 hex digits")
    return np.frombuffer(raw, dtype=np.uint8).reshape(len(hexes), 32).copy()


def _words(packed: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint64]:
    return np.ascontiguousarray(packed).view(np.uint64).reshape(-1, 4)


def brute_force(stored: npt.NDArray[np.uint8], query: npt.NDArray[np.uint8],
                radius: int = MAX_RADIUS) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """(row numbers, distances) of every stored hash within `radius` of one query, by
    comparing all of them: the reference the index must equal."""
    dist = np.bitwise_count(_words(stored) ^ _words(query.reshape(1, 32))).sum(axis=1)
    rows = np.flatnonzero(dist <= radius)
    return rows.astype(np.int64), dist[rows].astype(np.int64)


class PdqIndex:
    """Stored hashes (rows 0..N-1, in the order given) and, for each of the 16 pieces, the
    rows sorted by that piece with the start of each of the 65,536 buckets."""

    def __init__(self, packed: npt.NDArray[np.uint8]):
        if packed.ndim != 2 or packed.shape[1] != 32 or packed.dtype != np.uint8:
            raise ValueError("the index takes an (N, 32) uint8 array")
        self.hashes = np.ascontiguousarray(packed)
        self.words = _words(self.hashes)
        n = len(packed)
        # piece p = bytes 2p, 2p+1 as a big-endian 16-bit number
        pieces = self.hashes.view(">u2").astype(np.uint16)   # (N, 16)
        self.rows = np.empty((PIECES, n), dtype=np.int32)
        self.starts = np.empty((PIECES, 65537), dtype=np.int64)
        for p in range(PIECES):
            col = pieces[:, p]
            self.rows[p] = np.argsort(col, kind="stable")
            self.starts[p, 0] = 0
            np.cumsum(np.bincount(col, minlength=65536), out=self.starts[p, 1:])

    def __len__(self) -> int:
        return len(self.hashes)

    @classmethod
    def from_hex(cls, hexes: list[str]) -> PdqIndex:
        return cls(pack(hexes))

    def candidates(self, query: npt.NDArray[np.uint8]) -> npt.NDArray[np.int32]:
        """Rows sharing a piece with the query up to one bit (each row once)."""
        q = query.reshape(32).view(">u2").astype(np.uint16)
        probes = q[:, None] ^ _FLIPS[None, :]                       # (16, 17)
        piece = np.arange(PIECES)[:, None]
        lo = self.starts[piece, probes].ravel()
        hi = self.starts[piece, probes.astype(np.int64) + 1].ravel()
        owner = np.repeat(np.arange(PIECES), 17)
        keep = hi > lo
        if not keep.any():
            return np.zeros(0, dtype=np.int32)
        parts = [self.rows[p, a:b] for p, a, b in zip(owner[keep], lo[keep], hi[keep],
                                                       strict=True)]
        return np.unique(np.concatenate(parts))

    def search(self, query: npt.NDArray[np.uint8] | str, radius: int = MAX_RADIUS
               ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """(row numbers ascending, distances) of the stored hashes within `radius` bits of
        `query` (a hex hash or 32 bytes): equal to `brute_force` on the same hashes."""
        if not 0 <= radius <= MAX_RADIUS:
            raise ValueError(f"the index answers radii 0..{MAX_RADIUS}")
        q = pack([query]) if isinstance(query, str) else np.asarray(query, dtype=np.uint8)
        cand = self.candidates(q)
        if cand.size == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        dist = np.bitwise_count(self.words[cand] ^ _words(q.reshape(1, 32))).sum(axis=1)
        near = dist <= radius
        return cand[near].astype(np.int64), dist[near].astype(np.int64)
