"""An RFC 3161 timestamp authority's response, over asn1crypto and cryptography.

`respond` turns a TimeStampReq (DER) into a TimeStampResp (DER): granted with a token (CMS
SignedData over a TSTInfo, signed by the TSA key with an ESS signing-certificate-v2
attribute, RFC 5816), or rejected with the RFC's failure bit. The key is loaded once by
the caller (pyHanko's test TSA reloads its key on every request and is RSA-only). Serial
numbers come from the caller: they must be unique across every process of the server.
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
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


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


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
        "message_imprint": imprint,
        "serial_number": serial,
        "gen_time": gen_time,
        "accuracy": {"seconds": ACCURACY_SECONDS},
        "tsa": asn1_x509.GeneralName(name="directory_name", value=_asn1(cert).subject),
    }
    if nonce is not None:
        info["nonce"] = nonce
    tst_der = tsp.TSTInfo(info).dump()

    tsa_cert = _asn1(cert)
    signed_attrs = cms.CMSAttributes([
        cms.CMSAttribute({"type": "content_type", "values": ["tst_info"]}),
        cms.CMSAttribute({"type": "signing_time", "values": [cms.Time({"utc_time": gen_time})]}),
        cms.CMSAttribute({"type": "message_digest",
                          "values": [hashlib.sha256(tst_der).digest()]}),
        cms.CMSAttribute({"type": "signing_certificate_v2", "values": [tsp.SigningCertificateV2({
            "certs": [tsp.ESSCertIDv2({
                # sha256 is the field's default algorithm, so DER leaves it out
                "cert_hash": hashlib.sha256(tsa_cert.dump()).digest(),
                "issuer_serial": {
                    "issuer": [asn1_x509.GeneralName(name="directory_name",
                                                     value=tsa_cert.issuer)],
                    "serial_number": tsa_cert.serial_number,
                },
            })],
        })]}),
    ])
    signature = key.sign(signed_attrs.dump(), ec.ECDSA(hashes.SHA256()))
    certificates = [tsa_cert, *(_asn1(c) for c in chain)] if cert_req else []
    signed_data = cms.SignedData({
        "version": "v3",
        "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
        "encap_content_info": {"content_type": "tst_info",
                               "content": core.ParsableOctetString(tst_der)},
        "certificates": certificates or None,
        "signer_infos": [cms.SignerInfo({
            "version": "v1",
            "sid": cms.SignerIdentifier(name="issuer_and_serial_number", value={
                "issuer": tsa_cert.issuer, "serial_number": tsa_cert.serial_number}),
            "digest_algorithm": {"algorithm": "sha256"},
            "signed_attrs": signed_attrs,
            "signature_algorithm": {"algorithm": "sha256_ecdsa"},
            "signature": signature,
        })],
    })
    return TimeStampResp({
        "status": tsp.PKIStatusInfo({"status": "granted"}),
        "time_stamp_token": cms.ContentInfo({"content_type": "signed_data",
                                             "content": signed_data}),
    }).dump()
