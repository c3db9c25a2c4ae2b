"""crypto.ltv and crypto.pades_check: B-LT signing, upgrade, renewal and hard-fail
verification, with the organisation's real certificate profiles (crypto.ca) and the real
TSA response code (crypto.tsa) in-process; pdfsig with the root in an NSS database judges
the files independently."""
from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest

from crypto.ltv import LtvSigner, Material, renew, upgrade
from crypto.pades import PadesSigner, SigningError, TimestampUnavailable
from crypto.pades_check import check_signature
from tests import pki_tools
from tests.ltv_kit import blank_pdf, make_pki


@pytest.fixture(scope="module")
def pki():
    return make_pki()


@pytest.fixture(scope="module")
def material(pki):
    return Material(pki.chain(), tuple(pki.crls()))


@pytest.fixture(scope="module")
def b_lt(pki, material):
    return LtvSigner(pki.worker, timestamper=pki.timestamper(), material=material,
                     certify=True).sign(blank_pdf())


@pytest.fixture(scope="module")
def offline(pki):
    return PadesSigner(pki.worker).sign(blank_pdf())


@pytest.fixture(scope="module")
def nssdir(pki, tmp_path_factory):
    folder = tmp_path_factory.mktemp("nss")
    root = folder / "root.pem"
    root.write_bytes(pki.root_pem())
    return pki_tools.nss_db(folder / "db", [root])


def _pdfsig(tmp_path, data: bytes, nssdir: str) -> str:
    f = tmp_path / "f.pdf"
    f.write_bytes(data)
    return pki_tools.pdfsig(f, nssdir)


def test_b_lt_at_once_covers_the_whole_file_and_validates(b_lt, pki, tmp_path, nssdir):
    r = check_signature(b_lt, pki.root_pem())
    assert r.trusted and r.intact and r.valid and r.covers_whole_file, r.trust_detail
    assert r.level == "B-LT" and r.timestamp == "valid" and r.revocation_data
    assert r.certified and r.validated_at == r.timestamp_time
    out = _pdfsig(tmp_path, b_lt, nssdir)
    assert "Total document signed" in out and "Signature is Valid." in out
    assert "Certificate is Trusted." in out, out


def test_b_lt_without_trust_keeps_todays_answer(b_lt):
    r = check_signature(b_lt)
    assert r.trusted is None and r.covers_whole_file and r.level == "B-LT"
    assert not r.signer_self_signed


def test_offline_file_fails_trust_for_want_of_revocation_data(offline, pki):
    r = check_signature(offline, pki.root_pem())
    assert r.trusted is False and r.no_revocation_data and r.level == "B-B"
    given = check_signature(offline, pki.root_pem(), crls=pki.crls())
    assert given.trusted and given.validated_at is None   # judged as of now


def test_upgrade_appends_dss_and_document_timestamp(offline, pki, material, tmp_path,
                                                    nssdir):
    up = upgrade(offline, pki.timestamper(), material)
    assert up.startswith(offline)
    r = check_signature(up, pki.root_pem())
    assert r.trusted and r.covers_whole_file and r.level == "B-LT", r.trust_detail
    assert r.modification == "LTA_UPDATES" and r.doc_timestamps == 1 and r.doc_timestamps_ok
    assert r.validated_at == r.doc_timestamp_time and r.timestamp == "none"
    out = _pdfsig(tmp_path, up, nssdir)
    # the signature's own revision is no longer the whole file: expected (docs/export.md)
    assert "Not total document signed" in out and "Certificate is Trusted." in out


def test_certified_file_upgrades_and_renews(b_lt, pki, material):
    again = renew(b_lt, pki.timestamper(), material)
    r = check_signature(again, pki.root_pem())
    assert r.trusted and r.covers_whole_file and r.certified and r.level == "B-LTA"
    twice = renew(again, pki.timestamper(), material.with_crls(pki.crls()))
    r2 = check_signature(twice, pki.root_pem())
    assert r2.trusted and r2.covers_whole_file and r2.doc_timestamps == 2


def test_anything_but_lta_updates_after_the_signature_fails(offline, pki, material):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    up = upgrade(offline, pki.timestamper(), material)
    buf = io.BytesIO(up)
    w = IncrementalPdfFileWriter(buf)
    w.root["/Names"] = generic.DictionaryObject()   # e.g. the embedded files swapped
    w.update_root()
    w.write_in_place()
    r = check_signature(buf.getvalue(), pki.root_pem())
    assert r.intact and not r.covers_whole_file and r.modification == "OTHER"
    junk = check_signature(up + b"\n% appended\n", pki.root_pem())
    assert junk.intact and not junk.covers_whole_file


def test_revoked_worker_before_and_after_the_timestamp(pki, material):
    now = datetime.now(UTC)
    before = LtvSigner(pki.worker, timestamper=pki.timestamper(),
                       material=material).sign(blank_pdf())
    revoked = [(pki.worker.certificate.serial_number, now + timedelta(hours=1))]
    newer = pki.crls(revoked, now=now + timedelta(hours=2))
    r = check_signature(before, pki.root_pem(), crls=newer)
    assert r.trusted, r.trust_detail           # timestamped before the revocation
    later = Material(pki.chain(), tuple(newer))
    with pytest.raises(SigningError) as err:   # a revoked certificate is refused at once
        LtvSigner(pki.worker, timestamper=pki.timestamper(now + timedelta(hours=2)),
                  material=later).sign(blank_pdf())
    assert not isinstance(err.value, TimestampUnavailable)
    after = upgrade(PadesSigner(pki.worker).sign(blank_pdf()),
                    pki.timestamper(now + timedelta(hours=2)), later)
    r = check_signature(after, pki.root_pem())
    assert r.trusted is False and "REVOKED" in r.trust_detail
    assert not r.no_revocation_data


def test_same_name_from_another_home_or_organisation_is_not_trusted(pki):
    from crypto.identity import create_identity

    home = create_identity("김활동", "디지털성범죄 안심지원센터")   # the same name, a laptop key
    forged = PadesSigner(home).sign(blank_pdf())
    r = check_signature(forged, pki.root_pem())
    assert r.trusted is False and not r.no_revocation_data and r.signer_self_signed
    other = make_pki()
    foreign = LtvSigner(other.worker, timestamper=other.timestamper(),
                        material=Material(other.chain(), tuple(other.crls()))
                        ).sign(blank_pdf())
    r = check_signature(foreign, pki.root_pem())
    assert r.trusted is False and not r.no_revocation_data


def test_a_timestamp_authority_that_fails_is_timestamp_unavailable(pki, material):
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError

    class Down(type(pki.timestamper())):
        async def async_request_tsa_response(self, req):
            raise TimestampRequestError("connection refused")

    with pytest.raises(TimestampUnavailable):
        LtvSigner(pki.worker, timestamper=Down(pki), material=material).sign(blank_pdf())
    with pytest.raises(TimestampUnavailable):
        upgrade(PadesSigner(pki.worker).sign(blank_pdf()), Down(pki), material)
