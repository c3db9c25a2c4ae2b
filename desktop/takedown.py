"""Deletion requests (takedown tracking) read from evidence records: per item and per
recipient, each with its dated status history; the case timeline's entries and the
dashboard's counts come from here. Qt-free.

Evidence v2 keeps them in two groups (forms/definitions/evidence.v2.yaml):
`deletion_requests` (one row per body asked: number, recipient, platform, date, reference
number, URLs) and `deletion_updates` (removed / refused / re-uploaded / requested again,
dated, naming a request by its number). A v1 record (one status for all recipients) is read
through the form's own migration, in memory: the stored record is never changed.

A request's status is that of its latest update (by date; on the same date the later row),
"requested" while it has none. Days to removal: from the request to its first removal.
"""
from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

EVIDENCE_FORM = "evidence"
REQUESTS, UPDATES = "deletion_requests", "deletion_updates"
REQUESTED = "requested"


@dataclass(frozen=True)
class StatusChange:
    status: str       # removed | refused | reuploaded | requested
    date: str         # ISO date
    note: str = ""


@dataclass(frozen=True)
class TakedownRequest:
    record_id: str
    case: str         # the record's case code ("" when it has none)
    author: str
    item: str         # the evidence item's short description (its `title`)
    number: int
    recipient: str    # a deletion_recipients id
    platform: str | None
    requested: str | None   # ISO date
    reference: str
    urls: tuple[str, ...]
    history: tuple[StatusChange, ...]   # oldest first

    @property
    def status(self) -> str:
        return self.history[-1].status if self.history else REQUESTED

    @property
    def removed(self) -> str | None:
        """The date of the first removal, if any."""
        return next((c.date for c in self.history if c.status == "removed"), None)

    @property
    def days_to_removal(self) -> int | None:
        start, end = _date(self.requested), _date(self.removed)
        return (end - start).days if start is not None and end is not None else None


@dataclass(frozen=True)
class TimelineEntry:
    """One dated line of a case's takedown history: a request made or a status change."""

    date: str
    status: str       # "requested" for the request itself
    request: TakedownRequest
    note: str = ""
    first: bool = False  # the request itself, not a later change


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if isinstance(value, str) else None
    except ValueError:
        return None


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _v2_values(registry, record) -> dict | None:
    """The record's values in a form version that has deletion requests (migrated in
    memory from an older version), or None when no version known here has them."""
    values = record.values if isinstance(record.values, dict) else {}
    try:
        form = registry.get(record.form, record.form_version)
    except KeyError:
        return None
    if form.field(REQUESTS) is not None:
        return values
    from forms import MigrationError
    from forms.migrate import migrate

    try:
        latest = registry.latest(record.form)
        if latest.field(REQUESTS) is None:
            return None
        return migrate(values, form, latest, registry)
    except (KeyError, MigrationError):
        return None


def requests_of(registry, record) -> list[TakedownRequest]:
    """The deletion requests of one evidence record (any version), in row order."""
    if record.form != EVIDENCE_FORM or getattr(record, "deleted", False):
        return []
    values = _v2_values(registry, record)
    if not values:
        return []
    rows = values.get(REQUESTS)
    updates = values.get(UPDATES)
    history: dict[int, list[tuple[date, int, StatusChange]]] = {}
    for i, row in enumerate(updates if isinstance(updates, list) else ()):
        if not isinstance(row, dict):
            continue
        no, status, when = row.get("request_no"), row.get("status"), _date(row.get("date"))
        if isinstance(no, int) and isinstance(status, str) and when is not None:
            history.setdefault(no, []).append(
                (when, i, StatusChange(status, when.isoformat(), _text(row.get("note")))))
    out = []
    for row in rows if isinstance(rows, list) else ():
        if not isinstance(row, dict) or not isinstance(row.get("request_no"), int):
            continue
        no = row["request_no"]
        urls = tuple(u.strip() for u in _text(row.get("urls")).splitlines() if u.strip())
        requested = _date(row.get("requested_date"))
        platform = row.get("platform")
        out.append(TakedownRequest(
            record_id=record.id, case=getattr(record, "case_code", None) or "",
            author=record.author or "", item=_text(values.get("title")), number=no,
            recipient=str(row.get("recipient") or "other"),
            platform=platform if isinstance(platform, str) else None,
            requested=requested.isoformat() if requested else None,
            reference=_text(row.get("reference_no")), urls=urls,
            history=tuple(c for _, _, c in sorted(history.get(no, []), key=lambda x: x[:2]))))
    return out


def case_requests(registry, records: Iterable) -> list[TakedownRequest]:
    """Every deletion request of these records (a case's), in record order."""
    return [r for rec in records for r in requests_of(registry, rec)]


def timeline(requests: Iterable[TakedownRequest]) -> list[TimelineEntry]:
    """Each request and each of its status changes as dated entries, newest first (on
    the same day a change comes before the request it follows)."""
    entries: list[tuple[str, int, int, TimelineEntry]] = []
    for n, req in enumerate(requests):
        if req.requested:
            entries.append((req.requested, 0, n,
                            TimelineEntry(req.requested, REQUESTED, req, first=True)))
        for step, change in enumerate(req.history, 1):
            entries.append((change.date, step, n,
                            TimelineEntry(change.date, change.status, req, change.note)))
    entries.sort(key=lambda e: e[:3], reverse=True)  # same day and step: later request first
    return [e[3] for e in entries]


def figures(requests: Iterable[TakedownRequest]) -> dict:
    """Counts of requests by current status, recipient and platform (ids; requests
    without a platform under ""), and the median days from request to removal over the
    requests removed (None when none is)."""
    reqs = list(requests)
    days = [d for r in reqs if (d := r.days_to_removal) is not None and d >= 0]
    return {
        "total": len(reqs),
        "by_status": dict(Counter(r.status for r in reqs)),
        "by_recipient": dict(Counter(r.recipient for r in reqs)),
        "by_platform": dict(Counter(r.platform or "" for r in reqs)),
        "removed": len(days),
        "median_days_to_removal": statistics.median(days) if days else None,
    }
