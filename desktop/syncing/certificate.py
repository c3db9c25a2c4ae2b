"""The worker's organisation certificate on the laptop (docs/sync.md, "Certificates").

At enrollment the laptop makes a new ECDSA P-256 key, sends a certificate request for it
(EnrollRequest.csr) and, given the chain back, keeps key and chain in the vault's metadata
where desktop.export.signing reads the signer (signing.key, signing.cert: leaf first). The
private key never leaves the vault. Until then, and for a server without a certificate
authority, exports stay signed by the device-local certificate.

At each sync round the certificate is renewed (POST /v1/certificate, for a new key) when
fewer than 30 days remain, or asked for when an enrolled vault has none yet. A failure
there never fails the round: the current certificate stays in use.
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ec

from desktop.export.signing import CERT_META, KEY_META
from sync.protocol import CertificateRequest, CertificateResponse, to_json

RENEW_BEFORE = timedelta(days=30)
PATH = "/v1/certificate"


class BadChain(ValueError):
    """The server's chain is not for our key, or does not chain."""


def new_request(worker: str) -> tuple[ec.EllipticCurvePrivateKey, str]:
    """A fresh P-256 key and its PKCS#10 request (PEM text)."""
    from cryptography.hazmat.primitives.serialization import Encoding

    from crypto.ca import make_csr, new_key

    key = new_key()
    return key, make_csr(key, worker).public_bytes(Encoding.PEM).decode("ascii")


def _checked(key: ec.EllipticCurvePrivateKey, chain_pem: list[str]) -> list[x509.Certificate]:
    try:
        certs = [x509.load_pem_x509_certificate(p.encode("ascii")) for p in chain_pem]
    except ValueError:
        raise BadChain("not certificates") from None
    if certs[0].public_key() != key.public_key():
        raise BadChain("the certificate is not for this laptop's key")
    for child, parent in zip(certs, certs[1:], strict=False):
        try:
            child.verify_directly_issued_by(parent)
        except (ValueError, TypeError, InvalidSignature) as e:
            raise BadChain(f"the chain does not hold ({type(e).__name__})") from None
    return certs


def store(vault, key: ec.EllipticCurvePrivateKey, chain_pem: list[str]) -> None:
    """Key and chain replace the vault's signer in one transaction of metadata."""
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )

    certs = _checked(key, chain_pem)
    key_pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    cert_pem = b"".join(c.public_bytes(Encoding.PEM) for c in certs)
    vault.set_metas({KEY_META: key_pem, CERT_META: cert_pem})


def due(vault, now: datetime | None = None) -> bool:
    """No organisation certificate yet, or fewer than 30 days left on it."""
    from desktop.export.signing import load_identity

    identity = load_identity(vault, create=False)
    if identity is None or identity.device_local:
        return True
    now = now or datetime.now(UTC)
    return identity.certificate.not_valid_after_utc - now < RENEW_BEFORE


def renew(vault, tr, worker: str) -> bool:
    """Asks for a new certificate; True once stored, False when the server has no
    certificate authority (404) or refused (a revoked device: 403)."""
    key, csr = new_request(worker)
    r = tr.send("POST", PATH, to_json(CertificateRequest(csr=csr)))
    if r.status_code in (403, 404):
        return False
    resp = tr._answer(CertificateResponse, r)  # noqa: SLF001 - the transport's decoding
    store(vault, key, resp.certificate_chain)
    return True


def renew_if_due(vault, tr, worker: str, progress=None) -> None:
    """The round's step: never fails the round (the current certificate stays)."""
    if not due(vault):
        return
    try:
        renewed = renew(vault, tr, worker)
    except Exception:  # noqa: BLE001 - a renewal problem must not cost the round
        renewed = False
        if progress is not None:
            progress("서명 인증서를 갱신하지 못했습니다; 지금 인증서를 계속 씁니다",
                     "could not renew the signing certificate; the current one stays")
    if renewed and progress is not None:
        progress("기관 서명 인증서를 받았습니다", "received the organisation signing certificate")
