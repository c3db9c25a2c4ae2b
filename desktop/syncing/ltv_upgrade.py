"""At each sync: the organisation's chain and CRLs refreshed (kept in the vault), and every
kept export not yet timestamped upgraded to B-LT (issue 15; desktop/export/trusted_time.py).

For each queued export (`timestamped_at` NULL: made offline, or before enrollment, or with
an external TSA and no validation data), the vault's copy gets one incremental update — the
DSS (chain, CRLs, TSA chain) and a document timestamp from the center's TSA — and replaces
the copy kept (desktop/vault/exports_store.py, crash-safe). If the file the worker saved is
still where it was, unchanged (its SHA-256 is the one signed), the upgraded file is written
beside it atomically as `<name>.ltv.pdf`: the original is never modified.

A failure here (the TSA down, a server without a CA, a folder no longer writable) is a
progress line, never a failed round: the export stays queued for the next one.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from desktop.syncing.progress import Progress


def run(vault: Any, tr: Any, progress: Progress) -> int:
    """Upgrade the queued exports over `tr`; returns how many were upgraded."""
    from sync.client.transport import SyncError

    queued = [k for k in vault.list_exports() if not k.timestamped_at]
    try:
        from desktop.export.trusted_time import refresh_material

        material = refresh_material(vault, tr)
    except SyncError as exc:
        if queued:
            progress(f"타임스탬프를 받지 못했습니다 (다음 동기화에서 다시): {exc.ko}",
                     f"no timestamps this round (tried again next sync): {exc.en}")
        return 0
    done = 0
    for kept in reversed(queued):   # oldest first
        if _upgrade_one(vault, tr, kept, material, progress):
            done += 1
    return done


def _upgrade_one(vault: Any, tr: Any, kept: Any, material: Any, progress: Progress) -> bool:
    from crypto.ltv import LtvError, latest_timestamp_time, upgrade
    from crypto.pades import TimestampUnavailable
    from desktop.export.trusted_time import timestamp_iso, tsa_sample
    from sync.client.pinned_tsa import PinnedTimeStamper

    try:
        _kept, data = vault.export_copy(kept.id)
        upgraded = upgrade(data, PinnedTimeStamper(tr, tsa_sample(vault)), material)
    except (LtvError, TimestampUnavailable) as exc:
        progress(f"내보내기 {kept.file_name}: 타임스탬프를 더하지 못했습니다 ({exc})",
                 f"export {kept.file_name}: could not be timestamped ({exc})")
        return False
    when = timestamp_iso(latest_timestamp_time(upgraded))
    vault.replace_export_copy(kept.id, upgraded, level="B-LT",
                              timestamped_at=when or "")
    progress(f"내보내기 {kept.file_name}: 타임스탬프를 더했습니다",
             f"export {kept.file_name}: timestamped")
    _write_beside(vault, kept, upgraded, progress)
    return True


def _write_beside(vault: Any, kept: Any, upgraded: bytes, progress: Progress) -> None:
    from desktop.errors import UserError
    from desktop.export.atomic import write_atomic
    from desktop.export.trusted_time import upgraded_path

    if not kept.saved_path:
        return
    saved = Path(kept.saved_path)
    original = kept.signed_sha256 or kept.sha256
    try:
        if not saved.is_file() or _sha256(saved) != original:
            return   # moved, deleted or replaced: the Exports screen saves it again
    except OSError:
        return
    target = upgraded_path(saved)
    try:
        vault.audit("export_upgraded_saved", subject=kept.case_code, reason=json.dumps({
            "export": kept.id, "file": target.name,
            "sha256": hashlib.sha256(upgraded).hexdigest()}, ensure_ascii=False))
        write_atomic(target, upgraded)
    except (UserError, OSError) as exc:
        progress(f"타임스탬프가 더해진 파일을 저장하지 못했습니다: {target} ({exc})",
                 f"the timestamped file could not be saved: {target} ({exc})")
        return
    progress(f"저장함: {target}", f"saved: {target}")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
