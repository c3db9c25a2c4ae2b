"""Schemathesis against the live server's /openapi.json (SQLite and PostgreSQL): every
operation, with bodies and queries generated from the schema — valid ones and invalid ones
— signed by an enrolled device so that they reach the handlers, never answers 5xx.

Signing happens in a requests auth hook on the prepared request: the path with its query
and the body bytes signed are the ones sent. Push bodies are rewritten to this device's
own chain (a generated device id would only ever meet the 403 of a foreign chain), and
enrollment requests are signed by the key they carry, so both reach their deeper checks.
Loopback only, so TLS verification is off here (the pin is tested in test_server.py)."""
from __future__ import annotations

import re
import time
import uuid
import warnings

import pytest
import requests
import schemathesis
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode

from sync.protocol import b64encode
from sync.protocol.signing import sign_request
from sync.server.models import utcnow
from tests.sync.device import enrolled
from tests.sync.servers import (
    routes_server,  # noqa: F401 - the `server` of this module
    worker_name,
)

EXAMPLES = 25  # per operation and mode: about 35-50 s per backend on a quiet 2-core box
# POST /v1/tsa takes RFC 3161 DER (declared as binary): the same bytes as octet-stream
schemathesis.serializer.alias("application/timestamp-query", "application/octet-stream")


class _Signed(requests.auth.AuthBase):
    def __init__(self, device) -> None:
        self.device = device
        self.enroll_key: Ed25519PrivateKey | None = None
        self.enroll_id = ""

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        body = r.body or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        key, device_id = self.device.signing, self.device.device_id
        if self.enroll_key is not None:  # proof of possession of the key it registers
            key, device_id = self.enroll_key, self.enroll_id
        assert r.method is not None
        r.headers.update(sign_request(key, device_id, r.method, r.path_url, body, utcnow()))
        return r


def _own_chain(case, auth: _Signed) -> None:
    auth.enroll_key = None
    body = case.body
    if not isinstance(body, dict):
        return
    path = case.operation.path
    if path == "/v1/push" and isinstance(body.get("changes"), list):
        for c in body["changes"]:
            if isinstance(c, dict) and "device_id" in c:
                c["device_id"] = auth.device.device_id
    elif path == "/v1/enroll":
        auth.enroll_key = Ed25519PrivateKey.generate()
        raw = auth.enroll_key.public_key().public_bytes(serialization.Encoding.Raw,
                                                        serialization.PublicFormat.Raw)
        given = body.get("device_id")
        # a header carries what HTTP allows; anything else is a mismatch anyway (401)
        auth.enroll_id = (given if isinstance(given, str)
                          and re.fullmatch(r"[A-Za-z0-9-]{1,64}", given) else str(uuid.uuid4()))
        if "signing_key" in body:
            body["signing_key"] = b64encode(raw)


def _fuzz(op, mode, base_url: str, session: requests.Session, auth: _Signed,
          ran: dict[str, list[int]]) -> None:
    label = f"{op.method.upper()} {op.path} {mode.value}"

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=op.as_strategy(generation_mode=mode))
    def run(case) -> None:
        _own_chain(case, auth)
        response = case.call(base_url=base_url, session=session, verify=False, timeout=30)
        case.validate_response(response, checks=[not_a_server_error])
        assert response.status_code < 500, (label, response.text[:300])
        ran.setdefault(label, []).append(response.status_code)

    try:
        run()
    except Exception as e:  # a negative mode an operation cannot have carries nothing
        if type(e).__name__ != "Unsatisfiable":
            raise


@pytest.mark.alone
def test_no_generated_request_gets_a_server_error(server):
    warnings.filterwarnings("ignore", message="Unverified HTTPS request")
    device = enrolled(server, worker_name("fuzz"))
    schema = schemathesis.openapi.from_url(server.url + "/openapi.json", verify=False)
    session = requests.Session()
    auth = _Signed(device)
    session.auth = auth
    started = time.monotonic()
    ran: dict[str, list[int]] = {}
    operations = [r.ok() for r in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/v1/push", "/v1/pull", "/v1/enroll",
                                              "/v1/recipients", "/v1/device"}
    for op in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _fuzz(op, mode, server.url, session, auth, ran)
    # bounded by EXAMPLES per operation and mode, not by a timed assertion (a loaded
    # machine would fail it; its time is printed for whoever reads the log)
    elapsed = time.monotonic() - started
    # signed well enough to reach the handlers: valid requests were answered 200 there
    print({k: sorted(set(v)) for k, v in ran.items()}, f"{elapsed:.1f} s")
    for label in ("POST /v1/push positive", "GET /v1/pull positive",
                  "POST /v1/recipients positive", "GET /v1/device positive"):
        assert 200 in ran.get(label, []), (label, ran.get(label))
    with server.client() as c:
        assert c.get("/v1/health").status_code == 200


@pytest.fixture(autouse=True)
def _quiet_urllib3():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield
