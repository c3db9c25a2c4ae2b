"""PDQ perceptual hashes (Meta's 256-bit image hash) in numpy, bit-identical to `pdqhash`.

PDQ is the hash StopNCII and Take It Down send to platforms, so ours must be exactly the
reference's: `pdqhash` (the Python binding of Meta's C++) is a source package with a
compiler step and an undeclared numpy import, so the field laptop uses this port and the
tests compare the two bit for bit (tests/unit/test_pdq.py).

Bit-identity is why this is written the way it is: the C++ accumulates in float32 one term
at a time (box filter running sums, both DCT products), with no fused multiply-add. numpy
reductions (matmul, cumsum, sum) round in other orders, so every accumulation here is a
loop over the summed index with float32 element-wise steps vectorised over the other axis:
the same roundings in the same order, and still fast because each step is an array op.

Input: an RGB (H x W x 3) uint8 array. The luma is the binding's, computed in float64 and
rounded to float32 (the C++ entry point receives it that way from the binding).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

MIN_HASHABLE_DIM = 5  # smaller images get the all-zero hash and quality 0, as the C++
_JAROSZ_PASSES = 2
_F32 = np.float32

# The 16 x 64 DCT matrix as the C++ builds it: a float scale factor times a double cosine,
# rounded to float. math.cos is the C library's cos (numpy's may be a SIMD variant).
_SCALE = float(_F32(math.sqrt(2.0 / 64.0)))
_DCT = np.array([[_SCALE * math.cos((math.pi / 2.0 / 64.0) * (i + 1) * (2 * j + 1))
                  for j in range(64)] for i in range(16)], dtype=np.float32)

# the order of pdqhash.compute_dihedral (and the C++): original, rotations 90/180/270
# (counter-clockwise), flip about x, flip about y, flip about the main / other diagonal
DIHEDRAL_NAMES = ("original", "rotate90", "rotate180", "rotate270",
                  "flip_x", "flip_y", "flip_plus1", "flip_minus1")


@dataclass(frozen=True)
class PdqHash:
    """256 bits as 64 lowercase hex digits (the PDQ text form: bit 255 first) + quality
    (0..100; below ~50 the hash says little: a flat or tiny image)."""

    hex: str
    quality: int

    def bits(self) -> bytes:
        return bytes.fromhex(self.hex)


def luma(pixels: npt.NDArray[np.uint8]) -> npt.NDArray[np.float32]:
    """The binding's luma: float64 products of the uint8 channels, rounded to float32."""
    if pixels.ndim != 3 or pixels.shape[2] < 3:
        raise ValueError("PDQ needs an H x W x 3 RGB array")
    rgb = pixels if pixels.dtype == np.uint8 else pixels.astype(np.uint8)
    # r*0.299 + g*0.587 + b*0.114 in float64, in that order, with one temporary
    y = rgb[:, :, 0].astype(np.float64)
    y *= 0.299
    t = rgb[:, :, 1].astype(np.float64)
    t *= 0.587
    y += t
    np.multiply(rgb[:, :, 2], 0.114, out=t)
    y += t
    return y.astype(np.float32)


def _window(old: int, new: int) -> int:
    return (old + 2 * new - 1) // (2 * new)


def _box_along_axis0(a: npt.NDArray[np.float32], window: int) -> npt.NDArray[np.float32]:
    """box1DFloat applied to every column of `a` at once (the running sum runs down axis 0,
    exactly as the C++ runs it along one vector: add the right edge, subtract the left,
    divide by the current window length). The running sums are kept undivided in `out`
    and divided at the end in one step: the same float32 quotient, a third fewer calls.
    Rows are taken as prepared views (indexing per step costs as much as the addition)."""
    n = a.shape[0]
    out = np.empty_like(a)
    ins, outs = list(a), list(out)
    add, sub = np.add, np.subtract
    half = (window + 2) // 2
    counts = np.empty(n, dtype=np.float32)
    prev = np.zeros(a.shape[1], dtype=np.float32)
    for ri in range(half - 1):  # the window fills up before the first output
        add(prev, ins[ri], out=prev)
    count = half - 1
    oi = 0
    for ri in range(half - 1, window):
        add(prev, ins[ri], out=outs[oi])
        count += 1
        counts[oi] = count
        prev = outs[oi]
        oi += 1
    counts[oi:n - half + 1] = count
    for ri, li in zip(range(window, n), range(n - window), strict=True):
        o = outs[oi]
        add(prev, ins[ri], out=o)
        sub(o, ins[li], out=o)
        prev = o
        oi += 1
    li = n - window
    for _ in range(half - 1):
        sub(prev, ins[li], out=outs[oi])
        count -= 1
        counts[oi] = count
        prev = outs[oi]
        li += 1
        oi += 1
    np.divide(out, counts[:, None], out=out)
    return out


def _jarosz_64x64(y: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Two passes of box filters along rows then columns, then the 64 x 64 decimation."""
    rows, cols = y.shape
    w_rows = _window(cols, 64)  # the window along a row
    w_cols = _window(rows, 64)
    ri = [int(((i + 0.5) * rows) / 64) for i in range(64)]
    ci = [int(((j + 0.5) * cols) / 64) for j in range(64)]
    buf = y
    for rep in range(_JAROSZ_PASSES):
        # along rows: work on the transpose so each step reads one contiguous column
        along_rows_t = _box_along_axis0(np.ascontiguousarray(buf.T), w_rows)
        if rep == _JAROSZ_PASSES - 1:
            # the last column pass: only the 64 decimated columns are ever read, and each
            # column's running sum is independent of the others
            picked = np.ascontiguousarray(along_rows_t[ci, :].T)
            return _box_along_axis0(picked, w_cols)[ri, :]
        buf = _box_along_axis0(np.ascontiguousarray(along_rows_t.T), w_cols)
    raise AssertionError("unreachable")


def _quality(b: npt.NDArray[np.float32]) -> int:
    hundred, full = _F32(100), _F32(255)
    dv = (((b[:-1, :] - b[1:, :]) * hundred) / full).astype(np.int32)
    dh = (((b[:, :-1] - b[:, 1:]) * hundred) / full).astype(np.int32)
    total = int(np.abs(dv).sum()) + int(np.abs(dh).sum())
    return min(total // 90, 100)


def _dct64_to_16(a: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    t = np.zeros((16, 64), dtype=np.float32)
    for k in range(64):  # T[i][j] = sum_k D[i][k] * A[k][j], k in order
        np.add(t, _DCT[:, k:k + 1] * a[k:k + 1, :], out=t)
    b = np.zeros((16, 16), dtype=np.float32)
    for k in range(64):  # B[i][j] = sum_k T[i][k] * D[j][k], k in order
        np.add(b, t[:, k:k + 1] * _DCT[None, :, k], out=b)
    return b


def _torben(m: npt.NDArray[np.float32]) -> np.float32:
    """The C++'s median (Torben's method), step for step: its result is not always the
    textbook median of an even count, and the hash's threshold must be the same value."""
    v = m.ravel()
    n = v.size
    half = (n + 1) // 2
    lo, hi = v.min(), v.max()
    while True:
        guess = _F32((lo + hi) / _F32(2))
        below, above = v < guess, v > guess
        less, greater = int(below.sum()), int(above.sum())
        equal = n - less - greater
        max_lt = max(lo, v[below].max()) if less else lo
        min_gt = min(hi, v[above].min()) if greater else hi
        if less <= half and greater <= half:
            break
        if less > greater:
            hi = max_lt
        else:
            lo = min_gt
    if less >= half:
        return _F32(max_lt)
    if less + equal >= half:
        return guess
    return _F32(min_gt)


def _bits_hex(b: npt.NDArray[np.float32]) -> str:
    median = _torben(b)
    flat = (b > median).ravel()  # bit k = i*16 + j
    return np.packbits(flat[::-1]).tobytes().hex()  # bit 255 first, as PDQ writes it


def _dct16(pixels: npt.NDArray[np.uint8], *, copy_64: bool) -> tuple[npt.NDArray[np.float32], int]:
    y = luma(pixels)
    if copy_64 and y.shape == (64, 64):
        small = y  # the C++ hash copies a 64 x 64 image; its dihedral path filters it anyway
    else:
        small = _jarosz_64x64(y)
    return _dct64_to_16(small), _quality(small)


def _too_small(pixels: npt.NDArray[np.uint8]) -> bool:
    return pixels.shape[0] < MIN_HASHABLE_DIM or pixels.shape[1] < MIN_HASHABLE_DIM


def pdq_hash(pixels: npt.NDArray[np.uint8]) -> PdqHash:
    """The PDQ hash and quality of an RGB uint8 image (== pdqhash.compute)."""
    if _too_small(pixels):
        return PdqHash("0" * 64, 0)
    dct, quality = _dct16(pixels, copy_64=True)
    return PdqHash(_bits_hex(dct), quality)


def pdq_hash_luma(y: npt.NDArray[np.float32]) -> PdqHash:
    """The same from a luma plane (H x W float32) the caller already has, e.g. a JPEG's
    decoded Y channel (desktop/evidence_hashes.py: no colour conversion, no luma pass)."""
    if y.shape[0] < MIN_HASHABLE_DIM or y.shape[1] < MIN_HASHABLE_DIM:
        return PdqHash("0" * 64, 0)
    small = y if y.shape == (64, 64) else _jarosz_64x64(np.ascontiguousarray(y, np.float32))
    return PdqHash(_bits_hex(_dct64_to_16(small)), _quality(small))


def _dihedral_dcts(b: npt.NDArray[np.float32]) -> list[npt.NDArray[np.float32]]:
    """The C++'s dct16OriginalTo* transforms: the DCT of a rotated or flipped image is the
    original's, transposed and/or with alternating signs (odd frequencies change sign)."""
    i = np.arange(16)[:, None]
    j = np.arange(16)[None, :]
    odd_i, odd_j, odd_ij = (i & 1) == 1, (j & 1) == 1, ((i + j) & 1) == 1
    return [
        b,
        np.where(odd_j, b, -b).T,        # rotate 90:  B[j][i] = (j odd ? A : -A)[i][j]
        np.where(odd_ij, -b, b),         # rotate 180
        np.where(odd_i, b, -b).T,        # rotate 270
        np.where(odd_i, b, -b),          # flip x
        np.where(odd_j, b, -b),          # flip y
        b.T.copy(),                      # flip about the main diagonal
        np.where(odd_ij, -b, b).T,       # flip about the other diagonal
    ]


def pdq_dihedral(pixels: npt.NDArray[np.uint8]) -> list[PdqHash]:
    """The 8 hashes of the image's rotations and mirror images, in DIHEDRAL_NAMES order
    (== pdqhash.compute_dihedral): a mirrored re-upload matches one of them."""
    if _too_small(pixels):
        return [PdqHash("0" * 64, 0)] * 8
    dct, quality = _dct16(pixels, copy_64=False)
    return [PdqHash(_bits_hex(np.ascontiguousarray(d)), quality) for d in _dihedral_dcts(dct)]


def hamming(a: str, b: str) -> int:
    """Bits that differ between two 64-hex-digit hashes."""
    return (int(a, 16) ^ int(b, 16)).bit_count()
