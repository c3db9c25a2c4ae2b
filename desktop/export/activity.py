"""The companion-activity table: one row per companion_session record.

Cells are built from the session form's fields by id (date + start/end time, place type +
place, the accompanying workers, outcome + notes), each value in the words of
`forms.display` (as in the record pages and on screen); a field missing from a future form
version degrades to an empty cell instead of breaking the export, and a field the profile
withholds stays withheld here too.
"""
from __future__ import annotations

from datetime import datetime

from desktop.export.bundle import ExportBundle, RecordEntry
from desktop.export.strings import WITHHELD, t
from desktop.export.styles import FRAME_W, GRID, SHADE, para, table_style
from forms.display_text import DisplayContext
from forms.expr_functions import is_empty
from forms.field_types import display_value
from forms.model import FieldDef

SESSION_FORM = "companion_session"
CELL_MAX = 300
WIDTHS = (68, 140, 55, 95)       # the outcome column takes the rest


class _Withheld(Exception):
    pass


class _Row:
    def __init__(self, bundle: ExportBundle, entry: RecordEntry):
        self.bundle, self.entry, self.lang = bundle, entry, bundle.lang
        self.fields: dict[str, FieldDef] = {}
        for section in getattr(entry.form, "sections", []) or []:
            for f in section.fields:
                self.fields.setdefault(f.id, f)

    def raw(self, fid: str):
        fdef = self.fields.get(fid)
        value = self.entry.values.get(fid)
        if fdef is None or is_empty(value):
            return None
        if not self.bundle.profile.shows(getattr(fdef, "classification", None)):
            raise _Withheld()
        return value

    def text(self, fid: str) -> str:
        value = self.raw(fid)
        if value is None:
            return ""
        return display_value(self.fields[fid], value, DisplayContext(self.lang))

    def join(self, *parts: str, sep=" · ") -> str:
        return sep.join(p for p in parts if p)

    def date(self) -> str:
        times = self.join(self.text("start_time"), self.text("end_time"), sep="–")
        return self.join(self.text("date"), times, sep="\n")

    def place(self) -> str:
        return self.join(self.text("place_type"), self.text("place"))

    def duration(self) -> str:
        if self.raw("duration_min") is not None:
            return f"{self.text('duration_min')}{' min' if self.lang == 'en' else '분'}"
        start, end = self.raw("start_time"), self.raw("end_time")
        try:
            a = datetime.strptime(str(start)[:5], "%H:%M")
            b = datetime.strptime(str(end)[:5], "%H:%M")
        except ValueError:
            return ""
        minutes = int((b - a).total_seconds() // 60) % (24 * 60)
        h, m = divmod(minutes, 60)
        if self.lang == "en":
            return f"{h} h {m:02d} min" if h else f"{m} min"
        return f"{h}시간 {m}분" if h else f"{m}분"

    def workers(self) -> str:
        fdef = self.fields.get("workers")
        items = self.raw("workers")
        if fdef is None or not isinstance(items, list):
            return self.entry.meta.author
        child = next((c for c in getattr(fdef, "fields", []) if c.id == "name"), None)
        if child is not None and not self.bundle.profile.shows(child.classification):
            raise _Withheld()
        names = [str(i.get("name")) for i in items if isinstance(i, dict) and i.get("name")]
        return "\n".join(names) or self.entry.meta.author

    def outcome(self) -> str:
        return self.join(self.text("outcome"), self.text("outcome_notes"))


def _cell(row: _Row, getter) -> object:
    try:
        text = getter(row)
    except _Withheld:
        return para(WITHHELD, "withheld")
    # The full text is in the record itself; a table row taller than a page cannot be
    # laid out at all.
    if len(text) > CELL_MAX:
        text = text[:CELL_MAX] + "…"
    return para(text, "cell_small")


def sessions(bundle: ExportBundle) -> list[RecordEntry]:
    return [r for r in bundle.records if r.meta.form == SESSION_FORM]


def activity_table(bundle: ExportBundle) -> list:
    from reportlab.platypus import Table

    entries = sessions(bundle)
    if not entries:
        return [para(t("no_activity", bundle.lang), "withheld")]
    keys = ("act_date", "act_place", "act_duration", "act_worker", "act_outcome")
    getters = (_Row.date, _Row.place, _Row.duration, _Row.workers, _Row.outcome)
    rows = [[para(t(k, bundle.lang), "label") for k in keys]]
    for entry in sorted(entries, key=lambda e: str(e.values.get("date") or e.meta.created)):
        row = _Row(bundle, entry)
        rows.append([_cell(row, g) for g in getters])
    widths = [*WIDTHS, FRAME_W - sum(WIDTHS)]
    table = Table(rows, colWidths=widths, repeatRows=1, splitByRow=1)
    table.setStyle(table_style(
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("GRID", (0, 0), (-1, -1), 0.25, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ))
    return [table]
