"""Issue 11 on the command line: `record edit` with --base, operation ids, heads in
`record show`/`list`, case references and `vault prefix`; an attachment that cannot be read
leaves nothing behind."""
from __future__ import annotations

import json
import re

import pytest

from tests.e2e.cli_helpers import assert_clean_failure, run_cli
from tests.e2e.test_cli_contract import PASS, WORKER, example, put


@pytest.fixture
def vault_home(home):
    from crypto.kdf import CHEAP
    from desktop.vault import Vault

    Vault.create(home, WORKER, PASS, kdf=CHEAP).lock()
    return home


OP = "0190f0aa-3333-7000-8000-000000000003"


def show(home, rid):
    r = run_cli("record", "show", rid, "--json", home=home, passphrase=PASS)
    assert r.code == 0, r.err
    return json.loads(r.out)


def edit(home, rid, values, *extra):
    f = home.parent / "edit.json"
    f.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    return run_cli("record", "edit", rid, *extra, str(f), home=home, passphrase=PASS)


def test_edit_stale_base_keeps_both_heads_and_merge(vault_home):
    values = example("intake")
    r = put(vault_home, "intake", values)
    assert r.code == 0, r.err
    rid = r.out.strip()
    first = show(vault_home, rid)
    assert first["heads"] == [first["version_id"]] and first["conflict"] is False
    assert first["parents"] == []
    base = first["version_id"]
    a = edit(vault_home, rid, {**values, "summary": "A가 고친 상담 내용 요약입니다"})
    assert a.code == 0, a.err
    va = a.out.strip()
    b = edit(vault_home, rid, {**values, "summary": "B가 고친 상담 내용 요약입니다"}, "--base", base)
    assert b.code == 0, b.err
    vb = b.out.strip()
    assert re.fullmatch(r"[0-9a-f-]{36}", vb) and "2" in b.err  # says: 2 versions to reconcile
    now = show(vault_home, rid)
    assert now["conflict"] is True and set(now["heads"]) == {va, vb}
    listed = json.loads(run_cli("record", "list", "--json", home=vault_home,
                                passphrase=PASS).out)
    assert [x["heads"] for x in listed] == [2]
    refused = edit(vault_home, rid, {**values, "summary": "C가 고친 상담 내용 요약입니다"})
    assert_clean_failure(refused)
    assert va in refused.err and vb in refused.err
    merged = edit(vault_home, rid, {**values, "summary": "두 사람의 고침을 합친 요약입니다"}, "--base", va, "--base", vb)
    assert merged.code == 0, merged.err
    after = show(vault_home, rid)
    assert after["heads"] == [merged.out.strip()] and set(after["parents"]) == {va, vb}
    assert after["values"]["summary"] == "두 사람의 고침을 합친 요약입니다"


def test_op_id_makes_put_and_edit_retries_no_ops(vault_home):
    values = example("intake")
    first = put(vault_home, "intake", values, "--op-id", OP)
    again = put(vault_home, "intake", values, "--op-id", OP)
    assert first.code == again.code == 0 and first.out == again.out
    listed = json.loads(run_cli("record", "list", "--json", home=vault_home,
                                passphrase=PASS).out)
    assert len(listed) == 1
    rid = first.out.strip()
    op2 = OP[:-1] + "4"
    e1 = edit(vault_home, rid, {**values, "summary": "다시 보낸 상담 내용 요약입니다"}, "--op-id", op2)
    e2 = edit(vault_home, rid, {**values, "summary": "다시 보낸 상담 내용 요약입니다"}, "--op-id", op2)
    assert e1.out == e2.out and show(vault_home, rid)["revision"] == 2
    same_file_twice = edit(vault_home, rid, {**values, "summary": "다시 보낸 상담 내용 요약입니다"})
    assert same_file_twice.code == 0 and show(vault_home, rid)["revision"] == 3
    assert_clean_failure(put(vault_home, "intake", values, "--op-id", "not-a-uuid"))


def test_unreadable_attachment_leaves_no_record(vault_home):
    # /proc/self/mem is a regular file that opens but cannot be read from offset 0: the
    # put used to exit 1 yet leave the record (a retry then made a duplicate).
    r = put(vault_home, "evidence", example("evidence"), "--attach",
            "attachment=/proc/self/mem")
    assert_clean_failure(r)
    assert "/proc/self/mem" in r.err
    listed = run_cli("record", "list", "--json", home=vault_home, passphrase=PASS)
    assert json.loads(listed.out) == []


def test_vault_prefix_prints_and_sets(vault_home):
    r = run_cli("vault", "prefix", home=vault_home, passphrase=PASS)
    assert r.code == 0 and re.fullmatch(r"KDH[2-9A-Z]{2}\n", r.out), r.out
    assert run_cli("vault", "prefix", "동행", home=vault_home, passphrase=PASS).out == "동행\n"
    assert run_cli("vault", "prefix", home=vault_home, passphrase=PASS).out == "동행\n"
    bad = run_cli("vault", "prefix", "a", home=vault_home, passphrase=PASS)
    assert_clean_failure(bad)


@pytest.mark.parametrize("ref_kind", ["uuid", "code@worker"])
def test_case_accepts_uuid_and_code_at_worker(vault_home, ref_kind):
    assert put(vault_home, "intake", example("intake"), case="REF-1").code == 0
    from desktop.vault import Vault

    with Vault.open(vault_home, WORKER, PASS) as v:
        case = v.get_case("REF-1")
    ref = case.id if ref_kind == "uuid" else f"REF-1@{WORKER}"
    r = run_cli("record", "list", "--case", ref, "--json", home=vault_home, passphrase=PASS)
    assert r.code == 0 and len(json.loads(r.out)) == 1
