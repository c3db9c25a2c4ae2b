"""Issue 12, the court PDF as a clerk reads it: human times and no internal ids in the
text, the consent signature labelled as such, contact details withheld by default (with
what and why on the cover), long embedded file names that every file system takes."""
from __future__ import annotations

import re
import subprocess

from export_kit import (
    INTAKE_VALUES,
    attachment,
    jpeg_bytes,
    make_bundle,
    pdftotext,
    png_bytes,
    record,
    render,
)

IDS = ("01a249ac-b5fb-723a-9251-c397a94d19a4", "01a249ac-b5f7-70ca-ae7d-0c47c0129a0f",
       "01a249ac-b62a-7680-96ee-15ee46a7d667")
CONSENT = {
    "consent_date": "2026-03-01", "subject_name": "홍길순", "birth_date": "1990-05-17",
    "purposes": ["third_party_provision", "sensitive_info"], "recipients": ["court"],
    "valid_from": "2026-03-01", "valid_until": "2027-03-01",
    "consent_method": "drawn_on_device",
}
INTAKE = dict(INTAKE_VALUES, contact_phone="010-0000-9876",
              safe_contact_hours="평일 오후 6시 이후에만",
              contact_cautions="가족이 휴대전화를 볼 수 있음")


def _bundle(**kw):
    consent_id, intake_id, ev_id = IDS
    records = [record("intake", dict(INTAKE), intake_id),
               record("consent", dict(CONSENT), consent_id),
               record("evidence", {"kind": "screenshot", "title": "대화 화면 캡처"}, ev_id)]
    files = kw.pop("files", None) or [
        attachment(1, "서명.png", png_bytes(), consent_id, field="signature"),
        attachment(2, "대화캡처.jpg", jpeg_bytes(), ev_id)]
    b = make_bundle("court", records=records, attachments=files, **kw)
    b.consent_record_id = consent_id
    return b


def _text(tmp_path, bundle, signer, name="c.pdf"):
    out = tmp_path / name
    out.write_bytes(render(bundle, signer))
    return out, pdftotext(out)


def test_no_iso_times_and_no_internal_ids_in_the_text(tmp_path, signer):
    _, text = _text(tmp_path, _bundle(), signer)
    assert not re.search(r"\d{4}-\d\d-\d\d", text), re.findall(r".*\d{4}-\d\d-\d\d.*", text)
    for rid in IDS:
        assert rid not in text and rid[:13] not in text
    cover = text.split("\f")[0]
    assert "2. 동의서 (2026년 3월 1일)" in cover.replace("\n", " ") or "동의서 (2026년" in cover


def test_consent_signature_is_labelled_as_the_consent_signature(tmp_path, signer):
    _, text = _text(tmp_path, _bundle(), signer)
    pages = text.split("\f")
    sig_page = next(p for p in pages if "E001 · 서명.png · SHA-256" in p)
    assert "동의서 — 본인 서명" in sig_page and "이미지 증거" not in sig_page
    ev_page = next(p for p in pages if "E002 · 대화캡처.jpg · SHA-256" in p)
    assert "이미지 증거" in ev_page and "동의서" not in ev_page


def test_court_profile_withholds_contacts_and_says_what_and_why(tmp_path, signer):
    _, text = _text(tmp_path, _bundle(), signer)
    for secret in ("010-0000-9876", "평일 오후 6시 이후에만", "가족이 휴대전화를", "문자 메시지"):
        assert secret not in text
    assert "비공개(연락처 보호)" in text
    cover = text.split("\f")[0].replace("\n", " ")
    assert "연락처 정보" in cover and "가림: 연락처" in cover and "연락 시 주의사항" in cover
    assert "피고인" in cover
    _, en = _text(tmp_path, _bundle(lang="en"), signer, "en.pdf")
    assert "010-0000-9876" not in en and "withheld: Phone number" in en.replace("\n", " ")


def test_contacts_included_with_the_reason_on_the_cover(tmp_path, signer):
    b = _bundle()
    b.contacts_reason = "재판부가 증인 소환을 위해 요청함"
    _, text = _text(tmp_path, b, signer)
    assert "010-0000-9876" in text and "가족이 휴대전화를 볼 수 있음" in text
    cover = text.split("\f")[0].replace("\n", " ")
    assert "포함함 — 사유: 재판부가 증인 소환을 위해 요청함" in cover


def test_other_profiles_keep_contacts(tmp_path, signer):
    b = _bundle()
    from desktop.export.profiles import PROFILES

    b.profile = PROFILES["police"]
    _, text = _text(tmp_path, b, signer)
    assert "010-0000-9876" in text and "연락처 정보" not in text.split("\f")[0]


def test_contact_fields_of_the_shipped_forms():
    """The list docs/export.md gives: by type and classification, or the safe-contact
    section, from the real definitions."""
    from desktop.export.redaction import contact_paths
    from forms import load_registry

    reg = load_registry()
    found = {f"{fid}.{p}" for fid in ("intake", "consent", "referral", "incident",
                                     "support_plan", "companion_session", "evidence",
                                     "case_closure")
             for p in contact_paths(reg.latest(fid))}
    assert found == {"intake.contact_phone", "intake.safe_contact_method",
                     "intake.contact_email", "intake.safe_contact_hours",
                     "intake.contact_cautions", "consent.guardian_phone"}


def test_long_korean_names_all_extract_with_pdfdetach(tmp_path, signer):
    import json

    ev = IDS[2]
    names = [f"{i}_" + "피해자가제출한대화내용캡처화면" * 8 + f"_{i}.txt" for i in range(1, 10)]
    assert all(len(n.encode()) > 255 for n in names)
    files = [attachment(i + 1, n, f"file {i}".encode(), ev) for i, n in enumerate(names)]
    out, _ = _text(tmp_path, _bundle(files=files), signer)
    dest = tmp_path / "x"
    dest.mkdir()
    proc = subprocess.run(["pdfdetach", "-saveall", "-o", str(dest), str(out)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    saved = sorted(p.name for p in dest.iterdir())
    assert len(saved) == 10, saved          # 9 files and the manifest
    assert all(len(n.encode()) <= 255 for n in saved)
    assert sum(n.endswith(".txt") for n in saved) == 9
    manifest = json.loads((dest / "donghaeng-manifest.json").read_text())
    assert [f["name"] for f in manifest["files"]] == names
    assert {f["embedded_as"] for f in manifest["files"]} <= set(saved)
