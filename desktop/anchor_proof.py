"""Proof bundles for anchored evidence and audit heads (issue 15; docs/security.md 3.11).

`donghaeng evidence proof --attachment ID --out DIR` shows that an attachment's import-time
SHA-256 existed when the center's TSA timestamped the anchor covering it; `donghaeng audit
proof --anchor N --out DIR` does the same for the audit head that anchor covers. DIR gets:

    proof.json        the leaf data and hash, its inclusion proof (RFC 9162 audit path and
                      the same with sides), the tree size, the root, SHA-256(root), times
    token.tsr         the TSA's TimeStampResp (DER) over SHA-256(root)
    root.pem          the root certificate the token chains to (check its fingerprint
                      with the center's published `root-sha256`), chain.pem the others
    root-sha256.txt   the digest the token timestamps (hex)
    README.txt        the exact openssl and python3 commands

Only this attachment's own leaf salt is disclosed: the sibling hashes of the proof are
salted leaves of other files (or inner nodes), which reveal nothing about them. The
bundle is the worker's explicit export of the file's hash: written as a whole (a temp
folder beside DIR, renamed), and audited (`evidence_proof`, `audit_proof`).
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
from pathlib import Path
from typing import Any

from crypto import merkle
from desktop.errors import UserError
from desktop.vault import anchors

RECIPE = ("python3 -c 'import json,hashlib,functools;H=lambda b:hashlib.sha256(b).digest();"
          "p=json.load(open(\"proof.json\"));d=bytes.fromhex(p[\"leaf_data\"]);"
          "print(\"leaf ends with\",d[-32:].hex());"
          "r=functools.reduce(lambda h,s:H(b\"\\x01\"+(bytes.fromhex(s[1])+h if s[0]==\"L\" "
          "else h+bytes.fromhex(s[1]))),p[\"steps\"],H(b\"\\x00\"+d));"
          "print(\"root\",r.hex(),\"OK\" if r.hex()==p[\"root\"] else \"MISMATCH\");"
          "print(\"sha256(root)\",H(r).hex())'")


def _certs(token_reply: bytes) -> list[Any]:
    from asn1crypto import tsp
    from cryptography import x509

    signed = tsp.TimeStampResp.load(token_reply)["time_stamp_token"]["content"]
    return [x509.load_der_x509_certificate(c.chosen.dump())
            for c in (signed["certificates"] or [])]


def _pem(certs: list[Any]) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs)


def _chain_files(vault: Any, token_reply: bytes) -> tuple[bytes, bytes]:
    """(root.pem, chain.pem): from the token's own certificates; the root from the chain
    the vault fetched at sync if the token lacks it (an external TSA's token may)."""
    from cryptography import x509

    certs = _certs(token_reply)
    roots = [c for c in certs if c.subject == c.issuer]
    others = [c for c in certs if c.subject != c.issuer]
    if not roots:
        kept = vault.get_meta("pki.chain")
        if kept:
            roots = [c for c in x509.load_pem_x509_certificates(kept) if c.subject == c.issuer]
    return _pem(roots), _pem(others)


def _leaf_doc(leaf_data: bytes, index: int, size: int, proof: bytes, anchor: Any) -> dict:
    path = anchors.split_proof(proof)
    leaf = merkle.leaf_hash(leaf_data)
    if merkle.root_from_proof(leaf, index, size, path) != anchor.root:
        raise UserError("금고의 증명이 고정된 루트와 맞지 않습니다 (금고 손상?)",
                        "the vault's proof does not lead to the anchored root (damaged vault?)")
    return {"leaf_data": leaf_data.hex(), "leaf_hash": leaf.hex(), "leaf_index": index,
            "tree_size": size, "audit_path": [h.hex() for h in path],
            "steps": [[side, h.hex()] for side, h in zip(merkle.sides(index, size), path,
                                                         strict=True)],
            **anchor.as_json()}


def evidence_bundle(vault: Any, attachment_id: str) -> tuple[dict, Any]:
    leaf = vault.evidence_leaf(attachment_id)
    salt = vault.anchor_salt_for(leaf.attachment_id)
    data = anchors.EVIDENCE_LABEL + salt + bytes.fromhex(leaf.sha256)
    doc = {"kind": "evidence", "attachment": leaf.attachment_id, "sha256": leaf.sha256,
           "imported_at": leaf.imported_at, "leaf_salt": salt.hex(),
           "leaf_format": "'donghaeng/anchor/evidence/v1' 0x00 | leaf_salt | sha256",
           **_leaf_doc(data, leaf.leaf_index, leaf.anchor.tree_size, leaf.proof, leaf.anchor)}
    return doc, leaf.anchor


def audit_bundle(vault: Any, n: int) -> tuple[dict, Any]:
    anchor = vault.get_anchor(n)
    data = anchors.audit_leaf_data(anchor.audit_count, anchor.audit_hash)
    doc = {"kind": "audit-head", "audit_count": anchor.audit_count,
           "audit_hash": anchor.audit_hash,
           "leaf_format": "'donghaeng/anchor/audit-head/v1' 0x00 | count u64 BE | hash",
           **_leaf_doc(data, anchor.audit_index, anchor.tree_size, anchor.audit_proof,
                       anchor)}
    return doc, anchor


def readme(doc: dict) -> str:
    what = (f"the SHA-256 {doc['sha256']} of attachment {doc['attachment']} (imported "
            f"{doc['imported_at']} by the laptop's clock)" if doc["kind"] == "evidence" else
            f"the audit log's head: {doc['audit_count']} entries, the last with hash "
            f"{doc['audit_hash']}")
    return f"""Donghaeng anchor proof (동행 타임스탬프 고정 증명)

This folder shows that {what}
existed no later than {doc['tsa_time']} (UTC), the time the center's timestamp authority
(RFC 3161) signed the Merkle root that covers it (anchor {doc['anchor']}).
이 폴더는 위 해시가 타임스탬프 시각({doc['tsa_time']} UTC)에 이미 존재했음을 보입니다.

1. Check root.pem's fingerprint against the center's published `root-sha256`
   (루트 인증서 지문을 센터가 공개한 값과 비교):
   openssl x509 -in root.pem -noout -fingerprint -sha256

2. Check the timestamp token over SHA-256(root) (prints "Verification: OK"):
   openssl ts -verify -digest {doc['root_sha256']} -in token.tsr -CAfile root.pem -untrusted chain.pem
   openssl ts -reply -in token.tsr -text      (shows the time and the digest)

3. Recompute the root from the leaf and its inclusion proof (run in this folder; prints
   the hash the leaf ends with — {_ends(doc)} — then the root with OK and the same
   SHA-256(root) as in step 2):
   {RECIPE}

   Leaf hash = SHA-256(0x00 | leaf_data); each step joins with SHA-256(0x01 | left | right),
   the sibling on the side given (RFC 9162 Merkle tree hashing).
   leaf_data = {doc['leaf_format']}
{_file_note(doc)}"""


def _ends(doc: dict) -> str:
    return "the file's SHA-256" if doc["kind"] == "evidence" else "the audit head's hash"


def _file_note(doc: dict) -> str:
    if doc["kind"] != "evidence":
        return ""
    return ("\n4. The file itself: `sha256sum FILE` must print the sha256 in proof.json. The "
            "leaf salt is\n   this leaf's own (derived from a secret kept in the worker's "
            "vault): the other leaves\n   of the tree stay salted and reveal nothing.\n")


def _check_out(out: Path) -> Path:
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UserError(f"출력 폴더가 비어 있지 않습니다: {out}",
                        f"the output folder is not empty: {out}")
    return out


def write(out: Path, doc: dict, anchor: Any, root_pem: bytes, chain_pem: bytes) -> Path:
    """The bundle into `out` (a new or empty folder), all files or none."""
    out = _check_out(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.tmp-{secrets.token_hex(4)}"
    tmp.mkdir(mode=0o700)
    try:
        files = {"proof.json": json.dumps(doc, ensure_ascii=False, indent=2).encode() + b"\n",
                 "token.tsr": anchor.token, "root.pem": root_pem, "chain.pem": chain_pem,
                 "root-sha256.txt": (doc["root_sha256"] + "\n").encode(),
                 "README.txt": readme(doc).encode("utf-8")}
        for name, data in files.items():
            fd = os.open(tmp / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                os.write(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
        os.rename(tmp, out)   # replaces an empty folder; never a non-empty one
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    dfd = os.open(out.parent, os.O_RDONLY)
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)
    return out


def export_evidence(vault: Any, attachment_id: str, out: Path) -> Path:
    _check_out(out)
    doc, anchor = evidence_bundle(vault, attachment_id)
    root_pem, chain_pem = _chain_files(vault, anchor.token)
    # audited first, as every export: a failed write then leaves an entry, never an
    # unaudited copy of the hash
    vault.audit("evidence_proof", f"attachment:{doc['attachment']}", json.dumps(
        {"anchor": anchor.n, "folder": Path(out).name, "sha256": doc["sha256"]}))
    return write(out, doc, anchor, root_pem, chain_pem)


def export_audit(vault: Any, n: int, out: Path) -> Path:
    _check_out(out)
    doc, anchor = audit_bundle(vault, n)
    root_pem, chain_pem = _chain_files(vault, anchor.token)
    vault.audit("audit_proof", "vault", json.dumps({"anchor": anchor.n,
                                                    "folder": Path(out).name}))
    return write(out, doc, anchor, root_pem, chain_pem)
