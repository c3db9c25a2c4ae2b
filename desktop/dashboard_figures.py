"""The dashboard's figures (ui/dashboard_view.py draws them): cases by crime type, by support
area, companion sessions per month (last 12 months), outreach contacts per district,
deletion requests by status, recipient and platform with the median days to removal, for a
scope: one worker's records (a worker's own figures), a team's, or everyone's (the center's
desk, which after sync holds every worker's records). Qt-free: counted on the vault's
worker thread, with the same counting as the statistics export (desktop/stat_counts.py).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from desktop import takedown
from desktop.stat_counts import TEAM_UNKNOWN, count, counted_records, teams_known

# (form, statistic field) of each chart counted through stat_counts
CHARTS = {"crime": ("incident", "crime_types"), "area": ("intake", "support_areas"),
          "districts": ("outreach_contact", "district")}


@dataclass(frozen=True)
class Scope:
    """Whose records a chart counts: kind "all", "worker" (name) or "team" (name;
    TEAM_UNKNOWN for the authors whose team this vault does not know)."""

    kind: str = "all"
    name: str = ""

    def admits(self, author: str, teams: dict[str, str]) -> bool:
        if self.kind == "worker":
            return author == self.name
        if self.kind == "team":
            return teams.get(author, TEAM_UNKNOWN) == self.name
        return True


def months_back(today: date, n: int = 12) -> list[str]:
    y, m = today.year, today.month
    out = []
    for _ in range(n):
        out.append(f"{y:04d}-{m:02d}")
        m -= 1
        if m == 0:
            y, m = y - 1, 12
    return list(reversed(out))


def dashboard_figures(vault, registry, scope: Scope, today: date | None = None) -> dict:
    today = today or date.today()
    teams = teams_known(vault)
    forms = [f for f, _ in CHARTS.values()]
    paths = [p for _, p in CHARTS.values()]
    records = list(counted_records(vault, registry, today, forms=forms, paths=paths))
    authors = {c.author for c in records}
    mine = [c for c in records if scope.admits(c.author, teams)]
    figures: dict = {key: count(mine, form, path).get(None, {})
                     for key, (form, path) in CHARTS.items()}
    # Companion sessions by the session's date: a sensitive field (a date of a person's
    # appointment), so not in the statistics export; counted here, on this laptop only.
    months = months_back(today)
    sessions: Counter[str] = Counter()
    for r in vault.list_records(form="companion_session"):
        authors.add(r.author)
        d = r.values.get("date")
        if scope.admits(r.author, teams) and isinstance(d, str) and d[:7] in months:
            sessions[d[:7]] += 1
    # Deletion requests by status, recipient and platform, and the median days to removal
    # (desktop/takedown.py): from the full evidence records on this laptop, since a
    # request's status comes from its dated history (v1 records read through the migration).
    requests = []
    for r in vault.list_records(form="evidence"):
        authors.add(r.author)
        if scope.admits(r.author, teams):
            requests += takedown.requests_of(registry, r)
    figures["takedown"] = takedown.figures(requests)
    cases = vault.list_cases()
    enrollment = vault.sync_enrollment() or {}
    figures.update({
        "desk": enrollment.get("role") == "desk",  # the center's desk: everyone's by default
        "sessions": [(m, sessions.get(m, 0)) for m in months],
        "cases_total": len(cases),
        "cases_open": sum(1 for c in cases if c.status == "open"),
        # what the scope chooser offers
        "workers": sorted(authors),
        "teams": sorted({teams.get(a, TEAM_UNKNOWN) for a in authors}),
    })
    return figures
