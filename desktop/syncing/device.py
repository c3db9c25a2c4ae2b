"""This vault as a sync device: its keys from the enrollment row, and a transport to its
server (pinned to the key fingerprint taken at enrollment)."""
from __future__ import annotations

import json
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from desktop.errors import UserError
from sync.client.transport import SyncTransport
from sync.protocol import PublicKey, decode


class SyncRefused(UserError):
    """The server answered, but not as a server that accepts this laptop's work."""


@dataclass(frozen=True)
class DeviceKeys:
    device_id: str
    signing_private: Ed25519PrivateKey
    sealing_private: X25519PrivateKey
    routing_key: bytes
    receipt_key: bytes
    server_epoch: str
    org_sealing: PublicKey
    org_signing: PublicKey

    @classmethod
    def from_enrollment(cls, row: dict) -> DeviceKeys:
        org = json.loads(row["org_keys"])
        return cls(device_id=row["device_id"],
                   signing_private=Ed25519PrivateKey.from_private_bytes(
                       bytes(row["signing_key"])),
                   sealing_private=X25519PrivateKey.from_private_bytes(
                       bytes(row["sealing_key"])),
                   routing_key=bytes(row["routing_key"]),
                   receipt_key=bytes(row["receipt_key"]),
                   server_epoch=row["server_epoch"],
                   org_sealing=decode(PublicKey, org["sealing"]),
                   org_signing=decode(PublicKey, org["signing"]))


def transport_for(row: dict, keys: DeviceKeys) -> SyncTransport:
    return SyncTransport(row["server_url"], row["tls_sha256"], device_id=keys.device_id,
                         signing_key=keys.signing_private)
