"""`donghaeng vault …`, `audit verify` and `demo`."""
from __future__ import annotations

from pathlib import Path

from desktop.cli import options
from desktop.cli.session import opened_vault, worker_name
from desktop.errors import UserError


def check_new_passphrase(passphrase: str, worker: str) -> None:
    """The app's rules (desktop/passphrase_rules.py): every reason, one line each."""
    from desktop.passphrase_rules import evaluate

    strength = evaluate(passphrase, worker)
    if strength.problems:
        head = ("암호가 규칙에 맞지 않습니다:", "the passphrase does not meet the rules:")
        raise UserError("", lines=[head, *strength.problems])


def run(args, lang: str) -> int:
    action = args.action
    if action == "create":
        from desktop.vault import Vault

        home = options.resolve_home(args)
        worker = getattr(args, "worker", None)
        if not worker:
            raise UserError("--worker NAME이 필요합니다", "--worker NAME is required")
        secret = options.passphrase(args, lang)
        check_new_passphrase(secret, worker)
        vault = Vault.create(home, worker, secret)
        vault.lock()
        print(f"vault created for {worker}" if lang == "en" else f"{worker} 작업자 금고를 만들었습니다")
        return 0
    if action == "restore":
        from desktop.vault import Vault

        home = options.resolve_home(args)
        src = Path(args.file)
        if not src.is_file():
            raise UserError(f"백업 파일이 없습니다: {src}", f"no such backup file: {src}")
        vault = Vault.restore(home, src, options.passphrase(args, lang))
        name = vault.worker
        vault.lock()
        print(f"restored the vault of {name}" if lang == "en" else f"{name} 작업자 금고를 복원했습니다")
        return 0
    if action == "passwd":
        from desktop.vault import Vault

        home = options.resolve_home(args)
        worker = worker_name(args, home)
        old = options.passphrase(args, lang)
        new = options.new_passphrase(args, lang)
        check_new_passphrase(new, worker)
        vault = Vault.open(home, worker, old)
        try:
            vault.change_passphrase(old, new)
        finally:
            vault.lock()
        print("passphrase changed" if lang == "en" else "암호를 바꿨습니다")
        return 0
    if action == "recover":
        return recover(args, lang)
    with opened_vault(args, lang) as vault:
        if action == "check":
            problems = vault.check()
            for line in problems:
                print(line)
            if not problems:
                print("vault: OK" if lang == "en" else "금고 검사: 문제 없음")
            return 1 if problems else 0
        if action == "backup":
            out = Path(args.out)
            vault.backup(out)
            print(str(out))
            return 0
        if action == "prefix":
            # Prints the prefix of generated case codes, or sets it (2-8 letters, digits or
            # Hangul): codes stay unique across the center's workers without the server.
            print(vault.set_case_prefix(args.new) if args.new is not None else vault.case_prefix)
            return 0
    raise UserError(f"알 수 없는 명령: vault {action}", f"unknown command: vault {action}")


def recover(args, lang: str) -> int:
    """`vault recover --recovery-key KEYDIR/recovery.key`: a supervisor resets a forgotten
    passphrase. Every check (the vault's recovery slot, the key file's purpose and key,
    its passphrase, the new passphrase's rules) runs before anything is written."""
    from desktop import recovery as rec
    from desktop.vault.recovery import recover as reset

    home = options.resolve_home(args)
    worker = worker_name(args, home)
    key_path = Path(args.recovery_key)
    rec.check_key_file(key_path, rec.key_ids(home, worker))
    private = rec.open_key_file(key_path, options.key_passphrase(args, lang))
    new = options.new_passphrase(args, lang)
    check_new_passphrase(new, worker)
    vault = reset(home, worker, private, new)
    vault.lock()
    print("passphrase reset with the recovery key" if lang == "en"
          else "복구 키로 암호를 새로 정했습니다")
    return 0


def audit(args, lang: str) -> int:
    with opened_vault(args, lang) as vault:
        problems = vault.verify_audit()
    for line in problems:
        print(line)
    if not problems:
        print("audit log: OK" if lang == "en" else "감사 기록: 이상 없음")
    return 1 if problems else 0


def demo(args, lang: str) -> int:
    from desktop.demo import DEFAULT_PASSPHRASE, build_demo

    home = options.resolve_home(args)
    explicit = bool(getattr(args, "passphrase_file", None)) or \
        options.PASSPHRASE_ENV in options._env_secrets
    secret = options.passphrase(args, lang) if explicit else DEFAULT_PASSPHRASE
    summary = build_demo(home, secret)
    print(summary.describe(lang))
    if not explicit:
        print(f"demo passphrase: {DEFAULT_PASSPHRASE}" if lang == "en"
              else f"데모 암호: {DEFAULT_PASSPHRASE}")
    return 0


__all__ = ["run", "audit", "demo", "recover", "worker_name"]
