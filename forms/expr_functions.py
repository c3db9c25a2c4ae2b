"""The functions of the condition language. Each takes already-evaluated arguments (except
`if`, which the evaluator handles lazily) and never raises on odd data: it returns None."""
from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Protocol

# A value of the condition language: None, bool, number, text, date, time, datetime or a
# list of them. Any, because functions must take whatever a record holds without raising.
Value = Any


class Env(Protocol):
    """What expressions read: the record's typed values and the reference day."""

    today: date

    def value(self, name: str) -> Value: ...

    def group_value(self, group: str, child: str) -> Value: ...

# Age band ids of the shared `age_bands` list, by inclusive lower bound of the age in years.
# The cuts at 14 (guardian consent, PIPA art. 22-2) and 19 (아동·청소년 under the youth
# protection acts) matter legally; the rest follow the center's statistics.
AGE_BANDS = (
    (0, "age_under_10"),
    (10, "age_10_13"),
    (14, "age_14_16"),
    (17, "age_17_18"),
    (19, "age_19_29"),
    (30, "age_30_39"),
    (40, "age_40_49"),
    (50, "age_50_plus"),
)


def as_date(value: Value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value) if len(value) == 10 else None
        except ValueError:
            return None
    return None


def is_number(value: Value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and (
        not isinstance(value, float) or math.isfinite(value))


def is_empty(value: Value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, dict, set)):
        return len(value) == 0
    return False


def age_years(birth: Value, ref: Value) -> int | None:
    """Completed years of age (만 나이) on `ref`; None if a date is missing or birth > ref."""
    b, r = as_date(birth), as_date(ref)
    if b is None or r is None or b > r:
        return None
    return r.year - b.year - ((r.month, r.day) < (b.month, b.day))


def age_band_of_years(years: Value) -> str | None:
    if not is_number(years) or years < 0:
        return None
    band = None
    for lower, band_id in AGE_BANDS:
        if years >= lower:
            band = band_id
    return band


def fn_today(env: Env) -> Value:
    return env.today


def fn_days_between(env: Env, a: Value, b: Value) -> Value:
    da, db = as_date(a), as_date(b)
    if da is None or db is None:
        return None
    return (db - da).days


def fn_age_years(env: Env, birth: Value, ref: Value = None) -> Value:
    return age_years(birth, env.today if ref is None else ref)


def fn_age_band(env: Env, birth: Value, ref: Value = None) -> Value:
    return age_band_of_years(age_years(birth, env.today if ref is None else ref))


def fn_empty(env: Env, value: Value) -> Value:
    return is_empty(value)


def fn_count(env: Env, value: Value) -> Value:
    if isinstance(value, list):
        return sum(1 for v in value if not is_empty(v))
    return 0 if is_empty(value) else 1


def fn_sum(env: Env, value: Value) -> Value:
    if is_number(value):
        return value
    if not isinstance(value, list):
        return None
    return sum(v for v in value if is_number(v))


def fn_coalesce(env: Env, *values: Value) -> Value:
    for v in values:
        if not is_empty(v):
            return v
    return None


def fn_date(env: Env, value: Value) -> Value:
    return as_date(value)


def fn_lookup(env: Env, key: Value, keys: Value, values: Value) -> Value:
    """The item of `values` beside the first item of `keys` equal to `key` (two columns
    of one group: a row found by its key); None when no key matches."""
    if is_empty(key) or not isinstance(keys, list) or not isinstance(values, list):
        return None
    for k, v in zip(keys, values, strict=False):
        if k == key:
            return v
    return None


# name -> (callable, min args, max args); `if` is special-cased by the evaluator.
FUNCTIONS: dict[str, tuple[Callable[..., Value] | None, int, int]] = {
    "today": (fn_today, 0, 0),
    "days_between": (fn_days_between, 2, 2),
    "age_years": (fn_age_years, 1, 2),
    "age_band": (fn_age_band, 1, 2),
    "empty": (fn_empty, 1, 1),
    "count": (fn_count, 1, 1),
    "sum": (fn_sum, 1, 1),
    "coalesce": (fn_coalesce, 1, 8),
    "date": (fn_date, 1, 1),
    "lookup": (fn_lookup, 3, 3),
    "if": (None, 3, 3),
}
