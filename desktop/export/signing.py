"""The worker's signer, kept in the vault's encrypted metadata.

The key (PKCS#8 PEM) and certificate (PEM) are created on first use. An organisation-
issued certificate later replaces `signing.cert` (chain appended, leaf first) for the
same key, or both entries together; nothing else changes.
"""
from __future__ import annotations

from datetime import datetime

from desktop.export.errors import ExportError

KEY_META = "signing.key"
CERT_META = "signing.cert"
CENTER_META = "center.name"
TSA_META = "export.tsa_url"
DEFAULT_CENTER = {"ko": "디지털성범죄 안심지원센터", "en": "Digital Sex Crime Safety Support Center"}


def _meta_text(vault, key: str) -> str | None:
    raw = vault.get_meta(key)
    if not raw:
        return None
    return raw.decode("utf-8") if isinstance(raw, bytes | bytearray) else str(raw)


def center_name(vault, lang: str = "ko") -> str:
    return _meta_text(vault, CENTER_META) or DEFAULT_CENTER["en" if lang == "en" else "ko"]


def timestamp_url(vault) -> str | None:
    return _meta_text(vault, TSA_META)


def load_identity(vault, *, create: bool = True, now: datetime | None = None):
    """The worker's Identity from the vault, made (and stored) on first use."""
    from crypto.identity import Identity, create_identity

    key_pem, cert_pem = vault.get_meta(KEY_META), vault.get_meta(CERT_META)
    if key_pem and cert_pem:
        try:
            return Identity.from_pem(bytes(key_pem), bytes(cert_pem))
        except ValueError as exc:
            raise ExportError(f"저장된 서명 인증서가 손상되었습니다: {exc}",
                              f"the stored signing certificate is damaged: {exc}") from None
    if not create:
        return None
    identity = create_identity(vault.worker, center_name(vault), now=now)
    vault.set_meta(KEY_META, identity.key_pem())
    vault.set_meta(CERT_META, identity.certificate_pem())
    return identity


def make_signer(vault, *, timestamper=None, without_timestamp: bool = False):
    """A PadesSigner for the vault's worker: B-T if a timestamp URL is configured (and it
    must answer), B-B when there is none or the worker chose `without_timestamp`."""
    from crypto.pades import PadesSigner

    if without_timestamp:
        return PadesSigner(load_identity(vault))
    return PadesSigner(load_identity(vault), timestamp_url=timestamp_url(vault),
                       timestamper=timestamper)


def export_certificate_pem(vault) -> bytes:
    """The signing certificate (and chain) as PEM, for whoever must verify exports."""
    from cryptography.hazmat.primitives import serialization

    identity = load_identity(vault)
    certs = (identity.certificate, *identity.chain)
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs)
