"""sync/client/timestamps.py against a real server run on 127.0.0.1: timestamps and
validation data over the pinned connection, judged by openssl (`ts -verify`) and by our
hard-fail verifier; a B-LT signature made with the server's own TSA."""
from __future__ import annotations

import asyncio
import hashlib

import pytest
from cryptography import x509

from crypto.ltv import LtvSigner, Material
from crypto.pades_check import check_signature
from sync.client.pinned_tsa import PinnedTimeStamper
from sync.client.timestamps import fetch_material, fetch_token
from sync.client.transport import PinMismatch, SyncTransport
from tests import pki_tools
from tests.ltv_kit import blank_pdf, make_pki
from tests.sync.conftest import served


@pytest.fixture(scope="module", params=["sqlite"])
def srv(request, tmp_path_factory):
    with served(request, tmp_path_factory, "ltv-tsa") as s:
        yield s


@pytest.fixture(scope="module")
def transport(srv):
    with SyncTransport(srv.url, srv.fingerprint, timeout=10) as tr:
        yield tr


def _root(chain_pem: bytes) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return b"".join(c.public_bytes(serialization.Encoding.PEM)
                    for c in x509.load_pem_x509_certificates(chain_pem)
                    if c.subject == c.issuer)


def test_material_is_the_chain_and_two_crls(transport):
    chain, crls = fetch_material(transport)
    certs = x509.load_pem_x509_certificates(chain)
    assert len(certs) == 3 and sum(c.subject == c.issuer for c in certs) == 1
    assert len(crls) == 2
    issuers = {x509.load_der_x509_crl(c).issuer for c in crls}
    assert issuers == {c.subject for c in certs if c.subject == c.issuer} | {
        c.subject for c in certs
        if c.subject != c.issuer and c.extensions.get_extension_for_class(
            x509.BasicConstraints).value.ca}


def test_token_verifies_with_openssl(transport, tmp_path):
    chain, _crls = fetch_material(transport)
    data = tmp_path / "data.bin"
    data.write_bytes(b"evidence anchoring root " * 10)
    reply = fetch_token(transport, hashlib.sha256(data.read_bytes()).digest())
    (tmp_path / "reply.tsr").write_bytes(reply)
    (tmp_path / "root.pem").write_bytes(_root(chain))
    (tmp_path / "chain.pem").write_bytes(chain)
    r = pki_tools.ts_verify(tmp_path / "reply.tsr", tmp_path / "root.pem",
                            tmp_path / "chain.pem", data=data)
    assert "Verification: OK" in r.stdout, r.stdout + r.stderr
    data.write_bytes(b"something else")
    r = pki_tools.ts_verify(tmp_path / "reply.tsr", tmp_path / "root.pem",
                            tmp_path / "chain.pem", data=data)
    assert "Verification: OK" not in r.stdout


def test_b_lt_with_the_servers_tsa(srv, transport):
    chain, crls = fetch_material(transport)
    material = Material.load(chain, crls)
    # a worker certificate from another CA cannot be validated against this chain: the
    # signer refuses before asking for anything; the TSA part is what is tested here, with
    # a worker issued by this test's own CA and that CA's data added to the material
    own = make_pki()
    mixed = Material((*material.certs, *own.chain()), (*material.crls, *own.crls()))
    signer = LtvSigner(own.worker, timestamper=PinnedTimeStamper(transport), material=mixed)
    pdf = signer.sign(blank_pdf())
    assert signer.last_level == "B-LT"
    r = check_signature(pdf, own.root_pem())
    assert r.trusted is False            # the timestamp is the server's, not under `own`
    both = check_signature(pdf, own.root_pem() + _root(chain))
    assert both.trusted and both.timestamp == "valid" and both.covers_whole_file, \
        both.trust_detail


def test_a_wrong_pin_is_never_a_timestamp(srv):
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError

    with SyncTransport(srv.url, "00" * 32, timeout=10) as tr:
        with pytest.raises(PinMismatch):
            fetch_token(tr, b"\0" * 32)
        with pytest.raises(TimestampRequestError):
            asyncio.run(PinnedTimeStamper(tr).async_timestamp(b"\0" * 32, "sha256"))
