"""Forms meet the vault: validated record writes, references checked against the vault,
and the consent questions export and referral gating ask.

The CLI and the UI both write records through here, so a record is checked the same way
whichever door it comes in by."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.errors import UserError

RESERVED_KEYS = ("id", "form", "case")
FILE_FIELD_TYPES = ("attachment", "signature")


def load_values_file(path: Path) -> dict:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"파일을 읽을 수 없습니다: {path} ({exc.strerror})",
                        f"cannot read the file: {path} ({exc.strerror})") from None
    try:
        values = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = f" (line {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise UserError(f"올바른 JSON이 아닙니다: {path}{where}",
                        f"not valid JSON: {path}{where}") from None
    if not isinstance(values, dict):
        raise UserError("JSON은 필드 값 객체({...})여야 합니다",
                        "the JSON must be an object of field values ({...})")
    bad = [k for k in RESERVED_KEYS if k in values]
    if bad:
        raise UserError(
            "",
            lines=[(f"'{k}' 키는 넣을 수 없습니다: 앱이 정합니다 (--form, --case를 쓰세요)",
                    f"key '{k}' is not allowed: the app sets it (use --form, --case)")
                   for k in bad])
    return values


@dataclass(frozen=True)
class PendingFile:
    field: str
    path: Path


def parse_attach_options(items: list[str], form) -> list[PendingFile]:
    """`FIELD=FILE` pairs, checked before anything is written."""
    file_fields = {path for path, f in form.fields() if f.type in FILE_FIELD_TYPES}
    out, problems = [], []
    for item in items:
        field, sep, file = item.partition("=")
        if not sep or not field or not file:
            problems.append((f"--attach는 FIELD=FILE 형식입니다: {item}",
                             f"--attach takes FIELD=FILE: {item}"))
            continue
        if field not in file_fields:
            problems.append((f"{field}: 이 양식의 첨부/서명 필드가 아닙니다",
                             f"{field}: not an attachment or signature field of this form"))
            continue
        p = Path(file)
        if not p.is_file():
            problems.append((f"첨부 파일이 없습니다: {file}", f"no such file to attach: {file}"))
            continue
        out.append(PendingFile(field, p))
    if problems:
        raise UserError("", lines=problems)
    return out


def signed_fields(vault, record_id: str) -> set[str]:
    """Signature (and other file) fields of a record that hold a live attachment."""
    return {a.field for a in vault.list_attachments(record_id=record_id)
            if a.field and not getattr(a, "removed", False)}


def validation_context(vault, today: date | None = None, case: str | None = None):
    from forms import RefRecord, ValidationContext

    def lookup(record_id: str):
        try:
            rec = vault.get_record(record_id)
        except Exception:  # unknown id, malformed id: the validator reports "not found"
            return None
        if rec is None or rec.deleted:
            return None
        fields = signed_fields(vault, rec.id)
        return RefRecord(id=rec.id, form=rec.form, case=rec.case_code, values=rec.values,
                         signed="signature" in fields, signed_fields=frozenset(fields))

    # attached=None: attachment and signature fields may be filled later (`attach --field`).
    return ValidationContext(today=today or date.today(), lookup_record=lookup, case=case)


def problems_error(problems, lang_hint: str = "ko") -> UserError:
    return UserError("", lines=[(f"{p.path}: {p.message_ko}" if p.path else p.message_ko,
                                 f"{p.path}: {p.message_en}" if p.path else p.message_en)
                                for p in problems])


def put_record(vault, registry, form_id: str, values: dict, case_code: str | None,
               attach: list[str] | tuple = (), today: date | None = None):
    """Validate, then write the record and its files; nothing is written if anything fails
    validation. Returns the vault's record reference."""
    try:
        form = registry.latest(form_id)
    except KeyError:
        raise UserError(f"알 수 없는 양식: {form_id}", f"unknown form: {form_id}") from None
    if form.case_bound and not case_code:
        raise UserError(f"'{form_id}' 양식은 --case CODE가 필요합니다",
                        f"form '{form_id}' needs --case CODE")
    files = parse_attach_options(list(attach), form)
    from forms import validate

    problems = validate(form, values, validation_context(vault, today, case_code))
    if problems:
        raise problems_error(problems)
    ref = vault.put_record(form.id, form.version, values, case_code=case_code)
    for pending in files:
        vault.import_attachment(ref.id, pending.path, pending.path.name, field=pending.field)
    return ref
