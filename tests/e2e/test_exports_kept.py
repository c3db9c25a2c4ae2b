"""The vault's copies of its exports (issue 14, "Exports"): each export of the demo case
through the real forms is kept encrypted in the vault with what it was, listed newest
first, saved again byte for byte (SHA-256), refused when damaged, gone with its case's
purge; no PDF plaintext is anywhere in the vault's folder. Then the same through the
`donghaeng exports` command."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from crypto.kdf import CHEAP
from desktop.export import export_case
from desktop.export.kept import save_again, state_text
from desktop.vault import Vault
from desktop.vault.attachments import SUFFIX  # kept exports are named as attachments
from desktop.vault.errors import VaultError
from desktop.vault.exports_store import folder_of
from tests.e2e.cli_helpers import assert_clean_failure, run_cli

DEMO_PASS = "demo-pass-for-tests-1"
CASE = "DEMO-001"
CANARY = "카나리아수달7Q 비밀진술"


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    from desktop.demo import build_demo

    home = tmp_path_factory.mktemp("demo") / "home"
    build_demo(home, DEMO_PASS, kdf=CHEAP)
    v = Vault.open(home, "demo", DEMO_PASS)
    try:
        from forms.examples import example

        form = "companion_session"
        from forms import load_registry

        version = load_registry().latest(form).version
        v.put_record(form, version, {**example(form), "what_happened": CANARY}, CASE)
    finally:
        v.lock()
    return home


@pytest.fixture
def demo_home(tmp_path, demo_template):
    home = tmp_path / "home"
    shutil.copytree(demo_template, home)
    return home


@pytest.fixture(scope="module")
def registry():
    from forms import load_registry

    return load_registry()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _hits(folder: Path, needles: list[bytes]) -> list[str]:
    """Files under `folder` holding any of the needles."""
    found = []
    for p in folder.rglob("*"):
        if p.is_file():
            data = p.read_bytes()
            if any(n in data for n in needles):
                found.append(str(p))
    return found


def test_exports_are_kept_encrypted_listed_and_saved_again(tmp_path, demo_home, registry):
    out = tmp_path / "given-out"
    out.mkdir()
    v = Vault.open(demo_home, "demo", DEMO_PASS)
    try:
        court = export_case(v, registry, CASE, "court", out / "court.pdf",
                            recipient="서울중앙지방법원 형사부", purpose="증거 제출")
        police = export_case(v, registry, CASE, "police", out / "police.pdf")
        assert court.export_id and police.export_id
        kept = v.list_exports()
        assert [k.id for k in kept] == [police.export_id, court.export_id]  # newest first
        k = kept[1]
        assert (k.case_code, k.profile, k.recipient, k.purpose) == \
            (CASE, "court", "서울중앙지방법원 형사부", "증거 제출")
        assert (k.file_name, k.size, k.sha256) == \
            ("court.pdf", (out / "court.pdf").stat().st_size, _sha(out / "court.pdf"))
        assert k.timestamped_at is None and state_text(k, "en") == "not yet timestamped"
        assert k.case_id == v.get_case(CASE).id and k.made_by == "demo"
        assert "export_kept" in [e.action for e in v.audit_entries()]

        # the given-out file is lost: the same bytes come back
        (out / "court.pdf").unlink()
        again = tmp_path / "again"
        again.mkdir()
        got, target = save_again(v, court.export_id, again)
        assert target == again / "court.pdf" and got.id == court.export_id
        assert _sha(target) == court.sha256
        _, by_prefix = save_again(v, court.export_id[:13], again / "second.pdf")
        assert _sha(by_prefix) == court.sha256
        saved = [json.loads(e.reason) for e in v.audit_entries()
                 if e.action == "export_saved_again"]
        assert [s["file"] for s in saved] == ["court.pdf", "second.pdf"]

        # the copies are ciphertext: nothing of the PDFs or the record in the vault folder
        folder = v.paths.folder
        copies = sorted(p.name for p in folder_of(folder).iterdir())
        assert copies == sorted(f"{i}{SUFFIX}" for i in (court.export_id, police.export_id))
        assert _hits(folder, [b"%PDF", CANARY.encode()]) == []
        assert sorted(_hits(again, [b"%PDF"])) == [str(again / "court.pdf"),
                                                   str(again / "second.pdf")]
    finally:
        v.lock()


def test_a_damaged_or_missing_copy_is_refused_and_nothing_is_written(tmp_path, demo_home,
                                                                      registry):
    v = Vault.open(demo_home, "demo", DEMO_PASS)
    try:
        r = export_case(v, registry, CASE, "medical", tmp_path / "m.pdf")
        copy = folder_of(v.paths.folder) / f"{r.export_id}{SUFFIX}"
        data = bytearray(copy.read_bytes())
        data[len(data) // 2] ^= 0x01
        copy.write_bytes(bytes(data))
        with pytest.raises(VaultError) as err:
            save_again(v, r.export_id, tmp_path / "x.pdf")
        assert "damaged" in err.value.en
        assert not (tmp_path / "x.pdf").exists()
        copy.unlink()
        with pytest.raises(VaultError) as err:
            save_again(v, r.export_id, tmp_path / "x.pdf")
        assert "no copy" in err.value.en and not (tmp_path / "x.pdf").exists()
        with pytest.raises(VaultError) as err:
            save_again(v, "0000000000", tmp_path / "x.pdf")
        assert "no such export" in err.value.en
    finally:
        v.lock()


def test_purging_the_case_removes_its_copies(tmp_path, demo_home, registry):
    v = Vault.open(demo_home, "demo", DEMO_PASS)
    try:
        export_case(v, registry, CASE, "court", tmp_path / "c.pdf")
        # a keep killed before its commit leaves a temp file nobody holds: removed too
        stale = folder_of(v.paths.folder) / ".0190aaaa-0000-7000-8000-000000000000.tmp"
        stale.write_bytes(b"noise")
        assert len(v.list_exports()) == 1
        v.purge_case(CASE, "보존 기간 만료")
        assert v.list_exports() == []
        assert list(folder_of(v.paths.folder).iterdir()) == []
    finally:
        v.lock()


def test_the_exports_command(tmp_path, demo_home):
    def cli(*args):
        return run_cli(*args, "--worker", "demo", home=demo_home, passphrase=DEMO_PASS)

    r = cli("exports", "--lang", "en")
    assert r.code == 0 and "no exports yet" in r.out, r
    first = tmp_path / "first.pdf"
    assert cli("export", "--case", CASE, "--profile", "court", "--out", first,
               "--recipient", "법원").code == 0
    r = cli("exports", "--json")
    assert r.code == 0, r.err
    (row,) = json.loads(r.out)
    assert row["sha256"] == _sha(first) and row["state"] == "not_timestamped"
    assert (row["case_code"], row["profile"], row["recipient"], row["file_name"]) == \
        (CASE, "court", "법원", "first.pdf")
    assert row["timestamped_at"] is None and "file_key" not in row
    r = cli("exports")
    assert r.code == 0 and row["id"] in r.out and "아직 타임스탬프 없음" in r.out

    again = tmp_path / "again.pdf"
    r = cli("exports", "save", row["id"], "--out", again)
    assert r.code == 0 and r.out.strip() == str(again), r.err
    assert _sha(again) == row["sha256"]

    r = cli("exports", "save", "not-an-id", "--out", tmp_path / "x.pdf", "--lang", "en")
    assert_clean_failure(r)
    assert "no such export" in r.err and not (tmp_path / "x.pdf").exists()
    r = cli("exports", "save", row["id"], "--out", tmp_path / "nope" / "x.pdf", "--lang", "en")
    assert_clean_failure(r)
    assert "no such folder" in r.err
    r = cli("exports", "save", row["id"])
    assert r.code == 2 and "--out" in r.err
