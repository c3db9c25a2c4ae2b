"""`donghaeng export`, `verify` and `cert export` as users and scripts run them."""
from __future__ import annotations

import json

import pytest

from crypto.kdf import CHEAP
from tests.e2e.cli_helpers import assert_clean_failure, run_cli
from tests.e2e.export_kit_e2e import pdftotext

DEMO_PASS = "demo-pass-for-tests-1"


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory):
    from desktop.demo import build_demo

    home = tmp_path_factory.mktemp("demo") / "home"
    build_demo(home, DEMO_PASS, kdf=CHEAP)
    return home


@pytest.mark.parametrize("profile", ["court", "police", "medical", "deletion"])
def test_demo_case_exports_for_every_profile(tmp_path, demo_home, profile):
    from desktop.verify import verify_pdf

    out = tmp_path / f"{profile}.pdf"
    r = run_cli("export", "--case", "DEMO-001", "--profile", profile, "--out", out,
                "--worker", "demo", home=demo_home, passphrase=DEMO_PASS)
    assert r.code == 0, r.err
    assert r.out.strip() == str(out)
    report = verify_pdf(out)
    assert report.ok, report.render("en")
    assert report.case == "DEMO-001" and report.files and all(f.ok for f in report.files)


def test_verify_cert_and_tamper_from_the_command_line(tmp_path, demo_home):
    out = tmp_path / "c.pdf"
    assert run_cli("export", "--case", "DEMO-001", "--profile", "court", "--out", out,
                   "--worker", "demo", "--recipient", "서울중앙지방법원 형사부",
                   "--purpose", "증거 제출", home=demo_home, passphrase=DEMO_PASS).code == 0
    cover = pdftotext(out).split("\f")[0]
    assert "서울중앙지방법원 형사부" in cover and "증거 제출" in cover

    r = run_cli("verify", out)
    assert r.code == 0 and "결과: 정상" in r.out and "확인 안 함" in r.out, r
    r = run_cli("verify", out, "--json")
    doc = json.loads(r.out)
    assert r.code == 0 and doc["ok"] and doc["trust"] == "not checked"

    pem = tmp_path / "cert.pem"
    r = run_cli("cert", "export", "--out", pem, "--worker", "demo", home=demo_home,
                passphrase=DEMO_PASS)
    assert r.code == 0, r.err
    r = run_cli("verify", out, "--trust", pem, "--lang", "en")
    assert r.code == 0 and "Trust: trusted" in r.out, r

    out.write_bytes(out.read_bytes() + b"\n%%EOF\n")
    r = run_cli("verify", out, "--lang", "en")
    assert r.code == 1 and "added after the signature" in r.out, r
    assert "Traceback" not in r.err


def test_default_name_is_case_code_and_date(tmp_path, demo_home):
    r = run_cli("export", "--case", "DEMO-001", "--profile", "medical", "--worker", "demo",
                home=demo_home, passphrase=DEMO_PASS, cwd=tmp_path)
    assert r.code == 0, r.err
    files = [p.name for p in tmp_path.iterdir()]
    assert len(files) == 1 and files[0].startswith("DEMO-001_") and files[0].endswith(".pdf")
    assert len(files[0]) == len("DEMO-001_20260101.pdf")


def test_refusal_is_one_clean_message_and_no_file(tmp_path, demo_home):
    from desktop.vault import Vault

    v = Vault.open(demo_home, "demo", DEMO_PASS)
    try:
        v.ensure_case("DEMO-NOCONSENT")
        v.put_record("intake", 1, {"intake_date": "2026-03-01"}, case_code="DEMO-NOCONSENT")
    finally:
        v.lock()
    out = tmp_path / "x.pdf"
    r = run_cli("export", "--case", "DEMO-NOCONSENT", "--profile", "court", "--out", out,
                "--worker", "demo", "--lang", "en", home=demo_home, passphrase=DEMO_PASS)
    assert_clean_failure(r)
    assert "export refused" in r.err and "--override-consent" in r.err
    assert not out.exists()
    r = run_cli("export", "--case", "DEMO-NOCONSENT", "--profile", "court", "--out", out,
                "--worker", "demo", "--override-consent", "수사기관 긴급 요청",
                home=demo_home, passphrase=DEMO_PASS)
    assert r.code == 0, r.err
    assert "수사기관 긴급 요청" in pdftotext(out).split("\f")[0]
