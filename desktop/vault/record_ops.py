"""The vault's side of the one door: a record operation, files included, in one transaction.

`desktop.records_service` (forms, validation, references) calls `commit_record`; it is the
only way the UI, the CLI and sync change records. Files are encrypted into locked temp
files first (a file that cannot be read fails here, naming it, before anything is
written); then one transaction writes the version, the files' rows, the removals, the
change-log rows, the audit entries, the draft's removal and the operation id; then the
files are renamed into place. A crash before the commit leaves nothing; after it, the next
open finishes the renames.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.vault import attachments, cases, operations, records
from desktop.vault.errors import InvalidInput
from desktop.vault.guard import open_only
from desktop.vault.opened import VaultPart

KINDS = ("create", "edit", "delete", "attach", "detach")


@dataclass(frozen=True)
class NewFile:
    """A file to store with the operation: a path or a binary file object, its display
    name, and the field it fills (None: a file of the record as a whole)."""
    source: Any
    name: str
    field: str | None = None
    # hash-only evidence (issue 16): hashed and decoded in memory, the bytes never written
    hash_only: bool = False
    note: str | None = None


def _result(conn, record_id: str, att_ids: list[str]) -> dict:
    rec = records.get_record(conn, record_id)
    return {"record_id": record_id, "version_id": rec.version_id, "version": rec.version,
            "case_id": rec.case_id, "case_code": rec.case_code, "heads": list(rec.heads),
            "attachments": att_ids}


def _record_step(conn, kind: str, *, form: str | None, form_version: int | None,
                 values: dict | None, case: str | None, record_id: str | None,
                 bases: list[str] | str | None, reason: str | None,
                 op_id: str | None,
                 new_case_prefix: str | None = None) -> Callable[[Any, Any], str]:
    """Check that the operation has what its kind needs (a create: form, form version and
    values; the others: an existing record, and an edit its values) and return the step
    that writes the record's new version inside the transaction: `step(conn, writer)`
    returns the record id."""
    if kind == "create":
        if form is None or form_version is None or values is None:
            raise InvalidInput("새 기록에는 양식, 양식 버전, 값이 모두 필요합니다",
                               "a create operation needs a form, a form version and values")
        def create(c, w) -> str:
            target = case
            if new_case_prefix is not None:
                # A new case exists from its first saved record: its code is taken in the
                # record's transaction, so an abandoned form leaves no empty case behind.
                code = cases.next_code(c, new_case_prefix, date.today().year)
                target = cases.create(c, w, code).id
            return records.put_record(c, w, form, form_version, values, target,
                                      op_id=op_id).id
        return create
    if record_id is None:
        raise InvalidInput(f"이 작업({kind})에는 기록 id가 필요합니다",
                           f"a {kind} operation needs a record id")
    records._latest_row(conn, record_id)
    if kind == "edit":
        if values is None:
            raise InvalidInput("고칠 기록의 값이 없습니다", "an edit operation needs values")

        def edit(c, w) -> str:
            records.update_record(c, w, record_id, values, form_version, bases=bases,
                                  op_id=op_id)
            return record_id
        return edit
    if kind == "delete":
        def delete(c, w) -> str:
            records.delete_record(c, w, record_id, reason, op_id=op_id)
            return record_id
        return delete
    return lambda c, w: record_id  # attach, detach: the files alone


class RecordOpsMixin(VaultPart):
    @open_only
    def commit_record(self, kind: str, *, op_id: str | None = None, form: str | None = None,
                      form_version: int | None = None, values: dict | None = None,
                      case: str | None = None, record_id: str | None = None,
                      bases: list[str] | str | None = None, reason: str | None = None,
                      files: Sequence[NewFile] = (), remove_files: Sequence[str] = (),
                      discard_draft: str | None = None,
                      new_case: bool = False) -> tuple[dict, bool]:
        """One record operation, all of it or nothing. Returns (result, replayed): the
        result names the record, its shown version id, case, heads and new attachment
        ids; `replayed` is True when `op_id` had already been done (nothing was written).
        `new_case` (create only): the record opens a new case with a generated code."""
        if new_case and (kind != "create" or case is not None):
            raise InvalidInput("새 사례는 새 기록과 함께, 사례 없이 요청합니다",
                               "a new case comes with a new record and no case given")
        if kind not in KINDS:
            raise InvalidInput(f"알 수 없는 작업: {kind}", f"unknown operation: {kind}")
        if op_id is not None:
            op_id = operations.check_id(op_id)  # one spelling in the versions and the table
        write_version = _record_step(self._store.conn, kind, form=form,
                                     form_version=form_version, values=values, case=case,
                                     record_id=record_id, bases=bases, reason=reason,
                                     op_id=op_id,
                                     new_case_prefix=self._store.prefix if new_case else None)
        if op_id is not None:  # done already: nothing to stage (write_op checks again inside)
            done = operations.lookup(self._store.conn, op_id, kind)
            if done is not None:
                return done, True
        staged: list[attachments.StagedFile] = []
        try:
            for f in files:
                staged.append(attachments.stage(self.paths.attachments, f.source, f.name,
                                                f.field, hash_only=f.hash_only, note=f.note))

            def run(conn, w) -> dict:
                rid = write_version(conn, w)
                for att_id in remove_files:
                    owner = conn.execute("SELECT record_id FROM attachments WHERE id = ?",
                                         (att_id,)).fetchone()
                    if owner is None or owner[0] != rid:
                        raise InvalidInput(f"이 기록의 파일이 아닙니다: {att_id}",
                                           f"not a file of this record: {att_id}")
                    attachments.remove_in(conn, w, att_id, reason if kind == "detach" else None)
                att_ids = [attachments.commit_staged(conn, w, s, rid).id for s in staged]
                if discard_draft is not None:
                    conn.execute("DELETE FROM drafts WHERE key = ?", (discard_draft,))
                return _result(conn, rid, att_ids)

            result, replayed = self._store.write_op(op_id, kind, run,
                                                    drafts=discard_draft is not None)
        except BaseException:
            for s in staged:
                s.abort()
            raise
        for s in staged:
            s.abort() if replayed else s.finish()
        return result, replayed

    @open_only
    def import_attachment(self, record_id: str, src, name: str,
                          field: str | None = None) -> attachments.Attachment:
        """Encrypt `src` (a path or a binary file object) into the vault, attached to a
        record and optionally one of its fields; SHA-256 and MD5 of the original bytes
        and the import time are stored. The store primitive tests and benchmarks use: an
        "attach" operation without an operation id, so the same one staging path."""
        result, _ = self.commit_record("attach", record_id=record_id,
                                       files=[NewFile(src, name, field)])
        return attachments.by_id(self._store.conn, result["attachments"][0])
