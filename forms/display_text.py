"""A field value as text for people, per field type, in Korean or English.

The read-only record view and the exported PDF both print these texts, so a date reads the
same on screen and on paper. Dates are written out in words (`2026년 3월 4일`,
`4 March 2026`): a court clerk abroad and a worker here must not read `03/04` differently.
A value that does not have its type's shape (an old or hand-edited record) is shown as it
is rather than hidden.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from .expr_functions import is_number
from .formats import parse_date, parse_datetime, parse_time
from .model import FieldDef

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
# Record times are Korean wall-clock times; an explicit other offset is named.
KOREA_OFFSET = timedelta(hours=9)

_TEXTS: dict[str, tuple[str, str]] = {
    "yes": ("예", "Yes"),
    "no": ("아니오", "No"),
    "rows": ("{n}건", "{n} rows"),
    "row": ("{n}건", "{n} row"),
}


def text(key: str, lang: str, **params: object) -> str:
    ko, en = _TEXTS[key]
    return (en if lang == "en" else ko).format(**params)


def pick(texts: Mapping[str, str] | str | None, lang: str) -> str:
    """A `{ko, en}` text of the definitions in `lang`, falling back to the other language."""
    if texts is None:
        return ""
    if isinstance(texts, str):
        return texts
    return texts.get(lang) or texts.get("ko") or texts.get("en") or ""


@dataclass(frozen=True)
class DisplayContext:
    """lang: "ko" or "en"; ref_labels: record id -> what to show for a reference to it."""

    lang: str = "ko"
    ref_labels: Mapping[str, str] = field(default_factory=dict)


# -- dates and times --------------------------------------------------------------------
def format_date(d: date, lang: str) -> str:
    if lang == "en":
        return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"
    return f"{d.year}년 {d.month}월 {d.day}일"


def format_time(t: time) -> str:
    return t.strftime("%H:%M:%S" if t.second else "%H:%M")


def format_datetime(dt: datetime, lang: str) -> str:
    """Date and wall-clock time; an offset other than Korea's is written after it."""
    day, clock = format_date(dt.date(), lang), format_time(dt.time())
    out = f"{day}, {clock}" if lang == "en" else f"{day} {clock}"
    offset = dt.utcoffset()
    if offset is not None and offset != KOREA_OFFSET:
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        out += f" (UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d})"
    return out


# -- plain values -------------------------------------------------------------------------
def plain(value: object) -> str:
    """Any JSON value as text: the fallback for a value of an unexpected shape."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if is_number(value):
        return format_number(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def format_number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.6f}".rstrip("0").rstrip(".")
    return plain(value)


def choice_label(f: FieldDef, value: object, lang: str) -> str:
    c = f.choice(value) if isinstance(value, str) else None
    return pick(c.label, lang) if c is not None else plain(value)


# -- per field type (the `display` of forms.field_types) ----------------------------------
def show_text(f: FieldDef, value: object, ctx: DisplayContext) -> str:
    return plain(value)


def show_number(f: FieldDef, value: object, ctx: DisplayContext) -> str:
    return format_number(value) if is_number(value) else plain(value)


def show_date(f: FieldDef, value: object, ctx: DisplayContext) -> str:
    d = parse_date(value)
    return format_date(d, ctx.lang) if d is not None else plain(value)


def show_time(f: FieldDef, value: object, ctx: DisplayContext) -> str:
    t = parse_time(value)
    return format_time(t) if t is not None else plain(value)


def show_datetime(f: FieldDef, value: object, ctx: DisplayContext) -> str:
    dt = parse_datetime(value)
    return format_datetime(dt, ctx.lang) if dt is not None else plain(value)


def show_choice(f: FieldDef, value: object, ctx: DisplayContext) -> str:
    return choice_label(f, value, ctx.lang)


def show_choices(f: FieldDef, value: object, ctx: DisplayContext) -> str:
    if not isinstance(value, list):
        return plain(value)
    return ", ".join(choice_label(f, v, ctx.lang) for v in value)


def show_yesno(f: FieldDef, value: object, ctx: DisplayContext) -> str:
    if isinstance(value, bool):
        return text("yes" if value else "no", ctx.lang)
    return plain(value)


def show_reference(f: FieldDef, value: object, ctx: DisplayContext) -> str:
    if isinstance(value, str):
        return ctx.ref_labels.get(value, value)
    return plain(value)


def show_rows(f: FieldDef, value: object, ctx: DisplayContext) -> str:
    """A group in one line (its rows are laid out by the caller; see forms.display)."""
    if isinstance(value, list):
        return text("row" if len(value) == 1 else "rows", ctx.lang, n=len(value))
    return plain(value)


def show_nothing(f: FieldDef, value: object, ctx: DisplayContext) -> str:
    """File fields: their files are listed by the caller, who holds the attachments."""
    return ""


def show_computed(f: FieldDef, value: object, ctx: DisplayContext) -> str:
    """A computed value by its shape: the expression language gives yes/no, numbers,
    dates (as YYYY-MM-DD after `compute_values`) or a choice id of the field's list."""
    if isinstance(value, bool):
        return text("yes" if value else "no", ctx.lang)
    if isinstance(value, str) and f.choice(value) is not None:
        return choice_label(f, value, ctx.lang)
    if isinstance(value, str) and parse_date(value) is not None:
        return show_date(f, value, ctx)
    if isinstance(value, str) and parse_datetime(value) is not None:
        return show_datetime(f, value, ctx)
    if isinstance(value, list):
        return ", ".join(show_computed(f, v, ctx) for v in value)
    return show_number(f, value, ctx)
