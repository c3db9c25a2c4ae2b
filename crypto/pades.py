"""PAdES signing and signature checking with pyHanko.

`PadesSigner` is the one `Signer` implementation today: it signs with the identity's key
(device-local or, later, organisation-issued: only the certificate chain differs). Level
B-B without a timestamp authority; B-T with one. A configured authority that does not
answer raises `TimestampUnavailable` (the input restored, nothing half-signed): falling
back to B-B silently would let the laptop's clock pass for a timestamp. The caller
decides (the CLI fails, the app asks and may sign again without the authority).

The visible signature box is a one-page PDF (made by the caller with an embedded font)
imported as the field's appearance: pyHanko's own text stamp uses a non-embedded Courier.

pyHanko runs its own event loop (`asyncio.run`); when the caller is already inside one we
run pyHanko on a short-lived thread instead.
"""
from __future__ import annotations

import asyncio
import binascii
import contextlib
import functools
import io
import logging
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from crypto.identity import Identity, fingerprint

if TYPE_CHECKING:  # pyHanko is imported lazily: only export and verify need it
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.content import PdfContent
    from pyhanko.sign.signers import PdfSigner, SimpleSigner
    from pyhanko.sign.signers.pdf_signer import PdfSigningSession
    from pyhanko.sign.timestamps import TimeStamper

T = TypeVar("T")

_QUIET_LOGGERS = ("pyhanko", "pyhanko_certvalidator")
FIELD_NAME = "Signature1"


class Signer(Protocol):
    """What the export needs from a signer; an organisation-issued identity drops in."""

    certificate: x509.Certificate

    def sign(self, pdf: bytes | io.BytesIO, *, appearance: SignatureAppearance | None = None,
             signing_time: datetime | None = None) -> bytes: ...


@dataclass(frozen=True)
class SignatureAppearance:
    """Where the visible box goes and what it shows (a one-page PDF, page size = box)."""

    box: tuple[float, float, float, float]
    stamp_pdf: bytes | None = None
    page_index: int = -1


class SigningError(Exception):
    """Signing failed for a reason other than the timestamp service."""


class TimestampUnavailable(SigningError):
    """The configured timestamp authority did not answer (or answered unusably)."""

    def __init__(self, url: str, detail: str):
        self.url, self.detail = url, detail
        super().__init__(f"timestamp service {url} did not answer: {detail}")


@contextlib.contextmanager
def quiet_pyhanko() -> Iterator[None]:
    """pyHanko logs full tracebacks for merely untrusted (self-signed) certificates."""
    loggers = [logging.getLogger(n) for n in _QUIET_LOGGERS]
    saved = [(lg.level, lg.propagate) for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL + 1)
        lg.propagate = False
    try:
        yield
    finally:
        for lg, (level, propagate) in zip(loggers, saved, strict=True):
            lg.setLevel(level)
            lg.propagate = propagate


def run_sync(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call `fn` (which may use asyncio.run) safely even from inside a running loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn(*args, **kwargs)
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = fn(*args, **kwargs)
        except BaseException as exc:  # re-raised on the caller's thread
            box["error"] = exc

    t = threading.Thread(target=target, name="pyhanko")
    t.start()
    t.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


def _asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
    from asn1crypto import x509 as asn1_x509

    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


@functools.cache
def _pdf_page_content_class() -> Callable[[bytes], PdfContent]:
    """pyHanko `PdfContent` importing page 0 of an in-memory PDF (pyHanko's own class reads
    only from a file name, and we keep everything in memory). Built lazily: pyHanko is
    heavy and only export and verify need it."""
    from pyhanko.pdf_utils.content import PdfContent
    from pyhanko.pdf_utils.layout import BoxConstraints
    from pyhanko.pdf_utils.reader import PdfFileReader

    class BytesPdfPage(PdfContent):
        def __init__(self, data: bytes):
            super().__init__()
            self.data = data

        def render(self) -> bytes:
            xobj = self._ensure_writer.import_page_as_xobject(
                PdfFileReader(io.BytesIO(self.data)), page_ix=0)
            name = "/Import" + binascii.hexlify(uuid.uuid4().bytes).decode()
            self.resources.xobject[name] = xobj
            x1, y1, x2, y2 = xobj.get_object()["/BBox"]
            self.box = BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
            return name.encode() + b" Do"

    return BytesPdfPage


@functools.cache
def _timed_signer_class() -> Callable[..., PdfSigner]:
    from pyhanko.sign import signers

    class TimedPdfSigner(signers.PdfSigner):
        """Lets the visible box and the CMS signing time show the same instant."""

        def __init__(self, *args: Any, fixed_time: datetime | None = None,
                     **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.fixed_time = fixed_time

        def init_signing_session(self, *args: Any, **kwargs: Any) -> PdfSigningSession:
            session = super().init_signing_session(*args, **kwargs)
            if self.fixed_time is not None:
                session.system_time = self.fixed_time
            return session

    return TimedPdfSigner


@dataclass
class PadesSigner:
    """Signs PDFs PAdES B-B (or B-T with a reachable timestamp authority)."""

    identity: Identity
    timestamp_url: str | None = None
    timestamper: TimeStamper | None = None  # tests: pyHanko's dummy one
    timestamp_timeout: float = 5.0
    certify: bool = False   # DocMDP level 1, "no changes" (DSS and timestamps still allowed)
    last_level: str = field(default="", init=False)

    @property
    def certificate(self) -> x509.Certificate:
        return self.identity.certificate

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.identity.certificate)

    @property
    def will_timestamp(self) -> bool:
        """A timestamp authority will be asked (and must answer) when signing."""
        return self.timestamper is not None or bool(self.timestamp_url)

    def _pyhanko_signer(self) -> SimpleSigner:
        from asn1crypto import keys
        from pyhanko.sign import signers
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        der_key = self.identity.private_key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())
        chain = [_asn1_cert(c) for c in self.identity.chain]
        return signers.SimpleSigner(
            signing_cert=_asn1_cert(self.identity.certificate),
            signing_key=keys.PrivateKeyInfo.load(der_key),
            cert_registry=SimpleCertificateStore.from_certs(chain))

    def _timestamper(self) -> TimeStamper | None:
        if self.timestamper is not None:
            return self.timestamper
        if self.timestamp_url:
            from pyhanko.sign.timestamps import HTTPTimeStamper

            return HTTPTimeStamper(self.timestamp_url, timeout=self.timestamp_timeout)
        return None

    def sign(self, pdf: bytes | io.BytesIO, *, appearance: SignatureAppearance | None = None,
             signing_time: datetime | None = None) -> bytes:
        """The signed document: `pdf` plus one incremental update holding the signature.
        A BytesIO is signed in place (no copy of a large document)."""
        if isinstance(pdf, io.BytesIO):
            buf = pdf
            base_len = buf.seek(0, io.SEEK_END)
        else:
            buf = io.BytesIO()
            base_len = buf.write(pdf)
        ts = self._timestamper()
        with quiet_pyhanko():
            if ts is not None:
                try:
                    run_sync(self._sign_into, buf, appearance, signing_time, ts)
                    self.last_level = "B-T"
                    return buf.getvalue()
                except Exception as exc:  # never a silent B-B: the caller decides
                    buf.seek(0)
                    buf.truncate(base_len)
                    url = self.timestamp_url or type(ts).__name__
                    raise TimestampUnavailable(url, str(exc) or type(exc).__name__) from exc
            try:
                run_sync(self._sign_into, buf, appearance, signing_time, None)
            except Exception as exc:
                raise SigningError(str(exc)) from exc
        self.last_level = "B-B"
        return buf.getvalue()

    def _signature_meta(self) -> Any:
        """pyHanko's PdfSignatureMetadata; crypto/ltv.py adds validation data to it."""
        from pyhanko.sign import signers
        from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter

        certified: dict[str, Any] = {}
        if self.certify:
            certified = {"certify": True, "docmdp_permissions": MDPPerm.NO_CHANGES}
        return signers.PdfSignatureMetadata(
            field_name=FIELD_NAME, subfilter=SigSeedSubFilter.PADES,
            md_algorithm="sha256", use_pades_lta=False, **certified)

    def _sign_into(self, buf: io.BytesIO, appearance: SignatureAppearance | None,
                   signing_time: datetime | None, timestamper: TimeStamper | None) -> None:
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields
        from pyhanko.stamp import NoOpStampStyle, StaticStampStyle

        buf.seek(0)
        writer = IncrementalPdfFileWriter(buf, strict=False)
        meta = self._signature_meta()
        if appearance is not None:
            # pyHanko annotates the box as ints; PDF coordinates are reals, written as given
            spec = fields.SigFieldSpec(sig_field_name=FIELD_NAME, on_page=appearance.page_index,
                                       box=appearance.box)  # type: ignore[arg-type]
            style = (StaticStampStyle(background=_pdf_page_content_class()(appearance.stamp_pdf),
                                      border_width=0, background_opacity=1.0)
                     if appearance.stamp_pdf else NoOpStampStyle())
        else:
            spec, style = fields.SigFieldSpec(sig_field_name=FIELD_NAME), NoOpStampStyle()
        pdf_signer = _timed_signer_class()(
            meta, signer=self._pyhanko_signer(), timestamper=timestamper,
            stamp_style=style, new_field_spec=spec, fixed_time=signing_time)
        pdf_signer.sign_pdf(writer, in_place=True)


# --- checking (crypto/pades_check.py; imported lazily, re-exported for callers) ---------

def check_signature(data: bytes, trust_pem: bytes | None = None, **kwargs: Any) -> Any:
    """See crypto.pades_check.check_signature."""
    from crypto.pades_check import check_signature as check

    return check(data, trust_pem, **kwargs)


def __getattr__(name: str) -> Any:
    if name == "SignatureCheck":
        from crypto.pades_check import SignatureCheck

        return SignatureCheck
    raise AttributeError(name)
