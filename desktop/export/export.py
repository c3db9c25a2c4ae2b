"""`export_case`: collect, compose, embed, sign, audit, write — in that order, all in
memory until the one atomic write into the target folder."""
from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.export.bundle import KST, SignerInfo
from desktop.export.errors import ExportError, TimestampUnavailableError
from desktop.export.profiles import get_profile

if TYPE_CHECKING:  # reportlab behind it is imported only when an export runs
    from desktop.export.images import DisplayImage

BIG_FILES = 32 << 20     # bytes of attachments above which memory is reclaimed eagerly


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sha256: str
    pages: int
    level: str = "B-B"          # PAdES baseline level reached (B-T, B-LT: desktop/export/
    #                             trusted_time.py)
    export_id: str | None = None    # the vault's encrypted copy (desktop/vault/exports_store)
    time_mode: str = ""             # ltv | pending | device | configured (trusted_time.py)


def default_name(case_code: str, now: datetime) -> str:
    """`<CASECODE>_<YYYYMMDD>.pdf`: never a person's name."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in case_code)
    return f"{safe}_{now.astimezone(KST):%Y%m%d}.pdf"


def _target(out_path, case_code: str, now: datetime) -> Path:
    if out_path is None:
        return Path.cwd() / default_name(case_code, now)
    out = Path(out_path)
    if out.is_dir():
        return out / default_name(case_code, now)
    return out


def _check_folder(folder: Path, target: Path) -> None:
    """Fail before the expensive work, with the same message the write would give."""
    from desktop.export.atomic import check_target

    if not folder.is_dir():
        raise ExportError(f"대상 폴더가 없습니다: {folder}", f"no such folder: {folder}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(f"대상 폴더에 쓸 수 없습니다: {folder} (권한 없음)",
                          f"cannot write to the target folder: {folder} (permission denied)")
    check_target(target)


def _check_reasons(override_reason: str | None, include_contacts: str | None,
                   show_intimate: str | None = None) -> None:
    """A reason given but empty is a mistake to name, not "no reason" (which, for the
    consent, would read as a refusal for want of consent)."""
    if show_intimate is not None and not show_intimate.strip():
        raise ExportError("민감한 촬영물 표시 사유가 비어 있습니다",
                          "the --show-intimate reason is empty")
    if override_reason is not None and not override_reason.strip():
        raise ExportError("동의 예외 사유가 비어 있습니다",
                          "the --override-consent reason is empty")
    if include_contacts is not None and not include_contacts.strip():
        raise ExportError("연락처 포함 사유가 비어 있습니다",
                          "the --include-contacts reason is empty")


def prepare_images(bundle) -> dict:
    from desktop.export.images import ImageTooLarge, ImageUnreadable, prepare

    out: dict[str, DisplayImage | str] = {}  # or why it cannot be shown
    hide = bundle.profile.hides_intimate and not bundle.show_intimate_reason
    for a in bundle.attachments:
        if a.is_image and a.hash_only:
            out[a.label] = "hash_only"  # a page with its hashes: there is no picture
            continue
        if not a.is_image or a.data is None:
            continue
        if hide and a.intimate:
            out[a.label] = "intimate"  # embedded, not drawn: a placeholder with the hashes
            continue
        try:
            out[a.label] = prepare(a.data)
        except ImageTooLarge:
            out[a.label] = "too_large"
        except ImageUnreadable:
            out[a.label] = "unreadable"
    return out


def render_signed(bundle, signer) -> tuple[bytes, int, str]:
    """Compose, embed and sign a loaded bundle: (signed PDF bytes, pages, PAdES level)."""
    from crypto.identity import fingerprint, is_device_local
    from crypto.pades import SignatureAppearance
    from desktop.export.compose import compose
    from desktop.export.embed import embed
    from desktop.export.manifest import manifest_json
    from desktop.export.stamp import BOX, stamp_pdf

    cert = signer.certificate
    bundle.signer = bundle.signer or SignerInfo(bundle.worker, fingerprint(cert),
                                                is_device_local(cert))
    pdf, pages = compose(bundle, prepare_images(bundle))
    buf = embed(pdf, bundle, manifest_json(bundle, pages))
    del pdf
    held = sum(a.size for a in bundle.attachments)
    for a in bundle.attachments:  # the PDF buffer holds them now; keep one copy only
        a.data = None
    if held > BIG_FILES:
        gc.collect()  # pyHanko's object graph is cyclic: free its copies before signing
    signed_at = datetime.now(KST).replace(microsecond=0)
    appearance = SignatureAppearance(BOX, stamp_pdf(bundle.signer, signed_at, bundle.lang))
    signed = signer.sign(buf, appearance=appearance, signing_time=signed_at)
    return signed, pages, getattr(signer, "last_level", "B-B") or "B-B"


def export_case(vault, registry, case_code: str, profile: str, out_path=None, *,
                recipient: str | None = None, purpose: str | None = None,
                override_reason: str | None = None, lang: str = "ko",
                now: datetime | None = None, signer=None, timestamper=None,
                without_timestamp: bool = False,
                include_contacts: str | None = None,
                show_intimate: str | None = None) -> ExportResult:
    """Export one case as a signed PDF at `out_path` (a file, a folder, or None for
    `<CASECODE>_<YYYYMMDD>.pdf` in the current folder). Raises ExportRefused without a
    consent in effect (unless `override_reason`), ExportError for anything else; in both
    cases nothing is written and an existing file at the target is left as it was.
    A configured timestamp service that does not answer raises TimestampUnavailableError
    (never a silent B-B); `without_timestamp=True` is the worker's explicit choice to sign
    with the laptop's clock only, and the cover then says so. The court profile withholds
    contact details unless `include_contacts` gives the reason (cover and audit). The court
    and police profiles embed intimate images without drawing them unless `show_intimate`
    gives the reason (audited)."""
    from crypto.ltv import CertificateRevoked, latest_timestamp_time
    from crypto.pades import SigningError, TimestampUnavailable
    from desktop.export.atomic import write_atomic
    from desktop.export.collect import collect, load_files
    from desktop.export.trusted_time import export_signer, offline_plan, timestamp_iso

    prof = get_profile(profile)
    _check_reasons(override_reason, include_contacts, show_intimate)
    now = (now or datetime.now(KST)).astimezone(KST)
    target = _target(out_path, case_code, now)
    _check_folder(target.parent, target)
    bundle = collect(vault, registry, case_code, prof, lang=lang, now=now,
                     recipient=recipient, purpose=purpose, override_reason=override_reason)
    bundle.contacts_reason = include_contacts.strip() if include_contacts else None
    bundle.show_intimate_reason = show_intimate.strip() if show_intimate else None
    load_files(bundle, lang)
    with export_signer(vault, prof, signer=signer, timestamper=timestamper,
                       without_timestamp=without_timestamp) as plan:
        try:
            signed, pages, level = _render(bundle, plan)
        except TimestampUnavailable as exc:
            if plan.mode != "ltv":
                raise TimestampUnavailableError(exc.url, exc.detail) from None
            # the center's TSA went away mid-export: B-B, queued, and the cover says so
            plan = offline_plan(plan)
            load_files(bundle, lang)
            try:
                signed, pages, level = _render(bundle, plan)
            except SigningError as exc2:
                raise ExportError(f"서명하지 못했습니다: {exc2}",
                                  f"signing failed: {exc2}") from None
        except CertificateRevoked:
            raise ExportError("서명 인증서가 폐지되었습니다: 센터에 문의하세요 (아무것도 쓰지 "
                              "않았습니다)", "your signing certificate has been revoked: ask "
                              "the center (nothing was written)") from None
        except SigningError as exc:
            raise ExportError(f"서명하지 못했습니다: {exc}", f"signing failed: {exc}") from None
    stamped_at = latest_timestamp_time(signed) if plan.mode == "ltv" else None
    sha = hashlib.sha256(signed).hexdigest()
    # Audited before the file appears: there is never an export the log does not know.
    vault.audit("export", subject=case_code, reason=json.dumps({
        "profile": prof.id, "recipient": bundle.recipient, "purpose": bundle.purpose,
        "records": [r.meta.id for r in bundle.records],
        "files": [f"{a.label}:{a.sha256}" for a in bundle.attachments],
        "consent": bundle.consent_record_id, "override_reason": bundle.override_reason,
        "contacts": ("included" if bundle.contacts_reason else "withheld")
        if prof.redacts_contacts else "shown",
        "include_contacts_reason": bundle.contacts_reason,
        "hash_only": [a.label for a in bundle.attachments if a.hash_only],
        "intimate": ("shown" if bundle.show_intimate_reason else "not drawn")
        if prof.hides_intimate else "shown",
        "show_intimate_reason": bundle.show_intimate_reason,
        "file": target.name, "sha256": sha, "pages": pages, "level": level,
    }, ensure_ascii=False))
    kept = _keep_copy(vault, case_code, prof.id, bundle, target, signed, pages, level,
                      timestamp_iso(stamped_at))
    try:
        write_atomic(target, signed)
    except ExportError:
        with contextlib.suppress(Exception):  # the write error is the one to report
            vault.audit("export_failed", subject=case_code,
                        reason=f"write failed: {target.name}")
        raise
    return ExportResult(target, sha, pages, level, kept, plan.mode)


def _render(bundle, plan) -> tuple[bytes, int, str]:
    bundle.timestamped, bundle.time_mode = plan.timestamped, plan.mode
    return render_signed(bundle, plan.signer)


def _keep_copy(vault, case_code: str, profile: str, bundle, target: Path, signed: bytes,
               pages: int, level: str, timestamped_at: str | None) -> str:
    """The vault's encrypted copy, kept before the file appears (the Exports screen lists
    every export, and saves it again if the file given out is lost; a write that then
    fails leaves the copy to save elsewhere). Returns its id."""
    case = vault.get_case(case_code)
    label = vault.case_label(case) if case is not None else case_code
    return vault.keep_export(signed, case_id=case.id if case is not None else None,
                             case_code=label, profile=profile, recipient=bundle.recipient,
                             purpose=bundle.purpose, file_name=target.name, pages=pages,
                             level=level, timestamped_at=timestamped_at,
                             saved_path=str(target.absolute())).id
