"""Protocol messages over HTTP: signed bodies parsed by the protocol's codec (never by
pydantic, which would accept what the signature did not cover), answers written with
`to_json` (one byte form), and the OpenAPI request schemas of those bodies."""
from __future__ import annotations

from typing import Any, TypeVar

from fastapi import HTTPException
from fastapi.responses import Response

from sync.protocol import ProtocolError, from_json, to_json
from sync.protocol.exchange import (
    ENVELOPE_BYTES,
    MAX_CHANGES,
    MAX_CONTENT_BYTES,
    MAX_ENVELOPES,
    MAX_STATISTIC,
)

T = TypeVar("T")


def parse(cls: type[T], body: bytes) -> T:
    """The message, or 400 (not JSON) / 413 (too large) / 422 (wrong shape), one line."""
    try:
        return from_json(cls, body)
    except ProtocolError as e:
        text = str(e)
        status = (400 if text.startswith("malformed JSON")
                  else 413 if text.startswith("message too large") else 422)
        raise HTTPException(status, text) from None


def answer(msg: Any, status: int = 200) -> Response:
    return Response(to_json(msg), status_code=status, media_type="application/json")


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    # pydantic writes nested types as "$ref": "#/$defs/X", which does not resolve inside an
    # OpenAPI document; the protocol's types are not recursive, so inlining terminates
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            return _inline(defs[ref.removeprefix("#/$defs/")], defs)
        return {k: _inline(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inline(v, defs) for v in node]
    return node


_UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
_HEX64 = {"pattern": "^[0-9a-f]{64}$"}


def _b64(size: int) -> dict[str, Any]:
    """Standard base64 of exactly `size` bytes."""
    full, rest = divmod(size, 3)
    tail = {0: "", 1: "[AQgw]==", 2: "[AEIMQUYcgkosw048]="}[rest]
    # the last group: `rest` free characters, one with the unused bits zero, padding
    return {"pattern": f"^[A-Za-z0-9+/]{{{full * 4 + rest}}}{tail}$"}


def _b64_either(*sizes: int) -> dict[str, Any]:
    """Standard base64 of exactly one of `sizes` bytes."""
    return {"pattern": "^(?:" + "|".join(_b64(n)["pattern"][1:-1] for n in sizes) + ")$"}


# What the messages' __post_init__ checks, said in the schema too: the annotations give
# only "string" and "integer", so a client (and schemathesis) reading the schema would
# otherwise build bodies that are refused every time and never reach a handler's logic.
# By field name: the protocol uses each name with one meaning.
_FIELDS: dict[str, dict[str, Any]] = {
    **{name: {"pattern": _UUID} for name in (
        "change_id", "device_id", "record_id", "version_id", "attachment_id")},
    "case_token": _HEX64, "cipher_sha256": _HEX64,
    "recipient": {"pattern": "^[0-9a-f]{32}$"},
    "month": {"pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"},
    "form": {"pattern": "^[a-z][a-z0-9_]{0,63}$"},
    "code": {"pattern": "^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$"},
    "signing_key": _b64(32), "sealing_key": _b64(32), "wrapped": _b64_either(*ENVELOPE_BYTES),
    "content": {"pattern": "^([A-Za-z0-9+/]{4})*$", "maxLength": MAX_CONTENT_BYTES},
    "device_seq": {"minimum": 1},
    "form_version": {"minimum": 1, "maximum": 10_000},
    "cipher_size": {"minimum": 0, "maximum": 2**40},
    "parents": {"maxItems": 16, "items": {"pattern": _UUID}},
    "envelopes": {"minItems": 1, "maxItems": MAX_ENVELOPES},
    "changes": {"minItems": 1, "maxItems": MAX_CHANGES},
    "case_tokens": {"maxItems": 500, "items": _HEX64},
    # a laptop's report (DeviceReport): counts, and the app's version
    **{name: {"minimum": 0} for name in (
        "pending_changes", "pending_files", "pending_bytes", "conflicts", "inbox_waiting")},
    "app_version": {"pattern": "^[0-9A-Za-z.+_-]{1,40}$"},
    "last_success": {"pattern": "^20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"
                                "T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]Z$"},
    "statistic": {"maxProperties": MAX_STATISTIC,
                  "propertyNames": {"pattern": "^[a-z][a-z0-9_.]{0,99}$"},
                  "additionalProperties": {"type": "string", "maxLength": 100}},
}


def _constrain(node: Any) -> Any:
    if isinstance(node, list):
        return [_constrain(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: _constrain(v) for k, v in node.items()}
    for name, prop in (out.get("properties") or {}).items():
        rule = _FIELDS.get(name)
        if rule is None:
            continue
        # `X | None` is anyOf [X, null]: the rule is X's
        targets = [b for b in prop.get("anyOf", [prop]) if b.get("type") != "null"]
        for t in targets:
            for key, value in rule.items():
                t[key] = {**t.get(key, {}), **value} if isinstance(value, dict) else value
    return out


def body_schema(cls: type) -> dict[str, Any]:
    """`openapi_extra` for a route whose body is `cls`, read from the raw bytes."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(cls).json_schema()
    inlined = _constrain(_inline(schema, schema.get("$defs", {})))
    return {"requestBody": {"required": True,
                            "content": {"application/json": {"schema": inlined}}}}
