"""`donghaeng server ca …`: the certificate authority's commands for the center.

root-crl (a key ceremony, on the machine holding KEYDIR) signs a new CRL of the root with
KEYDIR/root-ca.key and stores it for GET /v1/pki/root-crl: the issuing CA's status. It must
be repeated before the last one's next update (400 days; docs/operations.md).

export-root writes the root CA's certificate, the one file a clerk, a court or pdfsig's
NSS database needs to trust the center's signatures (docs/export.md); its SHA-256 is the
`root-sha256` that `server init` printed, to be published by the center.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import secrets
from collections.abc import Callable

from cryptography.hazmat.primitives import serialization

from sync.server import pki
from sync.server.errors import ServerError
from sync.server.files import fsync_dir


def root_sha256(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


def export_root(args: argparse.Namespace) -> int:
    from sync.server import config as cfg

    conf = cfg.load(args.data)
    root = pki.root_certificate(conf.paths.data)
    out = args.out
    if out.exists() or out.is_symlink():
        raise ServerError(f"--out {out}: 이미 있습니다", f"--out {out}: already exists")
    if not out.parent.is_dir():
        raise ServerError(f"--out {out}: 폴더가 없습니다", f"--out {out}: no such folder")
    data = root.public_bytes(serialization.Encoding.PEM)
    # temp beside, fsync, then a link that refuses an existing name (no overwrite race)
    tmp = out.with_name(f".{out.name}.tmp-{secrets.token_hex(4)}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        os.fchmod(fd, 0o644)  # a public certificate (the server's umask is 077)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, out)
        except FileExistsError:
            raise ServerError(f"--out {out}: 이미 있습니다",
                              f"--out {out}: already exists") from None
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(out.parent)
    print(f"root-sha256: {root_sha256(root.public_bytes(serialization.Encoding.DER))}")
    return 0


def root_crl(args: argparse.Namespace, read_passphrase: Callable[[], str]) -> int:
    from sync.server import config as cfg
    from sync.server import rootkey
    from sync.server.db import make_engine, write_session_factory
    from sync.server.models import utcnow

    conf = cfg.load(args.data)
    root = pki.root_certificate(conf.paths.data)
    key, cert = rootkey.load(args.root_key, read_passphrase())
    if cert != root:
        raise ServerError(f"{args.root_key}: 이 서버의 루트 인증 기관 키가 아닙니다",
                          f"{args.root_key}: not this server's root CA key")
    engine = make_engine(conf.database_url)
    try:
        with write_session_factory(engine).begin() as session:
            der = pki.publish_root_crl(session, key, root, utcnow())
    finally:
        engine.dispose()
    from cryptography import x509

    crl = x509.load_der_x509_crl(der)
    number = crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number
    print(f"root-crl: {number} next-update: {crl.next_update_utc}")
    return 0
