"""The center's desk: a vault holding the organisation's sealing private key, enrolled with
a code from `server enroll --role desk` (docs/sync.md, "The center's desk").

The server routes every case of the organisation to a desk; the key opens them, since
every change is sealed to the organisation as well as to the devices of its case. A
desk can then share a case with another worker or hand a leaving worker's cases over: a
share wraps the content keys the desk holds for the new worker's laptops, the sealed
changes themselves unchanged (desktop/syncing/grants.py).
"""
from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from desktop.errors import UserError
from desktop.syncing.device import DeviceKeys
from desktop.syncing.progress import Progress, quiet
from sync.client import keyfile, sealing
from sync.protocol import PublicKey, key_id


def _not_on_a_worker() -> UserError:
    return UserError("이 금고는 현장 활동가로 등록되어 있습니다: 기관 키는 센터 데스크에만 둡니다",
                     "this vault is enrolled as a worker: the organisation key goes only on"
                     " the center's desk")


def _wrong_org() -> UserError:
    return UserError("이 키는 이 데스크가 등록된 서버의 기관 봉인 키가 아닙니다",
                     "this key is not the organisation sealing key of the server this desk"
                     " is enrolled with")


def import_key(vault, path: Path, passphrase: str) -> str:
    """Opens KEYDIR/sealing.key with its passphrase and keeps the private key in the vault
    (before or after enrolling). Returns the key id."""
    enrollment = vault.sync_enrollment()
    if enrollment is not None and enrollment["role"] != "desk":
        raise _not_on_a_worker()
    try:
        doc, raw = keyfile.unwrap(path, passphrase, "sealing")
    except keyfile.KeyFileError as e:
        raise UserError(e.ko, e.en) from None
    with raw:
        private = X25519PrivateKey.from_private_bytes(bytes(raw))
        kid = key_id(sealing.raw_public(private))
        if kid != doc.get("key_id"):
            bad = keyfile.mismatch(path)
            raise UserError(bad.ko, bad.en)
        if enrollment is not None and kid != DeviceKeys.from_enrollment(enrollment).org_sealing.key_id:
            raise _wrong_org()
        held = vault.desk_key()
        if held is not None and held["key_id"] != kid:
            raise UserError("이 데스크에는 이미 다른 기관 키가 있습니다",
                            "this desk already holds another organisation key")
        vault.store_desk_key(kid, bytes(raw), str(doc.get("organisation") or ""))
    return kid


def check_enrollment(vault, role: str, org_sealing: PublicKey) -> None:
    """At enrollment: a vault holding the organisation key enrolls only as a desk, with a
    server whose organisation key it is."""
    held = vault.desk_key()
    if held is None:
        return
    if role != "desk":
        raise UserError("이 금고에는 기관 키가 있습니다: 데스크 등록 코드로만 등록할 수 있습니다",
                        "this vault holds the organisation key: it enrolls only with a desk"
                        " code")
    if held["key_id"] != org_sealing.key_id:
        raise _wrong_org()


def desk_private(vault, org_sealing: PublicKey) -> X25519PrivateKey | None:
    """The organisation's sealing key if this vault is a desk holding this server's."""
    held = vault.desk_key()
    if held is None or held["key_id"] != org_sealing.key_id:
        return None
    return X25519PrivateKey.from_private_bytes(held["private"])


def check_handover(vault, from_worker: str, to_worker: str) -> None:
    """What refuses a handover before anything is synced: it is the center's act, between
    two workers."""
    enrollment = vault.sync_enrollment()
    if enrollment is None or enrollment["role"] != "desk":
        raise UserError("인계는 센터 데스크에서만 할 수 있습니다",
                        "a handover is made on the center's desk")
    if from_worker == to_worker:
        raise UserError("같은 사람에게 인계할 수 없습니다", "a handover needs two workers")


def handover(vault, tr, from_worker: str, to_worker: str,
             progress: Progress = quiet) -> tuple[int, int]:
    """Shares every case `from_worker` wrote with `to_worker` (a worker leaving): (cases,
    shares made). The shares go out with the desk's next round."""
    from desktop.syncing.grants import share_case

    check_handover(vault, from_worker, to_worker)
    cases = [c for c in vault.list_cases() if c.author == from_worker]
    if not cases:
        raise UserError(f"{from_worker} 님이 작성한 사례가 이 데스크에 없습니다 (먼저 동기화하세요)",
                        f"this desk has no case written by {from_worker} (sync first?)")
    made = 0
    for case in cases:
        made += share_case(vault, tr, case.id, to_worker)
        progress(f"{case.code} → {to_worker}", f"{case.code} → {to_worker}")
    return len(cases), made
