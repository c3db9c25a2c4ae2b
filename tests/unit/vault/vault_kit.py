"""Helpers for the vault tests: snapshots of a home, raw access to a vault's database
with its real key (to play an attacker who has it), and page-level decryption of a
SQLCipher file (to look at what is really on disk, free pages included)."""
from __future__ import annotations

import hashlib
import json
import struct
from pathlib import Path

import sqlcipher3
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from crypto.keyslots import KeyslotFile
from desktop.vault.store import raw_key_string

PASS = "테스트 암호 correct horse 2026"
WORKER = "김동행"
PAGE = 4096
RESERVE = 80  # SQLCipher 4: 16-byte IV + 64-byte HMAC-SHA512 at the end of each page


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's digest and mtime (ns) under a folder."""
    out = {}
    for p in sorted(Path(folder).rglob("*")):
        if p.is_file():
            out[str(p.relative_to(folder))] = (hashlib.sha256(p.read_bytes()).digest(),
                                               p.stat().st_mtime_ns)
    return out


def data_key(vault_folder: Path, passphrase: str = PASS):
    ks = KeyslotFile.parse((Path(vault_folder) / "keyslots.json").read_bytes())
    return ks.unwrap_passphrase(passphrase)


def raw_connection(vault_folder: Path, passphrase: str = PASS):
    """A keyed sqlcipher3 connection that bypasses the Vault class entirely."""
    conn = sqlcipher3.connect(str(Path(vault_folder) / "vault.db"), isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    with raw_key_string(data_key(vault_folder, passphrase)) as key:
        conn.set_key(key)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return conn


def decrypted_pages(db_path: Path, key: bytes) -> list[bytes]:
    """Every page of a SQLCipher 4 database decrypted with the raw key (AES-256-CBC,
    per-page IV in the reserve area). Page 1 starts with the 16-byte plaintext salt."""
    data = Path(db_path).read_bytes()
    pages = []
    for i in range(0, len(data) - len(data) % PAGE, PAGE):
        page = data[i:i + PAGE]
        start = 16 if i == 0 else 0
        iv = page[PAGE - RESERVE:PAGE - RESERVE + 16]
        dec = Cipher(algorithms.AES(bytes(key)), modes.CBC(iv)).decryptor()
        pages.append(dec.update(page[start:PAGE - RESERVE]) + dec.finalize())
    return pages


def decrypted_wal_frames(wal_path: Path, key: bytes) -> list[bytes]:
    path = Path(wal_path)
    if not path.exists():
        return []
    data = path.read_bytes()
    frames = []
    offset = 32
    while offset + 24 + PAGE <= len(data):
        page_no = struct.unpack(">I", data[offset:offset + 4])[0]
        page = data[offset + 24:offset + 24 + PAGE]
        start = 16 if page_no == 1 else 0
        iv = page[PAGE - RESERVE:PAGE - RESERVE + 16]
        dec = Cipher(algorithms.AES(bytes(key)), modes.CBC(iv)).decryptor()
        frames.append(dec.update(page[start:PAGE - RESERVE]) + dec.finalize())
        offset += 24 + PAGE
    return frames


def canary_forms(text: str) -> list[bytes]:
    """The ways a string can sit in a file: UTF-8, UTF-16, JSON-escaped."""
    escaped = json.dumps(text)[1:-1].encode()
    return sorted({text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be"),
                   escaped})


def files_containing(roots, needles: list[bytes]) -> list[str]:
    hits = []
    for root in roots:
        root = Path(root)
        if not root.exists():
            continue
        for p in root.rglob("*"):
            if p.is_file() and not p.is_symlink():
                try:
                    blob = p.read_bytes()
                except OSError:
                    continue
                hits += [f"{p}: {n!r}" for n in needles if n in blob]
    return hits
