"""Issue 12: the CLI's `vault create` and `vault passwd` apply the app's passphrase rules
(desktop/passphrase_rules.py), with the same texts; the demo's and the tests' passphrases
meet them."""
from __future__ import annotations

import pytest

from crypto.kdf import CHEAP
from tests.e2e.cli_helpers import assert_clean_failure, run_cli

WORKER = "kim"
GOOD = "봄날 버스 안에서 만나요 2026"


def test_vault_create_refuses_a_weak_passphrase(tmp_path):
    home = tmp_path / "home"
    r = run_cli("vault", "create", "--worker", WORKER, "--lang", "en", home=home,
                passphrase="a")
    assert_clean_failure(r)
    lines = r.err.strip().splitlines()
    assert lines[0] == "the passphrase does not meet the rules:"
    assert "Use at least 10 characters." in lines
    assert not list(home.rglob("keyslots.json")) if home.exists() else True
    r = run_cli("vault", "create", "--worker", WORKER, home=home, passphrase="a")
    assert "10자 이상으로 정하세요." in r.err


def test_vault_create_refuses_the_workers_name(tmp_path):
    r = run_cli("vault", "create", "--worker", "seonghee", "--lang", "en",
                home=tmp_path / "h", passphrase="seonghee-rides-the-bus-77")
    assert_clean_failure(r)
    assert "It contains your own name." in r.err


def test_vault_passwd_refuses_a_weak_new_passphrase(tmp_path):
    from desktop.vault import Vault

    home = tmp_path / "home"
    Vault.create(home, WORKER, GOOD, kdf=CHEAP).lock()
    new = tmp_path / "new.txt"
    new.write_text("aaaaaaaaaaaa\n", encoding="utf-8")
    r = run_cli("vault", "passwd", "--new-passphrase-file", new, "--worker", WORKER,
                "--lang", "en", home=home, passphrase=GOOD)
    assert_clean_failure(r)
    assert "It repeats the same character." in r.err
    assert run_cli("vault", "check", "--worker", WORKER, home=home, passphrase=GOOD).code == 0


def test_app_and_cli_read_the_same_rules():
    from desktop.passphrase_rules import evaluate

    pytest.importorskip("PySide6")
    from ui import i18n
    from ui.passphrase_strength import evaluate as ui_evaluate

    for lang in ("ko", "en"):
        i18n._state["lang"] = lang      # the adapter only reads the current language
        for text in ("a", "password123", "aaaaaaaaaaaa", "kim-kim-kim-1", GOOD):
            assert ui_evaluate(text, "kim").problems == evaluate(text, "kim").messages(lang)
    i18n._state["lang"] = "ko"


def test_demo_and_test_passphrases_meet_the_rules():
    from desktop.demo import DEFAULT_PASSPHRASE
    from desktop.passphrase_rules import evaluate
    from tests.e2e import test_cli_contract, test_export_cli

    for p in (DEFAULT_PASSPHRASE, GOOD, test_cli_contract.PASS, test_export_cli.DEMO_PASS,
              "새로운 암호 입니다 2027"):
        assert evaluate(p).acceptable, (p, evaluate(p).messages("en"))
