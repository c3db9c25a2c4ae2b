"""Trusted time and long-term validation end to end (issue 15), with a real server and its
TSA on 127.0.0.1 and laptops driven through the `donghaeng` command: an online export is
B-LT at once (pdfsig trusts it with the root in an NSS database, pyHanko validates it from
its own DSS, `verify --trust` passes); an offline one is B-B, fails `verify --trust` with
the "not yet timestamped" line, and the next sync upgrades it (vault copy and a
`.ltv.pdf` beside the file); the files validate with no network at all (`unshare -n`) and a
year later (`faketime`); a same-name signer from an unenrolled home fails; a revoked
worker's earlier file still validates, a later one does not."""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests import pki_tools
from tests.e2e.cli_helpers import run_cli
from tests.sync.conftest import ROOT, cli, exported_root, served
from tests.sync.faultproxy import FaultProxy
from tests.sync.laptops import LAPTOP_PASSPHRASE, enroll, new_laptop
from tests.sync.servers import status, worker_name

NOT_YET = "not yet timestamped: no revocation data; verify the upgraded file or give --crl"


@pytest.fixture(scope="module", params=["sqlite"])
def srv(request, tmp_path_factory):
    with served(request, tmp_path_factory, "ltv") as s:
        yield s


@pytest.fixture(scope="module")
def root_pem(srv, tmp_path_factory) -> Path:
    return exported_root(srv, tmp_path_factory.mktemp("root"))


@pytest.fixture(scope="module")
def nssdir(root_pem, tmp_path_factory) -> str:
    return pki_tools.nss_db(tmp_path_factory.mktemp("nss"), [root_pem])


@pytest.fixture(scope="module")
def proxy(srv):
    with FaultProxy("127.0.0.1", urlsplit(srv.url).port or 0) as p:
        yield p


def _laptop(srv, proxy, tmp: Path, name: str, case: str):
    lap = new_laptop(tmp, name, name)
    enroll(srv, lap, url=proxy.url_for())
    lap.put(tmp, "intake", lap.json("forms", "example", "intake"), case=case)
    return lap


@pytest.fixture(scope="module")
def laptop(srv, proxy, tmp_path_factory):
    return _laptop(srv, proxy, tmp_path_factory.mktemp("lap"), worker_name("김동행"), "LTV-001")


def _export(lap, out: Path, case: str = "LTV-001"):
    return lap.run("export", "--case", case, "--profile", "court", "--out", str(out),
                   "--override-consent", "법원 요청", "--lang", "en")


def _verify(pdf: Path, root: Path, *extra: str, prefix: tuple[str, ...] = ()) -> dict:
    """`donghaeng verify --trust ROOT --json` as its own process (optionally under `prefix`:
    unshare, faketime)."""
    proc = subprocess.run([*prefix, sys.executable, "-m", "donghaeng", "verify", str(pdf),
                           "--trust", str(root), *extra, "--json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    doc = json.loads(proc.stdout)
    assert (proc.returncode == 0) == doc["ok"], (proc.returncode, doc)
    return doc


def _pyhanko_own_validation(pdf: Path, root: Path):
    """pyHanko reading the DSS itself (not our code), hard-fail, no fetching."""
    import io

    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    reader = PdfFileReader(io.BytesIO(pdf.read_bytes()), strict=False)
    anchor = asn1_x509.Certificate.load(
        x509.load_pem_x509_certificate(root.read_bytes()).public_bytes(Encoding.DER))
    sig = reader.embedded_regular_signatures[0]
    # as of now: the CRLs embedded a moment ago are current
    vc = DocumentSecurityStore.read_dss(reader).as_validation_context({
        "trust_roots": [anchor], "allow_fetching": False, "revocation_mode": "hard-fail"})
    return validate_pdf_signature(sig, signer_validation_context=vc)


def test_online_export_is_b_lt_and_trusted_by_every_tool(laptop, root_pem, nssdir,
                                                         tmp_path):
    pdf = tmp_path / "online.pdf"
    r = _export(laptop, pdf)
    assert r.code == 0, r.err
    assert "confirmed by a timestamp service" in r.err
    text = pki_tools.pdfsig(pdf, nssdir)
    assert "Signature is Valid." in text and "Certificate is Trusted." in text, text
    assert "Total document signed" in text
    status_ = _pyhanko_own_validation(pdf, root_pem)
    assert status_.bottom_line and status_.trusted, status_.pretty_print_details()
    assert status_.timestamp_validity is not None and status_.timestamp_validity.trusted
    doc = _verify(pdf, root_pem)
    assert doc["ok"] and doc["trust"] == "trusted" and doc["level"] == "B-LT", doc
    assert doc["certificate"] == "organisation" and doc["certified"] and doc["timestamped_at"]
    (kept,) = [k for k in laptop.json("exports") if k["file_name"] == "online.pdf"]
    assert kept["state"] == "timestamped" and kept["level"] == "B-LT"


def test_offline_export_is_queued_and_upgraded_at_the_next_sync(laptop, proxy, root_pem,
                                                                nssdir, tmp_path):
    pdf = tmp_path / "offline.pdf"
    proxy.refuse = True
    try:
        r = _export(laptop, pdf)
    finally:
        proxy.refuse = False
    assert r.code == 0, r.err
    assert "not yet timestamped" in r.err
    original = pdf.read_bytes()
    doc = _verify(pdf, root_pem)
    assert not doc["ok"] and doc["problems"][0]["en"] == NOT_YET and doc["level"] == "B-B"
    first = run_cli("verify", pdf, "--trust", root_pem, "--lang", "en")
    assert first.code == 1 and first.out.splitlines()[0] == f"Result: FAILED — {NOT_YET}"
    (kept,) = [k for k in laptop.json("exports") if k["file_name"] == "offline.pdf"]
    assert kept["state"] == "not_timestamped"

    laptop.ok("sync")
    upgraded = tmp_path / "offline.ltv.pdf"
    assert upgraded.is_file() and pdf.read_bytes() == original   # beside, never in place
    assert upgraded.read_bytes().startswith(original)
    doc = _verify(upgraded, root_pem)
    assert doc["ok"] and doc["level"] == "B-LT" and doc["timestamped_at"], doc
    text = pki_tools.pdfsig(upgraded, nssdir)
    sig1 = text.split("Signature #2")[0]
    assert "Not total document signed" in sig1 and "Certificate is Trusted." in sig1, text
    (kept,) = [k for k in laptop.json("exports") if k["id"] == kept["id"]]
    assert kept["state"] == "timestamped" and kept["level"] == "B-LT"
    again = tmp_path / "again.pdf"
    laptop.ok("exports", "save", kept["id"], "--out", str(again))
    assert again.read_bytes() == upgraded.read_bytes()


def test_files_validate_with_no_network_and_a_year_later(laptop, proxy, root_pem, tmp_path):
    online, offline = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert _export(laptop, online).code == 0
    proxy.refuse = True
    try:
        assert _export(laptop, offline).code == 0
    finally:
        proxy.refuse = False
    laptop.ok("sync")
    upgraded = tmp_path / "b.ltv.pdf"
    files = [online, upgraded]
    if shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"]).returncode == 0:
        for f in files:   # no network namespace: nothing but loopback-less isolation
            doc = _verify(f, root_pem, prefix=("unshare", "-n"))
            assert doc["ok"], (f, doc["problems"])
    assert shutil.which("faketime"), "faketime (packaging/setup-debian.sh) is needed"
    for f in files:   # the worker certificate (1 year) and the CRLs have expired by then
        doc = _verify(f, root_pem, prefix=("faketime", "-f", "+400d"))
        assert doc["ok"] and doc["trust"] == "trusted", (f, doc["problems"])


def test_same_name_from_an_unenrolled_home_fails(laptop, root_pem, tmp_path):
    home = new_laptop(tmp_path, "other", laptop.worker)    # the same worker name
    home.put(tmp_path, "intake", home.json("forms", "example", "intake"), case="LTV-001")
    forged = tmp_path / "forged.pdf"
    r = _export(home, forged)
    assert r.code == 0, r.err
    doc = _verify(forged, root_pem)
    assert not doc["ok"] and doc["trust"] == "not trusted"
    assert doc["certificate"] == "device-local"
    assert doc["problems"][0]["en"].startswith("the signer does not chain to the --trust")


def test_revoked_worker_earlier_file_validates_later_one_does_not(srv, proxy, root_pem,
                                                                 tmp_path):
    lap = _laptop(srv, proxy, tmp_path, worker_name("박철회"), "LTV-002")
    before = tmp_path / "before.pdf"
    assert _export(lap, before, "LTV-002").code == 0
    (row,) = [d for d in status(srv)["devices"] if d["worker"] == lap.worker]
    out = cli("revoke", "--data", str(srv.data), "--device", row["id"], "--mode", "lost")
    assert out.returncode == 0, out.stderr
    crl, root_crl = tmp_path / "now.crl", tmp_path / "root.crl"
    with srv.client() as c:   # what a clerk downloads from the center's address
        crl.write_bytes(c.get("/v1/pki/crl").content)
        root_crl.write_bytes(c.get("/v1/pki/root-crl").content)
    # signed and timestamped before the revocation: valid, even against the newer CRL
    assert _verify(before, root_pem)["ok"]
    doc = _verify(before, root_pem, "--crl", str(crl))
    assert doc["ok"] and doc["revocation"] == "given", doc["problems"]
    # after it: the laptop refuses to sign B-LT with a certificate the CRL lists ...
    after = tmp_path / "after.pdf"
    r = _export(lap, after, "LTV-002")
    assert r.code != 0 and "revoked" in r.err and not after.exists(), r.err
    # ... and a file it signs offline, checked with the current CRL, fails as revoked
    proxy.refuse = True
    try:
        assert _export(lap, after, "LTV-002").code == 0
    finally:
        proxy.refuse = False
    doc = _verify(after, root_pem, "--crl", str(crl), "--crl", str(root_crl))
    assert not doc["ok"] and "revoked" in doc["problems"][0]["en"], doc["problems"]
    # timestamped now (as an upgrade would): the embedded CRL alone condemns it
    stamped = _upgrade_by_hand(srv, after, tmp_path / "after.ltv.pdf")
    doc = _verify(stamped, root_pem)
    assert not doc["ok"] and "revoked before the time of signing" in doc["problems"][0]["en"]


def _upgrade_by_hand(srv, pdf: Path, out: Path) -> Path:
    from crypto.ltv import Material, upgrade
    from sync.client.pinned_tsa import PinnedTimeStamper
    from sync.client.timestamps import fetch_material
    from sync.client.transport import SyncTransport

    with SyncTransport(srv.url, srv.fingerprint, timeout=30) as tr:
        material = Material.load(*fetch_material(tr))
        out.write_bytes(upgrade(pdf.read_bytes(), PinnedTimeStamper(tr), material))
    assert hashlib.sha256(out.read_bytes()).hexdigest()
    return out


_ = LAPTOP_PASSPHRASE


def test_export_renew_adds_a_document_timestamp(laptop, proxy, root_pem, tmp_path):
    pdf = tmp_path / "court.pdf"
    assert _export(laptop, pdf).code == 0
    original = pdf.read_bytes()
    r = laptop.run("export-renew", str(pdf), "--lang", "en")
    assert r.code == 0, r.err
    renewed = Path(r.out.strip())
    assert renewed.parent == tmp_path and renewed.name.startswith("court.renewed-")
    assert r.err.startswith("B-LTA, timestamped at: ")
    assert pdf.read_bytes() == original and renewed.read_bytes().startswith(original)
    doc = _verify(renewed, root_pem)
    assert doc["ok"] and doc["level"] == "B-LTA", doc["problems"]
    (kept,) = [k for k in laptop.json("exports") if k["file_name"] == "court.pdf"]
    assert kept["level"] == "B-LTA"        # the vault keeps the renewed copy
    same = laptop.run("export-renew", str(pdf), "--out", str(pdf), "--lang", "en")
    assert same.code != 0 and "never modified" in same.err and pdf.read_bytes() == original
    proxy.refuse = True
    try:
        off = laptop.run("export-renew", str(renewed), "--lang", "en")
    finally:
        proxy.refuse = False
    assert off.code != 0 and "renewal needs the center's server" in off.err, off.err
    assert "Traceback" not in off.err and len(off.err.strip().splitlines()) == 1
