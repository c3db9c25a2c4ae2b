"""Checking a PAdES-signed PDF: integrity, coverage, trust and time (pyHanko).

Without trust roots the question is only "unchanged since signing?" (the signer's
certificate is reported, not judged). With trust roots (`verify --trust ROOT.pem`) the
signer's chain is validated in **hard-fail** mode from the revocation data embedded in the
file (the DSS and the CMS revocation attribute, which pyHanko does not hand to the
validator by itself) plus any CRLs given, as of the **proof-of-existence time**: the
signature timestamp's time, else the first document timestamp's; only a file with neither
is judged as of now. So a file timestamped before the worker was revoked still validates,
one signed after it does not, and neither depends on the verifier's clock.

Coverage: the signature must cover the whole file, or every revision after it must be
one pyHanko's difference analysis classes as a DSS or document-timestamp update
(ModificationLevel.LTA_UPDATES); any other revision, or bytes appended after the last
revision, count as "added after the signature".
"""
from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from crypto import ltv
from crypto.identity import fingerprint
from crypto.pades import quiet_pyhanko, run_sync


@dataclass
class SignatureCheck:
    """What pyHanko says about the document's signature(s), in plain fields."""

    signed: bool = False
    signature_count: int = 0             # signatures proper (document timestamps apart)
    intact: bool = False
    valid: bool = False
    covers_whole_file: bool = False
    coverage: str = ""
    modification: str = ""               # pyHanko's level for revisions after the signature
    trusted: bool | None = None          # None: no trust anchor given
    trust_detail: str = ""
    signer_subject: str = ""
    signer_fingerprint: str = ""
    signer_certificate_pem: bytes = b""
    signer_self_signed: bool = False
    signing_time: datetime | None = None
    timestamp: str = "none"              # none | valid | invalid (the signature timestamp)
    timestamp_time: datetime | None = None
    doc_timestamps: int = 0
    doc_timestamps_ok: bool = True
    doc_timestamp_time: datetime | None = None   # the first one's
    validated_at: datetime | None = None          # the time the chain was judged at
    revocation_data: bool = False        # CRLs embedded (or given) for the hard-fail check
    no_revocation_data: bool = False     # --trust, a chain needing revocation data, none
    chains_to_trust: bool | None = None  # the signer chains by signature to a trust root
    certified: bool = False
    level: str = ""                      # B-B | B-T | B-LT | B-LTA
    error: str = ""
    error_kind: str = ""                 # "" | certificate_altered | unreadable
    parsed_length: int = 0               # bytes that form the PDF checked (< file: junk after)


def check_signature(data: bytes, trust_pem: bytes | None = None, *,
                    crls: Iterable[bytes] = ()) -> SignatureCheck:
    """Validate the last signature of `data` (the PDF bytes), its coverage and, with
    `trust_pem`, its chain with hard-fail revocation (`crls`: extra CRLs, DER or PEM)."""
    extra = [ltv._crl_der(c) for c in crls]
    with quiet_pyhanko():
        return run_sync(_check, data, trust_pem, extra)


def _check(data: bytes, trust_pem: bytes | None, extra_crls: list[bytes]) -> SignatureCheck:
    from pyhanko.pdf_utils.reader import PdfFileReader

    out = SignatureCheck(parsed_length=len(data))
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        sigs = reader.embedded_regular_signatures
        stamps = reader.embedded_timestamp_signatures
    except Exception as exc:
        # Junk appended after the last revision (even a stray "%%EOF") hides the real end
        # of the file: check the longest prefix that is a PDF, and say the rest was added.
        end = _last_parsable_end(data)
        if end is None:
            out.error = f"unreadable PDF: {exc}"
            return out
        out = _check(data[:end], trust_pem, extra_crls)
        out.covers_whole_file = False
        out.coverage = "PREFIX_ONLY"
        return out
    out.signature_count, out.doc_timestamps = len(sigs), len(stamps)
    if not sigs:
        return out
    out.signed = True
    _validate(out, reader, sigs[-1], stamps, trust_pem, extra_crls)
    if out.covers_whole_file and not _ends_with_last_revision(reader, data):
        out.covers_whole_file = False   # bytes appended after the last revision
    return out


def _not_validated(out: SignatureCheck, exc: Exception) -> None:
    sub = getattr(getattr(exc, "ades_subindication", None), "name", "")
    if sub == "NO_SIGNING_CERTIFICATE_FOUND":
        # The certificate in the CMS is not the one the signer's identifier and the
        # signed ESS attribute name: it was altered or swapped after signing.
        out.error_kind = "certificate_altered"
    out.error = f"signature could not be validated: {exc}"


def _validate(out: SignatureCheck, reader: Any, sig: Any, stamps: list, trust_pem: bytes | None,
              extra_crls: list[bytes]) -> None:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:  # reading the CMS's certificates fails first when one was altered after signing
        embedded = ltv.embedded_validation_data(reader, sig)
    except Exception as exc:
        _not_validated(out, exc)
        return
    crls = [*embedded.crls, *extra_crls]
    out.revocation_data = bool(crls)
    out.certified = sig.docmdp_level is not None
    out.timestamp_time = ltv.signature_timestamp_time(sig)
    stamp_times = [ltv.timestamp_time(s.signed_data) for s in stamps]
    out.doc_timestamp_time = stamp_times[0] if stamp_times else None
    roots = []
    if trust_pem:
        roots = [ltv.asn1_cert(c) for c in x509.load_pem_x509_certificates(trust_pem)]
        out.validated_at = out.timestamp_time or out.doc_timestamp_time
        vc = ltv.validation_context(roots=roots, certs=embedded.certs, crls=crls,
                                    moment=out.validated_at)
    else:
        vc = ValidationContext(trust_roots=[], allow_fetching=False,
                               revocation_mode="soft-fail")
    try:  # known even when validation fails below: "was something added?" still counts
        out.coverage = sig.evaluate_signature_coverage().name
    except Exception:
        pass
    try:
        status = validate_pdf_signature(sig, signer_validation_context=vc,
                                        ts_validation_context=vc)
    except Exception as exc:
        _not_validated(out, exc)
        return
    out.intact, out.valid = bool(status.intact), bool(status.valid)
    cov = status.coverage
    out.coverage = cov.name if cov is not None else "UNCLEAR"
    level = status.modification_level
    out.modification = level.name if level is not None else ""
    # "Intact" only speaks for the signed byte range; appended bytes or a later revision
    # leave it intact, so the whole-file question is asked separately.
    only_lta_after = (cov == SignatureCoverageLevel.ENTIRE_REVISION and level is not None
                      and level <= ModificationLevel.LTA_UPDATES
                      and status.docmdp_ok is not False)
    out.covers_whole_file = out.signature_count == 1 and (
        (cov == SignatureCoverageLevel.ENTIRE_FILE and not stamps) or only_lta_after)
    cert = x509.load_der_x509_certificate(status.signing_cert.dump())
    out.signer_certificate_pem = cert.public_bytes(serialization.Encoding.PEM)
    out.signer_fingerprint = fingerprint(cert)
    out.signer_subject = cert.subject.rfc4514_string()
    out.signer_self_signed = cert.subject == cert.issuer
    out.signing_time = _aware(status.signer_reported_dt)
    tsv = status.timestamp_validity
    if tsv is not None:
        ok = tsv.intact and tsv.valid and (tsv.trusted or not trust_pem)
        out.timestamp = "valid" if ok else "invalid"
        out.timestamp_time = _aware(getattr(tsv, "timestamp", None)) or out.timestamp_time
    out.doc_timestamps_ok = _check_stamps(stamps, stamp_times, roots, embedded, crls,
                                          bool(trust_pem))
    if trust_pem:
        out.trusted = bool(status.trusted) and out.timestamp != "invalid"
        out.trust_detail = "" if status.trusted else str(status.trust_problem_indic or "")
        out.chains_to_trust = _chains_to(cert, embedded.certs, roots)
        if not status.trusted and not out.revocation_data and out.chains_to_trust and \
                not _is_root(cert, roots):
            out.no_revocation_data = True
    has_time = tsv is not None or bool(stamps)
    if out.revocation_data and has_time:
        out.level = "B-LTA" if len(stamps) > (0 if tsv is not None else 1) else "B-LT"
    else:
        out.level = "B-T" if has_time else "B-B"


def _check_stamps(stamps: list, times: list, roots: list, embedded: ltv.Embedded,
                  crls: list, trusted: bool) -> bool:
    """Every document timestamp intact and valid (and, with roots, trusted as of its own
    time, from the same embedded revocation data)."""
    from pyhanko.sign.validation import validate_pdf_timestamp
    from pyhanko_certvalidator import ValidationContext

    for stamp, when in zip(stamps, times, strict=True):
        vc = (ltv.validation_context(roots=roots, certs=embedded.certs, crls=crls,
                                     moment=when) if trusted else
              ValidationContext(trust_roots=[], allow_fetching=False,
                                revocation_mode="soft-fail"))
        try:
            st = validate_pdf_timestamp(stamp, validation_context=vc)
        except Exception:
            return False
        if not (st.intact and st.valid and (st.trusted or not trusted)):
            return False
    return True


def _ends_with_last_revision(reader: Any, data: bytes) -> bool:
    """Whether the file ends with its last revision's %%EOF (an end-of-line at most):
    bytes appended after it are no revision, so no difference analysis sees them."""
    try:
        xrefs = reader.xrefs
        end = xrefs.get_xref_container_info(xrefs.total_revisions - 1).end_location
    except Exception:
        return False
    eof = data.find(b"%%EOF", end)
    return eof >= 0 and data[eof + 5:].strip(b"\r\n") == b"" and len(data) - eof - 5 <= 2


def _is_root(cert: x509.Certificate, roots: list) -> bool:
    der = cert.public_bytes(serialization.Encoding.DER)
    return any(r.dump() == der for r in roots)


def _chains_to(cert: x509.Certificate, pool: list, roots: list) -> bool:
    """Whether `cert` chains by signature to one of `roots` through `pool` (asn1crypto
    certificates): tells "not issued under this root" from "no revocation data"."""
    by_subject: dict[bytes, list[x509.Certificate]] = {}
    for c in [*pool, *roots]:
        xc = x509.load_der_x509_certificate(c.dump())
        by_subject.setdefault(xc.subject.public_bytes(), []).append(xc)
    root_der = {r.dump() for r in roots}
    current = cert
    for _ in range(8):
        if current.public_bytes(serialization.Encoding.DER) in root_der:
            return True
        for issuer in by_subject.get(current.issuer.public_bytes(), []):
            try:
                current.verify_directly_issued_by(issuer)
            except (ValueError, TypeError, Exception):
                continue
            if issuer == current:
                return issuer.public_bytes(serialization.Encoding.DER) in root_der
            current = issuer
            break
        else:
            return False
    return False


def _last_parsable_end(data: bytes) -> int | None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    pos = len(data)
    for _ in range(8):
        pos = data.rfind(b"%%EOF", 0, pos)
        if pos < 0:
            return None
        end = pos + 5
        while end < len(data) and data[end:end + 1] in (b"\r", b"\n") and end < pos + 7:
            end += 1
        if end < len(data):
            try:
                reader = PdfFileReader(io.BytesIO(data[:end]), strict=False)
                if reader.embedded_signatures is not None:
                    return end
            except Exception:
                pass
    return None


def _aware(dt: datetime | None) -> datetime | None:
    if dt is None:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)
