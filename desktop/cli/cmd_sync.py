"""`donghaeng sync …`: enroll this vault, run one round, show what is pending.

Progress goes to stderr; with `--json` stdout holds only the JSON. `sync` exits 0 only
when nothing is left to send, 1 on any error (the message says what and, for a refused
laptop, "ask the center")."""
from __future__ import annotations

import json
import sys

from desktop.cli.session import opened_vault
from desktop.errors import UserError


def run(args, lang: str) -> int:
    action = getattr(args, "action", None)
    if action == "enroll":
        return _enroll(args, lang)
    if action == "status":
        return _status(args, lang)
    if action == "share":
        return _share(args, lang)
    return _round(args, lang)


def progress_printer(lang: str):
    """Progress lines on stderr, in the UI language."""
    def show(ko: str, en: str) -> None:
        print(en if lang == "en" else ko, file=sys.stderr, flush=True)
    return show


def _share(args, lang: str) -> int:
    """Sends what is pending (so every change of the case is sealed and its key held),
    makes the share, and sends it: the teammate's laptops receive the case at their next
    sync."""
    from desktop.syncing.device import DeviceKeys, transport_for
    from desktop.syncing.engine import run_round
    from desktop.syncing.grants import share_case

    progress = progress_printer(lang)

    with opened_vault(args, lang) as vault:
        run_round(vault, progress=progress)
        enrollment = vault.sync_enrollment()
        keys = DeviceKeys.from_enrollment(enrollment)
        with transport_for(enrollment, keys) as tr:
            made = share_case(vault, tr, args.case, args.grantee)
        run_round(vault, progress=progress)
        st = vault.sync_status()
    print(f"shared {args.case} with {args.grantee} ({made} share(s))" if lang == "en" else
          f"{args.case} 사례를 {args.grantee} 님과 공유했습니다 ({made}건)")
    return 1 if st["pending_changes"] else 0


def _enroll(args, lang: str) -> int:
    from desktop.syncing.enroll import enroll, normalize_fingerprint

    fingerprint = args.fingerprint
    if fingerprint is None:
        if not sys.stdin.isatty():
            raise UserError("--fingerprint SHA256 이 필요합니다 (등록 안내문의 서버 지문)",
                            "--fingerprint SHA256 is required (the server fingerprint on the"
                            " enrollment sheet)")
        prompt = ("등록 안내문에 적힌 서버 지문(64자리)을 입력하세요: " if lang != "en" else
                  "type the server fingerprint from the enrollment sheet (64 hex): ")
        fingerprint = input(prompt)
    normalize_fingerprint(fingerprint)
    with opened_vault(args, lang) as vault:
        done = enroll(vault, args.server, args.code, fingerprint)
    if lang == "en":
        print(f"enrolled as {done.worker} ({done.role}); this laptop's fingerprint: "
              f"{done.fingerprint}")
    else:
        print(f"{done.worker} ({done.role}) 으로 등록했습니다; 이 노트북의 지문: {done.fingerprint}")
    print(f"device-fingerprint: {done.fingerprint}")
    return 0


def _status(args, lang: str) -> int:
    with opened_vault(args, lang) as vault:
        st = vault.sync_status()
        enrolled = vault.sync_enrollment() is not None
        form_releases = len(vault.form_releases())
    out = {k: st[k] for k in ("pending_changes", "pending_files", "pending_bytes",
                              "conflicts", "last_seq", "acked", "last_success")}
    out["enrolled"] = enrolled
    out["inbox_waiting"] = st["inbox_waiting"]
    # pulled files whose bytes have not arrived yet (docs/sync.md, "Downloads")
    out["pending_downloads"] = st["pending_downloads"]
    out["pending_download_bytes"] = st["pending_download_bytes"]
    out["form_releases"] = form_releases  # accepted (docs/sync.md, "Form releases")
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
        return 0
    if lang == "en":
        print(f"pending: {out['pending_changes']} changes, {out['pending_files']} files"
              f" ({out['pending_bytes']} bytes); conflicts: {out['conflicts']};"
              f" last success: {out['last_success'] or 'never'}")
    else:
        print(f"보낼 것: 변경 {out['pending_changes']}건, 파일 {out['pending_files']}개"
              f" ({out['pending_bytes']} 바이트); 충돌: {out['conflicts']}건;"
              f" 마지막 성공: {out['last_success'] or '없음'}")
    return 0


def _round(args, lang: str) -> int:
    from desktop.syncing.engine import run_round

    progress = progress_printer(lang)

    with opened_vault(args, lang) as vault:
        result = run_round(vault, progress=progress)
        st = vault.sync_status()
    summary = dict(result.as_dict(), pending_changes=st["pending_changes"],
                   pending_files=st["pending_files"], pending_bytes=st["pending_bytes"],
                   conflicts=st["conflicts"], acked=st["acked"], last_seq=st["last_seq"])
    left = st["pending_changes"] or st["pending_files"]
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    elif lang == "en":
        print(f"sent {result.pushed}, received {result.pulled}; left to send: "
              f"{st['pending_changes']} changes, {st['pending_files']} files")
    else:
        print(f"보냄 {result.pushed}건, 받음 {result.pulled}건; 남은 것: 변경 "
              f"{st['pending_changes']}건, 파일 {st['pending_files']}개")
    if result.refused_lines:
        for ko, en in result.refused_lines:
            why = en if lang == "en" else ko
            print(why, file=sys.stderr)
    return 1 if left or result.refused else 0
