"""The center's certificate authority and timestamp authority with a real server
(issue 15): `server init` makes the root, `ca export-root` writes it, enrollment issues the
worker an organisation certificate kept in the vault, exports then carry the org chain and
pdfsig trusts them with the root in its NSS database, `server revoke` puts the serial on
the CRL, the TSA's tokens verify with `openssl ts -verify`, and `--http-bind` serves only
the CA's signed objects and the TSA over plain HTTP."""
from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID

from crypto import ca
from sync.protocol import CertificateRequest, CertificateResponse, from_json, to_json
from tests import pki_tools
from tests.sync.conftest import ROOT, cli, exported_root, served, server_env, wait_for_info
from tests.sync.device import Device, issue_code
from tests.sync.laptops import LAPTOP_PASSPHRASE, enroll, new_laptop
from tests.sync.postgres import free_port
from tests.sync.servers import status, worker_name


@pytest.fixture(scope="module", params=["sqlite"])
def srv(request, tmp_path_factory):
    with served(request, tmp_path_factory, "pki") as s:
        yield s


@pytest.fixture(scope="module")
def root_pem(srv, tmp_path_factory) -> Path:
    return exported_root(srv, tmp_path_factory.mktemp("root"))


def _chain(srv) -> bytes:
    with srv.client() as c:
        r = c.get("/v1/pki/chain")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pem-certificate-chain"
    return r.content


def _crl(srv) -> x509.CertificateRevocationList:
    with srv.client() as c:
        r = c.get("/v1/pki/crl")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pkix-crl"
    return x509.load_der_x509_crl(r.content)


def test_init_prints_the_root_fingerprint_and_export_root_writes_it(srv, root_pem, tmp_path):
    m = re.search(r"^root-sha256: ([0-9a-f]{64})$", srv.init_stdout, re.M)
    assert m, srv.init_stdout
    text = root_pem.read_text("ascii")
    assert text.count("-----BEGIN CERTIFICATE-----") == 1 and "PRIVATE" not in text
    root = x509.load_pem_x509_certificate(text.encode())
    assert hashlib.sha256(root.public_bytes(serialization.Encoding.DER)).hexdigest() == m.group(1)
    assert root.subject == root.issuer and (srv.keydir / "root-ca.key").is_file()
    # the root's private key is not in the data folder: only its certificate
    for f in srv.data.rglob("*"):
        if f.is_file() and f.suffix in (".key", ".pem"):
            assert f.read_bytes().count(b"PRIVATE KEY") == 0 or f.name in (
                "issuing.key", "tsa.key", "key.pem"), f
    again = cli("ca", "export-root", "--data", str(srv.data), "--out", str(root_pem),
                "--lang", "en")
    assert again.returncode != 0 and "already exists" in again.stderr
    assert "Traceback" not in again.stderr
    # the root CRL issued at the ceremony is served
    with srv.client() as c:
        r = c.get("/v1/pki/root-crl")
    root_crl = x509.load_der_x509_crl(r.content)
    assert root_crl.is_signature_valid(root.public_key()) and len(root_crl) == 0  # type: ignore[arg-type]


def test_root_key_file_opens_with_the_passphrase_only(srv):
    from sync.server import rootkey
    from sync.server.errors import ServerError
    from tests.sync.conftest import PASSPHRASE

    key, cert = rootkey.load(srv.keydir / "root-ca.key", PASSPHRASE)
    assert cert.public_key() == key.public_key()
    with pytest.raises(ServerError):
        rootkey.load(srv.keydir / "root-ca.key", PASSPHRASE + "x")
    with pytest.raises(ServerError):  # another purpose's file is not a root key
        rootkey.load(srv.keydir / "sealing.key", PASSPHRASE)


@pytest.fixture(scope="module")
def laptop(srv, tmp_path_factory):
    lap = new_laptop(tmp_path_factory.mktemp("lap"), "lap", "김현장")
    enroll(srv, lap, team="동부팀")
    return lap


def _identity(lap):
    from desktop.export.signing import load_identity
    from desktop.vault import Vault

    v = Vault.open(lap.home, lap.worker, LAPTOP_PASSPHRASE)
    try:
        return load_identity(v, create=False)
    finally:
        v.lock()


def test_enrolled_vault_holds_an_org_certificate_chaining_to_the_root(srv, root_pem, laptop,
                                                                      tmp_path):
    identity = _identity(laptop)
    assert identity is not None and not identity.device_local
    leaf = identity.certificate
    names = {a.oid: a.value for a in leaf.subject}
    assert names[NameOID.COMMON_NAME] == "김현장"
    assert names[NameOID.ORGANIZATIONAL_UNIT_NAME] == "동부팀"
    leaf_pem, chain = tmp_path / "leaf.pem", tmp_path / "chain.pem"
    leaf_pem.write_bytes(pki_tools.pem(leaf))
    chain.write_bytes(pki_tools.pem(*identity.chain))
    proc = pki_tools.openssl_verify(root_pem, chain, leaf_pem)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # `cert export` hands out the same chain
    out = tmp_path / "cert.pem"
    laptop.ok("cert", "export", "--out", str(out))
    assert x509.load_pem_x509_certificates(out.read_bytes())[0] == leaf


def test_export_after_enrollment_is_trusted_by_pdfsig(srv, root_pem, laptop, tmp_path):
    laptop.put(tmp_path, "intake", laptop.json("forms", "example", "intake"), case="PKI-001")
    pdf = tmp_path / "court.pdf"
    laptop.ok("export", "--case", "PKI-001", "--profile", "court", "--out", str(pdf),
              "--override-consent", "검사 요청")
    text = pki_tools.pdfsig(pdf, pki_tools.nss_db(tmp_path / "nss", [root_pem]))
    assert "Signature is Valid." in text, text
    assert "Certificate is Trusted." in text, text
    assert "김현장" in text
    # the same file against another organisation's root is not trusted
    other = tmp_path / "other.pem"
    other.write_bytes(pki_tools.pem(ca.new_root("동행 테스트 센터")[1]))
    assert "Certificate is Trusted." not in pki_tools.pdfsig(
        pdf, pki_tools.nss_db(tmp_path / "nss2", [other]))


def test_renewal_is_a_signed_device_route_and_refused_once_revoked(srv, root_pem, tmp_path):
    worker = worker_name()
    d = Device(srv, worker)
    d.enroll(issue_code(srv, worker))
    key = ca.new_key()
    csr = ca.make_csr(key, "whoever").public_bytes(serialization.Encoding.PEM).decode()
    body = to_json(CertificateRequest(csr=csr))
    r = d.request("POST", "/v1/certificate", body)
    assert r.status_code == 200, r.text
    chain = from_json(CertificateResponse, r.content).certificate_chain
    leaf = x509.load_pem_x509_certificate(chain[0].encode())
    assert leaf.public_key() == key.public_key()
    assert leaf.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == worker
    # unsigned: refused
    assert d.http.post("/v1/certificate", content=body,
                       headers={"Content-Type": "application/json"}).status_code == 401
    # a CSR whose signature does not hold
    bad = bytearray(ca.make_csr(key, "x").public_bytes(serialization.Encoding.DER))
    bad[-3] ^= 1
    try:
        bad_pem = x509.load_der_x509_csr(bytes(bad)).public_bytes(
            serialization.Encoding.PEM).decode()
    except ValueError:
        bad_pem = None
    if bad_pem is not None:
        assert d.request("POST", "/v1/certificate", to_json(
            CertificateRequest(csr=bad_pem))).status_code == 422
    out = cli("revoke", "--data", str(srv.data), "--device", d.device_id, "--mode", "lost",
              "--lang", "en")
    assert out.returncode == 0, out.stderr
    revoked = {m for m in re.findall(r"^certificate-revoked: ([0-9a-f]+)$", out.stdout, re.M)}
    assert format(leaf.serial_number, "x") in revoked
    crl = _crl(srv)
    entry = crl.get_revoked_certificate_by_serial_number(leaf.serial_number)
    assert entry is not None
    assert d.request("POST", "/v1/certificate", to_json(
        CertificateRequest(csr=csr))).status_code in (401, 403)
    # openssl, given the CRL, refuses the certificate now
    leaf_pem, chain_pem, crl_pem = (tmp_path / n for n in ("l.pem", "c.pem", "crl.pem"))
    leaf_pem.write_text(chain[0])
    chain_pem.write_text(chain[1])
    crl_pem.write_bytes(crl.public_bytes(serialization.Encoding.PEM))
    proc = pki_tools.openssl_verify(root_pem, chain_pem, leaf_pem, "-crl_check",
                                    "-CRLfile", crl_pem)
    assert proc.returncode != 0 and "revoked" in proc.stdout + proc.stderr


def test_revoking_a_laptop_lists_its_certificate_on_the_crl(srv, tmp_path_factory):
    lap = new_laptop(tmp_path_factory.mktemp("lap2"), "lap2", "박철회")
    enroll(srv, lap)
    serial = _identity(lap).certificate.serial_number
    assert _crl(srv).get_revoked_certificate_by_serial_number(serial) is None
    (row,) = [d for d in status(srv)["devices"] if d["worker"] == "박철회"]
    device_id = row["id"]
    out = cli("revoke", "--data", str(srv.data), "--device", device_id, "--mode", "retire")
    assert out.returncode == 0, out.stderr
    crl = _crl(srv)
    assert crl.get_revoked_certificate_by_serial_number(serial) is not None
    issuing = x509.load_pem_x509_certificates(_chain(srv))[0]
    assert crl.is_signature_valid(issuing.public_key())  # type: ignore[arg-type]


def _tsa_query(tmp: Path, data: bytes) -> tuple[Path, Path]:
    f = tmp / "data.bin"
    f.write_bytes(data)
    return f, pki_tools.ts_query(f, tmp / "q.tsq")


def test_tsa_tokens_verify_with_openssl(srv, root_pem, tmp_path):
    data, query = _tsa_query(tmp_path, b"audit head 42")
    with srv.client() as c:
        r = c.post("/v1/tsa", content=query.read_bytes(),
                   headers={"Content-Type": "application/timestamp-query"})
        assert c.post("/v1/tsa", content=query.read_bytes(),
                      headers={"Content-Type": "application/json"}).status_code == 400
    assert r.status_code == 200 and r.headers["content-type"] == "application/timestamp-reply"
    reply = tmp_path / "r.tsr"
    reply.write_bytes(r.content)
    chain = tmp_path / "tsa-chain.pem"
    chain.write_bytes(_chain(srv))
    proc = pki_tools.ts_verify(reply, root_pem, chain, data=data)
    assert proc.returncode == 0 and "Verification: OK" in proc.stdout, proc.stderr
    other = tmp_path / "other.bin"
    other.write_bytes(b"audit head 43")
    assert pki_tools.ts_verify(reply, root_pem, chain, data=other).returncode != 0


def _start_http(srv, *extra: str) -> tuple[subprocess.Popen[bytes], str]:
    port, http_port = free_port(), free_port()
    log = srv.data.parent / f"http-{http_port}.log"
    proc = subprocess.Popen([sys.executable, "-m", "donghaeng", "server", "run", "--data",
                             str(srv.data), "--bind", f"127.0.0.1:{port}", "--http-bind",
                             f"127.0.0.1:{http_port}", *extra], cwd=ROOT, env=server_env(),
                            stdout=log.open("wb"), stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)
    wait_for_info(proc, f"https://127.0.0.1:{port}", srv.fingerprint, log)
    return proc, f"http://127.0.0.1:{http_port}"


def test_http_bind_serves_only_the_pki_and_the_tsa(srv, root_pem, tmp_path):
    proc, base = _start_http(srv)
    try:
        with httpx.Client(base_url=base, timeout=10) as c:
            assert c.get("/v1/pki/crl").headers["content-type"] == "application/pkix-crl"
            assert c.get("/v1/pki/root-crl").status_code == 200
            assert c.get("/v1/pki/chain").content == _chain(srv)
            data, query = _tsa_query(tmp_path, b"over plain http")
            r = c.post("/v1/tsa", content=query.read_bytes(),
                       headers={"Content-Type": "application/timestamp-query"})
            assert r.status_code == 200
            for path in ("/v1/info", "/v1/health", "/openapi.json", "/v1/device",
                         "/v1/pull", "/v1/overview"):
                assert c.get(path).status_code == 404, path
            assert c.post("/v1/enroll", content=b"{}").status_code == 404
            assert c.post("/v1/certificate", content=b"{}").status_code == 404
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    reply = tmp_path / "r.tsr"
    reply.write_bytes(r.content)
    chain = tmp_path / "chain.pem"
    chain.write_bytes(_chain(srv))
    assert pki_tools.ts_verify(reply, root_pem, chain, data=data).returncode == 0


@pytest.fixture(scope="module", params=["postgresql"])
def pg_srv(request, tmp_path_factory):
    with served(request, tmp_path_factory, "pki") as s:
        s.start()  # two `server run` processes on one PostgreSQL
        yield s


def test_two_processes_never_repeat_a_tsa_serial(pg_srv, tmp_path):
    from asn1crypto import tsp

    from crypto.tsa import TimeStampResp

    _, query = _tsa_query(tmp_path, b"x")
    body = query.read_bytes()

    def one(i: int) -> int:
        with pg_srv.client(url=pg_srv.urls[i % 2]) as c:
            r = c.post("/v1/tsa", content=body,
                       headers={"Content-Type": "application/timestamp-query"})
        resp = TimeStampResp.load(r.content)
        info = resp["time_stamp_token"]["content"]["encap_content_info"]["content"].parsed
        assert isinstance(info, tsp.TSTInfo)
        return int(info["serial_number"].native)

    with ThreadPoolExecutor(8) as pool:
        serials = list(pool.map(one, range(40)))
    assert len(set(serials)) == 40


def test_a_ceremony_signs_a_new_root_crl_with_the_root_key_file_only(srv, tmp_path):
    from tests.sync.conftest import PASSPHRASE

    pw = tmp_path / "pw"
    pw.write_text(PASSPHRASE + "\n", encoding="utf-8")
    with srv.client() as c:
        before = x509.load_der_x509_crl(c.get("/v1/pki/root-crl").content)
    out = cli("ca", "root-crl", "--data", str(srv.data), "--root-key",
              str(srv.keydir / "root-ca.key"), "--passphrase-file", str(pw))
    assert out.returncode == 0, out.stderr
    with srv.client() as c:
        after = x509.load_der_x509_crl(c.get("/v1/pki/root-crl").content)
    number = x509.CRLNumber
    assert (after.extensions.get_extension_for_class(number).value.crl_number
            > before.extensions.get_extension_for_class(number).value.crl_number)
    bad = cli("ca", "root-crl", "--data", str(srv.data), "--root-key",
              str(srv.keydir / "signing.key"), "--passphrase-file", str(pw), "--lang", "en")
    assert bad.returncode != 0 and "not a root-ca key" in bad.stderr


def test_tsa_url_passes_requests_to_an_external_authority(srv, root_pem, tmp_path):
    upstream, upstream_base = _start_http(srv)  # stands in for an accredited TSA
    proxy, proxy_base = _start_http(srv, "--tsa-url", upstream_base + "/v1/tsa")
    dead, dead_base = _start_http(srv, "--tsa-url", f"http://127.0.0.1:{free_port()}/tsa")
    try:
        data, query = _tsa_query(tmp_path, b"through the proxy")
        headers = {"Content-Type": "application/timestamp-query"}
        with httpx.Client(timeout=20) as c:
            r = c.post(proxy_base + "/v1/tsa", content=query.read_bytes(), headers=headers)
            down = c.post(dead_base + "/v1/tsa", content=query.read_bytes(), headers=headers)
    finally:
        for p in (upstream, proxy, dead):
            p.terminate()
            p.wait(timeout=20)
    assert r.status_code == 200, r.text
    assert down.status_code == 503 and "did not answer" in down.json()["message"]
    reply = tmp_path / "r.tsr"
    reply.write_bytes(r.content)
    chain = tmp_path / "chain.pem"
    chain.write_bytes(_chain(srv))
    assert pki_tools.ts_verify(reply, root_pem, chain, data=data).returncode == 0


def test_a_sync_round_gets_a_certificate_for_a_vault_without_one(srv, root_pem,
                                                                  tmp_path_factory):
    """Renewal at sync: a vault whose signer is device-local (enrolled before the server
    had a CA, or its certificate about to expire) gets an org certificate in the round."""
    from crypto.identity import create_identity
    from desktop.export.signing import CERT_META, KEY_META
    from desktop.vault import Vault

    lap = new_laptop(tmp_path_factory.mktemp("lap3"), "lap3", "최갱신")
    enroll(srv, lap)
    old = _identity(lap).certificate
    v = Vault.open(lap.home, lap.worker, LAPTOP_PASSPHRASE)
    try:
        local = create_identity(lap.worker, "동행 테스트 센터")
        v.set_metas({KEY_META: local.key_pem(), CERT_META: local.certificate_pem()})
    finally:
        v.lock()
    assert _identity(lap).device_local
    lap.ok("sync")
    renewed = _identity(lap)
    assert not renewed.device_local and renewed.certificate != old
    assert renewed.certificate.issuer == renewed.chain[0].subject
    lap.ok("sync")  # a year left: no new certificate
    assert _identity(lap).certificate == renewed.certificate
