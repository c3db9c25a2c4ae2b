"""Independent checks of the organisation's certificates and timestamps with the system
tools a clerk or a court would use: openssl (chains, CRLs, RFC 3161 tokens), and pdfsig
with the root in a throwaway NSS database."""
from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization


def pem(*certs: x509.Certificate) -> bytes:
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs)


def run(*args: str | Path, check: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True,
                          timeout=60, check=check)


def openssl_verify(root: Path, untrusted: Path | None, leaf: Path,
                   *extra: str | Path) -> subprocess.CompletedProcess[str]:
    args: list[str | Path] = ["openssl", "verify", "-CAfile", root]
    if untrusted is not None:
        args += ["-untrusted", untrusted]
    return run(*args, *extra, leaf)


def ts_verify(token_reply: Path, root: Path, untrusted: Path,
              *, data: Path | None = None, query: Path | None = None
              ) -> subprocess.CompletedProcess[str]:
    """`openssl ts -verify` of a TimeStampResp against the data or the query it answers."""
    args: list[str | Path] = ["openssl", "ts", "-verify", "-in", token_reply,
                              "-CAfile", root, "-untrusted", untrusted]
    if data is not None:
        args += ["-data", data]
    if query is not None:
        args += ["-queryfile", query]
    return run(*args)


def ts_query(data: Path, out: Path, *, cert: bool = True) -> Path:
    run("openssl", "ts", "-query", "-data", data, "-sha256",
        *(["-cert"] if cert else []), "-out", out, check=True)
    return out


def nss_db(folder: Path, roots: Sequence[Path]) -> str:
    """A throwaway NSS database trusting `roots` (as a clerk's `certutil` would); returns
    the `-nssdir` argument for pdfsig."""
    folder.mkdir(parents=True, exist_ok=True)
    run("certutil", "-N", "--empty-password", "-d", f"sql:{folder}", check=True)
    for i, root in enumerate(roots):
        run("certutil", "-A", "-d", f"sql:{folder}", "-n", f"root{i}", "-t", "CT,C,C",
            "-i", root, check=True)
    return f"sql:{folder}"


def pdfsig(pdf: Path, nssdir: str) -> str:
    proc = run("pdfsig", "-nssdir", nssdir, pdf)
    return proc.stdout + proc.stderr
