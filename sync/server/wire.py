"""Protocol messages over HTTP: signed bodies parsed by the protocol's codec (never by
pydantic, which would accept what the signature did not cover), answers written with
`to_json` (one byte form), and the OpenAPI request schemas of those bodies."""
from __future__ import annotations

from typing import Any, TypeVar

from fastapi import HTTPException
from fastapi.responses import Response

from sync.protocol import ProtocolError, from_json, to_json

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


def body_schema(cls: type) -> dict[str, Any]:
    """`openapi_extra` for a route whose body is `cls`, read from the raw bytes."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(cls).json_schema()
    inlined = _inline(schema, schema.get("$defs", {}))
    return {"requestBody": {"required": True,
                            "content": {"application/json": {"schema": inlined}}}}
