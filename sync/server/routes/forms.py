"""GET /v1/forms (signed): the form releases after a release sequence number. Any
enrolled device that may sync takes them; each laptop verifies every release against the
organisation signing key it pinned at enrollment (desktop/syncing/releases.py)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from sync.protocol import FORMS_PAGE_LIMIT, FormReleasePage
from sync.server import form_releases
from sync.server.auth import AuthedDevice, signed_device
from sync.server.wire import answer

router = APIRouter(tags=["sync"])
RELEASE_SEQ_MAX = 2**31 - 1


@router.get("/forms", response_model=FormReleasePage)
def get_forms(request: Request, device: Annotated[AuthedDevice, Depends(signed_device)],
              # release numbers are a 32-bit column: a larger cursor was a 500 on
              # PostgreSQL (schemathesis found it)
              after: Annotated[int, Query(ge=0, le=RELEASE_SEQ_MAX)] = 0,
              limit: Annotated[int, Query(ge=1, le=FORMS_PAGE_LIMIT)] = FORMS_PAGE_LIMIT
              ) -> Response:
    with request.app.state.sessions() as session:
        return answer(form_releases.page(session, after, limit))
