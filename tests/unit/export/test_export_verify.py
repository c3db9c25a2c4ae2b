"""Tampering is caught with the right reason; trust is reported apart from integrity;
timestamps (B-T) work with a test TSA; an unanswering one raises, never a silent B-B."""
from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from export_kit import make_bundle, render, run_tool

from desktop.verify import verify_pdf


@pytest.fixture(scope="module")
def signed_pdf(identity):
    from crypto.pades import PadesSigner

    bundle = make_bundle("court")
    photo = bundle.attachments[0].data        # rendering releases the bundle's copies
    return photo, render(bundle, PadesSigner(identity))


def _reasons(report) -> str:
    return " | ".join(en for _ko, en in report.problems)


def test_untouched_file_verifies(tmp_path, signed_pdf):
    out = tmp_path / "ok.pdf"
    out.write_bytes(signed_pdf[1])
    report = verify_pdf(out)
    assert report.ok and not report.problems
    doc = report.to_json()
    assert doc["ok"] is True and doc["trust"] == "not checked" and len(doc["files"]) == 2
    json.dumps(doc)  # serialisable as is


def test_byte_changed_inside_embedded_evidence(tmp_path, signed_pdf):
    photo, pdf = signed_pdf
    at = pdf.rindex(photo) + len(photo) // 2     # the embedded copy (the last one)
    tampered = bytearray(pdf)
    tampered[at] ^= 0x01
    out = tmp_path / "t.pdf"
    out.write_bytes(bytes(tampered))
    report = verify_pdf(out)
    assert not report.ok and not report.intact
    assert "digest mismatch" in _reasons(report)
    assert "E001: SHA-256 differs" in _reasons(report)


def test_byte_changed_in_document_metadata(tmp_path, signed_pdf):
    pdf = signed_pdf[1]
    at = pdf.index(b"/Producer (Donghaeng)") + len(b"/Producer (")
    tampered = pdf[:at] + b"X" + pdf[at + 1:]
    out = tmp_path / "t.pdf"
    out.write_bytes(tampered)
    report = verify_pdf(out)
    assert not report.ok and not report.intact
    assert "digest mismatch" in _reasons(report)
    assert "Signature is Invalid" in run_tool("pdfsig", str(out)) or \
        "Signature is Valid" not in run_tool("pdfsig", str(out))


def test_bytes_appended_after_signing(tmp_path, signed_pdf):
    out = tmp_path / "t.pdf"
    out.write_bytes(signed_pdf[1] + b"\n% appended later\n")
    report = verify_pdf(out)
    assert report.intact            # the signed range itself is untouched ...
    assert not report.covers_whole_file and not report.ok   # ... but the file is not
    assert "added after the signature" in _reasons(report)


def test_attachment_swapped_in_incremental_update(tmp_path, signed_pdf):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.embed import EmbeddedFileObject
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    buf = io.BytesIO(signed_pdf[1])
    w = IncrementalPdfFileWriter(buf)
    names = w.root["/Names"]["/EmbeddedFiles"]["/Names"]
    spec_ref = names[1]                               # E001's file specification
    spec = spec_ref.get_object()
    forged = EmbeddedFileObject.from_file_data(w, b"forged evidence", compress=False)
    spec["/EF"] = generic.DictionaryObject({generic.pdf_name("/F"): forged.ef_stream_ref,
                                            generic.pdf_name("/UF"): forged.ef_stream_ref})
    w.update_container(spec)
    w.write_in_place()
    out = tmp_path / "t.pdf"
    out.write_bytes(buf.getvalue())
    report = verify_pdf(out)
    assert not report.ok
    assert report.intact and not report.covers_whole_file
    reasons = _reasons(report)
    assert "added after the signature" in reasons
    assert "E001: SHA-256 differs from the manifest" in reasons
    assert "Total document signed" not in run_tool("pdfsig", str(out))


def test_unsigned_pdf_fails(tmp_path):
    from desktop.export.compose import compose

    pdf, _ = compose(make_bundle("court", attachments=[]), {})
    out = tmp_path / "u.pdf"
    out.write_bytes(pdf)
    report = verify_pdf(out)
    assert not report.ok and not report.signed
    assert "not signed" in _reasons(report)
    assert "Result: FAILED" in report.render("en") and "결과: 실패" in report.render("ko")


def test_a_signer_not_chaining_to_trust_fails(tmp_path, signed_pdf, identity):
    """Issue 12: with --trust, another signer (a forgery, however intact) fails."""
    from crypto.identity import create_identity

    out = tmp_path / "ok.pdf"
    out.write_bytes(signed_pdf[1])
    trusted = verify_pdf(out, trust_pem=identity.certificate_pem())
    assert trusted.ok and trusted.trust == "trusted"
    stranger = create_identity("다른사람", "다른기관").certificate_pem()
    untrusted = verify_pdf(out, trust_pem=stranger)
    assert not untrusted.ok and untrusted.trust == "not trusted"
    assert untrusted.intact and untrusted.covers_whole_file
    assert untrusted.render("en").splitlines()[0].startswith(
        "Result: FAILED — the signer does not chain to the --trust certificate")
    unchecked = verify_pdf(out)
    assert unchecked.ok and unchecked.trust == "not checked"
    assert unchecked.fingerprint in unchecked.render("en").splitlines()[0]


def _test_tsa():
    """A throw-away timestamp authority certificate for pyHanko's dummy timestamper."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    from pyhanko.sign.timestamps import DummyTimeStamper

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # dummy: RSA only
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test TSA")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]),
                           critical=True)
            .sign(key, hashes.SHA256()))
    der_key = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(der_key))


def test_timestamped_signature_is_b_t(tmp_path, identity):
    from crypto.pades import PadesSigner
    from desktop.export.export import render_signed

    signer = PadesSigner(identity, timestamper=_test_tsa())
    signed, _pages, level = render_signed(make_bundle("court"), signer)
    assert level == "B-T"
    out = tmp_path / "bt.pdf"
    out.write_bytes(signed)
    report = verify_pdf(out)
    assert report.ok, _reasons(report)
    assert report.level == "B-T" and report.timestamp == "valid"
    assert "Signature is Valid" in run_tool("pdfsig", str(out))


def test_unreachable_timestamp_service_raises_and_leaves_no_half_signature(identity):
    """Issue 12: a configured TSA that does not answer never falls back to B-B silently
    (the laptop's clock would pass for a timestamp); the caller decides."""
    import io
    import socket

    from crypto.pades import PadesSigner, TimestampUnavailable
    from desktop.export.export import render_signed

    with socket.socket() as s:          # a local port with nobody listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/tsa"
    signer = PadesSigner(identity, timestamp_url=url, timestamp_timeout=2)
    with pytest.raises(TimestampUnavailable) as info:
        render_signed(make_bundle("court"), signer)
    assert info.value.url == url
    buf = io.BytesIO(b"%PDF-1.7 not really")
    with pytest.raises(TimestampUnavailable):
        signer.sign(buf)
    assert buf.getvalue() == b"%PDF-1.7 not really"    # restored: no half signature


def test_junk_ending_like_a_pdf_is_still_reported_as_added(tmp_path, signed_pdf):
    out = tmp_path / "t.pdf"
    out.write_bytes(signed_pdf[1] + b"\n%%EOF\n")       # not parsable as a revision
    report = verify_pdf(out)
    assert not report.ok and report.intact and not report.covers_whole_file
    assert "added after the signature" in _reasons(report)
    assert all(f.ok for f in report.files)


def test_verify_is_quiet_and_works_inside_an_event_loop(tmp_path, signed_pdf, capfd):
    """pyHanko logs tracebacks for self-signed signers and runs its own event loop; neither
    may leak into the CLI's output or break a caller that is itself async (the UI)."""
    import asyncio
    import logging

    logging.basicConfig(level=logging.DEBUG, force=True)   # as a chatty host app would
    try:
        out = tmp_path / "ok.pdf"
        out.write_bytes(signed_pdf[1])

        async def inside_loop():
            return verify_pdf(out)

        report = asyncio.run(inside_loop())
        assert report.ok
        captured = capfd.readouterr()
        assert "Traceback" not in captured.err and "pyhanko" not in captured.err.lower()
    finally:
        logging.basicConfig(level=logging.WARNING, force=True)
