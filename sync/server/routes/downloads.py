"""GET /v1/downloads/{attachment_id} (signed): a complete attachment's ciphertext, with
HTTP Range so a cut download resumes (sync/server/downloads.py says who may read what)."""
from __future__ import annotations

from pathlib import Path as FsPath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from sync.protocol import ErrorBody, to_dict
from sync.server import downloads
from sync.server.auth import AuthedDevice, signed_device

router = APIRouter(tags=["files"])
Signed = Annotated[AuthedDevice, Depends(signed_device)]
UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
OCTETS = "application/octet-stream"
_BYTES: dict[str, Any] = {OCTETS: {"schema": {"type": "string", "format": "binary"}}}
_ERROR: dict[str, Any] = {"application/json": {"schema": {
    "type": "object", "required": ["error", "message"],
    "properties": {"error": {"type": "string"}, "message": {"type": "string"}}}}}


@router.get("/downloads/{attachment_id}", response_class=Response, responses={
    200: {"description": "the whole ciphertext", "content": _BYTES},
    206: {"description": "the range asked for (Content-Range)", "content": _BYTES},
    404: {"description": downloads.NOT_HERE, "content": _ERROR},
    416: {"description": "the range starts past the end (Content-Range: bytes */size)",
          "content": _ERROR}})
def get_download(request: Request, device: Signed,
                 attachment_id: Annotated[str, Path(pattern=UUID)],
                 range_: Annotated[str | None, Header(alias="Range")] = None) -> Response:
    """The ciphertext as stored, byte for byte; `ETag` is its SHA-256. One byte range
    (`bytes=N-`, `bytes=N-M`, `bytes=-N`) answers 206; any other Range is ignored."""
    data: FsPath | None = request.app.state.data
    if data is None:
        raise HTTPException(503, "this server has no data folder for files")
    with request.app.state.sessions() as session:
        blob = downloads.find(session, device, data, attachment_id)
    if blob is None:
        raise HTTPException(404, downloads.NOT_HERE)
    headers = {"Accept-Ranges": "bytes", "ETag": f'"{blob.sha256}"',
               "Cache-Control": "no-store"}
    try:
        span = downloads.byte_range(range_, blob.size)
    except downloads.Unsatisfiable:
        return JSONResponse(to_dict(ErrorBody(
            error="range_not_satisfiable", message=f"the file has {blob.size} bytes")),
            status_code=416, headers={**headers, "Content-Range": f"bytes */{blob.size}"})
    start, end = span or (0, blob.size)
    try:
        f = open(blob.path, "rb")  # noqa: SIM115 - closed by downloads.chunks
    except OSError:
        raise HTTPException(404, downloads.NOT_HERE) from None
    headers["Content-Length"] = str(end - start)
    if span is not None:
        headers["Content-Range"] = f"bytes {start}-{end - 1}/{blob.size}"
    return StreamingResponse(downloads.chunks(f, start, end),
                             status_code=206 if span is not None else 200,
                             media_type=OCTETS, headers=headers)
