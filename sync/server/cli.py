"""`donghaeng server …`: init, run, migrate, enroll, status, revoke, policy, forms publish,
ca export-root (the contract in docs/architecture.md).

Reached from the launcher without importing desktop/ or ui/. Server commands take only
`--data` and their own options (no home, no worker); only those that open a key file
read a passphrase. Errors are one short line on stderr and a non-zero exit, as in the
rest of the command line; `--json` leaves only the JSON on stdout.
"""
from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import NoReturn

from sync.server.errors import ServerError

PASSPHRASE_ENV = "DONGHAENG_PASSPHRASE"
MIN_PASSPHRASE = 12  # these keys open every record of the organisation
MAX_PASSPHRASE_FILE = 4096  # bytes: a passphrase, not a file
EXIT_FAIL, EXIT_USAGE = 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _Usage(f"명령줄 오류: {message}", f"command-line error: {message}")


class _Usage(ServerError):
    pass


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--data", required=True, type=Path, metavar="DIR")
    # also before the command (`donghaeng --lang en server status`); SUPPRESS: a copy
    # after it does not reset one given before
    common.add_argument("--lang", choices=("ko", "en"), default=argparse.SUPPRESS)
    db = _Parser(add_help=False)
    db.add_argument("--database", metavar="URL",
                    help="postgresql://… (default: SQLite in the data folder)")
    p = _Parser(prog="donghaeng server", description="the center's sync server")
    p.add_argument("--lang", choices=("ko", "en"))
    sub = p.add_subparsers(dest="action", required=True, parser_class=_Parser)
    init = sub.add_parser("init", parents=[common, db])
    init.add_argument("--org", required=True, metavar="NAME")
    init.add_argument("--keys-out", required=True, type=Path, metavar="KEYDIR")
    init.add_argument("--passphrase-file", type=Path, metavar="FILE")
    init.add_argument("--tls-cert", type=Path, metavar="CERT.pem")
    init.add_argument("--tls-key", type=Path, metavar="KEY.pem")
    init.add_argument("--public-url", metavar="http://HOST:PORT",
                      help="where verifiers fetch CRLs (the --http-bind address as the "
                      "public sees it); certificates name it. Default: https://HOSTNAME:8443")
    run = sub.add_parser("run", parents=[common, db])
    run.add_argument("--bind", default="127.0.0.1:8443", metavar="HOST:PORT")
    run.add_argument("--http-bind", metavar="HOST:PORT",
                     help="also serve /v1/pki/* and /v1/tsa (only) over plain HTTP")
    run.add_argument("--tsa-url", metavar="URL",
                     help="pass timestamp requests to this external TSA instead")
    run.add_argument("--workers", type=int, default=1, metavar="N",
                     help="server processes on the same sockets (one per core; default 1)")
    cas = sub.add_parser("ca").add_subparsers(dest="ca_action", required=True,
                                              parser_class=_Parser)
    er = cas.add_parser("export-root", parents=[common])
    er.add_argument("--out", required=True, type=Path, metavar="ROOT.pem")
    rc = cas.add_parser("root-crl", parents=[common])
    rc.add_argument("--root-key", required=True, type=Path, metavar="KEYDIR/root-ca.key")
    rc.add_argument("--passphrase-file", type=Path, metavar="FILE")
    sub.add_parser("migrate", parents=[common, db])
    # the recovery key for a server initialised before `init` made one (recovery_keys.py)
    ks = sub.add_parser("keys").add_subparsers(dest="keys_action", required=True,
                                               parser_class=_Parser)
    ar = ks.add_parser("add-recovery", parents=[common])
    ar.add_argument("--keys-out", required=True, type=Path, metavar="KEYDIR")
    ar.add_argument("--passphrase-file", type=Path, metavar="FILE")
    st = sub.add_parser("status", parents=[common])
    st.add_argument("--json", action="store_true")
    en = sub.add_parser("enroll", parents=[common])
    en.add_argument("--worker", required=True, metavar="NAME")
    en.add_argument("--team", metavar="TEAM")
    en.add_argument("--role", choices=("worker", "desk"), default="worker")
    en.add_argument("--url", metavar="https://HOST:PORT",
                    help="the address laptops reach the server at (put in the QR text)")
    en.add_argument("--json", action="store_true")
    rv = sub.add_parser("revoke", parents=[common])
    rv.add_argument("--device", required=True, metavar="ID")
    rv.add_argument("--mode", required=True, choices=("retire", "lost"))
    rv.add_argument("--org-key", type=Path, metavar="KEYDIR/signing.key",
                    help="also queue a wipe order signed with the organisation key")
    rv.add_argument("--passphrase-file", type=Path, metavar="FILE")
    po = sub.add_parser("policy", parents=[common])
    po.add_argument("--offline-lease-days", metavar="N|off",
                    help="days a laptop may go without contact before it opens only "
                         "after an online check (off: no lease)")
    po.add_argument("--json", action="store_true")
    fm = sub.add_parser("forms").add_subparsers(dest="forms_action", required=True,
                                                parser_class=_Parser)
    pub = fm.add_parser("publish", parents=[common])
    pub.add_argument("--org-key", required=True, type=Path, metavar="KEYDIR/signing.key",
                     help="the organisation signing key the laptops verify releases with")
    pub.add_argument("--passphrase-file", type=Path, metavar="FILE")
    pub.add_argument("folder", type=Path, metavar="FORMS_DIR")
    return p


def _lang(argv: list[str]) -> str:
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "ko"
        if a.startswith("--lang="):
            return "en" if a.endswith("=en") else "ko"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "en" if value.lower().startswith("en") else "ko"
    return "ko"


def main(argv: list[str] | None = None) -> int:
    # read once and removed, so no child process (uvicorn's reloader, a shell) inherits it
    env_passphrase = os.environ.pop(PASSPHRASE_ENV, None)
    argv = sys.argv[1:] if argv is None else argv
    lang = _lang(argv)
    # the database, its WAL and anything else the server makes are for its user alone
    os.umask(0o077)
    try:
        args = build_parser().parse_args(argv)
        from sync.server import commands, signed_commands

        if args.action == "init":
            return commands.init(args, lambda: _passphrase(args.passphrase_file, env_passphrase))
        if args.action == "run":
            return commands.run(args)
        if args.action == "migrate":
            return commands.migrate(args)
        if args.action == "enroll":
            return commands.enroll(args, lang)
        if args.action == "ca":
            from sync.server import ca_commands

            if args.ca_action == "root-crl":
                return ca_commands.root_crl(args, lambda: _passphrase(
                    args.passphrase_file, env_passphrase, confirm=False))
            return ca_commands.export_root(args)
        if args.action == "keys":
            from sync.server import recovery_keys

            return recovery_keys.add_recovery(args, lambda: _passphrase(args.passphrase_file,
                                                                        env_passphrase))
        if args.action == "policy":
            from sync.server import policy

            return policy.command(args, lang)
        # revoke, forms publish: the key file already exists, its passphrase is asked once
        if args.action == "revoke":
            return signed_commands.revoke(args, lambda: _passphrase(
                args.passphrase_file, env_passphrase, confirm=False), lang)
        if args.action == "forms":
            return signed_commands.forms_publish(args, lambda: _passphrase(
                args.passphrase_file, env_passphrase, confirm=False), lang)
        return commands.status(args)
    except KeyboardInterrupt:
        print("중단됨" if lang != "en" else "interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the one place that turns errors into one line
        print(_describe(exc, lang), file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, _Usage) else EXIT_FAIL


def _describe(exc: BaseException, lang: str) -> str:
    if isinstance(exc, ServerError):
        return exc.message(lang)
    # SQLAlchemy wraps driver errors; their first line says what went wrong (no password:
    # libpq does not echo it) and the rest is SQL and a link
    orig = getattr(exc, "orig", None)
    if orig is not None:
        first = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
        return (f"데이터베이스 오류: {first}" if lang != "en" else f"database error: {first}")
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or type(exc).__name__}"
    # no traceback: the type names the bug for a developer
    return (f"예기치 않은 오류: {type(exc).__name__}" if lang != "en"
            else f"unexpected error: {type(exc).__name__}")


def _passphrase(path: Path | None, env_value: str | None, *, confirm: bool = True) -> str:
    """--passphrase-file (minus one trailing newline), else the environment, else a
    hidden prompt (asked twice when it makes a key file: `confirm`); nothing at all is an
    error, never an empty passphrase."""
    if path is not None:
        # At most the cap plus one byte, as the desktop's (desktop/cli/options.py): the
        # size a stat reports says nothing of /dev/zero or a pipe
        try:
            with open(path, "rb") as f:
                data = f.read(MAX_PASSPHRASE_FILE + 1)
            if len(data) > MAX_PASSPHRASE_FILE:
                raise ServerError(f"암호 파일이 너무 큽니다 (최대 4 KiB): {path}",
                                  f"the passphrase file is too large (at most 4 KiB): {path}")
            text = data.decode("utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise ServerError(f"--passphrase-file {path}: 읽을 수 없습니다 ({type(e).__name__})",
                              f"--passphrase-file {path}: unreadable "
                              f"({type(e).__name__})") from None
        value = text[:-1] if text.endswith("\n") else text
    elif env_value is not None:
        value = env_value
    elif sys.stdin.isatty():
        value = getpass.getpass("organisation key passphrase: ")
        if confirm and getpass.getpass("again: ") != value:
            raise ServerError("두 암호가 다릅니다", "the two passphrases differ")
    else:
        raise ServerError("암호가 없습니다: --passphrase-file 또는 DONGHAENG_PASSPHRASE",
                          "no passphrase: give --passphrase-file or DONGHAENG_PASSPHRASE")
    if len(value) < MIN_PASSPHRASE:
        raise ServerError(f"기관 키 암호는 {MIN_PASSPHRASE}자 이상이어야 합니다",
                          f"the organisation keys' passphrase needs at least "
                          f"{MIN_PASSPHRASE} characters")
    return value
