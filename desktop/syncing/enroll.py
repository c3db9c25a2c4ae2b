"""Enrollment: this vault becomes a device of the center's server.

The worker gives the server's address, the one-time code from `server enroll` and the
server key's fingerprint (64 hex; colons and case ignored) — from the enrollment sheet, or
typed after comparing it on screen. The laptop pins that key before sending anything,
makes the device's two key pairs (Ed25519 to sign requests, X25519 to open what is sealed
to it), and registers them with the code. The receipt key the server answers with must be
certified by the organisation's signing key, else nothing is stored. The vault's data key
is then sealed to the organisation's recovery key the server names (a recovery keyslot,
desktop.vault.recovery), so a supervisor can reset a forgotten passphrase.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from desktop.errors import UserError
from desktop.syncing import certificate, desk
from desktop.syncing.device import SyncRefused
from desktop.vault.ids import now_iso
from sync.client.transport import Refused, ServerError, SyncTransport, verify_receipt_key
from sync.pinning import normalise_fingerprint
from sync.protocol import EnrollRequest, b64decode, b64encode, to_dict


@dataclass(frozen=True)
class Enrolled:
    fingerprint: str       # the device's short fingerprint (server status shows it too)
    worker: str
    role: str
    server_epoch: str


def normalize_fingerprint(text: str) -> str:
    """The pinning module's rule (colons, spaces and case ignored), as a user's error."""
    try:
        return normalise_fingerprint(text)
    except ValueError:
        raise UserError("서버 지문은 16진수 64자리입니다 (콜론은 무시)",
                        "the server fingerprint is 64 hex digits (colons ignored)") from None


def normalize_url(text: str) -> str:
    url = text.strip().rstrip("/")
    if not url.startswith("https://") or len(url) > 300 or any(c.isspace() for c in url):
        raise UserError("서버 주소는 https:// 로 시작합니다", "the server address starts with"
                        " https://")
    return url


def _raw_private(key) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def _raw_public(key) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def enroll(vault, url: str, code: str, fingerprint: str) -> Enrolled:
    url, fp = normalize_url(url), normalize_fingerprint(fingerprint)
    code = code.strip().upper()
    signing, sealing_key = Ed25519PrivateKey.generate(), X25519PrivateKey.generate()
    # the P-256 key exports will be signed with, certified by the organisation's CA
    cert_key, csr = certificate.new_request(vault.worker)
    device_id = vault.device_id
    try:  # the protocol's own check of the code's form
        req = EnrollRequest(code=code, device_id=device_id,
                            signing_key=b64encode(_raw_public(signing)),
                            sealing_key=b64encode(_raw_public(sealing_key)),
                            worker=vault.worker, csr=csr)
    except ValueError:
        raise UserError("등록 코드는 XXXX-XXXX-XXXX 형식입니다",
                        "the enrollment code looks like XXXX-XXXX-XXXX") from None
    with SyncTransport(url, fp) as tr:
        info = tr.info()
        held = vault.desk_key()
        if held is not None:
            # a desk's organisation key belongs to one server: checked before the code
            # is spent
            desk.check_enrollment(vault, "desk", info.sealing_key)
        try:
            resp = tr.enroll(req, signing)
        except ServerError as e:
            if e.status == 422:
                raise UserError(f"이 등록 코드는 이 금고의 활동가({vault.worker}) 것이 아닙니다;"
                                " 본인 이름으로 된 코드를 센터에 요청하세요",
                                f"this enrollment code is for another worker, not this"
                                f" vault's ({vault.worker}); ask the center for a code in"
                                " your name") from None
            if e.status != 409:
                raise
            raise UserError("이 노트북은 이미 등록되어 있습니다",
                            "this laptop is already enrolled") from None
        except Refused:
            # the code is unknown, used or expired: the worker needs a new one
            raise UserError("등록 코드가 맞지 않거나, 이미 쓰였거나, 만료되었습니다; 센터에 새 "
                            "코드를 요청하세요", "the enrollment code is wrong, used or "
                            "expired; ask the center for a new one") from None
    receipt_key = b64decode(resp.receipt_key, field="receipt_key", size=32)
    if resp.signing_key.key_id != info.signing_key.key_id or not verify_receipt_key(
            resp.server_epoch, receipt_key, resp.receipt_key_signature,
            info.signing_key.raw):
        raise SyncRefused("서버의 접수증 키가 기관의 서명 키로 확인되지 않습니다",
                          "the server's receipt key is not certified by the organisation's"
                          " signing key")
    if held is not None and resp.role != "desk":
        raise UserError("이 금고에는 기관 키가 있어 현장 활동가로 등록할 수 없습니다; 센터에 이 "
                        "등록을 취소하고 데스크 코드를 달라고 하세요", "this vault holds the "
                        "organisation key and cannot enroll as a worker; ask the center to "
                        "revoke this enrollment and give a desk code")
    if resp.recovery_key is not None:
        # the data key sealed to the organisation's recovery key (a supervisor's, offline),
        # before the enrollment is stored: an enrolled vault always has its slot
        from desktop.vault.recovery import add_recovery_slot

        add_recovery_slot(vault, resp.recovery_key.raw)
    if resp.certificate_chain:
        try:  # checked and kept before the enrollment: exports sign with it from now on
            certificate.store(vault, cert_key, resp.certificate_chain)
        except certificate.BadChain:
            raise SyncRefused("서버가 보낸 서명 인증서가 이 노트북의 키에 맞지 않습니다",
                              "the signing certificate the server sent is not for this "
                              "laptop's key") from None
    vault.save_enrollment({
        "server_url": url, "tls_sha256": fp, "server_epoch": resp.server_epoch,
        "device_id": device_id, "worker": resp.worker, "team": resp.team, "role": resp.role,
        "fingerprint": resp.fingerprint, "signing_key": _raw_private(signing),
        "sealing_key": _raw_private(sealing_key),
        "routing_key": b64decode(resp.routing_key, field="routing_key", size=32),
        "receipt_key": receipt_key,
        "org_keys": json.dumps({"sealing": to_dict(resp.sealing_key),
                                "signing": to_dict(resp.signing_key)}),
        "enrolled_at": now_iso()})
    return Enrolled(resp.fingerprint, resp.worker, resp.role, resp.server_epoch)
