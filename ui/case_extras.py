"""What a worker scans the cases list for, beside the code: the client's alias, the intake's
urgency, the next contact date and the support plan's next review — read on the worker
thread (no Qt here), in chunks like `case_index.FacetLoader`, from the real forms:

- alias: `intake.client_name` ("Name (an alias is fine)"; `identifying`: masked on screen
  in privacy mode), of the case's latest intake;
- urgency: `intake.urgency` of the latest intake;
- next contact: the latest of the case's intake (`next_contact_date`) and companion session
  (`next_date`) records decides — an empty date there means no contact is planned, so a
  contact already made is not shown as overdue for ever;
- follow-up: `support_plan.review_date` (the whole plan's next review) of the latest plan.

At 100k cases the values live in arrays aligned with the list's rows (one byte per case
for the urgency, four for each date, one shared string per distinct alias), not in an
object or dict entry per case: the list's memory budget (`ui.rss_mb`) is nearly spent."""
from __future__ import annotations

from array import array
from dataclasses import dataclass
from datetime import date

URGENCY_RANK = {"emergency": 1, "high": 2, "normal": 3, "low": 4}
NO_DATE = 0  # day ordinals; 0 = none


def day(text) -> int:
    """A stored ISO date (json_extract's text: '2026-05-04') as a day ordinal."""
    if not text:
        return NO_DATE
    s = text.strip('"') if isinstance(text, str) else ""
    try:
        return date.fromisoformat(s[:10]).toordinal()
    except ValueError:
        return NO_DATE


@dataclass
class CaseExtras:
    """Per-row values, aligned with the case rows they were loaded for."""
    alias: list            # str | None per row (one shared object per distinct alias)
    urgency: bytearray     # URGENCY_RANK value, 0 = not recorded
    next_contact: array    # day ordinal, 0 = none
    follow_up: array       # day ordinal, 0 = none

    @classmethod
    def empty(cls, n: int) -> CaseExtras:
        return cls([None] * n, bytearray(n), array("i", bytes(4 * n)),
                   array("i", bytes(4 * n)))


class ExtrasLoader:
    """Each `step(vault)` reads one chunk of one source (a short worker task); True once
    every source is read. `pos`: case label -> row index of the rows shown."""

    CHUNK = 4000
    # (form, fields, what each sets): one pass over a form's records reads all its fields
    SOURCES = (("intake", ("client_name", "urgency", "next_contact_date"),
                ("alias", "urgency", "next")),
               ("companion_session", ("next_date",), ("next",)),
               ("support_plan", ("review_date",), ("follow_up",)))

    def __init__(self, pos: dict[str, int]):
        self.pos = pos
        self.extras = CaseExtras.empty(len(pos) and max(pos.values()) + 1)
        self._source = 0
        self._after = 0
        self._memo: dict = {}
        # The record number that set each row's next contact: the latest record decides.
        self._next_n = array("q", bytes(8 * len(self.extras.urgency)))

    def step(self, vault) -> bool:
        if self._source >= len(self.SOURCES):
            return True
        form, fields, sinks = self.SOURCES[self._source]
        rows = vault.case_field_values(form, fields, after=self._after, limit=self.CHUNK)
        for k, sink in enumerate(sinks):
            self._apply(sink, [(r[0], r[1], r[2 + k]) for r in rows])
        if len(rows) == self.CHUNK:
            self._after = rows[-1][0]
        else:
            self._source, self._after = self._source + 1, 0
        return self._source >= len(self.SOURCES)

    def _apply(self, sink: str, rows) -> None:
        x, pos, memo = self.extras, self.pos, self._memo
        for n, code, js in rows:  # in creation order: a later record overwrites
            i = pos.get(code)
            if i is None:
                continue
            if sink == "alias":
                # SQLite's json_extract gives a JSON string as plain text (no quotes).
                text = js.strip() if isinstance(js, str) else None
                x.alias[i] = memo.setdefault(text, text) if text else None
            elif sink == "urgency":
                x.urgency[i] = URGENCY_RANK.get((js or "").strip('"'), 0)
            elif sink == "follow_up":
                x.follow_up[i] = day(js)
            elif n > self._next_n[i]:
                self._next_n[i] = n
                x.next_contact[i] = day(js)


@dataclass(frozen=True)
class Due:
    code: str
    kind: str        # "contact" | "follow_up"
    day: int         # day ordinal
    alias: str | None
    urgency: int


def due_items(rows: list[tuple], extras: CaseExtras, today: int, *, status_col: int = 1,
              code_col: int = 0) -> list[Due]:
    """Next contacts and plan reviews due by `today` in open cases, overdue first (oldest
    date first), then by urgency. Plain Python over arrays: ~30 ms at 100k cases."""
    out = []
    for i, r in enumerate(rows):
        if r[status_col] != "open" or i >= len(extras.urgency):
            continue
        for kind, arr in (("contact", extras.next_contact), ("follow_up", extras.follow_up)):
            d = arr[i]
            if d and d <= today:
                out.append(Due(r[code_col], kind, d, extras.alias[i], extras.urgency[i]))
    out.sort(key=lambda d: (d.day, d.urgency or 9, d.code))
    return out


def remap(extras: CaseExtras | None, old_pos: dict[str, int],
          new_pos: dict[str, int]) -> CaseExtras | None:
    """The loaded values carried over to a reloaded list's rows (worker side), so the
    columns do not go blank for the seconds a fresh load takes at 100k cases; the fresh
    load then replaces them. A new case shows its values once that load lands."""
    if extras is None or not new_pos:
        return None
    out = CaseExtras.empty(max(new_pos.values()) + 1)
    for code, i in new_pos.items():
        j = old_pos.get(code)
        if j is not None and j < len(extras.urgency):
            out.alias[i] = extras.alias[j]
            out.urgency[i] = extras.urgency[j]
            out.next_contact[i] = extras.next_contact[j]
            out.follow_up[i] = extras.follow_up[j]
    return out
