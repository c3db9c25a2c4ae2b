"""How an export's time is vouched for (issue 15, "Trusted time and long-term validation").

- **Online** (enrolled with an organisation-issued certificate, the server answering
  within a short timeout): B-LT at once — the signature timestamp from the center's TSA,
  the chain and the current CRLs embedded (mode "ltv").
- **Offline** (or the server not answering): signed B-B, the cover saying "not yet
  timestamped", and queued: at the next sync the vault's copy gets a document timestamp
  and the validation data (desktop/syncing/ltv_upgrade.py), and the upgraded file is
  written beside the one the worker saved, as `<name>.ltv.pdf` (mode "pending").
- **Before enrollment** the certificate is self-signed: B-B, the cover and `verify` say
  so (mode "device"). An explicitly configured external TSA (`export.tsa_url`) or a
  timestamper given by the caller keeps the earlier B-T behaviour (mode "configured").

The chain and CRLs fetched are kept in the vault's meta (`pki.chain`, `pki.crls`), so the
upgrade and `export-renew` use the newest the laptop has seen.
"""
from __future__ import annotations

import base64
import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop.export.signing import load_identity, make_signer

CHAIN_META, CRLS_META = "pki.chain", "pki.crls"
LTV_SUFFIX = ".ltv.pdf"
CONNECT_TIMEOUT = 3.0     # an export does not wait long for a server it may not reach
MAX_AGE = timedelta(hours=1)   # stored chain and CRLs used without asking again
TIMEOUT = 10.0


@dataclass
class Plan:
    signer: Any
    mode: str               # ltv | pending | device | configured

    @property
    def timestamped(self) -> bool:
        return self.mode in ("ltv", "configured") and bool(
            getattr(self.signer, "will_timestamp", False))


def upgraded_path(path: Path | str) -> Path:
    """`KIM-2026-0007_20260305.pdf` -> `KIM-2026-0007_20260305.ltv.pdf`, beside it."""
    p = Path(path)
    stem = p.name[:-4] if p.name.lower().endswith(".pdf") else p.name
    if stem.endswith(".ltv"):
        stem = stem[:-4]
    return p.with_name(stem + LTV_SUFFIX)


def store_material(vault: Any, chain_pem: bytes, crls: list[bytes],
                   sample: bytes | None = None, fetched_at: str | None = None) -> None:
    """`fetched_at`: when the whole set was fetched (kept when only a CRL is renewed)."""
    vault.set_metas({CHAIN_META: chain_pem, CRLS_META: json.dumps(
        {"crls": [base64.b64encode(c).decode() for c in crls],
         "tsa_sample": base64.b64encode(sample).decode() if sample else None,
         "fetched_at": fetched_at or datetime.now(UTC).isoformat(timespec="seconds")}
    ).encode()})


def _stored(vault: Any) -> dict | None:
    chain, crls = vault.get_meta(CHAIN_META), vault.get_meta(CRLS_META)
    if not chain or not crls:
        return None
    doc = json.loads(bytes(crls).decode())
    doc["chain"] = bytes(chain)
    return doc


def load_material(vault: Any) -> Any:
    """The chain and CRLs last fetched (crypto.ltv.Material), or None."""
    from crypto.ltv import Material

    doc = _stored(vault)
    if doc is None:
        return None
    return Material.load(doc["chain"], [base64.b64decode(c) for c in doc["crls"]])


def tsa_sample(vault: Any) -> bytes | None:
    doc = _stored(vault)
    return base64.b64decode(doc["tsa_sample"]) if doc and doc.get("tsa_sample") else None


def fresh_material(vault: Any, now: datetime | None = None) -> Any:
    """The stored material if fetched less than MAX_AGE ago and every CRL still current
    (its nextUpdate ahead), else None: an export then fetches it (one round trip less
    per export right after a sync, which fetches it anyway)."""
    from cryptography import x509

    doc = _stored(vault)
    material = load_material(vault)
    if doc is None or material is None:
        return None
    now = now or datetime.now(UTC)
    if now - datetime.fromisoformat(doc["fetched_at"]) > MAX_AGE:
        return None
    for der in material.crls:
        nxt = x509.load_der_x509_crl(der).next_update_utc
        if nxt is None or nxt <= now:
            return None
    return material


@contextlib.contextmanager
def center_connection(vault: Any, *, connect_timeout: float = CONNECT_TIMEOUT,
                      timeout: float = TIMEOUT) -> Iterator[Any]:
    """A pinned transport to the vault's server (None when not enrolled)."""
    row = vault.sync_enrollment()
    if row is None:
        yield None
        return
    from sync.client.transport import SyncTransport

    tr = SyncTransport(row["server_url"], row["tls_sha256"], timeout=timeout,
                       connect_timeout=connect_timeout)
    try:
        yield tr
    finally:
        tr.close()


def refresh_material(vault: Any, tr: Any) -> Any:
    """Fetch the chain, the CRLs and a sample timestamp over `tr`, keep them in the vault,
    return the Material."""
    from sync.client.timestamps import fetch_material, fetch_token

    chain, crls = fetch_material(tr)
    store_material(vault, chain, crls, fetch_token(tr, bytes(32)))
    return load_material(vault)


@contextlib.contextmanager
def export_signer(vault: Any, profile: Any, *, signer: Any = None, timestamper: Any = None,
                  without_timestamp: bool = False) -> Iterator[Plan]:
    """The signer for one export and how its time is vouched for; the connection to the
    server (when online) stays open until the export is signed."""
    from crypto.pades import PadesSigner

    if signer is not None:
        yield Plan(signer, "configured")
        return
    certify = bool(getattr(profile, "certify", False))
    if timestamper is not None or without_timestamp or _configured_tsa(vault):
        made = make_signer(vault, timestamper=timestamper,
                           without_timestamp=without_timestamp)
        made.certify = certify
        yield Plan(made, "configured" if made.will_timestamp else "device")
        return
    identity = load_identity(vault)
    if identity.device_local:
        yield Plan(PadesSigner(identity, certify=certify), "device")
        return
    with center_connection(vault) as tr:
        material = _online_material(vault, tr)
        if material is None:
            yield Plan(PadesSigner(identity, certify=certify), "pending")
            return
        from crypto.ltv import LtvSigner
        from sync.client.pinned_tsa import PinnedTimeStamper

        yield Plan(LtvSigner(identity, timestamper=PinnedTimeStamper(tr, tsa_sample(vault)),
                             material=material, certify=certify), "ltv")


def offline_plan(plan: Plan) -> Plan:
    """The TSA failed while signing: sign B-B instead, queued for the next sync."""
    from crypto.pades import PadesSigner

    return Plan(PadesSigner(plan.signer.identity, certify=plan.signer.certify), "pending")


def _configured_tsa(vault: Any) -> bool:
    from desktop.export.signing import timestamp_url

    return bool(timestamp_url(vault))


def _online_material(vault: Any, tr: Any) -> Any:
    if tr is None:
        return None
    from sync.client.transport import SyncError

    try:
        stored = fresh_material(vault)
        if stored is None:
            return refresh_material(vault, tr)
        # the chain, the root's CRL and the TSA sample from a sync within the hour; the
        # issuing CA's CRL asked for every time: a revocation since must not be missed
        # (and the request tells at once whether the server answers)
        from sync.client.timestamps import fetch_crl

        crls = [fetch_crl(tr), *stored.crls[1:]]
        store_material(vault, _chain_pem(stored), crls, tsa_sample(vault),
                       fetched_at=(_stored(vault) or {}).get("fetched_at"))
        return load_material(vault)
    except SyncError:
        return None   # offline, or a server without a CA: the export is queued


def _chain_pem(material: Any) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding

    return b"".join(c.public_bytes(Encoding.PEM) for c in material.certs)


def timestamp_iso(when: datetime | None) -> str | None:
    return when.astimezone(UTC).isoformat(timespec="seconds") if when else None
