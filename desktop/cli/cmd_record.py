"""`donghaeng record put | list | show | purge` and `donghaeng attach`."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from desktop.cli.session import opened_vault
from desktop.errors import UserError


def record_summary(rec) -> dict:
    return {"id": rec.id, "form": rec.form, "version": rec.form_version,
            "revision": rec.version, "case": rec.case_code, "author": rec.author,
            "created": rec.created, "updated": rec.updated, "deleted": bool(rec.deleted),
            "heads": len(rec.heads)}


def attachment_json(att) -> dict:
    out = {"id": att.id, "field": att.field, "name": att.name, "size": att.size,
           "sha256": att.sha256, "md5": att.md5, "imported_at": att.imported_at,
           "media_type": att.media_type, "hash_only": att.hash_only}
    if att.pdq is not None:  # anything that decoded as an image
        out.update(pdq=att.pdq, pdq_quality=att.pdq_quality)
    if att.media_type and att.media_type.startswith("video/"):
        out["vpdq_frames"] = len(att.vpdq) if att.vpdq is not None else None  # None: no add-on
    if att.note is not None:
        out["note"] = att.note
    if att.file_mtime or att.taken_at:
        out.update(file_mtime=att.file_mtime, taken_at=att.taken_at)
    return out


def run(args, lang: str) -> int:
    if args.command == "attach":
        return _attach(args, lang)
    action = args.action
    if action == "put":
        return _put(args, lang)
    if action == "edit":
        return _edit(args, lang)
    with opened_vault(args, lang) as vault:
        if action == "list":
            if args.case and vault.get_case(args.case) is None:
                raise UserError(f"사례가 없습니다: {args.case}", f"no such case: {args.case}")
            labels: dict[str | None, str | None] = {None: None}

            def label(case_id: str | None) -> str | None:
                # CODE, or CODE·worker where two workers' cases share a code
                if case_id not in labels:
                    case = vault.get_case(case_id)
                    labels[case_id] = vault.case_label(case) if case else None
                return labels[case_id]
            rows = []
            for rec in vault.list_records(case_code=args.case):
                row = record_summary(rec)
                row["case_id"], row["case_label"] = rec.case_id, label(rec.case_id)
                rows.append(row)
            if args.json:
                print(json.dumps(rows, ensure_ascii=False, indent=2))
            else:
                for r in rows:
                    print(f"{r['id']}  {r['form']:<18} {r['case_label'] or '-':<16} "
                          f"{r['updated']}")
            return 0
        if action == "show":
            rec = _get(vault, args.id)
            vault.audit_view(f"record:{rec.id}")
            out = record_summary(rec)
            out.update({"version_id": rec.version_id, "parents": list(rec.parents),
                        "heads": list(rec.heads), "conflict": rec.conflict,
                        "values": rec.values})
            out["attachments"] = [attachment_json(a)
                                  for a in vault.list_attachments(record_id=rec.id)
                                  if not getattr(a, "removed", False)]
            delivery = vault.delivery_of_record(rec.id)  # None: not enrolled, sync is off
            out["delivery"] = delivery.as_json() if delivery is not None else None
            if args.json:
                print(json.dumps(out, ensure_ascii=False, indent=2))
            else:
                print(json.dumps(out, ensure_ascii=False, indent=2))
            return 0
        if action == "purge":
            from desktop.records_service import RecordsService

            if not args.reason.strip():
                raise UserError("--reason이 비어 있습니다", "--reason is empty")
            RecordsService(vault).purge_case(args.case, args.reason)
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
    from desktop import form_registry
    from desktop.records_service import load_values_file, put_record

    values = load_values_file(Path(args.file))
    with opened_vault(args, lang) as vault:
        # the shipped forms and the releases this vault accepted (new versions for new
        # records)
        saved = put_record(vault, form_registry.for_vault(vault), args.form, values,
                           args.case, args.attach, op_id=args.op_id)
    print(saved.id)
    return 0


def _edit(args, lang: str) -> int:
    """`record edit ID [--base VERSION_ID]... [--op-id UUID] FILE.json`: FILE holds the
    record's complete values; prints the new version id (a stale --base keeps both sides:
    the record then has two heads, shown by `record show`)."""
    from desktop.records_service import RecordsService, load_values_file

    values = load_values_file(Path(args.file))
    with opened_vault(args, lang) as vault:
        _get(vault, args.id)
        saved = RecordsService(vault).edit(args.id, values, base=args.base, op_id=args.op_id)
    if saved.conflict:
        print(f"이 기록에 정리할 버전이 {len(saved.heads)}개 있습니다: {', '.join(saved.heads)}"
              if lang != "en" else
              f"this record now has {len(saved.heads)} versions to reconcile: "
              f"{', '.join(saved.heads)}", file=sys.stderr)
    print(saved.version_id)
    return 0


def _attach(args, lang: str) -> int:
    from desktop.records_service import RecordsService
    from desktop.vault import NewFile

    src = Path(args.file)
    if not src.is_file():
        raise UserError(f"첨부 파일이 없습니다: {src}", f"no such file to attach: {src}")
    if args.note is not None and not args.hash_only:
        raise UserError("--note는 --hash-only와 함께 씁니다", "--note goes with --hash-only")
    with opened_vault(args, lang) as vault:
        rec = _get(vault, args.record)
        saved = RecordsService(vault).attach(rec.id, NewFile(
            src, src.name, args.field, hash_only=args.hash_only, note=args.note))
        att = vault.get_attachment(saved.attachments[0])
    print(att.sha256)
    return 0
