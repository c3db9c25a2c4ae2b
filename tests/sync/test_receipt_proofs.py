"""The tree over a push answer's receipts (sync/protocol/receipt_proofs.py), without a
server: every leaf of every tree size proves itself, and nothing else does."""
from __future__ import annotations

import uuid

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from hypothesis import given, settings
from hypothesis import strategies as st

from crypto import merkle
from sync.protocol import Receipt, StoredReceipt, b64decode, from_json, receipt_proofs, to_json

EPOCH = str(uuid.uuid4())
KEY = Ed25519PrivateKey.generate()
PUBLIC = KEY.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def _receipts(n: int) -> list[Receipt]:
    device = str(uuid.uuid4())
    return [Receipt(change_id=str(uuid.uuid4()), device_id=device, device_seq=i + 1,
                    server_seq=100 + i, server_epoch=EPOCH, sha256=f"{i:064x}",
                    received_at="2026-12-07T05:00:00Z") for i in range(n)]


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=1, max_value=130))
def test_every_leaf_of_every_tree_proves_itself_alone(n):
    receipts = _receipts(n)
    signature = receipt_proofs.sign_answer(KEY.sign, receipts)
    proven = receipt_proofs.prove(receipts, signature, EPOCH, PUBLIC)
    assert proven is not None and [p.change_id for p in proven] == [
        r.change_id for r in receipts]
    depth = max(0, (n - 1).bit_length())
    for p in proven:
        assert len(p.path) <= depth
        assert receipt_proofs.verify_stored(from_json(StoredReceipt, to_json(p)), PUBLIC)
    # crypto/merkle.py's tree (RFC 9162): a leaf's path leads to the one head signed
    leaves = [receipt_proofs.leaf(r) for r in receipts]
    head = merkle.root(leaves)
    assert signature == receipt_proofs.sign_answer(KEY.sign, receipts)  # deterministic
    assert all(merkle.root_from_proof(
        leaves[p.index], p.index, n, [b64decode(h) for h in p.path])
        == head for p in proven)


def test_a_receipt_from_another_answer_or_key_does_not_verify():
    a, b = _receipts(5), _receipts(5)
    sig_a = receipt_proofs.sign_answer(KEY.sign, a)
    assert receipt_proofs.prove(b, sig_a, EPOCH, PUBLIC) is None
    other = Ed25519PrivateKey.generate()
    assert receipt_proofs.prove(a, receipt_proofs.sign_answer(other.sign, a), EPOCH,
                                PUBLIC) is None
    assert receipt_proofs.prove([], None, EPOCH, PUBLIC) is None
    assert receipt_proofs.sign_answer(KEY.sign, []) is None
    proven = receipt_proofs.prove(a, sig_a, EPOCH, PUBLIC)
    assert proven is not None
    # a proof whose index lies outside its tree, or a path of the wrong length
    with pytest.raises(ValueError):
        merkle.root_from_proof(b"x" * 32, 5, 5, [])
    with pytest.raises(ValueError):
        merkle.root_from_proof(b"x" * 32, 0, 5, [])
