"""`donghaeng`: the composition root. Parses the command-line contract of the design brief,
dispatches to one command module per group, and turns our errors into one-line messages.

Heavy modules (the vault, reportlab, pyHanko) are imported inside the commands that need
them, so `--version`, `forms …` and the GUI's start pay only for what they use. The GUI is
not imported from here: the launcher above desktop/ and ui/ (donghaeng.launcher) passes it in.
"""
from __future__ import annotations

import argparse
import sys

from desktop.cli import options
from desktop.cli.frontends import CLI_ONLY, Frontends
from desktop.errors import UserError, describe

EXIT_USAGE = 2
EXIT_FAIL = 1


# argparse that reports usage problems as one short line; defined in options.py so the
# global-option parents are of the same class as the subparsers they are added to
_Parser = options.CliParser


def build_parser() -> argparse.ArgumentParser:
    top = options.global_parent(suppress=False)
    g = [options.global_parent(suppress=True)]
    # the global options but --worker, which names another worker in these commands
    g_others = [options.global_parent(suppress=True, worker=False)]
    p = _Parser(prog="donghaeng", parents=[top],
                description="Donghaeng (동행) — encrypted offline intake for field staff")
    p.add_argument("--version", action="store_true")
    p.add_argument("--self-test", action="store_true")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    sub.add_parser("demo", parents=g)

    vault = sub.add_parser("vault", parents=g).add_subparsers(dest="action", required=True,
                                                               parser_class=_Parser)
    vault.add_parser("create", parents=g)
    vault.add_parser("check", parents=g)
    pw = vault.add_parser("passwd", parents=g)
    pw.add_argument("--new-passphrase-file", metavar="FILE")
    bk = vault.add_parser("backup", parents=g)
    bk.add_argument("--out", required=True, metavar="FILE")
    rs = vault.add_parser("restore", parents=g)
    rs.add_argument("file", metavar="FILE")
    pf = vault.add_parser("prefix", parents=g)
    pf.add_argument("new", nargs="?", metavar="NEW")
    rc = vault.add_parser("recover", parents=g)  # a supervisor, with the recovery key file
    rc.add_argument("--recovery-key", required=True, metavar="FILE")
    rc.add_argument("--key-passphrase-file", metavar="FILE")
    rc.add_argument("--new-passphrase-file", metavar="FILE")

    record = sub.add_parser("record", parents=g).add_subparsers(dest="action", required=True,
                                                                 parser_class=_Parser)
    put = record.add_parser("put", parents=g)
    put.add_argument("--form", required=True, metavar="ID")
    put.add_argument("--case", metavar="CODE")
    put.add_argument("--attach", action="append", default=[], metavar="FIELD=FILE")
    put.add_argument("--op-id", metavar="UUID")
    put.add_argument("file", metavar="FILE.json")
    edit = record.add_parser("edit", parents=g)
    edit.add_argument("id", metavar="ID")
    edit.add_argument("--base", action="append", metavar="VERSION_ID",
                      help="the version id the edit started from (twice or more: a merge)")
    edit.add_argument("--op-id", metavar="UUID")
    edit.add_argument("file", metavar="FILE.json")
    ls = record.add_parser("list", parents=g)
    ls.add_argument("--case", metavar="CODE")
    ls.add_argument("--json", action="store_true")
    show = record.add_parser("show", parents=g)
    show.add_argument("id", metavar="ID")
    show.add_argument("--json", action="store_true")
    purge = record.add_parser("purge", parents=g)
    purge.add_argument("--case", required=True, metavar="CODE")
    purge.add_argument("--reason", required=True, metavar="TEXT")

    att = sub.add_parser("attach", parents=g)
    att.add_argument("--record", required=True, metavar="ID")
    att.add_argument("--field", metavar="PATH")
    # hash-only evidence (issue 16): hashes, size, type, times and the note; no bytes kept
    att.add_argument("--hash-only", action="store_true")
    att.add_argument("--note", metavar="TEXT")
    att.add_argument("file", metavar="FILE")

    audit = sub.add_parser("audit", parents=g).add_subparsers(dest="action", required=True,
                                                               parser_class=_Parser)
    audit.add_parser("verify", parents=g)
    aa = audit.add_parser("anchors", parents=g)   # anchored audit heads (cmd_anchors.py)
    aa.add_argument("--json", action="store_true")
    ap = audit.add_parser("proof", parents=g)
    ap.add_argument("--anchor", required=True, type=int, metavar="N")
    ap.add_argument("--out", required=True, metavar="DIR")
    evp = sub.add_parser("evidence", parents=g).add_subparsers(
        dest="action", required=True, parser_class=_Parser).add_parser("proof", parents=g)
    evp.add_argument("--attachment", required=True, metavar="ID")
    evp.add_argument("--out", required=True, metavar="DIR")

    forms = sub.add_parser("forms", parents=g).add_subparsers(dest="action", required=True,
                                                               parser_class=_Parser)
    fl = forms.add_parser("list", parents=g)
    fl.add_argument("--json", action="store_true")
    fc = forms.add_parser("check", parents=g)
    fc.add_argument("dir", nargs="?", metavar="DIR")
    fe = forms.add_parser("example", parents=g)
    fe.add_argument("id", metavar="ID")
    fe.add_argument("--json", action="store_true")

    cert = sub.add_parser("cert", parents=g).add_subparsers(dest="action", required=True,
                                                             parser_class=_Parser)
    ce = cert.add_parser("export", parents=g)
    ce.add_argument("--out", required=True, metavar="FILE.pem")

    ex = sub.add_parser("export", parents=g)
    ex.add_argument("--case", required=True, metavar="CODE")
    ex.add_argument("--profile", required=True, choices=("court", "police", "medical", "deletion"))
    ex.add_argument("--out", metavar="FILE.pdf")
    ex.add_argument("--recipient", metavar="TEXT")
    ex.add_argument("--purpose", metavar="TEXT")
    ex.add_argument("--override-consent", metavar="REASON")
    ex.add_argument("--include-contacts", metavar="REASON")
    # court/police: draw intimate images on the pages after all (issue 16), with a reason
    ex.add_argument("--show-intimate", metavar="REASON")

    exs = sub.add_parser("exports", parents=g)  # the vault's kept exports (cmd_exports.py)
    exs.add_argument("--json", action="store_true")
    exsv = exs.add_subparsers(dest="action", parser_class=_Parser).add_parser("save", parents=g)
    exsv.add_argument("id", metavar="ID")
    exsv.add_argument("--out", required=True, metavar="FILE.pdf")

    st = sub.add_parser("stats", parents=g).add_subparsers(dest="action", required=True,
                                                            parser_class=_Parser)
    stx = st.add_parser("export", parents=g)
    stx.add_argument("--out", required=True, metavar="FILE.csv|FILE.xlsx")
    stx.add_argument("--by", choices=("worker", "team", "none"), default="none")
    stx.add_argument("--json", action="store_true")

    sy = sub.add_parser("sync", parents=g)
    sy.add_argument("--json", action="store_true")
    sya = sy.add_subparsers(dest="action", parser_class=_Parser)
    se = sya.add_parser("enroll", parents=g)
    se.add_argument("--server", required=True, metavar="URL")
    se.add_argument("--code", required=True, metavar="CODE")
    se.add_argument("--fingerprint", metavar="SHA256")
    ss = sya.add_parser("status", parents=g)
    ss.add_argument("--json", action="store_true")
    # --worker names the teammate (give the vault's own worker before `sync`, or by
    # DONGHAENG_WORKER); the other global options go anywhere
    sh = sya.add_parser("share", parents=g_others)
    sh.add_argument("--case", required=True, metavar="CODE")
    sh.add_argument("--worker", dest="grantee", required=True, metavar="NAME")

    desk = sub.add_parser("desk", parents=g).add_subparsers(dest="action", required=True,
                                                             parser_class=_Parser)
    dk = desk.add_parser("import-key", parents=g)
    dk.add_argument("key_file", metavar="KEYDIR/sealing.key")
    dk.add_argument("--key-passphrase-file", metavar="FILE")
    dp = desk.add_parser("purges", parents=g)
    dp.add_argument("--json", action="store_true")
    dw = desk.add_parser("workers", parents=g)
    dw.add_argument("--json", action="store_true")
    dn = desk.add_parser("note", parents=g_others)  # --worker names the addressee
    dn.add_argument("--case", required=True, metavar="CODE")
    dn.add_argument("--worker", dest="to_worker", metavar="NAME")
    dn.add_argument("--text", required=True, metavar="TEXT")
    nt = sub.add_parser("notes", parents=g)
    nt.add_argument("--json", action="store_true")
    dh = desk.add_parser("handover", parents=g_others)  # --worker: the one leaving
    dh.add_argument("--worker", dest="from_worker", required=True, metavar="NAME")
    dh.add_argument("--to", dest="to_worker", required=True, metavar="NAME")

    vf = sub.add_parser("verify", parents=g)
    vf.add_argument("file", metavar="FILE.pdf")
    vf.add_argument("--trust", metavar="CERT.pem")
    vf.add_argument("--crl", action="append", default=[], metavar="FILE")
    vf.add_argument("--json", action="store_true")

    rn = sub.add_parser("export-renew", parents=g)   # a fresh document timestamp (B-LTA)
    rn.add_argument("file", metavar="FILE.pdf")
    rn.add_argument("--out", metavar="NEW.pdf")

    mt = sub.add_parser("match", parents=g)   # offline matching (cmd_match.py, issue 16)
    mt.add_argument("--case", metavar="CODE")
    mt.add_argument("--all", action="store_true")
    mt.add_argument("--json", action="store_true")
    mt.add_argument("folder", metavar="FOLDER")
    tk = sub.add_parser("takedown", parents=g).add_subparsers(  # cmd_takedown.py
        dest="action", required=True, parser_class=_Parser).add_parser("packet", parents=g)
    tk.add_argument("--case", required=True, metavar="CODE")
    tk.add_argument("--platform", required=True, metavar="ID")
    tk.add_argument("--out", required=True, metavar="DIR")
    tk.add_argument("--override-consent", metavar="REASON")
    tk.add_argument("--json", action="store_true")
    return p


def _dispatch(args: argparse.Namespace, lang: str, frontends: Frontends) -> int:
    if args.version:
        from desktop.version import version

        print(f"donghaeng {version()}")
        return 0
    if args.self_test:
        from desktop import selftest

        return selftest.run(options.resolve_home(args) if getattr(args, "home", None) else None,
                            gui_check=frontends.gui_check)
    cmd = args.command
    if cmd is None:
        if frontends.gui is None:
            raise UserError("명령줄 오류: 명령이 없습니다 (앱은 `donghaeng`으로 시작합니다)",
                            "command-line error: no command (the app starts with `donghaeng`)")
        return frontends.gui(options.resolve_home(args), lang=getattr(args, "lang", None),
                             worker=getattr(args, "worker", None))
    if cmd == "forms":
        from desktop.cli import cmd_forms

        return cmd_forms.run(args, lang)
    if cmd == "verify":
        from desktop.cli import cmd_export

        return cmd_export.verify(args, lang)
    if cmd == "demo":
        from desktop.cli import cmd_vault

        return cmd_vault.demo(args, lang)
    if cmd == "vault":
        from desktop.cli import cmd_vault

        return cmd_vault.run(args, lang)
    if cmd in ("record", "attach"):
        from desktop.cli import cmd_record

        return cmd_record.run(args, lang)
    if cmd == "evidence" or (cmd == "audit" and args.action in ("anchors", "proof")):
        from desktop.cli import cmd_anchors

        return cmd_anchors.run(args, lang)
    if cmd == "audit":
        from desktop.cli import cmd_vault

        return cmd_vault.audit(args, lang)
    if cmd == "stats":
        from desktop.cli import cmd_stats

        return cmd_stats.run(args, lang)
    if cmd == "sync":
        from desktop.cli import cmd_sync

        return cmd_sync.run(args, lang)
    if cmd == "notes":
        from desktop.cli import cmd_desk

        return cmd_desk.notes(args, lang)
    if cmd == "desk":
        from desktop.cli import cmd_desk

        return cmd_desk.run(args, lang)
    if cmd == "exports":
        from desktop.cli import cmd_exports

        return cmd_exports.run(args, lang)
    if cmd in ("export", "cert"):
        from desktop.cli import cmd_export

        return cmd_export.run(args, lang)
    if cmd == "export-renew":
        from desktop.cli import cmd_export

        return cmd_export.renew(args, lang)
    if cmd == "match":
        from desktop.cli import cmd_match

        return cmd_match.run(args, lang)
    if cmd == "takedown":
        from desktop.cli import cmd_takedown

        return cmd_takedown.run(args, lang)
    raise UserError(f"알 수 없는 명령: {cmd}", f"unknown command: {cmd}")


def main(argv: list[str] | None = None, *, frontends: Frontends = CLI_ONLY) -> int:
    """The command line. The GUI and the self-test's GUI step come from `frontends`, which
    only the launcher above desktop/ and ui/ fills in (donghaeng.launcher)."""
    options.take_env_secrets()
    argv = sys.argv[1:] if argv is None else argv
    lang = "en" if _lang_hint(argv) == "en" else None
    try:
        args = build_parser().parse_args(argv)
        lang = options.resolve_lang(args)
        return _dispatch(args, lang, frontends)
    except KeyboardInterrupt:
        print("중단됨" if lang != "en" else "interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_FAIL
    except Exception as exc:  # the one place that turns errors into messages
        lang = lang or "ko"
        text = describe(exc, lang)
        if text is None:
            text = _unexpected(exc, lang)
        print(text, file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, UserError) and "command-line" in str(exc) else EXIT_FAIL


def _lang_hint(argv: list[str]) -> str | None:
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return None


def _unexpected(exc: BaseException, lang: str) -> str:
    # No traceback (it could carry record content); the type names the bug for a developer.
    # Known kinds of bad input get their own line before the catch-all "internal error".
    en = lang == "en"
    kind = type(exc).__name__
    if isinstance(exc, OSError):
        detail = exc.strerror or kind
        names = [str(n) for n in (exc.filename, exc.filename2) if n]
        where = f": {' → '.join(names)}" if names else ""
        return f"file error{where} ({detail})" if en else f"파일 오류{where} ({detail})"
    if isinstance(exc, MemoryError):
        return "out of memory" if en else "메모리가 부족합니다"
    if isinstance(exc, UnicodeError):
        # e.g. a lone surrogate from a JSON "\ud800" or from bytes argv could not decode
        return ("text that is not valid Unicode (a lone surrogate or undecodable bytes) "
                "cannot be stored; nothing was changed" if en else
                "올바른 유니코드가 아닌 글자(짝 없는 서로게이트 등)는 저장할 수 없습니다; "
                "아무것도 바뀌지 않았습니다")
    if isinstance(exc, RecursionError):
        return ("the input is nested too deeply; nothing was changed" if en else
                "입력이 너무 깊게 중첩되어 있습니다; 아무것도 바뀌지 않았습니다")
    return (f"internal error ({kind}); nothing was changed by the failed step"
            if en else f"내부 오류 ({kind}); 실패한 단계는 아무것도 바꾸지 않았습니다")
