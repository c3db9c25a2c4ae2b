"""The data behind the cases list, computed on the worker thread (no Qt here): compact case
rows, per-case facets for the filters (crime types from `incident`, support areas from
`intake`), and the filtered/sorted/searched order the list shows.

At 100k cases the rows are plain tuples straight from SQL, and the facets are extracted by
SQLite and shared between cases (a few dozen distinct tuples), so the list costs tens of MB
rather than hundreds."""
from __future__ import annotations

import json
from dataclasses import dataclass

# Row tuple layout; AUTHOR only in the rows of the center's desk (case_rows(authors=True)).
CODE, STATUS, CREATED, UPDATED, AUTHOR = range(5)


@dataclass(frozen=True)
class CaseFilter:
    status: str | None = None          # "open" | "closed"
    support_area: str | None = None    # intake.support_areas choice id
    crime_type: str | None = None      # incident.crime_types choice id
    date_from: str | None = None       # ISO date, on the case's opening date
    date_to: str | None = None
    worker: str | None = None          # the case's author (the desk's filter)
    team: str | None = None            # the author's team, by the desk's team map

    def needs_facets(self) -> bool:
        return bool(self.support_area or self.crime_type)

    def is_empty(self) -> bool:
        return self == CaseFilter()


@dataclass(frozen=True)
class Facets:
    crime_types: tuple = ()
    support_areas: tuple = ()


FIRST_PAGE = 200  # rows read first, so the list paints before all cases are loaded


def _ids(text: str | None, memo: dict) -> tuple:
    """Choice ids from a JSON array, one shared tuple per distinct array."""
    got = memo.get(text)
    if got is None:
        try:
            value = json.loads(text) if text else None
        except ValueError:
            value = None
        got = tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()
        memo[text] = got
    return got


class FacetLoader:
    """Latest intake's support areas and latest incident's crime types per case, read in
    chunks: each `step(vault)` is one short worker task (a few hundred ms at most), so a
    case opened meanwhile is not queued behind seconds of reading (JSON extraction under
    SQLCipher's memory security costs ~15 µs a record)."""

    CHUNK = 4000
    _SOURCES = (("intake", "support_areas"), ("incident", "crime_types"))

    def __init__(self):
        self._memo: dict = {}
        self._found: dict[str, dict[str, tuple]] = {form: {} for form, _ in self._SOURCES}
        self._after: dict[str, int | None] = {form: 0 for form, _ in self._SOURCES}

    def step(self, vault) -> bool:
        """Read one chunk; True once everything is read."""
        for form, field in self._SOURCES:
            after = self._after[form]
            if after is None:
                continue
            rows = vault.case_field_values(form, field, after=after, limit=self.CHUNK)
            found = self._found[form]
            for _n, code, js in rows:
                found[code] = _ids(js, self._memo)
            self._after[form] = rows[-1][0] if len(rows) == self.CHUNK else None
            return False
        return True

    def result(self) -> dict[str, Facets]:
        areas, crimes = self._found["intake"], self._found["incident"]
        shared: dict[tuple, Facets] = {}
        out = {}
        for code in areas.keys() | crimes.keys():
            key = (crimes.get(code, ()), areas.get(code, ()))
            out[code] = shared.get(key) or shared.setdefault(key, Facets(*key))
        return out


SORT_KEYS = {
    0: lambda r, f: r[CODE],
    1: lambda r, f: r[STATUS],
    2: lambda r, f: r[CREATED],
    3: lambda r, f: r[UPDATED],
    4: lambda r, f: f.crime_types if f else (),
    5: lambda r, f: f.support_areas if f else (),
}
# Columns from case_extras.CaseExtras (arrays aligned with the rows): alias, urgency, next
# contact. Unrecorded values sort last in ascending order (most urgent, soonest first).
EXTRA_COLUMNS = (6, 7, 8)
# The desk's columns: the case's worker (its author) and that worker's team.
WORKER_COL, TEAM_COL = 9, 10
_LAST_DAY = 1 << 30


def _extra_keys(col: int, extras, n: int) -> list:
    if extras is None or len(extras.urgency) != n:  # not loaded (yet) for these rows
        return [0] * n
    if col == 6:
        return [a or "\uffff" for a in extras.alias]
    if col == 7:
        return [u or 9 for u in extras.urgency]
    return [d or _LAST_DAY for d in extras.next_contact]


def _worker_keys(col: int, rows: list[tuple], teams: dict[str, str]) -> list[int]:
    """One int per row: the rank of its worker by name (WORKER_COL), or by team then name
    (TEAM_COL; workers without a known team last). A desk has tens of workers and 100k
    cases: ranking the few names once and sorting ints is several times faster than
    comparing a string (or a pair of them) per row."""
    if not rows or len(rows[0]) <= AUTHOR:
        return [0] * len(rows)
    authors = {r[AUTHOR] for r in rows}
    if col == TEAM_COL:
        ranked = sorted(authors, key=lambda a: (a not in teams, teams.get(a, ""), a))
    else:
        ranked = sorted(authors)
    rank = {a: i for i, a in enumerate(ranked)}
    return [rank[r[AUTHOR]] for r in rows]


def team_names(teams: dict[str, str]) -> list[str]:
    """The teams of the map, each once, by name (the desk's Team filter)."""
    return sorted(set(teams.values()))


_NO_FACETS = Facets()


def positions(rows: list[tuple]) -> dict[str, int]:
    return {r[CODE]: i for i, r in enumerate(rows)}


def compute_view(rows: list[tuple], facets: dict[str, Facets] | None, flt: CaseFilter,
                 sort: tuple[int, bool], hits: list[str] | None = None,
                 pos: dict[str, int] | None = None,
                 cache: dict[tuple[int, bool], list[int]] | None = None,
                 extras=None, teams: dict[str, str] | None = None) -> list[int]:
    """Indices into `rows` to show, in order. `hits`: case codes found by a search (in
    rank order; the list then keeps that order unless a column sort is chosen).

    `cache`: unfiltered orders already computed for these rows, by sort. Clearing the
    search field at 100k cases used to re-sort every case (~95 ms holding the GIL, a stall
    of the window); with the cache it is a dictionary lookup. The caller drops the cache
    when the rows or facets change, and never mutates a returned order.

    `extras`: case_extras.CaseExtras aligned with `rows`, for the sorts on columns 6-8.
    `teams`: the desk's worker -> team map (desktop/vault/teams.py), for the Team column's
    sort and filter; the caller drops cached team orders when it changes."""
    facets = facets or {}
    teams = teams or {}
    unfiltered = hits is None and flt.is_empty()
    if unfiltered and cache is not None and sort in cache:
        return cache[sort]
    if hits is not None:
        pos = pos if pos is not None else positions(rows)
        order = [pos[c] for c in dict.fromkeys(hits) if c in pos]
    else:
        order = list(range(len(rows)))
    if flt.worker or flt.team:  # rows without an author (a worker's laptop) match none
        order = [i for i in order if len(rows[i]) > AUTHOR and _of_worker(
            rows[i][AUTHOR], teams, flt)]
    if not flt.is_empty():
        order = [i for i in order if _matches(rows[i], facets.get(rows[i][CODE]), flt)]
    col, desc = sort
    if hits is None or col >= 0:
        key = SORT_KEYS.get(col, SORT_KEYS[3])
        # One key per row first, then a sort on a list lookup: a Python lambda per
        # comparison key is most of a 100k sort's time.
        if col in EXTRA_COLUMNS:
            keys = _extra_keys(col, extras, len(rows))
        elif col in (WORKER_COL, TEAM_COL):
            keys = _worker_keys(col, rows, teams)
        elif col in (4, 5):
            keys = [key(r, facets.get(r[CODE])) for r in rows]
        else:
            keys = [key(r, None) for r in rows]
        order.sort(key=keys.__getitem__, reverse=desc)
    if unfiltered and cache is not None:
        cache[sort] = order
    return order


def _of_worker(author: str, teams: dict[str, str], flt: CaseFilter) -> bool:
    return (not flt.worker or author == flt.worker) and \
        (not flt.team or teams.get(author) == flt.team)


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
