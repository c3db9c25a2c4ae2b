"""`donghaeng export`, `cert export` and `verify`."""
from __future__ import annotations

import json
from pathlib import Path

from desktop.cli.session import opened_vault
from desktop.errors import UserError


def run(args, lang: str) -> int:
    if args.command == "cert":
        from desktop.export import export_certificate_pem
        from desktop.export.atomic import write_atomic

        with opened_vault(args, lang) as vault:
            pem = export_certificate_pem(vault)
        write_atomic(Path(args.out), pem)
        print(args.out)
        return 0
    from desktop.export import export_case
    from forms import load_registry

    with opened_vault(args, lang) as vault:
        result = export_case(vault, load_registry(), args.case, args.profile,
                             Path(args.out) if args.out else None,
                             recipient=args.recipient, purpose=args.purpose,
                             override_reason=args.override_consent, lang=lang)
    print(str(result.path))
    return 0


def verify(args, lang: str) -> int:
    from desktop.verify import verify_pdf

    path = Path(args.file)
    if not path.is_file():
        raise UserError(f"파일이 없습니다: {path}", f"no such file: {path}")
    trust = None
    if args.trust:
        tp = Path(args.trust)
        if not tp.is_file():
            raise UserError(f"인증서 파일이 없습니다: {tp}", f"no such certificate file: {tp}")
        trust = tp.read_bytes()
    report = verify_pdf(path, trust_pem=trust)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        print(report.render(lang))
    return 0 if report.ok else 1
