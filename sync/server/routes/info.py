"""GET /v1/info and /v1/health: unauthenticated, what a laptop asks before enrolling."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException
from sqlalchemy import text

from sync.protocol import PROTOCOL_VERSION, Health, ServerInfo
from sync.server import identity
from sync.server.deps import SessionDep

router = APIRouter(tags=["info"])


@router.get("/info", response_model=ServerInfo)
def get_info(session: SessionDep) -> ServerInfo:
    try:
        ident = identity.load(session)
    except identity.NoIdentity:
        # a migrated but never initialised database: not the client's fault, not a crash
        raise HTTPException(503, "the server has no identity (run `donghaeng server init`)"
                            ) from None
    return identity.info(ident)


@router.get("/health", response_model=Health)
def get_health(session: SessionDep) -> Health:
    session.execute(text("SELECT 1"))
    return Health(status="ok", protocol_version=PROTOCOL_VERSION)
