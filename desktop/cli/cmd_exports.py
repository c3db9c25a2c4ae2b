"""`donghaeng exports [--json]` (the exports this vault made, newest first) and
`donghaeng exports save ID --out FILE.pdf` (the stored copy written again, byte for byte).
A command of its own: `export` already takes --case/--profile and cannot gain subcommands
without breaking it."""
from __future__ import annotations

import json

from desktop.cli.session import opened_vault


def run(args, lang: str) -> int:
    from desktop.export import kept as kept_exports

    with opened_vault(args, lang) as vault:
        if getattr(args, "action", None) == "save":
            kept, target = kept_exports.save_again(vault, args.id, args.out)
            print(str(target))
            return 0
        rows = vault.list_exports()
    if args.json:
        print(json.dumps([kept_exports.as_json(k) for k in rows], ensure_ascii=False,
                         indent=2))
        return 0
    if not rows:
        print("no exports yet" if lang == "en" else "아직 내보낸 것이 없습니다")
    for k in rows:
        print(f"{k.id}  {k.made_at[:16].replace('T', ' ')}  {k.case_code:<16} "
              f"{k.profile:<9} {k.recipient or '-'}  {kept_exports.state_text(k, lang)}")
    return 0
