"""Issue 12: the verifier must not bless a forgery; the laptop's clock is not a timestamp;
`export --out` never replaces something that is not a regular file.

Two demo homes with the same worker name stand for the real worker and a forger."""
from __future__ import annotations

import json
import os
import stat
import subprocess

import pytest

from crypto.kdf import CHEAP
from tests.e2e.cli_helpers import assert_clean_failure, run_cli
from tests.e2e.export_kit_e2e import pdftotext

PASS = "demo-pass-for-tests-1"
LAPTOP_KO = "노트북 시계"
LAPTOP_EN = "time claimed by the laptop, not timestamped"


@pytest.fixture(scope="module")
def homes(tmp_path_factory):
    from desktop.demo import build_demo

    base = tmp_path_factory.mktemp("two-homes")
    real, forger = base / "real", base / "forger"
    build_demo(real, PASS, kdf=CHEAP)
    build_demo(forger, PASS, kdf=CHEAP)
    return real, forger


@pytest.fixture(scope="module")
def exported(homes, tmp_path_factory):
    """(real cert, forged PDF, genuine PDF)."""
    real, forger = homes
    d = tmp_path_factory.mktemp("out")
    pem, forged, genuine = d / "center.pem", d / "forged.pdf", d / "genuine.pdf"
    r = run_cli("cert", "export", "--out", pem, "--worker", "demo", "--lang", "en",
                home=real, passphrase=PASS)
    assert r.code == 0 and r.out.strip() == str(pem), r
    printed = r.err.strip().removeprefix("certificate SHA-256: ")
    for home, out in ((forger, forged), (real, genuine)):
        r = run_cli("export", "--case", "DEMO-001", "--profile", "court", "--out", out,
                    "--worker", "demo", home=home, passphrase=PASS)
        assert r.code == 0, r.err
    from desktop.verify import verify_pdf

    assert verify_pdf(genuine).fingerprint == printed    # what the center publishes
    openssl = subprocess.run(["openssl", "x509", "-in", str(pem), "-noout", "-fingerprint",
                              "-sha256"], capture_output=True, text=True).stdout
    assert openssl.strip().endswith("=" + printed)
    return pem, forged, genuine


def test_trust_fails_a_signer_from_another_home(exported):
    pem, forged, _ = exported
    r = run_cli("verify", forged, "--trust", pem, "--lang", "en")
    assert r.code != 0, r.out
    first = r.out.splitlines()[0]
    assert "FAILED" in first and "does not chain" in first, r.out
    r = run_cli("verify", forged, "--trust", pem, "--json")
    doc = json.loads(r.out)
    assert r.code != 0 and doc["ok"] is False and doc["trust"] == "not trusted"
    assert "chain" in doc["problems"][0]["en"]


def test_trust_passes_the_real_signer(exported):
    pem, _, genuine = exported
    r = run_cli("verify", genuine, "--trust", pem, "--lang", "en")
    assert r.code == 0, r.out
    assert r.out.splitlines()[0].startswith("Result: OK"), r.out


def test_without_trust_first_line_says_unverified_with_fingerprint(exported):
    from desktop.verify import verify_pdf

    _, forged, _ = exported
    fp = verify_pdf(forged).fingerprint
    assert len(fp) == 95
    r = run_cli("verify", forged, "--lang", "en")
    assert r.code == 0, r.out   # unverified alone does not change the exit code
    first = r.out.splitlines()[0]
    assert "signer NOT verified" in first and fp in first, first
    r = run_cli("verify", forged)
    assert "서명자 미확인" in r.out.splitlines()[0] and fp in r.out.splitlines()[0]


def test_verify_and_export_say_the_time_is_the_laptops(exported, homes, tmp_path):
    _, _, genuine = exported
    r = run_cli("verify", genuine, "--lang", "en")
    assert LAPTOP_EN in r.out
    assert LAPTOP_KO in run_cli("verify", genuine).out
    assert run_cli("verify", genuine, "--json").out.count('"timestamped": false') == 1
    cover = pdftotext(genuine).split("\f")[0]
    assert LAPTOP_KO in cover
    out = tmp_path / "en.pdf"
    r = run_cli("export", "--case", "DEMO-001", "--profile", "court", "--out", out,
                "--worker", "demo", "--lang", "en", home=homes[0], passphrase=PASS)
    assert r.code == 0 and LAPTOP_EN in r.err, r
    assert LAPTOP_EN in pdftotext(out).split("\f")[0]


def test_unanswering_timestamp_service_fails_the_export(homes, tmp_path):
    from desktop.vault import Vault

    real = homes[0]
    v = Vault.open(real, "demo", PASS)
    try:
        v.set_meta("export.tsa_url", b"http://127.0.0.1:9/tsa")
    finally:
        v.lock()
    out = tmp_path / "t.pdf"
    try:
        r = run_cli("export", "--case", "DEMO-001", "--profile", "court", "--out", out,
                    "--worker", "demo", "--lang", "en", home=real, passphrase=PASS)
    finally:
        v = Vault.open(real, "demo", PASS)
        try:
            v.set_meta("export.tsa_url", b"")
        finally:
            v.lock()
    assert_clean_failure(r)
    assert "timestamp service" in r.err and "127.0.0.1:9" in r.err
    assert not out.exists()


@pytest.mark.parametrize("kind", ["dev_full", "fifo", "dir_at_default_name"])
def test_out_refuses_a_target_that_is_not_a_regular_file(homes, tmp_path, kind):
    if kind == "dev_full":
        target = "/dev/full"
        before = os.stat(target)
        if not stat.S_ISCHR(before.st_mode):
            pytest.skip("/dev/full is not a device here")
    elif kind == "fifo":
        target = str(tmp_path / "pipe.pdf")
        os.mkfifo(target)
    else:  # `--out FOLDER` writes FOLDER/<CASE>_<date>.pdf: here a folder has that name
        from datetime import datetime

        from desktop.export.bundle import KST
        from desktop.export.export import default_name

        target = str(tmp_path / default_name("DEMO-001", datetime.now(KST)))
        os.mkdir(target)
    out = target if kind != "dir_at_default_name" else str(tmp_path)
    try:
        r = run_cli("export", "--case", "DEMO-001", "--profile", "court", "--out", out,
                    "--worker", "demo", "--lang", "en", home=homes[0], passphrase=PASS,
                    timeout=60)
    finally:  # a regression run as root would replace the machine's /dev/full: put it back
        if kind == "dev_full" and not stat.S_ISCHR(os.stat(target).st_mode):
            os.unlink(target)
            os.mknod(target, 0o666 | stat.S_IFCHR, before.st_rdev)
    assert_clean_failure(r)
    assert "not a regular file" in r.err and target in r.err, r.err
    st = os.stat(target)
    if kind == "dev_full":
        assert st.st_rdev == before.st_rdev and st.st_ino == before.st_ino
    elif kind == "fifo":
        assert stat.S_ISFIFO(st.st_mode)
    else:
        assert os.path.isdir(target) and not os.listdir(target)
