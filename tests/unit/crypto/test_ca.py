"""crypto.ca: the organisation's certificate profiles and CRLs, checked by the tools that
judge them (openssl, pdfsig with the root in an NSS database, pyHanko's validator in
hard-fail mode), not only by reading our own extensions back."""
from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from crypto import ca
from tests import pki_tools

ORG = "디지털성범죄 안심지원센터"
CRL_URL = "http://127.0.0.1:9/v1/pki/crl"
ROOT_CRL_URL = "http://127.0.0.1:9/v1/pki/root-crl"


@pytest.fixture(scope="module")
def pki():
    root_key, root = ca.new_root(ORG)
    iss_key, iss = ca.new_issuing(root_key, root, ORG, crl_url=ROOT_CRL_URL)
    tsa_key, tsa = ca.new_tsa(iss_key, iss, ORG, crl_url=CRL_URL)
    worker_key = ca.new_key()
    leaf = ca.issue_worker(iss_key, iss, ca.make_csr(worker_key, "anything"),
                           worker="김활동", team="동행1팀", org=ORG, crl_url=CRL_URL)
    return {"root_key": root_key, "root": root, "iss_key": iss_key, "iss": iss,
            "tsa_key": tsa_key, "tsa": tsa, "worker_key": worker_key, "leaf": leaf}


def _ext(cert, cls):
    return cert.extensions.get_extension_for_class(cls)


def _dp(cert) -> list[str]:
    dps = _ext(cert, x509.CRLDistributionPoints).value
    return [n.value for dp in dps for n in dp.full_name]


def test_ca_certificates_are_cas_without_eku(pki):
    for cert, pathlen in ((pki["root"], None), (pki["iss"], 0)):
        bc = _ext(cert, x509.BasicConstraints)
        assert bc.critical and bc.value.ca and bc.value.path_length == pathlen
        ku = _ext(cert, x509.KeyUsage)
        assert ku.critical and ku.value.key_cert_sign and ku.value.crl_sign
        assert not ku.value.digital_signature
        with pytest.raises(x509.ExtensionNotFound):
            _ext(cert, x509.ExtendedKeyUsage)
        assert isinstance(cert.public_key(), ec.EllipticCurvePublicKey)
        assert cert.public_key().curve.name == "secp256r1"
        assert isinstance(cert.signature_hash_algorithm, hashes.SHA256)
    assert _ext(pki["iss"], x509.AuthorityKeyIdentifier).value.key_identifier == \
        _ext(pki["root"], x509.SubjectKeyIdentifier).value.digest
    assert _dp(pki["iss"]) == [ROOT_CRL_URL]


def test_worker_profile_is_what_pdfsig_accepts(pki):
    leaf = pki["leaf"]
    ku = _ext(leaf, x509.KeyUsage)
    assert ku.critical and ku.value.digital_signature and ku.value.content_commitment
    assert not (ku.value.key_cert_sign or ku.value.crl_sign or ku.value.key_encipherment)
    try:
        eku = _ext(leaf, x509.ExtendedKeyUsage).value
        assert ExtendedKeyUsageOID.EMAIL_PROTECTION in eku
    except x509.ExtensionNotFound:
        pass
    assert not _ext(leaf, x509.BasicConstraints).value.ca
    assert _dp(leaf) == [CRL_URL]
    assert _ext(leaf, x509.AuthorityKeyIdentifier).value.key_identifier == \
        _ext(pki["iss"], x509.SubjectKeyIdentifier).value.digest
    assert _ext(leaf, x509.SubjectKeyIdentifier).value.digest == \
        x509.SubjectKeyIdentifier.from_public_key(pki["worker_key"].public_key()).digest
    # the subject is the server's record of the worker, not what the CSR asked for
    subject = {a.oid: a.value for a in leaf.subject}
    assert subject == {NameOID.COMMON_NAME: "김활동", NameOID.ORGANIZATIONAL_UNIT_NAME: "동행1팀",
                       NameOID.ORGANIZATION_NAME: ORG}
    life = leaf.not_valid_after_utc - leaf.not_valid_before_utc
    assert life <= timedelta(days=365) + ca.BACKDATE


def test_tsa_profile(pki):
    tsa = pki["tsa"]
    eku = _ext(tsa, x509.ExtendedKeyUsage)
    assert eku.critical and list(eku.value) == [ExtendedKeyUsageOID.TIME_STAMPING]
    ku = _ext(tsa, x509.KeyUsage).value
    assert ku.digital_signature and not ku.key_cert_sign
    assert _dp(tsa) == [CRL_URL]


def test_openssl_verifies_the_chains_and_not_against_another_root(pki, tmp_path):
    root, iss, leaf, tsa = (tmp_path / n for n in ("root.pem", "iss.pem", "leaf.pem", "tsa.pem"))
    root.write_bytes(pki_tools.pem(pki["root"]))
    iss.write_bytes(pki_tools.pem(pki["iss"]))
    leaf.write_bytes(pki_tools.pem(pki["leaf"]))
    tsa.write_bytes(pki_tools.pem(pki["tsa"]))
    assert pki_tools.openssl_verify(root, iss, leaf).returncode == 0
    proc = pki_tools.openssl_verify(root, iss, tsa, "-purpose", "timestampsign")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    other = tmp_path / "other.pem"
    other.write_bytes(pki_tools.pem(ca.new_root(ORG)[1]))   # same names, another key
    assert pki_tools.openssl_verify(other, iss, leaf).returncode != 0


def test_crl_lists_revoked_serial_and_openssl_refuses_the_certificate(pki, tmp_path):
    when = datetime.now(UTC) - timedelta(minutes=5)
    crl = ca.make_crl(pki["iss_key"], pki["iss"], [(pki["leaf"].serial_number, when)], number=7)
    assert crl.is_signature_valid(pki["iss"].public_key())
    entry = crl.get_revoked_certificate_by_serial_number(pki["leaf"].serial_number)
    assert entry is not None and entry.revocation_date_utc == when.replace(microsecond=0)
    assert crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number == 7
    assert crl.next_update_utc - crl.last_update_utc == timedelta(days=2)
    root, iss, leaf, crl_file, empty = (
        tmp_path / n for n in ("root.pem", "iss.pem", "leaf.pem", "crl.pem", "empty.pem"))
    root.write_bytes(pki_tools.pem(pki["root"]))
    iss.write_bytes(pki_tools.pem(pki["iss"]))
    leaf.write_bytes(pki_tools.pem(pki["leaf"]))
    crl_file.write_bytes(crl.public_bytes(serialization.Encoding.PEM))
    proc = pki_tools.openssl_verify(root, iss, leaf, "-crl_check", "-CRLfile", crl_file)
    assert proc.returncode != 0 and "revoked" in proc.stdout + proc.stderr
    fresh = ca.make_crl(pki["iss_key"], pki["iss"], [], number=8)
    empty.write_bytes(fresh.public_bytes(serialization.Encoding.PEM))
    assert pki_tools.openssl_verify(root, iss, leaf, "-crl_check",
                                    "-CRLfile", empty).returncode == 0


def test_csr_must_prove_a_p256_key():
    root_key, root = ca.new_root(ORG)
    iss_key, iss = ca.new_issuing(root_key, root, ORG)
    ed = ed25519.Ed25519PrivateKey.generate()
    ed_csr = (x509.CertificateSigningRequestBuilder()
              .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "x")]))
              .sign(ed, None))
    with pytest.raises(ca.CAError):
        ca.issue_worker(iss_key, iss, ed_csr, worker="x", team=None, org=ORG)
    # a CSR whose signature does not match its key (someone else's public key)
    good = ca.make_csr(ca.new_key(), "x").public_bytes(serialization.Encoding.DER)
    forged = bytearray(good)
    forged[-3] ^= 0x01
    with pytest.raises((ca.CAError, ValueError)):
        ca.issue_worker(iss_key, iss, x509.load_der_x509_csr(bytes(forged)),
                        worker="x", team=None, org=ORG)
    with pytest.raises(ca.CAError):
        ca.issue_worker(iss_key, iss, ca.make_csr(ca.new_key(), "x"), worker="x", team=None,
                        org=ORG, days=400)


def test_pyhanko_hard_fail_validation_uses_the_crls(pki):
    """The validator helper C drives: the leaf validates with both CRLs, and fails once
    the issuing CA's CRL lists it (hard-fail checks certificates with a distribution point,
    so each one below the root must name one)."""
    from asn1crypto import crl as asn1_crl
    from asn1crypto import x509 as asn1_x509
    from pyhanko_certvalidator import CertificateValidator, ValidationContext
    from pyhanko_certvalidator.errors import PathValidationError, RevokedError

    def a(cert):
        return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))

    def c(crl):
        return asn1_crl.CertificateList.load(crl.public_bytes(serialization.Encoding.DER))

    root_crl = ca.make_crl(pki["root_key"], pki["root"], [], number=1,
                           next_update=timedelta(days=400))

    def validate(issuing_crl):
        vc = ValidationContext(trust_roots=[a(pki["root"])], crls=[c(issuing_crl), c(root_crl)],
                               revocation_mode="hard-fail", allow_fetching=False)
        v = CertificateValidator(a(pki["leaf"]), intermediate_certs=[a(pki["iss"])],
                                 validation_context=vc)
        return asyncio.run(v.async_validate_usage({"non_repudiation"}))

    validate(ca.make_crl(pki["iss_key"], pki["iss"], [], number=1))
    revoked = ca.make_crl(pki["iss_key"], pki["iss"],
                          [(pki["leaf"].serial_number, datetime.now(UTC))], number=2)
    with pytest.raises((RevokedError, PathValidationError)):
        validate(revoked)


def _blank_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "org certificate test")
    c.save()
    return buf.getvalue()


def test_pdfsig_trusts_a_signature_by_an_issued_worker_certificate(pki, tmp_path):
    from crypto.identity import Identity
    from crypto.pades import PadesSigner

    identity = Identity(pki["worker_key"], pki["leaf"], (pki["iss"], pki["root"]))
    pdf = tmp_path / "signed.pdf"
    pdf.write_bytes(PadesSigner(identity).sign(_blank_pdf()))
    root = tmp_path / "root.pem"
    root.write_bytes(pki_tools.pem(pki["root"]))
    trusted = pki_tools.pdfsig(pdf, pki_tools.nss_db(tmp_path / "nss", [root]))
    assert "Signature is Valid." in trusted
    assert "Certificate is Trusted." in trusted, trusted
    other = tmp_path / "other.pem"
    other.write_bytes(pki_tools.pem(ca.new_root(ORG)[1]))
    untrusted = pki_tools.pdfsig(pdf, pki_tools.nss_db(tmp_path / "nss2", [other]))
    assert "Certificate is Trusted." not in untrusted
