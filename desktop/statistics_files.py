"""The statistics export's files (tables from desktop/statistics_export.py), written
atomically (desktop/export/atomic.py): the target is absent, old or complete.

- CSV: one file for all tables, UTF-8 with a BOM (without it Excel reads Korean as
  mojibake), one row per value with the table named in its first columns (form, field,
  what is counted) and a column per group, so a supervisor can filter it in Excel; a
  legend of "<5" and "x" under a blank row at the end.
- XLSX (openpyxl, a maintained library rather than hand-written XML): an "About" sheet
  first (the rule for small counts), then one sheet per table, header bold, widths from
  the content.
Text from the records (a statistic text field) that Excel would run as a formula is
written as text.
"""
from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

from desktop.export.atomic import write_atomic
from desktop.export.errors import ExportError
from desktop.statistics_export import HIDDEN_TOTAL, SMALL, StatsExport, Table

FORMATS = (".csv", ".xlsx")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_WORDS = {
    "form": ("양식", "Form"), "field": ("항목", "Field"), "counted": ("세는 단위", "Counted"),
    "value": ("값", "Value"), "count": ("건수", "Count"), "total": ("합계", "Total"),
    "cases": ("사례 수", "cases"), "records": ("기록 수", "records"),
    "about": ("안내", "About"),
}


def _w(key: str, lang: str) -> str:
    return _WORDS[key][lang == "en"]


def legend(lang: str) -> list[str]:
    if lang == "en":
        return [f"{SMALL}: a count of 1 to 4, not shown so that a small count cannot single "
                "out a person",
                f"{HIDDEN_TOTAL}: a total not shown, because with the other cells of its row "
                "it would give a hidden count back",
                "Only the forms' statistic fields are counted (no identifying or sensitive "
                "field); dates are cut to the month; case forms count cases, the others "
                "records; a multichoice answer counts under each chosen value."]
    return [f"{SMALL}: 1~4건, 적은 수로 사람을 특정할 수 없도록 숫자를 감춥니다",
            f"{HIDDEN_TOTAL}: 같은 줄의 다른 칸과 함께 감춘 숫자를 알 수 있게 되어 감춘 합계",
            "양식의 통계 항목만 셉니다(식별·민감 항목은 넣지 않음); 날짜는 월 단위; 사례 양식은 "
            "사례 수, 그 밖의 양식은 기록 수; 여러 개를 고른 답은 고른 값마다 셉니다."]


def _safe_text(value: object) -> object:
    """Text Excel would take for a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


def _header(export: StatsExport) -> list[str]:
    lang = export.lang
    counts = export.groups + [_w("total", lang)] if export.by != "none" else [_w("count", lang)]
    return [_w("value", lang), *counts]


def _row_cells(export: StatsExport, row) -> list:
    label, cells, total = row
    return [label, *cells, *([total] if export.by != "none" else [])]


def csv_bytes(export: StatsExport) -> bytes:
    lang = export.lang
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow([_w("form", lang), _w("field", lang), _w("counted", lang), *_header(export)])
    for t in export.tables:
        for row in t.rows:
            w.writerow([_safe_text(x) for x in
                        [t.form_title, t.field_label, _w(t.counted, lang),
                         *_row_cells(export, row)]])
    w.writerow([])
    for line in legend(lang):
        w.writerow([line])
    return out.getvalue().encode("utf-8-sig")


def _width(text: object) -> int:
    """Columns in Excel's units: a Hangul or other wide character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def _sheet_names(tables: list[Table]) -> list[str]:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique (case-insensitive)."""
    names: list[str] = []
    taken: set[str] = set()
    for t in tables:
        base = f"{t.form_title} {t.field_label}"
        base = "".join(" " if ch in "[]:*?/\\" else ch for ch in base).strip()[:31]
        name, n = base, 2
        while name.lower() in taken:
            suffix = f" ({n})"
            name, n = base[:31 - len(suffix)] + suffix, n + 1
        taken.add(name.lower())
        names.append(name)
    return names


def xlsx_bytes(export: StatsExport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    lang = export.lang
    bold = Font(bold=True)
    right = Alignment(horizontal="right")
    wb = Workbook()
    about = wb.active
    about.title = _w("about", lang)
    by = {"none": ("나누지 않음", "not split"), "worker": ("작업자별", "by worker"),
          "team": ("팀별", "by team")}[export.by][lang == "en"]
    intro = ("통계 내보내기" if lang != "en" else "Statistics export",
             f"{export.made_on.isoformat()} · {by}")
    for text in (*intro, "", *legend(lang)):
        about.append([text])
    about["A1"].font = bold
    about.column_dimensions["A"].width = 100

    def put(ws, r: int, values: list, *, header: bool = False) -> None:
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            if header:
                cell.font = bold
            elif c > 1:
                cell.alignment = right

    for t, name in zip(export.tables, _sheet_names(export.tables), strict=True):
        ws = wb.create_sheet(name)
        title = f"{t.form_title} — {t.field_label} ({_w(t.counted, lang)})"
        put(ws, 1, [title], header=True)
        head = _header(export)
        put(ws, 3, head, header=True)
        rows = [_row_cells(export, row) for row in t.rows]
        for i, values in enumerate(rows, start=4):
            put(ws, i, values)
        ws.freeze_panes = "B4"
        from openpyxl.utils import get_column_letter

        for c in range(1, len(head) + 1):
            widest = max([_width(head[c - 1])] + [_width(r[c - 1]) for r in rows])
            ws.column_dimensions[get_column_letter(c)].width = min(60, max(8, widest + 2))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write(export: StatsExport, path: Path) -> Path:
    """The file at `path` in the format its extension names (.csv or .xlsx)."""
    path = Path(path)
    suffix = path.suffix.lower()
    check_target(path)
    data = csv_bytes(export) if suffix == ".csv" else xlsx_bytes(export)
    return write_atomic(path, data, mode=0o600)


def check_target(path: Path) -> None:
    """Refuse a bad target before any counting: a wrong extension or a folder that is
    missing or not writable (write_atomic would also refuse, after the work)."""
    import os

    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise ExportError(f"파일 이름이 .csv 또는 .xlsx로 끝나야 합니다: {path.name}",
                          f"the file name must end in .csv or .xlsx: {path.name}")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"대상 폴더가 없습니다: {folder}", f"no such folder: {folder}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(f"대상 폴더에 쓸 수 없습니다: {folder}",
                          f"cannot write to the target folder: {folder}")


def export_statistics(vault, registry, path: Path, *, by: str = "none",
                      lang: str = "ko") -> StatsExport:
    """Count, write `path` (.csv or .xlsx) and audit it (what left the vault: the
    grouping, the format and how many tables, never a count)."""
    import json

    from desktop.statistics_export import build

    check_target(path)
    export = build(vault, registry, by, lang)
    write(export, path)
    vault.audit("stats_export", subject=Path(path).name, reason=json.dumps(
        {"by": by, "format": Path(path).suffix.lower().lstrip("."),
         "tables": len(export.tables)}))
    return export
