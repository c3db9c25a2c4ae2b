"""One signature for a push answer's receipts, and a proof per receipt that it covers it.

The server signs a Merkle tree head over the answer's receipts (RFC 9162's tree: leaf
hash SHA-256(0x00 || receipt text), node hash SHA-256(0x01 || left || right)) instead of
signing each receipt: Ed25519 signing of 100 receipts was a fifth of the server's CPU for
a push. The laptop rebuilds the tree from the receipts it received, checks the one
signature, and stores each receipt with its audit path (`StoredReceipt`): seven hashes
for a batch of 100. A stored receipt alone still proves itself to anyone holding the
receipt key (`verify_stored`), as a per-receipt signature did — Certificate Transparency
proves log entries the same way.

Ed25519 is deterministic, so the same receipts in the same order always get the same
signature: a replayed push is answered byte for byte as the first time."""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from sync.protocol.codec import b64decode, b64encode
from sync.protocol.exchange import Receipt, StoredReceipt
from sync.protocol.signing import ReceiptFields, verify_signature

_LEAF, _NODE = b"\x00", b"\x01"


def fields_of(r: Receipt | StoredReceipt) -> ReceiptFields:
    return ReceiptFields(change_id=r.change_id, device_id=r.device_id,
                         device_seq=r.device_seq, server_seq=r.server_seq,
                         server_epoch=r.server_epoch, sha256=r.sha256,
                         received_at=r.received_at)


def leaf_hash(r: Receipt | StoredReceipt) -> bytes:
    return hashlib.sha256(_LEAF + fields_of(r).text()).digest()


def _node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(_NODE + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two below n (n >= 2): where RFC 9162 splits a tree."""
    return 1 << ((n - 1).bit_length() - 1)


def tree_head(leaves: Sequence[bytes]) -> bytes:
    if not leaves:
        raise ValueError("a tree of no receipts")
    if len(leaves) == 1:
        return leaves[0]
    k = _split(len(leaves))
    return _node(tree_head(leaves[:k]), tree_head(leaves[k:]))


def _paths(leaves: Sequence[bytes]) -> tuple[bytes, list[list[bytes]]]:
    """The tree head and every leaf's audit path (nearest sibling first)."""
    if len(leaves) == 1:
        return leaves[0], [[]]
    k = _split(len(leaves))
    left, left_paths = _paths(leaves[:k])
    right, right_paths = _paths(leaves[k:])
    return _node(left, right), ([p + [right] for p in left_paths]
                                + [p + [left] for p in right_paths])


def head_from_path(leaf: bytes, index: int, size: int, path: Sequence[bytes]) -> bytes | None:
    """The tree head a leaf and its audit path lead to (RFC 9162 2.1.3.2); None when the
    path cannot belong to a leaf at `index` of a tree of `size`."""
    if not 0 <= index < size:
        return None
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = _node(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = _node(r, p)
        fn, sn = fn >> 1, sn >> 1
    return r if sn == 0 else None


def statement(epoch: str, size: int, head: bytes) -> bytes:
    """What the receipt key signs for one push answer."""
    return f"donghaeng-receipts/v2\n{epoch}\n{size}\n{head.hex()}".encode("ascii")


def sign_answer(sign: Callable[[bytes], bytes], epoch: str, receipts: Sequence[Receipt]
                ) -> str | None:
    """The answer's signature (`sign`: the receipt key's sign method); None for an
    answer without receipts."""
    if not receipts:
        return None
    head = tree_head([leaf_hash(r) for r in receipts])
    return b64encode(sign(statement(epoch, len(receipts), head)))


def prove(receipts: Sequence[Receipt], signature: str | None, epoch: str,
          receipt_key_raw: bytes) -> list[StoredReceipt] | None:
    """Each receipt with its proof, when `signature` covers them all; else None."""
    if not receipts or signature is None:
        return None
    head, paths = _paths([leaf_hash(r) for r in receipts])
    if not verify_signature(receipt_key_raw, signature,
                            statement(epoch, len(receipts), head)):
        return None
    return [StoredReceipt(**vars(fields_of(r)), index=i, size=len(receipts),
                          path=[b64encode(h) for h in path], signature=signature)
            for i, (r, path) in enumerate(zip(receipts, paths, strict=True))]


def verify_stored(receipt: StoredReceipt, receipt_key_raw: bytes) -> bool:
    """Whether the receipt key signed this receipt (in the answer it came in)."""
    try:
        path = [b64decode(h, field="path", size=32) for h in receipt.path]
    except ValueError:
        return False
    head = head_from_path(leaf_hash(receipt), receipt.index, receipt.size, path)
    return head is not None and verify_signature(
        receipt_key_raw, receipt.signature,
        statement(receipt.server_epoch, receipt.size, head))
