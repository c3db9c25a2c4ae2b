"""The statistics export (desktop/statistics_export.py, statistics_files.py): tables of the
statistic fields only, by worker and team, counts 1-4 shown as "<5", totals that cannot
give a hidden count back, CSV and XLSX files with no identifying or sensitive value."""
from __future__ import annotations

import csv
import io
import random
import zipfile

import pytest
from openpyxl import load_workbook

from desktop.dashboard_figures import Scope, dashboard_figures
from desktop.export.errors import ExportError
from desktop.stat_counts import statistic_paths
from desktop.statistics_export import HIDDEN_TOTAL, SMALL, build
from desktop.statistics_files import export_statistics
from tests.unit.stats_vaults import (
    CANARY,
    CANARY_DATE,
    REGISTRY,
    deliver,
    intake,
    new_vault,
    outreach,
)

A, B = "김민지", "이수진"


@pytest.fixture
def vaults(tmp_path):
    """A's vault holding A's records and B's, pulled: 6 female and 1 male intake case of
    A, 2 female of B; outreach contacts of both."""
    a, b = new_vault(tmp_path / "a", A), new_vault(tmp_path / "b", B)
    for _ in range(6):
        intake(a, "female", areas=("legal", "investigation"))
    intake(a, "male", month="2026-04")
    for _ in range(2):
        intake(b, "female")
    for _ in range(5):
        outreach(a, "mapo")
    outreach(b, "mapo")
    outreach(b, "jongno")
    assert deliver(b, a, B)["applied"] > 0
    b.lock()
    yield a
    a.lock()


def _table(export, form: str, path: str):
    return next(t for t in export.tables if (t.form, t.path) == (form, path))


def _rows(table) -> dict:
    return {label: (cells, total) for label, cells, total in table.rows}


def test_by_worker_counts_each_authors_records(vaults):
    export = build(vaults, REGISTRY, "worker", "en")
    assert export.groups == [A, B]
    gender = _rows(_table(export, "intake", "gender"))
    assert gender["Female"] == ([6, SMALL], HIDDEN_TOTAL)
    assert gender["Male"] == ([SMALL, 0], HIDDEN_TOTAL)
    assert gender["Other"] == ([0, 0], 0)
    month = _rows(_table(export, "intake", "intake_date"))
    assert month == {"2026-03": ([6, SMALL], HIDDEN_TOTAL), "2026-04": ([SMALL, 0], HIDDEN_TOTAL)}
    district = _rows(_table(export, "outreach_contact", "district"))
    assert district["Mapo-gu"] == ([5, SMALL], HIDDEN_TOTAL)
    assert district["Jongno-gu"] == ([0, SMALL], HIDDEN_TOTAL)
    assert _table(export, "intake", "gender").counted == "cases"
    assert _table(export, "outreach_contact", "district").counted == "records"


def test_ungrouped_counts_and_the_small_rule(vaults):
    export = build(vaults, REGISTRY, "none", "ko")
    assert export.groups == []
    gender = _rows(_table(export, "intake", "gender"))
    assert gender["여성"] == ([8], None) and gender["남성"] == ([SMALL], None)
    areas = _rows(_table(export, "intake", "support_areas"))  # a multichoice: each item
    assert areas["법률 지원"] == ([9], None) and areas["수사 지원"] == ([6], None)


def test_team_unknown_for_authors_the_vault_cannot_place(vaults):
    # Not enrolled: no team is known, not even the vault's own worker's.
    export = build(vaults, REGISTRY, "team", "en")
    assert export.groups == ["team unknown"]
    assert _rows(_table(export, "intake", "gender"))["Female"] == ([8], 8)


def test_only_statistic_fields_become_tables(vaults):
    export = build(vaults, REGISTRY, "worker", "en")
    for t in export.tables:
        assert t.path in statistic_paths(REGISTRY.latest(t.form)), t.path


def _leaks(export) -> list:
    """Cells of 1-4 shown, and totals that would give a hidden cell back."""
    bad = []
    for t in export.tables:
        for label, cells, total in t.rows:
            for c in [*cells, total]:
                if isinstance(c, int) and 0 < c < 5:
                    bad.append((t.path, label, c))
            if SMALL in cells and total not in (HIDDEN_TOTAL, None):
                bad.append((t.path, label, "total", total))
    return bad


def test_no_total_gives_a_hidden_cell_back(tmp_path):
    """Random outreach contacts by three workers: whatever the counts, no cell 1-4 is
    shown and no total of a row with a hidden cell is shown; a shown total is the sum of
    its row (records are counted, so the row adds up)."""
    rng = random.Random(2026)
    home = {w: new_vault(tmp_path / w, w) for w in (A, B, "박서연")}
    districts = ["mapo", "jongno", "gangnam", "nowon"]
    for v in home.values():
        for _ in range(rng.randint(1, 14)):
            outreach(v, rng.choice(districts), group_size=rng.randint(1, 3))
    desk = home[A]
    for seq, w in enumerate((B, "박서연")):
        deliver(home[w], desk, w, start=1000 * (seq + 1))
        home[w].lock()
    try:
        for by in ("worker", "team", "none"):
            export = build(desk, REGISTRY, by, "en")
            assert export.tables and _leaks(export) == []
        export = build(desk, REGISTRY, "worker", "en")
        for t in export.tables:
            for _, cells, total in t.rows:
                if isinstance(total, int):
                    assert all(isinstance(c, int) for c in cells) and sum(cells) == total
    finally:
        desk.lock()


def test_files_hold_no_identifying_or_sensitive_value(vaults, tmp_path):
    csv_path, xlsx_path = tmp_path / "figures.csv", tmp_path / "figures.xlsx"
    export_statistics(vaults, REGISTRY, csv_path, by="worker", lang="ko")
    export_statistics(vaults, REGISTRY, xlsx_path, by="team", lang="en")
    canary_month = CANARY_DATE[:7]
    text = csv_path.read_bytes().decode("utf-8-sig")
    assert text.count(CANARY) == 0 and text.count(canary_month) == 0
    with zipfile.ZipFile(xlsx_path) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    assert "sheet" in xml and "Female" in xml  # the search below looks at the real text
    assert xml.count(CANARY) == 0 and xml.count(canary_month) == 0
    # what left the vault is audited, without a count
    entries = [e for e in vaults.audit_entries() if e.action == "stats_export"]
    assert [e.subject for e in entries] == ["figures.csv", "figures.xlsx"]


def test_csv_opens_in_excel_with_korean(vaults, tmp_path):
    path = tmp_path / "figures.csv"
    export_statistics(vaults, REGISTRY, path, by="worker", lang="ko")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    body = raw.decode("utf-8-sig").split("\r\n\r\n")[0]
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["양식", "항목", "세는 단위", "값", A, B, "합계"]
    assert ["초기상담", "성별", "사례 수", "여성", "6", "<5", "x"] in rows
    assert "<5" in raw.decode("utf-8-sig").split("\r\n\r\n")[1]  # the legend follows


def test_xlsx_has_an_about_sheet_then_one_per_table(vaults, tmp_path):
    path = tmp_path / "figures.xlsx"
    export = export_statistics(vaults, REGISTRY, path, by="worker", lang="en")
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "About"
    assert len(wb.sheetnames) == 1 + len(export.tables)
    assert all(len(n) <= 31 for n in wb.sheetnames)
    ws = wb[next(n for n in wb.sheetnames if n.startswith("Intake") and "Gender" in n)]
    assert [c.value for c in ws[3]] == ["Value", A, B, "Total"]
    assert all(c.font.bold for c in ws[3])
    female = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] == "Female")
    assert female == ("Female", 6, "<5", "x")
    assert ws.column_dimensions["A"].width >= len("Female")


def test_text_that_excel_would_run_is_written_as_text(tmp_path):
    v = new_vault(tmp_path / "a", A)
    try:
        for _ in range(5):
            v.put_record("prevention_class", 1, {"institution": '=HYPERLINK("http://x","y")',
                                                 "district": "mapo"})
        export_statistics(v, REGISTRY, tmp_path / "f.csv", lang="en")
        export_statistics(v, REGISTRY, tmp_path / "f.xlsx", lang="en")
    finally:
        v.lock()
    assert "'=HYPERLINK" in (tmp_path / "f.csv").read_text(encoding="utf-8-sig")
    wb = load_workbook(tmp_path / "f.xlsx")
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)


def test_bad_targets_say_so_and_write_nothing(vaults, tmp_path):
    with pytest.raises(ExportError, match="csv or .xlsx"):
        export_statistics(vaults, REGISTRY, tmp_path / "figures.txt", lang="en")
    with pytest.raises(ExportError, match="no such folder"):
        export_statistics(vaults, REGISTRY, tmp_path / "missing" / "f.csv", lang="en")
    with pytest.raises(ExportError, match="cannot write"):
        export_statistics(vaults, REGISTRY, tmp_path.parent / "/proc/self/f.xlsx", lang="en")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"]


def test_dashboard_scopes_count_the_same_way(vaults):
    mine = dashboard_figures(vaults, REGISTRY, Scope("worker", A))
    everyone = dashboard_figures(vaults, REGISTRY, Scope())
    theirs = dashboard_figures(vaults, REGISTRY, Scope("worker", B))
    assert mine["area"] == {"legal": 7, "investigation": 6}
    assert theirs["area"] == {"legal": 2}
    assert everyone["area"] == {"legal": 9, "investigation": 6}
    assert everyone["districts"] == {"mapo": 6, "jongno": 1}
    assert everyone["workers"] == [A, B] and everyone["teams"] == [""]
    assert not everyone["desk"]
    # the export's ungrouped table counts what the "everyone" chart counts
    export = build(vaults, REGISTRY, "none", "en")
    assert _rows(_table(export, "intake", "support_areas"))["Investigation support"] == ([6], None)
