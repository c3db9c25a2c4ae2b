"""Exports kept by the vault (desktop/vault/exports_store.py): their state in words, and
"save again", which writes the stored copy, byte for byte the PDF first given out, to a
file the worker picks (atomically; audited before the file appears, as an export is)."""
from __future__ import annotations

import json
from pathlib import Path

NOT_TIMESTAMPED, TIMESTAMPED = "not_timestamped", "timestamped"


def state(kept) -> str:
    """NOT_TIMESTAMPED until the organisation's trusted timestamp exists (a later issue
    fills `timestamped_at`), then TIMESTAMPED: the version to send."""
    return TIMESTAMPED if kept.timestamped_at else NOT_TIMESTAMPED


def state_text(kept, lang: str) -> str:
    if kept.timestamped_at:
        day = kept.timestamped_at[:10]
        return (f"timestamped {day} — send this version" if lang == "en"
                else f"{day} 타임스탬프 완료 — 이 버전을 보내세요")
    return "not yet timestamped" if lang == "en" else "아직 타임스탬프 없음"


def as_json(kept) -> dict:
    return {**kept.as_json(), "state": state(kept)}


def target_for(kept, out_path) -> Path:
    """A file, or a folder to write the export's own file name into."""
    out = Path(out_path)
    return out / kept.file_name if out.is_dir() else out


def save_again(vault, ref: str, out_path) -> tuple[object, Path]:
    """Write export `ref`'s stored copy to `out_path`; returns (the export, the path).
    The copy is checked against its recorded SHA-256 before anything is written."""
    from desktop.export.atomic import check_target, write_atomic
    from desktop.export.errors import ExportError

    kept, data = vault.export_copy(ref)
    target = target_for(kept, out_path)
    folder = target.parent
    if not folder.is_dir():  # before the audit entry: nothing will be written
        raise ExportError(f"대상 폴더가 없습니다: {folder}", f"no such folder: {folder}")
    check_target(target)
    vault.audit("export_saved_again", subject=kept.case_code, reason=json.dumps({
        "export": kept.id, "file": target.name, "sha256": kept.sha256}, ensure_ascii=False))
    write_atomic(target, data)
    return kept, target
