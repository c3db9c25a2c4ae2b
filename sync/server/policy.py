"""The center's policies for its laptops, stored in the server database (server_policy)
and delivered in every device status (GET /v1/device): for now the offline lease — the
days a laptop may go without contact before it opens only after an online check
(docs/sync.md, "Offline lease"). Off unless the center sets it (`server policy`)."""
from __future__ import annotations

import argparse
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol.exchange import MAX_LEASE_DAYS
from sync.server.errors import ServerError
from sync.server.models import ServerPolicy, utcnow


def offline_lease_days(session: Session) -> int | None:
    return session.execute(select(ServerPolicy.offline_lease_days)
                           .where(ServerPolicy.id == 1)).scalar_one_or_none()


def set_offline_lease(session: Session, days: int | None) -> None:
    row = session.get(ServerPolicy, 1)
    if row is None:
        session.add(ServerPolicy(id=1, offline_lease_days=days, updated_at=utcnow()))
    else:
        row.offline_lease_days = days
        row.updated_at = utcnow()


def parse_days(text: str) -> int | None:
    """`--offline-lease-days N|off`."""
    if text.strip().lower() == "off":
        return None
    try:
        days = int(text)
    except ValueError:
        days = 0
    if not 1 <= days <= MAX_LEASE_DAYS:
        raise ServerError(f"--offline-lease-days: 1~{MAX_LEASE_DAYS}일 또는 off",
                          f"--offline-lease-days: 1 to {MAX_LEASE_DAYS} days, or off")
    return days


def command(args: argparse.Namespace, lang: str) -> int:
    """`server policy --data DIR [--offline-lease-days N|off] [--json]`: sets what is
    given, then shows the policy as stored."""
    from sync.server import commands
    from sync.server.db import session_factory, write_session_factory

    days = parse_days(args.offline_lease_days) if args.offline_lease_days is not None \
        else False
    conf, engine = commands._open(args)
    try:
        commands._require_current_schema(engine)
        commands._check_identity(conf, engine)
        if days is not False:
            with write_session_factory(engine).begin() as session:
                set_offline_lease(session, days)
        with session_factory(engine)() as session:
            stored = offline_lease_days(session)
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps({"offline_lease_days": stored}))
    elif stored is None:
        print("offline-lease: 꺼짐" if lang != "en" else "offline-lease: off")
    else:
        print(f"offline-lease: {stored}일 — 그동안 연락이 없는 노트북은 온라인 확인 뒤에만 열립니다"
              if lang != "en" else f"offline-lease: {stored} days — a laptop without contact "
              "for that long opens only after an online check")
    return 0
