"""Pulled attachments whose bytes come later: the vault's side of file downloads
(docs/sync.md, "Downloads"; the round's side is desktop/syncing/downloads.py).

Applying a pulled `attach` change writes the attachment's row at once (name, size,
plaintext hashes, its file key: the record shows the file) and a `sync_downloads` row
with the ciphertext size and SHA-256 the sealed change names. The ciphertext is fetched
into `attachments/<id>.part` (ciphertext only, as the server stores it: nothing is ever
decrypted on the way), checked against that SHA-256, renamed to `attachments/<id>.dhae`
and only then marked done. Until then the file is "not yet downloaded": the vault check
and backups leave it out instead of calling it missing, and reading it says so.

An attachment detached before its bytes arrived is not fetched: its author's laptop
never uploads a removed file either.
"""
from __future__ import annotations

import os
from pathlib import Path

from desktop.vault import attachments
from desktop.vault.errors import VaultError
from desktop.vault.files import fsync_dir
from desktop.vault.guard import open_only
from desktop.vault.ids import now_iso
from desktop.vault.opened import VaultPart

PART = ".part"
# attachment ids whose bytes have not arrived (for the check, backups and reads; never a
# NULL, which would make every `id NOT IN (...)` false)
NOT_DOWNLOADED = ("SELECT attachment_id FROM sync_downloads WHERE done_at IS NULL"
                  " AND attachment_id IS NOT NULL")


def partial_path(folder: Path, att_id: str) -> Path:
    return folder / f"{att_id}{PART}"


def expect(conn, att_id: str, change_id: str, file: dict | None) -> None:
    """A pulled attachment's bytes are to be fetched (inside the applying transaction).
    `file`: the sealed change's FileRef as a dict, None when its author's laptop had no
    file to send (then there is nothing to fetch, and nothing pending)."""
    size = file.get("cipher_size") if isinstance(file, dict) else None
    sha = file.get("cipher_sha256") if isinstance(file, dict) else None
    ok = isinstance(size, int) and isinstance(sha, str) and len(sha) == 64 and \
        file is not None and file.get("attachment_id") == att_id
    conn.execute("INSERT OR IGNORE INTO sync_downloads(attachment_id, change_id,"
                 " cipher_size, cipher_sha256, added_at) VALUES (?, ?, ?, ?, ?)",
                 (att_id, change_id, size if ok else None, sha if ok else None, now_iso()))


def pending(conn) -> list[tuple[str, int, str]]:
    """(attachment_id, cipher_size, cipher_sha256) to fetch: not done, still attached,
    with a ciphertext named by its change."""
    return conn.execute(
        "SELECT d.attachment_id, d.cipher_size, d.cipher_sha256 FROM sync_downloads d"
        " JOIN attachments a ON a.id = d.attachment_id WHERE d.done_at IS NULL"
        " AND a.removed = 0 AND d.cipher_sha256 IS NOT NULL ORDER BY d.added_at,"
        " d.attachment_id").fetchall()


def counts(conn) -> tuple[int, int]:
    """(files, ciphertext bytes) still to download."""
    n, size = conn.execute(
        "SELECT count(*), coalesce(sum(d.cipher_size), 0) FROM sync_downloads d"
        " JOIN attachments a ON a.id = d.attachment_id WHERE d.done_at IS NULL"
        " AND a.removed = 0 AND d.cipher_sha256 IS NOT NULL").fetchone()
    return int(n), int(size)


def is_pending(conn, att_id: str) -> bool:
    return conn.execute(f"SELECT 1 FROM ({NOT_DOWNLOADED}) WHERE attachment_id = ?",
                        (att_id,)).fetchone() is not None


def not_downloaded_error(att_id: str) -> VaultError:
    return VaultError(f"첨부 파일 {att_id}을(를) 아직 받지 못했습니다; 동기화하세요",
                      f"attachment {att_id} has not been downloaded yet; sync to fetch it")


class DownloadsMixin(VaultPart):
    @open_only
    def downloads_pending(self) -> list[tuple[str, int, str]]:
        return pending(self._store.conn)

    @open_only
    def downloads_count(self) -> tuple[int, int]:
        return counts(self._store.conn)

    @open_only
    def drop_stale_partials(self) -> None:
        """Partial files of attachments no longer to fetch (purged, detached) removed."""
        keep = {r[0] for r in pending(self._store.conn)}
        folder = self.paths.attachments
        if folder.is_dir():
            for part in folder.glob(f"*{PART}"):
                if part.name[:-len(PART)] not in keep:
                    part.unlink(missing_ok=True)

    def download_partial(self, att_id: str) -> Path:
        """Where the ciphertext being fetched grows (inside the vault's folder)."""
        return partial_path(self.paths.attachments, att_id)

    @open_only
    def download_verified(self, att_id: str) -> None:
        """The partial file holds the verified ciphertext: moved into place atomically,
        then marked present. A crash between the two is finished by the next round (it
        finds the final file and checks it again)."""
        folder = self.paths.attachments
        part = partial_path(folder, att_id)
        if part.exists():
            with open(part, "rb") as f:
                os.fsync(f.fileno())
            os.replace(part, attachments.final_path(folder, att_id))
            fsync_dir(folder)
        self._store.write(lambda c, w: c.execute(
            "UPDATE sync_downloads SET done_at = ?, last_error = NULL WHERE attachment_id = ?"
            " AND done_at IS NULL", (now_iso(), att_id)), audited=False)

    @open_only
    def download_failed(self, att_id: str, why: str) -> None:
        """A fetch whose bytes were refused (not the ciphertext named): nothing is kept,
        the next round tries again."""
        partial_path(self.paths.attachments, att_id).unlink(missing_ok=True)
        self._store.write(lambda c, w: c.execute(
            "UPDATE sync_downloads SET tries = tries + 1, last_error = ? WHERE"
            " attachment_id = ?", (why[:300], att_id)), audited=False)
