"""Evaluating a form's expressions over a record: typed field values, computed fields and
visibility. Shared by validation, examples and the UI (`compute_values`, `visible_paths`,
`prune_hidden`)."""
from __future__ import annotations

import copy
from collections.abc import Collection
from datetime import date, datetime, time

from .expr import Expr, try_parse
from .expr_functions import Value, is_empty
from .field_types import field_type, stored
from .model import FieldDef, FormDef


def typed_value(f: FieldDef, raw: object, attached: bool = False) -> object:
    """The value as the expression language sees it; None when absent or malformed.
    A file field counts as answered when it has a file."""
    ft = field_type(f)
    if ft.stored == "file":
        return True if attached else None
    return ft.parse(raw)


class Plan:
    """What a form needs at evaluation time, parsed once per form and cached on it."""

    def __init__(self, form: FormDef):
        self.visible: dict[int, Expr | None] = {}
        self.required_if: dict[int, Expr | None] = {}
        self.compute: dict[int, Expr | None] = {}
        for _, f in form.fields():
            self.visible[id(f)] = try_parse(f.visible_if) if f.visible_if else None
            self.required_if[id(f)] = try_parse(f.required_if) if f.required_if else None
            self.compute[id(f)] = try_parse(f.compute) if f.compute else None
        self.checks = [(c, try_parse(c.expr)) for c in form.checks]
        self.top_computed = _computed_order(form.top_fields, self.compute)
        self.groups = [f for f in form.top_fields if stored(f) == "rows"]
        self.row_computed = {g.id: _computed_order(g.fields, self.compute) for g in self.groups}
        # Groups that no expression reads and whose cells have no conditions: their rows
        # need no typed copy and their cells no evaluation (the common, fast case).
        refs: set[str] = set()
        for expr in [*self.visible.values(), *self.required_if.values(),
                     *self.compute.values(), *(e for _, e in self.checks)]:
            if expr is not None:
                refs |= expr.refs
        read = {r.split("[].")[0] for r in refs}
        # a check reported at a group's cell runs once per row: that group needs its rows
        read |= {c.at.split("[].")[0] for c in form.checks if "[]." in c.at}
        self.dynamic_groups = {
            g.id for g in self.groups
            if g.id in read or any(c.visible_if or c.required_if or stored(c) == "computed"
                                   for c in g.fields)}


def _computed_order(fields: list[FieldDef],
                    compute: dict[int, Expr | None]) -> list[FieldDef]:
    """Computed fields so that each comes after the computed fields it reads; fields in a
    cycle are left out (the linter reports the cycle)."""
    computed = {f.id: f for f in fields if stored(f) == "computed"}
    deps: dict[str, set[str]] = {}
    for fid, f in computed.items():
        expr = compute.get(id(f))
        refs = {r.split("[].")[-1] for r in expr.refs} if expr is not None else set()
        deps[fid] = {r for r in refs if r in computed and r != fid} | (
            {fid} if fid in refs else set())
    order: list[FieldDef] = []
    done: set[str] = set()
    progress = True
    while progress:
        progress = False
        for fid, d in deps.items():
            if fid not in done and d <= done:
                order.append(computed[fid])
                done.add(fid)
                progress = True
    return order


def plan_for(form: FormDef) -> Plan:
    plan = form.__dict__.get("_evaluation_plan")
    if plan is None:
        plan = Plan(form)
        form.__dict__["_evaluation_plan"] = plan
    return plan


class RecordEnv:
    """The expression environment over one record's typed values (optionally one row)."""

    __slots__ = ("top", "rows", "today", "row", "row_group")

    def __init__(self, top: dict[str, Value], rows: dict[str, list[dict[str, Value]]],
                 today: date, row: dict[str, Value] | None = None,
                 row_group: str | None = None):
        self.top, self.rows, self.today = top, rows, today
        self.row, self.row_group = row, row_group

    def value(self, name: str) -> Value:
        return self.top.get(name)

    def group_value(self, group: str, child: str) -> Value:
        if self.row is not None and group == self.row_group:
            return self.row.get(child)
        return [r.get(child) for r in self.rows.get(group, ())]

    def in_row(self, group: str, row: dict) -> RecordEnv:
        return RecordEnv(self.top, self.rows, self.today, row, group)


def build_env(form: FormDef, values: object, today: date,
              attached: Collection[str] | None = None, *,
              skip_static_groups: bool = False) -> RecordEnv:
    """Typed values of every field, computed fields included. With skip_static_groups,
    groups no expression reads get no typed rows (validation's fast path)."""
    plan = plan_for(form)
    values = values if isinstance(values, dict) else {}
    attached = attached or ()
    top, rows = {}, {}
    for f in form.top_fields:
        raw = values.get(f.id)
        where = stored(f)
        if where == "rows" and skip_static_groups and f.id not in plan.dynamic_groups:
            top[f.id] = raw
        elif where == "rows":
            group_rows = []
            for i, row in enumerate(raw if isinstance(raw, list) else ()):
                row = row if isinstance(row, dict) else {}
                group_rows.append({
                    c.id: typed_value(c, row.get(c.id), f"{f.id}[{i}].{c.id}" in attached)
                    for c in f.fields if stored(c) != "computed"})
            rows[f.id] = group_rows
            top[f.id] = group_rows
        elif where != "computed":
            top[f.id] = typed_value(f, raw, f.id in attached)
    env = RecordEnv(top, rows, today)
    for g in plan.groups:
        for row in rows.get(g.id, ()):
            row_env = env.in_row(g.id, row)
            for c in plan.row_computed[g.id]:
                expr = plan.compute[id(c)]
                row[c.id] = expr.evaluate(row_env) if expr is not None else None
    for f in plan.top_computed:
        expr = plan.compute[id(f)]
        top[f.id] = expr.evaluate(env) if expr is not None else None
    return env


def is_visible(plan: Plan, f: FieldDef, env: RecordEnv) -> bool:
    expr = plan.visible[id(f)]
    return True if f.visible_if is None else (expr is not None and expr.holds(env))


def is_required(plan: Plan, f: FieldDef, env: RecordEnv) -> bool:
    if f.required:
        return True
    expr = plan.required_if[id(f)]
    return expr is not None and expr.holds(env)


def only_the_default(plan: Plan, f: FieldDef, env: RecordEnv) -> bool:
    """A computed `coalesce(a, b, …, literal)` whose every argument but the literal is still
    empty holds the form's default, not a fact (the consent's "guardian needed" would read
    "No" before any age is known): a screen says "not known yet" instead."""
    from .expr_nodes import Call, Literal

    expr = plan.compute.get(id(f))
    root = getattr(expr, "root", None)
    if not (isinstance(root, Call) and root.name == "coalesce" and len(root.args) > 1
            and isinstance(root.args[-1], Literal)):
        return False
    return all(arg.ev(env) is None for arg in root.args[:-1])


def to_json_value(value: Value) -> Value:
    if isinstance(value, (datetime, time)):
        return value.isoformat(timespec="minutes") if not value.second else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_json_value(v) for v in value]
    return value


def compute_values(form: FormDef, values: object, today: date) -> dict:
    """A copy of `values` with every computed field filled in (left out when null)."""
    out = copy.deepcopy(values) if isinstance(values, dict) else {}
    env = build_env(form, out, today)
    for f in plan_for(form).top_computed:
        if env.top.get(f.id) is not None:
            out[f.id] = to_json_value(env.top[f.id])
    for g in plan_for(form).groups:
        computed = plan_for(form).row_computed[g.id]
        raw_rows = out.get(g.id)
        if not computed or not isinstance(raw_rows, list):
            continue
        for raw, typed in zip(raw_rows, env.rows[g.id], strict=False):
            if isinstance(raw, dict):
                for c in computed:
                    if typed.get(c.id) is not None:
                        raw[c.id] = to_json_value(typed[c.id])
    return out


def visible_paths(form: FormDef, values: object, today: date) -> set[str]:
    """Paths of the fields shown for these values (`g[2].c` for a cell of row 2)."""
    plan, env = plan_for(form), build_env(form, values, today)
    shown: set[str] = set()
    for f in form.top_fields:
        if not is_visible(plan, f, env):
            continue
        shown.add(f.id)
        if stored(f) != "rows":
            continue
        if f.id not in plan.dynamic_groups:
            rows = values.get(f.id) if isinstance(values, dict) else None
            for i in range(len(rows) if isinstance(rows, list) else 0):
                shown.update(f"{f.id}[{i}].{c.id}" for c in f.fields)
            continue
        for i, row in enumerate(env.rows.get(f.id, ())):
            row_env = env.in_row(f.id, row)
            shown.update(f"{f.id}[{i}].{c.id}" for c in f.fields if is_visible(plan, c, row_env))
    return shown


def prune_hidden(form: FormDef, values: object, today: date) -> dict:
    """A copy of `values` without the values of hidden fields (the validator refuses them).
    Repeats until stable, since hiding one field can hide another."""
    out = copy.deepcopy(values) if isinstance(values, dict) else {}
    for _ in range(10):
        shown, changed = visible_paths(form, out, today), False
        for f in form.top_fields:
            if f.id in out and f.id not in shown and not is_empty(out[f.id]):
                del out[f.id]
                changed = True
                continue
            rows = out.get(f.id) if stored(f) == "rows" else None
            for i, row in enumerate(rows if isinstance(rows, list) else ()):
                if not isinstance(row, dict):
                    continue
                for c in f.fields:
                    if c.id in row and f"{f.id}[{i}].{c.id}" not in shown \
                            and not is_empty(row[c.id]):
                        del row[c.id]
                        changed = True
        if not changed:
            break
    return out


def statistic_values(form: FormDef, values: object, today: date) -> dict:
    """Only the `statistic` fields (computed ones included): what may be counted centrally.
    Group rows keep only their statistic cells; a group without any is left out."""
    full = compute_values(form, values, today)
    out = {}
    for f in form.top_fields:
        if stored(f) == "rows":
            cells = [c.id for c in f.fields if c.classification == "statistic"]
            rows = full.get(f.id)
            if cells and isinstance(rows, list):
                out[f.id] = [{c: r[c] for c in cells if c in r} for r in rows
                             if isinstance(r, dict)]
        elif f.classification == "statistic" and f.id in full:
            out[f.id] = full[f.id]
    return out
