"""Validation of a record's field values against its form version. Never raises on any
JSON value; returns every problem found.

Policies (see docs/forms.md):
  * empty (null, "", blank text, []) counts as absent;
  * unknown keys, values of hidden fields, computed fields and attachment/signature fields
    in the values are refused;
  * paths use 0-based row indexes (`offenders[0].platform`); messages count from 1.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from .consent import consent_status
from .evaluation import RecordEnv, build_env, is_required, is_visible, plan_for
from .expr import Expr
from .expr_functions import is_empty
from .field_types import field_type, stored
from .messages import custom, problem
from .model import Check, FieldDef, FormDef, Problem
from .type_checks import REF_ID, Quick, count_limits
from .type_checks import short as _short


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


class _Label:
    """A field's name for messages, formatted only when a problem is reported."""

    __slots__ = ("f", "group", "row")

    def __init__(self, f: FieldDef, group: FieldDef | None = None, row: int | None = None):
        self.f, self.group, self.row = f, group, row

    def pair(self) -> tuple[str, str]:
        f, group, row = self.f, self.group, self.row
        ko, en = f.label.get("ko", f.id), f.label.get("en", f.id)
        if group is None or row is None:
            return ko, en
        return (f"{group.label.get('ko', group.id)}({row + 1}번째) › {ko}",
                f"{group.label.get('en', group.id)} (#{row + 1}) › {en}")


LabelLike = _Label | tuple[str, str]


def _check_value(f: FieldDef, raw: object, path: str, label: LabelLike,
                 ctx: ValidationContext, out: list[Problem]) -> None:
    for code, params in field_type(f).check(f, raw, ctx.today):
        out.append(problem(path, code, label, **params))


def _count_limits(f: FieldDef, n: int, path: str, label: LabelLike,
                  out: list[Problem]) -> None:
    for code, params in count_limits(f, n):
        out.append(problem(path, code, label, **params))


def _check_field(form: FormDef, f: FieldDef, raw: object, present: bool, path: str,
                 label: LabelLike, env: RecordEnv, ctx: ValidationContext,
                 out: list[Problem]) -> None:
    """One field (top-level or a cell of a group row): presence, visibility, value."""
    plan = plan_for(form)
    where = stored(f)
    if where == "computed":
        if present and not is_empty(raw):
            out.append(problem(path, "computed_input", label))
        return
    visible = is_visible(plan, f, env)
    if where == "file":
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
        if is_required(plan, f, env) or (where == "rows" and (f.min_items or 0) > 0):
            out.append(problem(path, "required", label))
        return
    if where == "rows":
        _check_group(form, f, raw, env, ctx, out)
    else:
        _check_value(f, raw, path, label, ctx, out)


def _fast_checks(form: FormDef, g: FieldDef) -> dict[str, Quick | None]:
    plan = plan_for(form)
    cache = plan.__dict__.setdefault("fast_checks", {})
    if g.id not in cache:
        cache[g.id] = {c.id: field_type(c).quick(c) for c in g.fields}
    return cache[g.id]


def _check_static_cell(c: FieldDef, value: object, present: bool, path: str,
                       label: LabelLike, ctx: ValidationContext, out: list[Problem]) -> None:
    """A cell of a group without conditions: always visible, required only if declared."""
    if stored(c) == "file":
        if present and not is_empty(value):
            out.append(problem(path, "file_in_values", label))
        elif ctx.attached is not None and c.required and path not in ctx.attached:
            out.append(problem(path, "required", label))
    elif value is None or value == "" or (isinstance(value, (str, list)) and is_empty(value)):
        if c.required:
            out.append(problem(path, "required", label))
    else:
        _check_value(c, value, path, label, ctx, out)


def _check_group(form: FormDef, g: FieldDef, raw: object, env: RecordEnv,
                 ctx: ValidationContext, out: list[Problem]) -> None:
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
            if row_env is not None:
                _check_field(form, c, value, c.id in row, path, clabel, row_env, ctx, out)
            else:
                _check_static_cell(c, value, c.id in row, path, clabel, ctx, out)
            if c.id in seen and not is_empty(value) and isinstance(value, (str, int, float)):
                key = f"{type(value).__name__}:{value}"
                if key in seen[c.id]:
                    out.append(problem(path, "not_unique", clabel, value=_short(value)))
                else:
                    seen[c.id][key] = i


def _check_reference(f: FieldDef, value: object, path: str, label: LabelLike,
                     values: dict, ctx: ValidationContext, out: list[Problem]) -> None:
    if ctx.lookup_record is None or not isinstance(value, str) or not REF_ID.fullmatch(value):
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


def validate(form: FormDef, values: object,
             ctx: ValidationContext | None = None) -> list[Problem]:
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
        if field_type(f).refers and not is_empty(raw) and is_visible(plan_for(form), f, env):
            _check_reference(f, raw, f.id, _Label(f), values, ctx, out)
    for check, expr in plan_for(form).checks:
        if expr is None:
            continue
        if "[]." in check.at:
            _check_rows(form, check, expr, env, out)
        elif expr.evaluate(env) is False:
            at = form.field_at(check.at) if check.at else None
            label = _Label(at).pair() if at is not None else None
            out.append(custom(check.at, f"check.{check.id}", label,
                              check.message.get("ko", ""), check.message.get("en", "")))
    return out


def _check_rows(form: FormDef, check: Check, expr: Expr, env: RecordEnv,
                out: list[Problem]) -> None:
    """A check whose `at` is a group's cell (`g[].c`) holds in every row of that group:
    evaluated with the row's own cells, reported at `g[i].c`."""
    group_id, cell = check.at.split("[].", 1)
    group = form.field(group_id)
    column = group.child(cell) if group is not None else None
    if group is None or column is None:
        return
    for i, row in enumerate(env.rows.get(group_id, ())):
        if expr.evaluate(env.in_row(group_id, row)) is False:
            out.append(custom(f"{group_id}[{i}].{cell}", f"check.{check.id}",
                              _Label(column, group, i).pair(),
                              check.message.get("ko", ""), check.message.get("en", "")))


def is_valid(form: FormDef, values: object, ctx: ValidationContext | None = None) -> bool:
    return not validate(form, values, ctx)
