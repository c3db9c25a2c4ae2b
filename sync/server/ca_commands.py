"""`donghaeng server ca …`: the certificate authority's commands for the center.

export-root writes the root CA's certificate, the one file a clerk, a court or pdfsig's
NSS database needs to trust the center's signatures (docs/export.md); its SHA-256 is the
`root-sha256` that `server init` printed, to be published by the center.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import secrets

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
