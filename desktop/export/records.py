"""Any form's record as flowables, walked generically from its definition.

Labels and choice labels come from the form in the export's language; fields whose
classification the profile does not show are printed as withheld (their values never
reach the PDF); empty fields are left out. Short values go in a label/value table, long
ones flow as paragraphs below their label (a table row cannot span pages).
"""
from __future__ import annotations

import json

from reportlab.platypus import Paragraph, Spacer, Table

from desktop.export.bundle import ExportBundle, RecordEntry, iso_kst
from desktop.export.strings import WITHHELD, pick, t
from desktop.export.styles import FRAME_W, GRID, SHADE, long_paragraphs, para, styles, table_style

LABEL_W = 130
LONG_TEXT = 300
FILE_TYPES = ("attachment", "signature")


def is_empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def format_value(fdef, value, lang: str) -> str:
    """A field's value as display text (choice ids -> labels, booleans -> yes/no)."""
    choices = {c.id: pick(c.label, lang) for c in (getattr(fdef, "choices", None) or [])}
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if isinstance(value, list):
        return ", ".join(choices.get(v, format_scalar(v)) if isinstance(v, str) else
                         format_scalar(v) for v in value)
    if isinstance(value, str) and value in choices:
        return choices[value]
    return format_scalar(value)


def format_scalar(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class RecordRenderer:
    def __init__(self, bundle: ExportBundle):
        self.bundle, self.lang, self.profile = bundle, bundle.lang, bundle.profile
        self.st = styles()

    def flowables(self, entry: RecordEntry) -> list:
        out: list = []
        rows: list = []
        used_files: set[str] = set()
        for section in getattr(entry.form, "sections", []) or []:
            section_out: list = []
            for fdef in section.fields:
                self._field(entry, fdef, fdef.id, section_out, rows, used_files)
            self._flush(rows, section_out)
            if section_out:
                out.append(para(pick(section.title, self.lang), "h2"))
                out.extend(section_out)
        stray = [a for a in self.bundle.attachments
                 if a.record_id == entry.meta.id and (a.field or "") not in used_files]
        if stray:
            rows.append(self._row(t("other_files", self.lang), self._files_text(stray)))
            self._flush(rows, out)
        if not out:
            out.append(para(t("empty_record", self.lang), "withheld"))
        return out

    # -- one field -------------------------------------------------------------------------
    def _field(self, entry, fdef, path, out, rows, used_files):
        label = pick(fdef.label, self.lang)
        ftype = getattr(fdef, "type", "text")
        shown = self.profile.shows(getattr(fdef, "classification", None))
        if ftype in FILE_TYPES:
            used_files.add(path)
            files = self.bundle.attachments_of(entry.meta.id, path)
            if files:
                rows.append(self._row(label, self._files_text(files) if shown else None))
            return
        value = entry.values.get(fdef.id)
        if is_empty(value):
            return
        if not shown:
            rows.append(self._row(label, None))
            return
        if ftype == "group":
            self._flush(rows, out)
            out.extend(self._group(entry, fdef, value, path))
            return
        text = format_value(fdef, value, self.lang)
        if ftype == "longtext" or len(text) > LONG_TEXT:
            self._flush(rows, out)
            out.append(para(label, "label"))
            out.extend(long_paragraphs(text))
            out.append(Spacer(1, 4))
            return
        rows.append(self._row(label, text))

    def _row(self, label: str, text: str | None) -> list:
        value = para(WITHHELD, "withheld") if text is None else para(text, "cell")
        return [para(label, "label"), value]

    def _files_text(self, files) -> str:
        return "\n".join(f"{a.label} · {a.name}" for a in files)

    def _flush(self, rows: list, out: list) -> None:
        if not rows:
            return
        table = Table(list(rows), colWidths=[LABEL_W, FRAME_W - LABEL_W], splitByRow=1)
        table.setStyle(table_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (0, -1), SHADE),
            ("GRID", (0, 0), (-1, -1), 0.25, GRID),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ))
        out.append(table)
        out.append(Spacer(1, 4))
        rows.clear()

    # -- repeat groups -----------------------------------------------------------------------
    def _group(self, entry, gdef, items, path) -> list:
        children = list(getattr(gdef, "fields", None) or [])
        if not isinstance(items, list):
            items = [items]
        items = [i for i in items if isinstance(i, dict)]
        out: list = [para(pick(gdef.label, self.lang), "label")]
        narrow = len(children) <= 4 and not any(
            getattr(c, "type", "") in ("longtext", "group") for c in children)
        if narrow:
            out.append(self._group_columns(entry, children, items, path))
        else:
            for n, item in enumerate(items, 1):
                rows: list = []
                sub: list = [para(t("item", self.lang, n=n), "meta")]
                for child in children:
                    self._group_child(entry, child, item, f"{path}[{n - 1}].{child.id}",
                                      f"{path}[].{child.id}", sub, rows)
                self._flush(rows, sub)
                out.extend(sub)
        out.append(Spacer(1, 4))
        return out

    def _cell(self, entry, child, item, exact_path, generic_path) -> Paragraph:
        if not self.profile.shows(getattr(child, "classification", None)):
            return para(WITHHELD, "withheld")
        if getattr(child, "type", "") in FILE_TYPES:
            files = (self.bundle.attachments_of(entry.meta.id, exact_path)
                     or self.bundle.attachments_of(entry.meta.id, generic_path))
            return para(self._files_text(files), "cell_small")
        value = item.get(child.id)
        return para("" if is_empty(value) else format_value(child, value, self.lang),
                    "cell_small")

    def _group_columns(self, entry, children, items, path) -> Table:
        header = [para(pick(c.label, self.lang), "label") for c in children]
        rows = [header]
        for n, item in enumerate(items):
            rows.append([self._cell(entry, c, item, f"{path}[{n}].{c.id}", f"{path}[].{c.id}")
                         for c in children])
        width = FRAME_W / max(1, len(children))
        table = Table(rows, colWidths=[width] * len(children), repeatRows=1, splitByRow=1)
        table.setStyle(table_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("GRID", (0, 0), (-1, -1), 0.25, GRID),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ))
        return table

    def _group_child(self, entry, child, item, exact_path, generic_path, out, rows):
        label = pick(child.label, self.lang)
        if getattr(child, "type", "") in FILE_TYPES:
            files = (self.bundle.attachments_of(entry.meta.id, exact_path)
                     or self.bundle.attachments_of(entry.meta.id, generic_path))
            if files:
                shown = self.profile.shows(getattr(child, "classification", None))
                rows.append(self._row(label, self._files_text(files) if shown else None))
            return
        value = item.get(child.id)
        if is_empty(value):
            return
        if not self.profile.shows(getattr(child, "classification", None)):
            rows.append(self._row(label, None))
            return
        text = format_value(child, value, self.lang)
        if len(text) > LONG_TEXT:
            self._flush(rows, out)
            out.append(para(label, "label"))
            out.extend(long_paragraphs(text))
            return
        rows.append(self._row(label, text))


def record_date(entry: RecordEntry) -> str:
    return iso_kst(entry.meta.created)[:10]
