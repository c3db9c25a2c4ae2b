"""Validation of a record's field values against its form version. Never raises on any
JSON value; returns every problem found.

Policies (see docs/forms.md):
  * empty (null, "", blank text, []) counts as absent;
  * unknown keys, values of hidden fields, computed fields and attachment/signature fields
    in the values are refused;
  * paths use 0-based row indexes (`offenders[0].platform`); messages count from 1.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from .consent import consent_status
from .evaluation import RecordEnv, build_env, is_required, is_visible, plan_for
from .expr_functions import is_empty, is_number
from .formats import is_email, is_korean_phone, parse_date, parse_datetime, parse_time
from .messages import custom, problem
from .model import CHOICE_TYPES, FILE_TYPES, FREE_TEXT_TYPES, FieldDef, FormDef, Problem
from .rrn import find_rrn, may_contain_rrn

DEFAULT_MAX_LENGTH = {"text": 500, "longtext": 20000}
MIN_BIRTH_DATE = date(1900, 1, 1)
_REF_ID = re.compile(r"[A-Za-z0-9_:.\-]{1,200}")


@dataclass(frozen=True)
class RefRecord:
    """What validation needs to know about a referenced record (looked up in the vault).
    signed: `signature` has an attachment; signed_fields: every signature field that has."""

    id: str
    form: str
    case: str | None
    values: dict
    signed: bool = False
    signed_fields: frozenset = frozenset()


@dataclass
class ValidationContext:
    """today: the reference day; lookup_record: None = references are not checked;
    case: the case of the record being validated (for same-case references);
    attached: paths of attachment/signature fields with a file, or None = not checked
    (a record may be put before its files are attached)."""

    today: date = field(default_factory=date.today)
    lookup_record: Callable[[str], RefRecord | None] | None = None
    case: str | None = None
    attached: frozenset | set | None = None


@lru_cache(maxsize=512)
def _regex(pattern: str):
    try:
        return re.compile(pattern)
    except re.error:
        return None


class _Label:
    """A field's name for messages, formatted only when a problem is reported."""

    __slots__ = ("f", "group", "row")

    def __init__(self, f: FieldDef, group: FieldDef | None = None, row: int | None = None):
        self.f, self.group, self.row = f, group, row

    def pair(self) -> tuple[str, str]:
        f, group, row = self.f, self.group, self.row
        ko, en = f.label.get("ko", f.id), f.label.get("en", f.id)
        if group is None:
            return ko, en
        return (f"{group.label.get('ko', group.id)}({row + 1}번째) › {ko}",
                f"{group.label.get('en', group.id)} (#{row + 1}) › {en}")




def _short(value) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _date_limit(limit, today: date) -> date | None:
    return today if limit == "today" else parse_date(limit)


def _check_value(f: FieldDef, raw, path: str, label, ctx: ValidationContext, out: list):
    t = f.type
    if t in ("text", "longtext", "phone", "email", "reference", "date", "birthdate", "time",
             "datetime") and not isinstance(raw, str):
        out.append(problem(path, "type_text", label))
        return
    if t in FREE_TEXT_TYPES:
        n = len(raw)
        limit = f.max_length if f.max_length is not None else DEFAULT_MAX_LENGTH[t]
        if n > limit:
            out.append(problem(path, "too_long", label, limit=limit))
        if f.min_length is not None and len(raw.strip()) < f.min_length:
            out.append(problem(path, "too_short", label, limit=f.min_length))
        if f.pattern and (rx := _regex(f.pattern)) is not None and not rx.fullmatch(raw):
            out.append(problem(path, "pattern", label))
        rrn = find_rrn(raw)
        if rrn:
            out.append(problem(path, rrn, label))
    elif t == "integer" or t == "decimal":
        if t == "integer" and not (isinstance(raw, int) and not isinstance(raw, bool)):
            out.append(problem(path, "type_integer", label))
        elif not is_number(raw):
            out.append(problem(path, "type_number", label))
        else:
            if is_number(f.min) and raw < f.min:
                out.append(problem(path, "too_small", label, limit=f.min))
            if is_number(f.max) and raw > f.max:
                out.append(problem(path, "too_large", label, limit=f.max))
    elif t in ("date", "birthdate"):
        d = parse_date(raw)
        if d is None:
            out.append(problem(path, "invalid_date", label))
            return
        if t == "birthdate":
            if d > ctx.today:
                out.append(problem(path, "future_date", label))
            elif d < MIN_BIRTH_DATE:
                out.append(problem(path, "too_early", label, limit=MIN_BIRTH_DATE.isoformat()))
            return
        lo, hi = _date_limit(f.min, ctx.today), _date_limit(f.max, ctx.today)
        if lo is not None and d < lo:
            out.append(problem(path, "too_early", label, limit=lo.isoformat()))
        if hi is not None and d > hi:
            out.append(problem(path, "future_date" if f.max == "today" else "too_late", label,
                               limit=hi.isoformat()))
    elif t in ("time", "datetime"):
        if (parse_time if t == "time" else parse_datetime)(raw) is None:
            out.append(problem(path, "invalid_" + t, label))
    elif t in CHOICE_TYPES:
        if not isinstance(raw, str) or raw not in f.choice_ids:
            out.append(problem(path, "unknown_choice", label, value=_short(raw)))
    elif t == "multichoice":
        if not isinstance(raw, list):
            out.append(problem(path, "type_list", label))
            return
        seen = set()
        for item in raw:
            if not isinstance(item, str) or item not in f.choice_ids:
                out.append(problem(path, "unknown_choice", label, value=_short(item)))
            elif item in seen:
                out.append(problem(path, "duplicate_choice", label, value=item))
            else:
                seen.add(item)
        _count_limits(f, len(raw), path, label, out)
    elif t == "yesno":
        if not isinstance(raw, bool):
            out.append(problem(path, "type_yesno", label))
    elif t == "phone":
        if not is_korean_phone(raw):
            out.append(problem(path, "invalid_phone", label))
    elif t == "email":
        if not is_email(raw):
            out.append(problem(path, "invalid_email", label))
    elif t == "reference":
        if not _REF_ID.fullmatch(raw):
            out.append(problem(path, "ref_invalid", label))


def _count_limits(f: FieldDef, n: int, path: str, label, out: list):
    if f.min_items is not None and n < f.min_items:
        out.append(problem(path, "too_few", label, limit=f.min_items))
    if f.max_items is not None and n > f.max_items:
        out.append(problem(path, "too_many", label, limit=f.max_items))


def _check_field(form, f, raw, present, path, label, env, ctx, out):
    """One field (top-level or a cell of a group row): presence, visibility, value."""
    plan = plan_for(form)
    if f.type == "computed":
        if present and not is_empty(raw):
            out.append(problem(path, "computed_input", label))
        return
    visible = is_visible(plan, f, env)
    if f.type in FILE_TYPES:
        if present and not is_empty(raw):
            out.append(problem(path, "file_in_values", label))
        elif (ctx.attached is not None and visible and is_required(plan, f, env)
              and path not in ctx.attached):
            out.append(problem(path, "required", label))
        return
    if not visible:
        if not is_empty(raw):
            out.append(problem(path, "hidden_value", label))
        return
    if is_empty(raw):
        if is_required(plan, f, env) or (f.type == "group" and (f.min_items or 0) > 0):
            out.append(problem(path, "required", label))
        return
    if f.type == "group":
        _check_group(form, f, raw, env, ctx, out)
    else:
        _check_value(f, raw, path, label, ctx, out)


def _fast_check(c: FieldDef):
    """A predicate that is true only for a value needing no further checks (the common
    case), or None: the full check then runs and reports the problems."""
    t = c.type
    if t in FREE_TEXT_TYPES:
        limit = c.max_length if c.max_length is not None else DEFAULT_MAX_LENGTH[t]
        if c.pattern or c.min_length:
            return None
        return lambda v: (isinstance(v, str) and 0 < len(v) <= limit and not v.isspace()
                          and not may_contain_rrn(v))
    if t in CHOICE_TYPES:
        ids = c.choice_ids
        return lambda v: isinstance(v, str) and v in ids
    if t == "yesno":
        return lambda v: isinstance(v, bool)
    if t == "integer":
        lo = c.min if is_number(c.min) else float("-inf")
        hi = c.max if is_number(c.max) else float("inf")
        return lambda v: type(v) is int and lo <= v <= hi
    return None


def _fast_checks(form: FormDef, g: FieldDef) -> dict:
    plan = plan_for(form)
    cache = plan.__dict__.setdefault("fast_checks", {})
    if g.id not in cache:
        cache[g.id] = {c.id: _fast_check(c) for c in g.fields}
    return cache[g.id]


def _check_static_cell(c: FieldDef, value, present, path, label, ctx, out):
    """A cell of a group without conditions: always visible, required only if declared."""
    t = c.type
    if t in FILE_TYPES:
        if present and not is_empty(value):
            out.append(problem(path, "file_in_values", label))
        elif ctx.attached is not None and c.required and path not in ctx.attached:
            out.append(problem(path, "required", label))
    elif value is None or value == "" or (isinstance(value, (str, list)) and is_empty(value)):
        if c.required:
            out.append(problem(path, "required", label))
    else:
        _check_value(c, value, path, label, ctx, out)


def _check_group(form: FormDef, g: FieldDef, raw, env: RecordEnv, ctx, out: list):
    label = _Label(g).pair()
    if not isinstance(raw, list):
        out.append(problem(g.id, "type_list", label))
        return
    _count_limits(g, len(raw), g.id, label, out)
    seen: dict[str, dict] = {c.id: {} for c in g.fields if c.unique}
    children = g.child_ids
    dynamic = g.id in plan_for(form).dynamic_groups
    fast = {} if dynamic else _fast_checks(form, g)
    typed_rows = env.rows.get(g.id, [])
    for i, row in enumerate(raw):
        row_path = f"{g.id}[{i}]"
        if not isinstance(row, dict):
            out.append(problem(row_path, "type_row", (f"{label[0]}({i + 1}번째)",
                                                      f"{label[1]} (#{i + 1})")))
            continue
        row_env = env.in_row(g.id, typed_rows[i]) if dynamic else None
        for key in row:
            if key not in children:
                key = _short(key)
                out.append(problem(f"{row_path}.{key}", "unknown_field",
                                   (f"{label[0]}({i + 1}번째) › {key}",
                                    f"{label[1]} (#{i + 1}) › {key}")))
        for c in g.fields:
            value = row.get(c.id)
            quick = fast.get(c.id)
            if quick is not None and quick(value) and c.id not in seen:
                continue  # valid as it stands: no path, label or further checks needed
            path, clabel = f"{row_path}.{c.id}", _Label(c, g, i)
            if dynamic:
                _check_field(form, c, value, c.id in row, path, clabel, row_env, ctx, out)
            else:
                _check_static_cell(c, value, c.id in row, path, clabel, ctx, out)
            if c.id in seen and not is_empty(value) and isinstance(value, (str, int, float)):
                key = f"{type(value).__name__}:{value}"
                if key in seen[c.id]:
                    out.append(problem(path, "not_unique", clabel, value=_short(value)))
                else:
                    seen[c.id][key] = i


def _check_reference(f: FieldDef, value, path, label, values, ctx, out):
    if ctx.lookup_record is None or not isinstance(value, str) or not _REF_ID.fullmatch(value):
        return
    ref = ctx.lookup_record(value)
    if ref is None:
        out.append(problem(path, "ref_missing", label))
        return
    if f.ref_form and ref.form != f.ref_form:
        out.append(problem(path, "ref_wrong_form", label, value=f.ref_form))
        return
    if f.ref_same_case and ctx.case is not None and ref.case != ctx.case:
        out.append(problem(path, "ref_other_case", label))
    if not f.consent_covers:
        return
    status = consent_status(ref.values, signed=ref.signed, today=ctx.today,
                            signed_fields=ref.signed_fields)
    for reason in status.reasons:
        out.append(custom(path, reason.code, label, reason.message_ko, reason.message_en))
    recipient = values.get(f.consent_covers)
    if not isinstance(recipient, str) or not recipient:
        out.append(problem(path, "consent_no_recipient", label))
    elif recipient not in status.recipients:
        out.append(problem(path, "consent_not_covering", label, value=recipient))
    missing = [p for p in (f.consent_purposes or ()) if p not in status.purposes]
    if missing:
        out.append(problem(path, "consent_purpose_missing", label, value=", ".join(missing)))


def validate(form: FormDef, values, ctx: ValidationContext | None = None) -> list[Problem]:
    """Every problem of `values` against `form`; [] when the record is acceptable."""
    ctx = ctx if ctx is not None else ValidationContext()
    if not isinstance(values, dict):
        return [problem("", "not_object")]
    out: list[Problem] = []
    env = build_env(form, values, ctx.today, ctx.attached, skip_static_groups=True)
    for key in values:
        if form.field(key) is None:
            out.append(problem(_short(key), "unknown_field", (_short(key), _short(key))))
    for f in form.top_fields:
        raw = values.get(f.id)
        _check_field(form, f, raw, f.id in values, f.id, _Label(f), env, ctx, out)
        if f.type == "reference" and not is_empty(raw) and is_visible(plan_for(form), f, env):
            _check_reference(f, raw, f.id, _Label(f), values, ctx, out)
    for check, expr in plan_for(form).checks:
        if expr is not None and expr.evaluate(env) is False:
            at = form.field_at(check.at) if check.at else None
            label = _Label(at).pair() if at is not None else None
            out.append(custom(check.at, f"check.{check.id}", label,
                              check.message.get("ko", ""), check.message.get("en", "")))
    return out


def is_valid(form: FormDef, values, ctx: ValidationContext | None = None) -> bool:
    return not validate(form, values, ctx)
