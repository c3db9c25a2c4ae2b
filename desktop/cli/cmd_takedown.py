"""`donghaeng takedown packet --case CODE --platform ID --out DIR [--override-consent REASON]
[--json]`: the hash packet for one platform (desktop/takedown_packet.py)."""
from __future__ import annotations

import json
from pathlib import Path

from desktop.cli.session import opened_vault
from desktop.errors import UserError


def run(args, lang: str) -> int:
    if args.action != "packet":
        raise UserError(f"알 수 없는 명령: takedown {args.action}",
                        f"unknown command: takedown {args.action}")
    from desktop import form_registry
    from desktop.takedown_packet import make_packet

    out = Path(args.out)
    if out.exists() or out.is_symlink():   # before the passphrase: bad input fails at once
        raise UserError(f"대상 폴더가 이미 있습니다: {out}", f"the target already exists: {out}")
    with opened_vault(args, lang) as vault:
        res = make_packet(vault, form_registry.for_vault(vault), args.case, args.platform, out,
                          override_reason=args.override_consent, lang=lang)
    if args.json:
        print(json.dumps({"out": str(res.out), "packet": res.packet_id, "items": res.items,
                          "files": res.files, "consent": res.consent,
                          "override_reason": res.override_reason}, ensure_ascii=False))
    else:
        print(str(res.out))
    return 0
