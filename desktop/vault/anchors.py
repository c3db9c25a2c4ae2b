"""Evidence anchoring, the vault's side (issue 15; docs/security.md 3.11, vault schema v14).

At each sync (desktop/syncing/anchoring.py) the laptop builds a Merkle tree
(crypto/merkle.py, RFC 9162 hashing) whose leaves are the head of the audit chain
(leaf 0) and one **salted** leaf per attachment imported since the last anchor, and has
the center's TSA timestamp SHA-256(root). The vault keeps the token, the root and every
leaf's inclusion proof; the server sees only SHA-256(root).

Leaf data (the leaf hash is SHA-256(0x00 || leaf data)):
    evidence:   b"donghaeng/anchor/evidence/v1" 0x00 | leaf salt (32) | SHA-256 of the file (32)
    audit head: b"donghaeng/anchor/audit-head/v1" 0x00 | count u64 BE | entry hash (32)
    leaf salt = HMAC-SHA256(anchor salt, b"donghaeng/anchor/leaf-salt/v1" 0x00 | attachment id)
The anchor salt is a random 32-byte secret made by migration 14 (table `anchor_salt`),
never leaving the vault. Why salted: the proof of one attachment, handed to a court,
carries sibling hashes of other victims' files; unsalted they could be matched against
hash lists. Each leaf's own salt is derived per attachment, so disclosing it for one proof
reveals nothing about any other leaf (and two imports of one image get unlinkable leaves).
"""
from __future__ import annotations

import hashlib
import hmac
import struct
from dataclasses import dataclass

from crypto import merkle
from desktop.vault import attachments, audit
from desktop.vault.errors import NotFound
from desktop.vault.guard import open_only
from desktop.vault.ids import now_iso
from desktop.vault.opened import VaultPart

EVIDENCE_LABEL = b"donghaeng/anchor/evidence/v1\x00"
AUDIT_LABEL = b"donghaeng/anchor/audit-head/v1\x00"
LEAF_SALT_LABEL = b"donghaeng/anchor/leaf-salt/v1\x00"
_ANCHOR_COLS = ("n, made_at, tsa_time, root, tree_size, token, audit_count, audit_hash,"
                " audit_index, audit_proof")


class NotAnchored(NotFound):
    def __init__(self, what: str):
        super().__init__(f"아직 타임스탬프로 고정되지 않았습니다: {what} (온라인 동기화 뒤에 다시)",
                         f"not anchored yet: {what} (sync online first)")


def leaf_salt(salt: bytes, attachment_id: str) -> bytes:
    return hmac.new(salt, LEAF_SALT_LABEL + attachment_id.encode("ascii"),
                    hashlib.sha256).digest()


def evidence_leaf_data(salt: bytes, attachment_id: str, sha256_hex: str) -> bytes:
    return EVIDENCE_LABEL + leaf_salt(salt, attachment_id) + bytes.fromhex(sha256_hex)


def audit_leaf_data(count: int, hash_hex: str) -> bytes:
    return AUDIT_LABEL + struct.pack(">Q", count) + bytes.fromhex(hash_hex)


@dataclass(frozen=True)
class Batch:
    """What the next anchor covers: leaf 0 the audit head, then the evidence leaves."""
    audit_count: int
    audit_hash: str
    attachments: list[str]          # attachment ids, in leaf order 1..n
    leaves: list[bytes]             # leaf hashes, index 0 = the audit head

    @property
    def root(self) -> bytes:
        return merkle.root(self.leaves)


@dataclass(frozen=True)
class Anchor:
    n: int
    made_at: str        # the laptop's clock
    tsa_time: str       # the timestamp's genTime (UTC, ISO 8601)
    root: bytes
    tree_size: int
    token: bytes        # TimeStampResp (DER): what `openssl ts -verify -in` reads
    audit_count: int
    audit_hash: str
    audit_index: int
    audit_proof: bytes  # concatenated 32-byte sibling hashes, bottom-up

    def as_json(self) -> dict:
        return {"anchor": self.n, "anchored_at": self.made_at, "tsa_time": self.tsa_time,
                "root": self.root.hex(), "root_sha256": hashlib.sha256(self.root).hexdigest(),
                "tree_size": self.tree_size, "audit_count": self.audit_count,
                "audit_hash": self.audit_hash}


@dataclass(frozen=True)
class EvidenceLeaf:
    attachment_id: str
    name: str
    sha256: str
    imported_at: str
    leaf_index: int
    proof: bytes
    anchor: Anchor


def split_proof(blob: bytes) -> list[bytes]:
    return [bytes(blob[i:i + 32]) for i in range(0, len(blob), 32)]


def _salt(conn) -> bytes:
    row = conn.execute("SELECT salt FROM anchor_salt WHERE one = 1").fetchone()
    if row is None or len(bytes(row[0])) != 32:
        raise NotFound("증거 고정용 솔트가 금고에 없습니다", "the vault has no anchor salt")
    return bytes(row[0])


def pending(conn) -> list[tuple[str, str]]:
    """(attachment id, SHA-256 hex) of every attachment no anchor covers yet, oldest first:
    imported here or received from a teammate's laptop (a desk anchors what it receives),
    removed (detached) ones too: their import happened and is in the audit log."""
    return conn.execute("SELECT a.id, a.sha256 FROM attachments a LEFT JOIN anchor_leaves l"
                        " ON l.attachment_id = a.id WHERE l.attachment_id IS NULL"
                        " ORDER BY a.imported_at, a.id").fetchall()


def prepare(conn) -> Batch | None:
    """The next anchor's leaves, or None when nothing is new since the last anchor (no
    pending attachment and the same audit head)."""
    items = pending(conn)
    count, head = audit.last(conn)
    last = conn.execute("SELECT audit_count, audit_hash FROM anchors ORDER BY n DESC LIMIT 1"
                        ).fetchone()
    if not items and last is not None and (last[0], last[1]) == (count, head):
        return None
    salt = _salt(conn)
    leaves = [merkle.leaf_hash(audit_leaf_data(count, head))]
    leaves += [merkle.leaf_hash(evidence_leaf_data(salt, att, sha)) for att, sha in items]
    return Batch(count, head, [att for att, _ in items], leaves)


def store(conn, _w, batch: Batch, token: bytes, tsa_time: str) -> int:
    """One anchor and its leaves' proofs (inside the caller's transaction); its number.
    An attachment purged meanwhile is skipped (its leaf is in the tree, its proof not
    kept); one anchored meanwhile by another process keeps its first anchor."""
    root, proofs = merkle.root_and_proofs(batch.leaves)
    cur = conn.execute(
        "INSERT INTO anchors(made_at, tsa_time, root, tree_size, token, audit_count,"
        " audit_hash, audit_index, audit_proof) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)",
        (now_iso(), tsa_time, root, len(batch.leaves), token, batch.audit_count,
         batch.audit_hash, b"".join(proofs[0])))
    n = int(cur.lastrowid)
    present = {r[0] for r in conn.execute("SELECT id FROM attachments")} \
        if batch.attachments else set()
    conn.executemany(
        "INSERT OR IGNORE INTO anchor_leaves(attachment_id, anchor, leaf_index, proof)"
        " VALUES (?, ?, ?, ?)",
        [(att, n, i, b"".join(proofs[i]))
         for i, att in enumerate(batch.attachments, start=1) if att in present])
    return n


def _anchor(row) -> Anchor:
    n, made, tsa_time, root, size, token, count, head, index, proof = row
    return Anchor(n, made, tsa_time, bytes(root), size, bytes(token), count, head, index,
                  bytes(proof))


class AnchorsMixin(VaultPart):
    @open_only
    def anchor_batch(self) -> Batch | None:
        return prepare(self._store.conn)

    @open_only
    def store_anchor(self, batch: Batch, token: bytes, tsa_time: str) -> int:
        # no audit entry: it would move the head, and every later sync would anchor again
        return self._store.write(store, batch, token, tsa_time, audited=False)

    @open_only
    def anchors(self) -> list[Anchor]:
        """Every anchor, oldest first."""
        return [_anchor(r) for r in self._store.conn.execute(
            f"SELECT {_ANCHOR_COLS} FROM anchors ORDER BY n")]

    @open_only
    def get_anchor(self, n: int) -> Anchor:
        row = self._store.conn.execute(f"SELECT {_ANCHOR_COLS} FROM anchors WHERE n = ?",
                                       (int(n),)).fetchone()
        if row is None:
            raise NotFound(f"고정 기록 {n}번이 없습니다", f"no anchor number {n}")
        return _anchor(row)

    @open_only
    def pending_anchor_count(self) -> int:
        return len(pending(self._store.conn))

    @open_only
    def anchor_salt(self) -> bytes:
        """The vault's anchor salt (for tests and the by-hand checks; never exported)."""
        return _salt(self._store.conn)

    @open_only
    def anchor_salt_for(self, attachment_id: str) -> bytes:
        """The leaf salt of one attachment: disclosed in its proof, and only there."""
        return leaf_salt(_salt(self._store.conn), attachment_id)

    @open_only
    def evidence_leaf(self, attachment_id: str) -> EvidenceLeaf:
        conn = self._store.conn
        att = attachments.by_id(conn, attachment_id)   # AttachmentNotFound
        row = conn.execute("SELECT anchor, leaf_index, proof FROM anchor_leaves WHERE"
                           " attachment_id = ?", (att.id,)).fetchone()
        if row is None:
            raise NotAnchored(att.id)
        return EvidenceLeaf(att.id, att.name, att.sha256, att.imported_at, row[1],
                            bytes(row[2]), self.get_anchor(row[0]))
