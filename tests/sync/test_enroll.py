"""POST /v1/enroll and GET /v1/device against a real server: a one-time code registers a
device signed by the key it registers, once; what the answer carries; what the server
then tells the device about itself."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.protocol import DeviceStatus, EnrollResponse, b64decode, from_json
from sync.protocol.signing import device_fingerprint
from sync.server.models import utcnow
from tests.sync.device import Device, enrolled, issue_code
from tests.sync.servers import (
    one_line_error,
    routes_server,  # noqa: F401 - the `server` of this module
    set_state,
    status,
    worker_name,
)


def test_enrollment_answers_what_a_laptop_needs(server):
    worker = worker_name()
    d = Device(server, worker)
    resp = d.enroll(issue_code(server, worker, "worker", team="east"))
    info = d.info()
    assert (resp.device_id, resp.worker, resp.team, resp.role) == (d.device_id, worker,
                                                                   "east", "worker")
    assert resp.fingerprint == device_fingerprint(d.signing_raw, d.sealing_raw)
    assert resp.server_epoch == info.server_epoch
    assert (resp.sealing_key, resp.signing_key) == (info.sealing_key, info.signing_key)
    assert len(b64decode(resp.routing_key)) == 32
    # one routing key for the organisation: every device derives the same case tokens
    assert enrolled(server, worker_name()).enrolled.routing_key == resp.routing_key
    (row,) = [x for x in status(server)["devices"] if x["id"] == d.device_id]
    assert (row["worker"], row["team"], row["state"], row["fingerprint"]) == (
        worker, "east", "active", resp.fingerprint)


def test_a_code_enrolls_once_and_only_while_valid(server):
    worker = worker_name()
    code = issue_code(server, worker)
    enrolled_first = Device(server, worker)
    enrolled_first.enroll(code)
    second = Device(server, worker)
    err = one_line_error(second.request("POST", "/v1/enroll", second.enroll_request(code)),
                         403)
    assert "already used" in err.message
    old = issue_code(server, worker, now=utcnow() - timedelta(hours=25))
    err = one_line_error(second.request("POST", "/v1/enroll", second.enroll_request(old)),
                         403)
    assert "expired" in err.message
    err = one_line_error(second.request("POST", "/v1/enroll",
                                        second.enroll_request("ABCD-EFGH-JKLM")), 403)
    assert "unknown" in err.message
    assert second.device_id not in {x["id"] for x in status(server)["devices"]}


def test_the_request_must_be_signed_by_the_key_it_registers(server):
    worker = worker_name()
    d = Device(server, worker)
    code = issue_code(server, worker)
    body = d.enroll_request(code)
    one_line_error(d.request("POST", "/v1/enroll", body,
                             signer=Ed25519PrivateKey.generate()), 401)
    other = Device(server, worker)  # the header names another device than the body
    one_line_error(other.request("POST", "/v1/enroll", body, signer=d.signing), 401)
    d.enroll(code)  # the code was not used up by the refused attempts


def test_a_device_or_key_enrolls_once(server):
    worker = worker_name()
    d = enrolled(server, worker)
    err = one_line_error(d.request("POST", "/v1/enroll",
                                   d.enroll_request(issue_code(server, worker))), 409)
    assert "already enrolled" in err.message
    twin = Device(server, worker, signing=d.signing)  # the same key under a new id
    one_line_error(twin.request("POST", "/v1/enroll",
                                twin.enroll_request(issue_code(server, worker))), 409)


def test_two_devices_racing_for_one_code(server):
    worker = worker_name()
    code = issue_code(server, worker)
    devices = [Device(server, worker) for _ in range(4)]
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(
            lambda d: d.request("POST", "/v1/enroll", d.enroll_request(code)), devices))
    codes = sorted(r.status_code for r in answers)
    assert codes == [200, 403, 403, 403], [r.text for r in answers]
    winner = from_json(EnrollResponse, next(r for r in answers if r.status_code == 200)
                       .content)
    ids = {x["id"] for x in status(server)["devices"]}
    assert winner.device_id in ids
    assert sum(d.device_id in ids for d in devices) == 1


def test_the_device_route_reports_mark_sequence_and_state(server):
    d = enrolled(server, worker_name())

    def device_status() -> DeviceStatus:
        r = d.request("GET", "/v1/device")
        assert r.status_code == 200, r.text
        return from_json(DeviceStatus, r.content)

    first = device_status()
    assert (first.device_id, first.high_water, first.state) == (d.device_id, 0, "active")
    assert first.server_epoch == d.info().server_epoch
    receipts = d.push([d.change() for _ in range(3)]).receipts
    now = device_status()
    assert now.high_water == 3 and now.server_seq >= receipts[-1].server_seq
    set_state(server, d.device_id, "retiring")
    assert device_status().state == "retiring"
    set_state(server, d.device_id, "wiped")
    one_line_error(d.request("GET", "/v1/device"), 403)
