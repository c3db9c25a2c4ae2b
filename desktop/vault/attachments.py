"""Encrypted attachment files: streamed import, verified read-back, tombstones, cleanup.

Each attachment has its own random 256-bit key, stored only in its database row, and is
encrypted with crypto/stream.py (context = the attachment id) to
`attachments/<id>.dhae`. Import order, so that a crash leaves nothing half-made:
encrypt into `.<id>.tmp` (held under flock) -> fsync -> commit the row -> rename to the
final name. On open, `.tmp` files nobody holds are renamed if their row was committed,
else deleted; final files without a row (a purge interrupted before its unlinks) are
deleted too.

Each import also records what the content is (desktop/evidence_hashes.py: media type, PDQ
of an image, vPDQ frames of a video, the source's times). A *hash-only* import (issue 16,
docs/deletion.md) reads and decodes the source in memory and writes no file at all: its
row keeps the hashes, size, type, times and a note, `hash_only` = 1 and an empty key.
"""
from __future__ import annotations

import fcntl
import json
import os
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crypto.hashing import READ_SIZE, Digest, DualHasher
from crypto.secret import SecretBytes
from crypto.stream import StreamError, decrypt_stream, encrypt_stream, encrypted_size
from desktop.vault import audit, records
from desktop.vault.changelog import log_change
from desktop.vault.errors import (
    AttachmentCorrupt,
    AttachmentNotFound,
    InvalidInput,
    Issue,
    VaultError,
)
from desktop.vault.files import FILE_MODE, fsync_dir, translate_os_error, try_lock_fd
from desktop.vault.guard import open_only
from desktop.vault.ids import is_uuid, now_iso, uuid7
from desktop.vault.opened import VaultPart

SUFFIX = ".dhae"


class HashOnly(VaultError):
    """The attachment was imported hash-only: its bytes were never kept."""

    def __init__(self, att_id: str):
        super().__init__(f"해시만 보관한 파일이라 내용이 없습니다: {att_id}",
                         f"hash-only item: its bytes were never kept: {att_id}")
_COLS = ("id, record_id, field, name, size, sha256, md5, imported_at, removed, media_type,"
         " pdq, pdq_quality, vpdq, hash_only, note, file_mtime, taken_at")
NOTE_MAX = 1000


@dataclass(frozen=True)
class Attachment:
    id: str
    record_id: str
    field: str | None
    name: str
    size: int
    sha256: str
    md5: str
    imported_at: str
    removed: bool
    media_type: str | None = None
    pdq: str | None = None  # 64 lowercase hex digits, for anything that decoded as an image
    pdq_quality: int | None = None
    # a video's frames [[seconds, pdq, quality], ...]; None: not a video, or no add-on
    vpdq: tuple[tuple[float, str, int], ...] | None = None
    hash_only: bool = False  # no bytes were kept: hashes, size, type, times and note only
    note: str | None = None
    file_mtime: str | None = None
    taken_at: str | None = None


def by_id(conn, att_id: str) -> Attachment:
    row = conn.execute(f"SELECT {_COLS} FROM attachments WHERE id = ?",
                       (att_id,)).fetchone() if is_uuid(att_id) else None
    if row is None:
        raise AttachmentNotFound(str(att_id))
    return _from_row(row)


def _from_row(row) -> Attachment:
    """An Attachment from a row of `_COLS` (`removed` stored as 0/1)."""
    (att_id, record_id, field, name, size, sha256, md5, imported_at, removed, media_type,
     pdq, pdq_quality, vpdq, hash_only, note, file_mtime, taken_at) = row
    frames = tuple((float(t), str(h), int(q)) for t, h, q in json.loads(vpdq)) \
        if vpdq else None
    return Attachment(att_id, record_id, field, name, size, sha256, md5, imported_at,
                      bool(removed), media_type, pdq, pdq_quality, frames, bool(hash_only),
                      note, file_mtime, taken_at)


def final_path(folder: Path, att_id: str) -> Path:
    return folder / f"{att_id}{SUFFIX}"


def tmp_path(folder: Path, att_id: str) -> Path:
    return folder / f".{att_id}.tmp"


def clean_name(name: str) -> str:
    """The original file name, kept for display and export: base name only, printable."""
    text = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/").split("/")[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C").strip()
    if not text or text in (".", ".."):
        raise InvalidInput("첨부 파일 이름이 비어 있습니다", "the attachment name is empty")
    return text[:255]


def _open_locked_tmp(folder: Path, att_id: str) -> int:
    """Create and lock the temp file; the inode check closes the race with a cleanup in
    another process that deletes unlocked temp files."""
    path = tmp_path(folder, att_id)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, FILE_MODE)
    fcntl.flock(fd, fcntl.LOCK_EX)
    if os.fstat(fd).st_ino != os.stat(path).st_ino:
        os.close(fd)
        raise VaultError("첨부 임시 파일이 사라졌습니다", "the attachment temp file vanished")
    return fd


def cleanup_orphans(conn, folder: Path) -> None:
    sweep(folder, {r[0] for r in conn.execute("SELECT id FROM attachments")})


def sweep(folder: Path, known: set[str]) -> None:
    """A folder of encrypted files named by id (attachments, kept exports): a crashed
    write's locked temp file is finished if its row committed, else removed; a file whose
    row is gone (a purge) is removed."""
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        name = entry.name
        if name.startswith(".") and name.endswith(".tmp"):
            file_id = name[1:-4]
            try:
                fd = os.open(entry, os.O_RDONLY)
            except OSError:
                continue
            try:
                if not try_lock_fd(fd):
                    continue  # a write in progress (maybe in another process)
                if file_id in known:
                    os.rename(entry, final_path(folder, file_id))
                else:
                    entry.unlink(missing_ok=True)
            finally:
                os.close(fd)
        elif name.endswith(SUFFIX) and name[:-len(SUFFIX)] not in known:
            entry.unlink(missing_ok=True)
    fsync_dir(folder)


def missing_files(conn, folder: Path) -> list[Issue]:
    from desktop.vault.downloads import NOT_DOWNLOADED

    issues = []
    # a pulled file whose bytes have not been downloaded yet is pending, not missing
    # a hash-only item has no bytes to look for
    for att_id, size in conn.execute("SELECT id, size FROM attachments WHERE hash_only = 0"
                                     f" AND id NOT IN ({NOT_DOWNLOADED}) ORDER BY id"):
        path = final_path(folder, att_id)
        if not path.is_file():
            issues.append(Issue(f"첨부 파일이 없습니다: {att_id}",
                                f"attachment file missing: {att_id}"))
        elif path.stat().st_size != encrypted_size(size):
            issues.append(Issue(f"첨부 파일 크기가 맞지 않습니다: {att_id}",
                                f"attachment file has the wrong size: {att_id}"))
    return issues


def check_field(field) -> str | None:
    if field is not None and (not isinstance(field, str) or not field or len(field) > 200):
        raise InvalidInput(f"잘못된 필드 경로: {field!r}", f"bad field path: {field!r}")
    return field


class StagedFile:
    """A file encrypted into a locked temp file, waiting for the transaction that records
    it: `commit_staged` inside it, then `finish()` (rename into place), or `abort()`.
    A crash after the commit is completed on the next open (`cleanup_orphans`)."""

    def __init__(self, folder: Path, att_id: str, field: str | None, name: str,
                 hash_only: bool = False, note: str | None = None):
        self.folder, self.id, self.field, self.name = folder, att_id, field, name
        self.hash_only, self.note = hash_only, note
        self.key = SecretBytes(b"" if hash_only else os.urandom(32))
        self.fd: int | None = None
        self.digest: Digest | None = None  # set by `stage` once encrypted
        self.media: Any = None  # evidence_hashes.MediaHashes once the content is read
        self.file_mtime: str | None = None
        self.at = ""

    def finish(self) -> None:
        if self.hash_only:
            self._release()
            return
        try:
            os.rename(tmp_path(self.folder, self.id), final_path(self.folder, self.id))
            fsync_dir(self.folder)
        except OSError:
            pass  # committed: the next open renames it (cleanup_orphans)
        finally:
            self._release()

    def abort(self) -> None:
        if not self.hash_only:
            tmp_path(self.folder, self.id).unlink(missing_ok=True)
        self._release()

    def _release(self) -> None:
        self.key.wipe()
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def check_note(note) -> str | None:
    if note is None:
        return None
    if not isinstance(note, str) or len(note) > NOTE_MAX:
        raise InvalidInput(f"메모는 {NOTE_MAX}자까지입니다", f"the note is at most {NOTE_MAX} characters")
    return note.strip() or None


def _learn(staged: StagedFile, src) -> None:
    """The content hashes (in memory only) and the source's own time. Imported here: numpy
    and Pillow cost ~0.2 s to load, which opening a vault should not pay."""
    from desktop import evidence_hashes

    if not isinstance(src, (str, os.PathLike)):
        if not (hasattr(src, "seekable") and src.seekable()):
            return  # a stream read once: SHA-256 and MD5 only
        src.seek(0)
    try:
        staged.media = evidence_hashes.media_hashes(src)
    except OSError as exc:
        raise _source_error(src, exc) from None
    staged.file_mtime = evidence_hashes.file_mtime(src)


def stage(folder: Path, src, name: str, field: str | None = None, *,
          hash_only: bool = False, note: str | None = None) -> StagedFile:
    """Encrypt `src` (a path or a binary file object) into a temp file of the vault; a
    source that cannot be read fails here, naming it, before anything is recorded. With
    `hash_only` nothing is written: the source is hashed and decoded in memory."""
    staged = StagedFile(folder, uuid7(), check_field(field), clean_name(name), hash_only,
                        check_note(note))
    if hash_only:
        try:
            staged.digest = _hash_source(src)
            _learn(staged, src)
        except BaseException:
            staged.abort()
            raise
        return staged
    try:
        staged.fd = _open_locked_tmp(folder, staged.id)
        with os.fdopen(os.dup(staged.fd), "wb", buffering=0) as out:
            if isinstance(src, (str, os.PathLike)):
                try:
                    f = open(src, "rb")
                except OSError as exc:
                    raise _source_error(src, exc) from None
                with f:
                    staged.digest = _encrypt(staged, f, out, src)
            else:
                staged.digest = _encrypt(staged, src, out, staged.name)
            os.fsync(out.fileno())
        _learn(staged, src)
    except OSError as exc:
        staged.abort()
        raise translate_os_error(exc) from None
    except BaseException:
        staged.abort()
        raise
    return staged


def _hash_source(src) -> Digest:
    """SHA-256, MD5 and size of a source read in chunks (hash-only: nothing kept)."""
    hasher = DualHasher()
    if isinstance(src, (str, os.PathLike)):
        try:
            f = open(src, "rb")
        except OSError as exc:
            raise _source_error(src, exc) from None
    else:
        f = src
    try:
        reader = _Source(f, src)
        while True:
            chunk = reader.read(READ_SIZE)
            if not chunk:
                break
            hasher.update(chunk)
    finally:
        if f is not src:
            f.close()
    return hasher.digest()


class _Source:
    """The file being imported: a read error names it (a write error is the vault's)."""

    def __init__(self, f, what):
        self._f, self._what = f, what

    def read(self, n: int = -1) -> bytes:
        try:
            return self._f.read(n)
        except OSError as exc:
            raise _source_error(self._what, exc) from None

    def readinto(self, buf) -> int:
        try:
            return self._f.readinto(buf)
        except OSError as exc:
            raise _source_error(self._what, exc) from None


def _encrypt(staged: StagedFile, f, out, what):
    return encrypt_stream(staged.key, _Source(f, what), out, staged.id.encode())


def _source_error(src, exc: OSError) -> InvalidInput:
    why = exc.strerror or type(exc).__name__
    return InvalidInput(f"첨부할 파일을 읽을 수 없습니다: {src} ({why})",
                        f"cannot read the file to attach: {src} ({why})")


def commit_staged(conn, w, staged: StagedFile, record_id: str) -> Attachment:
    """Record a staged file against a live record (inside the caller's transaction)."""
    _n, _fv, _version, deleted, case_id, _code = records._latest_row(conn, record_id)
    if deleted:
        raise records.RecordNotFound(record_id)
    d, at = staged.digest, now_iso()
    if d is None:  # `stage` sets it before returning a StagedFile
        raise VaultError("첨부 파일이 아직 암호화되지 않았습니다",
                         "the file to attach was not encrypted")
    m = staged.media
    frames = tuple((f.seconds, f.pdq, f.quality) for f in m.vpdq) if m and m.vpdq else None
    pdq = m.pdq if m else None
    att = Attachment(staged.id, record_id, staged.field, staged.name, d.size, d.sha256, d.md5,
                     at, False, m.media_type if m else None, pdq.hex if pdq else None,
                     pdq.quality if pdq else None, frames, staged.hash_only, staged.note,
                     staged.file_mtime, m.taken_at if m else None)
    conn.execute(f"INSERT INTO attachments({_COLS}, file_key) VALUES"
                 f" ({', '.join('?' * (len(_COLS.split(', ')) + 1))})",
                 (*_row_values(att), bytes(staged.key)))
    log_change(conn, w, "attach", record_id=record_id, case_id=case_id,
               attachment_id=staged.id, at=at)
    audit.append(conn, w.actor, "attach", f"attachment:{staged.id}",
                 f"record:{record_id}" + (" hash-only" if staged.hash_only else ""), at=at)
    return att


def _row_values(a: Attachment) -> tuple:
    """`a` in `_COLS` order, as stored."""
    return (a.id, a.record_id, a.field, a.name, a.size, a.sha256, a.md5, a.imported_at,
            int(a.removed), a.media_type, a.pdq, a.pdq_quality,
            json.dumps([list(f) for f in a.vpdq]) if a.vpdq is not None else None,
            int(a.hash_only), a.note, a.file_mtime, a.taken_at)


def remove_in(conn, w, att_id: str, reason: str | None = None) -> bool:
    """Tombstone an attachment inside the caller's transaction; False if already removed."""
    row = conn.execute("SELECT a.record_id, a.removed, r.case_id FROM attachments a"
                       " JOIN records r ON r.id = a.record_id WHERE a.id = ?",
                       (att_id,)).fetchone() if is_uuid(att_id) else None
    if row is None:
        raise AttachmentNotFound(str(att_id))
    record_id, removed, case_id = row
    if removed:
        return False
    at = now_iso()
    conn.execute("UPDATE attachments SET removed = 1, removed_at = ? WHERE id = ?", (at, att_id))
    log_change(conn, w, "detach", record_id=record_id, case_id=case_id, attachment_id=att_id,
               at=at)
    audit.append(conn, w.actor, "detach", f"attachment:{att_id}", reason, at=at)
    return True


class AttachmentsMixin(VaultPart):
    def _after_open_hook(self) -> None:
        try:
            cleanup_orphans(self._store.conn, self.paths.attachments)
        except OSError:
            pass  # cleanup is best effort; check() reports what matters

    @open_only
    def get_attachment(self, att_id: str) -> Attachment:
        return by_id(self._store.conn, att_id)

    @open_only
    def list_attachments(self, record_id: str | None = None, case_code: str | None = None,
                         *, include_removed: bool = False) -> list[Attachment]:
        sql = (f"SELECT {', '.join('a.' + c for c in _COLS.split(', '))} FROM attachments a"
               " JOIN records r ON r.id = a.record_id LEFT JOIN cases c ON c.id = r.case_id")
        where, args = [], []
        if record_id is not None:
            where.append("a.record_id = ?")
            args.append(record_id)
        if case_code is not None:
            from desktop.vault import cases

            case = cases.find(self._store.conn, case_code)
            if case is None:
                return []
            where.append("r.case_id = ?")
            args.append(case.id)
        if not include_removed:
            where.append("a.removed = 0")
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self._store.conn.execute(sql + " ORDER BY a.id", args).fetchall()
        return [_from_row(r) for r in rows]

    @open_only
    def read_attachment(self, att_id: str) -> Iterator[bytes]:
        """Plaintext chunks of the attachment. Each chunk is authenticated; at the end the
        size, SHA-256 and MD5 are compared with those recorded at import, and
        AttachmentCorrupt is raised on any difference: discard what was read then."""
        att = self.get_attachment(att_id)
        if att.hash_only:
            raise HashOnly(att_id)
        from desktop.vault import downloads

        if downloads.is_pending(self._store.conn, att_id):
            raise downloads.not_downloaded_error(att_id)
        key = SecretBytes(self._store.conn.execute("SELECT file_key FROM attachments WHERE id = ?",
                                             (att_id,)).fetchone()[0])
        path = final_path(self.paths.attachments, att_id)
        return _verified_chunks(path, key, att)

    @open_only
    def remove_attachment(self, att_id: str, reason: str | None = None) -> None:
        """Tombstone: hidden from lists, the encrypted file and hashes are kept."""
        self.get_attachment(att_id)
        self._store.write(remove_in, att_id, reason)


def _verified_chunks(path: Path, key: SecretBytes, att: Attachment) -> Iterator[bytes]:
    hasher = DualHasher()
    try:
        try:
            f = open(path, "rb")
        except FileNotFoundError:
            raise AttachmentCorrupt(att.id, "파일이 없습니다", "the file is missing") from None
        with f:
            try:
                for chunk in decrypt_stream(key, f, att.id.encode()):
                    hasher.update(chunk)
                    yield chunk
            except StreamError as exc:
                raise AttachmentCorrupt(att.id, "암호문이 손상되었습니다",
                                        f"damaged ciphertext ({exc})") from None
        d = hasher.digest()
        if (d.size, d.sha256, d.md5) != (att.size, att.sha256, att.md5):
            raise AttachmentCorrupt(att.id, "해시가 다릅니다", "hash mismatch")
    finally:
        key.wipe()
