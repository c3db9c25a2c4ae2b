"""Issue 16 in exports: an intimate image kept in full is embedded but not drawn by the
court and police profiles (a placeholder with its hashes) unless a reason is given; the
deletion profile draws it; hash-only items are listed with their hashes, never embedded,
and the file still verifies."""
from __future__ import annotations

import json

import pytest
from export_kit import (
    EVIDENCE_VALUES,
    attachment,
    jpeg_bytes,
    make_bundle,
    pdftotext,
    record,
    render,
    run_tool,
)

from desktop.verify import verify_pdf

PDQ = "f" * 16 + "0" * 48


def _bundle(profile: str, *, show_reason=None, hash_only=False):
    photo = jpeg_bytes(1200, 900, quality=90)
    att = attachment(1, "피해사진.jpg", photo, "rec-evidence")
    att.intimate, att.pdq, att.pdq_quality = True, PDQ, 88
    files = [att]
    if hash_only:
        gone = attachment(2, "해시만.jpg", jpeg_bytes(300, 200, color=(1, 2, 3)), "rec-evidence")
        gone.hash_only, gone.intimate, gone.data, gone.pdq, gone.pdq_quality = \
            True, True, None, "0" * 64, 40
        gone.note = "원본은 피해자 휴대전화에만"
        files.append(gone)
    recs = [record("evidence", dict(EVIDENCE_VALUES, kind="image"), "rec-evidence")]
    bundle = make_bundle(profile, records=recs, attachments=files)
    bundle.show_intimate_reason = show_reason
    return bundle, photo


@pytest.mark.parametrize("profile", ["court", "police"])
def test_intimate_image_embedded_not_drawn(tmp_path, signer, profile):
    bundle, photo = _bundle(profile)
    out = tmp_path / "c.pdf"
    out.write_bytes(render(bundle, signer))
    assert out.read_bytes().count(photo) == 1  # the embedded original only
    text = pdftotext(out)
    assert "민감한 촬영물이라 이 문서에 이미지를 표시하지 않았습니다" in text
    assert f"PDQ: {PDQ}" in text and bundle.attachments[0].sha256 in text
    report = verify_pdf(out)
    assert report.ok and report.files[0].ok


def test_a_reason_draws_it_and_is_in_the_manifest(tmp_path, signer):
    bundle, photo = _bundle("court", show_reason="재판부 요청으로 문서에 표시")
    out = tmp_path / "c.pdf"
    out.write_bytes(render(bundle, signer))
    assert out.read_bytes().count(photo) == 2
    run_tool("pdfdetach", "-saveall", "-o", str(tmp_path), str(out))
    manifest = json.loads((tmp_path / "donghaeng-manifest.json").read_text(encoding="utf-8"))
    assert manifest["intimate_shown_reason"] == "재판부 요청으로 문서에 표시"
    assert manifest["files"][0]["intimate"] is True and manifest["files"][0]["pdq"] == PDQ


def test_the_deletion_profile_draws_it(tmp_path, signer):
    bundle, photo = _bundle("deletion")
    assert render(bundle, signer).count(photo) == 2


def test_hash_only_is_listed_never_embedded(tmp_path, signer):
    bundle, _photo = _bundle("court", hash_only=True)
    out = tmp_path / "c.pdf"
    out.write_bytes(render(bundle, signer))
    listing = run_tool("pdfdetach", "-list", str(out))
    assert "E001" in listing and "E002" not in listing
    text = pdftotext(out)
    assert "해시값만 보관" in text and "원본은 피해자 휴대전화에만" in text
    assert bundle.attachments[1].sha256 in text
    report = verify_pdf(out)
    assert report.ok and len(report.files) == 1 and report.files[0].ok
