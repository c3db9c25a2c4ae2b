"""crypto.pdq against the reference: `pdqhash`, the binding of Meta's C++ (built at setup,
a test-only package: the app and the bundle use crypto.pdq)."""
from __future__ import annotations

import numpy as np
import pdqhash
import pytest

from crypto.pdq import DIHEDRAL_NAMES, hamming, pdq_dihedral, pdq_hash
from tests.unit.crypto.pdq_images import varied_images

IMAGES = varied_images()


def _hex(bits: np.ndarray) -> str:
    return np.packbits(bits.astype(np.uint8)).tobytes().hex()


def test_the_set_is_varied_enough():
    assert len(IMAGES) >= 20
    qualities = {pdqhash.compute(img)[1] for _, img in IMAGES}
    assert 0 in qualities and 100 in qualities and len(qualities) > 8


@pytest.mark.parametrize("name,pixels", IMAGES, ids=[n for n, _ in IMAGES])
def test_hash_and_quality_bit_identical(name, pixels):
    ref_bits, ref_quality = pdqhash.compute(pixels)
    ours = pdq_hash(pixels)
    assert ours.hex == _hex(ref_bits)
    assert ours.quality == ref_quality
    assert len(ours.hex) == 64 and ours.hex == ours.hex.lower()


@pytest.mark.parametrize("name,pixels", IMAGES, ids=[n for n, _ in IMAGES])
def test_dihedral_bit_identical(name, pixels):
    ref, ref_quality = pdqhash.compute_dihedral(pixels)
    ours = pdq_dihedral(pixels)
    assert [h.hex for h in ours] == [_hex(b) for b in ref]
    assert {h.quality for h in ours} == {ref_quality}


def test_dihedral_variants_are_the_transformed_images():
    """The 90° rotation's hash is (near) the hash of the rotated pixels, the mirrored one
    that of the mirrored pixels: what lets a mirrored re-upload match."""
    name, pixels = IMAGES[0]
    variants = dict(zip(DIHEDRAL_NAMES, pdq_dihedral(pixels), strict=True))
    assert hamming(variants["rotate90"].hex, pdq_hash(np.rot90(pixels).copy()).hex) <= 16
    assert hamming(variants["flip_y"].hex, pdq_hash(pixels[:, ::-1].copy()).hex) <= 16
    assert hamming(variants["original"].hex, variants["flip_y"].hex) > 31


def test_a_different_image_is_far():
    a, b = pdq_hash(IMAGES[0][1]), pdq_hash(IMAGES[2][1])
    assert hamming(a.hex, b.hex) > 60
