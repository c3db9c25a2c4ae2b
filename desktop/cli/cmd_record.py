"""`donghaeng record put | list | show | purge` and `donghaeng attach`."""
from __future__ import annotations

import json
from pathlib import Path

from desktop.cli.session import opened_vault
from desktop.errors import UserError


def record_summary(rec) -> dict:
    return {"id": rec.id, "form": rec.form, "version": rec.form_version,
            "revision": rec.version, "case": rec.case_code, "author": rec.author,
            "created": rec.created, "updated": rec.updated, "deleted": bool(rec.deleted)}


def attachment_json(att) -> dict:
    return {"id": att.id, "field": att.field, "name": att.name, "size": att.size,
            "sha256": att.sha256, "md5": att.md5, "imported_at": att.imported_at}


def run(args, lang: str) -> int:
    if args.command == "attach":
        return _attach(args, lang)
    action = args.action
    if action == "put":
        return _put(args, lang)
    with opened_vault(args, lang) as vault:
        if action == "list":
            if args.case and vault.get_case(args.case) is None:
                raise UserError(f"사례가 없습니다: {args.case}", f"no such case: {args.case}")
            rows = [record_summary(r) for r in vault.list_records(case_code=args.case)]
            if args.json:
                print(json.dumps(rows, ensure_ascii=False, indent=2))
            else:
                for r in rows:
                    print(f"{r['id']}  {r['form']:<18} {r['case'] or '-':<16} {r['updated']}")
            return 0
        if action == "show":
            rec = _get(vault, args.id)
            vault.audit("view", rec.id)
            out = record_summary(rec)
            out["values"] = rec.values
            out["attachments"] = [attachment_json(a)
                                  for a in vault.list_attachments(record_id=rec.id)
                                  if not getattr(a, "removed", False)]
            if args.json:
                print(json.dumps(out, ensure_ascii=False, indent=2))
            else:
                print(json.dumps(out, ensure_ascii=False, indent=2))
            return 0
        if action == "purge":
            if not args.reason.strip():
                raise UserError("--reason이 비어 있습니다", "--reason is empty")
            if vault.get_case(args.case) is None:
                raise UserError(f"사례가 없습니다: {args.case}", f"no such case: {args.case}")
            vault.purge_case(args.case, args.reason)
            print(f"purged {args.case}" if lang == "en" else f"{args.case} 사례를 파기했습니다")
            return 0
    raise UserError(f"알 수 없는 명령: record {action}", f"unknown command: record {action}")


def _get(vault, record_id: str):
    try:
        rec = vault.get_record(record_id)
    except Exception as exc:
        if getattr(exc, "message", None):
            raise
        rec = None
    if rec is None:
        raise UserError(f"기록이 없습니다: {record_id}", f"no such record: {record_id}")
    return rec


def _put(args, lang: str) -> int:
    from desktop.records_service import load_values_file, put_record
    from forms import load_registry

    path = Path(args.file)
    values = load_values_file(path)
    registry = load_registry()
    with opened_vault(args, lang) as vault:
        ref = put_record(vault, registry, args.form, values, args.case, args.attach)
    print(ref.id)
    return 0


def _attach(args, lang: str) -> int:
    src = Path(args.file)
    if not src.is_file():
        raise UserError(f"첨부 파일이 없습니다: {src}", f"no such file to attach: {src}")
    with opened_vault(args, lang) as vault:
        rec = _get(vault, args.record)
        if args.field:
            from forms import load_registry

            form = load_registry().get(rec.form, rec.form_version)
            kinds = {p: f.type for p, f in form.fields()}
            if args.field not in kinds:
                raise UserError(f"{args.field}: 이 기록의 양식에 없는 필드입니다",
                                f"{args.field}: no such field in this record's form")
            if kinds[args.field] not in ("attachment", "signature"):
                raise UserError(f"{args.field}: 첨부/서명 필드가 아닙니다",
                                f"{args.field}: not an attachment or signature field")
        att = vault.import_attachment(rec.id, src, src.name, field=args.field)
    print(att.sha256)
    return 0
