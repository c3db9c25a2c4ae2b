"""JSON <-> typed message objects, validated against the dataclass's own annotations.

Plain Python on purpose: the desktop client imports sync.protocol, and the desktop bundle
carries neither pydantic nor the rest of the server stack. A message type is a frozen
dataclass whose fields use only the wire types below; `decode` walks the annotations, so
adding a message is declaring a dataclass, nothing else.

Wire types: str, int (signed 64-bit: the databases store BIGINT, and SQLite refuses
more), bool, float is not used, None in `X | None`, list[X], dict[str, X], Literal[...]
of strings, and nested message dataclasses. Bytes travel as base64 text (`b64encode`).
Unknown keys are ignored (a newer peer may add fields: version skew must not break an
older laptop); missing keys without a default are errors.
"""
from __future__ import annotations

import base64
import binascii
import dataclasses
import inspect
import json
import types
import typing
from functools import partial
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

INT_MIN = -(2**63)
INT_MAX = 2**63 - 1
# A limit for any one message unless its type sets MAX_BYTES; push batches set their own.
DEFAULT_MAX_BYTES = 64 * 1024

T = TypeVar("T")


class ProtocolError(ValueError):
    """A message that does not match its type; the text is one line naming the field."""


def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64decode(text: str, *, field: str = "value", size: int | None = None) -> bytes:
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise ProtocolError(f"{field}: not base64") from None
    if size is not None and len(raw) != size:
        raise ProtocolError(f"{field}: {len(raw)} bytes, expected {size}")
    return raw


# per message class: its fields as (name, resolved annotation, required). Resolving the
# annotations (`get_type_hints`) costs far more than decoding a message: once per class.
_PLANS: dict[type, tuple[tuple[str, Any, bool], ...]] = {}


def _plan(cls: type) -> tuple[tuple[str, Any, bool], ...]:
    plan = _PLANS.get(cls)
    if plan is None:
        hints = get_type_hints(cls)
        plan = tuple((f.name, hints[f.name],
                      f.default is dataclasses.MISSING
                      and f.default_factory is dataclasses.MISSING)
                     for f in dataclasses.fields(cls))
        _PLANS[cls] = plan
    return plan


def _plain(value: Any) -> Any:
    # dataclasses.asdict deep-copies every leaf; message leaves are immutable (str, int,
    # bool, None), so a walk of the containers gives the same dict several times faster
    kind = type(value)
    if kind in (str, int, bool) or value is None:
        return value
    if kind is list:
        return [_plain(v) for v in value]
    if kind is dict:
        return {k: _plain(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _writer(kind)(value)
    return value


# per message class: a function giving its plain dict. Fields whose wire type holds no
# message (text, numbers, lists and maps of them) are taken as they are, without a walk:
# json.dumps reads them, nothing changes them. The server encodes each pushed change
# again to hash it, so this runs 100 times a push.
_WRITERS: dict[type, typing.Callable[[Any], dict[str, Any]]] = {}


def _writer(cls: type) -> typing.Callable[[Any], dict[str, Any]]:
    writer = _WRITERS.get(cls)
    if writer is None:
        flat = tuple(name for name, hint, _r in _plan(cls) if not _holds_message(hint))
        deep = tuple(name for name, hint, _r in _plan(cls) if _holds_message(hint))

        def writer(value: Any) -> dict[str, Any]:
            out = {name: getattr(value, name) for name in flat}
            for name in deep:
                out[name] = _plain(getattr(value, name))
            return out
        _WRITERS[cls] = writer
    return writer


def _holds_message(hint: Any) -> bool:
    if dataclasses.is_dataclass(hint):
        return True
    return any(_holds_message(a) for a in get_args(hint) if get_origin(hint) is not
               typing.Literal)


def to_dict(msg: Any) -> dict[str, Any]:
    """The message as plain JSON values. The dicts are new; a list or map of text inside
    may be the message's own (messages are frozen), so read it, do not change it."""
    if not dataclasses.is_dataclass(msg) or isinstance(msg, type):
        raise TypeError(f"not a message: {type(msg).__name__}")
    result: dict[str, Any] = _plain(msg)
    return result


def to_json(msg: Any) -> bytes:
    # compact and key-sorted: the same message always gives the same bytes (signatures and
    # body hashes in later messages depend on it)
    return json.dumps(to_dict(msg), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"), allow_nan=False).encode("utf-8")


def _refuse_constant(name: str) -> Any:
    # NaN and Infinity are Python's extensions, not JSON: malformed like any other (400)
    raise ProtocolError(f"malformed JSON: {name} is not JSON")


def from_json(cls: type[T], data: bytes | str) -> T:
    limit = getattr(cls, "MAX_BYTES", DEFAULT_MAX_BYTES)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > limit:
        raise ProtocolError(f"message too large: {len(raw)} bytes, at most {limit}")
    try:
        doc = json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ProtocolError(f"malformed JSON: {e.__class__.__name__}") from None
    except RecursionError:
        raise ProtocolError("malformed JSON: nested too deeply") from None
    return decode(cls, doc)


def decode(cls: type[T], doc: Any, path: str = "") -> T:
    """`doc` (parsed JSON) as an instance of the message dataclass `cls`, or ProtocolError."""
    result: T = _reader(cls)(doc, path)
    return result


# A reader checks and converts one value of one annotation: `(value, where) -> value`.
# Readers are built once per annotation and kept: walking `get_origin`/`get_args` for
# every value cost a server more than storing the change it decoded (a push of 100
# changes reads some 3,000 values). `where` is a callable giving the field's path, called
# only to name a field in an error: formatting the path of every value cost as much.
_Where = typing.Callable[[], str]
_Reader = typing.Callable[[Any, _Where], Any]
_READERS: dict[Any, _Reader] = {}


def _reader(tp: Any) -> typing.Callable[[Any, str], Any]:
    """The reader of a message class, taking the path as text."""
    read = _read(tp)

    def top(value: Any, path: str) -> Any:
        return read(value, lambda: path)
    return top


def _read(tp: Any) -> _Reader:
    reader = _READERS.get(tp)
    if reader is None:
        reader = _build(tp)
        _READERS[tp] = reader
    return reader


def _build(tp: Any) -> _Reader:  # noqa: C901 - one branch per wire type, as in the list above
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        rest = [o for o in get_args(tp) if o is not type(None)]
        if len(rest) != 1 or len(get_args(tp)) != 2:
            raise TypeError(f"{tp!r}: only `X | None` unions are wire types")
        inner = _read(rest[0])

        def optional(value: Any, where: _Where) -> Any:
            return None if value is None else inner(value, where)
        return optional
    if origin is typing.Literal:
        allowed = get_args(tp)

        def literal(value: Any, where: _Where) -> Any:
            if not isinstance(value, str) or value not in allowed:
                raise ProtocolError(f"{where()}: one of {', '.join(map(str, allowed))}")
            return value
        return literal
    if origin is list:
        (item_t,) = get_args(tp)
        item = _read(item_t)
        plain = _plain_types(item_t)

        def listed(value: Any, where: _Where) -> Any:
            if not isinstance(value, list):
                raise ProtocolError(f"{where()}: expected a list")
            return [v if isinstance(v, plain) else item(v, partial(_at, where, i))
                    for i, v in enumerate(value)]
        return listed
    if origin is dict:
        key_t, item_t = get_args(tp)
        if key_t is not str:
            raise TypeError(f"{tp!r}: only str keys are wire types")
        item = _read(item_t)
        plain = _plain_types(item_t)

        def mapping(value: Any, where: _Where) -> Any:
            if not isinstance(value, dict):
                raise ProtocolError(f"{where()}: expected an object")
            return {k: v if isinstance(v, plain) else item(v, partial(_in, where, k))
                    for k, v in value.items()}
        return mapping
    if tp is str:
        def text(value: Any, where: _Where) -> Any:
            if not isinstance(value, str):
                raise ProtocolError(f"{where()}: expected a string")
            return value
        return text
    if tp is bool:
        def flag(value: Any, where: _Where) -> Any:
            if not isinstance(value, bool):
                raise ProtocolError(f"{where()}: expected true or false")
            return value
        return flag
    if tp is int:
        def integer(value: Any, where: _Where) -> Any:
            # bool is an int to Python, never to the protocol
            if isinstance(value, bool) or not isinstance(value, int):
                raise ProtocolError(f"{where()}: expected an integer")
            if not INT_MIN <= value <= INT_MAX:
                raise ProtocolError(f"{where()}: integer out of range")
            return value
        return integer
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _message(tp)
    raise TypeError(f"{tp!r} is not a wire type")


def _message(cls: type) -> _Reader:
    fields: list[tuple[str, bool, _Reader, Any]] = []
    make = _maker(cls)

    def message(doc: Any, where: _Where) -> Any:
        if not isinstance(doc, dict):
            raise ProtocolError(f"{where() or cls.__name__}: expected an object")
        values: dict[str, Any] = {}
        for name, required, read, plain in fields:
            if name not in doc:
                if required:
                    raise ProtocolError(f"{_join(where(), name)}: missing")
                continue
            value = doc[name]
            # text, flags and their `| None` are read as they are: skipping the reader
            # skips making its path callable, which cost as much as the reading
            values[name] = (value if isinstance(value, plain)
                            else read(value, partial(_in, where, name)))
        try:
            return make(values)
        except (ValueError, TypeError) as e:  # __post_init__ checks of the message itself
            raise ProtocolError(f"{where() or cls.__name__}: {e}") from None

    # registered before its fields are built: a message may (indirectly) contain its kind
    _READERS[cls] = message
    fields.extend((name, required, _read(hint), _plain_types(hint))
                  for name, hint, required in _plan(cls))
    return message


def _plain_types(tp: Any) -> tuple[type, ...]:
    """The types whose values the reader of `tp` returns unchanged, without a check that
    could fail: an `isinstance` of these stands for calling it. Empty (no value is an
    instance of no type) for every other annotation."""
    if tp is str or tp is bool:  # not int: a bool is an int, and ints have a range
        return (tp,)
    if get_origin(tp) in (typing.Union, types.UnionType):
        args = get_args(tp)
        if len(args) == 2 and type(None) in args:
            (inner,) = (a for a in args if a is not type(None))
            if inner is str or inner is bool:
                return (inner, type(None))
    return ()


def _maker(cls: type) -> typing.Callable[[dict[str, Any]], Any]:
    """What makes the message from its decoded field values: `cls(**values)`, or, when
    that is the generated __init__ of a frozen dataclass, the same without it. That
    __init__ sets each field with object.__setattr__, some 7% of decoding a push of 100
    changes (measured against this shortcut); here the fields go into the instance's
    __dict__ at once (as Receipt.made does), defaults filled in as __init__ fills them,
    and __post_init__ runs as __init__ runs it, so every check of the message still runs.
    Any class the shortcut cannot copy exactly keeps the call."""
    def call(values: dict[str, Any]) -> Any:
        return cls(**values)

    init = cls.__dict__.get("__init__")
    code = getattr(init, "__code__", None)
    params = cls.__dict__.get("__dataclass_params__")
    names = tuple(f.name for f in dataclasses.fields(cls))
    if (code is None or params is None or not params.frozen
            # generated by this very class's @dataclass, not written in its body
            # (dataclasses keeps a hand-written __init__) or inherited. The name is how
            # Python 3.11 to 3.13 build it; should another name it, only the call is lost
            or getattr(code, "co_qualname", "") != "__create_fn__.<locals>.__init__"
            # its parameters are exactly the fields: no InitVar, no init=False field
            or sorted(code.co_varnames[1:code.co_argcount + code.co_kwonlyargcount])
            != sorted(names)
            # nothing between the call and __init__: no metaclass call, no __new__
            or type(cls) is not type or cls.__new__ is not object.__new__
            # a __dict__ for the fields: no slots anywhere (slots=True, __slots__)
            or any("__slots__" in vars(k) for k in cls.__mro__[:-1])
            # object.__setattr__ would call a data descriptor of the class; update not
            or any(_data_descriptor(inspect.getattr_static(cls, n, None)) for n in names)):
        return call

    # __init__ calls __post_init__ only if the class had one when it was decorated
    post_init = "__post_init__" in code.co_names
    order = tuple((f.name, f.default, f.default_factory) for f in dataclasses.fields(cls))
    new = object.__new__

    def make(values: dict[str, Any]) -> Any:
        if len(values) != len(order):
            # an optional field was absent (the reader checked the required ones): its
            # default in field order, as __init__ sets them, a factory called only now,
            # after every field was read, as it was in __init__
            values = {name: values[name] if name in values
                      else default if factory is dataclasses.MISSING else factory()
                      for name, default, factory in order}
        obj: Any = new(cls)
        obj.__dict__.update(values)
        if post_init:
            obj.__post_init__()
        return obj
    return make


def _data_descriptor(attr: Any) -> bool:
    return hasattr(type(attr), "__set__") or hasattr(type(attr), "__delete__")


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _in(where: _Where, name: str) -> str:
    return _join(where(), name)


def _at(where: _Where, index: int) -> str:
    return f"{where()}[{index}]"
