"""Worker certificates on the wire (docs/sync.md, "Certificates"): the laptop sends a
PKCS#10 request (PEM) for a P-256 key it made and keeps in its vault, at enrollment
(EnrollRequest.csr) and to renew (POST /v1/certificate, signed); the server answers with
the chain as PEM texts, leaf first (the worker's certificate, the issuing CA, the root).
Only the form is checked here; the server checks the request's signature and key."""
from __future__ import annotations

from dataclasses import dataclass

MAX_PEM = 8192          # one P-256 certificate is about 1 KiB of PEM
MAX_CHAIN = 4
_CSR = "-----BEGIN CERTIFICATE REQUEST-----"
_CERT = "-----BEGIN CERTIFICATE-----"


def check_csr_text(value: str, name: str = "csr") -> None:
    if len(value) > MAX_PEM or not value.startswith(_CSR) or not value.isascii():
        raise ValueError(f"{name}: not a PEM certificate request")


def check_chain_text(chain: list[str], name: str = "certificate_chain") -> None:
    if not 1 <= len(chain) <= MAX_CHAIN:
        raise ValueError(f"{name}: 1 to {MAX_CHAIN} certificates")
    for pem in chain:
        if len(pem) > MAX_PEM or not pem.startswith(_CERT) or not pem.isascii():
            raise ValueError(f"{name}: not PEM certificates")


@dataclass(frozen=True)
class CertificateRequest:
    """POST /v1/certificate (signed by the device): a new certificate for this key."""

    csr: str

    def __post_init__(self) -> None:
        check_csr_text(self.csr)


@dataclass(frozen=True)
class CertificateResponse:
    certificate_chain: list[str]

    def __post_init__(self) -> None:
        check_chain_text(self.certificate_chain)
