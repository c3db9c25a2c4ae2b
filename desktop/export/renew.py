"""`donghaeng export-renew FILE.pdf [--out NEW.pdf]`: a fresh document timestamp (B-LTA).

A B-LT file stays verifiable offline while its newest timestamp's TSA certificate and the
CRLs embedded with it are valid as of that timestamp; renewing before the last of them
expires (docs/export.md, "Keeping a file verifiable for years") adds the current CRLs and
a new document timestamp over everything, which extends the proof. Needs the server (its
TSA and CRLs, over the pinned connection). The input is never modified: the renewed file
is written next to it (default `<name>.renewed-YYYYMMDD.pdf`) or to --out; if the vault
keeps this very file (same SHA-256) as an export, its copy is replaced by the renewed one.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.export.bundle import KST
from desktop.export.errors import ExportError


@dataclass(frozen=True)
class Renewed:
    path: Path
    level: str
    timestamped_at: datetime | None
    export_id: str | None      # the vault's kept export updated, if it was this file


def default_out(path: Path, now: datetime) -> Path:
    stem = path.name[:-4] if path.name.lower().endswith(".pdf") else path.name
    stem = stem.removesuffix(".ltv")
    return path.with_name(f"{stem}.renewed-{now.astimezone(KST):%Y%m%d}.pdf")


def renew_file(vault: Any, path: Path, out: Path | None = None) -> Renewed:
    from crypto.ltv import LtvError, latest_timestamp_time, renew
    from crypto.pades import TimestampUnavailable
    from crypto.pades_check import check_signature
    from desktop.export.atomic import check_target, write_atomic
    from desktop.export.trusted_time import (
        center_connection,
        refresh_material,
        timestamp_iso,
        tsa_sample,
    )
    from sync.client.pinned_tsa import PinnedTimeStamper
    from sync.client.transport import SyncError

    data = path.read_bytes()
    check = check_signature(data)
    if not (check.signed and check.intact and check.valid and check.covers_whole_file):
        raise ExportError("서명된 그대로의 파일이 아닙니다 (서명이 없거나 서명 뒤에 바뀜); 아무것도 "
                          "쓰지 않았습니다",
                          "the file is not as signed (unsigned, or changed after signing); "
                          "nothing was written")
    target = out or default_out(path, datetime.now(KST))
    if target.absolute() == path.absolute():
        raise ExportError("원본 파일은 바꾸지 않습니다: 다른 --out 을 주십시오",
                          "the original file is never modified: give another --out")
    check_target(target)
    with center_connection(vault, connect_timeout=10.0) as tr:
        if tr is None:
            raise ExportError("서버에 등록되지 않은 금고입니다: 갱신에는 센터 서버가 필요합니다",
                              "this vault is not enrolled: renewal needs the center's server")
        try:
            material = refresh_material(vault, tr)
            renewed = renew(data, PinnedTimeStamper(tr, tsa_sample(vault)), material)
        except SyncError as exc:
            raise ExportError(f"갱신에는 센터 서버가 필요합니다: {exc.ko}",
                              f"renewal needs the center's server: {exc.en}") from None
        except (LtvError, TimestampUnavailable) as exc:
            raise ExportError(f"타임스탬프를 더하지 못했습니다: {exc}",
                              f"the timestamp could not be added: {exc}") from None
    when = latest_timestamp_time(renewed)
    level = check_signature(renewed).level or "B-LTA"
    sha_in = hashlib.sha256(data).hexdigest()
    kept = next((k for k in vault.list_exports() if k.sha256 == sha_in), None)
    vault.audit("export_renewed", subject=kept.case_code if kept else None,
                reason=json.dumps({"file": target.name, "from_sha256": sha_in,
                                   "sha256": hashlib.sha256(renewed).hexdigest(),
                                   "level": level}, ensure_ascii=False))
    if kept is not None:
        vault.replace_export_copy(kept.id, renewed, level=level,
                                  timestamped_at=timestamp_iso(when) or "")
    write_atomic(target, renewed)
    return Renewed(target, level, when, kept.id if kept else None)
