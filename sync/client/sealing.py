"""Sealing a change end to end: what the server stores and cannot read.

A change's content (the vault's JSON of the version, attachment key included) is
encrypted once with a fresh 256-bit content key (AES-256-GCM, 12-byte random nonce); the
content key is wrapped to each recipient in one of two envelope forms (docs/sync.md,
"Sealing"), both bound to their change so an envelope cannot be moved to another one:
- direct (80 bytes): HPKE base mode (X25519, HKDF-SHA256, AES-256-GCM) of the content key,
  info = b"donghaeng/v1/content-key\\n" + change_id;
- batched (140 bytes): a batch key made once per sealing batch and recipient, sent to the
  recipient by HPKE (info = b"donghaeng/v1/batch-key\\n"; 80 bytes, the same in every change
  of the batch for that recipient), then the content key under AES-256-GCM with that batch
  key (12-byte nonce; associated data = change id and recipient key id). One HPKE operation
  per batch and recipient instead of per change: on field laptops HPKE was a third of a
  sync round's CPU, and a desk opening 10,000 changes pays the same saving. The AES-GCM associated data is the change's routing header in
one canonical form: a server that rewrites a record id, a parent, a sequence or a case
token makes the content fail to open instead of landing in another record.

Recipients are the organisation's sealing key (the center's desk) and the devices of the
workers who may open the case. Adding a recipient later (a share) wraps the same content
key again: the sealed content never changes.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from sync.protocol import (
    Envelope,
    FileRef,
    PublicKey,
    RecipientKey,
    SealedChange,
    b64decode,
    b64encode,
    key_id,
    to_dict,
)

_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
_INFO = b"donghaeng/v1/content-key\n"
_BATCH_INFO = b"donghaeng/v1/batch-key\n"
_KEY_AAD = b"donghaeng/v1/wrapped-key\n"
DIRECT_BYTES, BATCHED_BYTES = 80, 140   # envelope sizes: HPKE; HPKE + nonce + wrapped key
_AAD = b"donghaeng/v1/change\n"
_NONCE = 12
_ISO_DATE = re.compile(r"(\d{4}-\d{2})-\d{2}([T ][0-9:.+\-Z]*)?")


class NotARecipient(Exception):
    """No envelope of this change is for this key (not shared with its holder yet)."""


class Tampered(Exception):
    """An envelope or the content does not open: altered in transit or in storage."""


@dataclass(frozen=True)
class Recipient:
    kind: str            # "org" | "device"
    key_id: str
    public: X25519PublicKey

    @classmethod
    def from_raw(cls, kind: str, raw: bytes) -> Recipient:
        return cls(kind, key_id(raw), X25519PublicKey.from_public_bytes(raw))

    @classmethod
    def from_public_key(cls, key: PublicKey) -> Recipient:
        if key.purpose != "sealing":
            raise ValueError("content is sealed to a sealing key")
        return cls.from_raw("org", key.raw)

    @classmethod
    def from_recipient_key(cls, key: RecipientKey) -> Recipient:
        return cls.from_raw("device", b64decode(key.key, field="key", size=32))


def raw_public(private: X25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def case_token(routing_key: bytes, case_id: str) -> str:
    """The case as the server knows it: an HMAC under the organisation's routing key, so
    the server groups a case's changes without learning its code."""
    return hmac.new(routing_key, b"donghaeng/v1/case\n" + case_id.encode("utf-8"),
                    hashlib.sha256).hexdigest()


def month_of(iso: str) -> str:
    """'2026-12-06T10:00:00Z' -> '2026-12' (a change's time, coarse on purpose)."""
    m = re.match(r"(\d{4})-(\d{2})", iso or "")
    if not m:
        raise ValueError(f"not an ISO date: {iso[:30]!r}")
    return f"{m.group(1)}-{m.group(2)}"


def reduce_statistic(values: dict[str, Any]) -> dict[str, str]:
    """Statistic values as the server may hold them: text, dates cut to the month (an
    exact date beside a district, an age band and a gender can single out a minor),
    nothing empty, nothing over 100 characters."""
    out: dict[str, str] = {}
    for key, value in values.items():
        if value is None or isinstance(value, (dict, list)):
            continue
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        m = _ISO_DATE.fullmatch(text.strip())
        if m:
            text = m.group(1)
        text = text.strip()[:100]
        if text:
            out[key] = text
    return out


def _header(fields: dict[str, Any]) -> bytes:
    """The associated data: every field of the change but its content and envelopes."""
    return _AAD + json.dumps(fields, ensure_ascii=False, sort_keys=True,
                             separators=(",", ":")).encode("utf-8")


def _header_fields(change: SealedChange) -> dict[str, Any]:
    d = to_dict(change)
    d.pop("content")
    d.pop("envelopes")
    return d


def _wrap(content_key: bytes, change_id: str, r: Recipient,
          batch: KeyBatch | None = None) -> Envelope:
    if batch is None:
        wrapped = _SUITE.encrypt(content_key, r.public, info=_INFO + change_id.encode("ascii"))
    else:
        wrapped = batch.wrap(content_key, change_id, r)
    return Envelope(recipient=r.key_id, kind=r.kind,  # type: ignore[arg-type]
                    wrapped=b64encode(wrapped))


def _key_aad(change_id: str, recipient: str) -> bytes:
    return _KEY_AAD + change_id.encode("ascii") + b"\n" + recipient.encode("ascii")


class KeyBatch:
    """Batch keys for the changes sealed together: one random key per recipient, sent by
    HPKE once; each change's content key is wrapped under it. Use one per sealing batch
    (a few hundred changes) and drop it after: it holds keys."""

    def __init__(self) -> None:
        self._keys: dict[str, tuple[AESGCM, bytes]] = {}

    def wrap(self, content_key: bytes, change_id: str, r: Recipient) -> bytes:
        held = self._keys.get(r.key_id)
        if held is None:
            batch_key = AESGCM.generate_key(256)
            held = (AESGCM(batch_key), _SUITE.encrypt(batch_key, r.public, info=_BATCH_INFO))
            self._keys[r.key_id] = held
        aead, sent = held
        nonce = os.urandom(_NONCE)
        return sent + nonce + aead.encrypt(nonce, content_key, _key_aad(change_id, r.key_id))


def seal(**fields: Any) -> SealedChange:
    """A new sealed change. Call once per change: the result is random (fresh key and
    nonce), so the outbox stores it and every retry sends the stored bytes."""
    return seal_keyed(**fields)[0]


def seal_keyed(*, change_id: str, device_id: str, device_seq: int, op: str,
               record_id: str | None, version_id: str | None, parents: list[str],
               form: str | None, form_version: int | None, case_token: str | None,
               month: str, file: FileRef | None, statistic: dict[str, str], content: bytes,
               recipients: list[Recipient], grantee: str | None = None,
               batch: KeyBatch | None = None) -> tuple[SealedChange, bytes]:
    """The sealed change and its content key (which the laptop keeps, to grant it later
    to a teammate or to another laptop of the same worker). With `batch`, batched
    envelopes (a server that says it takes them); else direct ones."""
    unique: dict[str, Recipient] = {}
    for r in recipients:
        unique.setdefault(r.key_id, r)
    if not any(r.kind == "org" for r in unique.values()):
        raise ValueError("a change is always sealed to the organisation's key")
    key = AESGCM.generate_key(256)
    nonce = os.urandom(_NONCE)
    # a placeholder envelope and content make a valid message whose header we then bind
    draft = SealedChange(
        change_id=change_id, device_id=device_id, device_seq=device_seq,
        op=op,  # type: ignore[arg-type]
        record_id=record_id, version_id=version_id, parents=list(parents), form=form,
        form_version=form_version, case_token=case_token, month=month, file=file,
        statistic=dict(statistic), content="",
        envelopes=[_wrap(key, change_id, r, batch) for r in unique.values()],
        grantee=grantee)
    aad = _header(_header_fields(draft))
    cipher = AESGCM(key).encrypt(nonce, content, aad)
    return SealedChange(**{**vars(draft), "content": b64encode(nonce + cipher)}), key


def content_key(change: SealedChange, private: X25519PrivateKey,
                mine: str | None = None, batch_keys: dict[bytes, bytes] | None = None) -> bytes:
    """The change's content key, unwrapped from this key's envelope (`mine`: the key's
    id, when the caller opens many changes and has it already). `batch_keys`: batch keys
    already opened, by their HPKE bytes (a caller opening many changes passes one dict
    for them all, so each batch costs one HPKE operation)."""
    mine = mine or key_id(raw_public(private))
    env = next((e for e in change.envelopes if e.recipient == mine), None)
    if env is None:
        raise NotARecipient(change.change_id)
    try:
        wrapped = b64decode(env.wrapped, field="wrapped")
        if len(wrapped) == DIRECT_BYTES:
            return _SUITE.decrypt(wrapped, private, info=_INFO + change.change_id.encode("ascii"))
        if len(wrapped) != BATCHED_BYTES:
            raise ValueError("envelope size")
        sent, nonce, boxed = wrapped[:80], wrapped[80:80 + _NONCE], wrapped[80 + _NONCE:]
        cache = batch_keys if batch_keys is not None else {}
        batch_key = cache.get(sent)
        if batch_key is None:
            batch_key = cache[sent] = _SUITE.decrypt(sent, private, info=_BATCH_INFO)
        return AESGCM(batch_key).decrypt(nonce, boxed, _key_aad(change.change_id, mine))
    except (InvalidTag, ValueError) as e:
        raise Tampered(f"envelope of change {change.change_id}") from e


def open_change(change: SealedChange, private: X25519PrivateKey) -> bytes:
    """The content of a change sealed to `private`'s public key."""
    return open_with_key(change, content_key(change, private))


def open_with_key(change: SealedChange, key: bytes) -> bytes:
    """The content of a change whose content key this laptop holds (from a grant)."""
    raw = b64decode(change.content, field="content")
    if len(raw) < _NONCE + 16:
        raise Tampered(f"content of change {change.change_id}")
    try:
        return AESGCM(key).decrypt(raw[:_NONCE], raw[_NONCE:],
                                   _header(_header_fields(change)))
    except InvalidTag as e:
        raise Tampered(f"content of change {change.change_id}") from e


def add_envelopes(change: SealedChange, key: bytes, recipients: list[Recipient]) -> list[Envelope]:
    """Envelopes wrapping an existing content key to more recipients (a share): the
    content itself is not touched."""
    have = {e.recipient for e in change.envelopes}
    return [_wrap(key, change.change_id, r) for r in recipients if r.key_id not in have]
