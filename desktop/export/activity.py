"""The companion-activity table: one row per companion_session record.

Columns are found by field id in the session form (first candidate present wins), so a
renamed field degrades to an empty cell instead of breaking the export. Withheld fields
stay withheld here too.
"""
from __future__ import annotations

from reportlab.platypus import Table

from desktop.export.bundle import ExportBundle, RecordEntry
from desktop.export.records import format_value, is_empty
from desktop.export.strings import WITHHELD, t
from desktop.export.styles import FRAME_W, GRID, SHADE, para, table_style

SESSION_FORM = "companion_session"
CELL_MAX = 300
COLUMNS = (
    ("act_date", ("date", "session_date", "started_at", "start", "datetime", "visit_date"), 85),
    ("act_place", ("place", "destination", "location", "venue", "institution"), 120),
    ("act_duration", ("duration_min", "duration_minutes", "duration", "minutes", "hours"), 55),
    ("act_worker", ("worker", "companion_worker", "staff", "accompanied_by"), 70),
    ("act_outcome", ("outcome", "result", "summary", "notes"), None),
)


def _field_map(form) -> dict:
    out = {}
    for section in getattr(form, "sections", []) or []:
        for f in section.fields:
            out.setdefault(f.id, f)
    return out


def _cell(bundle: ExportBundle, entry: RecordEntry, candidates, key) -> str | None:
    fields = _field_map(entry.form)
    for fid in candidates:
        fdef = fields.get(fid)
        if fdef is None:
            continue
        value = entry.values.get(fid)
        if is_empty(value):
            continue
        if not bundle.profile.shows(getattr(fdef, "classification", None)):
            return None
        text = format_value(fdef, value, bundle.lang)
        if key == "act_duration" and fid.endswith(("_min", "minutes")) and text.isdigit():
            text += "분" if bundle.lang != "en" else " min"
        # The full text is in the record itself; a table row taller than a page cannot
        # be laid out at all.
        return text if len(text) <= CELL_MAX else text[:CELL_MAX] + "…"
    if key == "act_worker":
        return entry.meta.author
    return ""


def sessions(bundle: ExportBundle) -> list[RecordEntry]:
    return [r for r in bundle.records if r.meta.form == SESSION_FORM]


def activity_table(bundle: ExportBundle) -> list:
    rows_data = sessions(bundle)
    if not rows_data:
        return [para(t("no_activity", bundle.lang), "withheld")]
    fixed = sum(w for _, _, w in COLUMNS if w)
    widths = [w if w else FRAME_W - fixed for _, _, w in COLUMNS]
    header = [para(t(key, bundle.lang), "label") for key, _, _ in COLUMNS]
    rows = [header]
    for entry in rows_data:
        row = []
        for key, candidates, _ in COLUMNS:
            text = _cell(bundle, entry, candidates, key)
            row.append(para(WITHHELD, "withheld") if text is None else para(text, "cell_small"))
        rows.append(row)
    table = Table(rows, colWidths=widths, repeatRows=1, splitByRow=1)
    table.setStyle(table_style(
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("GRID", (0, 0), (-1, -1), 0.25, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ))
    return [table]
