"""Evidence anchoring end to end (issue 15): a laptop driven through the `donghaeng`
command, a real server run and its TSA on 127.0.0.1. Evidence imported offline stays
pending through a failed sync and is anchored by the next one; the evidence proof and the
audit-head proof verify with `openssl ts -verify` against the root the center exports, and
their roots recompute with the README's own python3 recipe (a tampered leaf does not);
the server's database, WAL, blob folder and logs hold no plaintext SHA-256 of the file."""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from desktop.anchor_proof import RECIPE
from tests.sync.conftest import exported_root, served
from tests.sync.faultproxy import FaultProxy
from tests.sync.laptops import enroll, new_laptop
from tests.sync.servers import worker_name


@pytest.fixture(scope="module", params=["sqlite"])
def srv(request, tmp_path_factory):
    with served(request, tmp_path_factory, "anchor") as s:
        yield s


@pytest.fixture(scope="module")
def proxy(srv):
    with FaultProxy("127.0.0.1", urlsplit(srv.url).port or 0) as p:
        yield p


@pytest.fixture(scope="module")
def root_pem(srv, tmp_path_factory) -> Path:
    return exported_root(srv, tmp_path_factory.mktemp("root"), "center-root.pem")


def _ts_verify(folder: Path, root: Path, digest: str) -> str:
    proc = subprocess.run(["openssl", "ts", "-verify", "-digest", digest, "-in",
                           str(folder / "token.tsr"), "-CAfile", str(root), "-untrusted",
                           str(folder / "chain.pem")], capture_output=True, text=True,
                          timeout=60)
    return proc.stdout + proc.stderr


def _recipe(folder: Path) -> str:
    proc = subprocess.run(["sh", "-c", RECIPE], cwd=folder, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _files_holding(root: Path, needles: list[bytes]) -> list[str]:
    hits = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            hits += [f"{path}: {n[:8].hex()}…" for n in needles if n in data]
    return hits


def test_evidence_anchored_at_sync_offline_pending_and_proofs_verify(srv, proxy, root_pem,
                                                                      tmp_path):
    lap = new_laptop(tmp_path, "lap", worker_name("김증거"))
    enroll(srv, lap, url=proxy.url_for())
    rid = lap.put(tmp_path, "evidence", lap.json("forms", "example", "evidence"),
                  case="ANC-001")
    image = tmp_path / "capture.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(40_000))
    digest = hashlib.sha256(image.read_bytes()).digest()
    assert lap.ok("attach", "--record", rid, str(image)).strip() == digest.hex()
    (att,) = [a for a in lap.json("record", "show", rid)["attachments"]
              if a["sha256"] == digest.hex()]

    # offline: the sync fails, nothing is anchored, the file waits
    proxy.refuse = True
    try:
        assert lap.run("sync").code != 0
    finally:
        proxy.refuse = False
    listed = lap.json("audit", "anchors")
    assert listed["anchors"] == [] and listed["pending_evidence"] == 1
    refused = lap.run("evidence", "proof", "--attachment", att["id"], "--out",
                      str(tmp_path / "early"), "--lang", "en")
    assert refused.code != 0 and "not anchored yet" in refused.err
    assert "Traceback" not in refused.err and not (tmp_path / "early").exists()

    # online: the next sync anchors it
    lap.ok("sync")
    listed = lap.json("audit", "anchors")
    assert listed["pending_evidence"] == 0 and len(listed["anchors"]) == 1
    anchor = listed["anchors"][0]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", anchor["tsa_time"])
    assert anchor["tree_size"] == 2      # the audit head and the one file
    # no new evidence: the next sync anchors only the audit head (which the unlocks moved)
    lap.ok("sync")
    assert [a["tree_size"] for a in lap.json("audit", "anchors")["anchors"]] == [2, 1]

    out = tmp_path / "proof"
    assert lap.ok("evidence", "proof", "--attachment", att["id"], "--out", str(out)
                  ).strip() == str(out)
    doc = json.loads((out / "proof.json").read_text())
    assert doc["sha256"] == digest.hex() and doc["root"] == anchor["root"]
    assert hashlib.sha256(bytes.fromhex(doc["root"])).hexdigest() == doc["root_sha256"]
    # the README's own command, then against the root the center exports
    readme = (out / "README.txt").read_text()
    command = re.search(r"^\s*(openssl ts -verify .*)$", readme, re.M).group(1)
    run = subprocess.run(command.split(), cwd=out, capture_output=True, text=True,
                         timeout=60)
    assert "Verification: OK" in run.stdout, run.stdout + run.stderr
    assert (out / "root.pem").read_bytes() == root_pem.read_bytes()
    assert "Verification: OK" in _ts_verify(out, root_pem, doc["root_sha256"])
    assert "Verification: OK" not in _ts_verify(out, root_pem, hashlib.sha256(
        digest).hexdigest())
    text = _recipe(out)
    assert f"leaf ends with {digest.hex()}" in text
    assert f"root {doc['root']} OK" in text and f"sha256(root) {doc['root_sha256']}" in text
    # a tampered leaf (another file's hash in it) does not lead to the root
    doc["leaf_data"] = doc["leaf_data"][:-64] + hashlib.sha256(b"other file").hexdigest()
    (out / "proof.json").write_text(json.dumps(doc))
    assert "MISMATCH" in _recipe(out)

    # the audit head anchored with it
    audit_out = tmp_path / "audit-proof"
    lap.ok("audit", "proof", "--anchor", str(anchor["anchor"]), "--out", str(audit_out))
    adoc = json.loads((audit_out / "proof.json").read_text())
    assert adoc["kind"] == "audit-head" and adoc["audit_hash"] == anchor["audit_hash"]
    assert "Verification: OK" in _ts_verify(audit_out, root_pem, adoc["root_sha256"])
    assert f"root {adoc['root']} OK" in _recipe(audit_out)
    assert lap.ok("audit", "verify") is not None

    # a later import goes into a second anchor, the first one's proof unchanged
    second = tmp_path / "second.png"
    second.write_bytes(os.urandom(1000))
    lap.ok("attach", "--record", rid, str(second))
    lap.ok("sync")
    assert [a["tree_size"] for a in lap.json("audit", "anchors")["anchors"]] == [2, 1, 2]

    # what the server holds: no plaintext SHA-256 of either file, hex or raw
    needles = []
    for f in (image, second):
        d = hashlib.sha256(f.read_bytes()).digest()
        needles += [d, d.hex().encode(), d.hex().upper().encode()]
    assert _files_holding(out, needles)     # the scan finds the hex where it is (proof.json)
    assert _files_holding(srv.data, needles) == []
    assert _files_holding(srv.data.parent, needles) == []   # logs too
    assert any(p.is_file() for p in srv.data.rglob("*")), "no server files scanned"
