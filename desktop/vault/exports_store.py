"""The exports this vault made, each with an encrypted copy of its signed PDF (issue 14,
"Exports"): what was sent, to whom, for what, and the exact bytes, so the worker can save
the same PDF again (a court asks for it twice; the file given out was lost) and, once the
organisation's trusted timestamps exist, send the timestamped version.

The copy is stored like an attachment (desktop/vault/attachments.py): its own random key in
its database row, the PDF encrypted with crypto/stream.py (context = the export id) to
`exports/<id>.dhae` in the vault's folder; never plaintext on disk. Order, so that a crash
leaves nothing half-made: encrypt into `.<id>.tmp` (held under flock) -> fsync -> commit
the row -> rename. `cleanup` renames a committed temp file nobody holds, deletes one never
committed, and deletes a copy whose row is gone (a purged case: without its key the file is
noise). The `exports/` folder is its own, not `attachments/`, whose cleanup deletes every
file it has no attachment row for.
"""
from __future__ import annotations

import fcntl
import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

from crypto.secret import SecretBytes
from crypto.stream import StreamError, decrypt_stream, encrypt_stream
from desktop.vault import attachments, audit
from desktop.vault.attachments import final_path, tmp_path  # the same naming
from desktop.vault.errors import NotFound, VaultError
from desktop.vault.files import (
    FILE_MODE,
    fsync_dir,
    make_private_dir,
    translate_os_error,
)
from desktop.vault.guard import open_only
from desktop.vault.ids import is_uuid, now_iso, uuid7
from desktop.vault.opened import VaultPart

FOLDER = "exports"
_COLS = ("id, case_id, case_code, profile, recipient, purpose, file_name, size, sha256,"
         " pages, level, made_at, made_by, timestamped_at, saved_path, signed_sha256")
UPGRADE_SUFFIX = ".up"   # `.<id>.up`: an upgraded copy being put in place (replace_copy)


@dataclass(frozen=True)
class KeptExport:
    id: str
    case_id: str | None
    case_code: str              # the case's label when exported (CODE, or CODE·worker)
    profile: str
    recipient: str | None
    purpose: str | None
    file_name: str              # the name it was written under
    size: int
    sha256: str                 # of the signed PDF
    pages: int | None
    level: str | None           # PAdES level reached (B-B, B-T)
    made_at: str
    made_by: str
    timestamped_at: str | None  # the organisation's trusted timestamp (TSA time, ISO)
    saved_path: str | None = None      # where the worker saved it (absolute)
    signed_sha256: str | None = None   # of the PDF as first signed (`sha256`: the copy kept)

    def as_json(self) -> dict:
        return {k: getattr(self, k) for k in _COLS.replace(" ", "").split(",")}


class ExportNotFound(NotFound):
    def __init__(self, ref: str):
        super().__init__(f"내보내기 기록이 없습니다: {ref}", f"no such export: {ref}")


def folder_of(vault_folder: Path) -> Path:
    return vault_folder / FOLDER


def listing(conn, case_id: str | None = None) -> list[KeptExport]:
    sql = f"SELECT {_COLS} FROM exports"
    args: tuple = ()
    if case_id is not None:
        sql, args = sql + " WHERE case_id = ?", (case_id,)
    return [KeptExport(*r) for r in conn.execute(sql + " ORDER BY made_at DESC, id DESC",
                                                 args)]


def find(conn, ref: str) -> KeptExport:
    """By id, or by a prefix of at least 8 characters naming one export."""
    ref = (ref or "").strip().lower()
    if is_uuid(ref):
        row = conn.execute(f"SELECT {_COLS} FROM exports WHERE id = ?", (ref,)).fetchone()
    elif len(ref) >= 8 and all(ch in "0123456789abcdef-" for ch in ref):
        rows = conn.execute(f"SELECT {_COLS} FROM exports WHERE id LIKE ? LIMIT 2",
                            (ref + "%",)).fetchall()
        row = rows[0] if len(rows) == 1 else None
    else:
        row = None
    if row is None:
        raise ExportNotFound(ref)
    return KeptExport(*row)


def forget_case(conn, case_id: str) -> int:
    """Inside a purge's transaction: the case's exports' rows (and with them their keys).
    Their files are then removed by `cleanup`. Returns how many."""
    return conn.execute("DELETE FROM exports WHERE case_id = ?", (case_id,)).rowcount


def cleanup(conn, vault_folder: Path) -> None:
    """Temp files of a crashed keep or upgrade, and copies whose rows are gone (a purge)."""
    folder = folder_of(vault_folder)
    known = {r[0] for r in conn.execute("SELECT id FROM exports")}
    if folder.is_dir():
        for entry in folder.glob(f".*{UPGRADE_SUFFIX}"):
            export_id = entry.name[1:-len(UPGRADE_SUFFIX)]
            if export_id in known:
                _finish_replacement(conn, folder, find(conn, export_id))
            else:
                entry.unlink(missing_ok=True)
    attachments.sweep(folder, known)


def _finish_replacement(conn, folder: Path, kept: KeptExport) -> None:
    """A `.<id>.up` left by a crashed replace_export_copy: put in place if it is the copy
    the row describes (decrypts under the row's key to its SHA-256), else removed (the
    crash came before the row was committed)."""
    up = folder / f".{kept.id}{UPGRADE_SUFFIX}"
    if not up.exists():
        return
    key = SecretBytes(conn.execute("SELECT file_key FROM exports WHERE id = ?",
                                   (kept.id,)).fetchone()[0])
    try:
        with open(up, "rb") as f:
            h = hashlib.sha256()
            for block in decrypt_stream(key, f, kept.id.encode()):
                h.update(block)
        ok = h.hexdigest() == kept.sha256
    except (StreamError, OSError):
        ok = False
    finally:
        key.wipe()
    try:
        if ok:
            os.replace(up, final_path(folder, kept.id))
            fsync_dir(folder)
        else:
            up.unlink(missing_ok=True)
    except OSError:
        pass


def _encrypt_locked(folder: Path, export_id: str, key: SecretBytes, pdf: bytes) -> int:
    """Encrypt into the locked temp file; returns its descriptor, still locked (the inode
    check closes the race with a cleanup in another process deleting unlocked temps)."""
    path = tmp_path(folder, export_id)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        if os.fstat(fd).st_ino != os.stat(path).st_ino:
            raise VaultError("내보내기 임시 파일이 사라졌습니다", "the export's temp file vanished")
        with os.fdopen(os.dup(fd), "wb", buffering=0) as out:
            encrypt_stream(key, io.BytesIO(pdf), out, export_id.encode())
            os.fsync(out.fileno())
    except BaseException:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise
    return fd


class ExportsMixin(VaultPart):
    @open_only
    def keep_export(self, pdf: bytes, *, case_id: str | None, case_code: str, profile: str,
                    recipient: str | None, purpose: str | None, file_name: str,
                    pages: int | None = None, level: str | None = None,
                    timestamped_at: str | None = None,
                    saved_path: str | None = None) -> KeptExport:
        """Keep an encrypted copy of a signed PDF this vault exported, with what it was."""
        folder = folder_of(self.paths.folder)
        export_id, made_at = uuid7(), now_iso()
        key = SecretBytes(os.urandom(32))
        sha = hashlib.sha256(pdf).hexdigest()
        row = KeptExport(export_id, case_id, case_code, profile, recipient, purpose,
                         file_name, len(pdf), sha, pages, level, made_at, self._store.worker,
                         timestamped_at, saved_path, sha)

        def store(c, w):
            c.execute(f"INSERT INTO exports({_COLS}, file_key) VALUES"
                      f" ({', '.join('?' * 17)})", (*row.as_json().values(), bytes(key)))
            audit.append(c, w.actor, "export_kept", f"export:{export_id}",
                         f"case {case_code}: {file_name} sha256 {row.sha256}")

        fd: int | None = None
        try:
            try:
                make_private_dir(folder)
                fd = _encrypt_locked(folder, export_id, key, pdf)
            except OSError as exc:
                raise translate_os_error(exc) from None
            try:
                self._store.write(store)
            except BaseException:
                tmp_path(folder, export_id).unlink(missing_ok=True)
                raise
            try:
                os.rename(tmp_path(folder, export_id), final_path(folder, export_id))
                fsync_dir(folder)
            except OSError:
                pass  # committed: the next cleanup renames it
        finally:
            key.wipe()
            if fd is not None:
                os.close(fd)
        return row

    @open_only
    def list_exports(self, case_id: str | None = None) -> list[KeptExport]:
        """Newest first."""
        return listing(self._store.conn, case_id)

    @open_only
    def get_export(self, ref: str) -> KeptExport:
        return find(self._store.conn, ref)

    @open_only
    def export_copy(self, ref: str) -> tuple[KeptExport, bytes]:
        """The stored PDF's bytes, checked: every chunk authenticated and the whole the
        SHA-256 recorded when it was made (else VaultError: nothing is to be written)."""
        kept = find(self._store.conn, ref)
        folder = folder_of(self.paths.folder)
        _finish_replacement(self._store.conn, folder, kept)
        key = SecretBytes(self._store.conn.execute(
            "SELECT file_key FROM exports WHERE id = ?", (kept.id,)).fetchone()[0])
        path = final_path(folder, kept.id)
        try:
            with open(path, "rb") as f:
                data = b"".join(decrypt_stream(key, f, kept.id.encode()))
        except FileNotFoundError:
            raise VaultError(f"이 내보내기의 사본이 금고에 없습니다: {kept.file_name}",
                             f"the vault holds no copy of this export: {kept.file_name}"
                             ) from None
        except StreamError:
            raise VaultError(f"이 내보내기의 사본이 손상되었습니다: {kept.file_name}",
                             f"the stored copy of this export is damaged: {kept.file_name}"
                             ) from None
        except OSError as exc:
            raise translate_os_error(exc) from None
        finally:
            key.wipe()
        if len(data) != kept.size or hashlib.sha256(data).hexdigest() != kept.sha256:
            raise VaultError(f"이 내보내기의 사본이 원본과 다릅니다: {kept.file_name}",
                             f"the stored copy of this export does not match: "
                             f"{kept.file_name}")
        return kept, data

    @open_only
    def replace_export_copy(self, ref: str, pdf: bytes, *, level: str,
                            timestamped_at: str) -> KeptExport:
        """Replace the kept copy by its upgraded version (the same PDF plus a timestamp and
        validation data: issue 15). Crash-safe: the new copy is encrypted under a new key to
        `.<id>.up`, the row (key, size, SHA-256, level, time) committed, then the file
        renamed into place; a crash between the two leaves a `.up` that decrypts under the
        committed key, which the next read or cleanup puts in place."""
        kept = find(self._store.conn, ref)
        folder = folder_of(self.paths.folder)
        up = folder / f".{kept.id}{UPGRADE_SUFFIX}"
        key = SecretBytes(os.urandom(32))
        sha = hashlib.sha256(pdf).hexdigest()

        def store(c, w):
            c.execute("UPDATE exports SET file_key = ?, size = ?, sha256 = ?, level = ?,"
                      " timestamped_at = ? WHERE id = ?",
                      (bytes(key), len(pdf), sha, level, timestamped_at, kept.id))
            audit.append(c, w.actor, "export_upgraded", f"export:{kept.id}",
                         f"case {kept.case_code}: {kept.file_name} {level} sha256 {sha}")

        try:
            try:
                with os.fdopen(os.open(up, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE),
                               "wb") as out:
                    encrypt_stream(key, io.BytesIO(pdf), out, kept.id.encode())
                    out.flush()
                    os.fsync(out.fileno())
            except OSError as exc:
                up.unlink(missing_ok=True)
                raise translate_os_error(exc) from None
            try:
                self._store.write(store)
            except BaseException:
                up.unlink(missing_ok=True)
                raise
            try:
                os.replace(up, final_path(folder, kept.id))
                fsync_dir(folder)
            except OSError:
                pass  # committed: the next read or cleanup puts it in place
        finally:
            key.wipe()
        return find(self._store.conn, kept.id)

    @open_only
    def remove_orphan_exports(self) -> None:
        cleanup(self._store.conn, self.paths.folder)
