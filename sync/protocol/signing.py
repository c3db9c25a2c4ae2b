"""Signatures both sides compute the same way: signed requests and signed receipts.

A device signs every request with its Ed25519 key (no bearer token exists): the signed
text binds the method, the path with its query, the SHA-256 of the exact body bytes, the
time, a nonce, the protocol version and the device id. The server refuses a time outside
`CLOCK_WINDOW` and a nonce it has seen (its nonce table outlives the window), so a
captured request cannot be replayed.

The server signs every push answer's receipts with its receipt key, whose public half the
organisation's offline signing key certified at `server init` (`receipt_key_statement`):
one signature over a tree of the answer's receipts (receipt_proofs), so each stored
receipt, with its audit path, is a chain of custody a worker can show, and a captive
portal's 200 is not one.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from sync.protocol.codec import b64decode, b64encode
from sync.protocol.exchange import Receipt
from sync.protocol.messages import PROTOCOL_HEADER, PROTOCOL_VERSION, utc_text

DEVICE_HEADER = "Donghaeng-Device"
TIME_HEADER = "Donghaeng-Time"
NONCE_HEADER = "Donghaeng-Nonce"
SIGNATURE_HEADER = "Donghaeng-Signature"
# how far a request's time may be from the server's clock, either way
CLOCK_WINDOW = timedelta(minutes=10)
NONCE_HEX = 32


def request_text(method: str, path: str, body: bytes, time: str, nonce: str,
                 protocol: int, device_id: str) -> bytes:
    """What a device signs. `path` is the URL path with its query string as sent
    (`/v1/pull?after=10&limit=200`)."""
    return "\n".join(["donghaeng-request/v1", method.upper(), path,
                      hashlib.sha256(body).hexdigest(), time, nonce, str(protocol),
                      device_id]).encode("utf-8")


def sign_request(key: Ed25519PrivateKey, device_id: str, method: str, path: str,
                 body: bytes, now: datetime) -> dict[str, str]:
    """The headers of a signed request."""
    time = utc_text(now)
    nonce = secrets.token_hex(NONCE_HEX // 2)
    sig = key.sign(request_text(method, path, body, time, nonce, PROTOCOL_VERSION,
                                device_id))
    return {DEVICE_HEADER: device_id, TIME_HEADER: time, NONCE_HEADER: nonce,
            SIGNATURE_HEADER: b64encode(sig), PROTOCOL_HEADER: str(PROTOCOL_VERSION)}


def verify_signature(public_raw: bytes, signature_b64: str, message: bytes) -> bool:
    try:
        sig = b64decode(signature_b64, field="signature", size=64)
        Ed25519PublicKey.from_public_bytes(public_raw).verify(sig, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def receipt_key_statement(epoch: str, receipt_key_raw: bytes) -> bytes:
    """What the organisation's signing key signs at `server init`: this key signs this
    server's receipts."""
    return b"donghaeng-receipt-key/v1\n" + epoch.encode("ascii") + b"\n" + \
        receipt_key_raw.hex().encode("ascii")


def receipt_text(r: Receipt) -> bytes:
    """A receipt's signed part (StoredReceipt's too: its proof is not part of it), in
    one canonical text: the leaf of the push answer's tree (receipt_proofs)."""
    return "\n".join(["donghaeng-receipt/v1", r.change_id, r.device_id,
                      str(r.device_seq), str(r.server_seq), r.server_epoch,
                      r.sha256, r.received_at]).encode("utf-8")


def device_fingerprint(signing_raw: bytes, sealing_raw: bytes) -> str:
    """The short fingerprint both sides show at enrollment (and `server status` lists):
    16 hex digits of SHA-256 over the device's two public keys, in groups of four."""
    digest = hashlib.sha256(b"donghaeng-device/v1" + signing_raw + sealing_raw).hexdigest()
    return "-".join(digest[i:i + 4] for i in range(0, 16, 4))


def within_window(sent: datetime, now: datetime) -> bool:
    return abs(now - sent) <= CLOCK_WINDOW
