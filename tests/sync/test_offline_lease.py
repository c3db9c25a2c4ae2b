"""The center's offline lease (issue 14) through the real commands and a real server
(SQLite and PostgreSQL): `server policy` stores it, each round delivers it into the
vault with the time of contact; the command line warns from three days before, and past
the lease opens the vault only after its own online check — which fails with the server
out of reach (the vault stays shut, one line), succeeds when it answers (the contact is
recorded), and applies a signed wipe order waiting for the laptop. The clock is moved by
storing an older last contact in the vault through its API."""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest

from desktop.syncing import lease
from desktop.vault import Vault
from tests.sync.conftest import BACKENDS, cli, served
from tests.sync.faultproxy import FaultProxy
from tests.sync.laptops import LAPTOP_PASSPHRASE, Laptop, enroll, new_laptop, server_status


@pytest.fixture(scope="module", params=BACKENDS)
def srv(request, tmp_path_factory):
    # a server of this module's own: its policy must not reach other modules' laptops
    with served(request, tmp_path_factory, "lease") as s:
        yield s


def _policy(srv, *args: str) -> dict:
    proc = cli("policy", "--data", str(srv.data), *args, "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _lease(lap: Laptop) -> lease.Lease:
    v = Vault.open(lap.home, lap.worker, LAPTOP_PASSPHRASE)
    try:
        return lease.read(v)
    finally:
        v.lock()


def _age(lap: Laptop, days: float) -> None:
    """The last contact `days` ago: what a laptop left offline that long holds."""
    v = Vault.open(lap.home, lap.worker, LAPTOP_PASSPHRASE)
    try:
        lease.set_last_contact(v, datetime.now(UTC) - timedelta(days=days))
    finally:
        v.lock()


def test_server_policy_is_stored_shown_and_checked(srv):
    assert _policy(srv) == {"offline_lease_days": None}
    assert _policy(srv, "--offline-lease-days", "14") == {"offline_lease_days": 14}
    assert _policy(srv) == {"offline_lease_days": 14}
    proc = cli("policy", "--data", str(srv.data), "--lang", "en")
    assert proc.returncode == 0 and proc.stdout.startswith("offline-lease: 14 days")
    for bad in ("0", "-3", "soon", "99999"):
        proc = cli("policy", "--data", str(srv.data), "--offline-lease-days", bad,
                   "--lang", "en")
        assert proc.returncode == 1, proc.stdout
        assert proc.stderr.strip() == "--offline-lease-days: 1 to 3650 days, or off"
    assert _policy(srv, "--offline-lease-days", "off") == {"offline_lease_days": None}


def test_the_lease_warns_then_needs_an_online_check(srv, tmp_path):
    _policy(srv, "--offline-lease-days", "10")
    port = urlsplit(srv.url).port
    assert port
    with FaultProxy("127.0.0.1", port) as proxy:
        lap = new_laptop(tmp_path, "l", "이하람")
        enroll(srv, lap, url=proxy.url_for())
        rid = lap.put(tmp_path, "companion_session", {
            "date": "2026-12-06", "start_time": "14:00", "end_time": "15:00",
            "place_type": "police", "place": "경찰서", "purpose": ["victim_interview"],
            "workers": [{"name": "활동가", "role": "lead"}], "what_happened": "오프라인 임대 정책 시험 기록",
            "victim_condition": "anxious", "outcome": "completed"}, case="LHR-2026-0001")
        lap.json("sync")
        held = _lease(lap)
        assert held.days == 10 and held.state() == "ok"
        assert held.last_contact is not None
        assert datetime.now(UTC) - held.last_contact < timedelta(minutes=5)

        # eight days without contact: every command says so, and works
        _age(lap, 8)
        r = lap.run("--lang", "en", "record", "show", rid, "--json")
        assert r.code == 0, r.err
        assert ("the center's policy: connect within 2 day(s) or this laptop will need an "
                "online check to open") in r.err

        # past the lease and the server out of reach: the vault stays shut
        _age(lap, 11)
        proxy.refuse = True
        r = lap.run("--lang", "en", "record", "show", rid, "--json")
        assert r.code != 0 and r.out == ""
        (line,) = r.err.strip().splitlines()
        assert line.startswith("the center's policy: this laptop has not reached the server "
                               "for over 10 days and opens only after an online check")
        assert "supervisor's recovery does not exist yet" in line
        assert _lease(lap).state() == "expired"   # nothing recorded

        # the server answers: the command's own check lets it open, the contact is kept
        proxy.refuse = False
        shown = lap.json("record", "show", rid)
        assert shown["id"] == rid
        after = _lease(lap)
        assert after.state() == "ok" and after.last_contact is not None
        assert datetime.now(UTC) - after.last_contact < timedelta(minutes=5)

        # the center turns the policy off: the next round says so, no lease any more
        _policy(srv, "--offline-lease-days", "off")
        lap.json("sync")
        _age(lap, 400)
        proxy.refuse = True
        assert lap.json("record", "show", rid)["id"] == rid
        assert _lease(lap).state() == "off"


def test_a_wipe_order_waiting_at_the_online_check_wipes(srv, tmp_path):
    from desktop.vault.layout import paths_for

    _policy(srv, "--offline-lease-days", "5")
    lap = new_laptop(tmp_path, "w", "왕서윤")
    enroll(srv, lap)
    lap.json("sync")
    (device,) = [d for d in server_status(srv)["devices"] if d["worker"] == lap.worker]
    pw = srv.data.parent / "passphrase"
    proc = cli("revoke", "--data", str(srv.data), "--device", device["id"], "--mode", "lost",
               "--org-key", str(srv.keydir / "signing.key"), "--passphrase-file", str(pw))
    assert proc.returncode == 0, proc.stderr
    _age(lap, 6)
    folder = paths_for(lap.home, lap.worker).folder
    assert folder.exists()
    r = lap.run("--lang", "en", "record", "list", "--json")
    assert r.code != 0
    assert r.err.strip() == "this laptop's vault was wiped on the center's order"
    assert not folder.exists()
    _policy(srv, "--offline-lease-days", "off")
