"""Reading an organisation key file (KEYDIR/*.key, written by `server init`): the format
both the server's key commands and the center's desk open (`desk import-key`), so it lives
below both (sync.server must not be needed on a desk, nor desktop on the server).

A key file is JSON: the public key and its id in clear (so a file can be matched to the
server without the passphrase) and the 32-byte raw private key wrapped exactly as a
vault's passphrase keyslot (crypto.keyslots: Argon2id, AES-256-GCM). The slot's associated
data names the purpose and key id, so a file relabelled from sealing to signing, or paired
with another public key, does not open.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from crypto.keyslots import KeyslotError, UnwrapFailed, unwrap_passphrase
from crypto.secret import SecretBytes
from sync.protocol import KEY_ALGORITHMS

FORMAT = "donghaeng.org-key"
FORMAT_VERSION = 1
MAX_KEY_FILE = 64 * 1024   # a key file is about 1 KiB; a larger one is not one
# the organisation's keys above, and the root CA's P-256 key (sync.server.rootkey), which
# is never sent to anyone and so has no protocol algorithm
PURPOSES = (*KEY_ALGORITHMS, "root-ca")


class KeyFileError(Exception):
    """One line, Korean and English (desktop.errors.describe; the server converts it)."""

    def __init__(self, ko: str, en: str):
        self.ko, self.en = ko, en
        super().__init__(en)


def slot_context(purpose: str, kid: str) -> str:
    # crypto.keyslots binds a slot to a "vault id"; for a key file that is its identity
    return f"org-key/{purpose}/{kid}"


def parse(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_KEY_FILE + 1)
        if len(data) > MAX_KEY_FILE:
            raise ValueError("too large")
        doc = json.loads(data.decode("utf-8"))
    except FileNotFoundError:
        raise KeyFileError(f"{path}: 파일이 없습니다", f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise KeyFileError(f"{path}: 키 파일이 아닙니다 ({type(e).__name__})",
                           f"{path}: not a key file ({type(e).__name__})") from None
    if (not isinstance(doc, dict) or doc.get("format") != FORMAT
            or doc.get("version") != FORMAT_VERSION or doc.get("purpose") not in PURPOSES
            or not isinstance(doc.get("slot"), dict)):
        raise KeyFileError(f"{path}: 기관 키 파일이 아닙니다",
                           f"{path}: not an organisation key file")
    return doc


def unwrap(path: Path, passphrase: str, purpose: str) -> tuple[dict[str, Any], SecretBytes]:
    """The file's document and its 32-byte private key (the caller checks it against the
    public key the file names, which needs the key's algorithm)."""
    doc = parse(path)
    if doc["purpose"] != purpose:
        raise KeyFileError(f"{path}: {purpose} 키가 아니라 {doc['purpose']} 키입니다",
                           f"{path}: a {doc['purpose']} key, not a {purpose} key")
    try:
        raw = unwrap_passphrase(doc["slot"], passphrase,
                                slot_context(purpose, str(doc.get("key_id"))))
    except UnwrapFailed:
        raise KeyFileError(f"{path}: 암호가 틀렸거나 파일이 손상되었습니다",
                           f"{path}: wrong passphrase or damaged file") from None
    except (KeyslotError, KeyError, TypeError, ValueError):
        raise KeyFileError(f"{path}: 손상된 키 파일", f"{path}: damaged key file") from None
    return doc, raw


def mismatch(path: Path) -> KeyFileError:
    return KeyFileError(f"{path}: 키가 공개 키와 맞지 않습니다",
                        f"{path}: the key does not match its public key")
