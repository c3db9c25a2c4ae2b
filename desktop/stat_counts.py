"""The vault's records as the figures count them: only the forms' `statistic` fields
(computed ones included), dates cut to the month, each record under its author and, where
the vault knows it, the author's team. Shared by the dashboard's charts
(desktop/dashboard_figures.py) and the statistics export (desktop/statistics_export.py), so
a chart and an exported table count the same thing the same way.

What a count counts: for a case form (intake, incident, ...) the distinct cases, as the
dashboard's "cases by crime type" always did; for the other forms (outreach contacts,
prevention classes) the records. A multichoice value counts once under each chosen item.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from forms.field_types import stored
from sync.client.sealing import reduce_statistic

# The team of an author the vault cannot name (pulled records carry their author only).
TEAM_UNKNOWN = ""


@dataclass(frozen=True)
class Counted:
    """One record (its shown version) reduced to what may be counted."""

    form: str
    author: str
    unit: str  # what a count counts: the case for a case form's record, else the record
    values: dict[str, tuple[str, ...]]  # statistic field path ("x", "group.cell") -> values


def statistic_paths(form) -> list[str]:
    """The form's statistic fields as counted: `x` for a field, `group.cell` for a group's
    cell (the names the sync envelope uses, desktop/syncing/freeze.py)."""
    out = []
    for f in form.top_fields:
        if stored(f) == "rows":
            out += [f"{f.id}.{c.id}" for c in f.fields if c.classification == "statistic"]
        elif f.classification == "statistic":
            out.append(f.id)
    return out


def _texts(value: object) -> list[str]:
    """A scalar or a multichoice list as countable texts: dates and times cut to the
    month, nothing empty (the rule of the statistic envelope, sync.client.sealing)."""
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if isinstance(item, (dict, list)):
            continue
        text = reduce_statistic({"v": item}).get("v")
        if text is not None:
            out.append(text)
    return out


def counted_values(form, values: object, today: date,
                   paths: Iterable[str] | None = None) -> dict[str, tuple[str, ...]]:
    """The statistic values of one record, flattened: {path: values}. Never an
    identifying or sensitive field, whatever `paths` asks for."""
    wanted = set(statistic_paths(form))
    if paths is not None:
        wanted &= set(paths)
    if not wanted or not isinstance(values, dict):
        return {}
    computed = any(stored(f) == "computed" for p in wanted
                   if (f := form.field_at(p)) is not None)
    if computed:
        from forms import statistic_values

        values = statistic_values(form, values, today)
    out: dict[str, tuple[str, ...]] = {}
    for path in wanted:
        if "." in path:
            group, cell = path.split(".", 1)
            rows = values.get(group)
            texts = [t for row in (rows if isinstance(rows, list) else ())
                     if isinstance(row, dict) for t in _texts(row.get(cell))]
        else:
            texts = _texts(values.get(path))
        if texts:
            out[path] = tuple(texts)
    return out


def counted_records(vault, registry, today: date | None = None, *,
                    forms: Iterable[str] | None = None,
                    paths: Iterable[str] | None = None) -> Iterator[Counted]:
    """Every live record of `forms` (all forms if None) in the vault, whoever wrote it.
    A record of a form version this laptop does not know is left out (it cannot tell
    which of its fields are statistic)."""
    today = today or date.today()
    wanted_paths = list(paths) if paths is not None else None
    for form_id in (forms if forms is not None else registry.ids()):
        for r in vault.list_records(form=form_id):
            try:
                form = registry.get(r.form, r.form_version)
            except KeyError:
                continue
            unit = (r.case_id or r.case_code) if form.case_bound else None
            yield Counted(r.form, r.author, unit or r.id,
                          counted_values(form, r.values, today, wanted_paths))


def teams_known(vault) -> dict[str, str]:
    """author -> team, for the authors whose team this vault knows: the worker it is
    enrolled as (the server names the team at enrollment). Pulled records carry their
    author only, so every other author's team is TEAM_UNKNOWN."""
    enrollment = vault.sync_enrollment()
    if enrollment and enrollment.get("team"):
        return {enrollment["worker"]: enrollment["team"]}
    return {}


def count(records: Iterable[Counted], form: str, path: str,
          group_of: Callable[[str], str | None] = lambda author: None
          ) -> dict[str | None, dict[str, int]]:
    """{group: {value: how many distinct units}} of one field; `group_of(author)` names
    the group (None: one group for all)."""
    seen: dict[str | None, dict[str, set[str]]] = {}
    for c in records:
        if c.form != form:
            continue
        values = c.values.get(path)
        if not values:
            continue
        units = seen.setdefault(group_of(c.author), {})
        for v in values:
            units.setdefault(v, set()).add(c.unit)
    return {g: {v: len(u) for v, u in by_value.items()} for g, by_value in seen.items()}
