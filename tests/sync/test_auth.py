"""Signed requests refused, against a real server: a wrong or missing signature, a replayed
nonce, a time outside the window, an unknown device, malformed bodies and queries, odd
paths. Each answer is a 4xx with a one-line ErrorBody, nothing is stored, and the server
keeps serving."""
from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.protocol import PushRequest, RecipientsRequest, to_json
from sync.protocol.signing import CLOCK_WINDOW, TIME_HEADER, sign_request
from sync.server.models import utcnow
from tests.sync.device import Device, case_token, enrolled
from tests.sync.servers import (
    device_status,
    one_line_error,
    routes_server,  # noqa: F401 - the `server` of this module
    status,
    worker_name,
)


def _still_serving(server, d, before: dict) -> None:
    after = status(server)
    assert after["changes"] == before["changes"] and after["last_seq"] == before["last_seq"]
    assert device_status(server, d.device_id)["seq"] == 0
    with server.client() as c:
        assert c.get("/v1/health").json()["status"] == "ok"


def test_bad_signatures_and_headers(server):
    d = enrolled(server, worker_name())
    before = status(server)
    body = to_json(PushRequest(changes=[d.change()]))
    # another key, a changed body, a changed path: the signature does not cover them
    one_line_error(d.request("POST", "/v1/push", body, signer=Ed25519PrivateKey.generate()),
                   401)
    h = sign_request(d.signing, d.device_id, "POST", "/v1/push", body, utcnow())
    tampered = body.replace(b'"create"', b'"delete"')
    assert tampered != body
    one_line_error(d.http.post("/v1/push", content=tampered, headers=h), 401)
    h = sign_request(d.signing, d.device_id, "GET", "/v1/pull?after=5", b"", utcnow())
    one_line_error(d.http.get("/v1/pull?after=0", headers=h), 401)
    # each header missing in turn, and no signature at all
    full = sign_request(d.signing, d.device_id, "POST", "/v1/push", body, utcnow())
    for name in full:
        partial = {k: v for k, v in full.items() if k != name}
        one_line_error(d.http.post("/v1/push", content=body, headers=partial), (401, 426))
    one_line_error(d.http.post("/v1/push", content=body), 401)
    # a signature that is not base64, a nonce that is not hex
    for name, value in (("Donghaeng-Signature", "!!"), ("Donghaeng-Nonce", "z" * 32)):
        h = sign_request(d.signing, d.device_id, "POST", "/v1/push", body, utcnow())
        h[name] = value
        one_line_error(d.http.post("/v1/push", content=body, headers=h), 401)
    _still_serving(server, d, before)


def test_times_outside_the_window_or_not_times(server):
    d = enrolled(server, worker_name())
    before = status(server)
    body = to_json(PushRequest(changes=[d.change()]))
    for skew in (timedelta(minutes=11), -timedelta(minutes=11)):
        err = one_line_error(d.request("POST", "/v1/push", body, skew=skew), 401)
        assert "clock" in err.message
    # a date without a time, a local time without a zone, garbage: refused, never a 500
    for text in ("2026-12-06Z", utcnow().strftime("%Y-%m-%dZ"),
                 utcnow().strftime("%Y-%m-%dT%H:%M:%S"), "yesterday", "Z"):
        h = sign_request(d.signing, d.device_id, "POST", "/v1/push", body, utcnow())
        h[TIME_HEADER] = text
        one_line_error(d.http.post("/v1/push", content=body, headers=h), 401)
    _still_serving(server, d, before)


def test_a_replayed_request_is_refused(server):
    d = enrolled(server, worker_name())
    body = to_json(PushRequest(changes=[d.change()]))
    h = sign_request(d.signing, d.device_id, "POST", "/v1/push", body, utcnow())
    assert d.http.post("/v1/push", content=body, headers=h).status_code == 200
    err = one_line_error(d.http.post("/v1/push", content=body, headers=h), 401)
    assert "replay" in err.message
    assert device_status(server, d.device_id)["changes"] == 1


def test_a_replay_whose_body_arrives_slowly_is_still_refused(server):
    """The time is checked when the headers arrive; a replay sent just inside the window
    whose body trickles in must still meet the nonce of the request it copies."""
    d = enrolled(server, worker_name())
    body = to_json(RecipientsRequest(case_tokens=[case_token()]))
    sent = utcnow() - CLOCK_WINDOW + timedelta(seconds=2)
    h = sign_request(d.signing, d.device_id, "POST", "/v1/recipients", body, sent)
    h["Content-Type"] = "application/json"
    assert d.http.post("/v1/recipients", content=body, headers=h).status_code == 200

    def slowly() -> Iterator[bytes]:
        yield body[:10]
        time.sleep(3.5)  # the original request's time leaves the window meanwhile
        yield body[10:]

    r = d.http.post("/v1/recipients", content=slowly(), headers=h)
    one_line_error(r, 401)


def test_an_unknown_device(server):
    stranger = Device(server, worker_name())
    stranger.enrolled = enrolled(server, worker_name()).enrolled  # for change()'s org key
    before = status(server)
    body = to_json(PushRequest(changes=[stranger.change()]))
    err = one_line_error(stranger.request("POST", "/v1/push", body), 401)
    assert "enroll" in err.message
    one_line_error(stranger.request("GET", "/v1/device"), 401)
    assert status(server)["changes"] == before["changes"]


def test_malformed_bodies_and_queries(server):
    d = enrolled(server, worker_name())
    before = status(server)
    for body, code in ((b"{", 400), (b"\xff\xfe", 400), (b"[" * 100_000, 400),
                       (b'{"changes": NaN}', 400), (b'{"changes": []}', 422),
                       (b'{"changes": [{"change_id": 1}]}', 422), (b"null", 422),
                       (b'{"changes": 1e400}', 422)):
        one_line_error(d.request("POST", "/v1/push", body), code)
    for query in ("after=-1", f"after={2**63}", "after=abc", "limit=0", "limit=201",
                  "after=1.5", "after=%00"):
        one_line_error(d.request("GET", f"/v1/pull?{query}"), 422)
    one_line_error(d.request("POST", "/v1/recipients", b'{"case_tokens": ["../../x"]}'), 422)
    one_line_error(d.request("POST", "/v1/enroll", b'{"code": "nope"}'), 422)
    _still_serving(server, d, before)


def test_odd_paths_are_404_not_files(server):
    d = enrolled(server, worker_name())
    for path in ("/v1/../../etc/passwd", "/v1/%2e%2e/%2e%2e/etc/passwd", "/v1/push/..",
                 "/v1/pull/../../server.json", "/%2e%2e/data/receipt.key",
                 f"/v1/device/{uuid.uuid4()}"):
        r = d.request("GET", path)
        assert r.status_code in (404, 405), (path, r.status_code)
        one_line_error(r, (404, 405))
        assert b"BEGIN" not in r.content and b"donghaeng-" not in r.content.lower()
    with server.client() as c:
        assert c.get("/v1/health").status_code == 200
