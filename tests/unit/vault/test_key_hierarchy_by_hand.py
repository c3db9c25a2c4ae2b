"""docs/security.md, section "Unwrapping a vault by hand", followed step by step.

Everything after the vault is made uses only third-party libraries (`argon2` low-level,
`cryptography`, `sqlcipher3`) and the standard library: no import of our crypto/ or
desktop/ code. If the code and the document drift apart, these tests fail. The vault is
made through the public API with cheap Argon2 parameters that differ from every default
(t=3, m=256 KiB, p=2), so the procedure has to read each stored field.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import io
import json
import os
import struct
import tarfile
from pathlib import Path

import pytest
import sqlcipher3
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

PASS = "손으로 푸는 암호 by hand 2026"
WORKER = "수작업 확인"
VALUES = {"memo": "피해자는 손으로 복호화한 기록을 확인함", "n": 7}
ATTACHMENT_SIZES = (0, 1 << 20, (2 << 20) + 12345)  # empty, exactly one chunk, three chunks


# -- the procedure of docs/security.md, as a reader would write it ---------------------------

def b64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


def read_keyslots(folder: Path) -> dict:
    doc = json.loads((folder / "keyslots.json").read_text(encoding="utf-8"))
    assert doc["format"] == "donghaeng.keyslots" and doc["version"] == 1
    return doc


def slot_aad(vault_id: str, slot_id: str, slot_type: str) -> bytes:
    return (b"donghaeng/keyslot/v1\x00" + vault_id.encode("utf-8") + b"\x00"
            + slot_id.encode("utf-8") + b"\x00" + slot_type.encode("utf-8"))


def unwrap_passphrase_slot(doc: dict, passphrase: str) -> bytes:
    """Steps 1-3: Argon2id KEK from the passphrase, then AES-256-GCM open of the slot."""
    [slot] = [s for s in doc["slots"] if s["type"] == "passphrase"]
    kdf = slot["kdf"]
    assert (kdf["alg"], kdf["version"], slot["aead"]) == ("argon2id", 19, "aes-256-gcm")
    kek = hash_secret_raw(passphrase.encode("utf-8"), b64(kdf["salt"]), kdf["time_cost"],
                          kdf["memory_kib"], kdf["parallelism"], 32, Type.ID, 19)
    return AESGCM(kek).decrypt(b64(slot["nonce"]), b64(slot["wrapped"]),
                               slot_aad(doc["vault_id"], slot["id"], "passphrase"))


def unwrap_org_slot(doc: dict, org_private: X25519PrivateKey) -> bytes:
    [slot] = [s for s in doc["slots"] if s["type"] == "org"]
    raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
    eph = b64(slot["ephemeral_public"])
    org_pub = org_private.public_key().public_bytes(*raw)
    shared = org_private.exchange(X25519PublicKey.from_public_bytes(eph))
    kek = HKDF(algorithm=hashes.SHA256(), length=32, salt=eph + org_pub,
               info=b"donghaeng/keyslot/org/v1").derive(shared)
    return AESGCM(kek).decrypt(b64(slot["nonce"]), b64(slot["wrapped"]),
                               slot_aad(doc["vault_id"], slot["id"], "org"))


def _extract(salt: bytes, ikm: bytes) -> bytes:          # HKDF-Extract (RFC 5869)
    return hmac.new(salt or b"\0" * 32, ikm, hashlib.sha256).digest()


def _expand(prk: bytes, info: bytes, length: int) -> bytes:  # HKDF-Expand (RFC 5869)
    out, block, i = b"", b"", 1
    while len(out) < length:
        block = hmac.new(prk, block + info + bytes([i]), hashlib.sha256).digest()
        out, i = out + block, i + 1
    return out[:length]


def hpke_base_open(enc: bytes, ciphertext: bytes, recipient: X25519PrivateKey,
                   info: bytes) -> bytes:
    """RFC 9180 base mode, DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 / AES-256-GCM
    (ids 0x0020, 0x0001, 0x0002), first message (sequence 0, empty AAD), from the RFC."""
    def labeled_extract(suite: bytes, salt: bytes, label: bytes, ikm: bytes) -> bytes:
        return _extract(salt, b"HPKE-v1" + suite + label + ikm)

    def labeled_expand(suite: bytes, prk: bytes, label: bytes, ctx: bytes, n: int) -> bytes:
        return _expand(prk, n.to_bytes(2, "big") + b"HPKE-v1" + suite + label + ctx, n)

    kem = b"KEM" + (0x0020).to_bytes(2, "big")
    pk_r = recipient.public_key().public_bytes(serialization.Encoding.Raw,
                                               serialization.PublicFormat.Raw)
    dh = recipient.exchange(X25519PublicKey.from_public_bytes(enc))
    shared = labeled_expand(kem, labeled_extract(kem, b"", b"eae_prk", dh), b"shared_secret",
                            enc + pk_r, 32)
    suite = b"HPKE" + bytes.fromhex("0020" "0001" "0002")
    context = (b"\x00" + labeled_extract(suite, b"", b"psk_id_hash", b"")
               + labeled_extract(suite, b"", b"info_hash", info))
    secret = labeled_extract(suite, shared, b"secret", b"")
    key = labeled_expand(suite, secret, b"key", context, 32)
    nonce = labeled_expand(suite, secret, b"base_nonce", context, 12)
    return AESGCM(key).decrypt(nonce, ciphertext, b"")


def unwrap_recovery_slot(doc: dict, recovery_private: X25519PrivateKey) -> bytes:
    """Step 3, with the recovery key: HPKE open of enc || wrapped, info = the slot's AD."""
    [slot] = [s for s in doc["slots"] if s["type"] == "recovery"]
    assert slot["hpke"] == "base/x25519-hkdf-sha256/hkdf-sha256/aes-256-gcm"
    return hpke_base_open(b64(slot["enc"]), b64(slot["wrapped"]), recovery_private,
                          slot_aad(doc["vault_id"], slot["id"], "recovery"))


def open_db(path: Path, data_key: bytes):
    """Step 4: SQLCipher 4 defaults, raw key given as PRAGMA key = "x'<64 hex>'"."""
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # a wrong key fails here
    return conn


def decrypt_attachment(path: Path, file_key: bytes, att_id: str) -> bytes:
    """Step 6: the chunked AES-256-GCM stream of an attachments/<id>.dhae file."""
    blob = path.read_bytes()
    header = blob[:17]
    magic, version, chunk_size, prefix = struct.unpack(">4sBI8s", header)
    assert (magic, version) == (b"DHAE", 1)
    body = blob[17:]
    step = chunk_size + 16
    chunks = [body[i:i + step] for i in range(0, len(body), step)] or [b""]
    out = []
    for i, chunk in enumerate(chunks):
        final = i == len(chunks) - 1
        nonce = prefix + struct.pack(">I", i)
        aad = header + att_id.encode("ascii") + struct.pack(">QB", i, 1 if final else 0)
        out.append(AESGCM(file_key).decrypt(nonce, chunk, aad))
    return b"".join(out)


def audit_head(path: Path, data_key: bytes, vault_id: str) -> tuple[int, str] | None:
    """Step 7: the newest authentic slot of the two-slot audit-head file."""
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
               info=b"donghaeng/audit-head/v1").derive(data_key)
    data = path.read_bytes()
    assert len(data) == 160
    heads = []
    for i in range(2):
        magic, version, count, digest, mac = struct.unpack(">4sB3xQ32s32s",
                                                           data[80 * i:80 * (i + 1)])
        msg = (b"donghaeng/audit-head/v1\x00" + vault_id.encode() + b"\x00"
               + struct.pack(">Q", count) + digest)
        if (magic, version) == (b"DHAH", 1) and hmac.compare_digest(
                mac, hmac.new(key, msg, hashlib.sha256).digest()):
            assert i == count % 2
            heads.append((count, digest.hex()))
    return max(heads) if heads else None


def entry_hash(seq, actor, at, action, subject, reason, prev_hash) -> str:
    doc = json.dumps([seq, actor, at, action, subject, reason, prev_hash],
                     ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(doc.encode("utf-8")).hexdigest()


# -- a vault made through the public API -----------------------------------------------------

@pytest.fixture
def made(home, tmp_path):
    from crypto.kdf import Argon2Params
    from desktop.export.signing import load_identity
    from desktop.vault import Vault
    from desktop.vault.recovery import add_recovery_slot

    org = X25519PrivateKey.generate()
    recovery = X25519PrivateKey.generate()
    payloads = [os.urandom(n) for n in ATTACHMENT_SIZES]
    v = Vault.create(home, WORKER, PASS, kdf=Argon2Params(3, 256, 2))
    try:
        rid = v.put_record("intake", 1, VALUES, case_code="HAND-1").id
        atts = [v.import_attachment(rid, io.BytesIO(p), f"{i}.bin")
                for i, p in enumerate(payloads)]
        v.add_org_slot(org.public_key())
        add_recovery_slot(v, recovery.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw))
        identity = load_identity(v)
        v.backup(tmp_path / "backup.dhb")
        folder = v.paths.folder
    finally:
        v.lock()
    return {"folder": folder, "rid": rid, "atts": [a.id for a in atts], "payloads": payloads,
            "org": org, "recovery": recovery, "cert": identity.certificate_pem(), "backup": tmp_path / "backup.dhb"}


def test_unwrap_by_hand_and_read_a_record(made):
    folder = made["folder"]
    doc = read_keyslots(folder)
    slot = next(s for s in doc["slots"] if s["type"] == "passphrase")
    assert (slot["kdf"]["time_cost"], slot["kdf"]["memory_kib"],
            slot["kdf"]["parallelism"]) == (3, 256, 2)
    assert len(b64(slot["kdf"]["salt"])) == 16 and len(b64(slot["nonce"])) == 12
    assert len(b64(slot["wrapped"])) == 32 + 16
    data_key = unwrap_passphrase_slot(doc, PASS)
    assert len(data_key) == 32
    worker = json.loads((folder / "worker.json").read_text(encoding="utf-8"))
    assert worker["vault_id"] == doc["vault_id"] and worker["name"] == WORKER
    assert folder.name == "w" + hashlib.sha256(
        b"donghaeng/worker/" + WORKER.casefold().encode("utf-8")).hexdigest()[:24]

    conn = open_db(folder / "vault.db", data_key)
    try:
        from desktop.vault.migrations import CURRENT  # the schema, not the key hierarchy

        assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        info = dict(conn.execute("SELECT key, value FROM info"))
        assert info["vault_id"] == doc["vault_id"] and info["worker"] == WORKER
        vals, case = conn.execute(
            "SELECT v.vals, c.code FROM records r JOIN record_versions v"
            " ON v.record_id = r.id AND v.version = r.version"
            " LEFT JOIN cases c ON c.id = r.case_id WHERE r.id = ?", (made["rid"],)).fetchone()
        assert json.loads(vals) == VALUES and case == "HAND-1"
    finally:
        conn.close()


def test_org_slot_unwraps_by_hand_to_the_same_key(made):
    doc = read_keyslots(made["folder"])
    [slot] = [s for s in doc["slots"] if s["type"] == "org"]
    org_pub = made["org"].public_key().public_bytes(serialization.Encoding.Raw,
                                                    serialization.PublicFormat.Raw)
    assert slot["org_key_id"] == hashlib.sha256(org_pub).hexdigest()[:32]
    assert len(b64(slot["ephemeral_public"])) == 32
    assert unwrap_org_slot(doc, made["org"]) == unwrap_passphrase_slot(doc, PASS)
    with pytest.raises(InvalidTag):
        unwrap_org_slot(doc, X25519PrivateKey.generate())


def test_recovery_slot_unwraps_by_hand_to_the_same_key(made):
    doc = read_keyslots(made["folder"])
    [slot] = [s for s in doc["slots"] if s["type"] == "recovery"]
    rec_pub = made["recovery"].public_key().public_bytes(serialization.Encoding.Raw,
                                                         serialization.PublicFormat.Raw)
    assert slot["recovery_key_id"] == hashlib.sha256(rec_pub).hexdigest()[:32]
    assert slot["aead"] == "aes-256-gcm"
    assert len(b64(slot["enc"])) == 32 and len(b64(slot["wrapped"])) == 32 + 16
    key = unwrap_passphrase_slot(doc, PASS)
    assert unwrap_recovery_slot(doc, made["recovery"]) == key
    # the same bytes open with an HPKE library too (the RFC code above is not alone)
    from cryptography.hazmat.primitives import hpke

    suite = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
    assert suite.decrypt(b64(slot["enc"]) + b64(slot["wrapped"]), made["recovery"],
                         slot_aad(doc["vault_id"], slot["id"], "recovery")) == key
    with pytest.raises(InvalidTag):
        unwrap_recovery_slot(doc, X25519PrivateKey.generate())
    with pytest.raises(InvalidTag):  # the vault id is bound in (HPKE's info)
        other = doc["vault_id"][:-1] + ("1" if doc["vault_id"].endswith("0") else "0")
        unwrap_recovery_slot({**doc, "vault_id": other}, made["recovery"])
    with pytest.raises(InvalidTag):  # and the type: the org slot's sealing key cannot open it
        hpke_base_open(b64(slot["enc"]), b64(slot["wrapped"]), made["recovery"],
                       slot_aad(doc["vault_id"], slot["id"], "org"))
    conn = open_db(made["folder"] / "vault.db", unwrap_recovery_slot(doc, made["recovery"]))
    try:
        assert conn.execute("SELECT count(*) FROM records").fetchone()[0] == 1
    finally:
        conn.close()


def test_wrong_inputs_by_hand_fail(made):
    folder = made["folder"]
    doc = read_keyslots(folder)
    with pytest.raises(InvalidTag):
        unwrap_passphrase_slot(doc, PASS + " ")
    with pytest.raises(InvalidTag):  # the AD binds the slot to its vault id
        other = "1" if doc["vault_id"].endswith("0") else "0"  # always a different id
        unwrap_passphrase_slot(dict(doc, vault_id=doc["vault_id"][:-1] + other), PASS)
    with pytest.raises(sqlcipher3.DatabaseError):
        open_db(folder / "vault.db", bytes(32))
    # Without the x'...' wrapper the hex is taken as a passphrase (PBKDF2): another key.
    conn = sqlcipher3.connect(str(folder / "vault.db"))
    try:
        conn.execute(f"PRAGMA key = '{unwrap_passphrase_slot(doc, PASS).hex()}'")
        with pytest.raises(sqlcipher3.DatabaseError):
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


def test_database_pages_by_hand(made):
    """Step 5: page 1 of vault.db is SQLCipher 4 (salt, AES-256-CBC, HMAC-SHA512)."""
    folder = made["folder"]
    key = unwrap_passphrase_slot(read_keyslots(folder), PASS)
    page = (folder / "vault.db").read_bytes()[:4096]
    assert not page.startswith(b"SQLite format 3")
    salt, iv, mac = page[:16], page[4016:4032], page[4032:]
    hmac_key = hashlib.pbkdf2_hmac("sha512", key, bytes(b ^ 0x3A for b in salt), 2, 32)
    assert hmac.compare_digest(
        mac, hmac.new(hmac_key, page[16:4032] + struct.pack("<I", 1), hashlib.sha512).digest())
    dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    plain = dec.update(page[16:4016]) + dec.finalize()
    # Header bytes 16-23: page size 4096, WAL (2, 2), 80 reserved bytes, fractions 64/32/32.
    assert plain[:8] == b"\x10\x00\x02\x02\x50\x40\x20\x20"


def test_attachments_decrypt_by_hand(made):
    folder = made["folder"]
    conn = open_db(folder / "vault.db", unwrap_passphrase_slot(read_keyslots(folder), PASS))
    try:
        for att_id, payload in zip(made["atts"], made["payloads"], strict=True):
            file_key, size, sha256, md5 = conn.execute(
                "SELECT file_key, size, sha256, md5 FROM attachments WHERE id = ?",
                (att_id,)).fetchone()
            path = folder / "attachments" / f"{att_id}.dhae"
            chunks = max(1, -(-size // (1 << 20)))
            assert path.stat().st_size == 17 + size + 16 * chunks
            plain = decrypt_attachment(path, bytes(file_key), att_id)
            assert plain == payload and size == len(payload)
            assert (sha256, md5) == (hashlib.sha256(plain).hexdigest(),
                                     hashlib.md5(plain).hexdigest())
        # The last chunk carries final=1: cutting it off leaves no chunk that opens as final.
        att_id = made["atts"][-1]
        path = folder / "attachments" / f"{att_id}.dhae"
        key = bytes(conn.execute("SELECT file_key FROM attachments WHERE id = ?",
                                 (att_id,)).fetchone()[0])
        cut = path.with_name("cut.dhae")
        cut.write_bytes(path.read_bytes()[:17 + 2 * ((1 << 20) + 16)])
        with pytest.raises(InvalidTag):
            decrypt_attachment(cut, key, att_id)
        with pytest.raises(InvalidTag):  # the attachment id is bound to its file
            decrypt_attachment(path, key, made["atts"][0])
    finally:
        conn.close()


def test_audit_chain_and_head_by_hand(made):
    folder = made["folder"]
    doc = read_keyslots(folder)
    key = unwrap_passphrase_slot(doc, PASS)
    conn = open_db(folder / "vault.db", key)
    try:
        rows = conn.execute("SELECT seq, actor, at, action, subject, reason, prev_hash, hash"
                            " FROM audit ORDER BY seq").fetchall()
    finally:
        conn.close()
    prev = "0" * 64
    for row in rows:
        assert row[6] == prev and row[7] == entry_hash(*row[:7])
        prev = row[7]
    assert [r[3] for r in rows][:2] == ["create", "unlock"] and rows[-1][3] == "lock"
    assert audit_head(folder / "audit-head", key, doc["vault_id"]) == (rows[-1][0], prev)
    assert audit_head(folder / "audit-head", bytes(32), doc["vault_id"]) is None


def test_signing_key_is_in_the_encrypted_meta_table(made):
    folder = made["folder"]
    conn = open_db(folder / "vault.db", unwrap_passphrase_slot(read_keyslots(folder), PASS))
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta"))
    finally:
        conn.close()
    key = serialization.load_pem_private_key(bytes(meta["signing.key"]), password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey) and key.curve.name == "secp256r1"
    assert bytes(meta["signing.key"]).startswith(b"-----BEGIN PRIVATE KEY-----")
    assert bytes(meta["signing.cert"]) == made["cert"]
    assert b"BEGIN PRIVATE KEY" not in (folder / "vault.db").read_bytes()


def test_backup_file_by_hand(made, tmp_path):
    with tarfile.open(made["backup"]) as tar:
        names = set(tar.getnames())
        files = {n: tar.extractfile(n).read() for n in names}
    assert names == {"manifest.json", "keyslots.json", "worker.json", "vault.db",
                     "audit-head"} | {f"attachments/{a}.dhae" for a in made["atts"]}
    manifest = json.loads(files["manifest.json"])
    doc = json.loads(files["keyslots.json"])
    key = unwrap_passphrase_slot(doc, PASS)
    mac_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                   info=b"donghaeng/backup/v1").derive(key)
    body = json.dumps({k: v for k, v in manifest.items() if k != "mac"}, sort_keys=True,
                      separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    assert manifest["mac"] == hmac.new(mac_key, body, hashlib.sha256).hexdigest()
    assert manifest["vault_id"] == doc["vault_id"] and manifest["worker"] == WORKER
    db = tmp_path / "restored.db"
    db.write_bytes(files["vault.db"])
    conn = open_db(db, key)
    try:
        vals = conn.execute("SELECT vals FROM record_versions WHERE record_id = ?",
                            (made["rid"],)).fetchone()[0]
        count, last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC"
                                   " LIMIT 1").fetchone()
    finally:
        conn.close()
    assert json.loads(vals) == VALUES and manifest["audit_count"] == count
    head = tmp_path / "audit-head"
    head.write_bytes(files["audit-head"])
    assert audit_head(head, key, doc["vault_id"]) == (count, last)


def test_passphrase_change_rewraps_the_same_key(made, home):
    from desktop.vault import Vault

    folder = made["folder"]
    before = unwrap_passphrase_slot(read_keyslots(folder), PASS)
    db_inode = (folder / "vault.db").stat().st_ino
    with Vault.open(home, WORKER, PASS) as v:
        v.change_passphrase(PASS, "바뀐 암호 by hand")
    doc = read_keyslots(folder)
    with pytest.raises(InvalidTag):
        unwrap_passphrase_slot(doc, PASS)
    assert unwrap_passphrase_slot(doc, "바뀐 암호 by hand") == before
    assert unwrap_org_slot(doc, made["org"]) == before  # the org slot is kept as it was
    assert unwrap_recovery_slot(doc, made["recovery"]) == before  # and the recovery slot
    assert (folder / "vault.db").stat().st_ino == db_inode
