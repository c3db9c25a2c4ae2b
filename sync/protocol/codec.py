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
import json
import types
import typing
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
        return {name: _plain(getattr(value, name)) for name, _t, _r in _plan(kind)}
    return value


def to_dict(msg: Any) -> dict[str, Any]:
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
    raise ProtocolError(f"{name} is not JSON")


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
    if not isinstance(doc, dict):
        raise ProtocolError(f"{path or cls.__name__}: expected an object")
    values: dict[str, Any] = {}
    for name, hint, required in _plan(cls):
        where = f"{path}.{name}" if path else name
        if name not in doc:
            if required:
                raise ProtocolError(f"{where}: missing")
            continue
        values[name] = _value(hint, doc[name], where)
    try:
        return cls(**values)
    except (ValueError, TypeError) as e:  # __post_init__ checks of the message itself
        raise ProtocolError(f"{path or cls.__name__}: {e}") from None


def _value(tp: Any, value: Any, where: str) -> Any:
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = get_args(tp)
        if value is None and type(None) in options:
            return None
        rest = [o for o in options if o is not type(None)]
        if len(rest) != 1:
            raise TypeError(f"{where}: only `X | None` unions are wire types")
        return _value(rest[0], value, where)
    if origin is typing.Literal:
        if value not in get_args(tp) or not isinstance(value, str):
            raise ProtocolError(f"{where}: one of {', '.join(map(str, get_args(tp)))}")
        return value
    if origin is list:
        if not isinstance(value, list):
            raise ProtocolError(f"{where}: expected a list")
        (item,) = get_args(tp)
        return [_value(item, v, f"{where}[{i}]") for i, v in enumerate(value)]
    if origin is dict:
        key_t, item = get_args(tp)
        if key_t is not str or not isinstance(value, dict):
            raise ProtocolError(f"{where}: expected an object")
        return {k: _value(item, v, f"{where}.{k}") for k, v in value.items()}
    if tp is str:
        if not isinstance(value, str):
            raise ProtocolError(f"{where}: expected a string")
        return value
    if tp is bool:
        if not isinstance(value, bool):
            raise ProtocolError(f"{where}: expected true or false")
        return value
    if tp is int:
        # bool is an int to Python, never to the protocol
        if isinstance(value, bool) or not isinstance(value, int):
            raise ProtocolError(f"{where}: expected an integer")
        if not INT_MIN <= value <= INT_MAX:
            raise ProtocolError(f"{where}: integer out of range")
        return value
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return decode(tp, value, where)
    raise TypeError(f"{where}: {tp!r} is not a wire type")
