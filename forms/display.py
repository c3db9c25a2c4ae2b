"""A record as people read it: what the read-only view on screen and the exported PDF both
show, section by section, in one language.

Computed fields (age band, minor, days to report, ...) are computed here from the record's
own values (`compute_values`), since they are never stored, and shown with their labels
like any other answer. Empty answers and sections left empty are not shown. File fields
carry no text: the caller, who holds the attachments, lists the files at the item's path.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from .display_text import DisplayContext, pick
from .evaluation import compute_values
from .expr_functions import is_empty
from .field_types import Layout, display_value, field_type
from .model import FieldDef, FormDef


@dataclass(frozen=True)
class ShownField:
    """One answer: `path` is `x`, or `g[2].c` for a cell of the group's third row."""

    path: str
    field: FieldDef
    label: str
    text: str           # "" for file fields: their files are listed by the caller
    layout: Layout      # "line", "long" or "files"

    @property
    def identifying(self) -> bool:
        return self.field.classification == "identifying"

    @property
    def copyable(self) -> bool:
        return field_type(self.field).copyable


@dataclass(frozen=True)
class ShownRow:
    index: int                  # 0-based, as in the value paths
    cells: list[ShownField]     # the row's answered cells, in column order

    def cell(self, column_id: str) -> ShownField | None:
        return next((c for c in self.cells if c.field.id == column_id), None)


@dataclass(frozen=True)
class ShownGroup:
    path: str
    field: FieldDef
    label: str
    rows: list[ShownRow]
    layout: Layout = "rows"

    @property
    def columns(self) -> list[FieldDef]:
        return list(self.field.fields)


ShownItem = ShownField | ShownGroup


@dataclass(frozen=True)
class ShownSection:
    id: str
    title: str
    items: list[ShownItem] = field(default_factory=list)


HasFiles = Callable[[str], bool]


def display_sections(form: FormDef, values: Mapping[str, object] | None, lang: str, *,
                     today: date | None = None, ref_labels: Mapping[str, str] | None = None,
                     has_files: HasFiles | None = None) -> list[ShownSection]:
    """The record's answered fields in `lang`, computed fields included.

    ref_labels: record id -> what to show for a reference to it (else the id);
    has_files(path): whether a file field has files — a field without any is left out
    (None: every file field is kept, for a caller that decides itself)."""
    ctx = DisplayContext(lang, ref_labels or {})
    full = compute_values(form, dict(values or {}), today or date.today())
    out = []
    for section in form.sections:
        items: list[ShownItem] = []
        for f in section.fields:
            item = _item(f, f.id, full.get(f.id), ctx, has_files)
            if item is not None:
                items.append(item)
        if items:
            out.append(ShownSection(section.id, pick(section.title, lang), items))
    return out


def _item(f: FieldDef, path: str, value: object, ctx: DisplayContext,
          has_files: HasFiles | None) -> ShownItem | None:
    ft = field_type(f)
    label = pick(f.label, ctx.lang)
    if ft.stored == "file":
        if has_files is not None and not has_files(path):
            return None
        return ShownField(path, f, label, "", ft.layout)
    if is_empty(value):
        return None
    if ft.stored == "rows":
        return _group(f, path, label, value, ctx, has_files)
    return ShownField(path, f, label, display_value(f, value, ctx), ft.layout)


def _group(g: FieldDef, path: str, label: str, value: object, ctx: DisplayContext,
           has_files: HasFiles | None) -> ShownItem | None:
    if not isinstance(value, list):
        # Not rows (a damaged record): shown as it is rather than dropped.
        return ShownField(path, g, label, display_value(g, value, ctx), "line")
    rows = []
    for i, row in enumerate(value):
        if not isinstance(row, dict):
            continue
        cells = []
        for c in g.fields:
            cell = _item(c, f"{path}[{i}].{c.id}", row.get(c.id), ctx, has_files)
            if isinstance(cell, ShownField):
                cells.append(cell)
        rows.append(ShownRow(i, cells))
    return ShownGroup(path, g, label, rows) if rows else None


def shown_fields(sections: list[ShownSection]) -> list[ShownField]:
    """Every answer of a display, group cells included, in reading order."""
    out: list[ShownField] = []
    for s in sections:
        for item in s.items:
            if isinstance(item, ShownGroup):
                out += [c for row in item.rows for c in row.cells]
            else:
                out.append(item)
    return out
