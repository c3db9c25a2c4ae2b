"""`verify` on long-term-validation files: --trust with hard-fail revocation from the file's
own data, --crl, the exact "not yet timestamped" line, both times, the certificate kind;
the real command line for the first line a clerk reads (organisation PKI and TSA in-process:
crypto.ca, crypto.tsa; the server-backed flow is tests/sync/test_ltv_export.py)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from export_kit import make_bundle, render

from crypto.ltv import LtvSigner, Material, upgrade
from crypto.pades import PadesSigner
from desktop.verify import verify_pdf
from tests.e2e.cli_helpers import run_cli
from tests.ltv_kit import make_pki

NOT_YET = "not yet timestamped: no revocation data; verify the upgraded file or give --crl"


@pytest.fixture(scope="module")
def pki():
    return make_pki("활동가김")


@pytest.fixture(scope="module")
def files(pki, tmp_path_factory):
    folder = tmp_path_factory.mktemp("ltv")
    material = Material(pki.chain(), tuple(pki.crls()))
    online = render(make_bundle("court"), LtvSigner(pki.worker, timestamper=pki.timestamper(),
                                                    material=material, certify=True))
    offline = render(make_bundle("court"), PadesSigner(pki.worker, certify=True))
    out = {"online": online, "offline": offline,
           "upgraded": upgrade(offline, pki.timestamper(), material)}
    paths = {}
    for name, data in out.items():
        paths[name] = folder / f"{name}.pdf"
        paths[name].write_bytes(data)
    paths["root"] = folder / "root.pem"
    paths["root"].write_bytes(pki.root_pem())
    for i, crl in enumerate(pki.crls()):
        paths[f"crl{i}"] = folder / f"crl{i}.crl"
        paths[f"crl{i}"].write_bytes(crl)
    return paths


def test_online_export_verifies_with_the_root(files, pki):
    r = verify_pdf(files["online"], trust_pem=pki.root_pem())
    assert r.ok and r.trust == "trusted" and r.level == "B-LT", r.problems
    assert r.certificate == "organisation" and r.certified and r.revocation == "embedded"
    assert r.timestamped and r.timestamped_at and r.validated_at == r.timestamped_at
    text = r.render("en")
    assert "Timestamped at: " in text and "(timestamp authority)" in text
    assert "organisation-issued" in text and "(laptop clock)" in text


def test_offline_export_fails_trust_with_the_exact_line(files, pki):
    r = verify_pdf(files["offline"], trust_pem=pki.root_pem())
    assert not r.ok and r.problems[0][1] == NOT_YET
    assert r.render("en").splitlines()[0] == f"Result: FAILED — {NOT_YET}"
    assert r.render("ko").splitlines()[0].startswith("결과: 실패 — 아직 타임스탬프 없음")
    untrusted = verify_pdf(files["offline"])     # without --trust: today's answer
    assert untrusted.ok and untrusted.level == "B-B" and not untrusted.timestamped
    assert "Timestamped at: time claimed by the laptop" in untrusted.render("en")


def test_offline_export_with_a_crl_or_upgraded_verifies(files, pki):
    given = verify_pdf(files["offline"], trust_pem=pki.root_pem(),
                       crls=[files["crl0"].read_bytes(), files["crl1"].read_bytes()])
    assert given.ok and given.revocation == "given", given.problems
    up = verify_pdf(files["upgraded"], trust_pem=pki.root_pem())
    assert up.ok and up.level == "B-LT" and up.timestamped and up.certified, up.problems
    assert up.covers_whole_file and not up.problems


def test_revoked_before_the_timestamp_is_named(files, pki):
    revoked = [(pki.worker.certificate.serial_number,
                datetime.now(UTC) - timedelta(days=1))]
    r = verify_pdf(files["upgraded"], trust_pem=pki.root_pem(),
                   crls=pki.crls(revoked))
    assert not r.ok and "revoked before the time of signing" in r.problems[0][1]


def test_command_line(files):
    r = run_cli("verify", files["offline"], "--trust", files["root"], "--lang", "en")
    assert r.code == 1 and r.out.splitlines()[0] == f"Result: FAILED — {NOT_YET}", r
    r = run_cli("verify", files["offline"], "--trust", files["root"], "--crl", files["crl0"],
                "--crl", files["crl1"], "--lang", "en")
    assert r.code == 0 and r.out.startswith("Result: OK"), r
    r = run_cli("verify", files["upgraded"], "--trust", files["root"], "--json")
    assert r.code == 0 and '"level": "B-LT"' in r.out and '"certificate": "organisation"' \
        in r.out, r
    r = run_cli("verify", files["upgraded"], "--trust", files["root"], "--crl",
                files["root"], "--lang", "en")    # a certificate is no CRL
    assert r.code != 0 and "Traceback" not in r.err and len(r.err.strip().splitlines()) == 1
