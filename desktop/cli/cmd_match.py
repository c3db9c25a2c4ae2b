"""`donghaeng match (--case CODE | --all) FOLDER [--json]`: which evidence items each file of
FOLDER matches (desktop/matching.py). Progress goes to stderr; with --json stdout holds only
the issue's list, one entry per file looked at. Nothing from FOLDER enters the vault."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from desktop.cli.session import opened_vault
from desktop.errors import UserError


def _progress(lang: str):
    en = lang == "en"

    def show(done: int, total: int, name: str, kind: str) -> None:
        if kind == "video-skipped":
            print(f"{name}: video skipped: add-on not installed" if en else
                  f"{name}: 동영상 건너뜀: 추가 기능이 설치되지 않았습니다", file=sys.stderr)
        elif kind == "unreadable":
            print(f"{name}: cannot be read, skipped" if en else
                  f"{name}: 읽을 수 없어 건너뜀", file=sys.stderr)
        width = 30
        bar = "#" * (width * done // max(total, 1))
        end = "\n" if done == total else ""
        print(f"\r[{bar:<{width}}] {done}/{total}", end=end, file=sys.stderr, flush=True)
    return show


def _line(entry: dict, lang: str) -> str:
    en = lang == "en"
    if not entry["matches"]:
        return f"{entry['file']}: " + ("no match" if en else "일치 없음")
    parts = []
    for m in entry["matches"]:
        exact = (" exact" if en else " 완전 일치") if m["exact"] else ""
        parts.append(f"{m['case'] or '-'} {m['record']} {m['attachment']} "
                     f"({'distance' if en else '거리'} {m['distance']}{exact})")
    return f"{entry['file']}: " + "; ".join(parts)


def run(args, lang: str) -> int:
    folder = Path(args.folder)
    if not folder.is_dir():
        raise UserError(f"폴더가 아닙니다: {folder}", f"not a folder: {folder}")
    if bool(args.all) == bool(args.case):
        raise UserError("명령줄 오류: --case CODE 또는 --all 중 하나를 주세요",
                        "command-line error: give either --case CODE or --all")
    from desktop import matching

    try:
        from desktop.video_addon import decoder
        video = decoder()
    except ImportError:
        video = None
    with opened_vault(args, lang) as vault:
        if args.case:
            if vault.get_case(args.case) is None:
                raise UserError(f"사례가 없습니다: {args.case}", f"no such case: {args.case}")
        stored = matching.stored_hashes(vault, None if args.all else args.case)
    results = []
    for entry in matching.match_folder(stored, folder, video_decoder=video,
                                       progress=_progress(lang)):
        results.append(entry)
        if not args.json:
            print(_line(entry, lang), flush=True)
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
    return 0
