"""Purge across sync (PIPA art. 21) through the real commands, on SQLite and PostgreSQL:
a worker's purge of a synced case is a request the desk sees with its reason; the desk's
purge is the order; the server then empties the case's stored changes and drops its
files; every device that held the case purges it on pull; a laptop that is not a desk
cannot send an order."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from sync.server.models import Change, StoredFile
from tests.sync.conftest import BACKENDS, served
from tests.sync.device import case_token, enrolled
from tests.sync.laptops import enroll, new_laptop
from tests.sync.servers import db
from tests.sync.test_desk import _import
from tests.sync.test_round import _session


@pytest.fixture(scope="module", params=BACKENDS)
def srv(request, tmp_path_factory):
    with served(request, tmp_path_factory, "purge") as s:
        yield s


def test_a_purge_requested_by_the_author_and_ordered_by_the_desk_reaches_everyone(
        srv, tmp_path):
    a = new_laptop(tmp_path, "a", "파기요청자")
    b = new_laptop(tmp_path, "b", "공유받은이")
    rid = a.put(tmp_path, "companion_session", _session("법원", "파기될 사례의 기록입니다"),
                case="PGA-2026-0001")
    kept = a.put(tmp_path, "companion_session", _session("병원", "남아야 하는 다른 사례입니다"),
                 case="PGA-2026-0002")
    photo = tmp_path / "photo.bin"
    photo.write_bytes(b"\x89PNG fake evidence bytes " * 400)
    a.ok("attach", "--record", rid, str(photo))
    desk = new_laptop(tmp_path, "desk", "파기데스크")
    assert _import(desk, srv, tmp_path).code == 0
    for lap in (a, b):
        enroll(srv, lap)
    enroll(srv, desk, role="desk")
    a.json("sync")
    assert a.run("sync", "share", "--case", "PGA-2026-0001", "--worker", "공유받은이").code == 0
    b.json("sync")
    desk.json("sync")
    assert rid in {x["id"] for x in b.json("record", "list")}
    with db(srv) as s:
        att_ids = [x for x in s.execute(select(Change.attachment_id).where(
            Change.record_id == rid, Change.attachment_id.is_not(None))).scalars()]
        blobs = list(s.execute(select(StoredFile.cipher_sha256).where(
            StoredFile.attachment_id.in_(att_ids))).scalars())
    assert len(blobs) == 1
    blob = srv.data / "files" / blobs[0][:2] / blobs[0]
    assert blob.exists()

    # the author purges: a request (the case is gone on the author's laptop at once)
    a.ok("record", "purge", "--case", "PGA-2026-0001", "--reason", "피해자 본인의 삭제 요청")
    a.json("sync")
    desk.json("sync")
    (req,) = [r for r in desk.json("desk", "purges") if r["code"] == "PGA-2026-0001"]
    assert req["by"] == "파기요청자" and req["reason"] == "피해자 본인의 삭제 요청"
    b.json("sync")
    assert rid in {x["id"] for x in b.json("record", "list")}  # not before the order
    assert blob.exists()

    # the desk orders it
    desk.ok("record", "purge", "--case", "PGA-2026-0001@파기요청자", "--reason",
            "센터 확인: 본인 요청")
    desk.json("sync")
    assert desk.json("desk", "purges") == []
    with db(srv) as s:
        rows = s.execute(select(Change.purged, Change.body, Change.op).where(
            Change.record_id == rid)).all()
        assert rows and all(r.purged and r.body == b"" for r in rows)
        assert s.execute(select(StoredFile).where(
            StoredFile.attachment_id.in_(att_ids))).first() is None
    assert not blob.exists()
    b.json("sync")
    listed = {x["id"] for x in b.json("record", "list")}
    assert rid not in listed
    assert b.run("record", "show", rid).code == 1
    assert kept not in listed and kept in {x["id"] for x in a.json("record", "list")}
    # a laptop enrolled afterwards receives nothing of the purged case
    b2 = new_laptop(tmp_path, "b2", "공유받은이")
    enroll(srv, b2)
    b2.json("sync")
    assert rid not in {x["id"] for x in b2.json("record", "list")}
    st = desk.json("sync", "status")
    assert st["pending_changes"] == 0


def test_only_a_desk_can_send_a_purge_order(srv):
    worker = enrolled(srv, "주문불가")
    order = worker.change(op="purge_order", token=case_token())
    r = worker.push_raw([order])
    assert r.status_code == 403 and "desk" in r.text
    desk = enrolled(srv, "주문가능데스크", role="desk")
    assert desk.push([desk.change(op="purge_order", token=case_token())]).receipts
