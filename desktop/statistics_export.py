"""The statistics export: the vault's records as aggregate tables of the forms' `statistic`
fields only (never an identifying or sensitive field), one table per field, counts by
value, optionally split by worker (the record's author) or by team. Works on any vault: a
worker exports their own figures, the center's desk (which after sync holds every
worker's records) the organisation's. The files are written by desktop/statistics_files.py.

Small counts (the rule, also in docs/ui.md and the XLSX's first sheet):
- a count of 1 to 4 is shown as "<5" (a small cell could single out a victim); 0 and 5
  or more are shown as they are;
- a table split by worker or team has a Total column (the count over all groups). A
  row's total is shown only when none of that row's cells is "<5", else as "x": with the
  other cells exact, the total minus them would give the hidden cell back;
- there are no column totals and no grand total: a group's total of one field is the
  same number as its total of every other field that all records answer (a form's size
  per worker), so a column total shown in one table would give back a hidden cell of
  another.
What the rule cannot stop: differencing across files or tables (e.g. a file by worker
next to an ungrouped one; two fields every record answers). docs/ui.md says so.

Counts are those of the dashboard (desktop/stat_counts.py): cases for a case form,
records for the others; dates cut to the month.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desktop.errors import UserError
from desktop.stat_counts import TEAM_UNKNOWN, count, counted_records, statistic_paths, teams_known

GROUPINGS = ("none", "worker", "team")
SMALL = "<5"
HIDDEN_TOTAL = "x"

Cell = int | str


def shown(n: int) -> Cell:
    """A count as it may leave the vault: 1-4 become "<5"."""
    return SMALL if 0 < n < 5 else n


@dataclass
class Table:
    form: str
    path: str
    form_title: str
    field_label: str
    counted: str  # "cases" | "records"
    rows: list[tuple[str, list[Cell], Cell | None]] = field(default_factory=list)
    # (value label, a cell per group (one when ungrouped), row total or None if ungrouped)


@dataclass
class StatsExport:
    by: str  # "none" | "worker" | "team"
    lang: str
    made_on: date
    groups: list[str]  # column headings of the groups ([] when ungrouped)
    tables: list[Table]


def _pick(text: object, lang: str) -> str:
    if isinstance(text, dict):
        return str(text.get(lang) or text.get("ko") or text.get("en") or "")
    return "" if text is None else str(text)


def _field_label(form, path: str, lang: str) -> str:
    if "." in path:
        group, cell = path.split(".", 1)
        g = form.field(group)
        c = g.child(cell) if g is not None else None
        return f"{_pick(g.label, lang)} · {_pick(c.label, lang)}" if g and c else path
    f = form.field(path)
    return _pick(f.label, lang) if f is not None else path


def _value_order(form, path: str, values: set[str], lang: str) -> list[tuple[str, str]]:
    """(value, label): a choice field's values in the form's order with their labels (all
    of them, a 0 says "none" too), other values sorted (months in order, numbers by size)."""
    f = form.field_at(path)
    out: list[tuple[str, str]] = []
    if f is not None and f.choices:
        out = [(c.id, _pick(c.label, lang)) for c in f.choices]
    known = {v for v, _ in out}
    yes_no = {"true": ("예", "Yes"), "false": ("아니오", "No")}

    def key(v: str):
        try:
            return (0, float(v), v)
        except ValueError:
            return (1, 0.0, v)
    for v in sorted(values - known, key=key):
        label = yes_no[v][lang == "en"] if f is not None and f.type == "yesno" \
            and v in yes_no else v
        out.append((v, label))
    return out


def group_namer(by: str, teams: dict[str, str]):
    if by == "worker":
        return lambda author: author
    if by == "team":
        return lambda author: teams.get(author, TEAM_UNKNOWN)
    return lambda author: None


def team_label(team: str, lang: str) -> str:
    return team if team != TEAM_UNKNOWN else ("team unknown" if lang == "en" else "팀 모름")


def build(vault, registry, by: str = "none", lang: str = "ko",
          today: date | None = None) -> StatsExport:
    """The tables of every statistic field that has at least one count."""
    if by not in GROUPINGS:
        raise UserError(f"나눌 기준은 worker, team, none 중 하나입니다: {by}",
                        f"--by is one of worker, team, none: {by}")
    today = today or date.today()
    records = list(counted_records(vault, registry, today))
    group_of = group_namer(by, teams_known(vault))
    groups = sorted({g for c in records if c.values and (g := group_of(c.author)) is not None})
    tables = []
    for form_id in registry.ids():
        versions = [registry.get(form_id, v) for v in reversed(registry.versions(form_id))]
        latest = versions[0]
        paths = list(dict.fromkeys(p for form in versions for p in statistic_paths(form)))
        for path in paths:
            form = next(f for f in versions if path in statistic_paths(f))
            split = count(records, form_id, path, group_of)
            if not split:
                continue
            overall = count(records, form_id, path).get(None, {})
            table = Table(form_id, path, _pick(latest.title, lang), _field_label(form, path, lang),
                          "cases" if latest.case_bound else "records")
            for value, label in _value_order(form, path, set(overall), lang):
                if by == "none":
                    table.rows.append((label, [shown(overall.get(value, 0))], None))
                    continue
                cells = [shown(split.get(g, {}).get(value, 0)) for g in groups]
                total = overall.get(value, 0)
                hides = any(c == SMALL for c in cells)
                table.rows.append((label, cells, HIDDEN_TOTAL if hides else shown(total)))
            tables.append(table)
    headings = [team_label(g, lang) for g in groups] if by == "team" else groups
    return StatsExport(by, lang, today, headings if by != "none" else [], tables)
