"""`server keys add-recovery --data DIR --keys-out KEYDIR2`: the organisation recovery key
for a server initialised before `server init` made one (docs/operations.md).

It writes `KEYDIR2/recovery.key` exactly as `init` writes it (same format, KDF and
organisation name; the passphrase asked twice) in a new folder outside the data folder,
then stores the public key as the server's current recovery key. Laptops enrolled from
then on get a recovery keyslot; laptops enrolled before do not (they learn the key only
at enrollment). A server that has a recovery key refuses: a second one would leave
vaults sealed to a key the center may no longer hold.
"""
from __future__ import annotations

import argparse
import shutil
from collections.abc import Callable

from sync.server.errors import ServerError

FILE_NAME = "recovery.key"


def add_recovery(args: argparse.Namespace, read_passphrase: Callable[[], str]) -> int:
    from sqlalchemy.exc import IntegrityError

    from sync.server import commands, orgkeys
    from sync.server.db import write_session_factory
    from sync.server.files import fsync_dir, write_new
    from sync.server.models import OrgKey, utcnow

    conf, engine = commands._open(args)
    try:
        commands._require_current_schema(engine)
        ident = commands._check_identity(conf, engine)
        if ident.recovery_key is not None:
            kid = ident.recovery_key.key_id
            raise ServerError(f"이 서버에는 이미 복구 키가 있습니다 (id {kid})",
                              f"this server already has a recovery key (id {kid})")
        commands._check_new_keydir(args.keys_out, conf.paths.data)
        passphrase = read_passphrase()
        pair = orgkeys.generate("recovery")
        public = pair.public
        args.keys_out.mkdir(mode=0o700)
        try:
            # the private key durable before the database names its public half
            write_new(args.keys_out / FILE_NAME, orgkeys.key_file_bytes(
                pair, passphrase, orgkeys.KEY_FILE_KDF, ident.organisation))
            fsync_dir(args.keys_out)
            with write_session_factory(engine).begin() as session:
                session.add(OrgKey(key_id=public.key_id, purpose="recovery",
                                   algorithm=public.algorithm, public_key=public.raw,
                                   created_at=utcnow()))
        except IntegrityError:
            shutil.rmtree(args.keys_out, ignore_errors=True)
            raise ServerError("다른 명령이 방금 복구 키를 만들었습니다",
                              "another command has just made a recovery key") from None
        except BaseException:
            shutil.rmtree(args.keys_out, ignore_errors=True)
            raise
    finally:
        engine.dispose()
    print(f"recovery-key: {args.keys_out / FILE_NAME} (id {public.key_id})")
    return 0
