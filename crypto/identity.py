"""The worker's signing identity: an ECDSA P-256 key and an X.509 certificate.

Until the organisation issues certificates, the certificate is self-signed on the device
("device-local"); the subject names the worker and the center so a recipient can see who
signed. P-256 rather than Ed25519: Adobe and poppler's `pdfsig` cannot check Ed25519 PDF
signatures. Keys travel as PKCS#8 PEM, certificates as PEM: the formats every tool reads.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

# A marker in the subject so any reader of the certificate sees it is not org-issued.
DEVICE_LOCAL_OU = "Donghaeng device-local (not verified by the organisation)"
VALIDITY = timedelta(days=3650)


@dataclass(frozen=True)
class Identity:
    """A private key with its certificate (and any issuing chain, leaf first excluded)."""

    private_key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()

    @property
    def device_local(self) -> bool:
        return is_device_local(self.certificate)

    def key_pem(self) -> bytes:
        return self.private_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())

    def certificate_pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    @classmethod
    def from_pem(cls, key_pem: bytes, cert_pem: bytes) -> Identity:
        key = serialization.load_pem_private_key(key_pem, password=None)
        certs = x509.load_pem_x509_certificates(cert_pem)
        if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
            raise ValueError("unsupported signing key type")
        if certs[0].public_key() != key.public_key():  # key objects compare by value
            raise ValueError("certificate does not match the private key")
        return cls(key, certs[0], tuple(certs[1:]))


def create_identity(worker: str, center: str, *, now: datetime | None = None) -> Identity:
    """A new P-256 key and a self-signed certificate for `worker` at `center`."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, worker),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, center),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, DEVICE_LOCAL_OU),
    ])
    start = (now or datetime.now(UTC)).astimezone(UTC)
    # Back-date a little: a laptop clock a few minutes fast must not make a fresh
    # signature "before the certificate was valid".
    start = start.replace(microsecond=0) - timedelta(days=1)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + VALIDITY)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=False,
            crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                       critical=False)
        .sign(key, hashes.SHA256())
    )
    return Identity(key, cert)


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 over the DER certificate, as `openssl x509 -fingerprint -sha256` prints it."""
    digest = hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest().upper()
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


def is_device_local(cert: x509.Certificate) -> bool:
    ous = cert.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)
    return cert.subject == cert.issuer or any(a.value == DEVICE_LOCAL_OU for a in ous)


def subject_text(cert: x509.Certificate) -> tuple[str, str]:
    """(common name, organisation) of a certificate's subject, '' where absent."""
    def first(oid: x509.ObjectIdentifier) -> str:
        attrs = cert.subject.get_attributes_for_oid(oid)
        return str(attrs[0].value) if attrs else ""

    return first(NameOID.COMMON_NAME), first(NameOID.ORGANIZATION_NAME)
