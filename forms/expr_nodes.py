"""The expression language's values and syntax tree: three-valued logic, comparisons that
return None instead of raising, and one node class per construct (see forms/expr.py)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from .expr_functions import FUNCTIONS, Env, Value, is_empty, is_number


def to_bool(value: Value) -> bool | None:
    """Three-valued truth: None stays unknown; empty text/lists are false."""
    if value is None or isinstance(value, bool):
        return value
    return not is_empty(value)


def values_equal(a: Value, b: Value) -> bool:
    if is_number(a) and is_number(b):
        return a == b
    if is_empty(a) and is_empty(b):
        return True
    return type(a) is type(b) and a == b


_ORDERED = (str, date, time, datetime)


def compare(op: str, a: Value, b: Value) -> bool | None:
    if is_number(a) and is_number(b):
        pass
    elif type(a) is not type(b) or not isinstance(a, _ORDERED):
        return None
    try:
        if op == "<":
            return a < b
        if op == "<=":
            return a <= b
        if op == ">":
            return a > b
        return a >= b
    except TypeError:  # e.g. naive vs aware datetimes
        return None


class Node:
    def ev(self, env: Env) -> Value:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass
class Literal(Node):
    value: object

    def ev(self, env: Env) -> Value:
        return self.value


@dataclass
class ListNode(Node):
    items: list[Node]

    def ev(self, env: Env) -> Value:
        return [item.ev(env) for item in self.items]


@dataclass
class Ref(Node):
    name: str

    def ev(self, env: Env) -> Value:
        return env.value(self.name)


@dataclass
class GroupRef(Node):
    group: str
    child: str

    def ev(self, env: Env) -> Value:
        return env.group_value(self.group, self.child)


@dataclass
class Not(Node):
    operand: Node

    def ev(self, env: Env) -> Value:
        v = to_bool(self.operand.ev(env))
        return None if v is None else not v


@dataclass
class Logic(Node):
    op: str  # and | or
    operands: list[Node]

    def ev(self, env: Env) -> Value:
        decisive = self.op == "or"  # `or` stops at true, `and` at false
        unknown = False
        for operand in self.operands:
            v = to_bool(operand.ev(env))
            if v is decisive:
                return decisive
            if v is None:
                unknown = True
        return None if unknown else not decisive


@dataclass
class Compare(Node):
    op: str
    left: Node
    right: Node

    def ev(self, env: Env) -> Value:
        a, b = self.left.ev(env), self.right.ev(env)
        op = self.op
        if op == "==":
            return values_equal(a, b)
        if op == "!=":
            return not values_equal(a, b)
        if op in ("in", "not in"):
            if not isinstance(b, list):
                return None
            found = any(values_equal(a, item) for item in b)
            return found if op == "in" else not found
        if op == "contains":
            if isinstance(a, list):
                return any(values_equal(item, b) for item in a)
            if isinstance(a, str) and isinstance(b, str):
                return b in a
            return None
        return compare(op, a, b)


@dataclass
class Call(Node):
    name: str
    args: list[Node]

    def ev(self, env: Env) -> Value:
        if self.name == "if":
            cond = to_bool(self.args[0].ev(env))
            return self.args[1].ev(env) if cond is True else self.args[2].ev(env)
        fn = FUNCTIONS[self.name][0]
        if fn is None:  # the parser admits no other special form
            return None
        return fn(env, *[a.ev(env) for a in self.args])
