"""The case list's unfiltered orders are cached per sort: clearing a search at 100k cases
must not re-sort every case on the worker (a window stall), and the cached order must be
the one a fresh sort gives."""
from __future__ import annotations

import random

from ui.case_index import CaseFilter, Facets, compute_view


def _rows(n=500):
    rng = random.Random(7)
    return [(f"C-{i:05d}", rng.choice(["open", "closed"]), f"2026-0{rng.randint(1, 9)}-01",
             f"2026-1{rng.randint(0, 2)}-0{rng.randint(1, 9)}") for i in range(n)]


def test_cached_unfiltered_orders_match_a_fresh_sort():
    rows = _rows()
    facets = {r[0]: Facets((random.Random(r[0]).choice(["a", "b", "c"]),), ()) for r in rows}
    cache: dict = {}
    for sort in [(0, False), (1, True), (2, False), (3, True), (4, False)]:
        fresh = compute_view(rows, facets, CaseFilter(), sort)
        first = compute_view(rows, facets, CaseFilter(), sort, cache=cache)
        again = compute_view(rows, facets, CaseFilter(), sort, cache=cache)
        assert first == fresh and again is first
    key = {0: 0, 3: 3}
    for col, desc in [(0, False), (3, True)]:
        order = cache[(col, desc)]
        values = [rows[i][key[col]] for i in order]
        assert values == sorted(values, reverse=desc)


def test_searches_and_filters_are_never_cached():
    rows = _rows(50)
    cache: dict = {}
    hits = [rows[3][0], rows[1][0]]
    assert compute_view(rows, None, CaseFilter(), (-1, False), hits, cache=cache) == [3, 1]
    only_open = compute_view(rows, None, CaseFilter(status="open"), (0, False), cache=cache)
    assert all(rows[i][1] == "open" for i in only_open) and cache == {}
