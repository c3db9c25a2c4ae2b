"""Trusted time and validation data from the center's server, over the pinned connection.

The server's TSA (POST /v1/tsa, RFC 3161 over HTTP) and its certificate data (GET
/v1/pki/chain, /v1/pki/crl, /v1/pki/root-crl) are public, signed objects; the laptop still
asks for them over the connection pinned at enrollment (sync/client/transport.py), so no
CA-based TLS and no second address are needed.

- `PinnedTimeStamper` (sync/client/pinned_tsa.py, apart: it imports pyHanko): a pyHanko
  TimeStamper for signing and document timestamps.
- `fetch_token`: one timestamp over a digest, for other users (evidence anchoring).
- `fetch_material`: the chain (PEM) and the current CRLs (DER), each checked to be what it
  claims (a captive portal's page is `NotAnAnswer`, never stored as a CRL).
"""
from __future__ import annotations

import os
from typing import Any

from sync.client.transport import NotAnAnswer, SyncError, SyncTransport, error_for

QUERY_TYPE = "application/timestamp-query"
REPLY_TYPE = "application/timestamp-reply"
TSA_PATH = "/v1/tsa"
CHAIN_PATH = "/v1/pki/chain"
CRL_PATHS = ("/v1/pki/crl", "/v1/pki/root-crl")

_NOT_AN_ANSWER = ("서버가 아닌 곳에서 답이 왔습니다 (로그인 페이지가 있는 Wi-Fi?)",
                  "the answer did not come from the server (a Wi-Fi login page?)")


class TimestampRefused(SyncError):
    """The TSA answered, but with a rejection (or a token not for our request)."""


def _post_query(transport: SyncTransport, query_der: bytes) -> bytes:
    r = transport.send("POST", TSA_PATH, query_der, signed=False,
                       headers={"Content-Type": QUERY_TYPE})
    if r.status_code != 200:
        raise error_for(r.status_code, r.content)
    if r.headers.get("Content-Type", "").split(";")[0].strip() != REPLY_TYPE:
        raise NotAnAnswer(*_NOT_AN_ANSWER)
    return bytes(r.content)


def _check_reply(reply_der: bytes, digest: bytes, nonce: int | None) -> Any:
    """The TimeStampResp, once granted and answering exactly our digest and nonce."""
    from asn1crypto import tsp

    try:
        resp = tsp.TimeStampResp.load(reply_der, strict=True)
        status = resp["status"]["status"].native
    except (ValueError, TypeError, KeyError):
        raise NotAnAnswer(*_NOT_AN_ANSWER) from None
    if status not in ("granted", "granted_with_mods"):
        text = "; ".join(resp["status"]["status_string"].native or []) or status
        raise TimestampRefused(f"타임스탬프 서버가 요청을 거절했습니다 ({text})",
                               f"the timestamp authority refused the request ({text})")
    try:
        info = resp["time_stamp_token"]["content"]["encap_content_info"]["content"].parsed
        ok = (info["message_imprint"]["hashed_message"].native == digest
              and (nonce is None or info["nonce"].native == nonce))
    except (ValueError, TypeError, KeyError, AttributeError):
        ok = False
    if not ok:
        raise TimestampRefused("타임스탬프가 요청과 맞지 않습니다",
                               "the timestamp does not answer the request")
    return resp


def fetch_token(transport: SyncTransport, digest: bytes, *,
                md_algorithm: str = "sha256") -> bytes:
    """A TimeStampResp (DER, granted, with the TSA's certificates) over `digest`: what
    `openssl ts -verify -in` reads. The token itself is its `time_stamp_token`."""
    from asn1crypto import algos, tsp

    nonce = int.from_bytes(os.urandom(8), "big")
    query = tsp.TimeStampReq({
        "version": "v1",
        "message_imprint": tsp.MessageImprint({
            "hash_algorithm": algos.DigestAlgorithm({"algorithm": md_algorithm}),
            "hashed_message": digest}),
        "nonce": nonce,
        "cert_req": True,
    }).dump()
    reply = _post_query(transport, query)
    _check_reply(reply, digest, nonce)
    return reply


def fetch_material(transport: SyncTransport) -> tuple[bytes, list[bytes]]:
    """(chain PEM: issuing CA, TSA, root; [issuing CA's CRL, root's CRL] as DER)."""
    from cryptography import x509

    r = transport.send("GET", CHAIN_PATH, signed=False)
    if r.status_code != 200:
        raise error_for(r.status_code, r.content)
    try:
        certs = x509.load_pem_x509_certificates(bytes(r.content))
    except ValueError:
        raise NotAnAnswer(*_NOT_AN_ANSWER) from None
    if not certs:
        raise NotAnAnswer(*_NOT_AN_ANSWER)
    return _pem(certs), [fetch_crl(transport, path) for path in CRL_PATHS]


def fetch_crl(transport: SyncTransport, path: str = CRL_PATHS[0]) -> bytes:
    """One CRL (DER), by default the issuing CA's: the one a revocation changes."""
    from cryptography import x509

    r = transport.send("GET", path, signed=False)
    if r.status_code != 200:
        raise error_for(r.status_code, r.content)
    try:
        x509.load_der_x509_crl(bytes(r.content))
    except ValueError:
        raise NotAnAnswer(*_NOT_AN_ANSWER) from None
    return bytes(r.content)


def _pem(certs: list[Any]) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs)
