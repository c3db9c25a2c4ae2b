"""From a vault and the form registry to an ExportBundle: which records, which files, and
whether a consent in effect permits the export at all."""
from __future__ import annotations

import functools
import hashlib
import io
from datetime import datetime

from desktop.export.bundle import AttachmentEntry, ExportBundle, RecordEntry, RecordMeta
from desktop.export.errors import ExportError, ExportRefused
from desktop.export.images import sniff_mime
from desktop.export.profiles import Profile
from desktop.export.signing import center_name
from forms.model import generic_path

CONSENT_FORM = "consent"


def _form_of(registry, record):
    try:
        return registry.get(record.form, record.form_version)
    except KeyError:
        try:
            return registry.latest(record.form)
        except KeyError:
            raise ExportError(f"알 수 없는 양식의 기록입니다: {record.form} ({record.id})",
                              f"record of an unknown form: {record.form} ({record.id})") from None


def _file_fields(vault, record_id: str) -> set[str]:
    return {a.field for a in vault.list_attachments(record_id=record_id)
            if a.field and not getattr(a, "removed", False)}


def check_consent(vault, records, profile: Profile, today) -> tuple[str | None, list]:
    """(id of a consent permitting this profile's recipients, reasons lines if none)."""
    from forms import consent_covers, consent_status

    reasons: list[tuple[str, str]] = []
    for rec in records:
        if rec.form != CONSENT_FORM or rec.deleted:
            continue
        signed = _file_fields(vault, rec.id)
        status = consent_status(rec.values, signed="signature" in signed, today=today,
                                signed_fields=signed)
        if any(consent_covers(status, r) for r in profile.consent_recipients):
            return rec.id, []
        short = rec.id[:13]
        if not status.in_effect:
            reasons += [(f"{short}: {p.message_ko}", f"{short}: {p.message_en}")
                        for p in status.reasons]
        else:
            wanted = "/".join(profile.consent_recipients)
            reasons.append((f"{short}: 제공 대상({wanted}) 또는 제3자 제공·민감정보 목적에 "
                            f"동의하지 않았습니다.",
                            f"{short}: does not consent to provision to {wanted} "
                            f"(recipient or purpose missing)."))
    return None, reasons


def _recipient_names(ids: tuple[str, ...]) -> tuple[str, str]:
    """The recipients as the consent form names them, ko and en ("법원", "Courts")."""
    from forms import load_registry

    labels = {c.id: c.label for c in load_registry().choice_list("consent_recipients")}
    return ("/".join(labels.get(i, {}).get("ko", i) for i in ids),
            "/".join(labels.get(i, {}).get("en", i) for i in ids))


def refusal(case_code: str, profile: Profile, reasons: list) -> ExportRefused:
    wanted_ko, wanted = _recipient_names(profile.consent_recipients)
    head = (f"내보낼 수 없습니다: 사례 {case_code}에 '{wanted_ko}' 제공에 대한 유효한 서명 동의가 "
            f"없습니다 (불가피하면 동의 예외 사유를 적어 내보내십시오)",
            f"export refused: case {case_code} has no signed consent in effect for "
            f"'{wanted}' (if unavoidable: --override-consent REASON)")
    if not reasons:
        reasons = [("동의서 기록이 없습니다.", "there is no consent record.")]
    return ExportRefused("", lines=[head, *reasons])


def _sort_key(profile: Profile, rec):
    return (profile.forms.index(rec.form), rec.created, rec.id)


def collect(vault, registry, case_code: str, profile: Profile, *, lang: str, now: datetime,
            recipient: str | None, purpose: str | None,
            override_reason: str | None) -> ExportBundle:
    if vault.get_case(case_code) is None:
        raise ExportError(f"사례가 없습니다: {case_code}", f"no such case: {case_code}")
    records = [r for r in vault.list_records(case_code=case_code) if not r.deleted]
    if not records:
        raise ExportError(f"사례 {case_code}에 기록이 없어 내보낼 것이 없습니다",
                          f"case {case_code} has no records: nothing to export")
    consent_id, reasons = check_consent(vault, records, profile, now.date())
    override = (override_reason or "").strip() or None
    if consent_id is None and override is None:
        raise refusal(case_code, profile, reasons)
    chosen = sorted((r for r in records if profile.includes_form(r.form)),
                    key=lambda r: _sort_key(profile, r))
    if not chosen:
        raise ExportError(
            f"'{profile.id}' 프로필에 들어갈 기록이 사례 {case_code}에 없습니다",
            f"case {case_code} has no records that the '{profile.id}' profile includes")
    entries: list[RecordEntry] = []
    files: list[AttachmentEntry] = []
    for rec in chosen:
        form = _form_of(registry, rec)
        entries.append(RecordEntry(form, dict(rec.values), RecordMeta(
            rec.id, rec.form, rec.form_version, rec.version, rec.author, rec.created,
            rec.updated)))
        classes = {path: f.classification for path, f in form.fields()}
        for att in vault.list_attachments(record_id=rec.id):
            if getattr(att, "removed", False):
                continue
            path = generic_path(att.field) if att.field else None
            if not profile.shows(classes.get(path, "sensitive") if path else "sensitive"):
                continue  # withheld: neither listed, shown nor embedded
            files.append(AttachmentEntry(
                number=len(files) + 1, name=att.name, size=att.size, sha256=att.sha256,
                md5=att.md5, imported_at=str(att.imported_at), record_id=rec.id,
                field=att.field, read=functools.partial(vault.read_attachment, att.id),
                mime=att.media_type or "application/octet-stream",
                hash_only=att.hash_only, intimate=is_intimate(rec.form, rec.values),
                pdq=att.pdq, pdq_quality=att.pdq_quality,
                vpdq_frames=len(att.vpdq) if att.vpdq is not None else None,
                note=att.note))
    return ExportBundle(
        case_code=case_code, worker=vault.worker, center_name=center_name(vault, lang),
        profile=profile, recipient=recipient or profile.recipient["en" if lang == "en" else "ko"],
        purpose=purpose or profile.purpose["en" if lang == "en" else "ko"], lang=lang,
        exported_at=now, records=entries, attachments=files,
        override_reason=override if consent_id is None else None,
        consent_record_id=consent_id)


def is_intimate(form_id: str, values: dict) -> bool:
    """An evidence item's `intimate` answer (evidence v2), else the default rule: images and
    videos are intimate (v1 records, an unanswered question)."""
    if form_id != "evidence":
        return False
    answer = values.get("intimate")
    if isinstance(answer, bool):
        return answer
    return values.get("kind") in ("image", "video")


def has_intimate_image(vault, case_code: str) -> bool:
    """Whether the case holds an intimate image kept in full (not hash-only, not removed):
    the one thing the court and police profiles decline to draw, so the one time the app
    asks whether to draw it after all (issue 16)."""
    for rec in vault.list_records(case_code=case_code):
        if rec.deleted or not is_intimate(rec.form, rec.values):
            continue
        for att in vault.list_attachments(record_id=rec.id):
            if not getattr(att, "removed", False) and not att.hash_only and \
                    (att.media_type or "").startswith("image/"):
                return True
    return False


def load_files(bundle: ExportBundle, lang: str) -> None:
    """Read every file, checking size and SHA-256 against the manifest; all problems are
    reported together and nothing is exported if any file is missing or altered."""
    problems = []
    for a in bundle.attachments:
        if a.hash_only:
            continue  # no bytes exist: its hashes are what the export shows
        sha, buf = hashlib.sha256(), io.BytesIO()   # BytesIO grows without a second copy
        try:
            for chunk in a.read():
                sha.update(chunk)
                buf.write(chunk)
        except Exception as exc:  # the vault's own errors carry a ko/en message
            message = getattr(exc, "message", None)
            detail = message(lang) if callable(message) else str(exc)
            problems.append((f"첨부 {a.label} '{a.name}'을(를) 읽을 수 없습니다: {detail}",
                             f"attachment {a.label} '{a.name}' cannot be read: {detail}"))
            continue
        if sha.hexdigest() != a.sha256 or buf.tell() != a.size:
            problems.append((f"첨부 {a.label} '{a.name}'의 해시값이 기록과 다릅니다 (손상 또는 변조)",
                             f"attachment {a.label} '{a.name}' does not match its recorded "
                             f"hash (damaged or altered)"))
            continue
        a.data = buf.getvalue()
        del buf
        a.mime = sniff_mime(a.data[:16])
    if problems:
        raise ExportError("", lines=problems)
