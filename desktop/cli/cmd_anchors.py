"""`donghaeng evidence proof --attachment ID --out DIR`, `donghaeng audit anchors [--json]`
and `donghaeng audit proof --anchor N --out DIR`: evidence anchoring's proofs
(desktop/anchor_proof.py; docs/security.md 3.11)."""
from __future__ import annotations

import json

from desktop.cli.session import opened_vault


def run(args, lang: str) -> int:
    from desktop import anchor_proof

    with opened_vault(args, lang) as vault:
        if args.command == "evidence":
            print(str(anchor_proof.export_evidence(vault, args.attachment, args.out)))
            return 0
        if args.action == "proof":
            print(str(anchor_proof.export_audit(vault, args.anchor, args.out)))
            return 0
        rows = vault.anchors()
        pending = vault.pending_anchor_count()
    if args.json:
        print(json.dumps({"anchors": [a.as_json() for a in rows], "pending_evidence": pending},
                         ensure_ascii=False, indent=2))
        return 0
    en = lang == "en"
    if not rows:
        print("no anchors yet (made at each online sync)" if en else
              "아직 고정된 것이 없습니다 (온라인 동기화 때마다 만듭니다)")
    for a in rows:
        print(f"{a.n:>4}  {a.tsa_time}  audit {a.audit_count} {a.audit_hash[:16]}…  "
              f"leaves {a.tree_size}")
    if pending:
        print(f"{pending} evidence file(s) wait for the next online sync" if en else
              f"증거 {pending}건이 다음 온라인 동기화를 기다립니다")
    return 0
