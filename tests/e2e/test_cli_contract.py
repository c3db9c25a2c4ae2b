"""The command-line contract of the design brief, run as a real process."""
from __future__ import annotations

import hashlib
import json

import pytest

from tests.e2e.cli_helpers import assert_clean_failure, run_cli, snapshot

PASS = "테스트-암호-correct horse 2026"
WORKER = "김동행"


@pytest.fixture
def vault_home(home):
    from crypto.kdf import CHEAP
    from desktop.vault import Vault

    Vault.create(home, WORKER, PASS, kdf=CHEAP).lock()
    return home


def put(home, form, values, *extra, case="C-0001", tmp=None):
    f = (tmp or home.parent) / f"{form}.json"
    f.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    args = ["record", "put", "--form", form, *extra, str(f)]
    if case:
        args[4:4] = ["--case", case]
    return run_cli(*args, home=home, passphrase=PASS)


def example(form):
    r = run_cli("forms", "example", form, "--json")
    assert r.code == 0, r.err
    return json.loads(r.out)


def test_version_and_forms_need_no_vault(tmp_path):
    r = run_cli("--version", home=tmp_path / "nowhere")
    assert r.code == 0 and r.out.startswith("donghaeng ")
    r = run_cli("forms", "list", "--json")
    assert r.code == 0, r.err
    ids = [f["id"] for f in json.loads(r.out)]
    assert ids == ["intake", "consent", "incident", "support_plan", "companion_session",
                   "evidence", "referral", "outreach_contact", "prevention_class",
                   "case_closure"] or sorted(ids) == sorted([
                       "intake", "consent", "incident", "support_plan", "companion_session",
                       "evidence", "referral", "outreach_contact", "prevention_class",
                       "case_closure"])
    for f in json.loads(r.out):
        assert f["title"]["ko"] and f["title"]["en"] and isinstance(f["version"], int)
    assert run_cli("forms", "check").code == 0
    assert not (tmp_path / "nowhere").exists()


def test_put_list_show_attach_roundtrip(vault_home, tmp_path):
    r = put(vault_home, "intake", example("intake"))
    assert r.code == 0, r.err
    rid = r.out.strip()
    assert len(rid) == 36 and rid == rid.lower()
    # Global options after the subcommand, English messages on request.
    r = run_cli("record", "list", "--json", "--case", "C-0001", "--worker", WORKER,
                "--home", vault_home, passphrase=PASS)
    assert r.code == 0, r.err
    rows = json.loads(r.out)
    assert [row["id"] for row in rows] == [rid]
    assert rows[0]["form"] == "intake" and rows[0]["case"] == "C-0001"
    payload = bytes(range(256)) * 1000
    src = tmp_path / "사진.bin"
    src.write_bytes(payload)
    r = run_cli("attach", "--record", rid, src, home=vault_home, passphrase=PASS)
    assert r.code == 0, r.err
    assert r.out.strip() == hashlib.sha256(payload).hexdigest()
    r = run_cli("record", "show", rid, "--json", home=vault_home, passphrase=PASS)
    shown = json.loads(r.out)
    assert shown["values"] == example("intake") or shown["values"].items() >= example("intake").items()
    [att] = shown["attachments"]
    assert att["name"] == "사진.bin" and att["size"] == len(payload)
    assert att["md5"] == hashlib.md5(payload).hexdigest()
    assert att["sha256"] == hashlib.sha256(payload).hexdigest()


def test_bad_record_input_is_refused_and_nothing_written(vault_home, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    r = run_cli("record", "put", "--form", "intake", "--case", "C-1", bad,
                home=vault_home, passphrase=PASS)
    assert_clean_failure(r)
    reserved = dict(example("intake"), id="x", case="y")
    r = put(vault_home, "intake", reserved)
    assert_clean_failure(r)
    assert len(r.err.strip().splitlines()) == 2  # one line per problem
    r = put(vault_home, "intake", {}, "--lang", "en")
    assert_clean_failure(r)
    assert all(ch.isascii() for ch in r.err), r.err  # English when asked
    r = put(vault_home, "nosuchform", {})
    assert_clean_failure(r)
    r = put(vault_home, "intake", example("intake"), "--attach", "attachment=/no/such/file")
    assert_clean_failure(r)
    r = run_cli("record", "list", "--json", home=vault_home, passphrase=PASS)
    assert json.loads(r.out) == []
    attachments = [p for p in vault_home.rglob("*") if p.is_file() and "attach" in str(p)]
    assert attachments == []


def test_resident_registration_number_refused(vault_home):
    values = example("intake")
    text_key = next(k for k, v in values.items() if isinstance(v, str) and len(v) > 20)
    values[text_key] = "주민번호 900101-1234568 입니다"
    r = put(vault_home, "intake", values)
    assert_clean_failure(r)
    assert text_key in r.err


def test_unknown_worker_and_wrong_passphrase_change_nothing(vault_home):
    before = snapshot(vault_home)
    r = run_cli("record", "list", "--json", "--worker", "없는사람", home=vault_home,
                passphrase=PASS)
    assert_clean_failure(r)
    assert snapshot(vault_home) == before
    r = run_cli("record", "list", "--json", home=vault_home, passphrase="wrong")
    assert_clean_failure(r)
    after = snapshot(vault_home)
    changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    assert all(k.endswith("failed-unlocks") for k in changed), changed
    r = run_cli("record", "list", "--json", "--worker", "../../etc", home=vault_home,
                passphrase=PASS)
    assert_clean_failure(r)


def test_passphrase_file_and_passwd(vault_home, tmp_path):
    old = tmp_path / "old.txt"
    old.write_text(PASS + "\n", encoding="utf-8")
    new = tmp_path / "new.txt"
    new.write_text("새로운 암호 입니다 2027\n", encoding="utf-8")
    r = run_cli("vault", "passwd", "--passphrase-file", old, "--new-passphrase-file", new,
                home=vault_home)
    assert r.code == 0, r.err
    assert run_cli("vault", "check", "--passphrase-file", new, home=vault_home).code == 0
    assert_clean_failure(run_cli("vault", "check", "--passphrase-file", old, home=vault_home))


def test_purge_backup_restore_and_audit(vault_home, tmp_path):
    assert put(vault_home, "intake", example("intake"), case="KEEP-1").code == 0
    assert put(vault_home, "intake", example("intake"), case="GONE-1").code == 0
    backup = tmp_path / "backup.dhb"
    r = run_cli("vault", "backup", "--out", backup, home=vault_home, passphrase=PASS)
    assert r.code == 0, r.err
    r = run_cli("record", "purge", "--case", "GONE-1", "--reason", "보존기간 만료",
                home=vault_home, passphrase=PASS)
    assert r.code == 0, r.err
    rows = json.loads(run_cli("record", "list", "--json", home=vault_home, passphrase=PASS).out)
    assert {row["case"] for row in rows} == {"KEEP-1"}
    assert run_cli("audit", "verify", home=vault_home, passphrase=PASS).code == 0
    assert run_cli("vault", "check", home=vault_home, passphrase=PASS).code == 0
    other = tmp_path / "other-home"
    r = run_cli("vault", "restore", backup, home=other, passphrase="wrong")
    assert_clean_failure(r)
    assert not any(p.is_file() for p in other.rglob("*")) if other.exists() else True
    r = run_cli("vault", "restore", backup, home=other, passphrase=PASS)
    assert r.code == 0, r.err
    rows = json.loads(run_cli("record", "list", "--json", home=other, passphrase=PASS).out)
    assert {row["case"] for row in rows} == {"KEEP-1", "GONE-1"}
    assert run_cli("vault", "check", home=other, passphrase=PASS).code == 0
    assert_clean_failure(run_cli("vault", "restore", backup, home=other, passphrase=PASS))


@pytest.mark.alone
def test_cli_vault_create_meets_real_kdf_cost(home):
    r = run_cli("vault", "create", "--worker", "현장 활동가", home=home, passphrase=PASS)
    assert r.code == 0, r.err
    slots = list(home.rglob("keyslots.json"))
    assert len(slots) == 1
    text = slots[0].read_text()
    doc = json.loads(text)
    found = json.dumps(doc)
    # The slot records its calibrated Argon2id cost; the vault tests check the timing.
    assert "argon2id" in found.lower()
    mems = [int(v) for k, v in _walk(doc) if "memory" in k.lower()]
    assert mems and max(mems) >= 65536


def _walk(obj, prefix=""):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _walk(v, k)
    elif isinstance(obj, list):
        for v in obj:
            yield from _walk(v, prefix)
    else:
        yield prefix, obj
