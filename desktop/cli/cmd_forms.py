"""`donghaeng forms list | check [DIR] | example ID` — no worker, no passphrase."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop.errors import UserError


def run(args, lang: str) -> int:
    if args.action == "check":
        from forms.lint import check_dir
        from forms.loader import DEFINITIONS_DIR

        folder = Path(args.dir) if args.dir else DEFINITIONS_DIR
        if not folder.is_dir():
            raise UserError(f"폴더가 없습니다: {folder}", f"no such folder: {folder}")
        problems = check_dir(folder, lang=lang)
        for line in problems:
            print(line)
        if not problems:
            print("forms: OK" if lang == "en" else "양식 검사: 문제 없음")
        return 1 if problems else 0

    from forms import load_registry

    registry = load_registry()
    if args.action == "list":
        rows: list[dict[str, Any]] = [{"id": f.id, "version": f.version, "title": dict(f.title)}
                for f in registry.all_latest()]
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            for row in rows:
                print(f"{row['id']:<20} v{row['version']}  {row['title'][lang]}")
        return 0
    # example
    from forms.examples import example

    try:
        registry.latest(args.id)
    except KeyError:
        raise UserError(f"알 수 없는 양식: {args.id}", f"unknown form: {args.id}") from None
    print(json.dumps(example(args.id), ensure_ascii=False, indent=2))
    return 0
