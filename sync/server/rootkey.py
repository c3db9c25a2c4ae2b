"""The root CA's key file, KEYDIR/root-ca.key: the organisation key file format
(sync.client.keyfile: the private key wrapped by the passphrase, Argon2id + AES-256-GCM,
bound to its purpose and key id) for the root's ECDSA P-256 key, plus the root
certificate in clear, so a key ceremony needs this one file and its passphrase.

The root key signs only at ceremonies (`server init`, a new root CRL, a new issuing CA);
it is never on the server. Its public key is written compressed (33 bytes) and its key
id is the same SHA-256-based id as the other organisation keys'.
"""
from __future__ import annotations

import json
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from crypto.kdf import Argon2Params
from crypto.keyslots import public_key_id, wrap_passphrase
from crypto.secret import SecretBytes
from sync.client import keyfile
from sync.protocol import b64decode, b64encode
from sync.server.errors import ServerError

PURPOSE = "root-ca"
FILE_NAME = "root-ca.key"
ALGORITHM = "P-256"


def _public_raw(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.X962,
                                         serialization.PublicFormat.CompressedPoint)


def key_file_bytes(key: ec.EllipticCurvePrivateKey, cert: x509.Certificate, passphrase: str,
                   params: Argon2Params, organisation: str) -> bytes:
    raw_public = _public_raw(key)
    kid = public_key_id(raw_public)
    with SecretBytes(key.private_numbers().private_value.to_bytes(32, "big")) as raw:
        slot = wrap_passphrase(raw, passphrase, params, keyfile.slot_context(PURPOSE, kid))
    doc = {"format": keyfile.FORMAT, "version": keyfile.FORMAT_VERSION, "purpose": PURPOSE,
           "algorithm": ALGORITHM, "public_key": b64encode(raw_public), "key_id": kid,
           "organisation": organisation,
           "certificate": cert.public_bytes(serialization.Encoding.PEM).decode("ascii"),
           "slot": slot}
    return (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def load(path: Path, passphrase: str) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """The root key and certificate of a root-ca.key, checked against each other."""
    try:
        doc, raw = keyfile.unwrap(path, passphrase, PURPOSE)
    except keyfile.KeyFileError as e:
        raise ServerError(e.ko, e.en) from None
    with raw:
        key = ec.derive_private_key(int.from_bytes(bytes(raw), "big"), ec.SECP256R1())
    try:
        cert = x509.load_pem_x509_certificate(str(doc.get("certificate", "")).encode("ascii"))
        public = b64decode(str(doc.get("public_key")), field="public_key", size=33)
    except ValueError:
        raise ServerError(f"{path}: 손상된 키 파일", f"{path}: damaged key file") from None
    if (_public_raw(key) != public or public_key_id(public) != doc.get("key_id")
            or cert.public_key() != key.public_key()):
        bad = keyfile.mismatch(path)
        raise ServerError(bad.ko, bad.en)
    return key, cert
