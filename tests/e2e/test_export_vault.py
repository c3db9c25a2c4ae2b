"""export_case against a real vault (SQLCipher, encrypted attachments) and the shipped
forms: every profile, consent gating and override, bad input, audit, the signer identity."""
from __future__ import annotations

import io
import json
from datetime import date, datetime

import pytest

from crypto.kdf import CHEAP
from desktop.export import ExportError, ExportRefused, export_case, export_certificate_pem
from desktop.export.bundle import KST
from desktop.verify import verify_pdf

PASS = "correct horse battery staple 7"
CASE = "KIM-2026-0001"
NOW = datetime.now(KST).replace(microsecond=0)


def _jpeg(w=1200, h=900) -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (w, h), (90, 140, 200))
    ImageDraw.Draw(img).rectangle((0, 0, w // 3, h // 3), fill=(220, 30, 30))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()


def _put(vault, registry, form_id, values, case=CASE):
    form = registry.latest(form_id)
    return vault.put_record(form.id, form.version, values, case_code=case)


def _attach(vault, ref, field, name, data):
    return vault.import_attachment(ref.id, io.BytesIO(data), name, field=field)


@pytest.fixture(scope="module")
def registry():
    from forms import load_registry

    return load_registry()


def build_case(vault, registry, code=CASE, *, consent=True, recipients=None):
    from forms.examples import example

    vault.ensure_case(code)
    _put(vault, registry, "intake", example("intake"), code)
    if consent:
        values = example("consent")
        if recipients is not None:
            values["recipients"] = recipients
        ref = _put(vault, registry, "consent", values, code)
        _attach(vault, ref, "signature", "signature.png", _png())
    _put(vault, registry, "incident", example("incident"), code)
    _put(vault, registry, "support_plan", example("support_plan"), code)
    for day in ("2026-02-01", "2026-02-15"):
        _put(vault, registry, "companion_session", {**example("companion_session"), "date": day},
             code)
    ev = _put(vault, registry, "evidence", example("evidence"), code)
    _attach(vault, ev, "attachment", "chat-screenshot.jpg", _jpeg())
    _attach(vault, ev, "attachment", "chat-log.txt", "대화 기록 (가상)\n".encode())
    return ev


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (300, 100), "white").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def vault(tmp_path, registry):
    from desktop.vault import Vault

    v = Vault.create(tmp_path / "home", "김활동", PASS, kdf=CHEAP)
    build_case(v, registry)
    yield v
    v.lock()


def _exports(vault) -> list[dict]:
    return [json.loads(e.reason) for e in vault.audit_entries() if e.action == "export"]


@pytest.mark.parametrize("profile", ["court", "police", "medical", "deletion"])
def test_every_profile_exports_and_verifies(tmp_path, vault, registry, profile):
    out = tmp_path / "out"
    out.mkdir()
    result = export_case(vault, registry, CASE, profile, out, now=NOW)
    assert result.path == out / f"{CASE}_{NOW:%Y%m%d}.pdf"
    assert result.pages >= 5
    report = verify_pdf(result.path)
    assert report.ok, report.render("en")
    assert report.case == CASE
    audit = _exports(vault)[-1]
    assert audit["sha256"] == result.sha256 and audit["profile"] == profile
    assert audit["records"] and audit["recipient"]
    import hashlib

    assert hashlib.sha256(result.path.read_bytes()).hexdigest() == result.sha256


def test_deletion_profile_withholds_identity_and_signature_image(tmp_path, vault, registry):
    from tests.e2e.export_kit_e2e import pdftotext

    result = export_case(vault, registry, CASE, "deletion", tmp_path / "d.pdf", now=NOW)
    text = pdftotext(result.path)
    assert "김가명" not in text and "010-0000-0000" not in text
    assert "비공개(제외됨) / withheld" in text
    names = [f.name for f in verify_pdf(result.path).files]
    assert "signature.png" not in names          # identifying attachment: not embedded
    assert "chat-screenshot.jpg" in names


def test_court_export_shows_activity_table(tmp_path, vault, registry):
    from tests.e2e.export_kit_e2e import pdftotext

    result = export_case(vault, registry, CASE, "court", tmp_path / "c.pdf", now=NOW)
    text = pdftotext(result.path)
    assert "동행 지원 활동 내역" in text
    assert "2026년 2월 1일\n14:00–16:30" in text and "2시간 30분" in text
    assert "활동가 이예시\n활동가 박샘플" in text


def test_no_consent_is_refused_and_writes_nothing(tmp_path, vault, registry):
    build_case(vault, registry, "KIM-2026-0002", consent=False)
    target = tmp_path / "x.pdf"
    with pytest.raises(ExportRefused) as err:
        export_case(vault, registry, "KIM-2026-0002", "court", target, now=NOW)
    assert "내보낼 수 없습니다" in err.value.message("ko")
    assert "export refused" in err.value.message("en")
    assert not target.exists() and list(tmp_path.iterdir()) == [tmp_path / "home"]


def test_consent_for_another_recipient_is_refused(tmp_path, vault, registry):
    build_case(vault, registry, "KIM-2026-0003", recipients=["police"])
    with pytest.raises(ExportRefused) as err:
        export_case(vault, registry, "KIM-2026-0003", "court", tmp_path / "x.pdf", now=NOW)
    assert "court" in err.value.message("en")
    export_case(vault, registry, "KIM-2026-0003", "police", tmp_path / "p.pdf", now=NOW)


def test_override_exports_prints_and_audits_the_reason(tmp_path, vault, registry):
    from tests.e2e.export_kit_e2e import pdftotext

    build_case(vault, registry, "KIM-2026-0004", consent=False)
    reason = "법원 문서제출명령 (2026가합1234)"
    result = export_case(vault, registry, "KIM-2026-0004", "court", tmp_path / "o.pdf",
                         override_reason=reason, now=NOW)
    assert reason in pdftotext(result.path).split("\f")[0]
    assert _exports(vault)[-1]["override_reason"] == reason
    assert verify_pdf(result.path).ok


def test_withdrawn_consent_is_refused_with_its_reason(tmp_path, vault, registry):
    from forms.examples import example

    vault.ensure_case("KIM-2026-0005")
    _put(vault, registry, "intake", example("intake"), "KIM-2026-0005")
    ref = _put(vault, registry, "consent", {**example("consent"), "withdrawn": True,
                                            "withdrawn_date": date.today().isoformat()},
               "KIM-2026-0005")
    _attach(vault, ref, "signature", "s.png", _png())
    with pytest.raises(ExportRefused) as err:
        export_case(vault, registry, "KIM-2026-0005", "court", tmp_path / "x.pdf", now=NOW)
    assert "the consent was withdrawn" in err.value.message("en")


def test_empty_and_unknown_cases(tmp_path, vault, registry):
    vault.ensure_case("KIM-2026-0009")
    with pytest.raises(ExportError) as err:
        export_case(vault, registry, "KIM-2026-0009", "court", tmp_path / "x.pdf",
                    override_reason="test")
    assert "has no records" in err.value.message("en")
    with pytest.raises(ExportError) as err:
        export_case(vault, registry, "NOPE-1", "court", tmp_path / "x.pdf")
    assert "no such case" in err.value.message("en")
    with pytest.raises(ExportError) as err:
        export_case(vault, registry, CASE, "press", tmp_path / "x.pdf")
    assert "unknown export profile" in err.value.message("en")
    assert not (tmp_path / "x.pdf").exists()


def _blob(vault, name: str):
    att = next(a for a in vault.list_attachments(case_code=CASE) if a.name == name)
    from desktop.vault.attachments import final_path

    return final_path(vault.paths.attachments, att.id)


def test_missing_attachment_fails_and_keeps_old_file(tmp_path, vault, registry):
    target = tmp_path / "c.pdf"
    target.write_bytes(b"old export")
    _blob(vault, "chat-log.txt").unlink()
    with pytest.raises(ExportError) as err:
        export_case(vault, registry, CASE, "court", target, now=NOW)
    assert "E00" in err.value.message("en") and "chat-log.txt" in err.value.message("en")
    assert target.read_bytes() == b"old export"


def test_altered_attachment_fails(tmp_path, vault, registry):
    blob = _blob(vault, "chat-screenshot.jpg")
    data = bytearray(blob.read_bytes())
    data[len(data) // 2] ^= 0xFF
    blob.write_bytes(bytes(data))
    with pytest.raises(ExportError) as err:
        export_case(vault, registry, CASE, "court", tmp_path / "c.pdf", now=NOW)
    assert "chat-screenshot.jpg" in err.value.message("ko")
    assert not (tmp_path / "c.pdf").exists()


def test_unwritable_or_missing_target_folder(tmp_path, vault, registry):
    with pytest.raises(ExportError) as err:
        export_case(vault, registry, CASE, "court", tmp_path / "nope" / "c.pdf", now=NOW)
    assert "no such folder" in err.value.message("en")
    with pytest.raises(ExportError) as err:
        export_case(vault, registry, CASE, "court", "/proc/self/c.pdf", now=NOW)
    assert "cannot write to the target folder" in err.value.message("en")


def test_signer_identity_is_kept_in_the_vault(tmp_path, vault, registry):
    a = export_case(vault, registry, CASE, "court", tmp_path / "a.pdf", now=NOW)
    b = export_case(vault, registry, CASE, "police", tmp_path / "b.pdf", now=NOW)
    pem = export_certificate_pem(vault)
    assert pem.startswith(b"-----BEGIN CERTIFICATE-----")
    ra, rb = verify_pdf(a.path, trust_pem=pem), verify_pdf(b.path, trust_pem=pem)
    assert ra.fingerprint == rb.fingerprint
    assert ra.trust == rb.trust == "trusted"
    assert vault.get_meta("signing.key").startswith(b"-----BEGIN PRIVATE KEY-----")


def test_long_narrative_and_emoji_paginate(tmp_path, vault, registry):
    from forms.examples import example
    from tests.e2e.export_kit_e2e import pdftotext

    vault.ensure_case("KIM-2026-0010")
    sentence = "피해자는 상대방이 사진을 유포하겠다고 협박했다고 진술했다 😢. The offender wrote in English too. "
    narrative = (sentence * (50_000 // len(sentence) + 1))[:49_990] + " 마지막 문장."
    values = {**example("incident"), "narrative": narrative}
    _put(vault, registry, "incident", values, "KIM-2026-0010")
    result = export_case(vault, registry, "KIM-2026-0010", "court", tmp_path / "n.pdf",
                         override_reason="긴 진술 테스트", now=NOW)
    assert result.pages > 15
    text = pdftotext(result.path)
    assert "마지막 문장." in text and "[U+1F622]" in text
    assert verify_pdf(result.path).ok
