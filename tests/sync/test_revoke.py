"""Revocation and wipe orders end to end (SQLite and PostgreSQL), through the real
commands: `server revoke` with and without the organisation's signing key, laptops
syncing with `donghaeng sync`. A retiring laptop sends what it has, then is blocked; a
lost one is refused and what it sends is quarantined; a wipe order signed with the
organisation's key destroys the vault (keys first), and the server records the laptop's
signed receipt; an order the organisation did not sign, or a plain refusal, deletes
nothing."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from desktop.vault.layout import paths_for
from sync.protocol import b64encode, utc_text, wipe_order_text
from sync.protocol.orders import wipe_receipt_text
from sync.protocol.signing import verify_signature
from sync.server import identity, orgkeys
from sync.server.models import Device, WipeOrderRow
from tests.sync.conftest import BACKENDS, PASSPHRASE, cli, served
from tests.sync.laptops import Laptop, enroll, new_laptop, server_status
from tests.sync.servers import db, set_state

WIPED = "this laptop's vault was wiped on the center's order"
NOT_ALLOWED = "not allowed to sync; ask the center"


@pytest.fixture(scope="module", params=BACKENDS)
def srv(request, tmp_path_factory):
    with served(request, tmp_path_factory, "revoke") as s:
        yield s


def _record(lap: Laptop, tmp: Path, n: int) -> str:
    return lap.put(tmp, "companion_session", {
        "date": "2026-12-06", "start_time": "14:00", "end_time": "16:30",
        "place_type": "police", "place": f"경찰서 {n}", "purpose": ["victim_interview"],
        "workers": [{"name": "활동가 이예시", "role": "lead"}],
        "what_happened": f"동행 기록 {n}번입니다", "victim_condition": "anxious",
        "outcome": "completed"}, case="REV-2026-0001")


def _laptop(srv, tmp: Path, name: str) -> tuple[Laptop, str]:
    """An enrolled laptop of a worker of its own, synced once with one record."""
    worker = f"{name}-{uuid.uuid4().hex[:6]}"
    lap = new_laptop(tmp, name, worker)
    _record(lap, tmp, 1)
    enroll(srv, lap)
    assert lap.json("sync", "--lang", "en")["pending_changes"] == 0
    return lap, _device(srv, worker)["id"]


def _device(srv, worker: str) -> dict:
    (d,) = [d for d in server_status(srv)["devices"] if d["worker"] == worker]
    return d


def _revoke(srv, device_id: str, mode: str, key: bool = False, lang: str = "en"):
    args = ["revoke", "--data", str(srv.data), "--device", device_id, "--mode", mode,
            "--lang", lang]
    if key:
        args += ["--org-key", str(srv.keydir / "signing.key"), "--passphrase-file",
                 str(srv.data.parent / "passphrase")]
    proc = cli(*args)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _sync_fails(lap: Laptop):
    r = lap.run("sync", "--lang", "en")
    assert r.code == 1, (r.out, r.err)
    last = r.err.strip().splitlines()[-1]
    assert "Traceback" not in r.err and len(last) < 300
    return last


def _intact(lap: Laptop, records: int) -> None:
    assert paths_for(lap.home, lap.worker).keyslots.is_file()
    assert len(lap.json("record", "list")) == records


def _gone(lap: Laptop) -> None:
    folder = paths_for(lap.home, lap.worker).folder
    assert not folder.exists()
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".wiped-")]
    r = lap.run("record", "list")
    assert r.code != 0 and "Traceback" not in r.err


def _receipt_verifies(srv, device_id: str) -> bool:
    with db(srv) as s:
        row = s.execute(select(WipeOrderRow).where(WipeOrderRow.device_id == device_id)
                        ).scalar_one()
        device = s.get(Device, device_id)
        assert device is not None and row.receipt_signature is not None
        epoch = identity.existing_epoch(s)
        assert epoch is not None and row.wiped_at is not None
        return verify_signature(device.signing_key, b64encode(row.receipt_signature),
                                wipe_receipt_text(epoch, device_id, row.order_id,
                                                  row.wiped_at))


def test_retire_without_key_sends_the_rest_then_blocks_and_wipes_nothing(srv, tmp_path):
    lap, dev = _laptop(srv, tmp_path, "r1")
    _record(lap, tmp_path, 2)
    out = _revoke(srv, dev, "retire")
    assert "state: retiring" in out and "wipe-order" not in out
    assert _device(srv, lap.worker)["state"] == "retiring"
    done = lap.json("sync", "--lang", "en")  # its last changes go, then it is retired
    assert done["pushed"] >= 1 and done["pending_changes"] == 0
    d = _device(srv, lap.worker)
    assert d["state"] == "retired" and d["changes"] == d["seq"] and d["wipe"] is None
    before = server_status(srv)["quarantined"]
    _record(lap, tmp_path, 3)
    assert NOT_ALLOWED in _sync_fails(lap)
    _intact(lap, 3)
    # a retired laptop's late pushes are refused, not expected, not quarantined
    assert server_status(srv)["quarantined"] == before
    assert _device(srv, lap.worker)["seq"] == d["seq"]


def test_retire_with_key_wipes_once_the_outbox_is_empty(srv, tmp_path):
    lap, dev = _laptop(srv, tmp_path, "r2")
    _record(lap, tmp_path, 2)
    out = _revoke(srv, dev, "retire", key=True)
    assert "state: retiring" in out and "wipe-order: " in out
    assert _device(srv, lap.worker)["wipe"] == "queued"  # not handed out while retiring
    seq_before = _device(srv, lap.worker)["seq"]
    assert _sync_fails(lap) == WIPED
    _gone(lap)
    d = _device(srv, lap.worker)
    # the unsent record arrived before the wipe
    assert d["seq"] > seq_before and d["changes"] == d["seq"]
    assert d["state"] == "wiped" and d["wipe"] == "confirmed"
    assert _receipt_verifies(srv, dev)


def test_lost_without_key_refuses_and_quarantines_and_wipes_nothing(srv, tmp_path):
    lap, dev = _laptop(srv, tmp_path, "l1")
    _record(lap, tmp_path, 2)
    out = _revoke(srv, dev, "lost", lang="ko")
    assert "state: revoked_lost" in out and "분실" in out
    before = server_status(srv)
    seq = _device(srv, lap.worker)["seq"]
    assert NOT_ALLOWED in _sync_fails(lap)
    after = server_status(srv)
    assert after["quarantined"] > before["quarantined"]
    assert after["changes"] == before["changes"]
    assert _device(srv, lap.worker)["seq"] == seq
    _intact(lap, 2)
    # again: refused again, the same bytes are not quarantined twice
    assert NOT_ALLOWED in _sync_fails(lap)
    assert server_status(srv)["quarantined"] == after["quarantined"]


def test_a_lost_laptop_found_again_comes_back_as_a_new_device(srv, tmp_path):
    """A revocation is final (docs/operations.md, "A laptop found again"): the found
    laptop's vault is backed up, restored into a new home and enrolled as a new device;
    what the lost device could not send arrives then, once, in the old device's chain,
    and the revoked device stays blocked."""
    lap, dev = _laptop(srv, tmp_path, "f1")
    rid = _record(lap, tmp_path, 2)
    _revoke(srv, dev, "lost")
    assert NOT_ALLOWED in _sync_fails(lap)  # its record 2 is quarantined, not stored
    seq = _device(srv, lap.worker)["seq"]
    backup = tmp_path / "found.dhbk"
    lap.ok("vault", "backup", "--out", str(backup))
    found = Laptop(tmp_path / "found-home", lap.worker)
    found.ok("vault", "restore", str(backup))
    enroll(srv, found)
    summary = found.json("sync", "--lang", "en")
    assert summary["pending_changes"] == 0, summary
    devices = {d["id"]: d for d in server_status(srv)["devices"]
               if d["worker"] == lap.worker}
    assert len(devices) == 2 and devices[dev]["state"] == "revoked_lost"
    old = devices[dev]
    assert old["seq"] > seq and old["changes"] == old["seq"]  # record 2, stored once
    (new,) = [d for d in devices.values() if d["id"] != dev]
    assert new["state"] == "active"
    assert rid in {r["id"] for r in found.json("record", "list")}
    assert NOT_ALLOWED in _sync_fails(lap)  # the old laptop's vault is still refused


def test_lost_with_key_wipes_at_the_next_sync(srv, tmp_path):
    lap, dev = _laptop(srv, tmp_path, "l2")
    _record(lap, tmp_path, 2)
    before = server_status(srv)["quarantined"]
    assert "wipe-order: " in _revoke(srv, dev, "lost", key=True)
    assert _sync_fails(lap) == WIPED
    _gone(lap)
    # what it still had was pushed first: kept (sealed to the organisation) in quarantine
    assert server_status(srv)["quarantined"] > before
    d = _device(srv, lap.worker)
    assert d["state"] == "wiped" and d["wipe"] == "confirmed"
    assert _receipt_verifies(srv, dev)
    # a wiped device is refused everywhere, its order included
    r = cli("revoke", "--data", str(srv.data), "--device", dev, "--mode", "lost",
            "--lang", "en")
    assert r.returncode == 1 and "already wiped" in r.stderr


def _forge(srv, device_id: str, text: bytes, sign) -> None:
    now = datetime.now(UTC)
    with db(srv, write=True) as s:
        kid = identity.load(s).signing_key.key_id
        for old in s.execute(select(WipeOrderRow).where(WipeOrderRow.device_id == device_id)
                             ).scalars():
            s.delete(old)
        s.flush()
        order_id = text.decode().split("\n")[4]
        s.add(WipeOrderRow(order_id=order_id, device_id=device_id, mode="lost",
                           issued_at=now, issued_text=text.decode().split("\n")[5],
                           key_id=kid, signature=sign(text)))


def test_an_order_the_organisation_did_not_sign_wipes_nothing(srv, tmp_path):
    lap, dev = _laptop(srv, tmp_path, "f1")
    _revoke(srv, dev, "lost")  # a breached server can block a laptop, and try more
    with db(srv) as s:
        epoch = identity.load(s).epoch
    org = orgkeys.load(srv.keydir / "signing.key", PASSPHRASE, "signing").private
    other = Ed25519PrivateKey.generate()
    now = utc_text(datetime.now(UTC))

    def text(epoch: str = epoch, device: str = dev) -> bytes:
        return wipe_order_text(epoch, device, "lost", str(uuid.uuid4()), now)

    forged = [
        (text(), other.sign),                           # another key
        (text(device=str(uuid.uuid4())), org.sign),     # the real key, another device
        (text(epoch=str(uuid.uuid4())), org.sign),      # the real key, another server
    ]
    for signed, sign in forged:
        _forge(srv, dev, signed, sign)
        last = _sync_fails(lap)
        assert NOT_ALLOWED in last and "nothing was deleted" in last
        _intact(lap, 1)
    assert _device(srv, lap.worker)["state"] == "revoked_lost"


def test_a_plain_refusal_wipes_nothing(srv, tmp_path):
    lap, dev = _laptop(srv, tmp_path, "p1")
    set_state(srv, dev, "wiped")  # refused on every route, its status included
    last = _sync_fails(lap)
    assert NOT_ALLOWED in last
    _intact(lap, 1)


def test_revoke_errors_are_one_line(srv, tmp_path):
    lap, dev = _laptop(srv, tmp_path, "e1")
    cases = [
        (["--device", "not-a-uuid", "--mode", "lost"], "not a device id"),
        (["--device", str(uuid.uuid4()), "--mode", "lost"], "no such enrolled device"),
        (["--device", dev, "--mode", "retire", "--org-key", str(tmp_path / "nope.key"),
          "--passphrase-file", str(srv.data.parent / "passphrase")], "no such file"),
        (["--device", dev, "--mode", "retire", "--org-key",
          str(srv.keydir / "sealing.key"), "--passphrase-file",
          str(srv.data.parent / "passphrase")], "not a signing key"),
    ]
    for args, expected in cases:
        r = cli("revoke", "--data", str(srv.data), "--lang", "en", *args)
        assert r.returncode == 1 and expected in r.stderr, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1
    assert _device(srv, lap.worker)["state"] == "active"
    _revoke(srv, dev, "lost")
    r = cli("revoke", "--data", str(srv.data), "--lang", "en", "--device", dev,
            "--mode", "retire")
    assert r.returncode == 1 and "already revoked as lost" in r.stderr
