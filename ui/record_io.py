"""What the record editor writes to the vault, apart from its widgets: the draft payload
(and restoring one), and the save operation run on the vault worker through the records
service (one door, one transaction with the files, an operation id, the draft dropped in
the same transaction)."""
from __future__ import annotations

import base64
import datetime as dt
import uuid
from pathlib import Path

from ui.file_field_editors import AttachmentEditor, SignatureEditor

DRAFT_FORMAT = 1


def new_draft_key() -> str:
    return "new:" + uuid.uuid4().hex


def edit_draft_key(record_id: str) -> str:
    return "edit:" + record_id


def draft_payload(editor) -> dict:
    """Everything typed in `editor` (a RecordEditor), hidden fields and pending files
    included, so nothing typed is lost."""
    sigs, photos, files = {}, {}, {}
    for fid, ed in editor.view.file_editors().items():
        if isinstance(ed, SignatureEditor):
            pending = ed.pending()
            if pending is not None:
                _name, data = pending
                if isinstance(data, Path):
                    photos[fid] = str(data)
                else:
                    sigs[fid] = base64.b64encode(data).decode("ascii")
        elif isinstance(ed, AttachmentEditor) and ed.pending:
            files[fid] = [str(p) for p in ed.pending]
    return {"format": DRAFT_FORMAT, "form": editor.form.id,
            "form_version": editor.form.version, "case": editor.case_code,
            "record_id": editor.record_id, "bases": editor.bases,
            "base_version": editor.legacy_base, "op_id": editor.op_id,
            "values": editor.view.all_values(),
            "signatures": sigs, "photos": photos, "files": files,
            "privacy": editor.privacy.isChecked(),
            "saved_at": dt.datetime.now().astimezone().isoformat(timespec="seconds")}


def restore_draft(view, draft: dict) -> None:
    view.set_values(draft.get("values") or {})
    for fid, ed in view.file_editors().items():
        if isinstance(ed, SignatureEditor):
            b64 = (draft.get("signatures") or {}).get(fid)
            ed.restore_pending(base64.b64decode(b64) if b64 else None,
                               (draft.get("photos") or {}).get(fid))
        elif isinstance(ed, AttachmentEditor):
            ed.add_pending([Path(p) for p in (draft.get("files") or {}).get(fid, [])
                            if Path(p).exists()])
    view.refresh()


def save_op(session, form, values: dict, *, case, record_id, bases, legacy_base, op_id,
            attached, signatures: dict, files: dict, replaced: list, draft_key: str,
            new_case: bool):
    """The operation (for `session.submit`) that saves a new record or a new version:
    returns (problems, None) when the records service refuses it, else ([], saved)."""
    def op(vault):
        import io

        from desktop.records_service import Invalid
        from desktop.vault import NewFile

        new_files = [NewFile(data if isinstance(data, Path) else io.BytesIO(data), name, fid)
                     for fid, (name, data) in signatures.items()]
        new_files += [NewFile(p, p.name, fid) for fid, paths in files.items() for p in paths]
        svc = session.records(vault)
        try:
            if record_id:
                base = bases
                if base is None and legacy_base is not None:
                    base = vault.get_record(record_id, int(legacy_base)).version_id
                saved = svc.edit(record_id, values, base=base, files=new_files,
                                 remove_files=replaced, op_id=op_id, attached=attached,
                                 discard_draft=draft_key)
            else:
                saved = svc.create(form.id, values, case=case, files=new_files,
                                   op_id=op_id, attached=attached, discard_draft=draft_key,
                                   new_case=new_case)
        except Invalid as exc:
            return exc.problems, None
        return [], saved
    return op
