"""A whole organisation PKI in-process (crypto.ca) and a TimeStamper answering with
crypto.tsa.respond, for the tests of the long-term-validation layer that need no server.
The integration tests (tests/sync/test_ltv_*.py) use the real server's TSA and CRLs."""
from __future__ import annotations

import io
import itertools
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from crypto import ca, tsa
from crypto.identity import Identity

ORG = "디지털성범죄 안심지원센터"
CRL_URL = "http://127.0.0.1:9/v1/pki/crl"
ROOT_CRL_URL = "http://127.0.0.1:9/v1/pki/root-crl"
_serials = itertools.count(1)


@dataclass
class Pki:
    root_key: ec.EllipticCurvePrivateKey
    root: x509.Certificate
    iss_key: ec.EllipticCurvePrivateKey
    iss: x509.Certificate
    tsa_key: ec.EllipticCurvePrivateKey
    tsa: x509.Certificate
    worker: Identity
    crl_number: Any = None

    def __post_init__(self) -> None:
        self.crl_number = itertools.count(1)

    def crls(self, revoked: list[tuple[int, datetime]] = (), *,  # type: ignore[assignment]
             now: datetime | None = None) -> list[bytes]:
        """The issuing CA's CRL (listing `revoked`) and the root's, DER."""
        n = next(self.crl_number)
        return [ca.make_crl(self.iss_key, self.iss, revoked, now=now, number=n)
                .public_bytes(serialization.Encoding.DER),
                ca.make_crl(self.root_key, self.root, [], now=now, number=n,
                            next_update=timedelta(days=365))
                .public_bytes(serialization.Encoding.DER)]

    def root_pem(self) -> bytes:
        return self.root.public_bytes(serialization.Encoding.PEM)

    def chain(self) -> tuple[x509.Certificate, ...]:
        return (self.iss, self.tsa, self.root)

    def timestamper(self, now: datetime | None = None) -> Any:
        return InProcessTimeStamper(self, now)


def make_pki(worker: str = "김활동") -> Pki:
    root_key, root = ca.new_root(ORG)
    iss_key, iss = ca.new_issuing(root_key, root, ORG, crl_url=ROOT_CRL_URL)
    tsa_key, tsa_cert = ca.new_tsa(iss_key, iss, ORG, crl_url=CRL_URL)
    key = ca.new_key()
    leaf = ca.issue_worker(iss_key, iss, ca.make_csr(key, worker), worker=worker,
                           team="동행1팀", org=ORG, crl_url=CRL_URL)
    return Pki(root_key, root, iss_key, iss, tsa_key, tsa_cert,
               Identity(key, leaf, (iss, root)))


def _timestamper_base() -> type:
    from pyhanko.sign.timestamps.api import TimeStamper

    return TimeStamper


class InProcessTimeStamper(_timestamper_base()):  # type: ignore[misc]
    """pyHanko TimeStamper over crypto.tsa.respond; `now` fixes the TSA's clock."""

    def __init__(self, pki: Pki, now: datetime | None = None):
        super().__init__()
        self.pki, self.now = pki, now

    async def async_request_tsa_response(self, req: Any) -> Any:
        from asn1crypto import tsp

        der = tsa.respond(req.dump(), self.pki.tsa_key, self.pki.tsa,
                          [self.pki.iss, self.pki.root], now=self.now,
                          serial=next(_serials))
        return tsp.TimeStampResp.load(der)


def blank_pdf(text: str = "long-term validation test") -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, text)
    c.save()
    return buf.getvalue()
