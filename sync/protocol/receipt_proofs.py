"""One signature for a push answer's receipts, and a proof per receipt that it covers it.

The server signs the head of a Merkle tree over the answer's receipts (crypto/merkle.py,
RFC 9162's tree, whose leaves here are the receipts' signed texts) instead of signing
each receipt: Ed25519 signing of 100 receipts was a fifth of the server's CPU for a push.
The laptop rebuilds the tree from the receipts it received, checks the one signature, and
stores each receipt with its audit path (`StoredReceipt`): seven hashes for a batch of
100. A stored receipt alone still proves itself to anyone holding the receipt key
(`verify_stored`), as a per-receipt signature did — Certificate Transparency proves log
entries the same way.

Ed25519 is deterministic, so the same receipts in the same order always get the same
signature: a replayed push is answered byte for byte as the first time."""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from crypto import merkle
from sync.protocol.codec import b64decode, b64encode
from sync.protocol.exchange import Receipt, StoredReceipt
from sync.protocol.signing import receipt_text, verify_signature

# a StoredReceipt is made of the answer's receipt and its proof
_RECEIPT_FIELDS = tuple(f.name for f in dataclasses.fields(Receipt))


def leaf(r: Receipt) -> bytes:
    return merkle.leaf_hash(receipt_text(r))


def statement(epoch: str, size: int, head: bytes) -> bytes:
    """What the receipt key signs for one push answer."""
    return f"donghaeng-receipts/v2\n{epoch}\n{size}\n{head.hex()}".encode("ascii")


def sign_answer(sign: Callable[[bytes], bytes], receipts: Sequence[Receipt]) -> str | None:
    """The answer's signature (`sign`: the receipt key's sign method; the receipts are of
    the server's one epoch); None for an answer without receipts."""
    if not receipts:
        return None
    head = merkle.root([leaf(r) for r in receipts])
    return b64encode(sign(statement(receipts[0].server_epoch, len(receipts), head)))


def prove(receipts: Sequence[Receipt], signature: str | None, epoch: str,
          receipt_key_raw: bytes) -> list[StoredReceipt] | None:
    """Each receipt with its proof, when `signature` covers them all under `epoch`;
    else None."""
    if not receipts or signature is None:
        return None
    head, paths = merkle.root_and_proofs([leaf(r) for r in receipts])
    if not verify_signature(receipt_key_raw, signature,
                            statement(epoch, len(receipts), head)):
        return None
    return [StoredReceipt(**{f: getattr(r, f) for f in _RECEIPT_FIELDS}, index=i,
                          size=len(receipts), path=[b64encode(h) for h in path],
                          signature=signature)
            for i, (r, path) in enumerate(zip(receipts, paths, strict=True))]



def verify_stored(receipt: StoredReceipt, receipt_key_raw: bytes) -> bool:
    """Whether the receipt key signed this receipt (in the answer it came in)."""
    try:
        path = [b64decode(h, field="path", size=32) for h in receipt.path]
        head = merkle.root_from_proof(leaf(receipt), receipt.index, receipt.size, path)
    except ValueError:
        return False
    return verify_signature(receipt_key_raw, receipt.signature,
                            statement(receipt.server_epoch, receipt.size, head))
