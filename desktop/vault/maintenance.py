"""Vault methods for backup, restore and the integrity check (formats in backup.py)."""
from __future__ import annotations

import os
import secrets
import time
from pathlib import Path
from typing import Self

import sqlcipher3

from crypto.keyslots import KeyslotError, UnwrapFailed
from crypto.secret import SecretBytes
from desktop.vault import audit, backup, layout, search
from desktop.vault.attachments import final_path, missing_files
from desktop.vault.errors import (
    InvalidInput,
    Issue,
    VaultCorrupt,
    VaultError,
    VaultExists,
    WrongPassphrase,
)
from desktop.vault.files import (
    DIR_MODE,
    flocked,
    fsync_dir,
    make_private_dir,
    remove_stale_temp_dirs,
    remove_tree,
    translate_os_error,
    try_lock_fd,
    write_new,
)
from desktop.vault.guard import open_only
from desktop.vault.names import normalize_worker
from desktop.vault.opened import VaultPart
from desktop.vault.store import connect, raw_key_string

SNAPSHOT_PREFIX = ".backup-"


def _snapshot_connection(path: Path, data_key):
    """A bare keyed connection for the backup target: the online backup copies the pages
    (and so the journal mode) of the source."""
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute("PRAGMA cipher_memory_security = ON")
    with raw_key_string(data_key) as key:
        conn.set_key(key)
    return conn


def remove_stale_snapshots(folder: Path) -> None:
    """Snapshots left by a backup that crashed; a running backup holds its lock file."""
    for lock in folder.glob(f"{SNAPSHOT_PREFIX}*.lock"):
        fd = os.open(lock, os.O_RDONLY)
        try:
            if try_lock_fd(fd):
                stem = lock.name[:-len(".lock")]
                for suffix in (".db", ".db-wal", ".db-shm", ".db-journal"):
                    (folder / (stem + suffix)).unlink(missing_ok=True)
                lock.unlink(missing_ok=True)
        finally:
            os.close(fd)


class MaintenanceMixin(VaultPart):
    # Opening is Vault's (its constructor and unlock steps); `restore` ends with it. Declared
    # here so that `restore` is checked; Vault overrides both.
    @classmethod
    def _open_with_key(cls, home: Path, name: str, paths: layout.VaultPaths,
                       data_key: SecretBytes, vault_id: str, failures: list[str]) -> Self:
        raise NotImplementedError

    def _new_device(self) -> None:
        raise NotImplementedError

    @open_only
    def maintain(self, budget_s: float = 0.05) -> bool:
        """Merge the search index in small steps, each its own short transaction, until
        nothing is left or `budget_s` is spent; True if work remains. Called when the vault
        is idle (the app's idle timer, the end of a CLI command): the merges FTS5 would
        otherwise do in bursts inside a put (see migration 2)."""
        deadline = time.monotonic() + budget_s
        while self._store.write(lambda conn, _w: search.merge_step(conn), audited=False):
            if time.monotonic() >= deadline:
                return True
        return False

    @open_only
    def backup(self, out) -> Path:
        """Write one consistent, encrypted backup file while the vault stays in use."""
        out = Path(out).absolute()
        if not out.parent.is_dir():
            raise InvalidInput(f"백업 폴더가 없습니다: {out.parent}",
                               f"no such folder for the backup: {out.parent}")
        if out.is_relative_to(self.paths.folder.absolute()):
            raise InvalidInput("백업을 금고 폴더 안에 둘 수 없습니다",
                               "the backup cannot be written inside the vault folder")
        stem = f"{SNAPSHOT_PREFIX}{secrets.token_hex(6)}"
        snap = self.paths.folder / f"{stem}.db"
        try:
            with flocked(self.paths.folder / f"{stem}.lock"):
                try:
                    write_new(snap, b"")
                    target = _snapshot_connection(snap, self._store.key)
                    try:
                        self._store.conn.backup(target)
                        manifest, atts, head = backup.snapshot_manifest(
                            target, self._store.worker, self._store.vault_id)
                    finally:
                        target.close()
                    files = {layout.DB: snap}
                    files.update({f"attachments/{a}{backup.SUFFIX}":
                                  final_path(self.paths.attachments, a) for a in atts})
                    blobs = {layout.KEYSLOTS: self.paths.keyslots.read_bytes(),
                             layout.WORKER: self.paths.worker.read_bytes(),
                             layout.AUDIT_HEAD: audit.head_bytes(self._store.head_key, self._store.vault_id,
                                                                 *head)}
                    backup.write_backup(out, manifest=backup.sign_manifest(manifest, self._store.key),
                                        files=files, blobs=blobs)
                finally:
                    for suffix in ("", "-wal", "-shm"):
                        Path(str(snap) + suffix).unlink(missing_ok=True)
            (self.paths.folder / f"{stem}.lock").unlink(missing_ok=True)
        except OSError as exc:
            raise translate_os_error(exc) from None
        except sqlcipher3.DatabaseError as exc:
            raise VaultError(f"백업하지 못했습니다: {exc}", f"backup failed: {exc}") from None
        self._store.write(lambda c, w: audit.append(c, w.actor, "backup", "vault"))
        return out

    @classmethod
    def restore(cls, home, file, passphrase: str) -> Self:
        """Recreate the vault of the worker named in the backup `file` under `home` and
        return it opened. Refuses to overwrite an existing vault; the passphrase is
        checked before anything is written."""
        home = Path(home)
        reader = backup.BackupReader(Path(file))
        try:
            try:
                name = normalize_worker(str(reader.manifest.get("worker", "")))
            except VaultError:
                raise VaultCorrupt("백업의 작업자 이름이 잘못되었습니다",
                                   "the worker name in the backup is not valid") from None
            paths = layout.paths_for(home, name)
            if paths.folder.exists():
                raise VaultExists(name)
            try:
                data_key = reader.keyslots.unwrap_passphrase(passphrase)
            except UnwrapFailed:
                raise WrongPassphrase() from None
            except KeyslotError as exc:
                raise VaultCorrupt("키 슬롯이 손상되었습니다", f"damaged keyslot: {exc}") from None
            try:
                if not backup.manifest_authentic(reader.manifest, data_key) or \
                        reader.manifest.get("vault_id") != reader.keyslots.vault_id:
                    raise VaultCorrupt("백업 파일의 목록이 위조되었거나 손상되었습니다",
                                       "the backup's manifest is not authentic")
                cls._restore_files(reader, home, paths, data_key)
            except BaseException:
                data_key.wipe()
                raise
        finally:
            reader.close()
        vault = cls._open_with_key(home, name, paths, data_key, reader.keyslots.vault_id, [])
        vault._new_device()  # writes the "restore" audit entry, naming both device ids
        return vault

    @staticmethod
    def _restore_files(reader, home: Path, paths: layout.VaultPaths, data_key) -> None:
        try:
            if not home.exists():
                home.mkdir(mode=DIR_MODE, parents=True)
            make_private_dir(layout.vaults_dir(home))
            remove_stale_temp_dirs(layout.vaults_dir(home), layout.TEMP_PREFIXES)
        except OSError as exc:
            raise translate_os_error(exc) from None
        tmp = layout.VaultPaths(layout.vaults_dir(home) / f".restore-{secrets.token_hex(6)}")
        try:
            tmp.folder.mkdir(mode=DIR_MODE)
            with flocked(tmp.lock):
                backup.extract_all(reader, tmp)
                conn = connect(tmp.db, data_key)
                try:
                    if conn.execute("PRAGMA cipher_integrity_check").fetchall() or \
                            conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                        raise sqlcipher3.DatabaseError("integrity")
                except sqlcipher3.DatabaseError:
                    raise VaultCorrupt("백업의 데이터베이스가 손상되었습니다",
                                       "the database in the backup is damaged") from None
                finally:
                    conn.close()
                fsync_dir(tmp.folder)
                try:
                    os.rename(tmp.folder, paths.folder)
                except OSError:
                    raise VaultExists(reader.manifest["worker"]) from None
            fsync_dir(layout.vaults_dir(home))
        except OSError as exc:
            remove_tree(tmp.folder)
            raise translate_os_error(exc) from None
        except BaseException:
            remove_tree(tmp.folder)
            raise

    @open_only
    def check(self) -> list[Issue]:
        """Database and page-HMAC integrity, the audit chain and head, attachment files.
        Empty when all is well."""
        issues: list[Issue] = []
        # Page authentication first, on its own: a damaged page then reads as what it is,
        # even when SQLite's own check cannot get past it.
        try:
            rows = [" ".join(map(str, r)) for r in
                    self._store.conn.execute("PRAGMA cipher_integrity_check")]
            issues += [Issue(f"암호화 페이지 검증 실패: {r}", f"page authentication failed: {r}")
                       for r in rows[:20]]
        except sqlcipher3.DatabaseError as exc:
            issues.append(Issue(f"암호화 페이지를 검사할 수 없습니다: {exc}",
                                f"the pages cannot be checked: {exc}"))
        try:
            rows = [r[0] for r in self._store.conn.execute("PRAGMA integrity_check")]
            if rows != ["ok"]:
                issues += [Issue(f"데이터베이스 무결성 오류: {r}", f"database integrity: {r}")
                           for r in rows[:20]]
        except sqlcipher3.DatabaseError as exc:
            issues.append(Issue(f"데이터베이스를 검사할 수 없습니다: {exc}",
                                f"the database cannot be checked: {exc}"))
        issues += self._store.verify_audit()
        issues += missing_files(self._store.conn, self.paths.attachments)
        return issues
