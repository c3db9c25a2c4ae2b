"""An RFC 3161 timestamp authority's response, over asn1crypto and cryptography.

`respond` turns a TimeStampReq (DER) into a TimeStampResp (DER): granted with a token (CMS
SignedData over a TSTInfo, signed by the TSA key with an ESS signing-certificate-v2
attribute, RFC 5816), or rejected with the RFC's failure bit. The key is loaded once by
the caller (pyHanko's test TSA reloads its key on every request and is RSA-only). Serial
numbers come from the caller: they must be unique across every process of the server.
"""
from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from asn1crypto import algos, cms, core, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

# A UUID-based OID (X.667, arc 2.25: no registration needed) naming Donghaeng's TSA policy:
# "the server's clock, synchronised by the operating system; accuracy one second".
DEFAULT_POLICY = "2.25.290464627940737194969293501898326425145"
ACCURACY_SECONDS = 1
_DIGEST_SIZES = {"sha256": 32, "sha384": 48, "sha512": 64}
MAX_REQUEST = 4096   # a request is ~60-100 bytes; anything far larger is not one


class TimeStampResp(core.Sequence):
    """RFC 3161 §2.4.2: the token is OPTIONAL (absent when rejected); asn1crypto's
    `tsp.TimeStampResp` declares it required and cannot encode or read a rejection."""

    _fields = [
        ("status", tsp.PKIStatusInfo),
        ("time_stamp_token", cms.ContentInfo, {"optional": True}),
    ]


def _reject(fail: str, text: str) -> bytes:
    return TimeStampResp({
        "status": tsp.PKIStatusInfo({
            "status": "rejection",
            "status_string": [text],
            "fail_info": tsp.PKIFailureInfo({fail}),
        }),
    }).dump()


def respond(request_der: bytes, key: ec.EllipticCurvePrivateKey, cert: x509.Certificate,
            chain: Sequence[x509.Certificate] = (), *, now: datetime | None = None,
            serial: int, policy: str = DEFAULT_POLICY) -> bytes:
    """A TimeStampResp for `request_der`. `chain` (issuing CA, root…) is included with the
    TSA certificate when the request asks for certificates."""
    if len(request_der) > MAX_REQUEST:
        return _reject("bad_data_format", "request too large")
    try:
        req = tsp.TimeStampReq.load(request_der, strict=True)
        version = req["version"].native
        imprint = req["message_imprint"]
        algorithm = imprint["hash_algorithm"]["algorithm"].native
        digest = imprint["hashed_message"].native
        req_policy = req["req_policy"].native
        nonce = req["nonce"].native
        cert_req = bool(req["cert_req"].native)
        extensions = req["extensions"].native
    except (ValueError, TypeError, KeyError):
        return _reject("bad_data_format", "not a timestamp request")
    if version != "v1":
        return _reject("bad_request", "unsupported request version")
    if algorithm not in _DIGEST_SIZES:
        return _reject("bad_alg", f"unsupported hash algorithm {algorithm}")
    if not isinstance(digest, bytes) or len(digest) != _DIGEST_SIZES[algorithm]:
        return _reject("bad_data_format", "message imprint has the wrong length")
    if req_policy is not None and req_policy != policy:
        return _reject("unaccepted_policy", "unknown policy")
    if extensions:
        return _reject("unaccepted_extensions", "no extensions are supported")

    gen_time = (now or datetime.now(UTC)).astimezone(UTC)
    info: dict[str, object] = {
        "version": "v1",
        "policy": policy,
        "message_imprint": {"hash_algorithm": {"algorithm": algorithm},
                            "hashed_message": digest},
        "serial_number": serial,
        "gen_time": gen_time,
        "accuracy": {"seconds": ACCURACY_SECONDS},
    }
    if nonce is not None:
        info["nonce"] = nonce
    tst_der = tsp.TSTInfo(info).dump()
    parts = _signer_parts(cert.public_bytes(serialization.Encoding.DER))
    signed_attrs = _set(
        _attribute("1.2.840.113549.1.9.3", _ID_CT_TST_INFO),            # content type
        _attribute("1.2.840.113549.1.9.5", core.UTCTime(gen_time).dump()),  # signing time
        _attribute("1.2.840.113549.1.9.4",                               # message digest
                   core.OctetString(hashlib.sha256(tst_der).digest()).dump()),
        parts.signing_certificate_v2)
    signature = key.sign(signed_attrs, ec.ECDSA(hashes.SHA256()))
    signer_info = _seq(core.Integer(1).dump(), parts.sid, _SHA256_ALG,
                       _IMPLICIT_0 + signed_attrs[1:],  # [0] IMPLICIT: the SET retagged
                       _ECDSA_SHA256_ALG, core.OctetString(signature).dump())
    certificates = b""
    if cert_req:
        ders = [parts.cert_der, *(c.public_bytes(serialization.Encoding.DER) for c in chain)]
        certificates = _tlv(0xA0, b"".join(ders))
    signed_data = _seq(
        core.Integer(3).dump(), _set(_SHA256_ALG),
        _seq(_ID_CT_TST_INFO, _tlv(0xA0, core.OctetString(tst_der).dump())),
        certificates, _set(signer_info))
    token = _seq(_ID_SIGNED_DATA, _tlv(0xA0, signed_data))
    return _seq(_GRANTED, token)


# The response is assembled from DER pieces: asn1crypto re-encodes every embedded
# certificate on each dump (about 35 ms a response, most of the TSA's cost); the pieces
# that depend only on the TSA certificate are encoded once.
_IMPLICIT_0 = b"\xa0"
_ID_CT_TST_INFO = core.ObjectIdentifier("1.2.840.113549.1.9.16.1.4").dump()
_ID_SIGNED_DATA = core.ObjectIdentifier("1.2.840.113549.1.7.2").dump()
_SHA256_ALG = algos.DigestAlgorithm({"algorithm": "sha256"}).dump()
_ECDSA_SHA256_ALG = algos.SignedDigestAlgorithm({"algorithm": "sha256_ecdsa"}).dump()
_GRANTED = tsp.PKIStatusInfo({"status": "granted"}).dump()


def _tlv(tag: int, content: bytes) -> bytes:
    n = len(content)
    if n < 0x80:
        return bytes([tag, n]) + content
    size = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(size)]) + size + content


def _seq(*items: bytes) -> bytes:
    return _tlv(0x30, b"".join(items))


def _set(*items: bytes) -> bytes:
    return _tlv(0x31, b"".join(sorted(items)))  # DER: a SET OF in encoding order


def _attribute(oid: str, value_der: bytes) -> bytes:
    return _seq(core.ObjectIdentifier(oid).dump(), _set(value_der))


@dataclass(frozen=True)
class _SignerParts:
    cert_der: bytes
    sid: bytes                      # IssuerAndSerialNumber
    signing_certificate_v2: bytes   # the ESS attribute (RFC 5816) naming the certificate


@functools.lru_cache(maxsize=8)
def _signer_parts(cert_der: bytes) -> _SignerParts:
    tsa_cert = asn1_x509.Certificate.load(cert_der)
    ess = tsp.SigningCertificateV2({"certs": [tsp.ESSCertIDv2({
        # sha256 is the field's default algorithm, so DER leaves it out
        "cert_hash": hashlib.sha256(cert_der).digest(),
        "issuer_serial": {
            "issuer": [asn1_x509.GeneralName(name="directory_name", value=tsa_cert.issuer)],
            "serial_number": tsa_cert.serial_number,
        },
    })]}).dump()
    sid = cms.IssuerAndSerialNumber({"issuer": tsa_cert.issuer,
                                     "serial_number": tsa_cert.serial_number}).dump()
    return _SignerParts(cert_der, sid, _attribute("1.2.840.113549.1.9.16.2.47", ess))
