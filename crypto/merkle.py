"""A Merkle tree over SHA-256 as RFC 9162 (Certificate Transparency 2.0, section 2.1)
defines it: domain-separated leaf and node hashes, so a leaf can never pass for an inner
node (the second-preimage attack on plain Merkle trees):

    leaf hash  = SHA-256(0x00 || leaf data)
    node hash  = SHA-256(0x01 || left || right)
    MTH(D[n])  = MTH(D[0:k]) and MTH(D[k:n]) joined, k the largest power of two < n

The inclusion proof is RFC 9162's audit path (bottom-up); `steps` gives the same path with
the side each sibling sits on, which is what a short by-hand recomputation needs.
Used by evidence anchoring (desktop/vault/anchors.py, docs/security.md 3.11).
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence

LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(LEAF_PREFIX + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(NODE_PREFIX + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than n (n >= 2)."""
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def root(leaves: Sequence[bytes]) -> bytes:
    """MTH over leaf hashes (at least one: an empty tree is never anchored)."""
    if not leaves:
        raise ValueError("a Merkle tree needs at least one leaf")
    if len(leaves) == 1:
        return leaves[0]
    k = _split(len(leaves))
    return node_hash(root(leaves[:k]), root(leaves[k:]))


def inclusion_proof(leaves: Sequence[bytes], index: int) -> list[bytes]:
    """RFC 9162 PATH(m, D[n]): the sibling hashes from the leaf up to the root."""
    if not 0 <= index < len(leaves):
        raise ValueError("leaf index out of range")
    if len(leaves) == 1:
        return []
    k = _split(len(leaves))
    if index < k:
        return inclusion_proof(leaves[:k], index) + [root(leaves[k:])]
    return inclusion_proof(leaves[k:], index - k) + [root(leaves[:k])]


def root_and_proofs(leaves: Sequence[bytes]) -> tuple[bytes, list[list[bytes]]]:
    """The root and every leaf's audit path at once: n - 1 hashes in all, where asking
    `inclusion_proof` for each leaf would rehash the tree n times (a desk anchoring ten
    thousand received files)."""
    if not leaves:
        raise ValueError("a Merkle tree needs at least one leaf")
    if len(leaves) == 1:
        return leaves[0], [[]]
    k = _split(len(leaves))
    left, left_proofs = root_and_proofs(leaves[:k])
    right, right_proofs = root_and_proofs(leaves[k:])
    return node_hash(left, right), ([p + [right] for p in left_proofs]
                                    + [p + [left] for p in right_proofs])


def sides(index: int, size: int) -> list[str]:
    """For each element of the audit path, bottom-up: "L" if that sibling is on the left
    (hash it before the running value), "R" if on the right."""
    out: list[str] = []
    while size > 1:
        k = _split(size)
        if index < k:
            out.append("R")
            size = k
        else:
            out.append("L")
            index, size = index - k, size - k
    return list(reversed(out))


def root_from_proof(leaf: bytes, index: int, size: int, proof: Sequence[bytes]) -> bytes:
    """The root an audit path leads to (RFC 9162 2.1.3.2 by the sides of each step);
    ValueError when the path has the wrong length for (index, size)."""
    if not 0 <= index < size:
        raise ValueError("leaf index out of range")
    where = sides(index, size)
    if len(where) != len(proof):
        raise ValueError("the proof has the wrong length for this tree")
    h = leaf
    for side, sibling in zip(where, proof, strict=True):
        h = node_hash(sibling, h) if side == "L" else node_hash(h, sibling)
    return h
