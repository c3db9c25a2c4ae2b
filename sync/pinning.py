"""TLS to the center's server, trusted by the SHA-256 of its public key (SPKI pinning).

The server's certificate is self-signed (or from any CA): no web PKI is consulted. The
laptop pins the hash of the certificate's SubjectPublicKeyInfo at enrollment, so a renewed
certificate, or a TLS proxy holding the same key, keeps working, and nothing else does.

The check runs inside the TLS handshake (an SSLSocket/SSLObject subclass hooked into the
SSLContext), before httpx writes a byte of the request: a wrong key fails the connection
(httpx.ConnectError whose cause chain holds PinMismatch), never a response. Hostnames and
expiry are not checked: the pin is the whole trust decision, as in Syncthing's device ids.
Used by the tests now and by the desktop's sync client next (sync.client).
"""
from __future__ import annotations

import hashlib
import re
import ssl
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

_SEPARATORS = re.compile(r"[\s:]")


class PinMismatch(ssl.SSLCertVerificationError):
    """The server presented a key other than the pinned one."""

    def __init__(self, expected: str, got: str | None):
        self.expected, self.got = expected, got
        super().__init__(f"server key {got or 'missing'} does not match the pinned {expected}")


def normalise_fingerprint(text: str) -> str:
    """A fingerprint as people type it (colons, spaces, either case) -> 64 lowercase hex."""
    value = _SEPARATORS.sub("", text).lower()
    if not re.fullmatch(r"[0-9a-f]{64}", value):
        raise ValueError("a fingerprint is 64 hexadecimal digits (colons and case ignored)")
    return value


def spki_sha256(cert: x509.Certificate | bytes) -> str:
    """SHA-256 (hex) of a certificate's SubjectPublicKeyInfo; `cert` may be DER or PEM."""
    if isinstance(cert, bytes):
        cert = (x509.load_pem_x509_certificate(cert) if cert.lstrip().startswith(b"-----")
                else x509.load_der_x509_certificate(cert))
    spki = cert.public_key().public_bytes(serialization.Encoding.DER,
                                          serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(spki).hexdigest()


def _check_peer(der: bytes | None, expected: str) -> None:
    got = None
    if der:
        try:
            got = spki_sha256(der)
        except ValueError:
            got = None
    if got != expected:
        raise PinMismatch(expected, got)


def pinned_context(fingerprint: str) -> ssl.SSLContext:
    """A client SSLContext that completes a handshake only with the pinned key."""
    expected = normalise_fingerprint(fingerprint)

    class _Socket(ssl.SSLSocket):
        def do_handshake(self, *args: Any, **kwargs: Any) -> None:
            super().do_handshake(*args, **kwargs)
            _check_peer(self.getpeercert(binary_form=True), expected)

    class _Object(ssl.SSLObject):  # the async path (anyio wraps a memory BIO)
        def do_handshake(self) -> None:
            super().do_handshake()
            _check_peer(self.getpeercert(binary_form=True), expected)

    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    # no CA and no hostname: the pin replaces both (a self-signed server has neither)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.sslsocket_class = _Socket
    ctx.sslobject_class = _Object
    return ctx


def pinned_client(base_url: str, fingerprint: str, **kwargs: Any) -> Any:
    """An httpx.Client for `base_url` (https://…) that talks only to the pinned key."""
    import httpx  # lazily: the desktop's start-up must not pay for it

    if not base_url.startswith("https://"):
        raise ValueError("the server is reached over https:// only")
    kwargs.setdefault("timeout", httpx.Timeout(30.0, connect=10.0))
    return httpx.Client(base_url=base_url, verify=pinned_context(fingerprint), **kwargs)


def is_pin_mismatch(exc: BaseException | None) -> bool:
    """Whether `exc` (e.g. an httpx.ConnectError) was caused by a wrong server key."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, PinMismatch):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False
