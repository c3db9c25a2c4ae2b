"""The `server` commands that sign with the organisation's offline key, on the machine
holding KEYDIR: `revoke` (a wipe order, with --org-key) and `forms publish`. The key file
is opened only here and only after everything else was checked, so a mistake never costs
a passphrase prompt."""
from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from sync.server.commands import _check_identity, _open, _require_current_schema
from sync.server.errors import ServerError


def _device_arg(text: str) -> str:
    import uuid

    try:
        if str(uuid.UUID(text)) == text:
            return text
    except ValueError:
        pass
    raise ServerError(f"--device {text[:60]}: 기기 ID(UUID, server status 의 id)가 아닙니다",
                      f"--device {text[:60]}: not a device id (the UUID server status "
                      "lists)")


def _revoke_lines(done: Any, mode: str, lang: str) -> list[str]:
    en = lang == "en"
    who = f"device {done.device_id} ({done.worker})" if en else \
        f"기기 {done.device_id} ({done.worker})"
    if mode == "lost":
        first = (f"{who}: revoked as lost; refused from now on, what it still sends is "
                 "quarantined" if en else
                 f"{who}: 분실로 차단했습니다; 이제부터 거부되며 보내오는 것은 격리됩니다")
    else:
        first = (f"{who}: retiring; its remaining changes are accepted, then it is blocked"
                 if en else f"{who}: 회수 중입니다; 남은 변경을 받은 뒤 차단됩니다")
    if done.order_id is None:
        second = ("no wipe order (no --org-key): nothing on the laptop is deleted" if en
                  else "삭제 지시 없음 (--org-key 없음): 노트북의 자료는 지워지지 않습니다")
    elif mode == "lost":
        second = ("wipe order queued: the laptop deletes its vault at its next sync" if en
                  else "삭제 지시를 보냈습니다: 노트북은 다음 동기화 때 금고를 삭제합니다")
    else:
        second = ("wipe order queued: delivered once the laptop's outbox is empty" if en
                  else "삭제 지시를 보냈습니다: 노트북이 보낼 것을 모두 보낸 뒤 전달됩니다")
    lines = [first, second, f"state: {done.state}"]
    if done.order_id is not None:
        lines.append(f"wipe-order: {done.order_id}")
    return lines


def revoke(args: argparse.Namespace, read_passphrase: Callable[[], str], lang: str) -> int:
    """Blocks a device (lost: at once; retire: once its outbox is empty) and, with the
    organisation signing key, queues a wipe order signed here, on the machine holding
    KEYDIR: the server only stores it."""
    from sync.server import orgkeys, pki, revocation
    from sync.server.db import session_factory, write_session_factory
    from sync.server.models import Device, utcnow

    device_id = _device_arg(args.device)
    conf, engine = _open(args)
    try:
        _require_current_schema(engine)
        ident = _check_identity(conf, engine)
        # a mistyped id is found before anyone types the key's passphrase
        with session_factory(engine)() as session:
            if session.get(Device, device_id) is None:
                raise ServerError(f"--device {device_id}: 등록된 기기가 아닙니다 (server "
                                  "status 로 확인하세요)", f"--device {device_id}: no such "
                                  "enrolled device (see server status)")
        sign, key_id = None, None
        if args.org_key is not None:
            sign, key_id = orgkeys.open_signer(args.org_key, read_passphrase(),
                                               ident.signing_key)
        authority = pki.load(conf.paths.data)  # the issuing CA signs the new CRL
        with write_session_factory(engine).begin() as session:
            now = utcnow()
            done = revocation.revoke(session, device_id, args.mode, now, sign=sign,
                                     key_id=key_id)
            # its worker certificates too, from now: the CRL is published in this
            # transaction, so the revocation and the CRL listing it commit together
            serials = pki.revoke_device(session, authority, device_id, now)
    finally:
        engine.dispose()
    for line in _revoke_lines(done, args.mode, lang):
        print(line)
    for serial in serials:
        print(f"certificate-revoked: {serial}")
    return 0


def forms_publish(args: argparse.Namespace, read_passphrase: Callable[[], str],
                  lang: str) -> int:
    """Checks FORMS_DIR, signs a release of its new form versions with the organisation
    signing key here, on the machine holding KEYDIR, and stores it (laptops take it at
    their next sync). Nothing is stored unless every step succeeded."""
    from sync.server import form_releases, orgkeys
    from sync.server.db import session_factory, write_session_factory
    from sync.server.models import utcnow

    given = form_releases.read_folder(args.folder)
    conf, engine = _open(args)
    try:
        _require_current_schema(engine)
        ident = _check_identity(conf, engine)
        with session_factory(engine)() as session:
            earlier = form_releases.earlier_forms(session)
        # every problem of the folder is told before anyone types the key's passphrase
        forms = form_releases.new_forms(given, earlier, lang)
        sign, key_id = orgkeys.open_signer(args.org_key, read_passphrase(),
                                           ident.signing_key)
        with write_session_factory(engine).begin() as session:
            done = form_releases.publish(session, forms, utcnow(), sign, key_id)
    finally:
        engine.dispose()
    print(f"form-release: {done.release_id}")
    print(f"seq: {done.seq}")
    for form, version in done.forms:
        print(f"  {form} v{version}")
    return 0
