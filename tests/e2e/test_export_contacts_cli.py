"""Issue 12: `export … --include-contacts REASON` includes the court profile's withheld
contact details with the reason on the cover and in the audit entry; empty reasons are
named as empty."""
from __future__ import annotations

import json

import pytest

from crypto.kdf import CHEAP
from tests.e2e.cli_helpers import assert_clean_failure, run_cli
from tests.e2e.export_kit_e2e import pdftotext

PASS = "demo-pass-for-tests-1"


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    from desktop.demo import build_demo

    h = tmp_path_factory.mktemp("contacts") / "home"
    build_demo(h, PASS, kdf=CHEAP)
    return h


def _last_export(home) -> dict:
    from desktop.vault import Vault

    v = Vault.open(home, "demo", PASS)
    try:
        entry = [e for e in v.audit_entries() if e.action == "export"][-1]
    finally:
        v.lock()
    return json.loads(entry.reason)


def test_court_export_withholds_contacts_by_default(home, tmp_path):
    out = tmp_path / "c.pdf"
    r = run_cli("export", "--case", "DEMO-001", "--profile", "court", "--out", out,
                "--worker", "demo", home=home, passphrase=PASS)
    assert r.code == 0, r.err
    text = pdftotext(out)
    assert "010-0000-0000" not in text and "비공개(연락처 보호)" in text
    assert "가림: 연락처" in text.split("\f")[0]
    audit = _last_export(home)
    assert audit["contacts"] == "withheld" and audit["include_contacts_reason"] is None


def test_include_contacts_records_the_reason(home, tmp_path):
    out = tmp_path / "c.pdf"
    reason = "재판장이 증인 연락을 위해 요청함"
    r = run_cli("export", "--case", "DEMO-001", "--profile", "court", "--out", out,
                "--worker", "demo", "--include-contacts", reason, home=home, passphrase=PASS)
    assert r.code == 0, r.err
    text = pdftotext(out)
    assert "010-0000-0000" in text
    assert f"포함함 — 사유: {reason}" in text.split("\f")[0].replace("\n", " ")
    audit = _last_export(home)
    assert audit["contacts"] == "included" and audit["include_contacts_reason"] == reason


@pytest.mark.parametrize("option", ["--include-contacts", "--override-consent"])
def test_an_empty_reason_says_the_reason_is_empty(home, tmp_path, option):
    out = tmp_path / "c.pdf"
    r = run_cli("export", "--case", "DEMO-001", "--profile", "court", "--out", out,
                "--worker", "demo", option, "", "--lang", "en", home=home, passphrase=PASS)
    assert_clean_failure(r)
    assert r.err.strip() == f"the {option} reason is empty", r.err
    assert not out.exists()
