"""Long-term validation (PAdES B-LT / B-LTA): trusted time and embedded validation data.

A signature made today must still be checkable at a trial years from now, offline, after
the worker's certificate and the CRLs of today have expired. What makes that possible:
- a **timestamp** from the center's TSA proves when the signature existed (the laptop's
  clock proves nothing);
- the **validation data** of that moment — the chain (issuing CA, root), the CRLs and the
  TSA's chain — is embedded in the file (the DSS), so a verifier needs no network;
- a later **document timestamp** (`renew`) extends the proof past the expiry of the TSA
  certificate and the embedded CRLs (B-LTA).

Everything here works from the certificates and CRLs the caller gives (`Material`, which
the laptop receives at sync): pyHanko never fetches anything (`allow_fetching=False`), and
revocation is checked in hard-fail mode, so a signing certificate whose revocation data is
missing is refused, never silently accepted.

Three operations: `LtvSigner` signs B-LT at once (online export: signature timestamp, and
the DSS written in the signature's own revision, so the signature still covers the whole
file); `upgrade` turns a signed B-B file (offline export) into B-LT with one incremental
update holding the DSS and a document timestamp; `renew` adds a fresh document timestamp
(and the current CRLs) to an LTV file -> B-LTA. A court export can be certified (DocMDP
"no changes"): DSS and document-timestamp updates remain allowed after it (ETSI EN
319 142-1 §5.4), and pyHanko's difference analysis classes them as such.
"""
from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from crypto.pades import (
    PadesSigner,
    SigningError,
    TimestampUnavailable,
    quiet_pyhanko,
    run_sync,
)

if TYPE_CHECKING:
    from asn1crypto import crl as asn1_crl
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.timestamps import TimeStamper
    from pyhanko_certvalidator import ValidationContext

DOC_TS_FIELD = "DocTimeStamp"   # + a number: each renewal adds a new field


class LtvError(SigningError):
    """The file cannot be upgraded or renewed (not signed, damaged, data missing)."""


@dataclass(frozen=True)
class Material:
    """The organisation's validation data as the laptop holds it after a sync: the chain
    (issuing CA, TSA, root: any order) and the current CRLs (DER)."""

    certs: tuple[x509.Certificate, ...] = ()
    crls: tuple[bytes, ...] = ()

    @classmethod
    def load(cls, chain_pem: bytes, crls: Iterable[bytes] = ()) -> Material:
        certs = tuple(x509.load_pem_x509_certificates(chain_pem)) if chain_pem else ()
        return cls(certs, tuple(_crl_der(c) for c in crls))

    @property
    def roots(self) -> tuple[x509.Certificate, ...]:
        return tuple(c for c in self.certs if c.subject == c.issuer)

    def with_crls(self, crls: Iterable[bytes]) -> Material:
        return Material(self.certs, (*self.crls, *(_crl_der(c) for c in crls)))


def _crl_der(data: bytes) -> bytes:
    """A CRL as DER, whether given as DER or PEM (`--crl FILE` may be either)."""
    data = bytes(data)
    if data.lstrip().startswith(b"-----BEGIN"):
        return x509.load_pem_x509_crl(data).public_bytes(serialization.Encoding.DER)
    x509.load_der_x509_crl(data)  # raises ValueError on anything else
    return data


def asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
    from asn1crypto import x509 as asn1_x509

    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def validation_context(*, roots: Sequence[asn1_x509.Certificate] = (),
                       certs: Iterable[asn1_x509.Certificate] = (),
                       crls: Iterable[bytes | asn1_crl.CertificateList] = (),
                       moment: datetime | None = None) -> ValidationContext:
    """Hard-fail, no fetching, only what is given. `moment`: validate as of that time (the
    proof-of-existence time of a timestamp); CRLs issued after it still count for it
    (`retroactive_revinfo`: a CRL fetched at sync says whether the certificate had been
    revoked before the timestamp's time, which is what matters)."""
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(
        trust_roots=list(roots), other_certs=list(certs), crls=list(crls),
        allow_fetching=False, revocation_mode="hard-fail", retroactive_revinfo=True,
        moment=moment, best_signature_time=moment)


def _material_context(material: Material, extra: Iterable[x509.Certificate] = ()
                      ) -> ValidationContext:
    return validation_context(roots=[asn1_cert(c) for c in material.roots],
                              certs=[asn1_cert(c) for c in (*material.certs, *extra)],
                              crls=material.crls)


# --- signing ----------------------------------------------------------------------------

@dataclass
class LtvSigner(PadesSigner):
    """Signs B-LT: signature timestamp + chain, CRLs and the TSA chain in the DSS of the
    signature's own revision. Needs a timestamper and `material` (from the server)."""

    material: Material = field(default_factory=Material)

    def _signature_meta(self) -> Any:
        import dataclasses

        from pyhanko.sign.signers.pdf_signer import DSSContentSettings, SigDSSPlacementPreference

        return dataclasses.replace(
            super()._signature_meta(), embed_validation_info=True,
            validation_context=_material_context(self.material, self.identity.chain),
            dss_settings=DSSContentSettings(
                include_vri=False, placement=SigDSSPlacementPreference.TOGETHER_WITH_SIGNATURE))

    def _sign_into(self, *args: Any) -> None:
        from pyhanko.sign.timestamps.common_utils import TimestampRequestError

        try:
            super()._sign_into(*args)
        except (TimestampRequestError, OSError, TimeoutError):
            raise
        except Exception as exc:  # not the TSA: the chain, its CRLs, the document
            raise _NotTheTimestamp(str(exc) or type(exc).__name__) from exc

    def sign(self, pdf: bytes | io.BytesIO, **kwargs: Any) -> bytes:
        if not self.will_timestamp:
            raise SigningError("B-LT needs a timestamp authority")
        try:
            out = super().sign(pdf, **kwargs)
        except TimestampUnavailable as exc:
            if isinstance(exc.__cause__, _NotTheTimestamp):
                if _revoked(exc.__cause__):
                    raise CertificateRevoked("the signing certificate has been revoked"
                                             ) from exc
                raise SigningError(str(exc.__cause__)) from exc
            raise
        self.last_level = "B-LT"
        return out


class CertificateRevoked(SigningError):
    """The CRLs given list the signer's certificate: nothing is signed with it."""


def _revoked(exc: BaseException | None) -> bool:
    """Whether pyHanko's validation failure (somewhere in the cause chain) is a revocation."""
    seen = 0
    while exc is not None and seen < 10:
        if "Revoked" in type(exc).__name__ or "REVOKED" in str(
                getattr(exc, "ades_subindication", "")):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


class _NotTheTimestamp(Exception):
    """Signing B-LT failed for a reason other than the timestamp authority."""


# --- upgrading and renewing ---------------------------------------------------------------

def upgrade(pdf: bytes, timestamper: TimeStamper, material: Material) -> bytes:
    """`pdf` (signed) plus one incremental update: the DSS (the signer's chain and every
    certificate in the signature, the CRLs, the TSA chain) and a document timestamp over
    all of it. The input's bytes are kept as they are (a prefix of the output)."""
    return _add_doc_timestamp(pdf, timestamper, material)


def renew(pdf: bytes, timestamper: TimeStamper, material: Material) -> bytes:
    """A fresh document timestamp (with the current CRLs added to the DSS first) over an
    LTV file: keeps it verifiable past the expiry of its newest timestamp's certificate
    and CRLs (B-LTA). Same mechanics as `upgrade`; the name says the intent."""
    return _add_doc_timestamp(pdf, timestamper, material)


def _add_doc_timestamp(pdf: bytes, timestamper: TimeStamper, material: Material) -> bytes:
    with quiet_pyhanko():
        try:
            return run_sync(_add_doc_timestamp_sync, pdf, timestamper, material)
        except (LtvError, TimestampUnavailable):
            raise
        except Exception as exc:
            from pyhanko.sign.timestamps.common_utils import TimestampRequestError

            if isinstance(exc, TimestampRequestError | OSError):
                raise TimestampUnavailable(type(timestamper).__name__,
                                           str(exc) or type(exc).__name__) from exc
            raise LtvError(str(exc) or type(exc).__name__) from exc


def _add_doc_timestamp_sync(pdf: bytes, timestamper: TimeStamper,
                            material: Material) -> bytes:
    from asn1crypto import crl as asn1_crl
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    buf = io.BytesIO(pdf)
    writer = IncrementalPdfFileWriter(buf, strict=False)
    sigs = writer.prev.embedded_signatures
    if not sigs:
        raise LtvError("the file is not signed")
    existing = {f for f in _field_names(writer.prev)}
    certs: dict[bytes, Any] = {}
    for sig in sigs:   # signer, its chain and any TSA certificates carried in the CMS
        for c in (sig.signer_cert, *sig.other_embedded_certs):
            if c is not None:
                certs[c.sha256] = c
    for c in material.certs:
        ac = asn1_cert(c)
        certs[ac.sha256] = ac
    crls = [asn1_crl.CertificateList.load(d) for d in material.crls]
    if not crls:
        raise LtvError("no revocation data (CRLs) to embed")
    # DSS first, in the same revision as the timestamp, so the timestamp covers it (no VRI:
    # a VRI entry would need the timestamp's own bytes, which do not exist yet)
    DocumentSecurityStore.supply_dss_in_writer(writer, None, certs=list(certs.values()),
                                               crls=crls)
    n = 1
    while f"{DOC_TS_FIELD}{n}" in existing:
        n += 1
    ts = signers.PdfTimeStamper(timestamper, field_name=f"{DOC_TS_FIELD}{n}")
    ts.timestamp_pdf(writer, "sha256", validation_context=None, in_place=True)
    out = buf.getvalue()
    if not out.startswith(pdf):  # never: an incremental update only appends
        raise LtvError("the update changed bytes of the signed file")
    return out


def _field_names(reader: Any) -> list[str]:
    from pyhanko.sign.fields import enumerate_sig_fields

    return [name for name, _value, _ref in enumerate_sig_fields(reader)]


# --- reading what a file holds (for verify) ---------------------------------------------

@dataclass
class Embedded:
    """The validation data inside a signed file: DSS and the CMS revocation attribute."""

    certs: list[Any] = field(default_factory=list)    # asn1crypto certificates
    crls: list[Any] = field(default_factory=list)     # asn1crypto CertificateLists


def embedded_validation_data(reader: Any, sig: Any) -> Embedded:
    """Certificates and CRLs from the DSS and from the signature's adbe-revocationInfo-
    Archival attribute: pyHanko does not hand these to the validator by itself."""
    from asn1crypto import crl as asn1_crl
    from pyhanko.pdf_utils.decode_limits import DecodePurpose
    from pyhanko.sign.validation.dss import DocumentSecurityStore
    from pyhanko.sign.validation.errors import NoDSSFoundError

    out = Embedded()
    try:
        dss = DocumentSecurityStore.read_dss(reader)
        out.certs.extend(dss.load_certs())
        for ref in dss.crls:
            out.crls.append(asn1_crl.CertificateList.load(
                ref.get_object().read_data(DecodePurpose.CRL)))
    except NoDSSFoundError:
        pass
    for attr in sig.signer_info["signed_attrs"]:
        if attr["type"].native == "adobe_revocation_info_archival":
            for value in attr["values"]:
                out.crls.extend(value["crl"] or [])
    out.certs.extend(c for c in sig.other_embedded_certs if c is not None)
    return out


def timestamp_time(signed_data: Any) -> datetime | None:
    """genTime of an RFC 3161 token's TSTInfo (a SignedData), unverified."""
    try:
        info = signed_data["encap_content_info"]["content"].parsed
        dt = info["gen_time"].native
    except Exception:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def signature_timestamp_time(sig: Any) -> datetime | None:
    """genTime of the signature timestamp in the CMS unsigned attributes, if any."""
    try:
        attrs = sig.signer_info["unsigned_attrs"]
    except KeyError:
        return None
    for attr in attrs or []:
        if attr["type"].native == "signature_time_stamp_token":
            return timestamp_time(attr["values"][0]["content"])
    return None


def latest_timestamp_time(pdf: bytes) -> datetime | None:
    """genTime of the newest timestamp in `pdf` (its last document timestamp, else the
    signature timestamp of its last signature), unverified: for display and records."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    with quiet_pyhanko():
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        stamps = reader.embedded_timestamp_signatures
        if stamps:
            return timestamp_time(stamps[-1].signed_data)
        sigs = reader.embedded_regular_signatures
        return signature_timestamp_time(sigs[-1]) if sigs else None
