"""The audit log: an append-only, hash-chained table, and its authenticated head file.

Entry hash (lowercase hex):
    SHA-256( UTF-8( JSON [seq, actor, at, action, subject, reason, prev_hash] ) )
with JSON written compactly (separators "," and ":", non-ASCII kept), prev_hash of entry 1
being 64 zeros. SQLite triggers refuse UPDATE and DELETE on the table.

The head (count + hash of the last entry) is also kept in the file `audit-head` beside the
database, so cutting entries off the end of the table is detected. The file holds two
80-byte slots; the head with count c is written to slot c % 2, so a torn write can only
spoil the slot being written and the other still holds the previous head:
    slot = b"DHAH" | version u8 (=1) | 3 zero bytes | count u64 BE | hash (32 bytes)
           | HMAC-SHA256(head_key, b"donghaeng/audit-head/v1" 0x00 vault_id 0x00
                         count u64 BE | hash)
    head_key = HKDF-SHA256(data key, salt = none, info = b"donghaeng/audit-head/v1")
The file is written after the database commit, so after a crash it may lag behind the
table (tolerated: the table then extends the head), but it is never ahead of it unless
entries were removed.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from crypto.secret import SecretBytes
from desktop.vault.errors import InvalidInput, Issue
from desktop.vault.files import FILE_MODE, flocked
from desktop.vault.ids import now_iso

GENESIS = "0" * 64
HEAD_INFO = b"donghaeng/audit-head/v1"
_SLOT = struct.Struct(">4sB3xQ32s32s")
SLOT_BYTES = _SLOT.size
ACTIONS = ("unlock", "failed_unlock", "lock", "create", "view", "edit", "delete", "purge",
           "attach", "detach", "export", "passphrase_change", "backup", "restore",
           "case_status", "keyslot_add", "audit_head_reset", "passphrase_recovered")
_ACTION_RE = re.compile(r"^[a-z][a-z_]{0,31}$")


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    actor: str
    at: str
    action: str
    subject: str | None
    reason: str | None
    prev_hash: str
    hash: str


def entry_hash(seq, actor, at, action, subject, reason, prev_hash) -> str:
    doc = json.dumps([seq, actor, at, action, subject, reason, prev_hash],
                     ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(doc.encode("utf-8")).hexdigest()


def head_key(data_key: SecretBytes) -> SecretBytes:
    return SecretBytes(HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                            info=HEAD_INFO).derive(data_key))


def check_action(action: str) -> str:
    if not isinstance(action, str) or not _ACTION_RE.match(action):
        raise InvalidInput(f"알 수 없는 감사 기록 동작: {action!r}", f"bad audit action: {action!r}")
    return action


def append(conn, actor: str, action: str, subject: str | None = None,
           reason: str | None = None, at: str | None = None) -> tuple[int, str]:
    """Add one entry (inside the caller's transaction); returns (seq, hash)."""
    check_action(action)
    row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
    at = at or now_iso()
    h = entry_hash(seq, actor, at, action, subject, reason, prev)
    conn.execute("INSERT INTO audit(seq, actor, at, action, subject, reason, prev_hash, hash)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 (seq, actor, at, action, subject, reason, prev, h))
    return seq, h


def last(conn) -> tuple[int, str]:
    row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS)


def entries(conn, since: int = 0):
    for row in conn.execute("SELECT seq, actor, at, action, subject, reason, prev_hash, hash"
                            " FROM audit WHERE seq > ? ORDER BY seq", (since,)):
        yield AuditEntry(*row)


# -- head file ------------------------------------------------------------------------------

def _mac(key, vault_id: str, count: int, digest: bytes) -> bytes:
    msg = HEAD_INFO + b"\x00" + vault_id.encode() + b"\x00" + struct.pack(">Q", count) + digest
    return hmac.new(bytes(key), msg, hashlib.sha256).digest()


def _pack(key, vault_id: str, count: int, hash_hex: str) -> bytes:
    digest = bytes.fromhex(hash_hex)
    return _SLOT.pack(b"DHAH", 1, count, digest, _mac(key, vault_id, count, digest))


def _valid_slots(data: bytes, key, vault_id: str) -> list[tuple[int, str]]:
    out = []
    for i in range(2):
        raw = data[i * SLOT_BYTES:(i + 1) * SLOT_BYTES]
        if len(raw) != SLOT_BYTES:
            continue
        magic, version, count, digest, mac = _SLOT.unpack(raw)
        if magic == b"DHAH" and version == 1 and hmac.compare_digest(
                mac, _mac(key, vault_id, count, digest)):
            out.append((count, digest.hex()))
    return out


def read_head(path: Path, key, vault_id: str) -> tuple[int, str] | None:
    """The newest authentic head, or None if the file is missing or no slot is authentic."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return None
    slots = _valid_slots(data, key, vault_id)
    return max(slots) if slots else None


def head_bytes(key, vault_id: str, count: int, hash_hex: str) -> bytes:
    """A whole head file holding one head (the other slot blank)."""
    slots = [bytes(SLOT_BYTES), bytes(SLOT_BYTES)]
    slots[count % 2] = _pack(key, vault_id, count, hash_hex)
    return b"".join(slots)


def init_head(path: Path, key, vault_id: str, count: int, hash_hex: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        os.write(fd, head_bytes(key, vault_id, count, hash_hex))
        os.fsync(fd)
    finally:
        os.close(fd)


def head_lock(path: Path):
    return flocked(path)


def advance_head(path: Path, key, vault_id: str, count: int, hash_hex: str,
                 hash_at: Callable[[int], str | None]) -> bool:
    """Record the head (count, hash_hex) after a commit, if it extends the recorded one:
    one read, check and write under the file's lock. A recorded head that is missing or
    forged, ahead of `count` (entries cut off) or off the chain (`hash_at(seq)` is not its
    hash) is left alone for `verify` to report. No fsync: the database is already durable,
    and a head lost in a crash only lags (see the module docstring). True if written."""
    if not Path(path).exists():
        return False
    with flocked(path) as fd:
        slots = _valid_slots(os.pread(fd, 2 * SLOT_BYTES, 0), key, vault_id)
        if not slots:
            return False
        seq, digest = max(slots)
        if seq >= count or (seq and hash_at(seq) != digest):
            return False  # as new already (another process), or not ours to extend
        os.pwrite(fd, _pack(key, vault_id, count, hash_hex), (count % 2) * SLOT_BYTES)
        return True


def verify(conn, head: tuple[int, str] | None) -> list[Issue]:
    """Problems with the chain and with the head; empty if the log is intact."""
    issues: list[Issue] = []
    prev, expected_seq, at_head = GENESIS, 1, None
    head_count = head[0] if head else -1
    for e in entries(conn):
        if e.seq != expected_seq:
            issues.append(Issue(f"감사 기록 {expected_seq}~{e.seq - 1}번이 삭제되었습니다",
                                f"audit entries {expected_seq}-{e.seq - 1} were removed"))
        if e.prev_hash != prev:
            issues.append(Issue(f"감사 기록 {e.seq}번의 연결이 끊겼습니다 (삭제 또는 순서 변경)",
                                f"audit entry {e.seq} does not follow the previous entry "
                                "(removed or reordered entries)"))
        if entry_hash(e.seq, e.actor, e.at, e.action, e.subject, e.reason,
                      e.prev_hash) != e.hash:
            issues.append(Issue(f"감사 기록 {e.seq}번이 수정되었습니다",
                                f"audit entry {e.seq} was altered"))
        prev, expected_seq = e.hash, e.seq + 1
        if e.seq == head_count:
            at_head = e.hash
    count = expected_seq - 1
    if head is None:
        issues.append(Issue("감사 기록의 끝 표시(audit-head)가 없거나 위조되었습니다",
                            "the audit head (audit-head) is missing or not authentic"))
    elif head[0] > count:
        issues.append(Issue(f"감사 기록 끝부분 {head[0] - count}건이 잘려 나갔습니다",
                            f"{head[0] - count} audit entries were cut off the end"))
    elif head[0] and at_head != head[1]:
        issues.append(Issue(f"감사 기록 {head[0]}번이 끝 표시와 다릅니다 (삭제 또는 변경)",
                            f"audit entry {head[0]} differs from the recorded head "
                            "(entries removed or rewritten)"))
    return issues
