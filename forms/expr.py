"""The condition language of the form definitions: a tokenizer and a recursive-descent
parser of our own (never `eval`), and an evaluator that never raises on odd data.

Grammar (lowest precedence first):
    expr       := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | comparison
    comparison := operand [("==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not" "in"
                            | "contains") operand]
    operand    := literal | list | ref | call | "(" expr ")"
    literal    := number | -number | "string" | 'string' | true | false | null
    list       := "[" [expr ("," expr)*] "]"
    ref        := name | group[].name
    call       := name "(" [expr ("," expr)*] ")"

Values: None (null), bool, int/float, str, date/time/datetime (typed field values), lists.
Null logic is three-valued: `null and false` is false, `null or true` is true, otherwise
null. `==`/`!=` are two-valued (`x == null` is true when x is empty); ordering with null
or mismatched types is null. A condition holds only when it evaluates to true; a check
fails only when it evaluates to false.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import NoReturn

from .expr_functions import FUNCTIONS, Env, Value
from .expr_nodes import (
    Call,
    Compare,
    GroupRef,
    ListNode,
    Literal,
    Logic,
    Node,
    Not,
    Ref,
    to_bool,
)

MAX_SOURCE = 2000
MAX_DEPTH = 40
KEYWORDS = {"and", "or", "not", "in", "contains", "true", "false", "null"}

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<number>\d+(?:\.\d+)?)
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<groupref>[A-Za-z_][A-Za-z0-9_]*\[\]\.[A-Za-z_][A-Za-z0-9_]*)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>==|!=|<=|>=|<|>|\(|\)|\[|\]|,|-)
""", re.VERBOSE)
_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", "'": "'", '"': '"'}


class ExprError(ValueError):
    """A definition's expression does not parse; carries Korean and English text."""

    def __init__(self, message_en: str, message_ko: str, pos: int):
        self.message_en = f"{message_en} (at character {pos + 1})"
        self.message_ko = f"{message_ko} ({pos + 1}번째 글자)"
        self.pos = pos
        super().__init__(self.message_en)


@dataclass(frozen=True)
class Token:
    kind: str  # number string name groupref op keyword end
    text: str
    pos: int


def tokenize(source: str) -> list[Token]:
    if not isinstance(source, str):
        raise ExprError("expression must be text", "조건식은 문자열이어야 합니다", 0)
    if len(source) > MAX_SOURCE:
        raise ExprError("expression too long", "조건식이 너무 깁니다", MAX_SOURCE)
    tokens: list[Token] = []
    pos = 0
    while pos < len(source):
        m = _TOKEN.match(source, pos)
        if m is None:
            ch = source[pos]
            if ch in "\"'":
                raise ExprError("unterminated string", "따옴표가 닫히지 않았습니다", pos)
            raise ExprError(f"unexpected character {ch!r}", f"알 수 없는 문자 {ch!r}", pos)
        kind = m.lastgroup or ""
        if kind != "ws":
            text = m.group()
            if kind == "name" and text in KEYWORDS:
                kind = "keyword"
            tokens.append(Token(kind, text, pos))
        pos = m.end()
    tokens.append(Token("end", "", len(source)))
    return tokens


class _Parser:
    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.i = 0
        self.depth = 0
        self.refs: set[str] = set()
        self.functions: set[str] = set()

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        t = self.tokens[self.i]
        self.i += 1
        return t

    def at(self, kind: str, text: str | None = None) -> bool:
        t = self.tok
        return t.kind == kind and (text is None or t.text == text)

    def expect(self, kind: str, text: str) -> Token:
        if not self.at(kind, text):
            self.fail(f"expected {text!r}", f"{text!r}이(가) 필요합니다")
        return self.take()

    def fail(self, en: str, ko: str) -> NoReturn:
        t = self.tok
        found_en = "end of expression" if t.kind == "end" else repr(t.text)
        found_ko = "식의 끝" if t.kind == "end" else repr(t.text)
        raise ExprError(f"{en}, found {found_en}", f"{ko} (발견: {found_ko})", t.pos)

    def parse(self) -> Node:
        node = self.expr()
        if not self.at("end"):
            self.fail("unexpected text after the expression", "식 뒤에 불필요한 내용이 있습니다")
        return node

    def expr(self) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            self.fail("expression nested too deeply", "식이 너무 깊게 중첩되었습니다")
        node = self._binary_logic("or", self.and_expr)
        self.depth -= 1
        return node

    def and_expr(self) -> Node:
        return self._binary_logic("and", self.not_expr)

    def _binary_logic(self, op: str, sub: Callable[[], Node]) -> Node:
        operands = [sub()]
        while self.at("keyword", op):
            self.take()
            operands.append(sub())
        return operands[0] if len(operands) == 1 else Logic(op, operands)

    def not_expr(self) -> Node:
        if self.at("keyword", "not"):
            self.take()
            self.depth += 1
            if self.depth > MAX_DEPTH:
                self.fail("expression nested too deeply", "식이 너무 깊게 중첩되었습니다")
            node = Not(self.not_expr())
            self.depth -= 1
            return node
        return self.comparison()

    def comparison(self) -> Node:
        left = self.operand()
        t = self.tok
        if t.kind == "op" and t.text in ("==", "!=", "<", "<=", ">", ">="):
            self.take()
            return Compare(t.text, left, self.operand())
        if t.kind == "keyword" and t.text in ("in", "contains"):
            self.take()
            return Compare(t.text, left, self.operand())
        if t.kind == "keyword" and t.text == "not" and self.tokens[self.i + 1].text == "in":
            self.i += 2
            return Compare("not in", left, self.operand())
        return left

    def operand(self) -> Node:
        t = self.tok
        if t.kind == "number":
            self.take()
            return Literal(_number(t.text))
        if t.kind == "op" and t.text == "-":
            self.take()
            if not self.at("number"):
                self.fail("expected a number after '-'", "'-' 뒤에 숫자가 필요합니다")
            return Literal(-_number(self.take().text))
        if t.kind == "string":
            self.take()
            return Literal(_unquote(t.text))
        if t.kind == "keyword" and t.text in ("true", "false", "null"):
            self.take()
            return Literal({"true": True, "false": False, "null": None}[t.text])
        if t.kind == "op" and t.text == "(":
            self.take()
            node = self.expr()
            self.expect("op", ")")
            return node
        if t.kind == "op" and t.text == "[":
            self.take()
            return ListNode(self._items("]"))
        if t.kind == "groupref":
            self.take()
            self.refs.add(t.text)
            group, child = t.text.split("[].")
            return GroupRef(group, child)
        if t.kind == "name":
            self.take()
            if self.at("op", "("):
                return self._call(t)
            self.refs.add(t.text)
            return Ref(t.text)
        self.fail("expected a value, field or function", "값, 항목 또는 함수가 필요합니다")

    def _call(self, name_tok: Token) -> Node:
        spec = FUNCTIONS.get(name_tok.text)
        if spec is None:
            raise ExprError(f"unknown function {name_tok.text!r}",
                            f"알 수 없는 함수 {name_tok.text!r}", name_tok.pos)
        self.take()  # "("
        args = self._items(")")
        _, lo, hi = spec
        if not lo <= len(args) <= hi:
            want = str(lo) if lo == hi else f"{lo}-{hi}"
            raise ExprError(f"{name_tok.text}() takes {want} arguments, got {len(args)}",
                            f"{name_tok.text}()의 인수는 {want}개입니다 ({len(args)}개 받음)",
                            name_tok.pos)
        self.functions.add(name_tok.text)
        return Call(name_tok.text, args)

    def _items(self, closer: str) -> list[Node]:
        items: list[Node] = []
        if self.at("op", closer):
            self.take()
            return items
        while True:
            items.append(self.expr())
            if self.at("op", ","):
                self.take()
                continue
            self.expect("op", closer)
            return items


def _number(text: str) -> int | float:
    return float(text) if "." in text else int(text)


def _unquote(text: str) -> str:
    body, out, i = text[1:-1], [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            out.append(_ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


@dataclass(frozen=True)
class Expr:
    """A parsed expression; `refs` are the field names it reads (`g[].c` for group cells)."""

    source: str
    root: Node
    refs: frozenset[str]
    functions: frozenset[str]

    def evaluate(self, env: Env) -> Value:
        """The value, or None when the data makes it meaningless; never raises."""
        try:
            return self.root.ev(env)
        except (TypeError, ValueError, ArithmeticError, RecursionError, AttributeError):
            return None

    def holds(self, env: Env) -> bool:
        return to_bool(self.evaluate(env)) is True


@lru_cache(maxsize=4096)
def parse(source: str) -> Expr:
    """Parse (cached per source text); raises ExprError."""
    p = _Parser(tokenize(source))
    root = p.parse()
    return Expr(source, root, frozenset(p.refs), frozenset(p.functions))


def try_parse(source: object) -> Expr | None:
    if not isinstance(source, str):
        return None
    try:
        return parse(source)
    except ExprError:
        return None


class DictEnv:
    """An evaluation environment over raw values (tests, tools); validate has a typed one."""

    def __init__(self, values: dict, today: date, row: dict | None = None,
                 row_group: str | None = None):
        self.values, self.today, self.row, self.row_group = values, today, row, row_group

    def value(self, name: str) -> Value:
        return self.values.get(name) if isinstance(self.values, dict) else None

    def group_value(self, group: str, child: str) -> Value:
        if self.row is not None and group == self.row_group:
            return self.row.get(child)
        rows = self.values.get(group) if isinstance(self.values, dict) else None
        if not isinstance(rows, list):
            return []
        return [r.get(child) if isinstance(r, dict) else None for r in rows]
