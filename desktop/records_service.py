"""The one door for every change to records: create, edit, attach, replace or remove a file,
delete, purge. The UI, the CLI, the demo and (next) sync all come through here.

Each operation is validated against the forms (references resolved in the vault), then
committed by the vault as one transaction with its files (`Vault.commit_record`): all of it
or nothing, no record without its file, no orphan file. Each may carry an operation id, so
that a retry after a crash or a double click is a no-op that returns the first result. An
edit names the version(s) it started from; if that is no longer the latest, the edit is
kept as a second head, never lost and never silently overwriting.

Records written under an older form version are migrated **on read** (`open_for_edit`); a
migrated version is written only when a person saves an edit, so two laptops and the desk
never each write a migration of one shared record as rival versions.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from desktop.errors import UserError
from desktop.vault import NewFile, Record

RESERVED_KEYS = ("id", "form", "case")
MAX_VALUES_FILE = 8 * 1024 * 1024  # a record's values; docs/operations.md lists the caps


def load_values_file(path: Path) -> dict:
    # Read at most the cap plus one byte: `/dev/zero` must not grow memory forever.
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_VALUES_FILE + 1)
    except OSError as exc:
        raise UserError(f"파일을 읽을 수 없습니다: {path} ({exc.strerror})",
                        f"cannot read the file: {path} ({exc.strerror})") from None
    if len(raw) > MAX_VALUES_FILE:
        raise UserError(f"값 파일이 너무 큽니다 (최대 8 MiB): {path}",
                        f"the values file is too large (at most 8 MiB): {path}")
    try:
        values = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = f" (line {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise UserError(f"올바른 JSON이 아닙니다: {path}{where}",
                        f"not valid JSON: {path}{where}") from None
    except RecursionError:
        raise UserError(f"JSON이 너무 깊게 중첩되어 있습니다: {path}",
                        f"the JSON is nested too deeply: {path}") from None
    except ValueError:
        # Python refuses integers of more than 4,300 digits (a ValueError, not a
        # JSONDecodeError): no field takes such a number.
        raise UserError(f"JSON의 숫자가 너무 깁니다 (4,300자리 초과): {path}",
                        f"a number in the JSON is too long (over 4,300 digits): {path}") from None
    if _has_lone_surrogate(values):
        # "\ud800" parses but cannot be stored or encoded as UTF-8 later
        raise UserError(f"JSON 문자열에 짝 없는 서로게이트(\\ud800 등)가 있습니다: {path}",
                        f"a JSON string holds a lone surrogate (such as \\ud800): {path}")
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


def _has_lone_surrogate(value: object) -> bool:
    # iterative: the nesting json.loads accepted must not overflow the stack here
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def parse_attach_options(items: Iterable[str], form) -> list[NewFile]:
    """`FIELD=FILE` pairs, checked before anything is written."""
    file_fields = _file_fields(form)
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
        out.append(NewFile(p, p.name, field))
    if problems:
        raise UserError("", lines=problems)
    return out


def _file_fields(form) -> set[str]:
    """Paths of the fields whose values are files (attachment, signature): the type
    registry says which types store files."""
    from forms.field_types import stored

    return {path for path, f in form.fields() if stored(f) == "file"}


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


def problems_error(problems) -> UserError:
    return UserError("", lines=[(f"{p.path}: {p.message_ko}" if p.path else p.message_ko,
                                 f"{p.path}: {p.message_en}" if p.path else p.message_en)
                                for p in problems])


class Invalid(UserError):
    """Validation found problems; `problems` keeps them for the screen to mark fields."""

    def __init__(self, problems: list):
        err = problems_error(problems)
        super().__init__("", lines=err.lines)
        self.problems = problems


@dataclass(frozen=True)
class Saved:
    """What an operation did: the record, its shown version, its case and heads (two or
    more: versions to reconcile), the files it stored; `replayed` if the operation id had
    already been done (nothing new was written)."""
    id: str
    version_id: str
    case_code: str | None
    heads: tuple[str, ...]
    attachments: tuple[str, ...] = ()
    replayed: bool = False

    @property
    def conflict(self) -> bool:
        return len(self.heads) > 1


def _saved(result: dict, replayed: bool) -> Saved:
    return Saved(result["record_id"], result["version_id"], result["case_code"],
                 tuple(result["heads"]), tuple(result["attachments"]), replayed)


@dataclass(frozen=True)
class EditStart:
    """What an editor starts from: the record as shown, its values carried to the latest
    form version (`migrated` if that changed anything), and the base version id(s) the
    edit will name."""
    record: Record
    form: Any
    values: dict
    bases: tuple[str, ...]
    migrated: bool


class RecordsService:
    def __init__(self, vault, registry=None, today: date | None = None):
        if registry is None:
            from desktop import form_registry

            registry = form_registry.for_vault(vault)
        self.vault, self.registry, self.today = vault, registry, today

    # -- reading for an edit --------------------------------------------------------------
    def form_of(self, form_id: str):
        try:
            return self.registry.latest(form_id)
        except KeyError:
            raise UserError(f"알 수 없는 양식: {form_id}", f"unknown form: {form_id}") from None

    def open_for_edit(self, record_id: str, version_id: str | None = None) -> EditStart:
        rec = self.vault.get_record(record_id, version_id)
        form = self.form_of(rec.form)
        values = rec.values
        if rec.form_version != form.version:
            from forms.migrate import migrate

            values = migrate(values, self.registry.get(rec.form, rec.form_version), form,
                             self.registry)
        base = (rec.version_id,)
        return EditStart(replace(rec, values=values), form, values, base,
                         rec.form_version != form.version)

    # -- writing --------------------------------------------------------------------------
    def problems(self, form, values: dict, case: str | None = None,
                 attached: Iterable[str] | None = None) -> list:
        """What a save of `values` would be refused for (the editor's live check asks the
        same question the save does): references and consent resolved in the vault;
        `attached`, the file fields that hold a file (None: not checked)."""
        from forms import validate

        ctx = validation_context(self.vault, self.today, case)
        if attached is not None:
            ctx.attached = frozenset(attached)
        return validate(form, values, ctx)

    def _validate(self, form, values: dict, case: str | None,
                  attached: Iterable[str] | None) -> None:
        problems = self.problems(form, values, case, attached)
        if problems:
            raise Invalid(problems)

    def _check_files(self, form, files: Sequence[NewFile]) -> None:
        file_fields = _file_fields(form)
        for f in files:
            if f.field is not None and f.field not in file_fields:
                raise UserError(f"{f.field}: 이 양식의 첨부/서명 필드가 아닙니다",
                                f"{f.field}: not an attachment or signature field of this form")

    def create(self, form_id: str, values: dict, *, case: str | None = None,
               files: Sequence[NewFile] = (), op_id: str | None = None,
               attached: Iterable[str] | None = None,
               discard_draft: str | None = None, new_case: bool = False) -> Saved:
        """A new record of the latest version of `form_id` (with its files), in `case`
        (created if it is a new code), or with `new_case` in a new case with a generated
        code, made in the same transaction (a case exists from its first saved record)."""
        form = self.form_of(form_id)
        if form.case_bound and not case and not new_case:
            raise UserError(f"'{form_id}' 양식은 사례(--case CODE)가 필요합니다",
                            f"form '{form_id}' needs a case (--case CODE)")
        self._check_files(form, files)
        case_ref = case
        if case:
            found = self.vault.get_case(case)
            case = found.code if found is not None else case
        self._validate(form, values, case, attached)
        result, replayed = self.vault.commit_record(
            "create", op_id=op_id, form=form.id, form_version=form.version, values=values,
            case=case_ref, files=files, discard_draft=discard_draft, new_case=new_case)
        return _saved(result, replayed)

    def edit(self, record_id: str, values: dict, *, base: Sequence[str] | str | None = None,
             files: Sequence[NewFile] = (), remove_files: Sequence[str] = (),
             op_id: str | None = None, attached: Iterable[str] | None = None,
             discard_draft: str | None = None) -> Saved:
        """A new version with the record's complete `values` for the latest form version,
        descending from `base` (default: the single head; refused, naming the heads, if
        there are several). Files added and removed in the same transaction."""
        rec = self.vault.get_record(record_id)
        if rec.deleted:
            from desktop.vault import RecordNotFound

            raise RecordNotFound(record_id)
        form = self.form_of(rec.form)
        self._check_files(form, files)
        self._validate(form, values, rec.case_code, attached)
        result, replayed = self.vault.commit_record(
            "edit", op_id=op_id, record_id=record_id, form_version=form.version,
            values=values, bases=base, files=files, remove_files=remove_files,
            discard_draft=discard_draft)
        return _saved(result, replayed)

    def attach(self, record_id: str, *files: NewFile, replace_files: Sequence[str] = (),
               op_id: str | None = None) -> Saved:
        """Store files with a record (each optionally in one of its fields), replacing
        others in the same transaction (a new signature over the old one)."""
        rec = self.vault.get_record(record_id)
        form = self.registry.get(rec.form, rec.form_version)
        kinds = {p: f.type for p, f in form.fields()}
        for file in files:
            if file.field is not None and file.field not in kinds:
                raise UserError(f"{file.field}: 이 기록의 양식에 없는 필드입니다",
                                f"{file.field}: no such field in this record's form")
        self._check_files(form, files)
        result, replayed = self.vault.commit_record(
            "attach", op_id=op_id, record_id=record_id, files=files,
            remove_files=replace_files)
        return _saved(result, replayed)

    def remove_file(self, record_id: str, att_id: str, reason: str | None = None, *,
                    op_id: str | None = None) -> Saved:
        result, replayed = self.vault.commit_record(
            "detach", op_id=op_id, record_id=record_id, remove_files=[att_id], reason=reason)
        return _saved(result, replayed)

    def delete(self, record_id: str, reason: str | None = None, *,
               op_id: str | None = None) -> Saved:
        result, replayed = self.vault.commit_record("delete", op_id=op_id,
                                                    record_id=record_id, reason=reason)
        return _saved(result, replayed)

    def purge_case(self, case: str, reason: str) -> None:
        if not isinstance(reason, str) or not reason.strip():
            raise UserError("파기 사유가 비어 있습니다", "the reason for the purge is empty")
        if self.vault.get_case(case) is None:
            raise UserError(f"사례가 없습니다: {case}", f"no such case: {case}")
        self.vault.purge_case(case, reason)


def put_record(vault, registry, form_id: str, values: dict, case_code: str | None,
               attach: Sequence[str] = (), today: date | None = None,
               op_id: str | None = None) -> Saved:
    """`record put`: validate, then write the record and its `FIELD=FILE` files in one
    transaction; nothing is written if anything fails."""
    service = RecordsService(vault, registry, today)
    files = parse_attach_options(list(attach), service.form_of(form_id))
    return service.create(form_id, values, case=case_code, files=files, op_id=op_id)
