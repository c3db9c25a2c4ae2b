"""`donghaeng stats export` through the real command: CSV and XLSX of a vault holding two
workers' records, `--json`, and bad targets refused in one line with exit 1."""
from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from tests.e2e.cli_helpers import assert_clean_failure, run_cli
from tests.unit.stats_vaults import CANARY, PASS, deliver, intake, new_vault, outreach

A, B = "kim", "lee"


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    root = tmp_path_factory.mktemp("stats")
    a, b = new_vault(root / "home", A), new_vault(root / "b-home", B)
    for _ in range(5):
        intake(a, "female")
        outreach(a, "mapo")
    intake(b, "female")
    outreach(b, "mapo")
    deliver(b, a, B)
    a.lock()
    b.lock()
    return root / "home"


def _stats(home, *args):
    return run_cli("stats", "export", *args, "--worker", A, "--lang", "en", home=home,
                   passphrase=PASS)


def test_csv_by_worker(home, tmp_path):
    out = tmp_path / "figures.csv"
    r = _stats(home, "--out", out, "--by", "worker")
    assert r.code == 0, r.err
    assert r.out.strip() == str(out)
    text = out.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text.split("\r\n\r\n")[0])))
    assert rows[0] == ["Form", "Field", "Counted", "Value", A, B, "Total"]
    assert ["Intake", "Gender", "cases", "Female", "5", "<5", "x"] in rows
    assert ["Outreach contact", "District", "records", "Mapo-gu", "5", "<5", "x"] in rows
    assert CANARY not in text


def test_xlsx_json(home, tmp_path):
    out = tmp_path / "figures.xlsx"
    r = _stats(home, "--out", out, "--json")
    assert r.code == 0, r.err
    summary = json.loads(r.out)
    assert summary["out"] == str(out) and summary["by"] == "none" and summary["tables"] > 3
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "About" and len(wb.sheetnames) == 1 + summary["tables"]


@pytest.mark.parametrize("target, says", [
    ("figures.txt", "the file name must end in .csv or .xlsx"),
    ("missing/figures.csv", "no such folder"),
    ("/proc/self/figures.xlsx", "cannot write to the target folder"),
])
def test_bad_target_one_line_exit_1(home, tmp_path, target, says):
    out = target if target.startswith("/") else tmp_path / target
    r = _stats(home, "--out", out)
    assert_clean_failure(r)
    assert r.code == 1
    assert r.err.strip().splitlines() == [r.err.strip()] and says in r.err, r.err
    assert list(tmp_path.iterdir()) == []
