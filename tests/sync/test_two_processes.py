"""Two `server run` processes on one PostgreSQL database act as one server: devices push
concurrently, each batch to a random process, and retry the same batch on the other one
(an answer lost on the way back) — sometimes both at once. Every change is stored exactly
once, every device's high-water mark is its count, and server sequences are unique."""
from __future__ import annotations

import random
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from sync.protocol import PushRequest, PushResponse, from_json, to_json
from sync.protocol.signing import sign_request
from sync.server.models import utcnow
from tests.sync.device import case_token, enrolled
from tests.sync.servers import (
    device_status,
    routes_server,  # noqa: F401 - the `server` of this module
    status,
    worker_name,
)

DEVICES, BATCHES = 4, 10


def _push(client: httpx.Client, d, changes) -> PushResponse:
    body = to_json(PushRequest(changes=changes))
    h = sign_request(d.signing, d.device_id, "POST", "/v1/push", body, utcnow())
    h["Content-Type"] = "application/json"
    r = client.post("/v1/push", content=body, headers=h)
    assert r.status_code == 200, r.text
    return from_json(PushResponse, r.content)


@pytest.mark.parametrize("server", ["postgresql"], indirect=True)
def test_two_processes_store_every_change_exactly_once(server):
    while len(server.urls) < 2:
        server.start()
    urls = server.urls[:2]
    workers = [worker_name("a"), worker_name("b")]
    devices = [enrolled(server, workers[i % 2]) for i in range(DEVICES)]
    desk = enrolled(server, worker_name("desk"), role="desk")
    tokens = {w: case_token() for w in workers}
    before = status(server)
    receipts: dict[str, set] = {}
    lock = threading.Lock()

    def run(d, seed: int) -> None:
        rng = random.Random(seed)
        clients = [server.client(url=u) for u in urls]
        try:
            with ThreadPoolExecutor(2) as both:
                for _ in range(BATCHES):
                    batch = [d.change(token=tokens[d.worker])
                             for _ in range(rng.randint(1, 5))]
                    first = rng.randrange(2)
                    if rng.random() < 0.3:  # the same batch to both processes at once
                        answers = list(both.map(_push, clients, [d, d], [batch, batch]))
                    else:  # then retried on the other one
                        answers = [_push(clients[first], d, batch),
                                   _push(clients[1 - first], d, batch)]
                    for resp in answers:
                        assert resp.refused == [] and resp.expected_seq is None, resp
                        assert [r.change_id for r in resp.receipts] == \
                            [c.change_id for c in batch]
                    with lock:
                        for resp in answers:
                            for r in resp.receipts:
                                receipts.setdefault(r.change_id, set()).add(r)
        finally:
            for c in clients:
                c.close()

    with ThreadPoolExecutor(DEVICES) as pool:
        for f in [pool.submit(run, d, i) for i, d in enumerate(devices)]:
            f.result()

    # every answer for a change was the one receipt stored for it
    assert all(len(rs) == 1 for rs in receipts.values()), \
        [rs for rs in receipts.values() if len(rs) > 1][:1]
    seqs = [next(iter(rs)).server_seq for rs in receipts.values()]
    assert len(seqs) == len(set(seqs))
    for d in devices:
        row = device_status(server, d.device_id)
        assert row["changes"] == row["seq"] == d.seq, (row, d.seq)
    after = status(server)
    assert after["changes"] - before["changes"] == len(receipts) == sum(d.seq
                                                                        for d in devices)
    assert after["quarantined"] == before["quarantined"]
    # the desk pulls each of them once, from either process
    pulled = [p.change.change_id for p in desk.pull_all(min(seqs) - 1)[0]]
    mine = [c for c in pulled if c in receipts]
    assert len(mine) == len(set(mine)) == len(receipts)
