"""Validation of one answered value, per field type (the `check` and `quick` of
forms.field_types). Each check returns findings — a problem code of forms.messages and its
message parameters — and leaves paths and labels to the validator, which formats them only
when something is wrong.

Presence, visibility, repeat-group rows and references to other records are the
validator's (forms.validate): they depend on the whole record, not on one value.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache

from .expr_functions import is_number
from .formats import is_email, is_korean_phone, parse_date, parse_datetime, parse_time
from .model import FieldDef
from .rrn import find_rrn, may_contain_rrn

Finding = tuple[str, dict[str, object]]
Check = Callable[[FieldDef, object, date], list[Finding]]
# A predicate true only for a value that needs no further checks (the common case).
Quick = Callable[[object], bool]

MIN_BIRTH_DATE = date(1900, 1, 1)
REF_ID = re.compile(r"[A-Za-z0-9_:.\-]{1,200}")


def short(value: object) -> str:
    """A value quoted in a message, cut so a pasted essay does not flood it."""
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


@lru_cache(maxsize=512)
def _regex(pattern: str) -> re.Pattern[str] | None:
    try:
        return re.compile(pattern)
    except re.error:
        return None


def _finding(code: str, **params: object) -> Finding:
    return code, params


def free_text(default_max: int) -> Check:
    def check(f: FieldDef, raw: object, today: date) -> list[Finding]:
        if not isinstance(raw, str):
            return [_finding("type_text")]
        out = []
        limit = f.max_length if f.max_length is not None else default_max
        if len(raw) > limit:
            out.append(_finding("too_long", limit=limit))
        if f.min_length is not None and len(raw.strip()) < f.min_length:
            out.append(_finding("too_short", limit=f.min_length))
        if f.pattern and (rx := _regex(f.pattern)) is not None and not rx.fullmatch(raw):
            out.append(_finding("pattern"))
        rrn = find_rrn(raw)
        if rrn:
            out.append(_finding(rrn))
        return out
    return check


def quick_free_text(default_max: int) -> Callable[[FieldDef], Quick | None]:
    def quick(f: FieldDef) -> Quick | None:
        if f.pattern or f.min_length:
            return None
        limit = f.max_length if f.max_length is not None else default_max
        return lambda v: (isinstance(v, str) and 0 < len(v) <= limit and not v.isspace()
                          and not may_contain_rrn(v))
    return quick


def _number(limit: object) -> int | float | None:
    """A definition's numeric min/max, or None when it has none (or not a number)."""
    return limit if isinstance(limit, (int, float)) and is_number(limit) else None


def _limits(f: FieldDef, raw: int | float) -> list[Finding]:
    out = []
    lo, hi = _number(f.min), _number(f.max)
    if lo is not None and raw < lo:
        out.append(_finding("too_small", limit=lo))
    if hi is not None and raw > hi:
        out.append(_finding("too_large", limit=hi))
    return out


def check_integer(f: FieldDef, raw: object, today: date) -> list[Finding]:
    if not isinstance(raw, int) or isinstance(raw, bool):
        return [_finding("type_integer")]
    return _limits(f, raw)


def quick_integer(f: FieldDef) -> Quick | None:
    lo, hi = _number(f.min), _number(f.max)
    low = lo if lo is not None else float("-inf")
    high = hi if hi is not None else float("inf")
    return lambda v: type(v) is int and low <= v <= high


def check_decimal(f: FieldDef, raw: object, today: date) -> list[Finding]:
    if not isinstance(raw, (int, float)) or not is_number(raw):
        return [_finding("type_number")]
    return _limits(f, raw)


def _date_limit(limit: object, today: date) -> date | None:
    return today if limit == "today" else parse_date(limit)


def check_date(f: FieldDef, raw: object, today: date) -> list[Finding]:
    if not isinstance(raw, str):
        return [_finding("type_text")]
    d = parse_date(raw)
    if d is None:
        return [_finding("invalid_date")]
    out = []
    lo, hi = _date_limit(f.min, today), _date_limit(f.max, today)
    if lo is not None and d < lo:
        out.append(_finding("too_early", limit=lo.isoformat()))
    if hi is not None and d > hi:
        out.append(_finding("future_date" if f.max == "today" else "too_late",
                            limit=hi.isoformat()))
    return out


def check_birthdate(f: FieldDef, raw: object, today: date) -> list[Finding]:
    if not isinstance(raw, str):
        return [_finding("type_text")]
    d = parse_date(raw)
    if d is None:
        return [_finding("invalid_date")]
    if d > today:
        return [_finding("future_date")]
    if d < MIN_BIRTH_DATE:
        return [_finding("too_early", limit=MIN_BIRTH_DATE.isoformat())]
    return []


def check_time(f: FieldDef, raw: object, today: date) -> list[Finding]:
    if not isinstance(raw, str):
        return [_finding("type_text")]
    return [] if parse_time(raw) is not None else [_finding("invalid_time")]


def check_datetime(f: FieldDef, raw: object, today: date) -> list[Finding]:
    if not isinstance(raw, str):
        return [_finding("type_text")]
    return [] if parse_datetime(raw) is not None else [_finding("invalid_datetime")]


def check_choice(f: FieldDef, raw: object, today: date) -> list[Finding]:
    if not isinstance(raw, str) or raw not in f.choice_ids:
        return [_finding("unknown_choice", value=short(raw))]
    return []


def quick_choice(f: FieldDef) -> Quick | None:
    ids = f.choice_ids
    return lambda v: isinstance(v, str) and v in ids


def count_limits(f: FieldDef, n: int) -> list[Finding]:
    """min_items / max_items of a multiple choice or a repeat group."""
    out = []
    if f.min_items is not None and n < f.min_items:
        out.append(_finding("too_few", limit=f.min_items))
    if f.max_items is not None and n > f.max_items:
        out.append(_finding("too_many", limit=f.max_items))
    return out


def check_choices(f: FieldDef, raw: object, today: date) -> list[Finding]:
    if not isinstance(raw, list):
        return [_finding("type_list")]
    out = []
    seen = set()
    for item in raw:
        if not isinstance(item, str) or item not in f.choice_ids:
            out.append(_finding("unknown_choice", value=short(item)))
        elif item in seen:
            out.append(_finding("duplicate_choice", value=item))
        else:
            seen.add(item)
    return out + count_limits(f, len(raw))


def check_yesno(f: FieldDef, raw: object, today: date) -> list[Finding]:
    return [] if isinstance(raw, bool) else [_finding("type_yesno")]


def quick_yesno(f: FieldDef) -> Quick | None:
    return lambda v: isinstance(v, bool)


def check_phone(f: FieldDef, raw: object, today: date) -> list[Finding]:
    if not isinstance(raw, str):
        return [_finding("type_text")]
    return [] if is_korean_phone(raw) else [_finding("invalid_phone")]


def check_email(f: FieldDef, raw: object, today: date) -> list[Finding]:
    if not isinstance(raw, str):
        return [_finding("type_text")]
    return [] if is_email(raw) else [_finding("invalid_email")]


def check_reference(f: FieldDef, raw: object, today: date) -> list[Finding]:
    """The id's shape only; whether the record exists and fits is the validator's."""
    if not isinstance(raw, str):
        return [_finding("type_text")]
    return [] if REF_ID.fullmatch(raw) else [_finding("ref_invalid")]


def check_nothing(f: FieldDef, raw: object, today: date) -> list[Finding]:
    """Groups, computed and file fields: the validator handles them by where they are
    stored (rows, not at all, the vault's attachment table)."""
    return []


def no_quick(f: FieldDef) -> Quick | None:
    return None
