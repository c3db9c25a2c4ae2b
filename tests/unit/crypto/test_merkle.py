"""crypto/merkle.py against the Certificate Transparency test vectors (RFC 6962/9162
hashing; the roots of the first n of CT's eight test leaves) and its own proofs."""
from __future__ import annotations

import pytest

from crypto import merkle

# certificate-transparency/cpp/merkletree/merkle_tree_test.cc
LEAVES = [bytes.fromhex(h) for h in (
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657",
    "606162636465666768696a6b6c6d6e6f")]
ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]


@pytest.mark.parametrize("n", range(1, 9))
def test_roots_match_certificate_transparency(n):
    assert merkle.root([merkle.leaf_hash(d) for d in LEAVES[:n]]).hex() == ROOTS[n - 1]


def test_ct_inclusion_path_example():
    # merkle_tree_test.cc: the path of leaf 0 in the tree of 8 leaves
    leaves = [merkle.leaf_hash(d) for d in LEAVES]
    assert [h.hex() for h in merkle.inclusion_proof(leaves, 0)] == [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]


@pytest.mark.parametrize("size", range(1, 20))
def test_every_proof_leads_to_the_root_and_a_changed_leaf_does_not(size):
    leaves = [merkle.leaf_hash(i.to_bytes(4, "big")) for i in range(size)]
    top = merkle.root(leaves)
    for i in range(size):
        proof = merkle.inclusion_proof(leaves, i)
        assert merkle.root_from_proof(leaves[i], i, size, proof) == top
        assert merkle.root_from_proof(merkle.leaf_hash(b"tampered"), i, size, proof) != top
        if proof:
            bad = [bytes(32)] + proof[1:]
            assert merkle.root_from_proof(leaves[i], i, size, bad) != top
        with pytest.raises(ValueError):
            merkle.root_from_proof(leaves[i], i, size, proof + [bytes(32)])
    assert merkle.root_and_proofs(leaves) == (
        top, [merkle.inclusion_proof(leaves, i) for i in range(size)])


def test_a_leaf_is_not_a_node():
    a, b = merkle.leaf_hash(b"a"), merkle.leaf_hash(b"b")
    # the inner node's preimage presented as a leaf gives another hash (domain separation)
    assert merkle.leaf_hash(a + b) != merkle.node_hash(a, b)
    with pytest.raises(ValueError):
        merkle.root([])
