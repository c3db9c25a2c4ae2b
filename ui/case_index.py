"""The data behind the cases list, computed on the worker thread (no Qt here): compact case
rows, per-case facets for the filters (crime types from `incident`, support areas from
`intake`), and the filtered/sorted/searched order the list shows.

At 100k cases the rows are plain tuples (about 60 MB less than the vault's dataclasses)."""
from __future__ import annotations

from dataclasses import dataclass

# Row tuple layout.
CODE, STATUS, CREATED, UPDATED = range(4)


@dataclass(frozen=True)
class CaseFilter:
    status: str | None = None          # "open" | "closed"
    support_area: str | None = None    # intake.support_areas choice id
    crime_type: str | None = None      # incident.crime_types choice id
    date_from: str | None = None       # ISO date, on the case's opening date
    date_to: str | None = None

    def needs_facets(self) -> bool:
        return bool(self.support_area or self.crime_type)

    def is_empty(self) -> bool:
        return self == CaseFilter()


@dataclass(frozen=True)
class Facets:
    crime_types: tuple = ()
    support_areas: tuple = ()


def load_case_rows(vault) -> list[tuple]:
    return [(c.code, c.status, c.created, c.updated) for c in vault.list_cases()]


def _ids(value) -> tuple:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def load_facets(vault) -> dict[str, Facets]:
    """Latest intake's support areas and latest incident's crime types per case."""
    areas: dict[str, tuple] = {}
    crimes: dict[str, tuple] = {}
    for rec in vault.list_records(form="intake"):
        if rec.case_code:
            areas[rec.case_code] = _ids(rec.values.get("support_areas"))
    for rec in vault.list_records(form="incident"):
        if rec.case_code:
            crimes[rec.case_code] = _ids(rec.values.get("crime_types"))
    return {code: Facets(crimes.get(code, ()), areas.get(code, ()))
            for code in set(areas) | set(crimes)}


SORT_KEYS = {
    0: lambda r, f: r[CODE],
    1: lambda r, f: r[STATUS],
    2: lambda r, f: r[CREATED],
    3: lambda r, f: r[UPDATED],
    4: lambda r, f: f.crime_types if f else (),
    5: lambda r, f: f.support_areas if f else (),
}
_NO_FACETS = Facets()


def positions(rows: list[tuple]) -> dict[str, int]:
    return {r[CODE]: i for i, r in enumerate(rows)}


def compute_view(rows: list[tuple], facets: dict[str, Facets] | None, flt: CaseFilter,
                 sort: tuple[int, bool], hits: list[str] | None = None,
                 pos: dict[str, int] | None = None) -> list[int]:
    """Indices into `rows` to show, in order. `hits`: case codes found by a search (in
    rank order; the list then keeps that order unless a column sort is chosen)."""
    facets = facets or {}
    if hits is not None:
        pos = pos if pos is not None else positions(rows)
        order = [pos[c] for c in dict.fromkeys(hits) if c in pos]
    else:
        order = list(range(len(rows)))
    if not flt.is_empty():
        order = [i for i in order if _matches(rows[i], facets.get(rows[i][CODE]), flt)]
    col, desc = sort
    if hits is None or col >= 0:
        key = SORT_KEYS.get(col, SORT_KEYS[3])
        order.sort(key=lambda i: key(rows[i], facets.get(rows[i][CODE])), reverse=desc)
    return order


def _matches(row: tuple, facets: Facets | None, flt: CaseFilter) -> bool:
    if flt.status and row[STATUS] != flt.status:
        return False
    opened = row[CREATED][:10]
    if flt.date_from and opened < flt.date_from:
        return False
    if flt.date_to and opened > flt.date_to:
        return False
    f = facets or _NO_FACETS
    if flt.crime_type and flt.crime_type not in f.crime_types:
        return False
    return not (flt.support_area and flt.support_area not in f.support_areas)
