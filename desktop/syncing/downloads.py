"""Downloads in a round: the bytes of pulled attachments (docs/sync.md, "Downloads").

Right after the pull, each attachment applied without its bytes is fetched into
`attachments/<id>.part` in the vault's folder: the ciphertext as the server stores it
(nothing is decrypted here, so no plaintext ever touches the disk), appended in chunks.
A cut or killed download leaves the partial file, and the next round asks for the rest
(HTTP Range) from its size. The whole file must hash to the SHA-256 its sealed attach
change names before it is renamed into place and marked present; anything else is
discarded and fetched again next round. A file the server does not have yet (its author
has not uploaded it) waits for a later round.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from desktop.syncing.progress import Progress
from desktop.vault.files import FILE_MODE, translate_os_error
from sync.client.transport import FileMismatch, ServerError

PROGRESS_EVERY = 8 * 1024 * 1024   # a progress line per 8 MiB received


def fetch(vault, tr, result, progress: Progress) -> int:
    """Fetches every pending download; returns how many files arrived (`result` is the
    round's; what is still to download is the vault's `sync_status()`). Connection
    trouble and refusals end the round as they do for uploads (what arrived is kept)."""
    got = 0
    vault.drop_stale_partials()
    for att_id, size, sha in vault.downloads_pending():
        final = vault.attachment_file(att_id)
        part = vault.download_partial(att_id)
        try:
            if final.exists() and not part.exists():
                # a kill between the rename and the mark: the bytes may be in place
                if _sha256(final) == (size, sha):
                    vault.download_verified(att_id)
                    got += 1
                    continue
                final.unlink()
            if _fetch_one(tr, att_id, part, size, sha, progress):
                vault.download_verified(att_id)
                got += 1
                progress(f"파일 {att_id[:8]} 받음", f"file {att_id[:8]} downloaded")
        except FileMismatch as e:
            vault.download_failed(att_id, e.en)
            progress(e.ko, e.en)
        except OSError as e:
            raise translate_os_error(e) from None
    return got


def _fetch_one(tr, att_id: str, part: Path, size: int, sha: str,
               progress: Progress) -> bool:
    """True when `part` holds the verified ciphertext; False when the server has no
    complete file yet (its author's laptop has not uploaded it)."""
    shown = [0]

    def on_progress(n: int) -> None:
        if n - shown[0] >= PROGRESS_EVERY or n == size:
            shown[0] = n
            progress(f"파일 {att_id[:8]} 받는 중: {n} / {size} 바이트",
                     f"file {att_id[:8]}: received {n} of {size} bytes")

    fd = os.open(part, os.O_RDWR | os.O_CREAT | os.O_APPEND, FILE_MODE)
    with os.fdopen(fd, "a+b") as out:
        try:
            tr.download(att_id, out, size=size, sha256=sha, on_progress=on_progress)
        except ServerError as e:
            if e.status != 404:
                raise
            progress(f"파일 {att_id[:8]}은(는) 아직 서버에 없습니다; 다음 동기화에서 받습니다",
                     f"file {att_id[:8]} is not on the server yet; a later sync fetches it")
            if out.tell() == 0:
                part.unlink(missing_ok=True)
            return False
    return True


def _sha256(path: Path) -> tuple[int, str]:
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while block := f.read(1024 * 1024):
            h.update(block)
            size += len(block)
    return size, h.hexdigest()
