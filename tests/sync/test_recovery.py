"""Issue 15, recovery: a worker forgets the passphrase; a supervisor resets it on the laptop
with `KEYDIR/recovery.key` from `server init` (`donghaeng vault recover`). Through the real
command against a real server (SQLite and PostgreSQL): the slot arrives at enrollment
(the vault was made before it), every record is intact afterwards, the next sync reports
the reset to the center, and every wrong key is refused with nothing on disk changed."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import delete

from crypto.kdf import CHEAP
from crypto.keyslots import KeyslotFile
from sync.server import identity, orgkeys
from sync.server.files import write_new
from sync.server.models import OrgKey
from tests.e2e.cli_helpers import assert_clean_failure, snapshot
from tests.sync.conftest import BACKENDS, PASSPHRASE, cli, init_server, new_database
from tests.sync.laptops import LAPTOP_PASSPHRASE, Laptop, enroll, new_laptop
from tests.sync.servers import (
    db,
    device_status,
    routes_server,  # noqa: F401 - the `server` of this module (conftest's must stay empty)
    status,
)

NEW_PASSPHRASE = "새 봄 새 암호로 다시 시작 2026!"


def _slots(lap: Laptop) -> KeyslotFile:
    (path,) = lap.home.glob("vaults/*/keyslots.json")
    return KeyslotFile.parse(path.read_bytes())


def _recover(lap: Laptop, key, key_pass_file, *extra: str, new: str = NEW_PASSPHRASE,
             lang: str = "en"):
    # no vault passphrase: the worker forgot it (DONGHAENG_PASSPHRASE is not set)
    from tests.e2e.cli_helpers import run_cli

    return run_cli("vault", "recover", "--recovery-key", key, "--key-passphrase-file",
                   key_pass_file, "--worker", lap.worker, "--lang", lang, *extra,
                   home=lap.home, env={"DONGHAENG_NEW_PASSPHRASE": new}, timeout=180)


def _records(lap: Laptop, passphrase: str) -> list:
    from tests.e2e.cli_helpers import run_cli

    r = run_cli("record", "list", "--json", home=lap.home, passphrase=passphrase)
    assert r.code == 0, r.err
    shown = [json.loads(run_cli("record", "show", x["id"], "--json", home=lap.home,
                                passphrase=passphrase).out) for x in json.loads(r.out)]
    return sorted(shown, key=lambda x: x["id"])


def test_forgotten_passphrase_reset_with_the_recovery_key(server, tmp_path):
    lap = new_laptop(tmp_path, "laptop", "복구 테스트 활동가")
    intake = json.loads(lap.ok("forms", "example", "intake", "--json"))
    cases = [lap.put(tmp_path, "intake", intake,
                     case=f"REC-{i:03d}") for i in range(3)]
    lap.put(tmp_path, "outreach_contact",
            json.loads(lap.ok("forms", "example", "outreach_contact", "--json")))
    assert _slots(lap).of_type("recovery") == []  # made before enrollment: no slot yet

    enroll(server, lap)
    (slot,) = _slots(lap).of_type("recovery")
    recovery_doc = json.loads((server.keydir / "recovery.key").read_text("utf-8"))
    assert slot["recovery_key_id"] == recovery_doc["key_id"]
    assert "passphrase recovered" not in cli("status", "--data", str(server.data)).stdout
    lap.json("sync")
    before = _records(lap, LAPTOP_PASSPHRASE)  # values, versions, sync marks
    assert len(before) == 4 and len(cases) == 3

    pw = tmp_path / "key-passphrase"
    pw.write_text(PASSPHRASE + "\n", encoding="utf-8")
    wrong_pw = tmp_path / "wrong-passphrase"
    wrong_pw.write_text("not the key's passphrase\n", encoding="utf-8")
    other = orgkeys.generate("recovery")  # another organisation's recovery.key
    other_key = tmp_path / "other-org" / "recovery.key"
    other_key.parent.mkdir()
    write_new(other_key, orgkeys.key_file_bytes(other, PASSPHRASE, CHEAP, "다른 센터"))
    folder = lap.home / "vaults"
    untouched = snapshot(folder)
    refusals = {
        "sealing": (server.keydir / "sealing.key", pw, "a sealing key, not the recovery key"),
        "signing": (server.keydir / "signing.key", pw, "a signing key, not the recovery key"),
        "other": (other_key, pw, "does not open this vault"),
        "passphrase": (server.keydir / "recovery.key", wrong_pw, "wrong passphrase"),
    }
    for name, (key, key_pw, words) in refusals.items():
        r = _recover(lap, key, key_pw)
        assert_clean_failure(r)
        assert words in r.err and len(r.err.strip().splitlines()) == 1, (name, r.err)
        assert snapshot(folder) == untouched, f"{name}: a refused recovery changed a file"
    ko = _recover(lap, server.keydir / "sealing.key", pw, lang="ko")
    assert_clean_failure(ko)
    assert "복구 키가 아니라 sealing 키입니다" in ko.err
    # the new passphrase must meet the rules before anything is written
    weak = _recover(lap, server.keydir / "recovery.key", pw, new="short")
    assert_clean_failure(weak)
    assert snapshot(folder) == untouched

    ok = _recover(lap, server.keydir / "recovery.key", pw)
    assert ok.code == 0, ok.err
    assert "passphrase reset with the recovery key" in ok.out
    old = lap.run("record", "list", "--json")  # LAPTOP_PASSPHRASE: forgotten, now wrong
    assert_clean_failure(old)
    assert _records(lap, NEW_PASSPHRASE) == before
    (kept,) = _slots(lap).of_type("recovery")
    assert kept == slot  # the recovery slot survives the reset
    from tests.e2e.cli_helpers import run_cli

    audit = run_cli("audit", "verify", home=lap.home, passphrase=NEW_PASSPHRASE)
    assert audit.code == 0, audit.err

    # the next sync tells the center
    r = run_cli("sync", "--json", home=lap.home, passphrase=NEW_PASSPHRASE)
    assert r.code == 0, r.err
    (device_id,) = [d["id"] for d in status(server)["devices"] if d["worker"] == lap.worker]
    report = device_status(server, device_id)["report"]
    assert report["passphrase_recovered"].endswith("Z")
    shown = cli("status", "--data", str(server.data)).stdout
    (line,) = [x for x in shown.splitlines() if device_id in x]
    assert f"(passphrase recovered {report['passphrase_recovered']})" in line


def test_a_vault_without_a_recovery_slot_is_refused_and_unchanged(server, tmp_path):
    lap = new_laptop(tmp_path, "never-enrolled", "등록 안 한 활동가")
    pw = tmp_path / "key-passphrase"
    pw.write_text(PASSPHRASE + "\n", encoding="utf-8")
    untouched = snapshot(lap.home)
    r = _recover(lap, server.keydir / "recovery.key", pw)
    assert_clean_failure(r)
    assert "no organisation recovery slot" in r.err
    assert snapshot(lap.home) == untouched


@pytest.fixture(params=BACKENDS)
def older_server(request, tmp_path):
    """A server as `server init` made them before the recovery key: no recovery row (the
    key file it never wrote is removed too). Not running: the commands work on its data."""
    (tmp_path / "older").mkdir()
    srv = init_server(tmp_path / "older", new_database(request, request.param))
    with db(srv, write=True) as session:
        session.execute(delete(OrgKey).where(OrgKey.purpose == "recovery"))
    (srv.keydir / "recovery.key").unlink()
    return srv


def test_an_older_server_gets_a_recovery_key_once(older_server, tmp_path):
    srv = older_server
    pw = tmp_path / "key-passphrase"
    pw.write_text(PASSPHRASE + "\n", encoding="utf-8")
    with db(srv) as session:
        assert identity.load(session).recovery_key is None
    inside = cli("keys", "add-recovery", "--data", str(srv.data), "--keys-out",
                 str(srv.data / "keys"), "--passphrase-file", str(pw), "--lang", "en")
    assert inside.returncode == 1 and "outside the server's data folder" in inside.stderr
    keydir2 = tmp_path / "keydir2"
    made = cli("keys", "add-recovery", "--data", str(srv.data), "--keys-out", str(keydir2),
               "--passphrase-file", str(pw))
    assert made.returncode == 0, made.stderr
    pair = orgkeys.load(keydir2 / "recovery.key", PASSPHRASE, "recovery")
    assert f"recovery-key: {keydir2 / 'recovery.key'} (id {pair.public.key_id})" in made.stdout
    with db(srv) as session:
        assert identity.load(session).recovery_key == pair.public  # what enrollment sends
    again = cli("keys", "add-recovery", "--data", str(srv.data), "--keys-out",
                str(tmp_path / "keydir3"), "--passphrase-file", str(pw), "--lang", "en")
    assert again.returncode == 1
    assert again.stderr.strip() == (f"this server already has a recovery key (id "
                                    f"{pair.public.key_id})")
    assert not (tmp_path / "keydir3").exists()
