"""Evidence anchoring in the vault (desktop/vault/anchors.py, schema v14) and its proof
bundle (desktop/anchor_proof.py), with tokens from crypto.tsa.respond and an in-process
organisation PKI; checked by `openssl ts -verify` and the README's own python3 recipe.
The same against a real server's TSA: tests/sync/test_anchoring.py."""
from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
from pathlib import Path

import pytest

from crypto import merkle, tsa
from desktop import anchor_proof
from desktop.vault import anchors
from tests import pki_tools
from tests.ltv_kit import make_pki


@pytest.fixture(scope="module")
def pki():
    return make_pki()


def _token(pki, digest: bytes) -> bytes:
    from asn1crypto import tsp

    req = tsp.TimeStampReq({"version": "v1", "message_imprint": {
        "hash_algorithm": {"algorithm": "sha256"}, "hashed_message": digest},
        "cert_req": True}).dump()
    return tsa.respond(req, pki.tsa_key, pki.tsa, [pki.iss, pki.root], serial=7)


def _anchor(vault, pki) -> int | None:
    from desktop.syncing.anchoring import token_time

    batch = vault.anchor_batch()
    if batch is None:
        return None
    reply = _token(pki, hashlib.sha256(batch.root).digest())
    return vault.store_anchor(batch, reply, token_time(reply))


def _evidence(vault, datas: list[bytes], case: str = "EV-1") -> list:
    rid = vault.put_record("evidence", 1, {"memo": "증거"}, case_code=case).id
    return [vault.import_attachment(rid, io.BytesIO(d), f"img{i}.png")
            for i, d in enumerate(datas)]


def test_salt_is_per_vault_and_32_bytes(vault, home):
    from crypto.kdf import CHEAP
    from desktop.vault import Vault

    other = Vault.create(home, "다른활동가", "another passphrase 2026!", kdf=CHEAP)
    try:
        a, b = vault.anchor_salt(), other.anchor_salt()
        assert a is not None and b is not None and len(a) == len(b) == 32 and a != b
    finally:
        other.lock()


def test_anchor_covers_pending_evidence_and_the_audit_head(vault, pki):
    atts = _evidence(vault, [b"first image", b"second image"])
    batch = vault.anchor_batch()
    assert batch.attachments == [a.id for a in atts]
    assert (batch.audit_count, batch.audit_hash) == (
        len(vault.audit_entries()), vault.audit_entries()[-1].hash)
    n = _anchor(vault, pki)
    assert vault.pending_anchor_count() == 0
    assert vault.anchor_batch() is None          # nothing new: no second token
    for att in atts:
        leaf = vault.evidence_leaf(att.id)
        data = anchors.evidence_leaf_data(vault.anchor_salt(), att.id,
                                          att.sha256)
        assert data.endswith(hashlib.sha256(
            b"first image" if att is atts[0] else b"second image").digest())
        assert merkle.root_from_proof(merkle.leaf_hash(data), leaf.leaf_index,
                                      leaf.anchor.tree_size,
                                      anchors.split_proof(leaf.proof)) == leaf.anchor.root
        assert leaf.anchor.n == n
    # a new audit entry (a view) is a new head: the next sync anchors it alone
    vault.audit_view("record:x")
    batch = vault.anchor_batch()
    assert batch is not None and batch.attachments == []
    # a third file goes into the next anchor only
    (third,) = _evidence(vault, [b"third image"], case="EV-2")
    n2 = _anchor(vault, pki)
    assert vault.evidence_leaf(third.id).anchor.n == n2 != n
    assert vault.evidence_leaf(atts[0].id).anchor.n == n


def test_leaves_do_not_show_the_plain_hash_and_differ_for_the_same_file(vault):
    a, b = _evidence(vault, [b"same bytes", b"same bytes"])
    batch = vault.anchor_batch()
    plain = hashlib.sha256(b"same bytes").digest()
    assert plain not in batch.leaves and batch.leaves[1] != batch.leaves[2]
    assert merkle.leaf_hash(plain) not in batch.leaves


def test_not_anchored_yet_and_purge_removes_the_leaves(vault, pki, tmp_path):
    (att,) = _evidence(vault, [b"to be purged"], case="GONE-1")
    with pytest.raises(anchors.NotAnchored):
        vault.evidence_leaf(att.id)
    _anchor(vault, pki)
    vault.evidence_leaf(att.id)
    vault.purge_case("GONE-1", "보존기간 만료")
    assert vault._conn.execute("SELECT count(*) FROM anchor_leaves").fetchone()[0] == 0


def _recipe(folder: Path) -> str:
    cmd = anchor_proof.RECIPE
    proc = subprocess.run(["sh", "-c", cmd], cwd=folder, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_bundle_verifies_with_openssl_and_the_readme_recipe(vault, pki, tmp_path):
    (att,) = _evidence(vault, [b"court evidence"])
    _anchor(vault, pki)
    out = anchor_proof.export_evidence(vault, att.id, tmp_path / "proof")
    doc = json.loads((out / "proof.json").read_text())
    assert doc["sha256"] == hashlib.sha256(b"court evidence").hexdigest()
    readme = (out / "README.txt").read_text()
    cmd = re.search(r"^\s*(openssl ts -verify .*)$", readme, re.M).group(1)
    proc = subprocess.run(cmd.split(), cwd=out, capture_output=True, text=True, timeout=60)
    assert "Verification: OK" in proc.stdout, proc.stdout + proc.stderr
    assert anchor_proof.RECIPE in readme
    text = _recipe(out)
    assert f"leaf ends with {doc['sha256']}" in text
    assert f"root {doc['root']} OK" in text and doc["root_sha256"] in text
    # another digest does not verify against the token
    r = pki_tools.run("openssl", "ts", "-verify", "-digest", "00" * 32, "-in",
                      out / "token.tsr", "-CAfile", out / "root.pem", "-untrusted",
                      out / "chain.pem")
    assert "Verification: OK" not in r.stdout
    # a tampered leaf leads elsewhere
    doc["leaf_data"] = doc["leaf_data"][:-2] + ("00" if doc["leaf_data"][-2:] != "00" else "01")
    (out / "proof.json").write_text(json.dumps(doc))
    assert "MISMATCH" in _recipe(out)
    assert [e.action for e in vault.audit_entries()][-1] == "evidence_proof"


def test_audit_head_bundle(vault, pki, tmp_path):
    _evidence(vault, [b"x"])
    n = _anchor(vault, pki)
    out = anchor_proof.export_audit(vault, n, tmp_path / "audit")
    doc = json.loads((out / "proof.json").read_text())
    assert doc["kind"] == "audit-head" and doc["leaf_index"] == 0
    text = _recipe(out)
    assert f"leaf ends with {doc['audit_hash']}" in text and f"root {doc['root']} OK" in text
    r = pki_tools.run("openssl", "ts", "-verify", "-digest", doc["root_sha256"], "-in",
                      out / "token.tsr", "-CAfile", out / "root.pem", "-untrusted",
                      out / "chain.pem")
    assert "Verification: OK" in r.stdout, r.stdout + r.stderr
    # a folder that is not empty is refused, nothing written
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "x").write_text("x")
    from desktop.errors import UserError

    with pytest.raises(UserError):
        anchor_proof.export_audit(vault, n, tmp_path / "busy")
    assert sorted(p.name for p in (tmp_path / "busy").iterdir()) == ["x"]
