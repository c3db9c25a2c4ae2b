"""crypto.tsa: RFC 3161 responses that `openssl ts -verify` and pyHanko accept, and the
refusals the RFC names."""
from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime

import pytest
from asn1crypto import algos, tsp

from crypto import ca, tsa
from tests import pki_tools

ORG = "Test Center"


@pytest.fixture(scope="module")
def authority():
    root_key, root = ca.new_root(ORG)
    iss_key, iss = ca.new_issuing(root_key, root, ORG)
    key, cert = ca.new_tsa(iss_key, iss, ORG)
    return key, cert, iss, root


def _files(tmp_path, authority):
    _, cert, iss, root = authority
    (tmp_path / "root.pem").write_bytes(pki_tools.pem(root))
    (tmp_path / "chain.pem").write_bytes(pki_tools.pem(iss, cert))
    return tmp_path / "root.pem", tmp_path / "chain.pem"


def test_openssl_verifies_a_token_for_the_query_and_the_data(authority, tmp_path):
    key, cert, iss, _ = authority
    data = tmp_path / "data.bin"
    data.write_bytes(os.urandom(1000))
    query = pki_tools.ts_query(data, tmp_path / "q.tsq")
    reply = tmp_path / "r.tsr"
    reply.write_bytes(tsa.respond(query.read_bytes(), key, cert, [iss], serial=1234))
    root, chain = _files(tmp_path, authority)
    for kw in ({"query": query}, {"data": data}):
        proc = pki_tools.ts_verify(reply, root, chain, **kw)
        assert proc.returncode == 0 and "Verification: OK" in proc.stdout, proc.stderr
    text = pki_tools.run("openssl", "ts", "-reply", "-in", reply, "-text").stdout
    assert "Serial number: 0x04D2" in text and tsa.DEFAULT_POLICY in text
    # other data, or a root the TSA does not chain to, fail
    other = tmp_path / "other.bin"
    other.write_bytes(b"not the same")
    assert pki_tools.ts_verify(reply, root, chain, data=other).returncode != 0
    stranger = tmp_path / "stranger.pem"
    stranger.write_bytes(pki_tools.pem(ca.new_root(ORG)[1]))
    assert pki_tools.ts_verify(reply, stranger, chain, data=data).returncode != 0


def test_token_without_certificates_verifies_with_the_tsa_chain_given(authority, tmp_path):
    key, cert, iss, _ = authority
    data = tmp_path / "data.bin"
    data.write_bytes(b"evidence root")
    query = pki_tools.ts_query(data, tmp_path / "q.tsq", cert=False)
    reply = tmp_path / "r.tsr"
    reply.write_bytes(tsa.respond(query.read_bytes(), key, cert, [iss], serial=5))
    root, chain = _files(tmp_path, authority)
    assert pki_tools.ts_verify(reply, root, chain, query=query).returncode == 0


def _request(**over) -> bytes:
    fields = {"version": "v1",
              "message_imprint": {"hash_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
                                  "hashed_message": hashlib.sha256(b"x").digest()},
              "nonce": 99, "cert_req": True}
    fields.update(over)
    return tsp.TimeStampReq(fields).dump()


@pytest.mark.parametrize(("request_der", "fail"), [
    (b"\x30\x03\x02\x01\x01", "bad_data_format"),
    (b"garbage", "bad_data_format"),
    (_request(message_imprint={"hash_algorithm": {"algorithm": "md5"},
                               "hashed_message": b"\0" * 16}), "bad_alg"),
    (_request(message_imprint={"hash_algorithm": {"algorithm": "sha256"},
                               "hashed_message": b"\0" * 20}), "bad_data_format"),
    (_request(req_policy="1.2.3.4"), "unaccepted_policy"),
])
def test_refusals_carry_the_rfc_failure(authority, request_der, fail):
    key, cert, iss, _ = authority
    resp = tsa.TimeStampResp.load(tsa.respond(request_der, key, cert, [iss], serial=1))
    assert resp["status"]["status"].native == "rejection"
    assert fail in resp["status"]["fail_info"].native
    assert resp["time_stamp_token"].native is None


def test_granted_token_fields(authority):
    key, cert, iss, root = authority
    when = datetime(2026, 12, 6, 22, 0, 0, 123000, tzinfo=UTC)
    resp = tsa.TimeStampResp.load(tsa.respond(_request(), key, cert, [iss, root],
                                              serial=77, now=when))
    assert resp["status"]["status"].native == "granted"
    signed = resp["time_stamp_token"]["content"]
    info = signed["encap_content_info"]["content"].parsed
    assert info["serial_number"].native == 77 and info["nonce"].native == 99
    assert info["gen_time"].native == when
    assert info["policy"].native == tsa.DEFAULT_POLICY
    assert len(signed["certificates"]) == 3


def test_pyhanko_accepts_the_token(authority):
    """pyHanko is what embeds our tokens in PDFs: it must read and validate them."""
    import asyncio

    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.sign.validation.generic_cms import validate_tst_signed_data
    from pyhanko_certvalidator import ValidationContext

    key, cert, iss, root = authority
    imprint = hashlib.sha256(b"x").digest()
    resp = tsa.TimeStampResp.load(tsa.respond(_request(), key, cert, [iss], serial=3))
    root_asn1 = asn1_x509.Certificate.load(root.public_bytes(serialization.Encoding.DER))
    vc = ValidationContext(trust_roots=[root_asn1], allow_fetching=False)
    status = asyncio.run(validate_tst_signed_data(
        resp["time_stamp_token"]["content"], vc, lambda _algo: imprint))
    assert status["intact"] and status["valid"], status
    assert status["trust_problem_indic"] is None, status
