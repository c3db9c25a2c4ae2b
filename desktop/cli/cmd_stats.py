"""`donghaeng stats export --out FILE.csv|FILE.xlsx [--by worker|team|none] [--json]`: the
vault's statistic fields as aggregate tables, small counts shown as "<5"
(desktop/statistics_export.py). On a worker's vault: their own figures (and those of the
shared cases it holds); on the center's desk: the organisation's."""
from __future__ import annotations

import json
from pathlib import Path

from desktop.cli.session import opened_vault
from desktop.errors import UserError


def run(args, lang: str) -> int:
    if args.action != "export":
        raise UserError(f"알 수 없는 명령: stats {args.action}", f"unknown command: stats {args.action}")
    from desktop import form_registry
    from desktop.statistics_files import check_target, export_statistics

    out = Path(args.out)
    check_target(out)  # before the passphrase and the unlock: bad input fails at once
    with opened_vault(args, lang) as vault:
        export = export_statistics(vault, form_registry.for_vault(vault), out, by=args.by, lang=lang)
    if args.json:
        print(json.dumps({"out": str(out), "by": args.by, "tables": len(export.tables),
                          "groups": export.groups}, ensure_ascii=False))
    else:
        print(str(out))
    return 0
