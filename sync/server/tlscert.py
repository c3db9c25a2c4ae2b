"""The server's TLS certificate: self-signed ECDSA P-256 unless the operator gives one.

Laptops pin the SHA-256 of the certificate's public key (SPKI, sync.pinning), not the
certificate: renewing the certificate with the same key (or putting a TLS proxy holding
that key in front) keeps every enrolled laptop working. Expiry is therefore not what
protects anyone; the self-signed one is valid for ten years so it never stops a server.
"""
from __future__ import annotations

import datetime
import ipaddress
import socket
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sync.server.errors import ServerError


def self_signed(organisation: str) -> tuple[bytes, bytes]:
    """(certificate PEM, private key PEM) for a new ECDSA P-256 key."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Donghaeng sync server"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation[:64])])
    now = datetime.datetime.now(datetime.UTC)
    # names only help a standard client (a browser, tuspy); ours checks the pin alone
    alt: list[x509.GeneralName] = [x509.DNSName("localhost"),
                                   x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                                   x509.IPAddress(ipaddress.ip_address("::1"))]
    host = socket.gethostname()
    if host and host != "localhost" and host.isascii():
        alt.append(x509.DNSName(host))
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=3650))
            .add_extension(x509.SubjectAlternativeName(alt), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    key_pem = key.private_bytes(serialization.Encoding.PEM,
                                serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


def load_given(cert_path: Path, key_path: Path) -> tuple[bytes, bytes]:
    """The operator's certificate and key (PEM, key unencrypted), checked to match."""
    try:
        cert_pem, key_pem = cert_path.read_bytes(), key_path.read_bytes()
    except OSError as e:
        raise ServerError(f"TLS 파일을 읽을 수 없습니다: {e.filename}: {e.strerror}",
                          f"cannot read the TLS file {e.filename}: {e.strerror}") from None
    try:
        cert = x509.load_pem_x509_certificate(cert_pem)
        key = serialization.load_pem_private_key(key_pem, password=None)
    except (ValueError, TypeError):
        raise ServerError("--tls-cert/--tls-key: PEM 인증서와 암호 없는 PEM 키가 필요합니다",
                          "--tls-cert/--tls-key: need a PEM certificate and an unencrypted "
                          "PEM key") from None
    spki = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    if cert.public_key().public_bytes(*spki) != key.public_key().public_bytes(*spki):
        raise ServerError("--tls-key 가 --tls-cert 의 키가 아닙니다",
                          "--tls-key is not the key of --tls-cert")
    return cert_pem, key_pem
