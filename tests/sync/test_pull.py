"""GET /v1/pull and POST /v1/recipients against a real server: who receives which
changes (a worker the cases its worker authored, a desk everything, nobody its own
device's), envelopes cut to the puller's, paging that never skips nor repeats, and a
cursor that never passes a change committing late."""
from __future__ import annotations

import threading
import time

from sync.protocol import RecipientsRequest, RecipientsResponse, b64encode, from_json, to_json
from tests.sync.device import case_token, enrolled
from tests.sync.servers import (
    routes_server,  # noqa: F401 - the `server` of this module
    set_state,
    worker_name,
)


def _ids(pulled) -> list[str]:
    return [p.change.change_id for p in pulled]


def test_a_worker_receives_its_workers_cases_and_a_desk_everything(server):
    wa, wb = worker_name("a"), worker_name("b")
    a1, a2, b1 = enrolled(server, wa), enrolled(server, wa), enrolled(server, wb)
    desk = enrolled(server, worker_name("desk"), role="desk")
    ta, tb = case_token(), case_token()
    a_case = [a1.change(token=ta) for _ in range(3)]
    a_loose = [a1.change()]  # outside any case: its worker's devices only
    a1.push(a_case + a_loose)
    b_case = [b1.change(token=tb) for _ in range(2)]
    # b writes into a's case too (a token first seen from a stays a's)
    b_in_a = [b1.change(token=ta)]
    b1.push(b_case + b_in_a)
    ours = {c.change_id for c in a_case + a_loose + b_case + b_in_a}

    seen_a2 = set(_ids(a2.pull_all()[0])) & ours
    assert seen_a2 == {c.change_id for c in a_case + a_loose + b_in_a}
    assert set(_ids(a1.pull_all()[0])) & ours == {b_in_a[0].change_id}  # never its own
    assert set(_ids(b1.pull_all()[0])) & ours == set()
    b2 = enrolled(server, wb)
    assert set(_ids(b2.pull_all()[0])) & ours == {c.change_id for c in b_case}
    pulled = {p.change.change_id: p for p in desk.pull_all()[0]}
    assert ours <= set(pulled)
    assert pulled[a_case[0].change_id].author == wa
    assert pulled[b_in_a[0].change_id].author == wb


def test_envelopes_are_cut_to_the_puller(server):
    wa = worker_name()
    a1, a2, a3 = enrolled(server, wa), enrolled(server, wa), enrolled(server, wa)
    desk = enrolled(server, worker_name("desk"), role="desk")
    change = a1.change(to=[a2, a3])
    assert len(change.envelopes) == 4
    a1.push([change])
    org = a1.enrolled.sealing_key.key_id

    def envelopes(device):
        (p,) = [p for p in device.pull_all()[0] if p.change.change_id == change.change_id]
        return {(e.kind, e.recipient) for e in p.change.envelopes}

    assert envelopes(a2) == {("org", org), ("device", a2.key_id)}
    assert envelopes(a3) == {("org", org), ("device", a3.key_id)}
    assert envelopes(desk) == {("org", org)}
    # everything else of the change travels unchanged
    (p,) = [p for p in a2.pull_all()[0] if p.change.change_id == change.change_id]
    assert (p.change.content, p.change.device_seq) == (change.content, change.device_seq)


def test_paging_never_skips_nor_repeats(server):
    wa = worker_name()
    writer, reader = enrolled(server, wa), enrolled(server, wa)
    token = case_token()
    sent = [writer.change(token=token) for _ in range(45)]
    seqs = [r.server_seq for i in range(0, 45, 20)
            for r in writer.push(sent[i:i + 20]).receipts]
    start = min(seqs) - 1
    after, got, pages = start, [], 0
    while True:
        page = reader.pull(after, limit=7)
        pages += 1
        assert len(page.changes) <= 7
        assert all(p.server_seq > after for p in page.changes)
        if page.more:
            assert page.next_after == page.changes[-1].server_seq
        assert page.next_after >= after
        after = page.next_after
        got += page.changes
        if not page.more:
            break
    assert pages >= 7
    assert _ids(got) == [c.change_id for c in sent]
    assert [p.server_seq for p in got] == seqs
    # a cursor at the end gives an empty page that keeps the cursor
    last = reader.pull(after, limit=7)
    assert (last.changes, last.more, last.next_after) == ([], False, after)


def test_the_cursor_never_passes_a_change_committing_late(server):
    """Several devices push at once while another pulls in a loop: the pulled server
    sequences are exactly the stored ones, none twice (numbers follow commit order)."""
    wa = worker_name()
    writers = [enrolled(server, wa) for _ in range(4)]
    reader = enrolled(server, wa)
    token = case_token()
    cursor = reader.pull_all()[1]
    stored: list[int] = []
    lock = threading.Lock()
    errors: list[BaseException] = []

    def write(d) -> None:
        try:
            for _ in range(12):
                resp = d.push([d.change(token=token) for _ in range(3)])
                with lock:
                    stored.extend(r.server_seq for r in resp.receipts)
        except BaseException as e:  # noqa: BLE001 - reported by the main thread
            errors.append(e)

    threads = [threading.Thread(target=write, args=(d,)) for d in writers]
    for t in threads:
        t.start()
    pulled: list[int] = []
    deadline = time.monotonic() + 120
    while any(t.is_alive() for t in threads) and time.monotonic() < deadline:
        page = reader.pull(cursor, limit=5)
        pulled += [p.server_seq for p in page.changes]
        cursor = page.next_after
    for t in threads:
        t.join()
    assert not errors, errors
    rest, _ = reader.pull_all(cursor)
    pulled += [p.server_seq for p in rest]
    assert len(pulled) == len(set(pulled)), "a change was pulled twice"
    assert sorted(pulled) == sorted(stored) and len(stored) == 4 * 12 * 3


def test_recipients_are_the_devices_of_workers_with_access(server):
    wa, wb = worker_name("a"), worker_name("b")
    a1, a2, a3 = enrolled(server, wa), enrolled(server, wa), enrolled(server, wa)
    b1, b2 = enrolled(server, wb), enrolled(server, wb)
    ta, fresh = case_token(), case_token()
    a1.push([a1.change(token=ta)])
    set_state(server, a3.device_id, "revoked_lost")  # a lost laptop is sealed to no more
    set_state(server, a2.device_id, "retiring")  # still syncs until its outbox is empty
    r = b1.request("POST", "/v1/recipients",
                   to_json(RecipientsRequest(case_tokens=[ta, fresh])))
    assert r.status_code == 200, r.text
    resp = from_json(RecipientsResponse, r.content)

    def keys(items):
        return {(k.device_id, k.worker, k.key_id, k.key) for k in items}

    def expect(*devices):
        return {(d.device_id, d.worker, d.key_id, b64encode(d.sealing_raw)) for d in devices}

    assert set(resp.recipients) == {ta, fresh}
    assert keys(resp.recipients[ta]) == expect(a1, a2)
    assert keys(resp.recipients[fresh]) == expect(b1, b2)  # a new case is the asker's
    assert keys(resp.own) == expect(b1, b2)


def test_a_new_case_sent_by_two_workers_at_once_has_one_author(server):
    """A case token first seen in two concurrent pushes from two workers: as one after
    the other, the push that stores it first makes its worker the author (who receives
    the case on every laptop) and the other a writer in that case (who receives nothing
    of it without a share). Racing gains no access: the token is locked from the check to
    the commit. Every change is stored once, on both backends."""
    wa, wb = worker_name("a"), worker_name("b")
    a1, a2 = enrolled(server, wa), enrolled(server, wa)
    b1, b2 = enrolled(server, wb), enrolled(server, wb)
    token = case_token()
    senders = [a1, b1]
    batches = [[d.change(token=token) for _ in range(20)] for d in senders]
    start = threading.Barrier(2)
    answers: list = [None, None]

    def send(i: int) -> None:
        start.wait()
        answers[i] = senders[i].push(batches[i])

    threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for answer, batch in zip(answers, batches, strict=True):
        assert [r.change_id for r in answer.receipts] == [c.change_id for c in batch]
    every = {c.change_id for batch in batches for c in batch}
    seen = [set(_ids(d.pull_all()[0])) & every for d in (a2, b2)]
    assert sorted(len(s) for s in seen) == [0, len(every)]
    # the author is the worker whose push took the first server numbers
    first = min(range(2), key=lambda i: answers[i].receipts[0].server_seq)
    assert seen[first] == every
