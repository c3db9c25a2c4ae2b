"""Render + sign + verify for every profile, checked by our verifier and by poppler."""
from __future__ import annotations

import json
import re

import pytest
from export_kit import make_bundle, pdftotext, render, run_tool

from desktop.export.profiles import PROFILES
from desktop.verify import verify_pdf


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_round_trip_every_profile(tmp_path, signer, profile):
    bundle = make_bundle(profile)
    out = tmp_path / "case.pdf"
    out.write_bytes(render(bundle, signer))

    report = verify_pdf(out)
    assert report.ok, report.render("en")
    assert report.intact and report.valid and report.covers_whole_file
    assert report.trust == "not checked"
    assert [f.ok for f in report.files] == [True, True]

    sig = run_tool("pdfsig", str(out))
    assert "Signature is Valid" in sig
    assert "Total document signed" in sig

    fonts = run_tool("pdffonts", str(out)).splitlines()[2:]
    assert fonts, "no fonts listed"
    for line in fonts:
        assert " yes yes " in line, f"font not embedded: {line}"
        assert "Helvetica" not in line and "Courier" not in line

    text = pdftotext(out)
    assert "비밀 — 무단 배포 금지" in text
    assert "TEST-2026-0001" in text
    for a in bundle.attachments:  # each hash as one unbroken string
        assert a.sha256 in text and a.md5 in text
    pages = text.count("\f")
    assert re.search(rf"\b1 ?/ ?{pages}\b", text) and re.search(rf"\b{pages} ?/ ?{pages}\b", text)


def test_embedded_files_are_the_originals(tmp_path, signer):
    bundle = make_bundle("court")
    original = bundle.attachments[0].data     # rendering releases the bundle's copies
    out = tmp_path / "case.pdf"
    out.write_bytes(render(bundle, signer))
    detach = tmp_path / "detached"
    detach.mkdir()
    run_tool("pdfdetach", "-saveall", "-o", str(detach), str(out))
    names = sorted(p.name for p in detach.iterdir())
    assert names == sorted(["E001_대화캡처.jpg", "E002_진술서.txt", "donghaeng-manifest.json"])
    assert (detach / "E001_대화캡처.jpg").read_bytes() == original
    manifest = json.loads((detach / "donghaeng-manifest.json").read_text())
    assert manifest["case"] == "TEST-2026-0001"
    assert [f["sha256"] for f in manifest["files"]] == [a.sha256 for a in bundle.attachments]


def test_cover_names_recipient_purpose_signer(tmp_path, signer):
    bundle = make_bundle("police")
    out = tmp_path / "case.pdf"
    out.write_bytes(render(bundle, signer))
    text = pdftotext(out)
    cover = text.split("\f")[0]
    assert "디지털성범죄 안심지원센터" in cover
    assert "2026년 3월 5일 14:30 KST" in cover      # written out, as on screen
    assert PROFILES["police"].recipient["ko"] in cover
    assert "활동가김" in cover
    assert signer.fingerprint in cover
    assert "기관의 확인을 받지" in cover            # device-local certificate note
    assert "목차" in text.split("\f")[1]


def test_english_export(tmp_path, signer):
    bundle = make_bundle("medical", lang="en")
    out = tmp_path / "case.pdf"
    out.write_bytes(render(bundle, signer))
    text = pdftotext(out)
    assert "Case record" in text and "Companion activity" in text
    assert "Client" in text and "Telegram" in text  # English labels and choice labels
    assert "Age band" in text and "14-16" in text    # a computed field, in English
    assert "1 March 2026" in text and "2026-03-01" not in text


def test_withheld_fields_never_reach_the_pdf(tmp_path, signer):
    bundle = make_bundle("deletion")
    out = tmp_path / "case.pdf"
    out.write_bytes(render(bundle, signer))
    text = pdftotext(out)
    assert "홍길순" not in text and "010-0000-9876" not in text
    assert "@offender_handle" not in text
    assert "비공개(제외됨) / withheld" in text
    assert "텔레그램" in text      # sensitive fields are shown


def test_choice_ids_become_labels_and_groups_render(tmp_path, signer):
    out = tmp_path / "case.pdf"
    out.write_bytes(render(make_bundle("court"), signer))
    text = pdftotext(out)
    assert "불법촬영, 유포 협박" in text
    assert "텔레그램" in text and "@offender_handle" in text
    assert "예" in text


def test_override_reason_is_on_the_cover(tmp_path, signer):
    bundle = make_bundle("court", override="법원의 긴급 제출 명령 (2026고합123)")
    out = tmp_path / "case.pdf"
    out.write_bytes(render(bundle, signer))
    cover = pdftotext(out).split("\f")[0]
    assert "동의 없이 내보냄" in cover
    assert "법원의 긴급 제출 명령 (2026고합123)" in cover


def test_emoji_become_visible_placeholders(tmp_path, signer):
    bundle = make_bundle("court")
    bundle.records[0].values["summary"] = "무서웠다 😱😀 then 👍🏽 ok 🇰🇷 끝"
    out = tmp_path / "case.pdf"
    out.write_bytes(render(bundle, signer))
    text = pdftotext(out)
    assert "무서웠다 [U+1F631][U+1F600] then [U+1F44D] ok [U+1F1F0][U+1F1F7] 끝" in text


def test_empty_values_are_left_out_and_empty_record_says_so(tmp_path, signer):
    from export_kit import record

    bundle = make_bundle("court", records=[record("intake", {}, "rec-empty")], attachments=[])
    out = tmp_path / "case.pdf"
    out.write_bytes(render(bundle, signer))
    text = pdftotext(out)
    assert "(입력된 값 없음)" in text
    assert "첨부 파일이 없습니다." in text
    assert verify_pdf(out).ok


def test_footer_and_contents_page_numbers_match_the_pages(tmp_path, signer):
    """Page numbers are drawn before they are known (footer "n / N", contents) and
    filled in at the end of the layout: each must still name the right page."""
    from export_kit import attachment, jpeg_bytes

    bundle = make_bundle("court", attachments=[
        attachment(n, f"photo{n}.jpg", jpeg_bytes(300 + n, 200), "rec-evidence")
        for n in (1, 2, 3)])
    bundle.records[0].values["summary"] = "긴 진술 내용입니다. " * 900   # several pages
    out = tmp_path / "case.pdf"
    out.write_bytes(render(bundle, signer))
    pages = pdftotext(out).split("\f")[:-1]
    total = len(pages)
    assert total >= 8
    for n, page in enumerate(pages, 1):
        assert re.search(rf"(?<!\d){n} / {total}(?!\d)", page), f"page {n}: footer"

    toc = run_tool("pdftotext", "-layout", "-enc", "UTF-8", "-f", "2", "-l", "2", str(out), "-")
    listed = {}
    for line in toc.splitlines():
        m = re.match(r"\s*(\d+\. .+?\)|E\d{3} · \S+)\s+(\d+)\s*$", line)
        if m:
            listed[m.group(1)] = int(m.group(2))
    assert len(listed) == len(bundle.records) + 3, listed
    for heading, page in listed.items():
        # an image's page is the one with its caption (the evidence record lists it too)
        seen = heading + " · SHA-256" if heading.startswith("E") else heading
        first = next(n for n, text in enumerate(pages, 1) if n > 2 and seen in text)
        assert first == page, f"{heading}: contents say {page}, found on {first}"
    assert listed["E003 · photo3.jpg"] == total - 1      # the signature page is last
