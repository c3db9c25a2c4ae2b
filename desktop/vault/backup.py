"""Backup to one file, restore from it, and the vault check.

A backup is an uncompressed POSIX tar, written atomically (temp file beside the target,
fsync, rename, fsync the folder), holding:

    manifest.json           worker name, vault id, schema, attachment ids, HMAC (below)
    keyslots.json           the keyslots as they are now (they all wrap the same data key)
    worker.json
    vault.db                a consistent SQLCipher copy made by SQLite's online backup
                            API while the vault is in use, encrypted with the same key
    audit-head              a head computed for that copy
    attachments/<id>.dhae   the encrypted files the copy refers to

Nothing in it is plaintext except the manifest's worker name, ids and counts. The manifest
is authenticated with HMAC-SHA256 under HKDF-SHA256(data key, info=b"donghaeng/backup/v1")
over its canonical JSON (sorted keys, compact) without the "mac" field.
"""
from __future__ import annotations

import hashlib
import hmac
import io
import json
import os
import re
import secrets
import tarfile
from pathlib import Path
from typing import IO

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from crypto.keyslots import KeyslotError, KeyslotFile
from desktop.vault import audit, layout, migrations
from desktop.vault.attachments import SUFFIX, final_path
from desktop.vault.errors import VaultCorrupt, VaultError
from desktop.vault.files import fsync_dir, write_new
from desktop.vault.ids import now_iso

FORMAT = "donghaeng.backup"
MANIFEST = "manifest.json"
_ATT_RE = re.compile(r"^attachments/[0-9a-f-]{36}\.dhae$")
_FIXED = {MANIFEST, layout.KEYSLOTS, layout.WORKER, layout.DB, layout.AUDIT_HEAD}
COPY_CHUNK = 1 << 20


def manifest_key(data_key) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"donghaeng/backup/v1").derive(data_key)


def _canonical(manifest: dict) -> bytes:
    body = {k: v for k, v in manifest.items() if k != "mac"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sign_manifest(manifest: dict, data_key) -> dict:
    mac = hmac.new(manifest_key(data_key), _canonical(manifest), hashlib.sha256).hexdigest()
    return dict(manifest, mac=mac)


def manifest_authentic(manifest: dict, data_key) -> bool:
    mac = hmac.new(manifest_key(data_key), _canonical(manifest), hashlib.sha256).hexdigest()
    return hmac.compare_digest(mac, str(manifest.get("mac", "")))


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, 0
    tar.addfile(info, io.BytesIO(data))


def _add_file(tar: tarfile.TarFile, name: str, path: Path) -> None:
    with open(path, "rb") as f:
        info = tarfile.TarInfo(name)
        info.size, info.mode, info.mtime = os.fstat(f.fileno()).st_size, 0o600, 0
        tar.addfile(info, f)


def write_backup(out: Path, *, manifest: dict, files: dict[str, Path],
                 blobs: dict[str, bytes]) -> None:
    out = Path(out)
    tmp = out.with_name(f".{out.name}.tmp-{secrets.token_hex(4)}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            with tarfile.open(fileobj=f, mode="w", format=tarfile.PAX_FORMAT) as tar:
                _add_bytes(tar, MANIFEST, json.dumps(manifest, ensure_ascii=False,
                                                     indent=1).encode())
                for name, data in blobs.items():
                    _add_bytes(tar, name, data)
                for name, path in files.items():
                    try:
                        _add_file(tar, name, path)
                    except FileNotFoundError:
                        raise VaultError("백업 중 금고가 바뀌었습니다. 다시 시도하세요",
                                         "the vault changed during the backup: try again"
                                         ) from None
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out)
        fsync_dir(out.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class BackupReader:
    """A backup file opened for restore: members checked before anything is written."""

    def __init__(self, path: Path):
        try:
            self.tar = tarfile.open(path, mode="r:")
        except (OSError, tarfile.TarError):
            raise VaultCorrupt("백업 파일이 아니거나 손상되었습니다",
                               "not a backup file, or a damaged one") from None
        self.members: dict[str, tarfile.TarInfo] = {}
        for m in self.tar.getmembers():
            if not m.isreg() or not (m.name in _FIXED or _ATT_RE.match(m.name)) \
                    or m.name in self.members:
                raise VaultCorrupt("백업 파일에 예상하지 못한 항목이 있습니다",
                                   f"unexpected entry in the backup: {m.name!r}")
            self.members[m.name] = m
        missing = _FIXED - set(self.members)
        if missing:
            raise VaultCorrupt("백업 파일에 빠진 항목이 있습니다",
                               f"entries missing from the backup: {', '.join(sorted(missing))}")
        try:
            self.manifest = json.loads(self.read(MANIFEST))
            if self.manifest.get("format") != FORMAT or self.manifest.get("version") != 1:
                raise ValueError("format")
            self.keyslots = KeyslotFile.parse(self.read(layout.KEYSLOTS))
        except (ValueError, KeyslotError, UnicodeDecodeError):
            raise VaultCorrupt("백업 파일의 목록이 손상되었습니다",
                               "the backup's manifest or keyslots are damaged") from None
        expected = {f"attachments/{a}{SUFFIX}" for a in self.manifest.get("attachments", [])}
        present = {n for n in self.members if n.startswith("attachments/")}
        if expected != present:
            raise VaultCorrupt("백업 파일의 첨부 목록이 맞지 않습니다",
                               "the backup's attachments do not match its manifest")

    def _open(self, name: str) -> IO[bytes]:
        # members are all regular files (checked in __init__), so this is never None
        src = self.tar.extractfile(self.members[name])
        if src is None:
            raise VaultCorrupt("백업 파일의 항목을 읽을 수 없습니다",
                               f"cannot read the backup entry {name!r}")
        return src

    def read(self, name: str) -> bytes:
        return self._open(name).read()

    def extract_to(self, name: str, dest: Path) -> None:
        src = self._open(name)
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            while chunk := src.read(COPY_CHUNK):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())

    def close(self) -> None:
        self.tar.close()


def snapshot_manifest(conn, worker: str, vault_id: str) -> tuple[dict, list[str], tuple]:
    from desktop.vault.downloads import NOT_DOWNLOADED

    # a pulled file not downloaded yet has no bytes to copy (a restore fetches it again);
    # a hash-only item never had any
    atts = [r[0] for r in conn.execute("SELECT id FROM attachments WHERE hash_only = 0"
                                       f" AND id NOT IN ({NOT_DOWNLOADED}) ORDER BY id")]
    head = audit.last(conn)
    manifest = {"format": FORMAT, "version": 1, "worker": worker, "vault_id": vault_id,
                "created": now_iso(), "schema": migrations.schema_version(conn),
                "attachments": atts, "audit_count": head[0]}
    return manifest, atts, head


def extract_all(reader: BackupReader, folder: layout.VaultPaths) -> None:
    folder.attachments.mkdir(mode=0o700)
    for name in reader.members:
        if name == MANIFEST:
            continue
        reader.extract_to(name, folder.folder / name)
    write_new(folder.failed, b"")
    for att in reader.manifest["attachments"]:
        if not final_path(folder.attachments, att).is_file():
            raise VaultCorrupt("백업의 첨부 파일이 빠졌습니다", f"attachment {att} missing")
    fsync_dir(folder.attachments)
    fsync_dir(folder.folder)
