"""Any form's record as flowables, from `forms.display` — the same texts the read-only view
on screen shows (labels and choice labels in the export's language, dates written out,
computed fields such as the age band included).

Fields whose classification the profile does not show are printed as withheld (their values
never reach the PDF); empty fields are left out. Short values go in a label/value table,
long ones flow as paragraphs below their label (a table row cannot span pages).
"""
from __future__ import annotations

from reportlab.platypus import Paragraph, Spacer, Table

from desktop.export.bundle import ExportBundle, RecordEntry, as_kst
from desktop.export.redaction import is_contact
from desktop.export.strings import WITHHELD, WITHHELD_CONTACT, t
from desktop.export.styles import FRAME_W, GRID, SHADE, long_paragraphs, para, styles, table_style
from forms.display import ShownField, ShownGroup, ShownSection, display_sections
from forms.display_text import format_date, pick
from forms.field_types import field_type
from forms.model import generic_path

LABEL_W = 130
LONG_TEXT = 300
# A group this narrow, without long columns, prints as one table with a column per field.
NARROW_COLUMNS = 4


def record_date(entry: RecordEntry, lang: str) -> str:
    created = as_kst(entry.meta.created)
    return format_date(created.date(), lang) if created is not None else ""


def record_title(bundle: ExportBundle, i: int) -> str:
    """The record's heading, also what a reference to it shows: "2. 동의서 (2026년 3월 1일)"."""
    entry = bundle.records[i]
    title = pick(getattr(entry.form, "title", None), bundle.lang) or entry.meta.form
    return f"{i + 1}. {title} ({record_date(entry, bundle.lang)})"


class RecordRenderer:
    def __init__(self, bundle: ExportBundle):
        self.bundle, self.lang, self.profile = bundle, bundle.lang, bundle.profile
        self.st = styles()
        self.today = bundle.exported_at.date()
        self.ref_labels = {r.meta.id: record_title(bundle, i)
                           for i, r in enumerate(bundle.records)}

    def sections(self, entry: RecordEntry) -> list[ShownSection]:
        return display_sections(entry.form, entry.values, self.lang, today=self.today,
                                ref_labels=self.ref_labels,
                                has_files=lambda path: bool(self._files(entry, path)))

    def flowables(self, entry: RecordEntry) -> list:
        out: list = []
        rows: list = []
        used_files: set[str] = set()
        for section in self.sections(entry):
            section_out: list = []
            for item in section.items:
                if isinstance(item, ShownGroup):
                    self._flush(rows, section_out)
                    section_out.extend(self._group(entry, item, used_files))
                else:
                    self._field(entry, item, section_out, rows, used_files)
            self._flush(rows, section_out)
            out.append(para(section.title, "h2"))
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
    def _withheld(self, entry: RecordEntry, shown: ShownField | ShownGroup) -> str | None:
        """What stands in for a value this export does not show, None when it is shown: a
        contact detail the court profile withholds (desktop/export/redaction.py), or a
        classification the profile leaves out."""
        if self.bundle.redacts_contacts and is_contact(entry.form, shown.path):
            return WITHHELD_CONTACT
        if not self.profile.shows(shown.field.classification):
            return WITHHELD
        return None

    def _files(self, entry: RecordEntry, path: str) -> list:
        """Files of a field; a group cell's may be stored under its row-less path."""
        files = self.bundle.attachments_of(entry.meta.id, path)
        generic = generic_path(path)
        if not files and generic != path:
            files = self.bundle.attachments_of(entry.meta.id, generic)
        return files

    def _text(self, entry: RecordEntry, shown: ShownField, used_files: set[str]) -> str:
        if shown.layout != "files":
            return shown.text
        files = self._files(entry, shown.path)
        used_files.update(a.field or "" for a in files)
        return self._files_text(files)

    def _field(self, entry, shown: ShownField, out: list, rows: list, used_files) -> None:
        text = self._text(entry, shown, used_files)
        withheld = self._withheld(entry, shown)
        if withheld is not None:
            rows.append(self._row(shown.label, None, withheld))
            return
        if shown.layout == "long" or len(text) > LONG_TEXT:
            self._flush(rows, out)
            out.append(para(shown.label, "label"))
            out.extend(long_paragraphs(text))
            out.append(Spacer(1, 4))
            return
        rows.append(self._row(shown.label, text))

    def _row(self, label: str, text: str | None, withheld: str = WITHHELD) -> list:
        value = para(withheld, "withheld") if text is None else para(text, "cell")
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
    def _group(self, entry, group: ShownGroup, used_files: set[str]) -> list:
        withheld = self._withheld(entry, group)
        if withheld is not None:
            rows = [self._row(group.label, None, withheld)]
            out: list = []
            self._flush(rows, out)
            return out
        columns = group.columns
        out = [para(group.label, "label")]
        narrow = len(columns) <= NARROW_COLUMNS and not any(
            field_type(c).layout in ("long", "rows") for c in columns)
        if narrow:
            out.append(self._group_columns(entry, group, used_files))
        else:
            for row in group.rows:
                table_rows: list = []
                sub: list = [para(t("item", self.lang, n=row.index + 1), "meta")]
                for cell in row.cells:
                    self._field(entry, cell, sub, table_rows, used_files)
                self._flush(table_rows, sub)
                out.extend(sub)
        out.append(Spacer(1, 4))
        return out

    def _cell(self, entry, cell: ShownField | None, used_files: set[str]) -> Paragraph:
        if cell is None:
            return para("", "cell_small")
        text = self._text(entry, cell, used_files)
        withheld = self._withheld(entry, cell)
        if withheld is not None:
            return para(withheld, "withheld")
        return para(text, "cell_small")

    def _group_columns(self, entry, group: ShownGroup, used_files: set[str]) -> Table:
        columns = group.columns
        header = [para(pick(c.label, self.lang), "label") for c in columns]
        rows = [header]
        for row in group.rows:
            rows.append([self._cell(entry, row.cell(c.id), used_files) for c in columns])
        width = FRAME_W / max(1, len(columns))
        table = Table(rows, colWidths=[width] * len(columns), repeatRows=1, splitByRow=1)
        table.setStyle(table_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("GRID", (0, 0), (-1, -1), 0.25, GRID),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ))
        return table
