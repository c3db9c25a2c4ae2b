"""Test kit for the export tests: bundles built directly from plain data (no vault) over
the real form definitions, and helpers around the poppler tools that check our PDFs
independently."""
from __future__ import annotations

import hashlib
import io
import subprocess
from datetime import datetime
from pathlib import Path

from desktop.export.bundle import (
    KST,
    AttachmentEntry,
    ExportBundle,
    RecordEntry,
    RecordMeta,
)
from desktop.export.profiles import PROFILES
from forms import load_registry

REGISTRY = load_registry()

NOW = datetime(2026, 3, 5, 14, 30, tzinfo=KST)


def jpeg_bytes(w=900, h=600, color=(120, 170, 220), orientation=None, quality=85) -> bytes:
    """A JPEG with a red block in its top-left corner (to check orientation)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (w, h), color)
    ImageDraw.Draw(img).rectangle((0, 0, w // 3, h // 3), fill=(230, 20, 20))
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality, exif=exif)
    return out.getvalue()


def png_bytes(w=400, h=300) -> bytes:
    from PIL import Image

    img = Image.new("RGBA", (w, h), (10, 200, 10, 128))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def attachment(number: int, name: str, data: bytes, record_id: str, field: str = "attachment",
               mime: str | None = None) -> AttachmentEntry:
    from desktop.export.images import sniff_mime

    return AttachmentEntry(
        number=number, name=name, size=len(data), sha256=hashlib.sha256(data).hexdigest(),
        md5=hashlib.md5(data).hexdigest(), imported_at="2026-03-01T01:02:03+00:00",
        record_id=record_id, field=field, read=lambda: [data],
        mime=mime or sniff_mime(data[:16]), data=data)


def record(form_id: str, values: dict, rid: str, created="2026-03-01T01:00:00+00:00"):
    form = REGISTRY.latest(form_id)
    return RecordEntry(form, values,
                       RecordMeta(rid, form_id, form.version, 1, "활동가김", created, created))


# Valid values of the shipped forms (tests check they validate). The client is 15 on the
# intake date: the computed age band is 만 14~16세 and "minor" is yes.
INTAKE_VALUES = {
    "intake_date": "2026-03-01", "channel": "phone", "reporter": "victim", "worker": "활동가김",
    "client_name": "홍길순", "birth_date": "2010-05-17", "gender": "female",
    "district": "gwanak", "contact_phone": "010-0000-9876",
    "safe_contact_method": "text_message", "immediate_danger": False, "self_harm_risk": False,
    "summary": "피해자는 온라인 채팅에서 만난 상대에게 협박을 받았다고 진술하였다. 😀 OK.",
    "support_areas": ["investigation", "deletion"], "urgency": "high",
}
INCIDENT_VALUES = {
    "crime_types": ["illegal_filming", "sextortion"], "platforms": ["telegram"],
    "occurred_date": "2026-02-10", "discovered_date": "2026-02-12",
    "first_report_date": "2026-02-20", "relationship": "online_acquaintance",
    "offenders_known": True,
    "offenders": [{"alias": "@offender_handle", "platform": "telegram",
                   "relation": "online_acquaintance"}],
    "narrative": "상대가 영상을 유포하겠다고 협박하였다.", "distribution_confirmed": False,
    "threat_ongoing": True, "police_reported": False, "not_reported_reason": "undecided",
}
SESSION_VALUES = {
    "date": "2026-03-02", "start_time": "14:00", "end_time": "16:30", "place_type": "police",
    "place": "서울 OO경찰서", "purpose": ["complaint_filing"],
    "workers": [{"name": "활동가김", "role": "lead"}], "what_happened": "고소장 접수에 동행함.",
    "victim_condition": "anxious", "outcome": "completed", "outcome_notes": "진술 조력",
}
EVIDENCE_VALUES = {
    "kind": "screenshot", "title": "대화 화면 캡처", "platform": "telegram",
    "found_date": "2026-02-12", "found_by": "victim",
}


def make_bundle(profile="court", *, records=None, attachments=None, lang="ko",
                override=None) -> ExportBundle:
    if records is None:
        records = [
            record("intake", dict(INTAKE_VALUES), "rec-intake"),
            record("incident", dict(INCIDENT_VALUES), "rec-incident"),
            record("companion_session", dict(SESSION_VALUES), "rec-session"),
            record("evidence", dict(EVIDENCE_VALUES), "rec-evidence"),
        ]
    if attachments is None:
        attachments = [
            attachment(1, "대화캡처.jpg", jpeg_bytes(), "rec-evidence"),
            attachment(2, "진술서.txt", "진술 내용 텍스트".encode(), "rec-evidence"),
        ]
    prof = PROFILES[profile]
    return ExportBundle(
        case_code="TEST-2026-0001", worker="활동가김", center_name="디지털성범죄 안심지원센터",
        profile=prof, recipient=prof.recipient[lang], purpose=prof.purpose[lang], lang=lang,
        exported_at=NOW, records=records, attachments=attachments,
        override_reason=override, consent_record_id=None if override else "rec-consent")


def render(bundle, signer) -> bytes:
    from desktop.export.export import render_signed

    signed, _pages, _level = render_signed(bundle, signer)
    return signed


def run_tool(*args) -> str:
    proc = subprocess.run(list(args), capture_output=True, text=True, timeout=60)
    return proc.stdout + proc.stderr


def pdftotext(path: Path) -> str:
    return run_tool("pdftotext", "-enc", "UTF-8", str(path), "-")
