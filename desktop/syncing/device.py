"""This vault as a sync device: its keys from the enrollment row, and a transport to its
server (pinned to the key fingerprint taken at enrollment)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, TypeVar

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from desktop.errors import UserError
from sync.client.transport import NotAnAnswer, SyncTransport, error_for
from sync.protocol import ProtocolError, PublicKey, decode, from_json
from sync.protocol.signing import verify_signature

T = TypeVar("T")


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

    def signed_by_org(self, doc: Any) -> bool:
        """Whether `doc` (a wipe order, a form release: `server_epoch`, `key_id`,
        `signature` and `text()`) was signed by the organisation signing key this laptop
        pinned at enrollment, for this server's epoch. The server cannot make one."""
        return (doc.server_epoch == self.server_epoch
                and doc.key_id == self.org_signing.key_id
                and verify_signature(self.org_signing.raw, doc.signature, doc.text()))


def transport_for(row: dict, keys: DeviceKeys) -> SyncTransport:
    return SyncTransport(row["server_url"], row["tls_sha256"], device_id=keys.device_id,
                         signing_key=keys.signing_private)


def signed_call(tr: SyncTransport, cls: type[T], method: str, path: str,
                body: bytes = b"") -> T:
    """A signed request to a route the transport has no method for (the device's reports,
    form releases), its answer parsed as `cls`; errors as the transport raises them."""
    r = tr.send(method, path, body)
    if 200 <= r.status_code < 300:
        try:
            return from_json(cls, r.content)
        except ProtocolError:
            raise NotAnAnswer("서버가 아닌 곳에서 답이 왔습니다 (로그인 페이지가 있는 Wi-Fi?)",
                              "the answer did not come from the server (a Wi-Fi login "
                              "page?)") from None
    raise error_for(r.status_code, r.content)
