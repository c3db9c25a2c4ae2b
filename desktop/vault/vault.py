"""`Vault`: one worker's encrypted store. Opening, locking, keys; the rest delegates.

Threading: every public method takes an internal lock, so a Vault may be used from any
one thread at a time (the UI's database worker thread). Two processes (GUI and CLI) may
open the same vault: SQLite's WAL and BEGIN IMMEDIATE serialise their writes.
"""
from __future__ import annotations

import os
import secrets
import time
from collections.abc import Callable
from pathlib import Path

from crypto.kdf import Argon2Params, calibrate
from crypto.keyslots import (
    KeyslotError,
    KeyslotFile,
    UnwrapFailed,
    new_data_key,
    passphrase_params,
    wrap_org,
    wrap_passphrase,
)
from crypto.secret import SecretBytes
from desktop.vault import audit, changelog, feed, layout, migrations, unlock_failures
from desktop.vault.anchors import AnchorsMixin
from desktop.vault.attachments import AttachmentsMixin
from desktop.vault.audit import AuditEntry
from desktop.vault.conflicts import ConflictsMixin
from desktop.vault.delivery import DeliveryMixin
from desktop.vault.desk_part import DeskMixin
from desktop.vault.drafts import DraftsMixin
from desktop.vault.errors import (
    InvalidInput,
    Issue,
    VaultCorrupt,
    VaultError,
    VaultExists,
    WrongPassphrase,
)
from desktop.vault.exports_store import ExportsMixin
from desktop.vault.files import (
    DIR_MODE,
    atomic_write,
    flocked,
    fsync_dir,
    make_private_dir,
    remove_stale_temp_dirs,
    remove_tree,
    tighten_modes,
    translate_os_error,
    write_new,
)
from desktop.vault.guard import open_only as _open_only
from desktop.vault.ids import now_iso, uuid7
from desktop.vault.maintenance import MaintenanceMixin, remove_stale_snapshots
from desktop.vault.names import check_prefix, default_prefix, normalize_worker
from desktop.vault.notes import NotesMixin
from desktop.vault.opened import OpenStore
from desktop.vault.purge import PurgeMixin
from desktop.vault.record_ops import RecordOpsMixin
from desktop.vault.records_api import RecordsMixin
from desktop.vault.store import (
    connect,
    disable_core_dumps,
    transaction,
    translate_db_error,
)


def _read_keyslots(paths: layout.VaultPaths) -> KeyslotFile:
    try:
        data = paths.keyslots.read_bytes()
    except FileNotFoundError:
        raise VaultCorrupt("키 슬롯 파일(keyslots.json)이 없습니다",
                           "the keyslot file (keyslots.json) is missing") from None
    except OSError as exc:
        raise translate_os_error(exc) from None
    try:
        return KeyslotFile.parse(data)
    except KeyslotError as exc:
        raise VaultCorrupt("키 슬롯 파일(keyslots.json)이 손상되었습니다",
                           f"the keyslot file (keyslots.json) is damaged: {exc}") from None


VIEW_COALESCE_S = 60.0


def _check_new_passphrase(passphrase) -> str:
    if not isinstance(passphrase, str) or not passphrase:
        raise InvalidInput("새 암호가 비어 있습니다", "the new passphrase is empty")
    return passphrase


class Vault(RecordsMixin, RecordOpsMixin, AttachmentsMixin, DraftsMixin, PurgeMixin,
            MaintenanceMixin, DeskMixin, ConflictsMixin, NotesMixin, DeliveryMixin,
            ExportsMixin, AnchorsMixin):  # DeskMixin is SyncMixin's extension
    """Use `Vault.create`, `Vault.open` or `Vault.restore`; never the constructor."""

    def __init__(self, home: Path, worker: str, paths: layout.VaultPaths, conn,
                 data_key: SecretBytes, vault_id: str):
        self._store = OpenStore(home, worker, paths, conn, data_key, vault_id)

    # Who and where (read-only views of the store).
    home = property(lambda self: self._store.home)
    worker = property(lambda self: self._store.worker)
    vault_id = property(lambda self: self._store.vault_id)
    device_id = property(lambda self: self._store.device_id)
    # The connection and writer, for tests and benchmarks that run store functions
    # directly; the parts use self._store.
    _conn = property(lambda self: self._store.conn)
    _writer = property(lambda self: self._store.writer)

    # -- creating and opening ---------------------------------------------------------------

    @classmethod
    def create(cls, home, worker: str, passphrase: str, kdf: Argon2Params | None = None, *,
               prefix: str | None = None) -> Vault:
        """A new, empty vault for `worker`. `kdf=None` calibrates the real cost (>= 0.5 s,
        >= 64 MiB); tests and benchmarks pass `crypto.kdf.CHEAP`."""
        name = normalize_worker(worker)
        _check_new_passphrase(passphrase)
        if prefix is not None:
            check_prefix(prefix)
        home = Path(home)
        paths = layout.paths_for(home, name)
        if paths.folder.exists():
            raise VaultExists(name)
        try:
            if not home.exists():
                home.mkdir(mode=DIR_MODE, parents=True)
            make_private_dir(layout.vaults_dir(home))
            remove_stale_temp_dirs(layout.vaults_dir(home), layout.TEMP_PREFIXES)
        except OSError as exc:
            raise translate_os_error(exc) from None
        params = kdf or calibrate()
        data_key = new_data_key()
        vault_id = uuid7()
        tmp = layout.VaultPaths(layout.vaults_dir(home) / f".new-{secrets.token_hex(6)}")
        try:
            tmp.folder.mkdir(mode=DIR_MODE)
            with flocked(tmp.lock):
                cls._build(tmp, name, passphrase, params, data_key, vault_id, prefix)
                try:
                    os.rename(tmp.folder, paths.folder)
                except OSError:
                    raise VaultExists(name) from None
            fsync_dir(layout.vaults_dir(home))
        except OSError as exc:
            remove_tree(tmp.folder)
            data_key.wipe()
            raise translate_os_error(exc) from None
        except BaseException:
            remove_tree(tmp.folder)
            data_key.wipe()
            raise
        return cls._open_with_key(home, name, paths, data_key, vault_id, [])

    @staticmethod
    def _build(tmp: layout.VaultPaths, name: str, passphrase: str, params: Argon2Params,
               data_key: SecretBytes, vault_id: str, prefix: str | None) -> None:
        created = now_iso()
        slots = KeyslotFile(vault_id, [wrap_passphrase(data_key, passphrase, params, vault_id)])
        write_new(tmp.keyslots, slots.dumps())
        write_new(tmp.worker, layout.worker_doc(name, vault_id, created))
        write_new(tmp.failed, b"")
        tmp.attachments.mkdir(mode=DIR_MODE)
        # SQLite gives the -wal and -shm files the database file's mode: create it 0600.
        write_new(tmp.db, b"")
        conn = connect(tmp.db, data_key, create=True)
        try:
            migrations.migrate(conn)
            with transaction(conn):
                device = uuid7()
                info = {"vault_id": vault_id, "device_id": device, "worker": name,
                        "created": created, "case_prefix": prefix or default_prefix(name, device)}
                conn.executemany("INSERT INTO info(key, value) VALUES (?, ?)", info.items())
                audit.append(conn, name, "create", "vault", at=created)
            count, head = audit.last(conn)
        finally:
            conn.close()
        with audit.head_key(data_key) as hk:
            audit.init_head(tmp.audit_head, hk, vault_id, count, head)
        for p in (tmp.db, tmp.attachments, tmp.folder):
            fsync_dir(p) if p.is_dir() else _fsync_file(p)

    @classmethod
    def open(cls, home, worker: str, passphrase: str) -> Vault:
        """Unlock `worker`'s vault. Wrong passphrase: `WrongPassphrase` after one KDF run,
        no vault file touched except `failed-unlocks`; too many in a row: `Throttled`."""
        name, paths = layout.existing(home, worker)
        slots = _read_keyslots(paths)
        failures = unlock_failures.read(paths.failed)
        unlock_failures.check_throttle(failures)
        try:
            data_key = slots.unwrap_passphrase(passphrase)
        except UnwrapFailed:
            try:
                unlock_failures.record(paths.failed)
            except OSError:
                pass  # a full disk must not turn a wrong passphrase into another error
            raise WrongPassphrase() from None
        except KeyslotError as exc:
            raise VaultCorrupt("키 슬롯이 손상되었습니다", f"a keyslot is damaged: {exc}") from None
        return cls._open_with_key(home, name, paths, data_key, slots.vault_id, failures)

    @classmethod
    def open_with_org_key(cls, home, worker: str, org_private) -> Vault:
        """Recovery: unlock with the organisation's X25519 private key (an org slot)."""
        name, paths = layout.existing(home, worker)
        slots = _read_keyslots(paths)
        try:
            data_key = slots.unwrap_org(org_private)
        except UnwrapFailed:
            raise WrongPassphrase() from None
        except KeyslotError as exc:
            raise VaultCorrupt("키 슬롯이 손상되었습니다", f"a keyslot is damaged: {exc}") from None
        return cls._open_with_key(home, name, paths, data_key, slots.vault_id, [])

    @classmethod
    def _open_with_key(cls, home, name, paths, data_key, vault_id, failures) -> Vault:
        disable_core_dumps()
        try:
            conn = connect(paths.db, data_key)
        except BaseException:
            data_key.wipe()
            raise
        try:
            migrations.migrate(conn)
            stored = conn.execute("SELECT value FROM info WHERE key = 'vault_id'").fetchone()
            if not stored or stored[0] != vault_id:
                raise VaultCorrupt("키 슬롯과 데이터베이스가 다른 금고의 것입니다",
                                   "the keyslots and the database belong to different vaults")
            vault = cls(home, name, paths, conn, data_key, vault_id)
        except VaultError:
            conn.close()
            data_key.wipe()
            raise
        except Exception as exc:
            conn.close()
            data_key.wipe()
            if isinstance(exc, OSError):
                raise translate_os_error(exc) from None
            raise translate_db_error(exc) from None
        try:
            vault._after_unlock(failures)
        except BaseException:
            vault._store.close()
            raise
        return vault

    def _after_unlock(self, failures: list[str]) -> None:
        with transaction(self._store.conn):
            done = {r[0] for r in self._store.conn.execute(
                "SELECT at FROM audit WHERE action = 'failed_unlock'")} if failures else set()
            for at in failures:
                if at not in done:  # already folded by an unlock that crashed before clearing
                    audit.append(self._store.conn, self.worker, "failed_unlock", "vault",
                                 "wrong passphrase", at=at)
            audit.append(self._store.conn, self.worker, "unlock", "vault")
        self._store.sync_head()
        if failures:
            unlock_failures.clear(self.paths.failed)
        self._after_open_hook()
        try:
            remove_stale_snapshots(self.paths.folder)
            self._remove_keyslot_temps()
            tighten_modes(self.paths.folder)
        except OSError:
            pass

    def _remove_keyslot_temps(self) -> None:
        """A passphrase change killed before its rename leaves its temp file behind."""
        temps = list(self.paths.folder.glob(f".{layout.KEYSLOTS}.tmp-*"))
        if temps:
            try:
                with flocked(self.paths.lock, blocking=False):
                    for t in temps:
                        t.unlink(missing_ok=True)
            except BlockingIOError:
                pass  # a change is running in another process

    # -- head of the audit log --------------------------------------------------------------

    @_open_only
    def subscribe(self, callback) -> Callable[[], None]:
        """Call `callback(Changes)` after every committed change (on the thread that made or
        noticed it); returns a function that unsubscribes."""
        return self._store.feed.subscribe(callback)

    @_open_only
    def poll_changes(self) -> feed.Changes:
        """Notice what other processes (a CLI on the same vault, later sync) committed
        since the last look, and publish it. Cheap when nothing changed (one PRAGMA)."""
        version = self._store.data_version()
        if version == self._store.feed.data_version:
            return feed.Changes()
        self._store.feed.data_version = version
        return self._store.publish(external=True)

    @_open_only
    def change_log(self, cursor: int = 0, limit: int | None = None) -> list[changelog.Change]:
        """The change log after `cursor` (a `Change.seq`; 0 = from the start), oldest first:
        the typed reader of the outbox and of the feed."""
        return list(changelog.changes_after(self._store.conn, cursor, limit))

    # -- keys and locking -------------------------------------------------------------------

    @_open_only
    def change_passphrase(self, old: str, new: str, kdf: Argon2Params | None = None) -> None:
        """Rewrap the data key under `new`: one atomic rename of keyslots.json, the database
        is not touched. A crash at any instant leaves the old or the new passphrase working."""
        _check_new_passphrase(new)
        with flocked(self.paths.lock):
            slots = _read_keyslots(self.paths)
            try:
                current = slots.unwrap_passphrase(old)
            except UnwrapFailed:
                raise WrongPassphrase() from None
            with current:
                if current != self._store.key:
                    raise VaultCorrupt("키 슬롯이 이 금고의 키를 담고 있지 않습니다",
                                       "the keyslot does not hold this vault's key")
            params = kdf or passphrase_params(slots.of_type("passphrase")[0])
            slot = wrap_passphrase(self._store.key, new, params, self.vault_id)
            try:
                atomic_write(self.paths.keyslots, slots.with_passphrase_slot(slot).dumps())
            except OSError as exc:
                raise translate_os_error(exc) from None
        self._store.write(lambda c, w: audit.append(c, w.actor, "passphrase_change", "vault"))

    @_open_only
    def add_org_slot(self, org_public) -> str:
        """Seal the data key to an organisation X25519 public key; returns the slot id."""
        with flocked(self.paths.lock):
            slots = _read_keyslots(self.paths)
            slot = wrap_org(self._store.key, org_public, self.vault_id)
            try:
                atomic_write(self.paths.keyslots,
                             KeyslotFile(slots.vault_id, slots.slots + [slot]).dumps())
            except OSError as exc:
                raise translate_os_error(exc) from None
        self._store.write(lambda c, w: audit.append(c, w.actor, "keyslot_add", f"slot:{slot['id']}"))
        return slot["id"]

    def lock(self) -> None:
        """Close the connection and wipe the keys. Safe to call twice."""
        with self._store.mutex:
            if self._store.conn is None:
                return
            try:
                self._store.write(lambda c, w: audit.append(c, w.actor, "lock", "vault"))
            except VaultError:
                pass  # locking must always succeed, even on a full disk
            finally:
                self._store.close()

    @property
    def is_open(self) -> bool:
        return self._store.conn is not None

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc) -> None:
        self.lock()

    # -- small things -----------------------------------------------------------------------

    @staticmethod
    def list_workers(home) -> list[str]:
        return layout.list_workers(home)

    @property
    def case_prefix(self) -> str:
        return self._store.prefix

    @_open_only
    def set_case_prefix(self, prefix: str) -> str:
        """Set the prefix of generated case codes (2-8 letters, digits or Hangul); returns
        it as stored (Latin letters upper-cased)."""
        prefix = check_prefix(prefix)

        def store(c, w):
            c.execute("INSERT OR REPLACE INTO info(key, value) VALUES ('case_prefix', ?)",
                      (prefix,))
            audit.append(c, w.actor, "case_prefix", "vault", prefix)
        self._store.write(store, settings=True)
        self._store.prefix = prefix
        return prefix

    def _new_device(self) -> None:
        """A restored copy is another device: a sequence number the original already used
        for a change must never be handed out again under the same device id."""
        device = uuid7()

        def store(c, w):
            c.execute("UPDATE info SET value = ? WHERE key = 'device_id'", (device,))
            audit.append(c, w.actor, "restore", "vault", f"device {w.device_id} -> {device}")
        self._store.write(store)
        self._store.set_device(device)

    @_open_only
    def audit(self, action: str, subject: str | None = None, reason: str | None = None) -> None:
        """Append an audit entry (e.g. the export module's `export`, the UI's `view`)."""
        self._store.write(lambda c, w: audit.append(c, w.actor, action, subject, reason))

    @_open_only
    def audit_view(self, subject: str) -> bool:
        """Log that a person was shown `subject` (a record, a case's files): one entry per
        subject per minute is enough for the access log, and keeps the chain small.
        Returns True if an entry was written."""
        now = time.monotonic()
        last = self._store.viewed.get(subject)
        if last is not None and now - last < VIEW_COALESCE_S:
            return False
        self._store.write(lambda c, w: audit.append(c, w.actor, "view", subject))
        self._store.viewed[subject] = now
        return True

    @_open_only
    def audit_entries(self) -> list[AuditEntry]:  # (`audit` here is the method above)
        return list(audit.entries(self._store.conn))

    @_open_only
    def reset_audit_head(self, reason: str) -> None:
        """After a reported head problem has been looked into: record that fact in the log
        and make the head match the table again."""
        self._store.write(lambda c, w: audit.append(c, w.actor, "audit_head_reset", "vault", reason))
        count, h = audit.last(self._store.conn)
        with audit.head_lock(self.paths.audit_head):
            self.paths.audit_head.write_bytes(
                audit.head_bytes(self._store.head_key, self.vault_id, count, h))

    @_open_only
    def verify_audit(self) -> list[Issue]:
        return self._store.verify_audit()


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


__all__ = ["Vault"]
