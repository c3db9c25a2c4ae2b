"""Issue 12, bad input that still misbehaved: each case gets one clear line through the
real CLI (no hang, no "internal error", no traceback)."""
from __future__ import annotations

import os
import re

import pytest

from crypto.kdf import CHEAP
from tests.e2e.cli_helpers import assert_clean_failure, run_cli

WORKER = "kim"
PASS = "a-long-test-passphrase-2026"


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    from desktop.vault import Vault

    h = tmp_path_factory.mktemp("bad") / "home"
    Vault.create(h, WORKER, PASS, kdf=CHEAP).lock()
    return h


def _put(home, path, **kw):
    return run_cli("record", "put", "--form", "outreach_contact", path, "--worker", WORKER,
                   "--lang", "en", home=home, passphrase=PASS, timeout=30, **kw)


def _one_line(r) -> str:
    assert_clean_failure(r)
    assert "internal error" not in r.err, r.err
    lines = r.err.strip().splitlines()
    assert len(lines) == 1, r.err
    return lines[0]


def test_dev_zero_as_values_file_is_refused_quickly(home):
    line = _one_line(_put(home, "/dev/zero"))
    assert "too large" in line and "/dev/zero" in line


def test_dev_zero_as_passphrase_file_is_refused_quickly(home):
    r = run_cli("vault", "check", "--worker", WORKER, "--passphrase-file", "/dev/zero",
                "--lang", "en", home=home, timeout=30)
    line = _one_line(r)
    assert "passphrase file is too large" in line and "4 KiB" in line


def test_deeply_nested_json(home, tmp_path):
    f = tmp_path / "deep.json"
    f.write_text("[" * 100_000 + "]" * 100_000)
    assert "nested too deeply" in _one_line(_put(home, f))


def test_five_thousand_digit_integer(home, tmp_path):
    f = tmp_path / "big.json"
    f.write_text('{"group_size": ' + "9" * 5000 + "}")
    assert "number in the JSON is too long" in _one_line(_put(home, f))


def test_lone_surrogate(home, tmp_path):
    f = tmp_path / "sur.json"
    f.write_text('{"notes": "abc \\ud800 def"}')
    assert "lone surrogate" in _one_line(_put(home, f))


def test_file_operation_failed_names_the_file(home):
    r = run_cli("vault", "backup", "--out", "/proc/self/x.bak", "--worker", WORKER,
                "--lang", "en", home=home, passphrase=PASS)
    line = _one_line(r)
    assert "/proc/self/" in line, line


def test_unexpected_os_error_names_the_file():
    from desktop.cli.main import _unexpected

    exc = PermissionError(13, "Permission denied", "/x/y.pdf")
    assert "/x/y.pdf" in _unexpected(exc, "en")
    assert "internal error" not in _unexpected(UnicodeEncodeError("utf-8", "\ud800", 0, 1,
                                                                  "surrogates"), "en")


def test_empty_override_consent_says_the_reason_is_empty(home, tmp_path):
    r = run_cli("export", "--case", "NOPE-1", "--profile", "court", "--out",
                tmp_path / "x.pdf", "--override-consent", "", "--worker", WORKER,
                "--lang", "en", home=home, passphrase=PASS)
    assert _one_line(r) == "the --override-consent reason is empty"


def test_verify_on_a_fifo_says_not_a_regular_file(tmp_path):
    fifo = tmp_path / "f.pdf"
    os.mkfifo(fifo)
    r = run_cli("verify", fifo, "--lang", "en", timeout=30)   # opening it would block
    line = _one_line(r)
    assert "not a regular file" in line and "no such file" not in line


def test_verify_with_an_altered_embedded_certificate(tmp_path, identity_pdf):
    data = identity_pdf
    m = re.search(rb"/Contents <([0-9a-fA-F]+)>", data)
    der = bytes.fromhex(m.group(1).decode())
    i = der.find("활동가김".encode())
    assert i > 0
    der = der[:i] + "활동가박".encode() + der[i + len("활동가김".encode()):]
    hexed = der.hex().encode()
    out = tmp_path / "alt.pdf"
    out.write_bytes(data[:m.start(1)] + hexed + data[m.end(1):])
    r = run_cli("verify", out, "--lang", "en")
    assert r.code == 1 and "Traceback" not in r.err
    first = r.out.splitlines()[0]
    assert "signer certificate inside the signature was altered" in first, r.out


@pytest.fixture(scope="module")
def identity_pdf():
    """A small signed PDF from the export composer (no vault)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parents[1] / "unit" / "export"))
    from export_kit import make_bundle, render

    from crypto.identity import create_identity
    from crypto.pades import PadesSigner

    return render(make_bundle("court"), PadesSigner(create_identity("활동가김", "센터")))
