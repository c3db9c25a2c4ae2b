"""`donghaeng takedown packet` (issue 16): CSV + JSON of the hashes, URLs and dates plus a
signed PDF; no image, no case identifier (canary scan); refused without a consent covering
hash sharing with the platform; --override-consent goes through and is audited; the target
must not exist and nothing half-written is left."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess

import pytest

from tests.e2e.cli_helpers import assert_clean_failure, run_cli
from tests.e2e.export_kit_e2e import pdftotext
from tests.unit.crypto.pdq_images import jpeg_bytes, photo

PASS = "테스트-암호-correct horse 2026"
WORKER = "김동행"
CASE = "CANARYCASE-77"
NAME, PHONE = "카나리아피해자", "010-7777-1234"
TITLE = "카나리아 증거 제목 QXTITLE"
FILE_NAME = "canary-qxfile-name.jpg"


@pytest.fixture
def vault_home(home):
    from crypto.kdf import CHEAP
    from desktop.vault import Vault

    Vault.create(home, WORKER, PASS, kdf=CHEAP).lock()
    return home


def _put(home, tmp_path, form: str, changes: dict, *attach: str) -> str:
    r = run_cli("forms", "example", form, "--json")
    assert r.code == 0, r.err
    f = tmp_path / f"{form}-{len(list(tmp_path.iterdir()))}.json"
    f.write_text(json.dumps(dict(json.loads(r.out), **changes), ensure_ascii=False), "utf-8")
    extra = [x for a in attach for x in ("--attach", a)]
    r = run_cli("record", "put", "--form", form, "--case", CASE, *extra, f, home=home,
                passphrase=PASS)
    assert r.code == 0, r.err
    return r.out.strip()


@pytest.fixture
def case(vault_home, tmp_path):
    """A case with an intake (the victim's name and phone), an evidence item on telegram
    with an image, and a signed consent sharing hashes with telegram only."""
    _put(vault_home, tmp_path, "intake", {"client_name": NAME, "contact_phone": PHONE})
    img = tmp_path / FILE_NAME
    img.write_bytes(jpeg_bytes(photo(5, 800, 600)))
    rid = _put(vault_home, tmp_path, "evidence",
               {"kind": "image", "title": TITLE, "platform": "telegram"})
    r = run_cli("attach", "--record", rid, "--field", "attachment", img, home=vault_home,
                passphrase=PASS)
    assert r.code == 0, r.err
    sig = tmp_path / "sig.png"
    sig.write_bytes(jpeg_bytes(photo(6, 64, 32)))
    _put(vault_home, tmp_path, "consent", {"subject_name": NAME,
                                           "hash_sharing_platforms": ["telegram"]},
         f"signature={sig}")
    show = json.loads(run_cli("record", "show", rid, "--json", home=vault_home,
                              passphrase=PASS).out)
    return {"record": rid, "image": img, "attachment": show["attachments"][0]}


def _identifiers(home, case_info) -> list[str]:
    r = run_cli("record", "list", "--case", CASE, "--json", home=home, passphrase=PASS)
    ids = [x["id"] for x in json.loads(r.out)]
    assert len(ids) == 3
    return [CASE, NAME, PHONE, TITLE, "QXTITLE", FILE_NAME, "qxfile", WORKER,
            case_info["attachment"]["id"], *ids, *(i[:13] for i in ids)]


def test_packet_holds_hashes_urls_dates_and_no_identifier(vault_home, case, tmp_path):
    out = tmp_path / "packet"
    r = run_cli("takedown", "packet", "--case", CASE, "--platform", "telegram", "--out", out,
                "--json", home=vault_home, passphrase=PASS)
    assert r.code == 0, r.err
    info = json.loads(r.out)
    assert sorted(p.name for p in out.iterdir()) == ["hashes.csv", "hashes.json",
                                                     "summary.pdf"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".packet")]
    data = json.loads((out / "hashes.json").read_text("utf-8"))
    att = case["attachment"]
    [row] = data["items"]
    assert data["packet"] == info["packet"] and data["platform"] == "telegram"
    assert (row["pdq"], row["md5"], row["sha256"]) == (att["pdq"], att["md5"], att["sha256"])
    assert row["urls"] == ["https://sns.example/p/0000001", "https://board.example/view/0000002"]
    assert row["found_date"] and row["requested_dates"]
    rows = list(csv.DictReader(io.StringIO((out / "hashes.csv").read_text("utf-8-sig"))))
    assert [(x["pdq"], x["md5"], x["sha256"]) for x in rows] == \
        [(att["pdq"], att["md5"], att["sha256"])]
    text = pdftotext(out / "summary.pdf")
    assert info["packet"] in text and att["sha256"] in text
    sig = subprocess.run(["pdfsig", str(out / "summary.pdf")], capture_output=True, text=True)
    assert "Signature is Valid" in sig.stdout, sig.stdout
    # canary: nothing of the case in any file's bytes or the PDF's text; no image bytes
    image = case["image"].read_bytes()
    blobs = [p.read_bytes() for p in out.iterdir()] + [text.encode()]
    for ident in _identifiers(vault_home, case):
        for blob in blobs:
            assert ident.encode() not in blob, ident
            assert ident.encode("utf-16-be") not in blob, ident
    for blob in blobs:
        assert image[1000:1064] not in blob and hashlib.md5(image).digest() not in blob
    # the audit ties the packet to the case
    r = run_cli("audit", "verify", home=vault_home, passphrase=PASS)
    assert r.code == 0, r.err


def test_packet_refused_without_consent_for_the_platform_and_override_audited(
        vault_home, case, tmp_path):
    out = tmp_path / "ig"
    r = run_cli("--lang", "en", "takedown", "packet", "--case", CASE, "--platform",
                "instagram", "--out", out, home=vault_home, passphrase=PASS)
    assert_clean_failure(r)
    assert "refused" in r.err and "Instagram" in r.err
    assert not out.exists() and not list(tmp_path.glob(".ig*"))
    r = run_cli("takedown", "packet", "--case", CASE, "--platform", "instagram", "--out", out,
                "--override-consent", "피해자가 구두로 요청, 서면 동의 예정", "--json",
                home=vault_home, passphrase=PASS)
    assert r.code == 0, r.err
    info = json.loads(r.out)
    assert info["consent"] is None and info["override_reason"]
    # instagram is not the item's platform: hashes without URLs
    assert json.loads((out / "hashes.json").read_text("utf-8"))["items"][0]["urls"] == []
    from desktop.vault import Vault

    v = Vault.open(vault_home, WORKER, PASS)
    try:
        entries = [e for e in v.audit_entries() if e.action == "takedown_packet"]
    finally:
        v.lock()
    assert len(entries) == 1
    reason = json.loads(entries[0].reason)
    assert reason["packet"] == info["packet"] and reason["platform"] == "instagram"
    assert reason["override_reason"] == "피해자가 구두로 요청, 서면 동의 예정"
    # the target must not exist; an unknown platform is refused
    assert_clean_failure(run_cli("takedown", "packet", "--case", CASE, "--platform",
                                 "telegram", "--out", out, home=vault_home, passphrase=PASS))
    assert_clean_failure(run_cli("takedown", "packet", "--case", CASE, "--platform",
                                 "nosuch", "--out", tmp_path / "x", home=vault_home,
                                 passphrase=PASS))
