"""Creating, opening and locking vaults; names, modes, wrong passphrases, damaged files."""
from __future__ import annotations

import ctypes
import os
import resource
import stat
import time

import pytest
from vault_kit import PASS, WORKER, snapshot

from crypto.kdf import CHEAP, Argon2Params, derive, time_derivation
from crypto.keyslots import KeyslotFile
from desktop.vault import (
    InvalidWorkerName,
    Throttled,
    UnknownWorker,
    Vault,
    VaultCorrupt,
    VaultError,
    VaultExists,
    VaultLocked,
    WrongPassphrase,
)
from desktop.vault import unlock_failures as uf
from desktop.vault.names import safe_id


def test_create_open_roundtrip_and_layout(home):
    v = Vault.create(home, WORKER, PASS, kdf=CHEAP)
    rid = v.put_record("intake", 1, {"memo": "첫 기록"}, case_code="C-1").id
    folder = v.paths.folder
    v.lock()
    assert folder.parent == home / "vaults" and folder.name == safe_id(WORKER)
    assert WORKER.encode() not in folder.name.encode()
    assert {p.name for p in folder.iterdir()} == {
        "vault.db", "keyslots.json", "worker.json", "audit-head", "failed-unlocks", "lock",
        "attachments"}
    for p in [home / "vaults", *folder.rglob("*"), folder]:
        mode = stat.S_IMODE(p.stat().st_mode)
        assert mode == (0o700 if p.is_dir() else 0o600), (p, oct(mode))
    with Vault.open(home, WORKER, PASS) as v2:
        assert v2.get_record(rid).values == {"memo": "첫 기록"}
        assert v2.worker == WORKER
    assert Vault.list_workers(home) == [WORKER]


def test_wal_files_are_private_while_open(vault):
    vault.put_record("intake", 1, {"x": "y"})
    for name in ("vault.db-wal", "vault.db-shm"):
        p = vault.paths.folder / name
        assert p.exists() and stat.S_IMODE(p.stat().st_mode) == 0o600


def test_several_workers_korean_names_and_picker(home):
    names = ["김동행", "이수진", "Kim Ji-won", "현장 활동가"]
    for n in names:
        Vault.create(home, n, PASS + n, kdf=CHEAP).lock()
    assert Vault.list_workers(home) == sorted(names)
    with pytest.raises(WrongPassphrase):  # nobody opens another worker's vault
        Vault.open(home, "이수진", PASS + "김동행")
    with Vault.open(home, "이수진", PASS + "이수진") as v:
        assert v.list_records() == []
    with pytest.raises(VaultExists):
        Vault.create(home, "김동행", "other", kdf=CHEAP)
    with pytest.raises(VaultExists):  # case-folded: "kim ji-won" is the same worker
        Vault.create(home, "kim ji-won", "other", kdf=CHEAP)


@pytest.mark.parametrize("name", [
    "", "   ", "../../etc", "..", "a/b", "a\\b", "nul\x00byte", "tab\tname", "new\nline",
    "zero\u200bwidth", "x" * 65, ".hidden", "a..b"])
def test_names_that_could_escape_are_refused(home, name):
    with pytest.raises(InvalidWorkerName):
        Vault.create(home, name, PASS, kdf=CHEAP)
    with pytest.raises(InvalidWorkerName):
        Vault.open(home, name, PASS)
    assert not any(home.iterdir()) or list(home.iterdir()) == [home / "vaults"]
    assert not any((home / "vaults").glob("*")) if (home / "vaults").exists() else True


def test_unknown_worker_changes_nothing(vault, home):
    vault.lock()
    before = snapshot(home)
    with pytest.raises(UnknownWorker) as exc:
        Vault.open(home, "없는 사람", PASS)
    assert "없는 사람" in exc.value.message("ko") and "unknown worker" in exc.value.message("en")
    assert snapshot(home) == before
    with pytest.raises(UnknownWorker):
        Vault.open(home / "elsewhere", WORKER, PASS)
    assert not (home / "elsewhere").exists()


def test_wrong_passphrase_fast_identical_files_and_counted(vault, home):
    vault.lock()
    before = snapshot(home)
    t0 = time.perf_counter()
    with pytest.raises(WrongPassphrase) as exc:
        Vault.open(home, WORKER, "틀린 암호")
    kdf_time = time_derivation(CHEAP)
    assert time.perf_counter() - t0 < kdf_time + 1.0
    assert exc.value.message("en") == "wrong passphrase" and exc.value.message("ko")
    after = snapshot(home)
    changed = {k for k in before if before[k] != after[k]} | (set(after) - set(before))
    assert changed == {f"vaults/{safe_id(WORKER)}/failed-unlocks"}
    assert len(uf.read(vault.paths.failed)) == 1


def test_failures_fold_into_audit_at_next_unlock_then_clear(vault, home):
    vault.lock()
    for _ in range(3):
        with pytest.raises(WrongPassphrase):
            Vault.open(home, WORKER, "nope")
    stamps = uf.read(vault.paths.failed)
    assert len(stamps) == 3
    assert all(c.isdigit() or c in "-:T.+Z" for c in "".join(stamps))  # timestamps only
    with Vault.open(home, WORKER, PASS) as v:
        failed = [e for e in v.audit_entries() if e.action == "failed_unlock"]
        assert [e.at for e in failed] == stamps
        assert v.verify_audit() == []
    assert uf.read(vault.paths.failed) == []
    with Vault.open(home, WORKER, PASS) as v:  # folded once, not again
        assert len([e for e in v.audit_entries() if e.action == "failed_unlock"]) == 3


def test_throttle_after_five_failures_in_a_row(vault, home):
    vault.lock()
    for _ in range(uf.FREE_ATTEMPTS):
        with pytest.raises(WrongPassphrase):
            Vault.open(home, WORKER, "nope")
    before = snapshot(home)
    with pytest.raises(Throttled) as exc:
        Vault.open(home, WORKER, PASS)  # even the right passphrase waits
    assert exc.value.seconds == pytest.approx(uf.BASE_DELAY, abs=2)
    assert snapshot(home) == before  # a throttled attempt is not counted
    # Age the failures past the delay: the next attempts work and the delay grows.
    old = "2000-01-01T00:00:00.000+00:00\n" * uf.FREE_ATTEMPTS
    vault.paths.failed.write_text(old)
    with pytest.raises(WrongPassphrase):
        Vault.open(home, WORKER, "nope")
    with pytest.raises(Throttled) as exc:
        Vault.open(home, WORKER, PASS)
    assert exc.value.seconds > uf.BASE_DELAY * 1.5
    assert uf.delay_for(40) == uf.MAX_DELAY
    vault.paths.failed.write_text(old)
    with Vault.open(home, WORKER, PASS) as v:
        assert len([e for e in v.audit_entries() if e.action == "failed_unlock"]) == 5
    assert uf.read(vault.paths.failed) == []


def test_locked_vault_refuses_everything_and_wipes_keys(vault):
    key, head_key = vault._store.key, vault._store.head_key
    vault.lock()
    assert key.wiped and head_key.wiped and not vault.is_open
    vault.lock()  # twice is fine
    for call in (lambda: vault.list_records(), lambda: vault.put_record("intake", 1, {}),
                 lambda: vault.search("x"), lambda: vault.check()):
        with pytest.raises(VaultLocked):
            call()


def test_lock_and_unlock_are_audited(vault, home):
    vault.lock()
    with Vault.open(home, WORKER, PASS) as v:
        actions = [e.action for e in v.audit_entries()]
    assert actions == ["create", "unlock", "lock", "unlock"]


def test_core_dumps_disabled_once_a_vault_is_open(vault):
    assert resource.getrlimit(resource.RLIMIT_CORE) == (0, 0)
    libc = ctypes.CDLL(None)
    assert libc.prctl(3, 0, 0, 0, 0) == 0  # PR_GET_DUMPABLE


def test_missing_or_damaged_keyslots(vault, home):
    vault.lock()
    slots = vault.paths.keyslots
    good = slots.read_bytes()
    slots.unlink()
    before = snapshot(home)
    with pytest.raises(VaultCorrupt) as exc:
        Vault.open(home, WORKER, PASS)
    assert "keyslots.json" in exc.value.message("en")
    assert snapshot(home) == before
    slots.write_bytes(good[: len(good) // 2])
    with pytest.raises(VaultCorrupt):
        Vault.open(home, WORKER, PASS)
    slots.write_bytes(good)
    Vault.open(home, WORKER, PASS).lock()


@pytest.mark.parametrize("damage", ["truncate_half", "truncate_page", "zero_header", "empty",
                                    "garbage", "missing"])
def test_damaged_database_is_reported_and_left_alone(home, damage):
    v = Vault.create(home, WORKER, PASS, kdf=CHEAP)
    for i in range(60):
        v.put_record("intake", 1, {"memo": "내용 " * 50 + str(i)}, case_code=f"C-{i}")
    db = v.paths.db
    v.lock()
    data = db.read_bytes()
    assert len(data) > 8 * 4096
    if damage == "truncate_half":
        db.write_bytes(data[: len(data) // 2 + 100])
    elif damage == "truncate_page":
        db.write_bytes(data[: len(data) - 4 * 4096])
    elif damage == "zero_header":
        db.write_bytes(data[:16] + bytes(4080) + data[4096:])
    elif damage == "empty":
        db.write_bytes(b"")
    elif damage == "garbage":
        db.write_bytes(os.urandom(len(data)))
    else:
        db.unlink()
    before = snapshot(home)
    with pytest.raises(VaultCorrupt) as exc:
        Vault.open(home, WORKER, PASS)
    assert "Traceback" not in exc.value.message("en")
    assert snapshot(home) == before


def test_passphrase_change_rewraps_only_the_key(vault, home):
    rid = vault.put_record("intake", 1, {"memo": "유지"}).id
    vault.lock()
    with Vault.open(home, WORKER, PASS) as v:
        db_before = v.paths.db.stat().st_ino
        with pytest.raises(WrongPassphrase):
            v.change_passphrase("wrong old", "새 암호")
        v.change_passphrase(PASS, "새 암호 2027")
        assert v.paths.db.stat().st_ino == db_before
        assert v.get_record(rid).values == {"memo": "유지"}
    with pytest.raises(WrongPassphrase):
        Vault.open(home, WORKER, PASS)
    with Vault.open(home, WORKER, "새 암호 2027") as v:
        assert v.get_record(rid).values == {"memo": "유지"}
        assert "passphrase_change" in [e.action for e in v.audit_entries()]
        with pytest.raises(VaultError):
            v.change_passphrase("새 암호 2027", "")


def test_org_slot_unlocks_and_survives_passphrase_change(vault, home):
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    org = X25519PrivateKey.generate()
    vault.add_org_slot(org.public_key())
    vault.change_passphrase(PASS, "바뀐 암호")
    vault.lock()
    with Vault.open_with_org_key(home, WORKER, org) as v:
        assert v.verify_audit() == []
    with pytest.raises(WrongPassphrase):
        Vault.open_with_org_key(home, WORKER, X25519PrivateKey.generate())
    doc = KeyslotFile.parse(vault.paths.keyslots.read_bytes())
    assert sorted(s["type"] for s in doc.slots) == ["org", "passphrase"]


def test_keyslots_from_another_vault_do_not_open_this_one(home):
    a = Vault.create(home, "작업자가", PASS, kdf=CHEAP)
    b = Vault.create(home, "작업자나", PASS, kdf=CHEAP)
    a.lock()
    b.lock()
    b.paths.keyslots.write_bytes(a.paths.keyslots.read_bytes())
    with pytest.raises(VaultCorrupt):
        Vault.open(home, "작업자나", PASS)


def test_two_handles_on_one_vault_see_each_other(vault, home):
    """The GUI and the CLI may use one vault at once."""
    other = Vault.open(home, WORKER, PASS)
    try:
        r1 = vault.put_record("intake", 1, {"who": "gui"}, case_code="C-1")
        r2 = other.put_record("intake", 1, {"who": "cli"}, case_code="C-1")
        assert {r.id for r in vault.list_records()} == {r1.id, r2.id}
        assert {r.id for r in other.list_records("C-1")} == {r1.id, r2.id}
        assert vault.verify_audit() == [] and other.verify_audit() == []
    finally:
        other.lock()


@pytest.mark.alone
def test_vault_made_with_calibrated_params_meets_the_real_cost(home):
    v = Vault.create(home, "실제 비용", PASS)  # kdf=None: calibrated
    slot = KeyslotFile.parse(v.paths.keyslots.read_bytes()).of_type("passphrase")[0]
    v.lock()
    params = Argon2Params.from_dict(slot["kdf"])
    assert params.memory_kib >= 65536
    t0 = time.perf_counter()
    derive(PASS, b"0123456789abcdef", params).wipe()
    assert time.perf_counter() - t0 >= 0.5
